package digest

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"briefing/briefing/build"
	"briefing/briefing/compose"
	"briefing/briefing/diag"
	"briefing/briefing/layout"
	"briefing/briefing/load"
	"briefing/briefing/localize"
	"briefing/briefing/model"
	"briefing/briefing/render"
	"briefing/briefing/theme"
	"briefing/briefing/validate"
)

// Type sizes of the cover, in points.
const (
	sizeCoverTitle  = 22
	sizeCoverPeriod = 13
	sizeCoverSmall  = 8.5
	sizeMeta        = 10
	sizeHeading     = 13
	sizeTable       = 9
	sizeBody        = 10
)

// Document composes d in lang: the cover, then the briefing of each
// incident, each starting on a new page, under one furniture (the digest's
// title, its most restrictive TLP label, page numbers running through).
// An incident that cannot be shown in lang is left out; the returned
// Digest is what the document holds, its LeftOut counting such incidents
// too. The list holds the incidents' warnings, and the errors of those
// left out. With strict, a text missing lang is an error. The pages the
// briefings start on are known only once laid out: the cover's page column
// shows "—" and the running header the digest's title alone; [PDF] lays
// the briefings out first and the cover after them, with the pages.
func Document(d Digest, lang string, th compose.Theme, strict bool) (layout.Document, Digest, diag.List) {
	var parts [][]layout.Block
	shown, ds, _ := briefings(d, lang, th, strict, func(_ *model.Incident, blocks []layout.Block) error {
		parts = append(parts, blocks)
		return nil
	})
	return bind(shown, parts, lang, th, nil), shown, ds
}

// briefings composes the briefing of each incident of d in lang and hands
// its blocks to each (which may lay them out and let them go), in the
// digest's order; it returns what the digest shows and the incidents'
// messages. An incident not made in lang (its languages, or strict and a
// text missing lang) is counted in NotMade; one that cannot be composed (a
// character the fonts lack) in LeftOut, and named in Failures by its first
// error. An error of each stops it and is returned.
func briefings(d Digest, lang string, th compose.Theme, strict bool, each func(*model.Incident, []layout.Block) error) (Digest, diag.List, error) {
	var ds diag.List
	shown := d
	shown.Incidents = nil
	shown.Failures = slices.Clone(d.Failures)
	for _, inc := range d.Incidents {
		if inc == nil {
			continue
		}
		if !MadeIn(inc, lang) {
			shown.NotMade++
			continue
		}
		listed := inc
		if d.Load != nil {
			full, lds := d.Load(inc)
			if full == nil || lds.HasErrors() {
				ds = append(ds, lds...)
				shown.LeftOut++
				if first, ok := FirstError(lds); ok {
					shown.Failures = append(shown.Failures, Failure{Diagnostic: first, TLP: inc.TLP})
				}
				continue
			}
			inc = full
		}
		if strict {
			if tds := validate.Translations(inc, []string{lang}, true); tds.HasErrors() {
				ds = append(ds, tds...)
				shown.NotMade++
				continue
			}
		}
		doc, tds := build.Compose(inc, lang, th, compose.Options{Prefix: prefix(len(shown.Incidents)), Outline: true}, strict)
		ds = append(ds, tds...)
		if tds.HasErrors() {
			shown.LeftOut++
			if first, ok := FirstError(tds); ok {
				shown.Failures = append(shown.Failures, Failure{Diagnostic: first, TLP: inc.TLP})
			}
			continue
		}
		shown.Incidents = append(shown.Incidents, listed)
		if err := each(inc, doc.Blocks); err != nil {
			return shown, ds, err
		}
	}
	return shown, ds, nil
}

// FirstError is the first error of ds in their sorted order: what a
// digest's cover names a file or incident by; false when ds has none.
func FirstError(ds diag.List) (diag.Diagnostic, bool) {
	ds = slices.Clone(ds)
	ds.Sort()
	for _, x := range ds {
		if x.Severity == diag.Error {
			return x, true
		}
	}
	return diag.Diagnostic{}, false
}

// MadeIn reports whether inc is made in lang, as "briefing render" makes
// it without --lang: lang, or a tag of the same language (en-GB for en),
// is one of its languages.
func MadeIn(inc *model.Incident, lang string) bool {
	base := localize.New(lang).Lang()
	for _, l := range inc.Languages {
		if l == lang || localize.New(l).Lang() == base {
			return true
		}
	}
	return len(inc.Languages) == 0
}

