package compose

import (
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/load"
	"briefing/briefing/ttf"
	"briefing/briefing/validate"
	"briefing/fonts"
)

// fontMetrics measures with the embedded BIZ UDPGothic faces.
type fontMetrics struct{ regular, bold *ttf.Font }

func (m fontMetrics) Advance(face layout.Face, r rune) (int, bool) {
	if face == layout.Bold {
		return m.bold.Advance(r)
	}
	return m.regular.Advance(r)
}

func embedded(t *testing.T) fontMetrics {
	t.Helper()
	var fs [2]*ttf.Font
	for i, name := range []string{fonts.Regular, fonts.Bold} {
		b, err := fonts.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if fs[i], err = ttf.Parse(b); err != nil {
			t.Fatal(err)
		}
	}
	return fontMetrics{fs[0], fs[1]}
}

// TestSamples composes the samples with the embedded fonts: every
// character can be drawn, both languages are complete, and the document
// lays out.
func TestSamples(t *testing.T) {
	t.Parallel()
	paths, err := filepath.Glob("../../samples/*.toml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	th := testTheme(t)
	th.Metrics = embedded(t)
	for _, path := range paths {
		raw, diags := load.File(path)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", path, diags)
		}
		inc, diags := validate.Incident(raw)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", path, diags)
		}
		for _, lang := range []string{"ja", "en"} {
			doc, diags := Briefing(inc, lang, th)
			if len(diags) != 0 {
				t.Errorf("%s %s: %v", path, lang, diags)
			}
			pages, err := layout.Lay(doc, th.Metrics)
			if err != nil {
				t.Errorf("%s %s: lay: %v", path, lang, err)
				continue
			}
			dump := layout.Dump(pages)
			for _, want := range []string{"TLP:", "1 / "} {
				if !strings.Contains(dump, want) {
					t.Errorf("%s %s: laid-out pages lack %q", path, lang, want)
				}
			}
		}
	}
}
