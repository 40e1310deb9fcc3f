package testkit

import (
	"image"
	"image/color"
)

// Lettered is a w × h picture like an organization's logo: a colour
// gradient with dark bars like letters across its middle, and a fully
// transparent band along its top tenth (for the tests of logo scaling).
func Lettered(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{R: uint8(x * 255 / w), G: uint8(y * 255 / h), B: 0x80, A: 0xFF}
			if (x*40/w)%3 == 1 && y > h/5 && y < h*4/5 {
				c = color.NRGBA{0x10, 0x20, 0x40, 0xFF}
			}
			if y < h/10 {
				c.A = 0
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}
