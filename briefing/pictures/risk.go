package pictures

import (
	"math"
	"sort"

	"briefing/briefing/layout"
)

// RiskMatrix is a 5×5 risk matrix: likelihood (1–5, bottom to top) against
// impact (1–5, left to right), the cells shaded by score (likelihood ×
// impact) from Palette.RiskLow to Palette.RiskHigh, each risk a numbered
// round marker in its cell. Beside the grid a colour key shows the scores
// 1–25 under the heading "LikelihoodLabel × ImpactLabel"; an arrow after
// each axis title points the way values grow.
//
// The grid is about half the width given (at most 340 points), the grid
// and key centred in it; a cell holding more than four risks makes it
// larger so that its markers stay readable. Several risks in a cell form a
// small block in reading order of their numbers; all markers have one size.
// Titles too long for their room are set smaller. The figure is about 0.6
// times as high as wide on an A4 text width.
type RiskMatrix struct {
	LikelihoodLabel string // title of the vertical axis: 発生可能性 / Likelihood
	ImpactLabel     string // title of the horizontal axis: 影響度 / Impact
	Risks           []RiskMark
	Palette         Palette
	Style           layout.Style // face and base size of the labels
	Metrics         layout.Metrics
	// Number writes the scale's values and the risks' numbers, as the
	// briefing writes numbers of items; nil: plain digits.
	Number func(int) string
}

// RiskMark is one risk in a [RiskMatrix]. Number is the number printed on
// the marker and should match the numbered risk list. Likelihood and Impact
// are 1–5; values outside are drawn at the nearest edge of the grid.
type RiskMark struct {
	Number, Likelihood, Impact int
}

// Figure returns the matrix as a figure for the layout.
func (m RiskMatrix) Figure() layout.Figure {
	return layout.Figure{Draw: m.draw}
}

// riskGeometry is where the parts of a risk matrix go for one width.
type riskGeometry struct {
	gx, gy, cell float64 // top-left corner of the grid and the side of a cell
	keyX         float64 // left edge of the colour key's strip
	keySize      float64 // size of the colour key's heading
	height       float64
	width        float64
}

func (m RiskMatrix) geometry(k ink, width float64) riskGeometry {
	s := k.size
	tickW := 0.0
	for i := 1; i <= 5; i++ {
		tickW = math.Max(tickW, k.width(numeral(m.Number, i), k.face, s))
	}
	tickCol := tickW + 0.8*s
	// The colour key: a strip, its tick labels, its heading above.
	// A long heading is set smaller rather than taking the grid's room.
	keySize := k.fit(m.keyTitle(k), layout.Bold, 0.9*s, 0.3*width)
	keyTitle := k.width(m.keyTitle(k), layout.Bold, keySize)
	keyW := math.Max(0.9*s+0.5*s+k.width(numeral(m.Number, 25), k.face, 0.85*s), keyTitle)
	keyGap := 2.5 * s

	// A grid about half the width; larger when a crowded cell needs room
	// for its markers to stay readable, as far as the width allows.
	side := math.Min(width*0.52, 340)
	most := 0
	for _, n := range m.crowding() {
		most = max(most, n)
	}
	if most > 0 {
		cols := math.Ceil(math.Sqrt(float64(most)))
		need := 5 * cols * 2 * (0.85 * s) / 0.9 / (1 - 2*cellInset)
		side = math.Max(side, need)
	}
	if rest := width - tickCol - keyGap - keyW; side > rest {
		side = rest
	}
	if side < 0 {
		side = 0
	}
	used := tickCol + side + keyGap + keyW
	ox := math.Max(0, (width-used)/2)
	top := 2.2 * s
	return riskGeometry{
		gx:      ox + tickCol,
		gy:      top,
		cell:    side / 5,
		keyX:    ox + tickCol + side + keyGap,
		keySize: keySize,
		height:  top + side + 3.6*s,
		width:   width,
	}
}

// keyTitle is the heading of the colour key: "Likelihood × Impact", with
// a plain x when the font has no multiplication sign.
func (m RiskMatrix) keyTitle(k ink) string {
	times := "×"
	if !k.has(layout.Bold, '×') {
		times = "x"
	}
	switch {
	case m.LikelihoodLabel != "" && m.ImpactLabel != "":
		return m.LikelihoodLabel + " " + times + " " + m.ImpactLabel
	default:
		return m.LikelihoodLabel + m.ImpactLabel
	}
}

// cellInset is the margin inside a cell that markers keep, as a fraction
// of the cell's side.
const cellInset = 0.08

