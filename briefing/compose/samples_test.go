package compose

import (
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/internal/testkit/fixture"
)

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
	th.Metrics = fixture.Theme(t)
	for _, path := range paths {
		inc := fixture.Incident(t, path)
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
