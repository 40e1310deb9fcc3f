package ttf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"
	"testing"

	"briefing/internal/testkit"
)

// FuzzParse checks that Parse never panics, and that a font it accepts
// can be queried and subset, and the subset parsed again. Fonts are large
// inputs, so keep minimizing short:
//
//	go test -run XXX -fuzz FuzzParse -fuzztime 20s -fuzzminimizetime 200x ./briefing/ttf
func FuzzParse(f *testing.F) {
	full, err := Parse(regular(f))
	if err != nil {
		f.Fatal(err)
	}
	small, err := full.Subset([]rune("概要 Summary ①"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small)
	// A subset with a format 12 subtable: characters above U+FFFF.
	sup, err := full.Subset([]rune("𠮟𩸽 叱A"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sup)
	// A subset with a format 14 subtable: variation sequences (葛 U+E0100,
	// 葛 U+E0101 with the plain 葛's glyph), and the whole font's format
	// 14 subtable, and one with default and non-default UVS tables.
	uvs, err := full.SubsetWith([]rune("葛辻"), Options{Sequences: []Sequence{{0x845B, 0xE0100}, {0x845B, 0xE0101}, {0x8FBB, 0xE0100}}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(uvs)
	f.Add(withUVS(f, small))
	f.Add(compositeFont(f))
	f.Add([]byte("OTTO"))
	f.Add(collection(f, small, small))
	// CFF outlines: subsets of a CID-keyed face (Noto Sans CJK JP) and of
	// a name-keyed font (Nimbus Sans), when installed, with variation
	// sequences (of Noto Sans CJK JP).
	for _, p := range []string{testkit.NotoSansCJK, testkit.NimbusSans} {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		cff, err := Parse(b)
		if err != nil {
			f.Fatal(err)
		}
		sub, err := cff.SubsetWith([]rune("概要 Summary ①葛"), Options{Sequences: []Sequence{{0x845B, 0xE0100}, {0x845B, 0xE0101}}})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(sub)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := Faces(b); errors.Is(err, errInternal) {
			t.Fatalf("Faces panicked: %v", err)
		}
		if _, err := ParseFace(b, NumFaces(b)-1); errors.Is(err, errInternal) {
			t.Fatalf("ParseFace panicked: %v", err)
		}
		font, err := Parse(b)
		if errors.Is(err, errInternal) {
			t.Fatalf("Parse panicked: %v", err)
		}
		if err != nil {
			return
		}
		// Runes at the start of the character map's segments.
		var rs []rune
		for _, s := range font.segs[:min(len(font.segs), 100)] {
			for r := rune(s.start); r <= rune(s.end) && r < rune(s.start)+4; r++ {
				font.Glyph(r)
				if _, ok := font.Advance(r); ok {
					rs = append(rs, r)
				}
			}
		}
		font.Glyph(0x2000B)
		// Glyphs finds what Advance finds, in order or not.
		for _, set := range [][]rune{append(slices.Clone(rs), 0x20, 0xFFFF, 0x2000B), slices.Sorted(slices.Values(rs))} {
			gs := font.Glyphs(nil, set)
			for i, r := range set {
				w, ok := font.Advance(r)
				g, _ := font.Glyph(r)
				if !ok {
					g = 0
				}
				if gs[i] != g || ok && font.Width(g) != w {
					t.Fatalf("%U: Glyphs gives %d (width %d), Advance %d, %v (glyph %d)", r, gs[i], font.Width(gs[i]), w, ok, g)
				}
			}
		}
		// Runes at the start of the format 12 map's groups.
		for _, g := range font.groups[:min(len(font.groups), 20)] {
			if _, ok := font.Advance(rune(g.start)); ok {
				rs = append(rs, rune(g.start))
				font.Bounds(rune(g.start))
			}
		}
		font.Bounds('a')
		// The first sequences of each selector's tables.
		var seqs []Sequence
		for _, u := range font.uvs[:min(len(font.uvs), 8)] {
			for k := 0; k+4 <= len(u.ranges) && k < 16; k += 4 {
				seqs = append(seqs, Sequence{u24(u.ranges, k), u.sel})
			}
			for k := 0; k+5 <= len(u.glyphs) && k < 20; k += 5 {
				seqs = append(seqs, Sequence{u24(u.glyphs, k), u.sel})
			}
		}
		for _, q := range seqs {
			font.Variant(q.Base, q.Selector)
			font.VariantAdvance(q.Base, q.Selector)
		}
		font.Variant(0x845B, 0xE0100)
		if _, err := font.WithOverlays([]Overlay{{Of: uint16(font.NumGlyphs() - 1), DX: -300, DY: 40}}); errors.Is(err, errInternal) {
			t.Fatalf("WithOverlays: %v", err)
		}
		if axes, _ := font.Variations(); len(axes) > 0 {
			if _, _, err := font.Instance(axes[0].Tag + "=" + fmt.Sprint(axes[0].Max)); errors.Is(err, errInternal) {
				t.Fatalf("Instance: %v", err)
			}
		}
		if _, err := font.SubsetWith(rs, Options{NoHinting: true, Sequences: seqs}); errors.Is(err, errInternal) {
			t.Fatalf("SubsetWith panicked: %v", err)
		}
		sub, err := font.SubsetWith(rs, Options{Sequences: seqs})
		if errors.Is(err, errInternal) {
			t.Fatalf("Subset panicked: %v", err)
		}
		// What the subsets above kept of the glyphs they read (Font.shape)
		// changes no subset: a font keeping nothing makes the same bytes,
		// or fails as well.
		plain, _ := Parse(b)
		plain.shapesOnce.Do(func() {})
		for _, opt := range []Options{{Sequences: seqs}, {NoHinting: true, Sequences: seqs}} {
			want, werr := plain.SubsetWith(rs, opt)
			got, gerr := font.SubsetWith(rs, opt)
			if (werr == nil) != (gerr == nil) || !bytes.Equal(got, want) {
				t.Fatalf("NoHinting %v: subset of %d bytes (error %v) from a font that kept its glyphs' shapes, %d (error %v) from one that kept none", opt.NoHinting, len(got), gerr, len(want), werr)
			}
		}
		if err != nil {
			return
		}
		s, err := Parse(sub)
		if err != nil {
			t.Fatalf("Parse(Subset) = %v", err)
		}
		for _, r := range rs {
			w, _ := font.Advance(r)
			if combining(r) {
				w = 0 // a mark's copy has no advance (see Subset)
			}
			if got, ok := s.Advance(r); !ok || got != w {
				t.Fatalf("%U: subset Advance = %d, %v; want %d", r, got, ok, w)
			}
		}
		for _, q := range seqs {
			w, ok := font.VariantAdvance(q.Base, q.Selector)
			if got, sok := s.VariantAdvance(q.Base, q.Selector); sok != ok || got != w {
				t.Fatalf("%U %U: subset VariantAdvance = %d, %v; want %d, %v", q.Base, q.Selector, got, sok, w, ok)
			}
		}
	})
}

// withUVS returns font b (a subset holding 概 and 要) with a format 14
// subtable added to its character map: U+FE00 with a non-default UVS
// table only (概 to glyph 2), U+E0100 with a default one (概, and a
// range of three from 要) and a non-default one (言 to glyph 1).
func withUVS(t testing.TB, b []byte) []byte {
	f, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	u := func(v ...uint32) []byte { // big-endian uint32s
		var o []byte
		for _, x := range v {
			o = binary.BigEndian.AppendUint32(o, x)
		}
		return o
	}
	var sub []byte
	sub = append(sub, 0, 14)
	sub = append(sub, u(0)...) // length, set below
	sub = append(sub, u(2)...) // two selector records
	sub = append(sub, 0x00, 0xFE, 0x00)
	sub = append(sub, u(0, 10+22)...)
	sub = append(sub, 0x0E, 0x01, 0x00)
	sub = append(sub, u(10+22+9, 10+22+9+12)...)
	sub = append(sub, u(1)...) // U+FE00: one mapping
	sub = append(sub, 0x00, 0x69, 0x82, 0, 2)
	sub = append(sub, u(2)...) // U+E0100: two ranges
	sub = append(sub, 0x00, 0x69, 0x82, 0, 0x00, 0x89, 0x81, 2)
	sub = append(sub, u(1)...) // and one mapping
	sub = append(sub, 0x00, 0x8A, 0x00, 0, 1)
	binary.BigEndian.PutUint32(sub[2:], uint32(len(sub)))
	cmap := withFormat14(f.tab("cmap"), nil, nil)
	// Replace the empty subtable withFormat14 appends by sub.
	cmap = append(cmap[:len(cmap)-10], sub...)
	ts := map[string][]byte{}
	for _, tag := range f.tags {
		ts[tag] = f.tab(tag)
	}
	ts["cmap"] = cmap
	out := assemble(ts, f.cff != nil)
	g, err := Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := g.Variant('概', 0xE0100); !ok {
		t.Fatal("withUVS: no 概 U+E0100")
	}
	if v, ok := g.Variant('概', 0xFE00); !ok || v != 2 {
		t.Fatal("withUVS: no 概 U+FE00")
	}
	return out
}
