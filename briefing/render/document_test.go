package render

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"briefing/briefing/compose"
	"briefing/briefing/layout"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// TestDocumentLikeWrite draws the samples and the stress incident page by
// page (layout.Stream into a Document, the furniture added at Close) and
// wants the very bytes Write makes of the pages Lay returns, in every
// kind of PDF.
func TestDocumentLikeWrite(t *testing.T) {
	t.Parallel()
	th := fixture.Theme(t)
	files := []string{fixture.Seed, "../../samples/kaseya-vsa-2021.toml", "../../samples/ransomware-example.toml",
		"../build/testdata/stress.toml"}
	for _, file := range files {
		inc := fixture.Incident(t, file)
		for _, lang := range []string{"ja", "en"} {
			doc, ds := compose.Briefing(inc, lang, compose.FromTheme(th))
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			info := Info(compose.Meta(inc, lang))
			info.Files = compose.Attachments(inc, lang, th)
			pages, err := layout.Lay(doc, th)
			if err != nil {
				t.Fatal(err)
			}
			for _, opt := range []Options{{}, {Profile: Plain}, {Untagged: true}, {Encrypted: true}} {
				var want, got bytes.Buffer
				if err := Write(&want, pages, info, th, opt); err != nil {
					t.Fatal(err)
				}
				d := NewDocument(&got, info, th, opt)
				n, err := layout.Stream(doc, th, d.Page)
				if err != nil {
					t.Fatal(err)
				}
				if n != len(pages) {
					t.Errorf("%s %s: Stream gave %d pages, Lay %d", file, lang, n, len(pages))
				}
				if err := d.Close(func(n, total int) ([]layout.Box, error) { return layout.Furnish(doc, th, n, total) }); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Errorf("%s %s %+v: page by page %d bytes, Write %d bytes, not the same", file, lang, opt, got.Len(), want.Len())
				}
			}
		}
	}
}

