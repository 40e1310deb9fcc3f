package layout

import (
	"slices"
	"strings"
	"testing"
)

// headingLines lays out a heading of text at width points and returns its
// lines' texts.
func headingLines(t *testing.T, text string, width float64) []string {
	t.Helper()
	doc := Document{Paper: Paper{Width: width + 114, Height: 2000, Left: 57, Right: 57, Top: 50, Bottom: 50},
		Blocks: []Block{Heading{Text: Text{Style: Style{Size: 18, Face: Bold}, Breaking: Japanese}, Spans: plain(text), Level: 1}}}
	pages, err := Lay(doc, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	y := -1.0
	for _, b := range pages[0].Boxes {
		if tb, ok := b.(TextBox); ok {
			if tb.Y != y {
				out = append(out, "")
				y = tb.Y
			}
			out[len(out)-1] += tb.Text
		}
	}
	return out
}

// TestHeadingPhrases: a heading breaks only between phrases — never inside
// a kanji compound, a katakana word, a Latin word or a number with its
// brackets, nor before a particle — at every width, and with the fewest
// lines it can.
func TestHeadingPhrases(t *testing.T) {
	t.Parallel()
	words := map[string][]string{
		"PLA某部隊が欧米のアンチウイルスソフト購入の動き（2021.5）":         {"PLA", "某部隊", "アンチウイルスソフト", "購入", "動き", "（2021.5）", "欧米の"},
		"Kaseya VSAを悪用したランサムウェアのサプライチェーン攻撃（2021.7）": {"Kaseya", "VSAを", "悪用", "ランサムウェアの", "サプライチェーン", "攻撃", "（2021.7）"},
		"サプライチェーン攻撃に関する注意喚起":                        {"サプライチェーン", "攻撃に", "関する", "注意喚起"},
	}
	for text, keep := range words {
		for w := 200.0; w <= 500; w += 9 { // the longest word, 10 em, fits
			lines := headingLines(t, text, w)
			if strings.Join(lines, "") != text {
				t.Fatalf("width %g: %q lost text of %q", w, lines, text)
			}
			for _, k := range keep {
				if !strings.Contains(strings.Join(lines, "|"), k) {
					t.Errorf("width %g: %q broken in %q", w, k, lines)
				}
			}
		}
	}
}

// TestHeadingBalanced: the model briefing's title breaks after its
// compound's katakana, its two lines even, not with （2021.5） alone.
func TestHeadingBalanced(t *testing.T) {
	t.Parallel()
	got := headingLines(t, "PLA某部隊が欧米のアンチウイルスソフト購入の動き（2021.5）", 420)
	want := []string{"PLA某部隊が欧米のアンチウイルスソフト", "購入の動き（2021.5）"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	got = headingLines(t, "Ransomware supply-chain attack through Kaseya VSA (July 2021)", 300)
	if len(got) != 2 || len(got[1]) < len(got[0])/2 {
		t.Errorf("English title not balanced: %q", got)
	}
}

// TestMonthWord: monthWord names the months as strings.ToLower and the
// list of months do, for every word of three letters from an alphabet of
// the months' letters in both cases, other letters, the Kelvin sign, dots
// and commas, and for the months with a letter changed to one of those.
func TestMonthWord(t *testing.T) {
	t.Parallel()
	plain := func(rs []rune) bool {
		rs = trimPunct(rs)
		if len(rs) < 3 || len(rs) > 9 {
			return false
		}
		return slices.Contains(months, strings.ToLower(string(rs)))
	}
	words := [][]rune{[]rune("November"), []rune("SEPT."), []rune("dec,"), []rune("Ｍａｙ"), []rune("janvier")}
	alphabet := []rune("aAbcdDeEgjJlmMnNoOprsStuvyKkİı\u212aé.,")
	var w []rune
	var gen func(n int)
	gen = func(n int) {
		if n == 0 {
			words = append(words, slices.Clone(w))
			return
		}
		for _, r := range alphabet {
			w = append(w, r)
			gen(n - 1)
			w = w[:len(w)-1]
		}
	}
	gen(3)
	for _, m := range months {
		words = append(words, []rune(m), []rune(strings.ToUpper(m)), []rune(m+"."))
		for i := range len(m) {
			for _, r := range []rune("İı\u212aé") {
				w := []rune(m)
				w[i] = r
				words = append(words, w)
			}
		}
	}
	for _, rs := range words {
		if got, want := monthWord(rs), plain(rs); got != want {
			t.Errorf("monthWord(%q) = %v, want %v", string(rs), got, want)
		}
	}
}
