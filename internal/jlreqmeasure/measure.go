// Package jlreqmeasure measures how Japanese text was set, from the glyph
// positions a PDF reader finds in it (MuPDF's structured text, `mutool
// draw -F stext`): the widest gap between two Japanese characters on each
// justified line, the space between Japanese and Latin letters or digits,
// Latin words set letter-spaced, and the unbreakable sequences (JLReq
// 3.1.10: a number and its unit or counter, a currency sign and its
// number, ―― and ……, a citation mark) that a line break cut.
//
// It reads a PDF as a reader does and knows nothing of how package layout
// set it, so that the figures can judge the layout. Gaps are in ems of the
// glyph's font size.
package jlreqmeasure

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Glyph is a character as the reader places it: R drawn with its origin
// at X, its advance ending at X1, on the baseline Y, Size points high.
// VS is the variation selector that follows R (葛 U+E0100), or 0: the
// two are one character, whatever glyphs draw them.
type Glyph struct {
	R        rune
	VS       rune
	X, X1, Y float64
	Size     float64
}

// Line is the glyphs of one page standing on one baseline, left to right.
type Line struct {
	Page   int
	Y      float64
	Glyphs []Glyph
}

// Text returns the line's characters.
func (l Line) Text() string {
	var b strings.Builder
	for _, g := range l.Glyphs {
		b.WriteRune(g.R)
		if g.VS != 0 {
			b.WriteRune(g.VS)
		}
	}
	return b.String()
}

// Right returns the right edge of the line's last glyph that is not a
// space, in points.
func (l Line) Right() float64 {
	for i := len(l.Glyphs) - 1; i >= 0; i-- {
		if !blank(l.Glyphs[i].R) {
			return l.Glyphs[i].X1
		}
	}
	return 0
}

type stextDoc struct {
	Pages []struct {
		Blocks []struct {
			Lines []struct {
				Fonts []struct {
					Size  string `xml:"size,attr"`
					Chars []struct {
						Quad string `xml:"quad,attr"`
						X    string `xml:"x,attr"`
						Y    string `xml:"y,attr"`
						C    string `xml:"c,attr"`
					} `xml:"char"`
				} `xml:"font"`
			} `xml:"line"`
		} `xml:"block"`
	} `xml:"page"`
}

// Lines reads MuPDF's structured text (the output of `mutool draw -F
// stext`) and returns its lines in reading order (a variation selector
// joined to the glyph before it, see Glyph.VS): by page, then top to
// bottom, then left to right. Glyphs whose baselines lie within a tenth
// of their size of each other form one line, whatever blocks MuPDF put
// them in, unless more than 0.7 em apart (columns: a table's are 0.8 em apart).
//
// MuPDF adds a space of its own where glyphs stand apart (as a reader
// copying the text would), unless told not to (`mutool convert -F stext
// -O inhibit-spaces`): when spaces are given (the advances of the fonts'
// space characters, in em), a space of another width is one of those and
// is left out.
func Lines(stext []byte, spaces ...float64) ([]Line, error) {
	var doc stextDoc
	if err := xml.NewDecoder(bytes.NewReader(stext)).Decode(&doc); err != nil {
		return nil, fmt.Errorf("jlreqmeasure: read structured text: %w", err)
	}
	var out []Line
	for pi, p := range doc.Pages {
		var gs []Glyph
		for _, b := range p.Blocks {
			for _, l := range b.Lines {
				for _, f := range l.Fonts {
					size, _ := strconv.ParseFloat(f.Size, 64)
					for _, c := range f.Chars {
						r, _ := utf8.DecodeRuneInString(c.C)
						if n := len(gs); selector(r) && n > 0 && gs[n-1].VS == 0 {
							// A variation sequence: one character
							// with the glyph before.
							gs[n-1].VS = r
							continue
						}
						x, _ := strconv.ParseFloat(c.X, 64)
						y, _ := strconv.ParseFloat(c.Y, 64)
						q := strings.Fields(c.Quad)
						x1 := x
						if len(q) >= 4 {
							x1, _ = strconv.ParseFloat(q[2], 64)
						}
						if r == ' ' && len(spaces) > 0 && !slices.ContainsFunc(spaces, func(w float64) bool {
							return math.Abs((x1-x)/max(size, 1)-w) < 0.0015
						}) {
							continue
						}
						gs = append(gs, Glyph{R: r, X: x, X1: x1, Y: y, Size: size})
					}
				}
			}
		}
		slices.SortStableFunc(gs, func(a, b Glyph) int { return cmp.Compare(a.Y, b.Y) })
		var lines []Line
		for _, g := range gs {
			if n := len(lines); n > 0 && math.Abs(lines[n-1].Y-g.Y) <= 0.1*max(g.Size, 1) {
				lines[n-1].Glyphs = append(lines[n-1].Glyphs, g)
				continue
			}
			lines = append(lines, Line{Page: pi + 1, Y: g.Y, Glyphs: []Glyph{g}})
		}
		for _, l := range lines {
			slices.SortStableFunc(l.Glyphs, func(a, b Glyph) int { return cmp.Compare(a.X, b.X) })
			// Glyphs more than 0.7 em apart stand in columns of their
			// own (a table's, a label and its value).
			start := 0
			for k := 1; k <= len(l.Glyphs); k++ {
				if k == len(l.Glyphs) || l.Glyphs[k].X-l.Glyphs[k-1].X1 > 0.7*max(l.Glyphs[k-1].Size, 1) {
					out = append(out, Line{Page: l.Page, Y: l.Y, Glyphs: l.Glyphs[start:k]})
					start = k
				}
			}
		}
	}
	return out, nil
}

