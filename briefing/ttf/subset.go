package ttf

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"sync/atomic"
	"unicode"
)

// Composite glyph component flags (OpenType glyf table).
const (
	argsAreWords     = 0x0001
	haveScale        = 0x0008
	moreComponents   = 0x0020
	haveXYScale      = 0x0040
	haveTwoByTwo     = 0x0080
	haveInstructions = 0x0100
)

// maxComponentDepth bounds the nesting of composite glyphs followed when
// subsetting; the OpenType maxp table allows at most 16 levels.
const maxComponentDepth = 16

// Subset returns a TrueType font holding only the glyphs that runes use,
// with the .notdef glyph and the components of composite glyphs (followed
// recursively). Glyph outlines and advance widths are those of f; the
// character map (format 4, platform 3 encoding 1) maps just the kept runes.
// The result has every table a reader of an embedded TrueType font needs
// (cmap, glyf, head, hhea, hmtx, loca, maxp, name, OS/2, post, and the
// hinting tables cvt, fpgm, prep and gasp when f has them).
//
// Each rune gets a glyph of its own: a glyph that f uses for several of
// the runes is copied for each but the first (in code point order), so
// that a PDF can map every character code back to the character drawn.
// A combining mark (Unicode category Mn or Me, U+0303) always gets a copy
// of its glyph with no advance, to be drawn over the character before it.
//
// Runes for which [Font.Advance] reports ok=false (no glyph) are left
// out. Duplicates are allowed; the result depends only on the set of
// runes, not on their order.
func (f *Font) Subset(runes []rune) ([]byte, error) {
	return f.SubsetWith(runes, Options{})
}

// Options adjust a subset. The zero value keeps everything of the glyphs.
type Options struct {
	// NoHinting leaves out the TrueType instructions: the glyphs' own and
	// the fpgm, prep, cvt and gasp tables. Outlines and advances are kept;
	// PDF viewers rarely run the instructions, and they are about a fifth
	// of a CJK font's glyph data.
	NoHinting bool
	// Sequences are variation sequences whose glyphs the subset keeps
	// too (see [Font.Variant]); those the font lacks are left out. The
	// subset's format 14 character map (platform 0, encoding 5) maps
	// each to its glyph as a non-default UVS mapping, and its format 4
	// or 12 map each selector to a glyph of its own, empty and of no
	// advance. A PDF draws a sequence as its glyph, which copies back as
	// its base, then the selector's glyph, which copies back as the
	// selector: a sequence's glyph is its base's own when the font
	// draws the two alike (葛 U+E0101 in BIZ UDPGothic), else a glyph of
	// its own, a copy when a rune or a sequence of another base has it
	// (侮 U+FE00 and U+FA30).
	Sequences []Sequence
}

