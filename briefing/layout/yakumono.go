package layout

// Punctuation spacing (yakumono, JLReq 3.1.4–3.1.6).
//
// In a font whose brackets and 、。 take a full em, each such mark is, as
// JLReq models it, a half-em glyph and half an em of space: an opening
// bracket's before its ink, a closing bracket's, 、's and 。's after it.
// Where two meet, the space between them goes (JLReq 3.1.6): a closing
// mark followed by another closing mark or by 、。 stands solid against
// it (）。, 。」), a closing mark followed by an opening bracket keeps half
// an em between them (」「), two opening brackets stand solid (「（). A
// middle dot ・：； is a half-em glyph with a quarter em each side, and
// keeps its quarter next to a bracket (」・「).
// A line that is too long gives up the remaining halves first (JLReq 3.8):
// that of a closing mark ending the line (set half-width, its space
// hanging past the margin), then the others on the line evenly. An
// opening bracket starting a line keeps its space (full-width, JIS X 4051's
// default).
//
// Which marks have the space is measured, glyph by glyph, from the font:
// a mark of the classes below whose advance is at least 0.9 em and whose
// ink lies in its one half (a middle dot's in its middle half). A proportional font's marks (BIZ UDPGothic's
// 、 is 0.6 em, its brackets half an em) are left as they are. Code keeps
// its fixed-width grid: no mark of a code span or of the fixed-width faces
// is squeezed.

// Inks is implemented by a [Metrics] that also knows where a glyph's ink
// lies. Ink returns the left and right edges of r's outline in face, in
// 1/1000 em from the glyph's origin, and whether r has an outline.
type Inks interface {
	Ink(face Face, r rune) (left, right int, ok bool)
}

// punctKind is the class of a punctuation mark for its spacing.
type punctKind uint8

const (
	notPunct    punctKind = iota
	openingMark           // opening brackets and quotes (JLReq cl-01)
	closingMark           // closing brackets and quotes, 、，。． (cl-02, cl-06, cl-07)
	middleMark            // middle dots ・：； (cl-05)
)

// punctClass returns the spacing class of r.
func punctClass(r rune) punctKind {
	switch r {
	case '「', '『', '（', '［', '｛', '〈', '《', '【', '〔', '〘', '〖', '｟', '〝', '‘', '“':
		return openingMark
	case '」', '』', '）', '］', '｝', '〉', '》', '】', '〕', '〙', '〗', '｠', '〟', '’', '”',
		'、', '。', '，', '．':
		return closingMark
	case '・', '：', '；':
		return middleMark
	}
	return notPunct
}

// fullWidthHalf returns the blank half of rune k of t, in points, when it
// is a full-width mark of its class whose ink lies in one half (see the
// rule above); 0 otherwise.
func (t *run) fullWidthHalf(in Inks, k int, c punctKind) float64 {
	st := t.style(k)
	if st.Size <= 0 || st.Face >= Mono || t.spans[t.spanOf(k)].Code {
		return 0
	}
	adv := t.ws[k] / st.Size * 1000
	if adv < 900 {
		return 0
	}
	left, right, ok := in.Ink(st.Face, t.rs[k])
	if !ok {
		return 0
	}
	half, slack := adv/2, adv/20
	var g float64
	switch c {
	case middleMark:
		// A quarter em each side of a half-em glyph.
		if float64(left) < adv/4-slack || float64(right) > 3*adv/4+slack {
			return 0
		}
		g = min(adv/4, float64(left), adv-float64(right))
	case openingMark:
		if float64(left) < half-slack {
			return 0
		}
		g = min(half, float64(left))
	case closingMark:
		if float64(right) > half+slack {
			return 0
		}
		g = min(half, adv-float64(right))
	}
	return g / 1000 * st.Size
}

