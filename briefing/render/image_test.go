package render

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zlib"

	"briefing/briefing/layout"
	"briefing/internal/testkit"
)

// handPNG writes a PNG image/png does not: a colour type and depth with
// an optional tRNS chunk, from rows of samples as stored, filter type 0
// (None) but where bad says another.
func handPNG(w, h, depth, ctype int, trns []byte, rows func(y int) []byte, bad ...int) []byte {
	chunk := func(b []byte, typ string, data []byte) []byte {
		b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
		s := len(b)
		b = append(append(b, typ...), data...)
		return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[s:]))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	b := chunk([]byte("\x89PNG\r\n\x1a\n"), "IHDR", append(ihdr, byte(depth), byte(ctype), 0, 0, 0))
	if trns != nil {
		b = chunk(b, "tRNS", trns)
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	for y := range h {
		f := byte(0)
		if len(bad) == 2 && y == bad[0] {
			f = byte(bad[1])
		}
		zw.Write([]byte{f})
		zw.Write(rows(y))
	}
	zw.Close()
	b = chunk(b, "IDAT", z.Bytes())
	return chunk(b, "IEND", nil)
}

// pngChunk is a chunk of a PNG file: its type and data.
type pngChunk struct {
	typ  string
	data []byte
}

// pngChunks splits a PNG file into its chunks.
func pngChunks(b []byte) []pngChunk {
	var cs []pngChunk
	for p := 8; p+12 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[p:]))
		cs = append(cs, pngChunk{string(b[p+4 : p+8]), b[p+8 : p+8+n]})
		p += 12 + n
	}
	return cs
}

// pngFile joins chunks into a PNG file, their lengths and CRCs made.
func pngFile(cs ...pngChunk) []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	for _, c := range cs {
		b = binary.BigEndian.AppendUint32(b, uint32(len(c.data)))
		s := len(b)
		b = append(append(b, c.typ...), c.data...)
		b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[s:]))
	}
	return b
}

// rezip gives the PNG data with its image data, as one IDAT chunk,
// changed by f.
func rezip(data []byte, f func(z []byte) []byte) []byte {
	var z []byte
	var out []pngChunk
	for _, c := range pngChunks(data) {
		if c.typ == "IDAT" {
			if z == nil {
				out = append(out, pngChunk{typ: "IDAT"})
			}
			z = append(z, c.data...)
			continue
		}
		out = append(out, c)
	}
	for i := range out {
		if out[i].typ == "IDAT" {
			out[i].data = f(z)
		}
	}
	return pngFile(out...)
}

