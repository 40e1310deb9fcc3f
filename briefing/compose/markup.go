package compose

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"briefing/briefing/layout"
	"briefing/briefing/link"
	"briefing/briefing/localize"
	"briefing/briefing/markdown"
	"briefing/briefing/model"
)

// Format-2 texts: the blocks that package markdown parsed, walked into the
// blocks of the layout.

// codeFill shades code blocks.
var codeFill = layout.Color{R: 0xF1, G: 0xF3, B: 0xF5}

// markup is the state of walking one text: where it is written, its
// language's line breaking, the untranslated tag still to be put first.
type markup struct {
	c      *composer
	src    model.Source
	set    layout.Text
	ja     bool // emphasis as 傍点 (the text's language is Japanese)
	tagged bool // the untranslated tag is still to be put before the first text
	place  func(off int) model.Pos
	lang   string // the text's language when untranslated, else ""
}

// doc returns the parsed blocks of t in the briefing's language, the
// markup walker for them, and whether t has them (a format-2 text).
func (c *composer) doc(t model.Text, st layout.Style) ([]model.Block, *markup, bool) {
	if t.IsZero() {
		return nil, nil, false
	}
	s, ok := c.in(t)
	bs := t.Blocks(s)
	if bs == nil {
		return nil, nil, false
	}
	m := &markup{c: c, src: c.source(t), set: c.settings(st), ja: c.loc.Lang() == "ja", tagged: !ok, place: t.PlaceOf(s)}
	if !ok && len(t.Langs) > 0 {
		// Untranslated text is broken and emphasized by the rules of
		// its own language.
		l := localize.New(t.Langs[0].Lang)
		m.set.Breaking = l.Breaking()
		m.ja = l.Lang() == "ja"
		m.lang = untranslatedLang(t)
		m.set.Lang = m.lang
	}
	return bs, m, true
}

// richFlow adds t as running text when it is a format-2 text; it reports
// whether it did.
func (c *composer) richFlow(t model.Text, indent float64) bool {
	bs, m, ok := c.doc(t, c.body())
	if !ok {
		return false
	}
	for _, b := range m.blocks(bs, indent, 0) {
		c.add(b)
	}
	return true
}

// richSpans returns a format-2 text for a list item, a table cell or a
// key-value row: its first paragraph as spans in st, and the blocks after
// it (nil when there are none). ok is false for a format-1 text.
func (c *composer) richSpans(t model.Text, st layout.Style) (sp []layout.Span, more []layout.Block, ok bool) {
	bs, m, ok := c.doc(t, st)
	if !ok {
		return nil, nil, false
	}
	if len(bs) > 0 && bs[0].Kind == model.Para {
		sp = m.spans(bs[0].Inlines, st)
		bs = bs[1:]
	} else if m.tagged {
		sp = []layout.Span{c.tag()}
		m.tagged = false
	}
	if len(bs) > 0 {
		more = append([]layout.Block{layout.Spacer{Height: 3}}, m.blocks(bs, 0, 1)...)
	}
	return sp, more, true
}

// blocks walks bs into layout blocks at indent; depth counts the lists
// around them.
func (m *markup) blocks(bs []model.Block, indent float64, depth int) []layout.Block {
	c := m.c
	st := m.set.Style
	var out []layout.Block
	for i, b := range bs {
		last := i == len(bs)-1
		after := 5.0
		if depth > 0 && last {
			after = 0
		}
		switch b.Kind {
		case model.Para:
			out = append(out, layout.Paragraph{Text: m.set, Spans: m.spans(b.Inlines, st), Indent: indent, SpaceAfter: after})
		case model.List:
			out = append(out, m.list(b, indent, depth, after))
		case model.Code:
			if m.tagged {
				// A code block draws no spans: the tag goes on a line of its own.
				out = append(out, layout.Paragraph{Text: m.set, Spans: m.spans(nil, st), Indent: indent, SpaceAfter: 2})
			}
			out = append(out, m.code(b.Code, b.CodeOff, indent, after))
		case model.Quote:
			inner := m.blocks(b.Blocks, 0, depth+1)
			out = append(out, layout.Quote{Blocks: inner, Indent: indent + 2, RuleColor: c.th.Rule, SpaceAfter: after})
		case model.Grid:
			out = append(out, m.table(b.Table, after))
		}
	}
	return out
}

// check reports the characters of s, written at byte off of the text,
// that face cannot draw, each at its own line and column.
func (m *markup) check(face layout.Face, s string, off int) {
	c := m.c
	if c.th.Metrics == nil {
		return
	}
	for _, r := range c.missing(face, s) {
		src := m.src
		if k := strings.IndexRune(s, r); k >= 0 && off >= 0 && m.place != nil {
			src.Pos = m.place(off + k)
		}
		c.check(src, face, string(r))
	}
}

