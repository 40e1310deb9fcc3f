package layout

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// ascent is the height of the baseline below the top of the em box, as a
// fraction of the font size (the ideographic em box of a Japanese font).
const ascent = 0.88

// paragraphGap is the space a blank line ("\n\n") leaves between two
// paragraphs of one text, as a fraction of the font size.
const paragraphGap = 0.45

// run is a text flattened into runes, each with its style, width and span.
type run struct {
	rs     []rune
	ws     []float64
	span   []int32 // the span of each rune
	styles []Style // of each span, resolved (see style)
	spans  []Span
	// glue[k] holds when rune k continues the code span of rune k-1: no
	// line break and no justification space between them. Nil when the
	// text has no code.
	glue []bool
	// hold[k] holds when rune k is inside an unbreakable sequence with
	// rune k-1 (see hold). Nil when the text has none.
	hold []bool
	// gap[k] is the space between Japanese and Latin text before rune k
	// (JLReq 3.2.6: a quarter em), in points, counted in ws[k-1] and not
	// drawn where a line ends after rune k-1; where two full-width
	// punctuation marks meet it is negative, the space taken out between
	// them (JLReq 3.1.6; see yakumono), given back likewise at a line's
	// end. Nil when the text has neither.
	gap []float64
	// akiL[k] and akiR[k] are the blank halves left before and after
	// full-width punctuation rune k, which a line too long gives up
	// first. Nil when the text has no full-width marks.
	akiL, akiR []float64
	// zb[k] holds when a zero width space or a soft hyphen (see
	// Ignorable) stood before rune k: a line may break there. shy[k] is
	// the width of the hyphen drawn where a line breaks at a soft hyphen
	// before rune k, in points. Nil when the text has none.
	zb  []bool
	shy []float64
	// vs[k] is the variation selector after rune k when the font draws
	// the two as one glyph (see Variants), else 0; the pair is one
	// character, of the sequence's width, that no rule looks inside. Nil
	// when the text has none.
	vs []rune
	// elems is the structure element of each span (see inlines); nil
	// when every span is text of the block's element.
	elems []*Elem
	// cut holds the whole spans (see Span.Whole) a line breaks inside,
	// whose lines copy as the whole span; nil when there are none. given
	// holds those whose first box is set, which copies as the span.
	cut, given map[int]bool
	// combining holds when a rune is a combining mark, which is not
	// measured (see Combining).
	combining bool
	// more holds when the text goes on past the runes of t (a line of a
	// code block flattened alone): its last line is no text's last.
	more bool
	// off[k] is the byte offset of rune k in its span's text; dropped[si]
	// holds when flatten dropped a character of span si (a carriage
	// return, an Ignorable one) or met a byte that is no UTF-8: the text
	// of runes of one span with none dropped is a piece of the span's
	// (see text). dropped is nil when no span has any.
	off     []int32
	dropped []bool
	// cum[k] is the width of runes [0, k), in points; bound[k] the kind
	// of the gap before rune k (kind), with boundOpp set where a line may
	// break there (opp): worked out once by index for the many lines and
	// candidates that ask. Nil until index is called.
	cum   []float64
	bound []gapKind
}

// boundOpp marks, in run.bound, a break opportunity.
const boundOpp gapKind = 0x80

// index works out t's cumulative widths, break opportunities and gap
// kinds, once the text is measured, in room rm.
func (t *run) index(rm *runRoom) {
	n := len(t.rs)
	cum := grow(rm.cum, n+1)
	cum[0] = 0
	for i, w := range t.ws {
		cum[i+1] = cum[i] + w
	}
	bound := grow(rm.bound, n)
	if n > 0 {
		bound[0] = 0
	}
	if n > 1 {
		ca := classOf(t.rs[0])
		for k := 1; k < n; k++ {
			cc := classOf(t.rs[k])
			bound[k] = t.boundOf(k, ca, cc)
			ca = cc
		}
	}
	t.cum, t.bound = cum, bound
	rm.cum, rm.bound = cum, bound
}

// runeClass holds what the gap and break rules ask of a rune (see
// classOf).
type runeClass uint8

const (
	clWide        runeClass = 1 << iota // wide
	clSpace                             // space
	clNewline                           // '\n'
	clCombining                         // Combining
	clNoEnd                             // noEnd
	clNoStart                           // noStart
	clASCIICloser                       // asciiCloser
	clCloser                            // closer
)

// classOf returns the class of r: looked up for ASCII, the CJK symbols,
// kana, ideographs and full-width forms, which are most of a briefing's
// text.
func classOf(r rune) runeClass {
	switch {
	case r < 0x80:
		return asciiClasses[r]
	case r >= 0x3000 && r < 0x3100:
		return kanaClasses[r-0x3000]
	case r >= 0x4E00 && r <= 0x9FFF:
		return clWide // no rule names a CJK unified ideograph
	case r >= 0xFF00 && r < 0xFFF0:
		return formClasses[r-0xFF00]
	}
	return classify(r)
}

// classify works out the class of r from the rules themselves.
func classify(r rune) runeClass {
	var c runeClass
	if wide(r) {
		c |= clWide
	}
	if space(r) {
		c |= clSpace
	}
	if r == '\n' {
		c |= clNewline
	}
	if Combining(r) {
		c |= clCombining
	}
	if noEnd(r) {
		c |= clNoEnd
	}
	if noStart(r) {
		c |= clNoStart
	}
	if asciiCloser(r) {
		c |= clASCIICloser
	}
	if closer(r) {
		c |= clCloser
	}
	return c
}

