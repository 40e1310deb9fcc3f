package validate

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"briefing/briefing/load"
	"briefing/briefing/markdown"
	"briefing/briefing/model"
	"briefing/internal/tomlkey"
)

// prose checks a text that format 2 reads as Markdown (summary, impact,
// handling, review, timeline, analysis texts, scenarios, risks,
// countermeasures, related): as text, then, in a format-2 file, parsed
// with package markdown into the text's Doc. Markup a briefing cannot show,
// links with a URL a url key would refuse and citations of unknown ids
// are errors at the line and column of the character in the file.
func (c *checker) prose(v load.Value, table, required string) model.Text {
	if c.format < 2 {
		return c.text(v, table, required)
	}
	c.markdown = true
	t := c.text(v, table, required)
	c.markdown = false
	if t.Plain != "" {
		raw, _ := v.V.(string)
		t.Doc, t.Place = c.parse(t.Plain, v.Key, raw)
	}
	for i := range t.Langs {
		l := &t.Langs[i]
		raw := ""
		if m, ok := v.V.(map[string]any); ok {
			for k, x := range m {
				if v.Key+"."+tomlkey.Quote(k) == l.Source.Key {
					raw, _ = x.(string)
				}
			}
		}
		l.Doc, l.Place = c.parse(l.Value, l.Source.Key, raw)
	}
	return t
}

// parse parses s, the cleaned value of the string at key whose value as
// TOML decoded it is raw, and reports its problems. It returns the blocks
// and the map from byte offsets of s to positions in the file.
func (c *checker) parse(s, key, raw string) ([]model.Block, func(int) model.Pos) {
	res := markdown.Parse(s)
	rawOff := rawOffsets(raw, s)
	at := func(off int) model.Pos {
		if p, ok := c.raw.Char(key, rawOff(off)); ok {
			return p
		}
		return c.loc(key)
	}
	for _, p := range res.Problems {
		c.errorf(at(p.Off), key, "%s", p.Message)
	}
	for _, l := range res.Links {
		c.link(load.Value{V: l.URL, Key: key, At: at(l.Off)})
	}
	walkInlines(res.Blocks, func(in model.Inline) {
		if in.Ref != "" {
			c.cites = append(c.cites, cite{in.Ref, key, at(in.Off)})
		}
	})
	return res.Blocks, at
}

// walkInlines calls fn on every inline of bs, in order.
func walkInlines(bs []model.Block, fn func(model.Inline)) {
	for _, b := range bs {
		for _, in := range b.Inlines {
			fn(in)
		}
		for _, it := range b.Items {
			walkInlines(it.Blocks, fn)
		}
		walkInlines(b.Blocks, fn)
		if t := b.Table; t != nil {
			for _, cell := range t.Header {
				for _, in := range cell {
					fn(in)
				}
			}
			for _, row := range t.Rows {
				for _, cell := range row {
					for _, in := range cell {
						fn(in)
					}
				}
			}
		}
	}
}

// rawOffsets returns the map from byte offsets of clean, the text raw
// cleaned (CR LF made LF, tabs spaces, NFC: see clean), back to bytes of
// raw. Inside a character that NFC changed, it gives the character's
// start. The table is built once, on first use, and only for a text that
// cleaning changed.
func rawOffsets(raw, clean string) func(off int) int {
	if raw == clean {
		return func(off int) int { return max(off, 0) }
	}
	var table []int
	return func(off int) int {
		if table == nil {
			table = offsetTable(raw)
		}
		return table[min(max(off, 0), len(table)-1)]
	}
}

// offsetTable maps each byte of raw cleaned (and its end) to its byte in
// raw.
func offsetTable(raw string) []int {
	// CR LF → LF: lf[i] is the byte of raw that byte i of s1 came from.
	var s1 strings.Builder
	lf := make([]int, 0, len(raw)+1)
	for i := 0; i < len(raw); i++ {
		if raw[i] == '\r' && i+1 < len(raw) && raw[i+1] == '\n' {
			continue
		}
		s1.WriteByte(raw[i])
		lf = append(lf, i)
	}
	lf = append(lf, len(raw))
	var out []int
	var it norm.Iter
	it.InitString(norm.NFC, s1.String())
	for !it.Done() {
		in := it.Pos()
		seg := it.Next()
		same := it.Pos()-in == len(seg)
		for k := range seg {
			if same {
				out = append(out, lf[in+k])
			} else {
				out = append(out, lf[in])
			}
		}
	}
	return append(out, len(raw))
}
