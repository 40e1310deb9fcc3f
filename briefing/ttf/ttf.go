// Package ttf reads TrueType fonts (glyf outlines) and writes subsets of
// them. It is written from the OpenType specification and reads only what
// briefing needs: the character map (formats 4 and 12, and the variation
// sequences of format 14), the horizontal metrics and the glyph outlines,
// so that a document can carry a small font holding just the glyphs it
// draws.
//
// # Widths
//
// [Font.Advance] reports widths in 1/1000 em, rounded from the font's
// units: the numbers the layout measures text with and package render
// writes into a PDF font's width array, so that a line measured is the
// line drawn. Advance reads the format 4 character map for the Basic
// Multilingual Plane and the format 12 map above it (U+10000 to U+10FFFF:
// 𠮟 U+20B9F, 𩸽 U+29E3D), as [Font.Glyph] does.
//
// # Variation sequences
//
// [Font.Variant] and [Font.VariantAdvance] read the format 14 map: the
// glyph of a base character followed by a variation selector (葛 U+E0100),
// from its non-default UVS table, or the base's own glyph for a sequence
// of its default UVS table. A damaged format 14 subtable (a table past
// its end, records out of order) is an error of [Parse], as a damaged
// format 4 or 12 one is. [Options].Sequences keeps sequences' glyphs in a
// subset.
//
// # Subsets
//
// [Font.Subset] writes a small TrueType font with just the glyphs some
// runes (and variation sequences) use (composite glyphs' components
// included), the same outlines and
// advances, and every table a PDF reader needs of an embedded TrueType
// font, so that a briefing carries a few hundred glyphs instead of two
// 4.6 MB fonts. [Options.NoHinting] also drops the hinting instructions.
// The tests check the subsets with a second PDF writer, fpdf.
//
// # Collections
//
// A font collection (.ttc, .otc) holds several faces sharing tables:
// [Faces] lists their names (whatever their outlines), [ParseFace] reads
// one; table offsets count from the start of the file, so a face of a
// collection subsets like the single font.
//
// Parsing never panics and never prints: a file that is not a TrueType
// font with glyf outlines (a CFF-based .otf or CFF face of a collection,
// a damaged file) is an error.
package ttf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"unicode/utf16"
)

// Errors that [Parse] returns, wrapped with details.
var (
	// ErrFormat means the bytes are not a usable TrueType or OpenType
	// (CFF) font.
	ErrFormat = errors.New("not a usable TrueType or OpenType font")
	// ErrUnsupported means the file is a font, but of a kind this package
	// does not handle (CFF2 outlines, a licence that forbids embedding).
	ErrUnsupported = errors.New("unsupported font")

	// errInternal marks a recovered panic: a bug, never expected.
	errInternal = errors.New("internal error")
)

// table is the place of one table inside the font file.
type table struct {
	off, len uint32
}

// Font is a parsed TrueType font. It keeps the file's bytes, which must
// not be changed afterwards. A Font is safe for concurrent use.
type Font struct {
	data   []byte
	tables map[string]table
	tags   []string // table tags in file order of the directory

	unitsPerEm  int
	numGlyphs   int
	numHMetrics int
	locaLong    bool
	ascender    int
	descender   int
	lineGap     int

	hmtx []byte // the hmtx table, checked to hold every glyph's metric
	// widths holds 1 + each glyph's advance in 1/1000 em, as a PDF width
	// array holds it, worked out from hmtx when first asked for ([Font.width]);
	// 0 until then: a briefing measures a few hundred of a CJK font's
	// 20,000 glyphs.
	widths []atomic.Int32
	// loca is the loca table, checked to hold numGlyphs+1 offsets in
	// order within glyf (read with [Font.locaAt]); nil for CFF outlines.
	// The advances and offsets are read from the file when a subset
	// needs them, not copied at parsing: a cold start parses two CJK
	// fonts of 20,000 glyphs for a few hundred of them.
	loca []byte
	glyf []byte // the glyf table, nil for CFF outlines
	// shapes holds what a subset reads of each glyph's data (see
	// [Font.shape]), worked out when first asked for; made at the first
	// subset. A batch of briefings subsets the same fonts for each, and
	// their glyphs' data lie scattered over megabytes of glyf table.
	shapes     []atomic.Uint64
	shapesOnce sync.Once

	cff *cffFont // CFF outlines, or nil for glyf ones

	fmt4 []byte     // the format 4 subtable
	segs []segment4 // its segments, in order, unless bmp is used
	// bmp holds 1 + the glyph of each BMP character looked up so far, 0
	// for one not looked up yet, when the segments are many; else nil.
	bmp    []atomic.Uint32
	groups []group12    // supplementary planes, from a format 12 map
	uvs    []selector14 // variation selectors, from a format 14 map, by selector

	family, fullName, psName string

	face  int       // the face's index in a collection
	known bool      // read by ParseKnown: parsing checks less
	ink   inkReader // CFF glyph bounds, read when first asked for
}

