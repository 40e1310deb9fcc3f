package build

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"briefing/internal/jlreqmeasure"
	"briefing/internal/testkit"
)

// Variation sequences of BIZ UDPGothic: 葛 U+E0100 and 辻 U+E0100 have
// glyphs of their own, 葛 U+E0101 is drawn with the plain 葛's glyph
// (its default UVS table), 辻 U+E0102 is no sequence of the font.
const (
	kuzuVS   = "\u845B\U000E0100"
	tsujiVS  = "\u8FBB\U000E0100"
	kuzuDflt = "\u845B\U000E0101"
	tsujiNo  = "\u8FBB\U000E0102"
)

// TestVariationSequences renders a briefing whose title and summary hold
// variation sequences, and reads it back as readers do:
//   - pdftotext, MuPDF and pdf.js copy each sequence the font has as
//     written, base and selector, and one it lacks (辻 U+E0102) as its
//     base alone, as any ignorable character is dropped;
//   - the page, rendered by pdftoppm, draws 葛 U+E0100 and 辻 U+E0100
//     with other glyphs than the plain 葛 and 辻, and 葛 U+E0101 and 辻
//     U+E0102 with the plain ones, at the places MuPDF gives;
//   - the sequences are one character each, an em wide: the characters
//     after them stand where the plain ones do.
func TestVariationSequences(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	title := kuzuVS + "飾区の葛飾と" + tsujiVS + "堂"
	summary := kuzuVS + "飾区と葛飾区、" + tsujiVS + "と辻、既定の" + kuzuDflt + "と葛、欠ける" + tsujiNo + "と辻。"
	path := writeFile(t, dir, "vs.toml", `format = 2
id = "vs"
date = 2021-05-06
tlp = "CLEAR"
languages = ["ja"]
title.ja = "`+title+`"
summary.ja = "`+summary+`"
`)
	r := File(context.Background(), path, &Options{Dir: dir, Theme: testTheme(t)})
	if r.Failed() || len(r.Outputs) != 1 {
		t.Fatalf("%+v", r)
	}
	pdf := filepath.Join(dir, "vs.ja.pdf")
	testkit.Run(t, "qpdf", "--check", pdf)
	copied := strings.ReplaceAll(summary, tsujiNo, "辻")
	got := testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
	mu := testkit.Run(t, "mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf)
	js, err := testkit.PDFJS(t, pdf, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ reader, text string }{{"pdftotext", got}, {"MuPDF", mu}, {"pdf.js", js}} {
		for _, want := range []string{title, copied} {
			if !strings.Contains(c.text, want) {
				t.Errorf("%s lacks %q:\n%q", c.reader, want, c.text)
			}
		}
		if strings.ContainsRune(c.text, 0xE0102) {
			t.Errorf("%s copies U+E0102, which the font has no sequence for", c.reader)
		}
	}

	// Where MuPDF places each character of the title and the summary.
	st := testkit.Run(t, "mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf)
	lines, err := jlreqmeasure.Lines([]byte(st))
	if err != nil {
		t.Fatal(err)
	}
	find := func(text string) jlreqmeasure.Line {
		t.Helper()
		var best jlreqmeasure.Line
		for _, l := range lines {
			if l.Text() == text && (best.Glyphs == nil || l.Glyphs[0].Size > best.Glyphs[0].Size) {
				best = l
			}
		}
		if best.Glyphs == nil {
			t.Fatalf("MuPDF has no line %q", text)
		}
		return best
	}
	tl, sl := find(title), find(strings.ReplaceAll(summary, tsujiNo, "辻"))
	// One character each, an em wide: 飾 after 葛 U+E0100 stands an em
	// after it, as after the plain 葛.
	for _, l := range []jlreqmeasure.Line{tl, sl} {
		for i, g := range l.Glyphs[:len(l.Glyphs)-1] {
			if d := l.Glyphs[i+1].X - g.X; g.VS != 0 && (d < 0.99*g.Size || d > 1.01*g.Size) {
				t.Errorf("%c%c: the next character %.2f pt on, want an em (%.1f pt)", g.R, g.VS, d, g.Size)
			}
		}
	}

	// The glyphs drawn, from the page rendered at 600 dpi: each
	// character's em box, compared with the plain character's.
	const dpi = 600
	png1 := filepath.Join(dir, "page")
	// Only the top of the page, down to the summary's line.
	bottom := strconv.Itoa(int((sl.Y + sl.Glyphs[0].Size) * dpi / 72))
	testkit.Run(t, "pdftoppm", "-r", "600", "-gray", "-png", "-f", "1", "-l", "1", "-x", "0", "-y", "0", "-W", "5000", "-H", bottom, "-singlefile", pdf, png1)
	f, err := os.ReadFile(png1 + ".png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	box := func(g jlreqmeasure.Glyph) image.Rectangle {
		s := dpi / 72.0
		return image.Rect(int(g.X*s), int((g.Y-0.9*g.Size)*s), int(g.X1*s)+1, int((g.Y+0.15*g.Size)*s)+1)
	}
	differ := func(a, b jlreqmeasure.Glyph) float64 { return testkit.InkDiffer(img, box(a), box(b)) }
	at := func(l jlreqmeasure.Line, i int, r rune, vs rune) jlreqmeasure.Glyph {
		t.Helper()
		g := l.Glyphs[i]
		if g.R != r || g.VS != vs {
			t.Fatalf("character %d of %q is %c %U, want %c %U", i, l.Text(), g.R, g.VS, r, vs)
		}
		return g
	}
	for _, c := range []struct {
		what string
		a, b jlreqmeasure.Glyph
		same bool
	}{
		{"title: 葛 U+E0100 and 葛", at(tl, 0, '葛', 0xE0100), at(tl, 4, '葛', 0), false},
		{"title: 飾 after each (a control)", at(tl, 1, '飾', 0), at(tl, 5, '飾', 0), true},
		{"summary: 葛 U+E0100 and 葛", at(sl, 0, '葛', 0xE0100), at(sl, 4, '葛', 0), false},
		{"summary: 辻 U+E0100 and 辻", at(sl, 8, '辻', 0xE0100), at(sl, 10, '辻', 0), false},
		{"summary: 葛 U+E0101 (default) and 葛", at(sl, 15, '葛', 0xE0101), at(sl, 17, '葛', 0), true},
		{"summary: 辻 U+E0102 (no sequence) and 辻", at(sl, 22, '辻', 0), at(sl, 10, '辻', 0), true},
	} {
		d := differ(c.a, c.b)
		t.Logf("%s: %.3f of the ink differs", c.what, d)
		if c.same && d > 0.07 || !c.same && d < 0.12 {
			t.Errorf("%s: %.3f of the ink differs; want them drawn %s", c.what, d, map[bool]string{true: "alike", false: "otherwise"}[c.same])
		}
	}
}
