package markdown

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"

	"briefing/briefing/model"
)

// FuzzParse parses arbitrary texts, seeded with the texts of the samples
// and a text of every construct. It never panics; offsets lie in the text;
// and nothing is lost: when the text has no problem and none of the markup
// that drops letters by design (link destinations, entities, fence info
// strings, HTML), every letter of the source is in the parsed text, in
// order.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../samples/*.toml")
	for _, s := range seeds {
		var v map[string]any
		if _, err := toml.DecodeFile(s, &v); err != nil {
			f.Fatal(err)
		}
		for _, k := range []string{"summary", "impact", "handling", "review"} {
			switch x := v[k].(type) {
			case string:
				f.Add(x)
			case map[string]any:
				for _, t := range x {
					f.Add(t.(string))
				}
			}
		}
	}
	for _, s := range []string{
		"通信先:\n203.0.113.10\n198.51.100.7\n検知製品は Microsoft\nDefender である。",
		"- a\n  - b\n    - c\n\n3. x\n4) y\n\n> q\n\n```\ncode  here\n```\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n",
		"**強調** *em* ~~del~~ `code` [t](https://x.example/) <https://y.example/> https://z.example/ CVE-2021-30116 T1195.002 [ref1] \\[x] a\\\nb  \nc",
		"# h\n\n<div>\n\n![i](x.png)\n\n[ref1]: http://x\n\n***\n",
		strings.Repeat("> ", 20) + "deep",
		strings.Repeat("- ", 20) + "deep",
		"**「至急」**\\ の対応 &amp; &#x3042; \\* \\` \\_",
		"```\nhost\tuser\tevent\nファイル\t管理者\n```\n\n\tindented\tcode\n\nprose\twith tab\n",
		"- [x] 端末の隔離\n- [ ] パスワード\n- [X] 報告\n- [済] 隔離\n\n1. [x] a\n   - [ ] nested\n\n脚注[^1]。\n\n[^1]: 本文。\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		res := Parse(src)
		for _, p := range res.Problems {
			if p.Off < 0 || p.Off > len(src) || p.Message == "" {
				t.Fatalf("problem %+v of a %d-byte text", p, len(src))
			}
		}
		for _, l := range res.Links {
			if l.Off < -1 || l.Off > len(src) {
				t.Fatalf("link %+v of a %d-byte text", l, len(src))
			}
		}
		var got strings.Builder
		tasks := false
		walk(res.Blocks, func(in model.Inline) {
			tasks = tasks || in.Off == -2
			if in.Off < -2 || in.Off > len(src) {
				t.Fatalf("inline %+v of a %d-byte text", in, len(src))
			}
			got.WriteString(in.Text)
		}, func(code string) { got.WriteString(code) })
		if len(res.Problems) > 0 || strings.ContainsAny(src, "&<\x00") || strings.Contains(src, "](") ||
			strings.Contains(src, "```") || strings.Contains(src, "~~~") || strings.ContainsRune(src, utf8RuneError) {
			return
		}
		// A done task's checkbox is walked as "x": it was x or X.
		if a, b := letters(src), letters(got.String()); a != b && !(tasks && strings.EqualFold(a, b)) {
			t.Fatalf("letters lost:\nsource %q\nparsed %q", a, b)
		}
	})
}

const utf8RuneError = '\uFFFD'

// letters keeps the letters of s.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return -1
	}, s)
}

// walk calls fn on every inline of bs and code on every code block, in
// order.
func walk(bs []model.Block, fn func(model.Inline), code func(string)) {
	for _, b := range bs {
		for _, in := range b.Inlines {
			fn(in)
		}
		if b.Kind == model.Code {
			code(b.Code)
		}
		for _, it := range b.Items {
			if it.Task == model.TaskDone {
				fn(model.Inline{Text: "x", Off: -2}) // the letter of its [x] or [X]
			}
			walk(it.Blocks, fn, code)
		}
		walk(b.Blocks, fn, code)
		if t := b.Table; t != nil {
			for _, c := range t.Header {
				for _, in := range c {
					fn(in)
				}
			}
			for _, r := range t.Rows {
				for _, c := range r {
					for _, in := range c {
						fn(in)
					}
				}
			}
		}
	}
}

// FuzzPlain: a text [plainText] takes for paragraphs of text alone parses to
// what goldmark's parser makes of it, every block, inline, offset, link
// and problem the same. Seeded with the samples' texts, which are mostly
// plain, and texts at the edges of plain (a line starting with a digit,
// brackets, colons, wide spaces, blank lines).
func FuzzPlain(f *testing.F) {
	seeds, _ := filepath.Glob("../../samples/*.toml")
	for _, s := range seeds {
		var v map[string]any
		if _, err := toml.DecodeFile(s, &v); err != nil {
			f.Fatal(err)
		}
		addTexts(f, v)
	}
	for _, s := range []string{
		"", "\n", "\n\n", "a", "a\nb", "a\n\nb\n", "\n\na\n\n\nb\n\n", "検知\n製品", "Microsoft\nDefender",
		"2021年5月\n2021.5.6 時点", "1 2\n3) x", "12. x", "[r1] と [r2]。\n[r3]", "[a] [b]", "[[r1]]", "[a]\n(b)",
		"a: b\nnote:x", "CVE-2021-30116 T1195.002 T1190", "　全角\n\u00a0nb", "a\u3000\nb", "x]y", "!x", "a!\n[b]",
		"ftp x http x", "wwwx www", "\ufffd", "é\u0301", "T1234.\n5",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !plainText(src) {
			return
		}
		got, want := parsePlain(src), parseMarkdown(src)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\nplain    %#v\ngoldmark %#v", src, got, want)
		}
	})
}

// addTexts adds the strings of v, a decoded incident file, as seeds.
func addTexts(f *testing.F, v any) {
	switch v := v.(type) {
	case string:
		f.Add(v)
	case map[string]any:
		for _, x := range v {
			addTexts(f, x)
		}
	case []map[string]any:
		for _, x := range v {
			addTexts(f, x)
		}
	case []any:
		for _, x := range v {
			addTexts(f, x)
		}
	}
}
