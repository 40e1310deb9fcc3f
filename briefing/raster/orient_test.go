package raster_test

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/raster"
	"briefing/briefing/render"
	"briefing/internal/testkit"
)

// quadrants are the colours of an upright test picture's quarters: top
// left, top right, bottom left, bottom right.
var quadrants = [4]color.RGBA{
	{0xe0, 0x20, 0x20, 0xff}, // red
	{0x20, 0xb0, 0x20, 0xff}, // green
	{0x20, 0x30, 0xe0, 0xff}, // blue
	{0xf0, 0xe0, 0x20, 0xff}, // yellow
}

// upright is a w × h picture of the four quadrants.
func upright(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			q := 0
			if x >= w/2 {
				q++
			}
			if y >= h/2 {
				q += 2
			}
			img.SetRGBA(x, y, quadrants[q])
		}
	}
	return img
}

// remap returns the picture whose pixel (x, y) is src's pixel at f(x, y),
// w × h pixels.
func remap(src *image.RGBA, w, h int, f func(x, y int) (int, int)) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sx, sy := f(x, y)
			out.SetRGBA(x, y, src.RGBAAt(sx, sy))
		}
	}
	return out
}

// stored returns the pixels a camera stores for the upright picture u
// when it writes orientation o: the picture turned so that turning it as
// o says (TIFF 6.0: where the stored first row and column are seen) gives
// u back.
func stored(u *image.RGBA, o int) *image.RGBA {
	w, h := u.Bounds().Dx(), u.Bounds().Dy()
	switch o {
	case 2: // stored row 0 seen at the top, column 0 at the right
		return remap(u, w, h, func(x, y int) (int, int) { return w - 1 - x, y })
	case 3: // bottom, right
		return remap(u, w, h, func(x, y int) (int, int) { return w - 1 - x, h - 1 - y })
	case 4: // bottom, left
		return remap(u, w, h, func(x, y int) (int, int) { return x, h - 1 - y })
	case 5: // row 0 seen at the left, column 0 at the top
		return remap(u, h, w, func(x, y int) (int, int) { return y, x })
	case 6: // right, top
		return remap(u, h, w, func(x, y int) (int, int) { return w - 1 - y, x })
	case 7: // right, bottom
		return remap(u, h, w, func(x, y int) (int, int) { return w - 1 - y, h - 1 - x })
	case 8: // left, bottom
		return remap(u, h, w, func(x, y int) (int, int) { return y, h - 1 - x })
	}
	return u
}

// withOrientation returns a JPEG of img with an Exif APP1 segment after
// its SOI whose first IFD has the tag Orientation (0x0112) = o, in big-
// or little-endian TIFF.
func withOrientation(t testing.TB, img image.Image, o int, little bool) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	var bo binary.AppendByteOrder = binary.BigEndian
	tiff := []byte("MM\x00\x2a")
	if little {
		bo, tiff = binary.LittleEndian, []byte("II\x2a\x00")
	}
	tiff = bo.AppendUint32(tiff, 8)      // the first IFD
	tiff = bo.AppendUint16(tiff, 2)      // two entries
	tiff = bo.AppendUint16(tiff, 0x010F) // Make, ASCII "x"
	tiff = bo.AppendUint16(tiff, 2)
	tiff = bo.AppendUint32(tiff, 2)
	tiff = append(tiff, 'x', 0, 0, 0)
	tiff = bo.AppendUint16(tiff, 0x0112) // Orientation, SHORT, 1
	tiff = bo.AppendUint16(tiff, 3)
	tiff = bo.AppendUint32(tiff, 1)
	tiff = bo.AppendUint16(tiff, uint16(o))
	tiff = append(tiff, 0, 0)
	tiff = bo.AppendUint32(tiff, 0) // no next IFD
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE1}, uint16(len(seg)+2))
	data := b.Bytes()
	return append(append(append([]byte{}, data[:2]...), append(app1, seg...)...), data[2:]...)
}

