package localize

import (
	"fmt"
	"strconv"

	"briefing/briefing/model"
)

// Days formats a range of whole days, both inclusive, as a digest's cover
// names its period. The Japanese end repeats its month and leaves out a year
// it shares with the start: 2021年5月1日～5月31日, 2021年4月26日～5月2日,
// 2020年12月28日～2021年1月3日. The English end leaves out what it shares
// with the start: 1–31 May 2021, 26 April – 2 May 2021, 28 December 2020 –
// 3 January 2021. A single day (or a zero end) is formatted as by
// [Locale.Date]; the zero start is "".
func (l Locale) Days(from, to model.Date) string {
	if from.IsZero() {
		return ""
	}
	if to.IsZero() || to == from {
		return l.Date(from)
	}
	if l.ja {
		if from.Year == to.Year {
			return l.Date(from) + "～" + monthDay(to)
		}
		return l.Date(from) + "～" + l.Date(to)
	}
	switch {
	case from.Year == to.Year && from.Month == to.Month:
		return strconv.Itoa(from.Day) + "–" + l.Date(to)
	case from.Year == to.Year:
		return strconv.Itoa(from.Day) + " " + monthName(from.Month) + " – " + l.Date(to)
	}
	return l.Date(from) + " – " + l.Date(to)
}

// Week formats ISO week number week of the week-numbering year year, with
// its days from (Monday) to to (Sunday): 2021年第18週（5月3日～5月9日） /
// Week 18: 3–9 May 2021. A week across the new year gives its dates in full
// and says which year's week it is: 2020年第53週（2020年12月28日～2021年1月3日） /
// Week 53 of 2020: 28 December 2020 – 3 January 2021.
func (l Locale) Week(year, week int, from, to model.Date) string {
	same := from.Year == year && to.Year == year
	if l.ja {
		days := monthDay(from) + "～" + monthDay(to)
		if !same {
			days = l.Date(from) + "～" + l.Date(to)
		}
		return fmt.Sprintf("%d年第%d週（%s）", year, week, days)
	}
	if !same {
		return fmt.Sprintf("Week %d of %d: %s", week, year, l.Days(from, to))
	}
	return fmt.Sprintf("Week %d: %s", week, l.Days(from, to))
}

// monthDay is a Japanese date without its year: 5月9日.
func monthDay(d model.Date) string {
	return fmt.Sprintf("%d月%d日", d.Month, d.Day)
}
