package render

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"briefing/briefing/layout"
	"briefing/briefing/ttf"
)

// Combining marks (see layout.Combining): a mark takes no room of its own
// and is drawn over the character before it. Each character-and-mark pair
// a document draws gets a glyph of its own in the embedded font: the
// mark's outline moved over that character, of no advance, drawn right
// after it (as a font's own mark positioning would place it), which the
// ToUnicode map copies back as the mark. Readers then see the character
// and the mark in the order written, the mark inside the character's box.

// pair is a character and a combining mark drawn over it.
type pair struct{ base, mark rune }

// overlay is the glyph that draws a pair's mark.
type overlay struct {
	p   pair
	gid uint16
}

// withMarks returns font with a glyph for the mark of each of pairs, and
// those glyphs, in the order of the pairs. Each pair comes with the font
// that draws its base: font itself, or another font of the chain (a base
// in Noto Sans CJK, U+0303 only in BIZ UDPGothic), whose outlines then
// place the mark.
func withMarks(font *ttf.Font, pairs map[pair]*ttf.Font) (*ttf.Font, []overlay, error) {
	ps := make([]pair, 0, len(pairs))
	for p := range pairs {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b pair) int { return cmp.Or(cmp.Compare(a.base, b.base), cmp.Compare(a.mark, b.mark)) })
	os := make([]ttf.Overlay, len(ps))
	out := make([]overlay, len(ps))
	for i, p := range ps {
		g, _ := font.Glyph(p.mark)
		if bf := pairs[p]; bf != font {
			dx, dy := placeMark(bf, p.base, font, p.mark)
			em := float64(font.UnitsPerEm())
			os[i] = ttf.Overlay{Of: g, DX: clamp16(dx * em), DY: clamp16(dy * em)}
		} else {
			dx, dy := markOffset(font, p.base, p.mark)
			bw, _ := font.Glyph(p.base)
			// From the end of the base, where the glyph is drawn.
			os[i] = ttf.Overlay{Of: g, DX: clamp16(dx - float64(font.GlyphAdvance(bw))), DY: clamp16(dy)}
		}
		out[i] = overlay{p: p, gid: uint16(font.NumGlyphs() + i)}
	}
	prog, err := font.WithOverlays(os)
	if err != nil {
		return nil, nil, fmt.Errorf("combining marks: %w", err)
	}
	f, err := ttf.Parse(prog)
	if err != nil {
		return nil, nil, fmt.Errorf("combining marks: %w", err)
	}
	return f, out, nil
}

// overlayKey tells fonts with the same characters but other marks apart
// in their subset tags.
func overlayKey(os []overlay) string {
	b := make([]byte, 0, 12*len(os))
	for _, o := range os {
		b = strconv.AppendInt(b, int64(o.p.base), 16)
		b = strconv.AppendInt(b, int64(o.p.mark), 16)
	}
	return string(b)
}

func clamp16(v float64) int16 {
	return int16(max(math.MinInt16, min(math.MaxInt16, math.Round(v))))
}

// hasMarks reports whether s holds a combining mark or a variation
// selector: a character drawn with the one before it.
func hasMarks(s string) bool {
	for _, r := range s {
		if layout.Combining(r) || layout.Selector(r) {
			return true
		}
	}
	return false
}

// selectorAt returns the variation selector at byte i of s, or 0.
func selectorAt(s string, i int) rune {
	if r, _ := utf8.DecodeRuneInString(s[i:]); layout.Selector(r) {
		return r
	}
	return 0
}

// base is a character drawn and the font that drew it.
type base struct {
	r    rune
	font *pdfFont
}

// marked writes a stretch of a text box drawn in font fc whose text holds
// combining marks or variation selectors or whose gaps differ (b.Gaps),
// as a TJ array. A character followed by a variation selector that fc
// draws as a sequence is drawn as the sequence's glyph, then the
// selector's empty glyph, of no advance, at the end of the sequence's
// advance (character spacing, Tc, taken back before it and added again
// after it; the sequence's room, b.Gaps, after it), which copies back as
// the selector; a selector fc has no sequence for is not drawn. A mark of
// a TrueType font is drawn as the glyph the font was given for that pair,
// over the character before it whichever font of the chain drew that
// (see withMarks). A mark of a CFF font, which cannot be given such
// glyphs, is drawn as its own glyph moved over the character (see
// placed). A mark's glyph has no advance, but character spacing (Tc)
// would still be added after it: it is taken back, so that the text runs
// on as the layout measured it. The room after each character (b.Gaps)
// is a displacement. ri is the index in b.Text of the stretch's first
// rune; marked returns the index after its last.
func (d *drawer) marked(text string, b layout.TextBox, fc *pdfFont, ri int) int {
	back := ""
	if b.Spacing != 0 {
		back = " " + string(appendRounded(nil, b.Spacing*1000/b.Style.Size)) + " "
	}
	d.buf = append(d.buf, "[<"...)
	seq := false // the character before was drawn as its sequence's glyph
	for i, r := range text {
		switch {
		case layout.Selector(r):
			if sg, has := fc.sels[r]; seq && has {
				// At the end of its sequence's advance: the
				// spacing after the sequence is taken back before
				// it and comes again after it.
				if back != "" {
					d.buf = append(d.buf, '>')
					d.buf = append(d.buf, back...)
					d.buf = append(d.buf, '<')
				}
				d.buf = appendHex16(d.buf, sg)
			}
			seq = false
		case !layout.Combining(r):
			// A text with a selector is drawn once the fonts are made
			// (see drawer.markedStub): fc is then no placeholder.
			var v uint16
			seq = false
			if len(fc.seqs) > 0 {
				v, seq = fc.seqs[ttf.Sequence{Base: r, Selector: selectorAt(text, i+utf8.RuneLen(r))}]
			}
			if seq {
				d.buf = appendHex16(d.buf, v)
			} else {
				d.appendGlyph(fc, r)
			}
			d.base = base{r, fc}
		default: // a combining mark
			switch g, ok := fc.marks[pair{d.base.r, r}]; {
			case ok && d.base.font != nil:
				d.buf = appendHex16(d.buf, g)
				if back != "" {
					d.buf = append(d.buf, '>')
					d.buf = append(d.buf, back...)
					d.buf = append(d.buf, '<')
				}
			case d.base.font == nil:
				g, _ := fc.glyph.get(r)
				d.buf = appendHex16(d.buf, g) // a mark over nothing
			default:
				d.placed(r, b, fc)
			}
		}
		if ri < len(b.Gaps)-1 && b.Gaps[ri] != 0 {
			// TJ displaces by minus thousandths of the text size.
			d.buf = append(d.buf, "> "...)
			d.buf = appendRounded(d.buf, -b.Gaps[ri]*1000/b.Style.Size)
			d.buf = append(d.buf, " <"...)
		}
		ri++
	}
	d.buf = append(d.buf, ">] TJ "...)
	return ri
}

