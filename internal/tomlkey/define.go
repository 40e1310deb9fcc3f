package tomlkey

import (
	"fmt"
	"strings"
)

// Problem is a place where a document breaks a rule of TOML 1.0 that the
// TOML decoder does not enforce: a table defined twice or added to after
// its definition (TOML 1.0, "Table", "Inline Table", "Array of Tables"),
// an offset or time out of range, and TOML 1.1's additions (times without
// seconds, inline tables over several lines or with a trailing comma,
// \x and \e escapes).
type Problem struct {
	At      Pos
	Key     string // the key path, quoted as Quote does; "" in a key
	Message string
}

// Problem returns the first TOML 1.0 problem of the document, in
// document order; ok is false when there is none.
func (x *Index) Problem() (p Problem, ok bool) {
	if x.bad == nil {
		return Problem{}, false
	}
	return *x.bad, true
}

// kind is how a table or key was defined.
type kind uint8

const (
	undefined kind = iota
	super          // a table named by a longer header ([a] of [a.b]), not defined yet
	header         // a table defined by its [header]
	dotted         // a table defined by a dotted key (a of a.b = 1)
	inline         // an inline table { ... }, closed at its "}"
	tables         // an array of tables [[a]]
	value          // any other value
)

type def struct {
	kind kind
	line int32 // where it was defined
}

func (x *Index) problem(at Pos, key, format string, args ...any) {
	if x.bad == nil {
		x.bad = &Problem{At: at, Key: key, Message: fmt.Sprintf(format, args...)}
	}
}

// through checks that a key path can be gone through to name a table
// below it, by a header or, when byKey, by a dotted key, and notes tables
// it creates.
func (x *Index) through(k int32, path string, at Pos, byKey bool) {
	e := &x.ents[k]
	d := e.def
	switch d.kind {
	case undefined:
		kd := super
		if byKey {
			kd = dotted
		}
		e.def = def{kd, int32(at.Line)}
	case header:
		if byKey {
			x.problem(at, path, "table [%s] is defined by its header on line %d, and TOML 1.0 does not let a dotted key add to it; write the key under [%s]", path, d.line, path)
		}
	case tables:
		if byKey {
			x.problem(at, path, "%s is an array of tables ([[%s]] on line %d); write the key under [[%s]]", path, path, d.line, path)
		}
	case inline:
		x.problem(at, path, "%s is an inline table (line %d), and TOML 1.0 does not let it be extended; write the key inside its braces", path, d.line)
	case value:
		x.problem(at, path, "%s is a value (line %d), not a table", path, d.line)
	}
}

// defineTable checks and notes a table header [path], its entry k.
func (x *Index) defineTable(k int32, path string, at Pos) {
	e := &x.ents[k]
	d := e.def
	switch d.kind {
	case undefined, super:
		e.def = def{header, int32(at.Line)}
	case header:
		x.problem(at, path, "table [%s] is defined twice; the first [%s] is on line %d", path, path, d.line)
	case dotted:
		x.problem(at, path, "table %s is already defined by a dotted key on line %d, and TOML 1.0 does not let a [%s] header define it again", path, d.line, path)
	case tables:
		x.problem(at, path, "%s is an array of tables ([[%s]] on line %d), not a table", path, path, d.line)
	default:
		x.through(k, path, at, false)
	}
}

// defineTables checks and notes an array of tables header [[path]],
// its entry k.
func (x *Index) defineTables(k int32, path string, at Pos) {
	e := &x.ents[k]
	d := e.def
	switch d.kind {
	case undefined:
		e.def = def{tables, int32(at.Line)}
	case tables:
	default:
		x.problem(at, path, "%s is already defined on line %d, not as an array of tables", path, d.line)
	}
}

// defineKey checks and notes the last part of a key = value, its entry
// k.
func (x *Index) defineKey(k int32, path string, at Pos, isInline bool) {
	e := &x.ents[k]
	if d := e.def; d.kind != undefined {
		x.problem(at, path, "%s is defined twice; first on line %d", path, d.line)
		return
	}
	kd := value
	if isInline {
		kd = inline
	}
	e.def = def{kd, int32(at.Line)}
}

// checkScalar checks a date, time or other bare value for the rules of
// TOML 1.0 the decoder does not enforce: a time has seconds, and a time
// offset is a real one.
func (x *Index) checkScalar(start, end int) {
	// Only the first problem is reported, and finding the position of one
	// takes time linear in the document.
	if x.bad != nil || start >= end || end > len(x.src) {
		return
	}
	s := strings.TrimRight(x.src[start:end], " \t")
	digits := func(s string, at ...int) bool {
		for _, i := range at {
			if i >= len(s) || s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	t := -1 // the offset of the time of day in s
	switch {
	case digits(s, 0, 1) && len(s) > 2 && s[2] == ':':
		t = 0
	case digits(s, 0, 1, 2, 3, 5, 6, 8, 9) && len(s) > 10 && s[4] == '-' && s[7] == '-' && strings.ContainsRune("Tt ", rune(s[10])):
		t = 11
	default:
		return
	}
	if !digits(s, t, t+1, t+3, t+4) || s[t+2] != ':' {
		return // not a time: the decoder has refused it
	}
	if len(s) == t+5 || s[t+5] != ':' {
		x.problem(x.at(start+t), x.inValue, "a time needs seconds in TOML 1.0: write %s:00", s[t:t+5])
		return
	}
	// An offset: +hh:mm or -hh:mm at the end.
	if n := len(s); n >= t+14 && strings.ContainsRune("+-", rune(s[n-6])) && digits(s, n-5, n-4, n-2, n-1) && s[n-3] == ':' {
		if h, m := (s[n-5]-'0')*10+s[n-4]-'0', (s[n-2]-'0')*10+s[n-1]-'0'; h > 23 || m > 59 {
			x.problem(x.at(start+n-6), x.inValue, "the time offset %s is out of range: hours run from 00 to 23, minutes from 00 to 59", s[n-6:])
		}
	}
}

// checkEscape checks the escape sequence after the backslash at x.i.
func (x *Index) checkEscape() {
	if x.bad != nil {
		return // see checkScalar
	}
	switch c := x.peek(0); c {
	case 'x':
		hex := x.src[x.i+1 : min(x.i+3, len(x.src))]
		x.problem(x.at(x.i-1), x.inValue, "the escape \\x%s is TOML 1.1; in TOML 1.0 write \\u00%s", hex, strings.ToUpper(hex))
	case 'e':
		x.problem(x.at(x.i-1), x.inValue, "the escape \\e is TOML 1.1; in TOML 1.0 write \\u001B")
	}
}

// Invalid returns the first place where the document is not TOML 1.0:
// err, the TOML decoder's error on it (nil when the decoder accepted it),
// placed and worded as [SyntaxError] does, or the first [Problem], when
// that comes before it or on its line (a duplicate dotted key, which the
// decoder places at the line's start without naming the key). ok is false
// when the document is TOML 1.0.
func (x *Index) Invalid(err error) (p Problem, ok bool) {
	if err == nil {
		return x.Problem()
	}
	at, key, msg := SyntaxError(x.src, err)
	if b := x.bad; b != nil && b.At.Line <= at.Line {
		return *b, true
	}
	return Problem{At: at, Key: key, Message: msg}, true
}
