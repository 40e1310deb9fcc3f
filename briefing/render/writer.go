package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"math"
	"strconv"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/klauspost/compress/zlib"
)

// writer builds a PDF file: numbered objects written in any order, their
// offsets kept for the cross-reference table. The bytes gather in buf
// and, with out set, go there once buf is large (see flush).
type writer struct {
	buf     bytes.Buffer
	out     io.Writer // nil: everything stays in buf
	flushed int       // bytes written to out
	sum     hash.Hash // of the bytes written to out
	err     error     // of out
	offsets []int     // offsets[n-1] is where object n starts
	zbuf    bytes.Buffer
	zw      *zlib.Writer // reused for every stream of the document but fonts
	zf      *zlib.Writer // reused for every font program, Huffman only
	num     []byte       // scratch for numbers
	packed  []packed     // objects for object streams (objstm.go)
	streams []objStream  // full object streams, compressed (objstm.go)
	packing []byte       // their bytes
	scratch []byte       // an object stream being built (objstm.go)
}

// writers holds writers for reuse. It is a cache of scratch memory, not
// state: a writer is reset before it is used again, and no PDF depends on
// what it held. A zlib compressor alone allocates about 1 MB, all of it
// cleared, which was a tenth of the processor time of a batch.
var writers = sync.Pool{New: func() any { return new(writer) }}

// zlibLevel is the Deflate level of every stream but the font programs:
// klauspost/compress's fastest with string matching. Of the settings
// measured on the six samples' streams (README, Performance) it gives
// the least size × time of the whole briefing (composing, laying out and
// drawing it): Huffman coding alone halves the time of compressing the
// page contents but doubles their size, levels 2 and 3 make them 1–3 %
// smaller in 24–35 % more time. The standard library's level 1 was twice
// as slow as this one's for about the same size. Its output is the same
// bytes for the same input.
const zlibLevel = 1

// fontLevel is the Deflate level of the font programs: Huffman coding
// without string matching. Glyph outlines (TrueType coordinates) repeat
// little: level 1 makes them a tenth smaller in 3.3 times the time, and
// storing them uncompressed saves 0.6 ms of the six samples' 22 ms for
// 15 % more bytes; Huffman coding gives the least size × time of the
// whole briefing (README, Performance). The compressor's match tables no
// longer going through the cache for each font made drawing the seed
// briefing about a quarter quicker than at level 1.
const fontLevel = zlib.HuffmanOnly

// maxKeep is the largest buffer a writer going back to the pool keeps.
const maxKeep = 4 << 20

// newWriter starts a PDF file of version 1.7. Call release when its bytes
// are no longer used.
func newWriter(sizeHint int) *writer {
	w := writers.Get().(*writer)
	w.buf.Reset()
	w.zbuf.Reset()
	w.offsets = w.offsets[:0]
	w.packed = w.packed[:0]
	clear(w.streams)
	w.streams = w.streams[:0]
	w.packing = w.packing[:0]
	w.out, w.flushed, w.err = nil, 0, nil
	if w.sum == nil {
		w.sum = sha256.New()
	}
	w.sum.Reset()
	w.buf.Grow(sizeHint)
	// A comment with bytes above 127 marks the file as binary.
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return w
}

// release gives w back for reuse; neither it nor the bytes finish
// returned may be used afterwards.
func (w *writer) release() {
	if w.buf.Cap() > maxKeep || w.zbuf.Cap() > maxKeep || cap(w.packing) > maxKeep || cap(w.scratch) > maxKeep {
		return
	}
	writers.Put(w)
}

// flushAt is how large buf grows before flush writes it out.
const flushAt = 256 << 10

// flush writes buf to out when it has grown past flushAt.
func (w *writer) flush() {
	if w.out == nil || w.buf.Len() < flushAt || w.err != nil {
		return
	}
	w.sum.Write(w.buf.Bytes())
	_, w.err = w.out.Write(w.buf.Bytes())
	w.flushed += w.buf.Len()
	w.buf.Reset()
}

// offset is where the next byte written goes in the file.
func (w *writer) offset() int {
	return w.flushed + w.buf.Len()
}

// alloc reserves the number of an object written later.
func (w *writer) alloc() int {
	w.offsets = append(w.offsets, -1)
	return len(w.offsets)
}