// TestOrientation draws JPEGs of all eight EXIF orientations, each kept
// as it is (lossless, turned by the PDF's image matrix) and downsampled
// (turned in pixels), renders the page with pdftoppm and checks the colour
// of each quarter of each picture as seen.
func TestOrientation(t *testing.T) {
	testkit.Tool(t, "pdftoppm")
	const boxW, boxH = 120.0, 80.0 // points: 334 × 223 pixels at 200 dpi
	var boxes []layout.Box
	type spot struct {
		o     int
		kept  bool
		x, y  float64
		quart int
	}
	var spots []spot
	for o := 1; o <= 8; o++ {
		for k, size := range [][2]int{{150, 100}, {600, 400}} {
			kept := k == 0
			data := withOrientation(t, stored(upright(size[0], size[1]), o), o, o%2 == 0)
			p, err := raster.Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if int(p.Orientation) != o {
				t.Fatalf("orientation %d read as %d", o, p.Orientation)
			}
			if w, h := p.Size(); w != size[0] || h != size[1] {
				t.Fatalf("orientation %d: Size() = %d × %d, want %d × %d as seen", o, w, h, size[0], size[1])
			}
			out, typ, pw, ph, got := p.Fit(boxW, boxH)
			q, err := raster.Decode(out)
			if err != nil || typ != "jpeg" {
				t.Fatalf("orientation %d: Fit gives %s that does not decode: %v", o, typ, err)
			}
			if q.Orientation != raster.Upright {
				t.Errorf("orientation %d: the data drawn still says %d: a reader could turn it twice", o, q.Orientation)
			}
			if kept {
				sw, sh := size[0], size[1]
				if o >= 5 {
					sw, sh = sh, sw
				}
				if int(got) != o || pw != sw || ph != sh || len(out) != len(data) {
					t.Errorf("orientation %d, %d × %d: Fit = %d bytes, %d × %d, orientation %d; want the file as it is (%d bytes), %d × %d, %d",
						o, size[0], size[1], len(out), pw, ph, got, len(data), sw, sh, o)
				}
				if diff := countDiff(out, data); diff > 1 {
					t.Errorf("orientation %d: %d bytes changed, want only the tag's value", o, diff)
				}
			} else if got != raster.Upright || pw != 334 || ph != 223 {
				t.Errorf("orientation %d, downsampled: %d × %d, orientation %d; want 334 × 223 upright", o, pw, ph, got)
			}
			x := 20 + float64(k)*(boxW+40)
			y := 20 + float64(o-1)*(boxH+15)
			boxes = append(boxes, layout.Image{X: x, Y: y, W: boxW, H: boxH, Data: out, Type: typ, Orientation: int(got)})
			for qi := range 4 {
				spots = append(spots, spot{o, kept, x + boxW/4 + float64(qi%2)*boxW/2, y + boxH/4 + float64(qi/2)*boxH/2, qi})
			}
		}
	}
	fonts, err := render.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var doc bytes.Buffer
	if err := render.PDF(&doc, []layout.Page{{Paper: layout.A4, Boxes: boxes}}, render.Info{Title: "orientations"}, fonts); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "o.pdf")
	if err := os.WriteFile(path, doc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// 72 dpi: a pixel is a point.
	testkit.Run(t, "pdftoppm", "-r", "72", "-singlefile", path, filepath.Join(dir, "o"))
	page := readPPM(t, filepath.Join(dir, "o.ppm"))
	for _, s := range spots {
		got := page.RGBAAt(int(s.x), int(s.y))
		if !near(got, quadrants[s.quart]) {
			how := "downsampled"
			if s.kept {
				how = "kept"
			}
			t.Errorf("orientation %d, %s: quarter %d is %v, want %v", s.o, how, s.quart, got, quadrants[s.quart])
		}
	}
}

func countDiff(a, b []byte) int {
	n := 0
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			n++
		}
	}
	return n + max(len(a), len(b)) - min(len(a), len(b))
}

func near(a, b color.RGBA) bool {
	d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
	return d(a.R, b.R) < 40 && d(a.G, b.G) < 40 && d(a.B, b.B) < 40
}

// readPPM reads a binary PPM (P6, 8 bits) as pdftoppm writes it.
func readPPM(t *testing.T, path string) *image.RGBA {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := bufio.NewReader(f)
	var magic string
	var w, h, maxv int
	if _, err := fmt.Fscan(r, &magic, &w, &h, &maxv); err != nil || magic != "P6" || maxv != 255 {
		t.Fatalf("%s: not an 8-bit P6 PPM: %v", path, err)
	}
	r.ReadByte() // the whitespace after the header
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	px := make([]byte, 3)
	for i := 0; i < w*h; i++ {
		if _, err := io.ReadFull(r, px); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		copy(img.Pix[4*i:], []byte{px[0], px[1], px[2], 0xff})
	}
	return img
}
