package layout

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestTotalFitWindow: a long paragraph weighed in a window of candidates
// (here a few dozen, so that the texts of the test reach it many times)
// is broken into the lines of the whole paragraph's total fit, whether
// its lines are returned or handed on as they are committed: long texts
// of the seed's paragraphs and random ones (Japanese, Latin, URLs,
// punctuation that gives up its space, soft hyphens, newlines), with and
// without ink metrics, at many widths. Past windowMax the lines are the
// fitter's own choice: they still cover the text, in order.
func TestTotalFitWindow(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(18, 7))
	var texts []string
	seed := seedParagraphs(t)
	texts = append(texts, strings.Join(seed, ""), strings.Join(seed, "\n"))
	for k := range 12 {
		var b strings.Builder
		for b.Len() < 3000 {
			s := randomText(rng)
			if k%4 == 3 {
				rs := []rune(s)
				at := rng.IntN(len(rs) + 1)
				ins := []rune{0xAD, 0x200B, '\n', ' '}[rng.IntN(4)]
				s = string(append(rs[:at], append([]rune{ins}, rs[at:]...)...))
			}
			b.WriteString(s)
		}
		texts = append(texts, b.String())
	}
	committed, forced := 0, 0
	for k, text := range texts {
		for _, m := range []Metrics{fakeMetrics{}, inkMetrics{}} {
			var miss missing
			r := flatten(plain(text), Style{Size: 10}, m, &miss)
			for em := 6.0; em <= 40; em += 4.5 + float64(k%3) {
				width := em * 10
				whole := breakTotalBy(&fitter{window: 1 << 30, windowMax: 1 << 30}, r, width, true)
				for _, window := range []int{3, 16, 50} {
					f := fitter{window: window, windowMax: 1 << 30}
					if got := breakTotalBy(&f, r, width, true); !slices.Equal(got, whole) {
						t.Fatalf("text %d, width %g, %T, window %d: %d lines, whole %d; first difference at %d", k, width, m, window,
							len(got), len(whole), firstDiff(got, whole))
					}
					var handed []brokenLine
					batches := 0
					f.emit = func(ls []brokenLine) error {
						handed = append(handed, ls...)
						batches++
						return nil
					}
					rest := breakTotalBy(&f, r, width, true)
					if got := append(handed, rest...); !slices.Equal(got, whole) {
						t.Fatalf("text %d, width %g, %T, window %d, handed on: first difference at line %d of %d", k, width, m, window,
							firstDiff(got, whole), len(whole))
					}
					committed += batches
				}
				// Past windowMax: lines of the fitter's own choice.
				f := fitter{window: 8, windowMax: 40}
				got := breakTotalBy(&f, r, width, true)
				at := 0
				for _, l := range got {
					if l.start != at || l.end <= l.start {
						t.Fatalf("text %d, width %g, windowMax 40: line %v after rune %d", k, width, l, at)
					}
					at = l.end
				}
				if at != len(r.rs) {
					t.Fatalf("text %d, width %g, windowMax 40: the lines end at %d of %d runes", k, width, at, len(r.rs))
				}
				if !slices.Equal(got, whole) {
					forced++
				}
			}
		}
	}
	if committed < 1000 {
		t.Errorf("lines were committed %d times: the test does not reach the window", committed)
	}
	t.Logf("%d commits; %d texts set otherwise past a small windowMax", committed, forced)
}

// firstDiff returns the first index where a and b differ.
func firstDiff(a, b []brokenLine) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestLongTextStreamed: a long text at the top level, whose lines go to
// the paginator as they are set, is laid out on the pages it took when
// all its lines were set first: a Japanese paragraph (its lines handed
// on as the total fit commits them) and an English one (first fit), with
// an anchor, blank lines between its paragraphs and paragraphs of one
// line (kept with the next two lines as keepLines keeps them), and one
// kept with the block after it, among ordinary blocks; and long code
// blocks (lines cut where they are too wide, empty lines, a shade) and
// a long list.
func TestLongTextStreamed(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 9))
	var jaText, enText strings.Builder
	for jaText.Len() < 60000 {
		jaText.WriteString(randomText(rng))
		if rng.IntN(40) == 0 {
			jaText.WriteString("\n")
		}
	}
	words := strings.Fields("the analysts of the unit bought antivirus software from Western and Russian vendors in 2019 https://example.com/a/b?c=d")
	for k := 0; enText.Len() < 40000; k++ {
		enText.WriteString(words[rng.IntN(len(words))] + " ")
		switch rng.IntN(300) {
		case 0:
			enText.WriteString("\n\nOne line.\n\n")
		case 1:
			enText.WriteString("\n\n")
		}
	}
	var code strings.Builder
	for code.Len() < 30000 {
		switch rng.IntN(5) {
		case 0:
			code.WriteString("\n")
		case 1:
			code.WriteString(strings.Repeat("x := f(a, b) // 長い行 ", 1+rng.IntN(12)) + "\n")
		default:
			code.WriteString("if err != nil { return err }\n")
		}
	}
	var items []ListItem
	for k := range 1500 {
		it := ListItem{Marker: "・", Spans: plain(randomText(rng))}
		if k%7 == 0 {
			it.Marker = strconv.Itoa(k) + "."
		}
		if k%50 == 0 {
			it.Blocks = []Block{Paragraph{Text: ja, Spans: plain("項目の二段落目。")}}
		}
		items = append(items, it)
	}
	doc := Document{Paper: A4, Furniture: furniture, Blocks: []Block{
		Heading{Text: ja, Spans: plain("見出し"), Level: 1, SpaceAfter: 4},
		Paragraph{Text: ja, Spans: plain(jaText.String()), SpaceBefore: 3, SpaceAfter: 5, Anchor: "ja"},
		Paragraph{Text: en, Spans: plain(enText.String()), SpaceAfter: 5, Anchor: "en"},
		Paragraph{Text: ja, Spans: plain(string([]rune(jaText.String())[:18000])), KeepWithNext: true},
		Paragraph{Text: ja, Spans: plain("次の段落。")},
		Code{Text: Text{Style: Style{Face: Mono, Size: 9}}, Code: code.String(), Fill: &Color{0xEE, 0xEE, 0xEE}, SpaceAfter: 4},
		Code{Text: Text{Style: Style{Face: Mono, Size: 9}}, Code: code.String()[:20000]},
		List{Text: ja, Items: items, Indent: 4, ItemSpacing: 2, SpaceAfter: 6},
	}}
	streamed, err := Lay(doc, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	oldRunes, oldUnits := streamRunes, streamUnits
	streamRunes, streamUnits = 1<<30, 1<<30
	whole, err := Lay(doc, fakeMetrics{})
	streamRunes, streamUnits = oldRunes, oldUnits
	if err != nil {
		t.Fatal(err)
	}
	if len(whole) < 25 {
		t.Fatalf("only %d pages", len(whole))
	}
	if a, b := Dump(streamed), Dump(whole); a != b {
		al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
		for i := range min(len(al), len(bl)) {
			if al[i] != bl[i] {
				t.Fatalf("%d and %d pages; line %d streamed %q, set whole %q", len(streamed), len(whole), i+1, al[i], bl[i])
			}
		}
		t.Fatalf("%d and %d pages", len(streamed), len(whole))
	}
}
