// Package marking holds the rules of the TLP 2.0 label on a page, as FIRST's
// Traffic Light Protocol 2.0 sets them for documents: the label ("TLP:RED")
// in capitals, never translated, right-justified in the header and in the
// footer of every page, in 12-point type or larger, in its colour on black.
//
// Package compose draws the label with these sizes; package theme refuses a
// template whose margins leave no room for it (see [MinMargin], [MinSide]
// and [MinTextWidth]), so that no template can make the label smaller,
// leave it out or push it off the paper.
package marking

import (
	"io/fs"

	"briefing/briefing/layout"
	"briefing/briefing/model"
)

// Sizes of the label and of the bands of the header and the footer, in
// points.
const (
	// Size is the label's type size: TLP 2.0 asks for 12 pt or larger.
	Size = 12.0
	// PadX and PadY are the black box's room around the label's text.
	PadX, PadY = 5.0, 3.0
	// Height is the height of the label's box.
	Height = Size + 2*PadY
	// RuleGap is the distance from the text area to the rule of the
	// header (above it) and of the footer (below it); LabelGap the
	// distance from the rule to the label's box.
	RuleGap, LabelGap = 12.0, 4.0
	// Band is how far the header and the footer reach into the top and
	// bottom margins: the rule, the gap and the label's box.
	Band = RuleGap + LabelGap + Height
	// Inset is the room left between the paper's edge and anything
	// printed: a quarter inch, which office printers print within.
	Inset = 18.0
	// MinMargin is the smallest top and bottom margin a template may
	// set: the band of the header or footer and the inset.
	MinMargin = Inset + Band
	// MinSide is the smallest left and right margin a template may set.
	MinSide = Inset
	// TextSize is the type size of the running header, the footer line
	// and the page number printed beside the label.
	TextSize = 7.5
	// Gap is the room between the label and the page number or the
	// running header beside it.
	Gap = 12.0
)

// Label returns the label of t as TLP 2.0 writes it, in every language:
// "TLP:CLEAR", "TLP:AMBER+STRICT". No marking ("") is CLEAR.
func Label(t model.TLP) string {
	if t == "" {
		t = model.TLPClear
	}
	return "TLP:" + string(t)
}

// Colors returns the colours of the label of t as FIRST defines them:
// the text colour, always on black. CLEAR is white, GREEN #33FF00, AMBER
// and AMBER+STRICT #FFC000, RED #FF2B2B; an unknown marking is white.
func Colors(t model.TLP) (text, background layout.Color) {
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

// Width is the width of the label box of t, in points, with the bold
// face of m (a character m lacks counts as an em).
func Width(m layout.Metrics, t model.TLP) float64 {
	return width(m, layout.Bold, Label(t), Size) + 2*PadX
}

// PageNumber is the widest page number the footer makes room for.
const PageNumber = "9999 / 9999"

// MinTextWidth is the narrowest text area, in points, whose footer holds
// the widest label (TLP:AMBER+STRICT in m's bold face) and the widest page
// number beside it.
func MinTextWidth(m layout.Metrics) float64 {
	return Width(m, model.TLPAmberStrict) + Gap + width(m, layout.Regular, PageNumber, TextSize)
}

// FooterRoom is the width, in points, of a line of the footer's text on a
// text area textWidth points wide: what the widest label
// (TLP:AMBER+STRICT in m's bold face) and the widest page number
// ([PageNumber]), each after a [Gap], leave. A footer line or an as-of
// date no wider is printed whole on every page of every document.
func FooterRoom(m layout.Metrics, textWidth float64) float64 {
	return textWidth - MinTextWidth(m) - Gap
}

// HeaderRoom is the width, in points, of a line of the running header's
// text on a text area textWidth points wide, after a logo logoWidth points
// wide (0 for none) and before the widest label and a mark (下書き /
// DRAFT, in the bold face at [Size]; "" for none), each after a [Gap].
func HeaderRoom(m layout.Metrics, textWidth, logoWidth float64, mark string) float64 {
	w := textWidth - Width(m, model.TLPAmberStrict) - Gap
	if logoWidth > 0 {
		w -= logoWidth + LogoGap
	}
	if mark != "" {
		w -= width(m, layout.Bold, mark, Size) + 2*PadX + Gap
	}
	return w
}

// Lead is the distance between the baselines of two lines of the running
// header's or the footer's text, in points.
const Lead = TextSize + 1

// Wide is how far, in points, the label's row of a band moves into the
// margin (up in the header, down in the footer) when k lines of the
// band's text are set across the text area between the rule and the
// label, as they are when the text area is too narrow to set them beside
// the label: k leadings and a point between them and the label.
func Wide(k int) float64 {
	if k <= 0 {
		return 0
	}
	return float64(k)*Lead + 1
}

// WideLines is the number of such lines, at most 2, that a top or bottom
// margin of margin points has room for beside the band ([MinMargin]).
func WideLines(margin float64) int {
	for k := 2; k > 0; k-- {
		if margin >= MinMargin+Wide(k) {
			return k
		}
	}
	return 0
}

// LogoHeight is the height of the organization's logo in the running
// header, in points.
const LogoHeight = 14.0

// LogoWidth is the printed width, in points, of a logo of w × h pixels
// as seen: [LogoHeight] tall, its aspect ratio kept, at most a quarter of
// a text area textWidth points wide.
func LogoWidth(w, h int, textWidth float64) float64 {
	if w <= 0 || h <= 0 {
		return 0
	}
	return min(LogoHeight*float64(w)/float64(h), textWidth/4)
}

// LogoGap is the room between the organization's logo and the running
// header's text, in points.
const LogoGap = 6.0

func width(m layout.Metrics, f layout.Face, s string, size float64) float64 {
	total := 0
	for _, r := range s {
		w, ok := 0, false
		if m != nil {
			w, ok = m.Advance(f, r)
		}
		if !ok {
			w = 1000
		}
		total += w
	}
	return float64(total) / 1000 * size
}

// Perm is the permission bits a file marked t is created with, before the
// umask: 0600 (its owner alone, whatever the umask) for AMBER+STRICT and
// RED, whose readers are named; 0666 for the others, as os.Create does,
// so that the umask and the folder decide who else may read them.
func Perm(t model.TLP) fs.FileMode {
	if t == model.TLPAmberStrict || t == model.TLPRed {
		return 0o600
	}
	return 0o666
}
