package render

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"

	"briefing/briefing/layout"
	"briefing/briefing/ttf"
	"briefing/fonts"
)

// Fonts gives the TrueType program of each face. used lists the
// characters the document draws in that face, sorted, so that an
// implementation may return a subset font holding just those.
type Fonts interface {
	Program(face layout.Face, used []rune) ([]byte, error)
}

// Chains is a [Fonts] whose faces are fallback chains: lists of fonts
// tried in order for each character. Each font of a chain that draws
// something is embedded as a font of its own, holding only the glyphs
// drawn from it, and a text switches fonts only where its characters do.
type Chains interface {
	Fonts
	// Chain returns the number of fonts of face's chain.
	Chain(face layout.Face) int
	// Pick returns the index in face's chain of the font that draws r,
	// or -1 when none can.
	Pick(face layout.Face, r rune) int
	// ProgramOf returns the TrueType program of font i of face's chain;
	// used as for Program.
	ProgramOf(face layout.Face, i int, used []rune) ([]byte, error)
}

// SharedPrograms is a [Chains] that tells which fonts of its chains are
// one font program, embedded once however many faces draw with it.
type SharedPrograms interface {
	Chains
	// ProgramKey returns a comparable value, equal for font i of face's
	// chain and any other font of the chains that is the same program.
	ProgramKey(face layout.Face, i int) any
}

// Sequences is a [Chains] whose programs can hold the glyphs of
// variation sequences (葛 U+E0100, see ttf.Font.Variant) besides those
// of characters. A sequence is drawn by the font of the chain that draws
// its base character (Pick of the base), with the glyph that font maps
// it to; render asks that font's program for it.
type Sequences interface {
	Chains
	// ProgramWith returns ProgramOf's program holding also the glyphs
	// of the sequences seqs (sorted, each once).
	ProgramWith(face layout.Face, i int, used []rune, seqs []ttf.Sequence) ([]byte, error)
}

// FontFiles is a [Fonts] holding whole TrueType files by face.
type FontFiles map[layout.Face][]byte

// Program returns the face's file whole.
func (f FontFiles) Program(face layout.Face, used []rune) ([]byte, error) {
	b, ok := f[face]
	if !ok {
		return nil, fmt.Errorf("no font for face %d", face)
	}
	return b, nil
}

// Embedded returns the fonts of the default template, BIZ UDPGothic
// Regular and Bold, from package fonts.
func Embedded() (FontFiles, error) {
	reg, err := fonts.FS.ReadFile(fonts.Regular)
	if err != nil {
		return nil, fmt.Errorf("read embedded font: %w", err)
	}
	bold, err := fonts.FS.ReadFile(fonts.Bold)
	if err != nil {
		return nil, fmt.Errorf("read embedded font: %w", err)
	}
	return FontFiles{layout.Regular: reg, layout.Bold: bold}, nil
}

// ErrFontFormat is returned for a font file render cannot embed: anything but
// a TrueType (glyf) font or an OpenType font with CFF outlines (.otf), such
// as a .ttc collection.
var ErrFontFormat = errors.New("not a TrueType font file")

// tables reads the table directory of a TrueType or OpenType (CFF) file
// and checks that every table an embedded font needs is present and inside the
// file, so that a damaged font is an error rather than a damaged PDF.
func tables(b []byte) (map[string][]byte, error) {
	if len(b) < 12 {
		return nil, fmt.Errorf("%w: %d bytes", ErrFontFormat, len(b))
	}
	outlines := []string{"loca", "glyf"}
	switch v := binary.BigEndian.Uint32(b); v {
	case 0x00010000, 0x74727565: // TrueType
	case 0x4F54544F: // OpenType with CFF outlines
		outlines = []string{"CFF "}
	case 0x74746366:
		return nil, fmt.Errorf("%w: font collections (.ttc) are not supported", ErrFontFormat)
	default:
		return nil, fmt.Errorf("%w: unknown version %#08x", ErrFontFormat, v)
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if 12+16*n > len(b) {
		return nil, fmt.Errorf("%w: table directory runs past the end", ErrFontFormat)
	}
	ts := map[string][]byte{}
	for i := range n {
		rec := b[12+16*i:]
		tag := string(rec[:4])
		off, size := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+size > uint64(len(b)) {
			return nil, fmt.Errorf("%w: table %q runs past the end", ErrFontFormat, tag)
		}
		ts[tag] = b[off : off+size]
	}
	for _, tag := range append([]string{"head", "hhea", "hmtx", "maxp", "cmap", "name", "post", "OS/2"}, outlines...) {
		if _, ok := ts[tag]; !ok {
			return nil, fmt.Errorf("%w: no %q table", ErrFontFormat, tag)
		}
	}
	return ts, nil
}

// postScriptName returns the font's PostScript name (name ID 6) with only
// the characters a PDF name and the subset tag rules allow; "Font" when
// it has none.
func postScriptName(name []byte) string {
	if len(name) < 6 {
		return "Font"
	}
	count := int(binary.BigEndian.Uint16(name[2:]))
	strOff := int(binary.BigEndian.Uint16(name[4:]))
	var found string
	for i := range count {
		rec := 6 + 12*i
		if rec+12 > len(name) {
			break
		}
		platform := binary.BigEndian.Uint16(name[rec:])
		id := binary.BigEndian.Uint16(name[rec+6:])
		length := int(binary.BigEndian.Uint16(name[rec+8:]))
		off := strOff + int(binary.BigEndian.Uint16(name[rec+10:]))
		if id != 6 || off+length > len(name) {
			continue
		}
		raw := name[off : off+length]
		var s string
		switch platform {
		case 0, 3:
			u := make([]uint16, len(raw)/2)
			for j := range u {
				u[j] = binary.BigEndian.Uint16(raw[2*j:])
			}
			s = string(utf16.Decode(u))
		case 1:
			s = string(raw)
		default:
			continue
		}
		if found == "" || platform == 3 {
			found = s
		}
	}
	var b strings.Builder
	for _, r := range found {
		if r > ' ' && r < 0x7F && !strings.ContainsRune("[](){}<>/%#", r) {
			b.WriteRune(r)
		}
	}
	s := b.String()
	if s == "" {
		return "Font"
	}
	if len(s) > 56 {
		s = s[:56]
	}
	return s
}
