// Package digest binds the briefings of every incident of a period into one
// document: a cover with the period and a table of the incidents, each row
// linked to its briefing, then each briefing as "briefing render" makes it,
// every one starting on a new page, with page numbers running through the
// whole digest.
//
// # Marking
//
// Every page carries one TLP label: the most restrictive marking of the
// incidents the digest holds and of the files its cover names as left out
// whose marking could be read (RED > AMBER+STRICT > AMBER > GREEN >
// CLEAR), so that a digest is never handled more loosely than any part of
// it. The cover quotes no message of a left-out file whose marking could
// not be read: it names the file, the place and the key of the format,
// and its marking line says that a file's marking could not be read.
//
// # Anchors and outline
//
// The i-th incident's anchors start with "inc-i-" (see compose.Options), so
// that the reference lists of two incidents keep their links apart. The
// outline has the cover, then an entry per incident with its sections
// nested under it.
//
// # Selection
//
// An incident is in the digest of a period when its as-of date or its
// updated date falls in the period; the cover marks it new (新規 / New) or,
// when only its revision does, updated (更新 / Updated, with that date).
//
// # Failures
//
// An input file that fails validation is left out of the digest, counted
// and named with its first error on its cover (Digest.LeftOut,
// Digest.Failures). An incident that cannot be shown in a language (a
// character the fonts lack) is left out of that language's digest and
// counted and named the same way. An incident not made in a language (its
// languages leave it out or, when strict, a text lacks it) is not in that
// language's digest and counted apart (Digest.NotMade). Their errors are
// in the returned list.
package digest

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"briefing/briefing/compose"
	"briefing/briefing/diag"
	"briefing/briefing/load"
	"briefing/briefing/marking"
	"briefing/briefing/model"
	"briefing/briefing/period"
)

// Digest is what one digest holds, in every language.
type Digest struct {
	// Period is the period the digest covers.
	Period period.Range
	// Incidents are the incidents of the period in the order the digest
	// shows them (see Select).
	Incidents []*model.Incident
	// LeftOut counts the input files left out because they failed, and
	// (once composed in a language) the incidents that could not be shown
	// in it; Failures names them, each by its first error, as the cover
	// does (it may name fewer than LeftOut counts).
	LeftOut  int
	Failures []Failure
	// NotMade counts, once composed in a language, the incidents of the
	// period not made in it: their languages leave it out, or (strict) a
	// text lacks it.
	NotMade int
	// Load, when set, reads the whole incident of an entry of Incidents
	// (see [Light]) when its briefing is composed; it is let go once the
	// briefing is laid out, so that a digest holds one incident's model
	// at a time. A list with an error leaves the incident out, as one
	// that cannot be composed. Nil: Incidents are whole.
	Load func(inc *model.Incident) (*model.Incident, diag.List)
}

// Light returns what a digest keeps of inc for every incident: its file,
// id, dates, title, marking, severity, confidence, status, case, time
// zone, languages and, when its title may cite them (a text of it holds
// a "["), the ids of its references, which the selection, the cover, the
// running heads and the email read. Its texts, sections and places are
// left out; [Digest.Load] reads them again when the briefing is
// composed. Every string is a copy: the loaded values share the bytes of
// the whole file, which a digest of thousands of incidents must not keep
// (about 15 KB a model briefing). The title keeps no place of its
// characters (Place is nil): a message about it names its key.
func Light(inc *model.Incident) *model.Incident {
	if inc == nil {
		return nil
	}
	l := &model.Incident{
		File: strings.Clone(inc.File), Format: inc.Format, ID: strings.Clone(inc.ID),
		Date: inc.Date, Updated: inc.Updated,
		Title: lightText(inc.Title), TLP: model.TLP(strings.Clone(string(inc.TLP))), TLPGiven: inc.TLPGiven,
		Severity:   model.Severity(strings.Clone(string(inc.Severity))),
		Confidence: model.Confidence(strings.Clone(string(inc.Confidence))),
		Case:       strings.Clone(inc.Case), Status: model.Status(strings.Clone(string(inc.Status))),
		Timezone: inc.Timezone,
	}
	if inc.Languages != nil {
		l.Languages = make([]string, len(inc.Languages))
		for i, s := range inc.Languages {
			l.Languages[i] = strings.Clone(s)
		}
	}
	if len(inc.References) > 0 && mayCite(inc.Title) {
		l.References = make([]model.Reference, len(inc.References))
		for i, r := range inc.References {
			l.References[i] = model.Reference{ID: strings.Clone(r.ID)}
		}
	}
	return l
}