// bullets are the markers of bullet lists by depth: •, then ◦, then –.
var bullets = []string{"•", "◦", "–"}

// Checkboxes of task list items: the marker of a bullet item, after the
// number of a numbered one. A filled square for done and an empty one
// for open, as paper forms in Japan and elsewhere tick them; one design
// and width, so the items' texts line up.
const (
	boxOpen = "□"
	boxDone = "■"
)

func (m *markup) list(b model.Block, indent float64, depth int, after float64) layout.Block {
	c := m.c
	st := m.set.Style
	items := make([]layout.ListItem, len(b.Items))
	for i, it := range b.Items {
		marker := bullets[depth%len(bullets)]
		if depth == 0 {
			marker = c.bullet()
		}
		box := ""
		switch it.Task {
		case model.TaskOpen:
			box = boxOpen
		case model.TaskDone:
			box = boxDone
		}
		if box != "" {
			marker = box
		}
		if b.Ordered {
			marker = c.loc.Index(b.Start+i) + "."
		}
		c.check(m.src, layout.Regular, marker)
		bs := it.Blocks
		var sp []layout.Span
		if len(bs) > 0 && bs[0].Kind == model.Para {
			sp = m.spans(bs[0].Inlines, st)
			bs = bs[1:]
		} else if m.tagged {
			sp = m.spans(nil, st) // the tag, on the marker's line
		}
		if box != "" && b.Ordered {
			c.check(m.src, layout.Regular, box)
			sp = append([]layout.Span{{Text: box + " ", Style: st}}, sp...)
		}
		items[i] = layout.ListItem{Marker: marker, Spans: sp}
		if len(bs) > 0 {
			more := m.blocks(bs, 0, depth+1)
			if len(sp) > 0 {
				more = append([]layout.Block{layout.Spacer{Height: 2}}, more...)
			}
			items[i].Blocks = more
		}
	}
	return layout.List{Text: m.set, Items: items, Indent: indent + 4, ItemSpacing: 2, SpaceAfter: after}
}

func (m *markup) code(code string, off int, indent, after float64) layout.Block {
	c := m.c
	st := c.style(layout.Mono, sizeSmall+0.5, c.th.Text)
	code = strings.TrimSuffix(code, "\n")
	m.check(layout.Mono, code, off)
	fill := codeFill
	return layout.Code{Text: layout.Text{Style: st, Leading: 1.45}, Code: code, Indent: indent, Fill: &fill, SpaceAfter: after}
}

// table is a GFM table in the table engine of the procurement table: a
// column the delimiter row leaves unaligned is set right when every body
// cell of it is a number.
func (m *markup) table(t *model.Table, after float64) layout.Block {
	c := m.c
	hs := c.style(layout.Bold, sizeTable, c.th.Accent)
	st := c.style(layout.Regular, sizeTable, c.th.Text)
	cols := make([]layout.Column, len(t.Header))
	for i, h := range t.Header {
		a := model.AlignNone
		if i < len(t.Align) {
			a = t.Align[i]
		}
		var al layout.Align
		switch a {
		case model.AlignRight:
			al = layout.Right
		case model.AlignCenter:
			al = layout.Center
		case model.AlignNone:
			if numericColumn(t.Rows, i) {
				al = layout.Right
			}
		}
		cols[i] = layout.Column{Header: m.spans(h, hs), Align: al}
	}
	rows := make([]layout.Row, len(t.Rows))
	for r, row := range t.Rows {
		cells := make([][]layout.Span, len(cols))
		for i := range cols {
			if i < len(row) {
				cells[i] = m.spans(row[i], st)
			}
		}
		rows[r] = layout.Row{Cells: cells}
	}
	set := m.set
	set.Style = st
	return layout.Table{
		Text: set, Columns: cols, Rows: rows,
		HeaderStyle: hs, HeaderFill: c.th.AccentLight, RuleColor: c.th.Rule, EmphasisFill: c.th.AccentLight,
		Padding: 3.5, SpaceAfter: after,
	}
}

// numericColumn reports whether every non-empty body cell of column i is a
// number (digits with , . % + - and a currency or unit sign around them),
// and one is.
func numericColumn(rows [][][]model.Inline, i int) bool {
	any := false
	for _, row := range rows {
		if i >= len(row) {
			continue
		}
		var b strings.Builder
		for _, in := range row[i] {
			b.WriteString(in.Text)
		}
		s := strings.TrimSpace(b.String())
		if s == "" {
			continue
		}
		digits := false
		for _, r := range s {
			switch {
			case unicode.IsDigit(r):
				digits = true
			case strings.ContainsRune(",.%+-−$€¥£ ", r):
			default:
				return false
			}
		}
		if !digits {
			return false
		}
		any = true
	}
	return any
}