// begin starts object n.
func (w *writer) begin(n int) {
	w.offsets[n-1] = w.offset()
	w.buf.WriteString(strconv.Itoa(n))
	w.buf.WriteString(" 0 obj\n")
}

// end ends an object begun with begin.
func (w *writer) end() {
	w.buf.WriteString("\nendobj\n")
}

// object writes object n holding s, a dictionary or array.
func (w *writer) object(n int, s string) {
	w.begin(n)
	w.buf.WriteString(s)
	w.end()
}

// stream writes object n as a stream of data, Flate-compressed at
// zlibLevel. dict holds the dictionary's entries besides /Length and
// /Filter.
func (w *writer) stream(n int, dict string, data []byte) error {
	return w.deflate(&w.zw, zlibLevel, n, dict, data)
}

// fontStream is stream for a font program, compressed at fontLevel.
func (w *writer) fontStream(n int, dict string, data []byte) error {
	return w.deflate(&w.zf, fontLevel, n, dict, data)
}

// deflate writes object n as stream does, with the compressor *zw of
// the level given, made on first use.
func (w *writer) deflate(zw **zlib.Writer, level, n int, dict string, data []byte) error {
	if err := w.compress(zw, level, data); err != nil {
		return err
	}
	w.deflated(n, dict, w.zbuf.Bytes())
	return nil
}

// compress puts data Flate-compressed into zbuf, with the compressor *zw
// of the level given, made on first use.
func (w *writer) compress(zw **zlib.Writer, level int, data []byte) error {
	w.zbuf.Reset()
	if *zw == nil {
		z, err := zlib.NewWriterLevel(&w.zbuf, level)
		if err != nil {
			return err
		}
		*zw = z
	} else {
		(*zw).Reset(&w.zbuf)
	}
	if _, err := (*zw).Write(data); err != nil {
		return err
	}
	return (*zw).Close()
}

// deflated writes object n as a stream of z, data compressed as deflate
// does.
func (w *writer) deflated(n int, dict string, z []byte) {
	w.begin(n)
	w.buf.WriteString("<</Length ")
	w.buf.WriteString(strconv.Itoa(len(z)))
	w.buf.WriteString(" /Filter /FlateDecode")
	w.buf.WriteString(dict)
	w.buf.WriteString(">>\nstream\n")
	w.buf.Write(z)
	w.buf.WriteString("\nendstream")
	w.end()
}

// raw writes object n as a stream of data as it is, already encoded
// (a JPEG picture). dict holds the dictionary's entries besides /Length.
func (w *writer) raw(n int, dict string, data []byte) {
	w.begin(n)
	w.buf.WriteString("<</Length ")
	w.buf.WriteString(strconv.Itoa(len(data)))
	w.buf.WriteString(dict)
	w.buf.WriteString(">>\nstream\n")
	w.buf.Write(data)
	w.buf.WriteString("\nendstream")
	w.end()
}

// finish writes the cross-reference table and trailer and returns the
// file, or with out set the bytes not yet written to it. Every allocated
// object must have been written.
func (w *writer) finish(root, info int) []byte {
	streams := w.objectStreams()
	// The file identifier is a digest of everything written before it, so
	// that the same document gets the same one and two documents that
	// differ anywhere (one letter of a page) get different ones, as
	// readers that key caches on it (pdf.js's fingerprint) assume.
	w.sum.Write(w.buf.Bytes())
	id := hex.EncodeToString(w.sum.Sum(nil)[:16])
	if streams {
		return w.xrefStream(root, info, id)
	}
	xref := w.offset()
	w.buf.WriteString("xref\n0 ")
	w.buf.WriteString(strconv.Itoa(len(w.offsets) + 1))
	w.buf.WriteString("\n0000000000 65535 f \n")
	for _, off := range w.offsets {
		b := strconv.AppendInt(w.num[:0], int64(off), 10)
		for range 10 - len(b) {
			w.buf.WriteByte('0')
		}
		w.buf.Write(b)
		w.buf.WriteString(" 00000 n \n")
	}
	w.buf.WriteString("trailer\n<</Size ")
	w.buf.WriteString(strconv.Itoa(len(w.offsets) + 1))
	w.buf.WriteString(" /Root " + ref(root) + " /Info " + ref(info))
	w.buf.WriteString(" /ID [<" + id + "> <" + id + ">]>>\nstartxref\n")
	w.buf.WriteString(strconv.Itoa(xref))
	w.buf.WriteString("\n%%EOF\n")
	return w.buf.Bytes()
}