// crowding returns the number of risks in each cell that has any.
func (m RiskMatrix) crowding() map[[2]int]int {
	n := map[[2]int]int{}
	for _, r := range m.Risks {
		col, row := cellOf(r)
		n[[2]int{col, row}]++
	}
	return n
}

// cellOf returns the column (impact − 1) and row from the top (5 −
// likelihood) of a risk, clamped to the grid.
func cellOf(r RiskMark) (col, row int) {
	clamp := func(v int) int { return min(max(v, 1), 5) }
	return clamp(r.Impact) - 1, 5 - clamp(r.Likelihood)
}

// score is the score of the cell at col, row as a fraction of 0–1.
func score(col, row int) float64 {
	return float64((col+1)*(5-row)-1) / 24
}

func (m RiskMatrix) draw(width float64) (float64, []layout.Box) {
	if !usable(width) {
		return 0, nil
	}
	k := newInk(m.Palette, m.Style, m.Metrics)
	g := m.geometry(k, width)
	s, c := k.size, g.cell
	if !(c > 0) {
		return 0, nil
	}
	var boxes []layout.Box

	title := layout.Style{Face: layout.Bold, Size: s, Color: k.pal.Text}
	tick := layout.Style{Face: k.face, Size: s, Color: k.pal.Muted}

	// Axis titles: the vertical one above the tick labels (horizontal
	// text reads better than rotated), the horizontal one under the grid.
	ox := g.gx - (k.width("5", k.face, s) + 0.8*s)
	// Each followed by an arrow pointing the way the values grow (drawn,
	// not a glyph, as not every font has arrows).
	// Titles too long for their room are set smaller.
	yt := title
	yt.Size = k.fit(m.LikelihoodLabel, layout.Bold, s, g.keyX-1.5*s-ox-1.2*s)
	boxes = append(boxes, layout.TextBox{X: ox, Y: baseline(0.6*s, yt.Size), Text: m.LikelihoodLabel, Style: yt})
	ax := ox + k.width(m.LikelihoodLabel, layout.Bold, yt.Size) + 0.6*s
	boxes = append(boxes, arrow(ax, 0.6*s+0.5*s, ax, 0.6*s-0.5*s, 0.1*s, k.pal.Text)...)

	// Cells, separated by white gutters.
	for row := 0; row < 5; row++ {
		for col := 0; col < 5; col++ {
			fill := mix(k.pal.RiskLow, k.pal.RiskHigh, score(col, row))
			boxes = append(boxes, layout.Rect{
				X: g.gx + float64(col)*c, Y: g.gy + float64(row)*c, W: c, H: c,
				Fill: ptr(fill), Stroke: ptr(white), LineWidth: 1.5,
			})
		}
	}
	// Tick labels.
	for i := 1; i <= 5; i++ {
		t := numeral(m.Number, i)
		cy := g.gy + float64(5-i)*c + c/2
		tw := k.width(t, k.face, s)
		boxes = append(boxes, layout.TextBox{X: g.gx - 0.8*s - tw, Y: baseline(cy, s), Text: t, Style: tick})
		cx := g.gx + float64(i-1)*c + c/2
		boxes = append(boxes, k.centred(t, cx, g.gy+5*c+1.1*s, tick))
	}
	xs := title
	xs.Size = k.fit(m.ImpactLabel, layout.Bold, s, width-1.6*s)
	xt := k.centred(m.ImpactLabel, g.gx+2.5*c-0.6*s, g.gy+5*c+2.8*s, xs)
	xw := k.width(m.ImpactLabel, layout.Bold, xs.Size)
	xt.X = math.Max(0, math.Min(xt.X, width-1.6*s-xw))
	ax = xt.X + xw + 0.4*s
	boxes = append(boxes, xt)
	boxes = append(boxes, arrow(ax, g.gy+5*c+2.8*s, ax+1.1*s, g.gy+5*c+2.8*s, 0.1*s, k.pal.Text)...)

	boxes = append(boxes, m.key(k, g)...)
	boxes = append(boxes, m.markers(k, g)...)
	return g.height, boxes
}

