// Package zlibstream compresses data into zlib streams (RFC 1950, the
// FlateDecode filter of PDF streams): klauspost/compress's Deflate with
// the framing and Adler-32 checksum done here, the bytes its zlib writer
// makes at the same level, with an Adler-32 of half the instructions of
// hash/adler32's, taken while the bytes are in the processor's cache.
package zlibstream

import (
	"bytes"
	"encoding/binary"

	"github.com/klauspost/compress/flate"
)

// A Writer compresses streams at one level, one after another, with one
// compressor (about 1 MB of tables, made once). It is used by one
// goroutine at a time.
type Writer struct {
	level int
	fw    *flate.Writer
}

// New returns a Writer at a level of klauspost/compress/flate:
// flate.HuffmanOnly (-2), flate.NoCompression (0) to flate.BestCompression
// (9), or flate.DefaultCompression (-1); the error of flate.NewWriter
// for another.
func New(level int) (*Writer, error) {
	fw, err := flate.NewWriter(nil, level)
	if err != nil {
		return nil, err
	}
	return &Writer{level: level, fw: fw}, nil
}

// chunk is how many bytes Compress hands the compressor at a time: the
// Adler-32 of each is taken right after, while the bytes are still in
// the processor's first-level cache.
const chunk = 16 << 10

// Compress appends to dst the zlib stream of data: the header (a window
// of 32 KB; the level's compression level field as klauspost/compress's
// zlib writer sets it), the Deflate stream, and the Adler-32 of data,
// big-endian. Its errors are dst's (none for a bytes.Buffer).
func (w *Writer) Compress(dst *bytes.Buffer, data []byte) error {
	var levelBits byte // 0: fastest, for HuffmanOnly, NoCompression, 1
	switch w.level {
	case 2, 3, 4, 5:
		levelBits = 1 << 6
	case 6, -1:
		levelBits = 2 << 6
	case 7, 8, 9:
		levelBits = 3 << 6
	}
	// The header's check bits make it a multiple of 31 (RFC 1950, 2.2).
	flg := levelBits + byte(31-(0x78<<8+uint16(levelBits))%31)
	dst.Write([]byte{0x78, flg})
	w.fw.Reset(dst)
	sum := uint32(1)
	for p := data; len(p) > 0; {
		n := min(len(p), chunk)
		if _, err := w.fw.Write(p[:n]); err != nil {
			return err
		}
		sum = Adler32(sum, p[:n])
		p = p[n:]
	}
	if err := w.fw.Close(); err != nil {
		return err
	}
	_, err := dst.Write(binary.BigEndian.AppendUint32(nil, sum))
	return err
}

// adlerMod is the modulus of Adler-32 (RFC 1950, 8.2): the largest
// prime below 2¹⁶.
const adlerMod = 65521

// Adler32 returns the Adler-32 checksum (RFC 1950, 8.2) of p following
// the bytes whose checksum is sum (1 for none), as hash/adler32 does, in
// about a third of its instructions: 128 bytes at a time, each word of
// eight bytes added into 16-bit lanes (its even bytes into pe, its odd
// ones into po), and the lanes after each word into qe and qo, none of
// which can pass 2¹⁶ in 16 words (255 × 16 × 17 / 2). Of the bytes of
// the 128, s1 gains their sum and s2 each one weighed by its distance
// from the end: 8 for every word after it, plus 8 less its place in its
// own word.
func Adler32(sum uint32, p []byte) uint32 {
	s1, s2 := uint64(sum&0xFFFF), uint64(sum>>16)
	const (
		bytes16 = 0x00FF00FF00FF00FF
		lanes32 = 0x0000FFFF0000FFFF
		// Multiplied by these, a word of four 16-bit lanes has in its top
		// lane the sum of the lanes, or of each weighed by the place in
		// its word of the byte it sums (even: 0, 2, 4, 6; odd: 1, 3, 5,
		// 7): no lower lane of the product carries into it.
		ones  = 0x0001000100010001
		evens = 0x0000000200040006
		odds  = 0x0001000300050007
	)
	for k := 0; len(p) >= 128; k++ {
		q := (*[128]byte)(p)
		p = p[128:]
		var pe, po, qe, qo uint64
		for i := 0; i < 128; i += 8 {
			x := binary.LittleEndian.Uint64(q[i:])
			pe += x & bytes16
			po += x >> 8 & bytes16
			qe += pe
			qo += po
		}
		sq := qe&lanes32 + qe>>16&lanes32 + qo&lanes32 + qo>>16&lanes32
		s2 += 128*s1 + 8*(sq&0xFFFFFFFF+sq>>32) - (pe*evens)>>48 - (po*odds)>>48
		s1 += (pe + po) * ones >> 48
		if k%256 == 255 {
			s1 %= adlerMod
			s2 %= adlerMod
		}
	}
	s1 %= adlerMod
	s2 %= adlerMod
	for _, x := range p {
		s1 += uint64(x)
		s2 += s1
	}
	return uint32(s2%adlerMod)<<16 | uint32(s1%adlerMod)
}
