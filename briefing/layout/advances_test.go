package layout

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// oddMetrics gives every face and character its own advance, some wider
// than an int32, and no glyph to some.
type oddMetrics struct{ asked *int }

func (m oddMetrics) Advance(face Face, r rune) (int, bool) {
	*m.asked++
	switch {
	case r%7 == 3:
		return 0, false
	case r%11 == 5:
		return 1<<40 + int(r), true
	}
	return int(r)*3 + int(face)*1000 - 500, true
}

// TestAdvancesCached: the cache gives each character of each face the
// advance the metrics give; it asks them once for each of the characters
// of a briefing, and each time for what it keeps not.
func TestAdvancesCached(t *testing.T) {
	t.Parallel()
	asked := 0
	m := oddMetrics{&asked}
	c := cached(m)
	rng := rand.New(rand.NewPCG(2, 9))
	faces := []Face{Regular, Bold, Mono, MonoBold, 7, 8, -1, 1 << 40}
	runes := []rune{0, -5, 1, 'a', 0x3042, 0xFFFF, 0x10000, 0x10FFFF, 0x110000}
	for range 1000 {
		if r := rune(rng.IntN(0x30000)); !slices.Contains(runes, r) {
			runes = append(runes, r)
		}
	}
	type key struct {
		f Face
		r rune
	}
	lookups := map[key]int{}
	for range 3 {
		for _, f := range faces {
			for _, r := range runes {
				wantW, wantOK := oddMetrics{new(int)}.Advance(f, r)
				before := asked
				w, ok := c.Advance(f, r)
				if w != wantW || ok != wantOK {
					t.Fatalf("face %d, %U: %d %v, want %d %v", f, r, w, ok, wantW, wantOK)
				}
				lookups[key{f, r}] += asked - before
			}
		}
	}
	for k, n := range lookups {
		_, ok := oddMetrics{new(int)}.Advance(k.f, k.r)
		cacheable := ok && k.f >= 0 && k.f < 8 && k.r > 0 && k.r <= 0x10FFFF && k.r%11 != 5
		if !cacheable && n != 3 {
			t.Errorf("face %d, %U asked %d times, not cached, want 3", k.f, k.r, n)
		}
	}
	// The characters of the model briefing, in two faces, are asked
	// for once each.
	asked = 0
	c = cached(lacking{asked: &asked})
	distinct := map[key]bool{}
	for range 5 {
		for _, p := range seedParagraphs(t) {
			for _, r := range p {
				for _, f := range []Face{Regular, Bold} {
					if _, ok := c.Advance(f, r); ok {
						distinct[key{f, r}] = true
					}
				}
			}
		}
	}
	if asked > len(distinct)+len(distinct)/100 {
		t.Errorf("%d characters asked for %d times", len(distinct), asked)
	}
	// The cache keeps the metrics' sequences and inks.
	if _, ok := cached(fakeMetrics{}).(Variants); ok {
		t.Error("cached fakeMetrics is a Variants")
	}
	if _, ok := cached(fakeVariants{}).(Variants); !ok {
		t.Error("cached fakeVariants is no Variants")
	}
	if _, ok := cached(inkMetrics{}).(Inks); !ok {
		t.Error("cached inkMetrics is no Inks")
	}
	if w, ok := cached(fakeVariants{}).(Variants).Variant(Regular, '葛', 0xE0100); w != 1200 || !ok {
		t.Errorf("cached Variant = %d %v", w, ok)
	}
}
