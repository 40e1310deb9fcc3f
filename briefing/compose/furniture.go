package compose

import (
	"slices"
	"strings"

	"briefing/briefing/layout"
	"briefing/briefing/localize"
	"briefing/briefing/marking"
	"briefing/briefing/model"
)

// TLPColors returns the colours of a TLP 2.0 label (see [marking.Colors]).
func TLPColors(t model.TLP) (text, background layout.Color) { return marking.Colors(t) }

// advance is the advance width of r in st's face, in 1/1000 em (a
// missing glyph counts as an em, as the font's notdef would be about that
// wide; a combining mark and an ignorable character, a variation selector
// included, take no room).
func advance(m layout.Metrics, r rune, st layout.Style) int {
	if layout.Combining(r) || layout.Ignorable(r) {
		return 0 // drawn over the character before it, or not at all
	}
	if m != nil {
		if w, ok := m.Advance(st.Face, r); ok {
			return w
		}
	}
	return 1000
}

// width is the advance width of s in st, in points.
func width(m layout.Metrics, s string, st layout.Style) float64 {
	total := 0
	for _, r := range s {
		total += advance(m, r, st)
	}
	return float64(total) / 1000 * st.Size
}

// fit shortens s with "…" until it is at most w points wide in st: the
// longest start of s that leaves room for the "…". Its time is linear in
// the length of s (the widths are summed once, not once per shorter
// start).
func fit(m layout.Metrics, s string, st layout.Style, w float64) string {
	if width(m, s, st) <= w {
		return s
	}
	total := advance(m, '…', st)
	if float64(total)/1000*st.Size > w {
		return ""
	}
	for i, r := range s {
		total += advance(m, r, st)
		if float64(total)/1000*st.Size > w {
			return s[:i] + "…"
		}
	}
	return s + "…" // not reached: s itself is wider than w
}

// furniture returns the func that draws every page's furniture: the
// running header (organization and title) with the TLP label at its right
// and a rule under it, and the footer (footer line, as-of date, "n / N"
// and the TLP label again).
func (c *composer) furniture() func(n, total int) []layout.Box {
	title, asOf, mark := c.running()
	if c.th.Organization != "" {
		c.check(model.Source{Key: "template organization.name"}, layout.Regular, c.th.Organization)
	}
	var footer []string
	if c.th.Words != nil {
		f := c.th.Words.Footer(c.loc.Lang())
		c.check(model.Source{Key: "template footer." + c.loc.Lang()}, layout.Regular, f)
		if f != "" {
			footer = append(footer, f)
		}
	}
	c.check(c.inc.Source("date"), layout.Regular, asOf)
	return Furniture(c.th, c.tlp(), []string{title}, append(footer, asOf), mark)
}

// Running returns what every page of inc's briefing in lang carries
// besides the template's furniture, for a document that binds briefings
// (a digest): the title of the running header, the as-of date of the
// footer ("As of 20 November 2026") and the draft mark (下書き / DRAFT; ""
// for a final briefing).
func Running(inc *model.Incident, lang string, th Theme) (title, asOf, mark string) {
	return newComposer(inc, lang, th).running()
}

func (c *composer) running() (title, asOf, mark string) {
	title, _ = localize.Text(c.inc.Title, c.lang)
	title = TitleLine(c.inc, c.lang, Cited(c.inc, c.lang, title))
	asOf = c.wordRaw("as_of") + " " + c.loc.Date(c.inc.Date)
	if c.inc.Status == model.Draft {
		mark = c.word("draft", layout.Bold)
	}
	return title, asOf, mark
}

// Separators of the parts of the running header and of the footer on a
// line.
const (
	headerSep = "  |  "
	footerSep = "    "
)

