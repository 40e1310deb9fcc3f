package diag

import "testing"

func TestDedupe(t *testing.T) {
	t.Parallel()
	a := Diagnostic{File: "a.toml", Line: 3, Col: 1, Key: "title.ja", Message: "character U+1F525 🔥 cannot be drawn"}
	b := Diagnostic{File: "a.toml", Line: 1, Col: 1, Key: "id", Message: "missing"}
	w := Diagnostic{Severity: Warning, File: "a.toml", Line: 3, Col: 1, Key: "title.ja", Message: "no en text"}
	got := List{a, w, b, a, w}.Dedupe()
	want := List{b, a, w}
	if len(got) != len(want) {
		t.Fatalf("Dedupe = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Dedupe()[%d] = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestStringIsOneLine(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "a.toml", Line: 2, Col: 3, Key: "title", Message: "first line\nsecond line"},
			"a.toml:2:3: title: first line second line"},
		{Diagnostic{File: "a.toml", Line: 2, Col: 3, Key: "title", Message: "a\r\nb\rc\u2028d"},
			"a.toml:2:3: title: a b c d"},
		{Diagnostic{File: "a.toml", Line: 1, Col: 1, Key: "a\x00b", Message: "bell \x07 and \x7f and \u0085"},
			`a.toml:1:1: a\u0000b: bell \u0007 and \u007F and \u0085`},
		{Diagnostic{File: "new\nline.toml", Line: 1, Col: 1, Message: "m"}, "new line.toml:1:1: m"},
		// Bidirectional controls would show the rest of the line reordered.
		{Diagnostic{File: "a\u202Etxt.toml", Line: 9, Col: 9, Key: "indicators[1].value", Message: "character U+202E \u202E cannot be drawn; \u2066x\u2069 \u200F\u061C"},
			`a\u202Etxt.toml:9:9: indicators[1].value: character U+202E \u202E cannot be drawn; \u2066x\u2069 \u200F\u061C`},
		{Diagnostic{Severity: Warning, File: "a.toml", Line: 4, Col: 5, Key: `"title.ja"`, Message: "tab\tstays"},
			"a.toml:4:5: \"title.ja\": warning: tab\tstays"},
	} {
		if got := c.d.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
}
