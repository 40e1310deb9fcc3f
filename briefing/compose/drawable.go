package compose

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"weak"

	"briefing/briefing/layout"
	"briefing/briefing/theme"
)

// drawable remembers which characters of the Basic Multilingual Plane each
// face draws: every character of every text is checked against the fonts
// (see composer.check), most of them many times, and a bit of a table is
// read faster than the fonts' character maps. The tables of a loaded
// template (a *theme.Theme, whose fonts do not change) are shared by every
// briefing composed with it, also at once from several goroutines, so that
// a batch asks the fonts about each character once; for other Metrics they
// are the briefing's own. A face's table (16 KB) is made when first asked.
type drawable struct {
	m     layout.Metrics
	faces *faceBits
}

// faceBits holds the table of each face, nil until asked.
type faceBits [layout.MonoBold + 1]atomic.Pointer[bmpBits]

// bmpBits holds, for each character up to U+FFFF, whether it was asked
// (known) and whether the face draws it (has). A bit of has is set
// before its bit of known, so that a reader who finds a character known
// reads its answer.
type bmpBits struct {
	known, has [0x10000 / 64]atomic.Uint64
}

// sharedFaces holds the tables of each template in use, by a weak pointer
// to it: an entry goes when its template is collected.
var sharedFaces sync.Map // weak.Pointer[theme.Theme] → *faceBits

// facesOf returns the tables of m: shared when m is a loaded template.
func facesOf(m layout.Metrics) *faceBits {
	th, ok := m.(*theme.Theme)
	if !ok || th == nil {
		return &faceBits{}
	}
	k := weak.Make(th)
	if v, ok := sharedFaces.Load(k); ok {
		return v.(*faceBits)
	}
	v, loaded := sharedFaces.LoadOrStore(k, &faceBits{})
	if !loaded {
		runtime.AddCleanup(th, func(k weak.Pointer[theme.Theme]) { sharedFaces.Delete(k) }, k)
	}
	return v.(*faceBits)
}

// missing is layout.Missing(d.m, face, s): the characters of s that face
// cannot draw, in order of first appearance and without duplicates (a
// newline and an Ignorable character are never missing).
func (d *drawable) missing(face layout.Face, s string) []rune {
	var out []rune
	var t *bmpBits // face's table, when it has one
	if face >= 0 && int(face) < len(d.faces) {
		t = d.table(face)
	}
	for i := 0; i < len(s); {
		// Decoded here as range would, the three bytes of kana, kanji
		// and full-width forms (always valid after E1–EC, EE, EF)
		// without a call.
		var r rune
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			r = rune(c)
			i++
			if c == '\n' || c == '\r' {
				continue
			}
		case c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			i += 3
		default:
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
		}
		if layout.Ignorable(r) {
			continue
		}
		// A character known to be drawn, the most asked, is read from
		// the table alone.
		if w, bit := r>>6, uint64(1)<<(r&63); t != nil && r <= 0xFFFF && r != utf8.RuneError &&
			t.known[w].Load()&bit != 0 && t.has[w].Load()&bit != 0 {
			continue
		}
		if d.draws(face, r) && r != utf8.RuneError || slices.Contains(out, r) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// table returns the table of face, made when first asked.
func (d *drawable) table(face layout.Face) *bmpBits {
	b := d.faces[face].Load()
	if b == nil {
		d.faces[face].CompareAndSwap(nil, &bmpBits{})
		b = d.faces[face].Load()
	}
	return b
}

// draws reports whether face draws r (d.m.Advance's ok).
func (d *drawable) draws(face layout.Face, r rune) bool {
	if face < 0 || int(face) >= len(d.faces) || r < 0 || r > 0xFFFF {
		_, ok := d.m.Advance(face, r)
		return ok
	}
	b := d.table(face)
	w, bit := r>>6, uint64(1)<<(r&63)
	if b.known[w].Load()&bit == 0 {
		if _, ok := d.m.Advance(face, r); ok {
			b.has[w].Or(bit)
		}
		b.known[w].Or(bit)
	}
	return b.has[w].Load()&bit != 0
}
