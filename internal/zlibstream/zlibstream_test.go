package zlibstream

import (
	"bytes"
	stdadler "hash/adler32"
	"math/rand/v2"
	"testing"

	"github.com/klauspost/compress/zlib"
)

// TestCompressLikeZlib compresses data of several kinds and sizes (none,
// less and more than a chunk, a font program's worth) at every level, one
// Writer a level for all in turn, and wants the bytes
// klauspost/compress's zlib writer makes of them.
func TestCompressLikeZlib(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	random := make([]byte, 5*chunk+13)
	for i := range random {
		random[i] = byte(r.Uint32() % 40)
	}
	text := bytes.Repeat([]byte("BT /F0 9 Tf 56.693 785.197 Td <0012003400560078> Tj ET\n"), 2000)
	var inputs [][]byte
	for _, n := range []int{0, 1, 7, 200, chunk - 1, chunk, chunk + 1, 74528, len(random)} {
		inputs = append(inputs, random[:n], text[:min(n, len(text))])
	}
	for level := -2; level <= 9; level++ {
		w, err := New(level)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range inputs {
			var want bytes.Buffer
			z, err := zlib.NewWriterLevel(&want, level)
			if err != nil {
				t.Fatal(err)
			}
			z.Write(in)
			z.Close()
			got := bytes.NewBufferString("before")
			if err := w.Compress(got, in); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), append([]byte("before"), want.Bytes()...)) {
				t.Errorf("level %d, %d bytes: %d bytes compressed, zlib's writer makes %d other bytes", level, len(in), got.Len()-6, want.Len())
			}
		}
	}
	if _, err := New(10); err == nil {
		t.Error("level 10 is no error")
	}
}

// TestAdler32 compares adler32 with hash/adler32 on data of every length
// up to three blocks' worth at the edges, all bytes 0xFF (the largest
// sums: a lane overflowing would show) and random, whole and in pieces.
func TestAdler32(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 3*128*256+77)
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	for _, data := range [][]byte{random, bytes.Repeat([]byte{0xFF}, 3*128*256+77)} {
		var lengths []int
		for n := range 70 {
			lengths = append(lengths, n, 128*256-35+n, 2*128*256-35+n, 127+n)
		}
		lengths = append(lengths, len(data))
		for _, n := range lengths {
			p := data[:n]
			if got, want := Adler32(1, p), stdadler.Checksum(p); got != want {
				t.Fatalf("%d bytes (first %#x): %#08x, hash/adler32 %#08x", n, data[0], got, want)
			}
			// In two pieces, the second from the sum of the first.
			cut := n / 3
			if got, want := Adler32(Adler32(1, p[:cut]), p[cut:]), stdadler.Checksum(p); got != want {
				t.Fatalf("%d bytes cut at %d: %#08x, hash/adler32 %#08x", n, cut, got, want)
			}
		}
	}
}

// FuzzAdler32 compares adler32 with hash/adler32, from any sum.
func FuzzAdler32(f *testing.F) {
	f.Add([]byte("Wikipedia"), uint32(1), 3)
	f.Add(bytes.Repeat([]byte{0xFF}, 5000), uint32(0xFFF0FFF0), 4999)
	f.Fuzz(func(t *testing.T, p []byte, sum uint32, cut int) {
		if cut < 0 || cut > len(p) {
			cut = len(p) / 2
		}
		// A sum hash/adler32 could have made: both halves below the modulus.
		sum = sum>>16%adlerMod<<16 | sum&0xFFFF%adlerMod
		want := stdadler.New()
		want.(interface{ UnmarshalBinary([]byte) error }).UnmarshalBinary(append([]byte("adl\x01"), byte(sum>>24), byte(sum>>16), byte(sum>>8), byte(sum)))
		want.Write(p)
		if got := Adler32(Adler32(sum, p[:cut]), p[cut:]); got != want.Sum32() {
			t.Fatalf("%#08x, hash/adler32 %#08x", got, want.Sum32())
		}
	})
}

// BenchmarkAdler32 sums a font program's worth of bytes with adler32 and
// with hash/adler32.
func BenchmarkAdler32(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 74528)
	for i := range data {
		data[i] = byte(r.Uint32())
	}
	b.Run("ours", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			Adler32(1, data)
		}
	})
	b.Run("hash", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			stdadler.Checksum(data)
		}
	})
}
