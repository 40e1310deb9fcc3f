// Package render draws laid-out pages ([layout.Page]) into a PDF. It is
// the only package that writes PDF.
//
// The output is deterministic: the same pages, info and fonts give the
// same bytes. Fonts are embedded as subsets named with the six-letter tag
// ISO 32000 requires (ABCDEF+BIZUDPGothic-Regular).
//
// # Why not fpdf
//
// render writes the PDF objects itself (see writer.go): a page of boxes
// needs only a few operators, and fpdf spent about 5.7 ms and 9.5 MB of
// memory per document on its two TrueType fonts whatever their size
// (hashing a 65,536-entry width table as JSON, writing a 128 KB glyph map
// and subsetting the font again), more than the rest of a briefing's
// pipeline. Text is drawn with Identity-H fonts whose character codes are
// the subset's glyph indices, so no glyph map is needed.
//
// # Variation sequences
//
// A character followed by a variation selector (葛 U+E0100) that the font
// drawing the character maps in its cmap format 14 is drawn as that
// font's glyph for the sequence, then a glyph of the selector, empty and
// of no advance, at the end of the sequence's advance; the ToUnicode map
// gives the first the character and the second the selector, so that
// pdftotext, MuPDF and pdf.js copy the sequence as written (see marked
// and toUnicode). A selector the font has no sequence for is not drawn.
//
// # Concurrency and memory
//
// [PDF] may be called from several goroutines at once. Besides
// [ErrFontFormat], the package's one package-level variable is a sync.Pool
// of PDF writers (their buffers and zlib compressors) reused between
// documents: scratch memory, not state, since a writer is reset before
// each use and no PDF depends on what it held.
package render

import (
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"briefing/briefing/layout"
	"briefing/briefing/ttf"
)

// Info is the document's metadata.
type Info struct {
	Title    string
	Author   string
	Subject  string
	Keywords []string
	Lang     string // BCP 47, e.g. "ja"
	// Marking is the TLP 2.0 label, e.g. "TLP:RED": the first keyword and
	// the information's own key /TLP, so that a program sorting documents
	// finds it without reading the pages.
	Marking string
	// Created is the creation and modification date; the zero time means
	// 2000-01-01 UTC, never the clock.
	Created time.Time
	// Files are embedded in the document as attachments.
	Files []layout.Attachment
}

// PDF draws the pages into an archival PDF (PDF/A-2u, or PDF/A-3u with
// files attached; see [Archival]) written to w. It fails, writing nothing,
// when a text holds a character above U+FFFF, a link points to an anchor
// the pages do not hold, a font is not a usable TrueType font or lacks a
// glyph the pages draw.
//
// Each face is embedded as a CIDFontType2 font (Identity-H, one glyph
// index per character code) holding the glyphs the pages draw: the
// program fonts returns when it is a subset, else a subset of it.
//
// The PDF is tagged (ISO 32000-1, 14.8; PDF/UA-1) when the pages carry
// their structure ([layout.Page].Elems): see tags.go.
func PDF(w io.Writer, pages []layout.Page, info Info, fonts Fonts) error {
	return draw(w, pages, info, fonts, Options{}, false)
}

// Write is [PDF] written as opt says.
func Write(w io.Writer, pages []layout.Page, info Info, fonts Fonts, opt Options) error {
	return draw(w, pages, info, fonts, opt, false)
}

// draw is Write; whole embeds the programs fonts returns as they are, even
// whole fonts (for tests that compare a subset with the full font).
func draw(w io.Writer, pages []layout.Page, info Info, fonts Fonts, opt Options, whole bool) error {
	d := NewDocument(w, info, fonts, opt)
	d.whole = whole
	for _, p := range pages {
		if err := d.Page(p); err != nil {
			return err
		}
	}
	return d.Close(nil)
}

