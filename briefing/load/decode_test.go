package load

import (
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	tomltest "github.com/toml-lang/toml-test/v2"

	"briefing/internal/tomlkey"
)

// same reports whether two decoded TOML values are the same: the same
// shapes and types, NaN equal to NaN, a time in the same location.
func same(a, b any) bool {
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		return ok && (x == y && math.Signbit(x) == math.Signbit(y) || math.IsNaN(x) && math.IsNaN(y))
	case time.Time:
		y, ok := b.(time.Time)
		// The same zone: one location, or two of the same name and
		// offset (time.FixedZone makes a new one for an offset that is
		// not whole hours).
		xn, xo := x.Zone()
		yn, yo := y.Zone()
		return ok && x.Equal(y) && (x.Location() == y.Location() || x.Location().String() == y.Location().String() && xn == yn && xo == yo) &&
			x.Format(time.RFC3339Nano) == y.Format(time.RFC3339Nano)
	case []any:
		y, ok := b.([]any)
		return ok && slices.EqualFunc(x, y, same)
	case []map[string]any:
		y, ok := b.([]map[string]any)
		return ok && slices.EqualFunc(x, y, func(a, b map[string]any) bool { return same(a, b) })
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if w, ok := y[k]; !ok || !same(v, w) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

// checkDecode checks decode against BurntSushi/toml on src: a document
// decode accepts (and that is TOML 1.0 by the key scanner) is one that
// BurntSushi/toml accepts, with the same values; one it refuses, it
// refuses with BurntSushi/toml's error.
func checkDecode(t *testing.T, name, src string) {
	t.Helper()
	if !utf8.ValidString(src) || strings.HasPrefix(src, "\ufeff") {
		return // load gives decode UTF-8 without a byte order mark
	}
	if _, deep := tomlkey.Nesting(src, tomlkey.MaxNesting); deep {
		return
	}
	x := tomlkey.Scan(src)
	got, err := decode(src, x)
	// Every array decoded in parts of one element, and of a few, as a
	// large array is: the same values, or the same error.
	for _, part := range []int{1, 16} {
		parts, perr := inParts(1, part, func() (map[string]any, error) { return decode(src, x) })
		if (perr == nil) != (err == nil) || perr != nil && perr.Error() != err.Error() || perr == nil && !same(parts, got) {
			t.Fatalf("%s: in parts of %d bytes: %v\n%#v\nwhole: %v\n%#v\n%s", name, part, perr, parts, err, got, src)
		}
	}
	var want map[string]any
	_, werr := toml.Decode(src, &want)
	unlocal(want)
	if (err == nil) != (werr == nil) {
		if _, bad := x.Problem(); err == nil && bad {
			return // refused as not TOML 1.0 all the same
		}
		t.Fatalf("%s: decode: %v; BurntSushi/toml: %v\n%s", name, err, werr, src)
	}
	if err != nil {
		if err.Error() != werr.Error() {
			t.Fatalf("%s: error %q, BurntSushi/toml %q", name, err, werr)
		}
		return
	}
	if !same(got, want) {
		t.Fatalf("%s: decoded\n%#v\nBurntSushi/toml\n%#v\n%s", name, got, want, src)
	}
}

// inParts runs f with arrays of at least min bytes decoded in parts of
// about part bytes.
func inParts[T any](min, part int, f func() (T, error)) (T, error) {
	m, p := chunkMin, chunkBytes
	chunkMin, chunkBytes = min, part
	defer func() { chunkMin, chunkBytes = m, p }()
	return f()
}

// procurementRows is a document whose procurement table has n rows
// written as one inline array, as bench/run.sh writes it.
func procurementRows(n int) string {
	var b strings.Builder
	b.WriteString("format = 2\n[procurement]\nitems = [\n")
	for k := range n {
		fmt.Fprintf(&b, "{ordered=\"2019-%02d\",product=\"P%d\",term_months=%d,users=%d,country=[\"RU\"]}, # row %d\n", k%12+1, k, k%36+1, k%500+1, k+1)
	}
	b.WriteString("]\n[analysis]\nmethod = \"m\"\n")
	return b.String()
}

// TestLargeArrayInParts: a table of 10,000 rows written as one inline
// array (750 KB) is decoded in parts, to the values of a decode of the
// whole, allocating less than 20 times its size (a decode of the whole
// allocates some 60 times: the syntax tree of the whole array).
func TestLargeArrayInParts(t *testing.T) {
	src := procurementRows(10000)
	x := tomlkey.Scan(src)
	if arrays := largeArrays(src, x); len(arrays) != 1 || len(arrays[0].elems) != 10000 || !slices.Equal(arrays[0].plain, []string{"procurement", "items"}) {
		t.Fatalf("large arrays: %d, want procurement.items with 10,000 elements", len(arrays))
	}
	whole, err := inParts(len(src)+1, 0, func() (map[string]any, error) { return decode(src, x) })
	if err != nil {
		t.Fatal(err)
	}
	decode(src, x) // go-toml's pooled decoder made once
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got, err := decode(src, x)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if !same(got, whole) {
		t.Fatal("decoded in parts, the values differ from those of the whole document")
	}
	rows := got["procurement"].(map[string]any)["items"].([]any)
	if len(rows) != 10000 || rows[9999].(map[string]any)["product"] != "P9999" {
		t.Fatalf("%d rows, the last %v", len(rows), rows[len(rows)-1])
	}
	if b := after.TotalAlloc - before.TotalAlloc; b > 20*uint64(len(src)) {
		t.Errorf("decoding %d bytes allocated %d bytes (%.1f×): the array was not decoded in parts", len(src), b, float64(b)/float64(len(src)))
	}
}

// TestDecodeSuite: on every file of the TOML test suite (1.0 and 1.1,
// valid and invalid) and on the samples, decode accepts what
// BurntSushi/toml accepts, with the same values.
func TestDecodeSuite(t *testing.T) {
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
		n++
		checkDecode(t, p, string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 600 {
		t.Fatalf("%d files of the suite", n)
	}
	samples, _ := filepath.Glob("../../samples/*.toml")
	for _, s := range append(samples, "../../templates/skeleton.toml", "../build/testdata/stress.toml") {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		checkDecode(t, s, string(b))
	}
	// Arrays whose parts would each decode: a comma missing between
	// two elements on two lines, a comment where the comma was.
	for i, src := range arrayCases {
		checkDecode(t, fmt.Sprintf("array case %d", i+1), src)
	}
}

// TestOffsetNotHostZone: an offset date-time, decoded by go-toml or by
// BurntSushi/toml, is in UTC (written Z) or in a fixed zone without a name
// of its written offset, never in time.Local, whatever the host's zone
// (time.Parse, under BurntSushi/toml, reads the host's zone at start; the
// script hostzone.txt of cmd/briefing runs the command under each TZ).
func TestOffsetNotHostZone(t *testing.T) {
	src := "a = 2021-07-02T14:05:00+09:00\nb = 2021-07-02T14:05:00-04:00\nc = 2021-07-02T14:05:00+00:00\n" +
		"d = [2021-01-02T14:05:00-05:00]\n[[e]]\nf = 2021-07-02T14:05:00Z\n"
	want := map[string]int{"a": 9 * 3600, "b": -4 * 3600, "c": 0, "d": -5 * 3600, "f": 0}
	local := time.Local
	defer func() { time.Local = local }()
	for _, zone := range []string{"UTC", "Asia/Tokyo", "America/New_York"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		time.Local = loc
		viaGo, err := decode(src, tomlkey.Scan(src))
		if err != nil {
			t.Fatal(err)
		}
		var viaBurntSushi map[string]any
		if _, err := toml.Decode(src, &viaBurntSushi); err != nil {
			t.Fatal(err)
		}
		unlocal(viaBurntSushi)
		for name, top := range map[string]map[string]any{"go-toml": viaGo, "BurntSushi/toml": viaBurntSushi} {
			got := map[string]time.Time{"a": top["a"].(time.Time), "b": top["b"].(time.Time), "c": top["c"].(time.Time),
				"d": top["d"].([]any)[0].(time.Time), "f": top["e"].([]map[string]any)[0]["f"].(time.Time)}
			for k, v := range got {
				abbr, off := v.Zone()
				if wantAbbr := map[bool]string{true: "UTC"}[k == "f"]; abbr != wantAbbr || off != want[k] || v.Hour() != 14 {
					t.Errorf("TZ=%s, %s: %s = %v in %q (%s %d)", zone, name, k, v, v.Location(), abbr, off)
				}
			}
		}
	}
}

// arrayCases are arrays written right and wrong between their elements.
var arrayCases = []string{
	"a = [\n1\n2\n]\n", "a = [{b = 1}\n{b = 2}]\n", "a = [{b = 1} # c\n{b = 2}]\n", "a = [1 # ,\n, 2]\n",
	"a = [1,\n# x\n2, # y\n]\n", "a = [1,,2]\n", "a = [,1]\n", "a = [[1]\n[2]]\n", "a = [\"x\"\n'y']\n", "a = [1,\n2\n,3]\n",
}

// FuzzDecode checks decode against BurntSushi/toml on any document.
func FuzzDecode(f *testing.F) {
	samples, _ := filepath.Glob("../../samples/*.toml")
	for _, s := range samples {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	// Every kind of date and time, offsets that are and are not the local
	// zone's, arrays of tables inside inline arrays and the other way.
	f.Add("a = 2021-05-06\nb = 2021-05-06T09:00:00\nc = 09:00:00.5\nd = 2021-05-06T09:00:00Z\ne = 2021-05-06t09:00:00z\n" +
		"f = 2021-05-06T09:00:00+00:00\ng = 2021-05-06T09:00:00-00:00\nh = 2021-05-06 09:00:00+09:00\ni = 1979-05-27T00:32:00.999999999-07:00\n")
	f.Add("[[a]]\nb = [{c = [{d = 1}]}]\n[[a.e]]\nf = nan\n[[a]]\ne = []\ng = [[1, 2], [-inf, 0x10]]\n\"h.i\" = { j.k = 0o17 }\n")
	f.Add("x = [2021-05-06, 10:00:00, { t = 2021-05-06T09:00:00+01:00 }]\n[[y]]\n[[y.z]]\n[y.w]\n")
	f.Add("a = \"\\U00110000\"\nb = \"\\uD800\"\nc = 2021-05-06T09:00:00+05:30\n")
	// Offsets of minutes, which each decode gives a zone of its own.
	f.Add("a = 2021-05-06T09:00:00+05:30\nb = 0000-01-01 00:00:00+00:01\nc = [1985-06-18T17:04:07-02:45]\n")
	for _, c := range arrayCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkDecode(t, "fuzz", src)
	})
}

// TestKeysAreRaw ties the two descriptions of the format together: every
// key of Keys has a field of Raw (tagged with its name) that holds its
// kind of value, and every tagged field of Raw is a key of Keys.
func TestKeysAreRaw(t *testing.T) {
	fields := map[string]*field{}
	var walk func(s *structure)
	walk = func(s *structure) {
		for i := range s.fields {
			f := &s.fields[i]
			fields[f.path] = f
			if f.sub != nil {
				walk(f.sub)
			}
		}
	}
	walk(rawStructure)
	want := map[Kind]fieldKind{Table: tableField, Tables: tablesField, Free: freeField}
	for _, k := range Keys {
		f, ok := fields[k.Path]
		if !ok {
			t.Errorf("%s: in Keys, no field of Raw", k.Path)
			continue
		}
		if w, ok := want[k.Kind]; ok && f.kind != w || !ok && f.kind != valueField {
			t.Errorf("%s: Keys has kind %d, the field of Raw holds kind %d", k.Path, k.Kind, f.kind)
		}
		delete(fields, k.Path)
	}
	for p := range fields {
		t.Errorf("%s: a field of Raw, not in Keys", p)
	}
	// The Keys and the fields list each table's keys in one order.
	var check func(s *structure, table string)
	check = func(s *structure, table string) {
		var names []string
		for _, f := range s.fields {
			names = append(names, f.name)
			if f.sub != nil {
				check(f.sub, f.path)
			}
		}
		if !slices.Equal(names, allowed(table)) {
			t.Errorf("[%s]: Raw has %v, Keys %v", table, names, allowed(table))
		}
	}
	check(rawStructure, "")
}
