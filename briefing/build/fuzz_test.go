package build

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"

	"briefing/briefing/diag"
	"briefing/briefing/layout"
	"briefing/briefing/load"
	"briefing/briefing/localize"
	"briefing/briefing/model"
	"briefing/briefing/render"
	"briefing/briefing/validate"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// FuzzRender runs the whole pipeline — load, validate, compose, lay out,
// draw — on arbitrary incident files, seeded with the samples. It never
// panics, not even a panic recovered into an "internal error"; what it
// refuses it refuses with diagnostics before drawing (what was laid out
// without an error is drawn); and a PDF it draws is a whole PDF file.
func FuzzRender(f *testing.F) {
	seeds, _ := filepath.Glob("../../samples/*.toml")
	seeds = append(seeds, "../../templates/skeleton.toml", "testdata/stress.toml")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	// Format 2's sections, the figure found from the test's folder.
	f.Add([]byte("format = 2\nid = \"x\"\ndate = 2021-05-06\ntitle = \"t\"\nsummary = \"s\"\nstatus = \"draft\"\ncase = \"c\"\ntimezone = \"Asia/Tokyo\"\n" +
		"timeline = [{ when = 2021-07-02T14:05:00+09:00, text = \"a\" }]\n" +
		"indicators = [{ type = \"url\", value = \"https://evil.example/x\", first_seen = 2021-07-02T14:05:00Z }, { type = \"sha256\", value = \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\" }]\n" +
		"vulnerabilities = [{ cve = \"CVE-2021-30116\", cvss = \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\", exploited = true }]\n" +
		"figures = [{ file = \"../../samples/kaseya-ransom-note.png\", alt = \"a\", caption = \"c\", after = \"summary\", width = 0.5 }]\n"))
	f.Add([]byte("format = 1\nid = \"x\"\ndate = 2021-05-06\ntitle = { ja = \"a\", en = \"b\" }\nsummary = \"s [r]\"\nreferences = [{ id = \"r\", title = \"t\", url = \"https://example.com/\" }]\n"))
	f.Add([]byte("format = 1\nid = \"m\"\ndate = 2021-05-06\ntitle = { ja = \"ㇷ\u309Aーセ\u309A x\u0303 \", en = \"X\u0303 q \u0303\" }\nsummary = \"\u0303 · ∙ [r]\"\nreferences = [{ id = \"r\", title = \"t\", url = \"https://example.com/\" }]\n"))
	// URLs the fonts cannot draw (a Korean path, an autolink in a
	// Markdown text), countries, and numbers to group.
	f.Add([]byte("format = 1\nid = \"x\"\ndate = 2021-05-06\ntitle = \"t\"\nsummary = \"s [r]\"\ntags = [\"a\", \"A\"]\n" +
		"[[procurement.items]]\nordered = \"2019\"\nproduct = \"p\"\nterm_months = 1\nusers = 20000\ncountry = [\"SZ\"]\n" +
		"[[procurement.items]]\nordered = \"2019\"\nproduct = \"q\"\nterm_months = 1200\nusers = 2147483647\ncountry = [\"TR\", \"XK\"]\n" +
		"[[references]]\nid = \"r\"\ntitle = \"t\"\nurl = \"https://ko.wikipedia.org/wiki/대한민국\"\n" +
		"[[related]]\ntext = \"x\"\nurl = \"https://例え.テスト:8443/パス?q=値#대\"\n"))
	f.Add([]byte("format = 2\nid = \"x\"\ndate = 2021-05-06\ntitle = \"t\"\nsummary = \"See <https://ko.wikipedia.org/wiki/대한민국> and [it](mailto:窓口@example.jp).\"\n"))
	th := fixture.Theme(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		raw, ds := load.Read("f.toml", bytes.NewReader(data))
		inc, vds := validate.Incident(raw)
		if ds.HasErrors() || vds.HasErrors() || inc == nil {
			return
		}
		for _, lang := range inc.Languages {
			if Supported(lang) != nil {
				continue
			}
			pages, bds := Briefing(inc, lang, th, false)
			internal(t, lang, bds)
			if bds.HasErrors() {
				if pages != nil {
					t.Fatalf("%s: pages despite errors: %v", lang, bds)
				}
				continue
			}
			if len(pages) == 0 {
				t.Fatalf("%s: no pages and no error", lang)
			}
			// What composing and laying out accepted, render must draw.
			var buf bytes.Buffer
			if err := PDF(&buf, pages, inc, lang, th); err != nil {
				t.Fatalf("%s: laid out without error, but: %v", lang, err)
			}
			b := buf.Bytes()
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
				t.Fatalf("%s: not a whole PDF: starts %q, ends %q", lang, b[:min(len(b), 10)], b[max(0, len(b)-10):])
			}
			// Its XMP metadata is well-formed, whatever the texts hold;
			// with the source attached, it is drawn too.
			i, j := bytes.Index(b, []byte("<?xpacket begin")), bytes.Index(b, []byte("<?xpacket end"))
			var x testkit.XMP
			if i < 0 || j < i {
				t.Fatalf("%s: no XMP packet", lang)
			} else if err := xml.Unmarshal(b[i:j], &x); err != nil || len(x.Desc) != 1 {
				t.Fatalf("%s: the XMP packet does not parse: %v\n%s", lang, err, b[i:j])
			}
			buf.Reset()
			if err := draw(&buf, pages, inc, lang, th, render.Options{}, raw.Shared()); err != nil {
				t.Fatalf("%s: with the source attached: %v", lang, err)
			}
		}
	})
}

