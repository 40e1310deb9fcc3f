// Package compose builds the blocks of one briefing — one incident in one
// language — for the layout: the title block, every section of the model
// briefing in its order under the template's headings, the pictures, and
// the furniture printed on every page (TLP label, running header, footer).
//
// Language rules come from package localize, headings and fixed words from
// the template (through [Theme]). Composing never fails: what cannot be
// shown as the author meant is reported in a [diag.List] — a warning for a
// text that lacks the briefing's language (the other language's text is
// used and tagged 未翻訳 / untranslated), an error for a character that no
// font of the template can draw (naming it as "U+1F525 🔥").
//
// # Anchors and links
//
// Reference n of the list has the anchor "ref-n"; every citation "[id]"
// renders as （文献n） / [n] with Dest "ref-n". Section headings have the
// anchor "sec-KEY" (e.g. "sec-summary") and a bookmark with their title.
// [BriefingWith] puts a prefix before every anchor and destination, so that
// several briefings can be bound into one document (a digest), and can give
// the title an outline entry with the sections nested under it.
package compose

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"briefing/briefing/diag"
	"briefing/briefing/layout"
	"briefing/briefing/link"
	"briefing/briefing/localize"
	"briefing/briefing/markdown"
	"briefing/briefing/model"
)

// Briefing composes the briefing of inc in lang. The returned diagnostics
// hold warnings (untranslated texts) and errors (characters the fonts lack);
// with errors the document is still complete, but should not be published.
func Briefing(inc *model.Incident, lang string, th Theme) (layout.Document, diag.List) {
	return briefing(inc, lang, th, Options{})
}

func briefing(inc *model.Incident, lang string, th Theme, opt Options) (layout.Document, diag.List) {
	if inc == nil {
		inc = &model.Incident{}
	}
	c := newComposer(inc, lang, th)
	c.opt = opt
	c.titleBlock()
	c.summary()
	c.figuresAfter("summary")
	c.timeline()
	c.figuresAfter("timeline")
	c.procurement()
	c.prose("impact", inc.Impact)
	c.figuresAfter("impact")
	c.prose("handling", inc.Handling)
	c.figuresAfter("handling")
	c.analysis()
	c.figuresAfter("analysis")
	c.vulnerabilities()
	c.indicators()
	c.risks()
	c.figuresAfter("risks")
	c.countermeasures()
	c.figuresAfter("countermeasures")
	c.prose("review", inc.Review)
	c.related()
	c.references()
	doc := layout.Document{Paper: c.paper(), Blocks: c.blocks}
	doc.Furniture = c.furniture()
	c.diags.Sort()
	return doc, c.diags
}

// composer holds the state of composing one briefing.
type composer struct {
	inc    *model.Incident
	lang   string
	loc    localize.Locale
	th     Theme
	opt    Options
	refs   map[string]int // reference id → number
	blocks []layout.Block
	diags  diag.List
	warned map[string]bool // "key" or "key\x00rune" already reported
	drawn  drawable        // the characters each face draws, as asked (see facesOf)
	nfig   int             // figures numbered so far
}

func newComposer(inc *model.Incident, lang string, th Theme) *composer {
	c := &composer{
		inc:    inc,
		lang:   lang,
		loc:    localize.New(lang),
		th:     th,
		refs:   map[string]int{},
		warned: map[string]bool{},
	}
	for i, r := range inc.References {
		c.refs[r.ID] = i + 1
	}
	return c
}

func (c *composer) paper() layout.Paper {
	if c.th.Paper == (layout.Paper{}) {
		return layout.A4
	}
	return c.th.Paper
}

func (c *composer) add(b ...layout.Block) { c.blocks = append(c.blocks, b...) }

// --- styles ---------------------------------------------------------------

func (c *composer) style(face layout.Face, size float64, col layout.Color) layout.Style {
	return layout.Style{Face: face, Size: size, Color: col}
}

func (c *composer) body() layout.Style { return c.style(layout.Regular, sizeBody, c.th.Text) }

func (c *composer) settings(st layout.Style) layout.Text {
	return layout.Text{Style: st, Breaking: c.loc.Breaking()}
}

// --- checked text ---------------------------------------------------------

// check reports every character of s that face cannot draw as an error at
// src, once per key and character.
func (c *composer) check(src model.Source, face layout.Face, s string) {
	if c.th.Metrics == nil {
		return
	}
	for _, r := range c.missing(face, s) {
		k := src.Key + "\x00" + string(r)
		if c.warned[k] {
			continue
		}
		c.warned[k] = true
		c.diags = append(c.diags, diag.Diagnostic{
			Severity: diag.Error, File: c.inc.File, Line: src.Pos.Line, Col: src.Pos.Col, Key: src.Key,
			Message: fmt.Sprintf("character %s cannot be drawn: %s", layout.RuneName(r), c.chainHint(face)),
		})
	}
}

