package ttf

import (
	"bytes"
	"slices"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"briefing/internal/testkit"
)

// Sequences of BIZ UDPGothic used by the tests: 葛 U+E0100 and 辻 U+E0100
// have glyphs of their own (non-default UVS), 葛 U+E0101 is the plain
// 葛's glyph (default UVS), 侮 U+FE00 the glyph of the compatibility
// ideograph U+FA30, and 辻 U+E0102 is not a sequence of the font.
var (
	kuzuVS17 = Sequence{0x845B, 0xE0100}
	kuzuVS18 = Sequence{0x845B, 0xE0101}
	tsujiVS  = Sequence{0x8FBB, 0xE0100}
	tsujiNo  = Sequence{0x8FBB, 0xE0102}
	buVS1    = Sequence{0x4FAE, 0xFE00}
)

// TestVariantsOfBIZUDPGothic reads the format 14 character map of the
// embedded font: its 10,160 sequences, a few known ones and their glyphs.
func TestVariantsOfBIZUDPGothic(t *testing.T) {
	t.Parallel()
	f := parsed(t)
	n, dflt := 0, 0
	f.Variants(func(s Sequence, g uint16, d bool) {
		n++
		if d {
			dflt++
			if b, _ := f.Glyph(s.Base); b != g {
				t.Errorf("default sequence %U %U: glyph %d, the base's is %d", s.Base, s.Selector, g, b)
			}
		}
		if got, ok := f.Variant(s.Base, s.Selector); !ok || got != g {
			t.Errorf("%U %U: Variant = %d, %v; Variants gave %d", s.Base, s.Selector, got, ok, g)
		}
	})
	if n != 10160 || dflt == 0 || dflt == n {
		t.Errorf("%d sequences (%d default), want 10160 of both kinds", n, dflt)
	}
	base := func(r rune) uint16 { g, _ := f.Glyph(r); return g }
	for _, c := range []struct {
		s    Sequence
		want func(g uint16) bool
		what string
	}{
		{kuzuVS17, func(g uint16) bool { return g != base(0x845B) }, "a glyph other than 葛's"},
		{kuzuVS18, func(g uint16) bool { return g == base(0x845B) }, "葛's glyph"},
		{tsujiVS, func(g uint16) bool { return g != base(0x8FBB) }, "a glyph other than 辻's"},
		{buVS1, func(g uint16) bool { return g == base(0xFA30) && g != base(0x4FAE) }, "U+FA30's glyph"},
	} {
		g, ok := f.Variant(c.s.Base, c.s.Selector)
		if !ok || !c.want(g) {
			t.Errorf("%c %U: glyph %d, %v; want %s", c.s.Base, c.s.Selector, g, ok, c.what)
		}
		if w, ok := f.VariantAdvance(c.s.Base, c.s.Selector); !ok || w != 1000 {
			t.Errorf("%c %U: advance %d, %v; want 1000", c.s.Base, c.s.Selector, w, ok)
		}
	}
	// The variant 葛 is drawn otherwise: its outline is not the plain one.
	g17, _ := f.Variant(kuzuVS17.Base, kuzuVS17.Selector)
	if bytes.Equal(f.glyphData(g17), f.glyphData(base(0x845B))) {
		t.Errorf("葛 U+E0100 has the plain 葛's outline")
	}
	for _, s := range []Sequence{tsujiNo, {0x845B, 0xFE0F}, {'A', 0xE0100}, {0x845B, 0x845B}, {-1, 0xE0100}, {0x845B, -1}} {
		if g, ok := f.Variant(s.Base, s.Selector); ok {
			t.Errorf("%U %U: glyph %d, want none", s.Base, s.Selector, g)
		}
		if _, ok := f.VariantAdvance(s.Base, s.Selector); ok {
			t.Errorf("%U %U: an advance, want none", s.Base, s.Selector)
		}
	}
}