// embedFonts embeds a font for each face's characters (used; pairs are
// those with a combining mark, seqs the variation sequences) and returns
// the fonts of each face's chain and the /Font resource dictionary naming
// them all.
func embedFonts(pw *writer, used map[layout.Face]*runeSet, pairs map[layout.Face]map[pair]bool, seqs map[layout.Face]map[ttf.Sequence]bool, fonts Fonts, whole bool) (map[layout.Face][]pdfFont, string, error) {
	// The faces the pages use, in face order.
	order := make([]layout.Face, 0, len(used))
	for f := range used {
		order = append(order, f)
	}
	slices.Sort(order)
	faces := map[layout.Face][]pdfFont{}
	var fontRes strings.Builder
	fontRes.WriteString("<<")
	chains, _ := fonts.(Chains)
	shared, _ := fonts.(SharedPrograms)
	parts := map[layout.Face][][]rune{}
	seqParts := map[layout.Face][][]ttf.Sequence{} // the variation sequences of each font, by base
	for _, f := range order {
		parts[f] = [][]rune{used[f].runes()}
		if chains != nil {
			parts[f] = split(chains, f, parts[f][0])
		}
		if len(seqs[f]) > 0 {
			seqParts[f] = splitSequences(chains, f, seqs[f], len(parts[f]))
		}
	}
	// A font program in the chains of several faces (one fallback font
	// of the regular and the bold chain) is embedded once, holding the
	// characters of all of them, unless a combining mark is placed over
	// a base in one of them (its overlay glyphs depend on the face's
	// other fonts).
	type slot struct {
		f layout.Face
		i int
	}
	owner := map[slot]slot{}   // font → the first font of its program
	union := map[slot][]rune{} // first font → the runes of all
	if shared != nil {
		first := map[any]slot{}
		for _, f := range order {
			for i, runes := range parts[f] {
				if len(runes) == 0 || marksIn(pairs[f], runes) || seqParts[f] != nil && len(seqParts[f][i]) > 0 {
					// A font drawing variation sequences is
					// embedded for its face alone, as one with
					// marks.
					continue
				}
				k := shared.ProgramKey(f, i)
				if k == nil {
					continue
				}
				o, ok := first[k]
				if !ok {
					first[k] = slot{f, i}
					continue
				}
				owner[slot{f, i}] = o
				if union[o] == nil {
					union[o] = parts[o.f][o.i]
				}
				union[o] = merge(union[o], runes)
			}
		}
		for o, runes := range union {
			parts[o.f][o.i] = runes
		}
	}
	for _, f := range order {
		parts := parts[f]
		faces[f] = make([]pdfFont, len(parts))
		// The programs first: a mark over a character of another font
		// of the chain is placed with that font's outlines.
		progs := make([]*program, len(parts))
		for i, runes := range parts {
			if _, ok := owner[slot{f, i}]; len(runes) == 0 || ok {
				continue
			}
			var sq []ttf.Sequence
			if seqParts[f] != nil {
				sq = seqParts[f][i]
			}
			get := func(used []rune) ([]byte, error) { return fonts.Program(f, used) }
			if sf, ok := fonts.(Sequences); ok && len(sq) > 0 {
				get = func(used []rune) ([]byte, error) { return sf.ProgramWith(f, i, used, sq) }
			} else if chains != nil {
				get = func(used []rune) ([]byte, error) { return chains.ProgramOf(f, i, used) }
			}
			p, err := prepare(get, runes, sq, whole)
			if err != nil {
				return nil, "", fmt.Errorf("render: font of face %d: %w", f, err)
			}
			progs[i] = p
		}
		for i, runes := range parts {
			if o, ok := owner[slot{f, i}]; ok {
				faces[f][i] = faces[o.f][o.i]
				continue
			}
			if len(runes) == 0 {
				continue
			}
			var sq []ttf.Sequence
			if seqParts[f] != nil {
				sq = seqParts[f][i]
			}
			e, err := embedFace(pw, progs[i], runes, sq, pairsIn(pairs[f], parts, i, progs), whole)
			if err != nil {
				return nil, "", fmt.Errorf("render: font of face %d: %w", f, err)
			}
			e.name = fontName(f, i)
			faces[f][i] = e
			fontRes.WriteString(" /" + e.name + " " + ref(e.obj))
		}
	}
	fontRes.WriteString(">>")
	return faces, fontRes.String(), nil
}

// program is a font program to embed, parsed and checked, and the glyph
// of each of the runes it is made for (gids[i] of runes[i]).
type program struct {
	font *ttf.Font
	ts   map[string][]byte
	gids []uint16
}

// prepare gets the program of a font for runes and the variation
// sequences seqs, checks it, and makes it a subset of them when it holds
// many more glyphs than they need, shares a glyph between two of them or
// has no glyph for a selector (unless whole).
func prepare(get func([]rune) ([]byte, error), runes []rune, seqs []ttf.Sequence, whole bool) (*program, error) {
	prog, err := get(runes)
	if err != nil {
		return nil, err
	}
	ts, err := tables(prog)
	if err != nil {
		return nil, err
	}
	font, err := ttf.Parse(prog)
	if err != nil {
		return nil, err
	}
	gids := font.Glyphs(make([]uint16, 0, len(runes)), runes)
	var lack []string
	for i, r := range runes {
		if gids[i] == 0 {
			lack = append(lack, layout.RuneName(r))
		}
	}
	if len(lack) > 0 {
		return nil, fmt.Errorf("no glyph for %s", strings.Join(lack, ", "))
	}
	if !whole && (font.NumGlyphs() > 2*len(runes)+64 || sharesGlyphs(font, gids, seqs) || lacksSelectors(font, seqs)) {
		// A whole font (FontFiles): embed only what is drawn, each
		// character with a glyph of its own (see ttf.Font.Subset).
		if prog, err = font.SubsetWith(runes, ttf.Options{Sequences: seqs}); err != nil {
			return nil, err
		}
		if ts, err = tables(prog); err != nil {
			return nil, err
		}
		if font, err = ttf.Parse(prog); err != nil {
			return nil, err
		}
		gids = font.Glyphs(gids[:0], runes)
	}
	return &program{font, ts, gids}, nil
}

