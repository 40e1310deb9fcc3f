package render

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/ttf"
)

// TestSurveyOnePass draws random texts of characters that are drawn
// plainly, combining marks, variation selectors, other ignorable
// characters and characters that cannot be drawn, and compares what the
// one-pass readings find (surveyor.use of the text as written,
// visibleMarks) with the characters, sequences and pairs of visible(s)
// read as they were before, in separate passes: visible, then each
// character of what it keeps; and what the survey tells the drawer of
// the text (known) with what visibleMarks gives.
func TestSurveyOnePass(t *testing.T) {
	alphabet := []rune{'a', 'n', ' ', 'あ', '葛', '辻', 0x0303, 0x0301, 0x309A, 0xFE00, 0xFE0F, 0xE0100, 0xE0102,
		0xAD, 0x200B, 0x200D, 0x2060, 0xFEFF, 0xFFFD, 0x01, 0x1F, 0x1F130}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		rs := make([]rune, rng.IntN(8))
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(rs)

		// As before: visible, then its characters.
		vis := visible(s)
		wantRunes := map[rune]bool{}
		wantSeqs := map[ttf.Sequence]bool{}
		wantPairs := map[pair]bool{}
		wantErr := false
		base, prev := rune(-1), rune(-1)
		for _, r := range vis {
			if r == 0xFFFD || r < 0x20 {
				wantErr = true
				break
			}
			if layout.Selector(r) {
				wantSeqs[ttf.Sequence{Base: prev, Selector: r}] = true
				continue
			}
			prev = r
			wantRunes[r] = true
			if !layout.Combining(r) {
				base = r
			} else if base >= 0 {
				wantPairs[pair{base, r}] = true
			}
		}

		sv := newSurveyor(&strs{})
		k, err := sv.use(layout.Regular, s)
		if (err != nil) != wantErr {
			t.Fatalf("%+q: error %v, want one: %v", s, err, wantErr)
		}
		if wantErr {
			continue
		}
		if got := sv.used[layout.Regular].runes(); !slices.Equal(got, slices.Sorted(maps.Keys(wantRunes))) {
			t.Fatalf("%+q: characters %+q, want %+q", s, got, slices.Sorted(maps.Keys(wantRunes)))
		}
		if got := sv.seqs[layout.Regular]; len(got) != len(wantSeqs) || !maps.Equal(got, wantSeqs) && len(got) > 0 {
			t.Fatalf("%+q: sequences %v, want %v", s, got, wantSeqs)
		}
		if got := sv.pairs[layout.Regular]; len(got) != len(wantPairs) || !maps.Equal(got, wantPairs) && len(got) > 0 {
			t.Fatalf("%+q: pairs %v, want %v", s, got, wantPairs)
		}
		if v, m := visibleMarks(s); v != vis || m != hasMarks(vis) {
			t.Fatalf("%+q: visibleMarks gives %+q, %v; want %+q, %v", s, v, m, vis, hasMarks(vis))
		}
		// What the survey tells the drawer stands for visibleMarks.
		switch v, m := visibleMarks(s); {
		case k == unknown && !strings.ContainsFunc(s, layout.Ignorable):
			t.Fatalf("%+q: unknown to the drawer, with nothing ignorable", s)
		case k == knownPlain && (v != s || m), k == knownMarks && (v != s || !m):
			t.Fatalf("%+q: known %d, but visibleMarks gives %+q, %v", s, k, v, m)
		}
	}
}
