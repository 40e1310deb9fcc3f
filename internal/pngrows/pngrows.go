// Package pngrows reads a PNG picture (W3C PNG, second edition; ISO/IEC
// 15948) a row at a time, so that a picture of tens of megapixels is
// never held decoded whole: the chunks are checked (CRC-32, order, IEND),
// the image data is inflated as a stream and unfiltered row by row, and
// each row is given as 8-bit samples.
//
// A non-interlaced picture takes two rows of memory; an interlaced
// (Adam7) one, whose even rows are made of six passes stored before its
// odd ones, inflates its image data in seven streams, one for each pass,
// and takes two rows of each (see NewDecoder).
//
// It takes what image/png takes, with the same strictness (every chunk's
// CRC, the zlib checksum, no pixel data missing or left over), and gives
// the same 8-bit values image/png's images give through
// color.NRGBAModel: 16-bit samples keep their high byte; grey of 1, 2 or
// 4 bits is stretched to 0–255; a palette index past the palette is
// black, opaque or of the alpha tRNS gives it (tRNS may be longer than
// the palette). Gamma, ICC profiles and other ancillary chunks are
// skipped wherever they are, even before IHDR, as image/png skips them,
// and so are IDAT chunks after the run that holds the image data.
package pngrows

import (
	"bufio"
	"bytes"
	stdzlib "compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"

	"github.com/klauspost/compress/zlib"
)

// Colour types of the IHDR chunk (PNG 11.2.2).
const (
	Grey      = 0
	RGB       = 2
	Palette   = 3
	GreyAlpha = 4
	RGBA      = 6
)

// Header is what a PNG's chunks say besides its pixels.
type Header struct {
	Width, Height int
	Depth         int    // bits per sample: 1, 2, 4, 8 or 16
	Color         int    // colour type: Grey, RGB, Palette, GreyAlpha or RGBA
	Interlaced    bool   // Adam7
	Palette       []byte // PLTE: RGB triples
	Trans         []byte // tRNS as stored; nil for none
}

// Channels is the number of 8-bit samples per pixel of the rows Next
// gives: 1 grey, 2 grey and alpha, 3 RGB, 4 RGBA. Grey and RGB pictures
// with a transparent colour (tRNS) and palettes with alpha get an alpha
// channel.
func (h *Header) Channels() int {
	switch h.Color {
	case Grey:
		if h.Trans != nil {
			return 2
		}
		return 1
	case GreyAlpha:
		return 2
	case RGB, Palette:
		if h.Trans != nil {
			return 4
		}
		return 3
	}
	return 4
}

// samples is the number of samples per pixel as stored.
func (h *Header) samples() int {
	switch h.Color {
	case RGB:
		return 3
	case GreyAlpha:
		return 2
	case RGBA:
		return 4
	}
	return 1
}

// rowBytes is the bytes of a stored row of w pixels, its filter byte
// left out.
func (h *Header) rowBytes(w int) int {
	return (w*h.samples()*h.Depth + 7) / 8
}

// FormatError is a picture that breaks the PNG format.
type FormatError string

func (e FormatError) Error() string { return "png: invalid format: " + string(e) }

var (
	pngMagic = []byte("\x89PNG\r\n\x1a\n")
	// errCut is a picture whose data ends before its last pixels.
	errCut error = cutError{}
)

// cutError says what image/png says of a picture whose image data ends
// before its last pixels, and is io.ErrUnexpectedEOF.
type cutError struct{}

func (cutError) Error() string { return "png: invalid format: not enough pixel data" }
func (cutError) Unwrap() error { return io.ErrUnexpectedEOF }