// missing returns the characters of s that face cannot draw, as
// layout.Missing does, remembering which characters the faces draw.
func (c *composer) missing(face layout.Face, s string) []rune {
	if c.drawn.m == nil {
		c.drawn = drawable{m: c.th.Metrics, faces: facesOf(c.th.Metrics)}
	}
	return c.drawn.missing(face, s)
}

// chainNamer is a Metrics that names the fonts of a face's chain, as the
// template's [fonts] key and its fonts.
type chainNamer interface {
	ChainNames(face layout.Face) string
}

// chainHint says which fonts lack a character: "no font of fonts.mono
// (…) has it; remove or replace it, or add a font that has it to
// fonts.mono" when the Metrics names the face's fonts (another face's
// chain may have it), else "no font of the template has it; remove or
// replace it".
func (c *composer) chainHint(face layout.Face) string {
	if n, ok := c.th.Metrics.(chainNamer); ok {
		if names := n.ChainNames(face); names != "" {
			key, _, _ := strings.Cut(names, " (")
			return "no font of " + names + " has it; remove or replace it, or add a font that has it to " + key
		}
	}
	return "no font of the template has it; remove or replace it"
}

// link is the span of a URL: drawn as link.Shown gives it for the fonts of
// the template, so that a URL is never refused for a character the fonts
// lack, and linking to its ASCII form (link.Target).
func (c *composer) link(url string, st layout.Style) layout.Span {
	return layout.Span{Text: c.shownURL(url, st.Face), Style: st, URL: link.Target(url), Whole: true}
}

// shownURL is url as drawn in face: link.Shown for the template's fonts.
func (c *composer) shownURL(url string, face layout.Face) string {
	m := c.th.Metrics
	if m == nil {
		return url
	}
	return link.Shown(url, func(r rune) bool {
		_, ok := m.Advance(face, r)
		return ok && r != utf8.RuneError
	})
}

// word returns the template's fixed word key, checked against the fonts.
func (c *composer) word(key string, face layout.Face) string {
	s := c.wordRaw(key)
	c.check(model.Source{Key: "template words." + c.loc.Lang() + "." + key}, face, s)
	return s
}

func (c *composer) wordRaw(key string) string {
	if c.th.Words == nil {
		return key
	}
	if s := c.th.Words.Word(c.loc.Lang(), key); s != "" {
		return s
	}
	return key
}

func (c *composer) headingText(key string) string {
	s := key
	if c.th.Words != nil {
		if h := c.th.Words.Heading(c.loc.Lang(), key); h != "" {
			s = h
		}
	}
	c.check(model.Source{Key: "template headings." + c.loc.Lang() + "." + key}, layout.Bold, s)
	return s
}

// fixed returns a span of generated text (dates, counts, labels), checked
// against the fonts under src.
func (c *composer) fixed(src model.Source, s string, st layout.Style) layout.Span {
	c.check(src, st.Face, s)
	return layout.Span{Text: s, Style: st}
}

// in returns t in the briefing's language. When t lacks it, the other
// language's text is returned with translated false, and a warning is
// reported once for t's key.
func (c *composer) in(t model.Text) (string, bool) {
	s, ok := localize.Text(t, c.lang)
	if !ok && !c.warned[t.Key] {
		c.warned[t.Key] = true
		c.diags = append(c.diags, diag.Diagnostic{
			Severity: diag.Warning, File: c.inc.File, Line: t.Pos.Line, Col: t.Pos.Col, Key: t.Key,
			Message: "not translated into " + c.lang,
		})
	}
	return s, ok
}

// source is where the value of t that the briefing shows is written: its
// language's key ("title.en") where the file gave one, else t's key.
func (c *composer) source(t model.Text) model.Source {
	want := c.lang
	if _, ok := localize.Text(t, c.lang); !ok && len(t.Langs) > 0 {
		want = t.Langs[0].Lang
	}
	for _, try := range []string{want, localize.New(want).Lang()} {
		for _, l := range t.Langs {
			if l.Lang == try && l.Source.Key != "" {
				return l.Source
			}
		}
	}
	return t.Source
}

// bullet is the marker of a bullet item, checked against the fonts.
func (c *composer) bullet() string {
	b := c.loc.Bullet()
	c.check(model.Source{Key: "template fonts"}, layout.Regular, b)
	return b
}

// tag is the small 未翻訳 / untranslated mark put before an untranslated text.
func (c *composer) tag() layout.Span {
	w := c.word("untranslated", layout.Bold)
	// In the briefing's language, inside a passage in another.
	return layout.Span{Text: "[" + w + "] ", Style: c.style(layout.Bold, sizeTag, c.th.RiskHigh), Lang: c.lang}
}

