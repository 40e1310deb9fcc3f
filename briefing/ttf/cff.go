package ttf

// CFF outlines (Adobe Technical Note #5176, "The Compact Font Format
// Specification", and #5177, "The Type 2 Charstring Format"), read and
// subset for embedding as a PDF CIDFontType0 font (FontFile3
// /CIDFontType0C).
//
// golang.org/x/image/font/sfnt and github.com/go-text/typesetting parse
// CFF to draw glyphs, but neither exposes the Top and Private DICTs, the
// FDArray and FDSelect or the subroutine INDEXes that a subset must copy
// and rewrite, so this file reads those itself; the tests check its
// subsets' outlines against sfnt's reading of the whole font.

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// DICT operators (5176, Tables 9, 10 and 23); two-byte ones are 1200+b1.
const (
	opCharset     = 15
	opEncoding    = 16
	opCharStrings = 17
	opPrivate     = 18
	opSubrs       = 19
	opUniqueID    = 13
	opXUID        = 14
	opFontMatrix  = 1207
	opROS         = 1230
	opCIDCount    = 1234
	opUIDBase     = 1235
	opFDArray     = 1236
	opFDSelect    = 1237
	opFontName    = 1238
)

// maxSubrDepth is the deepest nesting of subroutine calls followed (5177,
// Appendix B: 10).
const maxSubrDepth = 10

// maxCharstringSteps bounds the operators and operands read of one glyph,
// subroutines included: real glyphs take a few hundred, while a damaged
// font whose subroutines call each other many times over would take
// forever.
const maxCharstringSteps = 1 << 16

// dictEntry is one operator of a DICT with its operands, kept as the
// bytes they were written in and as numbers.
type dictEntry struct {
	op   int
	raw  []byte    // the operands' bytes
	vals []float64 // their values
}

// cffFD is a Font DICT of a CID-keyed font (the Top DICT's Private of a
// name-keyed one) with its Private DICT and local subroutines.
type cffFD struct {
	dict    []dictEntry // without Private
	private []dictEntry // without Subrs
	subrs   [][]byte
}

// cffFont is a parsed CFF table.
type cffFont struct {
	name        []byte
	top         []dictEntry
	strings     [][]byte
	gsubrs      [][]byte
	charstrings [][]byte
	cid         bool
	fdSelect    []uint8 // the Font DICT of each glyph
	fds         []cffFD
}

// parseCFF reads the CFF table b of a font of numGlyphs glyphs.
func parseCFF(b []byte, numGlyphs int) (*cffFont, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: CFF table: "+format, append([]any{ErrFormat}, args...)...)
	}
	if len(b) < 4 || b[0] != 1 {
		return nil, bad("not CFF version 1")
	}
	p := int(b[2]) // hdrSize
	var names, tops [][]byte
	c := &cffFont{}
	var err error
	for _, dst := range []*[][]byte{&names, &tops, &c.strings, &c.gsubrs} {
		if *dst, p, err = readIndex(b, p); err != nil {
			return nil, bad("%v", err)
		}
	}
	if len(names) != 1 || len(tops) != 1 {
		return nil, bad("%d fonts; need one", len(names))
	}
	c.name = names[0]
	if c.top, err = parseDict(tops[0]); err != nil {
		return nil, bad("Top DICT: %v", err)
	}
	top := dictMap(c.top)
	if v, ok := top[1206]; ok && (len(v.vals) != 1 || v.vals[0] != 2) {
		return nil, bad("CharstringType %v is not 2", v.vals)
	}
	off, ok := top[opCharStrings]
	if !ok || len(off.vals) != 1 {
		return nil, bad("no CharStrings")
	}
	if c.charstrings, _, err = readIndex(b, int(off.vals[0])); err != nil {
		return nil, bad("CharStrings: %v", err)
	}
	if len(c.charstrings) != numGlyphs {
		return nil, bad("%d CharStrings for %d glyphs", len(c.charstrings), numGlyphs)
	}
	_, c.cid = top[opROS]
	if !c.cid {
		fd, err := readPrivate(b, top[opPrivate])
		if err != nil {
			return nil, bad("%v", err)
		}
		c.fds = []cffFD{fd}
		c.fdSelect = make([]uint8, numGlyphs)
		return c, nil
	}
	fa, ok := top[opFDArray]
	if !ok || len(fa.vals) != 1 {
		return nil, bad("CID-keyed font without FDArray")
	}
	dicts, _, err := readIndex(b, int(fa.vals[0]))
	if err != nil {
		return nil, bad("FDArray: %v", err)
	}
	if len(dicts) == 0 || len(dicts) > 256 {
		return nil, bad("FDArray of %d Font DICTs", len(dicts))
	}
	for i, d := range dicts {
		es, err := parseDict(d)
		if err != nil {
			return nil, bad("Font DICT %d: %v", i, err)
		}
		fd, err := readPrivate(b, dictMap(es)[opPrivate])
		if err != nil {
			return nil, bad("Font DICT %d: %v", i, err)
		}
		fd.dict = slices.DeleteFunc(es, func(e dictEntry) bool { return e.op == opPrivate })
		c.fds = append(c.fds, fd)
	}
	fs, ok := top[opFDSelect]
	if !ok || len(fs.vals) != 1 {
		return nil, bad("CID-keyed font without FDSelect")
	}
	if c.fdSelect, err = readFDSelect(b, int(fs.vals[0]), numGlyphs, len(c.fds)); err != nil {
		return nil, bad("FDSelect: %v", err)
	}
	return c, nil
}

