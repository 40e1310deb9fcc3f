package layout

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// crowdedTable is the shape of an English procurement table that once
// set its long product names one word to a line beside wide Term and
// Terminals columns and wrapped its totals (1,888,899 / terminals): long
// names, a vendor, a term of 1 year 6 months, three countries, and a
// bold totals row.
func crowdedTable() (Table, []string) {
	var rows []Row
	var short []string
	users := []string{"999,999 terminals", "888,888 terminals", "12 terminals", "1,200 terminals", "30 terminals"}
	for i := range 5 {
		rows = append(rows, Row{Cells: [][]Span{
			plain("April–May 2019"),
			plain(fmt.Sprintf("Kaspersky Endpoint Security for Business ADVANCED edition %d", i)),
			plain("Kaspersky Lab"), plain("1 year 6 months"), plain(users[i]),
			plain("Russia, United States, Japan"),
		}})
		short = append(short, users[i])
	}
	rows = append(rows, Row{Cells: [][]Span{plain("Total"), plain("5 products"), nil, nil,
		plain("1,888,899 terminals"), plain("3 countries")}, Emphasis: true})
	short = append(short, "April–May 2019", "1 year 6 months", "Total", "5 products", "1,888,899 terminals", "3 countries")
	return Table{
		Text: Text{Style: Style{Size: 9}, Breaking: Latin},
		Columns: []Column{{Header: plain("Ordered")}, {Header: plain("Product")}, {Header: plain("Vendor")},
			{Header: plain("Term"), Align: Right}, {Header: plain("Terminals"), Align: Right}, {Header: plain("Supplier country")}},
		Rows: rows, Padding: 3.5,
	}, short
}

// longestWords returns the width of each column's longest word, padding
// included.
func longestWords(grid [][]cellText, pad float64) []float64 {
	out := make([]float64, len(grid[0]))
	for _, cells := range grid {
		for i, c := range cells {
			out[i] = max(out[i], longestPiece(c.t)+2*pad)
		}
	}
	return out
}

// TestCrowdedTable: in a crowded table no word is cut, the numbers,
// dates and the totals stay on one line, the long names are not set a
// word to a line, and the table is no taller than the balancing before
// set it.
func TestCrowdedTable(t *testing.T) {
	t.Parallel()
	// The text of A4, and a narrower one (a wider right margin).
	for _, right := range []float64{A4.Right, A4.Right + 80} {
		t.Run(fmt.Sprint(right), func(t *testing.T) { crowded(t, right) })
	}
}

