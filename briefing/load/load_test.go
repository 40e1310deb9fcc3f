package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/diag"
	"briefing/briefing/model"
)

const valid = `format = 1
id = "t"
date = 2021-05-06
title = "T"
summary = "S"
`

func read(t *testing.T, src string) (*Raw, diag.List) {
	t.Helper()
	return Read("in.toml", strings.NewReader(src))
}

// TestErrors checks the errors load itself reports: each at its file,
// line, column and key.
func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // the one diagnostic, as printed
	}{
		{"syntax error", "format = 1\ntitle = \"unterminated\n", `in.toml:2:22: title: TOML syntax error: strings cannot contain newlines`},
		{"syntax error column in characters", "title = { ja = \"日本語\", en = }\n", "in.toml:1:28: title.en: TOML syntax error: expected value"},
		{"literal control character", "format = 1\ntitle = \"a\x07b\"\n", "in.toml:2:11: title: TOML syntax error: the control character U+0007 is not allowed in a TOML file; inside a string, write it as an escape such as \\u0007"},
		{"string cut by the end of the file after Japanese", "title = \"日本", "in.toml:1:12: title: TOML syntax error: unexpected EOF"},
		{"form feed alone", "\f", "in.toml:1:1: TOML syntax error: the control character U+000C is not allowed"},
		{"vertical tab after a line", "format = 1\n\v", "in.toml:2:1: TOML syntax error: the control character U+000B is not allowed"},
		{"table header cut by a line end", "[a\nb = 1\n", "in.toml:1:3: a: TOML syntax error: expected '.' or ']' to end table name, but got '\\n' instead"},
		{"string cut by a line end", "format = 1\nab = \"x\ny\"\n", "in.toml:2:8: ab: TOML syntax error: strings cannot contain newlines"},
		{"typo of summary", valid + "sumary = \"x\"\n", `in.toml:6:1: sumary: unknown key "sumary"; did you mean "summary"?`},
		{"typo of summary as a dotted key", valid + "sumary.ja = \"x\"\n", `in.toml:6:1: sumary: unknown key "sumary"; did you mean "summary"?`},
		{"unknown key with a list value", valid + "[[risks]]\ntitle = \"R\"\nowners = [\"a\", \"b\"]\n", `in.toml:8:1: risks[1].owners: unknown key "owners"; allowed in [risks]:`},
		{"key in wrong case", valid + "Severity = \"high\"\n", `in.toml:6:1: Severity: unknown key "Severity": keys are case-sensitive; write "severity"`},
		{"unknown table", valid + "[extra]\na = 1\n", `in.toml:6:1: extra: unknown key "extra"; allowed at the top level: analysis,`},
		{"unknown key in an entry", valid + "[[risks]]\ntitle = \"R\"\n[[risks]]\ntitel = \"R\"\n", `in.toml:9:1: risks[2].titel: unknown key "titel"; did you mean "title"?`},
		{"unknown key inline", valid + "timeline = [{ when = \"2019\", txt = \"x\" }]\n", `in.toml:6:30: timeline[1].txt: unknown key "txt"; did you mean "text"?`},
		{"unknown key under procurement items", valid + "[[procurement.items]]\nuser = 3\n", `in.toml:7:1: procurement.items[1].user: unknown key "user"; did you mean "users"?`},
		{"section of the wrong type", valid + "timeline = \"yesterday\"\n", `in.toml:6:1: timeline: must be [[timeline]] tables, not a string`},
		{"table given as array", valid + "[[analysis]]\nmethod = \"m\"\n", `in.toml:6:1: analysis: must be an [analysis] table, not a list of tables`},
		{"nested section of the wrong type", valid + "[procurement]\nitems = 3\n", `in.toml:7:1: procurement.items: must be [[procurement.items]] tables, not an integer`},
		{"bare key in Japanese", "format = 1\nタイトル = \"x\"\n", `in.toml:2:1: "タイトル": TOML syntax error: the key タイトル is not a bare key: bare keys are ASCII letters, digits, - and _ only; quote it: "タイトル" = …`},
		{"bare key with a Japanese part after ASCII", "format = 1\n[risks]\ntitle日本 = \"x\"\n", `in.toml:3:6: risks."title日本": TOML syntax error: the key title日本 is not a bare key: bare keys are ASCII letters, digits, - and _ only; quote it: "title日本" = …`},
		{"dotted key with a Japanese part", "format = 1\ntitle.日本 = \"x\"\n", `in.toml:2:7: title."日本": TOML syntax error: the key 日本 is not a bare key: bare keys are ASCII letters, digits, - and _ only; quote it: title."日本" = …`},
		{"Japanese part before a dot", "format = 1\n  タイトル.ja = \"x\"\n", `in.toml:2:3: "タイトル": TOML syntax error: the key タイトル is not a bare key: bare keys are ASCII letters, digits, - and _ only; quote it: "タイトル"`},
		{"table header in Japanese", "format = 1\n[a.タイトル]\n", `in.toml:2:4: a."タイトル": TOML syntax error: the key タイトル is not a bare key: bare keys are ASCII letters, digits, - and _ only; quote it: [a."タイトル"]`},
		{"array of tables header in Japanese", "format = 1\n[[リスク]]\n", `in.toml:2:3: "リスク"[1]: TOML syntax error: the key リスク is not a bare key: bare keys are ASCII letters, digits, - and _ only; quote it: [["リスク"]]`},
		{"inline table key in Japanese", "format = 1\ntitle = { ja = \"x\", 英語 = \"y\" }\n", `in.toml:2:21: title."英語": TOML syntax error: the key 英語 is not a bare key: bare keys are ASCII letters, digits, - and _ only; quote it: "英語" = …`},
		{"accented bare key", "format = 1\ncafé = 1\n", `in.toml:2:4: "café": TOML syntax error: the key café is not a bare key: bare keys are ASCII letters, digits, - and _ only; quote it: "café" = …`},
		{"nesting too deep", valid + "[x]\na = " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n", "in.toml:7:69: x.a" + strings.Repeat("[1]", 64) + ": arrays and inline tables are nested more than 64 deep"},
		{"nesting too deep in inline tables", valid + "[[risks]]\n[[risks]]\nb = [1, " + strings.Repeat("{a=", 70) + "\n", "in.toml:8:198: risks[2].b[2]" + strings.Repeat(".a", 63) + ": arrays and inline tables are nested more than 64 deep"},
		{"nesting too deep in table headers", strings.Repeat("[", 70) + "\n", "in.toml:1:65: arrays and inline tables are nested more than 64 deep"},
		// Values written without quotes: the key, the value as written
		// and the line to write.
		{"unquoted Japanese value", "format = 2\ntitle = 日本\n", `in.toml:2:9: title: TOML syntax error: the value 日本 is not quoted: a text is written between quotes; write title = "日本"`},
		{"unquoted words", "format = 2\ntitle = hello world # a comment\n", `in.toml:2:9: title: TOML syntax error: the value hello world is not quoted: a text is written between quotes; write title = "hello world"`},
		{"unquoted value with an apostrophe", "format = 2\nauthor = It's me\n", `in.toml:2:10: author: TOML syntax error: the value It's me is not quoted: a text is written between quotes; write author = "It's me"`},
		{"unquoted full-width label", "format = 2\ntlp = ＲＥＤ\n", `in.toml:2:7: tlp: TOML syntax error: the value ＲＥＤ is not quoted: a text is written between quotes; write tlp = "ＲＥＤ"`},
		{"unquoted value that starts like a number", "format = 2\ntitle = 2024/01/02 report\n", `in.toml:2:9: title: TOML syntax error: the value 2024/01/02 report is not quoted: a text is written between quotes; write title = "2024/01/02 report"`},
		{"unquoted value in a language", "format = 2\ntitle = { ja = 日本, en = \"Japan\" }\n", `in.toml:2:16: title.ja: TOML syntax error: the value 日本 is not quoted: a text is written between quotes; write ja = "日本"`},
		{"unquoted value in an entry", "format = 2\n[[risks]]\ntitle = リスク\n", `in.toml:3:9: risks[1].title: TOML syntax error: the value リスク is not quoted: a text is written between quotes; write title = "リスク"`},
		{"unquoted element", "format = 2\ntags = [\"a\", ランサムウェア]\n", `in.toml:2:14: tags: TOML syntax error: the value ランサムウェア is not quoted: a text is written between quotes; write "ランサムウェア"`},
		{"unquoted element on a line of its own", "format = 2\ntags = [\n  \"a\",\n  ランサムウェア,\n]\n", `in.toml:4:3: tags: TOML syntax error: the value ランサムウェア is not quoted: a text is written between quotes; write "ランサムウェア"`},
		{"date with slashes", "format = 2\ndate = 2024/01/02\n", `in.toml:2:8: date: TOML syntax error: 2024/01/02 is not a TOML date: write the year, month and day with hyphens and without quotes: date = 2024-01-02`},
		{"date with dots", "format = 2\nupdated = 2024.1.2\n", `in.toml:2:11: updated: TOML syntax error: 2024.1.2 is not a TOML date: write the year, month and day with hyphens and without quotes: updated = 2024-01-02`},
		{"date in Japanese", "format = 2\ndate = 2024年1月2日\n", `in.toml:2:8: date: TOML syntax error: 2024年1月2日 is not a TOML date: write the year, month and day with hyphens and without quotes: date = 2024-01-02`},
		{"date without zeros", "format = 2\n[[indicators]]\nfirst_seen = 2024-1-2\n", `in.toml:3:14: indicators[1].first_seen: TOML syntax error: 2024-1-2 is not a TOML date: write the year, month and day with hyphens and without quotes: first_seen = 2024-01-02`},
		{"date in words", "format = 2\ndate = today\n", `in.toml:2:8: date: TOML syntax error: today is not a date: write the year, month and day with hyphens and without quotes, as in date = 2021-05-06`},
		{"a number as the decoder says", "format = 2\n[[procurement.items]]\nusers = 1,000\n", `in.toml:3:10: procurement.items[1].users: TOML syntax error: expected a top-level item to end with a newline, comment, or EOF, but got ',' instead`},
		{"a value quoted in part", "format = 2\ntitle = \"a\" b\n", `in.toml:2:12: title: TOML syntax error: expected a top-level item to end with a newline, comment, or EOF, but got 'b' instead`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, ds := read(t, tt.src)
			if len(ds) != 1 {
				t.Fatalf("want 1 diagnostic, got %d:\n%v", len(ds), ds)
			}
			if got := ds[0].String(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %s\nwant %s…", got, tt.want)
			}
		})
	}
}

