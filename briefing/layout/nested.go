package layout

import (
	"fmt"
	"strings"
)

// inside lays blocks out in the column [x, x+w) of the page as children
// of the element parent: the blocks under a list item's text (its
// LBody), a key-value row's value (its TD) or in a quote.
func (l *layouter) inside(parent *Elem, x, w float64, blocks []Block) ([]*unit, error) {
	if w <= 0 {
		return nil, fmt.Errorf("nested blocks leave no room")
	}
	ox, ow, op := l.x, l.width, l.parent
	l.x, l.width, l.parent = x, w, parent
	l.nested++
	defer func() { l.x, l.width, l.parent = ox, ow, op; l.nested-- }()
	var out []*unit
	for _, b := range blocks {
		us, err := l.block(b)
		if err != nil {
			return nil, err
		}
		out = append(out, us...)
	}
	return out, nil
}

// quoteGap is the room between a quote's rule and its text, points.
const quoteGap = 8

func (l *layouter) quote(b Quote) ([]*unit, error) {
	x := l.x + b.Indent
	us, err := l.inside(l.elem("BlockQuote", ""), x+quoteGap, l.width-b.Indent-quoteGap, b.Blocks)
	if err != nil {
		return nil, err
	}
	for len(us) > 0 && us[len(us)-1].space {
		us = us[:len(us)-1]
	}
	rule := func(h float64) Line {
		return Line{X1: x + 1, Y1: 0, X2: x + 1, Y2: h, Color: b.RuleColor, Width: 2}
	}
	// A table's header, repeated on each page the table continues on,
	// gets the rule once, however many rows name it.
	heads := make(map[*unit]bool)
	for _, u := range us {
		for _, h := range u.head {
			heads[h] = false
		}
	}
	for _, u := range us {
		switch {
		case u.row != nil:
			// Beside each part of a row split across pages.
			u.side = append(u.side, rule(u.h))
		case u.h > 0 && !u.brk:
			u.boxes = append(u.boxes, rule(u.h))
		}
		if _, ok := heads[u]; ok {
			heads[u] = true
		}
	}
	for _, u := range us {
		for _, h := range u.head {
			if !heads[h] {
				h.boxes = append(h.boxes, rule(h.h))
				heads[h] = true
			}
		}
	}
	return append(us, spaceUnits(b.SpaceAfter)...), nil
}

// codePad is the room a shaded code block leaves around its lines, as a
// fraction of the font size.
const codePad = 0.45

func (l *layouter) code(b Code) ([]*unit, error) {
	x, w := l.x+b.Indent, l.width-b.Indent
	base := baseStyle(b.Text)
	pad := 0.0
	if b.Fill != nil {
		pad = codePad * base.Size
		x, w = x+pad, w-2*pad
	}
	if w <= 0 {
		return nil, fmt.Errorf("code indent %g leaves no room", b.Indent)
	}
	// A block of code is a paragraph of Code (Code is an inline
	// element in ISO 32000-1, table 338).
	code := &Elem{Role: "Code", Parent: l.elem("P", b.Lang)}
	lead := leadingOf(b.Text)
	var fill *Color
	if b.Fill != nil {
		c := *b.Fill
		fill = &c
	}
	// mk makes the unit of a line, on the block's shade.
	mk := func(ln setLine) *unit {
		u := &unit{h: ln.h, boxes: ln.boxes, sure: ln.sure}
		if fill != nil {
			u.boxes = append([]Box{Rect{X: x - pad, Y: 0, W: w + 2*pad, H: u.h, Fill: fill}}, u.boxes...)
		}
		return u
	}
	// The lines go to the paginator as they are set when the block is
	// long and at the top level, all but the last two (see keepLines).
	ls := lineStream{l: l}
	stream := l.sink != nil && l.nested == 0 && len(b.Code) >= streamRunes
	if fill != nil {
		ls.pushUnit(mk(setLine{h: pad / 2}))
	}
	// Each line of code is flattened alone (no rule of its runes looks
	// past a newline) and broken where it is wider than w.
	l.miss.of = b.Code
	defer func() { l.miss.of = "" }()
	var us []*unit
	lines := 0
	for rest := b.Code; rest != ""; {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		rest = rest[len(line):]
		t := flattenIn(&l.scr.text, []Span{{Text: line}}, base, l.m, &l.miss)
		t.more = rest != ""
		us = us[:0]
		bls := breakCode(t.rs, t.ws, w)
		for _, bl := range bls {
			var ln setLine
			if bl.end == bl.start || bl.end == bl.start+1 && t.rs[bl.start] == '\n' {
				ln = setLine{h: lead * base.Size} // an empty line of code is a line
			} else {
				ln = placeLine(t, bl, setting{x: x, width: w, leading: lead, elem: code})
			}
			us = append(us, mk(ln))
		}
		if len(bls) > 1 {
			// A line of code cut into pieces copies whole, from its
			// first piece (see TextBox.Replaced).
			end := bls[len(bls)-1].end
			if t.rs[end-1] == '\n' {
				end--
			}
			whole := t.text(0, end)
			for _, u := range us {
				for _, b := range u.boxes {
					if tb, ok := b.(textRef); ok { // the line's own
						tb.Actual, tb.Replaced = whole, true
						whole = ""
					}
				}
			}
		}
		for _, u := range us {
			ls.pushUnit(u)
		}
		lines += len(us)
		if stream {
			if err := ls.handOn(); err != nil {
				return nil, err
			}
		}
	}
	if lines == 0 {
		return spaceUnits(b.SpaceAfter), nil
	}
	if fill != nil {
		ls.pushUnit(mk(setLine{h: pad / 2}))
	}
	return append(ls.finish(), spaceUnits(b.SpaceAfter)...), nil
}

// breakCode breaks code into lines: at each newline, and where a line is
// wider than width, after the last character that fits (at least one).
// Spaces are kept where they are: a cut line goes on with them.
func breakCode(rs []rune, ws []float64, width float64) []brokenLine {
	var lines []brokenLine
	start, w := 0, 0.0
	for i, r := range rs {
		if r == '\n' {
			lines = append(lines, brokenLine{start: start, end: i + 1, hard: true})
			start, w = i+1, 0
			continue
		}
		if w+ws[i] > width+1e-6 && i > start {
			lines = append(lines, brokenLine{start: start, end: i, forced: true})
			start, w = i, 0
		}
		w += ws[i]
	}
	if start < len(rs) {
		lines = append(lines, brokenLine{start: start, end: len(rs), hard: true})
	}
	return lines
}
