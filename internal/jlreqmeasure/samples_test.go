package jlreqmeasure

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/build"
	"briefing/briefing/layout"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// TestSamples holds the running text of the samples' Japanese briefings
// to the targets of the stress set: no unbreakable sequence broken across two lines of
// body text, no gap over 0.15 em between Japanese characters of a line
// set to the margin and at most 3 % over 0.10 em, Japanese–Latin spacing
// between 0.125 and 0.5 em, no Latin word letter-spaced, and no space
// between two Japanese characters in the text pdftotext copies.
func TestSamples(t *testing.T) {
	paths, _ := filepath.Glob("../../samples/*.toml")
	if len(paths) == 0 {
		t.Fatal("no samples")
	}
	th := fixture.Theme(t)
	right := layout.A4.Width - layout.A4.Right
	var all Figures
	for _, p := range paths {
		inc, _, ds := build.Incident(p)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		pages, ds := build.Briefing(inc, "ja", th, false)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		var buf bytes.Buffer
		if err := build.PDF(&buf, pages, inc, "ja", th); err != nil {
			t.Fatal(err)
		}
		pdf := filepath.Join(t.TempDir(), filepath.Base(p)+".pdf")
		if err := os.WriteFile(pdf, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		// The running text, its headings and the title (10 pt and up);
		// not the tables (9 pt), whose narrow columns read as one line,
		// nor the page furniture and figures, drawn apart from layout.
		var lines []Line
		for _, l := range glyphLines(t, pdf) {
			if l.Glyphs[0].Size >= 9.5 {
				lines = append(lines, l)
			}
		}
		f := Measure(lines, func(i int) bool { return lines[i].Right() > right-0.5 })
		t.Logf("%s: %v", filepath.Base(p), f)
		for _, w := range f.Worst {
			t.Logf("  %s", w)
		}
		if f.Over015 > 0 || float64(f.Over010) > 0.03*float64(f.Justified) {
			t.Errorf("%s: %d lines over 0.15 em, %d of %d over 0.10 em", p, f.Over015, f.Over010, f.Justified)
		}
		if f.JaLatin > 0 && (f.JaLatinMin < 0.125-1e-3 || f.JaLatinMax > 0.5+1e-3) {
			t.Errorf("%s: Japanese–Latin spacing %.3f–%.3f em", p, f.JaLatinMin, f.JaLatinMax)
		}
		if f.LetterSpaced > 0 {
			t.Errorf("%s: %d lines letter-space a Latin word", p, f.LetterSpaced)
		}
		// Two lines of one text, one under the other: the break between
		// them cuts no unbreakable sequence.
		for i := 0; i+1 < len(lines); i++ {
			a, b := lines[i], lines[i+1]
			if a.Page != b.Page || len(a.Glyphs) == 0 || len(b.Glyphs) == 0 {
				continue
			}
			sa, sb := a.Glyphs[0].Size, b.Glyphs[0].Size
			if sa != sb || b.Y-a.Y > 2.2*sa || b.Glyphs[0].X-a.Glyphs[0].X > 1 || a.Glyphs[0].X-b.Glyphs[0].X > 1 {
				continue
			}
			ta, tb := strings.TrimSpace(a.Text()), strings.TrimSpace(b.Text())
			if bad := Broken(ta+tb, []int{len([]rune(ta))}); len(bad) > 0 {
				t.Errorf("%s: page %d: %q broken", p, a.Page, bad)
			}
		}
		// Each word of a line is copied as drawn: pdftotext puts no space
		// into it. A word ends at a space or a gap (see wordGap).
		txt := testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
		for _, l := range lines {
			var w strings.Builder
			check := func() {
				if s := w.String(); s != "" && !strings.Contains(txt, s) {
					t.Errorf("%s: page %d: %q (in %q) is not copied as drawn", p, l.Page, s, l.Text())
				}
				w.Reset()
			}
			for k, g := range l.Glyphs {
				if k > 0 && wordGap(l.Glyphs[k-1], g) {
					check()
				}
				if g.R == ' ' {
					check()
					continue
				}
				w.WriteRune(g.R)
			}
			check()
		}
		all.Justified += f.Justified
		all.Over010 += f.Over010
	}
	t.Logf("samples: %d justified lines, %d over 0.10 em", all.Justified, all.Over010)
}

// wordGap reports whether glyphs a and b stand apart as two words do (a
// list's marker and its text): by 0.3 em, or 0.55 em between Japanese and
// Latin text, which stand a quarter to half an em apart in a word.
func wordGap(a, b Glyph) bool {
	gap := (b.X - a.X1) / a.Size
	if ideograph(a.R) && latin(b.R) || latin(a.R) && ideograph(b.R) {
		return gap > 0.55
	}
	return gap > 0.3
}
