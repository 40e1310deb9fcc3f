package tomlkey

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Char returns the position of the character that starts at byte off of
// the value of the string at path as TOML decodes it: escapes decoded
// (every byte of an escape's character is at its backslash), a multi-line
// string's first newline and line-ending backslashes trimmed. It lets a
// message about the ninth line of a multi-line text point at that line.
// ok is false when the value at path is not a string or is shorter than
// off.
func (x *Index) Char(path string, off int) (pos Pos, ok bool) {
	sp, found := x.spans[path]
	if !found || off < 0 || sp[0] >= len(x.src) {
		return Pos{}, false
	}
	src := x.src
	i := sp[0]
	delim := ""
	for _, d := range []string{`"""`, `'''`, `"`, `'`} {
		if strings.HasPrefix(src[i:], d) {
			delim = d
			break
		}
	}
	if delim == "" {
		return Pos{}, false
	}
	i += len(delim)
	multi := len(delim) == 3
	escapes := delim[0] == '"'
	if multi { // a newline right after the opening quotes is trimmed
		if strings.HasPrefix(src[i:], "\r\n") {
			i += 2
		} else if strings.HasPrefix(src[i:], "\n") {
			i++
		}
	}
	d := 0 // decoded bytes so far
	for i < len(src) {
		if strings.HasPrefix(src[i:], delim) {
			if !multi {
				break
			}
			// Up to two more quotes before the closing ones are content.
			n := 0
			for i+n < len(src) && src[i+n] == delim[0] {
				n++
			}
			if n <= 3 {
				break
			}
			if extra := min(n-3, 2); off < d+extra {
				return At(src, i+off-d), true
			}
			break
		}
		if !multi && src[i] == '\n' {
			break
		}
		k, adv := 1, 1 // decoded bytes, source bytes
		if c := src[i]; escapes && c == '\\' && i+1 < len(src) {
			switch e := src[i+1]; e {
			case 'x', 'u', 'U':
				n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
				adv = 2 + n
				k = 1
				if i+adv <= len(src) {
					if v, err := strconv.ParseUint(src[i+2:i+adv], 16, 32); err == nil {
						k = utf8.RuneLen(rune(v))
					}
				}
			case ' ', '\t', '\r', '\n':
				if multi { // a line-ending backslash: whitespace up to the next text is trimmed
					j := i + 1
					for j < len(src) && strings.IndexByte(" \t\r\n", src[j]) >= 0 {
						j++
					}
					i = j
					continue
				}
				adv = 2
			default:
				adv = 2
			}
		} else {
			_, adv = utf8.DecodeRuneInString(src[i:])
			k = adv
		}
		if k > 0 && off < d+k {
			return At(src, i), true
		}
		d += k
		i += adv
	}
	if off == d { // just past the last character: the closing quotes
		return At(src, i), true
	}
	return Pos{}, false
}
