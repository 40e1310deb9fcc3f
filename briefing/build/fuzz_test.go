package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/diag"
	"briefing/briefing/load"
	"briefing/briefing/theme"
	"briefing/briefing/validate"
)

// FuzzRender runs the whole pipeline — load, validate, compose, lay out,
// draw — on arbitrary incident files, seeded with the samples. It never
// panics, not even a panic recovered into an "internal error"; what it
// refuses it refuses with diagnostics or an error; and a PDF it draws is a
// whole PDF file.
func FuzzRender(f *testing.F) {
	seeds, _ := filepath.Glob("../../samples/*.toml")
	seeds = append(seeds, "../../templates/skeleton.toml", "testdata/stress.toml")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("format = 1\nid = \"x\"\ndate = 2021-05-06\ntitle = { ja = \"a\", en = \"b\" }\nsummary = \"s [r]\"\nreferences = [{ id = \"r\", title = \"t\", url = \"https://example.com/\" }]\n"))
	th, err := theme.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		raw, ds := load.Read("f.toml", bytes.NewReader(data))
		inc, vds := validate.Incident(raw)
		if ds.HasErrors() || vds.HasErrors() || inc == nil {
			return
		}
		for _, lang := range inc.Languages {
			if Supported(lang) != nil {
				continue
			}
			pages, bds := Briefing(inc, lang, th, false)
			internal(t, lang, bds)
			if bds.HasErrors() {
				if pages != nil {
					t.Fatalf("%s: pages despite errors: %v", lang, bds)
				}
				continue
			}
			if len(pages) == 0 {
				t.Fatalf("%s: no pages and no error", lang)
			}
			var buf bytes.Buffer
			if err := PDF(&buf, pages, inc, lang, th); err != nil {
				if strings.Contains(err.Error(), "internal error") {
					t.Fatalf("%s: %v", lang, err)
				}
				continue
			}
			b := buf.Bytes()
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
				t.Fatalf("%s: not a whole PDF: starts %q, ends %q", lang, b[:min(len(b), 10)], b[max(0, len(b)-10):])
			}
		}
	})
}

// internal fails the test for a recovered panic reported as a diagnostic.
func internal(t *testing.T, lang string, ds diag.List) {
	t.Helper()
	for _, d := range ds {
		if strings.Contains(d.Message, "internal error") {
			t.Fatalf("%s: %v", lang, d)
		}
	}
}
