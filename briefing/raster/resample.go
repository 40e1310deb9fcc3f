package raster

import (
	"image"
	"image/color"
	"io"
	"math"
)

// catmullRom is the Catmull-Rom cubic (the BC-spline with B = 0, C = 1/2
// of Mitchell and Netravali, "Reconstruction Filters in Computer
// Graphics", 1988), 0 from 2 on.
func catmullRom(t float64) float64 {
	t = math.Abs(t)
	switch {
	case t < 1:
		return (1.5*t-2.5)*t*t + 1
	case t < 2:
		return ((-0.5*t+2.5)*t-4)*t + 2
	}
	return 0
}

// taps are the weights of the source pixels along one axis that make
// each destination pixel: destination i is the sum over k < n[i] of
// w[at[i]+k] × source first[i]+k.
type taps struct {
	first, n, at []int
	w            []float32
	span         int // the largest n
}

// newTaps spreads src source pixels over dst destination pixels with
// the Catmull-Rom kernel, widened by the scale when shrinking so that
// every source pixel counts; the weights of each destination pixel are
// scaled to sum to 1 (at the edges too).
func newTaps(src, dst int) taps {
	scale := float64(src) / float64(dst)
	f := max(scale, 1)
	t := taps{first: make([]int, dst), n: make([]int, dst), at: make([]int, dst)}
	span := func(i int) (lo, hi int) {
		c := (float64(i)+0.5)*scale - 0.5
		return max(0, int(math.Floor(c-2*f))+1), min(src-1, int(math.Ceil(c+2*f))-1)
	}
	// The weights, about 4 × src of them when shrinking, are counted
	// first: grown by append they took 5 times their size.
	total := 0
	for i := range dst {
		lo, hi := span(i)
		total += max(0, hi-lo+1)
	}
	t.w = make([]float32, 0, total)
	for i := range dst {
		c := (float64(i)+0.5)*scale - 0.5
		lo, hi := span(i)
		start := len(t.w)
		sum := 0.0
		for k := lo; k <= hi; k++ {
			w := catmullRom((float64(k) - c) / f)
			sum += w
			t.w = append(t.w, float32(w))
		}
		for k := start; k < len(t.w); k++ {
			t.w[k] = float32(float64(t.w[k]) / sum)
		}
		t.first[i], t.n[i], t.at[i] = lo, hi-lo+1, start
		t.span = max(t.span, hi-lo+1)
	}
	return t
}

// resample makes a dw × dh picture of the sw × sh one whose rows next
// gives, top to bottom, c 8-bit samples a pixel (grey, grey and alpha,
// RGB or RGBA; see pngrows). The kernel is Catmull-Rom, in two passes:
// each source row is resampled across as it comes, and a destination row
// is made down the rows as soon as the last it needs has come, so that
// only as many rows as the kernel spans are held (a dozen at a fourth of
// the size), never the source picture. Samples with alpha are weighted
// by it (premultiplied). The picture is an *image.Gray (c = 1), an
// *image.RGBA (c = 3) or an *image.NRGBA (c = 2 or 4: grey with alpha
// becomes RGBA).
func resample(c, sw, sh, dw, dh int, next func() ([]byte, error)) (image.Image, error) {
	hx, vy := newTaps(sw, dw), newTaps(sh, dh)
	alpha := c == 2 || c == 4
	ring := make([][]float32, vy.span)
	for i := range ring {
		ring[i] = make([]float32, dw*c)
	}
	src := make([]float32, sw*c)
	acc := make([]float32, dw*c)

	r := image.Rect(0, 0, dw, dh)
	var img image.Image
	var pix []byte
	var stride int
	switch c {
	case 1:
		g := image.NewGray(r)
		img, pix, stride = g, g.Pix, g.Stride
	case 3:
		m := image.NewRGBA(r)
		img, pix, stride = m, m.Pix, m.Stride
	default:
		m := image.NewNRGBA(r)
		img, pix, stride = m, m.Pix, m.Stride
	}

	dy := 0
	for sy := range sh {
		row, err := next()
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return nil, err
		}
		if len(row) < sw*c {
			return nil, io.ErrUnexpectedEOF
		}
		if alpha {
			for x := range sw {
				px, s := row[x*c:x*c+c], src[x*c:x*c+c]
				a := float32(px[c-1])
				for j := range c - 1 {
					s[j] = float32(px[j]) * a / 255
				}
				s[c-1] = a
			}
		} else {
			for i, v := range row[:sw*c] {
				src[i] = float32(v)
			}
		}
		across(ring[sy%vy.span], src, &hx, c)
		for ; dy < dh && vy.first[dy]+vy.n[dy]-1 <= sy; dy++ {
			clear(acc)
			for k, w := range vy.w[vy.at[dy] : vy.at[dy]+vy.n[dy]] {
				for i, v := range ring[(vy.first[dy]+k)%vy.span] {
					acc[i] += w * v
				}
			}
			put(pix[dy*stride:], acc, dw, c)
		}
	}
	return img, nil
}

