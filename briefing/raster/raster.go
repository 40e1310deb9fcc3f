// Package raster reads the pictures of a briefing's figures (screenshots
// and photographs, PNG or JPEG), refuses files that are not pictures or
// are too large, and makes them email-sized: at most 200 dpi at the size
// they are printed, downsampled with the Catmull-Rom kernel.
//
// Memory stays near the size of the file however many pixels it holds: a
// PNG is decoded a row at a time (package pngrows) when it is checked and
// again as it is downsampled, each source row resampled as it comes; a
// JPEG, which image/jpeg decodes only whole, is held decoded (1.5 to 4
// bytes a pixel) only while it is checked and while it is downsampled,
// and is decoded once: the pixels of the check serve the downsampling
// unless the garbage collector has taken them in between.
//
// A JPEG is taken for a photograph and stays a JPEG (DCT in the PDF); a
// PNG is taken for a screenshot or diagram and stays lossless (its pixels
// Flate-compressed in the PDF), so that the text in it stays sharp.
//
// A JPEG's EXIF orientation (a phone's photograph is stored sideways with
// a tag that says how to turn it; see [Orientation]) is applied, and so
// is a PNG's (its eXIf chunk, as browsers read it): a downsampled picture
// is turned as it is scaled; one kept as it is keeps its compressed data,
// lossless, and is turned by the PDF's image matrix (a JPEG's tag set to
// upright, so that no reader turns it twice; a PNG's chunk is not in the
// PDF).
//
// Every kind of PNG (grey, palette, RGB, with alpha, 16-bit, interlaced)
// and of JPEG (baseline, progressive, grey, YCbCr, CMYK and Adobe's
// inverted CMYK) the standard library decodes is taken, and a CMYK JPEG
// without Adobe's APP14 segment (see [DecodeJPEG]). A CMYK JPEG is
// written again as an RGB JPEG, which every PDF reader shows alike. A
// JPEG in a coding the standard library does not read (arithmetic,
// lossless, hierarchical, 12-bit) is refused as unsupported, with what to
// save instead ([Unsupported]), not as damaged.
package raster

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"math"
	"strings"
	"sync"
	"weak"

	"briefing/internal/pngrows"
	"briefing/internal/readfile"
)

// The limits of a figure's picture: a full-page screenshot of a 5K
// display is 15 megapixels and a few MB; a long web page scrolled
// through is 1280 × 38,000 or 100 × 400,000 pixels. A side longer than
// MaxSide prints under a pixel across on any page, and downsampling it
// takes memory in proportion to that side.
const (
	MaxBytes  = 50 << 20   // bytes of the file
	MaxPixels = 50_000_000 // width × height
	MaxSide   = 1_000_000  // pixels of the width or of the height
)

// DPI is the resolution a picture is downsampled to at its printed size.
const DPI = 200

// Picture is a figure picture, checked to decode whole. Its pixels are
// not kept: Fit decodes them again, a row at a time for a PNG, when it
// downsamples, so that a 50-megapixel screenshot never takes more memory
// than its file and a few rows.
type Picture struct {
	Format string // "png" or "jpeg"
	Data   []byte // the file's bytes
	// Width and Height are the size in pixels as stored.
	Width, Height int
	// Orientation is a JPEG's EXIF orientation or a PNG's (its eXIf
	// chunk), Upright when it has none; orient is the offset of a JPEG's
	// tag value in Data, or -1, and upright the value Upright in the
	// tag's byte order.
	Orientation Orientation
	orient      int
	upright     [2]byte
	cmyk        bool // a CMYK JPEG

	mu   sync.Mutex
	last fitted // the last picture Fit made (each language fits it alike)
	// decoded is a JPEG as Decode decoded it, for Fit while the garbage
	// collector has not taken it: decoded again, it took twice the
	// memory (two 49-megapixel pictures of 74 MB) when no collection
	// came between.
	decoded weak.Pointer[decodedJPEG]
}

// decodedJPEG is a JPEG's pixels as image/jpeg decodes them.
type decodedJPEG struct{ img image.Image }