// SubsetWith is [Font.Subset] with options.
func (f *Font) SubsetWith(runes []rune, opt Options) (out []byte, err error) {
	defer func() {
		// A last guard: the font was validated by Parse.
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%w: damaged file (%w: %v)", ErrFormat, errInternal, r)
		}
	}()
	// The runes, sorted, without duplicates, and their old glyphs
	// (olds[i] of rs[i]), without those the font has none for.
	rs := slices.Clone(runes)
	slices.Sort(rs)
	rs = slices.Compact(rs)
	olds := f.Glyphs(make([]uint16, 0, len(rs)), rs)
	drawn := 0
	for i, r := range rs {
		if olds[i] != 0 {
			rs[drawn], olds[drawn] = r, olds[i]
			drawn++
		}
	}
	rs, olds = rs[:drawn], olds[:drawn]
	var seqs []Sequence
	for _, q := range opt.Sequences {
		if _, ok := f.Variant(q.Base, q.Selector); ok {
			seqs = append(seqs, q)
		}
	}
	slices.SortFunc(seqs, func(a, b Sequence) int {
		return cmp.Or(cmp.Compare(a.Base, b.Base), cmp.Compare(a.Selector, b.Selector))
	})
	seqs = slices.Compact(seqs)

	// The glyphs to keep: .notdef, the runes' glyphs and their components,
	// a bit each (a CJK font has tens of thousands of glyphs, a subset a
	// few hundred).
	keep := make(glyphSet, (f.numGlyphs+63)/64)
	if err := f.addGlyph(keep, 0, 0); err != nil {
		return nil, err
	}
	for _, g := range olds {
		if err := f.addGlyph(keep, g, 0); err != nil {
			return nil, err
		}
	}
	for _, q := range seqs {
		g, _ := f.Variant(q.Base, q.Selector)
		if err := f.addGlyph(keep, g, 0); err != nil {
			return nil, err
		}
	}
	// Kept glyphs keep their order; newID maps a kept glyph's old index
	// to its new one.
	old := make([]uint16, 0, keep.count()+len(rs)/8+1)
	for i, w := range keep {
		for w != 0 {
			old = append(old, uint16(i<<6|bits.TrailingZeros64(w)))
			w &= w - 1
		}
	}
	// A kept glyph's new index is the number of kept glyphs before it:
	// those of the words of keep before its own, counted once, and the
	// bits below its own in that word.
	before := make([]uint16, len(keep))
	for i, n := 1, 0; i < len(keep); i++ {
		n += bits.OnesCount64(keep[i-1])
		before[i] = uint16(n)
	}
	newID := func(g uint16) uint16 {
		return before[g>>6] + uint16(bits.OnesCount64(keep[g>>6]&(1<<(g&63)-1)))
	}
	// A glyph that several of the runes share (U+00B7 and U+2219 in
	// Liberation Sans) is copied after the kept glyphs for each rune but
	// the first, so that every character has a glyph, and so a character
	// code in a PDF, of its own: a PDF's ToUnicode map gives one
	// character per code, and text copied from it must be the text
	// written.
	// A combining mark (x + U+0303) gets a copy with no advance, to be
	// drawn over the character before it, whatever its own glyph's
	// advance (U+0303 draws the spacing tilde's glyph in BIZ UDPGothic).
	var copies map[rune]uint16 // rune → its copy's new index
	var marks []int            // the copies of combining marks, by new index
	owned := make(glyphSet, len(keep))
	var owner map[uint16]rune // old glyph → the rune it draws, for the sequences
	if len(seqs) > 0 {
		owner = make(map[uint16]rune, len(rs))
	}
	add := func(g uint16) (uint16, error) {
		if len(old) >= 0xFFFF {
			return 0, fmt.Errorf("%w: too many glyphs for a subset", ErrFormat)
		}
		old = append(old, g)
		return uint16(len(old) - 1), nil
	}
	for i, r := range rs {
		g := olds[i]
		mark := combining(r)
		if !owned.has(g) && !mark {
			owned.add(g)
			if owner != nil {
				owner[g] = r
			}
			continue
		}
		if mark {
			marks = append(marks, len(old))
		}
		if copies == nil {
			copies = map[rune]uint16{}
		}
		c, err := add(g)
		if err != nil {
			return nil, err
		}
		copies[r] = c
	}
	glyph := func(r rune) uint16 {
		if c, ok := copies[r]; ok {
			return c
		}
		return newID(f.glyphOf(r))
	}
	// A sequence is drawn as its glyph, which copies back as its base,
	// followed by its selector's glyph, empty and of no advance, which
	// copies back as the selector: its glyph is the base's own when the
	// two are one (葛 U+E0101 in BIZ UDPGothic), else a glyph of its own,
	// copied when a rune or a sequence of another base has it.
	seqGlyph := make([]uint16, len(seqs))
	var empty []int // the selectors' glyphs, by new index
	var sels []rune
	selGlyph := map[rune]uint16{}
	byBase := map[Sequence]uint16{} // base and old glyph → new index
	for i, q := range seqs {
		g, _ := f.Variant(q.Base, q.Selector)
		if _, ok := selGlyph[q.Selector]; !ok {
			sels = append(sels, q.Selector)
			empty = append(empty, len(old))
			c, err := add(0)
			if err != nil {
				return nil, err
			}
			selGlyph[q.Selector] = c
		}
		k := Sequence{q.Base, rune(g)}
		switch o, owned := owner[g]; {
		case owned && o == q.Base:
			seqGlyph[i] = glyph(q.Base)
		case byBase[k] != 0:
			seqGlyph[i] = byBase[k]
		case !owned:
			owner[g] = q.Base
			seqGlyph[i] = newID(g)
		default:
			c, err := add(g)
			if err != nil {
				return nil, err
			}
			seqGlyph[i] = c
		}
		byBase[k] = seqGlyph[i]
	}

	cmapped := rs
	if len(sels) > 0 {
		slices.Sort(sels)
		cmapped = slices.Concat(rs, sels)
		slices.Sort(cmapped)
	}
	gids := make([]uint16, len(cmapped))
	k := 0 // rs[k] is the next rune of rs in cmapped
	for i, r := range cmapped {
		if k < len(rs) && rs[k] == r {
			if c, ok := copies[r]; ok {
				gids[i] = c
			} else {
				gids[i] = newID(olds[k])
			}
			k++
		} else {
			gids[i] = glyph(r)
		}
		if len(sels) > 0 {
			if c, ok := selGlyph[r]; ok {
				gids[i] = c
			}
		}
	}
	cmap, err := subsetCmap(cmapped, gids)
	if err != nil {
		return nil, err
	}
	if len(seqs) > 0 {
		cmap = withFormat14(cmap, seqs, seqGlyph)
	}

	tables := map[string][]byte{
		"cmap": cmap,
		"hmtx": f.subsetHmtx(old, slices.Concat(marks, empty)),
		"post": f.subsetPost(),
		"name": f.subsetName(),
	}
	n := len(old)

	head := slices.Clone(f.tab("head"))
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	tables["head"] = head
	var glyf *filler
	if f.cff != nil {
		// A mark's copy gets no advance in its charstring either.
		var extra map[int][]byte
		for _, i := range marks {
			if cs, err := f.cff.flatten(old[i], 0, 0); err == nil {
				if extra == nil {
					extra = map[int][]byte{}
				}
				extra[i] = cs
			}
		}
		for _, i := range empty {
			if extra == nil {
				extra = map[int][]byte{}
			}
			extra[i] = f.cff.empty(old[i])
		}
		if tables["CFF "], err = f.cff.subset(old, extra); err != nil {
			return nil, err
		}
	} else {
		size, loca, longLoca, err := f.subsetLoca(old, empty, !opt.NoHinting)
		if err != nil {
			return nil, err
		}
		tables["loca"] = loca
		if longLoca {
			binary.BigEndian.PutUint16(head[50:], 1)
		} else {
			binary.BigEndian.PutUint16(head[50:], 0)
		}
		// The glyphs are copied straight into the file (see assemble).
		glyf = &filler{tag: "glyf", size: size, fill: func(dst []byte) ([]byte, uint32) {
			return f.appendGlyf(dst, old, newID, empty, !opt.NoHinting)
		}}
	}

	hhea := slices.Clone(f.tab("hhea"))
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxAdv := uint16(0)
	for _, g := range old {
		maxAdv = max(maxAdv, f.advance(int(g)))
	}
	binary.BigEndian.PutUint16(hhea[10:], maxAdv)
	tables["hhea"] = hhea

	maxp := slices.Clone(f.tab("maxp"))
	if f.cff != nil {
		maxp = []byte{0, 0, 0x50, 0, 0, 0} // version 0.5: CFF outlines
	}
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	tables["maxp"] = maxp

	if os2 := f.tab("OS/2"); os2 != nil {
		os2 = slices.Clone(os2)
		first, last := uint16(0xFFFF), uint16(0)
		if len(rs) > 0 {
			first, last = uint16(rs[0]), uint16(rs[len(rs)-1])
		}
		binary.BigEndian.PutUint16(os2[64:], first)
		binary.BigEndian.PutUint16(os2[66:], last)
		tables["OS/2"] = os2
	}
	if !opt.NoHinting && f.cff == nil {
		for _, tag := range []string{"cvt ", "fpgm", "prep", "gasp"} {
			if t := f.tab(tag); t != nil {
				tables[tag] = t
			}
		}
	}
	return assembleWith(tables, f.cff != nil, glyf), nil
}

