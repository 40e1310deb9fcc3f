package layout

import (
	"crypto/sha256"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fpDump writes every detail of pages (full float precision, elements by
// identity) to b.
func fpDump(b *strings.Builder, pages []Page) {
	ids := map[*Elem]int{}
	var elem func(e *Elem) string
	elem = func(e *Elem) string {
		if e == nil {
			return "-"
		}
		id, ok := ids[e]
		if !ok {
			id = len(ids) + 1
			ids[e] = id
			return fmt.Sprintf("#%d{%s %q %q %q <%s>}", id, e.Role, e.Alt, e.Lang, e.Scope, elem(e.Parent))
		}
		return fmt.Sprintf("#%d", id)
	}
	col := func(c *Color) string {
		if c == nil {
			return "nil"
		}
		return fmt.Sprint(*c)
	}
	for i, p := range pages {
		fmt.Fprintf(b, "page %d %v %d %d\n", i+1, p.Paper, len(p.Boxes), len(p.Elems))
		for k, x := range p.Boxes {
			if p.Elems != nil {
				b.WriteString(elem(p.Elems[k]))
				b.WriteByte(' ')
			}
			switch x := x.(type) {
			case Rect:
				fmt.Fprintf(b, "rect %v %v %v %v %s %s %v\n", x.X, x.Y, x.W, x.H, col(x.Fill), col(x.Stroke), x.LineWidth)
			case Polygon:
				fmt.Fprintf(b, "poly %v %s %s %v\n", x.Points, col(x.Fill), col(x.Stroke), x.LineWidth)
			case Tag:
				fmt.Fprintf(b, "tag %s\n", elem(x.Elem))
			default:
				fmt.Fprintf(b, "%T %+v\n", x, x)
			}
		}
	}
}

func fpTexts() []string {
	texts := []string{
		"本件は「偵察(Reconnaissance)」に相当する。",
		"https://example.com/a?b=c&d=e\n\nあ",
		"\u0303ㇷ\u309Aーセ\u309A。\nx\u0303\u0301 q\u0307 " + strings.Repeat("長い題名。", 300),
		"\u00adsuper\u00adcali\u00ad\u00ad\u200bfragi\u00ad\u200d 𠮟責\u200b\ufeff葛\U000E0100\ufe0f\u00ad",
		"葛\U000E0100飾区A社の辻\U000E0100\U000E0100堂\u200b\U000E0100と\n\U000E0101葛\U000E0101\u0303葛\u00ad\U000E0100",
		"（文献1）。」「（仮称）」、『」』「「（））。。、・「・・」・；：" + strings.Repeat("あ", 40) + "」「",
		"耋\ufeff踏",
	}
	if data, err := os.ReadFile("testdata/seed.txt"); err == nil {
		texts = append(texts, strings.Split(string(data), "\n")...)
		texts = append(texts, string(data))
	}
	pieces := []string{"あ", "い", "漢字", "カタカナ", "ー", "っ", "。", "、", "「", "」", "（", "）", "・", "：", "…", "――",
		"A", "word", "Latin", " ", " ", "  ", "\n", "\n\n", "\t", "1,500", "50％", "2023年11月27日", "〜", "https://example.com/path/to/file?x=1&y=2",
		"-", "/", ".", ",", "(", ")", "[1]", "（文献1）", "\u00ad", "\u200b", "\u0303", "葛\U000E0100", "𠮟", "ｱ", "①", "※", "17か国", "￥12,800", "№12",
		"verylongwordwithoutanyspacesatallthatgoesonandon", "a_b_c_d_e_f", "MSP", "、「", "」「", "）。"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 400; n++ {
		var b strings.Builder
		k := rng.Intn(60) + 1
		if n%40 == 0 {
			k = 600
		}
		for range k {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	corpus, _ := filepath.Glob("testdata/fuzz/FuzzLay/*")
	for _, c := range corpus {
		data, _ := os.ReadFile(c)
		lines := strings.Split(string(data), "\n")
		if len(lines) > 1 && strings.HasPrefix(lines[1], "string(") {
			if s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "string("), ")")); err == nil {
				texts = append(texts, s)
			}
		}
	}
	return texts
}

func fpDoc(text string, size, indent float64) Document {
	return Document{Paper: A4, Furniture: furniture, Blocks: []Block{
		Paragraph{Text: Text{Style: Style{Size: size}, Breaking: Japanese}, Spans: plain(text), Indent: indent},
		Paragraph{Text: Text{Style: Style{Size: size}}, Spans: plain(text), Indent: indent},
		List{Text: Text{Style: Style{Size: size}}, Items: []ListItem{{Marker: "①", Spans: plain(text)}}, Indent: indent},
		List{Text: Text{Style: Style{Size: size}, Breaking: Japanese}, Items: []ListItem{{Marker: "・", Spans: plain(text)}, {Marker: "10.", Spans: []Span{{Text: text, Style: Style{Face: Bold, Size: size + 1}}, {Text: "x" + text, Style: Style{Strike: true, Dots: true}}}}}},
		Table{Text: Text{Style: Style{Size: size}, Breaking: Japanese}, Columns: []Column{{Header: plain(text)}, {Header: plain("x")}},
			Rows: []Row{{Cells: [][]Span{plain(text), plain(text)}, Emphasis: true}}},
		Heading{Spans: plain(text), Rule: true},
		Paragraph{Text: Text{Style: Style{Size: size}}, Spans: []Span{{Text: "see "}, {Text: text, Whole: true}, {Text: " and "}, {Text: text, Code: true}}},
		Code{Text: Text{Style: Style{Size: size}}, Code: text},
		Paragraph{Text: Text{Style: Style{Size: size}, Breaking: Japanese}, Spans: []Span{{Text: text},
			{Text: "（文献1）", Dest: "ref-1", Cite: true}, {Text: text, URL: "https://example.com/"}, {Text: text, Lang: "en"},
			{Text: text, Style: Style{Face: Bold}}, {Text: "ラベル", Fill: &Color{R: 200}}, {Text: text, Style: Style{Size: size * 1.3, Dots: true}}}},
		KeyValue{Text: Text{Style: Style{Size: size}, Breaking: Japanese}, Rows: []KeyValueRow{{Key: plain("経緯"), Value: plain(text)}, {Key: plain(text), Value: plain("x")}}},
	}}
}

// TestFingerprint writes a hash of the layout of many texts to $FP_OUT.
func TestFingerprint(t *testing.T) {
	out := os.Getenv("FP_OUT")
	if out == "" {
		t.Skip("FP_OUT not set")
	}
	var res strings.Builder
	for i, text := range fpTexts() {
		for _, sz := range [][2]float64{{10.5, 0}, {9, 30}, {3, 200}, {24, 0}} {
			doc := fpDoc(text, sz[0], sz[1])
			for mi, m := range []Metrics{fakeMetrics{}, inkMetrics{}, fakeVariants{}, fpLacking{" \u0303-ー\u0301"}, fpLacking{"\u309a"}} {
				pages, err := Lay(doc, m)
				var b strings.Builder
				fmt.Fprintf(&b, "err %v\n", err)
				fpDump(&b, pages)
				fmt.Fprintf(&res, "%d %v %d %x\n", i, sz, mi, sha256.Sum256([]byte(b.String())))
			}
		}
	}
	if err := os.WriteFile(out, []byte(res.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

type fpLacking struct{ no string }

func (m fpLacking) Advance(face Face, r rune) (int, bool) {
	if strings.ContainsRune(m.no, r) {
		return 0, false
	}
	return fakeMetrics{}.Advance(face, r)
}