// bind makes the document of the cover and the briefings' blocks. starts,
// when not nil, are the pages the briefings start on, for the cover's
// table.
func bind(shown Digest, parts [][]layout.Block, lang string, th compose.Theme, starts []int) layout.Document {
	blocks := cover(shown, lang, th, words(lang, th), starts)
	blocks = append(blocks, body(parts)...)
	return layout.Document{Paper: paperOf(th), Blocks: blocks, Furniture: furniture(shown, lang, th, starts)}
}

// paperOf is the paper of th, A4 when it names none.
func paperOf(th compose.Theme) layout.Paper {
	if th.Paper == (layout.Paper{}) {
		return layout.A4
	}
	return th.Paper
}

// body is the briefings' blocks, each starting on a new page.
func body(parts [][]layout.Block) []layout.Block {
	n := 0
	for _, p := range parts {
		n += 1 + len(p)
	}
	blocks := make([]layout.Block, 0, n)
	for _, p := range parts {
		blocks = append(blocks, layout.PageBreak{})
		blocks = append(blocks, p...)
	}
	return blocks
}

// furniture is the furniture of page n of total: the digest's title as
// the running header and the period in the footer, and on a briefing's
// pages the briefing's title after the digest's and what its own PDF's
// pages carry (its as-of date, its draft mark). starts are the pages the
// briefings start on (nil: the cover's furniture on every page).
func furniture(shown Digest, lang string, th compose.Theme, starts []int) func(n, total int) []layout.Box {
	w := words(lang, th)
	var footer []string
	if th.Words != nil {
		if f := th.Words.Footer(w.loc.Lang()); f != "" {
			footer = append(footer, f)
		}
	}
	footer = append(footer, periodText(shown.Period, lang))
	tlp := Marking(shown)
	title := w.title(shown.Period)
	front := compose.Furniture(th, tlp, []string{title}, footer, "")
	briefings := min(len(shown.Incidents), len(starts))
	// The furniture of the briefing last drawn (0: none), made when its
	// first page asks for it: the pages come in order, and what a
	// digest keeps of each briefing until its pages are written is its
	// light incident alone.
	last, lastFurniture := 0, front
	return func(n, total int) []layout.Box {
		// The last briefing started by page n (starts rise), from 1:
		// the cover's furniture before the first.
		f := sort.Search(briefings, func(i int) bool { return starts[i] > n })
		if f == 0 {
			return front(n, total)
		}
		if f != last {
			t, asOf, mark := compose.Running(shown.Incidents[f-1], lang, th)
			last, lastFurniture = f, compose.Furniture(th, tlp, []string{title, t}, append(slices.Clip(footer), asOf), mark)
		}
		return lastFurniture(n, total)
	}
}