// readPrivate reads the Private DICT that e ([size offset]) points to and
// its local subroutines.
func readPrivate(b []byte, e dictEntry) (cffFD, error) {
	var fd cffFD
	if len(e.vals) != 2 {
		return fd, fmt.Errorf("no Private DICT")
	}
	size, off := e.vals[0], e.vals[1]
	if size < 0 || off < 0 || off+size > float64(len(b)) {
		return fd, fmt.Errorf("Private DICT outside the table")
	}
	es, err := parseDict(b[int(off) : int(off)+int(size)])
	if err != nil {
		return fd, fmt.Errorf("Private DICT: %v", err)
	}
	for _, x := range es {
		if x.op != opSubrs {
			fd.private = append(fd.private, x)
			continue
		}
		if len(x.vals) != 1 || x.vals[0] < 0 || off+x.vals[0] > float64(len(b)) {
			return fd, fmt.Errorf("Subrs outside the table")
		}
		if fd.subrs, _, err = readIndex(b, int(off+x.vals[0])); err != nil {
			return fd, fmt.Errorf("Subrs: %v", err)
		}
	}
	return fd, nil
}

// readFDSelect reads an FDSelect of format 0 or 3.
func readFDSelect(b []byte, p, n, fds int) ([]uint8, error) {
	if p < 0 || p >= len(b) {
		return nil, fmt.Errorf("outside the table")
	}
	sel := make([]uint8, n)
	switch b[p] {
	case 0:
		if p+1+n > len(b) {
			return nil, fmt.Errorf("truncated")
		}
		copy(sel, b[p+1:])
	case 3:
		if p+3 > len(b) {
			return nil, fmt.Errorf("truncated")
		}
		nr := int(u16(b, p+1))
		q := p + 3
		if q+3*nr+2 > len(b) || nr == 0 {
			return nil, fmt.Errorf("truncated")
		}
		for i := range nr {
			first, fd := int(u16(b, q+3*i)), b[q+3*i+2]
			next := int(u16(b, q+3*i+3))
			if first > next || next > n || i == 0 && first != 0 {
				return nil, fmt.Errorf("range %d out of order", i)
			}
			for g := first; g < next; g++ {
				sel[g] = fd
			}
		}
		if int(u16(b, q+3*nr)) != n {
			return nil, fmt.Errorf("sentinel is not the number of glyphs")
		}
	default:
		return nil, fmt.Errorf("format %d", b[p])
	}
	for g, fd := range sel {
		if int(fd) >= fds {
			return nil, fmt.Errorf("glyph %d uses Font DICT %d of %d", g, fd, fds)
		}
	}
	return sel, nil
}

