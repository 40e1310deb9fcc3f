package ttf

import (
	"math"
	"reflect"
	"slices"
	"sync"
	"testing"

	"briefing/fonts"
)

// TestLazyTables: the BMP glyph table and the advances, filled as
// characters are looked up, hold what a table filled at parsing held:
// each BMP character's glyph from its format 4 segment (0 outside them)
// and each glyph's advance, round(1000/unitsPerEm × advance), for the
// embedded fonts, read twice (the second time from the filled entry) by
// goroutines at once.
func TestLazyTables(t *testing.T) {
	for _, data := range []string{fonts.RegularData, fonts.BoldData, fonts.MonoData, fonts.MonoBoldData} {
		f, err := Parse([]byte(data))
		if err != nil {
			t.Fatal(err)
		}
		if f.bmp == nil {
			t.Fatalf("%s: no BMP table", f.PostScriptName())
		}
		want := make([]uint16, 0x10000)
		n := 0
		for i := range f.segments4() {
			s := f.segment4(i)
			for c := int(s.start); c <= int(s.end); c++ {
				if want[c] = f.segGlyph(&s, rune(c)); want[c] != 0 {
					n++
				}
			}
		}
		if n < 10000 {
			t.Fatalf("%s: %d characters mapped", f.PostScriptName(), n)
		}
		scale := 1000.0 / float64(f.unitsPerEm)
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() {
				for range 2 {
					for c := range 0x10000 {
						c := (c + w*0x4000) & 0xFFFF
						if g := f.glyph4(rune(c)); g != want[c] {
							t.Errorf("%s: U+%04X: glyph %d, want %d", f.PostScriptName(), c, g, want[c])
							return
						}
					}
					for g := range f.numGlyphs {
						g := (g + w*5000) % f.numGlyphs
						a := int(f.advance(g))
						if a >= 1<<15 {
							a = 0
						}
						if got, want := f.width(uint16(g)), int(math.Round(scale*float64(a))); got != want {
							t.Errorf("%s: glyph %d: advance %d, want %d", f.PostScriptName(), g, got, want)
							return
						}
					}
				}
			})
		}
		wg.Wait()
	}
}

// TestParseKnown: the fonts embedded in the program, which package theme
// reads with ParseKnown, pass every check of Parse, and ParseKnown reads
// them to the same Font. A font whose format 12 groups are out of order
// (which only Parse's reading of every group copes with) is read
// differently.
func TestParseKnown(t *testing.T) {
	for _, data := range []string{fonts.RegularData, fonts.BoldData, fonts.MonoData, fonts.MonoBoldData} {
		want, err := Parse([]byte(data))
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseKnown([]byte(data))
		if err != nil {
			t.Fatal(err)
		}
		if len(got.groups) < 100 || len(got.loca) < 20000 {
			t.Fatalf("%s: %d groups above U+FFFF, loca of %d bytes", got.PostScriptName(), len(got.groups), len(got.loca))
		}
		got.known = false
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: ParseKnown and Parse read different fonts", want.PostScriptName())
		}
	}
	// The groups of the regular font's format 12 map, reversed.
	b := []byte(fonts.RegularData)
	f, _ := Parse(b)
	cm := f.tab("cmap")
	off := -1
	for i := range int(u16(cm, 2)) {
		if o := int(u32(cm, 4+8*i+4)); u16(cm, o) == 12 {
			off = int(f.tables["cmap"].off) + o
		}
	}
	n := int(u32(b, off+12))
	rev := slices.Clone(b)
	for i := range n {
		copy(rev[off+16+12*i:off+28+12*i], b[off+16+12*(n-1-i):off+28+12*(n-1-i)])
	}
	want, err := Parse(rev)
	if err != nil || !reflect.DeepEqual(want.groups, f.groups) {
		t.Fatalf("Parse of the reversed groups: %v", err)
	}
	if got, err := ParseKnown(rev); err == nil && reflect.DeepEqual(got.groups, want.groups) {
		t.Errorf("ParseKnown read reversed groups as Parse does: the test shows nothing")
	}
}