// asciiClasses, kanaClasses and formClasses are classify of U+0000–U+007F,
// of U+3000–U+30FF (CJK symbols and punctuation, kana) and of
// U+FF00–U+FFEF (full- and halfwidth forms).
var asciiClasses, kanaClasses, formClasses = func() (a [0x80]runeClass, k [0x100]runeClass, f [0xF0]runeClass) {
	for r := range a {
		a[r] = classify(rune(r))
	}
	for r := range k {
		k[r] = classify(rune(0x3000 + r))
	}
	for r := range f {
		f[r] = classify(rune(0xFF00 + r))
	}
	return a, k, f
}()

// boundOf returns kind(k), with boundOpp where opp(k), for t not yet
// indexed, from the classes ca and cc of runes k-1 and k: the rules of
// kind and of canBreak, each rune classified once.
func (t *run) boundOf(k int, ca, cc runeClass) gapKind {
	glued := t.glued(k)
	var b gapKind
	switch {
	case glued || cc&clCombining != 0 || ca&clNewline != 0 || cc&clNewline != 0:
		b = gapFixed
	case t.gap != nil && t.gap[k] > 0:
		b = gapJL
	case ca&clSpace != 0 && cc&clSpace == 0:
		b = gapWord
	case ca&clSpace != 0 || cc&clSpace != 0:
		b = gapFixed
	case ca&clWide == 0 && cc&clWide == 0:
		b = gapFixed // inside Latin text
	case ca&clNoEnd != 0 || cc&clCloser != 0 || inseparable(t.rs[k-1], t.rs[k]):
		b = gapFixed
	default:
		b = gapChar
	}
	if glued || t.held(k) {
		return b
	}
	if t.zb != nil && t.zb[k] {
		return b | boundOpp
	}
	// canBreak
	switch {
	case ca&clNewline != 0:
		return b | boundOpp
	case cc&(clSpace|clNewline|clCombining) != 0:
		return b
	case cc&clNoStart != 0 || cc&clASCIICloser != 0 && ca&clWide != 0 || ca&clNoEnd != 0 || inseparable(t.rs[k-1], t.rs[k]):
		return b
	case ca&clSpace != 0 || ca&clWide != 0 || cc&clWide != 0:
		return b | boundOpp
	}
	return b
}

// widths returns the cumulative widths of t: cum[k] is the width of
// runes [0, k), in points.
func (t *run) widths() []float64 {
	if t.cum != nil {
		return t.cum
	}
	cum := make([]float64, len(t.ws)+1)
	for i, w := range t.ws {
		cum[i+1] = cum[i] + w
	}
	return cum
}

// elemOf returns the element that rune i is drawn in: its span's, else
// the block's.
func (t run) elemOf(i int, block *Elem) *Elem {
	if t.elems != nil {
		if e := t.elems[t.spanOf(i)]; e != nil {
			return e
		}
	}
	return block
}

// spanOf returns the span of rune k.
func (t *run) spanOf(k int) int { return int(t.span[k]) }

// style is the style of rune k, its span's: kept by span, not by rune,
// as a paragraph of a million characters has few spans.
func (t *run) style(k int) Style { return t.styles[t.spanOf(k)] }

// wholeSpan reports whether span si is one piece of data, copied whole.
func (t run) wholeSpan(si int) bool { return t.spans[si].Whole || t.spans[si].Code }

// cutAt reports whether rune k starts a span and the span before it or
// its own is one that lines break inside: its boxes then stand apart.
func (t run) cutAt(k int) bool {
	return t.cut != nil && t.spanOf(k) != t.spanOf(k-1) && (t.cut[t.spanOf(k)] || t.cut[t.spanOf(k-1)])
}

// cutSpans returns the whole spans of t that lines break inside.
func cutSpans(t run, lines []brokenLine) map[int]bool {
	var cut map[int]bool
	for _, l := range lines[:len(lines)-1] {
		if si := t.spanOf(l.end); l.end > 0 && t.spanOf(l.end-1) == si && t.wholeSpan(si) {
			if cut == nil {
				cut = map[int]bool{}
			}
			cut[si] = true
		}
	}
	return cut
}

// actual returns the text a copy of span si gives: its text as drawn
// (without the characters flatten drops, with the variation sequences it
// keeps).
func (t run) actual(si int) string {
	if t.vs == nil {
		return strings.Map(func(r rune) rune {
			if r == '\r' || Ignorable(r) {
				return -1
			}
			return r
		}, t.spans[si].Text)
	}
	i, _ := slices.BinarySearch(t.span, int32(si))
	j := i
	for j < len(t.span) && t.spanOf(j) == si {
		j++
	}
	return t.text(i, j)
}

// text returns runes [i, j) of t as drawn: each with its variation
// selector, if any.
func (t run) text(i, j int) string {
	if si := t.spanOf(i); t.off != nil && t.spanOf(j-1) == si && (t.dropped == nil || !t.dropped[si]) {
		// A piece of one span, every character of it kept: the
		// span's own text (a kept variation selector stands right
		// after its base there too).
		s := t.spans[si].Text
		end := len(s)
		if j < len(t.rs) && t.spanOf(j) == si {
			end = int(t.off[j])
		}
		return s[t.off[i]:end]
	}
	if t.vs == nil {
		return string(t.rs[i:j])
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		b.WriteRune(t.rs[k])
		if t.vs[k] != 0 {
			b.WriteRune(t.vs[k])
		}
	}
	return b.String()
}

// glued reports whether rune k continues the code span of rune k-1.
func (t *run) glued(k int) bool { return t.glue != nil && t.glue[k] }

// held reports whether a line may not break before rune k because of an
// unbreakable sequence.
func (t *run) held(k int) bool { return t.hold != nil && t.hold[k] }

