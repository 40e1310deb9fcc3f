package theme

import (
	"strings"

	"briefing/internal/tomlkey"
)

// pos is a line and column (in characters) of a template file, from 1.
type pos struct{ line, col int }

// keyIndex maps the dotted key paths of a TOML document to where the line
// that writes them starts: "colors.accent", "headings.en.summary", and a
// table header's path ("headings.en") to its "[". A key inside an inline
// table is at the start of its parent key's line.
type keyIndex map[string]pos

func newKeyIndex(idx *tomlkey.Index) keyIndex {
	x := keyIndex{}
	for _, o := range idx.Occurrences() {
		path := strings.Join(o.Plain, ".")
		if _, ok := x[path]; !ok {
			x[path] = pos{o.Loc.Stmt.Line, o.Loc.Stmt.Col}
		}
	}
	return x
}

// at returns the position of path, or of its nearest ancestor that the
// index knows; line 0 when none is known.
func (x keyIndex) at(path string) pos {
	for {
		if p, ok := x[path]; ok {
			return p
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return pos{}
		}
		path = path[:i]
	}
}