// Parse reads the chunks of the PNG held in data: its header and the
// payloads of its first run of IDAT chunks, in order (slices of data). It
// checks the signature, every chunk's length and CRC-32, their order and
// IEND, as image/png does; a file that ends early gives an error wrapping
// io.ErrUnexpectedEOF. It does not look into the image data (see
// Decoder).
func Parse(data []byte) (*Header, [][]byte, error) {
	if !bytes.HasPrefix(data, pngMagic) {
		return nil, nil, FormatError("not a PNG file")
	}
	h := &Header{}
	var idat [][]byte
	const (
		start = iota
		seenIHDR
		seenPLTE
		seenTRNS
		seenIDAT // and in a run of IDAT chunks
		afterIDAT
	)
	stage := start
	p := len(pngMagic)
	for {
		if len(data)-p < 8 {
			return nil, nil, io.ErrUnexpectedEOF
		}
		n := binary.BigEndian.Uint32(data[p:])
		typ := string(data[p+4 : p+8])
		if n > 0x7fffffff {
			return nil, nil, FormatError("chunk length too large")
		}
		if uint64(len(data)-p-8) < uint64(n)+4 {
			if typ == "IDAT" {
				return nil, nil, errCut // as image/png: inside the pixels
			}
			return nil, nil, io.ErrUnexpectedEOF
		}
		body := data[p+8 : p+8+int(n)]
		if crc32.ChecksumIEEE(data[p+4:p+8+int(n)]) != binary.BigEndian.Uint32(data[p+8+int(n):]) {
			return nil, nil, FormatError("invalid checksum")
		}
		p += 12 + int(n)
		if stage == start && (typ == "PLTE" || typ == "tRNS" || typ == "IDAT" || typ == "IEND") {
			return nil, nil, FormatError("chunk out of order") // as image/png: no IHDR yet
		}
		if stage == seenIDAT && typ != "IDAT" {
			stage = afterIDAT
		}
		switch typ {
		case "IHDR":
			if stage != start {
				return nil, nil, FormatError("chunk out of order")
			}
			if err := h.parseIHDR(body); err != nil {
				return nil, nil, err
			}
			stage = seenIHDR
		case "PLTE":
			if stage != seenIHDR {
				return nil, nil, FormatError("chunk out of order")
			}
			switch {
			case h.Color == Grey || h.Color == GreyAlpha:
				return nil, nil, FormatError("PLTE, color type mismatch")
			case len(body)%3 != 0 || len(body) == 0 || len(body) > 256*3 || len(body)/3 > 1<<h.Depth:
				return nil, nil, FormatError("bad PLTE length")
			}
			// A palette of an RGB picture is a hint for displays with
			// few colours; the pixels do not use it.
			if h.Color == Palette {
				h.Palette = body
			}
			stage = seenPLTE
		case "tRNS":
			if stage != seenIHDR && stage != seenPLTE {
				return nil, nil, FormatError("chunk out of order")
			}
			switch h.Color {
			case Grey:
				if len(body) != 2 {
					return nil, nil, FormatError("bad tRNS length")
				}
			case RGB:
				if len(body) != 6 {
					return nil, nil, FormatError("bad tRNS length")
				}
			case Palette:
				if stage != seenPLTE {
					return nil, nil, FormatError("chunk out of order")
				}
				// As image/png: up to 256 entries, those past the
				// palette giving black its alpha.
				if len(body) > 256 {
					return nil, nil, FormatError("bad tRNS length")
				}
			default:
				return nil, nil, FormatError("tRNS, color type mismatch")
			}
			h.Trans = body
			stage = seenTRNS
		case "IDAT":
			if stage == afterIDAT {
				// As image/png: IDAT chunks after the run that holds
				// the image data are let be.
				continue
			}
			if h.Color == Palette && h.Palette == nil {
				return nil, nil, FormatError("chunk out of order") // as image/png: no PLTE yet
			}
			stage = seenIDAT
			if n > 0 {
				idat = append(idat, body)
			}
		case "IEND":
			if stage < seenIDAT {
				return nil, nil, FormatError("no image data")
			}
			if n != 0 {
				return nil, nil, FormatError("bad IEND length")
			}
			return h, idat, nil
		}
	}
}

