package load

import (
	"bytes"
	"regexp"
	"sync"
	"unicode/utf8"
)

// idLine is a top-level `id = "…"` or `id = '…'` line: a string without
// escapes, then at most a comment.
var idLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^([ \t]*)id[ \t]*=[ \t]*(?:"([^"\\]*)"|'([^']*)')[ \t]*(?:#.*)?$`)
})

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
	topLines(data, func(n, _ int, l []byte) bool {
		if t := bytes.TrimLeft(l, " \t"); len(t) > 0 && t[0] == '[' {
			return false // the first table: the top level is over
		}
		if m := idLine().FindSubmatch(l); m != nil {
			v := m[2]
			if m[3] != nil {
				v = m[3]
			}
			id, line, col, ok = string(v), n, utf8.RuneCount(m[1])+1, true
			return false
		}
		return true
	})
	return id, line, col, ok
}
