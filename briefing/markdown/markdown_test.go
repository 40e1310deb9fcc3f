package markdown

import (
	"fmt"
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"briefing/briefing/model"
)

// Pieces of text for random paragraphs: CJK, Latin, digits and
// punctuation that CommonMark reads as text wherever they stand.
var (
	cjk    = []rune("通信先検知製品日本語攻撃者暗号化ひらがなカタカナー々「」、。（）・")
	latin  = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
	digits = []rune("0123456789")
	punct  = []rune(",.:;?/%'\"()")
)

// RandomParagraph returns lines of random text mixing CJK, Latin, digits
// and punctuation, each line starting with a letter or a CJK character
// (so that no line starts a list or a heading) and without spaces at its
// ends.
func randomLines(r *rand.Rand) []string {
	n := 1 + r.Intn(6)
	lines := make([]string, n)
	for i := range lines {
		var b strings.Builder
		if r.Intn(2) == 0 {
			b.WriteRune(cjk[r.Intn(len(cjk)-9)]) // not a bracket or mark
		} else {
			b.WriteRune(latin[r.Intn(len(latin))])
		}
		for k := r.Intn(12); k > 0; k-- {
			switch r.Intn(5) {
			case 0:
				b.WriteRune(cjk[r.Intn(len(cjk))])
			case 1:
				b.WriteRune(latin[r.Intn(len(latin))])
			case 2:
				b.WriteRune(digits[r.Intn(len(digits))])
			case 3:
				b.WriteRune(punct[r.Intn(len(punct))])
			case 4:
				b.WriteString(" ")
				b.WriteRune(latin[r.Intn(len(latin))])
			}
		}
		lines[i] = b.String()
	}
	return lines
}

// joined is the text the rule makes of lines: each soft break replaced by
// Joiner of the characters around it.
func joined(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			a, _ := utf8.DecodeLastRuneInString(lines[i-1])
			c, _ := utf8.DecodeRuneInString(l)
			b.WriteString(Joiner(a, c))
		}
		b.WriteString(l)
	}
	return b.String()
}

func plain(bs []model.Block) string {
	var b strings.Builder
	for _, bl := range bs {
		for _, in := range bl.Inlines {
			b.WriteString(in.Text)
		}
	}
	return b.String()
}

// TestSoftBreakProperty: for random texts mixing CJK, Latin, digits and
// punctuation split at random line breaks, the parsed text is the source
// with each soft break replaced by the rule's joiner.
func TestSoftBreakProperty(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		lines := randomLines(r)
		src := strings.Join(lines, "\n")
		res := Parse(src)
		if len(res.Problems) > 0 || len(res.Blocks) != 1 || res.Blocks[0].Kind != model.Para {
			t.Fatalf("%q: %+v", src, res)
		}
		if got, want := plain(res.Blocks), joined(lines); got != want {
			t.Fatalf("%q:\ngot  %q\nwant %q", src, got, want)
		}
	}
}

