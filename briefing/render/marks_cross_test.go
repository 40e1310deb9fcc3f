package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// TestCombiningMarksAcrossFonts draws a combining tilde over letters of a
// font that lacks it: Noto Sans CJK JP (CFF) for the letters and the
// chain's last resort, BIZ UDPGothic (TrueType), for U+0303 (a glyph added
// to BIZ UDPGothic's subset for each pair); and an acute accent (U+0301)
// that Noto Sans CJK JP has itself (a CFF font: a charstring added for
// each pair, the mark's written out and moved). The mark's ink stands
// centred over its base's ink and above it, the text after it starts
// where the layout put it, and pdftotext and MuPDF copy it back as
// written.
func TestCombiningMarksAcrossFonts(t *testing.T) {
	t.Parallel()
	testkit.DebianFont(t, testkit.NotoSansCJK, "fonts-noto-cjk")
	for _, tt := range []struct {
		name, fonts string
		mark        string
		markFont    int // the font of the chain drawing the mark
	}{
		{"tilde from BIZ UDPGothic", `["` + testkit.NotoSansCJK + `#0"]`, "\u0303", 1},
		{"acute of the CFF font", `["` + testkit.NotoSansCJK + `#0"]`, "\u0301", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tmpl := filepath.Join(dir, "t.toml")
			if err := os.WriteFile(tmpl, []byte("[fonts]\nregular = "+tt.fonts+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			th, err := theme.Load(tmpl)
			if err != nil {
				t.Fatal(err)
			}
			if i := th.Pick(layout.Regular, []rune(tt.mark)[0]); i != tt.markFont {
				t.Fatalf("U+0303 from font %d of the chain, want %d", i, tt.markFont)
			}
			bases := []string{"n", "X", "x"}
			var boxes []layout.Box
			for i, b := range bases {
				y := 100 + 80*float64(i)
				boxes = append(boxes,
					layout.TextBox{X: 100, Y: y, Text: b + tt.mark + "|", Style: layout.Style{Size: 48}},
					layout.TextBox{X: 300, Y: y, Text: b + "|", Style: layout.Style{Size: 48}})
			}
			var buf bytes.Buffer
			if err := PDF(&buf, []layout.Page{{Paper: layout.A4, Boxes: boxes}}, Info{}, th); err != nil {
				t.Fatal(err)
			}
			pdf := filepath.Join(dir, "marks.pdf")
			if err := os.WriteFile(pdf, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			testkit.Run(t, "qpdf", "--check", pdf)
			text := testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
			mu := testkit.Run(t, "mutool", "draw", "-q", "-F", "text", "-o", "-", pdf)
			for _, b := range bases {
				if want := b + tt.mark + "|"; !strings.Contains(mu, want) {
					t.Errorf("mutool lacks %q:\n%s", want, mu)
				} else if !strings.Contains(text, want) {
					t.Errorf("pdftotext lacks %q:\n%s", want, text)
				}
			}
			img := raster(t, pdf, dir)
			for i, b := range bases {
				y0, y1 := 100+80*i-60, 100+80*i+20
				// The bar after the letter: where the layout put it.
				withBar, bar := inkBox(img, 100, 200, y0, y1), inkBox(img, 300, 400, y0, y1)
				if d := withBar[2] - bar[2] + 200; d < -1 || d > 1 {
					t.Errorf("%s%s|: the text after the mark ends at %d, want %d", b, tt.mark, withBar[2], bar[2]-200)
				}
				// The letter alone and with its mark: the mark is the ink
				// above the letter's top.
				base := inkBox(img, 300, 300+(bar[2]-300)/2, y0, y1)
				letter := inkBox(img, 100, 100+(withBar[2]-100)/2, base[1], y1)
				mark := inkBox(img, 100, 100+(withBar[2]-100)/2, y0, base[1]-1)
				if mark[2] < mark[0] {
					t.Errorf("%s%s: no ink above the letter", b, tt.mark)
					continue
				}
				mc, lc := (mark[0]+mark[2])/2, (letter[0]+letter[2])/2
				if d := mc - lc; d < -3 || d > 3 {
					t.Errorf("%s%s: the mark's ink %v is centred at x %d, the letter's %v at %d", b, tt.mark, mark, mc, letter, lc)
				}
			}
		})
	}
}
