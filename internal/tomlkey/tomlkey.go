// Package tomlkey finds where the keys of a TOML document are written, so
// that messages about a value can name its line and column, and finds the
// known key nearest a misspelt one for a "did you mean" hint. Package load
// uses it for incident files and package theme for templates.
//
// [Scan] is a small scanner of TOML's structure (headers, keys, strings,
// arrays, inline tables), not a parser: it is run only on a document the
// TOML decoder accepted, and values are skipped, never interpreted.
package tomlkey

import (
	"encoding/binary"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Pos is a line and column of a document, both from 1; the column counts
// characters, as editors do. The zero Pos is no position.
type Pos struct {
	Line, Col int
}

// Loc is where a key path appears in the document.
type Loc struct {
	// Key is the position of the key (the last part of a dotted key), of
	// the "[" of a table header, or of an array element.
	Key Pos
	// Value is the position of the value's first character (a header's
	// "[" for a table).
	Value Pos
	// Stmt is where the line that writes the path starts: the first part
	// of its key (for a key inside an inline table, of the outermost key),
	// or the "[" of a table header.
	Stmt Pos
}

// Occurrence is one key as written, with its indexed path
// ("procurement.items[3].users", each part quoted as [Quote] does) and its
// plain path as the TOML decoder names it (["procurement" "items" "users"]).
// Element is true for an element of an array value ("tags[2]"), which has
// the plain path of its array. Parent is true for a table named only on
// the way to a longer key: "a" of a.b = 1 or of a [a.b] header (the TOML
// decoder lists neither among its keys).
type Occurrence struct {
	Path    string
	Plain   []string
	Loc     Loc
	Element bool
	Parent  bool
}

// Index maps the key paths of a TOML document to their positions. Array
// elements and array-of-table entries are numbered from 1 in indexed
// paths: "risks[2].title", "tags[3]".
type Index struct {
	src       string
	i         int
	line      int
	lineStart int // byte offset of the current line
	stmt      Pos // start of the current statement

	// The last column pos counted: colRunes characters from colLine,
	// the start of its line, to byte offset colOff.
	colLine, colOff, colRunes int

	// paths maps each indexed key path to its entry in ents: one map
	// for the position, the value's span and the definition of a path.
	paths map[string]int32
	ents  []entry
	occ   []occurrence
	// plains are the distinct plain paths of the occurrences, each once
	// (a table of 50,000 rows has a handful), found by their parts in
	// plainIDs; plainKey is the key of the last one looked up.
	plains     [][]string
	plainIDs   map[string]int32
	plainKey   []byte
	plainParts []string       // the parts of plains, one after another
	lastPlain  int32          // 1 + the number of the plain path last looked up, 0 for none
	aot        map[string]int // indexed path of an array of tables → entries so far

	bad *Problem // the first problem found

	keys    []keyPart // the parts of the key last read, reused
	scratch []string  // a stack the plain paths of keys are built on
	inValue string    // the path of the value being scanned, "" in a key

	charMu sync.Mutex
	cursor *cursor // where Char left off

	// folding is true when the elements of a large array are folded
	// (see fold); nest counts the arrays and inline tables being scanned.
	folding bool
	nest    int
	folds   []fold
	// foldPaths holds the paths of the element being folded.
	foldPaths map[string]int32
	foldMu    sync.Mutex
	sub       *Index // the folded element last scanned again
	subFold   int    // its fold in folds
	subN      int    // its number in its array
}

// foldBytes is how far after its "[" an element of an array written as a
// key's value (not inside another array or inline table) starts to be
// folded: its keys, elements and positions are not kept in the index but
// found again, scanning that element alone, when asked for. The index of
// a table of 50,000 rows written inline held some 50 MB; folded, some 20
// bytes a row. 1 MiB is some 13,000 such rows.
var foldBytes = 1 << 20

// fold is the folded elements of one array: where each starts, from the
// element numbered first, and where their occurrences go among the
// index's (before occ[occAt]).
type fold struct {
	path  string // indexed path of the array
	plain int32  // plain path of its elements, in plains
	stmt  pos32  // start of the statement writing the array
	occAt int32
	first int32
	elems []elemAt
}

// elemAt is the state of the scanner at the start of a folded element:
// its byte offset, line and line start, and the column count known on
// its line (colRunes characters from the line start to colOff).
type elemAt struct{ off, line, lineStart, colOff, colRunes int32 }

// maxPresize is the most key paths an index is sized for before scanning.
const maxPresize = 1024

// maxPlains is the most distinct plain paths an index is sized for
// before scanning.
const maxPlains = 128

// entry is what the index knows of one indexed key path: some 40 bytes,
// besides the path and its place in the map, for each of the hundreds of
// thousands of keys and elements of a large table.
type entry struct {
	path    string
	first   int32    // the occurrence where it is first written, -1 for none
	span    [2]int32 // byte offsets of its first value (when hasSpan)
	def     def      // how it was defined (see Problem)
	hasSpan bool
}

// occurrence is an [Occurrence] as the index keeps it: its entry, its
// plain path in plains, and its positions.
type occurrence struct {
	ent, plain int32
	loc        loc32
	element    bool
	parent     bool
}

// pos32 is a [Pos] in half the room.
type pos32 struct{ line, col int32 }

func (p pos32) pos() Pos { return Pos{Line: int(p.line), Col: int(p.col)} }

func short(p Pos) pos32 { return pos32{int32(p.Line), int32(p.Col)} }

// loc32 is a [Loc] in half the room.
type loc32 struct{ key, value, stmt pos32 }

func (l loc32) loc() Loc { return Loc{Key: l.key.pos(), Value: l.value.pos(), Stmt: l.stmt.pos()} }

// occurrence returns the occurrence o as the index's users see it.
func (x *Index) occurrence(o occurrence) Occurrence {
	return Occurrence{Path: x.ents[o.ent].path, Plain: x.plains[o.plain], Loc: o.loc.loc(), Element: o.element, Parent: o.parent}
}

// Scan indexes src, a document the TOML decoder accepted. On other input
// it does not fail or panic, but some keys may be missing. The elements
// of an array written as a key's value that start more than 1 MiB after
// its "[" are folded: the index holds where each starts and scans it
// again when a path inside it is asked for (the last one is kept), so
// that a table of 50,000 rows written inline is indexed in some 15 MB
// instead of 50.
func Scan(src string) *Index {
	return scan(src, true)
}

// scan is [Scan], the elements of large arrays folded when folding.
func scan(src string, folding bool) *Index {
	x := newIndex(src)
	x.folding = folding
	if strings.HasPrefix(src, "\ufeff") { // a byte order mark is no column
		x.i, x.lineStart = 3, 3
	}
	x.scan()
	if len(x.folds) > 0 {
		// The tables were sized for every key, folded ones too.
		x.ents, x.occ = slices.Clone(x.ents), slices.Clone(x.occ)
		paths := make(map[string]int32, len(x.paths))
		maps.Copy(paths, x.paths)
		x.paths = paths
	}
	return x
}

// newIndex returns an empty index of src, its tables sized for about as
// many key paths as src has "=", "[" and "," (a key, a header or an
// array's element is written with one of them; a dotted key's tables are
// about offset by the ones in texts), so that they are not grown key by
// key. Past maxPresize they are counted again outside strings and
// comments (see structural), so that neither a long text full of commas
// nor the commas between the keys of inline tables size room for keys.
func newIndex(src string) *Index {
	n := strings.Count(src, "=") + strings.Count(src, "[") + strings.Count(src, ",") + 8
	if n > maxPresize {
		n = structural(src) + 8
	}
	// A document has a few plain paths for each of the format's keys it
	// writes (the samples' are a third to half of their key paths),
	// however many rows its tables have.
	np := min(n/2, maxPlains)
	return &Index{src: src, line: 1, paths: make(map[string]int32, n), ents: make([]entry, 0, n),
		occ: make([]occurrence, 0, n), plains: make([][]string, 0, np), plainIDs: make(map[string]int32, np),
		plainParts: make([]string, 0, 3*np), aot: map[string]int{}}
}

// structural returns how many "=", "[" and "." src has outside strings
// and comments, and "," inside arrays: a key, a table header, an array's
// first element, a table named on the way to a dotted key (or a float's
// point), and an array's other elements (inline tables' commas part keys
// that "=" counts).
func structural(src string) int {
	x := &Index{src: src, line: 1}
	k := 0
	var open []byte // the brackets and braces open
	for x.i < len(x.src) {
		n := strings.IndexAny(x.src[x.i:], "#\"'=[],{}.")
		if n < 0 {
			break
		}
		x.i += n
		switch c := x.src[x.i]; c {
		case '#':
			x.skipLine()
			continue
		case '"', '\'':
			x.skipString()
			continue
		case '[', '{':
			open = append(open, c)
			if c == '[' {
				k++
			}
		case ']', '}':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case ',':
			if len(open) > 0 && open[len(open)-1] == '[' {
				k++
			}
		case '=', '.':
			k++
		}
		x.i++
	}
	return k
}

// entry returns the entry of path, added when the index has none.
func (x *Index) entry(path string) *entry {
	return &x.ents[x.entryIndex(path)]
}

// entryIndex returns the index in ents of the entry of path, added when
// the index has none.
func (x *Index) entryIndex(path string) int32 {
	if k, ok := x.paths[path]; ok {
		return k
	}
	k := int32(len(x.ents))
	x.paths[path] = k
	x.ents = append(x.ents, entry{path: path, first: -1})
	return k
}

// lookup returns a copy of the entry of path and the position of its
// first occurrence (when e.first >= 0); ok is false when the document
// does not have the path. A path inside a folded element is found by
// scanning that element again (the last one scanned is kept).
func (x *Index) lookup(path string) (e entry, first loc32, ok bool) {
	if k, found := x.paths[path]; found {
		e = x.ents[k]
		if e.first >= 0 {
			first = x.occ[e.first].loc
		}
		return e, first, true
	}
	if i, n, ok := x.foldOf(path); ok {
		f := &x.folds[i]
		x.foldMu.Lock()
		if x.sub == nil || x.subFold != i || x.subN != n {
			if x.sub == nil {
				x.sub = &Index{}
			}
			x.unfold(x.sub, f, n-int(f.first))
			x.subFold, x.subN = i, n
		}
		e, first, ok = x.sub.lookup(path)
		x.foldMu.Unlock()
		return e, first, ok
	}
	return entry{}, loc32{}, false
}

// foldOf returns the fold (its number in folds) and the element number n
// of the folded element that path is or is inside; ok is false when it
// is in none.
func (x *Index) foldOf(path string) (fold, n int, ok bool) {
	for i := range x.folds {
		f := &x.folds[i]
		rest, found := strings.CutPrefix(path, f.path)
		if !found || len(rest) < 3 || rest[0] != '[' {
			continue
		}
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			continue
		}
		n, err := strconv.Atoi(rest[1:end])
		if err != nil || n < int(f.first) || n-int(f.first) >= len(f.elems) {
			continue
		}
		return i, n, true
	}
	return 0, 0, false
}

