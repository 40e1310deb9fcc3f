package raster

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// halves is a w × h picture of model m: the left half #d02020, the right
// half #2040d0, a quarter transparent at the bottom when alpha.
func halves(w, h int, kind string) image.Image {
	left, right := color.NRGBA{0xd0, 0x20, 0x20, 0xff}, color.NRGBA{0x20, 0x40, 0xd0, 0xff}
	var img interface {
		image.Image
		Set(x, y int, c color.Color)
	}
	r := image.Rect(0, 0, w, h)
	switch kind {
	case "gray":
		img = image.NewGray(r)
	case "gray16":
		img = image.NewGray16(r)
	case "rgba64":
		img = image.NewRGBA64(r)
	case "paletted":
		img = image.NewPaletted(r, color.Palette{left, right})
	default:
		img = image.NewNRGBA(r)
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := left
			if x >= w/2 {
				c = right
			}
			if kind == "alpha" && y >= h*3/4 {
				c.A = 0x40
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func encode(t testing.TB, img image.Image, format string) []byte {
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 90})
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func near(c color.Color, want color.NRGBA, tol int) bool {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	d := func(a, b uint8) bool { return int(a)-int(b) <= tol && int(b)-int(a) <= tol }
	return d(n.R, want.R) && d(n.G, want.G) && d(n.B, want.B) && d(n.A, want.A)
}

func fixture(t *testing.T, name string) []byte {
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestKinds decodes each kind of picture and checks the colours of both
// halves, so that a kind decoded with the wrong colours (CMYK inverted,
// grey read as black) fails.
func TestKinds(t *testing.T) {
	left, right := color.NRGBA{0xd0, 0x20, 0x20, 0xff}, color.NRGBA{0x20, 0x40, 0xd0, 0xff}
	grey := func(c color.NRGBA) color.NRGBA {
		g := color.GrayModel.Convert(c).(color.Gray).Y
		return color.NRGBA{g, g, g, 0xff}
	}
	for _, c := range []struct {
		name        string
		data        func(t *testing.T) []byte
		format      string
		left, right color.NRGBA
		tol         int
	}{
		{"PNG RGB", func(t *testing.T) []byte { return encode(t, halves(96, 64, "rgb"), "png") }, "png", left, right, 0},
		{"PNG with alpha", func(t *testing.T) []byte { return encode(t, halves(96, 64, "alpha"), "png") }, "png", left, right, 0},
		{"PNG grey", func(t *testing.T) []byte { return encode(t, halves(96, 64, "gray"), "png") }, "png", grey(left), grey(right), 1},
		{"PNG grey 16-bit", func(t *testing.T) []byte { return encode(t, halves(96, 64, "gray16"), "png") }, "png", grey(left), grey(right), 1},
		{"PNG RGBA 16-bit", func(t *testing.T) []byte { return encode(t, halves(96, 64, "rgba64"), "png") }, "png", left, right, 0},
		{"PNG palette", func(t *testing.T) []byte { return encode(t, halves(96, 64, "paletted"), "png") }, "png", left, right, 0},
		{"PNG interlaced", func(t *testing.T) []byte { return fixture(t, "interlaced.png") }, "png", left, right, 0},
		{"JPEG baseline", func(t *testing.T) []byte { return encode(t, halves(96, 64, "rgb"), "jpeg") }, "jpeg", left, right, 8},
		{"JPEG grey", func(t *testing.T) []byte { return encode(t, halves(96, 64, "gray"), "jpeg") }, "jpeg", grey(left), grey(right), 8},
		{"JPEG progressive", func(t *testing.T) []byte { return fixture(t, "progressive.jpg") }, "jpeg", left, right, 8},
		{"JPEG CMYK", func(t *testing.T) []byte { return fixture(t, "cmyk.jpg") }, "jpeg", left, right, 12},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := Decode(c.data(t))
			if err != nil {
				t.Fatal(err)
			}
			if p.Format != c.format {
				t.Errorf("format %s, want %s", p.Format, c.format)
			}
			if w, h := p.Size(); w != 96 || h != 64 {
				t.Errorf("size %d × %d", w, h)
			}
			// Kept as it is where it is printed at 192 dpi (but CMYK,
			// written again as RGB, and the colours stay).
			kept, _, _, _, _ := p.Fit(36, 24)
			if p.cmyk == bytes.Equal(kept, p.Data) {
				t.Errorf("Fit(36, 24) of a picture of CMYK %v gives its data: %v", p.cmyk, !p.cmyk)
			}
			img := decoded(t, kept)
			if got := img.At(10, 20); !near(got, c.left, c.tol) {
				t.Errorf("left half %v, want %v", color.NRGBAModel.Convert(got), c.left)
			}
			if got := img.At(86, 20); !near(got, c.right, c.tol) {
				t.Errorf("right half %v, want %v", color.NRGBAModel.Convert(got), c.right)
			}
			// Downsampled to 48 × 32 pixels (17.28 × 11.52 pt at 200 dpi),
			// the colours stay and a photograph stays a JPEG.
			data, typ, w, h, _ := p.Fit(17.28, 11.52)
			if w != 48 || h != 32 {
				t.Fatalf("Fit gives %d × %d pixels, want 48 × 32", w, h)
			}
			if typ != c.format {
				t.Errorf("Fit gives %s, want %s", typ, c.format)
			}
			q := decoded(t, data)
			if qw, qh := q.Bounds().Dx(), q.Bounds().Dy(); qw != 48 || qh != 32 {
				t.Errorf("Fit's data holds %d × %d pixels", qw, qh)
			}
			if _, cmyk := q.(*image.CMYK); cmyk {
				t.Error("Fit keeps CMYK")
			}
			if got := q.At(5, 10); !near(got, c.left, c.tol+4) {
				t.Errorf("downsampled left half %v, want %v", color.NRGBAModel.Convert(got), c.left)
			}
			if got := q.At(42, 10); !near(got, c.right, c.tol+4) {
				t.Errorf("downsampled right half %v, want %v", color.NRGBAModel.Convert(got), c.right)
			}
			if c.name == "PNG with alpha" {
				if got := q.At(5, 30); !near(got, color.NRGBA{0xd0, 0x20, 0x20, 0x40}, 4) {
					t.Errorf("downsampled transparent quarter %v", color.NRGBAModel.Convert(got))
				}
			}
		})
	}
}

func TestFitKeepsSmallPictures(t *testing.T) {
	data := encode(t, halves(96, 64, "rgb"), "png")
	p, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	// 96 pixels in 36 pt (half an inch) is 192 dpi: kept as it is.
	got, typ, w, h, _ := p.Fit(36, 24)
	if !bytes.Equal(got, data) || typ != "png" || w != 96 || h != 64 {
		t.Errorf("Fit(36, 24) = %d bytes %s %d × %d, want the file as it is", len(got), typ, w, h)
	}
	// A CMYK JPEG is written again as RGB even when small enough.
	p, err = Decode(fixture(t, "cmyk.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	got, typ, w, h, _ = p.Fit(360, 360)
	if typ != "jpeg" || w != 96 || h != 64 {
		t.Fatalf("Fit of a CMYK JPEG: %s %d × %d", typ, w, h)
	}
	if q := decoded(t, got); fmt.Sprintf("%T", q) != "*image.YCbCr" {
		t.Errorf("Fit of a CMYK JPEG gives %T", q)
	}
}

// decoded is the picture data holds, decoded by the standard library.
func decoded(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// pngHeader is the start of a PNG file of w × h pixels: signature and
// IHDR chunk, enough for DecodeConfig.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2
	var b bytes.Buffer
	b.Write(pngMagic)
	binary.Write(&b, binary.BigEndian, uint32(13))
	b.WriteString("IHDR")
	b.Write(ihdr)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte("IHDR"), ihdr...)))
	return b.Bytes()
}