// parseIHDR reads the header chunk, checking its fields in image/png's
// order and with its words.
func (h *Header) parseIHDR(b []byte) error {
	if len(b) != 13 {
		return FormatError("bad IHDR length")
	}
	if b[10] != 0 {
		return fmt.Errorf("png: unsupported feature: compression method")
	}
	if b[11] != 0 {
		return fmt.Errorf("png: unsupported feature: filter method")
	}
	if b[12] > 1 {
		return FormatError("invalid interlace method")
	}
	h.Interlaced = b[12] == 1
	w, ht := binary.BigEndian.Uint32(b), binary.BigEndian.Uint32(b[4:])
	if w == 0 || ht == 0 || w > 0x7fffffff || ht > 0x7fffffff {
		return FormatError("non-positive dimension")
	}
	h.Width, h.Height = int(w), int(ht)
	// As image/png: up to 8 bytes a pixel must be countable.
	if n := uint64(w) * uint64(ht); n > math.MaxInt/8 {
		return fmt.Errorf("png: unsupported feature: dimension overflow")
	}
	h.Depth, h.Color = int(b[8]), int(b[9])
	ok := false
	switch h.Color {
	case Grey:
		ok = h.Depth == 1 || h.Depth == 2 || h.Depth == 4 || h.Depth == 8 || h.Depth == 16
	case Palette:
		ok = h.Depth == 1 || h.Depth == 2 || h.Depth == 4 || h.Depth == 8
	case RGB, GreyAlpha, RGBA:
		ok = h.Depth == 8 || h.Depth == 16
	}
	if !ok {
		return fmt.Errorf("png: unsupported feature: bit depth %d, color type %d", h.Depth, h.Color)
	}
	return nil
}

// Decoder gives a PNG's rows, top to bottom, as 8-bit samples.
type Decoder struct {
	Header
	idat    [][]byte
	s       stream     // the image data, or pass 7's
	passes  [6]*stream // interlaced: passes 1–6, each started when its first row is needed
	y       int        // the next row given
	out     []byte     // the row given
	pal     [256][4]byte
	checked bool
	last    *stream // the stream read to its end (see end)
	std     bool    // inflate with compress/zlib (see firstError)
}

// stream inflates the image data from some point on and unfilters its
// stored rows one by one.
type stream struct {
	in   idatReader
	br   *bufio.Reader // over in: the inflater's fast path
	z    io.ReadCloser
	cur  []byte // the stored row being unfiltered, its filter byte first
	prev []byte // the row above it, unfiltered
}

// adam7 is the start and step of each pass, x then y (PNG 8.2).
var adam7 = [7][4]int{{0, 8, 0, 8}, {4, 8, 0, 8}, {0, 4, 4, 8}, {2, 4, 0, 4}, {0, 2, 2, 4}, {1, 2, 0, 2}, {0, 1, 1, 2}}

// passSize is the size of pass p of a w × h picture; either may be 0.
func passSize(p, w, h int) (int, int) {
	a := adam7[p]
	return (w - a[0] + a[1] - 1) / a[1], (h - a[2] + a[3] - 1) / a[3]
}

// NewDecoder parses data (see Parse) and starts inflating its image
// data (an interlaced picture's as its rows are asked for).
//
// An interlaced picture is read as seven streams over the same image
// data, one for each pass, each inflated from the start and led past
// the passes before its own; each gives its pass's rows as the rows of
// the picture need them. Memory stays at seven inflaters and a row of
// each pass (an image/png-like decoder that keeps the first six passes
// holds half the samples); the image data is inflated about twice.
func NewDecoder(data []byte) (*Decoder, error) {
	h, idat, err := Parse(data)
	if err != nil {
		return nil, err
	}
	d := &Decoder{Header: *h, idat: idat}
	for i := range d.pal {
		d.pal[i] = [4]byte{0, 0, 0, 0xff}
	}
	for i := 0; i < len(h.Palette)/3; i++ {
		d.pal[i] = [4]byte{h.Palette[3*i], h.Palette[3*i+1], h.Palette[3*i+2], 0xff}
	}
	if h.Color == Palette {
		for i, a := range h.Trans {
			d.pal[i][3] = a
		}
	}
	d.out = make([]byte, h.Width*h.Channels())
	if !h.Interlaced {
		if err := d.s.start(d, h.Width, 0); err != nil {
			return nil, d.firstError(err)
		}
	}
	return d, nil
}

// Check reads the image data of the PNG held in data through, as reading
// every row of a Decoder would, and returns the error that would give,
// or nil: for an interlaced picture in one stream, its passes one after
// the other (a Decoder inflates it about twice).
func Check(data []byte) error {
	d, err := NewDecoder(data)
	if err != nil {
		return err
	}
	if err := d.readAll(); err != nil {
		return d.firstError(err)
	}
	return nil
}