// folded reports whether path is or is inside a folded element.
func (x *Index) folded(path string) bool {
	_, _, ok := x.foldOf(path)
	return ok
}

// unfold scans the k-th folded element of f again into sub, an index of
// that element alone (sub's room is reused).
func (x *Index) unfold(sub *Index, f *fold, k int) {
	at := f.elems[k]
	clear(sub.paths)
	if sub.paths == nil {
		sub.paths, sub.plainIDs = map[string]int32{}, map[string]int32{}
	}
	// The plain paths are kept: the elements of an array mostly share
	// theirs.
	*sub = Index{src: x.src, i: int(at.off), line: int(at.line), lineStart: int(at.lineStart),
		colLine: int(at.lineStart), colOff: int(at.colOff), colRunes: int(at.colRunes), stmt: f.stmt.pos(),
		paths: sub.paths, ents: sub.ents[:0], occ: sub.occ[:0], plains: sub.plains, plainIDs: sub.plainIDs,
		plainParts: sub.plainParts, plainKey: sub.plainKey, keys: sub.keys, scratch: sub.scratch, nest: 1}
	el := f.path + "[" + strconv.Itoa(int(f.first)+k) + "]"
	sub.value(el, sub.entryIndex(el), x.plains[f.plain], sub.pos(sub.i), true)
}

