package load

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestDecodedIsTree: decoded answers, for every key path of random
// decoded tables (the format's keys, their case variants and keys of its
// own; tables, arrays of tables, arrays of values and tables, strings),
// what a tree of every key the decoder reads, built from the whole table,
// holds: the unknown-key check looks a key up without building the tree.
func TestDecodedIsTree(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		top := randomTable(r, rawStructure, 0)
		tree := readTree{}
		markTree(tree, rawStructure, top)
		var paths [][]string
		allPaths(top, nil, &paths)
		for range 5 { // and paths not in the table
			paths = append(paths, []string{randomKey(r, rawStructure), randomKey(r, nil), randomKey(r, nil)}[:1+r.IntN(3)])
		}
		for _, k := range paths {
			if got, want := decoded(rawStructure, top, k), tree.has(k); got != want {
				t.Fatalf("%q in %v: decoded %v, tree %v", k, top, got, want)
			}
		}
	}
}

// randomKey is a key of s (nil for none), a case variant of one, or a
// key of the file's own.
func randomKey(r *rand.Rand, s *structure) string {
	own := []string{"ja", "en", "x", "Ja", "zz", "text"}
	if s == nil || r.IntN(4) == 0 {
		return own[r.IntN(len(own))]
	}
	name := s.fields[r.IntN(len(s.fields))].name
	if r.IntN(4) == 0 {
		return strings.ToUpper(name[:1]) + name[1:]
	}
	return name
}

// randomTable is a table of keys of s, at depth d.
func randomTable(r *rand.Rand, s *structure, d int) map[string]any {
	m := map[string]any{}
	for range r.IntN(5) {
		k := randomKey(r, s)
		var sub *structure
		if s != nil {
			if f := s.match(k); f != nil {
				sub = f.sub
			}
		}
		m[k] = randomValue(r, sub, d+1)
	}
	return m
}

// randomValue is a value of any shape, its tables of keys of s.
func randomValue(r *rand.Rand, s *structure, d int) any {
	if d > 4 {
		return "v"
	}
	switch r.IntN(5) {
	case 0:
		return "v"
	case 1:
		return randomTable(r, s, d)
	case 2:
		a := make([]map[string]any, r.IntN(3))
		for i := range a {
			a[i] = randomTable(r, s, d)
		}
		return a
	case 3:
		a := make([]any, r.IntN(3))
		for i := range a {
			a[i] = randomValue(r, s, d)
		}
		return a
	}
	return int64(1)
}

// allPaths adds every key path of v below p.
func allPaths(v any, p []string, out *[][]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			q := append(append([]string(nil), p...), k)
			*out = append(*out, q)
			allPaths(x, q, out)
		}
	case []map[string]any:
		for _, m := range v {
			allPaths(m, p, out)
		}
	case []any:
		for _, x := range v {
			allPaths(x, p, out)
		}
	}
}

// readTree is the key paths the TOML decoder reads when it unifies a table
// into a struct, as a tree of plain key parts, built from the whole table
// (as the unknown-key check once did).
type readTree map[string]readTree

func markTree(r readTree, s *structure, m map[string]any) {
	for k, v := range m {
		f := s.match(k)
		if f == nil {
			continue
		}
		c := r.child(k)
		switch f.kind {
		case valueField:
			markTreeBelow(c, v)
		case tablesField, tableField:
			if k != f.name {
				continue
			}
			switch v := v.(type) {
			case map[string]any:
				markTree(c, f.sub, v)
			case []map[string]any:
				for _, e := range v {
					markTree(c, f.sub, e)
				}
			case []any:
				for _, e := range v {
					if t, ok := e.(map[string]any); ok {
						markTree(c, f.sub, t)
					}
				}
			}
		}
	}
}

func markTreeBelow(r readTree, v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, c := range v {
			markTreeBelow(r.child(k), c)
		}
	case []map[string]any:
		for _, m := range v {
			markTreeBelow(r, m)
		}
	}
}

func (r readTree) child(k string) readTree {
	c, ok := r[k]
	if !ok {
		c = readTree{}
		r[k] = c
	}
	return c
}

func (r readTree) has(p []string) bool {
	for _, k := range p {
		c, ok := r[k]
		if !ok {
			return false
		}
		r = c
	}
	return true
}
