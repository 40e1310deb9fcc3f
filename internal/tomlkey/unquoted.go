package tomlkey

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Value is what a key's value is, as [Unquoted] advises on it.
type Value int

// The values [Unquoted] tells apart.
const (
	TextValue  Value = iota // a string: write it between quotes
	DateValue               // a TOML local date: hyphens, no quotes
	OtherValue              // a number or true or false: the decoder's message stays
)

// Unquoted rewords the decoder's error p for a value written without the
// quotes TOML 1.0 wants ("expected value but found "日本" instead", "but
// got '/' instead" after 2024 of 2024/01/02, "Invalid float value:
// "1.2.3""), p being the syntax error [Index.Invalid] gives on src: a
// text is quoted (title = "日本"), a date written with other separators
// is written with hyphens and no quotes (date = 2024-01-02). kind says
// what the key path's value is (an element's: its array's), a key of
// neither kind being a text. The error is placed on the value's first
// character, names the value's key (an element's array) and the value
// as written, and gives the line to write. ok is false for any other
// error, for a value that holds a quote (a string the decoder read, or
// one quoted in part), for an element holding "=" (an inline table
// meant), and for a key whose value is a number or true or false
// (OtherValue), whose messages the decoder words well enough. Package
// load uses it for incident files and package theme for templates.
func Unquoted(src string, p Problem, kind func(key string) Value) (Problem, bool) {
	if !valueError(p.Message) {
		return p, false
	}
	off, ok := offset(src, p.At)
	if !ok {
		return p, false
	}
	ls := strings.LastIndexByte(src[:off], '\n') + 1
	line := src[ls:]
	at := off - ls
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSuffix(line, "\r")
	// The value's start: after the last "=", "[", "{" or "," before the
	// error outside quotes; its end: the line's (less a comment) for a
	// key's value, the next ",", "]" or "}" for an element.
	start, delim, quote := -1, byte(0), byte(0)
	for i := 0; i < at && i < len(line); i++ {
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
		case strings.IndexByte("=[{,", c) >= 0:
			start, delim = i+1, c
		}
	}
	if quote != 0 {
		return p, false
	}
	if start < 0 { // an element on a line of its own, in a multi-line array
		start, delim = len(line)-len(strings.TrimLeft(line, " \t")), '['
		p.Key = ""
		for _, o := range Scan(src[:ls]).Occurrences() {
			if !o.Element {
				p.Key = o.Path // the array's key, on an earlier line
			}
		}
	}
	value := strings.TrimLeft(line[start:], " \t")
	p.At = At(src, ls+len(line)-len(value))
	element := delim != '=' || strings.ContainsAny(line[:start], "[{") || start == 0
	end := len(value)
	if element {
		if i := strings.IndexAny(value, ",]}"); i >= 0 {
			end = i
		}
	} else if i := strings.Index(value, " #"); i >= 0 {
		end = i
	}
	value = strings.TrimRight(value[:end], " \t")
	if value == "" || value[0] == '"' || value[0] == '\'' || strings.Contains(value, `"`) || element && strings.Contains(value, "=") {
		return p, false // quoted in part, or an element like a key = value
	}
	written := func(v string) string {
		if element && delim != '=' {
			return v
		}
		k := strings.TrimSpace(line[:start-1])
		if i := strings.LastIndexAny(k, "{,"); i >= 0 {
			k = strings.TrimSpace(k[i+1:])
		}
		return k + " = " + v
	}
	switch kind(p.Key) {
	case OtherValue:
		return p, false
	case DateValue:
		// A date written otherwise, or a word; a date followed by
		// something else keeps the decoder's message, which places it.
		if d, ok := dayOf(value); ok {
			p.Message = fmt.Sprintf("%s is not a TOML date: write the year, month and day with hyphens and without quotes: %s", value, written(d))
			return p, true
		}
		if strings.ContainsAny(value, "0123456789") {
			return p, false
		}
		p.Message = fmt.Sprintf("%s is not a date: write the year, month and day with hyphens and without quotes, as in %s", value, written("2021-05-06"))
		return p, true
	}
	p.Message = fmt.Sprintf("the value %s is not quoted: a text is written between quotes; write %s", value, written(QuoteString(value)))
	return p, true
}

// valueError reports whether msg is one of the decoder's messages for a
// value it could not read: a bare word, or a number or date followed by
// other characters.
func valueError(msg string) bool {
	for _, p := range []string{
		"expected value but found ",
		"expected a top-level item to end with a newline, comment, or EOF, but got ",
		"expected a comma (',') or array terminator (']'), but got ",
		"expected a comma or an inline table terminator '}', but got ",
		"Invalid float value: ",
		"invalid datetime: ",
		"expected a digit but got ",
	} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// offset is the byte offset in src of the position at, ok false when src
// has no such position.
func offset(src string, at Pos) (int, bool) {
	off := 0
	for range at.Line - 1 {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			return 0, false
		}
		off += i + 1
	}
	for range at.Col - 1 {
		if off >= len(src) || src[off] == '\n' {
			return 0, false
		}
		_, n := utf8.DecodeRuneInString(src[off:])
		off += n
	}
	return off, true
}

// dateParts matches a date written with other separators than TOML's
// hyphens: 2024/01/02, 2024.1.2, 2024年1月2日, 2024-1-2, in ASCII or
// full-width digits.
var dateParts = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^([0-9０-９]{4})\s*[-/.年／．－]\s*([0-9０-９]{1,2})\s*[-/.月／．－]\s*([0-9０-９]{1,2})\s*日?$`)
})

// dayOf is value, a date with other separators, as a TOML local date
// (2024-01-02); ok is false when value is no such date.
func dayOf(value string) (string, bool) {
	m := dateParts().FindStringSubmatch(value)
	if m == nil {
		return "", false
	}
	var n [3]int
	for i, s := range m[1:] {
		s = strings.Map(func(r rune) rune {
			if r >= '０' && r <= '９' {
				return r - '０' + '0'
			}
			return r
		}, s)
		n[i], _ = strconv.Atoi(s)
	}
	if n[1] < 1 || n[1] > 12 || n[2] < 1 || n[2] > 31 {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", n[0], n[1], n[2]), true
}