// spanOf returns the byte offsets of the value of path.
func (x *Index) spanOf(path string) ([2]int, bool) {
	if e, _, ok := x.lookup(path); ok && e.hasSpan {
		return [2]int{int(e.span[0]), int(e.span[1])}, true
	}
	return [2]int{}, false
}

// MaxNesting is how many arrays and inline tables a document accepted by
// load and theme may open inside one another. The TOML decoder and [Scan]
// both take time and memory growing with the square of the depth (20,000
// levels take gigabytes), while a briefing needs three.
const MaxNesting = 64

// Nesting returns the position of the first "[" or "{" of src, outside
// strings and comments, that is more than limit brackets and braces deep
// (a table header's count too); ok is false when there is none. It is meant to
// run before the TOML decoder, on any input, in time linear in len(src).
func Nesting(src string, limit int) (at Pos, ok bool) {
	at, _, ok = nesting(src, limit)
	return at, ok
}

// NestingKey is [Nesting] that also gives the indexed path of the array
// element or inline table opened too deep ("a[1][1][1]…", "t.x.x…"), as
// far as the keys written before it tell, "" when none do.
func NestingKey(src string, limit int) (at Pos, key string, ok bool) {
	at, off, ok := nesting(src, limit)
	if !ok {
		return at, "", false
	}
	// The document up to the bracket, with the bracket: the scan records
	// the element or inline table it opens, and is short, since at most
	// limit levels are open.
	x := scan(src[:off+1], false)
	if n := len(x.occ); n > 0 {
		key = x.occurrence(x.occ[n-1]).Path
	}
	return at, key, true
}

// nestingStops are the bytes [nesting] stops at.
var nestingStops = func() (t [256]bool) {
	for _, c := range []byte("\n#\"'[]{}") {
		t[c] = true
	}
	return t
}()