// inline returns the spans of a one-line piece of text s from t: literal
// text in st, citations as （文献n） / [n] linked to the reference.
func (c *composer) inline(src model.Source, s string, st layout.Style) []layout.Span {
	c.check(src, st.Face, s)
	var out []layout.Span
	for _, seg := range model.Segments(s) {
		if seg.Ref == "" {
			out = append(out, layout.Span{Text: seg.Text, Style: st})
			continue
		}
		n, ok := c.refs[seg.Ref]
		if !ok {
			// Validation rejects unknown citations; keep the text as written.
			out = append(out, layout.Span{Text: seg.Text, Style: st})
			continue
		}
		cs := st
		cs.Color = c.th.Accent
		out = append(out, c.fixed(src, c.loc.Citation(n), cs))
		out[len(out)-1].Dest = c.anchor(refAnchor(n))
		out[len(out)-1].Cite = true
	}
	return out
}

// spans returns t as one run of spans in st, for table cells, list items
// and key-value rows: the lines of a paragraph joined, bullet items on
// lines of their own (the layout breaks lines at "\n"), paragraphs apart
// ("\n\n", which the layout sets as a small gap), tagged when
// untranslated.
func (c *composer) spans(t model.Text, st layout.Style) (out []layout.Span) {
	if t.IsZero() {
		return nil
	}
	s, ok := c.in(t)
	src := c.source(t)
	if !ok {
		out = append(out, c.tag())
	}
	defer func() {
		if !ok {
			out = inLang(out, untranslatedLang(t))
		}
	}()
	sep := " "
	if c.loc.Breaking() == layout.Japanese {
		sep = ""
	}
	var paras []string
	for _, p := range paragraphs(s) {
		var lines, text []string
		for _, l := range p {
			if item, isItem := bullet(l); isItem {
				if len(text) > 0 {
					lines = append(lines, c.joinLines(text, sep))
					text = nil
				}
				lines = append(lines, c.bullet()+item)
				continue
			}
			text = append(text, strings.TrimSpace(l))
		}
		if len(text) > 0 {
			lines = append(lines, c.joinLines(text, sep))
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
		}
	}
	// A blank line between paragraphs: the layout sets it as a gap.
	return append(out, c.inline(src, strings.Join(paras, "\n\n"), st)...)
}

// joinLines joins the lines of a paragraph of a short value (a table
// cell, a key-value row, a caption): in a format-2 file by the characters
// around each break, as texts are ([JoinLines]); in a format-1 file with
// sep, as format 1 did.
func (c *composer) joinLines(lines []string, sep string) string {
	if c.inc.Format < 2 {
		return strings.Join(lines, sep)
	}
	return JoinLines(lines)
}

// JoinLines joins lines by the characters around each break
// ([markdown.Joiner]): nothing between two Japanese characters, a space
// otherwise ("line one" / "line two" is "line one line two", "改行の" /
// "結合" is "改行の結合"). The lines are trimmed.
func JoinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			a, _ := utf8.DecodeLastRuneInString(lines[i-1])
			r, _ := utf8.DecodeRuneInString(l)
			b.WriteString(markdown.Joiner(a, r))
		}
		b.WriteString(l)
	}
	return b.String()
}

// item returns t for a list item or a key-value row: as spans, and, for a
// format-2 text, the blocks after its first paragraph.
func (c *composer) item(t model.Text, st layout.Style) ([]layout.Span, []layout.Block) {
	if sp, more, ok := c.richSpans(t, st); ok {
		return sp, more
	}
	return c.spans(t, st), nil
}

