package layout

import (
	"errors"
	"strings"
	"testing"
)

// TestStreamHandsOutPagesEarly lays out a document of many pages whose
// last block is a figure: when the figure is drawn, every page before it
// has been handed out already, and none is held back to the end.
func TestStreamHandsOutPagesEarly(t *testing.T) {
	t.Parallel()
	var blocks []Block
	for range 400 {
		blocks = append(blocks, Paragraph{Text: ja, Spans: plain(strings.Repeat("段落の本文がここに続く。", 8)), SpaceAfter: 6})
	}
	emitted, atFigure := 0, -1
	blocks = append(blocks, Figure{Draw: func(w float64) (float64, []Box) {
		atFigure = emitted
		return 20, []Box{Rect{W: w, H: 20}}
	}})
	total, err := Stream(Document{Paper: A4, Furniture: furniture, Blocks: blocks}, fakeMetrics{}, func(p Page) error {
		emitted++
		for _, b := range p.Boxes {
			if tb, ok := b.(TextBox); ok && strings.Contains(tb.Text, " / ") {
				t.Errorf("page %d carries furniture %q before the number of pages is known", emitted, tb.Text)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if total < 20 || total != emitted {
		t.Fatalf("%d pages, %d emitted", total, emitted)
	}
	if atFigure < total-2 {
		t.Errorf("the last block was laid out after %d of %d pages were handed out; want all but the last one or two", atFigure, total)
	}
}

// TestStreamLikeLay: the pages Stream hands out, with the furniture
// Furnish gives, are those Lay returns.
func TestStreamLikeLay(t *testing.T) {
	t.Parallel()
	doc := sampleDoc(t)
	pages, err := Lay(doc, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	var got []Page
	total, err := Stream(doc, fakeMetrics{}, func(p Page) error {
		got = append(got, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		f, err := Furnish(doc, fakeMetrics{}, i+1, total)
		if err != nil {
			t.Fatal(err)
		}
		got[i].Boxes = append(got[i].Boxes, f...)
	}
	if a, b := Dump(got), Dump(pages); a != b {
		t.Errorf("Stream and Furnish:\n%s\nLay:\n%s", a, b)
	}
}

// TestStreamStopsAtEmitError: an error of emit stops the layout at once
// and comes back as it is.
func TestStreamStopsAtEmitError(t *testing.T) {
	t.Parallel()
	var blocks []Block
	for range 200 {
		blocks = append(blocks, Paragraph{Text: ja, Spans: plain(strings.Repeat("本文。", 30))})
	}
	stop := errors.New("disk full")
	calls := 0
	_, err := Stream(Document{Paper: A4, Blocks: blocks}, fakeMetrics{}, func(Page) error {
		calls++
		return stop
	})
	if err != stop || calls != 1 {
		t.Errorf("got %v after %d calls, want the emit error after 1", err, calls)
	}
}

// TestFurnishChecksGlyphs: furniture with a character the face lacks is
// a *GlyphError, as in Lay.
func TestFurnishChecksGlyphs(t *testing.T) {
	t.Parallel()
	doc := Document{Furniture: func(n, total int) []Box {
		return []Box{TextBox{Text: "page \U0001F600", Style: Style{Size: 8}}}
	}}
	_, err := Furnish(doc, fakeMetrics{}, 1, 1)
	var ge *GlyphError
	if !errors.As(err, &ge) {
		t.Errorf("Furnish: %v, want a *GlyphError", err)
	}
}

// TestStreamDropsTableRows: with Document.Drop, a long table's rows are
// cleared as they are set (the composed rows are let go while the table
// is drawn), and the pages are those of the same document laid out
// without it; without Drop the rows are left as they were.
func TestStreamDropsTableRows(t *testing.T) {
	t.Parallel()
	mk := func() Document {
		tbl := Table{Text: ja, Columns: []Column{{Header: plain("品目")}, {Header: plain("数"), Align: Right}}}
		for i := range 3 * keepRows {
			tbl.Rows = append(tbl.Rows, Row{Cells: [][]Span{plain(strings.Repeat("製品", i%7+1)), plain(strings.Repeat("9", i%5+1))}})
		}
		tbl.Rows = append(tbl.Rows, Row{Cells: [][]Span{plain("合計"), plain("123")}, Emphasis: true})
		return Document{Paper: A4, Furniture: furniture, Blocks: []Block{
			Paragraph{Text: ja, Spans: plain("前の段落。")}, tbl, Paragraph{Text: ja, Spans: plain("後の段落。")}}}
	}
	lay := func(doc Document) (string, []Row) {
		var pages []Page
		total, err := Stream(doc, fakeMetrics{}, func(p Page) error {
			pages = append(pages, p)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if total < 10 {
			t.Fatalf("%d pages: the table is not long", total)
		}
		return Dump(pages), doc.Blocks[1].(Table).Rows
	}
	kept, rows := lay(mk())
	for i, r := range rows {
		if len(r.Cells) == 0 {
			t.Fatalf("without Drop, row %d was cleared", i+1)
		}
	}
	doc := mk()
	doc.Drop = true
	dropped, rows := lay(doc)
	if dropped != kept {
		t.Errorf("with Drop the pages differ:\n%s\nwithout:\n%s", dropped, kept)
	}
	if len(rows) != 3*keepRows+1 {
		t.Fatalf("%d rows after Stream, want %d", len(rows), 3*keepRows+1)
	}
	for i, r := range rows {
		if len(r.Cells) != 0 {
			t.Errorf("with Drop, row %d of %d is still held after it was set", i+1, len(rows))
			break
		}
	}
}
