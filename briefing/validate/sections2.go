package validate

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"briefing/briefing/cvss"
	"briefing/briefing/diag"
	"briefing/briefing/indicator"
	"briefing/briefing/load"
	"briefing/briefing/localize"
	"briefing/briefing/model"
	"briefing/briefing/raster"
)

// The keys and sections format 2 adds: case, status and timezone at the
// top level, times of day in [[timeline]], [[indicators]],
// [[vulnerabilities]] and [[figures]]. A format-1 file that uses them is
// refused with a hint to write format = 2: format 1 stays as it was.

// format2 checks the top-level keys and sections of format 2.
func (c *checker) format2(inc *model.Incident) {
	r := c.raw
	if c.format == 1 {
		for _, v := range []load.Value{r.Case, r.Status, r.Timezone} {
			if v.Present() {
				c.errorf(v.Pos, v.Key, "%s is a key of format 2: write format = 2 at the top of the file to use it (texts are then read as Markdown)", v.Key)
			}
		}
		for _, s := range []struct {
			name string
			n    int
		}{{"indicators", len(r.Indicators)}, {"vulnerabilities", len(r.Vulnerabilities)}, {"figures", len(r.Figures)}} {
			if s.n > 0 {
				c.errorf(c.header(s.name+"[1]"), s.name, "[[%s]] is a section of format 2: write format = 2 at the top of the file to use it (texts are then read as Markdown)", s.name)
			}
		}
		return
	}
	if c.format != 2 {
		return
	}
	if r.Case.Present() {
		if s, ok := c.str(r.Case); ok {
			s = strings.Join(strings.Fields(s), " ")
			if s == "" {
				c.bad(r.Case, "is empty; leave case out instead")
			}
			inc.Case = s
		}
	}
	inc.Status = model.Final
	if r.Status.Present() {
		if s, ok := c.str(r.Status); ok {
			inc.Status = model.Status(c.oneOf(r.Status, strings.ToLower(s), []string{"draft", "final"}))
		}
	}
	if r.Timezone.Present() {
		if s, ok := c.str(r.Timezone); ok {
			loc, err := localize.Zone(s)
			if err != nil {
				c.bad(r.Timezone, "%v", err)
			}
			inc.Timezone = loc
		}
	}
	inc.Indicators = c.indicators(inc)
	inc.Vulnerabilities = c.vulnerabilities()
	inc.Figures = c.figures()
}

// header is the position of an entry's table header.
func (c *checker) header(entry string) model.Pos {
	l, _ := c.raw.Loc(entry)
	return l.Key
}

// moment checks a date or an offset date-time (format 2's `first_seen`,
// `last_seen` and timed `when`).
func (c *checker) moment(v load.Value) model.Moment {
	c.place(v)
	switch x := v.V.(type) {
	case time.Time:
		if x.Year() < 1 && x.Location().String() != "time-local" {
			c.bad(v, "%s: the year 0000 is no year of the calendar; write e.g. %s = 2021-07-02 or 2021-07-02T14:05:00+09:00", x.Format("2006-01-02"), lastKey(v.Key))
			return model.Moment{}
		}
		switch x.Location().String() {
		case "date-local":
			return model.Moment{Time: time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)}
		case "datetime-local":
			c.bad(v, "%s has no offset: write the time with its offset from UTC, e.g. %s+09:00 (Japan) or %sZ (UTC)",
				x.Format("2006-01-02T15:04:05"), x.Format("2006-01-02T15:04:05"), x.Format("2006-01-02T15:04:05"))
			return model.Moment{}
		case "time-local":
			c.bad(v, "a time without a date: write the date, the time and its offset, e.g. 2021-07-02T%s+09:00", x.Format("15:04:05"))
			return model.Moment{}
		}
		return model.Moment{Time: x, Clock: true}
	case string:
		if _, err := time.Parse(time.RFC3339, x); err == nil {
			c.bad(v, "write the time without quotes: %s = %s", lastKey(v.Key), x)
		} else if _, err := time.Parse(time.DateOnly, x); err == nil {
			c.bad(v, "write the date without quotes: %s = %s", lastKey(v.Key), x)
		} else {
			c.bad(v, "must be a date such as 2021-07-02 or a time such as 2021-07-02T14:05:00+09:00, without quotes, not %q", x)
		}
	default:
		c.bad(v, "must be a date such as 2021-07-02 or a time such as 2021-07-02T14:05:00+09:00, not %s", kind(v.V))
	}
	return model.Moment{}
}

// timed reports whether a `when` value is a TOML date-time with an offset
// or a local date-time, which only format 2 takes.
func timed(v load.Value) bool {
	t, ok := v.V.(time.Time)
	return ok && t.Location().String() != "date-local"
}