// opp reports whether a line may break before rune k (0 < k < len).
func (t *run) opp(k int) bool {
	if t.bound != nil {
		return t.bound[k]&boundOpp != 0
	}
	return !t.glued(k) && !t.held(k) && (t.zb != nil && t.zb[k] || canBreak(t.rs[k-1], t.rs[k]))
}

// hyphen returns the width of the hyphen drawn where a line ends after
// rune k, at a soft hyphen; 0 for none.
func (t *run) hyphen(k int) float64 {
	if t.shy == nil || k < 0 || k+1 >= len(t.shy) {
		return 0
	}
	return t.shy[k+1]
}

// tail returns the space between Japanese and Latin text after rune k,
// counted in its width, in points, less the hyphen a soft hyphen after it
// draws: the width a line ending after rune k loses.
func (t *run) tail(k int) float64 {
	return t.gapAfter(k) - t.hyphen(k)
}

// gapAfter returns the space between Japanese and Latin text after rune
// k, or the (negative) space taken out between it and a full-width mark
// after it, counted in its width, in points.
func (t *run) gapAfter(k int) float64 {
	if t.gap == nil || k < 0 || k+1 >= len(t.gap) {
		return 0
	}
	return t.gap[k+1]
}

// Ignorable reports whether r is a default-ignorable character that
// pasted text carries (Unicode's Default_Ignorable_Code_Point): U+00AD
// soft hyphen, U+200B zero width space, U+200C and U+200D (non-)joiners,
// U+2060 word joiner, U+FEFF, and the variation selectors U+FE00 to
// U+FE0F and U+E0100 to U+E01EF. They take no width and are not drawn; a
// line may break at U+200B, and at U+00AD, where a hyphen is drawn. A
// variation selector after a character is kept, though, when the font
// draws the two as one glyph (see [Variants]).
func Ignorable(r rune) bool {
	switch {
	case r < 0xAD:
		return false // ASCII and most of Latin-1: the most asked
	case r == 0xAD, r >= 0x200B && r <= 0x200D, r == 0x2060, r == 0xFEFF:
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
		return true
	}
	return false
}

// Selector reports whether r is a variation selector: U+FE00 to U+FE0F
// or U+E0100 to U+E01EF (Unicode's variation sequences; an Ignorable
// character).
func Selector(r rune) bool {
	return r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF
}

// variant returns the width of base followed by the variation selector
// sel in face, in 1/1000 em, when m knows the sequence (see [Variants]).
func variant(m Metrics, face Face, base, sel rune) (int, bool) {
	if v, ok := m.(Variants); ok {
		return v.Variant(face, base, sel)
	}
	return 0, false
}

// jlSpace is the space between Japanese and Latin letters and digits, in
// em (JLReq 3.2.6), and how far justification may shrink and stretch it.
const (
	jlSpace   = 0.25
	jlShrink  = 0.125
	jlStretch = 0.5
)

// ideograph reports whether r is kana or kanji: the Japanese characters
// spaced from Latin letters and digits (punctuation and brackets are not).
func ideograph(r rune) bool {
	return r >= 0x3041 && r <= 0x309F || r >= 0x30A1 && r <= 0x30FA || r == 'ー' || r == '々' || r == '〆' ||
		r >= 0x3400 && r <= 0x4DBF || r >= 0x4E00 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF ||
		r >= 0x20000 && r <= 0x3FFFF
}

// alnum reports whether r is a Latin letter or digit (not fullwidth).
func alnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r >= 0xC0 && r < 0x250 && r != 0xD7 && r != 0xF7
}

// apart reports whether spans a and b are two, one of which is an
// element of its own (a link, a citation, code, a span in another
// language; see inlines) or a whole run of data (an indicator, a CVE
// id), or are one whole run: no space is set between Japanese and Latin
// text where they meet nor inside a whole run, since a reader copying the text would take the
// space at the edge of the element for a space in the text.
func apart(spans []Span, a, b int) bool {
	own := func(s Span) bool { return s.Cite || s.URL != "" || s.Dest != "" || s.Code || s.Lang != "" || s.Whole }
	return a != b && (own(spans[a]) || own(spans[b])) || spans[a].Whole
}

// citeNumber reports whether rune k is the number of a citation, after
// 文献 (文献1, （文献1）): a citation reads as one token, without the space
// between Japanese and Latin text (a house rule).
func citeNumber(rs []rune, k int) bool {
	return k >= 2 && rs[k-2] == '文' && rs[k-1] == '献' && digit(rs[k])
}

// jlPair reports whether a and b are Japanese and Latin text side by
// side: a kana or kanji next to a Latin letter or digit.
func jlPair(a, b rune) bool {
	if (a < 0x250) == (b < 0x250) {
		return false // an alnum lies below U+0250, an ideograph above
	}
	return ideograph(a) && alnum(b) || alnum(a) && ideograph(b)
}

// resolve returns the style of a span within a block of style base: a zero
// style takes base; a style without a size takes base's size.
func resolve(s, base Style) Style {
	if s == (Style{}) {
		return base
	}
	if s.Size <= 0 {
		s.Size = base.Size
	}
	return s
}

// runRoom is the room of the runs a layouter flattens one after another
// and drops once their lines are set (a paragraph's, a heading's, a list
// item's, a code block's): each reuses what the one before held. A run
// flattened in a runRoom is good until the next one is.
type runRoom struct {
	// slab, when not nil, makes the room a run keeps (a table cell's,
	// set once the columns are known): its usual slices are cut from
	// the slab's chunks rather than reused or allocated each.
	slab                          *slab
	rs, vs                        []rune
	ws, cum, gap, akiL, akiR, shy []float64
	span                          []int32
	off                           []int32
	styles                        []Style
	bound                         []gapKind
	kind                          []punctKind
	hold, glue, zb                []bool
}

