package render

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"strconv"

	"github.com/klauspost/compress/zlib"

	"briefing/briefing/layout"
	pix "briefing/briefing/raster" // "raster" names a test helper here
	"briefing/internal/pngrows"
)

// maxImagePixels bounds a picture's size (a logo needs far fewer), so
// that a damaged or hostile file cannot make render allocate gigabytes.
const maxImagePixels = 4096 * 4096

// embedImage writes a PNG or JPEG picture as an image XObject and returns
// its object number. A JPEG in grey or YCbCr is embedded as it is
// (DCTDecode), and a PNG without alpha nor interlacing keeps its
// compressed data (see embedPNG); anything else is decoded and written as
// 8-bit grey or RGB samples, with a soft mask when some pixel is not
// opaque (alpha is then true). The same data gives the same bytes.
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
	if typ == "png" {
		return embedPNG(pw, data)
	}
	img, err := pix.DecodeJPEG(data) // CMYK without Adobe's segment too
	if err != nil {
		return 0, false, fmt.Errorf("damaged %s picture: %w", typ, err)
	}
	size := " /Width " + strconv.Itoa(cfg.Width) + " /Height " + strconv.Itoa(cfg.Height) + " /BitsPerComponent 8"
	obj = pw.alloc()
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

	// A CMYK or RGB JPEG: its samples, as RGB.
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
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
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
	space = "/DeviceRGB"
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

// embedPNG writes the PNG held in data as embedImage does, a row at a
// time (package pngrows): the picture is never held decoded. Every row is
// read, so that a damaged picture is an error. A picture without alpha
// nor interlacing, in grey of up to 8 bits, 8-bit RGB or a palette, keeps
// its compressed data when every PDF reader decodes it as it is (see
// flateAsIs): PNG's image data is a zlib stream of rows each led by its
// filter byte, which FlateDecode with /Predictor 15 reads as it is
// (ISO 32000-1, 7.4.4.4), and the palette becomes an /Indexed colour
// space (8.6.6.3). Any other is written as 8-bit samples, the alpha
// split off a row at a time into a soft mask.
func embedPNG(pw *writer, data []byte) (obj int, alpha bool, err error) {
	d, err := pngrows.NewDecoder(data)
	if err != nil {
		return 0, false, fmt.Errorf("damaged png picture: %w", err)
	}
	w, h := strconv.Itoa(d.Width), strconv.Itoa(d.Height)
	keep := !d.Interlaced && d.Trans == nil && (d.Color == pngrows.Grey && d.Depth <= 8 || d.Color == pngrows.RGB && d.Depth == 8 || d.Color == pngrows.Palette)
	var z []byte
	if keep {
		for err == nil {
			_, err = d.Next()
		}
		if err != io.EOF {
			return 0, false, fmt.Errorf("damaged png picture: %w", err)
		}
		_, idat, _ := pngrows.Parse(data) // read by NewDecoder: no error
		z = bytes.Join(idat, nil)
		if keep = flateAsIs(z, d.Rest()); !keep {
			d, _ = pngrows.NewDecoder(data) // read whole above: no error
		}
	}
	if keep {
		bits, colors, space := strconv.Itoa(d.Depth), "1", "/DeviceGray"
		switch d.Color {
		case pngrows.RGB:
			colors, space = "3", "/DeviceRGB"
		case pngrows.Palette:
			// Entries past the palette are black, as decoders show them.
			pal := make([]byte, 3<<d.Depth)
			copy(pal, d.Palette)
			space = "[/Indexed /DeviceRGB " + strconv.Itoa(1<<d.Depth-1) + " <" + hex.EncodeToString(pal) + ">]"
		}
		obj = pw.alloc()
		pw.raw(obj, " /Filter /FlateDecode /Type /XObject /Subtype /Image /Width "+w+" /Height "+h+" /BitsPerComponent "+bits+
			" /ColorSpace "+space+" /DecodeParms <</Predictor 15 /Colors "+colors+" /BitsPerComponent "+bits+" /Columns "+w+">>", z)
		return obj, false, nil
	}

	c := d.Channels()
	n, space := 3, "/DeviceRGB"
	if c <= 2 {
		n, space = 1, "/DeviceGray"
	}
	var samples, mask bytes.Buffer
	zs, err := zlib.NewWriterLevel(&samples, zlibLevel)
	if err != nil {
		return 0, false, err
	}
	zm, _ := zlib.NewWriterLevel(&mask, zlibLevel)
	colour, alphas := make([]byte, n*d.Width), make([]byte, d.Width)
	opaque := true
	for {
		row, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, false, fmt.Errorf("damaged png picture: %w", err)
		}
		switch c {
		case 1, 3:
			copy(colour, row)
		case 2, 4:
			for x := range d.Width {
				px := row[x*c : x*c+c]
				copy(colour[x*n:x*n+n], px)
				alphas[x] = px[c-1]
				opaque = opaque && px[c-1] == 0xff
			}
			zm.Write(alphas)
		}
		zs.Write(colour)
	}
	zs.Close()
	zm.Close()
	size := " /Width " + w + " /Height " + h + " /BitsPerComponent 8"
	dict := " /Filter /FlateDecode /Type /XObject /Subtype /Image" + size + " /ColorSpace " + space
	obj = pw.alloc()
	if !opaque {
		sm := pw.alloc()
		pw.raw(sm, " /Filter /FlateDecode /Type /XObject /Subtype /Image"+size+" /ColorSpace /DeviceGray", mask.Bytes())
		dict += " /SMask " + ref(sm)
	}
	pw.raw(obj, dict, samples.Bytes())
	return obj, !opaque, nil
}

// flateAsIs reports whether z, a PNG's image data read whole with rest
// bytes after its zlib stream, is a FlateDecode stream every PDF reader
// decodes as it is. PNG decoders take more than PDF readers do: a zlib
// header (RFC 1950, 2.2) must give method 8 (deflate), a window of at
// most 32 KiB and no preset dictionary (FDICT, which poppler, pdf.js and
// MuPDF refuse even when the dictionary is empty), and nothing may follow
// the stream (trailing bytes, a second stream), which readers may take
// for more data or an error.
func flateAsIs(z []byte, rest int) bool {
	return len(z) >= 2 && z[0]&0x0f == 8 && z[0]>>4 <= 7 && z[1]&0x20 == 0 && (int(z[0])<<8|int(z[1]))%31 == 0 && rest == 0
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