// TestPNGKinds draws a picture of every kind of PNG one point a pixel
// and reads it back: pdfimages names the kind embedded (a palette kept
// as one, grey kept grey at its depth, alpha as a soft mask), and
// poppler and MuPDF, rendering the page at 288 dpi (4 × 4 pixels for
// each of the picture's, read at their middle, where smoothing between
// pixels does not reach), show image/png's pixels over white, to within
// 2 steps of 255.
func TestPNGKinds(t *testing.T) {
	testkit.Tool(t, "pdfimages")
	testkit.Tool(t, "pdftoppm")
	testkit.Tool(t, "mutool")
	testkit.Tool(t, "qpdf")
	const w, h = 40, 30
	r := image.Rect(0, 0, w, h)
	v := func(x, y int) uint8 { return uint8(x*6 + y*3 + (x*y)%17) }
	grey, grey16, rgba, nrgba, rgba64, nrgba64 := image.NewGray(r), image.NewGray16(r), image.NewRGBA(r), image.NewNRGBA(r), image.NewRGBA64(r), image.NewNRGBA64(r)
	pal2 := image.NewPaletted(r, color.Palette{color.RGBA{0xd0, 0x20, 0x20, 0xff}, color.RGBA{0x20, 0x40, 0xd0, 0xff}})
	pal16 := image.NewPaletted(r, nil)
	for i := range 11 {
		pal16.Palette = append(pal16.Palette, color.RGBA{uint8(i * 25), uint8(250 - i*20), uint8(i * i), 0xff})
	}
	pal256 := image.NewPaletted(r, nil)
	palAlpha := image.NewPaletted(r, color.Palette{color.NRGBA{0xff, 0, 0, 0x80}, color.NRGBA{0, 0x80, 0, 0xff}, color.NRGBA{0, 0, 0, 0}})
	for i := range 256 {
		pal256.Palette = append(pal256.Palette, color.RGBA{uint8(i), uint8(i * 3), uint8(255 - i), 0xff})
	}
	for y := range h {
		for x := range w {
			c := v(x, y)
			grey.SetGray(x, y, color.Gray{c})
			grey16.SetGray16(x, y, color.Gray16{uint16(c)*257 + 3})
			rgba.SetRGBA(x, y, color.RGBA{c, 255 - c, c / 2, 0xff})
			nrgba.SetNRGBA(x, y, color.NRGBA{c, 255 - c, c / 2, uint8(x * 6)})
			rgba64.SetRGBA64(x, y, color.RGBA64{uint16(c) * 257, 0x8000, 0x1234, 0xffff})
			nrgba64.SetNRGBA64(x, y, color.NRGBA64{uint16(c) * 257, 0x8000, 0x1234, uint16(y) * 2000})
			pal2.SetColorIndex(x, y, uint8(x*y%2))
			pal16.SetColorIndex(x, y, c%11)
			pal256.SetColorIndex(x, y, c)
			palAlpha.SetColorIndex(x, y, uint8((x+y)%3))
		}
	}
	enc := func(img image.Image) []byte {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	interlaced, err := os.ReadFile("../raster/testdata/interlaced.png")
	if err != nil {
		t.Fatal(err)
	}
	// A zlib stream with a preset dictionary, the empty one (RFC 1950,
	// 2.2: FDICT, and its Adler-32, 1), as PNG decoders take it.
	dict := rezip(enc(rgba), func(z []byte) []byte {
		flg := z[1]&0xc0 | 0x20
		flg += byte(31 - (int(z[0])<<8|int(flg))%31)
		return append([]byte{z[0], flg, 0, 0, 0, 1}, z[2:]...)
	})
	// A palette of 4 colours with 8 alphas (PNG decoders give the
	// indices 4–7 black with that alpha) and pixels up to index 10.
	var palTRNS []pngChunk
	for _, c := range pngChunks(enc(pal16)) {
		if c.typ == "PLTE" {
			palTRNS = append(palTRNS, pngChunk{"PLTE", c.data[:12]}, pngChunk{"tRNS", []byte{255, 0, 128, 255, 64, 0, 200, 255}})
			continue
		}
		palTRNS = append(palTRNS, c)
	}
	cases := []struct {
		name string
		data []byte
		list string // pdfimages -list: type color comp bpc enc
	}{
		{"grey", enc(grey), "image gray 1 8 image"},
		{"grey 16-bit", enc(grey16), "image gray 1 8 image"},
		{"grey 1-bit", handPNG(w, h, 1, 0, nil, func(y int) []byte { return bytes.Repeat([]byte{0xa5 ^ byte(y)}, 5) }), "image gray 1 1 image"},
		{"grey 4-bit with a transparent grey", handPNG(w, h, 4, 0, []byte{0, 5}, func(y int) []byte { return bytes.Repeat([]byte{byte(y*7) ^ 0x35}, 20) }), "image gray 1 8 image"},
		{"grey with alpha", handPNG(w, h, 8, 4, nil, func(y int) []byte {
			row := make([]byte, 2*w)
			for x := range w {
				row[2*x], row[2*x+1] = v(x, y), uint8(y*8)
			}
			return row
		}), "image gray 1 8 image"},
		{"RGB", enc(rgba), "image rgb 3 8 image"},
		{"RGB with a transparent colour", handPNG(w, h, 8, 2, []byte{0, 10, 0, 20, 0, 30}, func(y int) []byte {
			row := make([]byte, 3*w)
			for x := range w {
				row[3*x], row[3*x+1], row[3*x+2] = v(x, y), 20, 30
				if x%3 == 0 {
					row[3*x] = 10
				}
			}
			return row
		}), "image rgb 3 8 image"},
		{"RGBA", enc(nrgba), "image rgb 3 8 image"},
		{"RGB 16-bit", enc(rgba64), "image rgb 3 8 image"},
		{"RGBA 16-bit", enc(nrgba64), "image rgb 3 8 image"},
		{"palette of 2", enc(pal2), "image index 1 1 image"},
		{"palette of 11", enc(pal16), "image index 1 4 image"},
		{"palette of 256", enc(pal256), "image index 1 8 image"},
		{"palette with alpha", enc(palAlpha), "image rgb 3 8 image"},
		{"interlaced", interlaced, "image rgb 3 8 image"},
		{"RGB, a zlib preset dictionary", dict, "image rgb 3 8 image"},
		{"RGB, bytes after the zlib stream", rezip(enc(rgba), func(z []byte) []byte { return append(z, 0, 0, 0, 0) }), "image rgb 3 8 image"},
		{"palette, more alphas than colours", pngFile(palTRNS...), "image rgb 3 8 image"},
	}
	fonts, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	// One page of whole points, a picture every 100 pt: pixels fall on
	// pixels.
	paper := layout.Paper{Width: 400, Height: float64(100 * ((len(cases) + 3) / 4))}
	var boxes []layout.Box
	wants := make([]image.Image, len(cases))
	for i, c := range cases {
		if wants[i], err = png.Decode(bytes.NewReader(c.data)); err != nil {
			t.Fatal(err)
		}
		b := wants[i].Bounds()
		boxes = append(boxes, layout.Image{X: float64(i%4*100) + 2, Y: float64(i/4*100) + 2, W: float64(b.Dx()), H: float64(b.Dy()), Data: c.data, Type: "png"})
	}
	var doc bytes.Buffer
	if err := PDF(&doc, []layout.Page{{Paper: paper, Boxes: boxes}}, Info{Title: "PNG"}, fonts); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "p.pdf")
	if err := os.WriteFile(path, doc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	testkit.Run(t, "qpdf", "--check", path)
	lines := strings.Split(strings.TrimSpace(testkit.Run(t, "pdfimages", "-list", path)), "\n")[2:]
	testkit.Run(t, "pdftoppm", "-r", "288", "-png", "-singlefile", path, filepath.Join(dir, "poppler"))
	testkit.Run(t, "mutool", "draw", "-q", "-r", "288", "-o", filepath.Join(dir, "mupdf.png"), path, "1")
	shown := map[string]image.Image{}
	for _, reader := range []string{"poppler", "mupdf"} {
		f, err := os.Open(filepath.Join(dir, reader+".png"))
		if err != nil {
			t.Fatal(err)
		}
		shown[reader], err = png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cases {
		want := wants[i]
		x0, y0 := i%4*100+2, i/4*100+2
		if len(lines) == 0 {
			t.Fatalf("%s: not listed by pdfimages", c.name)
		}
		f := strings.Fields(lines[0])
		if got := f[2] + " " + strings.Join(f[5:9], " "); got != c.list {
			t.Errorf("%s: pdfimages -list: %s, want %s", c.name, got, c.list)
		}
		lines = lines[1:]
		masked := len(lines) > 0 && strings.Fields(lines[0])[2] == "smask"
		if masked {
			lines = lines[1:]
		}
		if masked == opaque(want) {
			t.Errorf("%s: soft mask %v for a picture opaque %v", c.name, masked, opaque(want))
		}
		for reader, got := range shown {
			for y := range want.Bounds().Dy() {
				for x := range want.Bounds().Dx() {
					n := color.NRGBAModel.Convert(want.At(x, y)).(color.NRGBA)
					over := func(c uint8) int { return (int(c)*int(n.A) + 255*(255-int(n.A)) + 127) / 255 }
					g := color.NRGBAModel.Convert(got.At(4*(x0+x)+2, 4*(y0+y)+2)).(color.NRGBA)
					if d := max(abs(int(g.R)-over(n.R)), abs(int(g.G)-over(n.G)), abs(int(g.B)-over(n.B))); d > 2 {
						t.Fatalf("%s: %s: pixel %d, %d is %v, want %v over white (%d %d %d)", c.name, reader, x, y, g, n, over(n.R), over(n.G), over(n.B))
					}
				}
			}
		}
	}
}

func opaque(img image.Image) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0xffff {
				return false
			}
		}
	}
	return true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestPNGDamaged: a PNG damaged in its pixels is an error when drawn,
