package tomlkey

import "strings"

// Without returns src with the top-level key name taken out, as written:
// the headers of its tables ([x], [x.sub], [[x.list]]) with every line up
// to the next statement outside them (their keys, blank lines and
// comments; comments and blank lines just before that statement stay),
// and the top-level keys that write it (x.a = …, x = {…}, whole however
// many lines a value takes). Everything else is kept byte for byte, so
// the document decodes as before less that key. Like [Scan], it is meant
// for a document the TOML decoder accepted.
func Without(src, name string) string {
	x := newIndex(src)
	var out strings.Builder
	keep := 0         // start of the text not yet copied
	dropping := false // inside a table of name
	lastEnd := 0      // end of the last statement taken out
	top := true       // no table header yet
	var table string
	var plain []string
	for x.i < len(x.src) {
		x.skipSpace(true)
		if x.i >= len(x.src) {
			break
		}
		start := x.lineStart
		if x.src[x.i] == '[' {
			array := x.peek(1) == '['
			x.i++
			if array {
				x.i++
			}
			at := x.pos(start)
			x.skipSpace(false)
			keys := x.key()
			table, plain = x.header(keys, array, Loc{Key: at, Value: at})
			top = false
			ours := len(keys) > 0 && keys[0].name == name
			x.skipLine()
			switch {
			case ours && !dropping:
				out.WriteString(src[keep:start])
				dropping = true
			case !ours && dropping:
				keep, dropping = lastEnd, false
			}
			lastEnd = x.i
			continue
		}
		if top && !dropping {
			i, line, ls := x.i, x.line, x.lineStart
			keys := x.key()
			x.i, x.line, x.lineStart = i, line, ls
			if len(keys) > 0 && keys[0].name == name {
				out.WriteString(src[keep:start])
				x.keyValue(table, plain)
				x.skipLine()
				keep = x.i
				continue
			}
		}
		x.keyValue(table, plain)
		x.skipLine()
		lastEnd = x.i
	}
	if dropping {
		keep = len(src)
	}
	out.WriteString(src[keep:])
	return out.String()
}

// Without returns the indexed document without the top-level key name
// (see the function Without).
func (x *Index) Without(name string) string {
	return Without(x.src, name)
}
