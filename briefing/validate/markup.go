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
	at := func(off int) model.Pos {
		if p, ok := c.raw.Char(key, rawOffset(raw, s, off)); ok {
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

// rawOffset maps byte off of clean, the text raw cleaned (CR LF made LF,
// tabs spaces, NFC: see clean), back to its byte in raw. Inside a
// character that NFC changed, it gives the character's start.
func rawOffset(raw, clean string, off int) int {
	if off < 0 {
		return 0
	}
	if raw == clean {
		return off
	}
	// Undo CR LF → LF: lf[i] is the byte of raw that byte i of s1 came from.
	s1 := strings.ReplaceAll(raw, "\r\n", "\n")
	lf := func(i int) int {
		if len(s1) == len(raw) {
			return i
		}
		k := 0 // bytes of raw read
		for j := 0; j < i && k < len(raw); j++ {
			if raw[k] == '\r' && k+1 < len(raw) && raw[k+1] == '\n' {
				k++
			}
			k++
		}
		return k
	}
	var it norm.Iter
	it.InitString(norm.NFC, s1)
	out := 0
	for !it.Done() {
		in := it.Pos()
		seg := it.Next()
		if off < out+len(seg) {
			if next := it.Pos(); next-in == len(seg) {
				return lf(in + off - out)
			}
			return lf(in)
		}
		out += len(seg)
	}
	return lf(len(s1))
}