// placed writes, inside a TJ array, mark r of font fc moved over the
// character before it (d.base): the pen moves back to where the mark is
// drawn (and the text rise, Ts, lifts it when it would touch a tall
// character), the mark is drawn, and the pen returns to the end of the
// character, as the layout measured it.
func (d *drawer) placed(r rune, b layout.TextBox, fc *pdfFont) {
	dx, dy := placeMark(d.base.font.font, d.base.r, fc.font, r)
	adv, _ := fc.font.Advance(r)
	num := func(v float64) {
		d.buf = appendRounded(d.buf, v)
	}
	d.buf = append(d.buf, '>')
	if dy != 0 {
		d.buf = append(d.buf, "] TJ "...)
		num(dy * b.Style.Size)
		d.buf = append(d.buf, " Ts ["...)
	}
	num(-dx * 1000)
	d.buf = append(d.buf, '<')
	g, _ := fc.glyph.get(r)
	d.buf = appendHex16(d.buf, g)
	d.buf = append(d.buf, '>')
	num(dx*1000 + float64(adv) + b.Spacing*1000/b.Style.Size)
	if dy != 0 {
		d.buf = append(d.buf, "] TJ 0 Ts ["...)
	}
	d.buf = append(d.buf, '<')
}

// placeMark returns where mark m of font mf is drawn over the character
// c of font cf, from the end of c's advance, in em of the text's size (y
// up): by the rules of markOffset, from each font's own outlines.
func placeMark(cf *ttf.Font, c rune, mf *ttf.Font, m rune) (dx, dy float64) {
	ce, me := float64(cf.UnitsPerEm()), float64(mf.UnitsPerEm())
	cw, _ := cf.Advance(c)
	bw := float64(cw) / 1000
	mw, _ := mf.Advance(m)
	mx0, my0, mx1, ok := 0.0, 0.0, float64(mw)/1000, false
	if a, b, c, _, has := mf.Bounds(m); has {
		mx0, my0, mx1, ok = float64(a)/me, float64(b)/me, float64(c)/me, true
	}
	if m == 0x3099 || m == 0x309A {
		return -0.025 - mx1, 0
	}
	bx0, bx1, by1, bok := 0.0, bw, 0.0, false
	if a, _, c, d, has := cf.Bounds(c); has {
		bx0, bx1, by1, bok = float64(a)/ce, float64(c)/ce, float64(d)/ce, true
	}
	dx = (bx0+bx1)/2 - (mx0+mx1)/2
	if ok && bok && my0 > 0 && by1 > my0 {
		dy = by1 + 0.04 - my0
	}
	return dx - bw, dy
}

// markOffset returns where the combining mark m is drawn over the
// character base, from base's origin, in font units (y up): a kana
// voicing mark (U+3099, U+309A) with its ink's right edge 0.025 em inside
// the base's advance, where the precomposed が and パ have it; any other
// mark with its ink centred over the base's ink and, when it would touch
// the base (a tilde over a capital), raised to clear it by 0.04 em.
// Without outlines the advance boxes stand in for the ink.
func markOffset(f *ttf.Font, base, m rune) (dx, dy float64) {
	em := float64(f.UnitsPerEm())
	bg, _ := f.Glyph(base)
	mg, _ := f.Glyph(m)
	bw, mw := float64(f.GlyphAdvance(bg)), float64(f.GlyphAdvance(mg))
	ink := func(r rune) (x0, y0, x1, y1 float64, ok bool) {
		a, b, c, d, ok := f.Bounds(r)
		return float64(a), float64(b), float64(c), float64(d), ok
	}
	mx0, my0, mx1, _, mok := ink(m)
	if !mok {
		mx0, mx1 = 0, mw
	}
	if m == 0x3099 || m == 0x309A {
		return bw - 0.025*em - mx1, 0
	}
	bx0, _, bx1, by1, bok := ink(base)
	if !bok {
		bx0, bx1 = 0, bw
	}
	dx = (bx0+bx1)/2 - (mx0+mx1)/2
	if mok && bok && my0 > 0 && by1 > my0 {
		dy = by1 + 0.04*em - my0
	}
	return dx, dy
}
