package pdfua_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"briefing/briefing/build"
	"briefing/briefing/render"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// TestTaggingCost: tagging adds little to a sample briefing (the sizes
// are logged: go test -v -run TestTaggingCost ./internal/pdfua) and
// changes no pixel of its pages: the tagged and the untagged PDF of each
// sample render alike (pdftoppm, 50 dpi).
func TestTaggingCost(t *testing.T) {
	th := fixture.Theme(t)
	files, _ := filepath.Glob("../../samples/*.toml")
	dir := t.TempDir()
	for _, f := range files {
		inc := fixture.Incident(t, f)
		for _, lang := range []string{"ja", "en"} {
			pages, ds := build.Briefing(inc, lang, th, false)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			var size [2]int
			var pix [2][]byte
			for i, opt := range []render.Options{{Untagged: true}, {}} {
				var buf bytes.Buffer
				if err := render.Write(&buf, pages, render.Info{Title: inc.ID, Lang: lang}, th, opt); err != nil {
					t.Fatal(err)
				}
				size[i] = buf.Len()
				p := filepath.Join(dir, "x.pdf")
				if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				pix[i] = []byte(testkit.Run(t, "pdftoppm", "-r", "50", "-gray", p))
			}
			name := filepath.Base(f) + " " + lang
			t.Logf("%s: %d bytes untagged, %d tagged (+%d, +%.1f%%)", name, size[0], size[1], size[1]-size[0],
				100*float64(size[1]-size[0])/float64(size[0]))
			if size[1] > size[0]*5/4 {
				t.Errorf("%s: tagging adds more than a quarter: %d → %d bytes", name, size[0], size[1])
			}
			if !bytes.Equal(pix[0], pix[1]) || len(pix[0]) < 1000 {
				t.Errorf("%s: the tagged pages render differently from the untagged", name)
			}
		}
	}
}