// zeroed returns n zeros with room for c, in s when it has that room.
func zeroed[T any](s []T, n, c int) []T {
	if cap(s) < c {
		return make([]T, n, c)
	}
	s = s[:n]
	clear(s)
	return s
}

// flatten measures the spans. Characters the face lacks are recorded in
// miss and measured as zero.
func flatten(spans []Span, base Style, m Metrics, miss *missing) run {
	return flattenIn(nil, spans, base, m, miss)
}

// flattenIn is flatten in the room rm, reused (nil: the run's own).
func flattenIn(rm *runRoom, spans []Span, base Style, m Metrics, miss *missing) run {
	if rm == nil {
		rm = &runRoom{}
	}
	var t run
	t.spans = spans
	n := 0
	for _, sp := range spans {
		n += utf8.RuneCountInString(sp.Text)
	}
	if sl := rm.slab; sl != nil {
		rm.rs, rm.off = cut(&sl.runes, n), cut(&sl.i32, n)
		rm.ws, rm.cum = cut(&sl.floats, n), cut(&sl.floats, n+1)
		rm.span, rm.styles = cut(&sl.i32, n), cut(&sl.styles, len(spans))
		rm.bound = cut(&sl.kinds, n)
	}
	t.rs, t.ws = zeroed(rm.rs, 0, n), zeroed(rm.ws, 0, n)
	t.span = zeroed(rm.span, 0, n)
	t.off = zeroed(rm.off, 0, n)
	t.styles = grow(rm.styles, len(spans))
	pending := rune(0) // U+200B or U+00AD before the next rune
	for si, sp := range spans {
		st := resolve(sp.Style, base)
		t.styles[si] = st
		for bi, r := range sp.Text {
			if r == '\r' || r == utf8.RuneError {
				t.drop(si, len(spans))
			}
			if r == '\r' {
				continue
			}
			if Ignorable(r) {
				if (r == 0x200B || r == 0xAD) && len(t.rs) > 0 {
					pending = r
				}
				if k := len(t.rs) - 1; Selector(r) && k >= 0 && pending == 0 && (t.vs == nil || t.vs[k] == 0) && t.rs[k] != '\n' {
					// A variation sequence the font draws: one
					// character, of the sequence's width.
					if adv, ok := variant(m, t.style(k).Face, t.rs[k], r); ok {
						if t.vs == nil {
							t.vs = zeroed(rm.vs, k+1, n)
						}
						t.vs[k] = r
						t.ws[k] = float64(adv) / 1000 * t.style(k).Size
						if t.spanOf(k) != si {
							// The selector stands in
							// another span's text than its
							// base.
							t.drop(t.spanOf(k), len(spans))
							t.drop(si, len(spans))
						}
						continue
					}
				}
				t.drop(si, len(spans))
				continue
			}
			if pending != 0 {
				k := len(t.rs)
				if t.zb == nil {
					t.zb = zeroed(rm.zb, k, n)
				}
				t.zb = append(t.zb, true)
				if pending == 0xAD {
					if t.shy == nil {
						t.shy = zeroed(rm.shy, k, n)
					}
					hs := t.style(k - 1)
					if adv, ok := m.Advance(hs.Face, '-'); ok {
						t.shy = append(t.shy, float64(adv)/1000*hs.Size)
					} else {
						t.shy = append(t.shy, 0)
					}
				}
				pending = 0
			}
			if t.zb != nil && len(t.zb) == len(t.rs) {
				t.zb = append(t.zb, false)
			}
			if t.shy != nil && len(t.shy) == len(t.rs) {
				t.shy = append(t.shy, 0)
			}
			w := 0.0
			// A combining mark takes no room (see Combining).
			if Combining(r) {
				t.combining = true
			} else if r != '\n' {
				adv, ok := m.Advance(st.Face, r)
				if !ok || r == utf8.RuneError {
					miss.add(st.Face, r, sp.Text)
				} else {
					w = float64(adv) / 1000 * st.Size
				}
			}
			if sp.Code && len(t.rs) > 0 && t.spanOf(len(t.rs)-1) == si {
				if t.glue == nil {
					t.glue = zeroed(rm.glue, len(t.rs), n)
				}
				t.glue = append(t.glue, true)
			} else if t.glue != nil {
				t.glue = append(t.glue, false)
			}
			if t.vs != nil {
				t.vs = append(t.vs, 0)
			}
			t.rs = append(t.rs, r)
			t.ws = append(t.ws, w)
			t.span = append(t.span, int32(si))
			t.off = append(t.off, int32(bi))
		}
	}
	t.hold = holdIn(rm.hold, t.rs)
	for k := 1; k < len(t.rs); k++ {
		if jlPair(t.rs[k-1], t.rs[k]) && !t.glued(k) && !apart(spans, t.spanOf(k-1), t.spanOf(k)) && !citeNumber(t.rs, k) {
			if t.gap == nil {
				t.gap = zeroed(rm.gap, len(t.rs), len(t.rs))
			}
			g := jlSpace * max(t.style(k-1).Size, t.style(k).Size)
			t.gap[k] = g
			t.ws[k-1] += g
		}
	}
	t.yakumono(m, rm)
	t.index(rm)
	rm.keep(&t)
	return t
}