// Furniture returns the func that draws the furniture of every page of a
// document set with th, as TLP 2.0 wants a marked document (package
// marking):
//
//   - the header, in the top margin: the template's logo and organization,
//     then the parts of header (a digest's title, a briefing's title), and
//     the label of tlp right-justified at the right margin; a rule under
//     them;
//   - the footer, in the bottom margin: a rule, then the parts of footer
//     at the left (the template's footer line, a digest's period, a
//     briefing's as-of date), the page as "n / N", and the label of tlp
//     again, right-justified at the right margin.
//
// Each band's text is one line, joined by "  |  " in the header and by
// four spaces in the footer, when it fits beside the label; otherwise two
// lines, set in the label's height: a part goes on the line it fits on,
// else it starts the next (the footer line above the as-of date). The
// header's last part, the title, is broken across the two lines at a
// line-break opportunity instead of moving (JIS X 4051: [layout.CanBreak])
// and ends with "…" only when the two lines cannot hold it. Package theme
// refuses an organization name or footer line wider than a line of its band
// ([marking.HeaderRoom], [marking.FooterRoom]), so neither pushes out a
// title, a date or a label; a footer whose parts need three lines leaves
// out those between its first and its last (a digest's period, which its
// header and cover give) rather than the as-of date.
//
// The label is 12 pt ([marking.Size]) on black in its TLP 2.0 colour, the
// same words in every language. A briefing's header is its title and its
// footer the template's footer line and the as-of date; a digest shows its
// own title and the most restrictive marking of its incidents. The bands
// fit in margins of [marking.MinMargin]; package theme refuses smaller.
// A mark (下書き / DRAFT), when not "", is drawn in red, framed, left of
// the header's TLP label on every page.
func Furniture(th Theme, tlp model.TLP, header, footer []string, mark string) func(n, total int) []layout.Box {
	p := th.Paper
	if p == (layout.Paper{}) {
		p = layout.A4
	}
	m := th.Metrics
	if tlp == "" {
		tlp = model.TLPClear
	}
	head := make([]string, 0, len(header)+1)
	if th.Organization != "" {
		head = append(head, th.Organization)
	}
	for _, h := range header {
		head = append(head, runningLine(h))
	}
	foot := make([]string, 0, len(footer))
	for _, f := range footer {
		foot = append(foot, runningLine(f))
	}
	label := marking.Label(tlp)
	tlpStyle := layout.Style{Face: layout.Bold, Size: marking.Size}
	fg, bg := marking.Colors(tlp)
	tlpStyle.Color = fg
	muted := layout.Style{Face: layout.Regular, Size: sizeFurniture, Color: th.Muted}

	// Geometry (package marking): the header's rule RuleGap above the
	// text area, the label's box LabelGap above the rule; the footer
	// mirrors it below the text area. Texts beside a label share its
	// baseline; two lines share its height.
	labelW := marking.Width(m, tlp)
	right := p.Width - p.Right
	labelX := right - labelW
	ruleY := p.Top - marking.RuleGap
	labelY := ruleY - marking.LabelGap - marking.Height
	footRuleY := p.Height - p.Bottom + marking.RuleGap
	footLabelY := footRuleY + marking.LabelGap
	// The baseline of the label's text in its box: the box's bottom less
	// the padding and the descent below the baseline (0.12 em).
	base := marking.Height - marking.PadY - 0.12*marking.Size - 0.5
	headY, footY := labelY+base, footLabelY+base
	// Two lines: the second's descent (0.12 em) ends at the box's
	// bottom, the first a leading above it.
	base2 := marking.Height - 0.12*sizeFurniture - 0.5
	lines := func(x, top float64, ls []string, one float64) []layout.Box {
		if len(ls) == 1 {
			return []layout.Box{layout.TextBox{X: x, Y: one, Text: ls[0], Style: muted}}
		}
		return []layout.Box{
			layout.TextBox{X: x, Y: top + base2 - leadFurniture, Text: ls[0], Style: muted},
			layout.TextBox{X: x, Y: top + base2, Text: ls[1], Style: muted},
		}
	}

	// The logo stands at the left of the header, 14 pt tall and centred
	// on the label's height, its aspect ratio kept; one wider than a
	// quarter of the text width is scaled down to that width.
	var logo *layout.Image
	headX := p.Left
	if l := th.Logo; l != nil && l.Width > 0 && l.Height > 0 && len(l.Data) > 0 {
		w, h := marking.LogoWidth(l.Width, l.Height, right-p.Left), marking.LogoHeight
		if w < h*float64(l.Width)/float64(l.Height) {
			h = w * float64(l.Height) / float64(l.Width) // scaled down
		}
		logo = &layout.Image{X: p.Left, Y: labelY + (marking.Height-h)/2, W: w, H: h, Data: l.Data, Type: l.Type, Orientation: l.Orientation}
		headX = p.Left + w + marking.LogoGap
	}
	var markBoxes []layout.Box
	headEnd := labelX - marking.Gap
	if mark != "" {
		red := layout.Color{R: 0xC0, G: 0x10, B: 0x10}
		ms := layout.Style{Face: layout.Bold, Size: marking.Size, Color: red}
		mw := width(m, mark, ms) + 2*marking.PadX
		mx := labelX - marking.Gap - mw
		markBoxes = []layout.Box{
			layout.Rect{X: mx, Y: labelY, W: mw, H: marking.Height, Stroke: &red, LineWidth: 1},
			layout.TextBox{X: mx + marking.PadX, Y: headY, Text: mark, Style: ms},
		}
		headEnd = mx - marking.Gap
	}
	headLines, whole := band(m, head, headerSep, muted, headEnd-headX, true)
	headBoxes := lines(headX, labelY, headLines, headY)
	textW := right - p.Left
	if !whole {
		// The texts go on lines of their own across the text area,
		// between the rule and the label, which moves up into the margin
		// (package theme keeps room for two where the text area is
		// narrow: [marking.Wide]), when they are whole there or the row
		// is narrow.
		ls, wideWhole := band(m, head, headerSep, muted, textW, true)
		narrow := headEnd-headX < textW/2 || len(head) > 1 && width(m, head[0], muted) > headEnd-headX
		if (wideWhole || narrow) && len(ls) <= marking.WideLines(p.Top) {
			extra := marking.Wide(len(ls))
			up := func(b layout.Box) layout.Box {
				switch x := b.(type) {
				case layout.Rect:
					x.Y -= extra
					return x
				case layout.TextBox:
					x.Y -= extra
					return x
				}
				return b
			}
			for i := range markBoxes {
				markBoxes[i] = up(markBoxes[i])
			}
			labelY -= extra
			headY -= extra
			if logo != nil {
				logo.Y -= extra
			}
			headBoxes = wideLines(p.Left, ruleY-marking.LabelGap-extra, ls, muted)
		}
	}
	// The footer is set as the header is, to end before the widest page
	// number ("N / N") and the label: once per document, not per page.
	var footBoxes []layout.Box
	footFor := -1
	// Page numbers are written alike in every language.
	var loc localize.Locale

	return func(n, total int) []layout.Box {
		if total != footFor {
			last := loc.Index(total) + " / " + loc.Index(total)
			room := labelX - marking.Gap - width(m, last, muted) - marking.Gap - p.Left
			footBoxes, footFor = footerLines(m, foot, muted, room, right-p.Left, p.Bottom, func(ls []string, wide bool) []layout.Box {
				footLabelY = footRuleY + marking.LabelGap
				if !wide {
					return lines(p.Left, footLabelY, ls, footLabelY+base)
				}
				footLabelY += marking.Wide(len(ls))
				return wideLines(p.Left, footRuleY+marking.LabelGap, ls, muted)
			}), total
			footY = footLabelY + base
		}
		black := bg
		rule := th.Rule
		boxes := []layout.Box{
			layout.Rect{X: labelX, Y: labelY, W: labelW, H: marking.Height, Fill: &black},
			layout.TextBox{X: labelX + marking.PadX, Y: headY, Text: label, Style: tlpStyle},
		}
		boxes = append(boxes, headBoxes...)
		boxes = append(boxes,
			layout.Line{X1: p.Left, Y1: ruleY, X2: right, Y2: ruleY, Color: rule, Width: 0.5},
			layout.Line{X1: p.Left, Y1: footRuleY, X2: right, Y2: footRuleY, Color: rule, Width: 0.5},
			layout.Rect{X: labelX, Y: footLabelY, W: labelW, H: marking.Height, Fill: &black},
			layout.TextBox{X: labelX + marking.PadX, Y: footY, Text: label, Style: tlpStyle},
		)
		if logo != nil {
			boxes = append(boxes, *logo)
		}
		boxes = append(boxes, markBoxes...)
		page := loc.Index(n) + " / " + loc.Index(total)
		boxes = append(boxes, layout.TextBox{X: labelX - marking.Gap - width(m, page, muted), Y: footY, Text: page, Style: muted})
		boxes = append(boxes, footBoxes...)
		return boxes
	}
}

