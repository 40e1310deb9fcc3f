package layout

import "math"

// advBits is the log2 of the number of characters an advance cache
// holds (see advances): more than the distinct characters of most
// briefings.
const advBits = 11

// advances is a [Metrics] that remembers the advances m gave, a
// document's worth: a briefing measures the same few hundred characters
// thousands of times, and a look-up in a font's character map (through a
// face's fallback chain) costs far more than one in a small table. A
// character is kept in one of advWays slots from its hash on, while one
// is free (else in the first, in place of the one there), so that the
// table holds at most 1<<advBits characters; it is used by one layout at
// a time (see cached).
type advances struct {
	m   Metrics
	tab [1<<advBits + advWays - 1]advSlot
	// ascii holds the advances of U+0001–U+007F by face, each plus one
	// (0 for none yet): most of a briefing's Latin text, looked up
	// without a hash.
	ascii [8][0x80]int32
}

// advWays is the number of slots a character may be kept in.
const advWays = 8

// advSlot holds the advance w of the character and face of key (rune<<3
// | face; 0 for none). Only advances of characters the face has a glyph
// for are kept.
type advSlot struct {
	key uint32
	w   int32
}

// Advance returns m's advance of r in face.
func (c *advances) Advance(face Face, r rune) (int, bool) {
	if uint(face) >= 8 || r <= 0 || r > 0x10FFFF {
		return c.m.Advance(face, r)
	}
	if r < 0x80 {
		a := &c.ascii[face][r]
		if *a != 0 {
			return int(*a - 1), true
		}
		w, ok := c.m.Advance(face, r)
		if ok && w >= 0 && w < math.MaxInt32 {
			*a = int32(w + 1)
		}
		return w, ok
	}
	key := uint32(r)<<3 | uint32(face)
	h := (key * 0x9E3779B1) >> (32 - advBits)
	ways := c.tab[h : h+advWays : h+advWays]
	for i := range ways {
		if ways[i].key == key {
			return int(ways[i].w), true
		}
	}
	w, ok := c.m.Advance(face, r)
	if ok && int(int32(w)) == w {
		s := &ways[0]
		for i := range ways {
			if ways[i].key == 0 {
				s = &ways[i]
				break
			}
		}
		s.key, s.w = key, int32(w)
	}
	return w, ok
}

// cached returns m with its advances remembered (see advances), a
// [Variants] and an [Inks] where m is.
func cached(m Metrics) Metrics {
	c := &advances{m: m}
	v, isV := m.(Variants)
	in, isI := m.(Inks)
	switch {
	case isV && isI:
		return advancesVI{c, v, in}
	case isV:
		return advancesV{c, v}
	case isI:
		return advancesI{c, in}
	}
	return c
}

type advancesV struct {
	*advances
	v Variants
}

func (c advancesV) Variant(face Face, base, sel rune) (int, bool) {
	return c.v.Variant(face, base, sel)
}

type advancesI struct {
	*advances
	in Inks
}

func (c advancesI) Ink(face Face, r rune) (int, int, bool) { return c.in.Ink(face, r) }

type advancesVI struct {
	*advances
	v  Variants
	in Inks
}

func (c advancesVI) Variant(face Face, base, sel rune) (int, bool) {
	return c.v.Variant(face, base, sel)
}

func (c advancesVI) Ink(face Face, r rune) (int, int, bool) { return c.in.Ink(face, r) }
