package layout_test

import (
	"runtime"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/compose"
	"briefing/briefing/layout"
	"briefing/internal/testkit"
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

// BenchmarkLongParagraph lays out a document of one Japanese paragraph
// of 1, 4 or 10 MB (the seed's summary sentence repeated; an incident
// file holds 4 MiB at most, so 10 MB is reached here only) with the
// default template's fonts, each page let go as it is handed out, and
// reports the peak of the heap left live by a collection
// (peak-live-MB) and of the heap (peak-heap-MB).
func BenchmarkLongParagraph(b *testing.B) {
	th := fixture.Theme(b)
	const s = "PLAの61419部隊と呼ばれるSSFの部隊が、欧米露のアンチウィルスソフト購入を企図した。"
	for _, mb := range []int{1, 4, 10} {
		text := strings.Repeat(s, mb<<20/len(s))
		b.Run(strconv.Itoa(mb)+"MB", func(b *testing.B) {
			doc := layout.Document{Paper: layout.A4, Blocks: []layout.Block{
				layout.Paragraph{Text: layout.Text{Style: layout.Style{Size: 10.5}, Breaking: layout.Japanese}, Spans: []layout.Span{{Text: text}}},
			}}
			var heap, live uint64
			for b.Loop() {
				runtime.GC()
				stop := testkit.Peaks(&heap, &live)
				if _, err := layout.Stream(doc, th, func(layout.Page) error { return nil }); err != nil {
					b.Fatal(err)
				}
				stop()
			}
			b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(live)/(1<<20), "peak-live-MB")
		})
	}
}
