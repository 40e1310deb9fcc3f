package pictures

import (
	"math"
	"strings"

	"briefing/briefing/layout"
)

// KillChain is the seven phases of the Lockheed Martin Cyber Kill Chain as a
// row of chevrons, left to right in the order of the chain, as wide as the
// width given and 9% of it high (30–60 points). Highlighted phases are
// filled with Palette.Accent and labelled in white bold; the others are
// filled with Palette.AccentLight and labelled in Palette.Muted in
// Style.Face.
//
// Labels are wrapped at spaces onto at most two lines and all set in one
// size, the largest (up to Style.Size, in quarter points) at which every
// label fits inside its chevron: on an A4 text width the Japanese names
// keep 9 points, the English ones come out at 7.
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

// label is a phase's name split into words, measured at 1 point.
type label struct {
	words  []string
	widths []float64 // of each word
	space  float64   // of a space
	face   layout.Face
}

func measure(in ink, s string, face layout.Face) label {
	l := label{words: strings.Fields(s), space: in.width(" ", face, 1), face: face}
	for _, w := range l.words {
		l.widths = append(l.widths, in.width(w, face, 1))
	}
	return l
}

// line returns words[i:j] as one line and its width at 1 point.
func (l label) line(i, j int) (string, float64) {
	w := float64(j-i-1) * l.space
	for _, x := range l.widths[i:j] {
		w += x
	}
	return strings.Join(l.words[i:j], " "), w
}

// fit returns the lines of l at size, or false if they do not fit in
// chevron i. It prefers one line, then the most even break into two.
func (l label) fit(g chevronGeometry, i int, size float64) ([]string, bool) {
	n := len(l.words)
	if n == 0 {
		return []string{""}, true
	}
	th := (ascent + descent) * size
	if th > g.h-2*g.pad {
		return nil, false
	}
	left, right := g.room(i, th)
	if one, w := l.line(0, n); w*size <= right-left {
		return []string{one}, true
	}
	th += chainLeading * size
	if n < 2 || th > g.h-2*g.pad {
		return nil, false
	}
	left, right = g.room(i, th)
	// Widths of the first j words and of the rest, kept as running sums.
	_, rest := l.line(0, n)
	head := -l.space
	best, bestW := 0, math.Inf(1)
	for j := 1; j < n; j++ {
		head += l.space + l.widths[j-1]
		rest -= l.widths[j-1] + l.space
		if w := math.Max(head, rest); w < bestW {
			best, bestW = j, w
		}
	}
	if bestW*size > right-left {
		return nil, false
	}
	a, _ := l.line(0, best)
	b, _ := l.line(best, n)
	return []string{a, b}, true
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
	// The largest size, in steps of a quarter point down to 1 point, at
	// which all fit; below that, one line each at the size that fits the
	// longest.
	var labels [7]label
	for i, p := range k.Phases {
		labels[i] = measure(in, p, faces[i])
	}
	var lines [7][]string
	size, fits := in.size, false
	for ; size >= 1 && !fits; size -= 0.25 {
		fits = true
		for i, l := range labels {
			if lines[i], fits = l.fit(g, i, size); !fits {
				break
			}
		}
	}
	if fits {
		size += 0.25 // undo the step after the fitting size
	} else {
		size = 1
		for i, l := range labels {
			one, w := "", 0.0
			if len(l.words) > 0 {
				one, w = l.line(0, len(l.words))
			}
			lines[i] = []string{one}
			left, right := g.room(i, ascent+descent)
			if w > right-left {
				size = math.Min(size, math.Max((right-left)/w, 0.1))
			}
		}
	}
	var boxes []layout.Box
	for i := range k.Phases {
		fill, colour := in.pal.AccentLight, in.pal.Muted
		if k.Highlight[i] {
			fill, colour = in.pal.Accent, white
		}
		boxes = append(boxes, layout.Polygon{Points: g.shape(i), Fill: ptr(fill)})
		ls := lines[i]
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