// keep keeps the room of t's slices for the next run.
func (rm *runRoom) keep(t *run) {
	rm.rs, rm.ws, rm.span, rm.off, rm.styles = t.rs, t.ws, t.span, t.off, t.styles
	if t.hold != nil {
		rm.hold = t.hold
	}
	if t.glue != nil {
		rm.glue = t.glue
	}
	if t.zb != nil {
		rm.zb = t.zb
	}
	if t.vs != nil {
		rm.vs = t.vs
	}
	if t.gap != nil {
		rm.gap = t.gap
	}
	if t.akiL != nil {
		rm.akiL, rm.akiR = t.akiL, t.akiR
	}
	if t.shy != nil {
		rm.shy = t.shy
	}
}

// drop records that a character of span si of the n spans is not among
// t's runes (see run.dropped).
func (t *run) drop(si, n int) {
	if t.dropped == nil {
		t.dropped = make([]bool, n)
	}
	t.dropped[si] = true
}

// missing collects the characters that no face can draw.
type missing struct {
	err *GlyphError
	// of, when set, is the text every character is found in (a code
	// block flattened a line at a time).
	of string
}

func (m *missing) add(face Face, r rune, text string) {
	if m.of != "" {
		text = m.of
	}
	if m.err == nil {
		m.err = &GlyphError{Face: face, Text: text}
	}
	if m.err.Face != face || m.err.Text != text {
		return
	}
	for _, x := range m.err.Runes {
		if x == r {
			return
		}
	}
	m.err.Runes = append(m.err.Runes, r)
}

// GlyphError reports characters that a face has no glyph for (or that lie
// above U+FFFF, which are never drawn). Text is the text they were found in.
type GlyphError struct {
	Face  Face
	Runes []rune
	Text  string
}

func (e *GlyphError) Error() string {
	var b strings.Builder
	b.WriteString("no glyph for ")
	for i, r := range e.Runes {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(RuneName(r))
	}
	fmt.Fprintf(&b, " in %q", e.Text)
	return b.String()
}

// RuneName names a character as "U+1F525 🔥" (the character itself left out
// where it is a control, format or invalid character: U+202E, never the
// override itself, which would turn the terminal's line around).
func RuneName(r rune) string {
	if r < 0x20 || r == 0x7F || r == utf8.RuneError || (r >= 0x80 && r < 0xA0) || unicode.Is(unicode.Cf, r) {
		return fmt.Sprintf("U+%04X", r)
	}
	return fmt.Sprintf("U+%04X %c", r, r)
}