// nesting is [Nesting], also returning the bracket's byte offset.
func nesting(src string, limit int) (at Pos, off int, ok bool) {
	x := &Index{src: src, line: 1}
	depth := 0
	for x.i < len(x.src) {
		// Straight to the next character that matters.
		for x.i < len(x.src) && !nestingStops[x.src[x.i]] {
			x.i++
		}
		if x.i >= len(x.src) {
			break
		}
		switch x.src[x.i] {
		case '\n':
			x.newline()
			continue
		case '#':
			x.skipLine()
			continue
		case '"', '\'':
			x.skipString()
			continue
		case '[', '{':
			if depth++; depth > limit {
				return x.pos(x.i), x.i, true
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
		x.i++
	}
	return Pos{}, 0, false
}

// Loc returns the position of an indexed key path: a key ("title.ja"), an
// array element ("procurement.items[3].country[2]") or a table or
// array-of-tables entry ("analysis", "risks[2]"; an array of tables as a
// whole, "risks", is its first entry). Where the path is written more than
// once, the first is returned. ok is false when the document does not have
// the path.
func (x *Index) Loc(path string) (Loc, bool) {
	if e, first, ok := x.lookup(path); ok && e.first >= 0 {
		return first.loc(), true
	}
	return Loc{}, false
}

// Lookup is [Index.Loc] that also returns the index's own copy of path,
// for a caller that keeps the path (the key of every value of a file):
// the same string then is not held twice. It returns path itself when
// the document does not have it.
func (x *Index) Lookup(path string) (kept string, loc Loc, ok bool) {
	if e, first, found := x.lookup(path); found {
		if e.first >= 0 {
			return e.path, first.loc(), true
		}
		return e.path, Loc{}, false
	}
	return path, Loc{}, false
}

// LookupKey is [Index.Lookup] of the key name in the table at the
// indexed path table ("" at the top level): of Join(table, name), the path
// built only when the document does not have it.
func (x *Index) LookupKey(table, name string) (kept string, loc Loc, ok bool) {
	if name == "" || !isBareString(name) {
		return x.Lookup(Join(table, name))
	}
	var buf [128]byte
	b := buf[:0]
	if table != "" {
		b = append(append(b, table...), '.')
	}
	b = append(b, name...)
	if k, found := x.paths[string(b)]; found {
		if e := &x.ents[k]; e.first >= 0 {
			return e.path, x.occ[e.first].loc.loc(), true
		}
		return x.ents[k].path, Loc{}, false
	}
	return x.Lookup(string(b))
}

// Occurrences yields every key as written, numbered from 0, in document
// order: a table named by several headers or dotted keys ([a.b] and [a.c]
// both name a) appears each time. The Plain paths it yields are shared
// and must not be modified. Folded elements (see [Scan]) are scanned
// again for each pass; [Index.Held] leaves them out.
func (x *Index) Occurrences() iter.Seq2[int, Occurrence] {
	return func(yield func(int, Occurrence) bool) {
		n := 0
		folds := x.folds
		var sub *Index
		for i := 0; i <= len(x.occ); i++ {
			// The folded elements that come before occ[i], scanned again.
			for len(folds) > 0 && int(folds[0].occAt) == i {
				if sub == nil {
					sub = &Index{}
				}
				f := &folds[0]
				for k := range f.elems {
					x.unfold(sub, f, k)
					for _, o := range sub.occ {
						if !yield(n, sub.occurrence(o)) {
							return
						}
						n++
					}
				}
				folds = folds[1:]
			}
			if i == len(x.occ) {
				return
			}
			if !yield(n, x.occurrence(x.occ[i])) {
				return
			}
			n++
		}
	}
}

// Held yields the occurrences of [Index.Occurrences] but those inside
// the elements the index folds (the elements of a large array past its
// first MiB, found again by scanning them when asked for), numbered from
// 0 in document order: for a caller that skips array elements anyway,
// without scanning them again.
func (x *Index) Held() iter.Seq2[int, Occurrence] {
	return func(yield func(int, Occurrence) bool) {
		for i, o := range x.occ {
			if !yield(i, x.occurrence(o)) {
				return
			}
		}
	}
}

// Keys yields the plain path of every key as the TOML decoder lists the
// keys of a document (neither an array's elements nor the tables named
// only on the way to a longer key: see [Occurrence]), once each, in the
// order first written: the keys of a table of many rows once, not once a
// row. The paths are shared and must not be modified. Folded elements
// (see [Scan]) are scanned again for it.
func (x *Index) Keys() iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		seen := make([]bool, len(x.plains))
		var seenFolded map[string]bool // the plains of folded elements the index does not hold
		folds := x.folds
		var sub *Index
		for i := 0; i <= len(x.occ); i++ {
			for len(folds) > 0 && int(folds[0].occAt) == i {
				if sub == nil {
					sub, seenFolded = &Index{}, map[string]bool{}
				}
				f := &folds[0]
				for k := range f.elems {
					x.unfold(sub, f, k)
					for _, o := range sub.occ {
						if o.element || o.parent {
							continue
						}
						plain := sub.plains[o.plain]
						key := string(plainKeyOf(sub.plainKey[:0], plain))
						if id, ok := x.plainIDs[key]; ok {
							if seen[id] {
								continue
							}
							seen[id] = true
						} else if seenFolded[key] {
							continue
						} else {
							seenFolded[key] = true
						}
						if !yield(plain) {
							return
						}
					}
				}
				folds = folds[1:]
			}
			if i == len(x.occ) {
				return
			}
			o := x.occ[i]
			if o.element || o.parent || seen[o.plain] {
				continue
			}
			seen[o.plain] = true
			if !yield(x.plains[o.plain]) {
				return
			}
		}
	}
}

// at returns the position of byte offset off anywhere in the source.
func (x *Index) at(off int) Pos {
	return At(x.src, off)
}

