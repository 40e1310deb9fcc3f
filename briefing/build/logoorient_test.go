package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/raster"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// exifJPEG returns a JPEG of the w × h picture (as seen) of four coloured
// quarters, stored as a camera stores it under EXIF orientation o (TIFF
// 6.0: where the stored first row and first column are seen), with an
// Exif segment that says o.
func exifJPEG(t *testing.T, quarters []color.RGBA, w, h, o int) []byte {
	t.Helper()
	img := storedQuarters(quarters, w, h, o)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	seg := append([]byte("Exif\x00\x00"), orientationTIFF(o)...)
	app1 := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE1}, uint16(len(seg)+2))
	data := b.Bytes()
	return append(append(append([]byte{}, data[:2]...), append(app1, seg...)...), data[2:]...)
}

// storedQuarters is the w × h picture (as seen) of four coloured
// quarters, red top left, green top right, blue bottom left, yellow
// bottom right, stored as a camera stores it under EXIF orientation o.
func storedQuarters(quarters []color.RGBA, w, h, o int) *image.RGBA {
	sw, sh := w, h
	if o >= 5 {
		sw, sh = h, w
	}
	img := image.NewRGBA(image.Rect(0, 0, sw, sh))
	for y := range sh {
		for x := range sw {
			// (ux, uy): where the stored pixel (x, y) is seen.
			ux, uy := x, y
			switch o {
			case 2:
				ux = w - 1 - x
			case 3:
				ux, uy = w-1-x, h-1-y
			case 4:
				uy = h - 1 - y
			case 5:
				ux, uy = y, x
			case 6:
				ux, uy = w-1-y, x
			case 7:
				ux, uy = w-1-y, h-1-x
			case 8:
				ux, uy = y, h-1-x
			}
			q := 0
			if ux >= w/2 {
				q++
			}
			if uy >= h/2 {
				q += 2
			}
			img.SetRGBA(x, y, quarters[q])
		}
	}
	return img
}

// orientationTIFF is a TIFF structure (big-endian) whose first IFD holds
// the orientation tag 0x0112 alone, saying o: the payload of a JPEG's
// Exif segment after its "Exif" prefix, and the whole of a PNG's eXIf
// chunk.
func orientationTIFF(o int) []byte {
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00")
	tiff[19] = byte(o)
	return tiff
}

// exifPNG returns a PNG of the picture exifJPEG makes, with an eXIf chunk
// that says o: right after IHDR, before the image data, or, when late,
// after it (where browsers, and briefing, let it be).
func exifPNG(t *testing.T, quarters []color.RGBA, w, h, o int, late bool) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, storedQuarters(quarters, w, h, o)); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	body := orientationTIFF(o)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	chunk = append(chunk, "eXIf"...)
	chunk = append(chunk, body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	at := 8 + 8 + 13 + 4 // after the signature and IHDR
	if late {
		at = len(data) - 12 // before IEND
	}
	return append(append(append([]byte{}, data[:at]...), chunk...), data[at:]...)
}

