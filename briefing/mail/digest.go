package mail

import (
	"strconv"
	"strings"

	"briefing/briefing/compose"
	"briefing/briefing/digest"
	"briefing/briefing/localize"
	"briefing/briefing/model"
)

// Digest makes the message of a digest with its PDFs attached: the subject
// names the digest and its period, and the body lists its incidents made
// in each language of the PDFs (new on its as-of date or updated on its
// revision's, marking, severity and title). The marking is the digest's
// ([digest.Marking]): the files left out whose marking is known count.
// Errors
// are those of [Briefing].
func Digest(d digest.Digest, files []Attachment, opt Options) (*Message, error) {
	if len(files) == 0 {
		return nil, errNoPDF
	}
	langs := languages(files)
	th := compose.Theme{Words: opt.Words}
	tlp := digest.Marking(d)
	subject := "[TLP:" + string(tlp) + "] " + digest.Heading(d.Period, langs[0], th)
	var b body
	b.label(tlp, langs)
	for i, l := range langs {
		if i > 0 {
			b.rule()
		}
		b.digest(d, l, th)
		b.attachments(files, l)
	}
	return build(strings.TrimSuffix(digest.Name(d.Period, "x"), ".x.pdf")+".eml",
		subject, b.String(), digest.Meta(d, langs[0], th).Created, files, opt)
}

// digest writes a digest's title, period and list of incidents in lang.
func (b *body) digest(d digest.Digest, lang string, th compose.Theme) {
	loc := localize.New(lang)
	w := th.Words
	b.line(digest.Heading(d.Period, lang, th))
	b.line(word(w, lang, "digest_period") + sep(lang) + loc.Days(d.Period.From, d.Period.To))
	// The incidents made in lang, as that language's PDF holds them.
	var incs []*model.Incident
	for _, inc := range d.Incidents {
		if digest.MadeIn(inc, lang) {
			incs = append(incs, inc)
		}
	}
	n := strconv.Itoa(len(incs))
	if isJa(lang) {
		n += "件"
	} else if len(incs) == 1 {
		n += " incident"
	} else {
		n += " incidents"
	}
	b.line(word(w, lang, "digest_count") + sep(lang) + n)
	b.line("")
	if len(incs) == 0 {
		// The period had none, or none could be included: left out,
		// or not made in lang.
		if len(d.Incidents) > 0 || d.LeftOut > 0 || len(d.Failures) > 0 {
			b.line(word(w, lang, "digest_none_included"))
		} else {
			b.line(word(w, lang, "digest_none"))
		}
		return
	}
	b.line(word(w, lang, "digest_incidents"))
	for _, inc := range incs {
		title, _ := inc.Title.In(lang)
		title = compose.Cited(inc, lang, title)
		// New on its as-of date, or updated on the day of its revision.
		mark := word(w, lang, "digest_new")
		if digest.Updated(inc, d.Period) {
			mark = word(w, lang, "digest_updated")
		}
		s := "- " + mark + " " + loc.Date(digest.Day(inc, d.Period)) + "  [TLP:" + string(tlpOf(inc.TLP)) + "]"
		if inc.Severity != "" {
			s += "  " + word(w, lang, "severity") + sep(lang) + word(w, lang, "severity_"+string(inc.Severity))
		}
		b.line(s)
		b.line("  " + oneLine(compose.TitleLine(inc, lang, title)))
	}
}