// glyphSet is a set of glyph indexes, a bit each.
type glyphSet []uint64

func (s glyphSet) has(g uint16) bool { return s[g>>6]&(1<<(g&63)) != 0 }
func (s glyphSet) add(g uint16)      { s[g>>6] |= 1 << (g & 63) }

// count returns the number of glyphs in s.
func (s glyphSet) count() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

// glyphData returns the bytes of glyph g in the glyf table.
func (f *Font) glyphData(g uint16) []byte {
	return f.glyf[f.locaAt(int(g)):f.locaAt(int(g)+1)]
}

// Bits of a glyph's shape (see [Font.shape]): the low 32 bits are the
// checksum of its data without instructions.
const (
	shapeKnown     = 1 << 63
	shapeComposite = 1 << 62
	shapeSizeAt    = 32
	shapeSize      = 1<<30 - 1 // above shapeSizeAt
)

// shape returns whether glyph g (of a glyf font) is a composite glyph,
// the bytes of its data without instructions (see glyphSize) and, for a
// simple or empty glyph, their checksum as a table's (padded with zeros
// to 4 bytes); ok is false for a glyph whose data is damaged, which the
// caller reads itself to report it. What it reads of the glyph's data is
// kept, for every later subset of f.
func (f *Font) shape(g uint16) (composite bool, unhinted int, sum uint32, ok bool) {
	f.shapesOnce.Do(func() { f.shapes = make([]atomic.Uint64, f.numGlyphs) })
	if len(f.shapes) == 0 {
		return false, 0, 0, false // none kept (a test's font)
	}
	if v := f.shapes[g].Load(); v != 0 {
		return v&shapeComposite != 0, int(v >> shapeSizeAt & shapeSize), uint32(v), true
	}
	d := f.glyphData(g)
	n, err := glyphSize(g, d, false)
	if err != nil || n > shapeSize {
		return false, 0, 0, false
	}
	v := uint64(shapeKnown) | uint64(n)<<shapeSizeAt
	composite = len(d) >= 10 && i16(d, 0) < 0
	if composite {
		v |= shapeComposite
	} else {
		var scratch [512]byte
		b, err := appendUnhinted(scratch[:0], g, d)
		if err != nil {
			return false, 0, 0, false
		}
		sum = checksum(b)
		v |= uint64(sum)
	}
	f.shapes[g].Store(v)
	return composite, n, sum, true
}

