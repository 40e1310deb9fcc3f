package render

import (
	"encoding/binary"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"briefing/briefing/ttf"
)

// pdfFont is a font written into the PDF: its Type 0 font object and the
// glyph index of each character it draws (the character code of a glyph
// is its glyph index: Identity-H, CIDToGIDMap /Identity).
type pdfFont struct {
	obj   int
	name  string // resource name: F0, F0-1
	glyph *glyphMap
	seqs  map[ttf.Sequence]uint16 // the glyph of each variation sequence
	sels  map[rune]uint16         // the empty glyph of each variation selector after its sequence
	marks map[pair]uint16         // the glyph of each combining mark over its base
	font  *ttf.Font               // the program embedded, for placing marks
	// slot, when not 0, makes it a placeholder for a font made later
	// (see stub.go).
	slot int
}

// embedFont writes a font program holding the glyphs of runes, gids[i]
// that of runes[i] (and the
// overlays of combining marks) as a Type 0 font with a CIDFontType2
// descendant (TrueType; FontFile2) or a CIDFontType0 one (CFF; FontFile3
// /CIDFontType0C), its descriptor, the program and a ToUnicode map; name is
// the subset's name (ABCDEF+PostScriptName).
// Every rune must have a glyph in font. Of the variation sequences seqs,
// those font draws (see ttf.Font.Variant) are drawn as their glyph, which
// copies back as the base, followed by the selector's glyph of no
// advance that a subset has (see ttf.Options.Sequences), which copies
// back as the selector.
//
// A whole CFF font (whole, for tests that compare a subset with the font
// it came from) is embedded as its OpenType file (FontFile3 /OpenType),
// whose CIDs are its CFF charset's.
func embedFont(w *writer, font *ttf.Font, ts map[string][]byte, name string, runes []rune, gids []uint16, seqs []ttf.Sequence, overlays []overlay, whole bool) (pdfFont, error) {
	e := pdfFont{obj: w.alloc(), glyph: &glyphMap{}, font: font}
	cid, desc, file, cmap := w.alloc(), w.alloc(), w.alloc(), w.alloc()
	upem := float64(font.UnitsPerEm())
	scale := func(v int) int {
		f := float64(v) * 1000 / upem
		if f < 0 {
			return -int(-f + 0.5)
		}
		return int(f + 0.5)
	}

	// Widths by glyph, in glyph order, and the characters of each glyph.
	glyphs := make([]glyph, 0, len(runes))
	for i, r := range runes {
		gid := gids[i]
		e.glyph.set(r, gid)
		glyphs = append(glyphs, glyph{gid, font.Width(gid), r})
	}
	for _, q := range seqs {
		gid, ok := font.Variant(q.Base, q.Selector)
		if !ok {
			continue // drawn as its base alone
		}
		if e.seqs == nil {
			e.seqs = make(map[ttf.Sequence]uint16, len(seqs))
		}
		e.seqs[q] = gid
		adv, _ := font.VariantAdvance(q.Base, q.Selector)
		glyphs = append(glyphs, glyph{gid, adv, q.Base})
		if _, ok := e.sels[q.Selector]; ok {
			continue
		}
		if sg, ok := font.Glyph(q.Selector); ok {
			if e.sels == nil {
				e.sels = map[rune]uint16{}
			}
			e.sels[q.Selector] = sg
			glyphs = append(glyphs, glyph{sg, 0, q.Selector})
		}
	}
	// Each combining mark over its base: a glyph of no advance that
	// copies back as the mark.
	for _, o := range overlays {
		if e.marks == nil {
			e.marks = make(map[pair]uint16, len(overlays))
		}
		e.marks[o.p] = o.gid
		glyphs = append(glyphs, glyph{o.gid, 0, o.p.mark})
	}
	glyphs = byGlyph(glyphs)
	var W []byte
	W = append(W, '[')
	for i := 0; i < len(glyphs); {
		// A run of consecutive glyph indices: gid [w1 w2 …].
		j := i + 1
		for j < len(glyphs) && int(glyphs[j].gid) <= int(glyphs[j-1].gid)+1 {
			j++
		}
		W = strconv.AppendInt(W, int64(glyphs[i].gid), 10)
		W = append(W, " ["...)
		prev := -1
		for k := i; k < j; k++ {
			if int(glyphs[k].gid) == prev {
				continue // two characters, one glyph
			}
			prev = int(glyphs[k].gid)
			if k > i {
				W = append(W, ' ')
			}
			W = strconv.AppendInt(W, int64(glyphs[k].width), 10)
		}
		W = append(W, "] "...)
		i = j
	}
	W = append(W, ']')

	w.object(e.obj, "<</Type /Font /Subtype /Type0 /BaseFont /"+name+
		" /Encoding /Identity-H /DescendantFonts ["+ref(cid)+"] /ToUnicode "+ref(cmap)+">>")
	// A CFF font is a CIDFontType0 whose CFF is CID-keyed with CID i for
	// glyph i (see ttf.Font.Subset), a TrueType one a CIDFontType2 with
	// the identity map: either way the code drawn is the glyph index.
	cff := font.CFF()
	subtype, gidMap, fontFile := "/CIDFontType2", " /CIDToGIDMap /Identity", " /FontFile2 "
	if cff != nil {
		subtype, gidMap, fontFile = "/CIDFontType0", "", " /FontFile3 "
	}
	w.object(cid, "<</Type /Font /Subtype "+subtype+" /BaseFont /"+name+
		" /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>>"+
		" /FontDescriptor "+ref(desc)+" /DW 1000 /W "+string(W)+gidMap+">>")

	// The descriptor, from the head, hhea, OS/2 and post tables.
	head, hhea, os2, post := ts["head"], ts["hhea"], ts["OS/2"], ts["post"]
	i16 := func(b []byte, off int) int {
		if off+2 > len(b) {
			return 0
		}
		return int(int16(binary.BigEndian.Uint16(b[off:])))
	}
	bbox := [4]int{scale(i16(head, 36)), scale(i16(head, 38)), scale(i16(head, 40)), scale(i16(head, 42))}
	ascent, descent := scale(i16(hhea, 4)), scale(i16(hhea, 6))
	capHeight := ascent
	if i16(os2, 0) >= 2 && len(os2) >= 90 {
		capHeight = scale(i16(os2, 88))
	}
	italic := 0
	flags := 4 // symbolic: the glyphs are not the standard Latin set
	if len(post) >= 16 {
		italic = i16(post, 4)
		if binary.BigEndian.Uint32(post[12:]) != 0 {
			flags |= 1 // fixed pitch
		}
	}
	if italic != 0 {
		flags |= 64
	}
	var d strings.Builder
	d.WriteString("<</Type /FontDescriptor /FontName /" + name)
	d.WriteString(" /Flags " + strconv.Itoa(flags))
	d.WriteString(" /FontBBox [" + strconv.Itoa(bbox[0]) + " " + strconv.Itoa(bbox[1]) + " " + strconv.Itoa(bbox[2]) + " " + strconv.Itoa(bbox[3]) + "]")
	d.WriteString(" /ItalicAngle " + strconv.Itoa(italic))
	d.WriteString(" /Ascent " + strconv.Itoa(ascent) + " /Descent " + strconv.Itoa(descent))
	d.WriteString(" /CapHeight " + strconv.Itoa(capHeight) + " /StemV 80")
	d.WriteString(fontFile + ref(file) + ">>")
	w.object(desc, d.String())

	if cff != nil && whole {
		if err := w.fontStream(file, " /Subtype /OpenType", font.Bytes()); err != nil {
			return e, err
		}
	} else if cff != nil {
		if err := w.fontStream(file, " /Subtype /CIDFontType0C", cff); err != nil {
			return e, err
		}
	} else {
		prog := font.Bytes()
		if err := w.fontStream(file, " /Length1 "+strconv.Itoa(len(prog)), prog); err != nil {
			return e, err
		}
	}
	if err := w.stream(cmap, "", toUnicode(glyphs)); err != nil {
		return e, err
	}
	return e, nil
}