// ref is an indirect reference to object n.
func ref(n int) string {
	return strconv.Itoa(n) + " 0 R"
}

// appendNum appends v with at most three decimals (a thousandth of a
// point), without trailing zeros.
func appendNum(b []byte, v float64) []byte {
	if v > -0.0005 && v < 0.0005 {
		return append(b, '0')
	}
	// Thousandths, rounded: v×1000 is off the exact product by less
	// than 2⁻²² below 2²⁰ (a page is a few hundred points), so the
	// nearest integer is the rounding strconv makes of the exact value,
	// unless the product is within a hair of halfway (strconv rounds a
	// tie to even).
	if m := v * 1000; m > -1<<30 && m < 1<<30 {
		k := math.Round(m)
		if d := m - k; d < 0.5-1.0/(1<<20) && d > -0.5+1.0/(1<<20) {
			return appendMilli(b, int64(k))
		}
	}
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', 3, 64)
	i := len(b)
	for i > start && b[i-1] == '0' {
		i--
	}
	if i > start && b[i-1] == '.' {
		i--
	}
	return b[:i]
}

// appendMilli appends k thousandths as a decimal without trailing zeros:
// -1250 as -1.25.
func appendMilli(b []byte, k int64) []byte {
	if k < 0 {
		b = append(b, '-')
		k = -k
	}
	b = strconv.AppendInt(b, k/1000, 10)
	f := k % 1000
	if f == 0 {
		return b
	}
	b = append(b, '.', byte('0'+f/100))
	if f%100 != 0 {
		b = append(b, byte('0'+f/10%10))
		if f%10 != 0 {
			b = append(b, byte('0'+f%10))
		}
	}
	return b
}

// appendRounded appends v rounded to a thousandth as
// strconv.AppendFloat(b, math.Round(v*1000)/1000, 'f', -1, 64) does, -0
// for a negative value that rounds to zero: the shortest decimal that
// reads back as the rounded value is its thousandths, below 2³⁰.
func appendRounded(b []byte, v float64) []byte {
	k := math.Round(v * 1000)
	switch {
	case k == 0 && math.Signbit(k):
		return append(b, "-0"...)
	case k > -1<<30 && k < 1<<30:
		return appendMilli(b, int64(k))
	}
	return strconv.AppendFloat(b, k/1000, 'f', -1, 64)
}

// num formats v as appendNum does.
func num(v float64) string {
	return string(appendNum(nil, v))
}

// literal is s as a PDF literal string of bytes: (…) with ( ) \ escaped
// and control characters written as octal escapes.
func literal(s string) string {
	return string(appendLiteral(make([]byte, 0, len(s)+2), s))
}

// appendLiteral appends s as literal writes it.
func appendLiteral(b []byte, s string) []byte {
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '(' || c == ')' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20 || c == 0x7F:
			b = append(b, '\\', '0'+c>>6, '0'+c>>3&7, '0'+c&7)
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

// text is s as a PDF text string: a literal when it is printable ASCII,
// else UTF-16BE with a byte order mark, in hex.
func text(s string) string {
	return string(appendText(make([]byte, 0, 4*len(s)+6), s))
}

// appendText appends s as text writes it.
func appendText(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7F {
			ascii = false
			break
		}
	}
	if ascii {
		return appendLiteral(b, s)
	}
	b = append(b, "<FEFF"...)
	for _, r := range s {
		if r > 0xFFFF {
			hi, lo := utf16.EncodeRune(r)
			b = appendHex16(b, uint16(hi))
			b = appendHex16(b, uint16(lo))
			continue
		}
		b = appendHex16(b, uint16(r))
	}
	return append(b, '>')
}

// appendHex16 appends v as four upper-case hex digits.
func appendHex16(b []byte, v uint16) []byte {
	const digits = "0123456789ABCDEF"
	return append(b, digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15])
}

// date is t as a PDF date string, in UTC with its offset written out
// (ISO 32000-1, 7.9.4): +00'00', which strict readers take where some
// refuse a bare Z.
func date(t time.Time) string {
	return "(D:" + t.UTC().Format("20060102150405") + "+00'00')"
}