// flow adds t as running text: a paragraph per blank-line separated part,
// lines starting with "- " as bullet lists.
func (c *composer) flow(t model.Text, indent float64) {
	if t.IsZero() || c.richFlow(t, indent) {
		return
	}
	s, ok := c.in(t)
	src := c.source(t)
	st := c.body()
	first := true
	lead := func() []layout.Span {
		if first && !ok {
			first = false
			return []layout.Span{c.tag()}
		}
		first = false
		return nil
	}
	// Untranslated text is broken by the rules of its own language, and
	// read in it.
	set := c.settings(st)
	if !ok && len(t.Langs) > 0 {
		set.Breaking = localize.New(t.Langs[0].Lang).Breaking()
		set.Lang = untranslatedLang(t)
	}
	joinSep := " "
	if set.Breaking == layout.Japanese {
		joinSep = ""
	}
	for _, p := range paragraphs(s) {
		var text []string
		var items []layout.ListItem
		flushText := func() {
			if len(text) == 0 {
				return
			}
			sp := append(lead(), c.inline(src, strings.Join(text, joinSep), st)...)
			c.add(layout.Paragraph{Text: set, Spans: sp, Indent: indent, SpaceAfter: 5})
			text = nil
		}
		flushItems := func() {
			if len(items) == 0 {
				return
			}
			c.add(layout.List{Text: set, Items: items, Indent: indent + 4, ItemSpacing: 2, SpaceAfter: 5})
			items = nil
		}
		for _, l := range p {
			if item, isItem := bullet(l); isItem {
				flushText()
				items = append(items, layout.ListItem{Marker: c.bullet(), Spans: append(lead(), c.inline(src, item, st)...)})
				continue
			}
			if len(items) > 0 && len(text) == 0 && strings.HasPrefix(l, "  ") {
				// A continuation line of a bullet item.
				last := &items[len(items)-1]
				last.Spans = append(last.Spans, c.inline(src, joinSep+strings.TrimSpace(l), st)...)
				continue
			}
			flushItems()
			text = append(text, strings.TrimSpace(l))
		}
		flushText()
		flushItems()
	}
}