// readIndex reads the INDEX at p and returns its items and the offset
// past it.
func readIndex(b []byte, p int) ([][]byte, int, error) {
	if p < 0 || p+2 > len(b) {
		return nil, 0, fmt.Errorf("INDEX at %d outside the table", p)
	}
	n := int(u16(b, p))
	if n == 0 {
		return nil, p + 2, nil
	}
	if p+3 > len(b) {
		return nil, 0, fmt.Errorf("INDEX at %d truncated", p)
	}
	os := int(b[p+2])
	if os < 1 || os > 4 {
		return nil, 0, fmt.Errorf("INDEX at %d: offSize %d", p, os)
	}
	offs := p + 3
	data := offs + (n+1)*os - 1 // offsets count from 1
	if data+1 > len(b) || data < 0 {
		return nil, 0, fmt.Errorf("INDEX at %d of %d items truncated", p, n)
	}
	at := func(i int) int {
		v := 0
		for k := range os {
			v = v<<8 | int(b[offs+i*os+k])
		}
		return v
	}
	items := make([][]byte, n)
	prev := at(0)
	if prev != 1 {
		return nil, 0, fmt.Errorf("INDEX at %d: first offset %d", p, prev)
	}
	for i := range n {
		next := at(i + 1)
		if next < prev || data+next > len(b) {
			return nil, 0, fmt.Errorf("INDEX at %d: item %d outside the table", p, i)
		}
		items[i] = b[data+prev : data+next : data+next]
		prev = next
	}
	return items, data + prev, nil
}

// parseDict reads a DICT's operators and operands.
func parseDict(b []byte) ([]dictEntry, error) {
	var es []dictEntry
	start := 0
	var vals []float64
	for p := 0; p < len(b); {
		c := b[p]
		switch {
		case c <= 21:
			op := int(c)
			end := p
			p++
			if c == 12 {
				if p >= len(b) {
					return nil, fmt.Errorf("truncated operator")
				}
				op = 1200 + int(b[p])
				p++
			}
			es = append(es, dictEntry{op, b[start:end:end], vals})
			vals, start = nil, p
			continue
		case c == 28 || c == 29 || c >= 32 && c <= 254:
			v, n, ok := number(b[p:], false)
			if !ok {
				return nil, fmt.Errorf("truncated number")
			}
			vals = append(vals, v)
			p += n
		case c == 30:
			q := p + 1
			for q < len(b) && b[q]&0x0F != 0x0F && b[q]&0xF0 != 0xF0 {
				q++
			}
			if q >= len(b) {
				return nil, fmt.Errorf("truncated real number")
			}
			vals = append(vals, realNumber(b[p+1:q+1]))
			p = q + 1
		default:
			return nil, fmt.Errorf("reserved byte %d", c)
		}
		if len(vals) > 48 {
			return nil, fmt.Errorf("too many operands")
		}
	}
	if len(vals) > 0 {
		return nil, fmt.Errorf("operands without an operator")
	}
	return es, nil
}

// number reads the integer (or, in a charstring, 16.16 fixed) number at
// the start of b and its length in bytes.
func number(b []byte, charstring bool) (float64, int, bool) {
	c := b[0]
	switch {
	case c >= 32 && c <= 246:
		return float64(int(c) - 139), 1, true
	case c >= 247 && c <= 250:
		if len(b) < 2 {
			return 0, 0, false
		}
		return float64((int(c)-247)*256 + int(b[1]) + 108), 2, true
	case c >= 251 && c <= 254:
		if len(b) < 2 {
			return 0, 0, false
		}
		return float64(-(int(c)-251)*256 - int(b[1]) - 108), 2, true
	case c == 28:
		if len(b) < 3 {
			return 0, 0, false
		}
		return float64(i16(b, 1)), 3, true
	case c == 29 && !charstring:
		if len(b) < 5 {
			return 0, 0, false
		}
		return float64(int32(u32(b, 1))), 5, true
	case c == 255 && charstring:
		if len(b) < 5 {
			return 0, 0, false
		}
		return float64(int32(u32(b, 1))) / 65536, 5, true
	}
	return 0, 0, false
}

// realNumber reads the nibbles of a DICT real number.
func realNumber(b []byte) float64 {
	var s []byte
	for _, c := range b {
		for _, n := range []byte{c >> 4, c & 0x0F} {
			switch {
			case n <= 9:
				s = append(s, '0'+n)
			case n == 0xa:
				s = append(s, '.')
			case n == 0xb:
				s = append(s, 'E')
			case n == 0xc:
				s = append(s, 'E', '-')
			case n == 0xe:
				s = append(s, '-')
			case n == 0xf:
				var v float64
				fmt.Sscan(string(s), &v)
				return v
			}
		}
	}
	return 0
}

func dictMap(es []dictEntry) map[int]dictEntry {
	m := make(map[int]dictEntry, len(es))
	for _, e := range es {
		m[e.op] = e
	}
	return m
}