// embedFace embeds a font's program p drawing runes and the variation
// sequences seqs, with a glyph for each combining mark of marks over its
// base (see withMarks).
func embedFace(pw *writer, p *program, runes []rune, seqs []ttf.Sequence, marks map[pair]*ttf.Font, whole bool) (pdfFont, error) {
	font, ts, gids := p.font, p.ts, p.gids
	ps := postScriptName(ts["name"])
	key := ps
	for _, q := range seqs {
		key += "," + strconv.FormatInt(int64(q.Base), 16) + "+" + strconv.FormatInt(int64(q.Selector), 16)
	}
	name := subsetTag(key, runes) + "+" + ps
	var overlays []overlay
	if len(marks) > 0 {
		f, os, err := withMarks(font, marks)
		switch {
		case err == nil:
			font, overlays = f, os
			if ts, err = tables(font.Bytes()); err != nil {
				return pdfFont{}, err
			}
			gids = font.Glyphs(nil, runes)
			name = subsetTag(key+overlayKey(overlays), runes) + "+" + ps
		case font.CFF() == nil:
			return pdfFont{}, err
		}
		// A CFF mark that cannot be given a glyph (a charstring that
		// computes) is moved over its base in the content stream.
	}
	return embedFont(pw, font, ts, name, runes, gids, seqs, overlays, whole)
}

// split sorts the characters a face draws by the font of its chain that
// draws them: the runes of font i are parts[i], in order. A character no
// font has stays with the first, whose embedding then names it.
func split(c Chains, f layout.Face, runes []rune) [][]rune {
	if c.Chain(f) <= 1 {
		if len(runes) == 0 {
			return nil
		}
		return [][]rune{runes}
	}
	var parts [][]rune
	for _, r := range runes {
		i := max(c.Pick(f, r), 0)
		for len(parts) <= i {
			parts = append(parts, nil)
		}
		parts[i] = append(parts[i], r)
	}
	return parts
}

// splitSequences sorts the variation sequences a face draws by the font
// of its chain that draws their base (one font without chains): those of
// font i are parts[i] (n fonts at least), sorted.
func splitSequences(c Chains, f layout.Face, seqs map[ttf.Sequence]bool, n int) [][]ttf.Sequence {
	parts := make([][]ttf.Sequence, n)
	for q := range seqs {
		i := 0
		if c != nil {
			i = max(c.Pick(f, q.Base), 0)
		}
		for len(parts) <= i {
			parts = append(parts, nil)
		}
		parts[i] = append(parts[i], q)
	}
	for _, p := range parts {
		slices.SortFunc(p, func(a, b ttf.Sequence) int {
			return cmp.Or(cmp.Compare(a.Base, b.Base), cmp.Compare(a.Selector, b.Selector))
		})
	}
	return parts
}

// pairsIn returns the pairs of a combining mark over its base whose mark
// font i of the chain draws (parts[i] holds it), each with the font that
// draws its base: font i itself, or another font of the chain.
func pairsIn(pairs map[pair]bool, parts [][]rune, i int, progs []*program) map[pair]*ttf.Font {
	var in map[pair]*ttf.Font
	for p := range pairs {
		if _, m := slices.BinarySearch(parts[i], p.mark); !m {
			continue
		}
		for j := range parts {
			if _, b := slices.BinarySearch(parts[j], p.base); b && progs[j] != nil {
				if in == nil {
					in = map[pair]*ttf.Font{}
				}
				in[p] = progs[j].font
				break
			}
		}
	}
	return in
}

// marksIn reports whether a combining mark of pairs is among runes.
func marksIn(pairs map[pair]bool, runes []rune) bool {
	for p := range pairs {
		if _, ok := slices.BinarySearch(runes, p.mark); ok {
			return true
		}
	}
	return false
}

// merge returns the sorted runes of a and b, each once; a and b are
// sorted.
func merge(a, b []rune) []rune {
	m := make([]rune, 0, len(a)+len(b))
	m = append(append(m, a...), b...)
	slices.Sort(m)
	return slices.Compact(m)
}

// fontName is the resource name of font i of face f's chain: F0 for the
// regular face's first font, F0-1 for its first fallback.
func fontName(f layout.Face, i int) string {
	if i == 0 {
		return "F" + strconv.Itoa(int(f))
	}
	return "F" + strconv.Itoa(int(f)) + "-" + strconv.Itoa(i)
}

// lacksSelectors reports whether font draws a sequence of seqs but has
// no glyph for its selector (see ttf.Options.Sequences): a font that is
// not a subset made for them.
func lacksSelectors(font *ttf.Font, seqs []ttf.Sequence) bool {
	for _, q := range seqs {
		if _, ok := font.Variant(q.Base, q.Selector); ok {
			if _, has := font.Glyph(q.Selector); !has {
				return true
			}
		}
	}
	return false
}