// across resamples the source row src (c samples a pixel) into dst.
func across(dst, src []float32, t *taps, c int) {
	switch c {
	case 1:
		for x := range t.first {
			ws := t.w[t.at[x] : t.at[x]+t.n[x]]
			s := src[t.first[x]:]
			var a float32
			for k, w := range ws {
				a += w * s[k]
			}
			dst[x] = a
		}
	case 3:
		for x := range t.first {
			ws := t.w[t.at[x] : t.at[x]+t.n[x]]
			s := src[3*t.first[x]:]
			var r, g, b float32
			for k, w := range ws {
				p := s[3*k : 3*k+3]
				r += w * p[0]
				g += w * p[1]
				b += w * p[2]
			}
			dst[3*x], dst[3*x+1], dst[3*x+2] = r, g, b
		}
	default:
		for x := range t.first {
			ws := t.w[t.at[x] : t.at[x]+t.n[x]]
			s := src[c*t.first[x]:]
			d := dst[c*x : c*x+c]
			clear(d)
			for k, w := range ws {
				for j, v := range s[c*k : c*k+c] {
					d[j] += w * v
				}
			}
		}
	}
}

// put writes the destination row acc (w pixels of c samples) into pix as
// 8-bit samples: grey, RGBA, or NRGBA (alpha taken back out of the
// colours).
func put(pix []byte, acc []float32, w, c int) {
	switch c {
	case 1:
		for x, v := range acc[:w] {
			pix[x] = clamp8(v)
		}
	case 3:
		for x := range w {
			pix[4*x], pix[4*x+1], pix[4*x+2], pix[4*x+3] = clamp8(acc[3*x]), clamp8(acc[3*x+1]), clamp8(acc[3*x+2]), 0xff
		}
	default:
		for x := range w {
			s := acc[c*x : c*x+c]
			a := min(max(s[c-1], 0), 255)
			var r, g, b byte
			if a > 0 {
				r = clamp8(min(s[0], a) * 255 / a)
				if c == 4 {
					g, b = clamp8(min(s[1], a)*255/a), clamp8(min(s[2], a)*255/a)
				} else {
					g, b = r, r
				}
			}
			pix[4*x], pix[4*x+1], pix[4*x+2], pix[4*x+3] = r, g, b, clamp8(a)
		}
	}
}

// clamp8 rounds v to the nearest of 0–255.
func clamp8(v float32) byte {
	switch {
	case v <= 0:
		return 0
	case v >= 254.5:
		return 255
	}
	return byte(v + 0.5)
}

// jpegRows gives the rows of a picture image/jpeg decoded as 8-bit grey
// (c = 1) or RGB (c = 3), converted from YCbCr or CMYK a row at a time
// with the formulas of image/color, as image/draw converts them.
func jpegRows(img image.Image) (c int, next func() ([]byte, error)) {
	b := img.Bounds()
	y := b.Min.Y
	if g, ok := img.(*image.Gray); ok {
		return 1, func() ([]byte, error) {
			if y == b.Max.Y {
				return nil, io.EOF
			}
			row := g.Pix[g.PixOffset(b.Min.X, y):][:b.Dx()]
			y++
			return row, nil
		}
	}
	row := make([]byte, 3*b.Dx())
	return 3, func() ([]byte, error) {
		if y == b.Max.Y {
			return nil, io.EOF
		}
		switch m := img.(type) {
		case *image.YCbCr:
			for x := b.Min.X; x < b.Max.X; x++ {
				yi, ci := m.YOffset(x, y), m.COffset(x, y)
				i := 3 * (x - b.Min.X)
				row[i], row[i+1], row[i+2] = color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
			}
		case *image.CMYK:
			for x := b.Min.X; x < b.Max.X; x++ {
				o := m.PixOffset(x, y)
				i := 3 * (x - b.Min.X)
				row[i], row[i+1], row[i+2] = color.CMYKToRGB(m.Pix[o], m.Pix[o+1], m.Pix[o+2], m.Pix[o+3])
			}
		default:
			for x := b.Min.X; x < b.Max.X; x++ {
				n := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
				i := 3 * (x - b.Min.X)
				row[i], row[i+1], row[i+2] = n.R, n.G, n.B
			}
		}
		y++
		return row, nil
	}
}
