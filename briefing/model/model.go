// Package model holds a validated incident: the values of one incident file
// after every rule of the format has been checked, each localized text with
// the key path and position it came from, so that later stages can still
// name the place in the file when they warn.
//
// Only package validate builds an [Incident]; every later stage reads it.
package model

import (
	"fmt"
	"time"
)

// Pos is a position in an incident file; Col is 0 where unknown.
type Pos struct {
	Line, Col int
}

// Source names where a value came from: the key path as a person writes it
// (e.g. "procurement.items[3].users") and its position.
type Source struct {
	Key string
	Pos Pos
}

// Text is a localized text. A plain string in the file is stored in Plain
// and serves every language; a table keyed by language tag is stored in
// Langs, in file order, for the languages briefings are made in (Japanese,
// English and their regional variants), and in Other for the rest: those
// are kept and checked but no briefing shows them. The zero Text, or one
// with Other only, is absent from every briefing.
type Text struct {
	Source
	Plain string
	Langs []LangText
	Other []LangText
	// Doc is Plain parsed, in a format-2 text that the format reads as
	// Markdown (see [Block]); nil otherwise.
	Doc []Block
	// Place gives the position in the file of a byte offset of Plain
	// (an Inline's Off); nil where Doc is.
	Place func(off int) Pos
}

// LangText is one language's value of a [Text].
type LangText struct {
	Lang  string // BCP 47 tag as written, canonicalized (e.g. "ja", "en")
	Value string
	// Source is where this language's value is written: its key path
	// (e.g. "title.en") and the position of that key. Zero in texts not
	// read from a file.
	Source Source
	// Doc is Value parsed, as Text.Doc, and Place the positions of its
	// bytes, as Text.Place.
	Doc   []Block
	Place func(off int) Pos
}

// IsZero reports whether the text is absent.
func (t Text) IsZero() bool { return t.Plain == "" && len(t.Langs) == 0 }

// In returns the text for lang. translated is false when the text has no
// value for lang and another language's value was returned instead; a plain
// string counts as translated into every language.
func (t Text) In(lang string) (s string, translated bool) {
	if t.Plain != "" || len(t.Langs) == 0 {
		return t.Plain, true
	}
	for _, l := range t.Langs {
		if l.Lang == lang {
			return l.Value, true
		}
	}
	return t.Langs[0].Value, false
}

// Date is a calendar date without a time zone.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether the date is absent.
func (d Date) IsZero() bool { return d.Year == 0 }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Period is a `when` value: a year, a month or a day, or a range From/To of
// those. Month and Day are 0 where the file did not give them; To is zero
// when the period is not a range. The zero Period is absent.
type Period struct {
	From, To Date
}

// IsZero reports whether the period is absent.
func (p Period) IsZero() bool { return p.From.IsZero() }

// Incident is one validated incident file.
type Incident struct {
	File    string // path as given on the command line
	Format  int
	ID      string
	Date    Date
	Updated Date // zero when absent

	Title   Text
	Summary Text
	TLP     TLP
	// TLPGiven is false when the file does not give tlp: TLP is then
	// CLEAR, and validate.Marking warns.
	TLPGiven   bool
	Severity   Severity   // "" when absent
	Confidence Confidence // "" when absent
	Tags       []string
	Author     Text
	Languages  []string // from the file, or the languages of Title

	Impact   Text
	Handling Text
	Review   Text

	Timeline        []Event
	Procurement     *Procurement // nil when absent
	Analysis        *Analysis    // nil when absent
	Risks           []Risk
	Countermeasures []Countermeasure
	Related         []Related
	References      []Reference

	// Format 2: the title block's case number and status, the zone times
	// of day are printed in (nil: the offset each was written with), and
	// the sections for indicators, vulnerabilities and figures.
	Case            string
	Status          Status // Final unless the file says draft
	Timezone        *time.Location
	Indicators      []Indicator
	Vulnerabilities []Vulnerability
	Figures         []Figure

	// Places are the positions of the values that are not texts (dates,
	// periods, URLs, ATT&CK IDs), by key path ("references[2].url"), for
	// the messages of later stages, but for those of the procurement
	// table's rows (see Purchase); nil in incidents not read from a file.
	Places map[string]Pos
}

