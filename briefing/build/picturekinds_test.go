package build

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// TestPictureKinds draws pictures of the kinds users have that a PDF
// reader may show wrongly when embedded as they are — CMYK and YCCK
// JPEGs stored inverted as Adobe's are, an RGB JPEG without the YCbCr
// transform, a grey JPEG, 16-bit, palette and grey-with-alpha PNGs — as
// a template's logo and as a figure, both kept at their size, in an
// archival PDF, and reads them back: pdfimages lists no CMYK image
// (PDF/A-2 6.2.4.3: DeviceCMYK needs a CMYK output intent, ours is sRGB),
// the PDF/A rules hold (testkit.PDFA), and poppler and MuPDF show both
// halves in their colours (#d02020 and #2040d0, or greys of 0x40 and
// 0xc0), not inverted.
func TestPictureKinds(t *testing.T) {
	testkit.Tool(t, "pdfimages")
	testkit.Tool(t, "pdftoppm")
	testkit.Tool(t, "mutool")
	testkit.Tool(t, "qpdf")
	left, right := color.NRGBA{0xd0, 0x20, 0x20, 0xff}, color.NRGBA{0x20, 0x40, 0xd0, 0xff}
	dark, light := color.NRGBA{0x40, 0x40, 0x40, 0xff}, color.NRGBA{0xc0, 0xc0, 0xc0, 0xff}
	const w, h = 48, 32
	paint := func(img interface{ Set(x, y int, c color.Color) }, l, r color.NRGBA) {
		for y := range h {
			for x := range w {
				c := l
				if x >= w/2 {
					c = r
				}
				img.Set(x, y, c)
			}
		}
	}
	r := image.Rect(0, 0, w, h)
	rgb, g8, rgb16 := image.NewRGBA(r), image.NewGray(r), image.NewRGBA64(r)
	pal := image.NewPaletted(r, color.Palette{left, right})
	for _, img := range []interface{ Set(x, y int, c color.Color) }{rgb, rgb16, pal} {
		paint(img, left, right)
	}
	paint(g8, dark, light)
	enc := func(img image.Image, typ string) []byte {
		var b bytes.Buffer
		var err error
		if typ == "jpg" {
			err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 95})
		} else {
			err = png.Encode(&b, img)
		}
		if err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	fixture := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("testdata", "pictures", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	for _, c := range []struct {
		name, typ   string
		data        []byte
		left, right color.NRGBA
		colour      string // pdfimages -list's color of the logo
	}{
		{"JPEG CMYK, Adobe", "jpg", fixture("cmyk.jpg"), left, right, "rgb"},
		{"JPEG YCCK, Adobe", "jpg", fixture("ycck.jpg"), left, right, "rgb"},
		{"JPEG RGB, no transform", "jpg", fixture("rgb-adobe.jpg"), left, right, "rgb"},
		{"JPEG YCbCr", "jpg", enc(rgb, "jpg"), left, right, "rgb"},
		{"JPEG grey", "jpg", enc(g8, "jpg"), dark, light, "gray"},
		{"PNG RGB 16-bit", "png", enc(rgb16, "png"), left, right, "rgb"},
		{"PNG palette", "png", enc(pal, "png"), left, right, "index"},
		{"PNG grey with alpha", "png", greyAlphaPNG(t, w, h, dark.R, light.R), dark, light, "gray"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeFile(t, dir, "pic."+c.typ, string(c.data))
			th, err := theme.Load(writeFile(t, dir, "acme.toml", "[organization]\nname = \"Acme\"\nlogo = \"pic."+c.typ+"\"\n"))
			if err != nil {
				t.Fatal(err)
			}
			src := "format = 2\nid = \"kinds\"\ndate = 2023-12-04\ntlp = \"CLEAR\"\ntitle = \"Kinds\"\nsummary = \"S\"\n\n" +
				"[[figures]]\nfile = \"pic." + c.typ + "\"\nafter = \"summary\"\nwidth = 0.3\nalt = \"Two halves\"\n"
			res := File(context.Background(), writeFile(t, dir, "kinds.toml", src), &Options{Dir: dir, Theme: th, Langs: []string{"en"}})
			if len(res.Diagnostics) > 0 || len(res.Outputs) != 1 {
				t.Fatalf("%v, %d PDFs", res.Diagnostics, len(res.Outputs))
			}
			pdf := res.Outputs[0].Path
			for _, f := range testkit.PDFA(t, pdf, 0) {
				t.Error(f)
			}
			testkit.Run(t, "qpdf", "--check", pdf)
			// page num type width height color …: the logo of page 1, then
			// the figure.
			var listed []string
			for _, line := range strings.Split(testkit.Run(t, "pdfimages", "-list", "-f", "1", "-l", "1", pdf), "\n")[2:] {
				if f := strings.Fields(line); len(f) > 5 && f[2] == "image" {
					listed = append(listed, f[5])
				}
			}
			if len(listed) != 2 || listed[0] != c.colour {
				t.Errorf("pdfimages lists page 1's pictures as %v, want the logo %s and the figure", listed, c.colour)
			}
			for _, col := range listed {
				if col == "cmyk" {
					t.Errorf("a picture is embedded in CMYK: %v", listed)
				}
			}
			testkit.Run(t, "pdftoppm", "-r", "144", "-f", "1", "-l", "1", "-png", "-singlefile", pdf, filepath.Join(dir, "poppler"))
			testkit.Run(t, "mutool", "draw", "-q", "-r", "144", "-o", filepath.Join(dir, "mupdf.png"), pdf, "1")
			for _, reader := range []string{"poppler", "mupdf"} {
				f, err := os.Open(filepath.Join(dir, reader+".png"))
				if err != nil {
					t.Fatal(err)
				}
				page, err := png.Decode(f)
				f.Close()
				if err != nil {
					t.Fatal(err)
				}
				// The logo at the header's left (the margin, 57 pt, and
				// its 21 pt), the figure in the middle third of the
				// body, away from the text at the left.
				b := page.Bounds()
				for _, part := range []struct {
					what string
					r    image.Rectangle
				}{{"logo", image.Rect(0, 0, 2*(57+22), 140)}, {"figure", image.Rect(b.Dx()/3, 140, 2*b.Dx()/3, b.Dy())}} {
					ln, lx := shades(page, part.r, c.left)
					rn, rx := shades(page, part.r, c.right)
					if ln < 100 || rn < 100 || lx >= rx {
						t.Errorf("%s: the %s's halves: %d pixels of %v centred at x=%d, %d of %v at x=%d; want both, left then right",
							reader, part.what, ln, c.left, lx, rn, c.right, rx)
					}
				}
			}
		})
	}
}

