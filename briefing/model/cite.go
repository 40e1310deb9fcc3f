package model

// Segment is a piece of a text: literal Text, or a citation of the
// reference with id Ref (Text is then the bracketed source, e.g. "[ref1]").
type Segment struct {
	Text string
	Ref  string
}

// Segments splits s into literal text and citations. A citation is "[id]"
// where id has the form of a reference id ([a-z0-9][a-z0-9._-]{0,79});
// other brackets are literal text.
func Segments(s string) []Segment {
	var out []Segment
	lit := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '[' {
			continue
		}
		end := i + 1
		for end < len(s) && end-i-1 < 80 && isIDByte(s[end], end == i+1) {
			end++
		}
		if end == i+1 || end >= len(s) || s[end] != ']' {
			continue
		}
		if lit < i {
			out = append(out, Segment{Text: s[lit:i]})
		}
		out = append(out, Segment{Text: s[i : end+1], Ref: s[i+1 : end]})
		lit = end + 1
		i = end
	}
	if lit < len(s) {
		out = append(out, Segment{Text: s[lit:]})
	}
	return out
}

// IsID reports whether s has the form of an incident or reference id:
// [a-z0-9][a-z0-9._-]{0,79}.
func IsID(s string) bool {
	if len(s) == 0 || len(s) > 80 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIDByte(s[i], i == 0) {
			return false
		}
	}
	return true
}

func isIDByte(c byte, first bool) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		return true
	case c == '.' || c == '_' || c == '-':
		return !first
	}
	return false
}
