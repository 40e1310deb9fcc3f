package localize

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	// The IANA time zone database, embedded so that a `timezone` resolves
	// the same on every host, one without /usr/share/zoneinfo included.
	_ "time/tzdata"

	"briefing/briefing/model"
)

// Time formats an instant with its time of day in zone: 2021年7月2日
// 14:05（JST） / 2 July 2021, 14:05 JST. A nil zone keeps the offset the
// instant was written with, named UTC+9 (or UTC for Z); a zone's
// abbreviation that is only an offset (+04) is written the same way.
// Seconds are left out.
func (l Locale) Time(t time.Time, zone *time.Location) string {
	if zone != nil {
		t = t.In(zone)
	}
	day := l.Date(model.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()})
	clock := fmt.Sprintf("%d:%02d", t.Hour(), t.Minute())
	z := ZoneName(t)
	if l.ja {
		return day + " " + clock + "（" + z + "）"
	}
	return day + ", " + clock + " " + z
}

// ZoneName is the name of t's zone as a briefing prints it: the zone's
// abbreviation (JST, CEST, UTC) where it has a letter one, else its offset
// from UTC (UTC+9, UTC−3:30, with a minus sign).
func ZoneName(t time.Time) string {
	name, off := t.Zone()
	if name != "" && name[0] != '+' && name[0] != '-' {
		return name
	}
	if off == 0 {
		return "UTC"
	}
	sign := "+"
	if off < 0 {
		sign, off = "−", -off
	}
	s := "UTC" + sign + strconv.Itoa(off/3600)
	if m := off % 3600 / 60; m != 0 {
		s += fmt.Sprintf(":%02d", m)
	}
	return s
}

// Zone returns the IANA time zone named name (Asia/Tokyo, Europe/Berlin,
// UTC) from the embedded database. "Local" and "" are refused: a briefing
// must not depend on the machine that builds it.
func Zone(name string) (*time.Location, error) {
	if name == "" || name == "Local" || strings.TrimSpace(name) != name {
		return nil, fmt.Errorf("%q is not an IANA time zone name: write one such as Asia/Tokyo or Europe/Berlin", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		hint := ""
		if len(name) <= 5 && strings.ToUpper(name) == name {
			hint = "; an abbreviation such as JST names no zone"
		}
		return nil, errors.New(strconv.Quote(name) + " is not an IANA time zone name: write one such as Asia/Tokyo or Europe/Berlin" + hint)
	}
	return loc, nil
}

// Draft marks a draft's title in the document information:
// 【下書き】タイトル / DRAFT: Title.
func (l Locale) Draft(title string) string {
	if l.ja {
		return "【下書き】" + title
	}
	return "DRAFT: " + title
}