// kept data or not, and nothing is embedded unchecked.
func TestPNGDamaged(t *testing.T) {
	fonts, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 50, 50)))
	good := b.Bytes()
	cut := handPNG(50, 50, 8, 0, nil, func(int) []byte { return make([]byte, 50) })
	// One row too few: the zlib stream and every CRC are right.
	short := handPNG(50, 49, 8, 0, nil, func(int) []byte { return make([]byte, 50) })
	binary.BigEndian.PutUint32(short[20:], 50)
	binary.BigEndian.PutUint32(short[29:], crc32.ChecksumIEEE(short[12:29]))
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"cut", cut[:len(cut)-30]},
		{"a row missing", short},
		{"a bad filter byte", handPNG(50, 50, 8, 0, nil, func(int) []byte { return make([]byte, 50) }, 7, 9)},
	} {
		pages := []layout.Page{{Paper: layout.A4, Boxes: []layout.Box{layout.Image{X: 10, Y: 10, W: 50, H: 50, Data: c.data, Type: "png"}}}}
		err := PDF(&bytes.Buffer{}, pages, Info{}, fonts)
		if err == nil || !strings.Contains(err.Error(), "damaged png picture") {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	pages := []layout.Page{{Paper: layout.A4, Boxes: []layout.Box{layout.Image{X: 10, Y: 10, W: 50, H: 50, Data: good, Type: "png"}}}}
	if err := PDF(&bytes.Buffer{}, pages, Info{}, fonts); err != nil {
		t.Errorf("a good PNG: %v", err)
	}
}
