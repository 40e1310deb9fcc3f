package layout

import "slices"

// Page is one laid-out page: its boxes in drawing order, in points with the
// origin at the top-left corner of the page and y growing downwards.
// Elems, when not nil, holds the structure element each box draws, one
// per box (see [Elem]): nil for an artifact. A page without Elems
// carries no structure; render refuses a page whose Elems and Boxes differ
// in length.
type Page struct {
	Paper Paper
	Boxes []Box
	Elems []*Elem
}

// Box is something drawn on a page: [TextBox], [Rect], [Line], [Polygon],
// [Image], [Link], [Anchor] or [Bookmark]. A text box is a TextBox or a
// *TextBox (as a page [Stream] hands out holds them).
type Box interface{ isBox() }

// TextBox is one line (or part of a line) of text in one style. Y is the
// baseline. Spacing is extra space after every character, in points, used
// to justify Japanese lines (PDF character spacing, Tc). Gaps, when not
// nil, replaces it: the space after each character (rune) of Text, in
// points (the last is not used), for a line whose gaps differ (the
// space between Japanese and Latin text, stretched word spaces; JLReq
// 3.2.6 and 3.8). A variation sequence (see [Variants]) is one
// character drawn as one glyph: its base's room is 0 and its selector's
// is the room after the sequence.
//
// Replaced marks a box whose text a reader copies as Actual instead of
// Text (PDF /ActualText, ISO 32000-1 section 14.9.4): the lines of a
// whole run (see [Span]) that wraps, the first line's box holding the
// whole run and the others "", so that a copy gives the run without the
// line breaks; and a line whose gaps a reader would take for spaces, the
// first box of each structure element's run of boxes holding the run's
// text as written (ActualBoxes, the boxes of the run, this one included:
// one /ActualText span covers them all) and the others "".
//
// Break marks the space box (Text " ") at the end of a line that breaks
// at a space or a forced line break, or that follows a label drawn in a
// [Figure]: it draws nothing and is there so that a reader joining the
// lines or labels of a structure element keeps the word boundary
// (PDF/UA-1, ISO 14289-1, 7.2: text in logical reading order). Text
// extraction by position ignores it.
type TextBox struct {
	X, Y        float64
	Text        string
	Style       Style
	Spacing     float64
	Gaps        []float64
	Actual      string
	Replaced    bool
	ActualBoxes int
	Break       bool
}

// Rect is a rectangle; Fill and Stroke are nil for none.
type Rect struct {
	X, Y, W, H float64
	Fill       *Color
	Stroke     *Color
	LineWidth  float64
}

// Line is a straight line.
type Line struct {
	X1, Y1, X2, Y2 float64
	Color          Color
	Width          float64
}

// Point is a point on a page.
type Point struct{ X, Y float64 }

// Polygon is a closed polygon; Fill and Stroke are nil for none.
type Polygon struct {
	Points    []Point
	Fill      *Color
	Stroke    *Color
	LineWidth float64
}

// Image is a picture (a PNG or JPEG file, Type "png" or "jpeg") drawn
// into the rectangle X, Y, W, H, stretched to fill it: the caller keeps
// its aspect ratio.
type Image struct {
	X, Y, W, H float64
	Data       []byte
	Type       string
	// Alt is the picture's alternate text, for readers who cannot see
	// it; "" for a decorative picture (a logo).
	Alt string
	// Orientation is how Data's pixels are turned to be seen upright
	// in the rectangle, as an EXIF orientation (1–8, see
	// raster.Orientation); 0 and 1 draw them as stored.
	Orientation int
}

// Attachment is a file embedded in the PDF (ISO 32000-1 section 7.11.4, an
// embedded file stream with its file specification), listed in the
// document's /EmbeddedFiles name tree and its associated files (/AF, ISO
// 32000-2 section 14.13), so that PDF readers show it as an attachment (package render writes it):
// `qpdf --list-attachments` lists it and `qpdf --show-attachment=NAME`
// gives its bytes back.
type Attachment struct {
	Name        string // file name, e.g. "indicators.csv"; unique in a document
	Description string // shown by readers beside the name
	MIME        string // media type, e.g. "text/csv"
	Data        []byte
	// Relationship is the file's relationship to the document: Data,
	// Source, Alternative, Supplement or Unspecified (ISO 32000-2,
	// table 43); "" means Data.
	Relationship string
}

// Link is a clickable area: to a web page (URL) or to an [Anchor] of the
// document (Dest).
type Link struct {
	X, Y, W, H float64
	URL        string
	Dest       string
}

// Anchor is a named destination that a [Link] with Dest can point to.
type Anchor struct {
	Name string
	Y    float64
}

// Bookmark is an entry of the PDF outline, at height Y of its page.
type Bookmark struct {
	Title string
	Level int // 0 for top-level entries
	Y     float64
}

func (TextBox) isBox()  {}
func (Rect) isBox()     {}
func (Line) isBox()     {}
func (Polygon) isBox()  {}
func (Image) isBox()    {}
func (Link) isBox()     {}
func (Anchor) isBox()   {}
func (Bookmark) isBox() {}

// Clone returns a copy of p that holds boxes of its own, its text boxes
// as TextBox values: a page [Stream] hands out is good only until its
// emit returns.
func (p Page) Clone() Page {
	q := Page{Paper: p.Paper, Boxes: make([]Box, len(p.Boxes))}
	for i, b := range p.Boxes {
		if t, ok := b.(*TextBox); ok {
			b = *t
		}
		q.Boxes[i] = b
	}
	if p.Elems != nil {
		q.Elems = slices.Clone(p.Elems)
	}
	return q
}