// fitted is a picture Fit made: its data and type for a size in pixels.
type fitted struct {
	w, h int
	data []byte
	typ  string
}

// Photo reports whether p is kept as a JPEG (a photograph).
func (p *Picture) Photo() bool { return p.Format == "jpeg" }

// Size returns the picture's size in pixels, as seen (its orientation
// applied).
func (p *Picture) Size() (w, h int) {
	if p.Orientation.Swaps() {
		return p.Height, p.Width
	}
	return p.Width, p.Height
}

// Read reads and decodes the picture at path. Its errors say why, for the
// people who write incident files: the path is a folder, a named pipe, a
// device or a socket; the file is larger than [MaxBytes] or has more than
// [MaxPixels] or a side longer than [MaxSide]; it is not a PNG or JPEG picture; it is damaged or cut
// short. A named pipe is never waited on (see package readfile).
func Read(path string) (*Picture, error) {
	data, err := readfile.Read(path, MaxBytes)
	var notRegular *readfile.NotRegularError
	var large *readfile.TooLargeError
	switch {
	case err == nil:
		return Decode(data)
	case errors.As(err, &notRegular):
		return nil, regular(notRegular.Mode)
	case errors.As(err, &large):
		return nil, tooLarge(large.Size)
	case errors.Is(err, fs.ErrNotExist):
		return nil, errors.New("does not exist")
	case errors.Is(err, fs.ErrPermission):
		return nil, errors.New("cannot be read: permission denied")
	}
	return nil, fmt.Errorf("cannot be read: %v", unwrapPath(err))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func tooLarge(n int64) error {
	return fmt.Errorf("is %.1f MB: a figure's picture is at most %d MB", float64(n)/(1<<20), MaxBytes>>20)
}

// regular says what a file of mode m that is not a regular file is.
func regular(m fs.FileMode) error {
	switch {
	case m.IsDir():
		return errors.New("is a folder, not a picture file")
	case m&fs.ModeNamedPipe != 0:
		return errors.New("is a named pipe, not a picture file")
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return errors.New("is a device, not a picture file")
	case m&fs.ModeSocket != 0:
		return errors.New("is a socket, not a picture file")
	}
	return errors.New("is not a regular file")
}

var (
	pngMagic  = []byte("\x89PNG\r\n\x1a\n")
	jpegMagic = []byte("\xff\xd8\xff")
)

// Decode decodes a PNG or JPEG picture held in data, with the errors of
// [Read].
func Decode(data []byte) (*Picture, error) {
	var format string
	switch {
	case bytes.HasPrefix(data, pngMagic):
		format = "png"
	case bytes.HasPrefix(data, jpegMagic):
		format = "jpeg"
	case len(data) == 0:
		return nil, errors.New("is empty, not a PNG or JPEG picture")
	default:
		return nil, fmt.Errorf("is not a PNG or JPEG picture%s", kind(data))
	}
	if err := Unsupported(data); err != nil {
		return nil, err
	}
	var cfg image.Config
	var err error
	if format == "png" {
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	} else {
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	}
	if err != nil {
		return nil, damaged(format, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("is a %s picture without pixels", upper(format))
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, fmt.Errorf("has %d × %d pixels (%.1f megapixels): a figure's picture has at most %d megapixels",
			cfg.Width, cfg.Height, float64(cfg.Width)*float64(cfg.Height)/1e6, MaxPixels/1_000_000)
	}
	if cfg.Width > MaxSide || cfg.Height > MaxSide {
		return nil, fmt.Errorf("has %d × %d pixels: a figure's picture is at most %d pixels wide and %[3]d pixels tall (a longer side prints under a pixel across); cut it into parts",
			cfg.Width, cfg.Height, MaxSide)
	}
	pic := &Picture{Format: format, Data: data, Width: cfg.Width, Height: cfg.Height, Orientation: Upright, orient: -1}
	if format == "png" {
		// Every row decoded and let go: a damaged or cut-short file is
		// found now, in little memory.
		if err := pngrows.Check(data); err != nil {
			return nil, damaged(format, err)
		}
		pic.Orientation = pngOrientation(data)
		return pic, nil
	}
	img, err := DecodeJPEG(data)
	if err != nil {
		return nil, damaged(format, err)
	}
	pic.decoded = weak.Make(&decodedJPEG{img})
	pic.cmyk = cfg.ColorModel == color.CMYKModel
	pic.Orientation, pic.orient, pic.upright = exifOrientation(data)
	return pic, nil
}

func upper(format string) string {
	if format == "png" {
		return "PNG"
	}
	return "JPEG"
}

func damaged(format string, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || strings.Contains(err.Error(), "not enough pixel data") || strings.Contains(err.Error(), "unexpected EOF") {
		return fmt.Errorf("is a %s picture cut short: the file ends before its last pixels", upper(format))
	}
	return fmt.Errorf("is a damaged %s picture: %v", upper(format), err)
}

// kind names a few formats people mistake for pictures a briefing takes.
func kind(data []byte) string {
	for _, k := range []struct{ magic, name string }{
		{"GIF8", "GIF"}, {"RIFF", "WebP"}, {"BM", "BMP"}, {"%PDF", "PDF"}, {"<svg", "SVG"}, {"<?xml", "SVG or XML"},
		{"II*\x00", "TIFF"}, {"MM\x00*", "TIFF"}, {"\x00\x00\x00", "HEIC or AVIF"},
	} {
		if bytes.HasPrefix(data, []byte(k.magic)) {
			return ": it is " + k.name + "; save it as PNG (a screenshot) or JPEG (a photograph)"
		}
	}
	return ""
}

// Fit returns the picture as it goes into the PDF when printed w × h
// points (as seen): at most [DPI] pixels per inch. A picture already
// within that keeps its bytes, except a CMYK JPEG, which is written again
// as RGB, and a turned JPEG's orientation tag, set to Upright (a turned
// PNG keeps them all: its eXIf chunk does not go into the PDF). Larger ones
// are downsampled (see resample) and turned upright; a photograph is
// encoded as a JPEG (quality 90), anything else as a PNG. It returns the
// data, its type ("png" or "jpeg"), its size in pixels as stored, and the
// orientation to draw it in (Upright but for a turned picture kept as
// it is). A PNG is decoded a row at a time as it is downsampled; a JPEG
// whole (image/jpeg has no other way; the pixels Decode made, when the
// garbage collector has not taken them yet), then let go. The last picture made
// is kept, so that the briefing's other languages get it without work.
func (p *Picture) Fit(w, h float64) (data []byte, typ string, pw, ph int, o Orientation) {
	sw, sh := p.Size()
	maxW, maxH := pixels(w), pixels(h)
	tw, th := sw, sh
	if sw > maxW || sh > maxH {
		s := math.Min(float64(maxW)/float64(sw), float64(maxH)/float64(sh))
		tw = max(1, int(math.Round(float64(sw)*s)))
		th = max(1, int(math.Round(float64(sh)*s)))
	}
	if tw == sw && th == sh && !p.cmyk {
		if p.Orientation == Upright {
			return p.Data, p.Format, sw, sh, Upright
		}
		if p.orient < 0 { // a PNG
			return p.Data, p.Format, p.Width, p.Height, p.Orientation
		}
		data = bytes.Clone(p.Data)
		copy(data[p.orient:], p.upright[:])
		return data, p.Format, p.Width, p.Height, p.Orientation
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last.data == nil || p.last.w != tw || p.last.h != th {
		data, typ, err := p.fit(tw, th)
		if err != nil {
			// Decode read these bytes whole: this cannot happen, and
			// the picture as it is beats none.
			return p.Data, p.Format, p.Width, p.Height, p.Orientation
		}
		p.last = fitted{tw, th, data, typ}
	}
	return p.last.data, p.last.typ, tw, th, Upright
}

// fit decodes the picture, downsamples it to tw × th pixels as seen,
// turns it upright and encodes it.
func (p *Picture) fit(tw, th int) ([]byte, string, error) {
	// Scaled as stored, then turned: turning the smaller picture.
	if p.Orientation.Swaps() {
		tw, th = th, tw
	}
	var b bytes.Buffer
	if !p.Photo() {
		d, err := pngrows.NewDecoder(p.Data)
		if err != nil {
			return nil, "", err
		}
		img, err := resample(d.Channels(), p.Width, p.Height, tw, th, d.Next)
		if err != nil {
			return nil, "", err
		}
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		enc.Encode(&b, turn(img, p.Orientation)) // to a buffer: cannot fail
		return b.Bytes(), "png", nil
	}
	var src image.Image
	if d := p.decoded.Value(); d != nil {
		src = d.img
	} else {
		var err error
		if src, err = DecodeJPEG(p.Data); err != nil {
			return nil, "", err
		}
	}
	c, next := jpegRows(src)
	img, err := resample(c, p.Width, p.Height, tw, th, next)
	if err != nil {
		return nil, "", err
	}
	jpeg.Encode(&b, turn(img, p.Orientation), &jpeg.Options{Quality: 90}) // to a buffer: cannot fail
	return b.Bytes(), "jpeg", nil
}

// Check decodes the PNG or JPEG picture held in data, a PNG a row at a
// time, and returns the decoder's error (image/png's messages, or
// image/jpeg's) for a damaged or cut-short picture, or nil.
func Check(data []byte) error {
	if bytes.HasPrefix(data, pngMagic) {
		return pngrows.Check(data)
	}
	_, err := DecodeJPEG(data)
	return err
}

// Shrink decodes the PNG or JPEG picture held in data and downsamples it
// to w × h pixels as seen (its EXIF orientation applied, as Fit
// does), into a PNG: a logo, kept lossless. A PNG is decoded a row at a
// time, each row resampled as it comes, so that memory stays near the
// size of the file and a few rows; a JPEG is decoded whole, scaled as
// stored, then turned. It returns the errors of Check.
func Shrink(data []byte, w, h int) ([]byte, error) {
	var img image.Image
	if bytes.HasPrefix(data, pngMagic) {
		d, err := pngrows.NewDecoder(data)
		if err != nil {
			return nil, err
		}
		o := pngOrientation(data)
		if o.Swaps() {
			w, h = h, w
		}
		if img, err = resample(d.Channels(), d.Width, d.Height, w, h, d.Next); err != nil {
			return nil, err
		}
		// Every row read: the image data must end there.
		if _, err := d.Next(); err != io.EOF {
			return nil, err
		}
		img = turn(img, o)
	} else {
		src, err := DecodeJPEG(data)
		if err != nil {
			return nil, err
		}
		o, _, _ := exifOrientation(data)
		if o.Swaps() {
			w, h = h, w
		}
		b := src.Bounds()
		c, next := jpegRows(src)
		if img, err = resample(c, b.Dx(), b.Dy(), w, h, next); err != nil {
			return nil, err
		}
		img = turn(img, o)
	}
	var b bytes.Buffer
	png.Encode(&b, img) // to a buffer: cannot fail
	return b.Bytes(), nil
}

// Orient returns the EXIF orientation of the picture held in data (a
// JPEG's, or a PNG's eXIf chunk before its image data; Upright for none
// or a value outside 1–8) and, for a turned JPEG, a copy of data whose
// tag says Upright: the picture as a PDF draws it, turned by its image
// matrix (see Fit), the compressed data kept as it is, and no reader or
// tool that extracts it turns it twice. A PNG's data is returned as it
// is: the PDF holds its pixels, not its eXIf chunk.
func Orient(data []byte) (Orientation, []byte) {
	if bytes.HasPrefix(data, pngMagic) {
		return pngOrientation(data), data
	}
	if !bytes.HasPrefix(data, jpegMagic) {
		return Upright, data
	}
	o, at, up := exifOrientation(data)
	if o == Upright || at < 0 {
		return Upright, data
	}
	data = bytes.Clone(data)
	copy(data[at:], up[:])
	return o, data
}

// pixels is the most pixels a length of pt points takes at DPI (72 pt to
// the inch); at least 1.
func pixels(pt float64) int {
	return max(1, int(math.Ceil(pt/72*DPI-1e-9)))
}
