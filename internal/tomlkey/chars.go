package tomlkey

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Char returns the position of the character that starts at byte off of
// the value of the string at path as TOML decodes it: escapes decoded
// (every byte of an escape's character is at its backslash), a multi-line
// string's first newline and line-ending backslashes trimmed. It lets a
// message about the ninth line of a multi-line text point at that line.
// ok is false when the value at path is not a string or is shorter than
// off.
//
// Asked for offsets of one value in increasing order (as the messages of
// a text are made), it goes on from where it was: the positions of a
// text's every citation take time linear in the text. It is safe for
// concurrent use.
func (x *Index) Char(path string, off int) (pos Pos, ok bool) {
	x.charMu.Lock()
	defer x.charMu.Unlock()
	c := x.cursor
	if c == nil || c.path != path || off < c.d {
		sp, found := x.spanOf(path)
		if !found || off < 0 || sp[0] >= len(x.src) {
			return Pos{}, false
		}
		c = newCursor(x.src, path, sp[0])
		if c == nil {
			return Pos{}, false
		}
		x.cursor = c
	}
	return c.seek(x.src, off)
}

// cursor decodes a string value up to a byte of its decoded text.
type cursor struct {
	path      string
	delim     string
	multi     bool
	escapes   bool
	i, d      int // source offset; decoded bytes before it
	line      int // line of i
	lineStart int // offset of the start of line
	colAt     int // offset on line whose column is known (lineStart or later)
	col       int // characters from lineStart to colAt
}

// Chars returns [Index.Char] for the value at path alone: a function that
// holds the document but not the index, for the positions of a text asked
// for after the rest of the index is dropped (the index of a file with
// tens of thousands of keys holds tens of MB). Like Char, it is safe for
// concurrent use and linear in the text when asked in increasing order.
func (x *Index) Chars(path string) func(off int) (Pos, bool) {
	sp, found := x.spanOf(path)
	src := x.src
	if !found || sp[0] >= len(src) {
		return func(int) (Pos, bool) { return Pos{}, false }
	}
	var mu sync.Mutex
	var c *cursor
	return func(off int) (Pos, bool) {
		mu.Lock()
		defer mu.Unlock()
		if off < 0 {
			return Pos{}, false
		}
		if c == nil || off < c.d {
			if c = newCursor(src, path, sp[0]); c == nil {
				return Pos{}, false
			}
		}
		return c.seek(src, off)
	}
}

// newCursor starts a cursor at the opening quotes of the string value at
// byte i of src; nil when no string starts there.
func newCursor(src, path string, i int) *cursor {
	c := &cursor{path: path}
	for _, d := range []string{`"""`, `'''`, `"`, `'`} {
		if strings.HasPrefix(src[i:], d) {
			c.delim = d
			break
		}
	}
	if c.delim == "" {
		return nil
	}
	start := At(src, i)
	c.line, c.lineStart = start.Line, strings.LastIndexByte(src[:i], '\n')+1
	c.colAt = c.lineStart
	i += len(c.delim)
	c.multi = len(c.delim) == 3
	c.escapes = c.delim[0] == '"'
	c.i = i
	if c.multi { // a newline right after the opening quotes is trimmed
		if strings.HasPrefix(src[i:], "\r\n") {
			c.advance(src, 2)
		} else if strings.HasPrefix(src[i:], "\n") {
			c.advance(src, 1)
		}
	}
	return c
}

// advance moves the cursor n source bytes on, counting lines.
func (c *cursor) advance(src string, n int) {
	for k := 0; k < n && c.i < len(src); k++ {
		if src[c.i] == '\n' {
			c.line++
			c.lineStart = c.i + 1
			c.colAt, c.col = c.lineStart, 0
		}
		c.i++
	}
}

// at is the position of the cursor. Its column is counted on from the
// last one asked for, so that the positions along one long line take time
// linear in the line.
func (c *cursor) at(src string) Pos {
	c.col += utf8.RuneCountInString(src[c.colAt:c.i])
	c.colAt = c.i
	return Pos{Line: c.line, Col: c.col + 1}
}

// seek moves the cursor to the character holding decoded byte off.
func (c *cursor) seek(src string, off int) (Pos, bool) {
	for c.i < len(src) {
		if strings.HasPrefix(src[c.i:], c.delim) {
			if !c.multi {
				break
			}
			// Up to two more quotes before the closing ones are content.
			n := 0
			for c.i+n < len(src) && src[c.i+n] == c.delim[0] {
				n++
			}
			if n <= 3 {
				break
			}
			if extra := min(n-3, 2); off < c.d+extra {
				p := c.at(src)
				p.Col += off - c.d
				return p, true
			}
			break
		}
		if !c.multi && src[c.i] == '\n' {
			break
		}
		k, adv := 1, 1 // decoded bytes, source bytes
		if ch := src[c.i]; c.escapes && ch == '\\' && c.i+1 < len(src) {
			switch e := src[c.i+1]; e {
			case 'x', 'u', 'U':
				n := 8
				switch e {
				case 'x':
					n = 2
				case 'u':
					n = 4
				}
				adv = 2 + n
				if c.i+adv <= len(src) {
					if v, err := strconv.ParseUint(src[c.i+2:c.i+adv], 16, 32); err == nil {
						k = utf8.RuneLen(rune(v))
					}
				}
			case ' ', '\t', '\r', '\n':
				if c.multi { // a line-ending backslash: whitespace up to the next text is trimmed
					j := c.i + 1
					for j < len(src) && strings.IndexByte(" \t\r\n", src[j]) >= 0 {
						j++
					}
					c.advance(src, j-c.i)
					continue
				}
				adv = 2
			default:
				adv = 2
			}
		} else {
			_, adv = utf8.DecodeRuneInString(src[c.i:])
			k = adv
		}
		if k > 0 && off < c.d+k {
			return c.at(src), true
		}
		c.d += k
		c.advance(src, adv)
	}
	if off == c.d { // just past the last character: the closing quotes
		return c.at(src), true
	}
	return Pos{}, false
}