// paragraphs splits s into paragraphs at blank lines; each paragraph is its
// non-empty lines, right-trimmed.
func paragraphs(s string) [][]string {
	var out [][]string
	var cur []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		l = strings.TrimRight(l, " \t\u3000")
		if strings.TrimSpace(l) == "" {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// bullet reports whether line l is a bullet item ("- text") and returns its text.
func bullet(l string) (string, bool) {
	t := strings.TrimLeft(l, " \t")
	if strings.HasPrefix(t, "- ") {
		return strings.TrimSpace(t[2:]), true
	}
	return "", false
}

func refAnchor(n int) string { return "ref-" + strconv.Itoa(n) }

// --- headings -------------------------------------------------------------

func (c *composer) h1(key string) {
	title := c.headingText(key)
	st := c.style(layout.Bold, sizeH1, c.th.Accent)
	c.add(layout.Heading{
		Text:  layout.Text{Style: st, Breaking: c.loc.Breaking(), Leading: 1.3},
		Spans: []layout.Span{{Text: title, Style: st}}, Level: 1 + c.depth(),
		Bookmark: title, Anchor: c.anchor("sec-" + key),
		Rule: true, RuleColor: c.th.Accent,
		SpaceBefore: 16, SpaceAfter: 7,
	})
}

func (c *composer) h2(key string) {
	title := c.headingText(key)
	st := c.style(layout.Bold, sizeH2, c.th.Accent)
	c.add(layout.Heading{
		Text:  layout.Text{Style: st, Breaking: c.loc.Breaking(), Leading: 1.3},
		Spans: []layout.Span{{Text: title, Style: st}}, Level: 2 + c.depth(),
		Bookmark: title, Anchor: c.anchor("sec-" + key),
		SpaceBefore: 8, SpaceAfter: 3,
	})
}

// --- sections -------------------------------------------------------------

func (c *composer) titleBlock() {
	inc := c.inc
	st := c.style(layout.Bold, sizeTitle, c.th.Text)
	// A heading, not a paragraph: not justified, and kept with what follows.
	title := layout.Heading{
		Text:       layout.Text{Style: st, Breaking: c.loc.Breaking(), Leading: 1.3},
		Spans:      c.spans(inc.Title, st),
		Level:      0,
		SpaceAfter: 8,
	}
	if c.opt.Outline {
		title.Level = 1
		title.Bookmark, _ = localize.Text(inc.Title, c.lang)
		title.Bookmark = TitleLine(inc, c.lang, Cited(inc, c.lang, title.Bookmark))
		title.Anchor = c.anchor(TitleAnchor)
	}
	c.add(title)
	ks := c.style(layout.Bold, sizeMeta, c.th.Muted)
	vs := c.style(layout.Regular, sizeMeta, c.th.Text)
	var rows []layout.KeyValueRow
	row := func(key string, value []layout.Span) {
		if len(value) == 0 {
			return
		}
		rows = append(rows, layout.KeyValueRow{Key: []layout.Span{{Text: c.word(key, layout.Bold), Style: ks}}, Value: value})
	}
	if inc.Case != "" {
		row("case", []layout.Span{c.fixed(c.inc.Source("case"), inc.Case, vs)})
	}
	if inc.Status == model.Draft {
		ds := vs
		ds.Face = layout.Bold
		ds.Color = c.th.RiskHigh
		row("status", []layout.Span{{Text: c.word("draft", layout.Bold), Style: ds}})
	}
	row("as_of", []layout.Span{c.fixed(c.inc.Source("date"), c.loc.Date(inc.Date), vs)})
	if !inc.Updated.IsZero() {
		row("updated", []layout.Span{c.fixed(c.inc.Source("updated"), c.loc.Date(inc.Updated), vs)})
	}
	if inc.Severity != "" {
		sv := vs
		sv.Face = layout.Bold
		if inc.Severity == "high" || inc.Severity == "critical" {
			sv.Color = c.th.RiskHigh
		}
		row("severity", []layout.Span{{Text: c.word("severity_"+string(inc.Severity), layout.Bold), Style: sv}})
	}
	if inc.Confidence != "" {
		row("confidence", []layout.Span{{Text: c.word("confidence_"+string(inc.Confidence), layout.Regular), Style: vs}})
	}
	// The marking as the label on every page shows it: FIRST's colour on
	// black.
	tv := vs
	tv.Face = layout.Bold
	fg, bg := TLPColors(c.tlp())
	tv.Color = fg
	row("tlp", []layout.Span{{Text: "TLP:" + string(c.tlp()), Style: tv, Fill: &bg}})
	if len(inc.Tags) > 0 {
		for i, tag := range inc.Tags {
			c.check(c.inc.Source(fmt.Sprintf("tags[%d]", i+1)), layout.Regular, tag)
		}
		row("tags", []layout.Span{{Text: c.loc.Join(uniqueTags(inc.Tags)), Style: vs}})
	}
	row("author", c.spans(inc.Author, vs))
	c.add(layout.KeyValue{Text: c.settings(vs), Rows: rows, KeyStyle: ks, SpaceAfter: 6})
}

func (c *composer) tlp() model.TLP {
	if c.inc.TLP == "" {
		return model.TLPClear
	}
	return c.inc.TLP
}

func (c *composer) summary() {
	if c.inc.Summary.IsZero() {
		return
	}
	c.h1("summary")
	c.flow(c.inc.Summary, 0)
}

func (c *composer) prose(key string, t model.Text) {
	if t.IsZero() {
		return
	}
	c.h1(key)
	c.flow(t, 0)
}

func (c *composer) timeline() {
	evs := c.inc.Timeline
	if len(evs) == 0 {
		return
	}
	c.h1("timeline")
	dated := false
	for _, e := range evs {
		if !e.When.IsZero() || !e.At.IsZero() {
			dated = true
		}
	}
	if !dated {
		for _, e := range evs {
			c.flow(e.Text, 0)
		}
		return
	}
	st := c.body()
	ks := c.style(layout.Bold, sizeBody, c.th.Accent)
	var rows []layout.KeyValueRow
	for i, e := range evs {
		var key []layout.Span
		if !e.When.IsZero() || !e.At.IsZero() {
			src := c.inc.Source(fmt.Sprintf("timeline[%d].when", i+1))
			when := c.loc.Period(e.When)
			if !e.At.IsZero() {
				when = c.moment(e.At)
			}
			key = []layout.Span{c.fixed(src, when, ks)}
		}
		value, more := c.item(e.Text, st)
		rows = append(rows, layout.KeyValueRow{Key: key, Value: value, Blocks: more})
	}
	c.add(layout.KeyValue{Text: c.settings(st), Rows: rows, KeyStyle: ks, SpaceAfter: 6})
}

// Totals are the computed totals of a procurement table.
type Totals struct {
	Products  int // rows
	Countries int // distinct supplier countries, unknown not counted
	Users     int // terminals
}

// ProcurementTotals counts the products, distinct supplier countries and
// terminals of a procurement table.
func ProcurementTotals(items []model.Purchase) Totals {
	var t Totals
	seen := map[string]bool{}
	for _, it := range items {
		t.Products++
		t.Users += it.Users
		for _, cc := range it.Countries {
			cc = strings.ToUpper(cc)
			if !seen[cc] {
				seen[cc] = true
				t.Countries++
			}
		}
	}
	return t
}

func (c *composer) procurement() {
	p := c.inc.Procurement
	if p == nil || len(p.Items) == 0 {
		return
	}
	c.h1("procurement")
	// A caption that only repeats the heading is left out.
	if cap, _ := localize.Text(p.Caption, c.lang); !p.Caption.IsZero() && strings.TrimSpace(cap) != c.headingText("procurement") {
		st := c.style(layout.Bold, sizeSmall+0.5, c.th.Text)
		c.add(layout.Paragraph{Text: c.settings(st), Spans: c.spans(p.Caption, st), SpaceAfter: 3, Role: "Caption"})
	}
	hasVendor := false
	for _, it := range p.Items {
		if !it.Vendor.IsZero() {
			hasVendor = true
		}
	}
	hs := c.style(layout.Bold, sizeTable, c.th.Accent)
	st := c.style(layout.Regular, sizeTable, c.th.Text)
	col := func(key string, a layout.Align) layout.Column {
		return layout.Column{Header: []layout.Span{{Text: c.word(key, layout.Bold), Style: hs}}, Align: a}
	}
	cols := []layout.Column{col("ordered", layout.Left), col("product", layout.Left)}
	if hasVendor {
		cols = append(cols, col("vendor", layout.Left))
	}
	cols = append(cols, col("term", layout.Right), col("users", layout.Right), col("country", layout.Left))
	// The cells that show the same text (a month, a term, a count, a
	// country: a long table repeats them) share one slice of spans, each
	// still checked for its own row's messages: a table of 50,000 rows
	// holds its products' names, not 200,000 copies of a few hundred
	// cells.
	shared := map[layout.Span][]layout.Span{}
	same := func(sp layout.Span) []layout.Span {
		if cs, ok := shared[sp]; ok {
			return cs
		}
		cs := []layout.Span{sp}
		shared[sp] = cs
		return cs
	}
	rows := make([]layout.Row, 0, len(p.Items)+1)
	for _, it := range p.Items {
		src := func(k string, p model.Pos) model.Source {
			if p.Line == 0 {
				p = model.Pos{Line: 1, Col: 1}
			}
			return model.Source{Key: it.Source.Key + "." + k, Pos: p}
		}
		cells := make([][]layout.Span, 0, len(cols))
		cells = append(cells,
			same(c.fixed(src("ordered", it.OrderedAt), c.loc.Period(it.Ordered), st)),
			c.spans(it.Product, st))
		if hasVendor {
			cells = append(cells, c.spans(it.Vendor, st))
		}
		country := c.loc.Countries(it.Countries, "")
		if country == "" {
			mu := st
			mu.Color = c.th.Muted
			cells = append(cells,
				same(c.fixed(src("term_months", it.TermAt), c.loc.Term(it.TermMonths), st)),
				same(c.fixed(src("users", it.UsersAt), c.loc.Users(it.Users), st)),
				same(layout.Span{Text: c.word("unknown", layout.Regular), Style: mu}))
		} else {
			cells = append(cells,
				same(c.fixed(src("term_months", it.TermAt), c.loc.Term(it.TermMonths), st)),
				same(c.fixed(src("users", it.UsersAt), c.loc.Users(it.Users), st)),
				same(c.fixed(src("country", it.CountryAt), country, st)))
		}
		rows = append(rows, layout.Row{Cells: cells})
	}
	tot := ProcurementTotals(p.Items)
	bs := c.style(layout.Bold, sizeTable, c.th.Text)
	src := c.inc.Source("procurement")
	totals := [][]layout.Span{
		{{Text: c.word("total", layout.Bold), Style: bs}},
		{c.fixed(src, c.loc.Products(tot.Products), bs)},
	}
	if hasVendor {
		totals = append(totals, nil)
	}
	totals = append(totals, nil,
		[]layout.Span{c.fixed(src, c.loc.Users(tot.Users), bs)},
		[]layout.Span{c.fixed(src, c.loc.CountryCount(tot.Countries), bs)})
	rows = append(rows, layout.Row{Cells: totals, Emphasis: true})
	_, sourced := c.refs[p.Source]
	c.add(layout.Table{
		Text: c.settings(st), Columns: cols, Rows: rows,
		HeaderStyle: hs, HeaderFill: c.th.AccentLight, RuleColor: c.th.Rule, EmphasisFill: c.th.AccentLight,
		Padding: 3.5, SpaceAfter: 3,
		// The source line under the table never starts a page alone.
		KeepWithNext: p.Source != "" && sourced,
	})
	if p.Source != "" {
		if n, ok := c.refs[p.Source]; ok {
			ss := c.style(layout.Regular, sizeSmall, c.th.Muted)
			ls := ss
			ls.Color = c.th.Accent
			label := c.word("source", layout.Regular)
			prefix := c.loc.Label(label, "")
			c.add(layout.Paragraph{Text: c.settings(ss), Spans: []layout.Span{
				{Text: prefix, Style: ss},
				{Text: c.loc.Reference(n), Style: ls, Dest: c.anchor(refAnchor(n))},
			}, SpaceAfter: 6})
		}
	}
	c.procurementFigure(p.Items)
}

func (c *composer) analysis() {
	a := c.inc.Analysis
	if a == nil {
		return
	}
	if a.Method.IsZero() && len(a.KillChain) == 0 && len(a.Attack) == 0 &&
		a.SuccessFactors.IsZero() && a.Actor.IsZero() && len(a.Scenarios) == 0 {
		return
	}
	c.h1("analysis")
	if !a.Method.IsZero() {
		c.h2("method")
		c.flow(a.Method, 0)
	}
	if len(a.KillChain) > 0 {
		c.h2("kill_chain")
		st := c.body()
		names := make([]string, len(a.KillChain))
		for i, ph := range a.KillChain {
			names[i] = c.word("phase_"+string(ph), layout.Regular)
		}
		// The phases named, then the chain drawn: kept on one page.
		c.add(layout.Paragraph{Text: c.settings(st), Spans: []layout.Span{{Text: c.loc.Join(names), Style: st}}, SpaceAfter: 4, KeepWithNext: true})
		c.killChainFigure(a.KillChain)
	}
	if len(a.Attack) > 0 {
		c.h2("attack")
		st := c.body()
		ls := st
		ls.Color = c.th.Accent
		var sp []layout.Span
		for i, id := range a.Attack {
			if i > 0 {
				sp = append(sp, layout.Span{Text: c.loc.Separator(), Style: st})
			}
			c.check(c.inc.Source(fmt.Sprintf("analysis.attack[%d]", i+1)), layout.Regular, id)
			sp = append(sp, layout.Span{Text: id, Style: ls, URL: AttackURL(id), Whole: true})
		}
		c.add(layout.Paragraph{Text: c.settings(st), Spans: sp, SpaceAfter: 5})
	}
	if !a.SuccessFactors.IsZero() {
		c.h2("success_factors")
		c.flow(a.SuccessFactors, 0)
	}
	if !a.Actor.IsZero() || len(a.Scenarios) > 0 {
		c.h2("actor")
		c.flow(a.Actor, 0)
		if len(a.Scenarios) > 0 {
			st := c.body()
			items := make([]layout.ListItem, len(a.Scenarios))
			for i, s := range a.Scenarios {
				marker := c.loc.Scenario(i + 1)
				c.check(s.Source, st.Face, marker)
				sp, more := c.item(s, st)
				items[i] = layout.ListItem{Marker: marker, Spans: sp, Blocks: more}
			}
			c.add(layout.List{Text: c.settings(st), Items: items, Indent: 4, ItemSpacing: 3, SpaceAfter: 6})
		}
	}
}

// AttackURL is the page of a MITRE ATT&CK technique: T1195 →
// https://attack.mitre.org/techniques/T1195/, T1195.002 →
// https://attack.mitre.org/techniques/T1195/002/.
func AttackURL(id string) string { return model.AttackURL(id) }

// SortRisks returns the risks ordered by likelihood × impact, highest first;
// risks of equal score keep their file order. The risk list and the risk
// matrix number risks by this order, from 1.
func SortRisks(risks []model.Risk) []model.Risk {
	out := append([]model.Risk(nil), risks...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score() > out[j].Score() })
	return out
}

func (c *composer) risks() {
	if len(c.inc.Risks) == 0 {
		return
	}
	c.h1("risks")
	sorted := SortRisks(c.inc.Risks)
	c.riskFigure(sorted)
	st := c.body()
	ts := c.style(layout.Bold, sizeBody, c.th.Text)
	ms := c.style(layout.Regular, sizeSmall, c.th.Muted)
	items := make([]layout.ListItem, len(sorted))
	for i, r := range sorted {
		sp := c.spans(r.Title, ts)
		meta := c.loc.Label(c.word("likelihood", layout.Regular), c.loc.Number(r.Likelihood)) +
			"  " + c.loc.Label(c.word("impact_axis", layout.Regular), c.loc.Number(r.Impact))
		sp = append(sp, layout.Span{Text: "\n" + meta, Style: ms})
		var more []layout.Block
		if !r.Text.IsZero() {
			var text []layout.Span
			text, more = c.item(r.Text, st)
			if len(text) > 0 {
				sp = append(sp, layout.Span{Text: "\n", Style: st})
				sp = append(sp, text...)
			}
		}
		items[i] = layout.ListItem{Marker: c.loc.Index(i+1) + ".", Spans: sp, Blocks: more}
	}
	c.add(layout.List{Text: c.settings(st), Items: items, Indent: 4, ItemSpacing: 5, SpaceAfter: 6})
}

// Groups of countermeasures.
func groupCountermeasures(cms []model.Countermeasure) (short, midLong []model.Countermeasure) {
	for _, cm := range cms {
		if cm.Term == "short" {
			short = append(short, cm)
		}
	}
	for _, term := range []model.Term{"mid", "long"} {
		for _, cm := range cms {
			if cm.Term == term {
				midLong = append(midLong, cm)
			}
		}
	}
	return short, midLong
}

func (c *composer) countermeasures() {
	if len(c.inc.Countermeasures) == 0 {
		return
	}
	c.h1("countermeasures")
	short, midLong := groupCountermeasures(c.inc.Countermeasures)
	group := func(key string, cms []model.Countermeasure) {
		if len(cms) == 0 {
			return
		}
		c.h2(key)
		st := c.body()
		os := c.style(layout.Regular, sizeSmall, c.th.Muted)
		var items []layout.ListItem
		for _, cm := range cms {
			sp, more := c.item(cm.Text, st)
			if !cm.Owner.IsZero() {
				// The owner on a line of its own under the measure, as
				// the likelihood and impact under a risk: never broken
				// off in the middle of a department's name.
				label := c.word("owner", layout.Regular)
				owner := append([]layout.Span{{Text: c.loc.Label(label, ""), Style: os}}, c.spans(cm.Owner, os)...)
				if more != nil {
					// After the measure's last block.
					more = append(more, layout.Paragraph{Text: c.settings(os), Spans: owner})
				} else {
					owner[0].Text = "\n" + owner[0].Text
					sp = append(sp, owner...)
				}
			}
			items = append(items, layout.ListItem{Marker: c.bullet(), Spans: sp, Blocks: more})
		}
		c.add(layout.List{Text: c.settings(st), Items: items, Indent: 4, ItemSpacing: 3, SpaceAfter: 6})
	}
	group("short_term", short)
	group("mid_term", midLong)
}

func (c *composer) related() {
	if len(c.inc.Related) == 0 {
		return
	}
	c.h1("related")
	st := c.body()
	us := c.style(layout.Regular, sizeSmall, c.th.Accent)
	var items []layout.ListItem
	for _, r := range c.inc.Related {
		sp, more := c.item(r.Text, st)
		if r.URL != "" {
			if more != nil {
				more = append(more, layout.Paragraph{Text: c.settings(us), Spans: []layout.Span{c.link(r.URL, us)}})
			} else {
				sp = append(sp, layout.Span{Text: "\n", Style: st}, c.link(r.URL, us))
			}
		}
		items = append(items, layout.ListItem{Marker: c.bullet(), Spans: sp, Blocks: more})
	}
	c.add(layout.List{Text: c.settings(st), Items: items, Indent: 4, ItemSpacing: 3, SpaceAfter: 6})
}

func (c *composer) references() {
	if len(c.inc.References) == 0 {
		return
	}
	c.h1("references")
	st := c.style(layout.Regular, sizeSmall+0.5, c.th.Text)
	ms := c.style(layout.Regular, sizeSmall, c.th.Muted)
	us := c.style(layout.Regular, sizeSmall, c.th.Accent)
	ja := c.loc.Lang() == "ja"
	var items []layout.ListItem
	for i, r := range c.inc.References {
		n := i + 1
		sp := c.spans(r.Title, c.style(layout.Bold, sizeSmall+0.5, c.th.Text))
		if r.Title.Plain != "" {
			// A title written once is in the reference's language (its
			// lang), or, in a Japanese briefing, English when it is in
			// Latin script alone.
			switch {
			case r.Lang != "" && localize.New(r.Lang).Lang() != c.loc.Lang():
				sp = inLang(sp, localize.New(r.Lang).Lang())
			case r.Lang == "" && ja:
				sp = inLang(sp, latinLang(r.Title.Plain))
			}
		}
		// Publisher and date on a line of their own under the title, so
		// that neither is broken off at the end of a long title.
		if !r.Publisher.IsZero() {
			sp = append(sp, layout.Span{Text: "\n", Style: st})
			sp = append(sp, c.spans(r.Publisher, st)...)
		}
		if !r.Date.IsZero() {
			date := c.loc.Date(r.Date)
			switch {
			case r.Publisher.IsZero():
				date = "\n" + date
			case ja:
				date = "、" + date
			default:
				date = ", " + date
			}
			sp = append(sp, c.fixed(c.inc.Source(fmt.Sprintf("references[%d].date", i+1)), date, st))
		}
		if r.URL != "" {
			sp = append(sp, layout.Span{Text: "\n", Style: st}, c.link(r.URL, us))
		}
		if !r.Accessed.IsZero() {
			acc := c.loc.Label(c.word("accessed", layout.Regular), c.loc.Date(r.Accessed))
			if ja {
				acc = "（" + acc + "）"
			} else {
				acc = " (" + acc + ")"
			}
			sp = append(sp, c.fixed(c.inc.Source(fmt.Sprintf("references[%d].accessed", i+1)), acc, ms))
		}
		items = append(items, layout.ListItem{Marker: c.loc.Reference(n), Spans: sp, Anchor: c.anchor(refAnchor(n))})
	}
	c.add(layout.List{Text: c.settings(st), Items: items, Indent: 0, ItemSpacing: 4, SpaceAfter: 6})
}