func TestJoiner(t *testing.T) {
	for _, tt := range []struct {
		a, b rune
		want string
	}{
		{'先', '2', " "}, {'0', '1', " "}, {'t', 'D', " "}, {'。', '検', ""}, {'知', 'し', ""},
		{'る', 'A', " "}, {'A', 'あ', " "}, {':', '2', " "}, {'、', 'カ', ""}, {'」', '（', ""},
		{'한', '국', " "}, {'Ａ', 'あ', ""},
		// Punctuation Japanese shares with Latin text (JLReq cl-08, cl-03,
		// cl-01/02, JIS X 0208 symbols): Japanese beside a Japanese
		// character, not beside Latin text or another of them.
		{'」', '—', ""}, {'—', 'フ', ""}, {'」', '―', ""}, {'す', '…', ""}, {'…', 'と', ""},
		{'で', '‥', ""}, {'あ', '〜', ""}, {'～', '5', " "}, {'語', '“', ""}, {'”', 'と', ""},
		{'で', '※', ""}, {'は', '→', ""}, {'★', '重', ""}, {'ｶ', 'ﾅ', ""}, {'。', 'ｱ', ""},
		{'d', '—', " "}, {'—', 'w', " "}, {'—', '—', " "}, {'e', '“', " "}, {'1', '×', " "},
	} {
		if got := Joiner(tt.a, tt.b); got != tt.want {
			t.Errorf("Joiner(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestOffsets checks that each inline's offset points at its text in the
// source, where the text is written as it is.
func TestOffsets(t *testing.T) {
	src := "前文 **強調** と `code` と [link](https://example.com/x) [ref1]\nCVE-2021-30116 T1190\n\n- item *em*\n\n| a | b |\n|---|---|\n| c | d |\n"
	res := Parse(src)
	n := 0
	var walk func(bs []model.Block)
	check := func(in model.Inline) {
		if in.Text == "" || in.Text == " " {
			return
		}
		n++
		if in.Off < 0 || !strings.HasPrefix(src[in.Off:], in.Text) {
			t.Errorf("%q at %d: source there is %q", in.Text, in.Off, src[max(in.Off, 0):])
		}
	}
	walk = func(bs []model.Block) {
		for _, b := range bs {
			for _, in := range b.Inlines {
				check(in)
			}
			for _, it := range b.Items {
				walk(it.Blocks)
			}
			if b.Table != nil {
				for _, c := range b.Table.Header {
					for _, in := range c {
						check(in)
					}
				}
				for _, r := range b.Table.Rows {
					for _, c := range r {
						for _, in := range c {
							check(in)
						}
					}
				}
			}
		}
	}
	walk(res.Blocks)
	if n < 12 {
		t.Errorf("checked %d inlines", n)
	}
}

// TestFindIDs: the scanner finds what the pattern it stands for finds.
func TestFindIDs(t *testing.T) {
	re := regexp.MustCompile(`\bCVE-\d{4}-\d{4,7}\b|\bT\d{4}(?:\.\d{3})?\b`)
	cases := []string{
		"CVE-2021-30116 T1195.002 T1190", "xCVE-2021-30116", "CVE-2021-123", "CVE-2021-12345678", "CVE-2021-1234567",
		"T1234.5678", "T12345", "T1234.", "T1234.56", "aT1234", "_T1234", "T1234_", "はT1190を", "CVE-2021-30116と",
		"(T1195.002)", "T1195.002.003", "CVE-202-1234", "CCVE-2021-1234 CVE-2021-1234", "TT1234 T1234",
	}
	r := rand.New(rand.NewSource(3))
	alphabet := []string{"CVE-", "T", "1", "2", "0", ".", "-", "a", "_", " ", "は", "C"}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for k := r.Intn(12); k > 0; k-- {
			b.WriteString(alphabet[r.Intn(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for _, c := range cases {
		var want [][2]int
		for _, m := range re.FindAllStringIndex(c, -1) {
			want = append(want, [2]int{m[0], m[1]})
		}
		if got := findIDs(c); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q: got %v, want %v", c, got, want)
		}
	}
}

// TestBareLinks: bare URLs and e-mail addresses are links wherever they
// start, also right after Japanese text, and end where docs/format.md
// says; each is returned in Links at its offset, to be checked.
func TestBareLinks(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want []string // URL@text
	}{
		{"詳細はhttps://example.com/pathを参照。", []string{"https://example.com/path@https://example.com/path"}},
		{"（https://example.com/b）", []string{"https://example.com/b@https://example.com/b"}},
		{"メールはsoc@example.comまで", []string{"mailto:soc@example.com@soc@example.com"}},
		{"国際化https://例え.テスト/パス。次", []string{"https://例え.テスト/パス@https://例え.テスト/パス"}},
		{"https://例え.テスト/パス", []string{"https://例え.テスト/パス@https://例え.テスト/パス"}},
		{"参照はhttps://example.com/a_(b).", []string{"https://example.com/a_(b)@https://example.com/a_(b)"}},
		{"見てhttps://example.com/x), CVE-2021-30116も", []string{"https://example.com/x@https://example.com/x", "https://www.cve.org/CVERecord?id=CVE-2021-30116@CVE-2021-30116"}},
		{"詳細はhttp://localhostを", nil},
		{"`詳細はhttps://example.com/`", nil},
		{"詳細は\\https://example.com/", []string{"https://example.com/@https://example.com/"}},
	} {
		res := Parse(tt.src)
		var got []string
		for _, b := range res.Blocks {
			for _, in := range b.Inlines {
				if in.URL != "" {
					got = append(got, in.URL+"@"+in.Text)
					if in.Off < 0 || !strings.HasPrefix(tt.src[in.Off:], in.Text) {
						t.Errorf("%q: %q at offset %d", tt.src, in.Text, in.Off)
					}
				}
			}
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%q: links %q, want %q", tt.src, got, tt.want)
		}
		nLinks := 0
		for _, w := range tt.want {
			if !strings.Contains(w, "cve.org") {
				nLinks++
			}
		}
		if len(res.Links) != nLinks {
			t.Errorf("%q: Links %v, want %d", tt.src, res.Links, nLinks)
		}
	}
}
