package compose

import (
	"strings"

	"briefing/briefing/localize"
	"briefing/briefing/model"
)

// Cited returns s, a text of inc, with each citation of one of its
// references ("[r1]") as inc's briefing in lang shows it: （文献1） in
// Japanese, taking the place of the space before it, and [1] in English.
// An id that names no reference is kept as written. Every place that
// shows a text of inc outside the briefing's body uses it: the running
// header, the PDF's title, a link's text, the digest's cover, the
// indicators' CSV and STIX notes and the email.
func Cited(inc *model.Incident, lang, s string) string {
	if inc == nil || len(inc.References) == 0 || !strings.Contains(s, "[") {
		return s
	}
	loc := localize.New(lang)
	var b strings.Builder
	for _, seg := range model.Segments(s) {
		n := 0
		if seg.Ref != "" {
			for i, r := range inc.References {
				if r.ID == seg.Ref {
					n = i + 1
					break
				}
			}
		}
		if n == 0 {
			b.WriteString(seg.Text)
			continue
		}
		c := loc.Citation(n)
		if strings.HasPrefix(c, "（") {
			t := strings.TrimRight(b.String(), " ")
			b.Reset()
			b.WriteString(t)
		}
		b.WriteString(c)
	}
	return b.String()
}