func TestRefused(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := encode(t, halves(96, 64, "rgb"), "png")
	photo := encode(t, halves(96, 64, "rgb"), "jpeg")
	fifo := filepath.Join(dir, "pipe.png")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.png")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(good)
	f.Truncate(MaxBytes + 1)
	f.Close()
	for _, c := range []struct {
		name, path, want string
	}{
		{"a folder", dir, "is a folder, not a picture file"},
		{"a named pipe", fifo, "is a named pipe, not a picture file"},
		{"a device", os.DevNull, "is a device, not a picture file"},
		{"missing", filepath.Join(dir, "nothing.png"), "does not exist"},
		{"over 50 MB", big, "is 50.0 MB: a figure's picture is at most 50 MB"},
		{"over 50 megapixels", write("huge.png", pngHeader(10000, 5001)), "has 10000 × 5001 pixels (50.0 megapixels): a figure's picture has at most 50 megapixels"},
		{"a truncated PNG", write("cut.png", good[:len(good)-40]), "is a PNG picture cut short: the file ends before its last pixels"},
		{"a truncated JPEG", write("cut.jpg", photo[:len(photo)/2]), "is a JPEG picture cut short: the file ends before its last pixels"},
		{"a damaged PNG", write("bad.png", flip(good, len(good)/2)), "is a damaged PNG picture: "},
		{"a GIF", write("anim.png", []byte("GIF89a\x01\x00\x01\x00")), "is not a PNG or JPEG picture: it is GIF; save it as PNG (a screenshot) or JPEG (a photograph)"},
		{"a text file", write("note.png", []byte("hello")), "is not a PNG or JPEG picture"},
		{"empty", write("empty.png", nil), "is empty, not a PNG or JPEG picture"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(c.path)
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("Read(%s) = %v, want %q", c.name, err, c.want)
			}
		})
	}
	if _, err := Read(write("good.png", good)); err != nil {
		t.Errorf("Read of a good PNG: %v", err)
	}
}