// sharesGlyphs reports whether font draws two of the runes whose glyphs
// are gids and the variation sequences seqs with one glyph, which one
// code of the PDF cannot copy back as both (a sequence drawn with its
// base's glyph copies back as the base, which the selector's glyph
// follows).
func sharesGlyphs(font *ttf.Font, gids []uint16, seqs []ttf.Sequence) bool {
	seen := make([]uint64, font.NumGlyphs()/64+1)
	dup := func(g uint16) bool {
		if seen[g/64]&(1<<(g%64)) != 0 {
			return true
		}
		seen[g/64] |= 1 << (g % 64)
		return false
	}
	for _, g := range gids {
		if dup(g) {
			return true
		}
	}
	for _, q := range seqs {
		if g, ok := font.Variant(q.Base, q.Selector); ok {
			if b, _ := font.Glyph(q.Base); b != g && dup(g) {
				return true
			}
		}
	}
	return false
}

// mark is an outline entry.
type mark struct {
	title string
	level int
	dest  string
}

// outline writes the document outline of marks, in order, and returns
// the number of its root. A mark's level is at most one deeper than the
// one before it.
func outline(pw *writer, marks []mark) int {
	root := pw.alloc()
	objs := make([]int, len(marks))
	parent := make([]int, len(marks)) // index of the parent; -1 for the root
	levels := []int{}                 // open entries by level
	for i, m := range marks {
		objs[i] = pw.alloc()
		level := min(max(m.level, 0), len(levels))
		levels = levels[:level]
		if level == 0 {
			parent[i] = -1
		} else {
			parent[i] = levels[level-1]
		}
		levels = append(levels, i)
	}
	// Children of each entry (and of the root, at len(marks)), and the
	// place of each among its parent's.
	children := make([][]int, len(marks)+1)
	place := make([]int, len(marks))
	for i, p := range parent {
		if p < 0 {
			p = len(marks)
		}
		place[i] = len(children[p])
		children[p] = append(children[p], i)
	}
	obj := func(i int) int {
		if i == len(marks) {
			return root
		}
		return objs[i]
	}
	var count func(i int) int // visible descendants, all entries open
	count = func(i int) int {
		n := 0
		for _, c := range children[i] {
			n += 1 + count(c)
		}
		return n
	}
	for i, m := range marks {
		p := parent[i]
		if p < 0 {
			p = len(marks)
		}
		sib, j := children[p], place[i]
		s := "<</Title " + text(m.title) + " /Parent " + ref(obj(p))
		if j > 0 {
			s += " /Prev " + ref(objs[sib[j-1]])
		}
		if j < len(sib)-1 {
			s += " /Next " + ref(objs[sib[j+1]])
		}
		if c := children[i]; len(c) > 0 {
			s += " /First " + ref(objs[c[0]]) + " /Last " + ref(objs[c[len(c)-1]]) + " /Count " + strconv.Itoa(count(i))
		}
		pw.object(objs[i], s+" /Dest "+m.dest+">>")
	}
	top := children[len(marks)]
	pw.object(root, "<</Type /Outlines /First "+ref(objs[top[0]])+" /Last "+ref(objs[top[len(top)-1]])+
		" /Count "+strconv.Itoa(count(len(marks)))+">>")
	return root
}

// visible returns s without its layout.Ignorable characters, which take no
// width and are not drawn (text the layout sets has none; page furniture
// may), but for a variation selector right after a character: drawn with
// it as one glyph when the font has the sequence (see drawer.marked), else
// not at all.
func visible(s string) string {
	if !strings.ContainsFunc(s, layout.Ignorable) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	after := false // a character was kept just before
	for _, r := range s {
		if layout.Ignorable(r) {
			if after && layout.Selector(r) {
				b.WriteRune(r)
			}
			after = false
			continue
		}
		b.WriteRune(r)
		after = true
	}
	return b.String()
}

// visibleMarks returns visible(s) and whether it holds a combining mark
// or a variation selector (hasMarks), in one pass over s when s has no
// layout.Ignorable character.
func visibleMarks(s string) (string, bool) {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++ // ASCII has none of either
	}
	marks := false
	for _, r := range s[i:] {
		if layout.Ignorable(r) {
			v := visible(s)
			return v, hasMarks(v)
		}
		marks = marks || layout.Combining(r)
	}
	return s, marks
}

// runeSet is a set of characters: of the Basic Multilingual Plane a bit
// each (a map costs more than the rest of surveying a briefing), the few
// above U+FFFF in a list.
type runeSet struct {
	bmp [0x10000 / 64]uint64
	sup []rune // characters above U+FFFF, unsorted, without duplicates
}

