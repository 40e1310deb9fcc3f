package render

import (
	"math/rand/v2"
	"slices"
	"testing"

	"briefing/briefing/theme"
)

// The template's fonts are fallback chains whose programs can be shared
// and hold variation sequences: a *theme.Theme that stopped being one of
// these would be embedded as one font a face, silently.
var _ Sequences = (*theme.Theme)(nil)
var _ SharedPrograms = (*theme.Theme)(nil)

// TestByGlyph checks byGlyph against an insertion sort by glyph index,
// which is stable: glyphs drawn for several characters (a whole font's
// U+00B7 and U+2219, a sequence drawn with its base's glyph) keep the
// order the characters came in, so that the ToUnicode map and the width
// array take the first. Glyph indexes are dense (a subset's, counted)
// or spread over a whole font's (sorted).
func TestByGlyph(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for k := range 600 {
		n, spread := k%300, k%300/3+2
		if k >= 300 {
			spread = 65536
		}
		gs := make([]glyph, n)
		for i := range gs {
			gs[i] = glyph{gid: uint16(rng.IntN(spread)), width: rng.IntN(1000), r: rune(0x4E00 + i)}
		}
		want := slices.Clone(gs)
		for i := 1; i < len(want); i++ {
			for j := i; j > 0 && want[j].gid < want[j-1].gid; j-- {
				want[j], want[j-1] = want[j-1], want[j]
			}
		}
		if got := byGlyph(gs); !slices.Equal(got, want) {
			t.Fatalf("%d glyphs: byGlyph = %v, want %v", n, got, want)
		}
	}
}
