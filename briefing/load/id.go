package load

import (
	"bytes"
	"regexp"
	"unicode/utf8"
)

// idLine is a top-level `id = "…"` or `id = '…'` line: a string without
// escapes, then at most a comment.
var idLine = regexp.MustCompile(`^([ \t]*)id[ \t]*=[ \t]*(?:"([^"\\]*)"|'([^']*)')[ \t]*(?:#.*)?$`)

// FindID finds the id an incident file gives, without decoding the file: the
// first line `id = "…"` (or a literal string) of the top level, before the
// first table header and outside multi-line strings, with its line and
// column (of the key, counted from 1 in characters). It reads no further
// than the first table, so a run can find the ids of a thousand files
// before rendering any (two files with one id must not overwrite each
// other's PDFs). ok is false when the id is not written that way (a
// quoted key, an escape): the file's id is then known only once it is
// loaded.
func FindID(data []byte) (id string, line, col int, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var open []byte // the delimiter of the multi-line string open, if any
	for n := 1; len(data) > 0; n++ {
		l := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		l = bytes.TrimSuffix(l, []byte("\r"))
		if open == nil {
			t := bytes.TrimLeft(l, " \t")
			if len(t) > 0 && t[0] == '[' {
				return "", 0, 0, false // the first table: the top level is over
			}
			if m := idLine.FindSubmatch(l); m != nil {
				v := m[2]
				if m[3] != nil {
					v = m[3]
				}
				return string(v), n, utf8.RuneCount(m[1]) + 1, true
			}
		}
		// Multi-line strings opened or closed on this line.
		for rest := l; ; {
			if open == nil {
				i, j := bytes.Index(rest, []byte(`"""`)), bytes.Index(rest, []byte(`'''`))
				switch {
				case i < 0 && j < 0:
				case j < 0 || (i >= 0 && i < j):
					open, rest = []byte(`"""`), rest[i+3:]
					continue
				default:
					open, rest = []byte(`'''`), rest[j+3:]
					continue
				}
				break
			}
			i := bytes.Index(rest, open)
			if i < 0 {
				break
			}
			open, rest = nil, rest[i+3:]
		}
	}
	return "", 0, 0, false
}
