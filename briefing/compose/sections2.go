package compose

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"briefing/briefing/indicator"
	"briefing/briefing/layout"
	"briefing/briefing/localize"
	"briefing/briefing/model"
	"briefing/briefing/raster"
)

// The sections format 2 adds: exploited vulnerabilities, indicators of
// compromise, figures (screenshots and diagrams) after the section they
// illustrate, and times of day.

// seen writes when an indicator was seen: 2021年7月3日～5日 / 3–5 July
// 2021 for two days (as a period), a time of day and a day joined by ～ /
// –, or the one given.
func (c *composer) seen(in model.Indicator) string {
	a, b := in.FirstSeen, in.LastSeen
	switch {
	case a.IsZero():
		return c.moment(b)
	case b.IsZero():
		return c.moment(a)
	case !a.Clock && !b.Clock:
		day := func(t time.Time) model.Date { return model.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()} }
		return c.loc.Period(model.Period{From: day(a.Time), To: day(b.Time)})
	}
	sep := " – "
	if c.loc.Lang() == "ja" {
		sep = "～"
	}
	return c.moment(a) + sep + c.moment(b)
}

// moment writes a date or a time of day in the incident's time zone.
func (c *composer) moment(m model.Moment) string {
	if m.IsZero() {
		return ""
	}
	if m.Clock {
		return c.loc.Time(m.Time, c.inc.Timezone)
	}
	t := m.Time
	return c.loc.Date(model.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()})
}

// SeverityColor is the colour a CVSS severity rating is printed in: the
// usual scale from yellow (Low) through orange and red to dark red
// (Critical); grey for None.
func SeverityColor(severity string) layout.Color {
	switch severity {
	case "Critical":
		return layout.Color{R: 0xA0, G: 0x00, B: 0x1E}
	case "High":
		return layout.Color{R: 0xE0, G: 0x40, B: 0x10}
	case "Medium":
		return layout.Color{R: 0xD0, G: 0x80, B: 0x00}
	case "Low":
		return layout.Color{R: 0xA8, G: 0x90, B: 0x00}
	}
	return layout.Color{R: 0x6B, G: 0x72, B: 0x80}
}

