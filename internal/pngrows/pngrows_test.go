package pngrows

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/klauspost/compress/zlib"
)

// kind is a PNG colour type and bit depth, with or without tRNS.
type kind struct {
	color, depth int
	trans        bool
}

// kinds are every colour type and depth PNG allows, and tRNS where it may be.
var kinds = func() []kind {
	var ks []kind
	for _, d := range []int{1, 2, 4, 8, 16} {
		ks = append(ks, kind{Grey, d, false}, kind{Grey, d, true})
		if d <= 8 {
			ks = append(ks, kind{Palette, d, false}, kind{Palette, d, true})
		}
	}
	for _, c := range []int{RGB, GreyAlpha, RGBA} {
		for _, d := range []int{8, 16} {
			ks = append(ks, kind{c, d, false})
			if c == RGB {
				ks = append(ks, kind{c, d, true})
			}
		}
	}
	return ks
}()

// chunk appends a PNG chunk.
func chunk(b []byte, typ string, data []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	start := len(b)
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}

// encode writes a w × h picture of kind k from random samples, each
// stored row filtered with the next of the five filters, interlaced or
// not, its image data cut into IDAT chunks of at most idat bytes.
func encode(t testing.TB, r *rand.Rand, k kind, w, h int, interlaced bool, idat int) []byte {
	hd := Header{Width: w, Height: h, Depth: k.depth, Color: k.color}
	b := append([]byte(nil), pngMagic...)
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	il := byte(0)
	if interlaced {
		il = 1
	}
	ihdr = append(ihdr, byte(k.depth), byte(k.color), 0, 0, il)
	b = chunk(b, "IHDR", ihdr)
	b = chunk(b, "gAMA", []byte{0, 0, 0xb1, 0x8f}) // skipped, as image/png skips it
	max := 1<<min(k.depth, 8) - 1
	if k.color == Palette {
		n := 1 + r.IntN(1<<k.depth)
		pal := make([]byte, 3*n)
		for i := range pal {
			pal[i] = byte(r.IntN(256))
		}
		b = chunk(b, "PLTE", pal)
		if k.trans {
			tr := make([]byte, 1+r.IntN(n))
			for i := range tr {
				tr[i] = byte(r.IntN(256))
			}
			b = chunk(b, "tRNS", tr)
		}
	} else if k.trans {
		tr := make([]byte, 2*hd.samples())
		for i := 0; i < len(tr); i += 2 {
			// A value the samples take often: few random ones below.
			v := r.IntN(2) * max
			if k.depth == 16 {
				v = r.IntN(2) * 0xffff
			}
			binary.BigEndian.PutUint16(tr[i:], uint16(v))
		}
		b = chunk(b, "tRNS", tr)
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	f := 0
	row := func(pw int) {
		n := hd.rowBytes(pw)
		raw := make([]byte, n)
		for i := range raw {
			if r.IntN(3) == 0 {
				raw[i] = byte(r.IntN(256))
			} else if i > 0 {
				raw[i] = raw[i-1]
			}
		}
		if k.depth >= 8 && k.color != Palette && r.IntN(2) == 0 {
			for i := range raw {
				raw[i] = byte(max) // the transparent colour, now and then
			}
		}
		if k.color == Palette && k.depth == 8 {
			for i := range raw {
				raw[i] = byte(r.IntN(260)) // an index past the palette, now and then
			}
		}
		zw.Write([]byte{byte(f)})
		zw.Write(filter(f, raw, max1(hd.samples()*k.depth/8)))
		f = (f + 1) % 5
	}
	if interlaced {
		for p := range 7 {
			pw, ph := passSize(p, w, h)
			if pw == 0 {
				continue
			}
			prevRow = nil
			for range ph {
				row(pw)
			}
		}
	} else {
		prevRow = nil
		for range h {
			row(w)
		}
	}
	zw.Close()
	data := z.Bytes()
	for len(data) > 0 {
		n := min(len(data), idat)
		b = chunk(b, "IDAT", data[:n])
		data = data[n:]
	}
	return chunk(b, "IEND", nil)
}

func max1(n int) int { return max(1, n) }

// prevRow is the row above, unfiltered, while encode filters.
var prevRow []byte

// filter filters raw with filter type f (PNG 9.2).
func filter(f int, raw []byte, bpp int) []byte {
	prev := prevRow
	if prev == nil {
		prev = make([]byte, len(raw))
	}
	out := make([]byte, len(raw))
	for i := range raw {
		var a, b, c byte
		if i >= bpp {
			a, c = raw[i-bpp], prev[i-bpp]
		}
		b = prev[i]
		switch f {
		case 0:
			out[i] = raw[i]
		case 1:
			out[i] = raw[i] - a
		case 2:
			out[i] = raw[i] - b
		case 3:
			out[i] = raw[i] - byte((int(a)+int(b))/2)
		case 4:
			out[i] = raw[i] - paeth(a, b, c)
		}
	}
	prevRow = raw
	return out
}

// rows reads every row of data through a Decoder.
func rows(data []byte) (*Decoder, [][]byte, error) {
	d, err := NewDecoder(data)
	if err != nil {
		return nil, nil, err
	}
	var out [][]byte
	for {
		row, err := d.Next()
		if err == io.EOF {
			return d, out, nil
		}
		if err != nil {
			return d, out, err
		}
		out = append(out, bytes.Clone(row))
	}
}

// same checks that the rows give what image/png decodes, pixel by pixel
// through color.NRGBAModel.
func same(t *testing.T, data []byte) {
	t.Helper()
	want, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("image/png: %v", err)
	}
	d, got, err := rows(data)
	if err != nil {
		t.Fatalf("pngrows: %v", err)
	}
	if err := Check(data); err != nil {
		t.Fatalf("Check: %v", err)
	}
	c := d.Channels()
	if len(got) != d.Height || want.Bounds() != image.Rect(0, 0, d.Width, d.Height) {
		t.Fatalf("%d rows of %d × %d, image/png %v", len(got), d.Width, d.Height, want.Bounds())
	}
	for y, row := range got {
		for x := range d.Width {
			w := color.NRGBAModel.Convert(want.At(x, y)).(color.NRGBA)
			px := row[x*c : x*c+c]
			var g color.NRGBA
			switch c {
			case 1:
				g = color.NRGBA{px[0], px[0], px[0], 0xff}
			case 2:
				g = color.NRGBA{px[0], px[0], px[0], px[1]}
			case 3:
				g = color.NRGBA{px[0], px[1], px[2], 0xff}
			case 4:
				g = color.NRGBA{px[0], px[1], px[2], px[3]}
			}
			if g != w {
				t.Fatalf("pixel %d, %d: %v, image/png %v", x, y, g, w)
			}
		}
	}
}