// key draws the colour key: a strip of the scores 1 (bottom) to 25 (top).
func (m RiskMatrix) key(k ink, g riskGeometry) []layout.Box {
	s := k.size
	side := 5 * g.cell
	strip := 0.9 * s
	var boxes []layout.Box
	boxes = append(boxes, layout.TextBox{
		X: g.keyX, Y: baseline(0.6*s, g.keySize), Text: m.keyTitle(k),
		Style: layout.Style{Face: layout.Bold, Size: g.keySize, Color: k.pal.Text},
	})
	const steps = 48
	h := side / steps
	for i := 0; i < steps; i++ {
		fill := mix(k.pal.RiskLow, k.pal.RiskHigh, (float64(i)+0.5)/steps)
		// Overlap by a hair so that no seams show between the steps.
		y := g.gy + side - float64(i+1)*h
		boxes = append(boxes, layout.Rect{X: g.keyX, Y: y, W: strip, H: math.Min(h+0.3, g.gy+side-y), Fill: ptr(fill)})
	}
	ts := 0.85 * s
	tick := layout.Style{Face: k.face, Size: ts, Color: k.pal.Muted}
	for _, v := range []int{1, 5, 10, 15, 20, 25} {
		y := g.gy + side - float64(v-1)/24*side
		boxes = append(boxes, layout.TextBox{X: g.keyX + strip + 0.5*s, Y: baseline(y, ts), Text: numeral(m.Number, v), Style: tick})
	}
	return boxes
}

// slot is where a marker goes: its centre and radius.
type slot struct{ x, y, r float64 }

// slots arranges n markers in a cell of side c whose top-left corner is
// (x, y): in a grid of ⌈√n⌉ columns, the last row centred, as large as fit
// up to radius rmax, a tenth of their size apart and never touching the cell's
// edge.
func slots(n int, x, y, c, rmax float64) []slot {
	if n <= 0 {
		return nil
	}
	cols, rows := arrangement(n)
	r := math.Min(rmax, slotRadius(n, c))
	pitch := 2 * r / 0.9
	out := make([]slot, 0, n)
	for i := 0; i < n; i++ {
		row, col := i/cols, i%cols
		inRow := cols
		if row == rows-1 {
			inRow = n - row*cols
		}
		// A tight block in the middle of the cell, rows that are not full
		// centred.
		cx := x + c/2 + (float64(col)-float64(inRow-1)/2)*pitch
		cy := y + c/2 + (float64(row)-float64(rows-1)/2)*pitch
		out = append(out, slot{cx, cy, r})
	}
	return out
}

// arrangement returns the columns and rows of n markers in a cell.
func arrangement(n int) (cols, rows int) {
	cols = int(math.Ceil(math.Sqrt(float64(max(n, 1)))))
	return cols, (max(n, 1) + cols - 1) / cols
}

// slotRadius is the radius of the largest markers that fit n to a cell of
// side c.
func slotRadius(n int, c float64) float64 {
	cols, rows := arrangement(n)
	inner := c * (1 - 2*cellInset)
	return math.Min(inner/float64(cols), inner/float64(rows)) / 2 * 0.9
}

// markers draws the numbered risk markers.
func (m RiskMatrix) markers(k ink, g riskGeometry) []layout.Box {
	byCell := map[[2]int][]RiskMark{}
	var cells [][2]int
	for _, r := range m.Risks {
		col, row := cellOf(r)
		key := [2]int{col, row}
		if byCell[key] == nil {
			cells = append(cells, key)
		}
		byCell[key] = append(byCell[key], r)
	}
	sort.Slice(cells, func(i, j int) bool {
		if cells[i][1] != cells[j][1] {
			return cells[i][1] < cells[j][1]
		}
		return cells[i][0] < cells[j][0]
	})
	var boxes []layout.Box
	// One size for all markers: the largest the most crowded cell allows.
	rmax := math.Min(0.25*g.cell, 1.15*k.size)
	for _, n := range m.crowding() {
		rmax = math.Min(rmax, slotRadius(n, g.cell))
	}
	for _, key := range cells {
		rs := byCell[key]
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Number < rs[j].Number })
		x := g.gx + float64(key[0])*g.cell
		y := g.gy + float64(key[1])*g.cell
		for i, sl := range slots(len(rs), x, y, g.cell, rmax) {
			boxes = append(boxes, layout.Polygon{
				Points: circle(sl.x, sl.y, sl.r, 32),
				Fill:   ptr(k.pal.Accent),
			})
			t := numeral(m.Number, rs[i].Number)
			size := math.Min(k.size, 1.1*sl.r)
			if w := k.width(t, layout.Bold, size); w > 1.5*sl.r {
				size *= 1.5 * sl.r / w
			}
			boxes = append(boxes, k.centred(t, sl.x, sl.y, layout.Style{Face: layout.Bold, Size: size, Color: white}))
		}
	}
	return boxes
}