// segment4 is a segment of a format 4 subtable.
type segment4 struct {
	start, end uint16
	delta      uint16
	ro         int // offset of the segment's first glyph index in fmt4, or 0
}

// selector14 is a variation selector record of a format 14 subtable:
// its default UVS table's ranges (4 bytes each: uint24 start, uint8
// additionalCount) and its non-default UVS table's mappings (5 bytes
// each: uint24 base, uint16 glyph), both sorted.
type selector14 struct {
	sel            rune
	ranges, glyphs []byte
}

// group12 is a sequential map group of a format 12 subtable.
type group12 struct {
	start, end, gid uint32
}

func u16(b []byte, off int) uint16 { return binary.BigEndian.Uint16(b[off:]) }
func i16(b []byte, off int) int16  { return int16(binary.BigEndian.Uint16(b[off:])) }
func u32(b []byte, off int) uint32 { return binary.BigEndian.Uint32(b[off:]) }

// Parse reads a TrueType font from b. The font must have glyf outlines, a
// Unicode character map of format 4 and the tables a PDF writer needs
// (head, hhea, maxp, hmtx, loca, glyf, cmap, name, post). Its licence must
// allow embedding (OS/2 fsType). b is kept by the Font and must not be
// modified.
//
// Of a font collection (.ttc), Parse reads the first face; see [ParseFace].
func Parse(b []byte) (f *Font, err error) {
	return ParseFace(b, 0)
}

// ParseKnown is [Parse] for a font that Parse accepts, as a test shows of
// each font embedded in the program: it returns the same Font without
// the checks of every glyph's offset (loca) and of every format 12 group
// below U+10000, which a cold start would otherwise make of two CJK fonts
// of 14,000 glyphs and 10,000 groups. Of a font Parse would refuse, what
// it reads is undefined (bounds-checked: an error, never a crash).
func ParseKnown(b []byte) (*Font, error) { return parseFace(b, 0, true) }

// ParseFace reads face i (from 0) of a font collection (.ttc, .otc); of a
// single font, face 0 is the font. The errors are those of [Parse], and
// [ErrFormat] for an index the file has no face at.
func ParseFace(b []byte, i int) (f *Font, err error) { return parseFace(b, i, false) }

// parseFace is ParseFace; known leaves out the checks ParseKnown leaves out.
func parseFace(b []byte, i int, known bool) (f *Font, err error) {
	defer func() {
		// The reads below are bounds-checked; this is a last guard so that
		// a damaged file is an error, never a crash.
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("%w: damaged file (%w: %v)", ErrFormat, errInternal, r)
		}
	}()
	base, err := faceOffset(b, i)
	if err != nil {
		return nil, err
	}
	f, err = directory(b, base)
	if err != nil {
		return nil, err
	}
	f.face, f.known = i, known
	if _, ok := f.tables["CFF2"]; ok {
		return nil, fmt.Errorf("%w: CFF2 outlines (variable OpenType); need TrueType (glyf) or CFF outlines", ErrUnsupported)
	}
	return f.parse()
}

// maxFaces is the most faces of a collection read.
const maxFaces = 1 << 12

// faceOffset returns where the table directory of face i starts in b.
func faceOffset(b []byte, i int) (int, error) {
	if len(b) < 12 {
		return 0, fmt.Errorf("%w: file too short (%d bytes)", ErrFormat, len(b))
	}
	if u32(b, 0) != 0x74746366 { // 'ttcf'
		if i != 0 {
			return 0, fmt.Errorf("%w: face %d: the file is a single font, not a collection (.ttc)", ErrFormat, i)
		}
		return 0, nil
	}
	n := int(u32(b, 8))
	if n < 1 || n > maxFaces || 12+4*n > len(b) {
		return 0, fmt.Errorf("%w: collection header of %d faces runs past the end of the file", ErrFormat, n)
	}
	if i < 0 || i >= n {
		return 0, fmt.Errorf("%w: no face %d: the collection has %d faces, 0 to %d", ErrFormat, i, n, n-1)
	}
	off := int(u32(b, 12+4*i))
	if off < 0 || off+12 > len(b) {
		return 0, fmt.Errorf("%w: face %d starts past the end of the file", ErrFormat, i)
	}
	return off, nil
}

