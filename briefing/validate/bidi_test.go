package validate

import (
	"strings"
	"testing"

	"briefing/briefing/diag"
)

// TestBidiControlRefused: a bidirectional control (U+202A–U+202E,
// U+2066–U+2069, and the marks U+200E, U+200F, U+061C), written as itself or as a TOML escape, in a one-line or
// a multi-line text, is refused at its own line and column, named as
// U+XXXX and never printed.
func TestBidiControlRefused(t *testing.T) {
	t.Parallel()
	const head = "format = 1\nid = \"t\"\ndate = 2021-05-06\n"
	for _, c := range []struct {
		name, src string
		line, col int
		code      string
	}{
		{"raw in title", head + "title = \"ab\u202Ecd\"\nsummary = \"S\"\n", 4, 12, "U+202E"},
		{"escaped in title", head + "title = \"ab\\u2066cd\"\nsummary = \"S\"\n", 4, 12, "U+2066"},
		{"second line of a text", head + "title = \"T\"\nsummary = \"\"\"\nfirst\nx\u202Ay\"\"\"\n", 7, 2, "U+202A"},
		{"a mark", head + "title = \"ab\\u200Fcd\"\nsummary = \"S\"\n", 4, 12, "U+200F"},
		{"Arabic letter mark", head + "title = \"T\"\nsummary = \"S\u061C\"\n", 5, 13, "U+061C"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, ds := check(t, c.src)
			var errs diag.List
			for _, d := range ds {
				if d.Severity == diag.Error {
					errs = append(errs, d)
				}
			}
			if len(errs) != 1 {
				t.Fatalf("want 1 error, got %v", ds)
			}
			d := errs[0]
			if d.Line != c.line || d.Col != c.col || !strings.Contains(d.Message, c.code) {
				t.Errorf("got %s, want line %d, column %d naming %s", d, c.line, c.col, c.code)
			}
			if strings.ContainsAny(d.String(), "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C") {
				t.Errorf("the control is printed: %q", d.String())
			}
		})
	}
}

// TestControlAtItsColumn: a control character (C0 or C1, written as an
// escape or as itself) is refused at its own line and column, not the
// text's; one before a bidirectional control in the same text is
// refused too, each at its place, in the order written.
func TestControlAtItsColumn(t *testing.T) {
	t.Parallel()
	const head = "format = 1\nid = \"t\"\ndate = 2021-05-06\ntitle = \"T\"\n"
	type at struct {
		line, col int
		code      string
	}
	for _, c := range []struct {
		name, src string
		want      []at
	}{
		{"escaped bell", head + "summary = \"bell \\u0007 here\"\n", []at{{5, 17, "U+0007"}}},
		{"C1 as itself, second line", head + "summary = \"\"\"\nfirst\nab\u0085c\"\"\"\n", []at{{7, 3, "U+0085"}}},
		{"bell and RLO", head + "summary = \"bell \\u0007 and rlo \\u202E here\"\n", []at{{5, 17, "U+0007"}, {5, 32, "U+202E"}}},
		// An indicator's value, data rather than text, at its column too.
		{"indicator value, escaped bell", "format = 2\nid = \"t\"\ndate = 2021-05-06\ntlp = \"CLEAR\"\ntitle = \"T\"\nsummary = \"S\"\n[[indicators]]\ntype = \"file\"\nvalue = \"evil \\u0007.exe\"\n",
			[]at{{9, 15, "U+0007"}}},
		{"indicator value, a tab as itself in a literal string", "format = 2\nid = \"t\"\ndate = 2021-05-06\ntlp = \"CLEAR\"\ntitle = \"T\"\nsummary = \"S\"\n[[indicators]]\ntype = \"registry\"\nvalue = 'HKLM\\Run\\é\tx'\n",
			[]at{{9, 20, "U+0009"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, ds := check(t, c.src)
			var errs diag.List
			for _, d := range ds {
				if d.Severity == diag.Error {
					errs = append(errs, d)
				}
			}
			if len(errs) != len(c.want) {
				t.Fatalf("want %d errors, got %v", len(c.want), ds)
			}
			for i, w := range c.want {
				if d := errs[i]; d.Line != w.line || d.Col != w.col || !strings.Contains(d.Message, w.code) {
					t.Errorf("got %s, want line %d, column %d naming %s", d, w.line, w.col, w.code)
				}
			}
		})
	}
}
