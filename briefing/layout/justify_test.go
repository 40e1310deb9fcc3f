package layout

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestJustifyGaps lays out Japanese text with brackets, dashes, Latin
// words and digits at many widths and checks each justified line's gaps
// (JLReq 3.8): no room after an opening bracket, before a closing one or
// inside ――; a quarter em (an eighth to half an em) between Japanese and
// Latin text; nothing inside a Latin word; and the line flush with the
// margin.
func TestJustifyGaps(t *testing.T) {
	t.Parallel()
	text := strings.Repeat("同社は「当社の製品に問題はない」と述べた。攻撃の目的は――少なくとも当初は――PLAの61419部隊による情報の窃取であり、Windows 10環境で検証された。", 3)
	for w := 200.0; w <= 480; w += 7 {
		doc := Document{Paper: Paper{Width: w + 114, Height: 2000, Left: 57, Right: 57, Top: 50, Bottom: 50},
			Blocks: []Block{Paragraph{Text: ja, Spans: plain(text)}}}
		pages, err := Lay(doc, fakeMetrics{})
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range pages[0].Boxes {
			tb, ok := b.(TextBox)
			if !ok {
				continue
			}
			rs := []rune(tb.Text)
			gap := func(k int) float64 {
				if tb.Gaps != nil {
					return tb.Gaps[k]
				}
				return tb.Spacing
			}
			for k := 0; k+1 < len(rs); k++ {
				a, c, g := rs[k], rs[k+1], gap(k)
				em := tb.Style.Size
				switch {
				case noEnd(a) || closer(c) || a == '―' && c == '―':
					if math.Abs(g) > 1e-9 {
						t.Errorf("width %g: %.2fpt between %q and %q in %q", w, g, a, c, tb.Text)
					}
				case jlPair(a, c):
					if g < jlShrink*em-1e-9 || g > jlStretch*em+1e-9 {
						t.Errorf("width %g: %.2fpt between %q and %q, want %g–%gpt", w, g, a, c, jlShrink*em, jlStretch*em)
					}
				case alnum(a) && alnum(c):
					if math.Abs(g) > 1e-9 {
						t.Errorf("width %g: %q and %q of a Latin word %.2fpt apart", w, a, c, g)
					}
				}
			}
		}
	}
}

// TestLatinLineNotSpaced: a line of mostly Latin text with a citation in
// a Japanese block is set as Latin is, its citation included: no room
// between its characters.
func TestLatinLineNotSpaced(t *testing.T) {
	t.Parallel()
	text := "The report \"Advanced Persistent Threat Groups and Their Toolsets\" by the vendor describes the operation（文献3）。同社は"
	for w := 300.0; w <= 480; w += 5 {
		doc := Document{Paper: Paper{Width: w + 114, Height: 2000, Left: 57, Right: 57, Top: 50, Bottom: 50},
			Blocks: []Block{Paragraph{Text: ja, Spans: plain(text)}}}
		pages, err := Lay(doc, fakeMetrics{})
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range pages[0].Boxes {
			if tb, ok := b.(TextBox); ok && strings.Contains(tb.Text, "（文献3）") && strings.Contains(tb.Text, "the") {
				for k, g := range tb.Gaps {
					if g > 1e-9 && k+1 < len(tb.Gaps) && !jlPair([]rune(tb.Text)[k], []rune(tb.Text)[k+1]) {
						t.Errorf("width %g: %q spaced: %v", w, tb.Text, tb.Gaps)
						break
					}
				}
				if tb.Spacing != 0 {
					t.Errorf("width %g: %q letter-spaced by %g", w, tb.Text, tb.Spacing)
				}
			}
		}
	}
}

// TestTotalFitSearch: the total fit that passes over the starts of lines
// far too short by a search breaks every text where the one that looks
// at each start does: the seed's paragraphs and random texts with
// full-width punctuation (whose meeting marks narrow their widths) and
// without, in one paragraph or several, at many widths.
func TestTotalFitSearch(t *testing.T) {
	t.Parallel()
	texts := seedParagraphs(t)
	rng := rand.New(rand.NewPCG(5, 8))
	for range 200 {
		texts = append(texts, randomText(rng))
	}
	texts = append(texts, strings.Join(texts[:30], "\n"), strings.Join(texts[30:60], ""))
	lines := 0
	var f fitter // reused from text to text
	for _, text := range texts {
		for _, m := range []Metrics{fakeMetrics{}, inkMetrics{}} {
			var miss missing
			r := flatten(plain(text), Style{Size: 10}, m, &miss)
			for em := 3.0; em <= 45; em += 1.75 {
				got, want := breakTotalBy(&f, r, em*10, true), breakTotalBy(&fitter{}, r, em*10, false)
				if !slices.Equal(got, want) {
					t.Fatalf("width %g, %T: %v passing over short lines, %v looking at each, in %q", em*10, m, got, want, text)
				}
				lines += len(got)
			}
		}
	}
	if lines < 10000 {
		t.Errorf("only %d lines broken", lines)
	}
}