// mayCite reports whether t may cite a reference: a text of it holds a
// "[" (see [compose.Cited]).
func mayCite(t model.Text) bool {
	if strings.Contains(t.Plain, "[") {
		return true
	}
	for _, x := range t.Langs {
		if strings.Contains(x.Value, "[") {
			return true
		}
	}
	return false
}

// lightText copies t's strings and parsed blocks for [Light], without
// the places of its bytes and without the languages no briefing shows.
func lightText(t model.Text) model.Text {
	c := model.Text{Source: lightSource(t.Source), Plain: strings.Clone(t.Plain), Doc: lightBlocks(t.Doc)}
	if t.Langs != nil {
		c.Langs = make([]model.LangText, len(t.Langs))
		for i, x := range t.Langs {
			c.Langs[i] = model.LangText{Lang: strings.Clone(x.Lang), Value: strings.Clone(x.Value),
				Source: lightSource(x.Source), Doc: lightBlocks(x.Doc)}
		}
	}
	return c
}

func lightSource(s model.Source) model.Source {
	return model.Source{Key: strings.Clone(s.Key), Pos: s.Pos}
}

func lightBlocks(bs []model.Block) []model.Block {
	if bs == nil {
		return nil
	}
	c := make([]model.Block, len(bs))
	for i, b := range bs {
		b.Inlines = lightInlines(b.Inlines)
		if b.Items != nil {
			items := make([]model.Item, len(b.Items))
			for j, it := range b.Items {
				items[j] = model.Item{Blocks: lightBlocks(it.Blocks)}
			}
			b.Items = items
		}
		b.Code = strings.Clone(b.Code)
		b.Blocks = lightBlocks(b.Blocks)
		if b.Table != nil {
			t := &model.Table{Align: append([]model.Align(nil), b.Table.Align...)}
			t.Header = make([][]model.Inline, len(b.Table.Header))
			for j, cell := range b.Table.Header {
				t.Header[j] = lightInlines(cell)
			}
			t.Rows = make([][][]model.Inline, len(b.Table.Rows))
			for j, row := range b.Table.Rows {
				t.Rows[j] = make([][]model.Inline, len(row))
				for k, cell := range row {
					t.Rows[j][k] = lightInlines(cell)
				}
			}
			b.Table = t
		}
		c[i] = b
	}
	return c
}

func lightInlines(ins []model.Inline) []model.Inline {
	if ins == nil {
		return nil
	}
	c := make([]model.Inline, len(ins))
	for i, in := range ins {
		in.Text, in.URL, in.Ref = strings.Clone(in.Text), strings.Clone(in.URL), strings.Clone(in.Ref)
		c[i] = in
	}
	return c
}

// Failure is a file left out of a digest, or an incident left out of one
// language's digest: its first error and its TLP marking, "" when the
// marking could not be read (see [load.Head]). A known marking counts in
// the digest's ([Marking]); an unknown one keeps the message off the
// cover, and so does an unsure one (Unsure: the file may be marked more
// restrictively, as [load.Head.TLPUnsure] says).
type Failure struct {
	diag.Diagnostic
	TLP    model.TLP
	Unsure bool
}

// Select returns the incidents of incs in r: those whose as-of date or
// last revision (updated) falls within it, both ends included. They are
// ordered by the day that puts them in r (the as-of date when it is in r,
// else the revision), then id, then file.
func Select(incs []*model.Incident, r period.Range) []*model.Incident {
	var out []*model.Incident
	for _, inc := range incs {
		if inc != nil && In(inc, r) {
			out = append(out, inc)
		}
	}
	slices.SortStableFunc(out, func(a, b *model.Incident) int {
		da, db := Day(a, r), Day(b, r)
		switch {
		case da.Before(db):
			return -1
		case db.Before(da):
			return 1
		}
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.File, b.File))
	})
	return out
}

