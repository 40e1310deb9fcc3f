package pictures

import (
	"math"
	"sort"

	"briefing/briefing/layout"
)

// SupplierChart is a horizontal bar chart of products per supplier country:
// one row per [Bar] with the country's name on the left, a bar as long as
// its number of products, the number at the bar's end and the note (the
// terminals) right-aligned at the right edge.
//
// Figure sorts the bars itself: most products first, bars with Unknown set
// last, ties in the order given. Bars of known countries are filled with
// Palette.Accent, the unknown one with Palette.Rule and labelled in
// Palette.Muted. Labels take at most 30% of the width, notes another 30%;
// longer ones are set smaller. A row is 2.3 times Style.Size high; no bars
// draw nothing.
type SupplierChart struct {
	Bars    []Bar
	Palette Palette
	Style   layout.Style // face and size of the labels
	Metrics layout.Metrics
	// Number writes the number of products at a bar's end, as the
	// briefing's language writes quantities (1,000); nil: plain digits.
	Number func(int) string
}

// Bar is one country of a [SupplierChart].
type Bar struct {
	Label    string // country name: ロシア / Russia, or 不明 / Unknown
	Products int    // number of products; negative counts as 0
	Note     string // printed at the right, e.g. 110台 / 110 terminals
	Unknown  bool   // the bar of products whose country is not known
}

// Figure returns the chart as a figure for the layout.
func (c SupplierChart) Figure() layout.Figure {
	return layout.Figure{Draw: c.draw}
}

// Drawn returns the bars in the order they are drawn (top to bottom).
func (c SupplierChart) Drawn() []Bar { return c.sorted() }

// sorted returns the bars in the order they are drawn.
func (c SupplierChart) sorted() []Bar {
	bars := append([]Bar(nil), c.Bars...)
	sort.SliceStable(bars, func(i, j int) bool {
		if bars[i].Unknown != bars[j].Unknown {
			return !bars[i].Unknown
		}
		return max(bars[i].Products, 0) > max(bars[j].Products, 0)
	})
	return bars
}

// barGeometry is where the columns of the chart go for one width.
type barGeometry struct {
	labelW     float64 // width of the label column (labels right-aligned in it)
	x0, length float64 // left edge of the bars and length of the longest
	row, bar   float64 // height of a row and of a bar
}

func (c SupplierChart) geometry(k ink, width float64, bars []Bar) barGeometry {
	s := k.size
	most := 0
	labelW, noteW, valueW := 0.0, 0.0, 0.0
	for _, b := range bars {
		most = max(most, b.Products)
		labelW = math.Max(labelW, k.width(b.Label, k.face, s))
		noteW = math.Max(noteW, k.width(b.Note, k.face, 0.9*s))
		noteW = math.Min(noteW, 0.3*width)
		valueW = math.Max(valueW, k.width(numeral(c.Number, max(b.Products, 0)), layout.Bold, s))
	}
	labelW = math.Min(labelW, 0.3*width)
	if noteW > 0 {
		noteW += 1.5 * s
	}
	x0 := labelW + 0.8*s
	length := math.Max(0, width-x0-noteW-valueW-0.5*s)
	return barGeometry{labelW: labelW, x0: x0, length: length, row: 2.3 * s, bar: 1.45 * s}
}

func (c SupplierChart) draw(width float64) (float64, []layout.Box) {
	if !usable(width) || len(c.Bars) == 0 {
		return 0, nil
	}
	k := newInk(c.Palette, c.Style, c.Metrics)
	s := k.size
	bars := c.sorted()
	g := c.geometry(k, width, bars)
	most := 0
	for _, b := range bars {
		most = max(most, b.Products)
	}
	height := float64(len(bars)) * g.row
	boxes := []layout.Box{layout.Line{X1: g.x0, Y1: 0, X2: g.x0, Y2: height, Color: k.pal.Rule, Width: 0.75}}
	for i, b := range bars {
		cy := (float64(i) + 0.5) * g.row
		fill, text := k.pal.Accent, k.pal.Text
		if b.Unknown {
			fill, text = k.pal.Rule, k.pal.Muted
		}
		// The label, right-aligned against the bars; shrunk if longer than
		// its column may be.
		size := k.fit(b.Label, k.face, s, g.labelW)
		lw := k.width(b.Label, k.face, size)
		boxes = append(boxes, layout.TextBox{X: g.labelW - lw, Y: baseline(cy, size), Text: b.Label, Style: layout.Style{Face: k.face, Size: size, Color: text}})

		n := max(b.Products, 0)
		length := 0.0
		if most > 0 {
			length = g.length * float64(n) / float64(most)
		}
		if length > 0 {
			boxes = append(boxes, layout.Rect{X: g.x0, Y: cy - g.bar/2, W: length, H: g.bar, Fill: ptr(fill)})
		}
		value := numeral(c.Number, n)
		boxes = append(boxes, layout.TextBox{X: g.x0 + length + 0.4*s, Y: baseline(cy, s), Text: value, Style: layout.Style{Face: layout.Bold, Size: s, Color: text}})
		if b.Note != "" {
			ns := k.fit(b.Note, k.face, 0.9*s, 0.3*width)
			nw := k.width(b.Note, k.face, ns)
			boxes = append(boxes, layout.TextBox{X: width - nw, Y: baseline(cy, ns), Text: b.Note, Style: layout.Style{Face: k.face, Size: ns, Color: k.pal.Muted}})
		}
	}
	return height, boxes
}