// simple reports whether glyph g is known to be a simple or empty glyph
// of sound data (see [Font.shape]).
func (f *Font) simple(g uint16) bool {
	c, _, _, ok := f.shape(g)
	return ok && !c
}

// addGlyph marks g and, for a composite glyph, its components as kept.
func (f *Font) addGlyph(keep glyphSet, g uint16, depth int) error {
	if keep.has(g) {
		return nil
	}
	keep.add(g)
	if f.cff != nil {
		return nil // CFF glyphs have no components
	}
	if depth > maxComponentDepth {
		return fmt.Errorf("%w: composite glyph %d nests deeper than %d levels", ErrFormat, g, maxComponentDepth)
	}
	if f.simple(g) {
		return nil
	}
	return f.components(g, func(c uint16, _ int) error {
		if int(c) >= f.numGlyphs {
			return fmt.Errorf("%w: composite glyph %d uses glyph %d, but the font has %d glyphs", ErrFormat, g, c, f.numGlyphs)
		}
		return f.addGlyph(keep, c, depth+1)
	})
}

// components calls fn with each component glyph index of glyph g and its
// offset inside the glyph's data; a simple or empty glyph has none.
func (f *Font) components(g uint16, fn func(c uint16, off int) error) error {
	d := f.glyphData(g)
	flags, _, err := compositeParts(g, d)
	if err != nil {
		return err
	}
	for _, p := range flags {
		if err := fn(u16(d, p+2), p+2); err != nil {
			return err
		}
	}
	return nil
}

// compositeParts returns, for the data d of glyph g, the offsets of the
// flags of each component of a composite glyph and the offset just past
// the last component (where instructions may follow); none for a simple
// or empty glyph.
func compositeParts(g uint16, d []byte) (flags []int, end int, err error) {
	if len(d) == 0 {
		return nil, 0, nil
	}
	if len(d) < 10 {
		return nil, 0, fmt.Errorf("%w: glyph %d is truncated", ErrFormat, g)
	}
	if i16(d, 0) >= 0 {
		return nil, 0, nil
	}
	p := 10
	for {
		if p+4 > len(d) {
			return nil, 0, fmt.Errorf("%w: composite glyph %d is truncated", ErrFormat, g)
		}
		fl := u16(d, p)
		flags = append(flags, p)
		p += 4
		if fl&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case fl&haveScale != 0:
			p += 2
		case fl&haveXYScale != 0:
			p += 4
		case fl&haveTwoByTwo != 0:
			p += 8
		}
		if p > len(d) {
			return nil, 0, fmt.Errorf("%w: composite glyph %d is truncated", ErrFormat, g)
		}
		if fl&moreComponents == 0 {
			return flags, p, nil
		}
	}
}

