package load

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// bigFile is an incident file with n rows of each kind that grows: n
// [[procurement.items]] entries, n [[indicators]] entries, and n unknown
// keys (a typo in every tenth entry of each), which build "did you mean"
// hints.
func bigFile(n int) string {
	var b strings.Builder
	b.WriteString("format = 2\nid = \"big\"\ndate = 2024-03-08\ntitle = \"T\"\nsummary = \"S\"\ntlp = \"GREEN\"\nseverity = \"high\"\n\n[procurement]\ncaption = \"P\"\n")
	for i := range n {
		fmt.Fprintf(&b, "\n[[procurement.items]]\nordered = \"2019-%02d\"\nproduct = \"Product %d\"\nvendor = \"Vendor %d\"\nterm_months = %d\nusers = %d\ncountry = [\"US\"]\n",
			i%12+1, i, i%50, i%24+1, i+1)
		if i%10 == 0 {
			fmt.Fprintf(&b, "vender = \"V%d\"\n", i)
		}
	}
	for i := range n {
		fmt.Fprintf(&b, "\n[[indicators]]\ntype = \"sha256\"\nvalue = \"%064x\"\nnote = \"n%d\"\n", i, i)
		if i%10 == 0 {
			fmt.Fprintf(&b, "vaule = \"x%d\"\n", i)
		}
	}
	return b.String()
}

// loadCost is what reading src allocates: the number of allocations and
// the bytes, the smallest of three runs.
func loadCost(t *testing.T, src string, wantErrors int) (mallocs, bytes uint64) {
	t.Helper()
	for range 3 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		raw, ds := Read("big.toml", strings.NewReader(src))
		runtime.ReadMemStats(&after)
		if raw == nil || len(ds) != wantErrors {
			t.Fatalf("want a Raw and %d errors, got %v and %d errors: %v", wantErrors, raw != nil, len(ds), ds[:min(len(ds), 3)])
		}
		m, b := after.Mallocs-before.Mallocs, after.TotalAlloc-before.TotalAlloc
		if mallocs == 0 || m < mallocs {
			mallocs = m
		}
		if bytes == 0 || b < bytes {
			bytes = b
		}
	}
	return mallocs, bytes
}

// TestLoadLinear checks that loading stays linear in the number of
// entries of an array of tables and of unknown keys: four times the rows
// may cost at most 4.6 times the allocations and bytes. It counts, it
// does not time, so a busy machine cannot make it fail.
func TestLoadLinear(t *testing.T) {
	const n = 500
	small, big := bigFile(n), bigFile(4*n)
	ms, bs := loadCost(t, small, 2*n/10)
	mb, bb := loadCost(t, big, 2*4*n/10)
	t.Logf("%d rows: %d allocations, %d bytes; %d rows: %d allocations, %d bytes", n, ms, bs, 4*n, mb, bb)
	if r := float64(mb) / float64(ms); r > 4.6 {
		t.Errorf("4× the rows made %.1f× the allocations (%d → %d): loading is not linear", r, ms, mb)
	}
	if r := float64(bb) / float64(bs); r > 4.6 {
		t.Errorf("4× the rows allocated %.1f× the bytes (%d → %d): loading is not linear", r, bs, bb)
	}
}

// BenchmarkTableRows loads files of 1,000 and 10,000 procurement rows and
// indicators (see bigFile).
func BenchmarkTableRows(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		src := bigFile(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if raw, _ := Read("big.toml", strings.NewReader(src)); raw == nil {
					b.Fatal("no Raw")
				}
			}
		})
	}
}
