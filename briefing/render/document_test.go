package render

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"briefing/briefing/compose"
	"briefing/briefing/layout"
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