// internal fails the test for a recovered panic reported as a diagnostic.
func internal(t *testing.T, lang string, ds diag.List) {
	t.Helper()
	for _, d := range ds {
		if strings.Contains(d.Message, "internal error") {
			t.Fatalf("%s: %v", lang, d)
		}
	}
}

// FuzzRenderText puts arbitrary text into every kind of block of a valid
// incident — the title, a paragraph, a table cell, a list item, a
// key-value row, a reference — so that the line breaker, the paginator and
// the renderer see it, not just the TOML parser. Same properties as
// FuzzRender.
func FuzzRenderText(f *testing.F) {
	f.Add("PLA某部隊が欧米のアンチウイルスソフト購入の動き（2021.5）", "https://example.com/a?b=c&d=e", 3, 4)
	f.Add("「」『』（）。、ー々ぁ\n\n- item\n- item [r]", strings.Repeat("W", 300), 5, 5)
	f.Add("🔥 emoji", "\u00a0\u3000\t tab", 1, 1)
	f.Add("tab\there\r\nand a line", "word\tword", 2, 2)
	f.Add("ㇷ\u309Aーセ\u309A。x\u0303 X\u0303 ·∙", "q\u0307"+strings.Repeat("a", 3000), 3, 3)
	th := fixture.Theme(f)
	f.Fuzz(func(t *testing.T, text, word string, likelihood, impact int) {
		doc := map[string]any{
			"format": 1, "id": "fuzz",
			"title":    map[string]any{"ja": "題 " + text, "en": "Title " + word},
			"summary":  map[string]any{"ja": text + " [r]", "en": word + "\n\n" + text},
			"tlp":      "AMBER+STRICT",
			"timeline": []map[string]any{{"when": "2021-05", "text": text}},
			"procurement": map[string]any{"items": []map[string]any{
				{"ordered": "2019-04", "product": word, "term_months": 12, "users": 10, "country": []string{"RU"}},
				{"ordered": "2019-05", "product": text, "term_months": 24, "users": 20, "country": []string{}},
			}},
			"risks": []map[string]any{
				{"title": text, "text": word, "likelihood": likelihood, "impact": impact},
				{"title": word, "likelihood": 4, "impact": 5},
			},
			"countermeasures": []map[string]any{{"term": "short", "text": text, "owner": word}},
			"references":      []map[string]any{{"id": "r", "title": text, "url": "https://example.com/" + word}},
		}
		var buf bytes.Buffer
		buf.WriteString("date = 2021-05-06\n")
		if err := toml.NewEncoder(&buf).Encode(doc); err != nil {
			return
		}
		raw, ds := load.Read("f.toml", &buf)
		inc, vds := validate.Incident(raw)
		if ds.HasErrors() || vds.HasErrors() || inc == nil {
			return
		}
		for _, lang := range []string{"ja", "en"} {
			pages, bds := Briefing(inc, lang, th, false)
			internal(t, lang, bds)
			if bds.HasErrors() {
				continue
			}
			// What composing and laying out accepted, render must draw.
			var out bytes.Buffer
			if err := PDF(&out, pages, inc, lang, th); err != nil {
				t.Fatalf("%s: laid out without error, but: %v", lang, err)
			}
			b := out.Bytes()
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
				t.Fatalf("%s: not a whole PDF", lang)
			}
		}
	})
}