// yakumono finds the full-width marks of t and takes the space out
// between two that meet (JLReq 3.1.6): t.akiL and t.akiR hold the halves
// left, t.gap (negative) what was taken out. m without [Inks] leaves t as it is.
func (t *run) yakumono(m Metrics, rm *runRoom) {
	in, ok := m.(Inks)
	if !ok {
		return
	}
	n := len(t.rs)
	var kind []punctKind // the class of each full-width mark
	for k, r := range t.rs {
		c := punctClass(r)
		if c == notPunct {
			continue
		}
		g := t.fullWidthHalf(in, k, c)
		if g <= 0 {
			continue
		}
		if t.akiL == nil {
			t.akiL, t.akiR = zeroed(rm.akiL, n, n), zeroed(rm.akiR, n, n)
			kind = zeroed(rm.kind, n, n)
			rm.kind = kind
		}
		kind[k] = c
		switch c {
		case openingMark:
			t.akiL[k] = g
		case closingMark:
			t.akiR[k] = g
		case middleMark:
			t.akiL[k], t.akiR[k] = g, g
		}
	}
	if t.akiL == nil {
		return
	}
	take := func(k int, g float64) {
		if t.gap == nil {
			t.gap = zeroed(rm.gap, n, n)
		}
		t.gap[k] -= g
		t.ws[k-1] -= g
	}
	for k := 1; k < n; k++ {
		a, b := kind[k-1], kind[k]
		switch {
		case a == closingMark && b != notPunct:
			// ）。 。」 ）、 stand solid; 」「 keep the opening's half
			// between them, 」・ the dot's quarter.
			take(k, t.akiR[k-1])
			t.akiR[k-1] = 0
		case b == openingMark && (a == openingMark || a == middleMark):
			// 「（ stand solid; ・「 keep the dot's quarter.
			take(k, t.akiL[k])
			t.akiL[k] = 0
		}
	}
}

// kernAfter returns the space taken out between rune k and rune k+1 (a
// negative width, counted in ws[k]), 0 for none.
func (t *run) kernAfter(k int) float64 { return min(t.gapAfter(k), 0) }

// lineAki returns the blank halves of full-width marks that a line of the
// runes [a, e) of t may give up when it is too long, in points: end, that
// of a closing mark ending the line (with what its meeting the next rune
// took out, given back at the line's end), and in, the others' but an
// opening bracket's that starts the line.
func (t *run) lineAki(a, e int) (in, end float64) {
	if t.akiL == nil || e <= a {
		return 0, 0
	}
	for k := a; k < e; k++ {
		in += t.shrinkL(k) + t.akiR[k]
	}
	in -= t.shrinkL(a) + t.akiR[e-1]
	if punctClass(t.rs[e-1]) == closingMark && (t.akiR[e-1] > 0 || t.kernAfter(e-1) < 0) {
		end = t.akiR[e-1] - t.kernAfter(e-1)
	}
	return in, end
}

// giveUpAki takes what a line of the runes [a, e), room points short of
// its width (room < 0), may take from full-width punctuation (JLReq 3.8:
// before anything else): hang points of the blank half of a closing mark
// ending it, then the fraction f of each of the others' (see lineAki). It
// returns them and the room still lacking.
func (t *run) giveUpAki(a, e int, room float64) (f, hang, rest float64) {
	in, end := t.lineAki(a, e)
	if end > 0 {
		hang = min(-room, end)
		room += hang
	}
	if in > 0 && room < 0 {
		f = min(-room/in, 1)
		room = min(room+f*in, 0)
	}
	return f, hang, room
}

// giveAki draws the halves a line of the runes [a, e) gives up: the
// fraction f of each inside the line (see lineAki), into after (the room
// after each rune of the line beyond its advance), and end points of the
// last rune's.
func (t *run) giveAki(a, e int, f, end float64, after []float64) {
	if t.akiL == nil || e <= a {
		return
	}
	if f > 0 {
		for k := a; k < e; k++ {
			if g := t.akiR[k]; g > 0 && k < e-1 {
				after[k-a] -= f * g
			}
			if g := t.shrinkL(k); g > 0 && k > a {
				after[k-1-a] -= f * g
			}
		}
	}
	after[e-1-a] -= end
}

// shrinkL returns how much of the blank half before rune k a line too
// long may give up: all of it, but half of it after a closing mark (」「
// keep a quarter em between them, and their glyphs stand in their order).
func (t *run) shrinkL(k int) float64 {
	if t.gap != nil && t.gap[k] < 0 {
		return t.akiL[k] / 2
	}
	return t.akiL[k]
}
