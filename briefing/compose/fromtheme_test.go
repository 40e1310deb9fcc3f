package compose

import (
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/internal/testkit/fixture"
)

func TestFromTheme(t *testing.T) {
	t.Parallel()
	th := fixture.Theme(t)
	inc := fixture.Incident(t, fixture.Seed)
	for lang, want := range map[string][]string{
		"ja-JP": {"調達の候補となった製品", "合計", "14製品", "6か国", "210台", "不明"},
		"en":    {"Products considered for purchase", "Total", "14 products", "6 countries", "210 terminals", "Unknown"},
	} {
		doc, diags := Briefing(inc, lang, FromTheme(th))
		if len(diags) != 0 {
			t.Errorf("%s: %v", lang, diags)
		}
		pages, err := layout.Lay(doc, th)
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		dump := layout.Dump(pages)
		for _, w := range want {
			if !strings.Contains(dump, w) {
				t.Errorf("%s: laid-out briefing lacks %q", lang, w)
			}
		}
	}
	if got := FromTheme(nil); got.Metrics != nil {
		t.Error("FromTheme(nil) has metrics")
	}
}
