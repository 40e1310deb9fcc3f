package validate

import (
	"strings"
	"unicode/utf8"

	"briefing/briefing/model"
)

// plainTitle warns about a title (of the incident, a risk or a reference)
// that holds a line break or starts with list markup ("- ", "* ", "1. "):
// a title is one line of plain text, and the marker would be printed as
// part of it. The warning is at the key of each language's value.
func (c *checker) plainTitle(t model.Text) {
	check := func(s string, src model.Source) {
		if strings.ContainsRune(s, '\n') {
			c.warnf(src.Pos, src.Key, "the title holds a line break: a title is one line of plain text; join its lines")
		}
		if m, ok := listMarker(s); ok {
			c.warnf(src.Pos, src.Key, "the title starts with %q, which reads as a list item: a title is plain text; remove the marker", m)
		}
	}
	if t.Plain != "" {
		check(t.Plain, t.Source)
	}
	for _, l := range t.Langs {
		check(l.Value, l.Source)
	}
}

// listMarker returns the list markup s starts with: a bullet ("- ", "* ",
// "+ ", "• ", and ・ as Japanese lists write it) or a number ("1. ",
// "2) ").
func listMarker(s string) (string, bool) {
	for _, m := range []string{"- ", "* ", "+ ", "• ", "・"} {
		if strings.HasPrefix(s, m) {
			return m, true
		}
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') {
		if r, _ := utf8.DecodeRuneInString(s[i+1:]); r == ' ' || r == '\u3000' {
			return s[:i+2], true
		}
	}
	return "", false
}
