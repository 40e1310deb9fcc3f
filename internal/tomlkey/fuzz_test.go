package tomlkey

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/BurntSushi/toml"
)

// FuzzIndex checks the key scanner against the TOML decoder: every key the
// decoder reads is found by the scanner, with a position inside the file.
func FuzzIndex(f *testing.F) {
	seeds, _ := filepath.Glob("../../samples/*.toml")
	for _, s := range append(seeds, "../../templates/skeleton.toml") {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("a = [ { b = 1, c = { d = 'x' } }, {} ]\n\"q.k\".'l' = \"\"\"\n\\\n  x\"\"\"\n[[t.u]]\nv = 1\n[[t.u]]\n[t.u.w]\nz = 2\n")
	f.Fuzz(func(t *testing.T, src string) {
		var v map[string]any
		md, err := toml.Decode(src, &v)
		if err != nil {
			return
		}
		x := Scan(src)
		lines := 1
		for _, c := range src {
			if c == '\n' {
				lines++
			}
		}
		for _, k := range md.Keys() {
			found := false
			for _, o := range x.Occurrences() {
				if slices.Equal(o.Plain, k) {
					found = true
					if o.Loc.Key.Line < 1 || o.Loc.Key.Line > lines || o.Loc.Value.Line > lines || o.Loc.Stmt.Line < 1 || o.Loc.Stmt.Line > o.Loc.Key.Line {
						t.Fatalf("%s at %+v, outside the file's %d lines", o.Path, o.Loc, lines)
					}
				}
			}
			if !found {
				t.Fatalf("the scanner missed key %q", k)
			}
		}
	})
}
