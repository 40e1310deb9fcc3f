package compose

import (
	"strings"

	"briefing/briefing/layout"
	"briefing/briefing/model"
	"briefing/briefing/pictures"
)

// The pictures of the briefing (package pictures) go right after what they
// illustrate:
//
//   - procurementFigure: products per supplier country, after the
//     procurement table and its source line;
//   - killChainFigure: the seven kill-chain phases, the named ones
//     highlighted, under the 分析 › キルチェーン heading;
//   - riskFigure: the 5×5 risk matrix, under the 予想されるリスク heading,
//     before the numbered risk list; risk i of sorted is marker i+1.

// palette is the template's colours for the pictures.
func (c *composer) palette() pictures.Palette {
	return pictures.Palette{
		Accent: c.th.Accent, AccentLight: c.th.AccentLight, Text: c.th.Text,
		Muted: c.th.Muted, Rule: c.th.Rule, RiskLow: c.th.RiskLow, RiskHigh: c.th.RiskHigh,
	}
}

// figure adds f, drawn at most maxWidth points wide (0 for the text width)
// and centred in the text width.
func (c *composer) figure(f layout.Figure, maxWidth float64) {
	draw := f.Draw
	if maxWidth > 0 && draw != nil {
		f.Draw = func(width float64) (float64, []layout.Box) {
			if width <= maxWidth {
				return draw(width)
			}
			h, boxes := draw(maxWidth)
			return h, shift(boxes, (width-maxWidth)/2)
		}
	}
	f.SpaceAfter = 8
	c.add(layout.Spacer{Height: 4}, f)
}

// shift moves boxes right by dx points.
func shift(boxes []layout.Box, dx float64) []layout.Box {
	out := make([]layout.Box, len(boxes))
	for i, b := range boxes {
		switch x := b.(type) {
		case layout.TextBox:
			x.X += dx
			b = x
		case layout.Rect:
			x.X += dx
			b = x
		case layout.Line:
			x.X1 += dx
			x.X2 += dx
			b = x
		case layout.Polygon:
			pts := make([]layout.Point, len(x.Points))
			for j, p := range x.Points {
				pts[j] = layout.Point{X: p.X + dx, Y: p.Y}
			}
			x.Points = pts
			b = x
		case layout.Link:
			x.X += dx
			b = x
		}
		out[i] = b
	}
	return out
}

// Widest drawing of each picture, in points.
const (
	maxRiskMatrix   = 330
	maxSupplierBars = 0
	maxKillChain    = 0
)

// CountryBar is one bar of the supplier-country chart: a country (code ""
// for the products of unknown origin), its products and their terminals.
// A product sold from several countries counts in each.
type CountryBar struct {
	Code     string
	Products int
	Users    int
}

// CountryBars counts the products and terminals per supplier country, in
// order of first appearance, the unknown country (if any) last.
func CountryBars(items []model.Purchase) []CountryBar {
	var out []CountryBar
	idx := map[string]int{}
	unknown := CountryBar{}
	for _, it := range items {
		if len(it.Countries) == 0 {
			unknown.Products++
			unknown.Users += it.Users
			continue
		}
		seen := map[string]bool{}
		for _, cc := range it.Countries {
			cc = strings.ToUpper(cc)
			if seen[cc] {
				continue
			}
			seen[cc] = true
			i, ok := idx[cc]
			if !ok {
				i = len(out)
				idx[cc] = i
				out = append(out, CountryBar{Code: cc})
			}
			out[i].Products++
			out[i].Users += it.Users
		}
	}
	if unknown.Products > 0 {
		out = append(out, unknown)
	}
	return out
}

func (c *composer) procurementFigure(items []model.Purchase) {
	counts := CountryBars(items)
	if len(counts) < 2 {
		return // one bar says nothing the table does not
	}
	bars := make([]pictures.Bar, len(counts))
	for i, b := range counts {
		label := ""
		if b.Code == "" {
			label = c.word("unknown", layout.Regular)
		} else {
			label = c.loc.Country(b.Code)
			c.check(c.inc.Source("procurement"), layout.Regular, label)
		}
		bars[i] = pictures.Bar{Label: label, Products: b.Products, Note: c.loc.Users(b.Users), Unknown: b.Code == ""}
	}
	// The chart's caption, kept with it.
	cs := c.style(layout.Bold, sizeSmall+0.5, c.th.Text)
	c.add(layout.Heading{
		Text:  layout.Text{Style: cs, Breaking: c.loc.Breaking(), Leading: 1.3},
		Spans: []layout.Span{{Text: c.word("supplier_chart", layout.Bold), Style: cs}},
		Level: 0, SpaceBefore: 8, Role: "Caption",
	})
	chart := pictures.SupplierChart{
		Bars: bars, Palette: c.palette(), Metrics: c.th.Metrics, Number: c.loc.Number,
		Style: layout.Style{Face: layout.Regular, Size: sizeTable, Color: c.th.Text},
	}
	f := chart.Figure()
	f.Alt = c.supplierAlt(chart.Drawn())
	c.figure(f, maxSupplierBars)
}

func (c *composer) killChainFigure(phases []model.Phase) {
	var k pictures.KillChain
	for i, ph := range model.Phases {
		if i >= len(k.Phases) {
			break
		}
		k.Phases[i] = c.word("phase_"+string(ph), layout.Bold)
		for _, p := range phases {
			if p == ph {
				k.Highlight[i] = true
			}
		}
	}
	k.Palette = c.palette()
	k.Metrics = c.th.Metrics
	k.Style = layout.Style{Face: layout.Bold, Size: sizeTable, Color: c.th.Text}
	f := k.Figure()
	f.Alt = c.killChainAlt(k)
	c.figure(f, maxKillChain)
}

func (c *composer) riskFigure(sorted []model.Risk) {
	m := pictures.RiskMatrix{
		LikelihoodLabel: c.word("likelihood", layout.Bold),
		ImpactLabel:     c.word("impact_axis", layout.Bold),
		Palette:         c.palette(),
		Metrics:         c.th.Metrics,
		Style:           layout.Style{Face: layout.Regular, Size: sizeTable, Color: c.th.Text},
		Number:          c.loc.Index,
	}
	for i, r := range sorted {
		m.Risks = append(m.Risks, pictures.RiskMark{Number: i + 1, Likelihood: r.Likelihood, Impact: r.Impact})
	}
	// The matrix illustrates the risk list under it: it never ends a page
	// with the list starting on the next.
	f := m.Figure()
	f.KeepWithNext = true
	f.Alt = c.riskAlt(m)
	c.figure(f, maxRiskMatrix)
}
