package ttf

import (
	"fmt"
	"sort"
)

// Variation sequences (Unicode's UVS, the OpenType cmap format 14):
// a base character followed by a variation selector asks for one glyph
// of the character, 葛󠄀 (U+845B U+E0100) for the form with 匂 under the
// grass radical rather than the plain 葛. A format 14 subtable (platform
// 0, encoding 5) lists, for each selector, the bases whose sequence draws
// the glyph the character map gives the base (its default UVS table) and
// those drawn with a glyph of their own (its non-default UVS table). BIZ
// UDPGothic has 10,160 sequences of the Adobe-Japan1 and Hanyo-Denshi
// collections.

// Sequence is a variation sequence: a base character followed by a
// variation selector.
type Sequence struct {
	Base, Selector rune
}

// Selector reports whether r is a variation selector: U+FE00 to U+FE0F
// (VS1–VS16) or U+E0100 to U+E01EF (VS17–VS256, the ideographic ones).
func Selector(r rune) bool {
	return r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF
}

// parseFormat14 reads a format 14 subtable: its selector records, each
// table inside the subtable and sorted, as the specification asks (a
// lookup searches them).
func (f *Font) parseFormat14(t []byte) error {
	n := u32(t, 6)
	if uint64(10)+11*uint64(n) > uint64(len(t)) {
		return fmt.Errorf("%w: cmap format 14 has %d selector records but is %d bytes long", ErrFormat, n, len(t))
	}
	// part returns the records of the table at off: count×size bytes
	// after its uint32 count.
	part := func(off uint32, size int, what string, sel rune) ([]byte, error) {
		if off == 0 {
			return nil, nil
		}
		if uint64(off)+4 > uint64(len(t)) {
			return nil, fmt.Errorf("%w: cmap format 14 %s table of U+%04X starts past the subtable", ErrFormat, what, sel)
		}
		c := uint64(u32(t, int(off)))
		if uint64(off)+4+c*uint64(size) > uint64(len(t)) {
			return nil, fmt.Errorf("%w: cmap format 14 %s table of U+%04X (%d records) runs past the subtable", ErrFormat, what, sel, c)
		}
		return t[off+4 : uint64(off)+4+c*uint64(size)], nil
	}
	f.uvs = make([]selector14, 0, n)
	for i := range int(n) {
		p := 10 + 11*i
		s := selector14{sel: u24(t, p)}
		if i > 0 && s.sel <= f.uvs[i-1].sel {
			return fmt.Errorf("%w: cmap format 14 selector record %d (U+%04X) is out of order", ErrFormat, i, s.sel)
		}
		var err error
		if s.ranges, err = part(u32(t, p+3), 4, "default UVS", s.sel); err != nil {
			return err
		}
		if s.glyphs, err = part(u32(t, p+7), 5, "non-default UVS", s.sel); err != nil {
			return err
		}
		prev := rune(-1)
		for k := 0; k < len(s.ranges); k += 4 {
			start := u24(s.ranges, k)
			if start <= prev {
				return fmt.Errorf("%w: cmap format 14 default UVS range U+%04X of U+%04X is out of order", ErrFormat, start, s.sel)
			}
			prev = start + rune(s.ranges[k+3])
		}
		prev = -1
		for k := 0; k < len(s.glyphs); k += 5 {
			base := u24(s.glyphs, k)
			if base <= prev {
				return fmt.Errorf("%w: cmap format 14 non-default UVS mapping U+%04X of U+%04X is out of order", ErrFormat, base, s.sel)
			}
			prev = base
		}
		f.uvs = append(f.uvs, s)
	}
	return nil
}

// u24 reads the uint24 at off in b.
func u24(b []byte, off int) rune { return rune(b[off])<<16 | rune(b[off+1])<<8 | rune(b[off+2]) }

// Variant returns the glyph the font draws base followed by the
// variation selector sel with (see [Selector]), from its format 14
// character map: the glyph of a non-default UVS mapping, or, for a
// sequence of the default UVS table, the glyph the character map gives
// base (that of [Font.Glyph]). ok is false when the font has no such
// sequence, or maps it to no glyph it has.
func (f *Font) Variant(base, sel rune) (gid uint16, ok bool) {
	i := sort.Search(len(f.uvs), func(i int) bool { return f.uvs[i].sel >= sel })
	if i == len(f.uvs) || f.uvs[i].sel != sel || base < 0 {
		return 0, false
	}
	s := &f.uvs[i]
	if n := len(s.ranges) / 4; n > 0 {
		k := sort.Search(n, func(k int) bool { return u24(s.ranges, 4*k)+rune(s.ranges[4*k+3]) >= base })
		if k < n && u24(s.ranges, 4*k) <= base {
			return f.Glyph(base)
		}
	}
	n := len(s.glyphs) / 5
	k := sort.Search(n, func(k int) bool { return u24(s.glyphs, 5*k) >= base })
	if k == n || u24(s.glyphs, 5*k) != base {
		return 0, false
	}
	g := u16(s.glyphs, 5*k+3)
	if g == 0 || int(g) >= f.numGlyphs {
		return 0, false
	}
	return g, true
}

// VariantAdvance returns the advance width of the glyph of base followed
// by the variation selector sel (see [Font.Variant]), in 1/1000 em as
// [Font.Advance] gives it; ok is false when the font has no such
// sequence.
func (f *Font) VariantAdvance(base, sel rune) (width int, ok bool) {
	g, ok := f.Variant(base, sel)
	if !ok {
		return 0, false
	}
	return f.width(g), true
}

// Variants calls fn with each variation sequence of the font's format 14
// character map that it can draw, by selector then base, and its glyph.
// dflt tells a sequence of the default UVS table, drawn with the base's
// own glyph.
func (f *Font) Variants(fn func(s Sequence, gid uint16, dflt bool)) {
	type entry struct {
		base rune
		dflt bool
	}
	for i := range f.uvs {
		s := &f.uvs[i]
		// The two tables merged in order of base.
		var es []entry
		for k := 0; k < len(s.ranges); k += 4 {
			start := u24(s.ranges, k)
			for b := start; b <= start+rune(s.ranges[k+3]); b++ {
				es = append(es, entry{b, true})
			}
		}
		for k := 0; k < len(s.glyphs); k += 5 {
			es = append(es, entry{u24(s.glyphs, k), false})
		}
		sort.SliceStable(es, func(a, b int) bool { return es[a].base < es[b].base })
		for _, e := range es {
			if g, ok := f.Variant(e.base, s.sel); ok {
				fn(Sequence{e.base, s.sel}, g, e.dflt)
			}
		}
	}
}
