package theme

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/image/draw"

	"briefing/briefing/diag"
	"briefing/internal/testkit"
)

// picture encodes a w × h picture with a gradient in format ("png" or
// "jpeg").
func picture(t testing.TB, format string, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, color.NRGBA{R: uint8(x * 255 / w), G: uint8(y * 255 / h), B: 0x80, A: 0xFF})
		}
	}
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// loadWithLogo loads a template naming a logo file with the given
// contents.
func loadWithLogo(t *testing.T, name string, data []byte, extra string) (*Theme, error) {
	t.Helper()
	dir := write(t, map[string]string{
		"t.toml": extra + "[organization]\nname = \"Acme\"\nlogo = \"" + name + "\"\n",
		name:     string(data),
	})
	return Load(filepath.Join(dir, "t.toml"))
}

// TestLogoDamaged: a logo that is cut short or damaged anywhere (not only
// in its header) is refused when the template is loaded, once, at the
// logo's key, with what is wrong.
func TestLogoDamaged(t *testing.T) {
	pngData := picture(t, "png", 64, 48)
	jpegData := picture(t, "jpeg", 64, 48)
	// The pixels' checksum changed.
	idat := bytes.Index(pngData, []byte("IDAT"))
	n := int(binary.BigEndian.Uint32(pngData[idat-4:]))
	badSum := bytes.Clone(pngData)
	badSum[idat+4+n] ^= 0x55
	// A byte of the compressed pixels changed, the checksum fixed.
	fixed := bytes.Clone(pngData)
	fixed[idat+10] ^= 0x55
	binary.BigEndian.PutUint32(fixed[idat+4+n:], crc32.ChecksumIEEE(fixed[idat:idat+4+n]))
	// A PNG claiming 100000 × 100000 pixels (its header's checksum fixed).
	bomb := bytes.Clone(pngData)
	ihdr := bytes.Index(bomb, []byte("IHDR"))
	binary.BigEndian.PutUint32(bomb[ihdr+4:], 100000)
	binary.BigEndian.PutUint32(bomb[ihdr+8:], 100000)
	binary.BigEndian.PutUint32(bomb[ihdr+17:], crc32.ChecksumIEEE(bomb[ihdr:ihdr+17]))
	// PNGs claiming 1 × 1,000,001 and 1,000,001 × 1 pixels.
	long := func(w, h uint32) []byte {
		b := bytes.Clone(pngData)
		binary.BigEndian.PutUint32(b[ihdr+4:], w)
		binary.BigEndian.PutUint32(b[ihdr+8:], h)
		binary.BigEndian.PutUint32(b[ihdr+17:], crc32.ChecksumIEEE(b[ihdr:ihdr+17]))
		return b
	}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"png 1 × 1000001", long(1, 1_000_001), "1 × 1000001 pixels: a logo is at most 1000000 pixels wide and 1000000 pixels tall (a longer side prints under a pixel across)"},
		{"png 1000001 × 1", long(1_000_001, 1), "1000001 × 1 pixels: a logo is at most 1000000 pixels wide"},
		{"truncated png", pngData[:len(pngData)/2], "damaged PNG file: png: invalid format: not enough pixel data"},
		{"png without its end", pngData[:len(pngData)-12], "damaged PNG file: unexpected EOF"},
		{"png checksum", badSum, "damaged PNG file: png: invalid format: invalid checksum"},
		{"png data", fixed, "damaged PNG file: flate: corrupt input"},
		{"truncated jpeg", jpegData[:len(jpegData)/2], "damaged JPEG file: "},
		{"jpeg header only", jpegData[:200], "damaged JPEG file: "},
		{"png of 10 gigapixels", bomb, "100000 × 100000 pixels is more than the 36 megapixels read; a logo is printed 14 pt tall, so 58 pixels of height are plenty"},
		{"not a picture", []byte("GIF89a"), "is not a PNG or JPEG file"},
		{"empty", nil, "is not a PNG or JPEG file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadWithLogo(t, "logo.png", c.data, "")
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("want one error, got %v", err)
			}
			d := list[0]
			if d.Line != 3 || d.Col != 1 || d.Key != "organization.logo" || !strings.Contains(d.Message, c.want) {
				t.Errorf("got %s\nwant t.toml:3:1: organization.logo: …%s…", d, c.want)
			}
		})
	}
}

