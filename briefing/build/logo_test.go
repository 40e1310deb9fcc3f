package build

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"strconv"
	"strings"
	"testing"

	xdraw "golang.org/x/image/draw"

	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// logoTheme writes a template naming a logo of 40×20 pixels (half of it
// translucent) in the given format and loads it.
func logoTheme(t *testing.T, format string) *theme.Theme {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			a := uint8(0xFF)
			if x >= 20 {
				a = 0x80
			}
			img.Set(x, y, color.NRGBA{R: uint8(6 * x), G: 0x40, B: uint8(12 * y), A: a})
		}
	}
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, dir, "logo."+format, buf.String())
	p := writeFile(t, dir, "acme.toml", "[organization]\nname = \"Acme Security\"\nlogo = \"logo."+format+"\"\n")
	th, err := theme.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if th.Logo == nil {
		t.Fatal("the template has no logo")
	}
	return th
}

// TestLogo renders the seed sample with a template that has a logo: every
// page shows it (one picture, drawn on each page) beside the organization,
// and two renders give the same bytes.
func TestLogo(t *testing.T) {
	for _, format := range []string{"png", "jpeg"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			th := logoTheme(t, format)
			var outs [2][]byte
			var pdf string
			for i := range outs {
				dir := t.TempDir()
				r := File(context.Background(), "../../samples/pla-61419-antivirus.toml", &Options{Dir: dir, Theme: th, Langs: []string{"en"}})
				if len(r.Diagnostics) > 0 || len(r.Outputs) != 1 {
					t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
				}
				pdf = r.Outputs[0].Path
				b, err := os.ReadFile(pdf)
				if err != nil {
					t.Fatal(err)
				}
				outs[i] = b
			}
			if !bytes.Equal(outs[0], outs[1]) {
				t.Error("two renders with a logo differ")
			}
			ps := pages(t, pdf)
			for i, p := range ps {
				if !strings.Contains(p, "Acme Security") {
					t.Errorf("page %d: no organization in the header:\n%s", i+1, p)
				}
			}
			// pdfimages -list: page num type width height color comp bpc enc interp object ID …
			list := testkit.Run(t, "pdfimages", "-list", pdf)
			objects := map[string]bool{}
			perPage := map[string]int{}
			masks := 0
			for _, line := range strings.Split(list, "\n")[2:] {
				f := strings.Fields(line)
				if len(f) < 12 {
					continue
				}
				switch f[2] {
				case "image":
					perPage[f[0]]++
					objects[f[10]] = true
					if f[3] != "40" || f[4] != "20" {
						t.Errorf("picture of %s×%s pixels, want 40×20", f[3], f[4])
					}
				case "smask":
					masks++
				}
			}
			if len(perPage) != len(ps) {
				t.Errorf("pictures on %d of %d pages:\n%s", len(perPage), len(ps), list)
			}
			for pg, n := range perPage {
				if n != 1 {
					t.Errorf("page %s has %d pictures, want 1", pg, n)
				}
			}
			if len(objects) != 1 {
				t.Errorf("the logo is written %d times, want once:\n%s", len(objects), list)
			}
			if format == "png" && masks != len(ps) {
				t.Errorf("%d soft masks for %d pages: the translucent half is lost:\n%s", masks, len(ps), list)
			}
			if out := testkit.Run(t, "qpdf", "--check", pdf); !strings.Contains(out, "No syntax or stream encoding errors") {
				t.Errorf("qpdf --check:\n%s", out)
			}
		})
	}
}

// TestStress renders testdata/stress.toml with a logo template and reads
// it back: every page marked AMBER+STRICT, the untranslated texts tagged,
// the kill chain drawn on the page of its heading, the risk matrix on the
// page where the risk list starts.
func TestStress(t *testing.T) {
	t.Parallel()
	th := logoTheme(t, "png")
	dir := t.TempDir()
	r := File(context.Background(), "testdata/stress.toml", &Options{Dir: dir, Theme: th})
	if r.Diagnostics.HasErrors() || len(r.Outputs) != 2 {
		t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
	}
	if len(r.Diagnostics) != 2 {
		t.Errorf("want 2 warnings (impact, risks[8].text untranslated), got %v", r.Diagnostics)
	}
	words := map[string][4]string{
		// heading, a label only the drawing has, matrix legend, first risk
		"ja": {"キルチェーン", "インストール", "発生可能性 × 影響度", "電力供給の停止"},
		"en": {"Kill chain", "Installation", "Likelihood × Impact", "Loss of power supply"},
	}
	for _, o := range r.Outputs {
		ps := pages(t, o.Path)
		w := words[o.Lang]
		onPage := func(s string) int {
			for i, p := range ps {
				if strings.Contains(p, s) {
					return i + 1
				}
			}
			return 0
		}
		for i, p := range ps {
			if !strings.Contains(p, "TLP:AMBER+STRICT") {
				t.Errorf("%s page %d: no TLP:AMBER+STRICT", o.Lang, i+1)
			}
		}
		if a, b := onPage(w[0]), onPage(w[1]); a == 0 || a != b {
			t.Errorf("%s: kill chain heading on page %d, its drawing on page %d", o.Lang, a, b)
		}
		if a, b := onPage(w[2]), onPage(w[3]); a == 0 || a != b {
			t.Errorf("%s: risk matrix on page %d, the risk list starts on page %d", o.Lang, a, b)
		}
		if o.Lang == "en" && strings.Count(flat(ps), "[untranslated]") != 2 {
			t.Errorf("en: %d untranslated tags, want 2", strings.Count(flat(ps), "[untranslated]"))
		}
	}
}