// glyphMap maps the characters of a font to their glyphs: those of the
// Basic Multilingual Plane in blocks of 256 characters, read without
// hashing (each glyph of every page is looked up), those above U+FFFF in
// a map.
type glyphMap struct {
	bmp  [256]*[256]uint16 // 1 + the glyph of each character, 0: none
	sup  map[rune]uint16
	free [][256]uint16 // blocks not used yet
}

// set maps r to glyph g.
func (m *glyphMap) set(r rune, g uint16) {
	if uint32(r) > 0xFFFF {
		if m.sup == nil {
			m.sup = map[rune]uint16{}
		}
		m.sup[r] = g
		return
	}
	b := m.bmp[r>>8]
	if b == nil {
		if len(m.free) == 0 {
			m.free = make([][256]uint16, 8)
		}
		b, m.free = &m.free[0], m.free[1:]
		m.bmp[r>>8] = b
	}
	b[r&255] = g + 1
}

// get returns the glyph of r; ok is false for a character the map (or a
// nil map) does not hold, glyph 0.
func (m *glyphMap) get(r rune) (glyph uint16, ok bool) {
	if m == nil {
		return 0, false
	}
	if uint32(r) <= 0xFFFF {
		if b := m.bmp[r>>8]; b != nil && b[r&255] != 0 {
			return b[r&255] - 1, true
		}
		return 0, false
	}
	g, ok := m.sup[r]
	return g, ok
}

