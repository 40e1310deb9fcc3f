package compose

import (
	"slices"
	"unicode/utf8"

	"briefing/briefing/layout"
)

// drawable remembers, for the briefing being composed, which characters of
// the Basic Multilingual Plane each face draws: every character of every
// text is checked against the fonts (see composer.check), most of them
// many times, and a bit of a table is read faster than the fonts'
// character maps. A face's table (16 KB) is made when first asked.
type drawable struct {
	m     layout.Metrics
	faces [layout.MonoBold + 1]*bmpBits
}

// bmpBits holds, for each character up to U+FFFF, whether it was asked
// (known) and whether the face draws it (has).
type bmpBits struct {
	known, has [0x10000 / 64]uint64
}

// missing is layout.Missing(d.m, face, s): the characters of s that face
// cannot draw, in order of first appearance and without duplicates (a
// newline and an Ignorable character are never missing).
func (d *drawable) missing(face layout.Face, s string) []rune {
	var out []rune
	for _, r := range s {
		if r == '\n' || r == '\r' || layout.Ignorable(r) {
			continue
		}
		if d.draws(face, r) && r != utf8.RuneError || slices.Contains(out, r) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// draws reports whether face draws r (d.m.Advance's ok).
func (d *drawable) draws(face layout.Face, r rune) bool {
	if face < 0 || int(face) >= len(d.faces) || r < 0 || r > 0xFFFF {
		_, ok := d.m.Advance(face, r)
		return ok
	}
	b := d.faces[face]
	if b == nil {
		b = &bmpBits{}
		d.faces[face] = b
	}
	w, bit := r>>6, uint64(1)<<(r&63)
	if b.known[w]&bit == 0 {
		b.known[w] |= bit
		if _, ok := d.m.Advance(face, r); ok {
			b.has[w] |= bit
		}
	}
	return b.has[w]&bit != 0
}
