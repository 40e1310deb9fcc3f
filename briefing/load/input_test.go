package load_test

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"briefing/briefing/load"
	"briefing/briefing/validate"
)

// The messages about the input file as a whole: its encoding, its byte
// order mark, keys that need quotes, and TOML 1.0.

const valid = `format = 1
id = "t"
date = 2021-05-06
title = "T"
summary = "S"
`

// messages loads and validates src and returns every message, printed.
func messages(t *testing.T, src []byte) []string {
	t.Helper()
	raw, ds := load.Read("in.toml", strings.NewReader(string(src)))
	_, vds := validate.Incident(raw)
	var out []string
	for _, d := range append(ds, vds...) {
		out = append(out, d.String())
	}
	return out
}

// TestByteOrderMark checks that every message is the same, at the same
// line and column, with or without a byte order mark before the file.
func TestByteOrderMark(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      string // the first message without the mark
	}{
		{"syntax error on line 3", "format = 1\nid = \"t\"\ndate = 2024-03-08 x\n", "in.toml:3:19: date: TOML syntax error: "},
		{"bad key at the start of line 2", "format = 1\nbad key = 1\n", "in.toml:2:5: bad: TOML syntax error: "},
		{"syntax error on line 1", "format = = 1\n", "in.toml:1:10: format: TOML syntax error: "},
		{"nesting guard on line 1", "a = " + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "\n", "in.toml:1:69: a" + strings.Repeat("[1]", 64) + ": arrays and inline tables are nested more than 64 deep"},
		{"unknown key on line 1", "sumary = \"S\"\n" + valid, `in.toml:1:1: sumary: unknown key "sumary"; did you mean "summary"?`},
		{"validation on line 1", "severity = \"hgih\"\n" + valid, `in.toml:1:12: severity: "hgih" is not one of`},
		{"control character on line 1", "a = 1\x7f\n", "in.toml:1:6: a: TOML syntax error: the control character U+007F"},
		{"redefined table on line 1", "title = { ja = \"t\" }\ntitle.en = \"t\"\n", "in.toml:2:1: title: TOML syntax error: title is an inline table (line 1), and TOML 1.0 does not let it be extended"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			plain, marked := messages(t, []byte(tt.src)), messages(t, []byte("\ufeff"+tt.src))
			if len(plain) == 0 || !strings.HasPrefix(plain[0], tt.want) {
				t.Fatalf("got %q, want %s…", plain, tt.want)
			}
			if strings.Join(plain, "\n") != strings.Join(marked, "\n") {
				t.Errorf("with a byte order mark:\n%s\nwithout:\n%s", strings.Join(marked, "\n"), strings.Join(plain, "\n"))
			}
		})
	}
}

