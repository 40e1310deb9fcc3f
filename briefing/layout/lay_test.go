package layout

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"briefing/internal/testkit"
)

var update = flag.Bool("update", false, "update golden files")

func golden(t *testing.T, name, got string) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", name+".layout.golden"), got, *update)
}

var (
	grey = Color{0x66, 0x66, 0x66}
	ja   = Text{Style: Style{Size: 10.5}, Breaking: Japanese}
	en   = Text{Style: Style{Size: 10.5}, Breaking: Latin}
)

func plain(s string) []Span { return []Span{{Text: s}} }

func furniture(n, total int) []Box {
	return []Box{TextBox{X: 57, Y: 40, Text: "重大インシデント報告", Style: Style{Size: 8, Color: grey}},
		TextBox{X: 280, Y: 810, Text: fmt.Sprintf("%d / %d", n, total), Style: Style{Size: 8, Color: grey}}}
}

// sampleDoc has one block of every kind.
func sampleDoc(t *testing.T) Document {
	seed := seedParagraphs(t)
	return Document{
		Paper:     A4,
		Furniture: furniture,
		Blocks: []Block{
			KeyValue{Text: ja, Rows: []KeyValueRow{
				{Key: plain("作成日"), Value: plain("2021年5月7日")},
				{Key: plain("重要度"), Value: plain("高")},
			}, SpaceAfter: 8},
			Heading{Text: Text{Style: Style{Face: Bold, Size: 14}, Breaking: Japanese}, Spans: plain("概要"),
				Level: 1, Bookmark: "概要", Anchor: "sec-1", Rule: true, RuleColor: grey, SpaceBefore: 12, SpaceAfter: 6},
			Paragraph{Text: ja, Spans: []Span{{Text: seed[3]}, {Text: "（文献1）", Dest: "ref-1", Style: Style{Color: Color{0, 0x44, 0x99}}}}, SpaceAfter: 6},
			Paragraph{Text: en, Spans: []Span{{Text: "Insikt Group reported the purchase attempts; see "},
				{Text: "https://www.recordedfuture.com/research/chinese-military-antivirus-software-procurement?utm_source=briefing&utm_medium=pdf", URL: "https://www.recordedfuture.com/research/chinese-military-antivirus-software-procurement?utm_source=briefing&utm_medium=pdf"},
				{Text: " for details."}}, SpaceAfter: 6},
			List{Text: ja, Items: []ListItem{
				{Marker: "①", Spans: plain(seed[len(seed)-20])},
				{Marker: "②", Spans: plain("アンチウィルスソフトのリバースエンジニアリングによるゼロデイ脆弱性の発見、利用")},
			}, Indent: 10.5, ItemSpacing: 3, SpaceAfter: 6},
			Table{Text: Text{Style: Style{Size: 9}, Breaking: Japanese},
				Columns: []Column{{Header: plain("発注時期")}, {Header: plain("製品名")}, {Header: plain("端末数"), Align: Right}},
				Rows: []Row{
					{Cells: [][]Span{plain("2019年1月"), plain("Kaspersky Security Cloud Family"), plain("20台")}},
					{Cells: [][]Span{plain("2019年4月～5月"), plain("Kaspersky Endpoint Security for Business ADVANCED"), plain("30台")}},
					{Cells: [][]Span{plain("合計"), plain("14製品（6か国）"), plain("220台")}, Emphasis: true},
				},
				HeaderStyle: Style{Face: Bold, Size: 9}, HeaderFill: Color{0xE8, 0xEC, 0xF2}, RuleColor: grey, SpaceAfter: 6},
			Spacer{Height: 10},
			Figure{Draw: func(w float64) (float64, []Box) {
				c := Color{0xCC, 0, 0}
				return 40, []Box{Rect{X: 0, Y: 0, W: w, H: 40, Stroke: &c, LineWidth: 1},
					Polygon{Points: []Point{{0, 40}, {20, 0}, {40, 40}}, Fill: &c}}
			}, Anchor: "fig-1", SpaceAfter: 6},
			Paragraph{Text: ja, Spans: plain("文献1"), Anchor: "ref-1"},
		},
	}
}

func TestSnapshot(t *testing.T) {
	t.Parallel()
	pages, err := Lay(sampleDoc(t), fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "sample", Dump(pages))
}