// At returns the position of byte offset off of src, the column counted in
// characters (the TOML decoder's ParseError counts it in bytes). An offset
// outside src is taken as its nearest end, one inside a character as the
// end of that character.
func At(src string, off int) Pos {
	off = min(max(off, 0), len(src))
	for off < len(src) && !utf8.RuneStart(src[off]) {
		off++ // inside a character (the decoder's offset of an end of file)
	}
	ls := strings.LastIndexByte(src[:off], '\n') + 1
	return Pos{Line: strings.Count(src[:ls], "\n") + 1, Col: utf8.RuneCountInString(src[ls:off]) + 1}
}

// Find returns the position of the first s as written within the value of
// the indexed path, e.g. of a citation on the fifth line of a multi-line
// string. ok is false when the value does not contain s as written
// (escaped, say).
func (x *Index) Find(path, s string) (pos Pos, ok bool) {
	sp, ok := x.spanOf(path)
	if !ok || s == "" || sp[1] > len(x.src) || sp[0] > sp[1] {
		return Pos{}, false
	}
	i := strings.Index(x.src[sp[0]:sp[1]], s)
	if i < 0 {
		return Pos{}, false
	}
	return x.at(sp[0] + i), true
}

// Raw returns the value of the indexed path as written in the document:
// "2021-05-06T09:00:00Z", "\"text\"". ok is false when the document does
// not have the path.
func (x *Index) Raw(path string) (string, bool) {
	sp, ok := x.spanOf(path)
	if !ok || sp[1] > len(x.src) || sp[0] > sp[1] {
		return "", false
	}
	return x.src[sp[0]:sp[1]], true
}

// Span returns the byte offsets of the value of the indexed path as
// written in the document, from its first byte to just past its last:
// for an array, its "[" and one past its "]". ok is false when the
// document does not have the path.
func (x *Index) Span(path string) (start, end int, ok bool) {
	sp, ok := x.spanOf(path)
	if !ok || sp[1] > len(x.src) || sp[0] > sp[1] {
		return 0, 0, false
	}
	return sp[0], sp[1], true
}

// Starts returns the byte offsets where the elements of the array at the
// indexed path start, in order; none when the path is no array value.
// Folded elements are not scanned again for it.
func (x *Index) Starts(path string) []int {
	var starts []int
	inFold := x.folded(path) // an array inside a folded element
	for n := 1; ; n++ {
		el := path + "[" + strconv.Itoa(n) + "]"
		var e entry
		if k, ok := x.paths[el]; ok {
			e = x.ents[k]
		} else if f, m, ok := x.foldOf(el); ok && m == n && x.folds[f].path == path {
			starts = append(starts, int(x.folds[f].elems[n-int(x.folds[f].first)].off))
			continue
		} else if inFold {
			e, _, _ = x.lookup(el)
		}
		if !e.hasSpan {
			return starts
		}
		starts = append(starts, int(e.span[0]))
	}
}

// pos returns the position of byte offset off on the current line, the
// column counted in characters from 1. It counts on from the offset it
// was last asked for on the line, so that the elements of a long
// one-line array take time linear in the line's length.
func (x *Index) pos(off int) Pos {
	if off > len(x.src) {
		off = len(x.src)
	}
	if x.colLine != x.lineStart || off < x.colOff {
		x.colLine, x.colOff, x.colRunes = x.lineStart, x.lineStart, 0
	}
	x.colRunes += utf8.RuneCountInString(x.src[x.colOff:off])
	x.colOff = off
	return Pos{Line: x.line, Col: x.colRunes + 1}
}

func (x *Index) record(k int32, plain []string, loc Loc) {
	x.recordAs(k, plain, loc, false)
}

func (x *Index) recordParent(k int32, plain []string, loc Loc) {
	x.recordAs(k, plain, loc, false)
	x.occ[len(x.occ)-1].parent = true
}

// Tables reports whether the indexed path is an array of tables: [[path]].
func (x *Index) Tables(path string) bool {
	if x.folded(path) {
		return false // inside an array's element: written inline
	}
	e, _, ok := x.lookup(path)
	return ok && e.def.kind == tables
}

// Implicit reports whether the indexed path is a table named only on the
// way to a longer key or header ("a" of a.b = 1 and of [a.b]), never
// defined itself.
func (x *Index) Implicit(path string) bool {
	e, _, ok := x.lookup(path)
	return ok && (e.def.kind == super || e.def.kind == dotted)
}

// recordAs records an occurrence of the path whose entry is k.
func (x *Index) recordAs(k int32, plain []string, loc Loc, element bool) {
	loc.Stmt = x.stmt
	if e := &x.ents[k]; e.first < 0 {
		e.first = int32(len(x.occ))
	}
	x.occ = append(x.occ, occurrence{ent: k, plain: x.plain(plain),
		loc: loc32{short(loc.Key), short(loc.Value), short(loc.Stmt)}, element: element})
}

