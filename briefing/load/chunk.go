package load

import (
	"strings"

	gotoml "github.com/pelletier/go-toml/v2"

	"briefing/internal/tomlkey"
)

// go-toml parses each top-level statement into a syntax tree before it
// decodes it, some 1,100 bytes for each row of a procurement table
// written as one inline array (56 MB for 50,000 rows, kept with the
// decoder it pools until two collections later). A document with such a
// large array is decoded in parts instead: the document with each large
// array written empty, then each array some elements at a time, as
// documents of their own, the elements put back in place. Where a part is
// refused, the whole document is decoded as one (see parse): what it
// accepts and the errors it gives are the same.
var (
	// chunkMin is the fewest bytes an array value is decoded in parts
	// from: a table of about 750 rows.
	chunkMin = 64 << 10
	// chunkBytes is about how much of an array's text each part holds.
	chunkBytes = 32 << 10
)

// array is a large array value written as "key = [ … ]", not inside
// another array: its plain path, the byte offsets of its "[" and "]",
// and those of the start of each of its elements.
type array struct {
	plain      []string
	open, shut int
	elems      []int
}

// parseChunked decodes src, a document x indexes, as go-toml decodes it
// whole, holding the syntax tree of a few elements of its large arrays
// at a time. ok is false when src has no array large enough or when go-toml
// refuses a part; the document is then to be decoded whole.
func parseChunked(src string, x *tomlkey.Index) (top map[string]any, ok bool) {
	arrays := largeArrays(src, x)
	if len(arrays) == 0 {
		return nil, false
	}
	// The document with each array written [].
	size := len(src)
	for _, a := range arrays {
		size -= a.shut + 1 - a.open - 2
	}
	doc := make([]byte, 0, size)
	from := 0
	for _, a := range arrays {
		doc = append(doc, src[from:a.open]...)
		doc = append(doc, "[]"...)
		from = a.shut + 1
	}
	doc = append(doc, src[from:]...)
	if gotoml.Unmarshal(doc, &top) != nil {
		return nil, false
	}
	doc = nil
	var buf []byte
	for _, a := range arrays {
		slot, ok := emptyArray(top, a.plain)
		if !ok {
			return nil, false
		}
		vs := make([]any, 0, len(a.elems))
		for i := 0; i < len(a.elems); {
			// Elements i to j-1, from the "[" (or the start of element
			// i) up to the start of element j (or the "]"): what
			// follows an element, its comma and comments, goes with it.
			j := i + 1
			for j < len(a.elems) && a.elems[j]-a.elems[i] < chunkBytes {
				j++
			}
			start, end := a.elems[i], a.shut
			if i == 0 {
				start = a.open + 1
			}
			// A part that ends before another element ends with an
			// element of its own, 0, which only a comma before it lets
			// through: the comma between two elements must be there.
			last := "]"
			if j < len(a.elems) {
				end, last = a.elems[j], "0]"
			}
			buf = append(append(append(buf[:0], "v=["...), src[start:end]...), last...)
			var part map[string]any
			if gotoml.Unmarshal(buf, &part) != nil {
				return nil, false
			}
			els, _ := part["v"].([]any)
			if len(part) != 1 || len(els) != j-i+len(last)-1 {
				return nil, false
			}
			vs = append(vs, els[:j-i]...)
			i = j
		}
		slot.m[slot.key] = vs
	}
	return top, true
}

// largeArrays returns the arrays of src of at least chunkMin bytes that
// are written as the value of a key outside any array, in document order.
func largeArrays(src string, x *tomlkey.Index) []array {
	if len(src) < chunkMin {
		return nil
	}
	var arrays []array
	seen := map[string]bool{}
	for _, o := range x.Held() { // the elements' own keys have "[" in their paths
		if o.Element || o.Parent || strings.Contains(o.Path, "[") || seen[o.Path] {
			continue
		}
		open, end, ok := x.Span(o.Path)
		if !ok || end-open < chunkMin || src[open] != '[' || src[end-1] != ']' {
			continue
		}
		seen[o.Path] = true
		a := array{plain: o.Plain, open: open, shut: end - 1}
		a.elems = x.Starts(o.Path)
		prev := open
		for _, s := range a.elems {
			if s <= prev || s >= a.shut {
				return nil // not as the scanner should see it: decode whole
			}
			prev = s
		}
		if len(a.elems) > 0 {
			arrays = append(arrays, a)
		}
	}
	return arrays
}

// mapSlot is the place of a value in a decoded table.
type mapSlot struct {
	m   map[string]any
	key string
}

// emptyArray finds the empty array at the plain path of top, going
// through tables only.
func emptyArray(top map[string]any, plain []string) (mapSlot, bool) {
	m := top
	for i, k := range plain {
		v, ok := m[k]
		if !ok {
			return mapSlot{}, false
		}
		if i == len(plain)-1 {
			a, ok := v.([]any)
			return mapSlot{m, k}, ok && len(a) == 0
		}
		if m, ok = v.(map[string]any); !ok {
			return mapSlot{}, false
		}
	}
	return mapSlot{}, false
}