func crowded(t *testing.T, right float64) {
	tbl, short := crowdedTable()
	paper := A4
	paper.Right = right
	pages, err := Lay(Document{Paper: paper, Blocks: []Block{tbl}}, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	if w := wrappedCells(pages, short); len(w) > 0 {
		t.Errorf("short cells wrapped: %q\n%s", w, Dump(pages))
	}
	// Every word is drawn whole in one box: no column narrower than a
	// word.
	drawn := map[string]bool{}
	for _, p := range pages {
		for _, b := range p.Boxes {
			if tb, ok := b.(TextBox); ok {
				for _, w := range strings.Fields(tb.Text) {
					drawn[w] = true
				}
			}
		}
	}
	for _, r := range tbl.Rows {
		for _, c := range r.Cells {
			for _, s := range c {
				for _, w := range strings.Fields(s.Text) {
					if !drawn[w] {
						t.Errorf("word %q cut across lines", w)
					}
				}
			}
		}
	}
	width := paper.Width - paper.Left - paper.Right
	l := &layouter{m: fakeMetrics{}, width: width}
	g, err := l.tableGrid(tbl)
	if err != nil {
		t.Fatal(err)
	}
	grid := g.all()
	ws, pad := tableColumns(g, tbl.Padding, width, balance)
	for i, lw := range longestWords(grid, pad) {
		if ws[i] < lw-1e-6 {
			t.Errorf("column %d is %.1f wide, narrower than its longest word (%.1f)", i+1, ws[i], lw)
		}
	}
	for r := 1; r < len(grid)-1; r++ {
		words := len(strings.Fields(string(grid[r][1].t.rs)))
		if n := cellLines(grid[r][1], pad, ws[1]); n >= words-1 {
			t.Errorf("row %d: a product name of %d words on %d lines (column %.1f wide)", r, words, n, ws[1])
		}
	}
	now, before, err := TableLines(tbl, fakeMetrics{}, width)
	if err != nil {
		t.Fatal(err)
	}
	if now > before {
		t.Errorf("the table takes %d lines, %d before", now, before)
	}
}

// randomTable returns a table of random shape and content: long names,
// Japanese text, dates and counts, empty cells, and sometimes a totals
// row.
func randomTable(rng *rand.Rand) Table {
	word := func() string {
		const letters = "abcdefghijklmnopqrstuvwxyzMW.,-"
		n := 1 + rng.IntN(10)
		b := make([]byte, n)
		for i := range b {
			b[i] = letters[rng.IntN(len(letters))]
		}
		return string(b)
	}
	kana := []rune("あいうえおかきくけこ漢字調達製品名、。「」ー")
	cell := func() string {
		switch rng.IntN(6) {
		case 0:
			return ""
		case 1:
			return fmt.Sprintf("%d terminals", rng.IntN(2000000))
		case 2:
			return []string{"January 2019", "April–May 2019", "2019年4月～5月", "1 year 6 months", "2年"}[rng.IntN(5)]
		case 3:
			rs := make([]rune, 2+rng.IntN(30))
			for i := range rs {
				rs[i] = kana[rng.IntN(len(kana))]
			}
			return string(rs)
		default:
			ws := make([]string, 1+rng.IntN(10))
			for i := range ws {
				ws[i] = word()
			}
			return strings.Join(ws, " ")
		}
	}
	n := 2 + rng.IntN(6)
	cols := make([]Column, n)
	for i := range cols {
		cols[i] = Column{Header: plain(word())}
	}
	if rng.IntN(4) == 0 {
		cols[0].Header = nil
	}
	rows := make([]Row, 1+rng.IntN(10))
	for r := range rows {
		rows[r].Cells = make([][]Span, n)
		for i := range n {
			rows[r].Cells[i] = plain(cell())
		}
	}
	if rng.IntN(3) == 0 {
		rows[len(rows)-1].Emphasis = true
	}
	br := Latin
	if rng.IntN(3) == 0 {
		br = Japanese
	}
	return Table{Text: Text{Style: Style{Size: 7 + float64(rng.IntN(5))}, Breaking: br}, Columns: cols, Rows: rows}
}

// TestBalanceProperties: over random tables and widths, the columns fill
// the width; when the columns' longest words fit the width, no column is
// narrower than its longest word, every line fits its column, and the
// short cells stay on one line when they fit too; the same table gets the
// same columns every time.
func TestBalanceProperties(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 14))
	taller, shorter, balanced := 0, 0, 0
	for k := range 600 {
		tbl := randomTable(rng)
		width := 150 + 350*rng.Float64()
		l := &layouter{m: fakeMetrics{}, width: width}
		g, err := l.tableGrid(tbl)
		if err != nil {
			t.Fatal(err)
		}
		grid, flags := g.all(), g.short
		pad0 := 0.4 * tbl.Style.Size
		ws, pad := tableColumns(g, pad0, width, balance)
		if again, _ := tableColumns(g, pad0, width, balance); !slices.Equal(ws, again) {
			t.Fatalf("table %d: columns %v, then %v", k, ws, again)
		}
		if s := sumOf(ws); s < width-1e-6 || s > width+1e-6 {
			t.Errorf("table %d: columns %v fill %.2f of %.2f", k, ws, s, width)
		}
		longest := longestWords(grid, pad)
		if sumOf(longest) > width {
			continue
		}
		for i := range ws {
			if ws[i] < longest[i]-1e-6 {
				t.Errorf("table %d (width %.1f): column %d is %.2f wide, its longest word %.2f", k, width, i+1, ws[i], longest[i])
			}
		}
		// The short cells' room: their columns as wide as they are.
		room := slices.Clone(longest)
		for r, cells := range grid {
			for i, c := range cells {
				if _, w := measureCell(c.t); w > 0 && w <= flags[r].within && (flags[r].any || hasDigit(c.t.rs)) {
					room[i] = max(room[i], w+2*pad)
				}
			}
		}
		for r, cells := range grid {
			for i, c := range cells {
				if len(c.t.rs) == 0 {
					continue
				}
				inner := ws[i] - 2*pad
				bl := breakLines(c.t.rs, c.t.ws, inner)
				if w := widest(c.t, bl); w > inner+1e-6 {
					t.Errorf("table %d: cell %q set %.2f wide in a column of %.2f", k, string(c.t.rs), w, inner)
				}
				if _, w := measureCell(c.t); sumOf(room) <= width && w <= flags[r].within && (flags[r].any || hasDigit(c.t.rs)) && len(bl) > 1 {
					t.Errorf("table %d: short cell %q wrapped", k, string(c.t.rs))
				}
			}
		}
		now, before, err := TableLines(tbl, fakeMetrics{}, width)
		if err != nil {
			t.Fatal(err)
		}
		if sumOf(longest) < width && ws[0] != sumOf(ws) {
			balanced++
		}
		switch {
		case now > before:
			taller++
		case now < before:
			shorter++
		}
	}
	t.Logf("%d tables balanced: %d shorter than before, %d taller (a number or date kept whole)", balanced, shorter, taller)
}

