package layout

import "unicode"

// Combining reports whether r is a combining mark (Unicode general
// category Mn or Me: U+0303, U+309A) that stands over the character
// before it. Text normalized to NFC keeps a mark apart only where no
// precomposed character exists (x̃, q̇, ㇷ゚, セ゚). A mark takes no room
// of its own: the layout measures it as zero wide, never breaks a line
// before it nor widens the gap before it to justify a line, and keeps it
// in the text box of the character before it, over which package render
// draws it.
func Combining(r rune) bool {
	if uint32(r) < 0x10000 {
		return markSet[r>>6]&(1<<(r&63)) != 0
	}
	return combiningAbove(r)
}

// combiningAbove is Combining above the Basic Multilingual Plane, kept
// apart so that Combining is inlined.
//
//go:noinline
func combiningAbove(r rune) bool { return unicode.In(r, unicode.Mn, unicode.Me) }

// markSet holds the combining marks of the Basic Multilingual Plane, a bit
// each: Combining is asked of every character laid out, several times.
var markSet = func() (set [0x10000 / 64]uint64) {
	for _, t := range []*unicode.RangeTable{unicode.Mn, unicode.Me} {
		for _, r := range t.R16 {
			for c := uint32(r.Lo); c <= uint32(r.Hi); c += uint32(r.Stride) {
				set[c>>6] |= 1 << (c & 63)
			}
		}
	}
	return set
}()
