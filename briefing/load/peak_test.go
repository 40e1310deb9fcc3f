package load_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"briefing/briefing/load"
	"briefing/briefing/validate"
	"briefing/internal/testkit"
)

// BenchmarkTableLoad loads and validates a file whose procurement table
// has 10,000 or 50,000 rows written as one inline array, as bench/run.sh
// writes them, and reports the peak of the heap while it does (objects,
// garbage not yet collected included, sampled every millisecond:
// peak-heap-MB) and of the heap left live by a collection (peak-live-MB).
func BenchmarkTableLoad(b *testing.B) {
	for _, n := range []int{10000, 50000} {
		var t strings.Builder
		t.WriteString("format = 2\nid = \"t\"\ndate = 2021-05-06\ntitle.ja = \"表\"\nsummary.ja = \"概要\"\n\n[procurement]\nitems = [\n")
		for k := range n {
			fmt.Fprintf(&t, "{ordered=\"2019-%02d\",product=\"P%d\",term_months=%d,users=%d,country=[\"RU\"]},\n", k%12+1, k, k%36+1, k%500+1)
		}
		t.WriteString("]\n")
		src := t.String()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			var heap, live uint64
			for b.Loop() {
				runtime.GC()
				stop := testkit.Peaks(&heap, &live)
				raw, ds := load.Read("t.toml", strings.NewReader(src))
				inc, vds := validate.Incident(raw)
				stop()
				if ds.HasErrors() || vds.HasErrors() || inc == nil || len(inc.Procurement.Items) != n {
					b.Fatal(ds, vds)
				}
			}
			b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(live)/(1<<20), "peak-live-MB")
		})
	}
}