// TestFirstOf finds the first index a monotone predicate holds at, from
// every hint.
func TestFirstOf(t *testing.T) {
	t.Parallel()
	for hi := 0; hi < 40; hi++ {
		for first := 0; first <= hi; first++ {
			for hint := -1; hint <= hi+2; hint++ {
				calls := 0
				p := func(i int) bool {
					calls++
					if i < 0 || i > hi {
						t.Fatalf("hi %d: p(%d) asked", hi, i)
					}
					return i >= first
				}
				if got := firstOf(hi, hint, p); got != first {
					t.Fatalf("hi %d, first %d, hint %d: got %d", hi, first, hint, got)
				}
				if calls > 2*bits.Len(uint(hi))+2 {
					t.Errorf("hi %d, first %d, hint %d: %d calls", hi, first, hint, calls)
				}
			}
		}
	}
}

// TestClassOf: the class of every character is what the rules say, and
// no alnum lies above U+0250 nor ideograph below it (see jlPair).
func TestClassOf(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := classOf(r), classify(r); got != want {
			t.Fatalf("%U: class %08b, the rules say %08b", r, got, want)
		}
		// jlPair passes over pairs on one side of U+0250.
		if alnum(r) && r >= 0x250 || ideograph(r) && r < 0x250 {
			t.Fatalf("%U: alnum %v, ideograph %v", r, alnum(r), ideograph(r))
		}
	}
}

// TestIndexBounds: the gap kinds and break opportunities index works out
// from the runes' classes are those kind and opp work out from the runes
// one by one, over the seed's paragraphs and random texts with code
// spans, numbers with their units, zero width spaces and soft hyphens,
// combining marks, newlines and Japanese–Latin spaces.
func TestIndexBounds(t *testing.T) {
	t.Parallel()
	texts := seedParagraphs(t)
	rng := rand.New(rand.NewPCG(9, 2))
	extra := []string{"\u200B", "\u00AD", "\n", " ", "\t", "e\u0301", "（文献1）", "――", "……", "12,345円", "￥800", "」「", "(a)", "、", "x\u3099"}
	for range 400 {
		rs := []rune(randomText(rng))
		for range 1 + len(rs)/6 {
			at := rng.IntN(len(rs) + 1)
			rs = append(rs[:at], append([]rune(extra[rng.IntN(len(extra))]), rs[at:]...)...)
		}
		texts = append(texts, string(rs))
	}
	checked := 0
	for k, text := range texts {
		rs := []rune(text)
		spans := plain(text)
		if k%2 == 1 && len(rs) > 4 {
			spans = []Span{{Text: string(rs[:len(rs)/4])}, {Text: string(rs[len(rs)/4 : len(rs)/2]), Code: true}, {Text: string(rs[len(rs)/2:])}}
		}
		var miss missing
		r := flatten(spans, Style{Size: 10}, inkMetrics{}, &miss)
		bound := r.bound
		r.bound = nil
		for b := 1; b < len(r.rs); b++ {
			want := r.kind(b)
			if r.opp(b) {
				want |= boundOpp
			}
			if bound[b] != want {
				t.Fatalf("%q before rune %d (%q|%q): %08b, rune by rune %08b", text, b, r.rs[b-1], r.rs[b], bound[b], want)
			}
			checked++
		}
	}
	if checked < 20000 {
		t.Errorf("only %d boundaries checked", checked)
	}
}

// TestLineCountsFromFit sets the lines of Japanese and mixed texts, each
// justified by the total fit, with the fit's counts of each line's gaps
// and characters (what setText hands placeLineIn) and with the counts
// placeLineIn makes itself: the same boxes, to the bit.
func TestLineCountsFromFit(t *testing.T) {
	t.Parallel()
	texts := seedParagraphs(t)
	rng := rand.New(rand.NewPCG(7, 11))
	for range 100 {
		texts = append(texts, randomText(rng))
	}
	texts = append(texts, strings.Join(texts[:30], "\n"))
	lines, fromFit := 0, 0
	var f fitter
	for _, text := range texts {
		var miss missing
		r := flatten(plain(text), Style{Size: 10}, inkMetrics{}, &miss)
		for em := 5.0; em <= 40; em += 5 {
			s := setting{x: 20, width: em * 10, leading: 1.7, justify: true}
			broken := breakTotalBy(&f, r, s.width, true)
			counted := s
			counted.fit = &f
			for _, l := range broken {
				if _, ok := f.lineCounts(l.start, l.end); ok {
					fromFit++
				}
				got, want := placeLine(r, l, counted), placeLine(r, l, s)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("width %g, line %v of %q: %v with the fit's counts, %v counted", s.width, l, text, got, want)
				}
				lines++
			}
		}
	}
	if lines < 2000 || fromFit < lines*9/10 {
		t.Errorf("only %d lines set, %d with the fit's counts", lines, fromFit)
	}
}
