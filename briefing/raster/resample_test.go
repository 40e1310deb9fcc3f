package raster

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"testing"

	"golang.org/x/image/draw"

	"briefing/internal/pngrows"
)

// busy is a w × h picture with soft gradients, hard edges and some
// noise, of kind "gray", "rgb" or "alpha".
func busy(w, h int, kind string) image.Image {
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x + y) % 97 * 2), 0xff}
			if (x/13+y/7)%5 == 0 {
				c = color.NRGBA{0x10, 0x20, 0x30, 0xff}
			}
			if r.IntN(50) == 0 {
				c.R = uint8(r.IntN(256))
			}
			if kind == "alpha" {
				c.A = uint8(x * 255 / w)
				if y < h/4 {
					c.A = 0
				}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	if kind == "gray" {
		g := image.NewGray(img.Rect)
		draw.Draw(g, g.Rect, img, image.Point{}, draw.Src)
		return g
	}
	return img
}

// TestResampleAsXImage: the rows resampled as they come give the
// picture golang.org/x/image/draw's Catmull-Rom gives from the whole
// picture (in 16 bits), to within rounding: at most 2 steps of 255 (3
// where alpha divides a colour) at any pixel, at sizes from a little
// smaller to a tenth.
func TestResampleAsXImage(t *testing.T) {
	for _, kind := range []string{"gray", "rgb", "alpha"} {
		src := busy(301, 207, kind)
		var b bytes.Buffer
		png.Encode(&b, src)
		for _, size := range [][2]int{{300, 206}, {250, 172}, {97, 66}, {30, 21}, {1, 1}, {301, 100}} {
			t.Run(fmt.Sprintf("%s-%dx%d", kind, size[0], size[1]), func(t *testing.T) {
				d, err := pngrows.NewDecoder(b.Bytes())
				if err != nil {
					t.Fatal(err)
				}
				got, err := resample(d.Channels(), 301, 207, size[0], size[1], d.Next)
				if err != nil {
					t.Fatal(err)
				}
				r := image.Rect(0, 0, size[0], size[1])
				want := image.NewNRGBA64(r)
				draw.CatmullRom.Scale(want, r, src, src.Bounds(), draw.Src, nil)
				tol := 2
				if kind == "alpha" {
					tol = 3
				}
				for y := range size[1] {
					for x := range size[0] {
						g := color.NRGBAModel.Convert(got.At(x, y)).(color.NRGBA)
						w := color.NRGBAModel.Convert(want.At(x, y)).(color.NRGBA)
						if w.A == 0 && g.A == 0 {
							continue
						}
						if !near(g, w, tol) {
							t.Fatalf("pixel %d, %d: %v, x/image %v", x, y, g, w)
						}
					}
				}
			})
		}
	}
}

// TestFitMemory: checking and downsampling a 4.3-megapixel screenshot
// allocates a few megabytes, less than half the 17 MB of its pixels
// decoded (they were decoded whole, then scaled through a buffer of 32
// bytes for each pixel of the scaled width × the full height: 55 MB).
func TestFitMemory(t *testing.T) {
	var b bytes.Buffer
	(&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, busy(2400, 1800, "alpha"))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p, err := Decode(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	data, typ, w, h, _ := p.Fit(240, 180)
	runtime.ReadMemStats(&after)
	if typ != "png" || w != 667 || h != 500 {
		t.Fatalf("Fit gives %s %d × %d", typ, w, h)
	}
	t.Logf("%.1f MB", float64(after.TotalAlloc-before.TotalAlloc)/(1<<20))
	if n := after.TotalAlloc - before.TotalAlloc; n > 8<<20 {
		t.Errorf("Decode and Fit of 2400 × 1800 pixels allocated %.1f MB", float64(n)/(1<<20))
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil || img.Bounds().Dx() != 667 {
		t.Fatalf("Fit's picture: %v", err)
	}
}

// TestJPEGDecodedOnce: a JPEG is decoded whole when it is read, to find
// damage, and those pixels serve Fit while the garbage collector has not
// taken them: reading and fitting a 3000 × 2000 photograph (9 MB
// decoded in YCbCr 4:2:0) allocates about one decoded picture, not two
// (with collections off, as when no collection comes between them); the
// picture Fit makes is the photograph, downsampled.
func TestJPEGDecodedOnce(t *testing.T) {
	const w, h = 3000, 2000
	var b bytes.Buffer
	want := smooth(w, h)
	jpeg.Encode(&b, want, &jpeg.Options{Quality: 80})
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p, err := Decode(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	data, typ, fw, fh, _ := p.Fit(216, 144)
	runtime.ReadMemStats(&after)
	decoded := uint64(w * h * 3 / 2)
	n := after.TotalAlloc - before.TotalAlloc
	t.Logf("%.1f MB allocated, %.1f MB a decoding", float64(n)/(1<<20), float64(decoded)/(1<<20))
	if n > decoded*3/2 {
		t.Errorf("Decode and Fit of a %d × %d JPEG allocated %.1f MB: decoded twice (%.1f MB each)", w, h, float64(n)/(1<<20), float64(decoded)/(1<<20))
	}
	if typ != "jpeg" || fw != 600 || fh != 400 {
		t.Fatalf("Fit gives %s %d × %d", typ, fw, fh)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, pt := range []image.Point{{10, 10}, {300, 200}, {590, 390}} {
		c := want.RGBAAt(pt.X*5+2, pt.Y*5+2)
		if got := img.At(pt.X, pt.Y); !near(got, color.NRGBA{c.R, c.G, c.B, c.A}, 12) {
			t.Errorf("pixel %v: %v, the photograph has %v", pt, got, c)
		}
	}
}

// smooth is a w × h picture of smooth colours, like a photograph.
func smooth(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x + y) / 16 % 256), 0xff})
		}
	}
	return img
}

// TestResampleShort: rows missing are an error, not a picture.
func TestResampleShort(t *testing.T) {
	n := 0
	_, err := resample(3, 10, 10, 5, 5, func() ([]byte, error) {
		if n == 4 {
			return nil, io.EOF
		}
		n++
		return make([]byte, 30), nil
	})
	if err != io.ErrUnexpectedEOF {
		t.Errorf("%v, want unexpected EOF", err)
	}
}