// seedWithLogo renders the seed sample in English with a template whose
// logo is img as a PNG, and returns the PDF's path and the folder it is
// in. The seed has no figures, so every picture in the PDF is the logo.
func seedWithLogo(t *testing.T, img image.Image) (pdf, dir string) {
	t.Helper()
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	writeFile(t, dir, "logo.png", buf.String())
	th, err := theme.Load(writeFile(t, dir, "acme.toml", "[organization]\nlogo = \"logo.png\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := File(context.Background(), "../../samples/pla-61419-antivirus.toml", &Options{Dir: dir, Theme: th, Langs: []string{"en"}})
	if len(r.Diagnostics) > 0 || len(r.Outputs) != 1 {
		t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
	}
	return r.Outputs[0].Path, dir
}

// TestLogoResolution: a logo of 5000 × 4000 pixels (and one twenty times
// as wide as tall, whose width limits it) is printed at 300 dpi at most:
// the picture in the PDF is the one scaled down when the template was
// loaded, not the marketing file.
func TestLogoResolution(t *testing.T) {
	for _, c := range []struct {
		w, h         int
		wantW, wantH string
	}{{5000, 4000, "72", "58"}, {4000, 200, "501", "25"}} {
		t.Run(fmt.Sprintf("%dx%d", c.w, c.h), func(t *testing.T) {
			t.Parallel()
			img := image.NewNRGBA(image.Rect(0, 0, c.w, c.h))
			for i := range img.Pix {
				img.Pix[i] = uint8(i)
			}
			pdf, _ := seedWithLogo(t, img)
			// page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
			list := testkit.Run(t, "pdfimages", "-list", pdf)
			n := 0
			for _, line := range strings.Split(list, "\n")[2:] {
				f := strings.Fields(line)
				if len(f) < 14 || f[2] != "image" {
					continue
				}
				n++
				if f[3] != c.wantW || f[4] != c.wantH {
					t.Errorf("picture of %s×%s pixels, want %s×%s", f[3], f[4], c.wantW, c.wantH)
				}
				for _, s := range f[12:14] {
					ppi, err := strconv.Atoi(s)
					if err != nil || ppi > 300 || ppi < 280 {
						t.Errorf("printed at %s ppi, want 280–300:\n%s", s, list)
					}
				}
			}
			if n == 0 {
				t.Errorf("no logo in the PDF:\n%s", list)
			}
		})
	}
}

// TestLogoLooks: a 1500 × 1000 logo with bars like letters and a
// transparent band, scaled down a row at a time when the template is
// loaded, reads back from the PDF (pdfimages: the picture and its soft
// mask) as the bilinear scaling of the whole picture
// (golang.org/x/image/draw) made it before: under 2 of 255 apart a
// sample on average (premultiplied by alpha), at most 48 at the bars'
// edges.
func TestLogoLooks(t *testing.T) {
	t.Parallel()
	const w, h = 1500, 1000
	src := testkit.Lettered(w, h)
	pdf, dir := seedWithLogo(t, src)
	testkit.Run(t, "pdfimages", "-png", "-f", "1", "-l", "1", pdf, dir+"/im")
	read := func(name string) image.Image {
		f, err := os.Open(dir + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	colour, mask := read("im-000.png"), read("im-001.png")
	b := colour.Bounds()
	if b.Dx() != 87 || b.Dy() != 58 || mask.Bounds() != b {
		t.Fatalf("logo of %v, mask %v; want 87 × 58", b, mask.Bounds())
	}
	old := image.NewRGBA(b)
	xdraw.BiLinear.Scale(old, b, src, src.Bounds(), xdraw.Src, nil)
	var sum, most int
	for y := range b.Dy() {
		for x := range b.Dx() {
			cr, cg, cb, _ := colour.At(x, y).RGBA()
			a, _, _, _ := mask.At(x, y).RGBA()
			got := [4]int{int(cr * a / 0xffff >> 8), int(cg * a / 0xffff >> 8), int(cb * a / 0xffff >> 8), int(a >> 8)}
			o := old.RGBAAt(x, y)
			for i, v := range [4]uint8{o.R, o.G, o.B, o.A} {
				d := got[i] - int(v)
				d = max(d, -d)
				sum, most = sum+d, max(most, d)
			}
		}
	}
	mean := float64(sum) / float64(4*b.Dx()*b.Dy())
	t.Logf("against bilinear: mean difference %.2f, largest %d", mean, most)
	if mean > 2 || most > 48 {
		t.Errorf("the logo read back differs from the bilinear scaling by %.2f on average, %d at most", mean, most)
	}
}
