package testkit

import (
	"image"
	"image/color"
)

// InkDiffer returns the share of the ink of the regions a and b of img
// (each pixel's darkness counted as far as the darker of the two goes)
// that differs, at the best shift of b by up to 3 pixels: two glyphs drawn
// at other fractions of a pixel blur their edges otherwise. 0 is one
// drawing; glyphs of one character in two forms differ by a tenth or
// more at 600 dpi.
func InkDiffer(img image.Image, a, b image.Rectangle) float64 {
	gray := func(x, y int) float64 { return float64(color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y) }
	w, h := min(a.Dx(), b.Dx())-6, min(a.Dy(), b.Dy())-6
	best := 1.0
	for dy := -3; dy <= 3; dy++ {
		for dx := -3; dx <= 3; dx++ {
			diff, ink := 0.0, 0.0
			for y := 3; y < h; y++ {
				for x := 3; x < w; x++ {
					pa := 255 - gray(a.Min.X+x, a.Min.Y+y)
					pb := 255 - gray(b.Min.X+x+dx, b.Min.Y+y+dy)
					diff += max(pa-pb, pb-pa)
					ink += max(pa, pb)
				}
			}
			if ink > 0 {
				best = min(best, diff/ink)
			}
		}
	}
	return best
}
