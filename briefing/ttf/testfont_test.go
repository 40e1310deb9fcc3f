package ttf

import (
	"encoding/binary"
	"slices"
	"testing"
	"unicode/utf16"
)

// simpleGlyph returns a simple glyph: one triangle contour in the box.
func simpleGlyph(xMin, yMin, xMax, yMax int16) []byte {
	return hintedGlyph(xMin, yMin, xMax, yMax, nil)
}

// hintedGlyph is a simpleGlyph with instructions.
func hintedGlyph(xMin, yMin, xMax, yMax int16, instructions []byte) []byte {
	var b []byte
	w := func(v int16) { b = binary.BigEndian.AppendUint16(b, uint16(v)) }
	w(1) // numberOfContours
	w(xMin)
	w(yMin)
	w(xMax)
	w(yMax)
	w(2)                   // endPtsOfContours[0]
	w(0)                   // instructionLength
	b = append(b, 1, 1, 1) // flags: on curve, coordinates as int16
	w(xMin)                // x deltas
	w(xMax - xMin)         //
	w(xMin - xMax)         //
	w(yMin)                // y deltas
	w(0)                   //
	w(yMax - yMin)         //
	for len(b)%2 != 0 {    // keep glyphs 2-byte aligned for short loca
		b = append(b, 0)
	}
	return b
}

// compRef is one component of a composite glyph.
type compRef struct {
	glyph  uint16
	dx, dy int16
	flags  uint16 // extra flags: haveScale, haveXYScale, haveTwoByTwo
}

// compositeGlyph returns a composite glyph of the components.
func compositeGlyph(cs ...compRef) []byte {
	return hintedComposite(nil, cs...)
}

// hintedComposite is a compositeGlyph with instructions.
func hintedComposite(instructions []byte, cs ...compRef) []byte {
	var b []byte
	w := func(v uint16) { b = binary.BigEndian.AppendUint16(b, v) }
	w(0xFFFF) // numberOfContours = -1
	w(0)
	w(0)
	w(500)
	w(700)
	for i, c := range cs {
		flags := c.flags | argsAreWords | 0x0002 // ARGS_ARE_XY_VALUES
		if i < len(cs)-1 {
			flags |= moreComponents
		} else if instructions != nil {
			flags |= haveInstructions
		}
		w(flags)
		w(c.glyph)
		w(uint16(c.dx))
		w(uint16(c.dy))
		switch {
		case c.flags&haveScale != 0:
			w(0x2000) // 0.5 in F2Dot14
		case c.flags&haveXYScale != 0:
			w(0x4000)
			w(0x4000)
		case c.flags&haveTwoByTwo != 0:
			w(0x4000)
			w(0)
			w(0)
			w(0x4000)
		}
	}
	if instructions != nil {
		w(uint16(len(instructions)))
		b = append(b, instructions...)
		for len(b)%2 != 0 {
			b = append(b, 0)
		}
	}
	return b
}

// buildFont assembles a TrueType font from glyphs, their advances and a
// character map, with minimal head, hhea, maxp, OS/2, name and post tables.
func buildFont(t testing.TB, glyphs [][]byte, advances []uint16, cmap map[rune]uint16) []byte {
	t.Helper()
	be := binary.BigEndian
	n := len(glyphs)
	var glyf, loca []byte
	for _, g := range glyphs {
		loca = be.AppendUint32(loca, uint32(len(glyf)))
		glyf = append(glyf, g...)
	}
	loca = be.AppendUint32(loca, uint32(len(glyf)))

	head := make([]byte, 54)
	be.PutUint32(head[0:], 0x00010000)
	be.PutUint32(head[12:], 0x5F0F3CF5)
	be.PutUint16(head[18:], 1000) // unitsPerEm
	be.PutUint16(head[40:], 1000)
	be.PutUint16(head[42:], 1000)
	be.PutUint16(head[50:], 1) // long loca

	hhea := make([]byte, 36)
	be.PutUint32(hhea[0:], 0x00010000)
	be.PutUint16(hhea[4:], 800)
	be.PutUint16(hhea[6:], uint16(0xFFFF-199)) // -200
	be.PutUint16(hhea[34:], uint16(n))

	maxp := make([]byte, 6)
	be.PutUint32(maxp[0:], 0x00005000)
	be.PutUint16(maxp[4:], uint16(n))

	var hmtx []byte
	for _, a := range advances {
		hmtx = be.AppendUint16(hmtx, a)
		hmtx = be.AppendUint16(hmtx, 0)
	}

	os2 := make([]byte, 96)
	be.PutUint16(os2[0:], 4)
	be.PutUint16(os2[4:], 400)
	be.PutUint16(os2[68:], 800)
	be.PutUint16(os2[70:], uint16(0xFFFF-199))

	post := make([]byte, 32)
	be.PutUint32(post[0:], 0x00030000)

	// name: family "Test" (ID 1) in Windows Unicode, English.
	str := utf16.Encode([]rune("Test"))
	name := []byte{0, 0, 0, 1, 0, 18}
	name = be.AppendUint16(name, 3)
	name = be.AppendUint16(name, 1)
	name = be.AppendUint16(name, 0x409)
	name = be.AppendUint16(name, 1)
	name = be.AppendUint16(name, uint16(2*len(str)))
	name = be.AppendUint16(name, 0)
	for _, u := range str {
		name = be.AppendUint16(name, u)
	}

	var rs []rune
	for r := range cmap {
		rs = append(rs, r)
	}
	slices.Sort(rs)
	gids := make([]uint16, len(rs))
	for i, r := range rs {
		gids[i] = cmap[r]
	}
	cm, err := subsetCmap(rs, gids)
	if err != nil {
		t.Fatal(err)
	}
	return assemble(map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca,
		"glyf": glyf, "cmap": cm, "name": name, "post": post, "OS/2": os2,
	}, false)
}