// TestSubsetSequences subsets BIZ UDPGothic with sequences beside plain
// characters sharing their glyphs. Each sequence is found through the
// subset's own format 14 map, and its glyph (read by a second reader,
// golang.org/x/image/font/sfnt) is the one the font draws it with; a
// PDF copies it back as its base, so it is the base's own glyph only
// where the font draws the two alike, and never that of another
// character (侮 U+FE00 has the glyph of U+FA30 in the font). Each
// selector has a glyph of its own, empty and of no advance.
func TestSubsetSequences(t *testing.T) {
	t.Parallel()
	f := parsed(t)
	runes := []rune("葛辻侮\uFA30飾区")
	seqs := []Sequence{tsujiVS, kuzuVS18, kuzuVS17, buVS1, tsujiNo, kuzuVS17}
	sub, err := f.SubsetWith(runes, Options{Sequences: seqs})
	if err != nil {
		t.Fatal(err)
	}
	// The same set in another order gives the same bytes.
	rev := slices.Clone(seqs)
	slices.Reverse(rev)
	if again, err := f.SubsetWith(runes, Options{Sequences: rev}); err != nil || !bytes.Equal(again, sub) {
		t.Errorf("the same sequences in another order give another subset (err %v)", err)
	}
	s, err := Parse(sub)
	if err != nil {
		t.Fatal(err)
	}
	orig, err := sfnt.Parse(regular(t))
	if err != nil {
		t.Fatal(err)
	}
	got, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatalf("sfnt cannot read the subset: %v", err)
	}
	ppem := fixed.I(f.UnitsPerEm())
	var bo, bs sfnt.Buffer
	outline := func(sf *sfnt.Font, b *sfnt.Buffer, g uint16) sfnt.Segments {
		segs, err := sf.LoadGlyph(b, sfnt.GlyphIndex(g), ppem, nil)
		if err != nil {
			t.Fatalf("glyph %d: %v", g, err)
		}
		return slices.Clone(segs)
	}
	// drawn[g] is the text glyph g of the subset copies back as.
	drawn := map[uint16]rune{}
	own := func(g uint16, r rune) {
		if o, dup := drawn[g]; dup && o != r {
			t.Errorf("glyph %d of the subset draws %c and %c", g, o, r)
		}
		drawn[g] = r
	}
	for _, r := range runes {
		g, ok := s.Glyph(r)
		if !ok {
			t.Fatalf("%c not in the subset", r)
		}
		own(g, r)
	}
	for _, q := range []Sequence{tsujiVS, kuzuVS18, kuzuVS17, buVS1} {
		g, ok := s.Variant(q.Base, q.Selector)
		if !ok {
			t.Errorf("%c %U: not in the subset", q.Base, q.Selector)
			continue
		}
		own(g, q.Base)
		og, _ := f.Variant(q.Base, q.Selector)
		if w, _ := s.VariantAdvance(q.Base, q.Selector); w != f.width(og) {
			t.Errorf("%c %U: advance %d in the subset, %d in the font", q.Base, q.Selector, w, f.width(og))
		}
		if !slices.Equal(outline(got, &bs, g), outline(orig, &bo, og)) {
			t.Errorf("%c %U: the subset's outline is not the font's", q.Base, q.Selector)
		}
		b, _ := s.Glyph(q.Base)
		if fb, _ := f.Glyph(q.Base); (b == g) != (fb == og) {
			t.Errorf("%c %U: glyph %d, the base's %d; in the font %d and %d", q.Base, q.Selector, g, b, og, fb)
		}
	}
	for _, sel := range []rune{0xE0100, 0xE0101, 0xFE00} {
		g, ok := s.Glyph(sel)
		if !ok {
			t.Errorf("%U: no glyph", sel)
			continue
		}
		own(g, sel)
		if w, _ := s.Advance(sel); w != 0 || len(outline(got, &bs, g)) != 0 {
			t.Errorf("%U: glyph %d of advance %d with an outline, want empty", sel, g, w)
		}
	}
	if _, ok := s.Variant(tsujiNo.Base, tsujiNo.Selector); ok {
		t.Errorf("辻 U+E0102, which the font lacks, is in the subset")
	}
	if _, ok := s.Glyph(0xE0102); ok {
		t.Errorf("U+E0102, of no sequence the subset holds, has a glyph")
	}
	if _, ok := s.Variant(0x98FE, 0xE0100); ok {
		t.Errorf("a sequence not asked for is in the subset")
	}
	// .notdef, 6 characters, 3 sequences (葛 U+E0101 is 葛's glyph) and
	// 3 selectors.
	if s.NumGlyphs() != 13 {
		t.Errorf("subset has %d glyphs, want 13", s.NumGlyphs())
	}
}

