package tomlkey

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

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
	// What TOML 1.0 forbids, keys that need quotes, a byte order mark.
	f.Add("title = { ja = \"t\" }\ntitle.en = \"t\"\n[a]\nb.c = 1\n[a.b]\n")
	f.Add("[x.a.b]\nz = 9\n[x]\na.b.t = 1\n[[y]]\n[y]\n")
	f.Add("d = 1985-06-18 17:04:07+12:60\nt = 17:45\ni = { a = 1,\n b = 2, }\ns = \"\\x41\\e\"\n")
	f.Add("\"title.ja\" = 1\n\"a\\nb\" = 2\n\"\" = 3\n'q\"' = 4\n")
	f.Add("\ufeffa = 1\n\f")
	// Quoted keys whose escapes come after, between and before plain text.
	f.Add("\"pre\\u00e9post\".k = 1\n\"\\tx\\\\\" = 2\ns = \"a\\\"b\"\n")
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) || strings.HasPrefix(src, "\ufeff") || strings.HasPrefix(src, "\xff\xfe") || strings.HasPrefix(src, "\xfe\xff") {
			return // load gives the scanner and the decoder UTF-8 without a mark
		}
		var v map[string]any
		md, err := toml.Decode(src, &v)
		x := Scan(src)
		if _, bad := x.Problem(); err == nil && !bad {
			// Of a document refused, only the problem and the error's
			// position are used, which folding does not change; one
			// that writes a path twice, in an array's element and by a
			// header, is refused.
			checkFold(t, "fuzz", src)
		} else {
			old := foldBytes
			foldBytes = 0
			folded := Scan(src)
			foldBytes = old
			if fp, fbad := folded.Invalid(err); fmt.Sprint(fp, fbad) != fmt.Sprint(scan(src, false).Invalid(err)) {
				t.Fatalf("folded, the document is refused with %v %v", fp, fbad)
			}
		}
		lines := strings.Split(src, "\n")
		// The first place that is not TOML 1.0 is inside the file, and
		// its message and key are one line each.
		if p, bad := x.Invalid(err); bad {
			if p.At.Line < 1 || p.At.Line > len(lines) || p.At.Col < 1 || p.At.Col > utf8.RuneCountInString(lines[p.At.Line-1])+1 {
				t.Fatalf("%q at %+v, outside the file", p.Message, p.At)
			}
			if strings.ContainsAny(p.Message+p.Key, "\n\r") || p.Message == "" {
				t.Fatalf("not one line: %q %q", p.Key, p.Message)
			}
		}
		if err != nil {
			return
		}
		for _, k := range md.Keys() {
			found, path := false, ""
			for _, o := range x.Occurrences() {
				if slices.Equal(o.Plain, k) {
					found, path = true, o.Path
					if o.Loc.Key.Line < 1 || o.Loc.Key.Line > len(lines) || o.Loc.Value.Line > len(lines) || o.Loc.Stmt.Line < 1 || o.Loc.Stmt.Line > o.Loc.Key.Line {
						t.Fatalf("%s at %+v, outside the file's %d lines", o.Path, o.Loc, len(lines))
					}
				}
			}
			if !found {
				t.Fatalf("the scanner missed key %q", k)
			}
			// Chars, which keeps the document only, places each byte
			// of a string value where Char does.
			if md.Type(k...) == "String" {
				chars := x.Chars(path)
				for off := -1; off <= 64; off++ {
					wp, wok := x.Char(path, off)
					if p, ok := chars(off); p != wp || ok != wok {
						t.Fatalf("%s byte %d: Chars %v %v, Char %v %v", path, off, p, ok, wp, wok)
					}
				}
			}
			// Its last part as we print it reads back as the same key.
			var back map[string]any
			if _, err := toml.Decode(Quote(k[len(k)-1])+" = 1", &back); err != nil || back[k[len(k)-1]] != int64(1) {
				t.Fatalf("Quote(%q) = %s does not read back: %v", k[len(k)-1], Quote(k[len(k)-1]), err)
			}
		}
	})
}

// FuzzWithout: for every document the TOML decoder accepts and the
// scanner finds valid TOML 1.0, Without(src, "x") decodes to the same
// document less x, and taking x out twice changes nothing more.
func FuzzWithout(f *testing.F) {
	seeds, _ := filepath.Glob("../../samples/*.toml")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b) + "\n[x]\nticket = \"SEC-1\"\n")
	}
	f.Add("id = \"a\"\nx.t = 1\n[x.n]\nk = '''\n[y]\n'''\n# kept\n[[risks]]\nt = 1\n[[x.l]]\n")
	f.Add("x = { a = [1, { b = \"}\" }] }\n[ 'x' . \"y\" ]\n")
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) || strings.HasPrefix(src, "\ufeff") {
			return
		}
		var before map[string]any
		_, err := toml.Decode(src, &before)
		if _, bad := Scan(src).Invalid(err); err != nil || bad {
			return // load refuses it before anything is attached
		}
		got := Without(src, "x")
		var after map[string]any
		if _, err := toml.Decode(got, &after); err != nil {
			t.Fatalf("Without gives a document the decoder refuses: %v\n%q", err, got)
		}
		delete(before, "x")
		if !reflect.DeepEqual(before, after) {
			t.Fatalf("Without(%q) = %q decodes to\n%v\nwant\n%v", src, got, after, before)
		}
		if again := Without(got, "x"); again != got {
			t.Fatalf("a second Without changes %q to %q", got, again)
		}
	})
}