// In reports whether inc belongs in a digest of r: its as-of date or its
// updated date falls within r.
func In(inc *model.Incident, r period.Range) bool {
	return r.Contains(inc.Date) || !inc.Updated.IsZero() && r.Contains(inc.Updated)
}

// Wants reports whether a file whose head is h (see [load.ReadHead]) may
// belong in a digest of r, and so must be read in full: its date or its
// updated date falls within r.
func Wants(h load.Head, r period.Range) bool {
	return r.Contains(h.Date) || !h.Updated.IsZero() && r.Contains(h.Updated)
}

// Updated reports whether inc is in a digest of r as an update (更新 /
// Updated): its updated date falls within r and its as-of date does not.
// Otherwise it is new (新規 / New).
func Updated(inc *model.Incident, r period.Range) bool {
	return !r.Contains(inc.Date) && !inc.Updated.IsZero() && r.Contains(inc.Updated)
}

// Day is the day that puts inc in a digest of r: its updated date for an
// update, else its as-of date.
func Day(inc *model.Incident, r period.Range) model.Date {
	if Updated(inc, r) {
		return inc.Updated
	}
	return inc.Date
}

// TLP returns the most restrictive marking of incs: RED before AMBER+STRICT
// before AMBER before GREEN before CLEAR. An incident without a marking
// counts as CLEAR, and so does a digest without incidents.
func TLP(incs []*model.Incident) model.TLP {
	best := 0
	for _, inc := range incs {
		if inc == nil {
			continue
		}
		if i := slices.Index(model.TLPs, inc.TLP); i > best {
			best = i
		}
	}
	return model.TLPs[best]
}

// Marking returns the label of d: the most restrictive marking of its
// incidents and of its failures whose marking is known ([TLP]'s order).
func Marking(d Digest) model.TLP {
	best := slices.Index(model.TLPs, TLP(d.Incidents))
	for _, f := range d.Failures {
		best = max(best, slices.Index(model.TLPs, f.TLP))
	}
	return model.TLPs[best]
}

// Name is the file name of the digest of r in lang:
// "digest-2021-W18.ja.pdf", "digest-2021-05.ja.pdf" or
// "digest-2021-05-01_2021-05-31.en.pdf".
func Name(r period.Range, lang string) string {
	return "digest-" + r.Name() + "." + lang + ".pdf"
}

// Date is the date of d's PDF (its CreationDate and ModDate, and an
// email's Date): the latest as-of or updated date of its incidents, which
// may lie after the period (an incident of the period revised since), or
// the last day of the period when it holds none. So the same incidents
// give the same bytes, whenever the digest is made.
func Date(d Digest) model.Date {
	var last model.Date
	for _, inc := range d.Incidents {
		for _, x := range []model.Date{inc.Date, inc.Updated} {
			if !x.IsZero() && last.Before(x) {
				last = x
			}
		}
	}
	if last.IsZero() {
		return d.Period.To
	}
	return last
}

// Meta returns the document information of d's PDF in lang; its date is
// [Date].
func Meta(d Digest, lang string, th compose.Theme) compose.Metadata {
	w := words(lang, th)
	last := Date(d)
	var ids []string
	for _, inc := range d.Incidents {
		ids = append(ids, inc.ID)
	}
	author := th.Organization
	return compose.Metadata{
		Title:    w.title(d.Period) + " " + periodText(d.Period, lang),
		Author:   author,
		Subject:  w.title(d.Period) + ": " + w.count(len(d.Incidents)),
		Keywords: ids,
		Marking:  marking.Label(Marking(d)),
		Lang:     lang,
		Created:  time.Date(last.Year, time.Month(max(last.Month, 1)), max(last.Day, 1), 0, 0, 0, 0, time.UTC),
	}
}

// prefix is the anchor prefix of the i-th (0-based) incident.
func prefix(i int) string { return "inc-" + strconv.Itoa(i+1) + "-" }

// coverAnchor names the top of the cover.
const coverAnchor = "cover"