// appendUnhinted appends the data d of glyph g without its instructions.
func appendUnhinted(dst []byte, g uint16, d []byte) ([]byte, error) {
	if len(d) < 10 {
		return append(dst, d...), nil // empty; a truncated one fails in compositeParts
	}
	n := int(i16(d, 0))
	if n < 0 {
		flags, end, err := compositeParts(g, d)
		if err != nil {
			return nil, err
		}
		last := len(dst) + flags[len(flags)-1]
		dst = append(dst, d[:end]...)
		binary.BigEndian.PutUint16(dst[last:], u16(dst, last)&^haveInstructions)
		return dst, nil
	}
	p := 10 + 2*n // instructionLength
	if p+2 > len(d) || p+2+int(u16(d, p)) > len(d) {
		return nil, fmt.Errorf("%w: glyph %d is truncated", ErrFormat, g)
	}
	dst = append(dst, d[:p]...)
	dst = append(dst, 0, 0)
	return append(dst, d[p+2+int(u16(d, p)):]...), nil
}

// subsetLoca returns the size of the glyf table that appendGlyf writes
// for the glyphs old (in order of their new index; those at the indexes
// empty without an outline) and its loca table,
// long (offsets of 4 bytes) when the glyf table is too large for short
// ones. It checks each glyph's data as appendGlyf reads it.
func (f *Font) subsetLoca(old []uint16, empty []int, hints bool) (size int, loca []byte, long bool, err error) {
	// The offsets, first kept in loca's place as 4-byte words.
	offsets := make([]byte, 4*(len(old)+1))
	for i, g := range old {
		binary.BigEndian.PutUint32(offsets[4*i:], uint32(size))
		if len(empty) > 0 && slices.Contains(empty, i) {
			continue
		}
		n := 0
		if _, u, _, ok := f.shape(g); ok && hints {
			n = int(f.locaAt(int(g)+1) - f.locaAt(int(g)))
		} else if ok {
			n = u
		} else if n, err = glyphSize(g, f.glyphData(g), hints); err != nil {
			return 0, nil, false, err
		}
		size += (n + 3) &^ 3
	}
	binary.BigEndian.PutUint32(offsets[4*len(old):], uint32(size))
	if size/2 > 0xFFFF {
		return size, offsets, true, nil
	}
	loca = offsets[:2*(len(old)+1)]
	for i := range len(old) + 1 {
		// In place: entry i's two bytes go where entry i/2's four were
		// read from, never past an entry not yet read.
		binary.BigEndian.PutUint16(loca[2*i:], uint16(binary.BigEndian.Uint32(offsets[4*i:])/2))
	}
	return size, loca, false, nil
}

// glyphSize returns the number of bytes appendGlyf writes for the data d
// of glyph g, before padding: d itself, or d without its instructions
// unless hints.
func glyphSize(g uint16, d []byte, hints bool) (int, error) {
	_, end, err := compositeParts(g, d)
	if err != nil {
		return 0, err
	}
	if hints || len(d) < 10 {
		return len(d), nil
	}
	n := int(i16(d, 0))
	if n < 0 {
		return end, nil
	}
	p := 10 + 2*n // instructionLength
	if p+2 > len(d) || p+2+int(u16(d, p)) > len(d) {
		return 0, fmt.Errorf("%w: glyph %d is truncated", ErrFormat, g)
	}
	return len(d) - int(u16(d, p)), nil
}