// add puts r in the set.
func (s *runeSet) add(r rune) {
	if r <= 0xFFFF {
		s.bmp[r>>6] |= 1 << (r & 63)
	} else if !slices.Contains(s.sup, r) {
		s.sup = append(s.sup, r)
	}
}

// runes returns the characters of the set in ascending order.
func (s *runeSet) runes() []rune {
	n := len(s.sup)
	for _, w := range s.bmp {
		n += bits.OnesCount64(w)
	}
	out := make([]rune, 0, n)
	for i, w := range s.bmp {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, rune(i<<6|b))
			w &= w - 1
		}
	}
	i := len(out)
	out = append(out, s.sup...)
	slices.Sort(out[i:])
	return out
}

// anchor is where a named destination is.
type anchor struct {
	page int
	y    float64
	at   place
}

// surveyor collects, page by page, the characters each face draws, the
// anchors and the pictures (each once, in order of first appearance), and
// checks that every text can be drawn.
type surveyor struct {
	used    map[layout.Face]*runeSet
	pairs   map[layout.Face]map[pair]bool         // characters with a combining mark
	seqs    map[layout.Face]map[ttf.Sequence]bool // variation sequences
	anchors anchorTable
	// pictures in the order surveyed, each one's index by its data, and
	// where each is first drawn.
	pictures []layout.Image
	seen     map[string]int
	at       []place
	seq      int
	// last is the set of lastFace, the face last surveyed; known what
	// the last boxes surveyed are known to draw (see known), by box.
	last     *runeSet
	lastFace layout.Face
	known    []known
}

// zeroed returns n zeros, in s when it has the room.
func zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// place is where a picture or anchor is first drawn: its page, the
// page's body (part 0) or furniture (1), and its order among those
// surveyed.
type place struct{ page, part, seq int }

func (p place) before(q place) bool {
	if p.page != q.page {
		return p.page < q.page
	}
	if p.part != q.part {
		return p.part < q.part
	}
	return p.seq < q.seq
}

// newSurveyor makes a surveyor that keeps the anchors' names in names.
func newSurveyor(names *strs) *surveyor {
	return &surveyor{used: map[layout.Face]*runeSet{}, anchors: newAnchorTable(names), seen: map[string]int{}}
}

// use adds the characters of text drawn in face f: those of
// visible(text), read in one pass over text. It returns what drawing the
// text needs of that pass (see visibleMarks): known, unless text holds
// an Ignorable character.
func (sv *surveyor) use(f layout.Face, text string) (known, error) {
	set := sv.last
	if set == nil || sv.lastFace != f {
		if set = sv.used[f]; set == nil {
			set = &runeSet{}
			sv.used[f] = set
		}
		sv.last, sv.lastFace = set, f
	}
	k := knownPlain
	base, prev := rune(-1), rune(-1)
	after := false // a character was kept just before (see visible)
	for _, r := range text {
		if layout.Ignorable(r) {
			k = unknown
			if !after || !layout.Selector(r) {
				after = false
				continue // not drawn
			}
			after = false
			// After a character: a variation sequence, drawn as one
			// glyph if the font has it.
			if sv.seqs == nil {
				sv.seqs = map[layout.Face]map[ttf.Sequence]bool{}
			}
			if sv.seqs[f] == nil {
				sv.seqs[f] = map[ttf.Sequence]bool{}
			}
			sv.seqs[f][ttf.Sequence{Base: prev, Selector: r}] = true
			continue
		}
		after = true
		if r == '\uFFFD' || r < 0x20 {
			return unknown, fmt.Errorf("cannot draw %s in %q", layout.RuneName(r), visible(text))
		}
		prev = r
		set.add(r)
		if !layout.Combining(r) {
			base = r
			continue
		}
		if k == knownPlain {
			k = knownMarks
		}
		if base >= 0 {
			if sv.pairs == nil {
				sv.pairs = map[layout.Face]map[pair]bool{}
			}
			if sv.pairs[f] == nil {
				sv.pairs[f] = map[pair]bool{}
			}
			sv.pairs[f][pair{base, r}] = true
		}
	}
	return k, nil
}

// known is what a drawer knows of a text box's text before it draws it,
// from the survey's pass over it (see surveyor.use): unknown, or that
// visibleMarks(text) is (text, false) or (text, true).
type known uint8

const (
	unknown known = iota
	knownPlain
	knownMarks
)

