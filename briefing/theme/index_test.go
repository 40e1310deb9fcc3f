package theme

import (
	"testing"

	"briefing/internal/tomlkey"
)

func TestKeyIndex(t *testing.T) {
	src := `# comment = 1
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
`
	x := newKeyIndex(tomlkey.Scan(src))
	for path, want := range map[string]pos{
		"paper":                        {2, 1},
		"margins":                      {3, 1},
		"note":                         {7, 1},
		"quoted key":                   {11, 1},
		"colors":                       {12, 1},
		"colors.accent":                {12, 1}, // inside an inline table: its parent
		"headings.en":                  {13, 1},
		"headings.en.summary":          {14, 3},
		"headings.en.words.ja.unknown": {15, 1}, // dotted, inside [headings.en]
		"items":                        {16, 1},
		"items.name":                   {17, 1},
	} {
		if got := x.at(path); got != want {
			t.Errorf("at(%q) = %v, want %v", path, got, want)
		}
	}
	for _, path := range []string{"not", "not.a.table", "comment"} {
		if p, ok := x[path]; ok {
			t.Errorf("index has %q at %v; it is inside a string or comment", path, p)
		}
	}
	if got := x.at("nowhere.at.all"); got != (pos{}) {
		t.Errorf("at(unknown) = %v, want zero", got)
	}
}
