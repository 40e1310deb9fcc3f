package render

import (
	"encoding/binary"
	"errors"
	"math"
	"math/bits"
	"strconv"
	"unicode/utf8"

	"briefing/briefing/layout"
)

// A page is drawn as soon as [Document.Page] gets it, but the fonts are
// made once every page is known (a subset holds the characters of all
// of them, its glyphs numbered in the order of their characters), and
// the pictures are named in the order the pages and their furniture
// first draw them. So the content stream of a page is first written with
// placeholders, each a byte from 0x01 to 0x04 (which a content stream
// never holds otherwise) and the bytes after it:
//
//	0x01 slot(2) size(8)  select font slot at size pt (a float64's bits)
//	0x02 slot(2) n(1) rune(3)…
//	                      the glyphs of the n runes in font slot, each as
//	                      4 hex digits
//	0x03 picture(3)       the resource name of picture n (by survey index)
//	0x04 slot(2) base(3) baseslot(2) spacing(8) size(8) n(4) text(n) gaps(4) gap(8)…
//	                      a stretch of text with combining marks or
//	                      variation selectors, drawn as drawer.marked draws
//	                      it (its glyphs are chosen with the fonts' outlines
//	                      and variation sequences): the character before it
//	                      and its slot (0: none), the box's character
//	                      spacing and size, and the room after each of its
//	                      characters (none when the box has no gaps)
//
// A slot is a font of a face's chain (its face and index), numbered from
// 1 in the order first drawn; [Document.Close] replaces the placeholders
// with what a drawer knowing the fonts writes: the same bytes.

// stubs draws pages before the fonts are made.
type stubs struct {
	chains Chains // nil: one font a face
	slots  map[[2]int]int
	list   [][2]int                  // slot-1 → face, index
	fonts  map[layout.Face][]pdfFont // placeholders by face, grown as drawn
	sv     *surveyor
}

func newStubs(fonts Fonts, sv *surveyor) *stubs {
	c, _ := fonts.(Chains)
	return &stubs{chains: c, slots: map[[2]int]int{}, fonts: map[layout.Face][]pdfFont{}, sv: sv}
}

// errSlots is returned past 65,535 fonts.
var errSlots = errors.New("too many fonts")

// segments appends to segs the stretches of s drawn with one font of
// face's chain, as segments does with the fonts made, and returns the
// chain's placeholders. A character's font is the first of the chain that
// has it: the one segments finds its glyph in; one that no font has (a
// variation selector) stays in the stretch it is in.
func (s *stubs) segments(segs []segment, face layout.Face, text string) ([]pdfFont, []segment) {
	if s.chains == nil || s.chains.Chain(face) <= 1 {
		// One font draws everything (or names what it cannot).
		segs = append(segs, segment{0, text})
	} else {
		cur, start := -1, 0
		for i, r := range text {
			f := s.chains.Pick(face, r)
			if f < 0 {
				// No font has it (a variation selector): it stays
				// in the stretch it is in.
				f = max(cur, 0)
			}
			if f != cur {
				if cur >= 0 && i > start {
					segs = append(segs, segment{cur, text[start:i]})
				}
				cur, start = f, i
			}
		}
		segs = append(segs, segment{max(cur, 0), text[start:]})
	}
	fcs := s.fonts[face]
	for _, sg := range segs {
		for len(fcs) <= sg.font {
			k := [2]int{int(face), len(fcs)}
			n, ok := s.slots[k]
			if !ok {
				if len(s.list) >= math.MaxUint16 {
					panic(errSlots)
				}
				s.list = append(s.list, k)
				n = len(s.list)
				s.slots[k] = n
			}
			fcs = append(fcs, pdfFont{name: "\x00" + strconv.Itoa(n), slot: n})
		}
	}
	s.fonts[face] = fcs
	return fcs, segs
}

// image returns the placeholder of picture b's name.
func (s *stubs) image(b layout.Image) (string, bool) {
	i, ok := s.sv.seen[string(b.Data)]
	if !ok {
		return "", false
	}
	return string([]byte{3, byte(i >> 16), byte(i >> 8), byte(i)}), true
}

