package layout

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// wrappedCells returns the cells whose whole text no text box of the
// pages holds: those drawn on more than one line.
func wrappedCells(pages []Page, cells []string) (wrapped []string) {
	whole := map[string]bool{}
	for _, p := range pages {
		for _, b := range p.Boxes {
			if tb, ok := b.(TextBox); ok {
				whole[strings.TrimSpace(tb.Text)] = true
			}
		}
	}
	for _, c := range cells {
		if !whole[c] {
			wrapped = append(wrapped, c)
		}
	}
	return wrapped
}

// TestTableGivesRoomToLongText: a table too wide to set unwrapped keeps its
// short cells (dates, counts) whole and gives the room to the column of
// long names rather than to a column with one long cell, so that fewer rows
// wrap than when every column but the widest keeps its natural width.
func TestTableGivesRoomToLongText(t *testing.T) {
	t.Parallel()
	products := []string{
		"Kaspersky Security Cloud Family", "Kaspersky Endpoint Security Cloud Plus",
		"Symantec Endpoint Protection Subscription", "Trend Micro Worry-Free Services Advanced",
		"Dr. Web Enterprise Security Suite", "Nod32 ESET Multi-Device Security",
	}
	dates := []string{"January 2019", "April-May 2019", "April-May 2019", "November 2019", "April-May 2019", "April-May 2019"}
	countries := []string{"Russia", "Russia", "United States", "United States, Japan, United Kingdom", "Russia", "Unknown"}
	var rows []Row
	for i := range products {
		rows = append(rows, Row{Cells: [][]Span{plain(dates[i]), plain(products[i]), plain("10 terminals"), plain(countries[i])}})
	}
	doc := Document{Paper: A4, Blocks: []Block{Table{
		Text:    Text{Style: Style{Size: 9}, Breaking: Latin},
		Columns: []Column{{Header: plain("Ordered")}, {Header: plain("Product")}, {Header: plain("Terminals"), Align: Right}, {Header: plain("Supplier country")}},
		Rows:    rows,
	}}}
	// Narrow the text so that the table cannot be set unwrapped.
	doc.Paper.Left, doc.Paper.Right = 110, 110
	pages, err := Lay(doc, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	if w := wrappedCells(pages, append(append([]string{}, dates...), "10 terminals", "Ordered", "Product", "Terminals")); len(w) > 0 {
		t.Errorf("short cells wrapped: %q\n%s", w, Dump(pages))
	}
	if w := wrappedCells(pages, products); len(w) > 3 {
		t.Errorf("%d of %d product names wrapped: %q\n%s", len(w), len(products), w, Dump(pages))
	}
}

// TestTableSlightlyTooWide: a table a few points wider than the text is set
// unwrapped with its cells' padding reduced.
func TestTableSlightlyTooWide(t *testing.T) {
	t.Parallel()
	cells := []string{"2019-04/05", "Kaspersky Endpoint Security for Business ADVANCED", "30 terminals"}
	tbl := Table{
		Text:    Text{Style: Style{Size: 9}, Breaking: Latin},
		Columns: []Column{{Header: plain("Ordered")}, {Header: plain("Product")}, {Header: plain("Terminals")}},
		Rows:    []Row{{Cells: [][]Span{plain(cells[0]), plain(cells[1]), plain(cells[2])}}},
	}
	// The text width: the cells' natural widths plus half their padding.
	r := flatten(plain(strings.Join(cells, "")), Style{Size: 9}, fakeMetrics{}, &missing{})
	natural := 0.0
	for _, w := range r.ws {
		natural += w
	}
	pad := 0.4 * 9
	doc := Document{Paper: A4, Blocks: []Block{tbl}}
	text := natural + 3*pad // 2·pad per column would fit it with full padding
	doc.Paper.Left = 57
	doc.Paper.Right = A4.Width - 57 - text
	pages, err := Lay(doc, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	if w := wrappedCells(pages, cells); len(w) > 0 {
		t.Errorf("cells wrapped: %q\n%s", w, Dump(pages))
	}
}

// TestFigureKeptWithNext: a figure that illustrates the list after it
// (KeepWithNext) goes to the next page with the list's first lines rather
// than end a page that the list starts after; without it, it stays.
func TestFigureKeptWithNext(t *testing.T) {
	t.Parallel()
	full := A4.Height - A4.Top - A4.Bottom
	box := func(h float64) func(float64) (float64, []Box) {
		return func(w float64) (float64, []Box) { return h, []Box{Rect{W: w, H: h}} }
	}
	for _, keep := range []bool{false, true} {
		doc := Document{Paper: A4, Blocks: []Block{
			Figure{Draw: box(full - 305)},
			Figure{Draw: box(300), KeepWithNext: keep, SpaceAfter: 4},
			List{Text: ja, Items: []ListItem{{Marker: "1.", Spans: plain("最初のリスク")}, {Marker: "2.", Spans: plain("次のリスク")}}},
		}}
		pages, err := Lay(doc, fakeMetrics{})
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) != 2 {
			t.Fatalf("keep=%v: %d pages:\n%s", keep, len(pages), Dump(pages))
		}
		figPage := -1
		listPage := -1
		for i, p := range pages {
			for _, b := range p.Boxes {
				if r, ok := b.(Rect); ok && r.H == 300 {
					figPage = i
				}
				if tb, ok := b.(TextBox); ok && tb.Text == "最初のリスク" {
					listPage = i
				}
			}
		}
		if keep && figPage != listPage {
			t.Errorf("figure kept with next on page %d, the list starts on page %d", figPage+1, listPage+1)
		}
		if !keep && figPage != 0 {
			t.Errorf("figure not kept with next moved to page %d", figPage+1)
		}
	}
}

// TestFilledSpan: a span with a Fill is drawn on a box of that colour,
// placed before its text (so under it), around it on every side, while
// the text stays where it would be without the fill.
func TestFilledSpan(t *testing.T) {
	t.Parallel()
	black := Color{}
	label := Span{Text: "TLP:AMBER", Style: Style{Face: Bold, Size: 9, Color: Color{0xFF, 0xC0, 0}}}
	kv := func(sp Span) Document {
		return Document{Paper: A4, Blocks: []Block{KeyValue{Text: en, Rows: []KeyValueRow{
			{Key: plain("Severity"), Value: plain("High")},
			{Key: plain("TLP"), Value: []Span{sp}},
		}}}}
	}
	plainPages, err := Lay(kv(label), fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	label.Fill = &black
	pages, err := Lay(kv(label), fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	var text, want TextBox
	rectAt := -1
	var rect Rect
	for i, b := range pages[0].Boxes {
		switch x := b.(type) {
		case Rect:
			rect, rectAt = x, i
		case TextBox:
			if x.Text == "TLP:AMBER" {
				text = x
				if rectAt < 0 {
					t.Error("the label's box is drawn after its text")
				}
			}
		}
	}
	for _, b := range plainPages[0].Boxes {
		if x, ok := b.(TextBox); ok && x.Text == "TLP:AMBER" {
			want = x
		}
	}
	if rectAt < 0 || rect.Fill == nil || *rect.Fill != black {
		t.Fatalf("no black box under the label:\n%s", Dump(pages))
	}
	if !reflect.DeepEqual(text, want) {
		t.Errorf("label text at %+v, without the fill at %+v", text, want)
	}
	w := 0.0
	for _, r := range text.Text {
		a, _ := fakeMetrics{}.Advance(Bold, r)
		w += float64(a) / 1000 * 9
	}
	if rect.X >= text.X || rect.X+rect.W <= text.X+w || rect.Y >= text.Y-0.7*9 || rect.Y+rect.H <= text.Y {
		t.Errorf("box %+v does not surround the text at %.2f,%.2f (%.2f wide)", rect, text.X, text.Y, w)
	}
}

// TestListItemParagraphs: the paragraphs of a list item ("\n\n") are set
// apart by a gap smaller than a line, and each keeps its last two lines
// together: no single line of a paragraph starts a page.
func TestListItemParagraphs(t *testing.T) {
	t.Parallel()
	para := strings.Repeat("word ", 60)
	item := ListItem{Marker: "•", Spans: plain(strings.TrimSpace(para) + "\n\n" + "Second paragraph.")}
	pages, err := Lay(Document{Paper: A4, Blocks: []Block{List{Text: en, Items: []ListItem{item}}}}, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	var ys []float64
	for _, b := range pages[0].Boxes {
		if tb, ok := b.(TextBox); ok && tb.Text != "•" && !tb.Break {
			ys = append(ys, tb.Y)
		}
	}
	if len(ys) < 3 {
		t.Fatalf("%d lines:\n%s", len(ys), Dump(pages))
	}
	line := ys[1] - ys[0]
	gap := ys[len(ys)-1] - ys[len(ys)-2] - line
	if gap < 0.3*10.5 || gap > 0.6*10.5 {
		t.Errorf("paragraphs %.2f apart beyond a line of %.2f, want about half the size", gap, line)
	}

	// Fill a page so that only two lines of the first paragraph fit
	// (it has more than two: a widow would be left on the next page).
	first := len(ys) - 1
	if first < 3 {
		t.Fatalf("the first paragraph has %d lines, want at least 3", first)
	}
	full := A4.Height - A4.Top - A4.Bottom
	filler := Figure{Draw: func(w float64) (float64, []Box) { return full - float64(first-1)*line - 2, nil }}
	pages, err = Lay(Document{Paper: A4, Blocks: []Block{filler, List{Text: en, Items: []ListItem{item}}}}, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pages {
		var texts []string
		for _, b := range p.Boxes {
			if tb, ok := b.(TextBox); ok && tb.Text != "•" && tb.Text != "Second paragraph." {
				texts = append(texts, tb.Text)
			}
		}
		if len(texts) == 1 {
			t.Errorf("page %d holds a single line of the first paragraph: %q\n%s", i+1, texts[0], Dump(pages))
		}
	}
}

// TestCutURLLineNotSpread: a Japanese line that ends inside a URL cut to
// fit is not justified, so the few characters before the URL are not
// spread apart.
func TestCutURLLineNotSpread(t *testing.T) {
	t.Parallel()
	url := "https://www.example.gov/advisories/2024/02/very-long-advisory-path-name-that-does-not-fit-on-one-line?ref=briefing&utm_source=pdf"
	doc := Document{Paper: A4, Blocks: []Block{Paragraph{Text: ja, Spans: plain("詳細は " + url + " を参照。")}}}
	pages, err := Lay(doc, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	var first []TextBox
	y := -1.0
	for _, b := range pages[0].Boxes {
		if tb, ok := b.(TextBox); ok {
			if y < 0 {
				y = tb.Y
			}
			if tb.Y == y {
				first = append(first, tb)
			}
		}
	}
	if len(first) == 0 || !strings.HasPrefix(first[0].Text, "詳細は") {
		t.Fatalf("first line %+v", first)
	}
	for _, tb := range first {
		if tb.Spacing > 0.5 {
			t.Errorf("%q set with %.2fpt between characters:\n%s", tb.Text, tb.Spacing, Dump(pages))
		}
	}
}

// TestParagraphKeptWithNext: a paragraph marked KeepWithNext (the line
// naming the kill chain's phases) goes to the next page with the figure
// that follows it rather than end a page without it.
func TestParagraphKeptWithNext(t *testing.T) {
	t.Parallel()
	full := A4.Height - A4.Top - A4.Bottom
	for _, keep := range []bool{false, true} {
		doc := Document{Paper: A4, Blocks: []Block{
			Figure{Draw: func(w float64) (float64, []Box) { return full - 40, nil }},
			Paragraph{Text: ja, Spans: plain("偵察、配送、攻撃"), KeepWithNext: keep},
			Figure{Draw: func(w float64) (float64, []Box) { return 60, []Box{Rect{W: w, H: 60}} }},
		}}
		pages, err := Lay(doc, fakeMetrics{})
		if err != nil {
			t.Fatal(err)
		}
		textPage := -1
		for i, p := range pages {
			for _, b := range p.Boxes {
				if tb, ok := b.(TextBox); ok && tb.Text == "偵察、配送、攻撃" {
					textPage = i
				}
			}
		}
		if want := map[bool]int{false: 0, true: 1}[keep]; textPage != want || len(pages) != 2 {
			t.Errorf("keep=%v: the paragraph on page %d of %d, want page %d", keep, textPage+1, len(pages), want+1)
		}
	}
}

// TestTableKeepsDatesWhole: beside a column of long titles, a date is not
// wrapped (29 February / 2024) even where its row is tall anyway: the
// titles give up the room.
func TestTableKeepsDatesWhole(t *testing.T) {
	t.Parallel()
	dates := []string{"6 May 2021", "6 July 2021", "29 February 2024"}
	titles := []string{
		"PLA unit moves to buy Western antivirus software (May 2021)",
		"Ransomware supply-chain attack through Kaseya VSA (July 2021)",
		"A state-sponsored actor's takeover of home and small-office routers across the region, and the long-dwell intrusion campaign against critical-infrastructure operators that it hid behind (interim report, February 2024)",
	}
	var rows []Row
	for i := range dates {
		rows = append(rows, Row{Cells: [][]Span{plain(strings.Repeat("1", i+1)), plain(dates[i]), plain(titles[i]), plain("Critical"), plain("TLP:AMBER+STRICT"), plain("12")}})
	}
	doc := Document{Paper: A4, Blocks: []Block{Table{
		Text: Text{Style: Style{Size: 9}, Breaking: Latin},
		Columns: []Column{{Header: plain("#")}, {Header: plain("As of")}, {Header: plain("Title")},
			{Header: plain("Severity")}, {Header: plain("TLP")}, {Header: plain("Page"), Align: Right}},
		Rows: rows,
	}}}
	pages, err := Lay(doc, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	if w := wrappedCells(pages, append(dates, "Severity", "TLP:AMBER+STRICT", "Critical")); len(w) > 0 {
		t.Errorf("short cells wrapped: %q\n%s", w, Dump(pages))
	}
}

// TestTableKeptWithNext: the line under a table marked KeepWithNext (its
// source) never starts a page alone: the last rows go with it.
func TestTableKeptWithNext(t *testing.T) {
	t.Parallel()
	full := A4.Height - A4.Top - A4.Bottom
	for _, keep := range []bool{false, true} {
		var rows []Row
		for i := range 5 {
			rows = append(rows, Row{Cells: [][]Span{plain(fmt.Sprintf("row %d", i+1))}})
		}
		tbl := Table{Text: en, Columns: []Column{{Header: plain("Head")}}, Rows: rows, KeepWithNext: keep}
		// Leave room for the table but not for the line under it.
		probe, err := Lay(Document{Paper: A4, Blocks: []Block{tbl}}, fakeMetrics{})
		if err != nil {
			t.Fatal(err)
		}
		bottom := 0.0
		for _, b := range probe[0].Boxes {
			if l, ok := b.(Line); ok {
				bottom = max(bottom, l.Y1)
			}
		}
		filler := Figure{Draw: func(w float64) (float64, []Box) { return full - (bottom - A4.Top) - 2, nil }}
		pages, err := Lay(Document{Paper: A4, Blocks: []Block{filler, tbl, Paragraph{Text: en, Spans: plain("Source: [1]")}}}, fakeMetrics{})
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) != 2 {
			t.Fatalf("keep=%v: %d pages:\n%s", keep, len(pages), Dump(pages))
		}
		var second []string
		for _, b := range pages[1].Boxes {
			if tb, ok := b.(TextBox); ok {
				second = append(second, tb.Text)
			}
		}
		alone := len(second) == 1 && second[0] == "Source: [1]"
		if keep && alone {
			t.Errorf("the source line starts page 2 alone: %q", second)
		}
		if !keep && !alone {
			t.Errorf("without KeepWithNext, page 2 holds %q, want the source line alone", second)
		}
	}
}

// TestFigureLabelsSpaced: each label of a Figure (Alt set) is followed by
// a space box that draws nothing, at the label's end, so that a reader
// joining the Figure's text reads separate words; a figure set as a
// heading (Role) and a decorative one (no Alt) get none.
func TestFigureLabelsSpaced(t *testing.T) {
	t.Parallel()
	labels := func(w float64) (float64, []Box) {
		return 40, []Box{
			Rect{W: w, H: 40},
			TextBox{X: 10, Y: 20, Text: "Installation", Style: Style{Size: 10}},
			TextBox{X: 100, Y: 20, Text: "遠隔操作", Style: Style{Size: 10}},
		}
	}
	for _, c := range []struct {
		fig    Figure
		spaces int
	}{
		{Figure{Draw: labels, Alt: "The kill chain"}, 2},
		{Figure{Draw: labels, Alt: "A title band", Role: "H1"}, 0},
		{Figure{Draw: labels}, 0},
	} {
		pages, err := Lay(Document{Paper: A4, Blocks: []Block{c.fig}}, fakeMetrics{})
		if err != nil {
			t.Fatal(err)
		}
		var seq []string
		spaces := 0
		for i, b := range pages[0].Boxes {
			tb, ok := b.(TextBox)
			if !ok {
				continue
			}
			seq = append(seq, tb.Text)
			if tb.Text != " " {
				continue
			}
			spaces++
			prev := pages[0].Boxes[i-1].(TextBox)
			if !tb.Break || tb.Y != prev.Y || tb.X <= prev.X || tb.Style != prev.Style {
				t.Errorf("%+v: space box %+v after %+v", c.fig.Role, tb, prev)
			}
		}
		if spaces != c.spaces {
			t.Errorf("alt %q role %q: boxes %q, want %d space boxes", c.fig.Alt, c.fig.Role, seq, c.spaces)
		}
	}
}