// readAll reads d's image data through in one stream, as image/png
// reads it: an interlaced picture's passes one after the other.
func (d *Decoder) readAll() error {
	if d.s.z == nil {
		if err := d.s.start(d, d.Width, 0); err != nil {
			return err
		}
	}
	bpp := max(1, d.samples()*d.Depth/8)
	if !d.Interlaced {
		m := d.rowBytes(d.Width)
		for range d.Height {
			if err := d.s.read(m, bpp); err != nil {
				return err
			}
		}
		return d.s.end()
	}
	for p := range 7 {
		pw, ph := passSize(p, d.Width, d.Height)
		if pw == 0 || ph == 0 {
			continue
		}
		m := d.rowBytes(pw)
		clear(d.s.prev[:m])
		for range ph {
			if err := d.s.read(m, bpp); err != nil {
				return err
			}
		}
	}
	return d.s.end()
}

// firstError is the error image/png gives for d's image data, which
// has given err: the data read again in one stream through the standard
// library's inflater, as image/png reads it, so that the first fault in
// its order is told (an interlaced picture's streams meet faults in
// another order) in its words (an inflater's offsets differ by a byte).
// Pictures without faults never come here.
func (d *Decoder) firstError(err error) error {
	c := &Decoder{Header: d.Header, idat: d.idat, std: true}
	if e := c.readAll(); e != nil {
		return e
	}
	return err
}

// before is the bytes of image data that come before pass p: the stored
// rows of the passes before it, each with its filter byte (an empty
// pass has none).
func (d *Decoder) before(p int) int64 {
	var n int64
	for q := range p {
		pw, ph := passSize(q, d.Width, d.Height)
		if pw > 0 && ph > 0 {
			n += int64(ph) * int64(d.rowBytes(pw)+1)
		}
	}
	return n
}

// start starts s inflating the image data of d, skipping its first skip
// bytes, for stored rows of w pixels.
func (s *stream) start(d *Decoder, w int, skip int64) error {
	s.in = idatReader{parts: d.idat}
	total := 0
	for _, p := range d.idat {
		total += len(p)
	}
	s.br = bufio.NewReaderSize(&s.in, min(32<<10, max(16, total)))
	var z io.ReadCloser
	var err error
	if d.std {
		z, err = stdzlib.NewReader(s.br)
	} else {
		z, err = zlib.NewReader(s.br)
	}
	if err != nil {
		return inflateError(err)
	}
	s.z = z
	if skip > 0 {
		if _, err := io.CopyN(io.Discard, z, skip); err != nil {
			return inflateError(err)
		}
	}
	n := d.rowBytes(w)
	s.cur, s.prev = make([]byte, n+1), make([]byte, n)
	return nil
}

// inflateError says what a zlib error means for the picture: data that
// ends early is errCut; others are the inflater's, as image/png returns
// them ("flate: corrupt input before offset 9", "zlib: invalid
// checksum").
func inflateError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return errCut
	}
	return err
}

// endError is an inflater's error met past the last row, as image/png
// gives it: prefixed with "png: invalid format: ".
type endError struct{ err error }

func (e endError) Error() string { return "png: invalid format: " + e.err.Error() }
func (e endError) Unwrap() error { return e.err }

// read inflates and unfilters the next stored row of m bytes into prev;
// bpp is the bytes of a pixel (at least 1).
func (s *stream) read(m, bpp int) error {
	cur := s.cur[:m+1]
	if _, err := io.ReadFull(s.z, cur); err != nil {
		return inflateError(err)
	}
	row, prev := cur[1:], s.prev[:m]
	switch cur[0] {
	case 0:
	case 1: // Sub
		for i := bpp; i < m; i++ {
			row[i] += row[i-bpp]
		}
	case 2: // Up
		for i, p := range prev {
			row[i] += p
		}
	case 3: // Average
		for i := range bpp {
			row[i] += prev[i] / 2
		}
		for i := bpp; i < m; i++ {
			row[i] += uint8((int(row[i-bpp]) + int(prev[i])) / 2)
		}
	case 4: // Paeth
		for i := range bpp {
			row[i] += prev[i]
		}
		for i := bpp; i < m; i++ {
			row[i] += paeth(row[i-bpp], prev[i], prev[i-bpp])
		}
	default:
		return FormatError("bad filter type")
	}
	copy(prev, row)
	return nil
}