// TestKinds: every colour type and depth, with and without a transparent
// colour, interlaced or not, odd sizes (rows ending inside a byte, empty
// passes), every filter, IDAT chunks of a few bytes or one: the rows are
// image/png's pixels.
func TestKinds(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, k := range kinds {
		for _, interlaced := range []bool{false, true} {
			for _, size := range [][2]int{{1, 1}, {3, 2}, {13, 9}, {37, 20}} {
				name := fmt.Sprintf("color%d-depth%d-trns%v-interlaced%v-%dx%d", k.color, k.depth, k.trans, interlaced, size[0], size[1])
				t.Run(name, func(t *testing.T) {
					same(t, encode(t, r, k, size[0], size[1], interlaced, 1+r.IntN(64)))
				})
			}
		}
	}
}

// TestEncoder: what image/png writes (the kinds of a screenshot saved by
// Go programs) reads back the same.
func TestEncoder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	rect := image.Rect(0, 0, 61, 17)
	grey, grey16 := image.NewGray(rect), image.NewGray16(rect)
	rgba, nrgba, rgba64, nrgba64 := image.NewRGBA(rect), image.NewNRGBA(rect), image.NewRGBA64(rect), image.NewNRGBA64(rect)
	pal := image.NewPaletted(rect, color.Palette{color.NRGBA{1, 2, 3, 0}, color.NRGBA{200, 100, 50, 128}, color.White, color.Black})
	for y := range rect.Dy() {
		for x := range rect.Dx() {
			v := uint8(r.IntN(256))
			grey.SetGray(x, y, color.Gray{v})
			grey16.SetGray16(x, y, color.Gray16{uint16(v) * 257})
			rgba.SetRGBA(x, y, color.RGBA{v, v / 2, 255 - v, 255})
			nrgba.SetNRGBA(x, y, color.NRGBA{v, v / 2, 255 - v, v / 3})
			rgba64.SetRGBA64(x, y, color.RGBA64{uint16(v) * 250, 7, 0, 0xffff})
			nrgba64.SetNRGBA64(x, y, color.NRGBA64{uint16(v) * 250, 7, 0, uint16(v) * 99})
			pal.SetColorIndex(x, y, uint8(r.IntN(4)))
		}
	}
	for _, img := range []image.Image{grey, grey16, rgba, nrgba, rgba64, nrgba64, pal} {
		for _, level := range []png.CompressionLevel{png.NoCompression, png.BestSpeed, png.BestCompression} {
			var b bytes.Buffer
			if err := (&png.Encoder{CompressionLevel: level}).Encode(&b, img); err != nil {
				t.Fatal(err)
			}
			t.Run(fmt.Sprintf("%T-%d", img, level), func(t *testing.T) { same(t, b.Bytes()) })
		}
	}
}