// appendGlyf appends the glyf table of the glyphs old, in order of their
// new index (those at the indexes empty without an outline), with the
// component indexes of composite glyphs renumbered by newID; without the
// glyphs' instructions unless hints. It returns the table's checksum
// too: the sum of its glyphs', each starting on a 4-byte boundary and
// padded with zeros, a simple glyph's without instructions kept by
// shape. The glyphs were checked by subsetLoca.
func (f *Font) appendGlyf(glyf []byte, old []uint16, newID func(uint16) uint16, empty []int, hints bool) ([]byte, uint32) {
	var sum uint32
	for i, g := range old {
		if len(empty) > 0 && slices.Contains(empty, i) {
			continue
		}
		start := len(glyf)
		d := f.glyphData(g)
		composite, _, gsum, known := f.shape(g)
		var flags []int
		if composite || !known {
			flags, _, _ = compositeParts(g, d)
		}
		if hints {
			glyf = append(glyf, d...)
		} else {
			glyf, _ = appendUnhinted(glyf, g, d)
		}
		for _, p := range flags {
			binary.BigEndian.PutUint16(glyf[start+p+2:], newID(u16(d, p+2)))
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		if known && !composite && !hints {
			sum += gsum
		} else {
			sum += checksum(glyf[start:])
		}
	}
	return glyf, sum
}

// subsetHmtx returns a hmtx table with a full metric (advance, left side
// bearing) for each kept glyph, the glyphs at the new indexes zero with
// no advance.
func (f *Font) subsetHmtx(old []uint16, zero []int) []byte {
	hm := f.tab("hmtx")
	out := make([]byte, 4*len(old))
	for i, g := range old {
		var lsb uint16
		if int(g) < f.numHMetrics {
			lsb = u16(hm, 4*int(g)+2)
		} else {
			lsb = u16(hm, 4*f.numHMetrics+2*(int(g)-f.numHMetrics))
		}
		binary.BigEndian.PutUint16(out[4*i:], f.advance(int(g)))
		binary.BigEndian.PutUint16(out[4*i+2:], lsb)
	}
	for _, i := range zero {
		binary.BigEndian.PutUint16(out[4*i:], 0)
	}
	return out
}

// combining reports whether r is a combining mark (Unicode general
// category Mn or Me).
func combining(r rune) bool {
	if r < 0x300 || r >= 0x3400 && r <= 0x9FFF {
		// None in CJK Unified Ideographs (and Extension A), most of a
		// Japanese subset, whose look-up in the tables is slow.
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me)
}

// subsetPost returns a post table of version 3.0 (no glyph names) with the
// font's italic angle, underline and pitch.
func (f *Font) subsetPost() []byte {
	p := slices.Clone(f.tab("post")[:32])
	binary.BigEndian.PutUint32(p, 0x00030000)
	return p
}

// subsetName returns the font's name table; one of format 1 is turned into
// format 0 (the language-tag records are left in place, unreferenced),
// which every TrueType reader knows (fpdf, which the tests check subsets
// with, reads no other).
func (f *Font) subsetName() []byte {
	n := f.tab("name")
	if u16(n, 0) == 0 {
		return n
	}
	n = slices.Clone(n)
	binary.BigEndian.PutUint16(n, 0)
	return n
}

// subsetCmap returns a cmap table with one format 4 subtable (platform 3,
// encoding 1) mapping the sorted, distinct runes rs of the Basic
// Multilingual Plane to their glyphs, gids[i] for rs[i], and, when rs holds
// characters above U+FFFF, a format 12 subtable (platform 3, encoding 10)
// mapping all of rs, as the OpenType cmap specification asks.
// Each run of consecutive runes becomes one segment: with an idDelta when
// its glyphs are consecutive too, else split into such segments or given a
// glyphIdArray, whichever is smaller.
func subsetCmap(rs []rune, gids []uint16) ([]byte, error) {
	all, allGids := rs, gids
	if i, _ := slices.BinarySearch(rs, 0x10000); i < len(rs) {
		rs, gids = rs[:i], gids[:i]
	}
	type segment struct {
		start, end rune
		first      uint16 // the glyph of start
		// ids, when not 0, is one past the index in rs of start: the
		// segment's glyphs are gids[ids-1:…], a glyphIdArray.
		ids int32
	}
	// At most a segment a rune, and the last.
	segs := make([]segment, 0, len(rs)+1)
	var run []segment
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && rs[j] == rs[j-1]+1 {
			j++
		}
		// rs[i:j] are consecutive runes; split where glyphs are not.
		run = run[:0]
		for k := i; k < j; {
			m := k + 1
			for m < j && gids[m] == gids[m-1]+1 {
				m++
			}
			run = append(run, segment{start: rs[k], end: rs[m-1], first: gids[k]})
			k = m
		}
		if len(run) > 1 && 8+2*(j-i) < 8*len(run) {
			run = append(run[:0], segment{start: rs[i], end: rs[j-1], ids: int32(i) + 1})
		}
		segs = append(segs, run...)
		i = j
	}
	segs = append(segs, segment{start: 0xFFFF, end: 0xFFFF}) // required last segment
	nids := 0
	for _, s := range segs {
		if s.ids != 0 {
			nids += int(s.end-s.start) + 1
		}
	}
	seg := len(segs)
	length := 16 + 8*seg + 2*nids
	if length > 0xFFFF {
		return nil, fmt.Errorf("too many characters for a format 4 character map (%d segments)", seg)
	}
	sub := make([]byte, length)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(length))
	be.PutUint16(sub[6:], uint16(2*seg))
	sr, sel := binarySearch(seg)
	be.PutUint16(sub[8:], uint16(2*sr))
	be.PutUint16(sub[10:], uint16(sel))
	be.PutUint16(sub[12:], uint16(2*seg-2*sr))
	ends, starts, deltas, ranges := 14, 16+2*seg, 16+4*seg, 16+6*seg
	idPos := 16 + 8*seg
	for i, s := range segs {
		be.PutUint16(sub[ends+2*i:], uint16(s.end))
		be.PutUint16(sub[starts+2*i:], uint16(s.start))
		switch {
		case s.start == 0xFFFF:
			be.PutUint16(sub[deltas+2*i:], 1) // maps U+FFFF to glyph 0
		case s.ids == 0:
			be.PutUint16(sub[deltas+2*i:], uint16(int(s.first)-int(s.start)))
		default:
			// idRangeOffset counts from its own place.
			be.PutUint16(sub[ranges+2*i:], uint16(idPos-(ranges+2*i)))
			for _, id := range gids[s.ids-1 : int(s.ids)+int(s.end-s.start)] {
				be.PutUint16(sub[idPos:], id)
				idPos += 2
			}
		}
	}
	if len(rs) == len(all) {
		out := make([]byte, 12, 12+len(sub))
		be.PutUint16(out[0:], 0) // version
		be.PutUint16(out[2:], 1) // one encoding record
		be.PutUint16(out[4:], 3) // Windows
		be.PutUint16(out[6:], 1) // Unicode BMP
		be.PutUint32(out[8:], 12)
		return append(out, sub...), nil
	}
	// Format 12: one group per run of consecutive runes and glyphs.
	var groups [][3]uint32
	for k, r := range all {
		g := uint32(allGids[k])
		if n := len(groups); n > 0 && groups[n-1][1]+1 == uint32(r) && groups[n-1][2]+uint32(r)-groups[n-1][0] == g {
			groups[n-1][1] = uint32(r)
			continue
		}
		groups = append(groups, [3]uint32{uint32(r), uint32(r), g})
	}
	sub12 := make([]byte, 16+12*len(groups))
	be.PutUint16(sub12[0:], 12)
	be.PutUint32(sub12[4:], uint32(len(sub12)))
	be.PutUint32(sub12[12:], uint32(len(groups)))
	for i, g := range groups {
		be.PutUint32(sub12[16+12*i:], g[0])
		be.PutUint32(sub12[20+12*i:], g[1])
		be.PutUint32(sub12[24+12*i:], g[2])
	}
	out := make([]byte, 20, 20+len(sub)+len(sub12))
	be.PutUint16(out[0:], 0)  // version
	be.PutUint16(out[2:], 2)  // two encoding records, by encoding
	be.PutUint16(out[4:], 3)  // Windows
	be.PutUint16(out[6:], 1)  // Unicode BMP
	be.PutUint32(out[8:], 20) // the format 4 subtable
	be.PutUint16(out[12:], 3) // Windows
	be.PutUint16(out[14:], 10)
	be.PutUint32(out[16:], uint32(20+len(sub)))
	out = append(out, sub...)
	return append(out, sub12...), nil
}