// plain returns the number in x.plains of the plain path, added (a copy)
// when it is new.
// An array and its elements, and a table's keys named on the way to
// longer ones, are recorded one after another with the same plain path:
// the last one is tried first.
func (x *Index) plain(parts []string) int32 {
	if k := x.lastPlain - 1; k >= 0 && int(k) < len(x.plains) && slices.Equal(x.plains[k], parts) {
		return k
	}
	b := plainKeyOf(x.plainKey[:0], parts)
	x.plainKey = b
	if k, ok := x.plainIDs[string(b)]; ok {
		x.lastPlain = k + 1
		return k
	}
	k := int32(len(x.plains))
	n := len(x.plainParts)
	x.plainParts = append(x.plainParts, parts...)
	x.plains = append(x.plains, x.plainParts[n:len(x.plainParts):len(x.plainParts)])
	x.plainIDs[string(b)] = k
	x.lastPlain = k + 1
	return k
}

// plainKeyOf appends to b the key of plainIDs of a plain path: each part
// after its length as a varint (encoding/binary), then the part.
func plainKeyOf(b []byte, parts []string) []byte {
	for _, p := range parts {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
	}
	return b
}

func (x *Index) peek(k int) byte {
	if x.i+k < len(x.src) {
		return x.src[x.i+k]
	}
	return 0
}

// newline advances over a line feed at x.i.
func (x *Index) newline() {
	x.i++
	x.line++
	x.lineStart = x.i
}

// skipSpace skips blanks, and with lines also newlines and comments.
func (x *Index) skipSpace(lines bool) {
	for x.i < len(x.src) {
		switch c := x.src[x.i]; {
		case c == ' ' || c == '\t' || c == '\r':
			x.i++
		case c == '\n' && lines:
			x.newline()
		case c == '#' && lines:
			x.skipLine()
		default:
			return
		}
	}
}

// skipLine skips to the start of the next line.
func (x *Index) skipLine() {
	if x.i >= len(x.src) {
		return
	}
	n := strings.IndexByte(x.src[x.i:], '\n')
	if n < 0 {
		x.i = len(x.src)
		return
	}
	x.i += n
	x.newline()
}

func (x *Index) scan() {
	var table string   // indexed path of the current table, "" at the top
	var plain []string // its plain path
	for x.i < len(x.src) {
		x.skipSpace(true)
		if x.i >= len(x.src) {
			return
		}
		start := x.i
		x.stmt = x.pos(start)
		if x.src[x.i] == '[' {
			array := x.peek(1) == '['
			x.i++
			if array {
				x.i++
			}
			at := x.pos(start)
			x.skipSpace(false)
			keys := x.key()
			table, plain = x.header(keys, array, Loc{Key: at, Value: at})
			x.skipLine()
			continue
		}
		x.keyValue(table, plain)
		x.skipLine()
	}
}

// header resolves a table header's keys to an indexed path, counting
// entries of arrays of tables.
func (x *Index) header(keys []keyPart, array bool, loc Loc) (string, []string) {
	path := ""
	var plain []string
	for n, k := range keys {
		path = Join(path, k.name)
		plain = append(plain, k.name)
		last := n == len(keys)-1
		switch {
		case last && array:
			e := x.entryIndex(path)
			x.defineTables(e, path, k.pos)
			if x.ents[e].first < 0 {
				x.ents[e].first = int32(len(x.occ)) // the array as a whole: its first entry, recorded next
			}
			x.aot[path]++
			path += "[" + strconv.Itoa(x.aot[path]) + "]"
			e = x.entryIndex(path)
			x.ents[e].def = def{header, int32(k.pos.Line)}
			x.record(e, plain, loc)
		case x.aot[path] > 0:
			if last {
				x.defineTable(x.entryIndex(path), path, k.pos) // [a] after [[a]]
			}
			path += "[" + strconv.Itoa(x.aot[path]) + "]"
		case last:
			e := x.entryIndex(path)
			x.defineTable(e, path, k.pos)
			x.record(e, plain, loc)
		default:
			e := x.entryIndex(path)
			x.through(e, path, k.pos, false)
			x.recordParent(e, plain, Loc{Key: k.pos, Value: k.pos})
		}
	}
	return path, plain
}

// keyValue scans "key = value" inside table.
func (x *Index) keyValue(table string, plain []string) {
	keys := x.key()
	if len(keys) == 0 {
		x.i++
		return
	}
	path := table
	// The plain path is built on the scratch stack, since record copies
	// it: taken off again when the value (an inline table's keys on top
	// of it) is done.
	base := len(x.scratch)
	x.scratch = append(x.scratch, plain...)
	for n, k := range keys {
		path = Join(path, k.name)
		x.scratch = append(x.scratch, k.name)
		if n < len(keys)-1 {
			e := x.entryIndex(path)
			x.through(e, path, k.pos, true)
			x.recordParent(e, x.scratch[base:], Loc{Key: k.pos, Value: k.pos})
		}
	}
	pl := x.scratch[base:len(x.scratch):len(x.scratch)]
	last := keys[len(keys)-1].pos
	x.skipSpace(false)
	if x.peek(0) == '=' {
		x.i++
	}
	x.skipSpace(false)
	e := x.entryIndex(path)
	x.defineKey(e, path, last, x.peek(0) == '{')
	x.value(path, e, pl, last, false)
	x.scratch = x.scratch[:base]
}

type keyPart struct {
	name string
	pos  Pos
}