// TestDamaged: a picture cut anywhere is cut short (io.ErrUnexpectedEOF);
// one byte changed anywhere is an error, or decodes as image/png decodes
// it; never a panic.
func TestDamaged(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, k := range []kind{{RGB, 8, false}, {Palette, 4, true}, {RGBA, 16, false}, {Grey, 1, true}} {
		for _, interlaced := range []bool{false, true} {
			data := encode(t, r, k, 23, 11, interlaced, 40)
			for n := len(pngMagic); n < len(data); n++ {
				_, _, err := rows(data[:n])
				if !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Fatalf("%v cut to %d of %d bytes: %v, not cut short", k, n, len(data), err)
				}
			}
			for i := len(pngMagic); i < len(data); i++ {
				bad := bytes.Clone(data)
				bad[i] ^= 0x10
				_, _, err := rows(bad)
				if err == nil {
					t.Fatalf("%v with byte %d changed: no error", k, i)
				}
				if err := Check(bad); err == nil {
					t.Fatalf("%v with byte %d changed: Check found no error", k, i)
				}
			}
		}
	}
}

// TestLeftOver: bytes after the image data's zlib stream are let be, as
// image/png lets them be; pixel data past the last row is an error.
func TestLeftOver(t *testing.T) {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 5, 5)))
	h, idat, err := Parse(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	build := func(parts ...[]byte) []byte {
		out := append([]byte(nil), pngMagic...)
		ihdr := binary.BigEndian.AppendUint32(nil, uint32(h.Width))
		ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h.Height))
		out = chunk(out, "IHDR", append(ihdr, 8, 0, 0, 0, 0))
		for _, p := range parts {
			out = chunk(out, "IDAT", p)
		}
		return chunk(out, "IEND", nil)
	}
	z := bytes.Join(idat, nil)
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"as written", build(z), ""},
		{"an empty IDAT after", build(z, nil), ""},
		{"a byte after the zlib stream", build(append(bytes.Clone(z), 0)), ""},
		{"a row more", build(func() []byte {
			var b bytes.Buffer
			zw := zlib.NewWriter(&b)
			zw.Write(make([]byte, 6*(h.Height+1)))
			zw.Close()
			return b.Bytes()
		}()), "too much pixel data"},
	} {
		_, _, err := rows(c.data)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if _, err2 := png.Decode(bytes.NewReader(c.data)); (err2 == nil) != (err == nil) {
			t.Errorf("%s: %v; image/png: %v", c.name, err, err2)
		}
	}
}