// NumFaces returns the number of faces of a font collection, 1 for a
// single font.
func NumFaces(b []byte) int {
	if len(b) >= 12 && u32(b, 0) == 0x74746366 {
		return int(u32(b, 8))
	}
	return 1
}

// FaceName is the names of one face of a font file.
type FaceName struct {
	Index                            int // in the collection, from 0
	Family, FullName, PostScriptName string
}

// Faces lists the faces of a font file (one for a single font) with their
// names from the name table, whatever their outlines (CFF faces too).
func Faces(b []byte) (names []FaceName, err error) {
	defer func() {
		if r := recover(); r != nil {
			names, err = nil, fmt.Errorf("%w: damaged file (%w: %v)", ErrFormat, errInternal, r)
		}
	}()
	n := 1
	if len(b) >= 12 && u32(b, 0) == 0x74746366 {
		n = int(u32(b, 8))
		if n < 1 || n > maxFaces {
			return nil, fmt.Errorf("%w: collection of %d faces", ErrFormat, n)
		}
	}
	for i := range n {
		base, err := faceOffset(b, i)
		if err != nil {
			return nil, err
		}
		f, err := directory(b, base)
		if err != nil {
			return nil, err
		}
		if t, ok := f.tables["name"]; ok && t.len >= 6 {
			if err := f.parseName(); err != nil {
				return nil, err
			}
		}
		names = append(names, FaceName{i, f.family, f.fullName, f.psName})
	}
	return names, nil
}

// directory reads the table directory of the face at base in b (table
// offsets count from the start of the file, in a collection too).
func directory(b []byte, base int) (*Font, error) {
	if base+12 > len(b) {
		return nil, fmt.Errorf("%w: file too short (%d bytes)", ErrFormat, len(b))
	}
	switch v := u32(b, base); v {
	case 0x00010000, 0x74727565, 0x4F54544F: // 1.0, 'true', 'OTTO'
	default:
		return nil, fmt.Errorf("%w: unknown sfnt version 0x%08x", ErrFormat, v)
	}
	f := &Font{data: b, tables: map[string]table{}}
	n := int(u16(b, base+4))
	if base+12+16*n > len(b) {
		return nil, fmt.Errorf("%w: table directory of %d tables runs past the end of the file", ErrFormat, n)
	}
	for i := range n {
		rec := base + 12 + 16*i
		tag := string(b[rec : rec+4])
		off, ln := u32(b, rec+8), u32(b, rec+12)
		if uint64(off)+uint64(ln) > uint64(len(b)) {
			return nil, fmt.Errorf("%w: table %q runs past the end of the file", ErrFormat, tag)
		}
		if _, dup := f.tables[tag]; dup {
			return nil, fmt.Errorf("%w: table %q appears twice", ErrFormat, tag)
		}
		f.tables[tag] = table{off, ln}
		f.tags = append(f.tags, tag)
	}
	return f, nil
}

// parse reads the tables of a TrueType face whose directory is read.
func (f *Font) parse() (_ *Font, err error) {
	_, cff := f.tables["CFF "]
	outlines := []string{"loca", "glyf"}
	if cff {
		outlines = []string{"CFF "}
	}
	for _, p := range []struct {
		tag string
		min int
	}{{"head", 54}, {"hhea", 36}, {"maxp", 6}, {"hmtx", 0}, {outlines[0], 0}, {outlines[len(outlines)-1], 0}, {"cmap", 4}, {"name", 6}, {"post", 32}} {
		t, ok := f.tables[p.tag]
		if !ok {
			return nil, fmt.Errorf("%w: no %q table", ErrFormat, p.tag)
		}
		if int(t.len) < p.min {
			return nil, fmt.Errorf("%w: %q table too short (%d bytes)", ErrFormat, p.tag, t.len)
		}
	}
	if err := f.parseHead(cff); err != nil {
		return nil, err
	}
	if err := f.parseMetrics(); err != nil {
		return nil, err
	}
	if cff {
		if f.cff, err = parseCFF(f.tab("CFF "), f.numGlyphs); err != nil {
			return nil, err
		}
	} else if err := f.parseLoca(); err != nil {
		return nil, err
	}
	if err := f.parseOS2(); err != nil {
		return nil, err
	}
	if err := f.parseCmap(); err != nil {
		return nil, err
	}
	if err := f.parseName(); err != nil {
		return nil, err
	}
	return f, nil
}