// cover is the first page: a band with the title and the period, the
// facts of the digest, and the table of its incidents.
func cover(d Digest, lang string, th compose.Theme, w texts, starts []int) []layout.Block {
	title := w.title(d.Period)
	per := periodText(d.Period, lang)
	white := layout.Color{R: 0xFF, G: 0xFF, B: 0xFF}
	accent := th.Accent
	// The band's text is the digest's title (H1); its colours are
	// decoration.
	band := layout.Figure{SpaceAfter: 18, Role: "H1", Draw: func(width float64) (float64, []layout.Box) {
		const h, pad = 112.0, 18.0
		ts := layout.Style{Face: layout.Bold, Size: sizeCoverTitle, Color: white}
		ps := layout.Style{Face: layout.Regular, Size: sizeCoverPeriod, Color: white}
		ts.Size = fitSize(th.Metrics, title, ts, width-2*pad)
		ps.Size = fitSize(th.Metrics, per, ps, width-2*pad)
		boxes := []layout.Box{
			layout.Anchor{Name: coverAnchor},
			layout.Bookmark{Title: title + " " + per, Level: 0},
			layout.Rect{X: 0, Y: 0, W: width, H: h, Fill: &accent},
			layout.Rect{X: 0, Y: h - 5, W: width, H: 5, Fill: &th.RiskHigh},
		}
		if th.Organization != "" {
			os := layout.Style{Face: layout.Regular, Size: sizeCoverSmall, Color: white}
			os.Size = fitSize(th.Metrics, th.Organization, os, width-2*pad)
			boxes = append(boxes, layout.TextBox{X: pad, Y: 24, Text: th.Organization, Style: os})
		}
		boxes = append(boxes,
			layout.TextBox{X: pad, Y: 58, Text: title, Style: ts},
			layout.TextBox{X: pad, Y: 86, Text: per, Style: ps})
		return h, boxes
	}}
	out := []layout.Block{band}

	ks := layout.Style{Face: layout.Bold, Size: sizeMeta, Color: th.Muted}
	vs := layout.Style{Face: layout.Regular, Size: sizeMeta, Color: th.Text}
	bold := vs
	bold.Face = layout.Bold
	note := vs
	note.Color = th.Muted
	warn := bold
	warn.Color = th.RiskHigh
	var rows []layout.KeyValueRow
	for _, f := range facts(d, w) {
		st := bold
		switch f.Name {
		case "digest_period":
			st = vs
		case "digest_left_out":
			st = warn
		}
		value := []layout.Span{{Text: f.Value, Style: st}}
		if f.Note != "" {
			value = append(value, layout.Span{Text: w.paren(f.Note), Style: note})
		}
		rows = append(rows, layout.KeyValueRow{Key: []layout.Span{{Text: f.Key, Style: ks}}, Value: value})
	}
	settings := func(st layout.Style) layout.Text {
		return layout.Text{Style: st, Breaking: w.loc.Breaking()}
	}
	out = append(out, layout.KeyValue{Text: settings(vs), Rows: rows, KeyStyle: ks, SpaceAfter: 14})

	hs := layout.Style{Face: layout.Bold, Size: sizeHeading, Color: th.Accent}
	heading := w.word("digest_incidents")
	out = append(out, layout.Heading{
		Text:  layout.Text{Style: hs, Breaking: w.loc.Breaking(), Leading: 1.3},
		Spans: []layout.Span{{Text: heading, Style: hs}}, Level: 1,
		Rule: true, RuleColor: th.Accent, SpaceBefore: 6, SpaceAfter: 8,
	})
	if len(d.Incidents) == 0 {
		// No incident: the period had none, or none of its could be
		// included (left out, or not made in this language).
		out = append(out, layout.Paragraph{Text: settings(layout.Style{Face: layout.Regular, Size: sizeBody, Color: th.Text}),
			Spans: []layout.Span{{Text: none(d, w)}}})
	} else {
		out = append(out, table(d, lang, th, w, starts))
	}
	if len(d.Failures) > 0 {
		// Each file left out, by its name and first error, so that the
		// reader of a weekly digest knows what to fix.
		out = append(out, layout.Heading{
			Text:  layout.Text{Style: hs, Breaking: w.loc.Breaking(), Leading: 1.3},
			Spans: []layout.Span{{Text: w.word("digest_failures"), Style: hs}}, Level: 2,
			Rule: true, RuleColor: th.RiskHigh, SpaceBefore: 12, SpaceAfter: 6,
		})
		fs := layout.Style{Face: layout.Regular, Size: sizeTable, Color: th.Text}
		file := fs
		file.Face = layout.Bold
		for _, x := range d.Failures {
			msg := strings.TrimPrefix(coverLine(x, TLP(d.Incidents), w), oneLineFile(x.File))
			out = append(out, layout.Paragraph{Text: layout.Text{Style: fs, Breaking: layout.Latin}, SpaceAfter: 3,
				Spans: []layout.Span{{Text: drawable(th.Metrics, oneLineFile(x.File)), Style: file}, {Text: drawable(th.Metrics, msg), Style: fs}}})
		}
	}
	return out
}

// coverLine is the line the cover names a failure by. Its message, which
// may quote any value of the file, is printed only when the file's
// marking is known and no more restrictive than the incidents the digest
// holds (held): a file marked more restrictively, or whose marking could
// not be read, is named by its place and the key of the format it is at
// alone, the message withheld.
func coverLine(f Failure, held model.TLP, w texts) string {
	msg := "digest_withheld"
	switch {
	case f.TLP == "" || f.Unsure:
	case slices.Index(model.TLPs, f.TLP) > slices.Index(model.TLPs, held):
		msg = "digest_withheld_marked"
	default:
		return f.String()
	}
	return diag.Diagnostic{File: f.File, Line: f.Line, Col: f.Col, Key: load.FormatPath(f.Key),
		Message: w.word(msg)}.String()
}

// oneLineFile is a file name as a diagnostic prints it.
func oneLineFile(f string) string {
	return strings.TrimSuffix(diag.Diagnostic{File: f}.String(), ": ")
}

// drawable is s with each character the regular face lacks written as
// U+XXXX: a message may quote the character that made a file fail. A
// character that already follows its own name (as layout.RuneName writes
// "U+1F525 🔥") is left out with the space before it, so the code point is
// printed once.
func drawable(m layout.Metrics, s string) string {
	if m == nil {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if _, ok := m.Advance(layout.Regular, r); ok || r == ' ' {
			b = utf8.AppendRune(b, r)
			continue
		}
		name := fmt.Sprintf("U+%04X", r)
		if bytes.HasSuffix(b, []byte(name+" ")) {
			b = b[:len(b)-1]
			continue
		}
		b = append(b, name...)
	}
	return string(b)
}