// backInTime warns of timeline entries that lie wholly before the entry
// above them: entries stay in file order, so one out of order is likely
// a typo.
func (c *checker) backInTime(evs []model.Event) {
	type span struct{ from, to time.Time }
	day := func(d model.Date, last bool) time.Time {
		if last {
			d = end(d)
		}
		m, dd := max(d.Month, 1), max(d.Day, 1)
		return time.Date(d.Year, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
	}
	spanOf := func(e model.Event) (span, bool) {
		switch {
		case e.At.Clock:
			return span{e.At.Time, e.At.Time}, true
		case !e.When.IsZero():
			to := e.When.To
			if to.IsZero() {
				to = e.When.From
			}
			return span{day(e.When.From, false), day(to, true).Add(24*time.Hour - time.Nanosecond)}, true
		}
		return span{}, false
	}
	var prev span
	has := false
	for i, e := range evs {
		s, ok := spanOf(e)
		if !ok {
			continue
		}
		if has && s.to.Before(prev.from) {
			key := fmt.Sprintf("timeline[%d].when", i+1)
			l, _ := c.raw.Loc(key)
			c.ds = append(c.ds, warning(c.raw.File, l.Value, key, "goes back in time: it comes before the entry above it; entries are printed in file order"))
		}
		prev, has = s, true
	}
}

// indicators checks [[indicators]]: each type and value, and no value
// listed twice.
func (c *checker) indicators(inc *model.Incident) []model.Indicator {
	var out []model.Indicator
	seen := map[string]string{} // type and Key → entry
	for i, e := range c.raw.Indicators {
		entry := fmt.Sprintf("indicators[%d]", i+1)
		in := model.Indicator{Source: model.Source{Key: entry, Pos: c.header(entry)}}
		var typ indicator.Type
		if !e.Type.Present() {
			c.missing(e.Type, entry, "every indicator needs a type: "+typeList())
		} else if s, ok := c.str(e.Type); ok {
			t, err := indicator.ParseType(s)
			if err != nil {
				c.bad(e.Type, "%v", err)
			} else {
				typ = t
				in.Type = string(t)
			}
		}
		if !e.Value.Present() {
			c.missing(e.Value, entry, "every indicator needs a value")
		} else if s, ok := e.Value.V.(string); !ok {
			c.bad(e.Value, "must be a string in quotes, not %s", kind(e.Value.V))
		} else if typ != "" {
			c.place(e.Value)
			var ctl *indicator.ControlError
			if err := indicator.Check(typ, s); errors.As(err, &ctl) {
				// At the character's own line and column.
				c.errorf(c.charAt(at(e.Value), e.Value.Key, ctl.Off), e.Value.Key, "%v", err)
			} else if err != nil {
				c.bad(e.Value, "%v", err)
			} else {
				in.Value = s
				k := string(typ) + "\x00" + indicator.Key(typ, s)
				if first, dup := seen[k]; dup {
					l, _ := c.raw.Loc(first + ".value")
					c.bad(e.Value, "%q is listed twice: %s (line %d) has the same %s", s, first, l.Value.Line, typ)
				} else {
					seen[k] = entry
				}
			}
		}
		in.Note = c.text(e.Note, entry, "")
		if e.FirstSeen.Present() {
			in.FirstSeen = c.moment(e.FirstSeen)
		}
		if e.LastSeen.Present() {
			in.LastSeen = c.moment(e.LastSeen)
		}
		if !in.FirstSeen.IsZero() && !in.LastSeen.IsZero() && in.LastSeen.Time.Before(in.FirstSeen.Time) {
			c.bad(e.LastSeen, "is before first_seen; the last sighting cannot precede the first")
		}
		out = append(out, in)
	}
	return out
}

func typeList() string {
	names := make([]string, len(indicator.Types))
	for i, t := range indicator.Types {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

var cveID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^CVE-(\d{4})-(\d{4,19})$`) })

// vulnerabilities checks [[vulnerabilities]]: the CVE id, the CVSS vector
// (scored), and no CVE listed twice.
func (c *checker) vulnerabilities() []model.Vulnerability {
	var out []model.Vulnerability
	seen := map[string]string{}
	for i, e := range c.raw.Vulnerabilities {
		entry := fmt.Sprintf("vulnerabilities[%d]", i+1)
		v := model.Vulnerability{Source: model.Source{Key: entry, Pos: c.header(entry)}}
		if !e.CVE.Present() {
			c.missing(e.CVE, entry, "every vulnerability needs its CVE id, e.g. cve = \"CVE-2021-30116\"")
		} else if s, ok := c.str(e.CVE); ok {
			id := strings.ToUpper(s)
			if m := cveID().FindStringSubmatch(id); m == nil {
				c.bad(e.CVE, "%q is not a CVE id: CVE, the year and a number of at least four digits, e.g. CVE-2021-30116", s)
			} else if m[1] < "1999" {
				c.bad(e.CVE, "%q is not a CVE id: CVE ids start in 1999 (CVE-1999-0001); give the id from the CVE record", s)
			} else if first, dup := seen[id]; dup {
				c.bad(e.CVE, "%s is listed twice: also %s", id, first)
			} else {
				seen[id] = entry
				v.CVE = id
			}
		}
		if e.CVSS.Present() {
			if s, ok := c.str(e.CVSS); ok {
				score, err := cvss.Parse(s)
				var ce *cvss.Error
				if errors.As(err, &ce) {
					pos := at(e.CVSS)
					if p, ok := c.raw.Char(e.CVSS.Key, ce.Offset); ok && ce.Offset > 0 {
						pos = p
					}
					c.errorf(pos, e.CVSS.Key, "%s", ce.Msg)
				} else {
					v.Vector, v.Version, v.Score, v.Severity = s, score.Version, score.Base, score.Severity.String()
				}
			}
		}
		v.Product = c.text(e.Product, entry, "")
		v.FixedIn = c.text(e.FixedIn, entry, "")
		if e.Exploited.Present() {
			c.place(e.Exploited)
			b, ok := e.Exploited.V.(bool)
			if !ok {
				c.bad(e.Exploited, "must be true or false, without quotes, not %s", kind(e.Exploited.V))
			}
			v.Exploited = b
		}
		v.Text = c.prose(e.Text, entry, "")
		out = append(out, v)
	}
	return out
}

// figures checks [[figures]]: the picture file (read and decoded here, so
// that `check` finds a bad one), its alternate text, where it goes and how
// wide it is.
func (c *checker) figures() []model.Figure {
	var out []model.Figure
	for i, e := range c.raw.Figures {
		entry := fmt.Sprintf("figures[%d]", i+1)
		f := model.Figure{Source: model.Source{Key: entry, Pos: c.header(entry)}, After: "analysis", Width: 1}
		if !e.File.Present() {
			c.missing(e.File, entry, "every figure needs its picture, e.g. file = \"ransom-note.png\" (PNG or JPEG, relative to this file)")
		} else if s, ok := c.str(e.File); ok {
			if s == "" {
				c.bad(e.File, "is empty; name a PNG or JPEG file relative to this file")
			} else {
				path := s
				if !filepath.IsAbs(path) {
					path = filepath.Join(filepath.Dir(c.raw.File), filepath.FromSlash(s))
				}
				p, err := raster.Read(path)
				if err != nil {
					c.bad(e.File, "%q %v", s, err)
				} else {
					f.Picture = p
				}
			}
		}
		f.Caption = c.prose(e.Caption, entry, "")
		f.Alt = c.text(e.Alt, entry, "every figure needs alt, the text a reader who cannot see the picture gets in its place")
		if e.After.Present() {
			if s, ok := c.str(e.After); ok {
				f.After = c.oneOf(e.After, strings.ToLower(s), model.FigureSections)
			}
		}
		if e.Width.Present() {
			c.place(e.Width)
			w := -1.0
			switch x := e.Width.V.(type) {
			case float64:
				w = x
			case int64:
				w = float64(x)
			default:
				c.bad(e.Width, "must be a number greater than 0 and at most 1 (a fraction of the text width), not %s", kind(e.Width.V))
			}
			if _, num := e.Width.V.(string); w >= minFigureWidth && w <= 1 {
				f.Width = w
			} else if w > 0 && w < minFigureWidth {
				c.bad(e.Width, "%v is too small: a figure narrower than %v of the text width cannot be read; write a width from %v to 1", e.Width.V, minFigureWidth, minFigureWidth)
			} else if !num && w != -1 || w == -1 && isNumber(e.Width.V) {
				c.bad(e.Width, "%v is out of range: the width is a fraction of the text width, greater than 0 and at most 1", e.Width.V)
			}
		}
		out = append(out, f)
	}
	return out
}

// minFigureWidth is the narrowest figure, as a fraction of the text width
// (about 17 mm on A4): a narrower picture prints too small to be read.
const minFigureWidth = 0.1

func isNumber(v any) bool {
	switch v.(type) {
	case float64, int64:
		return true
	}
	return false
}

// warning is a warning at pos.
func warning(file string, pos model.Pos, key, msg string) diag.Diagnostic {
	if pos.Line == 0 {
		pos = model.Pos{Line: 1, Col: 1}
	}
	return diag.Diagnostic{Severity: diag.Warning, File: file, Line: pos.Line, Col: pos.Col, Key: key, Message: msg}
}
