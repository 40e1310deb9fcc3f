package pictures

import (
	"math"
	"strings"

	"briefing/briefing/layout"
)

// KillChain is the seven phases of the Lockheed Martin Cyber Kill Chain as a
// row of chevrons, left to right in the order of the chain. Highlighted
// phases are filled with Palette.Accent and labelled in white bold; the
// others are filled with Palette.AccentLight and labelled in Palette.Muted.
//
// Labels are wrapped at spaces onto at most two lines and all set in one
// size, the largest (up to Style.Size) at which every label fits inside its
// chevron.
type KillChain struct {
	Phases    [7]string // localized names: 偵察 … 目的の実行, Reconnaissance … Actions on Objectives
	Highlight [7]bool   // the phases the incident names
	Palette   Palette
	Style     layout.Style // face and largest size of the labels
	Metrics   layout.Metrics
}

// Figure returns the chain as a figure for the layout.
func (k KillChain) Figure() layout.Figure {
	return layout.Figure{Draw: k.draw}
}

// chevronGeometry is the shape of the row of chevrons for one width.
type chevronGeometry struct {
	w, h, tip, gap, pad float64
}

func chevrons(width float64) chevronGeometry {
	h := math.Max(30, math.Min(60, 0.09*width))
	tip := 0.24 * h
	gap := math.Max(1.5, 0.004*width)
	w := (width - 6*gap - tip) / 7
	return chevronGeometry{w: w, h: h, tip: tip, gap: gap, pad: 0.05 * h}
}

// shape returns the outline of chevron i: the first has a flat back, the
// others a notch that the previous one's point fits into.
func (g chevronGeometry) shape(i int) []layout.Point {
	x := float64(i) * (g.w + g.gap)
	pts := []layout.Point{
		{X: x, Y: 0}, {X: x + g.w, Y: 0}, {X: x + g.w + g.tip, Y: g.h / 2},
		{X: x + g.w, Y: g.h}, {X: x, Y: g.h},
	}
	if i > 0 {
		pts = append(pts, layout.Point{X: x + g.tip, Y: g.h / 2})
	}
	return pts
}

// room returns the left and right edge of the space for a block of text of
// height th centred in chevron i.
func (g chevronGeometry) room(i int, th float64) (left, right float64) {
	x := float64(i) * (g.w + g.gap)
	left = x + g.pad
	if i > 0 {
		left += g.tip
	}
	// The point narrows towards the top and bottom of the text block.
	right = x + g.w + g.tip*(1-th/g.h) - g.pad
	return left, right
}

const chainLeading = 1.2

// splits returns the ways to set s on one line or two (broken at a space).
func splits(s string) [][]string {
	out := [][]string{{s}}
	for i, r := range s {
		if r == ' ' {
			a, b := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
			if a != "" && b != "" {
				out = append(out, []string{a, b})
			}
		}
	}
	return out
}

// fit returns the lines of label at size, or false if it does not fit in
// chevron i. It prefers one line, then the most even break.
func (k KillChain) fit(in ink, g chevronGeometry, i int, label string, face layout.Face, size float64) ([]string, bool) {
	var best []string
	bestW := math.Inf(1)
	for _, lines := range splits(label) {
		th := (float64(len(lines)-1)*chainLeading + ascent + descent) * size
		if th > g.h-2*g.pad {
			continue
		}
		left, right := g.room(i, th)
		w := 0.0
		for _, l := range lines {
			w = math.Max(w, in.width(l, face, size))
		}
		if w > right-left {
			continue
		}
		if len(lines) == 1 {
			return lines, true
		}
		if w < bestW {
			best, bestW = lines, w
		}
	}
	return best, best != nil
}

func (k KillChain) draw(width float64) (float64, []layout.Box) {
	if !usable(width) {
		return 0, nil
	}
	in := newInk(k.Palette, k.Style, k.Metrics)
	g := chevrons(width)
	if g.w <= 0 {
		return 0, nil
	}
	faces := [7]layout.Face{}
	for i := range faces {
		faces[i] = in.face
		if k.Highlight[i] {
			faces[i] = layout.Bold
		}
	}
	// The largest size, in steps of a quarter point, at which all fit.
	size := in.size
	var lines [7][]string
	for ; size > 0.25; size -= 0.25 {
		ok := true
		for i, label := range k.Phases {
			var fits bool
			if lines[i], fits = k.fit(in, g, i, label, faces[i], size); !fits {
				ok = false
				break
			}
		}
		if ok {
			break
		}
	}
	var boxes []layout.Box
	for i, label := range k.Phases {
		fill, colour := in.pal.AccentLight, in.pal.Muted
		if k.Highlight[i] {
			fill, colour = in.pal.Accent, white
		}
		boxes = append(boxes, layout.Polygon{Points: g.shape(i), Fill: ptr(fill)})
		ls := lines[i]
		if ls == nil {
			ls = []string{label}
		}
		th := (float64(len(ls)-1)*chainLeading + ascent + descent) * size
		left, right := g.room(i, th)
		cx := (left + right) / 2
		top := (g.h - th) / 2
		st := layout.Style{Face: faces[i], Size: size, Color: colour}
		for j, l := range ls {
			w := in.width(l, st.Face, size)
			y := top + ascent*size + float64(j)*chainLeading*size
			boxes = append(boxes, layout.TextBox{X: cx - w/2, Y: y, Text: l, Style: st})
		}
	}
	return g.h, boxes
}