// subrBias is the bias of subroutine numbers in an INDEX of n (5177,
// 4.7).
func subrBias(n int) int {
	switch {
	case n < 1240:
		return 107
	case n < 33900:
		return 1131
	}
	return 32768
}

// csRef names a charstring: a glyph's (of the subset: index is the new
// glyph's), a local subroutine of Font DICT fd, or a global subroutine.
type csRef struct {
	kind  uint8 // csGlyph, csLocal or csGlobal
	fd    uint8 // of a local subroutine
	index int
}

const (
	csGlyph = iota
	csLocal
	csGlobal
)

// callSite is a subroutine call in a charstring: the number before the
// call operator, at byte at, n bytes long, calling subroutine index of
// the local (fd's) or global INDEX.
type callSite struct {
	at, n  int
	global bool
	index  int
}

// subrWalk follows a glyph's charstring through the subroutines it calls,
// as a reader draws it, counting stem hints (which say how long a hint
// mask is), and records each call.
type subrWalk struct {
	c     *cffFont
	fd    uint8
	stems int
	mask  bool // a hintmask or cntrmask was seen
	stack int  // operands on the stack
	last  int  // the byte offset of the last operand, if a literal number
	lastN int  // its length, 0 when the last operand is not one
	lastV float64
	calls map[csRef]map[int]callSite // by charstring, by offset
	g, l  []bool                     // the global and local subroutines called
	steps int                        // operators and operands read, through calls
	// mixed is set when a global subroutine calls local ones of a font
	// of several Font DICTs: its numbers would differ by Font DICT.
	mixed bool
}

// walk follows charstring cs (named ref). ok is false when a subroutine
// number is not a number written just before its call (computed by the
// charstring's arithmetic), so that the calls cannot be known; err is for
// a damaged charstring.
func (w *subrWalk) walk(ref csRef, cs []byte, depth int) (ok bool, done bool, err error) {
	if depth > maxSubrDepth {
		return false, false, fmt.Errorf("subroutines nest deeper than %d", maxSubrDepth)
	}
	for p := 0; p < len(cs); {
		if w.steps++; w.steps > maxCharstringSteps {
			return false, false, fmt.Errorf("charstring runs longer than %d operators and operands", maxCharstringSteps)
		}
		c := cs[p]
		if c == 28 || c >= 32 {
			v, n, good := number(cs[p:], true)
			if !good {
				return false, false, fmt.Errorf("truncated number")
			}
			w.stack++
			w.last, w.lastN, w.lastV = p, n, v
			if c == 255 {
				w.lastN = 0 // a fixed-point number calls no subroutine
			}
			p += n
			continue
		}
		p++
		switch c {
		case 1, 3, 18, 23: // hstem, vstem, hstemhm, vstemhm
			w.stems += w.stack / 2
			w.stack = 0
		case 19, 20: // hintmask, cntrmask
			if !w.mask {
				w.stems += w.stack / 2 // an implied vstem
				w.mask = true
			}
			w.stack = 0
			p += (w.stems + 7) / 8
			if p > len(cs) {
				return false, false, fmt.Errorf("truncated hint mask")
			}
		case 10, 29: // callsubr, callgsubr
			if w.stack == 0 || w.lastN == 0 {
				return false, false, nil
			}
			global := c == 29
			subrs, kind := w.c.fds[w.fd].subrs, uint8(csLocal)
			if global {
				subrs, kind = w.c.gsubrs, csGlobal
			} else if ref.kind == csGlobal && len(w.c.fds) > 1 {
				w.mixed = true
			}
			i := int(w.lastV) + subrBias(len(subrs))
			if w.lastV != math.Trunc(w.lastV) || i < 0 || i >= len(subrs) {
				return false, false, fmt.Errorf("call of subroutine %v of %d", w.lastV, len(subrs))
			}
			m := w.calls[ref]
			if m == nil {
				m = map[int]callSite{}
				w.calls[ref] = m
			}
			m[w.last] = callSite{w.last, w.lastN, global, i}
			if global {
				w.g[i] = true
			} else {
				w.l[i] = true
			}
			w.stack--
			w.lastN = 0
			sub := csRef{kind, w.fd, i}
			if global {
				sub.fd = 0
			}
			ok, done, err := w.walk(sub, subrs[i], depth+1)
			if !ok || err != nil || done {
				return ok, done, err
			}
		case 11: // return
			return true, false, nil
		case 14: // endchar
			if w.stack >= 4 {
				return false, false, fmt.Errorf("endchar with accent (seac) operands")
			}
			return true, true, nil
		case 12:
			if p >= len(cs) {
				return false, false, fmt.Errorf("truncated operator")
			}
			e := cs[p]
			p++
			if e != 0 && (e < 34 || e > 37) { // not dotsection or a flex: arithmetic or storage
				return false, false, nil
			}
			w.stack = 0
		default:
			w.stack = 0
		}
		w.lastN = 0
	}
	return true, false, nil
}

