package tomlkey

import (
	"errors"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestQuote(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"title":      "title",
		"zh-Hant":    "zh-Hant",
		"title.ja":   `"title.ja"`,
		"":           `""`,
		"a b":        `"a b"`,
		"a\nb":       `"a\nb"`,
		"a\rb":       `"a\rb"`,
		"a\x00b":     `"a\u0000b"`,
		"\x07\x7f":   `"\u0007\u007F"`,
		`q"\`:        `"q\"\\"`,
		"日本語":        `"日本語"`,
		"tab\there":  `"tab\there"`,
		"form\ffeed": `"form\ffeed"`,
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
		// What Quote writes reads back as the same key.
		var m map[string]any
		if _, err := toml.Decode(Quote(in)+" = 1", &m); err != nil || m[in] != int64(1) {
			t.Errorf("%s does not read back as %q: %v %v", Quote(in), in, m, err)
		}
	}
	if got := Join(Join("", "a"), "b.c"); got != `a."b.c"` {
		t.Errorf("Join = %s", got)
	}
}

func TestSyntaxErrorOneLine(t *testing.T) {
	t.Parallel()
	src := "a = 1\nb = 2\n"
	err := toml.ParseError{Message: "first\nsecond\r\nthird", Position: toml.Position{Line: 2, Start: 6}}
	at, key, msg := SyntaxError(src, err)
	if at != (Pos{Line: 2, Col: 1}) || key != "" || msg != "first second third" {
		t.Errorf("SyntaxError = %v %q %q", at, key, msg)
	}
	at, _, msg = SyntaxError(src, errors.New("some\nerror"))
	if at != (Pos{Line: 1, Col: 1}) || msg != "some error" {
		t.Errorf("SyntaxError of another error = %v %q", at, msg)
	}
}
