package render

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strconv"

	"briefing/briefing/layout"
)

// maxImagePixels bounds a picture's size (a logo needs far fewer), so
// that a damaged or hostile file cannot make render allocate gigabytes.
const maxImagePixels = 4096 * 4096

// embedImage writes a PNG or JPEG picture as an image XObject and returns
// its object number. A JPEG in grey or YCbCr is embedded as it is
// (DCTDecode); anything else is decoded and written as 8-bit grey or RGB
// samples, with a soft mask when some pixel is not opaque (alpha is then
// true). The same data gives the same bytes.
func embedImage(pw *writer, data []byte, typ string) (obj int, alpha bool, err error) {
	var cfg image.Config
	switch typ {
	case "png":
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	case "jpeg", "jpg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	default:
		return 0, false, fmt.Errorf("picture of type %q: only png and jpeg are drawn", typ)
	}
	if err != nil {
		return 0, false, fmt.Errorf("damaged %s picture: %w", typ, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, false, errors.New("picture has no pixels")
	}
	if cfg.Width*cfg.Height > maxImagePixels {
		return 0, false, fmt.Errorf("picture of %d×%d pixels is too large (at most %d pixels)", cfg.Width, cfg.Height, maxImagePixels)
	}
	var img image.Image
	if typ == "png" {
		img, err = png.Decode(bytes.NewReader(data))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return 0, false, fmt.Errorf("damaged %s picture: %w", typ, err)
	}
	size := " /Width " + strconv.Itoa(cfg.Width) + " /Height " + strconv.Itoa(cfg.Height) + " /BitsPerComponent 8"
	obj = pw.alloc()
	if typ != "png" {
		space := ""
		switch img.(type) {
		case *image.Gray:
			space = "/DeviceGray"
		case *image.YCbCr:
			space = "/DeviceRGB"
		}
		if space != "" {
			pw.raw(obj, " /Type /XObject /Subtype /Image"+size+" /ColorSpace "+space+" /Filter /DCTDecode", data)
			return obj, false, nil
		}
	}

	b := img.Bounds()
	gray := false
	switch img.ColorModel() {
	case color.GrayModel, color.Gray16Model:
		gray = true
	}
	n := 3
	if gray {
		n = 1
	}
	samples := make([]byte, 0, n*cfg.Width*cfg.Height)
	mask := make([]byte, 0, cfg.Width*cfg.Height)
	opaque := true
	at := nrgbaAt(img)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := at(x, y)
			if gray {
				samples = append(samples, c.R)
			} else {
				samples = append(samples, c.R, c.G, c.B)
			}
			mask = append(mask, c.A)
			if c.A != 0xFF {
				opaque = false
			}
		}
	}
	space := "/DeviceRGB"
	if gray {
		space = "/DeviceGray"
	}
	dict := " /Type /XObject /Subtype /Image" + size + " /ColorSpace " + space
	if !opaque {
		sm := pw.alloc()
		if err := pw.stream(sm, " /Type /XObject /Subtype /Image"+size+" /ColorSpace /DeviceGray", mask); err != nil {
			return 0, false, err
		}
		dict += " /SMask " + ref(sm)
	}
	if err := pw.stream(obj, dict, samples); err != nil {
		return 0, false, err
	}
	return obj, !opaque, nil
}

// nrgbaAt returns a function giving img's pixel at x, y as NRGBA: read
// straight from the pixels for the kinds decoders and package raster
// make (paletted screenshots, NRGBA, grey), through the colour model for
// the others. Both give the same values; the direct one saves the
// interface conversion per pixel (a 720 × 400 screenshot took 27 ms).
func nrgbaAt(img image.Image) func(x, y int) color.NRGBA {
	switch m := img.(type) {
	case *image.Paletted:
		pal := make([]color.NRGBA, 256)
		for i := range pal {
			if i < len(m.Palette) {
				pal[i] = color.NRGBAModel.Convert(m.Palette[i]).(color.NRGBA)
			} else {
				pal[i] = color.NRGBA{A: 0xFF} // an index past the palette: black, as decoders draw it
			}
		}
		return func(x, y int) color.NRGBA { return pal[m.Pix[m.PixOffset(x, y)]] }
	case *image.NRGBA:
		return func(x, y int) color.NRGBA {
			i := m.PixOffset(x, y)
			return color.NRGBA{m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3]}
		}
	case *image.Gray:
		return func(x, y int) color.NRGBA {
			g := m.Pix[m.PixOffset(x, y)]
			return color.NRGBA{g, g, g, 0xFF}
		}
	}
	return func(x, y int) color.NRGBA { return color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA) }
}

// imageMatrix returns the matrix (cm) that draws the unit square of an
// image XObject into the rectangle of b on a page height points tall,
// its pixels turned and flipped from b.Orientation (EXIF, 1–8) to upright.
func imageMatrix(b layout.Image, height float64) []float64 {
	x, y, w, h := b.X, height-b.Y-b.H, b.W, b.H
	switch b.Orientation {
	case 2: // mirrored
		return []float64{-w, 0, 0, h, x + w, y}
	case 3: // turned 180°
		return []float64{-w, 0, 0, -h, x + w, y + h}
	case 4: // flipped
		return []float64{w, 0, 0, -h, x, y + h}
	case 5: // transposed
		return []float64{0, -h, -w, 0, x + w, y + h}
	case 6: // turned 90° clockwise to be seen
		return []float64{0, -h, w, 0, x, y + h}
	case 7: // transversed
		return []float64{0, h, w, 0, x, y}
	case 8: // turned 90° anticlockwise to be seen
		return []float64{0, h, -w, 0, x + w, y}
	}
	return []float64{w, 0, 0, h, x, y}
}
