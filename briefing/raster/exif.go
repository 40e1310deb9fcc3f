package raster

import (
	"bytes"
	"encoding/binary"
	"image"
)

// Orientation is the EXIF orientation of a JPEG (TIFF tag 0x0112 of the
// Exif APP1 segment's first IFD, as cameras and phones write it): how the
// stored pixels are turned and flipped to be seen upright. Its values are
// those of TIFF 6.0 and Exif 2.3, naming where the stored first row and
// first column are seen:
//
//	1 top, left (upright)     5 left, top (transposed)
//	2 top, right (mirrored)   6 right, top (turn 90° clockwise to view)
//	3 bottom, right (180°)    7 right, bottom (transversed)
//	4 bottom, left (flipped)  8 left, bottom (turn 90° anticlockwise to view)
type Orientation int

// Upright is the orientation of a picture whose pixels are stored as seen.
const Upright Orientation = 1

// Swaps reports whether o turns the picture a quarter: its width is the
// stored height.
func (o Orientation) Swaps() bool { return o >= 5 && o <= 8 }

// exifOrientation returns the orientation a JPEG's Exif segment gives,
// the offset in data of the tag's value and Upright written in the
// segment's byte order (the two bytes that replace the value), or Upright
// and -1 when it has none or a value outside 1–8.
// Only the segments before the first scan are read; a damaged segment
// counts as none. (A dozen lines of encoding/binary: a whole EXIF library
// for one tag would be most of a picture decoder's code.)
func exifOrientation(data []byte) (Orientation, int, [2]byte) {
	i := 2 // after SOI
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return Upright, -1, [2]byte{}
		}
		m := data[i+1]
		switch {
		case m == 0xFF: // fill byte
			i++
			continue
		case m == 0x01 || m >= 0xD0 && m <= 0xD8: // no length
			i += 2
			continue
		case m == 0xDA || m == 0xD9: // the scan (or the end) starts
			return Upright, -1, [2]byte{}
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		seg := i + 4
		end := i + 2 + n
		if n < 2 || end > len(data) {
			return Upright, -1, [2]byte{}
		}
		if m == 0xE1 && bytes.HasPrefix(data[seg:end], []byte("Exif\x00\x00")) {
			if o, at, up := tiffOrientation(data[seg+6 : end]); at >= 0 {
				return o, seg + 6 + at, up
			}
		}
		i = end
	}
	return Upright, -1, [2]byte{}
}

// pngOrientation returns the orientation a PNG's eXIf chunk gives (a
// TIFF structure, without JPEG's "Exif" prefix: PNG, Third Edition,
// 11.3.3.7), or Upright. Only a chunk before the image data counts: one
// after it is let be, as browsers let it be (CSS Images 3, the image's
// metadata "before the image data"; the Web Platform Tests'
// image-orientation-exif-png). data is a PNG whose chunks were checked.
func pngOrientation(data []byte) Orientation {
	for p := len(pngMagic); p+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[p:]))
		typ := string(data[p+4 : p+8])
		if n < 0 || n > len(data)-p-12 || typ == "IDAT" || typ == "IEND" {
			return Upright
		}
		if typ == "eXIf" {
			o, _, _ := tiffOrientation(data[p+8 : p+8+n])
			return o
		}
		p += 12 + n
	}
	return Upright
}

// tiffOrientation reads tag 0x0112 of the first IFD of a TIFF structure
// (the Exif payload), returning its value and the value's offset in tiff.
func tiffOrientation(tiff []byte) (Orientation, int, [2]byte) {
	if len(tiff) < 8 {
		return Upright, -1, [2]byte{}
	}
	var bo binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return Upright, -1, [2]byte{}
	}
	if bo.Uint16(tiff[2:]) != 42 {
		return Upright, -1, [2]byte{}
	}
	ifd := int64(bo.Uint32(tiff[4:]))
	if ifd < 8 || ifd+2 > int64(len(tiff)) {
		return Upright, -1, [2]byte{}
	}
	count := int64(bo.Uint16(tiff[ifd:]))
	for k := int64(0); k < count; k++ {
		e := ifd + 2 + 12*k
		if e+12 > int64(len(tiff)) {
			break
		}
		// tag, type (3 = SHORT), count, value (left-justified)
		if bo.Uint16(tiff[e:]) != 0x0112 {
			continue
		}
		if bo.Uint16(tiff[e+2:]) != 3 || bo.Uint32(tiff[e+4:]) != 1 {
			return Upright, -1, [2]byte{}
		}
		o := Orientation(bo.Uint16(tiff[e+8:]))
		if o < 1 || o > 8 {
			return Upright, -1, [2]byte{}
		}
		var up [2]byte
		bo.PutUint16(up[:], uint16(Upright))
		return o, int(e + 8), up
	}
	return Upright, -1, [2]byte{}
}

// turn returns img (an *image.RGBA, *image.NRGBA or *image.Gray, as
// resample returns them) turned and flipped from orientation o to
// upright; any other kind of picture as it is.
func turn(img image.Image, o Orientation) image.Image {
	if o <= Upright || o > 8 {
		return img
	}
	var pix []byte
	var stride, bpp int
	b := img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	dw, dh := sw, sh
	if o.Swaps() {
		dw, dh = sh, sw
	}
	var out image.Image
	var dpix []byte
	var dstride int
	switch m := img.(type) {
	case *image.Gray:
		pix, stride, bpp = m.Pix, m.Stride, 1
		d := image.NewGray(image.Rect(0, 0, dw, dh))
		out, dpix, dstride = d, d.Pix, d.Stride
	case *image.RGBA:
		pix, stride, bpp = m.Pix, m.Stride, 4
		d := image.NewRGBA(image.Rect(0, 0, dw, dh))
		out, dpix, dstride = d, d.Pix, d.Stride
	case *image.NRGBA:
		pix, stride, bpp = m.Pix, m.Stride, 4
		d := image.NewNRGBA(image.Rect(0, 0, dw, dh))
		out, dpix, dstride = d, d.Pix, d.Stride
	default:
		return img
	}
	for sy := 0; sy < sh; sy++ {
		row := pix[sy*stride:]
		for sx := 0; sx < sw; sx++ {
			var dx, dy int
			switch o {
			case 2:
				dx, dy = sw-1-sx, sy
			case 3:
				dx, dy = sw-1-sx, sh-1-sy
			case 4:
				dx, dy = sx, sh-1-sy
			case 5:
				dx, dy = sy, sx
			case 6:
				dx, dy = sh-1-sy, sx
			case 7:
				dx, dy = sh-1-sy, sw-1-sx
			case 8:
				dx, dy = sy, sw-1-sx
			}
			copy(dpix[dy*dstride+dx*bpp:dy*dstride+dx*bpp+bpp], row[sx*bpp:sx*bpp+bpp])
		}
	}
	return out
}
