package tomlkey

import "testing"

const doc = `# format = 1
id = "x-1"  # trailing [comment]
tags = [
  "ot", "ics",   # sectors
  "vpn",
]
summary = """
not = a key
[not.a.table]
"""
"quoted key" = 'x = y'
title = { ja = "題名", en = "Title" }
[analysis . "method"]
  ja = "手法"
actor.ja.text = "不明"
[[risks]]
title = "a [b] {c}"
[[risks]]
title = "日本語 [1]"
`

func TestLoc(t *testing.T) {
	t.Parallel()
	x := Scan(doc)
	for _, tt := range []struct {
		path            string
		key, value, stm Pos
	}{
		{"id", Pos{2, 1}, Pos{2, 6}, Pos{2, 1}},
		{"tags", Pos{3, 1}, Pos{3, 8}, Pos{3, 1}},
		{"tags[3]", Pos{5, 3}, Pos{5, 3}, Pos{3, 1}},
		{"summary", Pos{7, 1}, Pos{7, 11}, Pos{7, 1}},
		{`"quoted key"`, Pos{11, 1}, Pos{11, 16}, Pos{11, 1}},
		{"title", Pos{12, 1}, Pos{12, 9}, Pos{12, 1}},
		{"title.en", Pos{12, 22}, Pos{12, 27}, Pos{12, 1}}, // columns in characters
		{"analysis", Pos{13, 2}, Pos{13, 2}, Pos{13, 1}},
		{"analysis.method", Pos{13, 1}, Pos{13, 1}, Pos{13, 1}},
		{"analysis.method.ja", Pos{14, 3}, Pos{14, 8}, Pos{14, 3}},
		{"analysis.method.actor.ja.text", Pos{15, 10}, Pos{15, 17}, Pos{15, 1}},
		{"risks", Pos{16, 1}, Pos{16, 1}, Pos{16, 1}},
		{"risks[2]", Pos{18, 1}, Pos{18, 1}, Pos{18, 1}},
		{"risks[2].title", Pos{19, 1}, Pos{19, 9}, Pos{19, 1}},
	} {
		l, ok := x.Loc(tt.path)
		if want := (Loc{tt.key, tt.value, tt.stm}); !ok || l != want {
			t.Errorf("Loc(%q) = %+v, %v; want %+v", tt.path, l, ok, want)
		}
	}
	for _, path := range []string{"not", "not.a.table", "format", "risks.title"} {
		if l, ok := x.Loc(path); ok {
			t.Errorf("Loc(%q) = %+v: inside a string or comment, or not an indexed path", path, l)
		}
	}
	if p, ok := x.Find("risks[2].title", "[1]"); !ok || p != (Pos{19, 14}) {
		t.Errorf(`Find("risks[2].title", "[1]") = %v, %v; want 19:14`, p, ok)
	}
	if _, ok := x.Find("id", "y"); ok {
		t.Error(`Find("id", "y") found what the value does not hold`)
	}
}

func TestOccurrences(t *testing.T) {
	t.Parallel()
	n := 0
	for _, o := range Scan(doc).Occurrences() {
		if o.Path == "risks[1].title" || o.Path == "risks[2].title" {
			n++
			if len(o.Plain) != 2 || o.Plain[0] != "risks" || o.Plain[1] != "title" {
				t.Errorf("%s has plain path %q, want [risks title]", o.Path, o.Plain)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d occurrences of risks[n].title, want 2", n)
	}
}

func TestHint(t *testing.T) {
	t.Parallel()
	known := []string{"title", "text", "summary", "date"}
	for _, tt := range []struct {
		key, want string
		near      bool
	}{
		{"sumary", `did you mean "summary"?`, true},
		{"titel", `did you mean "title"?`, true},
		{"txt", `did you mean "text"?`, true},
		{"dat", `did you mean "date"?`, true},
		{"severity", "date, summary, text, title", false},
	} {
		if got, near := Hint(tt.key, known); got != tt.want || near != tt.near {
			t.Errorf("Hint(%q) = %q, %v; want %q, %v", tt.key, got, near, tt.want, tt.near)
		}
	}
	// Of keys equally near, the first in known.
	if got, _ := Hint("tezt", []string{"text", "test"}); got != `did you mean "text"?` {
		t.Errorf(`Hint("tezt", [text test]) = %q, want text`, got)
	}
	if got, _ := Hint("tezt", []string{"test", "text"}); got != `did you mean "test"?` {
		t.Errorf(`Hint("tezt", [test text]) = %q, want test`, got)
	}
}

func TestNesting(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, src string
		limit     int
		want      Pos // the zero Pos: not too deep
	}{
		{"the test document", doc, 2, Pos{}},
		{"brackets in strings and comments", "a = \"[[[\" # [[[\nb = '{{{'\nc = \"\"\"\n[[[\n\"\"\"\nd = [[1]]\n", 2, Pos{}},
		{"an escaped quote", "a = \"\\\"[[[\"\nb = [[1]]\n", 2, Pos{}},
		{"too deep", "a = 1\nb = [ [ {c = [1]} ] ]\n", 3, Pos{Line: 2, Col: 14}},
		{"after a multi-line string", "a = '''\n'''\nb = [[[1]]]\n", 2, Pos{Line: 3, Col: 7}},
	} {
		at, deep := Nesting(tt.src, tt.limit)
		if deep != (tt.want != Pos{}) || at != tt.want {
			t.Errorf("%s: Nesting = %v, %v; want %v", tt.name, at, deep, tt.want)
		}
	}
}

func TestEscapedKeys(t *testing.T) {
	t.Parallel()
	x := Scan("\"a\\u00e9\" = 1\n\"b\\U0001F525\" = 2\n\"c\\x41\" = 3\n")
	for path, want := range map[string]Pos{`"aé"`: {1, 1}, `"b🔥"`: {2, 1}, "cA": {3, 1}} {
		if l, ok := x.Loc(path); !ok || l.Key != want {
			t.Errorf("Loc(%q) = %+v, %v; want key at %+v", path, l, ok, want)
		}
	}
}

// TestLookupKey: LookupKey(table, name) answers as Lookup(Join(table,
// name)) for every key of the document, in folded elements too, and for
// keys it does not have, quoted ones among them.
func TestLookupKey(t *testing.T) {
	src := doc + "[procurement]\nitems = [{ product = \"a\", users = 1 }, { product = \"b\", \"q k\" = 2 }]\n"
	for _, fold := range []int{1 << 20, 0} {
		old := foldBytes
		foldBytes = fold
		x := Scan(src)
		foldBytes = old
		n := 0
		for _, o := range x.Occurrences() {
			if o.Element {
				continue
			}
			table := ""
			if i := len(o.Path) - len(Quote(o.Plain[len(o.Plain)-1])); i > 0 {
				table = o.Path[:i-1]
			}
			for _, name := range []string{o.Plain[len(o.Plain)-1], "absent", "q k", ""} {
				kept, loc, ok := x.LookupKey(table, name)
				wkept, wloc, wok := x.Lookup(Join(table, name))
				if kept != wkept || loc != wloc || ok != wok {
					t.Errorf("fold %d: LookupKey(%q, %q) = %q %v %v, Lookup %q %v %v", fold, table, name, kept, loc, ok, wkept, wloc, wok)
				}
				n += btoi(ok)
			}
		}
		if n < 20 {
			t.Errorf("fold %d: %d keys found", fold, n)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
