package ttf

import (
	"bytes"
	"slices"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"briefing/internal/testkit"
)

// cffSample is text drawn from the CFF fonts under test: kana, kanji,
// Latin letters, digits and punctuation, so that many Font DICTs and
// subroutines are used.
const cffSample = "北朝鮮の「グループ」は、2021年5月に見積書を送った。Summary: Kaspersky Endpoint (ABC) 123 — 攻撃者"

// TestCFFSubsetOutlines subsets a CID-keyed CFF face (Noto Sans CJK JP,
// from a collection) and a name-keyed one (Nimbus Sans), and checks with
// a second reader, golang.org/x/image/font/sfnt, that every character's
// outline in the subset is the outline in the whole font, point for
// point, and its advance the same; that the subset is CID-keyed with the
// unused subroutines gone; and that the bytes depend only on the set of
// characters.
func TestCFFSubsetOutlines(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		path, pkg string
		text      string
		maxBytes  int
	}{
		// U+0301 and U+3099, combining marks: copies written out flat,
		// of no advance.
		{testkit.NotoSansCJK, "fonts-noto-cjk", cffSample + "\u0301\u3099", 24000},
		{testkit.NimbusSans, "fonts-urw-base35", "Summary: Kaspersky Endpoint (ABC) 123 — àé", 12000},
	} {
		t.Run(c.pkg, func(t *testing.T) {
			b := testkit.DebianFont(t, c.path, c.pkg)
			f, err := ParseFace(b, 0)
			if err != nil {
				t.Fatal(err)
			}
			rs := []rune(c.text)
			sub, err := f.Subset(rs)
			if err != nil {
				t.Fatal(err)
			}
			// Deterministic: the same characters in another order and
			// repeated give the same bytes.
			rev := slices.Clone(rs)
			slices.Reverse(rev)
			if again, err := f.Subset(append(rev, rs...)); err != nil || !bytes.Equal(again, sub) {
				t.Errorf("a second subset of the same characters differs (err %v)", err)
			}
			if len(sub) > c.maxBytes {
				t.Errorf("subset of %d characters is %d bytes, want at most %d", len(rs), len(sub), c.maxBytes)
			}
			s, err := Parse(sub)
			if err != nil {
				t.Fatal(err)
			}
			if s.cff == nil || !s.cff.cid || len(s.cff.charstrings) != s.NumGlyphs() {
				t.Fatalf("subset is not a CID-keyed CFF font")
			}
			// A mark's copy says no advance in its charstring too: its
			// width operand is minus the nominal width.
			for _, r := range rs {
				g, ok := s.Glyph(r)
				if !ok || !combining(r) {
					continue
				}
				nominal := 0.0
				for _, e := range s.cff.fds[s.cff.fdSelect[g]].private {
					if e.op == 21 {
						nominal = e.vals[0]
					}
				}
				if v, _, ok := number(s.cff.charstrings[g], true); !ok || v != -nominal {
					t.Errorf("%U: charstring width operand %v, want %v", r, v, -nominal)
				}
			}
			var orig *sfnt.Font
			if NumFaces(b) > 1 {
				col, err := sfnt.ParseCollection(b)
				if err != nil {
					t.Fatal(err)
				}
				orig, err = col.Font(0)
				if err != nil {
					t.Fatal(err)
				}
			} else if orig, err = sfnt.Parse(b); err != nil {
				t.Fatal(err)
			}
			got, err := sfnt.Parse(sub)
			if err != nil {
				t.Fatalf("sfnt cannot read the subset: %v", err)
			}
			ppem := fixed.I(f.UnitsPerEm())
			var bo, bs sfnt.Buffer
			drawn := 0
			for _, r := range rs {
				og, err := orig.GlyphIndex(&bo, r)
				if err != nil || og == 0 {
					continue // a character the font lacks
				}
				sg, err := got.GlyphIndex(&bs, r)
				if err != nil || sg == 0 {
					t.Errorf("%U %c: not in the subset's character map (%v)", r, r, err)
					continue
				}
				want, err := orig.LoadGlyph(&bo, og, ppem, nil)
				if err != nil {
					t.Fatal(err)
				}
				want = slices.Clone(want)
				have, err := got.LoadGlyph(&bs, sg, ppem, nil)
				if err != nil {
					t.Errorf("%U %c: subset glyph %d: %v", r, r, sg, err)
					continue
				}
				if !slices.Equal(want, have) {
					t.Errorf("%U %c: outline differs: %d segments, want %d", r, r, len(have), len(want))
				}
				wa, _ := orig.GlyphAdvance(&bo, og, ppem, 0)
				ha, _ := got.GlyphAdvance(&bs, sg, ppem, 0)
				if combining(r) {
					wa = 0 // a mark's copy has no advance
				}
				if wa != ha {
					t.Errorf("%U %c: advance %v, want %v", r, r, ha, wa)
				}
				drawn++
			}
			if drawn < len(slices.Compact(slices.Sorted(slices.Values(rs))))-3 {
				t.Errorf("only %d characters compared", drawn)
			}
			// Subroutines: only those called are kept.
			nl := 0
			for _, fd := range s.cff.fds {
				nl += len(fd.subrs)
			}
			nlOrig := 0
			for _, fd := range f.cff.fds {
				nlOrig += len(fd.subrs)
			}
			t.Logf("%d characters: subset %d bytes (CFF %d); subroutines %d global, %d local (font: %d, %d)",
				len(rs), len(sub), len(s.CFF()), len(s.cff.gsubrs), nl, len(f.cff.gsubrs), nlOrig)
			if len(s.cff.gsubrs) >= len(f.cff.gsubrs) && len(f.cff.gsubrs) > 0 {
				t.Errorf("every global subroutine kept")
			}
		})
	}
}