// TestLogoScaledDown: a logo finer than 300 dpi at the size the running
// header prints it (14 pt tall, at most a quarter of the text width wide)
// is scaled down to that when the template is loaded; a smaller one is
// kept byte for byte.
func TestLogoScaledDown(t *testing.T) {
	for _, c := range []struct {
		name         string
		format       string
		w, h         int
		extra        string
		wantW, wantH int
		kept         bool
	}{
		// A marketing PNG (5:4 as the 5000 × 4000 one of the build and
		// command tests): 14 pt is 58.3 pixels at 300 dpi, 17.5 pt 72.9.
		{"2500x2000 png", "png", 2500, 2000, "", 72, 58, false},
		{"jpeg", "jpeg", 1200, 600, "", 116, 58, false},
		// 20:1 is limited by the width: a quarter of A4's text width
		// (481.9 pt) is 120.5 pt, 501.97 pixels.
		{"wide", "png", 4000, 200, "", 501, 25, false},
		{"wide on letter", "png", 4000, 200, "paper = \"Letter\"\n", 518, 25, false},
		{"small", "png", 64, 48, "", 64, 48, true},
		{"small jpeg", "jpeg", 64, 48, "", 64, 48, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			data := picture(t, c.format, c.w, c.h)
			th, err := loadWithLogo(t, "logo."+c.format, data, c.extra)
			if err != nil {
				t.Fatal(err)
			}
			l := th.Logo
			if l.Width != c.wantW || l.Height != c.wantH {
				t.Errorf("logo %d×%d, want %d×%d", l.Width, l.Height, c.wantW, c.wantH)
			}
			if c.kept {
				if !bytes.Equal(l.Data, data) || l.Type != c.format {
					t.Errorf("a small logo is not kept as it is (%s)", l.Type)
				}
				return
			}
			img, err := png.Decode(bytes.NewReader(l.Data))
			if err != nil || l.Type != "png" {
				t.Fatalf("scaled logo (%s): %v", l.Type, err)
			}
			if b := img.Bounds(); b.Dx() != c.wantW || b.Dy() != c.wantH {
				t.Errorf("PNG of %v, want %d×%d", b, c.wantW, c.wantH)
			}
			// The picture is scaled, not cropped: the gradient runs
			// from left to right across it.
			r0, _, _, _ := img.At(0, c.wantH/2).RGBA()
			r1, _, _, _ := img.At(c.wantW-1, c.wantH/2).RGBA()
			if r0>>8 > 10 || r1>>8 < 245 {
				t.Errorf("red from %d to %d across the logo, want 0 to 255", r0>>8, r1>>8)
			}
			w, h := logoSize(c.w, c.h, th.Paper)
			if dpi := float64(l.Width) / (w / 72); dpi > 300 || dpi < 290 {
				t.Errorf("%.0f dpi at %.1f × %.1f pt", dpi, w, h)
			}
		})
	}
}

// TestLogoRows: a large PNG logo is scaled down a row at a time, as a
// figure's picture is: loading a template with a 3000 × 2000 logo (24 MB
// of pixels decoded whole) allocates a few MB more than without it, and
// the logo looks as the bilinear scaling of the whole picture did (mean
// difference under 2 of 255 a sample, the bars' edges within 40).
func TestLogoRows(t *testing.T) {
	const w, h = 3000, 2000
	src := testkit.Lettered(w, h)
	var buf bytes.Buffer
	(&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, src)
	data := buf.Bytes()
	alloc := func(f func()) uint64 {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		f()
		runtime.ReadMemStats(&m1)
		return m1.TotalAlloc - m0.TotalAlloc
	}
	var th *Theme
	without := alloc(func() {
		if _, err := loadWithLogo(t, "logo.png", picture(t, "png", 8, 8), ""); err != nil {
			t.Fatal(err)
		}
	})
	with := alloc(func() {
		var err error
		if th, err = loadWithLogo(t, "logo.png", data, ""); err != nil {
			t.Fatal(err)
		}
	})
	extra := float64(with-without)/(1<<20) - float64(2*len(data))/(1<<20) // the file, read and written
	t.Logf("%.1f MB with the logo, %.1f without; %.1f MB besides its file", float64(with)/(1<<20), float64(without)/(1<<20), extra)
	if extra > 6 {
		t.Errorf("a %d × %d logo took %.1f MB besides its file: decoded whole", w, h, extra)
	}
	l := th.Logo
	got, err := png.Decode(bytes.NewReader(l.Data))
	if err != nil || l.Type != "png" || got.Bounds() != image.Rect(0, 0, l.Width, l.Height) || l.Width != 87 || l.Height != 58 {
		t.Fatalf("logo %s %d × %d: %v", l.Type, l.Width, l.Height, err)
	}
	old := image.NewRGBA(got.Bounds())
	draw.BiLinear.Scale(old, old.Bounds(), src, src.Bounds(), draw.Src, nil)
	var sum, most int
	for y := range l.Height {
		for x := range l.Width {
			a := color.NRGBAModel.Convert(got.At(x, y)).(color.NRGBA)
			b := color.NRGBAModel.Convert(old.At(x, y)).(color.NRGBA)
			for _, d := range []int{int(a.R) - int(b.R), int(a.G) - int(b.G), int(a.B) - int(b.B), int(a.A) - int(b.A)} {
				d = max(d, -d)
				sum, most = sum+d, max(most, d)
			}
		}
	}
	mean := float64(sum) / float64(4*l.Width*l.Height)
	t.Logf("against bilinear: mean difference %.2f, largest %d", mean, most)
	if mean > 2 || most > 40 {
		t.Errorf("against bilinear: mean difference %.2f, largest %d", mean, most)
	}
}
