package mail

import (
	"fmt"
	"slices"
	"strings"

	"briefing/briefing/compose"
	"briefing/briefing/digest"
	"briefing/briefing/localize"
	"briefing/briefing/model"
)

// Digest makes the message of a digest with its PDFs attached. shown is
// each language's digest as its PDF holds it (what [digest.PDF]
// returns): the message says what the PDFs say. The subject names the
// digest and its period; the body gives, per language, what its cover
// gives (period, number of incidents, marking, incidents not made in the
// language, files left out), its incidents (new on its as-of date or
// updated on its revision's, marking, severity and title) and each file
// left out as the cover names it, its message withheld where the cover
// withholds it. The label of the subject and of the body's first line is
// the most restrictive of the PDFs' ([digest.Marking]); the Date is the
// latest of theirs. Errors are those of [Briefing], and an error for a
// PDF whose language has no digest in shown.
func Digest(shown map[string]digest.Digest, files []Attachment, opt Options) (*Message, error) {
	if len(files) == 0 {
		return nil, errNoPDF
	}
	langs := languages(files)
	th := compose.Theme{Words: opt.Words}
	var ds []digest.Digest
	tlp, date := model.TLPClear, digest.Meta(shown[langs[0]], langs[0], th).Created
	for _, l := range langs {
		d, ok := shown[l]
		if !ok {
			return nil, fmt.Errorf("no digest in %s for %s", l, files[0].Name)
		}
		ds = append(ds, d)
		if m := digest.Marking(d); slices.Index(model.TLPs, m) > slices.Index(model.TLPs, tlp) {
			tlp = m
		}
		if c := digest.Meta(d, l, th).Created; c.After(date) {
			date = c
		}
	}
	r := ds[0].Period
	subject := "[TLP:" + string(tlp) + "] " + digest.Heading(r, langs[0], th)
	var b body
	b.label(tlp, langs)
	for i, l := range langs {
		if i > 0 {
			b.rule()
		}
		b.digest(ds[i], l, th)
		b.attachments(files, l)
	}
	return build(strings.TrimSuffix(digest.Name(r, "x"), ".x.pdf")+".eml", subject, b.String(), date, files, opt)
}

// digest writes what the cover of d says in lang: its title and period,
// its facts, its list of incidents and the files it left out.
func (b *body) digest(d digest.Digest, lang string, th compose.Theme) {
	loc := localize.New(lang)
	w := th.Words
	t := digest.CoverText(d, lang, th)
	b.line(digest.Heading(d.Period, lang, th))
	for _, f := range t.Facts {
		v := f.Value
		if f.Note != "" {
			v += paren(lang, f.Note)
		}
		b.line(f.Key + sep(lang) + v)
	}
	b.line("")
	if t.None != "" {
		b.line(t.None)
	} else {
		b.line(t.Incidents)
	}
	for _, inc := range d.Incidents {
		title, _ := inc.Title.In(lang)
		title = compose.Cited(inc, lang, title)
		// New on its as-of date, or updated on the day of its revision.
		mark := digest.Word(lang, th, "digest_new")
		if digest.Updated(inc, d.Period) {
			mark = digest.Word(lang, th, "digest_updated")
		}
		s := "- " + mark + " " + loc.Date(digest.Day(inc, d.Period)) + "  [TLP:" + string(tlpOf(inc.TLP)) + "]"
		if inc.Severity != "" {
			s += "  " + word(w, lang, "severity") + sep(lang) + word(w, lang, "severity_"+string(inc.Severity))
		}
		b.line(s)
		// A draft is listed as the cover lists it: [下書き] after its
		// title.
		b.line("  " + oneLine(compose.TitleLine(inc, lang, title)) + digest.Draft(inc, lang, th))
	}
	if len(t.FailureLines) > 0 {
		b.line("")
		b.line(t.Failures)
		for _, l := range t.FailureLines {
			b.line("- " + oneLine(l))
		}
	}
}

// paren puts a note in parentheses after a value, as the cover does:
// （note） / " (note)".
func paren(lang, note string) string {
	if isJa(lang) {
		return "（" + note + "）"
	}
	return " (" + note + ")"
}