// TestNotUTF8 checks that a file in another encoding is refused with a
// message naming the encoding it looks like, at its first byte that is not
// UTF-8, and the key whose statement holds it (read in that encoding),
// none when no key's does (a comment, UTF-16 at 1:1).
func TestNotUTF8(t *testing.T) {
	src := valid + "author = \"分析チーム\"\n"
	sjis, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte(src))
	euc, _ := japanese.EUCJP.NewEncoder().Bytes([]byte(src))
	u16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(src))
	u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(src))
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"Shift_JIS", sjis, "in.toml:6:11: author: the file is not UTF-8: it looks like Shift_JIS (Japanese Windows, CP932); save it as UTF-8"},
		{"EUC-JP", euc, "in.toml:6:11: author: the file is not UTF-8: it looks like EUC-JP; save it as UTF-8"},
		{"UTF-16 with a byte order mark", u16le, "in.toml:1:1: the file is not UTF-8: it looks like UTF-16 (little-endian) with a byte order mark; save it as UTF-8"},
		{"UTF-16 without a byte order mark", u16be, "in.toml:1:1: the file is not UTF-8: it looks like UTF-16 (big-endian); save it as UTF-8"},
		{"Latin-1", []byte(valid + "author = \"Jos\xe9\"\n"), "in.toml:6:14: author: the file is not UTF-8 text; save it as UTF-8"},
		{"in a comment", []byte(valid + "# \x95\xaa\x90\xcd\n"), "in.toml:6:3: the file is not UTF-8: it looks like Shift_JIS (Japanese Windows, CP932); save it as UTF-8"},
		{"on a later line of a multi-line string", []byte(valid + "author = \"\"\"\nthe\n\x95\xaa\x90\xcd\"\"\"\n"),
			"in.toml:8:1: author: the file is not UTF-8: it looks like Shift_JIS (Japanese Windows, CP932); save it as UTF-8"},
		{"in a table", []byte(valid + "[[references]]\nid = \"a\"\ntitle = \"Jos\xe9\"\n"), "in.toml:8:13: references[1].title: the file is not UTF-8 text; save it as UTF-8"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := messages(t, tt.data)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestKeysAsWritten checks that keys are printed as TOML writes them,
// quoted and escaped where needed, and that every message is one line.
func TestKeysAsWritten(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      string
	}{
		{"quoted key with a dot", valid + "\"title.ja\" = \"x\"\n", `in.toml:6:1: "title.ja": unknown key "title.ja"; allowed at the top level: `},
		{"quoted key in a header", valid + "[analysis.\"a.b\"]\n", `in.toml:6:1: analysis."a.b": unknown key "a.b"; allowed in [analysis]: `},
		{"key holding a line feed", valid + "\"a\\nb\" = 1\n", `in.toml:6:1: "a\nb": unknown key "a\nb"; allowed at the top level: `},
		{"key holding a carriage return", valid + "\"a\\rb\" = 1\n", `in.toml:6:1: "a\rb": unknown key "a\rb"; allowed at the top level: `},
		{"key holding NUL", valid + "\"a\\u0000b\" = 1\n", `in.toml:6:1: "a\u0000b": unknown key "a\u0000b"; allowed at the top level: `},
		{"key holding a bell", valid + "\"\\u0007\" = 1\n", `in.toml:6:1: "\u0007": unknown key "\u0007"; did you mean "x"?`},
		{"key holding a quote and a backslash", valid + "'a\"\\b' = 1\n", `in.toml:6:1: "a\"\\b": unknown key "a\"\\b"; allowed at the top level: `},
		{"empty key", valid + "\"\" = 1\n", `in.toml:6:1: "": unknown key ""; did you mean "x"?`},
		{"empty key in a text", strings.Replace(valid, `title = "T"`, `title."" = "T"`, 1), `in.toml:4:12: title."": "" is not a language tag`},
		{"key with a line feed defined twice", valid + "[x]\n\"a\\nb\" = 1\n\"a\\nb\" = 2\n", `in.toml:8:1: x."a\nb": TOML syntax error: x."a\nb" is defined twice; first on line 7`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := messages(t, []byte(tt.src))
			if len(got) == 0 || !strings.HasPrefix(got[0], tt.want) {
				t.Fatalf("got  %q\nwant %s…", got, tt.want)
			}
			for _, m := range got {
				if strings.ContainsAny(m, "\n\r\x00") {
					t.Errorf("message not on one line: %q", m)
				}
			}
		})
	}
}