// appendCSInt appends v as a charstring integer, shortest form.
func appendCSInt(b []byte, v int) []byte {
	switch {
	case v >= -107 && v <= 107:
		return append(b, byte(v+139))
	case v >= 108 && v <= 1131:
		v -= 108
		return append(b, byte(247+v>>8), byte(v))
	case v >= -1131 && v <= -108:
		v = -v - 108
		return append(b, byte(251+v>>8), byte(v))
	}
	return append(b, 28, byte(v>>8), byte(v))
}

// cffSubset writes a CID-keyed CFF table of the glyphs old (new glyph i
// is old[i]); a name-keyed font is made CID-keyed (ROS Adobe-Identity-0,
// one Font DICT holding its Private DICT). CID i is glyph i.
//
// Only the subroutines the kept glyphs call are kept, renumbered in
// their order, the calls rewritten. When calls cannot be followed (a
// subroutine number computed by arithmetic) or a global subroutine calls
// local ones of several Font DICTs, every subroutine keeps its number and those not called
// become a bare return.
//
// extra replaces the charstrings of some new glyphs by ones that call no
// subroutine (see flatten).
func (c *cffFont) subset(old []uint16, extra map[int][]byte) ([]byte, error) {
	calls := map[csRef]map[int]callSite{}
	gUsed := make([]bool, len(c.gsubrs))
	lUsed := make([][]bool, len(c.fds))
	for i := range c.fds {
		lUsed[i] = make([]bool, len(c.fds[i].subrs))
	}
	all, mixed := false, false
	for i, og := range old {
		if _, ok := extra[i]; ok {
			continue
		}
		fd := c.fdSelect[og]
		w := subrWalk{c: c, fd: fd, calls: calls, g: gUsed, l: lUsed[fd]}
		ok, _, err := w.walk(csRef{csGlyph, 0, i}, c.charstrings[og], 0)
		if err != nil {
			return nil, fmt.Errorf("%w: CFF glyph %d: %v", ErrFormat, og, err)
		}
		all = all || !ok
		mixed = mixed || w.mixed
	}
	renumber := !all && !mixed
	type subrSet struct {
		items [][]byte
		newID []int // by old index; -1 for one dropped
		oldID []int // by new index
	}
	keepSubrs := func(subrs [][]byte, u []bool) subrSet {
		var set subrSet
		if all {
			set.items = subrs
			return set
		}
		if !renumber {
			set.items = make([][]byte, len(subrs))
			for i, s := range subrs {
				set.items[i] = subrReturn
				if u[i] {
					set.items[i] = s
				}
			}
			return set
		}
		set.newID = make([]int, len(subrs))
		for i := range subrs {
			set.newID[i] = -1
			if u[i] {
				set.newID[i] = len(set.items)
				set.oldID = append(set.oldID, i)
				set.items = append(set.items, subrs[i])
			}
		}
		return set
	}
	gset := keepSubrs(c.gsubrs, gUsed)
	lsets := make([]subrSet, len(c.fds))
	for i := range c.fds {
		lsets[i] = keepSubrs(c.fds[i].subrs, lUsed[i])
	}
	// rewrite returns charstring cs (ref) with its calls renumbered.
	rewrite := func(ref csRef, fd uint8, cs []byte) []byte {
		sites := calls[ref]
		if !renumber || len(sites) == 0 {
			return cs
		}
		at := make([]int, 0, len(sites))
		for p := range sites {
			at = append(at, p)
		}
		slices.Sort(at)
		out := make([]byte, 0, len(cs)+len(at))
		prev := 0
		for _, p := range at {
			cl := sites[p]
			set := lsets[fd]
			if cl.global {
				set = gset
			}
			out = append(out, cs[prev:cl.at]...)
			out = appendCSInt(out, set.newID[cl.index]-subrBias(len(set.items)))
			prev = cl.at + cl.n
		}
		return append(out, cs[prev:]...)
	}
	if renumber {
		for i, s := range gset.items {
			gset.items[i] = rewrite(csRef{csGlobal, 0, gset.oldID[i]}, 0, s)
		}
		for fd := range lsets {
			for i, s := range lsets[fd].items {
				lsets[fd].items[i] = rewrite(csRef{csLocal, uint8(fd), lsets[fd].oldID[i]}, uint8(fd), s)
			}
		}
	}

	strs := c.strings
	sid := func(s string) int {
		for i, x := range strs {
			if string(x) == s {
				return 391 + i
			}
		}
		strs = append(strs, []byte(s))
		return 391 + len(strs) - 1
	}

	// The Top DICT without the entries rewritten below; ROS first.
	var top []byte
	var matrix *dictEntry
	ros := dictMap(c.top)[opROS]
	if !c.cid {
		top = appendDictOp(appendInt5(appendInt5(appendInt5(nil, sid("Adobe")), sid("Identity")), 0), opROS)
	} else {
		top = appendDictOp(append(top, ros.raw...), opROS)
	}
	for _, e := range c.top {
		switch e.op {
		case opROS, opCharset, opEncoding, opCharStrings, opPrivate, opFDArray, opFDSelect,
			opCIDCount, opUIDBase, opXUID, opUniqueID:
			continue
		case opFontMatrix:
			if !c.cid {
				matrix = &e // into the Font DICT (5176, Table 10)
				continue
			}
		}
		top = appendDictOp(append(top, e.raw...), e.op)
	}
	n := len(old)
	top = appendDictOp(appendInt5(top, n), opCIDCount)

	// Font DICTs and their Private DICTs and subroutines.
	fds := make([][]byte, len(c.fds))
	privs := make([][]byte, len(c.fds))
	subrs := make([][]byte, len(c.fds))
	for i, fd := range c.fds {
		var d []byte
		for _, e := range fd.dict {
			d = appendDictOp(append(d, e.raw...), e.op)
		}
		if matrix != nil {
			d = appendDictOp(append(d, matrix.raw...), matrix.op)
		}
		fds[i] = d // Private is added once offsets are known
		var p []byte
		for _, e := range fd.private {
			p = appendDictOp(append(p, e.raw...), e.op)
		}
		if len(lsets[i].items) > 0 {
			subrs[i] = writeIndex(lsets[i].items)
			p = appendDictOp(appendInt5(p, len(p)+6), opSubrs)
		}
		privs[i] = p
	}

	// Charset (format 2, CID i for glyph i), FDSelect (format 3).
	charset := []byte{0}
	if n > 1 {
		charset = []byte{2, 0, 1, byte((n - 2) >> 8), byte(n - 2)}
	}
	fdsel := []byte{3, 0, 0}
	ranges := 0
	for i, og := range old {
		fd := c.fdSelect[og]
		if i == 0 || fd != c.fdSelect[old[i-1]] {
			fdsel = append(fdsel, byte(i>>8), byte(i), fd)
			ranges++
		}
	}
	fdsel = append(fdsel, byte(n>>8), byte(n))
	binary.BigEndian.PutUint16(fdsel[1:], uint16(ranges))

	cs := make([][]byte, n)
	for i, og := range old {
		if x, ok := extra[i]; ok {
			cs[i] = x
			continue
		}
		cs[i] = rewrite(csRef{csGlyph, 0, i}, c.fdSelect[og], c.charstrings[og])
	}
	charstrings := writeIndex(cs)

	// Layout: header, Name, Top DICT, String and Global Subr INDEXes,
	// charset, FDSelect, CharStrings, FDArray, Private DICTs with their
	// Subrs.
	topLen := len(top) + 5 + 1 + 5 + 2 + 5 + 1 + 5 + 2 // charset, FDSelect, CharStrings, FDArray
	nameIdx := writeIndex([][]byte{c.name})
	strIdx := writeIndex(strs)
	gIdx := writeIndex(gset.items)
	topIdxLen := len(writeIndex([][]byte{make([]byte, topLen)}))
	pos := 4 + len(nameIdx) + topIdxLen + len(strIdx) + len(gIdx)
	charsetAt := pos
	pos += len(charset)
	fdselAt := pos
	pos += len(fdsel)
	csAt := pos
	pos += len(charstrings)
	fdArrayAt := pos
	fdDicts := make([][]byte, len(fds))
	for i := range fds {
		fdDicts[i] = make([]byte, len(fds[i])+11)
	}
	pos += len(writeIndex(fdDicts))
	for i := range fds {
		fdDicts[i] = appendDictOp(appendInt5(appendInt5(fds[i], len(privs[i])), pos), opPrivate)
		pos += len(privs[i]) + len(subrs[i])
	}
	if pos > math.MaxInt32 {
		return nil, fmt.Errorf("%w: CFF subset too large", ErrFormat)
	}
	top = appendDictOp(appendInt5(top, charsetAt), opCharset)
	top = appendDictOp(appendInt5(top, fdselAt), opFDSelect)
	top = appendDictOp(appendInt5(top, csAt), opCharStrings)
	top = appendDictOp(appendInt5(top, fdArrayAt), opFDArray)

	out := make([]byte, 0, pos)
	out = append(out, 1, 0, 4, 4)
	out = append(out, nameIdx...)
	out = append(out, writeIndex([][]byte{top})...)
	out = append(out, strIdx...)
	out = append(out, gIdx...)
	out = append(out, charset...)
	out = append(out, fdsel...)
	out = append(out, charstrings...)
	out = append(out, writeIndex(fdDicts)...)
	for i := range privs {
		out = append(out, privs[i]...)
		out = append(out, subrs[i]...)
	}
	if len(out) != pos {
		return nil, fmt.Errorf("%w: CFF subset laid out at %d bytes, written %d", errInternal, pos, len(out))
	}
	return out, nil
}