// TestLogoOrientation renders briefings whose template's logo is a
// phone-style JPEG, or a PNG with an eXIf chunk, of each EXIF orientation
// (1–8), small enough to be kept as it is (turned by the image matrix)
// and large enough to be scaled down (turned in pixels), and reads the
// header back as pixels (pdftoppm): seen upright, as a figure's picture
// is, red is top left, green top right, blue bottom left, yellow bottom
// right, and the logo is 3:2. pdfimages tells how each was stored: the
// kept one as stored, a JPEG with its tag set to upright, so that an
// extracted picture is not turned twice.
func TestLogoOrientation(t *testing.T) {
	testkit.Tool(t, "pdftoppm")
	testkit.Tool(t, "pdfimages")
	quarters := []color.RGBA{{0xe0, 0x20, 0x20, 0xff}, {0x20, 0xb0, 0x20, 0xff}, {0x20, 0x30, 0xe0, 0xff}, {0xf0, 0xe0, 0x20, 0xff}}
	src := "format = 2\nid = \"logo\"\ndate = 2023-12-04\ntlp = \"CLEAR\"\ntitle = \"Logo\"\nsummary = \"S\"\n"
	for o := 1; o <= 8; o++ {
		for _, c := range []struct {
			name, format string
			w, h         int
		}{{"kept", "jpg", 48, 32}, {"scaled", "jpg", 300, 200}, {"kept", "png", 48, 32}, {"scaled", "png", 300, 200}} {
			t.Run(fmt.Sprintf("%d/%s/%s", o, c.format, c.name), func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				data := exifJPEG(t, quarters, c.w, c.h, o)
				if c.format == "png" {
					data = exifPNG(t, quarters, c.w, c.h, o, false)
				}
				writeFile(t, dir, "logo."+c.format, string(data))
				th, err := theme.Load(writeFile(t, dir, "acme.toml", "[organization]\nname = \"Acme\"\nlogo = \"logo."+c.format+"\"\n"))
				if err != nil {
					t.Fatal(err)
				}
				r := File(context.Background(), writeFile(t, dir, "logo.toml", src), &Options{Dir: dir, Theme: th, Langs: []string{"en"}})
				if len(r.Diagnostics) > 0 || len(r.Outputs) != 1 {
					t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
				}
				pdf := r.Outputs[0].Path
				// The top left of the first page, 200 × 60 pt, at 4 pixels a point.
				testkit.Run(t, "pdftoppm", "-r", "288", "-f", "1", "-l", "1", "-x", "0", "-y", "0", "-W", "800", "-H", "240",
					"-png", "-singlefile", pdf, filepath.Join(dir, "p"))
				cx, cy, box := quarterCentres(t, filepath.Join(dir, "p.png"), quarters, "in the header")
				if !(cx[0] < cx[1] && cx[2] < cx[3] && cy[0] < cy[2] && cy[1] < cy[3]) {
					t.Errorf("the logo is not upright: centres red %d,%d green %d,%d blue %d,%d yellow %d,%d",
						cx[0], cy[0], cx[1], cy[1], cx[2], cy[2], cx[3], cy[3])
				}
				// 14 pt tall, 21 pt wide: 56 × 84 pixels.
				if w, h := box.Dx(), box.Dy(); absDiff(uint32(h), 56) > 3 || absDiff(uint32(w), 84) > 3 {
					t.Errorf("the logo is %d × %d pixels on the page, want 84 × 56 (14 pt tall, 3:2)", w, h)
				}
				// page num type width height color comp bpc enc …
				list := testkit.Run(t, "pdfimages", "-list", pdf)
				want := "87 58 rgb 3 8 image" // scaled down to 300 dpi, upright
				if c.name == "kept" {
					enc := map[string]string{"jpg": "jpeg", "png": "image"}[c.format]
					want = "48 32 rgb 3 8 " + enc
					if o >= 5 {
						want = "32 48 rgb 3 8 " + enc
					}
				}
				for _, line := range strings.Split(list, "\n")[2:] {
					if f := strings.Fields(line); len(f) > 8 && f[2] == "image" {
						if got := strings.Join(f[3:9], " "); got != want {
							t.Errorf("the logo is stored as %q, want %q", got, want)
						}
					}
				}
				if c.name == "kept" && c.format == "jpg" {
					testkit.Run(t, "pdfimages", "-j", "-f", "1", "-l", "1", pdf, filepath.Join(dir, "x"))
					data, err := os.ReadFile(filepath.Join(dir, "x-000.jpg"))
					if err != nil {
						t.Fatal(err)
					}
					if got, _ := raster.Orient(data); got != raster.Upright {
						t.Errorf("the JPEG in the PDF says orientation %d: a tool that extracts it turns it again", got)
					}
				}
			})
		}
	}
}
