package load

import (
	"strings"

	"briefing/briefing/model"
)

// closeHeaders returns src with each table header that lacks only its
// closing brackets ("[[risks", "[analysis # …", "[[risks]"; see
// [unclosedHeader]) closed, as its writer meant it, and whether there
// was one. Lines inside multi-line strings are left as they are.
func closeHeaders(src string) (string, bool) {
	var b strings.Builder
	last, closed := 0, false
	topLines([]byte(src), func(_, off int, l []byte) bool {
		line := string(l)
		if !unclosedHeader(line) || headerDecodes(line) {
			return true
		}
		s := strings.TrimLeft(line, " \t")
		brackets := "]"
		if strings.HasPrefix(s, "[[") {
			brackets = "]]"
		}
		s = strings.TrimRight(uncommented(s), " \t")
		if brackets == "]]" {
			s = strings.TrimSuffix(s, "]")
		}
		b.WriteString(src[last:off])
		b.WriteString(s + brackets)
		last, closed = off+len(l), true
		return true
	})
	if !closed {
		return src, false
	}
	b.WriteString(src[last:])
	return b.String(), true
}

// headerDecodes reports whether line decodes as TOML on its own (a
// complete table header).
func headerDecodes(line string) bool {
	var h headKeys
	return h.decode(line) == nil
}

// uncommented is line without its comment: from the first "#" outside a
// quoted key or string.
func uncommented(line string) string {
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' {
				i++
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return line[:i]
		}
	}
	return line
}

// lineLabels is the most restrictive TLP 2.0 label that a line of src
// gives a key whose name looks like tlp ([tlpName]: tlp = "RED",
// tlpp = 'TLP:RED' # …, a dotted key), each line read as written,
// whether or not the file is TOML; "" when none does. Lines inside
// multi-line strings, and keys of x, the file's own data (under a
// header [x…] or [[x…], or a dotted key x.…), are not read. For a file
// that is not TOML, so that a label its writer gave it counts whatever
// the line's table or the syntax errors around it.
func lineLabels(src string) model.TLP {
	if !tlpLetters(src) {
		return ""
	}
	var m model.TLP
	inX := false
	topLines([]byte(src), func(_, _ int, l []byte) bool {
		s := strings.TrimLeft(string(l), " \t")
		if strings.HasPrefix(s, "[") {
			inX = ownData(strings.TrimLeft(s, "[ \t"))
			return true
		}
		k, v, ok := strings.Cut(s, "=")
		if !ok || inX || ownData(k) || !tlpName(k) {
			return true
		}
		v = strings.TrimSpace(uncommented(strings.TrimLeft(v, " \t")))
		if len(v) < 2 || v[0] != '"' && v[0] != '\'' || v[len(v)-1] != v[0] || strings.ContainsAny(v[1:len(v)-1], `"'\`) {
			return true
		}
		m = stricter(m, tlp(v[1:len(v)-1]))
		return true
	})
	return m
}

// ownData reports whether the key path s starts with the key x, bare or
// quoted: the file's own data.
func ownData(s string) bool {
	s = strings.TrimLeft(s, " \t")
	for _, x := range []string{"x", `"x"`, "'x'"} {
		if rest, ok := strings.CutPrefix(s, x); ok {
			rest = strings.TrimLeft(rest, " \t")
			return rest == "" || rest[0] == '.' || rest[0] == ']' || rest[0] == '='
		}
	}
	return false
}
