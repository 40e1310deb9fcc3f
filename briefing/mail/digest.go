package mail

import (
	"strconv"
	"strings"

	"briefing/briefing/compose"
	"briefing/briefing/digest"
	"briefing/briefing/localize"
)

// Digest makes the message of a digest with its PDFs attached: the subject
// names the digest and its period, and the body lists its incidents (as-of
// date, marking, severity and title) in each language of the PDFs. Errors
// are those of [Briefing].
func Digest(d digest.Digest, files []Attachment, opt Options) (*Message, error) {
	if len(files) == 0 {
		return nil, errNoPDF
	}
	langs := languages(files)
	th := compose.Theme{Words: opt.Words}
	tlp := digest.TLP(d.Incidents)
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
	n := strconv.Itoa(len(d.Incidents))
	if isJa(lang) {
		n += "件"
	} else if len(d.Incidents) == 1 {
		n += " incident"
	} else {
		n += " incidents"
	}
	b.line(word(w, lang, "digest_count") + sep(lang) + n)
	b.line("")
	if len(d.Incidents) == 0 {
		b.line(word(w, lang, "digest_none"))
		return
	}
	b.line(word(w, lang, "digest_incidents"))
	for _, inc := range d.Incidents {
		title, _ := inc.Title.In(lang)
		title = compose.Cited(inc, lang, title)
		s := "- " + loc.Date(inc.Date) + "  [TLP:" + string(tlpOf(inc.TLP)) + "]"
		if inc.Severity != "" {
			s += "  " + word(w, lang, "severity") + sep(lang) + word(w, lang, "severity_"+string(inc.Severity))
		}
		b.line(s)
		b.line("  " + oneLine(title))
	}
}
