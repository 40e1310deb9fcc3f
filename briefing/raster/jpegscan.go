package raster

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
)

// jpegFrame is what the markers of a JPEG before its first scan say:
// the frame's coding (its SOF marker, ITU T.81 table B.1), its sample
// precision and number of components, and whether an Adobe APP14 segment
// says how its colours are stored.
type jpegFrame struct {
	sof        byte // 0 when no frame header was found
	precision  int  // bits a sample
	components int
	adobe      bool
}

// frameOf reads the segments of data up to its first scan; a damaged
// segment ends the reading (the decoder then says what is wrong).
func frameOf(data []byte) jpegFrame {
	var f jpegFrame
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			break
		}
		m := data[i+1]
		switch {
		case m == 0xFF: // a fill byte
			i++
			continue
		case m == 0xD8 || m == 0x01 || 0xD0 <= m && m <= 0xD7: // no length
			i += 2
			continue
		case m == 0xDA || m == 0xD9: // the first scan, or the end
			return f
		}
		n := int(data[i+2])<<8 | int(data[i+3])
		if n < 2 || i+2+n > len(data) {
			break
		}
		seg := data[i+4 : i+2+n]
		switch {
		case m == 0xEE && bytes.HasPrefix(seg, []byte("Adobe")):
			f.adobe = true
		case 0xC0 <= m && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC && f.sof == 0 && len(seg) >= 6:
			f.sof, f.precision, f.components = m, int(seg[0]), int(seg[5])
		}
		i += 2 + n
	}
	return f
}

// Unsupported returns the error of a JPEG picture in data that is valid
// but coded in a way Go's image/jpeg (baseline and progressive Huffman
// coding, 8-bit samples) does not read, naming the coding and what to do:
// arithmetic coding (what `jpegtran -arithmetic` and some cameras and
// scanners write), lossless or hierarchical coding, 12-bit samples. It
// returns nil for any other data (a PNG, a baseline JPEG, a damaged file).
func Unsupported(data []byte) error {
	if !bytes.HasPrefix(data, jpegMagic) {
		return nil
	}
	f := frameOf(data)
	what := ""
	switch f.sof {
	case 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF:
		what = "arithmetic coding"
	case 0xC3, 0xC7:
		what = "lossless coding"
	case 0xC5, 0xC6:
		what = "hierarchical coding"
	case 0xC0, 0xC1, 0xC2:
		if f.precision != 8 {
			what = fmt.Sprintf("%d-bit samples", f.precision)
		}
	}
	if what == "" {
		return nil
	}
	return fmt.Errorf("is an unsupported JPEG (%s), which briefing cannot read: save it as a baseline JPEG (or a PNG)", what)
}

// DecodeJPEG decodes a JPEG picture as image/jpeg does, and also one of
// four components without an Adobe APP14 segment, which image/jpeg refuses
// ("unknown color model"): as CMYK stored inverted, as Adobe's writers and
// ImageMagick store it (and ImageMagick and web browsers read any CMYK
// JPEG), with the segment put in front of its frame to say so (transform
// 0, no colour transform).
func DecodeJPEG(data []byte) (image.Image, error) {
	f := frameOf(data)
	if f.components != 4 || f.adobe {
		return jpeg.Decode(bytes.NewReader(data))
	}
	// APP14 "Adobe", version 100, flags 0 and 0, transform 0 (CMYK).
	app14 := []byte{0xFF, 0xEE, 0x00, 0x0E, 'A', 'd', 'o', 'b', 'e', 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00}
	with := make([]byte, 0, len(data)+len(app14))
	with = append(append(append(with, data[:2]...), app14...), data[2:]...)
	return jpeg.Decode(bytes.NewReader(with))
}
