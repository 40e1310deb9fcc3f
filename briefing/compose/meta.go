package compose

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"

	"briefing/briefing/layout"
	"briefing/briefing/localize"
	"briefing/briefing/markdown"
	"briefing/briefing/marking"
	"briefing/briefing/model"
)

// Metadata is what a briefing's PDF says about itself in its document
// information: title, author, subject, keywords, language and TLP label, and the time
// that stands for its creation (updated, else the as-of date, at midnight
// UTC), so that the same input gives the same bytes. Its fields are those
// of render.Info, so render.Info(m) converts it.
type Metadata struct {
	Title    string
	Author   string
	Subject  string   // the summary's first paragraph (format 2: first block) as a reader sees it, on one line
	Keywords []string // the tags
	Lang     string   // the briefing's language, e.g. "ja"
	Marking  string   // the TLP 2.0 label, e.g. "TLP:RED"
	Created  time.Time
	Files    []layout.Attachment // the embedded files (indicators as CSV and STIX)
}

// uniqueTags returns tags without the repeated ones (compared without
// case; validation warns about them), the first of each kept.
func uniqueTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		if k := strings.ToLower(t); !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	return out
}

// Meta returns the document information of inc's briefing in lang.
func Meta(inc *model.Incident, lang string) Metadata {
	if inc == nil {
		return Metadata{Lang: lang, Marking: marking.Label("")}
	}
	m := Metadata{Lang: lang, Keywords: uniqueTags(inc.Tags), Marking: marking.Label(inc.TLP)}
	d := inc.Updated
	if d.IsZero() {
		d = inc.Date
	}
	if !d.IsZero() {
		m.Created = time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
	}
	m.Title, _ = localize.Text(inc.Title, lang)
	m.Title = Cited(inc, lang, m.Title)
	m.Author, _ = localize.Text(inc.Author, lang)
	m.Title, m.Author = TitleLine(inc, lang, m.Title), TitleLine(inc, lang, m.Author)
	if inc.Status == model.Draft {
		// A draft says so wherever a reader sees the document's title.
		m.Title = localize.New(lang).Draft(m.Title)
		m.Keywords = append(m.Keywords, "draft")
	}
	sum, _ := localize.Text(inc.Summary, lang)
	if bs := inc.Summary.Blocks(sum); len(bs) > 0 {
		refs := make(map[string]int, len(inc.References))
		for i, r := range inc.References {
			refs[r.ID] = i + 1
		}
		p := metaText{loc: localize.New(lang), refs: refs, inc: inc, lang: lang}
		m.Subject = strings.Join(strings.Fields(p.block(bs[0])), " ")
	} else if ps := paragraphs(sum); len(ps) > 0 {
		var s []byte // appended to, not concatenated: a summary may cite thousands of times
		for _, seg := range model.Segments(strings.Join(ps[0], " ")) {
			if seg.Ref == "" {
				s = append(s, seg.Text...)
			} else {
				s = bytes.TrimRight(s, " ")
			}
		}
		m.Subject = strings.Join(strings.Fields(string(s)), " ")
	}
	return m
}

// metaText turns the parsed blocks of a format-2 text into the plain text a
// reader sees, for the document information: markup gone, a link's text
// kept, citations as drawn (（文献1） / [1]), line breaks joined as the
// language asks (markdown.Joiner on the characters drawn), a list's items
// and a table's rows joined by "; " (、 in Japanese), cells and code lines
// by spaces.
type metaText struct {
	loc  localize.Locale
	refs map[string]int
	inc  *model.Incident
	lang string
}

func (p metaText) sep() string {
	if p.loc.Lang() == "ja" {
		return "、"
	}
	return "; "
}

func (p metaText) block(b model.Block) string {
	switch b.Kind {
	case model.Para:
		return p.inlines(b.Inlines)
	case model.Code:
		return strings.Join(strings.Fields(b.Code), " ")
	case model.Quote:
		return p.blocks(b.Blocks, " ")
	case model.List:
		items := make([]string, 0, len(b.Items))
		for _, it := range b.Items {
			if s := strings.TrimSpace(p.blocks(it.Blocks, " ")); s != "" {
				items = append(items, s)
			}
		}
		return strings.Join(items, p.sep())
	case model.Grid:
		var rows []string
		for _, r := range append([][][]model.Inline{b.Table.Header}, b.Table.Rows...) {
			var cells []string
			for _, c := range r {
				if s := strings.TrimSpace(p.inlines(c)); s != "" {
					cells = append(cells, s)
				}
			}
			if len(cells) > 0 {
				rows = append(rows, strings.Join(cells, " "))
			}
		}
		return strings.Join(rows, p.sep())
	}
	return ""
}

func (p metaText) blocks(bs []model.Block, sep string) string {
	parts := make([]string, 0, len(bs))
	for _, b := range bs {
		if s := strings.TrimSpace(p.block(b)); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, sep)
}

// inlines is a run of inlines as drawn; breaks, hard and soft, are joined
// by the characters drawn around them.
func (p metaText) inlines(ins []model.Inline) string {
	ins = joinLinks(ins)
	parts := make([]string, len(ins))
	var breaks []int
	for i, in := range ins {
		switch {
		case in.Break || in.Soft:
			breaks = append(breaks, i)
		case in.Ref != "":
			parts[i] = in.Text
			if n, ok := p.refs[in.Ref]; ok {
				parts[i] = p.loc.Citation(n)
			}
		case in.URL != "" && in.Text != in.URL && "mailto:"+in.Text != in.URL:
			parts[i] = Cited(p.inc, p.lang, in.Text) // a link's text, as drawn
		default:
			parts[i] = in.Text
		}
	}
	for _, k := range breaks {
		var a, b rune
		for j := k - 1; j >= 0 && a == 0; j-- {
			a, _ = utf8.DecodeLastRuneInString(parts[j])
			if parts[j] == "" {
				a = 0
			}
		}
		for j := k + 1; j < len(parts) && b == 0; j++ {
			b, _ = utf8.DecodeRuneInString(parts[j])
			if parts[j] == "" {
				b = 0
			}
		}
		parts[k] = markdown.Joiner(a, b)
	}
	return strings.Join(parts, "")
}
