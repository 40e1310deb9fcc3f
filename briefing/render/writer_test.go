package render

import (
	"bytes"
	stdadler32 "hash/adler32"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
)

// numbers returns values a page's numbers are made of, and the hard
// cases of rounding to a thousandth: ties exactly representable (k/16,
// which strconv rounds to even), values a hair either side of a tie,
// negative zero, huge values and NaN.
func numbers() []float64 {
	rng := rand.New(rand.NewPCG(5, 6))
	vs := []float64{0, math.Copysign(0, -1), 0.0005, -0.0005, 0.0004999, 0.00050001, 1e-9, 1 << 20, 1 << 30, -(1 << 30),
		1e300, -1e300, math.Inf(1), math.Inf(-1), math.NaN(), 841.89, 595.276, 0.1, 0.7, 2.675, 1.0005, 4.0045}
	for k := -5000; k <= 5000; k++ {
		v := float64(k) / 16
		vs = append(vs, v, math.Nextafter(v, 1e9), math.Nextafter(v, -1e9), float64(k)/2000, float64(k)/1000, float64(k)/7)
	}
	for range 30000 {
		vs = append(vs, (rng.Float64()-0.5)*2000, (rng.Float64()-0.5)*2, (rng.Float64()-0.5)*2e9, rng.NormFloat64()*1e-3)
	}
	return vs
}

// TestAppendNum compares appendNum and appendRounded with the strconv
// formatting they stand for.
func TestAppendNum(t *testing.T) {
	num := func(v float64) string {
		if v > -0.0005 && v < 0.0005 {
			return "0"
		}
		s := strconv.FormatFloat(v, 'f', 3, 64)
		i := len(s)
		for i > 0 && s[i-1] == '0' {
			i--
		}
		if i > 0 && s[i-1] == '.' {
			i--
		}
		return s[:i]
	}
	for _, v := range numbers() {
		if got, want := string(appendNum([]byte("x"), v)), "x"+num(v); got != want {
			t.Errorf("appendNum(%v) = %s, want %s", v, got, want)
		}
		if got, want := string(appendRounded([]byte("x"), v)), "x"+strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64); got != want {
			t.Errorf("appendRounded(%v) = %s, want %s", v, got, want)
		}
	}
}

// TestAdler32 compares adler32 with hash/adler32 on texts of every length
// to a few hundred bytes, on bytes of 0xFF (the largest sums) around the
// lengths at which the sums are reduced, and on a long random text.
func TestAdler32(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	random := make([]byte, 200_000)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	ff := bytes.Repeat([]byte{0xFF}, 4*5552+64)
	var cases [][]byte
	for n := range 300 {
		cases = append(cases, random[:n], random[1000+n:1000+2*n])
	}
	for _, n := range []int{5551, 5552, 5553, 5559, 5560, 2*5552 - 1, 2 * 5552, 2*5552 + 7, 4*5552 + 64} {
		cases = append(cases, ff[:n], random[:n])
	}
	cases = append(cases, random)
	for _, b := range cases {
		if got, want := adler32(b), stdadler32.Checksum(b); got != want {
			t.Fatalf("adler32 of %d bytes (%x…) = %08x, want %08x", len(b), b[:min(len(b), 8)], got, want)
		}
	}
}

// TestCompressLikeZlib compresses texts of many lengths and kinds (none
// at all, content streams, font-like binary data) at the levels of the
// streams and the font programs and compares the bytes with those of
// klauspost/compress's zlib writer, whose framing compress writes itself.
func TestCompressLikeZlib(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	content := bytes.Repeat([]byte("BT /F0 10.5 Tf 57 705.12 Td <00140013000d> Tj ET\n0.2 0.4 0.6 rg 60 280 200 -30 re f\n"), 2000)
	binary := make([]byte, 150_000)
	for i := range binary {
		binary[i] = byte(rng.IntN(40))
	}
	texts := [][]byte{nil, {}, []byte("x"), content[:100], content[:70_000], content, binary[:1000], binary}
	w := newWriter(0)
	defer w.release()
	for _, level := range []int{zlibLevel, fontLevel} {
		var zw *flate.Writer
		for round := range 2 { // a compressor new, then reused
			for i, data := range texts {
				var want bytes.Buffer
				z, err := zlib.NewWriterLevel(&want, level)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := z.Write(data); err != nil {
					t.Fatal(err)
				}
				if err := z.Close(); err != nil {
					t.Fatal(err)
				}
				if err := w.compress(&zw, level, data); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(w.zbuf.Bytes(), want.Bytes()) {
					t.Errorf("level %d, round %d, text %d (%d bytes): compress gives %d bytes, the zlib writer %d", level, round, i, len(data), w.zbuf.Len(), want.Len())
				}
			}
		}
	}
}
