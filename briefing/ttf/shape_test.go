package ttf

import (
	"bytes"
	"fmt"
	"testing"
)

// TestSubsetShapesKept checks that what a subset keeps of the glyphs it
// read (Font.shape) changes no later subset of the font: each subset of a
// font that made others before it, from several goroutines at once (run
// with -race), is the bytes a font keeping none makes, with and without
// hinting, on BIZ UDPGothic and on a font of composite and hinted glyphs.
func TestSubsetShapesKept(t *testing.T) {
	sample, _ := sampleRunes(t)
	for _, c := range []struct {
		name  string
		data  []byte
		runes [][]rune
	}{
		{"BIZ UDPGothic", regular(t), [][]rune{sample[:len(sample)/2], sample, []rune("葛飾区の調達、漢字"), sample[len(sample)/3:]}},
		{"composite", compositeFont(t), [][]rune{[]rune("ab"), []rune("abcdez"), []rune("ce"), []rune("dz")}},
	} {
		for _, opt := range []Options{{}, {NoHinting: true}} {
			t.Run(fmt.Sprintf("%s/NoHinting=%v", c.name, opt.NoHinting), func(t *testing.T) {
				want := make([][]byte, len(c.runes))
				for i, rs := range c.runes {
					f, err := Parse(c.data)
					if err != nil {
						t.Fatal(err)
					}
					f.shapesOnce.Do(func() {}) // keeps none: reads each glyph's data
					if want[i], err = f.SubsetWith(rs, opt); err != nil {
						t.Fatal(err)
					}
				}
				shared, err := Parse(c.data)
				if err != nil {
					t.Fatal(err)
				}
				errs := make(chan error, 4)
				for g := range 4 {
					go func() {
						for k := range 3 * len(c.runes) {
							i := (g + k) % len(c.runes)
							got, err := shared.SubsetWith(c.runes[i], opt)
							if err == nil && !bytes.Equal(got, want[i]) {
								err = fmt.Errorf("goroutine %d, round %d: subset %d differs from a fresh font's (%d bytes, want %d)", g, k, i, len(got), len(want[i]))
							}
							if err != nil {
								errs <- err
								return
							}
						}
						errs <- nil
					}()
				}
				for range 4 {
					if err := <-errs; err != nil {
						t.Error(err)
					}
				}
			})
		}
	}
}
