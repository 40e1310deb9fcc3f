package layout

import (
	"strings"
	"testing"
	"unicode"
)

// Combining's quick answers agree with Unicode's categories for every
// character of the Basic Multilingual Plane.
func TestCombining(t *testing.T) {
	t.Parallel()
	for r := rune(0); r < 0x10000; r++ {
		if got, want := Combining(r), unicode.In(r, unicode.Mn, unicode.Me); got != want {
			t.Errorf("Combining(%U) = %v, want %v", r, got, want)
		}
	}
}

// A combining mark takes no room, a line never breaks before it, and it
// stays in the text box of the character before it, in justified lines
// too: ㇷ゚ and セ゚ (no precomposed form) in a narrow Japanese column, x̃
// in Latin text.
func TestCombiningMarksStayWithTheirBase(t *testing.T) {
	t.Parallel()
	ja := strings.Repeat("カタカナのㇷ\u309Aーとセ\u309A。は合成済みの文字がない。", 12)
	en := strings.Repeat("The letter x\u0303 has no precomposed form. ", 12)
	for _, tt := range []struct {
		text     string
		breaking Breaking
	}{{ja, Japanese}, {en, Latin}} {
		r := flatten(plain(tt.text), Style{Size: 10}, fakeMetrics{}, &missing{})
		for i, c := range r.rs {
			if Combining(c) && r.ws[i] != 0 {
				t.Errorf("%U measured %g pt wide", c, r.ws[i])
			}
		}
		// Columns of every width from 5 to 25 characters, so that many
		// lines would end before a mark.
		var blocks []Block
		for w := 50.0; w <= 250; w += 5 {
			blocks = append(blocks, Paragraph{Text: Text{Style: Style{Size: 10}, Breaking: tt.breaking}, Spans: plain(tt.text), Indent: A4.Width - A4.Left - A4.Right - w})
		}
		pages, err := Lay(Document{Paper: A4, Blocks: blocks}, fakeMetrics{})
		if err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		lines := 0
		var boxes []Box
		for _, p := range pages {
			boxes = append(boxes, p.Boxes...)
		}
		for _, b := range boxes {
			tb, ok := b.(TextBox)
			if !ok {
				continue
			}
			got.WriteString(tb.Text)
			if first := []rune(tb.Text)[0]; Combining(first) {
				t.Errorf("a text box starts with the mark %U: %q", first, tb.Text)
			}
			lines++
		}
		if lines < 10 {
			t.Errorf("%d text boxes, want the paragraph over many lines", lines)
		}
		if want := strings.Repeat(strings.ReplaceAll(tt.text, " ", ""), len(blocks)); strings.ReplaceAll(got.String(), " ", "") != want {
			t.Errorf("text lost or reordered:\n got %.200q\nwant %.200q", got.String(), want)
		}
	}
}
