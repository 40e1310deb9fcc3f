package pdfua_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"briefing/briefing/build"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// lineEnds are pairs of words that end a line and start the next one of
// the same element, in blocks whose lines end without a space in their
// text: a line of code, a hard break, a quote (its rule, an artifact,
// drawn between its lines), a list item, a table cell, a timeline entry
// and its details, a link starting a line, a heading over two lines.
var lineEnds = map[string][][2]string{
	"testdata/linebreaks.toml": {
		{"first line", "second line"}, {"second line", "third line"},
		{"alpha one", "beta two"},
	},
	"../../samples/ransomware-example.toml": {
		{"session -all", "kill icaconnection"}, {"connection -all", "clear lb"},
		{"/all /quiet", "wmic.exe"}, {"shadowcopy delete", "bcdedit"},
		{"got in.", "◦"},
	},
}

// TestLineEndsRead: where a line of an element ends without a space in
// its text, every reader still gets a boundary between its words: a
// screen reader through pdf.js (.ci/pdfjs/struct.mjs, which keeps the line
// end pdf.js marks on the next line's first item, in whichever
// marked-content sequence it falls), poppler's structure text (the space
// box a line ends with), and pdftotext and MuPDF's text (two lines). Text
// that wraps (a quote, a list item, a cell, a title) reads with spaces
// through pdf.js too.
func TestLineEndsRead(t *testing.T) {
	th := fixture.Theme(t)
	dir := t.TempDir()
	for f, pairs := range lineEnds {
		r := build.File(context.Background(), f, &build.Options{Dir: dir, Theme: th, Langs: []string{"en"}})
		if r.Diagnostics.HasErrors() || len(r.Outputs) != 1 {
			t.Fatalf("%s: %v", f, r.Diagnostics)
		}
		path := r.Outputs[0].Path
		t.Run(filepath.Base(path), func(t *testing.T) {
			reading := string(pdfjs(t, path))
			poppler := structText(t, path)
			raw := testkit.Run(t, "pdftotext", "-raw", path, "-")
			mu := testkit.Run(t, "mutool", "draw", "-q", "-F", "txt", "-o", "-", path)
			for _, p := range pairs {
				a, b := p[0], p[1]
				if !strings.Contains(reading, a+" "+b) {
					t.Errorf("pdf.js reading lacks %q:\n%s", a+" "+b, reading)
				}
				// (A block's end is a line end in the struct text.)
				if !regexp.MustCompile(regexp.QuoteMeta(a) + `( |\n+)` + regexp.QuoteMeta(b)).MatchString(poppler) {
					t.Errorf("poppler's struct text lacks %q", a+" "+b)
				}
				lines := regexp.MustCompile(regexp.QuoteMeta(a) + ` ?\n\s*` + regexp.QuoteMeta(b))
				for name, text := range map[string]string{"pdftotext": raw, "mutool": mu} {
					if !lines.MatchString(text) {
						t.Errorf("%s does not give %q and %q on two lines", name, a, b)
					}
				}
			}
			if strings.Contains(path, "linebreaks") {
				for _, w := range []string{
					"wrap onto a second line of the quote block, and then wrap once more onto a third line here",
					"a list item that runs long enough to wrap onto a second line of the list, and then again onto a third line",
					"a table cell that runs long enough to wrap onto a second line of its cell, and then again onto a third line",
					"heading 1: Line ends read as word boundaries in every block kind of a briefing, its headings that run over two lines too",
				} {
					if !strings.Contains(reading, w) {
						t.Errorf("pdf.js reading lacks %q:\n%s", w, reading)
					}
				}
			}
		})
	}
}
