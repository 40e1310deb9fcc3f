package layout

import "strconv"

// Elem is an element of the document's logical structure (ISO 32000-1,
// 14.7.2, and the tagged PDF of 14.8): what a screen reader announces, in
// reading order. Lay makes the elements of the blocks it lays out and
// marks the boxes that draw each with a [Tag]; package render writes them
// as the PDF's structure tree. Role is a standard structure type of
// ISO 32000-1 14.8.4: Sect, H1…H6, P, L, LI, Lbl, LBody, Table, TR, TH,
// TD, Figure, Link, Reference, Code, Span or BlockQuote.
//
// The children of an element are the elements whose Parent it is, in the
// order their first Tag is drawn; a nil Parent makes the element a child
// of the document's root (Document).
type Elem struct {
	Role   string
	Parent *Elem
	// Alt is the alternate description of a Figure (PDF/UA-1, 7.3): what
	// a reader who cannot see it is told.
	Alt string
	// Lang is the natural language of the element's text (BCP 47, "en"),
	// set when it differs from the text around it (ISO 32000-1, 14.9.2).
	Lang string
	// Scope is the cells a TH heads: "Column" or "Row" (ISO 32000-1,
	// table 349; PDF/UA-1, 7.5).
	Scope string
}

// Tag starts the content of an element while a page is laid out (Lay
// moves Tags into [Page].Elems): the boxes after it on its page,
// up to the next Tag, draw Elem. A nil Elem marks them as an artifact
// (ISO 32000-1, 14.8.2.2: page furniture, a table header repeated on a
// continuation page), as is everything on a page before its first Tag.
// Shapes ([Rect], [Line], [Polygon]) draw an element only inside a Figure;
// elsewhere they are artifacts (rules, fills, a label's box). A [Link] box
// after a Tag is an annotation of the element's nearest Link.
type Tag struct{ Elem *Elem }

func (Tag) isBox() {}

// headingRole returns the structure type of a heading of level n: H1 for
// levels 0 and 1 (a title, a section), H2 for 2 and so on up to H6.
func headingRole(n int) string {
	return "H" + strconv.Itoa(min(max(n, 1), 6))
}

// elem makes an element of role in the current container.
func (l *layouter) elem(role, lang string) *Elem {
	return &Elem{Role: role, Parent: l.parent, Lang: lang}
}

// section opens the Sect of a heading of level (1 and deeper) at the top
// of the document, closing the sections of its level and deeper: each
// heading's Sect holds it and what follows it up to the next heading of
// its level or higher, as the outline does.
func (l *layouter) section(level int) {
	if l.nested > 0 || level < 1 {
		return
	}
	for len(l.sects) > 0 && l.sects[len(l.sects)-1].level >= level {
		l.sects = l.sects[:len(l.sects)-1]
	}
	var p *Elem
	if len(l.sects) > 0 {
		p = l.sects[len(l.sects)-1].e
	}
	s := &Elem{Role: "Sect", Parent: p}
	l.sects = append(l.sects, openSect{level, s})
	l.parent = s
}

// openSect is a section open at a heading level.
type openSect struct {
	level int
	e     *Elem
}

// inlines returns the element of each span within parent: a Link for a
// span with URL or Dest, inside a Reference when it cites one, a Code for
// code, a Span for text in another language (Lang); nil for text of
// parent itself. It returns nil when no span needs an element.
func inlines(spans []Span, parent *Elem) []*Elem {
	var out []*Elem
	for i, sp := range spans {
		var outer, e *Elem
		add := func(role string) {
			p := parent
			if e != nil {
				p = e
			}
			e = &Elem{Role: role, Parent: p}
			if outer == nil {
				outer = e
			}
		}
		if sp.Cite {
			add("Reference")
		}
		if sp.URL != "" || sp.Dest != "" {
			add("Link")
		}
		if sp.Code {
			add("Code")
		}
		if sp.Lang != "" && sp.Lang != langOf(parent) {
			if outer == nil {
				add("Span")
			}
			outer.Lang = sp.Lang
		}
		if e != nil {
			if out == nil {
				out = make([]*Elem, len(spans))
			}
			out[i] = e
		}
	}
	return out
}

// langOf returns the language of e's text as far as the structure says:
// the nearest Lang up its parents, "" for the document's.
func langOf(e *Elem) string {
	for ; e != nil; e = e.Parent {
		if e.Lang != "" {
			return e.Lang
		}
	}
	return ""
}

// untag returns boxes without their Tags, after a Tag that makes them an
// artifact: a table header drawn again on a continuation page.
func untag(boxes []Box) []Box {
	out := make([]Box, 0, len(boxes)+1)
	out = append(out, Tag{})
	for _, b := range boxes {
		if _, ok := b.(Tag); !ok {
			out = append(out, b)
		}
	}
	return out
}
