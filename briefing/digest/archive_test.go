package digest_test

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"briefing/internal/testkit"
)

// TestArchival: a digest, in Japanese and English, is an archival PDF
// (PDF/A-2u; PDF/A-3u when it carries files) as independent readers see
// it: the PDF/A rules on the objects qpdf reads back (testkit.PDFA), qpdf
// --check, pdfcpu's validation (strict, relaxed with attached files, whose
// /AFRelationship pdfcpu knows from PDF 2.0 only) and Ghostscript drawing
// every page without a word on stderr.
func TestArchival(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			path, _ := makePDF(t, "2021-W18", lang)
			for _, f := range testkit.PDFA(t, path, 0) {
				t.Error(f)
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
				t.Errorf("Ghostscript: %v\n%s", err, out)
			}
		})
	}
}
