package build

import (
	"context"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// TestJPEGCodings: a JPEG that libjpeg reads but image/jpeg does not is
// never called damaged. One in arithmetic coding (jpegtran -arithmetic)
// is refused, as a figure and as a logo, with what to do; a CMYK JPEG
// without Adobe's APP14 segment is drawn, its colours as ImageMagick and
// browsers show them (red at the top left), as a figure and as a logo.
func TestJPEGCodings(t *testing.T) {
	testkit.Tool(t, "pdftoppm")
	dir := t.TempDir()
	for _, n := range []string{"arith.jpg", "cmyk-noadobe.jpg", "cmyk-noadobe-small.jpg"} {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, n, string(b))
	}
	figure := func(file string) string {
		return "format = 2\nid = \"f\"\ndate = 2026-11-24\ntlp = \"CLEAR\"\ntitle = \"JPEG\"\nsummary = \"S\"\n\n[[figures]]\nfile = \"" + file + "\"\nalt = \"quarters\"\n"
	}
	r := File(context.Background(), writeFile(t, dir, "arith.toml", figure("arith.jpg")), &Options{Dir: dir, Theme: testTheme(t), Langs: []string{"en"}})
	want := "arith.toml:9:8: figures[1].file: \"arith.jpg\" is an unsupported JPEG (arithmetic coding), which briefing cannot read: save it as a baseline JPEG (or a PNG)"
	if got := r.Diagnostics.Error(); !strings.Contains(got, want) || strings.Contains(got, "damaged") || len(r.Outputs) != 0 {
		t.Errorf("arithmetic coding: %q, %d PDFs; want %q", got, len(r.Outputs), want)
	}
	_, err := theme.Load(writeFile(t, dir, "arith-logo.toml", "[organization]\nlogo = \"arith.jpg\"\n"))
	if err == nil || !strings.Contains(err.Error(), "arith-logo.toml:2:1: organization.logo: logo ") || !strings.Contains(err.Error(), "arith.jpg is an unsupported JPEG (arithmetic coding)") {
		t.Errorf("an arithmetic-coded logo: %v", err)
	}

	th, err := theme.Load(writeFile(t, dir, "cmyk-logo.toml", "[organization]\nlogo = \"cmyk-noadobe-small.jpg\"\n"))
	if err != nil {
		t.Fatalf("a CMYK logo without Adobe's segment: %v", err)
	}
	r = File(context.Background(), writeFile(t, dir, "cmyk.toml", figure("cmyk-noadobe.jpg")), &Options{Dir: dir, Theme: th, Langs: []string{"en"}})
	if len(r.Diagnostics) > 0 || len(r.Outputs) != 1 {
		t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
	}
	// The logo (48 × 48, kept as its file is) and the figure, each with
	// its colours where they belong.
	testkit.Run(t, "pdfimages", "-png", r.Outputs[0].Path, filepath.Join(dir, "img"))
	quarters := []color.RGBA{{0xff, 0, 0, 0xff}, {0, 0x80, 0, 0xff}, {0, 0, 0xff, 0xff}, {0xff, 0xff, 0, 0xff}}
	pngs, _ := filepath.Glob(filepath.Join(dir, "img-*.png"))
	if len(pngs) != 2 {
		t.Fatalf("%d pictures in the PDF, want the logo and the figure", len(pngs))
	}
	for _, p := range append(pngs, filepath.Join(dir, "p.png")) {
		if p == filepath.Join(dir, "p.png") {
			testkit.Run(t, "pdftoppm", "-r", "72", "-png", "-singlefile", r.Outputs[0].Path, filepath.Join(dir, "p"))
		}
		cx, cy, _ := quarterCentres(t, p, quarters, "in "+filepath.Base(p))
		if !(cx[0] < cx[1] && cx[2] < cx[3] && cy[0] < cy[2] && cy[1] < cy[3]) {
			t.Errorf("%s: the colours are not where ImageMagick shows them: centres red %d,%d green %d,%d blue %d,%d yellow %d,%d",
				filepath.Base(p), cx[0], cy[0], cx[1], cy[1], cx[2], cy[2], cx[3], cy[3])
		}
	}
}