func TestByteOrderMarkAndCRLF(t *testing.T) {
	_, ds := read(t, "\ufeffseverity = 1\r\nformat = 1\r\n")
	raw, _ := read(t, "\ufeffformat = 1\r\nid = \"t\"\r\n")
	if l, ok := raw.Loc("format"); !ok || l.Key != (model.Pos{Line: 1, Col: 1}) || l.Value != (model.Pos{Line: 1, Col: 10}) {
		t.Errorf("format at %+v", l)
	}
	if l, _ := raw.Loc("id"); l.Key != (model.Pos{Line: 2, Col: 1}) {
		t.Errorf("id at %+v", l)
	}
	if len(ds) != 0 {
		t.Errorf("got %v", ds)
	}
}

func TestXIsFree(t *testing.T) {
	raw, ds := read(t, valid+"[x]\nanything = { goes = [1, \"two\"] }\n[x.more]\nz = 1\n")
	if len(ds) != 0 || raw == nil {
		t.Fatalf("got %v", ds)
	}
}

// TestLoc checks the positions of keys, elements and entries, written in
// each way TOML allows.
func TestLoc(t *testing.T) {
	src := "format = 1\nid = \"t\"\ndate = 2021-05-06\nsummary = \"S\"\n# the title comes next\n" + `title.ja = "x"
"quoted key" = 1
arr = [
  "a", # comment
  'b',
]
ml = """
one
two"""
after = 1
[[procurement.items]]
ordered = "2019"
[[procurement.items]]
  users = 3
inline = { a = { b = 2 }, c = [ { d = 1 } ] }
[analysis]
kill_chain = ["delivery"]
[[analysis.scenarios]]
text = "s"
`
	raw, ds := read(t, src)
	if raw == nil {
		t.Fatal(ds)
	}
	tests := []struct {
		path string
		key  model.Pos
		val  model.Pos
	}{
		{"title.ja", model.Pos{Line: 6, Col: 7}, model.Pos{Line: 6, Col: 12}},
		{`"quoted key"`, model.Pos{Line: 7, Col: 1}, model.Pos{Line: 7, Col: 16}},
		{"arr[2]", model.Pos{Line: 10, Col: 3}, model.Pos{Line: 10, Col: 3}},
		{"after", model.Pos{Line: 15, Col: 1}, model.Pos{Line: 15, Col: 9}},
		{"procurement.items[2]", model.Pos{Line: 18, Col: 1}, model.Pos{Line: 18, Col: 1}},
		{"procurement.items[2].users", model.Pos{Line: 19, Col: 3}, model.Pos{Line: 19, Col: 11}},
		{"procurement.items[2].inline.a.b", model.Pos{Line: 20, Col: 18}, model.Pos{Line: 20, Col: 22}},
		{"procurement.items[2].inline.c[1].d", model.Pos{Line: 20, Col: 35}, model.Pos{Line: 20, Col: 39}},
		{"analysis.kill_chain[1]", model.Pos{Line: 22, Col: 15}, model.Pos{Line: 22, Col: 15}},
		{"analysis.scenarios[1].text", model.Pos{Line: 24, Col: 1}, model.Pos{Line: 24, Col: 8}},
	}
	for _, tt := range tests {
		l, ok := raw.Loc(tt.path)
		if !ok || l.Key != tt.key || l.Value != tt.val {
			t.Errorf("%s: got %+v %v, want key %v value %v", tt.path, l, ok, tt.key, tt.val)
		}
	}
	if p, ok := raw.Find("ml", "two"); !ok || p != (model.Pos{Line: 14, Col: 1}) {
		t.Errorf("Find: %v %v", p, ok)
	}
}

