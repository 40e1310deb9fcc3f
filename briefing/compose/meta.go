package compose

import (
	"bytes"
	"strings"
	"time"

	"briefing/briefing/layout"
	"briefing/briefing/localize"
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
	Subject  string   // the first paragraph of the summary, citations left out
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
	m.Title, m.Author = oneLine(m.Title), oneLine(m.Author)
	if inc.Status == model.Draft {
		// A draft says so wherever a reader sees the document's title.
		m.Title = localize.New(lang).Draft(m.Title)
		m.Keywords = append(m.Keywords, "draft")
	}
	sum, _ := localize.Text(inc.Summary, lang)
	if ps := paragraphs(sum); len(ps) > 0 {
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