func TestPixels(t *testing.T) {
	// 72 pt is an inch: 200 pixels.
	for pt, want := range map[float64]int{72: 200, 36: 100, 451.28: 1254, 0.1: 1} {
		if got := pixels(pt); got != want {
			t.Errorf("pixels(%v) = %d, want %d", pt, got, want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(encode(f, halves(8, 4, "alpha"), "png"))
	f.Add(encode(f, halves(8, 4, "gray16"), "png"))
	f.Add(encode(f, halves(8, 4, "rgb"), "jpeg"))
	// Screenshots of each kind image/png writes, large enough to be
	// downsampled below.
	for _, k := range []string{"rgb", "alpha", "gray", "gray16", "rgba64", "paletted"} {
		f.Add(encode(f, halves(20, 9, k), "png"))
	}
	f.Add(encode(f, halves(20, 9, "gray"), "jpeg"))
	// Extreme shapes: a picture one pixel across, and one claiming a
	// side over MaxSide.
	f.Add(encode(f, halves(1, 300, "gray"), "png"))
	f.Add(encode(f, halves(300, 1, "rgb"), "png"))
	f.Add(pngHeader(1, MaxSide+1))
	// A JPEG stored sideways: Exif orientation 6, big-endian TIFF.
	j := encode(f, halves(8, 4, "rgb"), "jpeg")
	exif := []byte("\xFF\xE1\x00\x22Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00")
	f.Add(append(append(append([]byte{}, j[:2]...), exif...), j[2:]...))
	// A PNG stored sideways: an eXIf chunk before the image data (big-
	// and little-endian TIFF), and one after it, which is let be.
	pg := encode(f, halves(20, 9, "rgb"), "png")
	for _, tiff := range []string{
		"MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00",
		"II\x2a\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00",
	} {
		f.Add(withChunk(pg, 33, "eXIf", tiff))
		f.Add(withChunk(pg, len(pg)-12, "eXIf", tiff))
	}
	for _, n := range []string{"cmyk.jpg", "progressive.jpg", "interlaced.png", "arith.jpg", "cmyk-noadobe.jpg"} {
		if data, err := os.ReadFile(filepath.Join("testdata", n)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode(data)
		if err != nil {
			return
		}
		// A logo's path: checked, and shrunk to 3 × 2 pixels as
		// seen, a PNG; kept, Orient gives the orientation Decode read
		// and a JPEG's tag says Upright (a PNG's chunk is not drawn).
		if o, kept := Orient(data); o != p.Orientation || len(kept) != len(data) {
			t.Fatalf("Orient gives %d and %d bytes, Decode %d of %d bytes", o, len(kept), p.Orientation, len(data))
		} else if o2, _ := Orient(kept); o2 != Upright && p.Photo() {
			t.Fatalf("the data Orient keeps says %d", o2)
		}
		if err := Check(data); err != nil {
			t.Fatalf("Decode takes it, Check: %v", err)
		}
		small, err := Shrink(data, 3, 2)
		if err != nil {
			t.Fatalf("Decode takes it, Shrink: %v", err)
		}
		if q, err := Decode(small); err != nil || q.Format != "png" || q.Width != 3 || q.Height != 2 {
			t.Fatalf("Shrink gives %v: %v", q, err)
		}
		out, typ, w, h, o := p.Fit(10, 10)
		if w > 28 || h > 28 || w < 1 || h < 1 {
			t.Fatalf("Fit(10, 10) gives %d × %d", w, h)
		}
		q, err := Decode(out)
		if err != nil || q.Format != typ {
			t.Fatalf("Fit's %s data does not decode: %v", typ, err)
		}
		// The data drawn is upright or turned by the PDF, never both
		// (the PDF holds a PNG's pixels, not its eXIf chunk).
		if q.Orientation != Upright && typ == "jpeg" || o < Upright || o > 8 || o != Upright && o != p.Orientation {
			t.Fatalf("Fit gives orientation %d for a picture of %d, its data saying %d", o, p.Orientation, q.Orientation)
		}
		// Downsampled (a row at a time for a PNG) to at most 6 pixels.
		out, typ, w, h, o = p.Fit(2, 2)
		if q, err := Decode(out); err != nil || q.Format != typ || w > 6 || h > 6 || q.Width != w && q.Width != h {
			t.Fatalf("Fit(2, 2) gives %d × %d %s: %v", w, h, typ, err)
		}
	})
}

// withChunk returns the PNG data with a chunk of type typ holding body
// inserted at byte at (a chunk's start).
func withChunk(data []byte, at int, typ, body string) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	c = append(append(c, typ...), body...)
	c = binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
	return append(append(append([]byte{}, data[:at]...), c...), data[at:]...)
}

// TestPNGOrientation: a PNG's orientation is its eXIf chunk's when the
// chunk comes before the image data, as browsers read it, and Upright
// when it comes after (browsers let it be), is damaged or says a value
// outside 1–8.
func TestPNGOrientation(t *testing.T) {
	pg := encode(t, halves(20, 9, "rgb"), "png")
	be := func(o byte) string {
		return "MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00" + string(rune(o)) + "\x00\x00\x00\x00\x00\x00"
	}
	for _, c := range []struct {
		name string
		data []byte
		want Orientation
	}{
		{"none", pg, Upright},
		{"6 before the data", withChunk(pg, 33, "eXIf", be(6)), 6},
		{"8 little-endian", withChunk(pg, 33, "eXIf", "II\x2a\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00"), 8},
		{"6 after the data", withChunk(pg, len(pg)-12, "eXIf", be(6)), Upright},
		{"9", withChunk(pg, 33, "eXIf", be(9)), Upright},
		{"JPEG's Exif prefix", withChunk(pg, 33, "eXIf", "Exif\x00\x00"+be(6)), Upright},
		{"cut short", withChunk(pg, 33, "eXIf", be(6)[:12]), Upright},
	} {
		p, err := Decode(c.data)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if o, _ := Orient(c.data); p.Orientation != c.want || o != c.want {
			t.Errorf("%s: Decode reads orientation %d, Orient %d, want %d", c.name, p.Orientation, o, c.want)
		}
	}
}

// flip returns data with the bits of byte i inverted.
func flip(data []byte, i int) []byte {
	d := bytes.Clone(data)
	d[i] ^= 0xff
	return d
}

// FuzzExif reads the orientation of any bytes: never a panic, and an
// offset always inside the data, where the value read is.
func FuzzExif(f *testing.F) {
	j := encode(f, halves(8, 4, "rgb"), "jpeg")
	for _, tiff := range []string{
		"MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00",
		"II\x2a\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00",
	} {
		seg := "Exif\x00\x00" + tiff
		f.Add(append(append([]byte(string(j[:2])+"\xFF\xE1\x00"+string(rune(len(seg)+2))), seg...), j[2:]...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		o, at, up := exifOrientation(data)
		if at < 0 {
			if o != Upright {
				t.Fatalf("orientation %d without its place", o)
			}
			return
		}
		if o < 1 || o > 8 || at+2 > len(data) {
			t.Fatalf("orientation %d at %d of %d bytes", o, at, len(data))
		}
		if v := data[at : at+2]; (v[0] != 0 || Orientation(v[1]) != o) && (v[1] != 0 || Orientation(v[0]) != o) {
			t.Fatalf("orientation %d, but the bytes at %d are %x", o, at, v)
		}
		if up != [2]byte{0, 1} && up != [2]byte{1, 0} {
			t.Fatalf("upright written as %x", up)
		}
	})
}

// TestLongSide: a side longer than MaxSide is refused before any row is
// read, and a picture at the limit (1 × 1,000,000 grey, a few KB of
// file) is downsampled in bounded memory: its kernel weights (4 a source
// row) are allocated once, not grown.
func TestLongSide(t *testing.T) {
	for _, c := range [][2]uint32{{1, MaxSide + 1}, {MaxSide + 1, 1}} {
		_, err := Decode(pngHeader(c[0], c[1]))
		want := fmt.Sprintf("has %d × %d pixels: a figure's picture is at most 1000000 pixels wide and 1000000 pixels tall", c[0], c[1])
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Decode(%d × %d) = %v, want %q", c[0], c[1], err, want)
		}
	}
	for _, size := range [][2]int{{1, MaxSide}, {MaxSide, 1}} {
		img := image.NewGray(image.Rect(0, 0, size[0], size[1]))
		for i := range img.Pix {
			img.Pix[i] = byte(i)
		}
		p, err := Decode(encode(t, img, "png"))
		if err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, _, pw, ph, _ := p.Fit(451, 360)
		runtime.ReadMemStats(&after)
		if pw < 1 || ph < 1 || pw > 1254 || ph > 1000 {
			t.Errorf("%d × %d fitted to %d × %d pixels", size[0], size[1], pw, ph)
		}
		// The weights are 4 × 10⁶ float32, 16 MB.
		if got := after.TotalAlloc - before.TotalAlloc; got > 32<<20 {
			t.Errorf("fitting %d × %d allocated %d MB, want at most 32", size[0], size[1], got>>20)
		}
	}
}
