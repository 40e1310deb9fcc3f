package ttf

import "testing"

// A subset gives a combining mark a copy of its glyph with no advance
// (U+0303 shares the spacing tilde's glyph in BIZ UDPGothic, which keeps
// its advance), and WithOverlays adds composite glyphs of no advance that
// draw another glyph moved by an offset, the rest of the font unchanged.
func TestOverlays(t *testing.T) {
	f := parsed(t)
	b, err := f.Subset([]rune("x\u02DC\u0303\u309A"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	tilde, _ := s.Glyph(0x02DC)
	mark, _ := s.Glyph(0x0303)
	if w, _ := s.Advance(0x02DC); tilde == mark || w == 0 {
		t.Errorf("U+02DC: glyph %d, advance %d; U+0303 glyph %d", tilde, w, mark)
	}
	for _, r := range []rune{0x0303, 0x309A} {
		if w, ok := s.Advance(r); !ok || w != 0 {
			t.Errorf("%U: advance %d, %v in the subset, want 0", r, w, ok)
		}
	}
	if !sameOutline(s.glyphData(mark), s.glyphData(tilde)) {
		t.Error("U+0303's copy has another outline than U+02DC")
	}

	x, _ := s.Glyph('x')
	o, err := s.WithOverlays([]Overlay{{Of: mark, DX: -500, DY: 40}, {Of: x, DX: 3, DY: -7}})
	if err != nil {
		t.Fatal(err)
	}
	v, err := Parse(o)
	if err != nil {
		t.Fatal(err)
	}
	n := s.NumGlyphs()
	if v.NumGlyphs() != n+2 {
		t.Fatalf("%d glyphs, want %d", v.NumGlyphs(), n+2)
	}
	for _, r := range []rune("x\u02DC\u0303\u309A") {
		g1, _ := s.Glyph(r)
		g2, _ := v.Glyph(r)
		w1, _ := s.Advance(r)
		w2, _ := v.Advance(r)
		if g1 != g2 || w1 != w2 || !sameOutline(v.glyphData(g2), s.glyphData(g1)) {
			t.Errorf("%U changed: glyph %d → %d, advance %d → %d", r, g1, g2, w1, w2)
		}
	}
	for i, want := range []struct {
		of     uint16
		dx, dy int
	}{{mark, -500, 40}, {x, 3, -7}} {
		g := uint16(n + i)
		if v.GlyphAdvance(g) != 0 {
			t.Errorf("overlay %d: advance %d, want 0", i, v.GlyphAdvance(g))
		}
		var comps []uint16
		if err := v.components(g, func(c uint16, _ int) error { comps = append(comps, c); return nil }); err != nil || len(comps) != 1 || comps[0] != want.of {
			t.Errorf("overlay %d: components %v (%v), want [%d]", i, comps, err, want.of)
		}
		d, od := v.glyphData(g), s.glyphData(want.of)
		if int(i16(d, 2)) != int(i16(od, 2))+want.dx || int(i16(d, 8)) != int(i16(od, 8))+want.dy {
			t.Errorf("overlay %d: box %d…%d, want the glyph's moved by %d, %d", i, i16(d, 2), i16(d, 8), want.dx, want.dy)
		}
	}
}
