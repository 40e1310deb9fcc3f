package layout

import (
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
