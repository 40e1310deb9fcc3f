package model

import (
	"time"

	"briefing/briefing/raster"
)

// Moment is a date (Clock false: that day, Time at midnight UTC) or an
// instant with its time of day and the offset it was written with (Clock
// true), as format 2 writes `when`, `first_seen` and `last_seen`. The zero
// Moment is absent.
type Moment struct {
	Time  time.Time
	Clock bool
}

// IsZero reports whether the moment is absent.
func (m Moment) IsZero() bool { return m.Time.IsZero() }

// Status is a briefing's state: a draft carries a mark on every page.
type Status string

// The statuses.
const (
	Final Status = "final"
	Draft Status = "draft"
)

// Indicator is one indicator of compromise. Type is one of the names of
// package indicator; Value is as written, never defanged.
type Indicator struct {
	Source    Source // the entry's table header [[indicators]]
	Type      string
	Value     string
	Note      Text
	FirstSeen Moment
	LastSeen  Moment
}

// Vulnerability is one exploited vulnerability. Vector is "" when the file
// gives none; then Score is 0 and Severity "".
type Vulnerability struct {
	Source    Source // the entry's table header [[vulnerabilities]]
	CVE       string // CVE-2021-30116, upper case
	Vector    string
	Version   string  // "3.1" or "4.0"
	Score     float64 // base score, 0.0 to 10.0
	Severity  string  // None, Low, Medium, High or Critical
	Product   Text
	FixedIn   Text
	Exploited bool
	Text      Text
}

// CVEURL is the address of a CVE's record.
func CVEURL(id string) string { return "https://www.cve.org/CVERecord?id=" + id }

// Figure is a screenshot or diagram, decoded and checked.
type Figure struct {
	Source  Source // the entry's table header [[figures]]
	Picture *raster.Picture
	Caption Text
	Alt     Text
	After   string  // one of FigureSections
	Width   float64 // fraction of the text width, (0, 1]
}

// FigureSections lists the sections a figure may follow.
var FigureSections = []string{"summary", "timeline", "impact", "handling", "analysis", "risks", "countermeasures"}