// glyph is a glyph of an embedded font: its index, its width in 1/1000
// em and a character it draws.
type glyph struct {
	gid   uint16
	width int
	r     rune
}

// byGlyph returns gs sorted by glyph index, stably: of two characters of
// one glyph the first keeps it. (A subset's glyphs are in the order of the
// whole font's, not of its characters'.) A subset's glyph indexes are
// few and dense, about one a character: they are counted, each glyph's
// characters placed after those of the glyphs before it, without
// comparing; those of a whole font (tests) are sorted.
func byGlyph(gs []glyph) []glyph {
	top := 0
	for _, g := range gs {
		top = max(top, int(g.gid))
	}
	out := make([]glyph, len(gs))
	if top > 4*len(gs)+256 {
		keys := make([]uint64, len(gs))
		for i, g := range gs {
			keys[i] = uint64(g.gid)<<32 | uint64(i)
		}
		slices.Sort(keys)
		for i, k := range keys {
			out[i] = gs[uint32(k)]
		}
		return out
	}
	at := make([]int32, top+2) // at[g+1]: characters of glyph g, then where they go
	for _, g := range gs {
		at[g.gid+1]++
	}
	for i := 1; i < len(at); i++ {
		at[i] += at[i-1]
	}
	for _, g := range gs {
		out[at[g.gid]] = g
		at[g.gid]++
	}
	return out
}

// toUnicode writes the CMap that maps each glyph back to its character,
// for copying and searching text; a character above U+FFFF as its UTF-16
// surrogate pair (the glyph of a variation selector <DB40DD00> for
// U+E0100, after the glyph of its sequence, which maps to the base).
// Glyphs are sorted by index; a glyph drawn for two characters maps to the
// first (a subset gives each character a glyph of its own, see
// ttf.Font.Subset: only a font embedded whole for tests shares one).
//
// A variation sequence is two glyphs rather than one glyph mapped to
// base and selector (<845BDB40DD00>), which MuPDF (1.21) copies as two
// unpaired surrogates: it joins the surrogates of a mapping only when
// they are the whole mapping.
func toUnicode(gs []glyph) []byte {
	ms := make([]glyph, 0, len(gs))
	for _, g := range gs {
		if len(ms) == 0 || ms[len(ms)-1].gid != g.gid {
			ms = append(ms, g)
		}
	}
	b := make([]byte, 0, 400+len(ms)*16)
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	for i := 0; i < len(ms); i += 100 {
		chunk := ms[i:min(i+100, len(ms))]
		b = strconv.AppendInt(b, int64(len(chunk)), 10)
		b = append(b, " beginbfchar\n"...)
		for _, m := range chunk {
			b = append(b, '<')
			b = appendHex16(b, m.gid)
			b = append(b, "> <"...)
			if m.r > 0xFFFF {
				// A surrogate pair (ISO 32000-1, 9.10.3): <D842DF9F> for U+20B9F.
				hi, lo := utf16.EncodeRune(m.r)
				b = appendHex16(b, uint16(hi))
				b = appendHex16(b, uint16(lo))
			} else {
				b = appendHex16(b, uint16(m.r))
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	b = append(b, "endcmap\nCMapName currentdict /CMapResource defineresource pop\nend\nend\n"...)
	return b
}