// footerLines sets the footer's parts: on the label's row, in room
// points, when they fit there (one line or two); else on lines of their
// own across the text area (textW points) when the bottom margin has room
// for them ([marking.WideLines]); the parts between the first and the last
// (a digest's period) are left out, the last first, before either is
// given up, and only then is the row's last line shortened. set makes
// the boxes of the lines, on the row or (wide) across.
func footerLines(m layout.Metrics, foot []string, st layout.Style, room, textW, bottom float64, set func(ls []string, wide bool) []layout.Box) []layout.Box {
	for {
		if ls, whole := band(m, foot, footerSep, st, room, false); whole {
			return set(ls, false)
		}
		if ls, whole := band(m, foot, footerSep, st, textW, false); whole && len(ls) <= marking.WideLines(bottom) {
			return set(ls, true)
		}
		if len(foot) < 3 {
			ls, _ := band(m, foot, footerSep, st, room, false)
			return set(ls, false)
		}
		foot = slices.Delete(slices.Clone(foot), len(foot)-2, len(foot)-1)
	}
}

// wideLines are the boxes of the lines ls set across the text area from
// x, the first's top at top, a leading ([marking.Lead]) apart.
func wideLines(x, top float64, ls []string, st layout.Style) []layout.Box {
	var bs []layout.Box
	for i, l := range ls {
		bs = append(bs, layout.TextBox{X: x, Y: top + float64(i+1)*marking.Lead - 0.12*st.Size - 0.5, Text: l, Style: st})
	}
	return bs
}

