package tomlkey

import (
	"fmt"
	"slices"
	"testing"
)

// TestKeys: Keys yields the plain path of each key of Occurrences that is
// neither an element nor a parent, the first time it is written, and
// no path twice.
func TestKeys(t *testing.T) {
	src := `a.b = 1
tags = ["x", "y"]
a.c = [1, {d = 2}]
[[rows]]
n = 1
m.ja = "x"
[[rows]]
n = 2
[t.u]
v = 3
[[rows2]]
n = 3
[t.w]
v = 4
`
	var want [][]string
	seen := map[string]bool{}
	for _, o := range Scan(src).Occurrences() {
		if o.Element || o.Parent || seen[fmt.Sprint(o.Plain)] {
			continue
		}
		seen[fmt.Sprint(o.Plain)] = true
		want = append(want, o.Plain)
	}
	var got [][]string
	for k := range Scan(src).Keys() {
		got = append(got, slices.Clone(k))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("Keys %q, want %q", got, want)
	}
	if w := "[[a b] [tags] [a c] [a c d] [rows] [rows n] [rows m ja] [t u] [t u v] [rows2] [rows2 n] [t w] [t w v]]"; fmt.Sprint(got) != w {
		t.Fatalf("Keys %v, want %v", got, w)
	}
}