// add surveys boxes of page (from 0), of its body (part 0) or its
// furniture (1). A picture or anchor keeps the place it is drawn at first
// in the document's order (each page's body, then its furniture), in
// whatever order the parts are surveyed.
func (sv *surveyor) add(page, part int, boxes []layout.Box) error {
	sv.known = zeroed(sv.known, len(boxes))
	for i, b := range boxes {
		switch b := b.(type) {
		case layout.Image:
			sv.seq++
			at := place{page, part, sv.seq}
			if i, ok := sv.seen[string(b.Data)]; !ok {
				sv.seen[string(b.Data)] = len(sv.pictures)
				sv.pictures = append(sv.pictures, b)
				sv.at = append(sv.at, at)
			} else if at.before(sv.at[i]) {
				sv.at[i] = at
			}
		case layout.TextBox:
			k, err := sv.use(b.Style.Face, b.Text)
			if err != nil {
				return fmt.Errorf("page %d: %w", page+1, err)
			}
			sv.known[i] = k
		case *layout.TextBox:
			k, err := sv.use(b.Style.Face, b.Text)
			if err != nil {
				return fmt.Errorf("page %d: %w", page+1, err)
			}
			sv.known[i] = k
		case layout.Anchor:
			sv.seq++
			at := place{page, part, sv.seq}
			if a, dup := sv.anchors.get(b.Name); !dup || at.before(a.at) {
				sv.anchors.set(b.Name, anchor{page: page, y: b.Y, at: at})
			}
		}
	}
	return nil
}

// order returns the pictures' indices in the order they are first drawn.
func (sv *surveyor) order() []int {
	o := make([]int, len(sv.pictures))
	for i := range o {
		o[i] = i
	}
	slices.SortFunc(o, func(a, b int) int {
		if sv.at[a].before(sv.at[b]) {
			return -1
		}
		return 1
	})
	return o
}

// checkLink checks that a link of page (from 0) to an anchor has it.
func (sv *surveyor) checkLink(page int, l layout.Link) error {
	if l.URL == "" {
		if _, ok := sv.anchors.get(l.Dest); !ok {
			return errNoAnchor(page, l.Dest)
		}
	}
	return nil
}

// errNoAnchor is the error of a link of page (from 0) to dest, which no
// anchor names.
func errNoAnchor(page int, dest string) error {
	return fmt.Errorf("page %d: link to %q, which no anchor names", page+1, dest)
}

// drawer writes the content stream of a page. Coordinates come top-left
// with y down and go out bottom-left with y up; it keeps the graphics
// state it has set so as not to repeat it.
type drawer struct {
	tree   *tree                     // the structure; nil when untagged
	open   int                       // the marked content open (see mark)
	faces  map[layout.Face][]pdfFont // by face, its chain's fonts
	images map[string]string         // picture data → XObject name
	// stub, when not nil, draws before the fonts are made: fonts, glyphs
	// and pictures are written as placeholders (see stub.go).
	stub *stubs
	// stubbed: the page has a text with marks, drawn as a placeholder
	stubbed bool
	buf     []byte
	height  float64 // of the page

	segs          []segment // of the text drawn, reused
	base          base      // the character last drawn in the text, for a mark after it
	font          string    // resource name of the font set
	size, spacing float64
	fill, stroke  layout.Color
	width         float64
	fillSet       bool
	strokeSet     bool
	fontSet       bool
	widthSet      bool
	// actual is the number of text boxes still to draw in the open
	// /ActualText span.
	actual int
	// known is what the survey knows of the text box drawn next.
	known known
}

// start starts a page of the given height, in the default graphics state.
func (d *drawer) start(height float64) {
	*d = drawer{tree: d.tree, open: -3, faces: d.faces, images: d.images, stub: d.stub, buf: d.buf[:0], segs: d.segs[:0], height: height}
}

func (d *drawer) op(vs ...float64) {
	for _, v := range vs {
		d.buf = appendNum(d.buf, v)
		d.buf = append(d.buf, ' ')
	}
}

func (d *drawer) fillColor(c layout.Color) {
	if !d.fillSet || d.fill != c {
		d.op(float64(c.R)/255, float64(c.G)/255, float64(c.B)/255)
		d.buf = append(d.buf, "rg\n"...)
		d.fill, d.fillSet = c, true
	}
}

func (d *drawer) strokeColor(c layout.Color) {
	if !d.strokeSet || d.stroke != c {
		d.op(float64(c.R)/255, float64(c.G)/255, float64(c.B)/255)
		d.buf = append(d.buf, "RG\n"...)
		d.stroke, d.strokeSet = c, true
	}
}

func (d *drawer) lineWidth(w float64) {
	if !d.widthSet || d.width != w {
		d.op(w)
		d.buf = append(d.buf, "w\n"...)
		d.width, d.widthSet = w, true
	}
}

// paint sets the colours of a shape and returns its painting operator:
// fill, stroke or both; "" for neither.
func (d *drawer) paint(fill, stroke *layout.Color, width float64) string {
	if fill != nil {
		d.fillColor(*fill)
	}
	if stroke != nil {
		d.strokeColor(*stroke)
		d.lineWidth(width)
	}
	switch {
	case fill != nil && stroke != nil:
		return "B"
	case fill != nil:
		return "f"
	case stroke != nil:
		return "S"
	}
	return ""
}

