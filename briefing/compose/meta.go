package compose

import (
	"strings"

	"briefing/briefing/model"
)

// Metadata is what a briefing's PDF says about itself in its document
// information: title, author, subject, keywords and language, and the date
// that stands for its creation (updated, else the as-of date), so that the
// same input gives the same bytes.
type Metadata struct {
	Title    string
	Author   string
	Subject  string // the first paragraph of the summary, citations left out
	Keywords string // the tags, comma separated
	Lang     string // the briefing's language, e.g. "ja"
	Date     model.Date
}

// Meta returns the document information of inc's briefing in lang.
func Meta(inc *model.Incident, lang string) Metadata {
	m := Metadata{Lang: lang, Date: inc.Updated, Keywords: strings.Join(inc.Tags, ", ")}
	if m.Date.IsZero() {
		m.Date = inc.Date
	}
	m.Title, _ = inc.Title.In(lang)
	m.Author, _ = inc.Author.In(lang)
	sum, _ := inc.Summary.In(lang)
	if ps := paragraphs(sum); len(ps) > 0 {
		s := ""
		for _, seg := range model.Segments(strings.Join(ps[0], " ")) {
			if seg.Ref == "" {
				s += seg.Text
			} else {
				s = strings.TrimRight(s, " ")
			}
		}
		m.Subject = strings.Join(strings.Fields(s), " ")
	}
	return m
}