// subrReturn is a subroutine that only returns: what a subset keeps of the
// subroutines no kept glyph calls, so that the others keep their numbers
// (an empty one would do, but several readers refuse empty INDEX items).
var subrReturn = []byte{11}

// appendInt5 appends v as a DICT integer of five bytes, so that offsets
// can be written once the layout is known.
func appendInt5(b []byte, v int) []byte {
	return append(b, 29, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

func appendDictOp(b []byte, op int) []byte {
	if op >= 1200 {
		return append(b, 12, byte(op-1200))
	}
	return append(b, byte(op))
}

// writeIndex writes items as an INDEX with the smallest offset size.
func writeIndex(items [][]byte) []byte {
	if len(items) == 0 {
		return []byte{0, 0}
	}
	total := 1
	for _, it := range items {
		total += len(it)
	}
	os := 1
	for total >= 1<<(8*os) {
		os++
	}
	out := make([]byte, 3, 3+(len(items)+1)*os+total-1)
	binary.BigEndian.PutUint16(out, uint16(len(items)))
	out[2] = byte(os)
	put := func(v int) {
		for k := os - 1; k >= 0; k-- {
			out = append(out, byte(v>>(8*k)))
		}
	}
	off := 1
	put(off)
	for _, it := range items {
		off += len(it)
		put(off)
	}
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

// empty returns a charstring with no outline and no advance (its width
// operand minus the nominal width) in the Font DICT of glyph g: the glyph
// of a variation selector in a subset.
func (c *cffFont) empty(g uint16) []byte {
	nominal := 0.0
	for _, e := range c.fds[c.fdSelect[g]].private {
		if e.op == 21 && len(e.vals) == 1 { // nominalWidthX
			nominal = e.vals[0]
		}
	}
	var out []byte
	if v := -nominal; v == math.Trunc(v) && v >= -32768 && v <= 32767 {
		out = appendCSInt(nil, int(v))
	} else {
		f := int32(math.Round(v * 65536))
		out = []byte{255, byte(f >> 24), byte(f >> 16), byte(f >> 8), byte(f)}
	}
	return append(out, 14) // endchar
}

// flatten returns the charstring of glyph g with its subroutines written
// out, its hints left out, no advance (a width of 0 whatever the Private
// DICT's nominal width), and its outline moved dx, dy font units: the
// glyph of a combining mark drawn over the character before it. It fails
// on a charstring that computes (arithmetic or storage operators) or
// draws an accented character (seac).
func (c *cffFont) flatten(g uint16, dx, dy float64) ([]byte, error) {
	fd := c.fds[c.fdSelect[g]]
	nominal := 0.0
	for _, e := range fd.private {
		if e.op == 21 && len(e.vals) == 1 { // nominalWidthX
			nominal = e.vals[0]
		}
	}
	type tok struct {
		v   float64
		raw []byte
	}
	var (
		out          []byte
		stack        []tok
		stems, steps int
		mask, first  = false, true
		moved, ended bool
	)
	num := func(v float64) []byte {
		if v == math.Trunc(v) && v >= -32768 && v <= 32767 {
			return appendCSInt(nil, int(v))
		}
		f := int32(math.Round(v * 65536))
		return []byte{255, byte(f >> 24), byte(f >> 16), byte(f >> 8), byte(f)}
	}
	// emit writes the operands (after the zero width, for the first
	// operator drawn) and the operator.
	emit := func(args []tok, op ...byte) {
		if first {
			out = append(out, num(-nominal)...)
			first = false
		}
		for _, a := range args {
			out = append(out, a.raw...)
		}
		out = append(out, op...)
	}
	// width drops the width operand of the first stack-clearing operator
	// when there is one (n is the count of operands it takes, or -2 for
	// an even count).
	width := func(n int) {
		if !first {
			return
		}
		if n == -2 && len(stack)%2 == 1 || n >= 0 && len(stack) == n+1 {
			stack = stack[1:]
		}
	}
	var run func(cs []byte, depth int) error
	run = func(cs []byte, depth int) error {
		if depth > maxSubrDepth {
			return fmt.Errorf("subroutines nest deeper than %d", maxSubrDepth)
		}
		for p := 0; p < len(cs) && !ended; {
			if steps++; steps > maxCharstringSteps {
				return fmt.Errorf("charstring too long")
			}
			b := cs[p]
			if b == 28 || b >= 32 {
				v, n, ok := number(cs[p:], true)
				if !ok {
					return fmt.Errorf("truncated number")
				}
				stack = append(stack, tok{v, cs[p : p+n]})
				p += n
				continue
			}
			p++
			switch b {
			case 1, 3, 18, 23: // stems: hints, left out
				width(-2)
				stems += len(stack) / 2
				stack = stack[:0]
			case 19, 20: // hintmask, cntrmask
				if !mask {
					width(-2)
					stems += len(stack) / 2
					mask = true
				}
				stack = stack[:0]
				p += (stems + 7) / 8
			case 10, 29: // callsubr, callgsubr
				if len(stack) == 0 {
					return fmt.Errorf("call without a number")
				}
				subrs := fd.subrs
				if b == 29 {
					subrs = c.gsubrs
				}
				v := stack[len(stack)-1].v
				stack = stack[:len(stack)-1]
				i := int(v) + subrBias(len(subrs))
				if v != math.Trunc(v) || i < 0 || i >= len(subrs) {
					return fmt.Errorf("call of subroutine %v of %d", v, len(subrs))
				}
				if err := run(subrs[i], depth+1); err != nil {
					return err
				}
			case 11: // return
				return nil
			case 14: // endchar
				width(0)
				if len(stack) >= 4 {
					return fmt.Errorf("endchar with accent (seac) operands")
				}
				emit(nil, 14)
				ended = true
				return nil
			case 21, 22, 4: // rmoveto, hmoveto, vmoveto
				n := map[byte]int{21: 2, 22: 1, 4: 1}[b]
				width(n)
				if len(stack) != n {
					return fmt.Errorf("moveto with %d operands", len(stack))
				}
				if !moved {
					x, y := dx, dy
					switch b {
					case 21:
						x, y = stack[0].v+dx, stack[1].v+dy
					case 22:
						x = stack[0].v + dx
					case 4:
						y = stack[0].v + dy
					}
					stack = []tok{{x, num(x)}, {y, num(y)}}
					b, moved = 21, true
				}
				emit(stack, b)
				stack = stack[:0]
			case 12:
				if p >= len(cs) {
					return fmt.Errorf("truncated operator")
				}
				e := cs[p]
				p++
				switch {
				case e == 0: // dotsection
				case e >= 34 && e <= 37: // flex
					emit(stack, 12, e)
				default:
					return fmt.Errorf("operator 12 %d", e)
				}
				stack = stack[:0]
			default: // path operators
				emit(stack, b)
				stack = stack[:0]
			}
			if len(stack) > 48 {
				return fmt.Errorf("operand stack overflow")
			}
		}
		return nil
	}
	if err := run(c.charstrings[g], 0); err != nil {
		return nil, fmt.Errorf("%w: CFF glyph %d: %v", ErrFormat, g, err)
	}
	if !ended {
		emit(nil, 14)
	}
	return out, nil
}
