package ttf

import (
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// inkReader reads the bounding boxes of CFF glyphs with
// golang.org/x/image/font/sfnt, which draws Type 2 charstrings; the font
// is parsed by it the first time a box is asked for (only combining
// marks need them).
type inkReader struct {
	once sync.Once
	font *sfnt.Font
	mu   sync.Mutex
	buf  sfnt.Buffer
}

// bounds returns the box of glyph g in font units, y up; ok is false for
// a glyph without ink or one sfnt cannot draw.
func (k *inkReader) bounds(f *Font, g uint16) (xMin, yMin, xMax, yMax int, ok bool) {
	k.once.Do(func() {
		if NumFaces(f.data) > 1 || u32(f.data, 0) == 0x74746366 {
			if c, err := sfnt.ParseCollection(f.data); err == nil {
				k.font, _ = c.Font(f.face)
			}
			return
		}
		k.font, _ = sfnt.Parse(f.data)
	})
	if k.font == nil {
		return 0, 0, 0, 0, false
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	b, _, err := k.font.GlyphBounds(&k.buf, sfnt.GlyphIndex(g), fixed.I(f.unitsPerEm), font.HintingNone)
	if err != nil || b.Empty() {
		return 0, 0, 0, 0, false
	}
	r := func(v fixed.Int26_6) int { return int(math.Round(float64(v) / 64)) }
	// sfnt's y grows downwards.
	return r(b.Min.X), -r(b.Max.Y), r(b.Max.X), -r(b.Min.Y), true
}
