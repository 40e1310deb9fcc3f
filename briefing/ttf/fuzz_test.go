package ttf

import (
	"errors"
	"fmt"
	"os"
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
	f.Add(compositeFont(f))
	f.Add([]byte("OTTO"))
	f.Add(collection(f, small, small))
	// CFF outlines: subsets of a CID-keyed face (Noto Sans CJK JP) and of
	// a name-keyed font (Nimbus Sans), when installed.
	for _, p := range []string{testkit.NotoSansCJK, testkit.NimbusSans} {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		cff, err := Parse(b)
		if err != nil {
			f.Fatal(err)
		}
		sub, err := cff.Subset([]rune("概要 Summary ①"))
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
		// Runes at the start of the format 12 map's groups.
		for _, g := range font.groups[:min(len(font.groups), 20)] {
			if _, ok := font.Advance(rune(g.start)); ok {
				rs = append(rs, rune(g.start))
				font.Bounds(rune(g.start))
			}
		}
		font.Bounds('a')
		if _, err := font.WithOverlays([]Overlay{{Of: uint16(font.NumGlyphs() - 1), DX: -300, DY: 40}}); errors.Is(err, errInternal) {
			t.Fatalf("WithOverlays: %v", err)
		}
		if axes, _ := font.Variations(); len(axes) > 0 {
			if _, _, err := font.Instance(axes[0].Tag + "=" + fmt.Sprint(axes[0].Max)); errors.Is(err, errInternal) {
				t.Fatalf("Instance: %v", err)
			}
		}
		if _, err := font.SubsetWith(rs, Options{NoHinting: true}); errors.Is(err, errInternal) {
			t.Fatalf("SubsetWith panicked: %v", err)
		}
		sub, err := font.Subset(rs)
		if errors.Is(err, errInternal) {
			t.Fatalf("Subset panicked: %v", err)
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
	})
}
