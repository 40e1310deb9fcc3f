package render

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/theme"
	"briefing/internal/jlreqmeasure"
	"briefing/internal/testkit"
)

// TestVariationSequenceChains draws variation sequences with fallback
// chains, CFF fonts among them, and reads the PDF back with MuPDF,
// pdftotext and the pixels pdftoppm draws. A sequence is drawn by the
// font that draws its base, as that font's glyph for it: Noto Sans CJK
// JP (CFF) has 葛 U+E0100 and 恵 U+FE00; BIZ UDPGothic has 葛 U+E0100
// but not 恵 U+FE00, which a chain that draws 恵 with BIZ UDPGothic then
// prints as the plain 恵, never taking the sequence from Noto Sans CJK
// after it. A line set with character spacing (Tc) or gaps (TJ) runs on
// after a sequence as measured: its selector's glyph takes the spacing
// back.
func TestVariationSequenceChains(t *testing.T) {
	t.Parallel()
	testkit.DebianFont(t, testkit.NotoSansCJK, "fonts-noto-cjk")
	noto := testkit.NotoSansCJK + "#Noto Sans CJK JP"
	const text = "葛\U000E0100葛舘\uFE00舘辻\U000E0102辻"
	for _, c := range []struct {
		name  string
		chain string
		copy  string
		vs    []bool // by pair of characters: drawn as a variant
	}{
		{"noto", `"` + noto + `"`, "葛\U000E0100葛舘\uFE00舘辻辻", []bool{true, true, false}},
		{"biz-noto", `["embedded:BIZUDPGothic-Regular.ttf", "` + noto + `"]`, "葛\U000E0100葛舘舘辻辻", []bool{true, false, false}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			tmpl := filepath.Join(dir, "t.toml")
			if err := os.WriteFile(tmpl, []byte("[fonts]\nregular = "+c.chain+"\nfallback = false\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			th, err := theme.Load(tmpl)
			if err != nil {
				t.Fatal(err)
			}
			st := layout.Style{Face: layout.Regular, Size: 20}
			page := layout.Page{Paper: layout.A4, Boxes: []layout.Box{
				layout.TextBox{X: 72, Y: 100, Text: text, Style: st},
				// Character spacing, and gaps: 4 pt after each
				// character (on the selector, after its sequence).
				layout.TextBox{X: 72, Y: 160, Text: "葛\U000E0100飾葛飾", Style: st, Spacing: 4},
				layout.TextBox{X: 72, Y: 220, Text: "葛\U000E0100飾葛飾", Style: st, Gaps: []float64{0, 4, 4, 4, 0}},
			}}
			var buf bytes.Buffer
			if err := PDF(&buf, []layout.Page{page}, Info{Title: "vs", Lang: "ja"}, th); err != nil {
				t.Fatal(err)
			}
			pdf := filepath.Join(dir, "vs.pdf")
			if err := os.WriteFile(pdf, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			// The spaced lines copy with spaces between the characters
			// (a reader takes the room for spaces; the layout gives
			// such lines an /ActualText), never between a base and its
			// selector.
			for _, r := range []struct{ reader, text string }{
				{"pdftotext", run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")},
				{"MuPDF", run(t, "mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf)},
			} {
				if !strings.Contains(r.text, c.copy+"\n") || strings.Count(r.text, "葛\U000E0100") != 3 || strings.Contains(r.text, " \U000E0100") {
					t.Errorf("%s gives %q, want %q and two spaced lines", r.reader, r.text, c.copy)
				}
			}
			stext := filepath.Join(dir, "vs.stext")
			run(t, "mutool", "convert", "-F", "stext", "-O", "inhibit-spaces", "-o", stext, pdf)
			x, err := os.ReadFile(stext)
			if err != nil {
				t.Fatal(err)
			}
			lines, err := jlreqmeasure.Lines(x)
			if err != nil {
				t.Fatal(err)
			}
			if len(lines) != 3 {
				t.Fatalf("%d lines, want 3", len(lines))
			}
			// The spaced lines: each character 24 pt after the last.
			for _, l := range lines[1:] {
				for i, g := range l.Glyphs {
					if x := 72 + 24*float64(i); math.Abs(g.X-x) > 0.05 {
						t.Errorf("line %q: %c at %.2f pt, want %.2f", l.Text(), g.R, g.X, x)
					}
				}
			}
			// The glyphs, at 600 dpi.
			out := filepath.Join(dir, "p")
			run(t, "pdftoppm", "-r", "600", "-gray", "-png", "-singlefile", "-x", "0", "-y", "0", "-W", "2000", "-H", "1000", pdf, out)
			b, err := os.ReadFile(out + ".png")
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			box := func(g jlreqmeasure.Glyph) image.Rectangle {
				s := 600 / 72.0
				return image.Rect(int(g.X*s), int((g.Y-0.9*g.Size)*s), int(g.X1*s)+1, int((g.Y+0.15*g.Size)*s)+1)
			}
			gs := lines[0].Glyphs
			if len(gs) != 6 {
				t.Fatalf("MuPDF reads %q, want 6 characters", lines[0].Text())
			}
			for k, variant := range c.vs {
				a, p := gs[2*k], gs[2*k+1]
				d := testkit.InkDiffer(img, box(a), box(p))
				t.Logf("%c%s and %c: %.3f of the ink differs", a.R, strconv.QuoteRuneToASCII(a.VS), p.R, d)
				if variant && d < 0.1 || !variant && d > 0.05 {
					t.Errorf("%c %U drawn like %c: %.3f of the ink differs; want a variant %v", a.R, a.VS, p.R, d, variant)
				}
			}
		})
	}
}