// paeth is the Paeth predictor of PNG 9.4.
func paeth(a, b, c uint8) uint8 {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	if pa <= pb && pa <= pc {
		return a
	}
	if pb <= pc {
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Next returns the next row, Width × Channels() bytes valid until the
// next call, or io.EOF after the last row once the image data is checked
// to end there (see end).
//
// Its errors are image/png's for the same data, word for word (see
// firstError).
func (d *Decoder) Next() ([]byte, error) {
	row, err := d.next()
	if err != nil && err != io.EOF {
		return nil, d.firstError(err)
	}
	return row, err
}

func (d *Decoder) next() ([]byte, error) {
	if d.y == d.Height {
		if !d.checked {
			if err := d.end(); err != nil {
				return nil, err
			}
			d.checked = true
		}
		return nil, io.EOF
	}
	y := d.y
	bpp := max(1, d.samples()*d.Depth/8)
	if !d.Interlaced || y%2 == 1 {
		// A row of the picture, or of pass 7: its odd rows, whole.
		if d.s.z == nil {
			if err := d.s.start(d, d.Width, d.before(6)); err != nil {
				return nil, err
			}
		}
		m := d.rowBytes(d.Width)
		if err := d.s.read(m, bpp); err != nil {
			return nil, err
		}
		d.expand(d.s.prev[:m], d.Width, 0, 1)
	} else {
		for p := range 6 {
			a := adam7[p]
			if y < a[2] || (y-a[2])%a[3] != 0 {
				continue
			}
			pw, _ := passSize(p, d.Width, d.Height)
			if pw == 0 {
				continue
			}
			s := d.passes[p]
			if s == nil {
				s = &stream{}
				if err := s.start(d, pw, d.before(p)); err != nil {
					return nil, err
				}
				d.passes[p] = s
			}
			m := d.rowBytes(pw)
			if err := s.read(m, bpp); err != nil {
				return nil, err
			}
			d.expand(s.prev[:m], pw, a[0], a[1])
		}
	}
	d.y++
	return d.out, nil
}

// end checks that the image data ends after the last row: its zlib
// stream holds no more and its checksum is right. Bytes after the zlib
// stream are let be as image/png lets them be (see stream.end). In an
// interlaced picture the stream of the last pass with pixels has read
// it all.
func (d *Decoder) end() error {
	s := &d.s
	if d.Interlaced {
		for p := 6; p >= 0; p-- {
			if pw, ph := passSize(p, d.Width, d.Height); pw > 0 && ph > 0 {
				if p < 6 {
					s = d.passes[p]
				}
				break
			}
		}
	}
	d.last = s
	return s.end()
}

// end checks that s's zlib stream ends here with its checksum right.
// Bytes after it are let be as image/png lets them be: it reads the image
// data 4096 bytes at a time from the start of each IDAT chunk (bufio's
// default size) and calls too much pixel data what is left of the chunk
// where the stream ends past the read that holds that end.
//
// As image/png, it reads to the stream's end before it looks for more
// pixel data, so that a wrong zlib checksum is told first, and it
// prefixes what the inflater says with "png: invalid format: " ("png:
// invalid format: zlib: invalid checksum"); image data that ends early
// there reads "png: invalid format: png: invalid format: not enough
// pixel data", as image/png's own error gets the prefix again.
func (s *stream) end() error {
	var b [1]byte
	n, err := s.z.Read(b[:])
	for i := 0; n == 0 && err == nil; i++ {
		if i == 100 {
			return io.ErrNoProgress
		}
		n, err = s.z.Read(b[:])
	}
	if err != nil && err != io.EOF {
		return endError{inflateError(err)}
	}
	if n != 0 {
		return FormatError("too much pixel data")
	}
	end := -s.rest() // the stream's end, from the image data's
	for _, p := range s.in.parts {
		end += len(p)
	}
	for _, p := range s.in.parts {
		if end <= len(p) {
			if end > 0 && (end-1)/4096*4096+4096 < len(p) {
				return FormatError("too much pixel data")
			}
			break
		}
		end -= len(p)
	}
	return nil
}

// expand writes the n pixels of the stored row raw to out as 8-bit
// samples, at x0, x0+dx, x0+2dx …
func (d *Decoder) expand(raw []byte, n, x0, dx int) {
	out, c := d.out, d.Channels()
	o, step := x0*c, dx*c
	switch {
	case d.Color == Palette:
		bits := d.Depth
		mask := byte(1<<bits - 1)
		for i := range n {
			bit := i * bits
			v := raw[bit/8] >> (8 - bits - bit%8) & mask
			copy(out[o:o+c], d.pal[v][:c])
			o += step
		}
	case d.Depth < 8: // grey of 1, 2 or 4 bits
		bits := d.Depth
		mask := byte(1<<bits - 1)
		scale := byte(0xff / mask)
		// As image/png: the low byte of the transparent grey, scaled
		// as the samples are (in 8 bits).
		t, key := d.Trans != nil, byte(0)
		if t {
			key = d.Trans[1] * scale
		}
		for i := range n {
			bit := i * bits
			v := raw[bit/8] >> (8 - bits - bit%8) & mask
			out[o] = v * scale
			if t {
				out[o+1] = 0xff
				if out[o] == key {
					out[o+1] = 0
				}
			}
			o += step
		}
	case d.Depth == 8 && d.Trans == nil:
		s := d.samples()
		if dx == 1 && s == c {
			copy(out, raw[:n*s])
			return
		}
		for i := range n {
			copy(out[o:o+c], raw[i*s:i*s+s])
			o += step
		}
	case d.Depth == 8: // grey or RGB with a transparent colour
		s := d.samples()
		// As image/png: the low bytes of the transparent colour.
		var key [3]byte
		for j := range s {
			key[j] = d.Trans[2*j+1]
		}
		for i := range n {
			px := raw[i*s : i*s+s]
			copy(out[o:o+s], px)
			out[o+s] = 0xff
			if px[0] == key[0] && (s == 1 || px[1] == key[1] && px[2] == key[2]) {
				out[o+s] = 0
			}
			o += step
		}
	case d.Color == GreyAlpha || d.Color == RGBA: // 16 bits
		s := d.samples()
		for i := range n {
			px := raw[i*2*s : i*2*s+2*s]
			a := uint32(binary.BigEndian.Uint16(px[2*s-2:]))
			for j := range s - 1 {
				out[o+j] = unpremul(uint32(binary.BigEndian.Uint16(px[2*j:])), a)
			}
			out[o+s-1] = byte(a >> 8)
			o += step
		}
	default: // grey or RGB of 16 bits: the high byte of each sample
		s := d.samples()
		for i := range n {
			px := raw[i*2*s : i*2*s+2*s]
			for j := range s {
				out[o+j] = px[2*j]
			}
			if d.Trans != nil {
				out[o+s] = 0xff
				if bytes.Equal(px, d.Trans) {
					clear(out[o : o+s+1])
				}
			}
			o += step
		}
	}
}

// unpremul is the 8-bit value of the 16-bit sample v of alpha a as
// color.NRGBAModel gives it from color.NRGBA64, which goes through
// premultiplied alpha: rounded down twice, and 0 where a is 0.
func unpremul(v, a uint32) byte {
	switch a {
	case 0xffff:
		return byte(v >> 8)
	case 0:
		return 0
	}
	return byte(v * a / 0xffff * 0xffff / a >> 8)
}

// idatReader reads the payloads of a PNG's IDAT chunks as one stream.
type idatReader struct {
	parts [][]byte
	i     int // the part being read
	off   int // in it
}

func (r *idatReader) Read(p []byte) (int, error) {
	for r.i < len(r.parts) && r.off == len(r.parts[r.i]) {
		r.i, r.off = r.i+1, 0
	}
	if r.i == len(r.parts) {
		return 0, io.EOF
	}
	n := copy(p, r.parts[r.i][r.off:])
	r.off += n
	return n, nil
}

// Rest is the number of bytes of image data after the end of its zlib
// stream (see end), once Next has given io.EOF.
func (d *Decoder) Rest() int {
	if d.last == nil {
		return 0
	}
	return d.last.rest()
}

// rest is the number of bytes of image data after the end of s's zlib
// stream, once it has ended.
func (s *stream) rest() int {
	n := s.br.Buffered()
	if s.in.i < len(s.in.parts) {
		n -= s.in.off
		for _, p := range s.in.parts[s.in.i:] {
			n += len(p)
		}
	}
	return n
}
