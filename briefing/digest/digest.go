// Package digest binds the briefings of every incident of a period into one
// document: a cover with the period and a table of the incidents, each row
// linked to its briefing, then each briefing as "briefing render" makes it,
// every one starting on a new page, with page numbers running through the
// whole digest.
//
// # Marking
//
// Every page carries one TLP label: the most restrictive marking of the
// incidents the digest holds (RED > AMBER+STRICT > AMBER > GREEN > CLEAR),
// so that a digest is never handled more loosely than any part of it.
//
// # Anchors and outline
//
// The i-th incident's anchors start with "inc-i-" (see compose.Options), so
// that the reference lists of two incidents keep their links apart. The
// outline has the cover, then an entry per incident with its sections
// nested under it.
//
// # Failures
//
// An input file that fails validation is left out of the digest and
// counted on its cover (Digest.LeftOut). An incident that cannot be shown
// in a language (a character the fonts lack, or, when strict, a text
// missing that language) is left out of that language's digest and counted
// the same way; its errors are in the returned list.
package digest

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"briefing/briefing/compose"
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
	// LeftOut counts the input files left out because they failed.
	LeftOut int
}

// Select returns the incidents of incs whose date falls within r (both
// ends included), ordered by date, then id, then file.
func Select(incs []*model.Incident, r period.Range) []*model.Incident {
	var out []*model.Incident
	for _, inc := range incs {
		if inc != nil && r.Contains(inc.Date) {
			out = append(out, inc)
		}
	}
	slices.SortStableFunc(out, func(a, b *model.Incident) int {
		switch {
		case a.Date.Before(b.Date):
			return -1
		case b.Date.Before(a.Date):
			return 1
		}
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.File, b.File))
	})
	return out
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

// Name is the file name of the digest of r in lang:
// "digest-2021-W18.ja.pdf" or "digest-2021-05-01_2021-05-31.en.pdf".
func Name(r period.Range, lang string) string {
	return "digest-" + r.Name() + "." + lang + ".pdf"
}

// Meta returns the document information of d's PDF in lang. Its date is
// the latest updated (or as-of) date of its incidents, else the last day of
// the period, so that the same incidents give the same bytes.
func Meta(d Digest, lang string, th compose.Theme) compose.Metadata {
	w := words(lang, th)
	last := d.Period.To
	var ids []string
	for _, inc := range d.Incidents {
		ids = append(ids, inc.ID)
		for _, x := range []model.Date{inc.Date, inc.Updated} {
			if !x.IsZero() && last.Before(x) {
				last = x
			}
		}
	}
	author := th.Organization
	return compose.Metadata{
		Title:    w.title(d.Period) + " " + periodText(d.Period, lang),
		Author:   author,
		Subject:  w.title(d.Period) + ": " + w.count(len(d.Incidents)),
		Keywords: ids,
		Marking:  marking.Label(TLP(d.Incidents)),
		Lang:     lang,
		Created:  time.Date(last.Year, time.Month(max(last.Month, 1)), max(last.Day, 1), 0, 0, 0, 0, time.UTC),
	}
}

// prefix is the anchor prefix of the i-th (0-based) incident.
func prefix(i int) string { return "inc-" + strconv.Itoa(i+1) + "-" }

// coverAnchor names the top of the cover.
const coverAnchor = "cover"