// shades counts the pixels of img within r close to c (by 16 of 255 in
// each channel) and returns their number and mean column.
func shades(img image.Image, r image.Rectangle, c color.NRGBA) (n, cx int) {
	sum := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			if absDiff(pr>>8, c.R) < 16 && absDiff(pg>>8, c.G) < 16 && absDiff(pb>>8, c.B) < 16 {
				n++
				sum += x
			}
		}
	}
	if n > 0 {
		cx = sum / n
	}
	return n, cx
}

// greyAlphaPNG writes a PNG of colour type 4 (grey and alpha, which Go's
// encoder never writes), w × h, its left half of grey a and its right of
// grey b, opaque.
func greyAlphaPNG(t *testing.T, w, h int, a, b uint8) []byte {
	t.Helper()
	chunk := func(out []byte, typ string, body []byte) []byte {
		c := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
		c = append(append(c, typ...), body...)
		c = binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
		return append(out, c...)
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 4, 0, 0, 0)
	var raw bytes.Buffer
	z := zlib.NewWriter(&raw)
	for range h {
		row := []byte{0}
		for x := range w {
			v := a
			if x >= w/2 {
				v = b
			}
			row = append(row, v, 0xff)
		}
		z.Write(row)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	out := []byte("\x89PNG\r\n\x1a\n")
	out = chunk(out, "IHDR", ihdr)
	out = chunk(out, "IDAT", raw.Bytes())
	return chunk(out, "IEND", nil)
}
