package layout

import (
	"errors"
	"fmt"
	"strings"
)

// defaultSize is the text size used where a block's style has none.
const defaultSize = 10.5

// unit is a slice of a document that the paginator places whole: a line
// of text, a table row, a figure, or vertical space. Its boxes' Y are
// relative to its top; X are page coordinates. A line's text boxes are
// textRefs until it is placed; a row's boxes are drawn as it is placed
// (see row.draw), before the unit's own.
type unit struct {
	h     float64
	boxes []Box
	// space is vertical space, dropped at the top of a page and at a
	// page break.
	space bool
	// keep keeps the unit on the page of the next unit that is not space.
	keep bool
	// head is a table's header, placed again at the top of each page the
	// table continues on.
	head []*unit
	// row, when set, can split a row taller than a page.
	row *row
	// brk ends the page (a PageBreak).
	brk bool
	// rest is what is left of a split row: its boxes are drawn only when
	// it is placed, and its height is summed no further than a page.
	rest bool
	// side holds rules drawn beside a row along its whole height (a
	// quote's rule), after its boxes: a row split across pages draws
	// them beside each part, as tall as that part.
	side []Line
	// sure holds when every character of the unit's text boxes was
	// measured in the box's face when its text was (see flatten): the
	// paginator need not look their glyphs up again (see checkGlyphs).
	sure bool
}

