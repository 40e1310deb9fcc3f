package theme

import (
	"strings"
	"unicode/utf8"
)

// pos is a line and column (in characters) of a template file, from 1.
type pos struct{ line, col int }

// keyIndex maps the dotted key paths of a TOML document to where their keys
// are written: "colors.accent", "headings.en.summary", and a table header's
// path ("headings.en") to its "[". It is a small line scanner of TOML's
// structure, run only on a document that parsed: it skips strings,
// multi-line strings and arrays, and records the keys of inline tables
// under their parent key's position.
type keyIndex map[string]pos

func newKeyIndex(src string) keyIndex {
	x := keyIndex{}
	table := ""
	lines := strings.Split(src, "\n")
	for n := 0; n < len(lines); n++ {
		line := lines[n]
		trim := strings.TrimLeft(line, " \t")
		col := utf8.RuneCountInString(line[:len(line)-len(trim)]) + 1
		if trim == "" || trim[0] == '#' {
			continue
		}
		if trim[0] == '[' {
			inner := strings.TrimLeft(trim, "[")
			keys, _ := splitKey(inner)
			table = strings.Join(keys, ".")
			if _, ok := x[table]; !ok {
				x[table] = pos{n + 1, col}
			}
			continue
		}
		keys, rest := splitKey(trim)
		if len(keys) == 0 || !strings.HasPrefix(rest, "=") {
			continue
		}
		path := strings.Join(keys, ".")
		if table != "" {
			path = table + "." + path
		}
		if _, ok := x[path]; !ok {
			x[path] = pos{n + 1, col}
		}
		// Skip the value, which may run over several lines.
		n = skipValue(lines, n, len(line)-len(rest)+1)
	}
	return x
}

// splitKey reads a possibly dotted, possibly quoted key at the start of s
// and returns its parts and what follows it (spaces trimmed).
func splitKey(s string) (keys []string, rest string) {
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return keys, s
		}
		var k string
		switch s[0] {
		case '"', '\'':
			end := strings.IndexByte(s[1:], s[0])
			if end < 0 {
				return keys, s
			}
			k, s = s[1:1+end], s[2+end:]
		default:
			end := strings.IndexFunc(s, func(r rune) bool {
				return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
			})
			if end == 0 {
				return keys, s
			}
			if end < 0 {
				end = len(s)
			}
			k, s = s[:end], s[end:]
		}
		keys = append(keys, k)
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return keys, s
		}
		s = s[1:]
	}
}

// skipValue skips the value starting at byte off of lines[n] (just after
// its "=") and returns the index of the line it ends on.
func skipValue(lines []string, n, off int) int {
	depth := 0 // open [ and { brackets
	s := lines[n][min(off, len(lines[n])):]
	for {
		for i := 0; i < len(s); i++ {
			switch c := s[i]; c {
			case '#':
				i = len(s)
			case '[', '{':
				depth++
			case ']', '}':
				depth--
			case '"', '\'':
				q := string(c)
				if strings.HasPrefix(s[i:], q+q+q) {
					// Multi-line string: find its end, maybe lines below.
					rest := s[i+3:]
					for {
						if e := strings.Index(rest, q+q+q); e >= 0 {
							s, i = rest[e+3:], -1
							break
						}
						n++
						if n >= len(lines) {
							return n
						}
						rest = lines[n]
					}
					continue
				}
				j := i + 1
				for j < len(s) && s[j] != c {
					if c == '"' && s[j] == '\\' {
						j++
					}
					j++
				}
				i = j
			}
		}
		if depth <= 0 || n+1 >= len(lines) {
			return n
		}
		n++
		s = lines[n]
	}
}

// at returns the position of path, or of its nearest ancestor that the
// index knows; line 0 when none is known.
func (x keyIndex) at(path string) pos {
	for {
		if p, ok := x[path]; ok {
			return p
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return pos{}
		}
		path = path[:i]
	}
}