// tab returns the bytes of a table, or nil when the font has none.
func (f *Font) tab(tag string) []byte {
	t, ok := f.tables[tag]
	if !ok {
		return nil
	}
	return f.data[t.off : t.off+t.len]
}

func (f *Font) parseHead(cff bool) error {
	h := f.tab("head")
	if u32(h, 12) != 0x5F0F3CF5 {
		return fmt.Errorf("%w: bad magic number in head table", ErrFormat)
	}
	f.unitsPerEm = int(u16(h, 18))
	if f.unitsPerEm < 16 || f.unitsPerEm > 16384 {
		return fmt.Errorf("%w: unitsPerEm %d is not within 16..16384", ErrFormat, f.unitsPerEm)
	}
	if cff {
		return nil // no loca or glyf to describe
	}
	switch i16(h, 50) {
	case 0:
	case 1:
		f.locaLong = true
	default:
		return fmt.Errorf("%w: indexToLocFormat %d is not 0 or 1", ErrFormat, i16(h, 50))
	}
	if i16(h, 52) != 0 {
		return fmt.Errorf("%w: glyphDataFormat %d is not 0", ErrFormat, i16(h, 52))
	}
	return nil
}

func (f *Font) parseMetrics() error {
	f.numGlyphs = int(u16(f.tab("maxp"), 4))
	if f.numGlyphs == 0 {
		return fmt.Errorf("%w: no glyphs", ErrFormat)
	}
	hh := f.tab("hhea")
	f.ascender = int(i16(hh, 4))
	f.descender = int(i16(hh, 6))
	f.lineGap = int(i16(hh, 8))
	if i16(hh, 32) != 0 {
		return fmt.Errorf("%w: metricDataFormat %d is not 0", ErrFormat, i16(hh, 32))
	}
	f.numHMetrics = int(u16(hh, 34))
	if f.numHMetrics == 0 || f.numHMetrics > f.numGlyphs {
		return fmt.Errorf("%w: numberOfHMetrics %d is not within 1..%d", ErrFormat, f.numHMetrics, f.numGlyphs)
	}
	hm := f.tab("hmtx")
	if need := 4*f.numHMetrics + 2*(f.numGlyphs-f.numHMetrics); len(hm) < need {
		return fmt.Errorf("%w: hmtx table has %d bytes, needs %d", ErrFormat, len(hm), need)
	}
	f.hmtx = hm
	f.widths = make([]atomic.Int32, f.numGlyphs)
	return nil
}

// width returns the advance of glyph g (below numGlyphs) in 1/1000 em.
func (f *Font) width(g uint16) int {
	if w := f.widths[g].Load(); w != 0 {
		return int(w - 1)
	}
	return f.newWidth(g)
}

// newWidth works out and keeps the advance of glyph g in 1/1000 em: an
// advance of 0x8000 or more is taken as 0, as readers that read it as a
// signed value do; 1000/unitsPerEm × advance is rounded.
func (f *Font) newWidth(g uint16) int {
	a := int(f.advance(int(g)))
	if a >= 1<<15 {
		a = 0
	}
	scale := 1000.0 / float64(f.unitsPerEm)
	w := int32(math.Round(scale * float64(a)))
	f.widths[g].Store(w + 1)
	return int(w)
}

func (f *Font) parseLoca() error {
	lo := f.tab("loca")
	f.glyf = f.tab("glyf")
	glyfLen := uint32(len(f.glyf))
	n := f.numGlyphs + 1
	if f.locaLong && len(lo) < 4*n || !f.locaLong && len(lo) < 2*n {
		return fmt.Errorf("%w: loca table too short for %d glyphs", ErrFormat, f.numGlyphs)
	}
	f.loca = lo
	if f.known {
		return nil
	}
	prev := uint32(0)
	for i := range n {
		o := f.locaAt(i)
		if o > glyfLen || o < prev {
			return fmt.Errorf("%w: loca entry %d (offset %d) is out of order or past the glyf table", ErrFormat, i, o)
		}
		prev = o
	}
	return nil
}

// locaAt is entry i (0 to numGlyphs) of the loca table: the offset of
// glyph i in glyf, in bytes.
func (f *Font) locaAt(i int) uint32 {
	if f.locaLong {
		return u32(f.loca, 4*i)
	}
	return 2 * uint32(u16(f.loca, 2*i))
}

