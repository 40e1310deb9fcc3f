package render

import (
	"errors"
	"fmt"
	"io"

	"briefing/briefing/layout"
)

// Document is a PDF drawn page by page, for documents too large to hold
// laid out whole (a table of 50,000 rows, a digest of 2,000 briefings):
// pages are given to [Document.Page] as the layout finishes them
// ([layout.Stream]), and [Document.Close] adds each page's furniture,
// which needs the number of pages, and writes the PDF to w.
//
// The PDF is the one [Write] makes of the same pages with their
// furniture, byte for byte:
//
//	d := render.NewDocument(w, info, fonts, opt)
//	total, err := layout.Stream(doc, m, d.Page)
//	…
//	err = d.Close(func(n, total int) ([]layout.Box, error) { return layout.Furnish(doc, m, n, total) })
//
// A Document is used by one goroutine. After an error of Page or Close the
// bytes written to w are no PDF.
type Document struct {
	w     io.Writer
	info  Info
	fonts Fonts
	opt   Options
	whole bool
	pages []layout.Page
	err   error
	done  bool
}

// NewDocument starts a PDF drawn page by page into w, as [Write] with
// info, fonts and opt would draw it.
func NewDocument(w io.Writer, info Info, fonts Fonts, opt Options) *Document {
	return &Document{w: w, info: info, fonts: fonts, opt: opt}
}

// Page adds the next page, without its furniture. It returns the first
// error of the document: a page whose Elems and Boxes differ in length, a
// character no font can draw.
func (d *Document) Page(p layout.Page) error {
	if d.err != nil {
		return d.err
	}
	if d.done {
		return errors.New("render: page after Close")
	}
	if p.Elems != nil && len(p.Elems) != len(p.Boxes) {
		d.err = fmt.Errorf("render: page %d: %d structure elements for %d boxes", len(d.pages)+1, len(p.Elems), len(p.Boxes))
		return d.err
	}
	d.pages = append(d.pages, p)
	return nil
}

// Close adds to page n of total the boxes furniture returns for it (after
// the page's own, as artifacts; furniture may be nil) and writes the PDF.
// An error of furniture is returned as it is; the others as [Write]'s.
func (d *Document) Close(furniture func(n, total int) ([]layout.Box, error)) error {
	if d.err != nil {
		return d.err
	}
	if d.done {
		return errors.New("render: Close called twice")
	}
	d.done = true
	if furniture != nil {
		total := len(d.pages)
		for i := range d.pages {
			f, err := furniture(i+1, total)
			if err != nil {
				d.err = err
				return err
			}
			p := &d.pages[i]
			p.Boxes = append(p.Boxes, f...)
			if p.Elems != nil {
				p.Elems = append(p.Elems, make([]*layout.Elem, len(f))...)
			}
		}
	}
	d.err = draw(d.w, d.pages, d.info, d.fonts, d.opt, d.whole)
	d.pages = nil
	return d.err
}