// orders are pictures whose chunks image/png takes or refuses in ways
// a reader of the PNG standard might not expect, each a name, the file
// and whether image/png takes it.
func orders() []struct {
	name string
	data []byte
	ok   bool
} {
	ihdr := func(w, h, depth, color int) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(w))
		b = binary.BigEndian.AppendUint32(b, uint32(h))
		return append(b, byte(depth), byte(color), 0, 0, 0)
	}
	// zrows is the image data of h rows of n bytes, filter None, then
	// extra bytes.
	zrows := func(h, n int, v func(y, i int) byte, extra int) []byte {
		var b bytes.Buffer
		zw := zlib.NewWriter(&b)
		for y := range h {
			row := []byte{0}
			for i := range n {
				row = append(row, v(y, i))
			}
			zw.Write(row)
		}
		zw.Close()
		return append(b.Bytes(), make([]byte, extra)...)
	}
	// file is a PNG of the chunks given as type, data, type, data …
	file := func(parts ...any) []byte {
		b := bytes.Clone(pngMagic)
		for i := 0; i < len(parts); i += 2 {
			b = chunk(b, parts[i].(string), parts[i+1].([]byte))
		}
		return b
	}
	idx := func(y, i int) byte { return byte(y*7 + i) } // indices past the palette too
	pal4 := []byte{255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9}
	alphas := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(255 - 13*i)
		}
		return b
	}
	grey := zrows(6, 6, func(y, i int) byte { return byte(40*y + i) }, 0)
	rgb := zrows(6, 18, func(y, i int) byte { return byte(40*y + 3*i) }, 0)
	big := zrows(300, 300, func(y, i int) byte { return byte(y*y + 3*i) }, 0)
	return []struct {
		name string
		data []byte
		ok   bool
	}{
		{"tRNS longer than the palette", file("IHDR", ihdr(6, 6, 8, Palette), "PLTE", pal4, "tRNS", alphas(20), "IDAT", zrows(6, 6, idx, 0), "IEND", []byte{}), true},
		{"tRNS of 256 entries, palette of 2 bits", file("IHDR", ihdr(6, 6, 2, Palette), "PLTE", pal4[:6], "tRNS", alphas(256), "IDAT", zrows(6, 2, idx, 0), "IEND", []byte{}), true},
		{"tRNS of 257 entries", file("IHDR", ihdr(6, 6, 8, Palette), "PLTE", pal4, "tRNS", alphas(257), "IDAT", zrows(6, 6, idx, 0), "IEND", []byte{}), false},
		{"two tRNS", file("IHDR", ihdr(6, 6, 8, Palette), "PLTE", pal4, "tRNS", alphas(2), "tRNS", alphas(2), "IDAT", zrows(6, 6, idx, 0), "IEND", []byte{}), false},
		{"a palette longer than its depth allows", file("IHDR", ihdr(6, 6, 1, Palette), "PLTE", pal4[:9], "IDAT", zrows(6, 1, idx, 0), "IEND", []byte{}), false},
		{"a chunk before IHDR", file("tEXt", []byte("Comment\x00before"), "IHDR", ihdr(6, 6, 8, Grey), "IDAT", grey, "IEND", []byte{}), true},
		{"PLTE before IHDR", file("PLTE", pal4, "IHDR", ihdr(6, 6, 8, Palette), "IDAT", zrows(6, 6, idx, 0), "IEND", []byte{}), false},
		{"an IDAT after a gap, the image data read", file("IHDR", ihdr(6, 6, 8, Grey), "IDAT", grey, "tEXt", []byte("a\x00b"), "IDAT", []byte("junk"), "IEND", []byte{}), true},
		{"an IDAT after a gap, the image data not read", file("IHDR", ihdr(6, 6, 8, Grey), "IDAT", grey[:20], "tEXt", []byte("a\x00b"), "IDAT", grey[20:], "IEND", []byte{}), false},
		{"IEND not empty", file("IHDR", ihdr(6, 6, 8, Grey), "IDAT", grey, "IEND", []byte{0}), false},
		{"RGB: PLTE then tRNS", file("IHDR", ihdr(6, 6, 8, RGB), "PLTE", pal4, "tRNS", []byte{0, 40, 0, 3, 0, 6}, "IDAT", rgb, "IEND", []byte{}), true},
		{"RGB: tRNS then PLTE", file("IHDR", ihdr(6, 6, 8, RGB), "tRNS", []byte{0, 40, 0, 3, 0, 6}, "PLTE", pal4, "IDAT", rgb, "IEND", []byte{}), false},
		// image/png reads 4096 bytes at a time from a chunk's start.
		{"bytes after the zlib stream up to the end of its read", file("IHDR", ihdr(300, 300, 8, Grey), "IDAT", append(bytes.Clone(big), make([]byte, 4096-len(big)%4096)...), "IEND", []byte{}), true},
		{"bytes after the zlib stream past the end of its read", file("IHDR", ihdr(300, 300, 8, Grey), "IDAT", append(bytes.Clone(big), make([]byte, 4097-len(big)%4096)...), "IEND", []byte{}), false},
		{"bytes after the zlib stream in a chunk of their own", file("IHDR", ihdr(300, 300, 8, Grey), "IDAT", big, "IDAT", make([]byte, 5000), "IEND", []byte{}), true},
	}
}