// Japanese reports whether r is a Japanese character whose gaps the
// figures measure: kana, kanji, Japanese punctuation and brackets, and
// fullwidth forms; not the ideographic space (itself a space).
func Japanese(r rune) bool {
	switch {
	case r == '\u3000':
		return false
	case r >= 0x3000 && r <= 0x30FF, r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF,
		r >= 0xF900 && r <= 0xFAFF, r >= 0xFF01 && r <= 0xFF60, r >= 0x20000 && r <= 0x3FFFF,
		r == '―', r == '…', r == '‥', r == '※':
		return true
	}
	return false
}

// ideograph reports whether r is kana or kanji: the Japanese characters
// that JLReq 3.2.6 spaces from Latin letters and digits (punctuation and
// brackets are not spaced).
func ideograph(r rune) bool {
	return r >= 0x3041 && r <= 0x30FF && r != '・' && r != '゠' ||
		r >= 0x3400 && r <= 0x4DBF || r >= 0x4E00 && r <= 0x9FFF || r >= 0x20000 && r <= 0x3FFFF || r == '々'
}

// latin reports whether r is a Latin letter or a digit.
func latin(r rune) bool {
	return r < 0x250 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r >= 0xC0)
}

// selector reports whether r is a variation selector (U+FE00 to U+FE0F,
// U+E0100 to U+E01EF).
func selector(r rune) bool { return r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF }

func blank(r rune) bool { return r == ' ' || r == '\u3000' || r == '\t' || r == 0xA0 }

// Figures are the measures of a set of lines.
type Figures struct {
	// Justified is the number of justified lines measured: lines of ten
	// glyphs or more with Japanese text that run to the right edge.
	Justified int
	// Median, P90 and Max are the widest gap between two Japanese
	// characters of a justified line (its median, 90th percentile and
	// largest over the lines), in em.
	Median, P90, Max float64
	// Over010 and Over015 count the justified lines with a gap between
	// two Japanese characters wider than 0.10 and 0.15 em.
	Over010, Over015 int
	// JaLatin counts the gaps between a kana or kanji and a Latin
	// letter or digit on the measured lines, all lines (but 文献 and its
	// number, one token); JaLatinMin,
	// JaLatinMedian and JaLatinMax are their extent, in em.
	JaLatin                               int
	JaLatinMin, JaLatinMedian, JaLatinMax float64
	// LetterSpaced counts the lines on which two letters or digits of a
	// Latin word stand apart by more than 0.02 em (and less than 0.3 em,
	// a gap between two words or columns).
	LetterSpaced int
	// Worst are the texts of the loosest justified lines, loosest first
	// (up to five), for a report.
	Worst []string
}

