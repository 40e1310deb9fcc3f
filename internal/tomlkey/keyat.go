package tomlkey

import (
	"strings"
	"unicode/utf8"
)

// KeyAt returns the path of the key whose statement holds the character
// at position at of src (line, and column counted in characters, from
// 1), quoted as [Quote] does, the way a message placed there names it:
// "" when no key's does (a comment, a table header, a blank line) or at
// lies outside src. It reads src up to that character only, leniently:
// what follows may be anything.
func KeyAt(src string, at Pos) string {
	off := 0
	for line := 1; line < at.Line; line++ {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			return ""
		}
		off += i + 1
	}
	for col := 1; col < at.Col; col++ {
		if off >= len(src) || src[off] == '\n' {
			return ""
		}
		_, n := utf8.DecodeRuneInString(src[off:])
		off += n
	}
	return lastKey(src, off)
}