// FuzzRenderMarkdown puts an arbitrary Markdown text into every text that
// format 2 reads as Markdown (summary, impact, a timeline entry, a
// scenario, a risk, a countermeasure, a related entry) and renders the
// incident: never a panic, and never a lost character — every letter of
// what the texts were parsed into is drawn on the pages.
func FuzzRenderMarkdown(f *testing.F) {
	for _, s := range []string{
		"通信先:\n203.0.113.10\n198.51.100.7\n検知製品は Microsoft\nDefender である。",
		"- a\n  - b\n    - c\n      - d\n\n3. x\n4) y\n\n> q\n>\n> r\n\n```\ncode  here " + strings.Repeat("x", 200) + "\n```\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n",
		"**強調** *強調* ~~取消~~ `code` [t](https://x.example/) <https://y.example/> https://z.example/ CVE-2021-30116 T1195.002 [r] \\[x] a\\\nb  \nc",
		"| " + strings.Repeat("長いセル ", 40) + " | n |\n|---|---|\n| " + strings.Repeat("x", 300) + " | 1,024 |\n",
		"> - 引用の中の一覧\n>   ```\n>   code\n>   ```\n",
		"> 引用\n>\n> | a | b |\n> |---|---|\n> | x | " + strings.Repeat("長い本文。", 1500) + " |\n> | y | z |\n",
		"*「強調」*\\ の後 **`mono bold`**",
	} {
		f.Add(s)
	}
	th := fixture.Theme(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc := map[string]any{
			"format": 2, "id": "fuzz", "title": "T",
			"summary":         map[string]any{"ja": text, "en": text + "\n\nend"},
			"impact":          text,
			"timeline":        []map[string]any{{"when": "2021-05", "text": text}, {"text": text}},
			"analysis":        map[string]any{"actor": text, "scenarios": []map[string]any{{"text": text}}},
			"risks":           []map[string]any{{"title": "R", "text": text, "likelihood": 3, "impact": 4}},
			"countermeasures": []map[string]any{{"term": "short", "text": text, "owner": "IT"}},
			"related":         []map[string]any{{"text": text, "url": "https://example.com/"}},
			"references":      []map[string]any{{"id": "r", "title": "Ref"}},
		}
		var buf bytes.Buffer
		buf.WriteString("date = 2021-05-06\n")
		if err := toml.NewEncoder(&buf).Encode(doc); err != nil {
			return
		}
		raw, ds := load.Read("f.toml", &buf)
		inc, vds := validate.Incident(raw)
		if ds.HasErrors() || vds.HasErrors() || inc == nil {
			return
		}
		for _, lang := range []string{"ja", "en"} {
			pages, bds := Briefing(inc, lang, th, false)
			internal(t, lang, bds)
			if bds.HasErrors() {
				continue
			}
			drawn := map[rune]int{}
			for _, p := range pages {
				for _, b := range p.Boxes {
					if tb, ok := b.(layout.TextBox); ok {
						for _, r := range tb.Text {
							drawn[r]++
						}
					}
				}
			}
			for r, n := range parsedLetters(inc, lang) {
				if drawn[r] < n {
					t.Fatalf("%s: %q parsed %d times, drawn %d times", lang, r, n, drawn[r])
				}
			}
			var out bytes.Buffer
			if err := PDF(&out, pages, inc, lang, th); err != nil {
				t.Fatalf("%s: laid out without error, but: %v", lang, err)
			}
		}
	})
}

// parsedLetters counts the letters of the parsed Markdown texts of inc in
// lang.
func parsedLetters(inc *model.Incident, lang string) map[rune]int {
	out := map[rune]int{}
	add := func(s string) {
		for _, r := range s {
			if unicode.IsLetter(r) {
				out[r]++
			}
		}
	}
	var walk func(bs []model.Block)
	walk = func(bs []model.Block) {
		for _, b := range bs {
			for _, in := range b.Inlines {
				if in.Ref == "" { // a citation prints as its number
					add(in.Text)
				}
			}
			add(b.Code)
			for _, it := range b.Items {
				walk(it.Blocks)
			}
			walk(b.Blocks)
			if tb := b.Table; tb != nil {
				walk([]model.Block{{Inlines: cellInlines(tb.Header)}})
				for _, r := range tb.Rows {
					walk([]model.Block{{Inlines: cellInlines(r)}})
				}
			}
		}
	}
	for _, t := range validate.Texts(inc) {
		s, _ := localize.Text(t, lang)
		walk(t.Blocks(s))
	}
	return out
}

func cellInlines(cells [][]model.Inline) []model.Inline {
	var out []model.Inline
	for _, c := range cells {
		out = append(out, c...)
	}
	return out
}