// leadFurniture is the distance between the baselines of a band's two
// lines, in points.
const leadFurniture = sizeFurniture + 1

// band sets parts in one line of room points, joined by sep, or else in
// two: a part goes on the line it fits on, else it starts the next. When
// split is set, the last part is broken across the lines at a line-break
// opportunity ([layout.CanBreak]) rather than moved to the next line
// whole when it fits no line by itself or the line it starts on has room
// for some of it. whole is false when the two lines could not hold the
// parts: then the last line ends with "…" (a part that fits no line is
// shortened too).
func band(m layout.Metrics, parts []string, sep string, st layout.Style, room float64, split bool) (lines []string, whole bool) {
	parts = slices.DeleteFunc(slices.Clone(parts), func(s string) bool { return s == "" })
	if len(parts) == 0 {
		return []string{""}, true
	}
	if one := strings.Join(parts, sep); width(m, one, st) <= room {
		return []string{one}, true
	}
	cur := ""
	whole = true
	for i, part := range parts {
		prefix := ""
		if cur != "" {
			prefix = cur + sep
		}
		if width(m, prefix+part, st) <= room {
			cur = prefix + part
			continue
		}
		if len(lines) == 1 { // no line after this one
			cur, whole = fit(m, prefix+part, st, room), false
			break
		}
		if split && i == len(parts)-1 && (cur == "" || width(m, part, st) > room || width(m, prefix, st) < room/2) {
			head, rest := breakAt(m, part, st, room-width(m, prefix, st), cur != "")
			if head != "" {
				lines = append(lines, prefix+head)
				cur = fit(m, rest, st, room)
				whole = cur == rest
				continue
			}
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		cur = part
		if width(m, part, st) > room {
			cur, whole = fit(m, part, st, room), false
		}
	}
	return append(lines, cur), whole
}

// breakAt breaks s after the longest start that is at most w points wide
// and ends between phrases ([layout.PhraseBreak]: not inside a word, in
// Japanese as in English), else at another line-break opportunity
// ([layout.CanBreak]), else at a character (a word wider than the line);
// the spaces at the break belong to neither side. With phrases set, only a
// break between phrases will do: s follows other text on its line, and
// moves to the next one whole rather than lose a piece of a word. head is
// "" when nothing fits.
func breakAt(m layout.Metrics, s string, st layout.Style, w float64, phrases bool) (head, rest string) {
	total, phrase, last, char := 0, -1, -1, -1
	var prev rune
	for i, r := range s {
		if i > 0 && layout.CanBreak(prev, r) {
			last = i
		}
		if i > 0 && layout.PhraseBreak(prev, r) {
			phrase = i
		}
		if i > 0 && !layout.Combining(r) {
			char = i // never between a character and its mark
		}
		total += advance(m, r, st)
		if float64(total)/1000*st.Size > w {
			at := phrase
			if at <= 0 && !phrases {
				at = last
				if at <= 0 {
					at = char
				}
			}
			if at <= 0 {
				return "", s
			}
			return strings.TrimRight(s[:at], " "), strings.TrimLeft(s[at:], " ")
		}
		prev = r
	}
	return s, ""
}

// TitleLine is a title or a name of inc written over several lines as one
// line in the briefing of lang: in a format-2 file joined as texts are
// ([JoinLines]: nothing between two Japanese characters, a space
// otherwise), in a format-1 file as format 1 joins the title block's
// lines, with nothing in a Japanese briefing and a space in an English
// one, so that a title reads the same on every line of one briefing. The
// running header, the outline, the document information, a digest's
// cover, its attachments' descriptions and the mail's subject and body
// show it.
func TitleLine(inc *model.Incident, lang, s string) string {
	if !strings.ContainsAny(s, "\n\r") {
		return oneLine(s)
	}
	if inc.Format < 2 {
		if localize.New(lang).Breaking() != layout.Japanese {
			return oneLine(s)
		}
		var b strings.Builder
		for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
			b.WriteString(strings.TrimSpace(l))
		}
		return oneLine(b.String())
	}
	var lines []string
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return oneLine(JoinLines(lines))
}

// runningLine is s on one line, for the running header and footer of
// [Furniture]: its lines joined as texts are ([JoinLines]: nothing
// between two Japanese characters, a space otherwise), a tab read as a
// space. A briefing's title comes joined already ([TitleLine]); this
// joins whatever else a document binding briefings puts there.
func runningLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	var lines []string
	for _, l := range strings.FieldsFunc(strings.ReplaceAll(s, "\t", " "), func(r rune) bool { return r == '\n' || r == '\r' }) {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return JoinLines(lines)
}

// oneLine joins the lines of s with spaces (a format-1 title in a
// briefing that is not Japanese, see [TitleLine]).
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == '\t' }), " ")
}