// SortVulnerabilities returns vs by CVSS score, highest first; those
// without a vector last, each group in file order.
func SortVulnerabilities(vs []model.Vulnerability) []model.Vulnerability {
	out := slices.Clone(vs)
	slices.SortStableFunc(out, func(a, b model.Vulnerability) int {
		sa, sb := a.Score, b.Score
		if a.Vector == "" {
			sa = -1
		}
		if b.Vector == "" {
			sb = -1
		}
		switch {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return 0
	})
	return out
}

func (c *composer) vulnerabilities() {
	vs := c.inc.Vulnerabilities
	if len(vs) == 0 {
		return
	}
	c.h1("vulnerabilities")
	hs := c.style(layout.Bold, sizeTable, c.th.Accent)
	st := c.style(layout.Regular, sizeTable, c.th.Text)
	col := func(key string, a layout.Align) layout.Column {
		return layout.Column{Header: []layout.Span{{Text: c.word(key, layout.Bold), Style: hs}}, Align: a}
	}
	cols := []layout.Column{col("cve", layout.Left), col("cvss", layout.Left), col("product", layout.Left), col("fixed_in", layout.Left), col("exploited", layout.Left)}
	var rows []layout.Row
	var notes []model.Vulnerability
	for _, v := range SortVulnerabilities(vs) {
		ls := st
		ls.Color = c.th.Accent
		cve := []layout.Span{{Text: v.CVE, Style: ls, URL: model.CVEURL(v.CVE), Whole: true}}
		var score []layout.Span
		if v.Vector != "" {
			ss := st
			ss.Face = layout.Bold
			ss.Color = SeverityColor(v.Severity)
			score = []layout.Span{
				{Text: strconv.FormatFloat(v.Score, 'f', 1, 64) + " ", Style: ss},
				c.fixed(v.Source, c.word("severity_"+lower(v.Severity), layout.Bold), ss),
				{Text: " (v" + v.Version + ")", Style: st},
			}
		}
		var exploited []layout.Span
		if v.Exploited {
			es := st
			es.Face = layout.Bold
			es.Color = c.th.RiskHigh
			exploited = []layout.Span{{Text: c.word("exploited_yes", layout.Bold), Style: es}}
		}
		rows = append(rows, layout.Row{Cells: [][]layout.Span{cve, score, c.spans(v.Product, st), c.spans(v.FixedIn, st), exploited}})
		if !v.Text.IsZero() {
			notes = append(notes, v)
		}
	}
	c.add(layout.Table{
		Text: c.settings(st), Columns: cols, Rows: rows,
		HeaderStyle: hs, HeaderFill: c.th.AccentLight, RuleColor: c.th.Rule, EmphasisFill: c.th.AccentLight,
		Padding: 3.5, SpaceAfter: 6,
	})
	for _, v := range notes {
		body := c.body()
		ls := body
		ls.Face = layout.Bold
		lead := []layout.Span{{Text: c.loc.Label(v.CVE, ""), Style: ls}}
		first, more := c.item(v.Text, body)
		c.add(layout.Paragraph{Text: c.settings(body), Spans: append(lead, first...), SpaceAfter: 4})
		c.add(more...)
	}
}

// sortedIndicators returns the indicators grouped by type in the order of
// indicator.Types, each group in file order.
func sortedIndicators(in []model.Indicator) []model.Indicator {
	out := slices.Clone(in)
	rank := func(t string) int { return slices.Index(indicator.Types, indicator.Type(t)) }
	slices.SortStableFunc(out, func(a, b model.Indicator) int { return rank(a.Type) - rank(b.Type) })
	return out
}

func (c *composer) indicators() {
	ins := c.inc.Indicators
	if len(ins) == 0 {
		return
	}
	c.h1("indicators")
	hs := c.style(layout.Bold, sizeTable, c.th.Accent)
	st := c.style(layout.Regular, sizeTable, c.th.Text)
	mono := c.style(layout.Mono, sizeTable-0.5, c.th.Text)
	col := func(key string) layout.Column {
		return layout.Column{Header: []layout.Span{{Text: c.word(key, layout.Bold), Style: hs}}, Align: layout.Left}
	}
	valueHead := "ioc_value"
	if c.th.Fanged {
		valueHead = "value"
	}
	seen := false
	for _, in := range ins {
		if !in.FirstSeen.IsZero() || !in.LastSeen.IsZero() {
			seen = true
		}
	}
	cols := []layout.Column{col("ioc_type"), col(valueHead), col("note")}
	if seen {
		cols = append(cols, col("seen"))
	}
	var rows []layout.Row
	invisible := false // a value holds a character Visible names
	for _, in := range sortedIndicators(ins) {
		v := in.Value
		if !c.th.Fanged {
			v = indicator.Defang(indicator.Type(in.Type), v)
		}
		if w := indicator.Visible(v); w != v { // never a control that turns it around
			v, invisible = w, true
		}
		src := c.inc.Source(in.Source.Key + ".value")
		// The value is code: cut only where the line ends, never after
		// a space or hyphen, and copied whole (layout.Span.Code).
		value := c.fixed(src, v, mono)
		value.Code = true
		cells := [][]layout.Span{
			{{Text: in.Type, Style: mono}},
			{value},
			c.spans(in.Note, st),
		}
		if seen {
			cells = append(cells, []layout.Span{c.fixed(in.Source, c.seen(in), st)})
		}
		rows = append(rows, layout.Row{Cells: cells})
	}
	c.add(layout.Table{
		Text: c.settings(st), Columns: cols, Rows: rows,
		HeaderStyle: hs, HeaderFill: c.th.AccentLight, RuleColor: c.th.Rule, EmphasisFill: c.th.AccentLight,
		Padding: 3.5, SpaceAfter: 3, KeepWithNext: true,
	})
	ss := c.style(layout.Regular, sizeSmall, c.th.Muted)
	var notes []layout.Span
	if !c.th.Fanged {
		notes = append(notes, layout.Span{Text: c.word("ioc_note", layout.Regular), Style: ss})
	}
	if invisible {
		if notes != nil && c.loc.Lang() != "ja" {
			notes = append(notes, layout.Span{Text: " ", Style: ss})
		}
		notes = append(notes, layout.Span{Text: c.word("ioc_invisible", layout.Regular), Style: ss})
	}
	if notes != nil {
		c.add(layout.Paragraph{Text: c.settings(ss), Spans: notes, SpaceAfter: 6})
	}
}

// Attachments returns the files a briefing of inc in lang embeds: the
// indicators as indicators.csv (RFC 4180, values as written, notes in
// lang) and indicators.stix.json (a STIX 2.1 bundle, the same bytes in
// every language: see [notes]), when it has any.
func Attachments(inc *model.Incident, lang string, words Words) []layout.Attachment {
	if inc == nil || len(inc.Indicators) == 0 {
		return nil
	}
	list := make([]indicator.Indicator, 0, len(inc.Indicators))
	for _, in := range inc.Indicators {
		note, _ := localize.Text(in.Note, lang)
		note = Cited(inc, lang, note)
		list = append(list, indicator.Indicator{
			Type: indicator.Type(in.Type), Value: in.Value, Note: note,
			FirstSeen: indicator.Seen{Time: in.FirstSeen.Time, Clock: in.FirstSeen.Clock},
			LastSeen:  indicator.Seen{Time: in.LastSeen.Time, Clock: in.LastSeen.Clock},
			Notes:     notes(inc, in.Note),
		})
	}
	created := inc.Updated
	if created.IsZero() {
		created = inc.Date
	}
	stix, err := indicator.STIX(list, indicator.Bundle{
		Incident: inc.ID, Created: midnight(created), Date: midnight(inc.Date), TLP: string(inc.TLP),
	})
	word := func(key, fallback string) string {
		if words != nil {
			if s := words.Word(localize.New(lang).Lang(), key); s != "" {
				return s
			}
		}
		return fallback
	}
	files := []layout.Attachment{{Name: "indicators.csv", Description: word("ioc_csv", "Indicators of compromise (CSV)"), MIME: "text/csv", Data: indicator.CSV(list)}}
	if err == nil {
		files = append(files, layout.Attachment{Name: "indicators.stix.json", Description: word("ioc_stix", "Indicators of compromise (STIX 2.1)"),
			MIME: "application/stix+json;version=2.1", Data: stix})
	}
	return files
}

// notes returns note in each of langs that has it, in the order of langs
// (the incident's languages, its first language first). A plain string
// serves every language: it is the first language's only. A language
// the note lacks has no entry, not another language's text.
func notes(inc *model.Incident, note model.Text) []indicator.Note {
	langs := inc.Languages
	if note.IsZero() {
		return nil
	}
	if note.Plain != "" {
		if len(langs) == 0 {
			return []indicator.Note{{Text: Cited(inc, "en", note.Plain)}}
		}
		return []indicator.Note{{Lang: langs[0], Text: Cited(inc, langs[0], note.Plain)}}
	}
	var out []indicator.Note
	for _, l := range langs {
		if s, ok := localize.Text(note, l); ok && s != "" {
			out = append(out, indicator.Note{Lang: l, Text: Cited(inc, l, s)})
		}
	}
	return out
}

// midnight is the start of day d in UTC.
func midnight(d model.Date) time.Time {
	return time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// figureLabel is 図1 / Figure 1.
func (c *composer) figureLabel(n int) string {
	w := c.word("figure", layout.Bold)
	if c.loc.Lang() == "ja" {
		return w + strconv.Itoa(n)
	}
	return fmt.Sprintf("%s %d", w, n)
}

// figuresAfter adds the figures that follow the section key, in file
// order, numbered on from the figures before them: 図1 / Figure 1 in bold,
// then the caption, under the picture and kept on its page. A picture is
// width × the text width wide (centred) and never taller than half the
// text area, its aspect ratio kept; its pixels are cut to 200 dpi at that
// size (package raster).
func (c *composer) figuresAfter(key string) {
	for _, f := range c.inc.Figures {
		if f.After != key || f.Picture == nil {
			continue
		}
		c.nfig++
		n := c.nfig
		alt, _ := localize.Text(f.Alt, c.lang)
		pic := f.Picture
		pw, ph := pic.Size()
		maxH := (c.paper().Height - c.paper().Top - c.paper().Bottom) / 2
		frac := f.Width
		var cache struct {
			w, h   float64
			data   []byte
			typ    string
			orient raster.Orientation
		}
		c.add(layout.Spacer{Height: 4}, layout.Figure{
			Draw: func(width float64) (float64, []layout.Box) {
				w := width * frac
				h := w * float64(ph) / float64(pw)
				if h > maxH {
					h, w = maxH, maxH*float64(pw)/float64(ph)
				}
				if cache.data == nil || cache.w != w {
					cache.data, cache.typ, _, _, cache.orient = pic.Fit(w, h)
					cache.w, cache.h = w, h
				}
				return h, []layout.Box{layout.Image{X: (width - w) / 2, Y: 0, W: w, H: h, Data: cache.data, Type: cache.typ, Alt: alt, Orientation: int(cache.orient)}}
			},
			SpaceAfter: 4, KeepWithNext: true, Anchor: c.anchor("fig-" + strconv.Itoa(n)),
		})
		cs := c.style(layout.Regular, sizeSmall, c.th.Text)
		ls := cs
		ls.Face = layout.Bold
		spans := []layout.Span{{Text: c.figureLabel(n), Style: ls}}
		if !f.Caption.IsZero() {
			spans = append(spans, layout.Span{Text: "  ", Style: cs})
			first, _ := c.item(f.Caption, cs)
			spans = append(spans, first...)
		}
		c.add(layout.Paragraph{Text: c.settings(cs), Spans: spans, SpaceAfter: 8, Role: "Caption"})
	}
}
