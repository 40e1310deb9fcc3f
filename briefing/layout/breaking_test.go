package layout

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// fakeMetrics measures CJK characters as 1 em, ASCII letters and digits as
// 0.5 em, spaces as 0.25 em, a few narrow and wide Latin letters
// differently, and has no glyph for U+E000 and anything above U+FFFF. Bold
// is 5% wider for Latin letters.
type fakeMetrics struct{}

func (fakeMetrics) Advance(face Face, r rune) (int, bool) {
	switch {
	case r > 0xFFFF || r == 0xE000 || r < 0x20:
		return 0, false
	case wide(r) || r == 0x3000:
		return 1000, true
	case r == ' ':
		return 250, true
	case r == 'i' || r == 'l' || r == '.' || r == ',':
		return 250, true
	case r == 'm' || r == 'W' || r == 'M':
		w := 830
		if face == Bold {
			w = 870
		}
		return w, true
	}
	if face == Bold {
		return 530, true
	}
	return 500, true
}

func measure(s string, size float64) ([]rune, []float64) {
	rs := []rune(s)
	ws := make([]float64, len(rs))
	for i, r := range rs {
		a, _ := fakeMetrics{}.Advance(Regular, r)
		if r == '\n' {
			a = 0
		}
		ws[i] = float64(a) / 1000 * size
	}
	return rs, ws
}

func lineTexts(rs []rune, lines []brokenLine) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = string(rs[l.start:l.end])
	}
	return out
}

// TestKinsoku checks the line-breaking rules one by one: size 10, so a CJK
// character is 10 points wide and a Latin letter 5.
func TestKinsoku(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"breaks between any two kanji", "本件の影響範囲", 30, []string{"本件の", "影響範", "囲"}},
		{"full stop pushes the last char down", "あいうえ。", 40, []string{"あいう", "え。"}},
		{"comma never starts a line", "あいうえ、お", 40, []string{"あいう", "え、お"}},
		{"closing bracket never starts a line", "「偵察」もしく", 30, []string{"「偵", "察」も", "しく"}},
		{"opening bracket never ends a line", "あいう「えお」", 40, []string{"あいう", "「えお」"}},
		{"opening paren never ends a line", "あいう（えお）", 40, []string{"あいう", "（えお）"}},
		{"small tsu never starts a line", "あいうっと", 30, []string{"あい", "うっと"}},
		{"small katakana never starts a line", "プロキシャ", 40, []string{"プロキ", "シャ"}},
		{"long vowel mark never starts a line", "データベース", 20, []string{"デー", "タ", "ベー", "ス"}},
		{"iteration mark never starts a line", "あいう人々", 40, []string{"あいう", "人々"}},
		{"middle dot never starts a line", "組織・団体", 20, []string{"組", "織・", "団体"}},
		{"ascii closer after CJK never starts a line", "あいう)え", 30, []string{"あい", "う)え"}},
		{"ascii opener never ends a line", "あい(abc)", 30, []string{"あい", "(abc)"}},
		{"leaders never start a line", "文献1……", 40, []string{"文献", "1……"}},
		{"a piece wider than the line is cut", "文献……", 25, []string{"文", "献…", "…"}},
		{"latin words break at spaces", "Kaspersky Security Cloud", 60, []string{"Kaspersky ", "Security ", "Cloud"}},
		{"latin words are not split", "alpha beta", 30, []string{"alpha ", "beta"}},
		{"latin next to CJK breaks", "PLAの61419部隊", 50, []string{"PLAの61419", "部隊"}},
		{"long url breaks after a slash", "https://example.com/path/to", 110, []string{"https://example.com/", "path/to"}},
		{"long word breaks where it fits", "01234567890123456789abcde", 50, []string{"0123456789", "0123456789", "abcde"}},
		{"a short line is filled with a url longer than a line", "詳細はhttps://example.com/path/to/page", 110, []string{"詳細はhttps://", "example.com/path/to/", "page"}},
		{"a url that fits a line of its own moves down", "詳細はhttps://example.com/p", 110, []string{"詳細は", "https://example.com/p"}},
		{"newline forces a break", "あい\nう", 100, []string{"あい\n", "う"}},
		{"single char wider than the line", "あい", 5, []string{"あ", "い"}},
		{"trailing space takes no width", "ab cd", 10, []string{"ab ", "cd"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			rs, ws := measure(c.text, 10)
			got := lineTexts(rs, breakLines(rs, ws, c.width))
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", c.want) {
				t.Errorf("breakLines(%q, %g) = %q, want %q", c.text, c.width, got, c.want)
			}
		})
	}
}

