package ttf

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// Overlay is a glyph to add to a font: glyph Of moved DX, DY font units
// (y up) from the origin, with no advance. Drawn right after a character,
// it stands over it: a combining mark placed over its base (x + U+0303),
// the way a font with mark positioning would place it.
type Overlay struct {
	Of     uint16
	DX, DY int16
}

// WithOverlays returns the font with a composite glyph added for each
// overlay, numbered from [Font.NumGlyphs] on in order, each of no advance.
// The font keeps its character map, outlines, metrics and hinting
// tables; the tables that count glyphs and are not needed to draw them
// (glyph positioning and substitution, kerning, device metrics, glyph
// names) are left out.
func (f *Font) WithOverlays(os []Overlay) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%w: damaged file (%w: %v)", ErrFormat, errInternal, r)
		}
	}()
	if f.cff != nil {
		return f.cffOverlays(os)
	}
	n := f.numGlyphs
	if n+len(os) > 0xFFFF {
		return nil, fmt.Errorf("%w: too many glyphs to add %d", ErrFormat, len(os))
	}
	glyf := slices.Clone(f.tab("glyf")[:f.locaAt(n)])
	for len(glyf)%4 != 0 {
		glyf = append(glyf, 0)
	}
	offsets := make([]int, 0, n+len(os)+1)
	for g := range n {
		offsets = append(offsets, int(f.locaAt(g)))
	}
	maxp := slices.Clone(f.tab("maxp"))
	hm := f.hmtxOf(n)
	be := binary.BigEndian
	for _, o := range os {
		offsets = append(offsets, len(glyf))
		if int(o.Of) >= n {
			return nil, fmt.Errorf("%w: no glyph %d to overlay", ErrFormat, o.Of)
		}
		d := f.glyphData(o.Of)
		lsb := uint16(0)
		if len(d) >= 10 {
			var g [20]byte
			be.PutUint16(g[0:], 0xFFFF) // numberOfContours -1: composite
			for k, v := range []int16{o.DX, o.DY, o.DX, o.DY} {
				be.PutUint16(g[2+2*k:], uint16(i16(d, 2+2*k)+v))
			}
			be.PutUint16(g[10:], argsAreWords|argsAreXYValues)
			be.PutUint16(g[12:], o.Of)
			be.PutUint16(g[14:], uint16(o.DX))
			be.PutUint16(g[16:], uint16(o.DY))
			glyf = append(glyf, g[:]...) // 18 bytes and 2 of padding
			lsb = u16(g[:], 2)
			if len(maxp) >= 32 {
				raise(maxp, 28, 1) // maxComponentElements
				depth := 1
				if i16(d, 0) < 0 {
					depth = int(u16(maxp, 30)) + 1
				} else if c := int(i16(d, 0)); c > 0 && 10+2*c <= len(d) {
					raise(maxp, 10, int(u16(d, 10+2*(c-1)))+1) // maxCompositePoints
					raise(maxp, 12, c)                         // maxCompositeContours
				}
				raise(maxp, 30, depth) // maxComponentDepth
			}
		}
		hm = append(hm, 0, 0, byte(lsb>>8), byte(lsb))
	}
	offsets = append(offsets, len(glyf))
	total := n + len(os)
	loca := make([]byte, 4*len(offsets))
	for i, o := range offsets {
		be.PutUint32(loca[4*i:], uint32(o))
	}
	head := slices.Clone(f.tab("head"))
	be.PutUint32(head[8:], 0)
	be.PutUint16(head[50:], 1) // long offsets
	hhea := slices.Clone(f.tab("hhea"))
	be.PutUint16(hhea[34:], uint16(total))
	be.PutUint16(maxp[4:], uint16(total))
	tables := map[string][]byte{
		"cmap": f.tab("cmap"), "glyf": glyf, "loca": loca, "hmtx": hm, "head": head,
		"hhea": hhea, "maxp": maxp, "post": f.subsetPost(), "name": f.subsetName(),
	}
	for _, tag := range []string{"OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if t := f.tab(tag); t != nil {
			tables[tag] = t
		}
	}
	return assemble(tables, false), nil
}

// argsAreXYValues marks a composite glyph's component arguments as an
// offset, not points to match.
const argsAreXYValues = 0x0002

// raise sets the uint16 at off in b to v when v is larger.
func raise(b []byte, off, v int) {
	if v > int(u16(b, off)) {
		binary.BigEndian.PutUint16(b[off:], uint16(v))
	}
}

// hmtxOf returns a horizontal metrics table with a full metric for each
// of the first n glyphs.
func (f *Font) hmtxOf(n int) []byte {
	ids := make([]uint16, n)
	for i := range ids {
		ids[i] = uint16(i)
	}
	return f.subsetHmtx(ids, nil)
}

// cffOverlays is WithOverlays for a font with CFF outlines: each overlay
// is the mark's charstring written out, moved and of no advance (see
// flatten), in the mark's Font DICT.
func (f *Font) cffOverlays(os []Overlay) ([]byte, error) {
	n := f.numGlyphs
	if n+len(os) > 0xFFFF {
		return nil, fmt.Errorf("%w: too many glyphs to add %d", ErrFormat, len(os))
	}
	old := make([]uint16, n, n+len(os))
	for g := range old {
		old[g] = uint16(g)
	}
	extra := make(map[int][]byte, len(os))
	for k, o := range os {
		if int(o.Of) >= n {
			return nil, fmt.Errorf("%w: no glyph %d to overlay", ErrFormat, o.Of)
		}
		cs, err := f.cff.flatten(o.Of, float64(o.DX), float64(o.DY))
		if err != nil {
			return nil, err
		}
		extra[n+k] = cs
		old = append(old, o.Of)
	}
	cff, err := f.cff.subset(old, extra)
	if err != nil {
		return nil, err
	}
	hm := append(f.hmtxOf(n), make([]byte, 4*len(os))...)
	total := n + len(os)
	be := binary.BigEndian
	head := slices.Clone(f.tab("head"))
	be.PutUint32(head[8:], 0)
	hhea := slices.Clone(f.tab("hhea"))
	be.PutUint16(hhea[34:], uint16(total))
	maxp := []byte{0, 0, 0x50, 0, byte(total >> 8), byte(total)}
	tables := map[string][]byte{
		"cmap": f.tab("cmap"), "CFF ": cff, "hmtx": hm, "head": head,
		"hhea": hhea, "maxp": maxp, "post": f.subsetPost(), "name": f.subsetName(),
	}
	if t := f.tab("OS/2"); t != nil {
		tables["OS/2"] = t
	}
	return assemble(tables, true), nil
}
