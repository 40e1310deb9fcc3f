package tomlkey

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// SyntaxError returns the position and message of err, an error of the
// TOML decoder on src, the message on one line, and the path of the last
// key written before that position ("" when none), quoted as [Quote] does. Line and column both come
// from the error's byte offset (the decoder's own line can be the next
// line's for an error at a line's end, and its column counts bytes); a
// control character TOML does not allow is placed on itself, which the
// decoder places one byte early or nowhere.
func SyntaxError(src string, err error) (at Pos, key, msg string) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return Pos{Line: 1, Col: 1}, "", oneLine(err.Error())
	}
	msg = pe.Message
	if msg == "" {
		msg = err.Error()
	}
	msg = escapeMessage(msg)
	start := pe.Position.Start
	if off, c, ok := control(src); ok && (start < 0 || off <= start+1) {
		return At(src, off), lastKey(src, off), fmt.Sprintf("the control character U+%04X is not allowed in a TOML file; inside a string, write it as an escape such as \\u%04X", c, c)
	}
	if key, msg, ok := nonASCIIKey(src, start, msg); ok {
		return At(src, start), key, msg
	}
	switch {
	case start >= 0 && start <= len(src):
		return At(src, start), lastKey(src, start), oneLine(msg)
	case pe.Position.Line > 0:
		return Pos{Line: pe.Position.Line, Col: 1}, "", oneLine(msg)
	}
	return Pos{Line: 1, Col: 1}, "", oneLine(msg)
}

// nonASCIIKey rewords the decoder's message for a bare key holding a
// character beyond ASCII ("expected '.' or '=', but got 'タ' instead"),
// the decoder's error being at byte offset off of src: TOML 1.0 bare keys
// ("Keys") are A-Z, a-z, 0-9, '_' and '-' only, so such a key must be
// quoted. key is the key's path with that part quoted; ok is false for
// any other error.
func nonASCIIKey(src string, off int, msg string) (key, why string, ok bool) {
	if off < 0 || off >= len(src) || src[off] < utf8.RuneSelf ||
		!strings.HasPrefix(msg, "expected '.' or ") || !strings.HasSuffix(msg, " instead") {
		return "", "", false
	}
	ws, we := off, off
	for ws > 0 && isBare(src[ws-1]) {
		ws--
	}
	for we < len(src) && (isBare(src[we]) || src[we] >= utf8.RuneSelf) {
		r, n := utf8.DecodeRuneInString(src[we:])
		if unicode.IsSpace(r) {
			break
		}
		we += n
	}
	word := src[ws:we]
	quoted := QuoteString(word)
	// The key's path: the statement up to the word, with the word quoted.
	x := scan(src[:ws]+quoted, false)
	for i := len(x.occ) - 1; i >= 0; i-- {
		if o := x.occurrence(x.occ[i]); !o.Element {
			key = o.Path
			break
		}
	}
	// The key as it would be written: its bare parts before the word on
	// the same statement, then the word quoted.
	ks := ws
	for ks > 0 && (isBare(src[ks-1]) || strings.IndexByte(". \t", src[ks-1]) >= 0) {
		ks--
	}
	written := strings.TrimSpace(src[ks:ws]) + quoted
	switch {
	case strings.HasPrefix(strings.TrimLeft(src[we:], " \t"), "."):
		written = quoted // a part of a dotted key; the rest as written
	case ks > 0 && src[ks-1] == '[':
		written = "[" + written + "]"
		if ks > 1 && src[ks-2] == '[' {
			written = "[" + written + "]"
		}
	case ks == 0 || strings.IndexByte("\n{,", src[ks-1]) >= 0:
		written += " = …"
	default:
		written = quoted
	}
	return key, fmt.Sprintf("the key %s is not a bare key: bare keys are ASCII letters, digits, - and _ only; quote it: %s", word, written), true
}

// badEscape is BurntSushi/toml's message for an escape that names no
// character, which shows \U00110000 as \u00110000.
var badEscape = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^Escaped character '\\u([0-9A-Fa-f]{4}|[0-9A-Fa-f]{8})' is not valid UTF-8\.$`)
})

// escapeMessage rewords badEscape: the escape as written, and why it
// names no character (TOML 1.0, "String": a Unicode scalar value).
func escapeMessage(msg string) string {
	m := badEscape().FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	n, _ := strconv.ParseUint(m[1], 16, 32)
	esc := `\u` + m[1]
	if len(m[1]) == 8 {
		esc = `\U` + m[1]
	}
	if n >= 0xD800 && n <= 0xDFFF {
		return fmt.Sprintf("the escape %s names U+%04X, a surrogate (U+D800 to U+DFFF), which is no character: write the character's own code point", esc, n)
	}
	return fmt.Sprintf("the escape %s names U+%X, beyond U+10FFFF, the last code point of Unicode", esc, n)
}

// lastKey returns the path of the key whose statement holds byte offset
// off of src: the last key written before off when its value (or its
// table header) does not end on an earlier line; "" when there is none.
func lastKey(src string, off int) string {
	x := scan(src[:off], false)
	for i := len(x.occ) - 1; i >= 0; i-- {
		o := x.occurrence(x.occ[i])
		if o.Element {
			continue
		}
		if sp, ok := x.spanOf(o.Path); ok && sp[1] <= off {
			if strings.Contains(src[sp[1]:off], "\n") {
				return ""
			}
		} else if o.Loc.Stmt.Line != At(src, off).Line {
			return ""
		}
		return o.Path
	}
	return ""
}

// control returns the offset of the first control character TOML 1.0
// does not allow anywhere in a document: U+0000–U+001F but tab and line
// feed (and a carriage return before a line feed), and U+007F.
func control(src string) (off int, c byte, ok bool) {
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c < 0x20 && c != '\t' && c != '\n' && !(c == '\r' && i+1 < len(src) && src[i+1] == '\n') || c == 0x7f {
			return i, c, true
		}
	}
	return 0, 0, false
}

// oneLine folds the line breaks of a message into spaces, so that every
// message is one line of output.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(strings.NewReplacer("\r", "\n").Replace(s)), " ")
}
