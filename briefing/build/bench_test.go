package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/theme"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// BenchmarkSeedFile runs the whole pipeline for the seed sample in
// Japanese, as each file of "briefing render --lang ja" does: read, load,
// validate, compose, lay out, draw and write the PDF atomically;
// cpu-ns/op is the process's CPU time an operation (see BenchmarkFloor).
func BenchmarkSeedFile(b *testing.B) {
	th := fixture.Theme(b)
	opt := &Options{Dir: b.TempDir(), Langs: []string{"ja"}, Theme: th}
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		res := File(context.Background(), "../../samples/pla-61419-antivirus.toml", opt)
		if res.Failed() || len(res.Outputs) != 1 {
			b.Fatalf("%+v", res)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkTableRows draws a briefing whose procurement table has 1,000,
// 10,000 or 50,000 rows (the seed sample with its rows replaced) and
// reports the peak of the heap while it is made (peak-heap-MB: objects
// allocated, garbage not yet collected included, sampled every
// millisecond) and of the heap left live by a collection (peak-live-MB):
// what the memory of "briefing render" grows with.
func BenchmarkTableRows(b *testing.B) {
	th := fixture.Theme(b)
	seed, err := os.ReadFile("../../samples/pla-61419-antivirus.toml")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1000, 10000, 50000} {
		path := filepath.Join(b.TempDir(), "table.toml")
		if err := os.WriteFile(path, tableRows(b, seed, n), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			peaks(b, th, path)
		})
	}
}

// tableRows is the seed sample with n procurement rows, written as one
// array of inline tables.
func tableRows(tb testing.TB, seed []byte, n int) []byte {
	s := string(seed)
	i := strings.Index(s, "[[procurement.items]]")
	j := strings.Index(s, "[analysis]")
	if i < 0 || j < i {
		tb.Fatal("the seed sample has no procurement items before [analysis]")
	}
	var t strings.Builder
	t.WriteString(s[:i])
	t.WriteString("items = [\n")
	for k := range n {
		fmt.Fprintf(&t, "{ordered=\"2019-%02d\",product=\"P%d\",term_months=%d,users=%d,country=[\"RU\"]},\n", k%12+1, k, k%36+1, k%500+1)
	}
	t.WriteString("]\n\n")
	t.WriteString(s[j:])
	return []byte(t.String())
}

// peaks draws the Japanese briefing of path again and again and reports
// the peaks of the heap and of its live part over each drawing, in MB
// (peak-heap-MB, peak-live-MB), after a collection before each.
func peaks(b *testing.B, th *theme.Theme, path string) {
	opt := &Options{Dir: b.TempDir(), Langs: []string{"ja"}, Theme: th}
	var heap, live uint64
	for b.Loop() {
		runtime.GC()
		stop := testkit.Peaks(&heap, &live)
		res := File(context.Background(), path, opt)
		stop()
		if res.Failed() || len(res.Outputs) != 1 {
			b.Fatalf("%+v", res.Diagnostics)
		}
	}
	b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(live)/(1<<20), "peak-live-MB")
}
