package compose

import (
	"strings"

	"briefing/briefing/layout"
	"briefing/briefing/localize"
	"briefing/briefing/model"
)

// TLPColors returns the colours of a TLP 2.0 label as FIRST defines them:
// the text colour, always on black. CLEAR is white, GREEN #33FF00, AMBER and
// AMBER+STRICT #FFC000, RED #FF2B2B; an unknown marking is white.
func TLPColors(t model.TLP) (text, background layout.Color) {
	black := layout.Color{}
	switch t {
	case model.TLPGreen:
		return layout.Color{R: 0x33, G: 0xFF, B: 0x00}, black
	case model.TLPAmber, model.TLPAmberStrict:
		return layout.Color{R: 0xFF, G: 0xC0, B: 0x00}, black
	case model.TLPRed:
		return layout.Color{R: 0xFF, G: 0x2B, B: 0x2B}, black
	}
	return layout.Color{R: 0xFF, G: 0xFF, B: 0xFF}, black
}

// advance is the advance width of r in st's face, in 1/1000 em (a
// missing glyph counts as an em, as the font's notdef would be about that
// wide; a combining mark takes no room).
func advance(m layout.Metrics, r rune, st layout.Style) int {
	if layout.Combining(r) {
		return 0 // drawn over the character before it
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

// furniture returns the func that draws every page's furniture: the TLP
// label at the top right, the running header (organization and title) and
// a rule under it, and the footer (footer line, as-of date, "n / N").
func (c *composer) furniture() func(n, total int) []layout.Box {
	title, _ := localize.Text(c.inc.Title, c.lang)
	if c.th.Organization != "" {
		c.check(model.Source{Key: "template organization.name"}, layout.Regular, c.th.Organization)
	}
	footer := ""
	if c.th.Words != nil {
		footer = c.th.Words.Footer(c.loc.Lang())
		c.check(model.Source{Key: "template footer." + c.loc.Lang()}, layout.Regular, footer)
	}
	asOf := c.wordRaw("as_of") + " " + c.loc.Date(c.inc.Date)
	c.check(c.inc.Source("date"), layout.Regular, asOf)
	left := asOf
	if footer != "" {
		left = footer + "    " + asOf
	}
	mark := ""
	if c.inc.Status == model.Draft {
		mark = c.word("draft", layout.Bold)
	}
	return Furniture(c.th, c.tlp(), title, left, mark)
}

// Furniture returns the func that draws the furniture of every page of a
// document set with th: the label of tlp at the top right, the running
// header (the template's logo and organization, then header, shortened
// with "…" to fit) with a rule under it, and the footer: a rule, footer at the left
// (shortened the same way to end before the page number) and the page as
// "n / N" at the right. A briefing's header is its title
// and its footer the template's footer line and the as-of date; a digest
// shows its own title and the most restrictive marking of its incidents.
// A mark (下書き / DRAFT), when given, is drawn in red, framed, left of the
// TLP label on every page.
func Furniture(th Theme, tlp model.TLP, header, footer string, mark ...string) func(n, total int) []layout.Box {
	p := th.Paper
	if p == (layout.Paper{}) {
		p = layout.A4
	}
	m := th.Metrics
	if tlp == "" {
		tlp = model.TLPClear
	}
	header, footer = oneLine(header), oneLine(footer)
	label := "TLP:" + string(tlp)
	tlpStyle := layout.Style{Face: layout.Bold, Size: 8}
	fg, bg := TLPColors(tlp)
	tlpStyle.Color = fg
	muted := layout.Style{Face: layout.Regular, Size: sizeFurniture, Color: th.Muted}
	head := header
	if th.Organization != "" {
		head = th.Organization + "  |  " + header
	}

	// Geometry: the header sits in the top margin, the footer in the bottom one.
	const padX, padY = 5.0, 3.0
	labelW := width(m, label, tlpStyle) + 2*padX
	labelH := tlpStyle.Size + 2*padY
	right := p.Width - p.Right
	labelX := right - labelW
	headY := p.Top - 26                 // baseline of the running header
	labelY := headY - labelH + padY + 2 // label box, its text on headY
	ruleY := p.Top - 16
	footRuleY := p.Height - p.Bottom + 18
	footY := footRuleY + 13

	// The logo stands at the left of the header, as tall as the TLP
	// label (its bottom on the label's), its aspect ratio kept; one
	// wider than a quarter of the text width is scaled down to that
	// width and centred on the label's height.
	var logo *layout.Image
	headX := p.Left
	if l := th.Logo; l != nil && l.Width > 0 && l.Height > 0 && len(l.Data) > 0 {
		h := labelH
		w := h * float64(l.Width) / float64(l.Height)
		if maxW := (right - p.Left) / 4; w > maxW {
			w, h = maxW, maxW*float64(l.Height)/float64(l.Width)
		}
		logo = &layout.Image{X: p.Left, Y: labelY + (labelH-h)/2, W: w, H: h, Data: l.Data, Type: l.Type}
		headX = p.Left + w + 6
	}
	var markBoxes []layout.Box
	headEnd := labelX - 12
	if len(mark) > 0 && mark[0] != "" {
		red := layout.Color{R: 0xC0, G: 0x10, B: 0x10}
		ms := layout.Style{Face: layout.Bold, Size: 8, Color: red}
		mw := width(m, mark[0], ms) + 2*padX
		mx := labelX - 6 - mw
		markBoxes = []layout.Box{
			layout.Rect{X: mx, Y: labelY, W: mw, H: labelH, Stroke: &red, LineWidth: 1},
			layout.TextBox{X: mx + padX, Y: labelY + labelH - padY - 0.12*ms.Size - 0.5, Text: mark[0], Style: ms},
		}
		headEnd = mx - 12
	}
	head = fit(m, head, muted, headEnd-headX)
	// The footer is shortened as the header is, to end before the
	// widest page number ("N / N"): once per document, not per page.
	foot, footFor := footer, -1
	// Page numbers are written alike in every language.
	var loc localize.Locale

	return func(n, total int) []layout.Box {
		if total != footFor {
			last := loc.Index(total) + " / " + loc.Index(total)
			foot, footFor = fit(m, footer, muted, right-p.Left-width(m, last, muted)-12), total
		}
		black := bg
		rule := th.Rule
		boxes := []layout.Box{
			layout.Rect{X: labelX, Y: labelY, W: labelW, H: labelH, Fill: &black},
			layout.TextBox{X: labelX + padX, Y: labelY + labelH - padY - 0.12*tlpStyle.Size - 0.5, Text: label, Style: tlpStyle},
			layout.TextBox{X: headX, Y: headY, Text: head, Style: muted},
			layout.Line{X1: p.Left, Y1: ruleY, X2: right, Y2: ruleY, Color: rule, Width: 0.5},
			layout.Line{X1: p.Left, Y1: footRuleY, X2: right, Y2: footRuleY, Color: rule, Width: 0.5},
		}
		if logo != nil {
			boxes = append(boxes, *logo)
		}
		boxes = append(boxes, markBoxes...)
		page := loc.Index(n) + " / " + loc.Index(total)
		boxes = append(boxes, layout.TextBox{X: right - width(m, page, muted), Y: footY, Text: page, Style: muted})
		boxes = append(boxes, layout.TextBox{X: p.Left, Y: footY, Text: foot, Style: muted})
		return boxes
	}
}

// oneLine joins the lines of s with spaces (a title written over several
// lines), for the places that show one line: the running header and
// footer, the outline, the document information.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == '\t' }), " ")
}