// TestOrders: pictures whose chunks image/png takes are taken, with its
// pixels; those it refuses are refused.
func TestOrders(t *testing.T) {
	for _, c := range orders() {
		t.Run(c.name, func(t *testing.T) {
			_, err2 := png.Decode(bytes.NewReader(c.data))
			if (err2 == nil) != c.ok {
				t.Fatalf("image/png: %v", err2)
			}
			if c.ok {
				same(t, c.data)
			} else if _, _, err := rows(c.data); err == nil {
				t.Fatalf("taken; image/png: %v", err2)
			}
		})
	}
}

// TestInterlacedMemory: an interlaced picture is read in a few rows'
// memory, as a non-interlaced one, not with its first six passes (half
// its samples, 2.1 MB here) held.
func TestInterlacedMemory(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	const w, h = 1000, 1400
	for _, interlaced := range []bool{false, true} {
		data := encode(t, r, kind{RGB, 8, false}, w, h, interlaced, 1<<20)
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		d, err := NewDecoder(data)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for {
			_, err := d.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		runtime.ReadMemStats(&m1)
		got := m1.TotalAlloc - m0.TotalAlloc
		t.Logf("interlaced %v: %d rows, %.2f MB allocated", interlaced, n, float64(got)/1e6)
		if n != h || got > 1200<<10 {
			t.Errorf("interlaced %v: %d rows, %.2f MB allocated, want %d rows in at most 1.2 MB", interlaced, n, float64(got)/1e6, h)
		}
	}
}

// FuzzRows reads any bytes a row at a time, seeded with small pictures
// of every kind (colour types, depths, tRNS, Adam7), their chunks' CRCs
// made right so that changes reach past them (TestDamaged checks CRCs):
// never a panic, an error exactly where image/png gives one, and the
// rows image/png's pixels.
func FuzzRows(f *testing.F) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, k := range kinds {
		for _, interlaced := range []bool{false, true} {
			f.Add(encode(f, r, k, 5, 3, interlaced, 16))
		}
	}
	for _, c := range orders() {
		if len(c.data) < 2000 {
			f.Add(c.data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		data = rightCRCs(data)
		if c, err := png.DecodeConfig(bytes.NewReader(data)); err == nil && c.Width*c.Height > 1<<16 {
			return // rows and pictures too large to allocate often
		}
		if _, _, err := Parse(data); err != nil {
			if _, err2 := png.Decode(bytes.NewReader(data)); err2 == nil {
				t.Fatalf("Parse: %v; image/png decodes it", err)
			}
			return
		}
		d, got, err := rows(data)
		err3 := Check(data)
		if (err3 == nil) != (err == nil) {
			t.Fatalf("Check: %v; reading the rows: %v", err3, err)
		}
		want, err2 := png.Decode(bytes.NewReader(data))
		if err != nil {
			if err2 == nil {
				t.Fatalf("%v; image/png decodes it", err)
			}
			if err.Error() != err2.Error() || err3.Error() != err2.Error() {
				t.Fatalf("rows: %v; Check: %v; image/png: %v", err, err3, err2)
			}
			return
		}
		if err2 != nil {
			t.Fatalf("image/png: %v; the rows were read", err2)
		}
		c := d.Channels()
		for y, row := range got {
			for x := range d.Width {
				w := color.NRGBAModel.Convert(want.At(x, y)).(color.NRGBA)
				px := row[x*c : x*c+c]
				g := color.NRGBA{px[0], px[0], px[0], 0xff}
				switch c {
				case 2:
					g.A = px[1]
				case 3:
					g.G, g.B = px[1], px[2]
				case 4:
					g.G, g.B, g.A = px[1], px[2], px[3]
				}
				if g != w {
					t.Fatalf("pixel %d, %d: %v, image/png %v", x, y, g, w)
				}
			}
		}
	})
}

// rightCRCs returns data with the CRC of each whole chunk made right.
func rightCRCs(data []byte) []byte {
	data = bytes.Clone(data)
	for p := len(pngMagic); p+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[p:]))
		if n < 0 || n > len(data)-p-12 {
			break
		}
		binary.BigEndian.PutUint32(data[p+8+n:], crc32.ChecksumIEEE(data[p+4:p+8+n]))
		p += 12 + n
	}
	return data
}

