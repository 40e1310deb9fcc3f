package digest

import (
	"briefing/briefing/compose"
	"briefing/briefing/model"
)

// Fact is a line of the facts a digest's cover gives under its band:
// Key is the word it is printed under (対象期間 / Period), Value what it
// says, Note what a value means (the marking's, printed after it in
// parentheses; "" for none). Name is the template's key of Key
// (digest_period, digest_count, digest_marking, digest_not_made,
// digest_left_out).
type Fact struct {
	Name, Key, Value, Note string
}

// Text is what the cover of d says in lang, as plain text: the words
// of its facts, of its list of incidents and of the files it names as
// left out. A message about the digest ([mail.Digest]) says the same as
// the PDF it carries: d is the digest as that language's PDF holds it
// (the Digest [PDF] returns).
type Text struct {
	// Title is the digest's title (週次インシデント・ダイジェスト).
	Title string
	// Facts are the cover's facts, in the cover's order.
	Facts []Fact
	// Incidents heads the list of incidents (収録インシデント); None is
	// what the cover says instead of the list when d holds no incident
	// ("" when it holds some).
	Incidents, None string
	// Failures heads the files left out; FailureLines name each as the
	// cover does (file:line:col: key: message), the message withheld
	// where the cover withholds it.
	Failures     string
	FailureLines []string
}

// CoverText returns what the cover of d says in lang (see [Text]).
func CoverText(d Digest, lang string, th compose.Theme) Text {
	w := words(lang, th)
	t := Text{Title: w.title(d.Period), Facts: facts(d, w),
		Incidents: w.word("digest_incidents"), Failures: w.word("digest_failures")}
	if len(d.Incidents) == 0 {
		t.None = none(d, w)
	}
	held := TLP(d.Incidents)
	for _, f := range d.Failures {
		t.FailureLines = append(t.FailureLines, coverLine(f, held, w))
	}
	return t
}

// Word is the digest's word key in lang: the template's where it has
// one, else the digest's own (digest_new, digest_draft…).
func Word(lang string, th compose.Theme, key string) string {
	return words(lang, th).word(key)
}

// facts are the lines of facts of d's cover: the period's days (for a
// week or a month: a range of dates is in the band as it would be here),
// the number of incidents, the marking and what it stands for, the
// incidents not made in the language and the files left out.
func facts(d Digest, w texts) []Fact {
	fact := func(name, value string) Fact { return Fact{Name: name, Key: w.word(name), Value: value} }
	var out []Fact
	if d.Period.Week != "" || d.Period.Month != "" {
		out = append(out, fact("digest_period", w.loc.Days(d.Period.From, d.Period.To)))
	}
	updated := 0
	for _, inc := range d.Incidents {
		if Updated(inc, d.Period) {
			updated++
		}
	}
	out = append(out, fact("digest_count", w.breakdown(len(d.Incidents), updated)))
	m := fact("digest_marking", "TLP:"+string(Marking(d)))
	// The note says what the label stands for: a file left out whose
	// marking could not be read (wholly) may be marked more restrictively.
	switch {
	case hasUnsure(d.Failures):
		m.Note = w.word("digest_marking_note_unsure")
	case len(d.Failures) > 0:
		m.Note = w.word("digest_marking_note_left_out")
	case len(d.Incidents) > 0:
		m.Note = w.word("digest_marking_note")
	}
	out = append(out, m)
	if d.NotMade > 0 {
		out = append(out, fact("digest_not_made", w.notMade(d.NotMade)))
	}
	if n := max(d.LeftOut, len(d.Failures)); n > 0 {
		out = append(out, fact("digest_left_out", w.leftOut(n)))
	}
	return out
}

// hasUnsure reports whether the marking of a failure could not be read,
// or not wholly.
func hasUnsure(fs []Failure) bool {
	for _, f := range fs {
		if f.TLP == "" || f.Unsure {
			return true
		}
	}
	return false
}

// none is what the cover of d says in place of its list of incidents
// when it holds none: the period had none, or none of its could be
// included (left out, or not made in the language).
func none(d Digest, w texts) string {
	if d.LeftOut > 0 || len(d.Failures) > 0 || d.NotMade > 0 {
		return w.word("digest_none_included")
	}
	return w.word("digest_none")
}

// Draft is the mark a digest's list of incidents gives a draft after its
// title, " [下書き]" / " [draft]"; "" for a final incident.
func Draft(inc *model.Incident, lang string, th compose.Theme) string {
	if inc.Status != model.Draft {
		return ""
	}
	return " [" + Word(lang, th, "digest_draft") + "]"
}
