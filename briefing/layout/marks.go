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
	switch {
	case r < 0x300:
		return false
	case r <= 0x36F: // combining diacritical marks
		return true
	case r >= 0x2000 && r < 0x20D0, // punctuation, super- and subscripts, currency
		r >= 0x2100 && r < 0x2CEF,                                                       // letterlike symbols … Coptic
		r >= 0x3000 && r < 0x302A, r >= 0x3030 && r < 0x3099, r >= 0x309B && r < 0xA66F, // CJK, kana
		r >= 0xAC00 && r < 0xFB1E, // Hangul, private use, compatibility ideographs
		r >= 0xFF00 && r < 0xFFF0: // full- and halfwidth forms
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me)
}