// advance is glyph g's advance width in font units from the hmtx table
// (the last full metric's for a glyph past numberOfHMetrics); g is below
// numGlyphs.
func (f *Font) advance(g int) uint16 {
	return u16(f.hmtx, 4*min(g, f.numHMetrics-1))
}

func (f *Font) parseOS2() error {
	os2 := f.tab("OS/2")
	if os2 == nil {
		return nil
	}
	if len(os2) < 78 {
		return fmt.Errorf("%w: OS/2 table too short (%d bytes)", ErrFormat, len(os2))
	}
	if u16(os2, 0) > 1 && len(os2) < 90 {
		return fmt.Errorf("%w: OS/2 table version %d too short (%d bytes)", ErrFormat, u16(os2, 0), len(os2))
	}
	fsType := u16(os2, 8)
	if fsType&0x000F == 0x0002 {
		return fmt.Errorf("%w: the font's licence forbids embedding it (OS/2 fsType 0x%04x, restricted licence)", ErrUnsupported, fsType)
	}
	if fsType&0x0300 != 0 {
		return fmt.Errorf("%w: the font's licence forbids subsetting or outline embedding (OS/2 fsType 0x%04x)", ErrUnsupported, fsType)
	}
	return nil
}

// parseCmap picks the subtables: the first encoding record of
// platform 3 encoding 1, or of platform 0, whose subtable has format 4; and
// a format 12 subtable of platform 3 encoding 10 or platform 0 for the
// supplementary planes.
func (f *Font) parseCmap() error {
	cm := f.tab("cmap")
	n := int(u16(cm, 2))
	if 4+8*n > len(cm) {
		return fmt.Errorf("%w: cmap has %d encoding records but is %d bytes long", ErrFormat, n, len(cm))
	}
	var fmt4, fmt12, fmt14 []byte
	for i := range n {
		rec := 4 + 8*i
		plat, enc, off := u16(cm, rec), u16(cm, rec+2), u32(cm, rec+4)
		if uint64(off)+4 > uint64(len(cm)) {
			return fmt.Errorf("%w: cmap subtable %d starts past the table", ErrFormat, i)
		}
		sub := cm[off:]
		switch u16(sub, 0) {
		case 4:
			if fmt4 == nil && (plat == 3 && enc == 1 || plat == 0) {
				ln := int(u16(sub, 2))
				if ln > len(sub) || ln < 16 {
					return fmt.Errorf("%w: cmap format 4 subtable length %d is wrong", ErrFormat, ln)
				}
				fmt4 = sub[:ln]
			}
		case 12:
			if fmt12 == nil && (plat == 3 && enc == 10 || plat == 0) {
				if len(sub) < 16 {
					return fmt.Errorf("%w: cmap format 12 subtable truncated", ErrFormat)
				}
				ln := u32(sub, 4)
				if uint64(ln) > uint64(len(sub)) || ln < 16 {
					return fmt.Errorf("%w: cmap format 12 subtable length %d is wrong", ErrFormat, ln)
				}
				fmt12 = sub[:ln]
			}
		case 14:
			if fmt14 == nil && plat == 0 && enc == 5 {
				if len(sub) < 10 {
					return fmt.Errorf("%w: cmap format 14 subtable truncated", ErrFormat)
				}
				ln := u32(sub, 2)
				if uint64(ln) > uint64(len(sub)) || ln < 10 {
					return fmt.Errorf("%w: cmap format 14 subtable length %d is wrong", ErrFormat, ln)
				}
				fmt14 = sub[:ln]
			}
		}
	}
	if fmt4 == nil {
		return fmt.Errorf("%w: no Unicode character map of format 4 (platform 3 encoding 1)", ErrFormat)
	}
	if err := f.parseFormat4(fmt4); err != nil {
		return err
	}
	if fmt12 != nil {
		if err := f.parseFormat12(fmt12); err != nil {
			return err
		}
	}
	if fmt14 != nil {
		if err := f.parseFormat14(fmt14); err != nil {
			return err
		}
	}
	return nil
}

