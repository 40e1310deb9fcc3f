// Package period parses the period of a digest: an ISO 8601 week
// ("2021-W18", Monday to Sunday), a calendar month ("2021-05") or a range
// of two dates, both inclusive; weeks and months also relative to a day
// ("last", "this", "-N"). Every period lies within the years 1 to 9999.
package period

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"briefing/briefing/model"
)

// Range is a period of whole days, From and To inclusive. Week is the ISO
// week ("2021-W18") when the range was given as one, else ""; Month the
// month ("2021-05") when it was given as one, else "".
type Range struct {
	From, To model.Date
	Week     string
	Month    string
}

var weekPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})-W(\d{2})$`) })

// Week parses an ISO 8601 week such as "2021-W18" into its Monday–Sunday
// range. Week 53 exists only in years that have it.
func Week(s string) (Range, error) {
	m := weekPattern().FindStringSubmatch(s)
	if m == nil {
		return Range{}, fmt.Errorf("week %q: want an ISO week such as 2021-W18, or this, last or -N weeks", s)
	}
	year, _ := strconv.Atoi(m[1])
	week, _ := strconv.Atoi(m[2])
	if year < 1 {
		return Range{}, fmt.Errorf("week %q: years run from 0001 to 9999", s)
	}
	// The week holding 4 January is week 1.
	jan4 := time.Date(year, time.January, 4, 0, 0, 0, 0, time.UTC)
	monday1 := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	from := monday1.AddDate(0, 0, 7*(week-1))
	if y, w := from.ISOWeek(); week < 1 || y != year || w != week {
		return Range{}, fmt.Errorf("week %q: %d has no week %d", s, year, week)
	}
	if to := from.AddDate(0, 0, 6); to.Year() > 9999 {
		return Range{}, fmt.Errorf("week %q ends on %s, after the year 9999", s, to.Format(time.DateOnly))
	}
	return Range{From: date(from), To: date(from.AddDate(0, 0, 6)), Week: s}, nil
}

// Relative parses a week named relative to the day now falls on (in its
// own location): "this" (the week holding now), "last" (the week before)
// or "-N" (N weeks before this one, "-1" being "last"); the result is the
// ISO week, as [Week] gives it. The clock is the caller's, so that no
// result depends on when a test runs.
func Relative(s string, now time.Time) (Range, error) {
	back, ok := relative(s)
	if !ok {
		return Range{}, fmt.Errorf("week %q: want this, last or -N weeks (e.g. -2)", s)
	}
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -7*back)
	y, w := day.ISOWeek()
	if y < 1 || y > 9999 {
		return Range{}, fmt.Errorf("week %q from %s is in the year %d: years run from 0001 to 9999", s, now.Format(time.DateOnly), y)
	}
	return Week(fmt.Sprintf("%04d-W%02d", y, w))
}

var monthPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})-(\d{2})$`) })

// Month parses a calendar month such as "2021-05" into its first to last
// day.
func Month(s string) (Range, error) {
	m := monthPattern().FindStringSubmatch(s)
	if m == nil {
		return Range{}, fmt.Errorf("month %q: want a month such as 2021-05, or this, last or -N months", s)
	}
	year, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	if year < 1 {
		return Range{}, fmt.Errorf("month %q: years run from 0001 to 9999", s)
	}
	if month < 1 || month > 12 {
		return Range{}, fmt.Errorf("month %q: months run from 01 to 12", s)
	}
	first := time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	return Range{From: date(first), To: date(first.AddDate(0, 1, -1)), Month: s}, nil
}

// RelativeMonth parses a month named relative to the day now falls on (in
// its own location): "this", "last" or "-N" (N months before this one);
// the result is the month, as [Month] gives it.
func RelativeMonth(s string, now time.Time) (Range, error) {
	back, ok := relative(s)
	if !ok {
		return Range{}, fmt.Errorf("month %q: want this, last or -N months (e.g. -2)", s)
	}
	n := now.Year()*12 + int(now.Month()) - 1 - back
	if n < 12 || n >= 10000*12 {
		return Range{}, fmt.Errorf("month %q from %s is in the year %d: years run from 0001 to 9999", s, now.Format(time.DateOnly), n/12)
	}
	return Month(fmt.Sprintf("%04d-%02d", n/12, n%12+1))
}

// IsRelative reports whether s names a week or month relative to today:
// "this", "last" or "-N".
func IsRelative(s string) bool {
	return s == "this" || s == "last" || strings.HasPrefix(s, "-")
}

// relative reads "this" (0), "last" (1) or "-N" (N, at most 999999).
func relative(s string) (int, bool) {
	switch {
	case s == "this":
		return 0, true
	case s == "last":
		return 1, true
	case strings.HasPrefix(s, "-") && len(s) > 1 && len(s) <= 7:
		n, err := strconv.Atoi(s[1:])
		if err != nil || s[1] == '+' || s[1] == '-' {
			return 0, false
		}
		return n, true
	}
	return 0, false
}

// Dates parses a range of two dates (YYYY-MM-DD), both inclusive.
func Dates(from, to string) (Range, error) {
	f, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return Range{}, fmt.Errorf("--from %q: want a date such as 2021-05-03", from)
	}
	t, err := time.Parse(time.DateOnly, to)
	if err != nil {
		return Range{}, fmt.Errorf("--to %q: want a date such as 2021-05-09", to)
	}
	if f.Year() < 1 || t.Year() < 1 {
		return Range{}, fmt.Errorf("--from %s --to %s: years run from 0001 to 9999", from, to)
	}
	if t.Before(f) {
		return Range{}, fmt.Errorf("--to %s is before --from %s", to, from)
	}
	return Range{From: date(f), To: date(t)}, nil
}

// Contains reports whether d falls within the range.
func (r Range) Contains(d model.Date) bool {
	return !d.Before(r.From) && !r.To.Before(d)
}

// Name is the range as it appears in a digest's file name: the week
// ("2021-W18"), the month ("2021-05") or "2021-05-03_2021-05-09".
func (r Range) Name() string {
	if r.Week != "" {
		return r.Week
	}
	if r.Month != "" {
		return r.Month
	}
	return r.From.String() + "_" + r.To.String()
}

func date(t time.Time) model.Date {
	return model.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}