// withFormat14 returns the cmap table with a format 14 subtable
// (platform 0, encoding 5, its encoding record first, as records are
// sorted by platform) mapping each of the sorted sequences seqs to
// gids[i] as a non-default UVS mapping.
func withFormat14(cmap []byte, seqs []Sequence, gids []uint16) []byte {
	be := binary.BigEndian
	// The selectors, each with its run of seqs (sorted by base within).
	type run struct {
		sel rune
		idx []int
	}
	var runs []run
	order := make([]int, len(seqs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(seqs[a].Selector, seqs[b].Selector) })
	for _, i := range order {
		if n := len(runs); n > 0 && runs[n-1].sel == seqs[i].Selector {
			runs[n-1].idx = append(runs[n-1].idx, i)
			continue
		}
		runs = append(runs, run{sel: seqs[i].Selector, idx: []int{i}})
	}
	size := 10 + 11*len(runs) + 4*len(runs) + 5*len(seqs)
	sub := make([]byte, 10+11*len(runs), size)
	be.PutUint16(sub[0:], 14)
	be.PutUint32(sub[2:], uint32(size))
	be.PutUint32(sub[6:], uint32(len(runs)))
	put24 := func(b []byte, v rune) { b[0], b[1], b[2] = byte(v>>16), byte(v>>8), byte(v) }
	for k, r := range runs {
		rec := sub[10+11*k:]
		put24(rec, r.sel)
		be.PutUint32(rec[3:], 0) // no default UVS table
		be.PutUint32(rec[7:], uint32(len(sub)))
		sub = be.AppendUint32(sub, uint32(len(r.idx)))
		for _, i := range r.idx {
			var m [5]byte
			put24(m[:], seqs[i].Base)
			be.PutUint16(m[3:], gids[i])
			sub = append(sub, m[:]...)
		}
	}
	// The old encoding records, moved by the new one and its subtable
	// placed after theirs.
	n := int(be.Uint16(cmap[2:]))
	head := 4 + 8*(n+1)
	out := make([]byte, head, head+len(cmap)-4-8*n+len(sub))
	be.PutUint16(out[0:], 0)
	be.PutUint16(out[2:], uint16(n+1))
	be.PutUint16(out[4:], 0) // Unicode
	be.PutUint16(out[6:], 5) // variation sequences
	body := cmap[4+8*n:]
	be.PutUint32(out[8:], uint32(head+len(body)))
	for i := range n {
		rec := cmap[4+8*i:]
		o := out[4+8*(i+1):]
		copy(o, rec[:4])
		be.PutUint32(o[4:], be.Uint32(rec[4:])+8)
	}
	out = append(out, body...)
	return append(out, sub...)
}

