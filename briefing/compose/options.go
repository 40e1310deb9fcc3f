package compose

import (
	"briefing/briefing/diag"
	"briefing/briefing/layout"
	"briefing/briefing/model"
)

// TitleAnchor is the anchor of a briefing's title when composed with
// Options.Outline, after Options.Prefix.
const TitleAnchor = "title"

// Options bind a briefing into a larger document, such as a digest of the
// incidents of a week. The zero value composes a briefing of its own.
type Options struct {
	// Prefix starts every anchor and internal link destination of the
	// briefing ("inc-2-" makes "inc-2-ref-1" and "inc-2-sec-summary"), so
	// that briefings bound together keep their links apart.
	Prefix string
	// Outline makes the title an outline entry of its own, with the
	// anchor Prefix+TitleAnchor, and nests the sections' entries under it.
	Outline bool
}

// BriefingWith composes the briefing of inc in lang as [Briefing] does,
// with the anchors and outline opt asks for.
func BriefingWith(inc *model.Incident, lang string, th Theme, opt Options) (layout.Document, diag.List) {
	return briefing(inc, lang, th, opt)
}

// anchor is the full name of the briefing's anchor name, after the prefix.
func (c *composer) anchor(name string) string { return c.opt.Prefix + name }

// depth is how many outline levels the briefing's own entries sit below.
func (c *composer) depth() int {
	if c.opt.Outline {
		return 1
	}
	return 0
}
