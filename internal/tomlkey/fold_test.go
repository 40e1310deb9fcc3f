package tomlkey

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	tomltest "github.com/toml-lang/toml-test/v2"
)

// checkFold checks that an index whose arrays are folded from their
// first element (see foldBytes) answers as one that folds nothing: the
// same occurrences in the same order, and for each path, and for paths
// just past an array's last element, the same position, value, span,
// definition and characters.
func checkFold(t *testing.T, name, src string) {
	t.Helper()
	whole := scan(src, false)
	old := foldBytes
	foldBytes = 0
	folded := scan(src, true)
	foldBytes = old
	var want, got []Occurrence
	for _, o := range whole.Occurrences() {
		want = append(want, o)
	}
	for i, o := range folded.Occurrences() {
		if i != len(got) {
			t.Fatalf("%s: occurrence numbered %d, want %d", name, i, len(got))
		}
		got = append(got, o)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%s: folded, the occurrences are\n%v\nwant\n%v\n%s", name, got, want, src)
	}
	var wk, fk [][]string
	for k := range whole.Keys() {
		wk = append(wk, k)
	}
	for k := range folded.Keys() {
		fk = append(fk, k)
	}
	if fmt.Sprint(wk) != fmt.Sprint(fk) {
		t.Fatalf("%s: folded, the keys are\n%q\nwant\n%q", name, fk, wk)
	}
	if p, bad := folded.Problem(); fmt.Sprint(p, bad) != fmt.Sprint(whole.Problem()) {
		t.Fatalf("%s: folded, the problem is %v %v", name, p, bad)
	}
	paths := []string{"", "[1]", "x[1]"}
	for _, o := range want {
		paths = append(paths, o.Path, o.Path+"[1]", o.Path+"[99]", o.Path+".z")
	}
	// Elements asked for out of order, as a message of a later row can
	// come before one of an earlier row.
	for i := len(want) - 1; i >= 0; i -= 3 {
		paths = append(paths, want[i].Path)
	}
	for _, p := range paths {
		kw, lw, okw := whole.Lookup(p)
		kf, lf, okf := folded.Lookup(p)
		if kw != kf || lw != lf || okw != okf {
			t.Fatalf("%s: Lookup(%q) folded %q %+v %v, want %q %+v %v", name, p, kf, lf, okf, kw, lw, okw)
		}
		rw, rokw := whole.Raw(p)
		rf, rokf := folded.Raw(p)
		if rw != rf || rokw != rokf || whole.Tables(p) != folded.Tables(p) || whole.Implicit(p) != folded.Implicit(p) {
			t.Fatalf("%s: %q folded: Raw %q %v, Tables %v, Implicit %v; want %q %v, %v, %v", name, p, rf, rokf,
				folded.Tables(p), folded.Implicit(p), rw, rokw, whole.Tables(p), whole.Implicit(p))
		}
		if sw, sf := whole.Starts(p), folded.Starts(p); fmt.Sprint(sw) != fmt.Sprint(sf) {
			t.Fatalf("%s: Starts(%q) folded %v, want %v", name, p, sf, sw)
		}
		for off := 0; off < 3; off++ {
			cw, cokw := whole.Char(p, off)
			cf, cokf := folded.Char(p, off)
			if cw != cf || cokw != cokf {
				t.Fatalf("%s: Char(%q, %d) folded %v %v, want %v %v", name, p, off, cf, cokf, cw, cokw)
			}
		}
	}
}

// TestFoldSuite: on every file of the TOML test suite and the samples, an
// index of folded arrays answers as one of unfolded arrays.
func TestFoldSuite(t *testing.T) {
	cases := tomltest.TestCases()
	n := 0
	err := fs.WalkDir(cases, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".toml") {
			return err
		}
		b, err := fs.ReadFile(cases, p)
		if err != nil {
			return err
		}
		if utf8.Valid(b) {
			n++
			checkFold(t, p, string(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 600 {
		t.Fatalf("%d files of the suite", n)
	}
	samples, _ := filepath.Glob("../../samples/*.toml")
	for _, s := range append(samples, "../../templates/skeleton.toml") {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		checkFold(t, s, string(b))
	}
	checkFold(t, "rows", "[procurement]\nitems = [ # rows\n  {ordered=\"2019-01\", product=\"é\\u00e9\", country=[\"RU\", 'JP']},\n"+
		"{ product.ja = \"\"\"\nx\ny\"\"\", users = 1979-05-27T00:32:00-07:00 }, [1, [2]], \"s\",\n]\nafter = [1, 2]\n[[t]]\nu = [{a = 1}, {a = 2}]\n[[t]]\nu = [{a = 3}]\n")
}

// TestFoldedSize: the index of a table of 50,000 rows written as one
// inline array (3.9 MB), folded past its first MiB, holds under 40 bytes
// a row beyond that MiB (the first 13,000 rows, unfolded, under 160 a
// key, 7 keys a row), and still places the last row's keys and lists
// every key.
func TestFoldedSize(t *testing.T) {
	var b strings.Builder
	b.WriteString("[procurement]\nitems = [\n")
	const rows = 50000
	for i := range rows {
		fmt.Fprintf(&b, "{ordered=\"2019-%02d\",product=\"P%d\",term_months=%d,users=%d,country=[\"RU\"]},\n", i%12+1, i, i%36+1, i%500+1)
	}
	b.WriteString("]\n")
	src := b.String()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	x := Scan(src)
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	unfolded := strings.Count(src[:strings.Index(src, "[\n")+foldBytes], "\n{")
	if per := float64(held-int64(unfolded)*7*160) / float64(rows-unfolded); per > 40 {
		t.Errorf("the index holds %d bytes, %.0f a folded row", held, per)
	}
	if len(x.folds) != 1 || int(x.folds[0].first) != unfolded+1 {
		t.Fatalf("%d folds, want the rows folded from row %d", len(x.folds), unfolded+1)
	}
	loc, ok := x.Loc(fmt.Sprintf("procurement.items[%d].users", rows))
	if want := (Pos{Line: rows + 2, Col: strings.Index(src[strings.LastIndex(src, "\n{"):], "users")}); !ok || loc.Key != want {
		t.Errorf("the last row's users at %+v (%v), want %+v", loc.Key, ok, want)
	}
	n := 0
	for range x.Occurrences() {
		n++
	}
	if want := 7*rows + 2; n != want {
		t.Errorf("%d occurrences, want %d", n, want)
	}
	if starts := x.Starts("procurement.items"); len(starts) != rows || starts[rows-1] != strings.LastIndex(src, "\n{")+1 {
		t.Errorf("%d elements start, want %d", len(starts), rows)
	}
	runtime.KeepAlive(x)
}
