package ttf

import (
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"

	"briefing/fonts"
)

// collection builds a TrueType collection (.ttc) of whole fonts, each
// copied after the header with its table offsets moved along.
func collection(t testing.TB, faces ...[]byte) []byte {
	t.Helper()
	head := 12 + 4*len(faces)
	out := make([]byte, head, head+len(faces)*(len(faces[0])+4))
	copy(out, "ttcf")
	binary.BigEndian.PutUint32(out[4:], 0x00010000)
	binary.BigEndian.PutUint32(out[8:], uint32(len(faces)))
	for i, f := range faces {
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		base := len(out)
		binary.BigEndian.PutUint32(out[12+4*i:], uint32(base))
		out = append(out, f...)
		n := int(binary.BigEndian.Uint16(f[4:]))
		for j := range n {
			rec := base + 12 + 16*j
			binary.BigEndian.PutUint32(out[rec+8:], binary.BigEndian.Uint32(out[rec+8:])+uint32(base))
		}
	}
	return out
}

// TestCollectionFaces checks that each face of a collection is read with
// its own tables, names and glyphs, and subsets like the single font.
func TestCollectionFaces(t *testing.T) {
	reg, bold := []byte(fonts.RegularData), []byte(fonts.BoldData)
	ttc := collection(t, reg, bold)
	names, err := Faces(ttc)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 2 || names[0].PostScriptName != "BIZUDPGothic-Regular" || names[1].PostScriptName != "BIZUDPGothic-Bold" || names[1].Family == "" {
		t.Fatalf("faces %+v", names)
	}
	for i, single := range [][]byte{reg, bold} {
		f, err := ParseFace(ttc, i)
		if err != nil {
			t.Fatalf("face %d: %v", i, err)
		}
		want, _ := Parse(single)
		if f.PostScriptName() != names[i].PostScriptName {
			t.Errorf("face %d is %s", i, f.PostScriptName())
		}
		for _, r := range "Aあ漢" {
			g1, _ := f.Glyph(r)
			g2, _ := want.Glyph(r)
			w1, _ := f.Advance(r)
			w2, _ := want.Advance(r)
			if g1 != g2 || w1 != w2 {
				t.Errorf("face %d %q: glyph %d width %d, single font %d %d", i, r, g1, w1, g2, w2)
			}
		}
		sub1, err := f.Subset([]rune("Aあ漢"))
		if err != nil {
			t.Fatal(err)
		}
		sub2, _ := want.Subset([]rune("Aあ漢"))
		if string(sub1) != string(sub2) {
			t.Errorf("face %d: subset differs from the single font's", i)
		}
	}
	if _, err := ParseFace(ttc, 2); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "the collection has 2 faces, 0 to 1") {
		t.Errorf("face 2: %v", err)
	}
	if f, err := Parse(ttc); err != nil || f.PostScriptName() != "BIZUDPGothic-Regular" {
		t.Errorf("Parse of a collection: %v, %v; want its first face", f, err)
	}
}

// TestCollectionCFF lists the faces of Noto Sans CJK (a collection of CFF
// faces) and reads one with its CFF outlines.
func TestCollectionCFF(t *testing.T) {
	b, err := os.ReadFile("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	names, err := Faces(b)
	if err != nil {
		t.Fatal(err)
	}
	var families []string
	for _, n := range names {
		families = append(families, n.Family)
	}
	if len(names) < 5 || !strings.Contains(strings.Join(families, ","), "Noto Sans CJK JP") {
		t.Errorf("faces %v", families)
	}
	f, err := ParseFace(b, 0)
	if err != nil {
		t.Fatal(err)
	}
	if f.CFF() == nil || f.PostScriptName() != "NotoSansCJKjp-Regular" || f.NumGlyphs() != 65535 {
		t.Errorf("face 0: %q, %d glyphs, CFF %d bytes", f.PostScriptName(), f.NumGlyphs(), len(f.CFF()))
	}
}

// TestVariableFontDefaultInstance checks that a TrueType variable font
// (fvar, gvar, HVAR beside glyf) is read as its default instance: glyf
// holds the default outlines and hmtx the default advances, and a subset
// leaves the variation tables out, so that a PDF reader draws the
// default instance and nothing half-varied.
func TestVariableFontDefaultInstance(t *testing.T) {
	base, err := Parse([]byte(fonts.RegularData))
	if err != nil {
		t.Fatal(err)
	}
	small, err := base.Subset([]rune("Aあ"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(small)
	if err != nil {
		t.Fatal(err)
	}
	tables := map[string][]byte{}
	for _, tag := range f.tags {
		tables[tag] = f.tab(tag)
	}
	// An fvar with one weight axis (100–900, default 400) and variation
	// tables the subset must not carry.
	fvar := []byte{0, 1, 0, 0, 0, 16, 0, 2, 0, 1, 0, 20, 0, 0, 0, 0,
		'w', 'g', 'h', 't', 0, 100, 0, 0, 1, 144, 0, 0, 3, 132, 0, 0, 0, 0, 1, 0}
	tables["fvar"] = fvar
	tables["gvar"] = make([]byte, 20)
	tables["HVAR"] = make([]byte, 20)
	vf, err := Parse(assemble(tables, false))
	if err != nil {
		t.Fatalf("variable font: %v", err)
	}
	sub, err := vf.Subset([]rune("Aあ"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(sub)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"fvar", "gvar", "HVAR"} {
		if _, ok := s.tables[tag]; ok {
			t.Errorf("subset keeps %s", tag)
		}
	}
	for _, r := range "Aあ" {
		w1, _ := s.Advance(r)
		w2, _ := base.Advance(r)
		g1, _ := s.Glyph(r)
		g2, _ := base.Glyph(r)
		if w1 != w2 || !sameOutline(s.glyphData(g1), base.glyphData(g2)) {
			t.Errorf("%q: subset of the variable font differs from the default instance", r)
		}
	}
}