// BenchmarkCrowdedLongTable lays out a crowded table of a thousand rows
// (the shape of crowdedTable, terms and counts varying).
func BenchmarkCrowdedLongTable(b *testing.B) {
	tbl, _ := crowdedTable()
	last := tbl.Rows[len(tbl.Rows)-1]
	tbl.Rows = tbl.Rows[:0]
	for i := range 1000 {
		tbl.Rows = append(tbl.Rows, Row{Cells: [][]Span{
			plain("April–May 2019"),
			plain(fmt.Sprintf("Kaspersky Endpoint Security for Business ADVANCED edition %d", i)),
			plain(fmt.Sprintf("Vendor %d", i%37)), plain(fmt.Sprintf("%d years %d months", i%9, i%12)),
			plain(fmt.Sprintf("%d terminals", i*7)), plain("Russia, United States, Japan"),
		}})
	}
	tbl.Rows = append(tbl.Rows, last)
	doc := Document{Paper: A4, Blocks: []Block{tbl}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Lay(doc, fakeMetrics{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCutColumnKeepsDates: when a column holds a word the table must cut
// anyway (a SHA-256 hash), a date range in another column keeps its
// longest date (2023年11月27日) on one line rather than a token a line.
func TestCutColumnKeepsDates(t *testing.T) {
	hash := "5b1e2f3a4c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f"
	date := "2023年11月27日 2:13（JST）〜2023年12月1日 5:58（JST）"
	tbl := Table{
		Text:    Text{Style: Style{Size: 9}, Breaking: Japanese},
		Columns: []Column{{Header: plain("種別")}, {Header: plain("値")}, {Header: plain("備考")}, {Header: plain("観測日時")}},
		Rows: []Row{
			{Cells: [][]Span{plain("ipv4"), plain("203.0.113[.]45"), plain("NetScaler のセッションを乗っ取った接続元"), plain(date)}},
			{Cells: [][]Span{plain("domain"), plain("files-sync[.]example"), plain("持ち出し先とみられるファイル共有サービス"), nil}},
			{Cells: [][]Span{plain("email"), plain("restore-files[@]mail[.]example"), plain("身代金要求の文書に記載された連絡先"), nil}},
			{Cells: [][]Span{plain("sha256"), plain(hash), plain("暗号化を行った実行ファイル（例）"), nil}},
		},
		Padding: 3.5,
	}
	width := 481.28
	l := &layouter{m: fakeMetrics{}, width: width}
	g, err := l.tableGrid(tbl)
	if err != nil {
		t.Fatal(err)
	}
	grid := g.all()
	ws, pad := tableColumns(g, tbl.Padding, width, balance)
	day := grid[1][3].t
	want := longestPhrase(day) + 2*pad
	if want < 5*9 {
		t.Fatalf("longest date %.1f pt: 2023年11月27日 not measured whole", want)
	}
	if ws[3] < want-1e-6 {
		t.Errorf("date column %.1f pt wide, narrower than 2023年11月27日 (%.1f pt); widths %.1f", ws[3], want, ws)
	}
}

// TestLongestPhrase: the phrases a table keeps whole, with what no line
// may break from (〜 after a date), and none where there is no date or
// number with its word.
func TestLongestPhrase(t *testing.T) {
	cases := []struct{ text, want string }{
		{"2023年11月27日〜2023年12月3日", "2023年11月27日〜"},
		{"観測：2023-11-27 2:13（JST）", "2023-11-27 2:13（JST）"},
		{"2023年11月27日 2:13（JST）～2023年12月1日 5:58（JST）", "2023年11月27日 2:13（JST）～"},
		{"14:05（UTC+9）", "14:05（UTC+9）"},
		{"27 November 2023, 2:13 JST – 1 December 2023, 5:58 JST", "27 November 2023, 2:13 JST"},
		{"2 July 2021, 14:05 UTC+9", "2 July 2021, 14:05 UTC+9"},
		{"at 14:05 UTC−3:30 sharp", "14:05 UTC−3:30"},
		{"at 2:13 JST", "2:13 JST"},
		{"27 November 2023 – 3 December 2023", "27 November 2023"},
		{"from November 27, 2023 on", "November 27, 2023"},
		{"125,000 terminals in 17 countries", "125,000 terminals"},
		{"Endpoint Protection Platform", ""},
		{"NetScaler のセッション", ""},
	}
	for _, c := range cases {
		tr := flatten(plain(c.text), Style{Size: 10}, fakeMetrics{}, &missing{})
		want := 0.0
		if c.want != "" {
			i := len([]rune(c.text[:strings.Index(c.text, c.want)]))
			want = sumWidth(tr, i, i+len([]rune(c.want)))
		}
		if got := longestPhrase(tr); math.Abs(got-want) > 1e-9 {
			t.Errorf("%q: longest phrase %.2f pt, want %.2f (%q)", c.text, got, want, c.want)
		}
	}
}

// TestLongTableSetAsKept: a table longer than keepRows, whose cells are
// measured once and flattened again as its rows are weighed and set, is
// set exactly as it is with every cell's text kept.
func TestLongTableSetAsKept(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 18))
	for k := range 4 {
		tbl := randomTable(rng)
		for len(tbl.Rows) <= 3*keepRows {
			if more := randomTable(rng); len(more.Columns) == len(tbl.Columns) {
				tbl.Rows = append(tbl.Rows, more.Rows...)
			}
		}
		paper := A4
		paper.Right += 250 * rng.Float64()
		doc := Document{Paper: paper, Blocks: []Block{tbl}}
		l := &layouter{m: fakeMetrics{}, width: paper.Width - paper.Left - paper.Right}
		if g, err := l.tableGrid(tbl); err != nil || g.kept != nil {
			t.Fatalf("table %d of %d rows: text kept (%v)", k, len(tbl.Rows), err)
		}
		got, err := Lay(doc, fakeMetrics{})
		if err != nil {
			t.Fatal(err)
		}
		keep := keepRows
		keepRows = len(tbl.Rows) + 1
		want, err := Lay(doc, fakeMetrics{})
		keepRows = keep
		if err != nil {
			t.Fatal(err)
		}
		if len(got) < 2 {
			t.Fatalf("table %d: %d pages", k, len(got))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("table %d of %d rows, %d columns: set otherwise than with its text kept", k, len(tbl.Rows), len(tbl.Columns))
		}
	}
}
