package digest_test

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/build"
	"briefing/briefing/digest"
	"briefing/briefing/model"
	"briefing/briefing/period"
	"briefing/internal/testkit/fixture"
)

// BenchmarkTitleLength makes the digest of a week whose incident has a
// title of 1,000, 10,000 or 80,000 characters: in the cover's row, the
// running header and the outline. The time grows with the title's
// length, never with its square.
func BenchmarkTitleLength(b *testing.B) {
	th := fixture.Theme(b)
	r, err := period.Week("2021-W19")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1000, 10000, 80000} {
		for _, lang := range []string{"ja", "en"} {
			inc, _, ds := build.Incident("testdata/monday.toml")
			if inc == nil {
				b.Fatal(ds)
			}
			unit := map[string]string{"ja": "翌週月曜日の漏えい、", "en": "A leak on the next Monday, "}[lang]
			rs := []rune(strings.Repeat(unit, n/len([]rune(unit))+1))
			inc.Title = model.Text{Plain: string(rs[:n])}
			d := digest.Digest{Period: r, Incidents: []*model.Incident{inc}}
			b.Run(fmt.Sprintf("%s/%d", lang, n), func(b *testing.B) {
				for b.Loop() {
					if _, _, ds, err := digest.PDF(io.Discard, d, lang, th, false); err != nil || ds.HasErrors() {
						b.Fatal(err, ds)
					}
				}
			})
		}
	}
}

// BenchmarkIncidents makes the Japanese digest of 50, 500 and 2,000
// copies of the model briefing, each with its own id: the time per
// incident stays flat as the digest grows (see bench/run.sh for the
// whole command's time and memory).
func BenchmarkIncidents(b *testing.B) {
	th := fixture.Theme(b)
	r, err := period.Week("2021-W18")
	if err != nil {
		b.Fatal(err)
	}
	inc := fixture.Incident(b, "../../samples/pla-61419-antivirus.toml")
	for _, n := range []int{50, 500, 2000} {
		incs := make([]*model.Incident, n)
		for i := range incs {
			c := *inc
			c.ID = fmt.Sprintf("%s-%05d", inc.ID, i)
			incs[i] = &c
		}
		d := digest.Digest{Period: r, Incidents: digest.Select(incs, r)}
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				if _, _, ds, err := digest.PDF(io.Discard, d, "ja", th, false); err != nil || ds.HasErrors() {
					b.Fatal(err, ds)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*n), "ms/incident")
		})
	}
}