// key reads a dotted key, stopping before "=" or "]". The parts are
// valid until the next call.
func (x *Index) key() []keyPart {
	x.inValue = ""
	keys := x.keys[:0]
	defer func() { x.keys = keys[:0] }()
	for x.i < len(x.src) {
		x.skipSpace(false)
		at := x.pos(x.i)
		var name string
		switch c := x.peek(0); {
		case c == '"':
			name = x.basicString()
		case c == '\'':
			name = x.literalString()
		case isBare(c):
			s := x.i
			for x.i < len(x.src) && isBare(x.src[x.i]) {
				x.i++
			}
			name = x.src[s:x.i]
		default:
			return keys
		}
		keys = append(keys, keyPart{name: name, pos: at})
		x.skipSpace(false)
		if x.peek(0) != '.' {
			return keys
		}
		x.i++
	}
	return keys
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value skips one value at x.i, the value of path, its entry k,
// recording the keys and elements inside inline tables and arrays.
func (x *Index) value(path string, k int32, plain []string, keyPos Pos, element bool) {
	x.recordAs(k, plain, Loc{Key: keyPos, Value: x.pos(x.i)}, element)
	x.inValue = path
	start := x.i
	x.nest++
	defer func() {
		x.nest--
		if e := &x.ents[k]; !e.hasSpan {
			e.span, e.hasSpan = [2]int32{int32(start), int32(x.i)}, true
		}
	}()
	switch x.peek(0) {
	case '"', '\'':
		x.skipString()
	case '[':
		x.i++
		fi := -1 // its fold in folds, once it has one
		for n := 1; x.i < len(x.src); n++ {
			x.skipSpace(true)
			if x.peek(0) == ']' {
				x.i++
				return
			}
			el := path + "[" + strconv.Itoa(n) + "]"
			at := x.pos(x.i)
			before := x.i
			if x.folding && x.nest == 1 && x.i-start >= foldBytes {
				fi = x.foldElement(fi, path, el, plain, at, n)
			} else {
				x.value(el, x.entryIndex(el), plain, at, true)
			}
			x.skipSpace(true)
			if x.peek(0) == ',' {
				x.i++
			} else if x.peek(0) != ']' && x.i == before {
				x.i++ // never stall on input the scanner does not know
			}
		}
	case '{':
		x.i++
		var comma Pos // of the last comma, until a key follows it
		for x.i < len(x.src) {
			// TOML 1.0 writes an inline table on one line.
			x.skipSpace(false)
			if c := x.peek(0); c == '\n' || c == '#' {
				x.problem(x.pos(x.i), path, "an inline table is written on one line in TOML 1.0; use a [%s] table to spread it over several lines", path)
				x.skipSpace(true)
			}
			switch x.peek(0) {
			case '}':
				if comma.Line > 0 {
					x.problem(comma, path, "an inline table does not end with a comma in TOML 1.0")
				}
				x.i++
				return
			case ',':
				comma = x.pos(x.i)
				x.i++
				continue
			}
			comma = Pos{}
			before := x.i
			x.keyValue(path, plain)
			if x.i == before {
				x.i++
			}
		}
	default:
		for x.i < len(x.src) {
			switch x.src[x.i] {
			case ',', ']', '}', '#', '\n', '\r':
				x.checkScalar(start, x.i)
				return
			}
			x.i++
		}
		x.checkScalar(start, x.i)
	}
}

// foldElement scans the element numbered n of the array at path, at
// x.i, el its path, and folds it: the entries and occurrences it added
// are taken out again, where it starts noted in the array's fold, the
// fold numbered fi in folds (-1: the array has none yet, one is added).
// It returns the number of the fold.
func (x *Index) foldElement(fi int, path, el string, plain []string, at Pos, n int) int {
	if fi < 0 {
		fi = len(x.folds)
		x.folds = append(x.folds, fold{path: path, plain: x.plain(plain), stmt: short(x.stmt),
			occAt: int32(len(x.occ)), first: int32(n)})
	}
	f := &x.folds[fi]
	f.elems = append(f.elems, elemAt{int32(x.i), int32(x.line), int32(x.lineStart), int32(x.colOff), int32(x.colRunes)})
	// Its paths, all new and below el, go to a map of their own, emptied
	// after: deleted from paths, they would leave it full of tombstones.
	e0, o0 := len(x.ents), len(x.occ)
	if x.foldPaths == nil {
		x.foldPaths = map[string]int32{}
	}
	paths := x.paths
	x.paths = x.foldPaths
	x.value(el, x.entryIndex(el), plain, at, true)
	clear(x.foldPaths)
	x.paths = paths
	clear(x.ents[e0:])
	x.ents, x.occ = x.ents[:e0], x.occ[:o0]
	return fi
}

// basicString reads a one-line "..." string and returns its value.
func (x *Index) basicString() string {
	x.i++
	// Up to its first escape a string is the source's own bytes: most
	// strings have none and are returned without a copy.
	s := x.i
	x.i = stop(x.src, x.i, '"', '\\')
	switch x.peek(0) {
	case '"':
		x.i++
		return x.src[s : x.i-1]
	case '\\':
	default: // a newline or the end of the document
		return x.src[s:x.i]
	}
	var b strings.Builder
	b.WriteString(x.src[s:x.i])
	for x.i < len(x.src) {
		c := x.src[x.i]
		switch c {
		case '"':
			x.i++
			return b.String()
		case '\n':
			return b.String()
		case '\\':
			x.i++
			b.WriteString(x.escape())
			continue
		}
		b.WriteByte(c)
		x.i++
	}
	return b.String()
}

// escape decodes the escape sequence after a backslash.
func (x *Index) escape() string {
	if x.i >= len(x.src) {
		return "" // a backslash at the end of the document
	}
	x.checkEscape()
	c := x.peek(0)
	x.i++
	switch c {
	case 'b':
		return "\b"
	case 't':
		return "\t"
	case 'n':
		return "\n"
	case 'f':
		return "\f"
	case 'r':
		return "\r"
	case 'e':
		return "\x1b"
	case 'x', 'u', 'U':
		n := 4 // \uXXXX
		switch c {
		case 'x':
			n = 2
		case 'U':
			n = 8
		}
		if x.i+n > len(x.src) {
			return ""
		}
		v, err := strconv.ParseUint(x.src[x.i:x.i+n], 16, 32)
		x.i += n
		if err != nil {
			return ""
		}
		return string(rune(v))
	}
	return string(c)
}

// literalString reads a one-line '...' string.
func (x *Index) literalString() string {
	x.i++
	s := x.i
	x.i = stop(x.src, x.i, '\'', '\n')
	v := x.src[s:x.i]
	if x.peek(0) == '\'' {
		x.i++
	}
	return v
}

// skipString skips the string that starts at x.i: basic, literal or
// multi-line (counting its lines).
func (x *Index) skipString() {
	c := x.src[x.i]
	switch {
	case x.i+2 < len(x.src) && x.src[x.i+1] == c && x.src[x.i+2] == c:
		x.multiline(x.src[x.i : x.i+3])
	case c == '"':
		x.skipBasic()
	default:
		x.literalString()
	}
}

// skipBasic skips a one-line "..." string as [Index.basicString] reads
// it, its escapes checked but not decoded.
func (x *Index) skipBasic() {
	x.i++
	for x.i < len(x.src) {
		x.i = stop(x.src, x.i, '"', '\\')
		switch x.peek(0) {
		case '"':
			x.i++
			return
		case '\\':
			// As escape reads it: the character after the backslash,
			// and the hexadecimal digits of \x, \u and \U when the
			// document has that many bytes left.
			x.i++
			if x.i >= len(x.src) {
				return
			}
			x.checkEscape()
			c := x.src[x.i]
			x.i++
			n := 0
			switch c {
			case 'x':
				n = 2
			case 'u':
				n = 4
			case 'U':
				n = 8
			}
			if x.i+n <= len(x.src) {
				x.i += n
			}
			continue
		}
		return // a newline or the end of the document
	}
}

// stop returns the offset of the first byte of src from i on that is
// '\n', a or b, or len(src): the end of a one-line string's run of plain
// bytes, found by the byte searches of package strings (a text of the
// model briefing is hundreds of bytes without any of them).
func stop(src string, i int, a, b byte) int {
	rest := src[i:]
	end := strings.IndexByte(rest, a)
	if end < 0 {
		end = len(rest)
	}
	if k := strings.IndexByte(rest[:end], '\n'); k >= 0 {
		end = k
	}
	if b != '\n' {
		if k := strings.IndexByte(rest[:end], b); k >= 0 {
			end = k
		}
	}
	return i + end
}

// lines advances to byte offset end, counting the lines it passes.
func (x *Index) lines(end int) {
	seg := x.src[x.i:end]
	if n := strings.Count(seg, "\n"); n > 0 {
		x.line += n
		x.lineStart = x.i + strings.LastIndexByte(seg, '\n') + 1
	}
	x.i = end
}

// multiline skips a multi-line string opened by delim, counting lines.
func (x *Index) multiline(delim string) {
	x.i += 3
	for x.i < len(x.src) {
		// Straight to the next escape or quote, the lines before it
		// counted.
		end := strings.IndexByte(x.src[x.i:], delim[0])
		if end < 0 {
			end = len(x.src) - x.i
		}
		if delim[0] == '"' {
			if k := strings.IndexByte(x.src[x.i:x.i+end], '\\'); k >= 0 {
				end = k
			}
		}
		x.lines(x.i + end)
		if x.i >= len(x.src) {
			return
		}
		switch {
		case delim == `"""` && x.src[x.i] == '\\':
			x.i++
			x.checkEscape()
			x.i = min(x.i+1, len(x.src))
			if x.i-1 < len(x.src) && x.src[x.i-1] == '\n' {
				x.line++
				x.lineStart = x.i
			}
		case strings.HasPrefix(x.src[x.i:], delim):
			x.i += 3
			// Up to two more quotes belong to the string's content.
			for k := 0; k < 2 && x.i < len(x.src) && x.src[x.i] == delim[0]; k++ {
				x.i++
			}
			return
		default:
			x.i++
		}
	}
}