// table lists the incidents, each row linked to its briefing.
func table(d Digest, lang string, th compose.Theme, w texts, starts []int) layout.Table {
	hs := layout.Style{Face: layout.Bold, Size: sizeTable, Color: th.Accent}
	st := layout.Style{Face: layout.Regular, Size: sizeTable, Color: th.Text}
	link := st
	link.Color = th.Accent
	col := func(text string, a layout.Align) layout.Column {
		return layout.Column{Header: []layout.Span{{Text: text, Style: hs}}, Align: a}
	}
	word := func(key string) string {
		if th.Words == nil {
			return key
		}
		return th.Words.Word(w.loc.Lang(), key)
	}
	cols := []layout.Column{
		col("#", layout.Right),
		col(w.word("digest_entry_col"), layout.Left),
		col(word("as_of"), layout.Left),
		col(w.word("digest_title_col"), layout.Left),
		col(word("severity"), layout.Left),
		col(word("tlp"), layout.Left),
		col(w.word("digest_page"), layout.Right),
	}
	var rows []layout.Row
	for i, inc := range d.Incidents {
		dest := prefix(i) + compose.TitleAnchor
		title, _ := localize.Text(inc.Title, lang)
		title = compose.TitleLine(inc, lang, compose.Cited(inc, lang, title))
		sev := "—"
		sevStyle := st
		if inc.Severity != "" {
			sev = word("severity_" + string(inc.Severity))
			sevStyle.Face = layout.Bold
			if inc.Severity == "high" || inc.Severity == "critical" {
				sevStyle.Color = th.RiskHigh
			}
		}
		tlp := inc.TLP
		if tlp == "" {
			tlp = model.TLPClear
		}
		tlpStyle := st
		tlpStyle.Face = layout.Bold
		page := "—"
		if i < len(starts) && starts[i] > 0 {
			page = w.loc.Index(starts[i])
		}
		titleCell := []layout.Span{{Text: title, Style: link, Dest: dest}}
		if inc.Status == model.Draft {
			// A draft is listed as one: a red mark after its title.
			ds := st
			ds.Face = layout.Bold
			ds.Color = th.RiskHigh
			titleCell = append(titleCell, layout.Span{Text: Draft(inc, lang, th), Style: ds, Dest: dest})
		}
		// New, or updated, with the day of the revision that puts it in
		// the period on a line of its own.
		entry := []layout.Span{{Text: w.word("digest_new"), Style: st, Dest: dest}}
		if Updated(inc, d.Period) {
			us := st
			us.Face = layout.Bold
			entry = []layout.Span{{Text: w.word("digest_updated"), Style: us, Dest: dest},
				{Text: "\n" + w.loc.Date(inc.Updated), Style: st, Dest: dest}}
		}
		rows = append(rows, layout.Row{Cells: [][]layout.Span{
			{{Text: w.loc.Index(i + 1), Style: st, Dest: dest}},
			entry,
			{{Text: w.loc.Date(inc.Date), Style: st, Dest: dest}},
			titleCell,
			{{Text: sev, Style: sevStyle, Dest: dest}},
			{{Text: "TLP:" + string(tlp), Style: tlpStyle, Dest: dest}},
			{{Text: page, Style: st, Dest: dest}},
		}})
	}
	return layout.Table{
		Text:    layout.Text{Style: st, Breaking: w.loc.Breaking()},
		Columns: cols, Rows: rows,
		HeaderStyle: hs, HeaderFill: th.AccentLight, RuleColor: th.Rule,
		Padding: 4, SpaceAfter: 6,
	}
}

// fitSize is the size at most st.Size at which s is at most w wide.
func fitSize(m layout.Metrics, s string, st layout.Style, w float64) float64 {
	if m == nil {
		return st.Size
	}
	total := 0
	for _, r := range s {
		a, ok := m.Advance(st.Face, r)
		if !ok {
			a = 1000
		}
		total += a
	}
	if total == 0 {
		return st.Size
	}
	return min(st.Size, w*1000/float64(total))
}

// PDF lays out d in lang and draws it into w. It returns what the digest
// holds and the incidents' messages; err is set when nothing could be
// drawn.
func PDF(out io.Writer, d Digest, lang string, th *theme.Theme, strict bool) (pages int, shown Digest, ds diag.List, err error) {
	return PDFWith(out, d, lang, th, strict, nil)
}

