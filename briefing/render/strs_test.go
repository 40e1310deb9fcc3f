package render

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"reflect"
	"testing"
)

// pointers reports whether a value of type t holds a pointer the garbage
// collector follows (a string, slice, map, pointer, interface, func or
// channel, in t or in a field or element of it).
func pointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			if pointers(t.Field(i).Type) {
				return true
			}
		}
		return false
	case reflect.Array:
		return t.Len() > 0 && pointers(t.Elem())
	case reflect.String, reflect.Slice, reflect.Map, reflect.Pointer, reflect.UnsafePointer,
		reflect.Interface, reflect.Func, reflect.Chan:
		return true
	}
	return false
}

// TestRecordsHoldNoPointers: what a Document keeps of every page and
// every structure element until Close holds no pointer, so that the
// garbage collector does not scan it at each collection (a digest of
// 2,000 briefings keeps half a million elements). A string field added
// to one of these fails here: put it in a strs.
func TestRecordsHoldNoPointers(t *testing.T) {
	for _, v := range []any{node{}, kid{}, attrs{}, extra{}, piece{}, link{}, linkRec{}, bookmark{}, state{}, anchorEntry{}, str{}, anchor{}} {
		if ty := reflect.TypeOf(v); pointers(ty) {
			t.Errorf("%v holds a pointer", ty)
		}
	}
	// The check itself finds one.
	for _, v := range []any{pageRec{}, struct{ a [2]struct{ s string } }{}, layoutLinkLike{}} {
		if ty := reflect.TypeOf(v); !pointers(ty) {
			t.Errorf("%v: no pointer found", ty)
		}
	}
}

type layoutLinkLike struct {
	x   float64
	url string
}

// TestStrs: each string comes back as added, the empty one too.
func TestStrs(t *testing.T) {
	var s strs
	want := []string{"", "a", "inc-12-title", "", "日本語のリンク", "https://example.org/a?b=c"}
	var rs []str
	for _, w := range want {
		rs = append(rs, s.add(w))
	}
	for i, r := range rs {
		if got := s.get(r); got != want[i] {
			t.Errorf("string %d: %q, want %q", i, got, want[i])
		}
	}
}

// TestAnchorTable: names are found, a name set again takes the new
// anchor, a name never set is not found, and names whose hashes collide
// are told apart.
func TestAnchorTable(t *testing.T) {
	a := newAnchorTable(&strs{})
	const n = 5000
	for i := range n {
		a.set(fmt.Sprintf("inc-%d-title", i), anchor{page: i, y: float64(i) / 2})
	}
	a.set("inc-7-title", anchor{page: 70, y: 1})
	if a.len() != n {
		t.Errorf("%d anchors, want %d", a.len(), n)
	}
	for i := range n {
		got, ok := a.get(fmt.Sprintf("inc-%d-title", i))
		want := anchor{page: i, y: float64(i) / 2}
		if i == 7 {
			want = anchor{page: 70, y: 1}
		}
		if !ok || got != want {
			t.Fatalf("anchor %d: %+v %v, want %+v", i, got, ok, want)
		}
	}
	for _, name := range []string{"", "inc-5000-title", "inc-1-titl", "inc-1-title "} {
		if got, ok := a.get(name); ok {
			t.Errorf("%q found: %+v", name, got)
		}
	}

	// A collision: "b" is given the hash "a" has, as if the two names
	// hashed alike.
	c := newAnchorTable(&strs{})
	c.set("a", anchor{page: 1})
	ha, hb := maphash.String(c.seed, "a"), maphash.String(c.seed, "b")
	c.first[hb] = c.first[ha]
	c.set("b", anchor{page: 2})
	c.first[ha] = c.first[hb] // both hashes now start at "b", then "a"
	for name, page := range map[string]int{"a": 1, "b": 2} {
		if got, ok := c.get(name); !ok || got.page != page {
			t.Errorf("%q: %+v %v, want page %d", name, got, ok, page)
		}
	}
	if _, ok := c.get("c"); ok {
		t.Error(`"c" found`)
	}
}

// TestKeepChunks: pages' contents kept by a Document come back intact,
// none growing into the next, in a few chunks from 64 KB up to 1 MB (a
// page larger than a chunk gets its own).
func TestKeepChunks(t *testing.T) {
	var d Document
	var kept, want [][]byte
	chunks, last := 0, 0
	for i := range 400 {
		n := 3000 + 37*i
		if i == 200 {
			n = 3 << 20 // a page of a huge table
		}
		c := make([]byte, n)
		for j := range c {
			c[j] = byte(i + j)
		}
		kept = append(kept, d.keep(c))
		want = append(want, c)
		if cap(d.chunk) != last {
			chunks++
			last = cap(d.chunk)
		}
	}
	for i := range kept {
		if !bytes.Equal(kept[i], want[i]) || cap(kept[i]) != len(kept[i]) {
			t.Fatalf("page %d: %d bytes kept (room for %d), want its %d", i, len(kept[i]), cap(kept[i]), len(want[i]))
		}
	}
	// 400 pages, 4 MB and the huge one: 64, 128, 256, 512 KB, then
	// 1 MB chunks, and the huge page's own.
	if chunks > 14 {
		t.Errorf("%d chunks for 400 pages", chunks)
	}
}
