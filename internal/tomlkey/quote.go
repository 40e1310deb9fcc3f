package tomlkey

import (
	"fmt"
	"strings"
)

// Quote writes one part of a key as TOML writes it: bare when it is
// made of A-Z, a-z, 0-9, '_' and '-' only, else as a basic string ("title.ja",
// "" for the empty key) with '"', '\' and control characters escaped, so
// that a key printed in a message is one line and reads back as the same
// key (TOML 1.0, "Keys").
func Quote(part string) string {
	if part != "" && isBareString(part) {
		return part
	}
	return QuoteString(part)
}

// QuoteString writes s as a TOML basic string: in double quotes, with
// '"', '\' and control characters (U+0000–U+001F, U+007F) escaped.
func QuoteString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Join appends the key part name to the key path path ("" at the top
// level), quoted as [Quote] does.
func Join(path, name string) string {
	if path == "" {
		return Quote(name)
	}
	return path + "." + Quote(name)
}

func isBareString(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isBare(s[i]) {
			return false
		}
	}
	return true
}
