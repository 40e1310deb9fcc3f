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