// box draws b: a text box as a *layout.TextBox (see text).
func (d *drawer) box(b layout.Box) error {
	switch b := b.(type) {
	case *layout.TextBox:
		return d.text(b)
	case layout.TextBox:
		return d.text(&b)
	case layout.Rect:
		if op := d.paint(b.Fill, b.Stroke, b.LineWidth); op != "" {
			d.op(b.X, d.height-b.Y, b.W, -b.H)
			d.buf = append(d.buf, "re "+op+"\n"...)
		}
	case layout.Line:
		d.strokeColor(b.Color)
		d.lineWidth(b.Width)
		d.op(b.X1, d.height-b.Y1)
		d.buf = append(d.buf, "m "...)
		d.op(b.X2, d.height-b.Y2)
		d.buf = append(d.buf, "l S\n"...)
	case layout.Polygon:
		if len(b.Points) < 3 {
			return nil
		}
		if op := d.paint(b.Fill, b.Stroke, b.LineWidth); op != "" {
			for i, p := range b.Points {
				d.op(p.X, d.height-p.Y)
				if i == 0 {
					d.buf = append(d.buf, "m "...)
				} else {
					d.buf = append(d.buf, "l "...)
				}
			}
			d.buf = append(d.buf, "h "+op+"\n"...)
		}
	case layout.Image:
		if b.W <= 0 || b.H <= 0 {
			return nil
		}
		name, ok := d.image(b)
		if !ok {
			return errors.New("picture not embedded")
		}
		// The picture fills the unit square, scaled and moved into place;
		// q … Q leaves the graphics state as it was.
		// A picture with alternate text is a /Figure marked-content
		// sequence whose property list holds it (ISO 32000-1, 14.9.3).
		// (In a tagged PDF the picture is in its Figure element instead.)
		alt := b.Alt != "" && d.tree == nil
		if alt {
			d.buf = append(d.buf, "/Figure <</Alt "...)
			d.buf = appendText(d.buf, b.Alt)
			d.buf = append(d.buf, ">> BDC\n"...)
		}
		d.buf = append(d.buf, "q "...)
		d.op(imageMatrix(b, d.height)...)
		d.buf = append(d.buf, "cm /"+name+" Do Q\n"...)
		if alt {
			d.buf = append(d.buf, "EMC\n"...)
		}
	case layout.Anchor:
		// A destination, written with the links to it.
	case nil:
		return errors.New("nil box")
	default:
		return fmt.Errorf("unknown box %T", b)
	}
	return nil
}

// text draws text box tb, which it does not change.
func (d *drawer) text(tb *layout.TextBox) error {
	var marks bool
	b := *tb
	raw := b.Text
	switch d.known {
	case knownPlain:
	case knownMarks:
		marks = true
	default:
		b.Text, marks = visibleMarks(b.Text)
	}
	d.known = unknown
	if d.stub != nil && !marks && len(b.Text) != len(raw) && hasMarks(raw) {
		// Marks that draw nothing (after a character dropped): the
		// page is still one with marks (see Document.markAt).
		d.stubbed = true
	}
	if b.Text == "" {
		return nil
	}
	var fcs []pdfFont
	if d.stub != nil {
		fcs, d.segs = d.stub.segments(d.segs[:0], b.Style.Face, b.Text)
	} else {
		fcs = d.faces[b.Style.Face]
		if len(fcs) == 0 {
			return fmt.Errorf("no font for face %d", b.Style.Face)
		}
		d.segs = segments(d.segs[:0], b.Text, fcs)
	}
	segs := d.segs
	d.fillColor(b.Style.Color)
	if b.Replaced && d.actual == 0 {
		// The text a reader copies: a marked-content span with
		// /ActualText (ISO 32000-1, 14.9.4), over this box and the
		// b.ActualBoxes-1 text boxes after it.
		d.buf = append(d.buf, "/Span <</ActualText "...)
		d.buf = appendText(d.buf, b.Actual)
		d.buf = append(d.buf, ">> BDC "...)
		d.actual = max(b.ActualBoxes, 1)
	}
	d.buf = append(d.buf, "BT "...)
	d.setFont(&fcs[segs[0].font], b.Style.Size)
	if d.spacing != b.Spacing {
		// PDF character spacing (Tc), added after every glyph, in
		// user space units: points.
		d.op(b.Spacing)
		d.buf = append(d.buf, "Tc "...)
		d.spacing = b.Spacing
	}
	if b.Style.Slant {
		// A synthetic oblique: the text matrix slants the glyphs
		// by about 11° (the fonts have no italic).
		d.op(1, 0, 0.2, 1, b.X, d.height-b.Y)
		d.buf = append(d.buf, "Tm "...)
	} else {
		d.op(b.X, d.height-b.Y)
		d.buf = append(d.buf, "Td "...)
	}
	d.base = base{}
	ri := 0 // the index of the segment's first rune in b.Text
	for k, sg := range segs {
		fc := &fcs[sg.font]
		if k > 0 {
			d.setFont(fc, b.Style.Size)
		}
		if marks && d.stub != nil && hasMarks(sg.text) {
			// Drawn once the fonts are made: a placeholder.
			ri = d.markedStub(sg.text, b, fc, ri)
			continue
		}
		if b.Gaps != nil || marks && hasMarks(sg.text) {
			ri = d.marked(sg.text, b, fc, ri)
			continue
		}
		d.buf = append(d.buf, '<')
		ri += d.appendGlyphs(fc, sg.text)
		d.buf = append(d.buf, "> Tj "...)
		r, _ := utf8.DecodeLastRuneInString(sg.text)
		d.base = base{r, fc}
	}
	d.buf = append(d.buf, "ET\n"...)
	if d.actual > 0 {
		if d.actual--; d.actual == 0 {
			d.buf = append(d.buf, "EMC\n"...)
			if d.tree != nil {
				// The element's next boxes get a marked-content
				// sequence of their own: poppler (22.12 at
				// least) ends the sequence of an MCID at the EMC of
				// an /ActualText span nested in it and loses the
				// rest (the last line of a justified paragraph).
				d.close()
			}
		}
	}
	return nil
}