// markedStub writes the placeholder of a stretch of text box b in font
// fc (a placeholder) that holds combining marks or variation selectors,
// and moves d.base as drawer.marked would. ri is the index in b.Text of
// the stretch's first rune; it returns the index after its last.
func (d *drawer) markedStub(text string, b layout.TextBox, fc *pdfFont, ri int) int {
	d.stubbed = true
	bs := 0
	if d.base.font != nil {
		bs = d.base.font.slot
	}
	c := append(d.buf, 4, byte(fc.slot>>8), byte(fc.slot), byte(d.base.r>>16), byte(d.base.r>>8), byte(d.base.r), byte(bs>>8), byte(bs))
	c = binary.BigEndian.AppendUint64(c, math.Float64bits(b.Spacing))
	c = binary.BigEndian.AppendUint64(c, math.Float64bits(b.Style.Size))
	c = binary.BigEndian.AppendUint32(c, uint32(len(text)))
	c = append(c, text...)
	n := utf8.RuneCountInString(text)
	if b.Gaps == nil {
		c = binary.BigEndian.AppendUint32(c, 0)
	} else {
		c = binary.BigEndian.AppendUint32(c, uint32(n))
		for k := range n {
			g := 0.0
			if ri+k < len(b.Gaps)-1 {
				g = b.Gaps[ri+k]
			}
			c = binary.BigEndian.AppendUint64(c, math.Float64bits(g))
		}
	}
	d.buf = c
	for _, r := range text {
		if !layout.Combining(r) && !layout.Selector(r) {
			d.base = base{r, fc}
		}
	}
	return ri + n
}

// expandMarked draws the stretch of text of the placeholder 0x04 at the
// start of c (see markedStub) with the fonts of each slot, and returns
// the bytes after it.
func expandMarked(d *drawer, c []byte, slots []*pdfFont) []byte {
	be := binary.BigEndian
	fc := slots[int(be.Uint16(c[1:]))-1]
	d.base = base{}
	if bs := int(be.Uint16(c[6:])); bs > 0 {
		d.base = base{rune(c[3])<<16 | rune(c[4])<<8 | rune(c[5]), slots[bs-1]}
	}
	var b layout.TextBox
	b.Spacing = math.Float64frombits(be.Uint64(c[8:]))
	b.Style.Size = math.Float64frombits(be.Uint64(c[16:]))
	n := int(be.Uint32(c[24:]))
	text := string(c[28 : 28+n])
	c = c[28+n:]
	if k := int(be.Uint32(c)); k > 0 {
		b.Gaps = make([]float64, k+1)
		for i := range k {
			b.Gaps[i] = math.Float64frombits(be.Uint64(c[4+8*i:]))
		}
		c = c[8*k:]
	}
	d.marked(text, b, fc, 0)
	return c[4:]
}

func appendFontStub(b []byte, slot int, size float64) []byte {
	b = append(b, 1, byte(slot>>8), byte(slot))
	return binary.BigEndian.AppendUint64(b, math.Float64bits(size))
}

func appendGlyphStub(b []byte, slot int, r rune) []byte {
	return append(b, 2, byte(slot>>8), byte(slot), 1, byte(r>>16), byte(r>>8), byte(r))
}

// expand appends to d.buf the content stream c drawn with placeholders,
// with the fonts of each slot (slots[n-1]) and the names of the pictures
// (by survey index), selecting a font only where d's drawing would have
// (not again when it is the font set), and leaves d's font as it would be.
func expand(d *drawer, c []byte, slots []*pdfFont, pictures []string) {
	buf := d.buf
	for len(c) > 0 {
		i := plain(c)
		buf = append(buf, c[:i]...)
		if i == len(c) {
			break
		}
		c = c[i:]
		switch c[0] {
		case 1:
			fc := slots[(int(c[1])<<8|int(c[2]))-1]
			size := math.Float64frombits(binary.BigEndian.Uint64(c[3:]))
			if !d.fontSet || d.font != fc.name || d.size != size {
				buf = appendTf(buf, fc.name, size)
				d.font, d.size, d.fontSet = fc.name, size, true
			}
			c = c[11:]
		case 2:
			// A run of the glyphs of a text.
			gm := slots[(int(c[1])<<8|int(c[2]))-1].glyph
			end := 4 + 3*int(c[3])
			for j := 4; j < end; j += 3 {
				g, _ := gm.get(rune(c[j])<<16 | rune(c[j+1])<<8 | rune(c[j+2]))
				buf = appendHex16(buf, g)
			}
			c = c[end:]
		case 3:
			buf = append(buf, pictures[int(c[1])<<16|int(c[2])<<8|int(c[3])]...)
			c = c[4:]
		case 4:
			d.buf = buf
			c = expandMarked(d, c, slots)
			buf = d.buf
		default:
			panic("render: a placeholder byte " + strconv.Itoa(int(c[0])))
		}
	}
	d.buf = buf
}

// plain returns the length of the stretch c starts with that holds no
// placeholder: the index of its first byte below 0x05, else len(c). It
// reads eight bytes at a time: a byte below 5 is one whose top bit the
// subtraction of 5 sets while its own top bit is clear (the first such is
// found exactly, the bytes before it borrowing nothing).
func plain(c []byte) int {
	i := 0
	for ; i+8 <= len(c); i += 8 {
		x := binary.LittleEndian.Uint64(c[i:])
		if m := (x - 0x0505050505050505) &^ x & 0x8080808080808080; m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for i < len(c) && c[i] > 4 {
		i++
	}
	return i
}
