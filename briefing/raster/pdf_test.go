package raster_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/raster"
	"briefing/briefing/render"
	"briefing/internal/testkit"
)

// screenshot is a w × h picture that compresses like a screenshot: a
// white page with rows of dark "words" and a coloured title bar.
func screenshot(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{0xff, 0xff, 0xff, 0xff}
			switch {
			case y < h/20:
				c = color.RGBA{0x30, 0x50, 0x90, 0xff}
			case (y/12)%2 == 0 && y%12 > 3 && (x/7*31+y/12*17)%11 > 2 && x > w/20 && x < w*19/20:
				c = color.RGBA{0x20, 0x20, 0x20, 0xff}
			}
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
		}
	}
	return img
}

// photo is a w × h picture of smooth colours, like a photograph.
func photo(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(x*255/w), uint8(y*255/h), uint8((x+y)%256), 0xff
		}
	}
	return img
}

// TestPDFImages draws a full-width screenshot and photograph into a PDF
// and reads their pixels back with pdfimages: at most 200 dpi at the size
// printed, the screenshot lossless (Flate), the photograph a JPEG.
func TestPDFImages(t *testing.T) {
	testkit.Tool(t, "pdfimages")
	var shot, pic bytes.Buffer
	png.Encode(&shot, screenshot(1600, 900))
	jpeg.Encode(&pic, photo(1600, 1200), &jpeg.Options{Quality: 90})
	// A4 with 2 cm margins: 538 pt of text width.
	const width = 538.0
	var boxes []layout.Box
	y := 60.0
	for _, data := range [][]byte{shot.Bytes(), pic.Bytes()} {
		p, err := raster.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		w, h := p.Size()
		hPt := width * float64(h) / float64(w)
		out, typ, _, _, _ := p.Fit(width, hPt)
		boxes = append(boxes, layout.Image{X: 28, Y: y, W: width, H: hPt, Data: out, Type: typ})
		y += hPt + 10
		if y > 700 {
			y = 60
		}
	}
	fonts, err := render.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var doc bytes.Buffer
	pages := []layout.Page{{Paper: layout.A4, Boxes: boxes[:1]}, {Paper: layout.A4, Boxes: boxes[1:]}}
	if err := render.PDF(&doc, pages, render.Info{Title: "figures"}, fonts); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "figures.pdf")
	if err := os.WriteFile(path, doc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("two full-width pictures: %d bytes of PDF", doc.Len())
	// page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
	lines := strings.Split(strings.TrimSpace(testkit.Run(t, "pdfimages", "-list", path)), "\n")
	if len(lines) != 4 {
		t.Fatalf("pdfimages -list:\n%s", strings.Join(lines, "\n"))
	}
	want := []struct {
		w, h int
		enc  string
	}{{1495, 841, "image"}, {1495, 1121, "jpeg"}}
	for i, l := range lines[2:] {
		f := strings.Fields(l)
		w, _ := strconv.Atoi(f[3])
		h, _ := strconv.Atoi(f[4])
		xppi, _ := strconv.Atoi(f[12])
		yppi, _ := strconv.Atoi(f[13])
		if w != want[i].w || h != want[i].h || f[8] != want[i].enc {
			t.Errorf("picture %d: %d × %d %s, want %d × %d %s\n%s", i+1, w, h, f[8], want[i].w, want[i].h, want[i].enc, l)
		}
		if xppi > 200 || yppi > 200 || xppi < 195 {
			t.Errorf("picture %d: %d × %d ppi, want at most 200\n%s", i+1, xppi, yppi, l)
		}
	}
}

// BenchmarkFit downsamples a full-HD screenshot and a 3-megapixel
// photograph to the text width of an A4 page at 200 dpi.
func BenchmarkFit(b *testing.B) {
	var shot, pic bytes.Buffer
	png.Encode(&shot, screenshot(1920, 1080))
	jpeg.Encode(&pic, photo(2000, 1500), &jpeg.Options{Quality: 90})
	for _, c := range []struct {
		name string
		data []byte
	}{{"screenshot", shot.Bytes()}, {"photo", pic.Bytes()}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				p, err := raster.Decode(c.data)
				if err != nil {
					b.Fatal(err)
				}
				p.Fit(538, 538)
			}
		})
	}
}
