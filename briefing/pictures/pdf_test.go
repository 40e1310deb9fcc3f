package pictures

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/render"
	"briefing/internal/testkit"
)

// TestLabelsInPDF lays the three pictures out on a page, renders it and
// reads the labels back with pdftotext: they are real text, in both
// languages, and the PDF passes qpdf --check.
func TestLabelsInPDF(t *testing.T) {
	pdftotext, qpdf := testkit.Tool(t, "pdftotext"), testkit.Tool(t, "qpdf")
	m := metrics(t)
	ff, err := render.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			figs := []layout.Figure{
				RiskMatrix{LikelihoodLabel: axes[lang][0], ImpactLabel: axes[lang][1], Risks: seedRisks(), Style: style, Metrics: m}.Figure(),
				KillChain{Phases: phases[lang], Highlight: [7]bool{true, true}, Style: style, Metrics: m}.Figure(),
				SupplierChart{Bars: suppliers[lang], Style: style, Metrics: m}.Figure(),
			}
			var blocks []layout.Block
			var want []string
			for _, f := range figs {
				f.SpaceAfter = 20
				blocks = append(blocks, f)
				_, boxes := f.Draw(layout.A4.Width - layout.A4.Left - layout.A4.Right)
				want = append(want, texts(boxes)...)
			}
			pages, err := layout.Lay(layout.Document{Paper: layout.A4, Blocks: blocks}, m)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != 1 {
				t.Errorf("%d pages, want the three pictures on one", len(pages))
			}
			var buf bytes.Buffer
			if err := render.PDF(&buf, pages, render.Info{Lang: lang}, ff); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "pictures."+lang+".pdf")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
				t.Errorf("qpdf --check: %v\n%s", err, out)
			}
			out, err := exec.Command(pdftotext, path, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			got := strings.Join(strings.Fields(string(out)), " ")
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("label %q not in the PDF's text:\n%s", w, got)
				}
			}
			ph := phases[lang]
			for _, w := range []string{ph[0], ph[4], suppliers[lang][0].Note, axes[lang][0]} {
				if !strings.Contains(got, w) {
					t.Errorf("%q not in the PDF's text", w)
				}
			}
		})
	}
}