// TestCFFVariants reads the variation sequences of a CID-keyed CFF face
// (Noto Sans CJK JP, which has a format 14 map too) and subsets one.
func TestCFFVariants(t *testing.T) {
	t.Parallel()
	b := testkit.DebianFont(t, testkit.NotoSansCJK, "fonts-noto-cjk")
	f, err := ParseFace(b, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	var own []Sequence
	f.Variants(func(s Sequence, g uint16, dflt bool) {
		n++
		if !dflt && len(own) < 3 {
			own = append(own, s)
		}
	})
	if n == 0 || len(own) == 0 {
		t.Fatalf("%d sequences, %d of their own glyph", n, len(own))
	}
	t.Logf("%d sequences; %c %U …", n, own[0].Base, own[0].Selector)
	var rs []rune
	for _, s := range own {
		rs = append(rs, s.Base)
	}
	sub, err := f.SubsetWith(rs, Options{Sequences: own})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(sub)
	if err != nil {
		t.Fatal(err)
	}
	if s.CFF() == nil {
		t.Fatal("the subset has no CFF outlines")
	}
	col, err := sfnt.ParseCollection(b)
	if err != nil {
		t.Fatal(err)
	}
	orig, err := col.Font(0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatalf("sfnt cannot read the subset: %v", err)
	}
	ppem := fixed.I(f.UnitsPerEm())
	var bo, bs sfnt.Buffer
	for _, q := range own {
		g, ok := s.Variant(q.Base, q.Selector)
		p, _ := s.Glyph(q.Base)
		if !ok || g == p {
			t.Errorf("%c %U: subset glyph %d, %v (base %d)", q.Base, q.Selector, g, ok, p)
		}
		og, _ := f.Variant(q.Base, q.Selector)
		if w, _ := s.VariantAdvance(q.Base, q.Selector); w != f.width(og) {
			t.Errorf("%c %U: advance %d, want %d", q.Base, q.Selector, w, f.width(og))
		}
		// A second reader draws the subset's glyph as the font's.
		want, err := orig.LoadGlyph(&bo, sfnt.GlyphIndex(og), ppem, nil)
		if err != nil {
			t.Fatal(err)
		}
		want = slices.Clone(want)
		have, err := got.LoadGlyph(&bs, sfnt.GlyphIndex(g), ppem, nil)
		if err != nil || len(have) == 0 || !slices.Equal(want, have) {
			t.Errorf("%c %U: the subset's outline (%d segments, %v) is not the font's (%d)", q.Base, q.Selector, len(have), err, len(want))
		}
		// The selector's glyph: no outline, no advance, its charstring
		// saying so too.
		sg, ok := s.Glyph(q.Selector)
		if !ok {
			t.Errorf("%U: no glyph in the subset", q.Selector)
			continue
		}
		segs, err := got.LoadGlyph(&bs, sfnt.GlyphIndex(sg), ppem, nil)
		adv, _ := got.GlyphAdvance(&bs, sfnt.GlyphIndex(sg), ppem, 0)
		if err != nil || len(segs) != 0 || adv != 0 {
			t.Errorf("%U: glyph %d of %d segments, advance %v (%v); want empty", q.Selector, sg, len(segs), adv, err)
		}
		nominal := 0.0
		for _, e := range s.cff.fds[s.cff.fdSelect[sg]].private {
			if e.op == 21 {
				nominal = e.vals[0]
			}
		}
		if v, _, ok := number(s.cff.charstrings[sg], true); !ok || v != -nominal {
			t.Errorf("%U: charstring width operand %v, want %v", q.Selector, v, -nominal)
		}
	}
}
