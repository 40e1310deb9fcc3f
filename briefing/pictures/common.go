package pictures

import (
	"math"
	"strconv"

	"briefing/briefing/layout"
)

// Palette is the set of colours a picture is drawn in, usually the
// template's [colors].
type Palette struct {
	Accent      layout.Color // highlighted chevrons, bars, risk markers
	AccentLight layout.Color // muted chevrons
	Text        layout.Color // labels
	Muted       layout.Color // tick labels, notes, muted chevron text
	Rule        layout.Color // axis lines, bars of the unknown country
	RiskLow     layout.Color // risk matrix cell of the lowest score (1)
	RiskHigh    layout.Color // risk matrix cell of the highest score (25)
}

// DefaultPalette returns the colours of the default template.
func DefaultPalette() Palette {
	return Palette{
		Accent:      layout.Color{R: 0x1f, G: 0x3a, B: 0x5f},
		AccentLight: layout.Color{R: 0xe8, G: 0xee, B: 0xf5},
		Text:        layout.Color{R: 0x1a, G: 0x1a, B: 0x1a},
		Muted:       layout.Color{R: 0x6b, G: 0x72, B: 0x80},
		Rule:        layout.Color{R: 0xc9, G: 0xd3, B: 0xdf},
		RiskLow:     layout.Color{R: 0xe6, G: 0xf2, B: 0xe6},
		RiskHigh:    layout.Color{R: 0xd9, G: 0x53, B: 0x4f},
	}
}

// numeral writes n with f, the briefing's number format, or in plain
// digits when f is nil.
func numeral(f func(int) string, n int) string {
	if f == nil {
		return strconv.Itoa(n)
	}
	return f(n)
}

var white = layout.Color{R: 0xff, G: 0xff, B: 0xff}

// defaultSize is the text size when Style.Size is not set.
const defaultSize = 9

// ink holds what a picture draws with: colours, base style and metrics.
type ink struct {
	pal  Palette
	face layout.Face
	size float64
	m    layout.Metrics
}

func newInk(p Palette, s layout.Style, m layout.Metrics) ink {
	if p == (Palette{}) {
		p = DefaultPalette()
	}
	size := s.Size
	if !(size > 0) || math.IsInf(size, 0) {
		size = defaultSize
	}
	if s.Face != layout.Regular && s.Face != layout.Bold {
		s.Face = layout.Regular
	}
	return ink{pal: p, face: s.Face, size: size, m: m}
}

// width is the advance width of s in face at size, in points (a
// combining mark and an ignorable character take no room, see
// layout.Combining and layout.Ignorable).
func (k ink) width(s string, face layout.Face, size float64) float64 {
	total := 0
	for _, r := range s {
		w := 0
		if layout.Combining(r) || layout.Ignorable(r) {
			continue
		}
		if k.m != nil {
			w, _ = k.m.Advance(face, r)
		} else if r < 0x80 {
			w = 500
		} else {
			w = 1000
		}
		total += w
	}
	return float64(total) / 1000 * size
}

// fit returns size, or a smaller size at which s is no wider than maxW.
func (k ink) fit(s string, face layout.Face, size, maxW float64) float64 {
	w := k.width(s, face, size)
	if w <= maxW || !(w > 0) {
		return size
	}
	return math.Max(size*maxW/w, 0.1)
}

// has reports whether face has a glyph for r (true without metrics).
func (k ink) has(face layout.Face, r rune) bool {
	if k.m == nil {
		return true
	}
	_, ok := k.m.Advance(face, r)
	return ok
}

// centred returns a text box whose ink is centred on (cx, cy): the baseline is
// placed so that the em box (ascent 0.88, descent 0.12 of the size, as
// BIZ UDPGothic) is centred vertically.
func (k ink) centred(s string, cx, cy float64, st layout.Style) layout.TextBox {
	w := k.width(s, st.Face, st.Size)
	return layout.TextBox{X: cx - w/2, Y: baseline(cy, st.Size), Text: s, Style: st}
}

// baseline is the baseline of a line of text of size whose em box is
// centred on cy.
func baseline(cy, size float64) float64 { return cy + 0.38*size }

// Ascent and descent of a line of text as fractions of its size, used to
// keep text inside its shape.
const (
	ascent  = 0.88
	descent = 0.12
)

// mix interpolates between a (t = 0) and b (t = 1).
func mix(a, b layout.Color, t float64) layout.Color {
	t = math.Max(0, math.Min(1, t))
	f := func(x, y uint8) uint8 {
		return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t))
	}
	return layout.Color{R: f(a.R, b.R), G: f(a.G, b.G), B: f(a.B, b.B)}
}

// circle approximates a circle of radius r around (cx, cy) with a polygon
// of n sides.
func circle(cx, cy, r float64, n int) []layout.Point {
	pts := make([]layout.Point, n)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / float64(n)
		pts[i] = layout.Point{X: cx + r*math.Cos(a), Y: cy + r*math.Sin(a)}
	}
	return pts
}

// usable reports whether a width given to Draw can hold a picture.
func usable(width float64) bool {
	return width > 0 && !math.IsInf(width, 0) && !math.IsNaN(width)
}

func ptr(c layout.Color) *layout.Color { return &c }

// arrow draws an arrow from (x1, y1) to (x2, y2): a shaft of width w and a
// triangular head.
func arrow(x1, y1, x2, y2, w float64, c layout.Color) []layout.Box {
	dx, dy := x2-x1, y2-y1
	l := math.Hypot(dx, dy)
	if !(l > 0) {
		return nil
	}
	ux, uy := dx/l, dy/l
	head := math.Min(l*0.55, 4.5*w)
	bx, by := x2-ux*head, y2-uy*head
	half := 0.45 * head
	return []layout.Box{
		layout.Line{X1: x1, Y1: y1, X2: bx + ux*0.1*head, Y2: by + uy*0.1*head, Color: c, Width: w},
		layout.Polygon{Points: []layout.Point{
			{X: x2, Y: y2},
			{X: bx - uy*half, Y: by + ux*half},
			{X: bx + uy*half, Y: by - ux*half},
		}, Fill: ptr(c)},
	}
}
