package layout

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// fakeVariants is fakeMetrics whose fonts draw a few variation
// sequences: 葛 U+E0100 1.2 em wide (wider than 葛, so that the width
// measured shows), 葛 U+E0101 and 辻 U+E0100 an em.
type fakeVariants struct{ fakeMetrics }

func (fakeVariants) Variant(face Face, base, sel rune) (int, bool) {
	switch {
	case base == '葛' && sel == 0xE0100:
		return 1200, true
	case base == '葛' && sel == 0xE0101, base == '辻' && sel == 0xE0100:
		return 1000, true
	}
	return 0, false
}

// dropUnknown returns s as a reader copies it when laid out with
// fakeVariants: its Ignorable characters dropped but the selectors of
// the sequences it knows.
func dropUnknown(s string) string {
	var b strings.Builder
	prev := rune(-1)
	for _, r := range s {
		if Ignorable(r) {
			if _, ok := (fakeVariants{}).Variant(Regular, prev, r); ok && Selector(r) {
				b.WriteRune(r)
			}
			prev = -1
			continue
		}
		if r != '\r' {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// checkSequences checks the text boxes of pages laid out with
// fakeVariants: no box starts with a selector, each selector follows
// its base in a sequence the metrics know, and Gaps has a room for
// each rune of Text.
func checkSequences(t *testing.T, pages []Page) {
	t.Helper()
	for _, b := range textBoxes(pages) {
		prev := rune(-1)
		for i, r := range b.Text {
			if Selector(r) {
				if i == 0 {
					t.Fatalf("box %q starts with a variation selector", b.Text)
				}
				if _, ok := (fakeVariants{}).Variant(b.Style.Face, prev, r); !ok {
					t.Fatalf("box %q keeps %U after %q, no sequence", b.Text, r, prev)
				}
			}
			prev = r
		}
		if b.Gaps != nil && len(b.Gaps) != utf8.RuneCountInString(b.Text) {
			t.Fatalf("box %q: %d gaps for %d runes", b.Text, len(b.Gaps), utf8.RuneCountInString(b.Text))
		}
	}
}

// TestVariationSequences lays out text with variation sequences: a
// sequence the metrics know is one character of its own width whose
// selector stays in the text after its base, never at a line's start;
// one they do not know (辻 U+E0102), and every sequence with metrics
// that know none, is its base alone, as before.
func TestVariationSequences(t *testing.T) {
	t.Parallel()
	const size = 10
	red := Style{Size: size, Color: Color{R: 200}}
	at := func(m Metrics, spans ...Span) []TextBox {
		t.Helper()
		pages, err := Lay(Document{Paper: A4, Blocks: []Block{Paragraph{Text: Text{Style: Style{Size: size}, Breaking: Japanese}, Spans: spans}}}, m)
		if err != nil {
			t.Fatal(err)
		}
		return textBoxes(pages)
	}
	// Width: the box after the sequence starts 1.2 em on.
	for _, c := range []struct {
		m     Metrics
		first string
		dx    float64
	}{{fakeVariants{}, "葛\U000E0100", 12}, {fakeMetrics{}, "葛", 10}} {
		bs := at(c.m, Span{Text: "葛\U000E0100"}, Span{Text: "飾", Style: red})
		if len(bs) != 2 || bs[0].Text != c.first || bs[1].Text != "飾" || bs[1].X-bs[0].X != c.dx {
			t.Errorf("%T: boxes %+v, want %q then 飾 %v pt on", c.m, bs, c.first, c.dx)
		}
	}
	// Unknown sequences drop their selector.
	if bs := at(fakeVariants{}, Span{Text: "辻\U000E0102辻\U000E0100\U000E0100と\uFE0F"}); len(bs) != 1 || bs[0].Text != "辻辻\U000E0100と" {
		t.Errorf("boxes %+v, want 辻辻\U000E0100と", bs)
	}
	// Line breaking and justification: lines never start with a
	// selector, measure the sequences at their width, and copy back as
	// written.
	text := strings.Repeat("東京都葛\U000E0100飾区とA社、辻\U000E0100堂の葛\U000E0101城。", 12)
	width := 0.0
	pages, err := Lay(Document{Paper: A4, Blocks: []Block{Paragraph{Text: Text{Style: Style{Size: size}, Breaking: Japanese}, Spans: plain(text)}}}, fakeVariants{})
	if err != nil {
		t.Fatal(err)
	}
	checkSequences(t, pages)
	var got strings.Builder
	lines := 0
	for _, b := range textBoxes(pages) {
		if b.Break {
			continue
		}
		got.WriteString(b.Text)
		// The right edge of the line, drawn as measured: each rune's
		// advance, a sequence's its own, plus the room after it.
		x := b.X
		prev := rune(-1)
		for i, r := range []rune(b.Text) {
			if Selector(r) {
				w, _ := (fakeVariants{}).Variant(Regular, prev, r)
				a, _ := (fakeMetrics{}).Advance(Regular, prev)
				x += float64(w-a) / 1000 * size
			} else {
				a, _ := (fakeMetrics{}).Advance(Regular, r)
				x += float64(a) / 1000 * size
			}
			if b.Gaps != nil {
				x += b.Gaps[i]
			} else if !Selector(r) {
				x += b.Spacing
			}
			prev = r
		}
		width = max(width, x-A4.Left)
		lines++
	}
	if got.String() != dropUnknown(text) {
		t.Errorf("the boxes give\n%q\nwant\n%q", got.String(), text)
	}
	if measure := A4.Width - A4.Left - A4.Right; lines < 3 || width > measure+0.01 || width < measure-size {
		t.Errorf("%d lines, the widest %.2f pt for a measure of %.2f pt", lines, width, measure)
	}
}