func (f *Font) parseFormat4(t []byte) error {
	segX2 := int(u16(t, 6))
	if segX2%2 != 0 || 16+4*segX2 > len(t) {
		return fmt.Errorf("%w: cmap format 4 segment count %d does not fit its subtable", ErrFormat, segX2/2)
	}
	seg := segX2 / 2
	ends, starts, deltas, ranges := 14, 16+segX2, 16+2*segX2, 16+3*segX2
	f.fmt4 = t
	segAt := func(i int) segment4 {
		s := segment4{
			end:   u16(t, ends+2*i),
			start: u16(t, starts+2*i),
			delta: u16(t, deltas+2*i),
		}
		if ro := int(u16(t, ranges+2*i)); ro != 0 {
			// idRangeOffset counts from its own place in the subtable;
			// glyph indexes past the subtable's end read as 0.
			s.ro = ranges + 2*i + ro
		}
		return s
	}
	prevEnd, mapped := -1, 0
	for i := range seg {
		s := segAt(i)
		if s.start > s.end || int(s.start) <= prevEnd {
			return fmt.Errorf("%w: cmap format 4 segment %d (U+%04X..U+%04X) is out of order", ErrFormat, i, s.start, s.end)
		}
		prevEnd = int(s.end)
		mapped += int(s.end) - int(s.start) + 1
	}
	if seg > bmpTableSegments && mapped > bmpTableChars {
		// A table of every BMP character's glyph (256 KB, of which only
		// the pages of the characters looked up are ever touched): the
		// layout looks up each character it measures, and one load is
		// several times quicker than a binary search over a CJK font's
		// thousands of segments. Each character's entry is filled when
		// it is first looked up, by that search of the subtable: a
		// briefing has a few hundred of a CJK font's 20,000. A subset (a
		// briefing's few hundred characters, in as many segments when
		// they are scattered CJK ones) is read back once per document and
		// looked up a few times per character, so its segments are
		// searched. With the table the segments are not kept (a CJK
		// font's are another 100 KB).
		f.bmp = make([]atomic.Uint32, 0x10000)
		return nil
	}
	f.segs = make([]segment4, seg)
	for i := range seg {
		f.segs[i] = segAt(i)
	}
	return nil
}

// bmpTableSegments and bmpTableChars are the numbers of format 4
// segments and of characters they map above which Parse builds a lookup
// table.
const (
	bmpTableSegments = 256
	bmpTableChars    = 4096
)

// glyph4 looks r (at most 0xFFFF) up in the format 4 map; 0 for none.
func (f *Font) glyph4(r rune) uint16 {
	if f.bmp != nil {
		if g := f.bmp[r&0xFFFF].Load(); g != 0 {
			return uint16(g - 1)
		}
		return f.newGlyph4(r)
	}
	lo, hi := 0, len(f.segs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rune(f.segs[m].end) < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(f.segs) || rune(f.segs[lo].start) > r {
		return 0
	}
	return f.segGlyph(&f.segs[lo], r)
}

// newGlyph4 searches the format 4 subtable for r (at most 0xFFFF) and
// keeps its glyph in the table bmp; 0 for none.
func (f *Font) newGlyph4(r rune) uint16 {
	r &= 0xFFFF
	n := f.segments4()
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rune(u16(f.fmt4, 14+2*m)) < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	var g uint16
	if lo < n {
		if s := f.segment4(lo); rune(s.start) <= r {
			g = f.segGlyph(&s, r)
		}
	}
	f.bmp[r].Store(uint32(g) + 1)
	return g
}

// segments4 is the number of segments of the format 4 subtable.
func (f *Font) segments4() int { return int(u16(f.fmt4, 6)) / 2 }

// segment4 reads segment i of the format 4 subtable, which parseFormat4
// checked.
func (f *Font) segment4(i int) segment4 {
	segX2 := 2 * f.segments4()
	ends, starts, deltas, ranges := 14, 16+segX2, 16+2*segX2, 16+3*segX2
	s := segment4{
		end:   u16(f.fmt4, ends+2*i),
		start: u16(f.fmt4, starts+2*i),
		delta: u16(f.fmt4, deltas+2*i),
	}
	if ro := int(u16(f.fmt4, ranges+2*i)); ro != 0 {
		// idRangeOffset counts from its own place in the subtable;
		// glyph indexes past the subtable's end read as 0.
		s.ro = ranges + 2*i + ro
	}
	return s
}

// segGlyph is the glyph of r in segment s, which holds it; 0 for none.
func (f *Font) segGlyph(s *segment4, r rune) uint16 {
	var g uint16
	if s.ro == 0 {
		g = uint16(r) + s.delta
	} else {
		p := s.ro + 2*int(uint16(r)-s.start)
		if p+2 > len(f.fmt4) {
			return 0
		}
		g = u16(f.fmt4, p)
		if g != 0 {
			g += s.delta
		}
	}
	if int(g) >= f.numGlyphs {
		return 0
	}
	return g
}

func (f *Font) parseFormat12(t []byte) error {
	n := u32(t, 12)
	if uint64(16)+12*uint64(n) > uint64(len(t)) {
		return fmt.Errorf("%w: cmap format 12 has %d groups but is %d bytes long", ErrFormat, n, len(t))
	}
	first := 0
	if f.known { // the groups are in order: skip those of the BMP
		first = sort.Search(int(n), func(i int) bool { return u32(t, 16+12*i) > 0xFFFF })
	}
	for i := first; i < int(n); i++ {
		p := 16 + 12*i
		g := group12{u32(t, p), u32(t, p+4), u32(t, p+8)}
		if g.end < g.start || g.start > 0x10FFFF {
			return fmt.Errorf("%w: cmap format 12 group %d is invalid", ErrFormat, i)
		}
		if g.start <= 0xFFFF {
			continue // the format 4 map covers the BMP
		}
		f.groups = append(f.groups, g)
	}
	sort.Slice(f.groups, func(i, j int) bool { return f.groups[i].start < f.groups[j].start })
	return nil
}

func (f *Font) parseName() error {
	nm := f.tab("name")
	count, strOff := int(u16(nm, 2)), int(u16(nm, 4))
	if 6+12*count > len(nm) {
		return fmt.Errorf("%w: name table has %d records but is %d bytes long", ErrFormat, count, len(nm))
	}
	found := map[uint16]int{} // nameID → quality of the record kept
	for i := range count {
		r := 6 + 12*i
		plat, enc, lang, id := u16(nm, r), u16(nm, r+2), u16(nm, r+4), u16(nm, r+6)
		ln, off := int(u16(nm, r+8)), int(u16(nm, r+10))
		if id != 1 && id != 4 && id != 6 {
			continue
		}
		if strOff+off+ln > len(nm) {
			continue
		}
		s := nm[strOff+off : strOff+off+ln]
		var q int
		var v string
		switch {
		case plat == 3 && (enc == 1 || enc == 10) && lang == 0x409:
			q, v = 3, utf16BE(s)
		case plat == 3 && (enc == 1 || enc == 10):
			q, v = 2, utf16BE(s)
		case plat == 1 && enc == 0 && lang == 0:
			q, v = 1, string(s)
		default:
			continue
		}
		if v == "" || found[id] >= q {
			continue
		}
		found[id] = q
		switch id {
		case 1:
			f.family = v
		case 4:
			f.fullName = v
		case 6:
			f.psName = v
		}
	}
	return nil
}

func utf16BE(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = u16(b, 2*i)
	}
	return string(utf16.Decode(u))
}