// textWidth is the drawn width of a text box: its advances and the
// spacing between its characters.
func textWidth(b TextBox) float64 {
	w := 0.0
	n := 0
	for _, r := range b.Text {
		a, _ := fakeMetrics{}.Advance(b.Style.Face, r)
		w += float64(a) / 1000 * b.Style.Size
		n++
	}
	if b.Gaps != nil {
		for _, g := range b.Gaps[:n-1] {
			w += g
		}
		return w
	}
	return w + float64(n-1)*b.Spacing
}

// lines groups a page's text boxes by baseline.
func linesOf(p Page) map[float64][]TextBox {
	out := map[float64][]TextBox{}
	for _, b := range p.Boxes {
		if t, ok := b.(TextBox); ok {
			out[t.Y] = append(out[t.Y], t)
		}
	}
	return out
}

func TestJustifiedLinesAreFlush(t *testing.T) {
	t.Parallel()
	for _, text := range append(seedParagraphs(t), strings.Repeat("本件はPLAの61419部隊（SSF）による「偵察」に相当する。", 12)) {
		for _, indent := range []float64{0, 3.3, 21} {
			doc := Document{Paper: A4, Blocks: []Block{Paragraph{Text: ja, Spans: plain(text), Indent: indent}}}
			pages, err := Lay(doc, fakeMetrics{})
			if err != nil {
				t.Fatal(err)
			}
			right := A4.Width - A4.Right
			for _, p := range pages {
				lines := linesOf(p)
				var ys []float64
				for y := range lines {
					ys = append(ys, y)
				}
				last := 0.0
				for _, y := range ys {
					last = max(last, y)
				}
				for y, bs := range lines {
					end := 0.0
					for _, b := range bs {
						end = max(end, b.X+textWidth(b))
						if b.X < A4.Left+indent-1e-6 {
							t.Errorf("box %q starts at %g, left of the margin", b.Text, b.X)
						}
					}
					if end > right+1e-6 {
						t.Errorf("line at %g ends at %g, past the margin %g", y, end, right)
					}
					if y != last && len(pages) == 1 && math.Abs(end-right) > 1e-6 {
						t.Errorf("line at %g (%q…) ends at %g, not flush with %g", y, bs[0].Text, end, right)
					}
				}
			}
		}
	}
}