// seedParagraphs returns the paragraphs of the model briefing.
func seedParagraphs(t *testing.T) []string {
	b, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range strings.Split(string(b), "\n") {
		p = strings.TrimSpace(p)
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// randomText mixes kana, kanji, Latin words, digits, punctuation, brackets
// and URLs.
func randomText(r *rand.Rand) string {
	kanji := []rune("本件影響範囲攻撃者企図対策組織団体調査実施判明購入候補商品具体的")
	hira := []rune("あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんっゃゅょ")
	kata := []rune("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロワンッャュョー")
	words := []string{"PLA", "Kaspersky", "Security", "Cloud", "supply", "chain", "ATT&CK", "T1195", "2021.5.6", "61419", "Reconnaissance"}
	urls := []string{"https://attack.mitre.org/groups/G0093/", "https://www.recordedfuture.com/research/chinese-military-antivirus?utm=a&b=c"}
	puncts := []string{"、", "。", "・", "：", "？", "！", "ー", "々", "…", "，", "．"}
	pairs := [][2]string{{"「", "」"}, {"（", "）"}, {"『", "』"}, {"【", "】"}, {"(", ")"}, {"〈", "〉"}}
	pick := func(rs []rune, n int) string {
		var b strings.Builder
		for range n {
			b.WriteRune(rs[r.IntN(len(rs))])
		}
		return b.String()
	}
	var b strings.Builder
	n := 3 + r.IntN(40)
	for range n {
		switch r.IntN(10) {
		case 0, 1:
			b.WriteString(pick(kanji, 1+r.IntN(4)))
		case 2, 3:
			b.WriteString(pick(hira, 1+r.IntN(5)))
		case 4:
			b.WriteString(pick(kata, 1+r.IntN(6)))
		case 5:
			if r.IntN(2) == 0 {
				b.WriteString(" ")
			}
			b.WriteString(words[r.IntN(len(words))])
			if r.IntN(2) == 0 {
				b.WriteString(" ")
			}
		case 6:
			b.WriteString(puncts[r.IntN(len(puncts))])
		case 7:
			p := pairs[r.IntN(len(pairs))]
			b.WriteString(p[0] + pick(kanji, 1+r.IntN(3)) + pick(hira, r.IntN(3)) + p[1])
		case 8:
			b.WriteString(fmt.Sprint(r.IntN(100000)))
		case 9:
			if r.IntN(4) == 0 {
				b.WriteString(" " + urls[r.IntN(len(urls))] + " ")
			} else {
				b.WriteString(pick(kanji, 2))
			}
		}
	}
	return b.String()
}

// checkLines asserts the properties every breaking must have.
func checkLines(t *testing.T, text string, width float64, rs []rune, ws []float64, lines []brokenLine) {
	t.Helper()
	var joined strings.Builder
	for _, l := range lines {
		joined.WriteString(string(rs[l.start:l.end]))
	}
	if joined.String() != text {
		t.Fatalf("width %g: joined lines differ from input:\n got %q\nwant %q", width, joined.String(), text)
	}
	for i, l := range lines {
		if l.end <= l.start {
			t.Fatalf("width %g: empty line %d", width, i)
		}
		end := l.end
		for end > l.start && (space(rs[end-1]) || rs[end-1] == '\n') {
			end--
		}
		w := 0.0
		for k := l.start; k < end; k++ {
			w += ws[k]
		}
		single := end-l.start <= 1
		// A forced cut is allowed to break a rule only where the
		// unbreakable piece it cuts is wider than the line.
		excused := false
		if i > 0 && lines[i-1].forced {
			k := l.start + 1
			hd := hold(rs)
			for k < len(rs) && (!canBreak(rs[k-1], rs[k]) || hd != nil && hd[k]) {
				k++
			}
			pw := 0.0
			for j := lines[i-1].start; j < k; j++ {
				pw += ws[j]
			}
			excused = pw > width
			if !excused {
				t.Errorf("width %g: line %d was cut inside a piece that fits: %q", width, i-1, string(rs[lines[i-1].start:k]))
			}
		}
		if excused {
			continue
		}
		if w > width+1e-6 && !single {
			t.Errorf("width %g: line %d %q is %g wide", width, i, string(rs[l.start:l.end]), w)
		}
		if single {
			continue
		}
		if l.start > 0 && rs[l.start-1] != '\n' && forbiddenStart(rs[l.start-1], rs[l.start]) {
			t.Errorf("width %g: line %d starts with %q: %q", width, i, rs[l.start], string(rs[l.start:l.end]))
		}
		if i < len(lines)-1 && end == l.end && noEnd(rs[end-1]) {
			t.Errorf("width %g: line %d ends with %q: %q", width, i, rs[end-1], string(rs[l.start:l.end]))
		}
	}
}

func TestBreakProperties(t *testing.T) {
	t.Parallel()
	texts := seedParagraphs(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		texts = append(texts, randomText(rng))
	}
	for _, text := range texts {
		rs, ws := measure(text, 10)
		for em := 4.0; em <= 45; em += 0.75 {
			width := em * 10
			checkLines(t, text, width, rs, ws, breakLines(rs, ws, width))
		}
	}
}

// FuzzBreak checks the properties on any text (go test -fuzz=FuzzBreak
// -fuzztime=20s).
func FuzzBreak(f *testing.F) {
	f.Add("あいうえ。「かき」くけこ", 35.0)
	f.Add("https://example.com/a?b=c&d=e", 40.0)
	f.Add("ㇷ\u309Aーセ\u309A。x\u0303\u0301 q\u0307", 12.0)
	// A hash that fits a line but not after the text before it.
	f.Add("調査の結果、ハッシュ値 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 のファイルを開いた。", 400.0)
	f.Add("日本語のリンク、https://ko.wikipedia.org/wiki/%EB%8C%80%ED%95%9C%EB%AF%BC%EA%B5%AD、mail: soc@example.jp", 250.0)
	f.Fuzz(func(t *testing.T, text string, width float64) {
		if width < 1 || width > 1000 || strings.ContainsRune(text, '\r') {
			return
		}
		text = strings.ToValidUTF8(text, "")
		rs, ws := measure(text, 10)
		lines := breakLines(rs, ws, width)
		var joined strings.Builder
		for _, l := range lines {
			joined.WriteString(string(rs[l.start:l.end]))
		}
		if joined.String() != text {
			t.Fatalf("joined %q != %q", joined.String(), text)
		}
		// A combining mark never starts a line: it stays with the
		// character before it.
		for _, l := range lines {
			if l.start > 0 && rs[l.start-1] != '\n' && Combining(rs[l.start]) {
				t.Fatalf("a line starts with %U: %q", rs[l.start], string(rs[l.start:l.end]))
			}
		}
		// The total fit of justified text and the phrases of a heading
		// keep every character too, in order, no line empty.
		r := run{rs: rs, ws: ws, hold: hold(rs), span: make([]int32, len(rs)), styles: []Style{{Size: 10}}}
		total := breakTotal(r, width)
		if scan := breakTotalBy(&fitter{}, r, width, false); !slices.Equal(total, scan) {
			t.Fatalf("total fit of %q: %v passing over short lines, %v looking at each", text, total, scan)
		}
		if plain := breakTotalPlain(&plainFitter{}, r, width, true); !slices.Equal(total, plain) {
			t.Fatalf("total fit of %q: %v, plainly %v", text, total, plain)
		}
		// Weighed in a window of two candidates, the lines committed
		// as the best ways meet: the same lines.
		if win := breakTotalBy(&fitter{window: 2, windowMax: 1 << 30}, r, width, true); !slices.Equal(total, win) {
			t.Fatalf("total fit of %q: %v, in a window %v", text, total, win)
		}
		checkNoLooseLine(t, r, total, width, text, false)
		// A table's widest word and two-line width are no wider than the
		// text unwrapped, and the phrases no narrower than the word.
		_, natural := measureCell(r)
		if w, h := longestWord(r), halfWidth(r); w > natural+1e-6 || h > natural+1e-6 || w < 0 || h < 0 {
			t.Fatalf("%q: word %.2f, two lines %.2f, unwrapped %.2f", text, w, h, natural)
		}
		if ls := breakPhrases(r, width); ls != nil && !strings.Contains(text, "\n") {
			if w := widest(r, ls); w > width+1e-6 {
				t.Fatalf("%q: phrases set %.2f wide in %.2f", text, w, width)
			}
		}
		for name, ls := range map[string][]brokenLine{"total fit": total, "phrases": breakPhrases(r, width)} {
			if ls == nil && name == "phrases" {
				continue
			}
			at := 0
			for _, l := range ls {
				if l.start != at || l.end <= l.start {
					t.Fatalf("%s: line [%d, %d) after %d in %q", name, l.start, l.end, at, text)
				}
				at = l.end
			}
			if at != len(rs) && len(rs) > 0 {
				t.Fatalf("%s: lines end at %d of %d in %q", name, at, len(rs), text)
			}
		}
	})
}

// TestSqueeze: a justified Japanese line may end with 、。 or a closing
// bracket that overflows it by a little, set tighter to the margin, rather
// than push the character before it down (「た。」 alone on a line).
func TestSqueeze(t *testing.T) {
	t.Parallel()
	text := "あいうえおかきくけこした。"
	rs, ws := measure(text, 10) // 130 points
	for _, c := range []struct {
		width   float64
		squeeze bool
		want    []string
	}{
		{128, false, []string{"あいうえおかきくけこし", "た。"}},
		{128, true, []string{"あいうえおかきくけこした。"}},
		// More than 2% of the line over: pushed down as before.
		{120, true, []string{"あいうえおかきくけこし", "た。"}},
	} {
		got := lineTexts(rs, breakJustified(rs, ws, c.width, c.squeeze))
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", c.want) {
			t.Errorf("width %g, squeeze %v: %q, want %q", c.width, c.squeeze, got, c.want)
		}
	}
	// Placed, the squeezed line ends at the margin, not past it.
	var miss missing
	r := flatten([]Span{{Text: text}}, Style{Size: 10}, fakeMetrics{}, &miss)
	lines := setText(r, setting{x: 0, width: 128, leading: 1.7, justify: true})
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	right := 0.0
	for _, b := range lines[0].boxes {
		if tb, ok := textOf(b); ok {
			right = max(right, tb.X+textWidth(*tb)) // spacing included
		}
	}
	if math.Abs(right-128) > 1e-6 {
		t.Errorf("the squeezed line ends at %g, want 128", right)
	}
}

// TestLongWord: a word many lines long is cut where the line is full, after
// a short line's start is filled with it, and the text after it follows.
func TestLongWord(t *testing.T) {
	t.Parallel()
	text := "word " + strings.Repeat("x", 1000) + " tail"
	rs, ws := measure(text, 10) // x is 5 points wide
	got := lineTexts(rs, breakLines(rs, ws, 100))
	want := []string{"word " + strings.Repeat("x", 15)}
	for range 49 {
		want = append(want, strings.Repeat("x", 20))
	}
	want = append(want, "xxxxx tail")
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// BenchmarkLongWord breaks a word of 200,000 letters (a pasted blob): the
// time grows with its length, not with its square (3 s before).
func BenchmarkLongWord(b *testing.B) {
	rs, ws := measure(strings.Repeat("x", 200_000), 10)
	for b.Loop() {
		breakLines(rs, ws, 480)
	}
}