// TestTOML10 checks that what TOML 1.0 does not allow is refused at the
// offending key or value, also where the TOML decoder accepts it, and that
// what it allows is accepted.
func TestTOML10(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      string // "" when the file is TOML 1.0
	}{
		{"inline text added to by a dotted key", valid + "author = { ja = \"分析チーム\" }\nauthor.en = \"Analysis team\"\n",
			"in.toml:7:1: author: TOML syntax error: author is an inline table (line 6), and TOML 1.0 does not let it be extended; write the key inside its braces"},
		{"inline table added to by a header", valid + "[x]\na = {}\n[x.a.b]\n",
			`in.toml:8:4: x.a: TOML syntax error: x.a is an inline table (line 7), and TOML 1.0 does not let it be extended`},
		{"inline table added to inside an inline table", valid + "[x]\nt = { f = { a = 1 }, f.b = 2 }\n",
			`in.toml:7:22: x.t.f: TOML syntax error: x.t.f is an inline table (line 7)`},
		{"table defined twice", valid + "[analysis]\nmethod = \"m\"\n[analysis]\nactor = \"a\"\n",
			"in.toml:8:2: analysis: TOML syntax error: table [analysis] is defined twice; the first [analysis] is on line 6"},
		{"table of dotted keys defined again by a header", valid + "[procurement]\ncaption.ja = \"c\"\n[procurement.caption]\nen = \"c\"\n",
			"in.toml:8:14: procurement.caption: TOML syntax error: table procurement.caption is already defined by a dotted key on line 7, and TOML 1.0 does not let a [procurement.caption] header define it again"},
		{"header table added to by a dotted key", valid + "[x.a.b]\nz = 9\n[x]\na.b.t = 1\n",
			"in.toml:9:3: x.a.b: TOML syntax error: table [x.a.b] is defined by its header on line 6, and TOML 1.0 does not let a dotted key add to it; write the key under [x.a.b]"},
		{"array of tables added to by a dotted key", valid + "[[x.a]]\n[x]\na.b = 1\n",
			"in.toml:8:1: x.a: TOML syntax error: x.a is an array of tables ([[x.a]] on line 6); write the key under [[x.a]]"},
		{"dotted table overwritten by a value", valid + "[x]\na.b.c = 1\na.b = 2\n",
			"in.toml:8:3: x.a.b: TOML syntax error: x.a.b is defined twice; first on line 7"},
		{"dotted key defined twice", valid + "[x]\na.b = 1\na.b = 2\n",
			"in.toml:8:3: x.a.b: TOML syntax error: x.a.b is defined twice; first on line 7"},
		{"escape beyond Unicode", valid + "[x]\ns = \"\\U00110000\"\n",
			"in.toml:7:6: x.s: TOML syntax error: the escape \\U00110000 names U+110000, beyond U+10FFFF, the last code point of Unicode"},
		{"escape of a surrogate", valid + "[x]\ns = \"a\\uDFFF\"\n",
			"in.toml:7:6: x.s: TOML syntax error: the escape \\uDFFF names U+DFFF, a surrogate (U+D800 to U+DFFF), which is no character: write the character's own code point"},
		{"offset minute out of range", valid + "[x]\nd = 1985-06-18 17:04:07+12:60\n",
			"in.toml:7:24: x.d: TOML syntax error: the time offset +12:60 is out of range: hours run from 00 to 23, minutes from 00 to 59"},
		{"offset hour out of range", valid + "[x]\nd = 1985-06-18T17:04:07.5-24:00\n",
			"in.toml:7:"},
		{"time without seconds", valid + "[x]\nt = 17:45\n",
			"in.toml:7:5: x.t: TOML syntax error: a time needs seconds in TOML 1.0: write 17:45:00"},
		{"date and time without seconds", valid + "[x]\nt = [1979-05-27 07:32Z]\n",
			"in.toml:7:17: x.t[1]: TOML syntax error: a time needs seconds in TOML 1.0: write 07:32:00"},
		{"inline table over two lines", valid + "[x]\nt = { a = 1,\n  b = 2 }\n",
			"in.toml:7:13: x.t: TOML syntax error: an inline table is written on one line in TOML 1.0; use a [x.t] table to spread it over several lines"},
		{"inline table with a comment", valid + "[x]\nt = { a = 1 # one\n}\n",
			"in.toml:7:13: x.t: TOML syntax error: an inline table is written on one line in TOML 1.0"},
		{"inline table with a trailing comma", valid + "[x]\nt = { a = 1, }\n",
			"in.toml:7:12: x.t: TOML syntax error: an inline table does not end with a comma in TOML 1.0"},
		{"\\x escape", valid + "[x]\ns = \"a\\x33\"\n",
			`in.toml:7:7: x.s: TOML syntax error: the escape \x33 is TOML 1.1; in TOML 1.0 write \u0033`},
		{"\\e escape in a multi-line string", valid + "[x]\ns = \"\"\"\nab\\e\"\"\"\n",
			`in.toml:8:3: x.s: TOML syntax error: the escape \e is TOML 1.1; in TOML 1.0 write \u001B`},
		{"\\x escape in a key", valid + "[x]\n\"\\x41\" = 1\n",
			`in.toml:7:2: TOML syntax error: the escape \x41 is TOML 1.1`},
		{"sub-table of a table of dotted keys", valid + "[x]\na.b = 1\n[x.a.c]\nd = 2\n", ""},
		{"super-table defined after its sub-table", valid + "[x.a.b]\nc = 1\n[x.a]\nd = 2\n", ""},
		{"tables of an array of tables", valid + "[[x.a]]\nb.c = 1\n[x.a.d]\n[[x.a]]\nb.c = 2\n[x.a.d]\n", ""},
		{"times with seconds and offsets", valid + "[x]\na = 07:32:00\nb = 1979-05-27T07:32:00.999-23:59\nc = 2024-03-08\nd = \"12:30\"\n", ""},
		{"a backslash at a line end in a multi-line string", valid + "[x]\ns = \"\"\"a \\\n  b\\u0041\"\"\"\n", ""},
		{"an inline table in an array over several lines", valid + "[x]\na = [\n  { b = 1 },\n  { b = 2 },\n]\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := messages(t, []byte(tt.src))
			if tt.want == "" {
				if len(got) != 0 {
					t.Errorf("got %q, want no message", got)
				}
				return
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], tt.want) {
				t.Errorf("got  %q\nwant %s…", got, tt.want)
			}
		})
	}
}