// Measure returns the figures of the lines; justified says which of them
// are justified lines (lines set to the full measure, not a paragraph's
// last line).
func Measure(lines []Line, justified func(i int) bool) Figures {
	var f Figures
	var widest []float64
	type loose struct {
		gap  float64
		text string
	}
	var worst []loose
	var jl []float64
	for i, l := range lines {
		gs := l.Glyphs
		spaced := false
		for k := 0; k+1 < len(gs); k++ {
			a, b := gs[k], gs[k+1]
			gap := (b.X - a.X1) / a.Size
			// 文献1 reads as one token, unspaced (a house rule).
			if (ideograph(a.R) && latin(b.R) && a.R != '献') || (latin(a.R) && ideograph(b.R)) {
				jl = append(jl, gap)
			}
			if latin(a.R) && latin(b.R) && gap > 0.02 && gap < 0.3 {
				spaced = true
			}
		}
		if spaced {
			f.LetterSpaced++
		}
		if !justified(i) || len(gs) < 10 || !slices.ContainsFunc(gs, func(g Glyph) bool { return Japanese(g.R) }) {
			continue
		}
		f.Justified++
		w := 0.0
		for k := 0; k+1 < len(gs); k++ {
			a, b := gs[k], gs[k+1]
			if Japanese(a.R) && Japanese(b.R) {
				w = max(w, (b.X-a.X1)/a.Size)
			}
		}
		widest = append(widest, w)
		worst = append(worst, loose{w, l.Text()})
		if w > 0.10+1e-3 {
			f.Over010++
		}
		if w > 0.15+1e-3 {
			f.Over015++
		}
	}
	slices.Sort(widest)
	if n := len(widest); n > 0 {
		f.Median = widest[n/2]
		f.P90 = widest[min(n-1, n*9/10)]
		f.Max = widest[n-1]
	}
	slices.Sort(jl)
	if n := len(jl); n > 0 {
		f.JaLatin = n
		f.JaLatinMin, f.JaLatinMedian, f.JaLatinMax = jl[0], jl[n/2], jl[n-1]
	}
	slices.SortStableFunc(worst, func(a, b loose) int { return cmp.Compare(b.gap, a.gap) })
	for _, w := range worst[:min(5, len(worst))] {
		if w.gap > 0.10 {
			f.Worst = append(f.Worst, fmt.Sprintf("%.3f em: %s", w.gap, w.text))
		}
	}
	return f
}

// String gives the figures on one line.
func (f Figures) String() string {
	pct := 0.0
	if f.Justified > 0 {
		pct = 100 * float64(f.Over010) / float64(f.Justified)
	}
	return fmt.Sprintf("justified lines %d; widest Japanese gap median %.3f em, p90 %.3f, max %.3f; over 0.10 em %d (%.1f%%), over 0.15 em %d; Japanese–Latin gaps %d, %.3f–%.3f em (median %.3f); letter-spaced lines %d",
		f.Justified, f.Median, f.P90, f.Max, f.Over010, pct, f.Over015, f.JaLatin, f.JaLatinMin, f.JaLatinMax, f.JaLatinMedian, f.LetterSpaced)
}

// digits are the characters of a number: ASCII and fullwidth digits and
// the separators inside a number (1,000 / 2021.5).
const digits = `[0-9０-９](?:[0-9０-９,.，．]*[0-9０-９])?`