// TestLatinLinesInJapaneseAreRagged: a line of Latin text alone inside a
// Japanese block (an English reference title) keeps its word spaces as they
// are rather than stretching them to the margin.
func TestLatinLinesInJapaneseAreRagged(t *testing.T) {
	t.Parallel()
	text := strings.Repeat("Guidance for MSPs and their Customers Affected by the Supply-Chain Attack ", 6)
	doc := Document{Paper: A4, Blocks: []Block{Paragraph{Text: ja, Spans: plain(text)}}}
	pages, err := Lay(doc, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	lines := linesOf(pages[0])
	if len(lines) < 3 {
		t.Fatalf("%d lines, want several", len(lines))
	}
	for y, bs := range lines {
		for _, b := range bs {
			if b.Spacing != 0 {
				t.Errorf("line at %g: box %q has spacing %g, want 0", y, b.Text, b.Spacing)
			}
		}
	}
}

func TestLinksFollowTheirText(t *testing.T) {
	t.Parallel()
	pages, err := Lay(sampleDoc(t), fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	var urls, dests int
	for _, p := range pages {
		for _, b := range p.Boxes {
			if l, ok := b.(Link); ok {
				if l.W <= 0 || l.H <= 0 || l.X+l.W > A4.Width-A4.Right+1e-6 {
					t.Errorf("bad link box %+v", l)
				}
				if l.URL != "" {
					urls++
				} else {
					dests++
				}
			}
		}
	}
	// The URL is longer than a line: it is cut, and each piece links.
	if urls < 2 || dests != 1 {
		t.Errorf("got %d URL links and %d destination links, want ≥2 and 1", urls, dests)
	}
}

func TestMissingGlyphs(t *testing.T) {
	t.Parallel()
	got := Missing(fakeMetrics{}, Regular, "炎上🔥と\ue000と🔥\n")
	if fmt.Sprint(got) != fmt.Sprint([]rune{'🔥', 0xE000}) {
		t.Errorf("Missing = %U", got)
	}
	doc := Document{Paper: A4, Blocks: []Block{Paragraph{Text: ja, Spans: plain("炎上🔥中")}}}
	_, err := Lay(doc, fakeMetrics{})
	var ge *GlyphError
	if !errors.As(err, &ge) || len(ge.Runes) != 1 || ge.Runes[0] != '🔥' {
		t.Fatalf("Lay error = %v, want a GlyphError for 🔥", err)
	}
	if !strings.Contains(err.Error(), "U+1F525 🔥") {
		t.Errorf("error %q does not name U+1F525 🔥", err)
	}
	// Furniture is checked too.
	doc = Document{Paper: A4, Blocks: []Block{Paragraph{Text: ja, Spans: plain("本文")}},
		Furniture: func(n, total int) []Box { return []Box{TextBox{Text: "𠮷", Style: Style{Size: 8}}} }}
	if _, err := Lay(doc, fakeMetrics{}); !errors.As(err, &ge) {
		t.Errorf("Lay with a furniture glyph missing: err = %v", err)
	}
}

// tableDoc is a heading and a table of n rows.
func tableDoc(n int, tall bool) Document {
	var rows []Row
	for i := range n {
		rows = append(rows, Row{Cells: [][]Span{plain(fmt.Sprintf("%d", i+1)), plain(fmt.Sprintf("製品%d Security Suite", i+1)), plain("ロシア")}})
	}
	if tall {
		rows[3].Cells[1] = plain(strings.Repeat("非常に長いセルの本文が続く。", 200))
	}
	return Document{Paper: A4, Furniture: furniture, Blocks: []Block{
		Paragraph{Text: ja, Spans: plain(strings.Repeat("前置きの文。", 200))},
		Heading{Text: Text{Style: Style{Face: Bold, Size: 14}}, Spans: plain("調達一覧"), SpaceAfter: 6},
		Table{Text: Text{Style: Style{Size: 9}, Breaking: Japanese},
			Columns:     []Column{{Header: plain("番号"), Align: Right}, {Header: plain("製品名")}, {Header: plain("供給国")}},
			Rows:        rows,
			HeaderStyle: Style{Face: Bold, Size: 9}, HeaderFill: Color{0xE8, 0xEC, 0xF2}},
	}}
}

func TestTableHeaderOnEveryPage(t *testing.T) {
	t.Parallel()
	for _, tall := range []bool{false, true} {
		pages, err := Lay(tableDoc(100, tall), fakeMetrics{})
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) < 3 {
			t.Fatalf("%d pages, want ≥3", len(pages))
		}
		seen := map[string]bool{}
		for i, p := range pages {
			hasRow, hasHead := false, false
			headY, firstRowY := math.Inf(1), math.Inf(1)
			for _, b := range p.Boxes {
				tb, ok := b.(TextBox)
				if !ok {
					if r, ok := b.(Rect); ok && r.Y+r.H > A4.Height-A4.Bottom+1e-6 {
						t.Errorf("page %d: rect below the bottom margin: %+v", i+1, r)
					}
					continue
				}
				if tb.Y > A4.Height-A4.Bottom {
					if tb.Y < 800 {
						t.Errorf("page %d: text %q below the bottom margin", i+1, tb.Text)
					}
				}
				if tb.Text == "供給国" {
					hasHead = true
					headY = min(headY, tb.Y)
				}
				if strings.HasPrefix(tb.Text, "製品") && tb.Text != "製品名" {
					hasRow = true
					firstRowY = min(firstRowY, tb.Y)
					seen[tb.Text] = true
				}
				if strings.HasPrefix(tb.Text, "非常") {
					hasRow = true
					firstRowY = min(firstRowY, tb.Y)
				}
			}
			if hasRow && (!hasHead || headY > firstRowY) {
				t.Errorf("tall=%v: page %d has rows but no header above them", tall, i+1)
			}
			if hasHead && !hasRow {
				t.Errorf("tall=%v: page %d has a header without rows", tall, i+1)
			}
		}
		want := 100
		if tall {
			want = 99 // row 4's product is replaced by the long text
		}
		if len(seen) != want {
			t.Errorf("tall=%v: %d of %d rows placed", tall, len(seen), want)
		}
	}
}

func TestRowsAreNotSplitWhenTheyFit(t *testing.T) {
	t.Parallel()
	pages, err := Lay(tableDoc(100, false), fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	// Every row's three cells are on the same page.
	for i, p := range pages {
		counts := map[string]int{}
		for _, b := range p.Boxes {
			if tb, ok := b.(TextBox); ok && strings.HasPrefix(tb.Text, "製品") && tb.Text != "製品名" {
				counts[tb.Text]++
			}
		}
		for k, n := range counts {
			if n != 1 {
				t.Errorf("page %d: %q placed %d times", i+1, k, n)
			}
		}
	}
}

func TestHeadingKeptWithNext(t *testing.T) {
	t.Parallel()
	// Fill the page so that only the heading would fit at the bottom.
	for fill := 30; fill < 50; fill++ {
		doc := Document{Paper: A4, Blocks: []Block{
			Paragraph{Text: ja, Spans: plain(strings.Repeat("あ", 45*fill))},
			Heading{Text: Text{Style: Style{Face: Bold, Size: 14}}, Spans: plain("見出し"), SpaceBefore: 12},
			Paragraph{Text: ja, Spans: plain("本文の一行目。")},
		}}
		pages, err := Lay(doc, fakeMetrics{})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range pages {
			var head, body bool
			for _, b := range p.Boxes {
				if tb, ok := b.(TextBox); ok {
					head = head || tb.Text == "見出し"
					body = body || strings.HasPrefix(tb.Text, "本文")
				}
			}
			if head != body {
				t.Errorf("fill %d: page %d: heading %v, next line %v", fill, i+1, head, body)
			}
		}
	}
}

func TestFigureMovesWholeAndSpacerDropsAtTop(t *testing.T) {
	t.Parallel()
	fig := Figure{Draw: func(w float64) (float64, []Box) {
		return 300, []Box{Rect{X: 0, Y: 0, W: w, H: 300}}
	}}
	doc := Document{Paper: A4, Blocks: []Block{
		Paragraph{Text: ja, Spans: plain(strings.Repeat("あ", 45*30))},
		fig,
		Spacer{Height: 500},
		Paragraph{Text: ja, Spans: plain("後")},
	}}
	pages, err := Lay(doc, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 3 {
		t.Fatalf("%d pages:\n%s", len(pages), Dump(pages))
	}
	r, ok := pages[1].Boxes[0].(Rect)
	if !ok || r.Y != A4.Top || r.X != A4.Left {
		t.Errorf("figure not at the top of page 2: %+v", pages[1].Boxes)
	}
	tb := pages[2].Boxes[0].(TextBox)
	if tb.Y > A4.Top+20 {
		t.Errorf("spacer not dropped at the top of page 3: text at %g", tb.Y)
	}
	// A figure taller than a page is an error, not a panic.
	tall := Figure{Draw: func(w float64) (float64, []Box) { return 2000, nil }}
	if _, err := Lay(Document{Paper: A4, Blocks: []Block{tall}}, fakeMetrics{}); err == nil {
		t.Error("no error for a figure taller than the page")
	}
}

func TestFurnitureKnowsTheTotal(t *testing.T) {
	t.Parallel()
	pages, err := Lay(tableDoc(100, false), fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pages {
		want := fmt.Sprintf("%d / %d", i+1, len(pages))
		if tb, ok := p.Boxes[len(p.Boxes)-1].(TextBox); !ok || tb.Text != want {
			t.Errorf("page %d ends with %v, want the footer %q", i+1, p.Boxes[len(p.Boxes)-1], want)
		}
	}
}

func TestAllTextPlacedInOrder(t *testing.T) {
	t.Parallel()
	seed := seedParagraphs(t)
	var blocks []Block
	for _, p := range seed {
		blocks = append(blocks, Paragraph{Text: ja, Spans: plain(p), SpaceAfter: 5})
	}
	pages, err := Lay(Document{Paper: A4, Blocks: blocks}, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range pages {
		for _, x := range p.Boxes {
			if tb, ok := x.(TextBox); ok {
				b.WriteString(tb.Text)
			}
		}
	}
	want := strings.ReplaceAll(strings.Join(seed, ""), " ", "")
	got := strings.ReplaceAll(b.String(), " ", "")
	if got != want {
		t.Errorf("text lost or reordered:\n got %.200q\nwant %.200q", got, want)
	}
}

func TestLastRowNotAlone(t *testing.T) {
	t.Parallel()
	for n := 20; n < 60; n++ {
		pages, err := Lay(tableDoc(n, false), fakeMetrics{})
		if err != nil {
			t.Fatal(err)
		}
		last := pages[len(pages)-1]
		rows := 0
		for _, b := range last.Boxes {
			if tb, ok := b.(TextBox); ok && strings.HasPrefix(tb.Text, "製品") && tb.Text != "製品名" {
				rows++
			}
		}
		if rows == 1 {
			t.Errorf("%d rows: the last row stands alone on page %d", n, len(pages))
		}
	}
}

// FuzzLay lays any text out as a paragraph, a list item and a table cell,
// with proportional and with full-width punctuation (inkMetrics):
// it never panics, and it fails only with a GlyphError; every text drawn
// and every link is in the structure, but for a table's header repeated
// on a continuation page, an artifact (go test -fuzz=FuzzLay
// -fuzztime=20s).
func FuzzLay(f *testing.F) {
	f.Add("本件は「偵察(Reconnaissance)」に相当する。", 10.5, 0.0)
	f.Add("https://example.com/a?b=c&d=e\n\nあ", 3.0, 200.0)
	f.Add("\u0303ㇷ\u309Aーセ\u309A。\nx\u0303\u0301 q\u0307 "+strings.Repeat("長い題名。", 300), 10.5, 0.0)
	f.Add("\u00adsuper\u00adcali\u00ad\u00ad\u200bfragi\u00ad\u200d 𠮟責\u200b\ufeff葛\U000E0100\ufe0f\u00ad", 10.5, 0.0)
	f.Add("葛\U000E0100飾区A社の辻\U000E0100\U000E0100堂\u200b\U000E0100と\n\U000E0101葛\U000E0101\u0303葛\u00ad\U000E0100", 10.5, 0.0)
	f.Add("（文献1）。」「（仮称）」、『」』「「（））。。、・「・・」・；："+strings.Repeat("あ", 40)+"」「", 10.5, 0.0)
	// Pieces that fit a line but not after the text before them.
	f.Add("調査の結果、ハッシュ値 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 のファイルを開いた。", 10.5, 0.0)
	f.Add("ファイルサーバからデータが外部へ送信された。T1041、T1567.002の手口と一致。第2段階のURL https://example.jp/upload/index.php?id=abcdefghijklmnopqrstuvwxyz0123456789abcde を使用", 10.5, 40.0)
	// A crowded table of header words, dates, labels and long titles.
	f.Add("大手製造業のサプライチェーンを狙った標的型ランサムウェア攻撃（CVE-2026-12345）", 9.0, 0.0)
	f.Add("更新\n2026年11月27日", 14.0, 100.0)
	f.Fuzz(func(t *testing.T, text string, size, indent float64) {
		crowded := Table{Text: Text{Style: Style{Size: size}, Breaking: Japanese},
			Columns: []Column{{Header: plain("#")}, {Header: plain("区分")}, {Header: plain("作成日")}, {Header: plain(text)},
				{Header: plain("重要度")}, {Header: plain("TLP")}, {Header: plain("ページ")}}}
		for i := range 3 {
			crowded.Rows = append(crowded.Rows, Row{Cells: [][]Span{plain(fmt.Sprint(i + 1)), plain("更新\n2026年11月27日"),
				plain("2026年11月20日"), plain(text), plain("緊急"), plain("TLP:AMBER+STRICT"), plain(text)}})
		}
		// The crowded table lays out (its texts are not the fuzzed text
		// checkLaid looks for), the same columns every time.
		for _, m := range []Metrics{fakeMetrics{}, inkMetrics{}} {
			p1, err1 := Lay(Document{Paper: A4, Blocks: []Block{crowded}}, m)
			p2, err2 := Lay(Document{Paper: A4, Blocks: []Block{crowded}}, m)
			var ge *GlyphError
			if err1 != nil && !errors.As(err1, &ge) && !strings.Contains(err1.Error(), "leaves no room") && !strings.Contains(err1.Error(), "paper") {
				t.Fatalf("Lay: %v", err1)
			}
			if (err1 == nil) != (err2 == nil) || err1 == nil && Dump(p1) != Dump(p2) {
				t.Fatalf("the crowded table is laid out two ways")
			}
		}
		doc := Document{Paper: A4, Blocks: []Block{
			Paragraph{Text: Text{Style: Style{Size: size}, Breaking: Japanese}, Spans: plain(text), Indent: indent},
			List{Text: Text{Style: Style{Size: size}}, Items: []ListItem{{Marker: "①", Spans: plain(text)}}, Indent: indent},
			Table{Text: Text{Style: Style{Size: size}, Breaking: Japanese}, Columns: []Column{{Header: plain(text)}, {Header: plain("x")}},
				Rows: []Row{{Cells: [][]Span{plain(text), plain(text)}, Emphasis: true}}},
			Heading{Spans: plain(text), Rule: true},
			// Whole runs: a wrapped one copies as itself, from one box.
			Paragraph{Text: Text{Style: Style{Size: size}}, Spans: []Span{{Text: "see "}, {Text: text, Whole: true}, {Text: " and "}, {Text: text, Code: true}}},
			Code{Text: Text{Style: Style{Size: size}}, Code: text},
			// A table in a quote: its rule beside each row, split or not.
			Quote{Blocks: []Block{Table{Text: Text{Style: Style{Size: size}}, Columns: []Column{{Header: plain("x")}, {Header: plain("y")}},
				Rows: []Row{{Cells: [][]Span{plain(text), plain(text)}}}}}, Indent: indent},
			// Inline elements: a citation, a link, a passage in English.
			Paragraph{Text: Text{Style: Style{Size: size}, Breaking: Japanese}, Spans: []Span{{Text: text},
				{Text: "（文献1）", Dest: "ref-1", Cite: true}, {Text: text, URL: "https://example.com/"}, {Text: text, Lang: "en"}}},
		}}
		for _, m := range []Metrics{fakeMetrics{}, inkMetrics{}} {
			checkLaid(t, doc, m, text)
		}
		// With fonts that draw variation sequences: each stays whole.
		if vp, err := Lay(doc, fakeVariants{}); err == nil {
			checkSequences(t, vp)
		}
	})
}

// inkMetrics is fakeMetrics with ink: its wide brackets and 、。 have the
// ink in one half, its middle dots in the middle (full-width punctuation,
// see yakumono).
type inkMetrics struct{ fakeMetrics }

func (inkMetrics) Ink(face Face, r rune) (int, int, bool) {
	switch punctClass(r) {
	case openingMark:
		return 560, 930, true
	case closingMark:
		return 70, 420, true
	case middleMark:
		return 420, 580, true
	}
	return 80, 920, true
}

// checkLaid lays doc out with m and checks what FuzzLay promises.
func checkLaid(t *testing.T, doc Document, m Metrics, text string) {
	pages, err := Lay(doc, m)
	var ge *GlyphError
	if err != nil && !errors.As(err, &ge) && !strings.Contains(err.Error(), "leaves no room") && !strings.Contains(err.Error(), "paper") {
		t.Fatalf("Lay: %v", err)
	}
	type cellAt struct {
		text string
		x    float64
	}
	heads := map[cellAt]bool{} // header cells drawn, by text and column
	for n, p := range pages {
		if len(p.Elems) != len(p.Boxes) {
			t.Fatalf("page %d: %d elements for %d boxes", n+1, len(p.Elems), len(p.Boxes))
		}
		for i, b := range p.Boxes {
			switch b := b.(type) {
			case TextBox:
				if e := p.Elems[i]; e != nil && e.Role == "TH" {
					heads[cellAt{b.Text, b.X}] = true
				}
				if b.Text != "" && p.Elems[i] == nil && !heads[cellAt{b.Text, b.X}] {
					t.Fatalf("page %d: %q drawn outside the structure", n+1, b.Text)
				}
			case Link:
				e := p.Elems[i]
				for e != nil && e.Role != "Link" {
					e = e.Parent
				}
				if e == nil {
					t.Fatalf("page %d: a link outside a Link element", n+1)
				}
			}
		}
	}
	// Ignorable characters are dropped: the text copies without them.
	whole := strings.Map(func(r rune) rune {
		if r == '\r' || Ignorable(r) {
			return -1
		}
		return r
	}, text)
	for _, tb := range textBoxes(pages) {
		// A line whose gaps a reader would take for spaces copies as
		// its text: a piece of a paragraph's.
		line := strings.Contains("see "+whole+" and "+whole, tb.Actual) || strings.Contains(whole+"（文献1）"+whole+whole, tb.Actual)
		if tb.Replaced && tb.Actual != "" && tb.Actual != whole && !strings.Contains(whole, tb.Actual) && tb.Actual != "（文献1）" && !line { // the citation is a whole run too
			t.Fatalf("a box copies as %q, not a whole run of %q", tb.Actual, text)
		}
	}
}

// A heading, a table cell and a key-value row each many pages long flow
// over the pages: every line is placed once, in order, inside the
// margins, and the table's header stands on each page its row continues
// on. (Their time is linear in their lines: a split row's rest is drawn
// when placed, and a heading's lines kept together are summed up to a
// page; see BenchmarkLongBlocks.)
func TestLongBlocksFlowOverPages(t *testing.T) {
	t.Parallel()
	doc, texts := longBlocks(6)
	pages, err := Lay(doc, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 15 {
		t.Fatalf("%d pages, want the blocks' 6 pages each and more", len(pages))
	}
	got := map[Color]*strings.Builder{}
	for c := range texts {
		got[c] = &strings.Builder{}
	}
	for i, p := range pages {
		head, body := false, false
		for _, b := range p.Boxes {
			tb, ok := b.(TextBox)
			if !ok || tb.Style.Color == grey {
				continue
			}
			if tb.Y < A4.Top || tb.Y > A4.Height-A4.Bottom {
				t.Errorf("page %d: %.20q at y %.1f, outside the margins", i+1, tb.Text, tb.Y)
			}
			if tb.Text == "見出し" {
				head = true
			}
			if w, ok := got[tb.Style.Color]; ok {
				w.WriteString(tb.Text)
				body = body || tb.Style.Color == cellColor
			}
		}
		if body && !head {
			t.Errorf("page %d: the long row continues without the table's header", i+1)
		}
	}
	for c, want := range texts {
		if g := got[c].String(); g != want {
			t.Errorf("colour %v: text lost or reordered (%d of %d bytes):\n got %.80q…\nwant %.80q…", c, len(g), len(want), g, want)
		}
	}
}

var (
	headColor = Color{R: 1}
	cellColor = Color{G: 1}
	kvColor   = Color{B: 1}
)

// longBlocks returns a heading, a table row and a key-value row each
// about n pages long, and their texts by the colour they are set in.
func longBlocks(n int) (Document, map[Color]string) {
	long := func(unit string) string { return strings.Repeat(unit, n*1600/len([]rune(unit))) }
	hs, cs, ks := long("長い見出しが続く。"), long("非常に長いセルの本文が続く。"), long("経緯の説明が続く、")
	doc := Document{Paper: A4, Furniture: furniture, Blocks: []Block{
		Heading{Text: Text{Style: Style{Face: Bold, Size: 14}, Breaking: Japanese}, Spans: []Span{{Text: hs, Style: Style{Face: Bold, Size: 14, Color: headColor}}}},
		Table{Text: Text{Style: Style{Size: 9}, Breaking: Japanese},
			Columns:     []Column{{Header: plain("見出し")}, {Header: plain("番号")}},
			Rows:        []Row{{Cells: [][]Span{{{Text: cs, Style: Style{Size: 9, Color: cellColor}}}, plain("1")}}},
			HeaderStyle: Style{Face: Bold, Size: 9}},
		KeyValue{Text: ja, Rows: []KeyValueRow{{Key: plain("経緯"), Value: []Span{{Text: ks, Style: Style{Size: 10.5, Color: kvColor}}}}}},
	}}
	return doc, map[Color]string{headColor: hs, cellColor: cs, kvColor: ks}
}

// BenchmarkLongBlocks lays out a heading, a table row and a key-value
// row each 1, 10 or 100 pages long: the time grows with the pages, never
// with their square.
func BenchmarkLongBlocks(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		doc, _ := longBlocks(n)
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Lay(doc, fakeMetrics{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// lacking is fakeMetrics without the glyphs of some characters, counting
// the characters it is asked for.
type lacking struct {
	fakeMetrics
	no    string
	asked *int
}

func (m lacking) Advance(face Face, r rune) (int, bool) {
	if m.asked != nil {
		*m.asked++
	}
	if strings.ContainsRune(m.no, r) {
		return 0, false
	}
	return m.fakeMetrics.Advance(face, r)
}

// TestGlyphsCheckedOnce: the characters of a document are looked up
// once each, as its texts are measured; what measuring does not look up
// is looked up as its page is made: a combining mark, the space drawn at
// a line broken at a newline, a figure's labels.
func TestGlyphsCheckedOnce(t *testing.T) {
	t.Parallel()
	text := strings.Repeat("本文の段落です、Latin words and 12,345。", 40)
	asked := 0
	doc := Document{Paper: A4, Blocks: []Block{Paragraph{Text: ja, Spans: plain(text)}}}
	if _, err := Lay(doc, lacking{asked: &asked}); err != nil {
		t.Fatal(err)
	}
	distinct := map[rune]bool{}
	for _, r := range text {
		distinct[r] = true
	}
	if asked > len(distinct) {
		t.Errorf("%d characters (%d distinct) looked up %d times", utf8.RuneCountInString(text), len(distinct), asked)
	}
	figure := Figure{Draw: func(w float64) (float64, []Box) {
		return 20, []Box{TextBox{Text: "ラベル\u20dd", Y: 10, Style: Style{Size: 9}}}
	}}
	for _, c := range []struct {
		name   string
		blocks []Block
		no     string
		want   rune
	}{
		{"combining mark", []Block{Paragraph{Text: ja, Spans: plain("e\u0301tude")}}, "\u0301", 0x301},
		{"space at a newline", []Block{Paragraph{Text: ja, Spans: plain("one\ntwo")}}, " ", ' '},
		{"figure label", []Block{Paragraph{Text: ja, Spans: plain("本文")}, figure}, "\u20dd", 0x20dd},
	} {
		_, err := Lay(Document{Paper: A4, Blocks: c.blocks}, lacking{no: c.no})
		var ge *GlyphError
		if !errors.As(err, &ge) || !slices.Contains(ge.Runes, c.want) {
			t.Errorf("%s: Lay error %v, want a GlyphError for %U", c.name, err, c.want)
		}
	}
}

// TestRowsSure: a table row or a key-value row whose characters were all
// looked up as its cells were measured is not looked up again as its
// page is made, in the body nor in the header repeated on the next page;
// a row holding what measuring does not look up (a combining mark, the
// space drawn at a newline) is, and is refused where the face lacks it.
func TestRowsSure(t *testing.T) {
	t.Parallel()
	l := &layouter{m: cached(fakeMetrics{}), paper: A4, x: A4.Left, width: A4.Width - A4.Left - A4.Right}
	tbl := func(cell string) Table {
		return Table{Text: ja, Columns: []Column{{Header: plain("項目")}, {Header: plain("内容")}},
			Rows: []Row{{Cells: [][]Span{plain("端末数"), plain(cell)}}, {Cells: [][]Span{plain("合計"), nil}}}}
	}
	for _, c := range []struct {
		cell string
		sure bool
	}{{"本文の段落です、Latin words and 12,345。", true}, {"e\u0301tude", false}, {"one\ntwo", false}} {
		for _, b := range []Block{tbl(c.cell), KeyValue{Text: ja, Rows: []KeyValueRow{{Key: plain("作成日"), Value: plain(c.cell)}}}} {
			us, err := l.block(b)
			if err != nil {
				t.Fatal(err)
			}
			rows := 0
			for _, u := range us {
				if u.space {
					continue
				}
				rows++
				// The header (first) and the row of the total say so
				// whatever the cell; the cell's row as the cell does.
				want := c.sure || rows != 2
				if _, isTable := b.(Table); !isTable {
					want = c.sure
				}
				if u.sure != want {
					t.Errorf("%T with %q: row %d sure %v, want %v", b, c.cell, rows, u.sure, want)
				}
			}
		}
	}
	// Refused all the same.
	for _, c := range []struct {
		cell, no string
		want     rune
	}{{"e\u0301tude", "\u0301", 0x301}, {"one\ntwo", " ", ' '}} {
		_, err := Lay(Document{Paper: A4, Blocks: []Block{tbl(c.cell)}}, lacking{no: c.no})
		var ge *GlyphError
		if !errors.As(err, &ge) || !slices.Contains(ge.Runes, c.want) {
			t.Errorf("cell %q: Lay error %v, want a GlyphError for %U", c.cell, err, c.want)
		}
	}
}