// Lay lays the document out on pages. It breaks lines by the widths m
// gives, paginates the blocks within the paper's margins and places the
// document's furniture on every page. It returns an error (a [*GlyphError]
// where a character cannot be drawn) rather than placing text a face
// cannot draw. It holds every page at once: [Stream] hands them out one
// by one instead.
func Lay(doc Document, m Metrics) ([]Page, error) {
	var pages []Page
	total, err := Stream(doc, m, func(p Page) error {
		pages = append(pages, p.Clone())
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range pages {
		f, err := Furnish(doc, m, i+1, total)
		if err != nil {
			return nil, err
		}
		pages[i].Boxes = append(pages[i].Boxes, f...)
		if pages[i].Elems != nil {
			pages[i].Elems = append(pages[i].Elems, make([]*Elem, len(f))...)
		}
	}
	return pages, nil
}

// Stream lays the document out as [Lay] does, but hands each page to emit
// as soon as it is paginated, without its furniture (which needs the
// number of pages: see [Furnish]), and keeps only what pagination still
// needs: the blocks' units not yet placed, a page ahead at most for those
// kept together. A page's Boxes and Elems, and the text boxes it holds
// (as *TextBox), are good until emit returns: Stream fills the next page
// in the same room (see [Page.Clone] for a page to keep). It returns the
// number of pages. An error of emit stops
// it and is returned as it is; an error of the layout (a [*GlyphError]
// where a character cannot be drawn) may come after pages were emitted.
func Stream(doc Document, m Metrics, emit func(Page) error) (total int, err error) {
	var emitErr error
	defer func() {
		if r := recover(); r != nil {
			total, err = 0, fmt.Errorf("layout: internal error: %v", r)
		}
	}()
	if m == nil {
		return 0, errors.New("layout: no metrics")
	}
	p := doc.Paper
	if p.Width == 0 && p.Height == 0 {
		p = A4
	}
	m = cached(m)
	l := &layouter{m: m, paper: p, x: p.Left, width: p.Width - p.Left - p.Right, drop: doc.Drop}
	if l.width <= 0 || p.Height-p.Top-p.Bottom <= 0 {
		return 0, fmt.Errorf("layout: paper %gx%g leaves no room inside its margins", p.Width, p.Height)
	}
	pg := newPaginator(p, m, func(pg Page) error {
		total++
		if err := emit(pg); err != nil {
			emitErr = err
			return err
		}
		return nil
	})
	l.sink = func(us []*unit) error {
		if l.miss.err != nil {
			return &sinkError{fmt.Errorf("layout: %w", l.miss.err)}
		}
		if err := pg.feed(us); err != nil {
			return &sinkError{err}
		}
		return nil
	}
	for i, b := range doc.Blocks {
		us, err := l.block(b)
		if se, ok := err.(*sinkError); ok {
			if emitErr != nil {
				return 0, emitErr
			}
			return 0, se.err
		}
		if err != nil {
			return 0, fmt.Errorf("layout: block %d: %w", i+1, err)
		}
		if l.miss.err != nil {
			return 0, fmt.Errorf("layout: %w", l.miss.err)
		}
		if err := pg.feed(us); err != nil {
			if emitErr != nil {
				return 0, emitErr
			}
			return 0, err
		}
	}
	if err := pg.finish(); err != nil {
		if emitErr != nil {
			return 0, emitErr
		}
		return 0, err
	}
	return total, nil
}

// sinkError is an error of the paginator met inside a block.
type sinkError struct{ err error }

func (e *sinkError) Error() string { return e.err.Error() }

// Furnish returns the furniture of page n of total of doc (its
// [Document].Furniture; none without one), checked as [Lay] checks every
// box: a [*GlyphError] where a character cannot be drawn.
func Furnish(doc Document, m Metrics, n, total int) ([]Box, error) {
	if doc.Furniture == nil {
		return nil, nil
	}
	// The furniture after the body, an artifact: a reader that extracts
	// text in drawing order meets it between pages, never inside a
	// sentence.
	boxes := doc.Furniture(n, total)
	if err := checkGlyphs(Page{Boxes: boxes}, m); err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	return boxes, nil
}

// checkGlyphs makes sure every text box can be drawn: furniture and
// figures bring their own text boxes.
func checkGlyphs(p Page, m Metrics) error {
	for _, b := range p.Boxes {
		if t, ok := textOf(b); ok {
			if rs := Missing(m, t.Style.Face, t.Text); len(rs) > 0 {
				return &GlyphError{Face: t.Style.Face, Runes: rs, Text: t.Text}
			}
		}
	}
	return nil
}

// textRef is a text box of a line not yet placed, kept with the line's
// other text boxes in one piece of room (see placeLineIn): it is drawn
// as the TextBox it points to, moved to where the line is placed, so
// that a line's boxes are copied once, on their page, not at every move.
// A textRef never leaves the package.
type textRef struct{ *TextBox }

func (textRef) isBox() {}

// textOf returns the text box b is, a TextBox, a *TextBox or a textRef.
func textOf(b Box) (*TextBox, bool) {
	switch b := b.(type) {
	case TextBox:
		return &b, true
	case *TextBox:
		return b, true
	case textRef:
		return b.TextBox, true
	}
	return nil, false
}

// flattenKept is flatten for a run kept while others are flattened (a
// table cell's, a list marker's): its room cut from the layouter's slab.
func (l *layouter) flattenKept(spans []Span, base Style) run {
	rm := runRoom{slab: &l.scr.slab}
	return flattenIn(&rm, spans, base, l.m, &l.miss)
}

// layouter turns blocks into units.
type layouter struct {
	m        Metrics
	paper    Paper
	x, width float64
	miss     missing
	// parent is the element the blocks laid out now belong to (nil:
	// the document), sects the sections open at the top level, nested
	// how deep in list items, cells and quotes the blocks are.
	parent *Elem
	sects  []openSect
	nested int
	// scr is the room reused from text to text.
	scr scratch
	// sink, when not nil, takes units of a block at the top level before
	// the block is done (the rows of a long table), in order, ahead of
	// those the block returns.
	sink func([]*unit) error
	// drop clears a long table's rows once set (Document.Drop).
	drop bool
}

func baseStyle(t Text) Style {
	s := t.Style
	if s.Size <= 0 {
		s.Size = defaultSize
	}
	return s
}

func (l *layouter) block(b Block) ([]*unit, error) {
	switch b := b.(type) {
	case Paragraph:
		return l.paragraph(b)
	case *Paragraph:
		return l.paragraph(*b)
	case Heading:
		return l.heading(b)
	case *Heading:
		return l.heading(*b)
	case List:
		return l.list(b)
	case *List:
		return l.list(*b)
	case KeyValue:
		return l.keyValue(b)
	case *KeyValue:
		return l.keyValue(*b)
	case Table:
		return l.table(b)
	case *Table:
		return l.table(*b)
	case Figure:
		return l.figure(b)
	case *Figure:
		return l.figure(*b)
	case Code:
		return l.code(b)
	case Quote:
		return l.quote(b)
	case PageBreak, *PageBreak:
		return []*unit{{brk: true}}, nil
	case Spacer:
		return spaceUnits(b.Height), nil
	case *Spacer:
		return spaceUnits(b.Height), nil
	case nil:
		return nil, errors.New("nil block")
	}
	return nil, fmt.Errorf("unknown block type %T", b)
}

func spaceUnits(h float64) []*unit {
	if h <= 0 {
		return nil
	}
	return []*unit{{h: h, space: true}}
}

// lineUnits makes a unit of each line, cut from the layouter's slab; the
// first gets the anchor.
func (l *layouter) lineUnits(lines []setLine, anchor string) []*unit {
	us := make([]*unit, len(lines))
	block := cut(&l.scr.slab.units, len(lines))
	for i, ln := range lines {
		block[i] = unit{h: ln.h, boxes: ln.boxes, space: ln.gap, sure: ln.sure}
		us[i] = &block[i]
	}
	if anchor != "" && len(us) > 0 {
		us[0].boxes = append([]Box{Anchor{Name: anchor}}, us[0].boxes...)
	}
	return us
}

// keepLines keeps the first two and the last two lines of a paragraph
// together (no orphans or widows): of each paragraph where the lines hold
// several, apart by the space between them.
func keepLines(us []*unit) {
	for len(us) > 0 {
		n := 0
		for n < len(us) && !us[n].space {
			n++
		}
		if n >= 2 {
			us[0].keep = true
			us[n-2].keep = true
		}
		for n < len(us) && us[n].space {
			n++
		}
		us = us[n:]
	}
}

func (l *layouter) paragraph(b Paragraph) ([]*unit, error) {
	x, w := l.x+b.Indent, l.width-b.Indent
	if w <= 0 {
		return nil, fmt.Errorf("paragraph indent %g leaves no room", b.Indent)
	}
	role := b.Role
	if role == "" {
		role = "P"
	}
	e := l.elem(role, b.Lang)
	t := flattenIn(&l.scr.text, b.Spans, baseStyle(b.Text), l.m, &l.miss)
	t.elems = inlines(b.Spans, e)
	set := setting{x: x, width: w, leading: leadingOf(b.Text), justify: b.Breaking == Japanese, elem: e, scr: &l.scr}
	if l.sink != nil && l.nested == 0 && len(t.rs) >= streamRunes {
		return l.streamParagraph(b, t, set)
	}
	lines := setText(t, set)
	us := l.lineUnits(lines, b.Anchor)
	if len(us) == 0 && b.Anchor != "" {
		us = []*unit{{boxes: []Box{Anchor{Name: b.Anchor}}}}
	}
	keepLines(us)
	if b.KeepWithNext {
		for _, u := range us {
			u.keep = true
		}
	}
	out := spaceUnits(b.SpaceBefore)
	out = append(out, us...)
	return append(out, spaceUnits(b.SpaceAfter)...), nil
}

// streamRunes is the length in runes from which a text at the top level
// goes to the paginator as its lines are set (see lineStream), and
// streamUnits the number of units a long text or list hands on at a
// time; variables for the tests.
var streamRunes, streamUnits = 1 << 14, 2 * fitLines

// streamParagraph is paragraph for a long text t at the top level, set
// with s: its lines go to the paginator as they are set, not all at the
// end. The units are those paragraph makes.
func (l *layouter) streamParagraph(b Paragraph, t run, s setting) ([]*unit, error) {
	ls := lineStream{l: l, all: b.KeepWithNext, anchor: b.Anchor, held: spaceUnits(b.SpaceBefore)}
	rest, err := setTextTo(t, s, ls.add)
	if err != nil {
		return nil, err
	}
	ls.push(rest)
	us := ls.finish()
	if ls.n == 0 && b.Anchor != "" {
		us = append(us, &unit{boxes: []Box{Anchor{Name: b.Anchor}}})
	}
	return append(us, spaceUnits(b.SpaceAfter)...), nil
}

// lineStream hands the units of a long text's lines to the paginator
// (layouter.sink) as they come, a batch at a time, keeping back the
// last two lines of the paragraph being set, one of which keepLines may
// still keep with the next.
type lineStream struct {
	l    *layouter
	held []*unit // units not yet handed on
	// all keeps every line with the next (KeepWithNext); anchor goes
	// on the first line.
	all    bool
	anchor string
	n      int // lines so far
	// run counts the lines of the paragraph being set (since the last
	// blank line); p1 and p2 are the last and the one before in held.
	run, p1, p2 int
}

// add takes lines and hands on those whose keep is known.
func (s *lineStream) add(lines []setLine) error {
	s.push(lines)
	return s.handOn()
}

// handOn hands on the units whose keep is known, once there are enough
// of them.
func (s *lineStream) handOn() error {
	if len(s.held) < streamUnits {
		return nil
	}
	cut := len(s.held)
	switch {
	case s.run >= 2:
		cut = s.p2
	case s.run == 1:
		cut = s.p1
	}
	if cut == 0 {
		return nil
	}
	if err := s.l.sink(s.held[:cut]); err != nil {
		return err
	}
	n := copy(s.held, s.held[cut:])
	clear(s.held[n:])
	s.held = s.held[:n]
	s.p1, s.p2 = s.p1-cut, s.p2-cut
	return nil
}

// push makes the units of lines, kept as keepLines keeps them.
func (s *lineStream) push(lines []setLine) {
	for _, ln := range lines {
		u := &unit{h: ln.h, boxes: ln.boxes, space: ln.gap, sure: ln.sure, keep: s.all}
		if s.n == 0 && s.anchor != "" {
			u.boxes = append([]Box{Anchor{Name: s.anchor}}, u.boxes...)
		}
		s.pushUnit(u)
	}
}

// pushUnit takes the unit of a line, kept as keepLines keeps it.
func (s *lineStream) pushUnit(u *unit) {
	s.n++
	if u.space {
		if s.run >= 2 {
			s.held[s.p2].keep = true
		}
		s.run = 0
	} else {
		s.run++
		s.p2, s.p1 = s.p1, len(s.held)
		if s.run == 2 {
			s.held[s.p2].keep = true
		}
	}
	s.held = append(s.held, u)
}

// finish returns the units not handed on, the last paragraph's kept.
func (s *lineStream) finish() []*unit {
	if s.run >= 2 {
		s.held[s.p2].keep = true
	}
	return s.held
}

func (l *layouter) heading(b Heading) ([]*unit, error) {
	role := b.Role
	if role == "" {
		l.section(b.Level)
		role = headingRole(b.Level)
	}
	e := l.elem(role, b.Lang)
	t := flattenIn(&l.scr.text, b.Spans, baseStyle(b.Text), l.m, &l.miss)
	t.elems = inlines(b.Spans, e)
	// Headings are not justified: a short last word would spread the
	// line. They break between phrases, balanced (see breakPhrases).
	lines := setText(t, setting{x: l.x, width: l.width, leading: leadingOf(b.Text), elem: e, phrases: true, scr: &l.scr})
	us := l.lineUnits(lines, "")
	if len(us) == 0 {
		us = []*unit{{}}
	}
	var marks []Box
	if b.Anchor != "" {
		marks = append(marks, Anchor{Name: b.Anchor})
	}
	if b.Bookmark != "" {
		level := b.Level - 1
		if level < 0 {
			level = 0
		}
		marks = append(marks, Bookmark{Title: b.Bookmark, Level: level})
	}
	us[0].boxes = append(marks, us[0].boxes...)
	if b.Rule {
		last := us[len(us)-1]
		size := baseStyle(b.Text).Size
		gap := 0.15 * size
		y := last.h + gap
		last.boxes = append(last.boxes, Line{X1: l.x, Y1: y, X2: l.x + l.width, Y2: y, Color: b.RuleColor, Width: 0.75})
		last.h = y + 0.75
	}
	for _, u := range us {
		u.keep = true
	}
	out := spaceUnits(b.SpaceBefore)
	out = append(out, us...)
	return append(out, spaceUnits(b.SpaceAfter)...), nil
}

func (l *layouter) list(b List) ([]*unit, error) {
	base := baseStyle(b.Text)
	lead := leadingOf(b.Text)
	// The markers share a column as wide as the widest marker plus a gap.
	// (Measured in one room, and flattened again as each is set: the
	// runs of a long list's markers are not all held.)
	mw := 0.0
	var room runRoom
	for _, it := range b.Items {
		m := flattenIn(&room, []Span{{Text: it.Marker}}, base, l.m, &l.miss)
		w := 0.0
		for _, x := range m.ws {
			w += x
		}
		mw = max(mw, w)
	}
	gap := 0.35 * base.Size
	if mw > 0 {
		mw += gap
	}
	x := l.x + b.Indent
	tx, tw := x+mw, l.width-b.Indent-mw
	if tw <= 0 {
		return nil, fmt.Errorf("list indent %g leaves no room", b.Indent)
	}
	list := l.elem("L", b.Lang)
	var out []*unit
	for i, it := range b.Items {
		if i > 0 {
			out = append(out, spaceUnits(b.ItemSpacing)...)
		}
		if len(out) >= streamUnits && l.sink != nil && l.nested == 0 {
			// A long list at the top level goes to the paginator as
			// its items are set, not all at the end.
			if err := l.sink(out); err != nil {
				return nil, err
			}
			out = nil
		}
		li := &Elem{Role: "LI", Parent: list}
		var lbl *Elem
		marker := l.flattenKept([]Span{{Text: it.Marker}}, base)
		if len(marker.rs) > 0 {
			lbl = &Elem{Role: "Lbl", Parent: li}
		}
		body := &Elem{Role: "LBody", Parent: li}
		t := flattenIn(&l.scr.text, it.Spans, base, l.m, &l.miss)
		t.elems = inlines(it.Spans, body)
		lines := setText(t, setting{x: tx, width: tw, leading: lead, justify: b.Breaking == Japanese, elem: body, scr: &l.scr})
		if len(lines) == 0 {
			lines = []setLine{{h: lead * base.Size, boxes: []Box{Tag{Elem: body}, TextBox{X: tx, Y: ascent * base.Size}}}}
		}
		us := l.lineUnits(lines, it.Anchor)
		if lbl != nil {
			ml := placeLine(marker, brokenLine{start: 0, end: len(marker.rs), hard: true},
				setting{x: x, width: mw, leading: lead, elem: lbl})
			// Align the marker's baseline with the first line's. The
			// marker is drawn first: text extracted in drawing order
			// reads "1. text", not "text1.".
			dy := firstBaseline(us[0].boxes) - firstBaseline(ml.boxes)
			first := make([]Box, 0, len(ml.boxes)+len(us[0].boxes))
			k := 0
			for k < len(us[0].boxes) {
				if _, ok := us[0].boxes[k].(Anchor); !ok {
					break
				}
				k++
			}
			first = append(first, us[0].boxes[:k]...)
			for _, bx := range ml.boxes {
				first = append(first, shift(bx, 0, dy))
			}
			us[0].boxes = append(first, us[0].boxes[k:]...)
			us[0].sure = us[0].sure && ml.sure
		}
		keepLines(us)
		out = append(out, us...)
		if len(it.Blocks) > 0 {
			more, err := l.inside(body, tx, tw, it.Blocks)
			if err != nil {
				return nil, err
			}
			out = append(out, more...)
		}
	}
	return append(out, spaceUnits(b.SpaceAfter)...), nil
}

// firstBaseline returns the baseline of the first text box, or 0.
func firstBaseline(bs []Box) float64 {
	for _, b := range bs {
		if t, ok := textOf(b); ok {
			return t.Y
		}
	}
	return 0
}

func (l *layouter) figure(b Figure) ([]*unit, error) {
	if b.Draw == nil {
		return nil, errors.New("figure without a drawing")
	}
	h, boxes := b.Draw(l.width)
	full := l.paper.Height - l.paper.Top - l.paper.Bottom
	if h < 0 || h > full {
		return nil, fmt.Errorf("figure height %.1fpt does not fit a page (%.1fpt)", h, full)
	}
	u := &unit{h: h, keep: b.KeepWithNext}
	if b.Anchor != "" {
		u.boxes = append(u.boxes, Anchor{Name: b.Anchor})
	}
	var e *Elem
	switch alt := figureAlt(b, boxes); {
	case b.Role != "":
		e = l.elem(b.Role, "")
	case alt != "":
		e = l.elem("Figure", "")
		e.Alt = alt
	}
	u.boxes = append(u.boxes, Tag{Elem: e})
	for _, bx := range boxes {
		if _, ok := bx.(Link); ok && e != nil {
			// A link in a picture: its own Link element, whose
			// annotation it is (PDF/UA-1, 7.18.5).
			u.boxes = append(u.boxes, Tag{Elem: &Elem{Role: "Link", Parent: e}}, shift(bx, l.x, 0), Tag{Elem: e})
			continue
		}
		u.boxes = append(u.boxes, shift(bx, l.x, 0))
		if t, ok := bx.(TextBox); ok && e != nil && b.Role == "" && !t.Break && strings.TrimSpace(t.Text) != "" {
			// A label of a picture stands apart from the next
			// one, which a reader joining the Figure's text would
			// run into it: a space box after it that draws
			// nothing keeps the word boundary, as at a line's
			// end (PDF/UA-1, 7.2).
			u.boxes = append(u.boxes, TextBox{X: t.X + l.x + advance(l.m, t), Y: t.Y, Text: " ", Style: t.Style, Break: true})
		}
	}
	return append([]*unit{u}, spaceUnits(b.SpaceAfter)...), nil
}

// advance is the width of t's text in points with m (a full em for a
// character m has no glyph for, none for a combining mark), spacing
// between the characters included.
func advance(m Metrics, t TextBox) float64 {
	w, n := 0.0, 0
	for _, r := range t.Text {
		n++
		if Combining(r) {
			continue
		}
		a, ok := 1000, false
		if m != nil {
			a, ok = m.Advance(t.Style.Face, r)
		}
		if !ok {
			a = 1000
		}
		w += float64(a) / 1000 * t.Style.Size
	}
	if n > 1 {
		w += float64(n-1) * t.Spacing
	}
	return w
}

// figureAlt returns the alternate text of a figure: its own, or that of
// the first picture it draws.
func figureAlt(b Figure, boxes []Box) string {
	if b.Alt != "" {
		return b.Alt
	}
	for _, bx := range boxes {
		if im, ok := bx.(Image); ok && im.Alt != "" {
			return im.Alt
		}
	}
	return ""
}

// shift moves a box by dx, dy (a textRef's as the TextBox it points to).
func shift(b Box, dx, dy float64) Box {
	switch b := b.(type) {
	case TextBox:
		b.X += dx
		b.Y += dy
		return b
	case textRef:
		t := *b.TextBox
		t.X += dx
		t.Y += dy
		return t
	case Rect:
		b.X += dx
		b.Y += dy
		return b
	case Line:
		b.X1 += dx
		b.X2 += dx
		b.Y1 += dy
		b.Y2 += dy
		return b
	case Polygon:
		pts := make([]Point, len(b.Points))
		for i, p := range b.Points {
			pts[i] = Point{p.X + dx, p.Y + dy}
		}
		b.Points = pts
		return b
	case Image:
		b.X += dx
		b.Y += dy
		return b
	case Link:
		b.X += dx
		b.Y += dy
		return b
	case Anchor:
		b.Y += dy
		return b
	case Bookmark:
		b.Y += dy
		return b
	}
	return b
}

// paginator places units on pages as they come and hands each page's
// boxes to emit once it is full. It holds the units not yet placed: a
// unit kept with the ones after it waits until they are known, as far as
// a page ahead.
type paginator struct {
	top, bottom, full float64
	m                 Metrics
	emit              func(Page) error
	pending           []*unit // units fed and not yet placed
	cur               Page    // the current page (see put)
	elem              *Elem   // of the boxes placed now (the last Tag's)
	placed            int     // boxes and Tags placed on the current page
	texts             textBlock
	y                 float64
	empty             bool // nothing but space placed on the current page
	pages             int  // emitted
	err               error
	// glyphs is the first text box of the current page holding a
	// character its face cannot draw (see checkGlyphs), found as the
	// units not sure of theirs are placed.
	glyphs error
}

// newPaginator returns a paginator on paper p that hands each page to
// emit, unless one of its boxes holds a character m has no glyph for in
// its face: it then stops with a [*GlyphError]. The page is good until
// emit returns (see Stream).
func newPaginator(p Paper, m Metrics, emit func(Page) error) *paginator {
	return &paginator{top: p.Top, bottom: p.Height - p.Bottom, full: p.Height - p.Bottom - p.Top,
		m: m, emit: emit, y: p.Top, empty: true,
		cur: Page{Paper: p, Boxes: make([]Box, 0, 64), Elems: make([]*Elem, 0, 64)}}
}

// put places box b of a unit on the current page, moved down by dy (by
// dy and then by dy2 when twice: the arithmetic of shift done twice). A
// Tag is not placed: the boxes after it draw its element (Page.Elems). A
// text box is copied into the page's text block (see textBlock) and
// placed as a pointer to it, without an allocation of its own.
func (g *paginator) put(b Box, dy, dy2 float64, twice bool) {
	g.placed++
	var t *TextBox
	switch x := b.(type) {
	case Tag:
		g.elem = x.Elem
		return
	case textRef:
		t = g.texts.next()
		*t = *x.TextBox
	case TextBox:
		t = g.texts.next()
		*t = x
	default:
		b = shift(b, 0, dy)
		if twice {
			b = shift(b, 0, dy2)
		}
	}
	if t != nil {
		t.X += 0
		t.Y += dy
		if twice {
			t.X += 0
			t.Y += dy2
		}
		b = t
	}
	g.cur.Boxes = append(g.cur.Boxes, b)
	g.cur.Elems = append(g.cur.Elems, g.elem)
}

// textBlock holds the text boxes of a page in chunks, which the next page
// reuses: a page's text boxes cost no allocation each, and none at all
// once the first pages have grown the block.
type textBlock struct {
	chunks [][]TextBox
	c, n   int // the chunk in use and the boxes used of it
}

// textChunk is how many text boxes a chunk of a textBlock holds.
const textChunk = 128

// next returns the next text box of the block, to be set whole.
func (tb *textBlock) next() *TextBox {
	if tb.c < len(tb.chunks) && tb.n == textChunk {
		tb.c, tb.n = tb.c+1, 0
	}
	if tb.c == len(tb.chunks) {
		tb.chunks = append(tb.chunks, make([]TextBox, textChunk))
	}
	t := &tb.chunks[tb.c][tb.n]
	tb.n++
	return t
}

// check looks up the glyphs of the text boxes of a unit placed on the
// current page, unless the unit is sure of them.
func (g *paginator) check(u *unit) {
	if u.sure || g.glyphs != nil {
		return
	}
	if u.row != nil {
		if g.glyphs = u.row.glyphs(g.m); g.glyphs != nil {
			return
		}
	}
	g.glyphs = checkGlyphs(Page{Boxes: u.boxes}, g.m)
}

// feed adds units and places those it can.
func (g *paginator) feed(us []*unit) error {
	g.pending = append(g.pending, us...)
	return g.run(false)
}

// finish places the units left and emits the last page (an empty one
// when nothing was placed at all).
func (g *paginator) finish() error {
	if err := g.run(true); err != nil {
		return err
	}
	if g.placed > 0 || g.pages == 0 {
		return g.newPage()
	}
	return nil
}

func (g *paginator) newPage() error {
	if g.err != nil {
		return g.err
	}
	glyphs := g.glyphs
	g.glyphs = nil
	g.y = g.top
	g.empty = true
	g.pages++
	if glyphs != nil {
		g.err = fmt.Errorf("layout: %w", glyphs)
		return g.err
	}
	g.err = g.emit(g.cur)
	// The next page in the same room: emit is done with this one.
	g.cur.Boxes, g.cur.Elems = g.cur.Boxes[:0], g.cur.Elems[:0]
	g.elem, g.placed = nil, 0
	g.texts.c, g.texts.n = 0, 0
	return g.err
}

func (g *paginator) place(u *unit) {
	if u.rest {
		side := u.side
		u = u.row.unit()
		u.side = side
	}
	g.check(u)
	if u.row != nil {
		u.row.draw(u.h, func(b Box, dy float64, moved bool) {
			if moved {
				g.put(b, dy, g.y, true)
			} else {
				g.put(b, g.y, 0, false)
			}
		})
	}
	for _, b := range u.boxes {
		g.put(b, g.y, 0, false)
	}
	for _, ln := range u.side {
		ln.Y1, ln.Y2 = 0, u.h
		g.put(ln, g.y, 0, false)
	}
	g.y += u.h
	g.empty = false
}

func headH(u *unit) float64 {
	h := 0.0
	for _, x := range u.head {
		h += x.h
	}
	return h
}

func (g *paginator) startPage(u *unit) error {
	if err := g.newPage(); err != nil {
		return err
	}
	for _, x := range u.head {
		// The header again: an artifact, its cells read once.
		g.place(&unit{h: x.h, boxes: untag(x.boxes), sure: x.sure})
	}
	return nil
}

// run places the pending units; unless last, it stops at a unit kept
// with units not fed yet.
func (g *paginator) run(last bool) error {
	units := g.pending
	i := 0
	defer func() {
		// The placed units are garbage: drop them.
		clear(units[:i])
		g.pending = units[i:]
		if len(g.pending) == 0 {
			g.pending = units[:0]
		}
	}()
	for ; i < len(units); i++ {
		u := units[i]
		if u.brk {
			if !g.empty {
				if err := g.newPage(); err != nil {
					return err
				}
			}
			continue
		}
		if u.space {
			if g.empty {
				continue
			}
			if g.y+u.h > g.bottom {
				if err := g.newPage(); err != nil {
					return err
				}
				continue
			}
			g.check(u)
			for _, b := range u.boxes { // a quote's rule beside a gap
				g.put(b, g.y, 0, false)
			}
			g.y += u.h
			continue
		}
		// Height needed on this page: the unit and everything it keeps
		// with it.
		need := u.h
		if u.keep {
			// Summed no further than a page: past it the units kept
			// together are not kept off this page (and a heading of a
			// thousand lines, all kept, took time quadratic in them).
			need = 0
			room := g.full - headH(u)
			ended := false
			for j := i; j < len(units) && need <= room; j++ {
				need += units[j].h
				if !units[j].space && !units[j].keep {
					ended = true
					break
				}
			}
			if !ended && need <= room && !last {
				return nil // the units it keeps with are still to come
			}
			if need > room {
				need = u.h
			}
		}
		if !g.empty && g.y+need > g.bottom {
			if u.row != nil && u.h > g.full-headH(u) {
				// A row taller than any page: split it here.
			} else if err := g.startPage(u); err != nil {
				return err
			}
		}
		for g.y+u.h > g.bottom && u.row != nil {
			first, rest := u.row.split(g.bottom-g.y, g.full)
			if first != nil {
				first.side, rest.side = u.side, u.side
			}
			if first == nil {
				if g.y <= g.top+headH(u)+1e-6 {
					break // not even a line fits an empty page: overflow
				}
				if err := g.startPage(u); err != nil {
					return err
				}
				continue
			}
			g.place(first)
			u = rest
			if err := g.startPage(u); err != nil {
				return err
			}
		}
		g.place(u)
	}
	return nil
}
