package jlreqmeasure

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/render"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// fullWidthTheme loads a template whose regular face is the font named
// (a path or embedded:…), written to a temporary folder.
func fullWidthTheme(t *testing.T, font string) *theme.Theme {
	t.Helper()
	dir := t.TempDir()
	if !strings.HasPrefix(font, "embedded:") {
		name, face, _ := strings.Cut(font, "#")
		rel, err := filepath.Rel(dir, name)
		if err != nil {
			t.Fatal(err)
		}
		font = filepath.ToSlash(rel)
		if face != "" {
			font += "#" + face
		}
	}
	p := filepath.Join(dir, "t.toml")
	if err := os.WriteFile(p, []byte("[fonts]\nregular = \""+font+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	th, err := theme.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// setParagraphs lays out paragraphs of 10-point Japanese text on a
// measure of width points and renders them; it returns the PDF's path and
// the left edge of the text.
func setParagraphs(t *testing.T, th *theme.Theme, width float64, paras ...string) (string, float64) {
	t.Helper()
	paper := layout.Paper{Width: width + 100, Height: 400, Top: 50, Right: 50, Bottom: 50, Left: 50}
	var blocks []layout.Block
	for _, p := range paras {
		blocks = append(blocks, layout.Paragraph{Text: layout.Text{Style: layout.Style{Size: 10}, Breaking: layout.Japanese}, Spans: []layout.Span{{Text: p}}, SpaceAfter: 10})
	}
	pages, err := layout.Lay(layout.Document{Paper: paper, Blocks: blocks}, th)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := render.PDF(&buf, pages, render.Info{Title: "yakumono", Lang: "ja"}, th); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "yakumono.pdf")
	if d := os.Getenv("YKDIR"); d != "" {
		path = filepath.Join(d, strings.ReplaceAll(t.Name(), "/", "_")+".pdf")
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, paper.Left
}

// pairGap returns the room between marks a and b standing side by side
// as JLReq sees it (the half-em glyph of each, a closing mark's on its
// left half, an opening bracket's on its right), in em, for every place
// in lines where a is followed by b.
func pairGaps(lines []Line, a, b rune) []float64 {
	var out []float64
	for _, l := range lines {
		for k := 1; k < len(l.Glyphs); k++ {
			g, h := l.Glyphs[k-1], l.Glyphs[k]
			if g.R != a || h.R != b {
				continue
			}
			em := g.Size
			end := g.X + em/2
			switch {
			case punctOpening(a):
				end = g.X + em
			case punctMiddle(a):
				end = g.X + 3*em/4
			}
			start := h.X
			switch {
			case punctOpening(b):
				start = h.X + em/2
			case punctMiddle(b):
				start = h.X + em/4
			}
			out = append(out, (start-end)/em)
		}
	}
	return out
}

func punctOpening(r rune) bool { return strings.ContainsRune("「『（［【〔〈《", r) }

func punctMiddle(r rune) bool { return strings.ContainsRune("・：；", r) }

// yakumonoText holds consecutive punctuation of every kind JLReq 3.1.6
// spaces, on one short line each.
var yakumonoText = []string{
	"同部隊は製品を購入した（文献1）。",
	"研究者は「再現」「検証」を公表した。",
	"報道によれば（要旨）、購入は続いた。",
	"関係者は「修正は来週になる。」と話した。",
	"声明は「（仮称）対策チーム」を挙げた。",
	"対象は「製品」・「部品」・（仮称）の三つ。",
	"見出しは「『（仮称）』」と書いた。",
}

// yakumonoLong are paragraphs of many marks, set at several shifts so that
// lines end and start at marks and squeeze them.
var yakumonoLong = []string{
	"研究者は「再現」「検証」「試験」「解析」「報告」をすべて公表し、同社は（要旨）、（仮称）、（文献2）を挙げた。「修正は来週になる。」と関係者は話した（文献3）。",
	"同部隊は『製品』『購入』『検証』の三段階で動いた（文献1）、（文献2）。報道によれば「（仮称）対策チーム」が調査を始め、「当面は監視を続ける」とした。",
}

// shifted returns ps each prefixed by 0 to n-1 ideographic spaces.
func shifted(ps []string, n int) []string {
	var out []string
	for s := range n {
		for _, p := range ps {
			out = append(out, strings.Repeat("\u3000", s)+p)
		}
	}
	return out
}

// TestYakumono sets consecutive punctuation in full-width fonts (BIZ
// UDGothic, Noto Sans CJK JP) and reads the glyphs back with MuPDF: the
// space between a closing mark and the closing mark or 、。 after it is
// gone (）。 ）、 。」), half an em stays between a closing and an opening
// bracket (」「), two opening brackets stand solid (「（), a middle dot
// keeps a quarter em each side (」・「), no ink overlapping; pdftotext and MuPDF copy every paragraph back as written.
// In the default font, whose marks are proportional, the marks stand as
// their advances place them.
func TestYakumono(t *testing.T) {
	fonts := map[string]string{
		"BIZ UDGothic":     "embedded:BIZUDGothic-Regular.ttf",
		"Noto Sans CJK JP": testkit.NotoSansCJK + "#Noto Sans CJK JP",
	}
	want := []struct {
		a, b   rune
		lo, hi float64
	}{
		{'）', '。', -0.001, 0.05}, {'）', '、', -0.001, 0.05}, {'。', '」', -0.001, 0.05},
		{'」', '「', 0.45, 0.55}, {'「', '（', -0.001, 0.05},
		{'『', '（', -0.001, 0.05}, {'』', '」', -0.001, 0.05},
		{'」', '・', 0.2, 0.3}, {'・', '「', 0.2, 0.3}, {'・', '（', 0.2, 0.3},
	}
	for name, font := range fonts {
		t.Run(name, func(t *testing.T) {
			if !strings.HasPrefix(font, "embedded:") {
				testkit.DebianFont(t, strings.Split(font, "#")[0], "fonts-noto-cjk")
			}
			th := fullWidthTheme(t, font)
			paras := append(append([]string(nil), yakumonoText...), shifted(yakumonoLong, 12)...)
			path, left := setParagraphs(t, th, 300, paras...)
			lines := glyphLines(t, path)
			// The short paragraphs, on one line each, set as they are.
			var short []Line
			for _, l := range lines {
				if slices.Contains(yakumonoText, l.Text()) {
					short = append(short, l)
				}
			}
			if len(short) != len(yakumonoText) {
				t.Errorf("%d of the %d short paragraphs found on a line", len(short), len(yakumonoText))
			}
			for _, w := range want {
				gs := pairGaps(short, w.a, w.b)
				if len(gs) == 0 {
					t.Errorf("%c%c: not found", w.a, w.b)
				}
				for _, g := range gs {
					if g < w.lo || g > w.hi {
						t.Errorf("%c%c: %.3f em between them, want %.2f–%.2f", w.a, w.b, g, w.lo, w.hi)
					}
				}
			}
			// In every line, 」「 keep at least a quarter em, and no inks
			// overlap.
			for _, g := range pairGaps(lines, '」', '「') {
				if g < 0.25-1e-3 {
					t.Errorf("」「: %.3f em between them in a line set tighter, want at least 0.25", g)
				}
			}
			for _, l := range lines {
				for k := 1; k < len(l.Glyphs); k++ {
					g, h := l.Glyphs[k-1], l.Glyphs[k]
					_, r, ok1 := th.Ink(layout.Regular, g.R)
					lft, _, ok2 := th.Ink(layout.Regular, h.R)
					if ok1 && ok2 && h.X+float64(lft)/1000*h.Size < g.X+float64(r)/1000*g.Size-0.01 {
						t.Errorf("%q: the inks of %c and %c overlap", l.Text(), g.R, h.R)
					}
				}
			}
			// No ink past the margin.
			for _, l := range lines {
				g := l.Glyphs[len(l.Glyphs)-1]
				if _, r, ok := th.Ink(layout.Regular, g.R); ok && g.X+float64(r)/1000*g.Size > left+300+0.01 {
					t.Errorf("%q: the ink of %c ends %.2f pt past the margin", l.Text(), g.R, g.X+float64(r)/1000*g.Size-left-300)
				}
			}
			copied(t, path, paras)
		})
	}
	t.Run("default font", func(t *testing.T) {
		th := fixture.Theme(t)
		path, _ := setParagraphs(t, th, 300, yakumonoText...)
		for _, l := range glyphLines(t, path) {
			for k := 1; k < len(l.Glyphs); k++ {
				g, h := l.Glyphs[k-1], l.Glyphs[k]
				if punctClassOf(g.R) && punctClassOf(h.R) && math.Abs(h.X-g.X1) > 0.01 {
					t.Errorf("%q: %c%c set %.3f em apart, not at their advances", l.Text(), g.R, h.R, (h.X-g.X1)/g.Size)
				}
			}
		}
		copied(t, path, yakumonoText)
	})
}

func punctClassOf(r rune) bool { return strings.ContainsRune("「」『』（）、。・", r) }

// copied checks that pdftotext and MuPDF copy the paragraphs of the PDF
// at path back as written, each on a line of its own.
func copied(t *testing.T, path string, paras []string) {
	t.Helper()
	txt := testkit.Run(t, "pdftotext", "-nopgbrk", "-enc", "UTF-8", path, "-")
	if _, errs := Find(strings.Split(txt, "\n"), paras, false); len(errs) > 0 {
		t.Errorf("pdftotext: %v\n%s", errs[0], txt)
	}
	txt = testkit.Run(t, "mutool", "draw", "-F", "text", "-o", "-", path)
	if _, errs := Find(strings.Split(txt, "\n"), paras, false); len(errs) > 0 {
		t.Errorf("MuPDF: %v\n%s", errs[0], txt)
	}
}

// TestYakumonoLineEnd sets, in BIZ UDGothic, a line 20 em wide whose
// text runs half an em past it with a closing mark at its end: the mark
// is set half-width, its blank half past the margin and its ink inside,
// and the rest of the line keeps its natural spacing (no character
// squeezed). A line that ends with a closing mark and has room keeps the
// mark full-width.
func TestYakumonoLineEnd(t *testing.T) {
	th := fullWidthTheme(t, "embedded:BIZUDGothic-Regular.ttf")
	const em = 10.0
	hang := strings.Repeat("脆弱性", 6) + "等）。" + "以降の文は次の行に続く。"
	path, left := setParagraphs(t, th, 20*em, hang)
	lines := glyphLines(t, path)
	if len(lines) < 2 {
		t.Fatalf("%d lines", len(lines))
	}
	l := lines[0]
	if got := l.Text(); !strings.HasSuffix(got, "）。") {
		t.Fatalf("first line %q does not end with ）。", got)
	}
	last := l.Glyphs[len(l.Glyphs)-1]
	if d := (last.X - l.Glyphs[0].X) / em; math.Abs(d-19.5) > 0.01 {
		t.Errorf("。 stands %.3f em from the line's start, want 19.5 (nothing squeezed)", d)
	}
	_, r, _ := th.Ink(layout.Regular, '。')
	if ink := last.X + float64(r)/1000*em; ink > left+20*em+0.01 {
		t.Errorf("the ink of 。 ends at %.2f, past the margin %.2f", ink, left+20*em)
	}
	copied(t, path, []string{hang})
}