// unbreakable are the sequences that no line may break inside, written
// down here apart from package layout's own table so that they judge it:
// a number with its unit or counter, a currency or number sign with its
// number, ―― and ……, and a citation mark.
var unbreakable = regexp.MustCompile(
	digits + `(?:[％%‰℃°′″]|[年月日時分秒台件人社個円万億兆倍歳回位名章節項]|[かカヶケ]国)+` +
		`|[￥＄€£#№$¥]` + digits +
		`|――|……|‥‥` +
		`|（文献[0-9０-９]+(?:[,，、][0-9０-９]+)*）|\[[0-9]+(?:[,–-][0-9]+)*\]`)

// Broken returns the unbreakable sequences of text that a line break
// cuts: breaks are the rune offsets at which text's lines start. Each is
// shown as "約77|億円".
func Broken(text string, breaks []int) []string {
	rs := []rune(text)
	var out []string
	for _, m := range unbreakable.FindAllStringIndex(text, -1) {
		a := utf8.RuneCountInString(text[:m[0]])
		b := a + utf8.RuneCountInString(text[m[0]:m[1]])
		for _, k := range breaks {
			if k > a && k < b {
				out = append(out, string(rs[a:k])+"|"+string(rs[k:b]))
			}
		}
	}
	return out
}

// Place is where a paragraph of a source text lies among the lines: the
// lines [First, Last], and the rune offsets of text at which each line
// after the first starts. First is -1 for a paragraph not found.
type Place struct {
	First, Last int
	Breaks      []int
}

// starts reports whether src starts with got (loose: but for spaces of
// got that src does not have).
func starts(src, got []rune, loose bool) bool {
	k := 0
	for _, g := range got {
		switch {
		case k < len(src) && src[k] == g:
			k++
		case loose && g == ' ':
		default:
			return false
		}
	}
	return true
}

// Find matches the paragraphs, in order, to consecutive lines, the lines
// read as a reader copies them: each line's text with its leading and
// trailing spaces dropped, a paragraph's leading ideographic spaces left
// out, and a space of the source allowed where a line ends. A paragraph
// whose text the lines do not give back exactly (a space inserted, a
// character lost) gets an error naming it and the line, and is not found
// (First is -1). When loose is set, a space of a line that the source
// does not have is passed over (MuPDF's own spaces between glyphs set
// apart).
func Find(lines []string, paras []string, loose bool) ([]Place, []error) {
	out := make([]Place, 0, len(paras))
	var errs []error
	li := 0
	trim := func(s string) []rune { return []rune(strings.Trim(s, " \u3000")) }
	for pi, p := range paras {
		src := []rune(strings.TrimLeft(p, "\u3000"))
		lead := utf8.RuneCountInString(p) - len(src)
		// The paragraph's first line: the next line that starts it.
		first := -1
		for j := li; j < len(lines) && j < li+24; j++ {
			if got := trim(lines[j]); len(got) > 0 && starts(src, got, loose) {
				first = j
				break
			}
		}
		if first < 0 {
			n := min(len(src), 24)
			errs = append(errs, fmt.Errorf("paragraph %d: no line starts it (%q…)", pi+1, string(src[:n])))
			out = append(out, Place{First: -1})
			continue
		}
		pl := Place{First: first}
		var err error
		k := 0
		for li = first; k < len(src) && err == nil; li++ {
			if li >= len(lines) {
				err = fmt.Errorf("paragraph %d: the text ends at %q", pi+1, string(src[:k]))
				break
			}
			if k > 0 {
				for k < len(src) && src[k] == ' ' {
					k++
				}
				pl.Breaks = append(pl.Breaks, lead+k)
			}
			got := trim(lines[li])
			k0 := k
			for _, g := range got {
				if k < len(src) && src[k] == g {
					k++
					continue
				}
				if loose && g == ' ' {
					continue
				}
				n := min(len(src)-k0, len(got)+8)
				err = fmt.Errorf("paragraph %d, line %d: got %q, want %q", pi+1, li+1, string(got), string(src[k0:k0+n]))
				break
			}
			if err != nil {
				break
			}
			pl.Last = li
		}
		if err != nil {
			errs = append(errs, err)
			out = append(out, Place{First: -1})
			li = first + 1
			continue
		}
		out = append(out, pl)
	}
	return out, errs
}
