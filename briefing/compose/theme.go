package compose

import (
	"briefing/briefing/layout"
	"briefing/briefing/marking"
)

// Words gives the template's fixed texts in a language (a base language
// such as "ja" or "en" is asked for): section headings
// (keys of [headings.LANG] in the template, e.g. "summary"), fixed words
// (keys of [words.LANG], e.g. "unknown") and the footer line. A language
// the template lacks falls back to English; a missing key gives "".
type Words interface {
	Heading(lang, key string) string
	Word(lang, key string) string
	Footer(lang string) string
}

// Theme is what composing a briefing needs of a template: the fonts'
// metrics (to check that every character can be drawn and to size the page
// furniture), the fixed texts, the paper and the colours. A *theme.Theme
// provides all of it: see [FromTheme].
type Theme struct {
	Metrics      layout.Metrics
	Words        Words
	Paper        layout.Paper // zero means layout.A4
	Organization string       // printed in the running header; "" for none
	// Logo is drawn at the left of the running header, before the
	// organization; nil for none.
	Logo *Logo
	// Fanged prints indicators of compromise as written, not defanged.
	Fanged bool

	Accent      layout.Color // headings, rules, title
	AccentLight layout.Color // table header and totals row
	Text        layout.Color // running text
	Muted       layout.Color // running header, footer, notes
	Rule        layout.Color // table and header rules
	RiskLow     layout.Color // risk matrix, lowest score
	RiskHigh    layout.Color // risk matrix, highest score; untranslated tag
}

// Logo is the organization's logo: a PNG or JPEG file (Type "png" or
// "jpeg"), its size in pixels as seen, which gives its aspect ratio, and
// how its pixels are turned to be seen (EXIF, 1–8; 0 and 1 as stored, see
// layout.Image).
type Logo struct {
	Data          []byte
	Type          string
	Width, Height int
	Orientation   int
}

// Type sizes, in points, and spacing of the briefing.
const (
	sizeTitle     = 18
	sizeH1        = 13
	sizeH2        = 10.5
	sizeBody      = 10
	sizeTable     = 9
	sizeSmall     = 8.5
	sizeTag       = 7
	sizeFurniture = marking.TextSize
	sizeMeta      = 9
)
