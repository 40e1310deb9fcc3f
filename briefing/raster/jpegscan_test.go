package raster

import (
	"bytes"
	"image"
	"image/jpeg"
	"strings"
	"testing"
)

// TestUnsupportedCodings: each JPEG coding image/jpeg cannot read is named
// as unsupported, with what to save instead, never as damage; a baseline
// and a progressive JPEG, a PNG's bytes and a file cut inside its header
// are not.
func TestUnsupportedCodings(t *testing.T) {
	var b bytes.Buffer
	jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 16, 16)), nil)
	base := b.Bytes()
	sof := bytes.Index(base, []byte{0xFF, 0xC0})
	if sof < 0 {
		t.Fatal("no SOF0")
	}
	with := func(marker byte, precision byte) []byte {
		d := bytes.Clone(base)
		d[sof+1], d[sof+4] = marker, precision
		return d
	}
	for _, c := range []struct {
		data []byte
		want string
	}{
		{with(0xC9, 8), "arithmetic coding"},
		{with(0xCA, 8), "arithmetic coding"},
		{with(0xC3, 8), "lossless coding"},
		{with(0xC5, 8), "hierarchical coding"},
		{with(0xC1, 12), "12-bit samples"},
		{with(0xC0, 8), ""},
		{with(0xC2, 8), ""},
		{pngMagic, ""},
		{base[:sof+3], ""},
	} {
		err := Unsupported(c.data)
		if c.want == "" {
			if err != nil {
				t.Errorf("%x…: %v, want none", c.data[:min(len(c.data), 4)], err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), "unsupported JPEG ("+c.want+")") || !strings.Contains(err.Error(), "save it as a baseline JPEG") {
			t.Errorf("%s: %v", c.want, err)
		}
		if _, err := Decode(c.data); err == nil || strings.Contains(err.Error(), "damaged") {
			t.Errorf("%s: Decode says %v", c.want, err)
		}
	}
}