// binarySearch returns the largest power of two not above n (n ≥ 1) and
// its exponent: the searchRange and entrySelector that a table directory
// and a format 4 character map give, scaled by their entries' size.
func binarySearch(n int) (pow, exp int) {
	pow = 1
	for pow*2 <= n {
		pow *= 2
		exp++
	}
	return pow, exp
}

// assemble writes a TrueType file (an OpenType one with CFF outlines when
// cff) with the tables, in tag order, each
// aligned to 4 bytes, with table checksums and the head table's
// checkSumAdjustment.
func assemble(tables map[string][]byte, cff bool) []byte {
	return assembleWith(tables, cff, nil)
}

// filler is a table that assembleWith writes straight into the file
// (the glyf table of a subset, the largest): fill appends its size bytes
// and returns their checksum.
type filler struct {
	tag  string
	size int
	fill func(dst []byte) ([]byte, uint32) // and the table's checksum
}

// assembleWith is assemble with one more table, fl, when it is not nil.
func assembleWith(tables map[string][]byte, cff bool, fl *filler) []byte {
	tags := make([]string, 0, len(tables)+1)
	for t := range tables {
		tags = append(tags, t)
	}
	if fl != nil {
		tags = append(tags, fl.tag)
	}
	sort.Strings(tags)
	n := len(tags)
	size := 12 + 16*n
	for _, t := range tags {
		size += (len(tables[t]) + 3) &^ 3
	}
	if fl != nil {
		size += (fl.size + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	be := binary.BigEndian
	be.PutUint32(out[0:], 0x00010000)
	if cff {
		be.PutUint32(out[0:], 0x4F54544F) // 'OTTO'
	}
	be.PutUint16(out[4:], uint16(n))
	sr, sel := binarySearch(n)
	be.PutUint16(out[6:], uint16(16*sr))
	be.PutUint16(out[8:], uint16(sel))
	be.PutUint16(out[10:], uint16(16*n-16*sr))
	headAt := -1
	// The file's checksum, for the head table's checkSumAdjustment: every
	// table starts on a 4-byte boundary and is padded with zeros, so it is
	// the directory's checksum plus the tables', each table read once.
	var sum uint32
	for i, t := range tags {
		rec := 12 + 16*i
		copy(out[rec:], t)
		start := len(out)
		var c uint32
		if fl != nil && t == fl.tag {
			out, c = fl.fill(out)
		} else {
			out = append(out, tables[t]...)
			c = checksum(out[start:])
		}
		d := out[start:]
		sum += c
		be.PutUint32(out[rec+4:], c)
		be.PutUint32(out[rec+8:], uint32(start))
		be.PutUint32(out[rec+12:], uint32(len(d)))
		if t == "head" {
			headAt = start
		}
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		sum += checksum(out[:12+16*n])
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-sum)
	}
	return out
}

// checksum is the OpenType table checksum: the sum of the big-endian
// uint32 words of b, padded with zeros, modulo 2³².
func checksum(b []byte) uint32 {
	// Two words at a time: the sum modulo 2⁶⁴ is the same modulo 2³².
	var s uint64
	for len(b) >= 16 {
		x, y := binary.BigEndian.Uint64(b), binary.BigEndian.Uint64(b[8:])
		s += x>>32 + x&0xFFFFFFFF + y>>32 + y&0xFFFFFFFF
		b = b[16:]
	}
	for len(b) >= 4 {
		s += uint64(binary.BigEndian.Uint32(b))
		b = b[4:]
	}
	if len(b) > 0 {
		var w [4]byte
		copy(w[:], b)
		s += uint64(binary.BigEndian.Uint32(w[:]))
	}
	return uint32(s)
}
