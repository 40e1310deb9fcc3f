package layout_test

import (
	"testing"

	"briefing/briefing/compose"
	"briefing/briefing/layout"
	"briefing/internal/testkit/fixture"
)

// BenchmarkSeedLay lays out the seed sample's briefing in each language,
// composed once, with the default template's fonts: the layout alone
// (lines, total fit, tables, pages) of the model briefing.
func BenchmarkSeedLay(b *testing.B) {
	th := fixture.Theme(b)
	inc := fixture.Incident(b, fixture.Seed)
	for _, lang := range []string{"ja", "en"} {
		doc, ds := compose.Briefing(inc, lang, compose.FromTheme(th))
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := layout.Lay(doc, th); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
