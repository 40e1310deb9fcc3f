package tomlkey

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// TestIndexSize: the index of a large table, written as one array of
// inline tables, allocates under 250 bytes for each key and element it
// records and holds under 200 (160 and 160 now; 1,300 and 360 when each
// kept its positions as ints and a copy of its plain path, in tables
// grown by doubling), none folded (see TestFoldedSize).
func TestIndexSize(t *testing.T) {
	defer func(b int) { foldBytes = b }(foldBytes)
	foldBytes = 1 << 30
	var b strings.Builder
	b.WriteString("[procurement]\nitems = [\n")
	const rows = 20000
	for i := range rows {
		fmt.Fprintf(&b, "{ordered=\"2019-%02d\",product=\"P%d, a product\",term_months=%d,users=%d,country=[\"RU\"]},\n", i%12+1, i, i%36+1, i%500+1)
	}
	b.WriteString("]\n")
	src := b.String()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	x := Scan(src)
	runtime.ReadMemStats(&after)
	var kept runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&kept)
	n := 0
	for range x.Occurrences() {
		n++
	}
	if want := 7*rows + 2; n != want {
		t.Fatalf("%d occurrences, want %d", n, want)
	}
	if loc, ok := x.Loc(fmt.Sprintf("procurement.items[%d].country[1]", rows)); !ok || loc.Key.Line != rows+2 {
		t.Errorf("the last row's country at %+v (%v), want line %d", loc, ok, rows+2)
	}
	per, held := float64(after.TotalAlloc-before.TotalAlloc)/float64(n), float64(kept.HeapAlloc-before.HeapAlloc)/float64(n)
	t.Logf("%.0f bytes allocated a key, %.0f held", per, held)
	if per > 250 || held > 200 {
		t.Errorf("the index allocated %.0f bytes a key and holds %.0f", per, held)
	}
	runtime.KeepAlive(x)
}

// TestLookup: Lookup places a path as Loc does and returns the index's
// own copy of it, not a second one; a path the document lacks comes back
// as given.
func TestLookup(t *testing.T) {
	t.Parallel()
	x := Scan("[procurement]\nitems = [{users = 3, country = [\"RU\"]}]\n")
	for _, path := range []string{"procurement", "procurement.items[1].users", "procurement.items[1].country[1]"} {
		asked := strings.Clone(path)
		kept, loc, ok := x.Lookup(asked)
		want, wok := x.Loc(path)
		if kept != path || loc != want || ok != wok || !ok {
			t.Errorf("Lookup(%q) = %q, %+v, %v; Loc gives %+v, %v", path, kept, loc, ok, want, wok)
		}
		if unsafe.StringData(kept) == unsafe.StringData(asked) {
			t.Errorf("Lookup(%q) returned the path asked for, not the index's", path)
		}
	}
	if kept, _, ok := x.Lookup("procurement.items[2]"); ok || kept != "procurement.items[2]" {
		t.Errorf("Lookup of a missing path = %q, %v", kept, ok)
	}
}
