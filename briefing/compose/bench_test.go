package compose

import (
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/model"
	"briefing/internal/testkit/fixture"
)

// seedIncident loads the seed sample, the one the performance targets are
// set for.
func seedIncident(b *testing.B) *model.Incident {
	b.Helper()
	inc := fixture.Incident(b, fixture.Seed)
	return inc
}

// BenchmarkSeedCompose composes the seed sample in each language with the
// default template, without laying it out: compose alone.
func BenchmarkSeedCompose(b *testing.B) {
	inc := seedIncident(b)
	th := FromTheme(fixture.Theme(b))
	for _, lang := range []string{"ja", "en"} {
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ds := Briefing(inc, lang, th); ds.HasErrors() {
					b.Fatal(ds)
				}
			}
		})
	}
}

// BenchmarkSeedLayout composes the seed sample in each language with the
// default template and lays it out: everything between a validated
// incident and the pages the renderer draws.
func BenchmarkSeedLayout(b *testing.B) {
	inc := seedIncident(b)
	th := fixture.Theme(b)
	for _, lang := range []string{"ja", "en"} {
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				doc, ds := Briefing(inc, lang, FromTheme(th))
				if ds.HasErrors() {
					b.Fatal(ds)
				}
				if _, err := layout.Lay(doc, th); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSampleLayout composes and lays out the seed and the ransomware
// sample (long paragraphs, many citations) in each language: the text
// paths of layout (line breaking, justification, tables) at the sizes
// users write.
func BenchmarkSampleLayout(b *testing.B) {
	th := fixture.Theme(b)
	for _, s := range []struct{ name, path string }{
		{"seed", fixture.Seed},
		{"ransomware", "../../samples/ransomware-example.toml"},
	} {
		inc := fixture.Incident(b, s.path)
		for _, lang := range []string{"ja", "en"} {
			b.Run(s.name+"/"+lang, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					doc, ds := Briefing(inc, lang, FromTheme(th))
					if ds.HasErrors() {
						b.Fatal(ds)
					}
					if _, err := layout.Lay(doc, th); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