// spans returns inlines as spans in st: strong in the bold face, emphasis
// as 傍点 in Japanese and obliqued otherwise, struck text struck through,
// code in the fixed-width face, links in the accent colour, citations as
// （文献n） / [n], hard breaks as "\n", soft breaks joined by what is
// drawn on either side (markdown.Joiner): "参照[r1]\nです" is drawn
// 参照（文献1）です in Japanese.
func (m *markup) spans(ins []model.Inline, st layout.Style) (out []layout.Span) {
	c := m.c
	if m.lang != "" {
		defer func() { out = inLang(out, m.lang) }()
	}
	if m.tagged {
		out = append(out, c.tag())
		m.tagged = false
	}
	var soft []int // the spans of soft breaks, joined once all is drawn
	for _, in := range joinLinks(ins) {
		if in.Soft {
			soft = append(soft, len(out))
			out = append(out, layout.Span{Text: in.Text, Style: st})
			continue
		}
		s := st
		if in.Mark&model.Strong != 0 {
			s.Face = layout.Bold
		}
		if in.Mark&model.Mono != 0 {
			if s.Face == layout.Bold {
				s.Face = layout.MonoBold
			} else {
				s.Face = layout.Mono
			}
		}
		if in.Mark&model.Emph != 0 {
			if m.ja {
				s.Dots = true
			} else {
				s.Slant = true
			}
		}
		if in.Mark&model.Strike != 0 {
			s.Strike = true
		}
		switch {
		case in.Break:
			out = append(out, layout.Span{Text: "\n", Style: s})
		case in.Ref != "":
			src := m.src
			if m.place != nil && in.Off >= 0 {
				src.Pos = m.place(in.Off)
			}
			out = append(out, c.inline(src, in.Text, s)...)
		case in.URL != "":
			text := in.Text
			auto := text == in.URL || "mailto:"+text == in.URL
			// An autolink, a CVE or ATT&CK id is data, copied whole.
			whole := auto || in.URL == model.CVEURL(text) || in.URL == model.AttackURL(text)
			if auto {
				// An autolink draws its URL: as a url key's, never
				// refused for a glyph the fonts lack, copied whole.
				text = c.shownURL(text, s.Face)
			} else {
				text = Cited(c.inc, c.lang, text)
				m.check(s.Face, text, in.Off)
			}
			s.Color = c.th.Accent
			// The target in 7-bit ASCII, as a url key's.
			out = append(out, layout.Span{Text: text, Style: s, URL: link.Target(in.URL), Whole: whole})
		default:
			m.check(s.Face, in.Text, in.Off)
			out = append(out, layout.Span{Text: in.Text, Style: s, Code: in.Mark&model.Mono != 0})
		}
	}
	for _, k := range soft {
		a, b := drawnRune(out[:k], true), drawnRune(out[k+1:], false)
		if a != 0 && b != 0 {
			out[k].Text = markdown.Joiner(a, b)
		}
	}
	return out
}

// drawnRune returns the last (or first) character drawn by sp, skipping
// empty spans; 0 at a line break or when there is none.
func drawnRune(sp []layout.Span, last bool) rune {
	for i := range sp {
		k := i
		if last {
			k = len(sp) - 1 - i
		}
		t := sp[k].Text
		if t == "" {
			continue
		}
		var r rune
		if last {
			r, _ = utf8.DecodeLastRuneInString(t)
		} else {
			r, _ = utf8.DecodeRuneInString(t)
		}
		if r == '\n' {
			return 0
		}
		return r
	}
	return 0
}

// joinLinks returns ins with the adjacent pieces of one link's text in one
// mark joined (Markdown splits "[the advisory [r1]](…)" at its brackets),
// so that a citation in a link's text reads as one.
func joinLinks(ins []model.Inline) []model.Inline {
	split := false
	for i := 1; i < len(ins) && !split; i++ {
		split = ins[i].URL != "" && ins[i].URL == ins[i-1].URL
	}
	if !split {
		return ins
	}
	var out []model.Inline
	for i, in := range ins {
		if i > 0 && in.URL != "" && in.Ref == "" && !in.Break {
			last := &out[len(out)-1]
			if last.URL == in.URL && last.Mark == in.Mark && last.Ref == "" && !last.Break && last.Text != last.URL {
				last.Text += in.Text
				continue
			}
		}
		out = append(out, in)
	}
	return out
}
