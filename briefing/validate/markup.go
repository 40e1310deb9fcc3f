package validate

import (
	"strings"
	"unicode"

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
		var ok bool
		t.Doc, t.Place, ok = c.parse(t.Plain, v.Key, raw)
		t.Plain = untab(t.Plain)
		if ok && !Visible(t.Doc) {
			// Only markup (">", "```", "&nbsp;", "- "): as empty as "".
			if required != "" {
				c.bad(v, "is empty (it has no text to show); %s", required)
			}
			t.Plain, t.Doc, t.Place = "", nil, nil
		}
	}
	for i := range t.Langs {
		l := &t.Langs[i]
		raw := ""
		if m, ok := v.V.(map[string]any); ok {
			for k, x := range m {
				if keyIn(l.Source.Key, v.Key, k) {
					raw, _ = x.(string)
				}
			}
		}
		var ok bool
		l.Doc, l.Place, ok = c.parse(l.Value, l.Source.Key, raw)
		l.Value = untab(l.Value)
		if ok && !Visible(l.Doc) {
			c.errorf(c.loc(l.Source.Key), l.Source.Key, "is empty (it has no text to show); leave the language out instead")
		}
	}
	return t
}

// untab is a Markdown text parsed, its tabs printed as spaces as in any
// other text (the parsed blocks have them as package markdown reads
// them); byte for byte, so that the offsets of the blocks stay those of
// the text.
func untab(s string) string {
	if strings.IndexByte(s, '\t') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\t", " ")
}

// keyIn reports whether key is the key path of k in the table at path
// table: table + "." + k quoted, compared without building it.
func keyIn(key, table, k string) bool {
	rest, ok := strings.CutPrefix(key, table)
	if !ok {
		return false
	}
	rest, ok = strings.CutPrefix(rest, ".")
	return ok && rest == tomlkey.Quote(k)
}

// parse parses s, the cleaned value of the string at key whose value as
// TOML decoded it is raw, and reports its problems. It returns the blocks
// and the map from byte offsets of s to positions in the file; ok is
// false when s has markup a briefing cannot show (reported).
func (c *checker) parse(s, key, raw string) (bs []model.Block, place func(int) model.Pos, ok bool) {
	res := markdown.Parse(s)
	rawOff := rawOffsets(raw, s)
	// at is kept in the text (Place) for later stages: it holds the
	// file's text, not the checker or the index of every key.
	chars, whole := c.raw.Chars(key), c.loc(key)
	at := func(off int) model.Pos {
		if p, ok := chars(rawOff(off)); ok {
			return p
		}
		return whole
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
	return res.Blocks, at, len(res.Problems) == 0
}

// Visible reports whether bs draw any text: a character not a space in a
// paragraph, list item, quote, table cell or code block. Markup alone
// (">", "```", "- ", "&nbsp;") draws none.
func Visible(bs []model.Block) bool {
	for _, b := range bs {
		if strings.TrimFunc(b.Code, unicode.IsSpace) != "" {
			return true
		}
		for _, it := range b.Items {
			if Visible(it.Blocks) {
				return true
			}
		}
		if Visible(b.Blocks) {
			return true
		}
	}
	found := false
	walkInlines(bs, func(in model.Inline) {
		if !in.Soft && strings.TrimFunc(in.Text, unicode.IsSpace) != "" {
			found = true
		}
	})
	return found
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