// Glyph returns the glyph index of r from the font's character map: the
// format 4 map for the Basic Multilingual Plane, the format 12 map above
// it. ok is false when the font has no glyph for r.
func (f *Font) Glyph(r rune) (gid uint16, ok bool) {
	if r < 0 {
		return 0, false
	}
	if r <= 0xFFFF {
		g := f.glyph4(r)
		return g, g != 0
	}
	i := sort.Search(len(f.groups), func(i int) bool { return f.groups[i].end >= uint32(r) })
	if i == len(f.groups) || f.groups[i].start > uint32(r) {
		return 0, false
	}
	g := f.groups[i].gid + (uint32(r) - f.groups[i].start)
	if g == 0 || g >= uint32(f.numGlyphs) {
		return 0, false
	}
	return uint16(g), true
}

// glyphOf is the glyph of r as [Font.Glyph] finds it; 0 for none.
func (f *Font) glyphOf(r rune) uint16 {
	g, _ := f.Glyph(r)
	return g
}

// Advance returns the advance width of r in 1/1000 em as a PDF's width
// array holds it: int(math.Round(1000/unitsPerEm × advanceWidth)). ok is
// false when r cannot be drawn: the font has no glyph for it in its
// character map (format 4, or format 12 above U+FFFF), or r is U+0000,
// U+FFFF or above U+10FFFF (see the package documentation's Widths).
func (f *Font) Advance(r rune) (width int, ok bool) {
	if r <= 0 || r == 0xFFFF || r > 0x10FFFF {
		return 0, false
	}
	g := f.glyphOf(r)
	if g == 0 {
		return 0, false
	}
	if w := f.widths[g].Load(); w != 0 { // f.width(g), inlined
		return int(w - 1), true
	}
	return f.newWidth(g), true
}