// PDFWith is [PDF] drawn as opt says (nil: an archival PDF).
//
// The digest is laid out once, and held no more than a briefing at a
// time. Each briefing is composed, laid out and drawn in turn, page by
// page, and let go: its pages do not depend on the cover, since the
// furniture that numbers the pages is added at the end. Then the cover,
// whose table names the pages the briefings start on, is laid out with
// them and drawn in front of them (render.Document.Front); last, the
// furniture of every page.
func PDFWith(out io.Writer, d Digest, lang string, th *theme.Theme, strict bool, opt *render.Options) (pages int, shown Digest, ds diag.List, err error) {
	ct := compose.FromTheme(th)
	paper := paperOf(ct)
	var ro render.Options
	if opt != nil {
		ro = *opt
	}
	doc := render.NewDocument(out, render.Info{}, th, ro)
	laidOut := func(err error) (int, Digest, diag.List, error) {
		return 0, shown, ds, fmt.Errorf("lay out the %s digest: %w", lang, err)
	}
	drawn := func(err error) (int, Digest, diag.List, error) {
		return 0, shown, ds, fmt.Errorf("draw the %s digest: %w", lang, err)
	}

	var drawErr error
	var files []layout.Attachment // the briefings' files, read while each is whole
	starts := []int{}             // the page each briefing starts on, counted from the first briefing's
	body := 0                     // the briefings' pages
	shown, ds, err = briefings(d, lang, ct, strict, func(inc *model.Incident, blocks []layout.Block) error {
		files = append(files, incidentFiles(inc, lang, ct)...)
		title := prefix(len(starts)) + compose.TitleAnchor
		start := 0
		_, err := layout.Stream(layout.Document{Paper: paper, Blocks: blocks}, th, func(p layout.Page) error {
			body++
			if start == 0 && slices.ContainsFunc(p.Boxes, func(b layout.Box) bool {
				a, ok := b.(layout.Anchor)
				return ok && a.Name == title
			}) {
				start = body
			}
			if err := doc.Page(p); err != nil {
				drawErr = err
				return err
			}
			return nil
		})
		if err != nil && drawErr == nil {
			return fmt.Errorf("the briefing of %s: %w", inc.ID, err)
		}
		starts = append(starts, start)
		return err
	})
	switch {
	case drawErr != nil:
		return drawn(drawErr)
	case err != nil:
		return laidOut(err)
	}
	front, starts, err := lay(shown, starts, lang, ct, th)
	if err != nil {
		return laidOut(err)
	}
	for i, p := range front {
		if err := doc.Front(p); err != nil {
			return drawn(err)
		}
		front[i] = layout.Page{} // drawn: its boxes and elements let go
	}
	meta := Meta(shown, lang, ct)
	meta.Files = files
	doc.SetInfo(render.Info(meta))
	f := layout.Document{Furniture: furniture(shown, lang, ct, starts)}
	var furnishErr error
	err = doc.Close(func(n, total int) ([]layout.Box, error) {
		boxes, err := layout.Furnish(f, th, n, total)
		if err != nil {
			furnishErr = err
		}
		return boxes, err
	})
	switch {
	case furnishErr != nil:
		return laidOut(furnishErr)
	case err != nil:
		return drawn(err)
	}
	return len(front) + body, shown, ds, nil
}

// coverTries bounds how often the cover is laid out: its page count n
// depends on the page numbers in its table, which depend on n; larger
// numbers never make it shorter, so counting from one page up finds n
// within a few tries.
const coverTries = 8

// lay lays out the cover of a digest whose briefings start on the pages
// starts, counted from the first briefing's page (0: not known), and
// returns its pages and the briefings' pages in the digest. The cover's
// table names these pages, which follow it: it is laid out again (it
// alone) until the length it assumed is the length it has.
func lay(shown Digest, starts []int, lang string, th compose.Theme, m layout.Metrics) (front []layout.Page, at []int, err error) {
	paper := paperOf(th)
	w := words(lang, th)
	at = make([]int, len(starts))
	for n, try := 1, 0; ; try++ {
		for i, s := range starts {
			if s > 0 {
				at[i] = n + s
			}
		}
		if front, err = layout.Lay(layout.Document{Paper: paper, Blocks: cover(shown, lang, th, w, at)}, m); err != nil {
			return nil, nil, err
		}
		if len(front) == n {
			return front, at, nil
		}
		if try == coverTries {
			return nil, nil, fmt.Errorf("the cover takes %d pages with the page numbers it gives for %d: no length settles", len(front), n)
		}
		n = len(front)
	}
}
