package load

import (
	"strings"
	"sync"

	"briefing/internal/tomlkey"
)

// unquoted rewords the decoder's error p for a value written without
// quotes, as [tomlkey.Unquoted] does, each key's value told by [Keys].
func unquoted(src string, p tomlkey.Problem) (tomlkey.Problem, bool) {
	return tomlkey.Unquoted(src, p, valueOf)
}

// valueOf is what the value of the key path holds, by its plain path (a
// text's language tag below it: its own), as [tomlkey.Unquoted] asks.
func valueOf(key string) tomlkey.Value {
	for path := plainPath(key); path != ""; {
		if k, ok := keyKinds()[path]; ok {
			switch k {
			case Integer, FormatNumber, Fraction, Bool:
				return tomlkey.OtherValue
			case Date, Moment:
				return tomlkey.DateValue
			}
			return tomlkey.TextValue
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return tomlkey.TextValue
}

// plainPath is a key path without its indices and quotes:
// risks[1].title → risks.title.
func plainPath(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		switch c := path[i]; c {
		case '[':
			for i < len(path) && path[i] != ']' {
				i++
			}
		case '"':
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// keyKinds maps the plain path of each key of [Keys] to its kind.
var keyKinds = sync.OnceValue(func() map[string]Kind {
	m := make(map[string]Kind, len(Keys))
	for _, k := range Keys {
		m[k.Path] = k.Kind
	}
	return m
})