// Source returns the key path key with its position from Places: line 1,
// column 1 when unknown, so that every message names a place.
func (inc *Incident) Source(key string) Source {
	p, ok := inc.Places[key]
	if !ok || p.Line == 0 {
		p = Pos{Line: 1, Col: 1}
	}
	return Source{Key: key, Pos: p}
}

// TLP is a Traffic Light Protocol 2.0 marking.
type TLP string

// The TLP 2.0 markings, least restrictive first.
const (
	TLPClear       TLP = "CLEAR"
	TLPGreen       TLP = "GREEN"
	TLPAmber       TLP = "AMBER"
	TLPAmberStrict TLP = "AMBER+STRICT"
	TLPRed         TLP = "RED"
)

// TLPs lists the markings, least restrictive first.
var TLPs = []TLP{TLPClear, TLPGreen, TLPAmber, TLPAmberStrict, TLPRed}

// Severity of an incident.
type Severity string

// Severities lists the allowed severities, lowest first.
var Severities = []Severity{"info", "low", "medium", "high", "critical"}

// Confidence is the analytic confidence of a write-up.
type Confidence string

// Confidences lists the allowed confidence levels, lowest first.
var Confidences = []Confidence{"low", "moderate", "high"}

// Phase is a phase of the Lockheed Martin Cyber Kill Chain.
type Phase string

// Phases lists the seven kill-chain phases in order.
var Phases = []Phase{
	"reconnaissance", "weaponization", "delivery", "exploitation",
	"installation", "command-and-control", "actions-on-objectives",
}

// Term is the horizon of a countermeasure.
type Term string

// Terms lists the allowed countermeasure terms.
var Terms = []Term{"short", "mid", "long"}

// Event is one entry of the timeline (事案の経緯).
type Event struct {
	When Period // zero when absent or when At is given
	At   Moment // format 2: a time of day (Clock true); zero otherwise
	Text Text
}

// Procurement is the procurement table.
type Procurement struct {
	Caption Text
	Source  string // reference id, "" when absent
	Items   []Purchase
}

// Purchase is one row of the procurement table.
type Purchase struct {
	Source     Source // the row's table header [[procurement.items]]
	Ordered    Period
	Product    Text
	Vendor     Text
	TermMonths int
	Users      int
	Countries  []string // ISO 3166-1 alpha-2, upper case; empty when unknown
	// The positions of its ordered, term_months, users and country
	// values (line 0 where absent), for the messages of later stages:
	// a row's values are not in Incident.Places, which would hold five
	// keys and positions for each of a long table's rows.
	OrderedAt, TermAt, UsersAt, CountryAt Pos
}

// Analysis is the 分析 / Analysis section.
type Analysis struct {
	Method         Text
	KillChain      []Phase
	Attack         []string // ATT&CK technique IDs, e.g. "T1195.002"
	SuccessFactors Text
	Actor          Text
	Scenarios      []Text
}

// Risk is one expected risk.
type Risk struct {
	Title      Text
	Text       Text
	Likelihood int // 1–5
	Impact     int // 1–5
}

// Score is likelihood × impact.
func (r Risk) Score() int { return r.Likelihood * r.Impact }

// Countermeasure is one action to take.
type Countermeasure struct {
	Term  Term
	Text  Text
	Owner Text
}

// Related is one item of related knowledge.
type Related struct {
	Text Text
	URL  string
}

// Reference is one entry of the reference list; its number is its index + 1.
type Reference struct {
	ID        string
	Title     Text
	Publisher Text
	Date      Date
	URL       string
	Accessed  Date
	Lang      string
}
