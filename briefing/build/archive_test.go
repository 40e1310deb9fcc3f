package build

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// checkArchival reads the PDF at path back with independent readers:
// the PDF/A rules render implements on the objects qpdf gives
// (testkit.PDFA, the part the file should claim from its attachments),
// qpdf --check, pdfcpu's validation (strict; relaxed for PDF/A-3, since
// pdfcpu knows /AFRelationship from PDF 2.0 only) and Ghostscript drawing
// every page without a word on stderr.
func checkArchival(t *testing.T, path string) {
	t.Helper()
	for _, f := range testkit.PDFA(t, path, 0) {
		t.Errorf("%s: %s", filepath.Base(path), f)
	}
	testkit.Run(t, "qpdf", "--check", path)
	api.DisableConfigDir()
	conf := pdfmodel.NewDefaultConfiguration()
	conf.ValidationMode = pdfmodel.ValidationStrict
	if strings.Contains(testkit.Run(t, "qpdf", "--list-attachments", path), " -> ") {
		conf.ValidationMode = pdfmodel.ValidationRelaxed
	}
	if err := api.ValidateFile(path, conf); err != nil {
		t.Errorf("pdfcpu validate: %v", err)
	}
	out, err := exec.Command(testkit.Tool(t, "gs"), "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", path).CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("Ghostscript on %s: %v\n%s", filepath.Base(path), err, out)
	}
}

// TestArchivalSamples: the samples (with their sources attached: PDF/A-3u)
// and the stress incident with a translucent logo (PDF/A-3u for its
// indicators, or 2u), in Japanese and English, pass checkArchival (the
// digest's test is in package digest).
func TestArchivalSamples(t *testing.T) {
	t.Parallel()
	testkit.Tool(t, "qpdf")
	samples, _ := filepath.Glob("../../samples/*.toml")
	dir := t.TempDir()
	var paths []string
	for _, f := range samples {
		r := File(context.Background(), f, &Options{Dir: dir, Theme: fixture.Theme(t), AttachSource: true})
		if r.Diagnostics.HasErrors() || len(r.Outputs) == 0 {
			t.Fatalf("%s: %v", f, r.Diagnostics)
		}
		for _, o := range r.Outputs {
			paths = append(paths, o.Path)
		}
	}
	r := File(context.Background(), "testdata/stress.toml", &Options{Dir: dir, Theme: logoTheme(t, "png")})
	if r.Diagnostics.HasErrors() || len(r.Outputs) != 2 {
		t.Fatalf("stress: %v", r.Diagnostics)
	}
	for _, o := range r.Outputs {
		paths = append(paths, o.Path)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			t.Parallel()
			checkArchival(t, p)
		})
	}
	if n := len(paths); n != 2*len(samples)+2 {
		t.Errorf("%d PDFs checked", n)
	}
	// With its source attached, a sample claims PDF/A-3.
	if got := testkit.Run(t, "qpdf", "--list-attachments", filepath.Join(dir, "pla-61419-antivirus.en.pdf")); !strings.Contains(got, "pla-61419-antivirus.toml -> ") {
		t.Errorf("the seed's source is not attached:\n%s", got)
	}
}