func TestValuesCarryPositions(t *testing.T) {
	raw, ds := read(t, valid+"[[risks]]\ntitle = \"R\"\nlikelihood = 7\n")
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	v := raw.Risks[0].Likelihood
	if v.V != int64(7) || v.Key != "risks[1].likelihood" || v.Pos != (model.Pos{Line: 8, Col: 1}) || v.At != (model.Pos{Line: 8, Col: 14}) {
		t.Errorf("got %+v", v)
	}
	if raw.Risks[0].Impact.Present() {
		t.Errorf("impact present")
	}
}

func TestMissingFile(t *testing.T) {
	raw, ds := File("testdata/does-not-exist.toml")
	if raw != nil || len(ds) != 1 || ds[0].String() != "testdata/does-not-exist.toml:1:1: cannot read the file: no such file or directory" {
		t.Errorf("got %v", ds)
	}
}

// TestFileTooLarge checks that a file over MaxFile is refused with its
// size in bytes, so that one byte over the cap reads as more than it.
func TestFileTooLarge(t *testing.T) {
	for _, tt := range []struct {
		size int64
		want string
	}{
		{MaxFile + 1, "big.toml:1:1: cannot read the file: file too large: 4,194,305 bytes, more than the 4 MiB (4,194,304 bytes) an incident file may have"},
		{5 << 20, "big.toml:1:1: cannot read the file: file too large: 5,242,880 bytes, more than the 4 MiB (4,194,304 bytes) an incident file may have"},
	} {
		path := filepath.Join(t.TempDir(), "big.toml")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(tt.size); err != nil {
			t.Fatal(err)
		}
		f.Close()
		raw, ds := File(path)
		if raw != nil || len(ds) != 1 {
			t.Fatalf("%d bytes: got %v", tt.size, ds)
		}
		ds[0].File = "big.toml"
		if got := ds[0].String(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}