// TestMessages: a picture whose image data is damaged gives, through
// the rows and through Check, image/png's error for the same file, word
// for word: one of three bits flipped at every byte of the IHDR and IDAT
// payloads of small pictures of each kind, their chunks' CRCs made right
// so that the flip reaches the header's checks or the inflater (a wrong
// zlib checksum, deflate data that breaks off or runs on, a bad filter
// type).
func TestMessages(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	msg := func(err error) string {
		if err == nil {
			return "no error"
		}
		return err.Error()
	}
	for _, k := range kinds {
		for _, interlaced := range []bool{false, true} {
			data := encode(t, r, k, 9, 5, interlaced, 24)
			var names []string
			var cases []string
			at := idatBytes(data)
			for i := range 13 { // IHDR's fields
				at = append(at, len(pngMagic)+8+i)
			}
			for _, i := range at {
				for _, bit := range []byte{0x01, 0x10, 0x80} {
					bad := bytes.Clone(data)
					bad[i] ^= bit
					cases = append(cases, string(rightCRCs(bad)))
					names = append(names, fmt.Sprintf("byte %d ^ %#x", i, bit))
				}
			}
			for j, c := range cases {
				bad, name := []byte(c), names[j]
				if c, err := png.DecodeConfig(bytes.NewReader(bad)); err == nil && c.Width*c.Height > 1<<16 {
					continue // a flip in IHDR: too large to decode whole
				}
				_, err2 := png.Decode(bytes.NewReader(bad))
				want := msg(err2)
				_, _, err := rows(bad)
				if got := msg(err); got != want {
					t.Errorf("%v interlaced %v, %s: rows %q; image/png %q", k, interlaced, name, got, want)
				}
				if got := msg(Check(bad)); got != want {
					t.Errorf("%v interlaced %v, %s: Check %q; image/png %q", k, interlaced, name, got, want)
				}
			}
		}
	}
}

// idatBytes is the offsets of the bytes of data's IDAT payloads.
func idatBytes(data []byte) []int {
	var at []int
	for p := len(pngMagic); p+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[p:]))
		if string(data[p+4:p+8]) == "IDAT" {
			for i := range n {
				at = append(at, p+8+i)
			}
		}
		p += 12 + n
	}
	return at
}