// Glyphs appends to dst the glyph of each of runes as [Font.Advance]
// finds it, 0 for a character Advance reports not ok, and returns it.
// For runes in ascending order (the characters a subset is made for) it
// walks the character map once instead of searching it for each.
func (f *Font) Glyphs(dst []uint16, runes []rune) []uint16 {
	sorted := f.bmp == nil && slices.IsSorted(runes)
	s := 0 // the first format 4 segment that may hold the next rune
	for _, r := range runes {
		var g uint16
		switch {
		case r <= 0 || r == 0xFFFF || r > 0x10FFFF:
		case sorted && r <= 0xFFFF:
			for s < len(f.segs) && rune(f.segs[s].end) < r {
				s++
			}
			if s < len(f.segs) && rune(f.segs[s].start) <= r {
				g = f.segGlyph(&f.segs[s], r)
			}
		default:
			g = f.glyphOf(r)
		}
		dst = append(dst, g)
	}
	return dst
}

// Width returns the advance of glyph g in 1/1000 em as [Font.Advance]
// gives it for a character drawn with g; 0 for a glyph index the font
// does not have.
func (f *Font) Width(g uint16) int {
	if int(g) >= f.numGlyphs {
		return 0
	}
	return f.width(g)
}

// Bounds returns the bounding box of r's outline in font units (x to the
// right of the glyph's origin, y up from the baseline), as the glyph's
// header in the glyf table gives it. ok is false when r has no glyph (see
// [Font.Advance]) or its glyph has no outline (a space). Of CFF outlines,
// whose charstrings state no bounding box, the box is that of the outline
// as golang.org/x/image/font/sfnt draws it (control points included).
func (f *Font) Bounds(r rune) (xMin, yMin, xMax, yMax int, ok bool) {
	if _, has := f.Advance(r); !has {
		return 0, 0, 0, 0, false
	}
	if f.cff != nil {
		return f.ink.bounds(f, f.glyphOf(r))
	}
	d := f.glyphData(f.glyphOf(r))
	if len(d) < 10 {
		return 0, 0, 0, 0, false
	}
	return int(i16(d, 2)), int(i16(d, 4)), int(i16(d, 6)), int(i16(d, 8)), true
}

// Chars calls fn with each character of the font's format 4 character map
// that it can draw (U+0001 to U+FFFE), in order; the characters above
// U+FFFF are not listed.
func (f *Font) Chars(fn func(r rune)) {
	for i := range f.segments4() {
		sg := f.segment4(i)
		for c := rune(sg.start); c <= rune(sg.end); c++ {
			if c > 0 && c < 0xFFFF && f.segGlyph(&sg, c) != 0 {
				fn(c)
			}
		}
	}
}

// GlyphAdvance returns the advance width of glyph gid in font units, or 0
// for a glyph index the font does not have.
func (f *Font) GlyphAdvance(gid uint16) int {
	if int(gid) >= f.numGlyphs {
		return 0
	}
	return int(f.advance(int(gid)))
}

// UnitsPerEm returns the font's design units per em.
func (f *Font) UnitsPerEm() int { return f.unitsPerEm }

// NumGlyphs returns the number of glyphs in the font.
func (f *Font) NumGlyphs() int { return f.numGlyphs }

// Ascender returns the hhea ascender in font units.
func (f *Font) Ascender() int { return f.ascender }

// Descender returns the hhea descender in font units (negative below the
// baseline).
func (f *Font) Descender() int { return f.descender }

// LineGap returns the hhea line gap in font units.
func (f *Font) LineGap() int { return f.lineGap }

// Family returns the font family name (name ID 1), "" if the font has none.
func (f *Font) Family() string { return f.family }

// FullName returns the full font name (name ID 4), "" if the font has none.
func (f *Font) FullName() string { return f.fullName }

// PostScriptName returns the PostScript name (name ID 6), "" if the font
// has none.
func (f *Font) PostScriptName() string { return f.psName }

// CFF returns the font's CFF table when its outlines are CFF ones (an
// OpenType .otf, or a subset of one: a CID-keyed CFF whose CID i is glyph
// i), nil for a TrueType (glyf) font. It must not be modified.
func (f *Font) CFF() []byte {
	if f.cff == nil {
		return nil
	}
	return f.tab("CFF ")
}

// SingleFont returns the face as a font file of its own: the tables of a
// collection's face written out as one font (OpenType with CFF outlines,
// or TrueType), byte-identical tables in tag order.
func (f *Font) SingleFont() []byte {
	ts := make(map[string][]byte, len(f.tags))
	for _, t := range f.tags {
		ts[t] = f.tab(t)
	}
	return assemble(ts, f.cff != nil)
}

// Bytes returns the font file the Font was parsed from. It must not be
// modified.
func (f *Font) Bytes() []byte { return f.data }
