package load_test

import (
	"fmt"
	"strings"
	"testing"

	"briefing/briefing/diag"
	"briefing/briefing/load"
	"briefing/briefing/validate"
)

// TestLargeTableMessages: a fault in the last but one row of a table of
// 14,000 rows written inline (1.1 MB: decoded in parts, the rows past
// its first MiB folded in the key index) gets the messages it gets in a
// table of three rows, at its own row, line and column: every kind of bad
// row. (TestDecodeSuite checks the decode in parts on its own.)
func TestLargeTableMessages(t *testing.T) {
	t.Parallel()
	const rows = 14000
	const head = "format = 2\nid = \"t\"\ndate = 2021-05-06\ntitle.ja = \"表\"\nsummary.ja = \"概要\"\n\n[procurement]\nitems = [\n"
	row := func(k int) string {
		return fmt.Sprintf("{ordered=\"2019-%02d\",product=\"P%d\",term_months=%d,users=%d,country=[\"RU\"]},\n", k%12+1, k, k%36+1, k%500+1)
	}
	faults := []struct{ from, to string }{
		{"product=", "produkt="}, {"product=", "Product="}, {"users=", "users=0,x="}, {"term_months=", "term_months=\"12\",y="},
		{`country=["RU"]`, `country=["XX","RU","RU"]`}, {`country=["RU"]`, `country="RU"`}, {"ordered=\"2019-", "ordered=\"2019-13-"},
		{",users=", ",users=1,users="}, {"},", ",},"}, {"},", "}"}, {"{ordered", "{\nordered"}, {"product=", "product.j="},
		{"product=\"", "product=\"\\q"}, {"{ordered=", "{"}, {`country=["RU"]`, `country=[["RU"]]`}, {"users=", "users=1979-05-27,z="},
	}
	load := func(src string) diag.List {
		raw, ds := load.Read("t.toml", strings.NewReader(src))
		if raw != nil {
			_, vds := validate.Incident(raw)
			ds = append(ds, vds...)
		}
		ds.Sort()
		return ds
	}
	for _, f := range faults {
		// The reference: the faulty row second of three, on line 10.
		bad := strings.Replace(row(1), f.from, f.to, 1)
		small := load(head + row(0) + bad + row(2) + "]\n")
		if len(small) == 0 {
			t.Fatalf("%s → %s: no message", f.from, f.to)
		}
		for _, at := range []int{rows - 1} {
			var b strings.Builder
			b.WriteString(head)
			for k := range rows {
				if k == at-1 {
					b.WriteString(bad)
				} else {
					b.WriteString(row(k))
				}
			}
			b.WriteString("]\n")
			big := load(b.String())
			// The same messages, the row's number and line moved.
			want := strings.NewReplacer("items[2]", fmt.Sprintf("items[%d]", at), "line 10", fmt.Sprintf("line %d", 10+at-2)).Replace(fmt.Sprint(small))
			var moved diag.List
			for _, d := range big {
				if d.Line >= 10 {
					d.Line -= at - 2
				}
				moved = append(moved, d)
			}
			if got := fmt.Sprint(moved); got != want {
				t.Errorf("%s → %s in row %d of %d:\n%s\nwant (as in row 2 of 3):\n%s", f.from, f.to, at, rows, got, want)
			}
		}
	}
}
