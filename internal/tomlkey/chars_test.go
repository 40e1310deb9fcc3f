package tomlkey

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestChar decodes strings of every TOML kind and checks that each
// character of the decoded value is found at the position Char gives:
// written there as itself, or as the escape that stands for it.
func TestChar(t *testing.T) {
	docs := []string{
		`s = "abc 通信先 \"q\" \\ \t x\u00e9y\U0001F525z\n end"`,
		`s = 'C:\path\to 日本'`,
		"s = \"\"\"\n一行目\n二行目 \\\n    続き \\u3042 \"\" end\"\"\"",
		"s = '''\nline one\n  line 'two' \\n\n'''",
		"s = \"\"\"x\"\"\"\"\"",
		"title.ja = \"題\"\n[t]\ns = \"\"\"\r\nwin\r\nlines\"\"\"",
		`a = { s = "in \"inline\" table" }`,
	}
	for _, doc := range docs {
		var v map[string]any
		if _, err := toml.Decode(doc, &v); err != nil {
			t.Fatalf("%q: %v", doc, err)
		}
		path, val := "s", ""
		switch {
		case strings.HasPrefix(doc, "title"):
			path, val = "t.s", v["t"].(map[string]any)["s"].(string)
		case strings.HasPrefix(doc, "a ="):
			path, val = "a.s", v["a"].(map[string]any)["s"].(string)
		default:
			val = v["s"].(string)
		}
		x := Scan(doc)
		lines := strings.Split(doc, "\n")
		for off, r := range val {
			p, ok := x.Char(path, off)
			if !ok {
				t.Fatalf("%q: no position for byte %d (%q) of %q", doc, off, r, val)
			}
			line := []rune(lines[p.Line-1] + "\n")
			if p.Col-1 >= len(line) {
				t.Fatalf("%q: %q at %d:%d, past the line", doc, r, p.Line, p.Col)
			}
			got := line[p.Col-1]
			if got != r && got != '\\' && !(r == '\n' && got == '\r') {
				t.Errorf("%q: byte %d %q is at %d:%d, which holds %q", doc, off, r, p.Line, p.Col, got)
			}
			if got == '\\' && r != '\\' && !strings.ContainsRune("\"\t\n\u00e9\U0001F525\u3042", r) {
				t.Errorf("%q: byte %d %q is at an escape %d:%d", doc, off, r, p.Line, p.Col)
			}
		}
		if _, ok := x.Char(path, len(val)+1); ok {
			t.Errorf("%q: a position past the value", doc)
		}
		// Chars gives Char's positions, asked forwards, backwards and
		// after the index has been asked about another key.
		chars := x.Chars(path)
		x.Char("nothing", 0)
		for _, off := range append(offsets(len(val)), -1, len(val)+1) {
			want, wok := x.Char(path, off)
			got, ok := chars(off)
			if got != want || ok != wok {
				t.Errorf("%q: Chars at %d gives %v %v, Char %v %v", doc, off, got, ok, want, wok)
			}
		}
	}
	if _, ok := Scan("s = 1").Chars("s")(0); ok {
		t.Error("Chars of a number gives a position")
	}
	if _, ok := Scan("s = 'x'").Chars("t")(0); ok {
		t.Error("Chars of a missing key gives a position")
	}
}

// offsets are 0 … n-1, then n-1 … 0.
func offsets(n int) []int {
	var o []int
	for i := range n {
		o = append(o, i)
	}
	for i := n - 1; i >= 0; i-- {
		o = append(o, i)
	}
	return o
}
