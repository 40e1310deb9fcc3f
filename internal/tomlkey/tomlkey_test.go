package tomlkey

import "testing"

const doc = `# comment = 1
paper = "A4"  # trailing [comment]
margins = [
  70, 57,   # top, right
  64, 57,
]
note = """
not = a key
[not.a.table]
"""
"quoted key" = 'x = y'
colors = { accent = "#000000", text = "#111111" }
[headings . "en"]
  summary = "Summary"
words.ja.unknown = "不明"
[[items]]
name = "a [b] {c}"
[[items]]
name = "日本語 [1]"
`

func TestLoc(t *testing.T) {
	t.Parallel()
	x := Scan(doc)
	for _, tt := range []struct {
		path            string
		key, value, stm Pos
	}{
		{"paper", Pos{2, 1}, Pos{2, 9}, Pos{2, 1}},
		{"margins", Pos{3, 1}, Pos{3, 11}, Pos{3, 1}},
		{"margins[3]", Pos{5, 3}, Pos{5, 3}, Pos{3, 1}},
		{"note", Pos{7, 1}, Pos{7, 8}, Pos{7, 1}},
		{"quoted key", Pos{11, 1}, Pos{11, 16}, Pos{11, 1}},
		{"colors", Pos{12, 1}, Pos{12, 10}, Pos{12, 1}},
		{"colors.text", Pos{12, 32}, Pos{12, 39}, Pos{12, 1}},
		{"headings", Pos{13, 2}, Pos{13, 2}, Pos{13, 1}},
		{"headings.en", Pos{13, 1}, Pos{13, 1}, Pos{13, 1}},
		{"headings.en.summary", Pos{14, 3}, Pos{14, 13}, Pos{14, 3}},
		{"headings.en.words.ja.unknown", Pos{15, 10}, Pos{15, 20}, Pos{15, 1}},
		{"items", Pos{16, 1}, Pos{16, 1}, Pos{16, 1}},
		{"items[2]", Pos{18, 1}, Pos{18, 1}, Pos{18, 1}},
		{"items[2].name", Pos{19, 1}, Pos{19, 8}, Pos{19, 1}},
	} {
		l, ok := x.Loc(tt.path)
		if want := (Loc{tt.key, tt.value, tt.stm}); !ok || l != want {
			t.Errorf("Loc(%q) = %+v, %v; want %+v", tt.path, l, ok, want)
		}
	}
	for _, path := range []string{"not", "not.a.table", "comment", "items.name"} {
		if l, ok := x.Loc(path); ok {
			t.Errorf("Loc(%q) = %+v: inside a string or comment, or not an indexed path", path, l)
		}
	}
	if p, ok := x.Find("items[2].name", "[1]"); !ok || p != (Pos{19, 13}) {
		t.Errorf(`Find("items[2].name", "[1]") = %v, %v; want 19:13`, p, ok)
	}
	if _, ok := x.Find("paper", "A5"); ok {
		t.Error(`Find("paper", "A5") found what the value does not hold`)
	}
}

func TestOccurrences(t *testing.T) {
	t.Parallel()
	n := 0
	for _, o := range Scan(doc).Occurrences() {
		if o.Path == "items[1].name" || o.Path == "items[2].name" {
			n++
			if len(o.Plain) != 2 || o.Plain[0] != "items" || o.Plain[1] != "name" {
				t.Errorf("%s has plain path %q, want [items name]", o.Path, o.Plain)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d occurrences of items[n].name, want 2", n)
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
