package render

import (
	"bytes"
	"errors"
	"hash/maphash"
	"math"
)

// strs holds strings one after another in a buffer without pointers.
// What a Document keeps of every page until Close (its links' addresses
// and destinations, its bookmarks' titles, its anchors' names, its
// structure elements' attributes and link texts) is kept in one, not as
// strings: the garbage collector scans the live heap at each collection,
// and a digest of 2,000 briefings would otherwise hand it a few hundred
// thousand more pointers with every briefing drawn.
type strs struct{ b []byte }

// str is a string of a strs: where it starts and its length, in bytes.
type str struct{ off, n uint32 }

// errStrs is returned past 4 GiB of strings.
var errStrs = errors.New("too many names and addresses")

// add appends v and returns where it is.
func (s *strs) add(v string) str {
	if uint64(len(s.b))+uint64(len(v)) > math.MaxUint32 {
		panic(errStrs)
	}
	if s.b == nil {
		s.b = make([]byte, 0, max(4<<10, len(v))) // a briefing's, mostly
	}
	r := str{uint32(len(s.b)), uint32(len(v))}
	s.b = append(s.b, v...)
	return r
}

// bytes returns the bytes of r, which must not be changed.
func (s *strs) bytes(r str) []byte { return s.b[r.off : r.off+r.n : r.off+r.n] }

// get returns r as a string.
func (s *strs) get(r str) string { return string(s.bytes(r)) }

// anchorTable finds anchors by name without pointers: by the hash of the
// name, the names kept in a strs (a digest names tens of thousands).
type anchorTable struct {
	seed  maphash.Seed
	first map[uint64]int32 // hash of a name → its entry in list
	list  []anchorEntry
	names *strs
}

// anchorEntry is a named anchor, next the next entry whose name has the
// same hash (-1: none).
type anchorEntry struct {
	name str
	next int32
	a    anchor
}

// newAnchorTable makes an anchor table that keeps the names in names.
func newAnchorTable(names *strs) anchorTable {
	return anchorTable{seed: maphash.MakeSeed(), first: make(map[uint64]int32, 64), names: names}
}

// find returns the entry of the anchor named name, or -1, and the hash
// of name.
func (t *anchorTable) find(name string) (int, uint64) {
	h := maphash.String(t.seed, name)
	return t.chain(h, func(b []byte) bool { return string(b) == name }), h
}

// chain returns the entry of the chain of hash h whose name is, or -1.
func (t *anchorTable) chain(h uint64, is func(name []byte) bool) int {
	i, ok := t.first[h]
	if !ok {
		return -1
	}
	for ; i >= 0; i = t.list[i].next {
		if is(t.names.bytes(t.list[i].name)) {
			return int(i)
		}
	}
	return -1
}

// get returns the anchor named name and whether there is one.
func (t *anchorTable) get(name string) (anchor, bool) {
	if i, _ := t.find(name); i >= 0 {
		return t.list[i].a, true
	}
	return anchor{}, false
}

// getBytes is get of a name given as bytes (of a strs).
func (t *anchorTable) getBytes(name []byte) (anchor, bool) {
	if i := t.chain(maphash.Bytes(t.seed, name), func(b []byte) bool { return bytes.Equal(b, name) }); i >= 0 {
		return t.list[i].a, true
	}
	return anchor{}, false
}

// set makes a the anchor named name.
func (t *anchorTable) set(name string, a anchor) {
	i, h := t.find(name)
	if i >= 0 {
		t.list[i].a = a
		return
	}
	if len(t.list) >= math.MaxInt32 {
		panic(errStrs)
	}
	next, ok := t.first[h]
	if !ok {
		next = -1
	}
	if t.list == nil {
		t.list = make([]anchorEntry, 0, 64) // a briefing's, mostly
	}
	t.first[h] = int32(len(t.list))
	t.list = append(t.list, anchorEntry{name: t.names.add(name), next: next, a: a})
}

// len is the number of anchors.
func (t *anchorTable) len() int { return len(t.list) }