// TestDocumentErrors: a page whose structure does not match its boxes,
// an error of the furniture, pages after Close and a second Close.
func TestDocumentErrors(t *testing.T) {
	t.Parallel()
	th := fixture.Theme(t)
	text := layout.TextBox{X: 50, Y: 80, Text: "本文", Style: layout.Style{Size: 10}}
	page := layout.Page{Paper: layout.A4, Boxes: []layout.Box{text}}

	var buf bytes.Buffer
	d := NewDocument(&buf, Info{}, th, Options{})
	bad := layout.Page{Paper: layout.A4, Boxes: []layout.Box{text}, Elems: []*layout.Elem{nil, nil}}
	if err := d.Page(bad); err == nil || !strings.Contains(err.Error(), "page 1: 2 structure elements for 1 boxes") {
		t.Errorf("mismatched Elems: %v", err)
	}
	if err := d.Page(page); err == nil {
		t.Error("a page after an error was taken")
	}
	if err := d.Close(nil); err == nil || buf.Len() != 0 {
		t.Errorf("Close after an error: %v, %d bytes written", err, buf.Len())
	}

	d = NewDocument(&buf, Info{}, th, Options{})
	if err := d.Page(page); err != nil {
		t.Fatal(err)
	}
	mine := errors.New("no furniture")
	if err := d.Close(func(n, total int) ([]layout.Box, error) { return nil, mine }); err != mine {
		t.Errorf("Close returned %v, not the furniture's error", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written after the furniture failed", buf.Len())
	}

	d = NewDocument(&buf, Info{}, th, Options{})
	if err := d.Page(page); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.HasSuffix(buf.Bytes(), []byte("%%EOF\n")) {
		t.Errorf("not a PDF: %.20q…", buf.String())
	}
	if err := d.Page(page); err == nil {
		t.Error("a page after Close was taken")
	}
	if err := d.Close(nil); err == nil {
		t.Error("a second Close was taken")
	}
}

// TestMarksLetPagesGo: a page that draws a combining mark or a variation
// selector is drawn when it is given, like any other, and lets its boxes
// go: a long document with か゚ on its first page no longer holds every
// page after it whole until Close. The heap held after 240 pages of
// fresh justified text stays far under what their boxes take (11 MB),
// as for a document without marks, and the PDF reads back with the
// marks on the first page and the last page's text.
func TestMarksLetPagesGo(t *testing.T) {
	th := fixture.Theme(t)
	const pages, lines, chars = 240, 60, 80
	page := func(n int, first string) layout.Page {
		p := layout.Page{Paper: layout.A4}
		for i := range lines {
			text := strings.Repeat(string(rune('a'+(n+i)%26)), chars-1) + strconv.Itoa(n%10)
			if n == 0 && i == 0 {
				text = first + text
			}
			gaps := make([]float64, utf8.RuneCountInString(text))
			for k := range gaps {
				gaps[k] = 0.01 * float64(k%3)
			}
			p.Boxes = append(p.Boxes, layout.TextBox{X: 40, Y: 40 + 12*float64(i), Text: text, Gaps: gaps, Style: layout.Style{Size: 6}})
		}
		return p
	}
	// held is the heap a document of the pages holds before Close, with
	// the PDF written to a file (so that it is not counted) and sync.Pool
	// contents let go by two collections at each end (so that a pooled
	// compressor is not counted either).
	held := func(first string) (int64, []byte) {
		f, err := os.Create(filepath.Join(t.TempDir(), "held.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		d := NewDocument(f, Info{}, th, Options{Untagged: true})
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&m0)
		for n := range pages {
			if err := d.Page(page(n, first)); err != nil {
				t.Fatal(err)
			}
		}
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&m1)
		if err := d.Close(nil); err != nil {
			t.Fatal(err)
		}
		pdf, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		return int64(m1.HeapAlloc) - int64(m0.HeapAlloc), pdf
	}
	held("") // fonts parsed, buffers made
	plain, _ := held("")
	for _, first := range []string{"か゚", "葛\U000E0100", "e\u0301"} {
		n, pdf := held(first)
		t.Logf("%q on page 1: %.1f MB held before Close (%.1f MB without)", first, float64(n)/1e6, float64(plain)/1e6)
		if n > 2*plain+1<<20 || n > 6<<20 {
			t.Errorf("%q on page 1: %.1f MB held before Close, %.1f MB without: the pages after it are held", first, float64(n)/1e6, float64(plain)/1e6)
		}
		path := filepath.Join(t.TempDir(), "marks.pdf")
		if err := os.WriteFile(path, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := testkit.Run(t, "pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", path, "-"); !strings.Contains(got, first+"a") {
			t.Errorf("%q on page 1: page 1 reads %.40q", first, got)
		}
		last := strings.Repeat(string(rune('a'+(pages-1+lines-1)%26)), chars-1) + strconv.Itoa((pages-1)%10)
		if got := testkit.Run(t, "pdftotext", "-enc", "UTF-8", "-f", strconv.Itoa(pages), "-l", strconv.Itoa(pages), path, "-"); !strings.Contains(got, last) {
			t.Errorf("%q on page 1: the last page lacks %q", first, last)
		}
	}
}

// TestMarksKeepNumbering draws a tagged document with links, front pages
// given last and furniture, with a text with marks on one page, page by
// page (the text kept as a placeholder until Close) and with every page
// from the marked one kept whole until Close (as such pages were drawn
// before placeholders held marks), and wants the same bytes: structure
// elements, link annotations and their parent tree keys numbered as
// then.
func TestMarksKeepNumbering(t *testing.T) {
	t.Parallel()
	th := fixture.Theme(t)
	draw := func(mark int, marks string, hold bool) []byte {
		root := &layout.Elem{Role: "Document"}
		sect := &layout.Elem{Role: "Sect", Parent: root} // over every body page
		page := func(n int, front bool) layout.Page {
			text := "調達の候補 Endpoint Security " + strconv.Itoa(n)
			if n == mark && !front {
				text = marks + text
			}
			parent := sect
			if front {
				parent = root
			}
			p := &layout.Elem{Role: "P", Parent: parent, Lang: "ja"}
			link := &layout.Elem{Role: "Link", Parent: p}
			pg := layout.Page{Paper: layout.A4}
			for i := range 3 {
				pg.Boxes = append(pg.Boxes, layout.TextBox{X: 57, Y: 60 + 14*float64(i), Text: text, Style: layout.Style{Size: 9}})
				pg.Elems = append(pg.Elems, p)
			}
			pg.Boxes = append(pg.Boxes, layout.Anchor{Name: "p" + strconv.Itoa(n) + strconv.FormatBool(front), Y: 60},
				layout.Link{X: 57, Y: 120, W: 40, H: 9, Dest: "p0false"},
				layout.Link{X: 57, Y: 140, W: 40, H: 9, URL: "https://example.com/" + strconv.Itoa(n%2)},
				layout.TextBox{X: 57, Y: 140, Text: "link " + strconv.Itoa(n), Style: layout.Style{Size: 9}})
			pg.Elems = append(pg.Elems, nil, link, link, link)
			return pg
		}
		var w bytes.Buffer
		d := NewDocument(&w, Info{Title: "印", Lang: "ja"}, th, Options{})
		for n := range 5 {
			if hold && n == mark {
				d.hold = true // every page from here on drawn at Close
			}
			if err := d.Page(page(n, false)); err != nil {
				t.Fatal(err)
			}
		}
		for n := range 2 {
			if err := d.Front(page(n, true)); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.Close(func(n, total int) ([]layout.Box, error) {
			return []layout.Box{layout.TextBox{X: 280, Y: 805, Text: strconv.Itoa(n) + " / " + strconv.Itoa(total), Style: layout.Style{Size: 8}}}, nil
		}); err != nil {
			t.Fatal(err)
		}
		return w.Bytes()
	}
	// A selector after a character that is not drawn draws nothing, but
	// its page was kept whole all the same.
	for _, marks := range []string{"か゚と葛\U000E0100 e\u0301 ", "\u200b\ufe00"} {
		for _, mark := range []int{0, 2, 4, -1} {
			got, want := draw(mark, marks, false), draw(mark, marks, true)
			if !bytes.Equal(got, want) {
				t.Errorf("%+q on page %d: %d bytes drawn page by page, %d with the pages kept whole from it: not the same", marks, mark+1, len(got), len(want))
			}
		}
	}
	for _, mark := range []int{0, 2, 4} {
		got := draw(mark, "か゚と葛\U000E0100 e\u0301 ", false)
		path := filepath.Join(t.TempDir(), "marks.pdf")
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		p := strconv.Itoa(mark + 3) // after the 2 front pages
		if s := testkit.Run(t, "pdftotext", "-enc", "UTF-8", "-f", p, "-l", p, path, "-"); !strings.Contains(s, "か゚と葛\U000E0100 e\u0301 調達") {
			t.Errorf("a mark on page %d: the page reads %.60q", mark+1, s)
		}
	}
}