// setFont selects font fc at size points, unless it is the one set.
func (d *drawer) setFont(fc *pdfFont, size float64) {
	if d.fontSet && d.font == fc.name && d.size == size {
		return
	}
	if fc.slot > 0 {
		d.buf = appendFontStub(d.buf, fc.slot, size)
	} else {
		d.buf = appendTf(d.buf, fc.name, size)
	}
	d.font, d.size, d.fontSet = fc.name, size, true
}

// appendTf appends the operator that selects the font named (a resource
// name, "F0") at size points.
func appendTf(b []byte, name string, size float64) []byte {
	b = append(b, '/')
	b = append(b, name...)
	b = append(b, ' ')
	b = appendNum(b, size)
	return append(b, " Tf "...)
}

// appendGlyphs appends the codes of the characters of text in font fc,
// in a hex string, and returns how many there are: a placeholder of
// each run of up to 255 of them when fc is one.
func (d *drawer) appendGlyphs(fc *pdfFont, text string) int {
	n := 0
	if fc.slot > 0 {
		at := -1 // the count of the run open
		for _, r := range text {
			if at < 0 || d.buf[at] == 255 {
				d.buf = append(d.buf, 2, byte(fc.slot>>8), byte(fc.slot), 0)
				at = len(d.buf) - 1
			}
			d.buf = append(d.buf, byte(r>>16), byte(r>>8), byte(r))
			d.buf[at]++
			n++
		}
		return n
	}
	for _, r := range text {
		g, _ := fc.glyph.get(r)
		d.buf = appendHex16(d.buf, g)
		n++
	}
	return n
}

// appendGlyph appends the code of r in font fc, in a hex string.
func (d *drawer) appendGlyph(fc *pdfFont, r rune) {
	if fc.slot > 0 {
		d.buf = appendGlyphStub(d.buf, fc.slot, r)
		return
	}
	g, _ := fc.glyph.get(r)
	d.buf = appendHex16(d.buf, g)
}

// image returns the resource name of picture b.
func (d *drawer) image(b layout.Image) (string, bool) {
	if d.stub != nil {
		return d.stub.image(b)
	}
	name, ok := d.images[string(b.Data)]
	return name, ok
}

// segment is a stretch of a text drawn with one font of its face's chain.
type segment struct {
	font int // index in the chain
	text string
}

// segments appends to segs the stretches of s cut where the font of fcs that holds its characters
// changes: a text switches fonts only where it must. A character no font
// holds stays in the stretch it is in.
func segments(segs []segment, s string, fcs []pdfFont) []segment {
	if len(fcs) == 1 {
		return append(segs, segment{0, s})
	}
	cur, start := -1, 0
	for i, r := range s {
		f := cur
		for j := range fcs {
			if _, ok := fcs[j].glyph.get(r); ok {
				f = j
				break
			}
		}
		if f < 0 {
			f = 0
		}
		if f != cur {
			if cur >= 0 && i > start {
				segs = append(segs, segment{cur, s[start:i]})
			}
			cur, start = f, i
		}
	}
	if cur < 0 {
		cur = 0
	}
	return append(segs, segment{cur, s[start:]})
}

// pdfString keeps only the characters a PDF literal string may hold
// unescaped.
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7F && r != '(' && r != ')' && r != '\\' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// subsetTag returns the six capital letters that name a subset: derived
// from the font's name and the characters it holds, so the same subset
// gets the same tag.
func subsetTag(ps string, runes []rune) string {
	b := make([]byte, 0, len(ps)+6*len(runes))
	b = append(b, ps...)
	for _, r := range runes {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(r), 16)
	}
	sum := sha256.Sum256(b)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}