// Missing returns the characters of s that face cannot draw, in order of
// first appearance and without duplicates. A newline is never missing (it
// breaks the line), nor an Ignorable character (never drawn).
func Missing(m Metrics, face Face, s string) []rune {
	var out []rune
	for _, r := range s {
		if r == '\n' || r == '\r' || Ignorable(r) {
			continue
		}
		if _, ok := m.Advance(face, r); ok && r != utf8.RuneError || slices.Contains(out, r) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// setLine is a line of text placed at a horizontal position: its boxes'
// Y are relative to the line's top. Its text boxes are textRefs.
type setLine struct {
	h     float64
	boxes []Box
	gap   bool // the space between two paragraphs ("\n\n"), no text
	// sure holds when every character of the text boxes was measured in
	// the box's face (see unit.sure).
	sure bool
}

// setting says how to place the lines of a text.
type setting struct {
	x, width float64
	leading  float64
	justify  bool // justify all but the last line (Japanese)
	phrases  bool // break between phrases, balanced (a heading)
	cell     bool // a table cell: no stub last line (see avoidStub)
	align    Align
	elem     *Elem // the structure element of the text (see Tag)
	// scr is the room reused from text to text (nil: the text's own).
	scr *scratch
	// fit, when not nil, is the fitter that broke the text into its
	// lines, whose prefix counts of the text's gaps and characters
	// count a line's where it still holds them (see lineCounts).
	fit *fitter
}

// scratch is the room a layouter reuses from text to text: the total
// fit's, the positions of a line's characters, and the runs of the texts
// set as soon as they are flattened (see runRoom).
type scratch struct {
	fit   fitter
	place []float64
	text  runRoom
	slab  slab
}

// slab hands out the room of what a layouter makes and keeps until it is
// placed (the text boxes and boxes of lines, the lines' units, the runs of
// table cells): pieces cut from chunks, one allocation for many. A piece
// is never handed out twice: a chunk goes once nothing cut from it is
// held any more.
type slab struct {
	texts  []TextBox
	boxes  []Box
	units  []unit
	runes  []rune // and the byte offsets of runs (int32)
	i32    []int32
	floats []float64
	ints   []int
	styles []Style
	kinds  []gapKind
}

// slabChunk is the size of a chunk of a slab, in bytes: a piece of more
// than a quarter of it is allocated on its own.
const slabChunk = 4096

// cut returns n zero elements, with room for no more (an append copies
// them), cut from the chunk c.
func cut[T any](c *[]T, n int) []T {
	size := slabChunk / max(int(unsafe.Sizeof(*new(T))), 1)
	if n > size/4 {
		return make([]T, n)
	}
	if cap(*c)-len(*c) < n {
		*c = make([]T, 0, size)
	}
	k := len(*c)
	*c = (*c)[:k+n]
	return (*c)[k : k+n : k+n]
}

// leadingOf returns the leading factor of t: its own, or the default of its breaking rules.
func leadingOf(t Text) float64 {
	if t.Leading > 0 {
		return t.Leading
	}
	if t.Breaking == Japanese {
		return 1.7
	}
	return 1.45
}

// setText breaks the text into lines and places each: justified lines
// by total fit (see breakTotal), others first fit.
func setText(t run, s setting) []setLine {
	if len(t.rs) == 0 {
		return nil
	}
	scr := s.scr
	if scr == nil {
		scr = &scratch{}
	}
	return setLines(t, s, scr)
}

// setTextTo is setText handing the lines to emit as they are set, a
// batch at a time, and returning the last batch: the lines of a long
// text are not all held at once (a justified one's are set as the total
// fit commits them; see fitSegment). An error of emit stops it and is
// returned as it is. Headings and cells are set as setText sets them.
func setTextTo(t run, s setting, emit func([]setLine) error) ([]setLine, error) {
	if len(t.rs) == 0 {
		return nil, nil
	}
	scr := s.scr
	if scr == nil {
		scr = &scratch{}
	}
	if s.phrases || s.cell {
		return setLines(t, s, scr), nil
	}
	// The whole spans cut by a line's end (see cutSpans) are known
	// batch by batch: a line that holds a part of such a span ends
	// inside it, or comes after one that does.
	var out []setLine
	place := func(lines []brokenLine) []setLine {
		for _, l := range lines {
			if l.end <= 0 || l.end >= len(t.rs) {
				continue
			}
			if si := t.spanOf(l.end); t.spanOf(l.end-1) == si && t.wholeSpan(si) {
				if t.cut == nil {
					t.cut, t.given = map[int]bool{}, map[int]bool{}
				}
				t.cut[si] = true
			}
		}
		out = out[:0]
		for _, l := range lines {
			out = append(out, placeLineIn(t, l, s, scr))
		}
		return out
	}
	if s.justify {
		f := &scr.fit
		s.fit = f // its counts count the lines' (see placeLineIn)
		f.emit = func(lines []brokenLine) error { return emit(place(lines)) }
		lines := breakTotalBy(f, t, s.width, true)
		err := f.err
		f.emit, f.err = nil, nil
		if err != nil {
			return nil, err
		}
		return place(lines), nil
	}
	lines := breakRun(t, s.width, false)
	for len(lines) > fitLines {
		if err := emit(place(lines[:fitLines])); err != nil {
			return nil, err
		}
		lines = lines[fitLines:]
	}
	return place(lines), nil
}

// setLines is setText in the room scr.
func setLines(t run, s setting, scr *scratch) []setLine {
	var lines []brokenLine
	if s.phrases {
		lines = breakPhrases(t, s.width)
	}
	switch {
	case lines != nil:
	case s.justify:
		lines = breakTotalBy(&scr.fit, t, s.width, true)
		// The total fit's counts of t's gaps and characters count
		// those of each line (see placeLineIn).
		s.fit = &scr.fit
	default:
		lines = breakRun(t, s.width, false)
		if s.cell {
			lines = avoidStub(t, lines, s.width)
		}
	}
	t.cut = cutSpans(t, lines)
	if t.cut != nil {
		t.given = map[int]bool{}
	}
	out := make([]setLine, 0, len(lines))
	for _, l := range lines {
		out = append(out, placeLineIn(t, l, s, scr))
	}
	return out
}

// anyWide reports whether rs holds a CJK character.
func anyWide(rs []rune) bool {
	for _, r := range rs {
		if wide(r) {
			return true
		}
	}
	return false
}

// placeLine turns one broken line into text boxes (and link boxes).
func placeLine(t run, l brokenLine, s setting) setLine {
	return placeLineIn(t, l, s, nil)
}

// placeLineIn is placeLine in the room scr: the line's positions in its
// scratch, reused from line to line of a text, its boxes cut from its
// slab (nil: its own).
func placeLineIn(t run, l brokenLine, s setting, scr *scratch) setLine {
	var scratch *[]float64
	var sl *slab
	if scr != nil {
		scratch, sl = &scr.place, &scr.slab
	}
	end := l.end
	for end > l.start && (space(t.rs[end-1]) || t.rs[end-1] == '\n' || t.rs[end-1] == '\t') {
		end--
	}
	size := 0.0
	for i := l.start; i < l.end; {
		// Span by span: the runes of a span share its size.
		si := t.spanOf(i)
		size = max(size, t.styles[si].Size)
		for i++; i < l.end && t.spanOf(i) == si; i++ {
		}
	}
	h := s.leading * size
	if end == l.start && l.end > l.start && t.rs[l.end-1] == '\n' {
		// A blank line ("\n\n") separates paragraphs of a list item or
		// a cell: a gap, not a whole empty line.
		return setLine{h: paragraphGap * size, gap: true}
	}
	baseline := (h-size)/2 + ascent*size
	// after[k] is the room after rune l.start+k beyond its advance: the
	// space between Japanese and Latin text, and what justification adds.
	// xs[i] is the left edge of rune l.start+i (and xs[end-l.start] the
	// line's end).
	n := end - l.start
	var buf []float64
	if scratch != nil && cap(*scratch) >= 2*n+1 {
		buf = (*scratch)[:2*n+1]
		clear(buf[:n])
	} else {
		buf = make([]float64, 2*n+1)
		if scratch != nil {
			*scratch = buf
		}
	}
	after, xs := buf[:n:n], buf[n:]
	if t.gap != nil {
		for i := l.start; i+1 < end; i++ {
			after[i-l.start] = t.gapAfter(i)
		}
	}
	// The line's natural width and gaps, where it is justified or set
	// from the right or the centre: a line set from the left needs
	// neither.
	natural := 0.0
	if s.justify || s.align != Left {
		for i := l.start; i < end; i++ {
			natural += t.ws[i]
		}
		natural -= t.tail(end - 1) // a soft hyphen's hyphen counted
	}
	if s.justify && end > l.start {
		var c gapCounts
		ok := false
		if s.fit != nil {
			c, ok = s.fit.lineCounts(l.start, end)
		}
		if !ok {
			for i := l.start; i < end; i++ {
				if i+1 < end {
					switch t.kind(i + 1) {
					case gapJL:
						c.jl++
					case gapWord:
						c.word++
					case gapChar:
						c.char++
					}
				}
				if alnum(t.rs[i]) {
					c.latin++
				} else if wide(t.rs[i]) {
					c.wide++
				}
			}
		}
		room := s.width - natural
		em := t.style(l.start).Size
		var akiF, hang float64
		if room < 0 {
			akiF, hang, room = t.giveUpAki(l.start, end, room)
		}
		// A line is justified to the margin but the last of a
		// paragraph; any line that overflows (squeezed punctuation) is
		// set tighter.
		sp := share(room, em, c, !l.hard)
		if sp.char > charMax*em+1e-9 || sp.jl > em || sp.word > 2*em {
			// A line that would open gaps between Japanese characters
			// past charMax (readers then take them for spaces), or
			// others wider than an em, is left unjustified rather
			// than torn apart: the total fit takes one only when a
			// break is forced before a piece wider than the room
			// left (see raggedCost).
			sp = spread{}
		}
		if sp.ok {
			for i := l.start; i+1 < end; i++ {
				switch t.kind(i + 1) {
				case gapJL:
					after[i-l.start] += sp.jl
				case gapWord:
					after[i-l.start] += sp.word
				case gapChar:
					after[i-l.start] += sp.char
				}
			}
			t.giveAki(l.start, end, akiF, hang, after)
			for _, a := range after {
				natural += a
			}
			natural -= sumOfTails(t, l.start, end)
		}
	}
	x := s.x
	switch s.align {
	case Right:
		x += s.width - natural
	case Center:
		x += (s.width - natural) / 2
	}
	cx := x
	spaced := false
	for i := l.start; i < end; i++ {
		a := after[i-l.start]
		xs[i-l.start] = cx
		cx += t.ws[i] - t.gapAfter(i) + a
		spaced = spaced || a != 0
	}
	xs[end-l.start] = cx
	boxes := cutBoxes(sl, 6)[:0] // a Tag and a box, a space, a link: most lines hold no more
	// A box holds the runes of one style and structure element; after
	// each rune comes its room (Gaps, or Spacing when all are equal).
	var tagged *Elem
	// The text boxes, put in their places in boxes (at) once their text
	// is final; the index in tbs where each element's run of them starts.
	var tbsRoom [4]TextBox
	var atRoom, runsRoom [8]int
	tbs, at, runs := tbsRoom[:0], atRoom[:0], runsRoom[:0]
	for i := l.start; i < end; {
		j := i + 1
		e := t.elemOf(i, s.elem)
		// (Runes of one span share its style and element, and no
		// line breaks a whole span between two of them.)
		for j < end && t.spanOf(j) == t.spanOf(i) {
			j++
		}
		for j < end && (t.spanOf(j) == t.spanOf(i) || t.style(j) == t.style(i) && t.elemOf(j, s.elem) == e || Combining(t.rs[j])) && !t.cutAt(j) {
			j++
		}
		if e != tagged || len(boxes) == 0 {
			boxes = append(boxes, Tag{Elem: e})
			tagged = e
			runs = append(runs, len(tbs))
		}
		b := TextBox{X: xs[i-l.start], Y: baseline, Text: t.text(i, j), Style: t.style(i)}
		gaps := after[i-l.start : j-l.start]
		if g, even := evenGaps(gaps); even {
			b.Spacing = g
		} else {
			b.Gaps = t.gapsOf(i, gaps)
			b.Gaps[len(b.Gaps)-1] = 0 // the next box starts at its own place
		}
		if si := t.spanOf(i); t.cut[si] {
			// A whole span cut by the line: its first box copies as
			// the span, the others as nothing.
			b.Replaced = true
			if !t.given[si] {
				b.Actual = t.actual(si)
				t.given[si] = true
			}
		}
		at = append(at, len(boxes))
		tbs = append(tbs, b)
		boxes = append(boxes, nil)
		i = j
	}
	// The hyphen and the space at the line's end, and where they stand
	// in boxes (-1: none).
	var hyphen, brk TextBox
	atHyphen, atBrk := -1, -1
	if h := t.hyphen(end - 1); h > 0 && end == l.end && end > l.start && (end < len(t.rs) || t.more) {
		// The line breaks at a soft hyphen: a hyphen after its last
		// character, which copies as nothing (the text has none).
		k := end - 1
		hyphen = TextBox{X: xs[k-l.start] + t.ws[k] - t.gapAfter(k), Y: baseline, Text: "-", Style: t.style(k), Replaced: true}
		atHyphen = len(boxes)
		boxes = append(boxes, nil)
	}
	for r, first := range runs {
		if !spaced {
			break
		}
		last := len(tbs)
		if r+1 < len(runs) {
			last = runs[r+1]
		}
		// A reader that takes a wide gap for a space copies the line's
		// text as written: one /ActualText span over each element's run
		// of boxes, holding the run's text (a whole span cut by the line
		// as that span).
		var line strings.Builder
		for k := first; k < last; k++ {
			b := &tbs[k]
			if b.Replaced {
				line.WriteString(b.Actual)
			} else {
				line.WriteString(b.Text)
			}
			b.Replaced, b.Actual = true, ""
		}
		tbs[first].Actual, tbs[first].ActualBoxes = line.String(), last-first
	}
	// The characters drawn were measured in their faces, but combining
	// marks (and a tab or newline drawn as the space below).
	sure := !t.combining
	if end > l.start && end < l.end && (l.end < len(t.rs) || t.more) {
		// The line breaks at a space or a forced break, which it does
		// not draw: a reader that joins the lines of the structure
		// without their ends (a screen reader, poppler's struct text)
		// needs the word boundary. A space box at the line's end
		// draws nothing and keeps it, in the element of the space.
		// A line broken between Japanese characters or inside a word
		// has none.
		if e := t.elemOf(end, s.elem); e != tagged {
			boxes = append(boxes, Tag{Elem: e})
			tagged = e
		}
		brk = TextBox{X: xs[end-l.start], Y: baseline, Text: " ", Style: t.style(end), Break: true}
		atBrk = len(boxes)
		boxes = append(boxes, nil)
		sure = sure && t.rs[end] == ' '
	}
	// The text boxes in one piece of room, which boxes point into.
	nt := len(tbs)
	if atHyphen >= 0 {
		nt++
	}
	if atBrk >= 0 {
		nt++
	}
	texts := cutTexts(sl, nt)
	copy(texts, tbs)
	for k := range tbs {
		boxes[at[k]] = textRef{&texts[k]}
	}
	k := len(tbs)
	if atHyphen >= 0 {
		texts[k] = hyphen
		boxes[atHyphen] = textRef{&texts[k]}
		k++
	}
	if atBrk >= 0 {
		texts[k] = brk
		boxes[atBrk] = textRef{&texts[k]}
	}
	// Links over the fragments of linked spans; boxes under the fragments
	// of filled spans (labels), drawn before the text.
	var fills []Box
	for i := l.start; i < end; {
		sp := t.spans[t.spanOf(i)]
		j := i + 1
		for j < end && t.spanOf(j) == t.spanOf(i) {
			j++
		}
		x0 := xs[i-l.start]
		x1 := xs[j-1-l.start] + t.ws[j-1] - t.gapAfter(j-1)
		if sp.URL != "" || sp.Dest != "" {
			if e := t.elemOf(i, s.elem); e != tagged {
				boxes = append(boxes, Tag{Elem: e})
				tagged = e
			}
			boxes = append(boxes, Link{X: x0, Y: 0, W: x1 - x0, H: h, URL: sp.URL, Dest: sp.Dest})
		}
		if st := t.style(i); st.Strike || st.Dots {
			boxes = append(boxes, marks(t, i, j, xs[i-l.start:], baseline)...)
		}
		if sp.Fill != nil {
			c := *sp.Fill
			sz := t.style(i).Size
			padX, padY := 0.4*sz, 0.15*sz
			fills = append(fills, Rect{X: x0 - padX, Y: baseline - ascent*sz - padY, W: x1 - x0 + 2*padX, H: sz + 2*padY, Fill: &c})
		}
		i = j
	}
	if len(fills) > 0 {
		boxes = append(fills, boxes...)
	}
	return setLine{h: h, boxes: boxes, sure: sure}
}

// sumOfTails returns the Japanese–Latin spaces after the runes [i, j-1)
// of t, in points.
func sumOfTails(t run, i, j int) float64 {
	s := 0.0
	for k := i; k+1 < j; k++ {
		s += t.gapAfter(k)
	}
	return s
}

// gapsOf returns the room after each rune of the text of runes [i,
// i+len(gaps)) of t (see text): gaps, with a variation selector's room
// that of its sequence and its base's none (see TextBox.Gaps).
func (t run) gapsOf(i int, gaps []float64) []float64 {
	out := make([]float64, 0, len(gaps))
	for k, g := range gaps {
		if t.vs != nil && t.vs[i+k] != 0 {
			out = append(out, 0)
		}
		out = append(out, g)
	}
	return out
}

// evenGaps reports whether the room after every rune of a box but the
// last (whose room the next box's place gives) is the same, and what it is.
func evenGaps(gaps []float64) (float64, bool) {
	g := gaps[0]
	for _, x := range gaps[:len(gaps)-1] {
		if math.Abs(x-g) > 1e-9 {
			return 0, false
		}
	}
	return g, true
}

// marks returns the strike-through line and the emphasis dots (傍点) of
// the runes [i, j) of t, whose left edges are xs (xs[0] is rune i's), on a
// line whose baseline is at y.
func marks(t run, i, j int, xs []float64, y float64) []Box {
	st := t.style(i)
	sz := st.Size
	var out []Box
	if st.Strike {
		x1 := xs[j-1-i] + t.ws[j-1] - t.gapAfter(j-1)
		// Through the middle of lower-case letters, or of kana and
		// kanji, which stand higher.
		h := 0.3 * sz
		if anyWide(t.rs[i:j]) {
			h = 0.37 * sz
		}
		out = append(out, Line{X1: xs[0], Y1: y - h, X2: x1, Y2: y - h, Color: st.Color, Width: 0.07 * sz})
	}
	if st.Dots {
		c := st.Color
		// Centred on the character, clear of the tallest kanji.
		r := 0.09 * sz
		cy := y - ascent*sz - 0.27*sz
		for k := i; k < j; k++ {
			if space(t.rs[k]) || t.rs[k] == '\n' || t.ws[k] == 0 {
				continue
			}
			cx := xs[k-i] + (t.ws[k]-t.gapAfter(k))/2
			pts := make([]Point, 8)
			for n := range pts {
				a := float64(n) * math.Pi / 4
				pts[n] = Point{cx + r*math.Cos(a), cy + r*math.Sin(a)}
			}
			out = append(out, Polygon{Points: pts, Fill: &c})
		}
	}
	return out
}

// cutBoxes returns n boxes cut from sl (nil: allocated).
func cutBoxes(sl *slab, n int) []Box {
	if sl == nil {
		return make([]Box, n)
	}
	return cut(&sl.boxes, n)
}

// cutTexts returns n text boxes cut from sl (nil: allocated).
func cutTexts(sl *slab, n int) []TextBox {
	if sl == nil {
		return make([]TextBox, n)
	}
	return cut(&sl.texts, n)
}
