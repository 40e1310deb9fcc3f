package render

import (
	"encoding/binary"
	"math"
	"sync"
)

// sRGB is the ICC profile of the sRGB colour space embedded as the output
// intent of an archival PDF: a version 2.1 display profile (ICC.1:2001-04)
// with a matrix and tone curves, 612 bytes. It is computed here from
// the numbers IEC 61966-2-1 publishes (the primaries' and the D65 white's
// chromaticities and the tone curve), not copied from another profile.
var sRGB = sync.OnceValue(srgbProfile)

// srgbCurvePoints is the number of samples of the tone curve. With 64
// points, linearly interpolated, Little CMS maps every 8-bit grey through
// the profile into its own sRGB within 0.09 of a step (32 points: 0.4).
const srgbCurvePoints = 64

func srgbProfile() []byte {
	// IEC 61966-2-1: the chromaticities of the primaries and of the
	// white point (D65), and D50, the profile connection space's white
	// (ICC.1:2001-04, 6.3.4.3).
	red, green, blue, d65 := xy{0.64, 0.33}, xy{0.30, 0.60}, xy{0.15, 0.06}, xy{0.3127, 0.3290}
	d50 := [3]float64{0.9642, 1, 0.8249}
	m := rgbToXYZ(red, green, blue, d65)
	// The colorants are adapted to D50 with the linear Bradford transform,
	// as ICC display profiles give them.
	a := bradford(d65.xyz(), d50)
	var cols [3][3]float64 // cols[i] is primary i in D50
	for i := range 3 {
		for r := range 3 {
			for k := range 3 {
				cols[i][r] += a[r][k] * m[k][i]
			}
		}
	}

	var p profileWriter
	p.tag("desc", textDescription("sRGB IEC61966-2.1"))
	p.tag("cprt", textType("Public domain; computed by briefing"))
	p.tag("wtpt", xyzType(d65.xyz()))
	p.tag("rXYZ", xyzType(cols[0]))
	p.tag("gXYZ", xyzType(cols[1]))
	p.tag("bXYZ", xyzType(cols[2]))
	trc := curve()
	p.tag("rTRC", trc)
	p.tag("gTRC", trc) // the three share one copy of the curve
	p.tag("bTRC", trc)
	return p.bytes(d50)
}

// xy is a chromaticity.
type xy struct{ x, y float64 }

// xyz is the colour of chromaticity c at luminance 1.
func (c xy) xyz() [3]float64 {
	return [3]float64{c.x / c.y, 1, (1 - c.x - c.y) / c.y}
}

// rgbToXYZ is the matrix from linear RGB to XYZ of the primaries r, g, b
// with white w (luminance 1).
func rgbToXYZ(r, g, b, w xy) [3][3]float64 {
	p := [3][3]float64{}
	for i, c := range []xy{r, g, b} {
		v := c.xyz()
		for k := range 3 {
			p[k][i] = v[k]
		}
	}
	s := mul(inverse(p), w.xyz())
	for k := range 3 {
		for i := range 3 {
			p[k][i] *= s[i]
		}
	}
	return p
}

// bradford is the linear Bradford chromatic adaptation from white src to
// white dst.
func bradford(src, dst [3]float64) [3][3]float64 {
	b := [3][3]float64{{0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}}
	s, d := mul(b, src), mul(b, dst)
	var scale [3][3]float64
	for i := range 3 {
		scale[i][i] = d[i] / s[i]
	}
	return matmul(inverse(b), matmul(scale, b))
}

func mul(m [3][3]float64, v [3]float64) [3]float64 {
	var out [3]float64
	for r := range 3 {
		for k := range 3 {
			out[r] += m[r][k] * v[k]
		}
	}
	return out
}

func matmul(a, b [3][3]float64) [3][3]float64 {
	var out [3][3]float64
	for r := range 3 {
		for c := range 3 {
			for k := range 3 {
				out[r][c] += a[r][k] * b[k][c]
			}
		}
	}
	return out
}

func inverse(m [3][3]float64) [3][3]float64 {
	det := m[0][0]*(m[1][1]*m[2][2]-m[1][2]*m[2][1]) -
		m[0][1]*(m[1][0]*m[2][2]-m[1][2]*m[2][0]) +
		m[0][2]*(m[1][0]*m[2][1]-m[1][1]*m[2][0])
	var inv [3][3]float64
	for r := range 3 {
		for c := range 3 {
			// The cofactor of m[c][r], by the cyclic rule.
			r1, r2 := (c+1)%3, (c+2)%3
			c1, c2 := (r+1)%3, (r+2)%3
			inv[r][c] = (m[r1][c1]*m[r2][c2] - m[r1][c2]*m[r2][c1]) / det
		}
	}
	return inv
}

// s15f16 is v as an ICC s15Fixed16Number.
func s15f16(v float64) uint32 {
	return uint32(int32(math.Round(v * 65536)))
}

// xyzType is an ICC XYZType holding one colour.
func xyzType(v [3]float64) []byte {
	b := []byte("XYZ \x00\x00\x00\x00")
	for _, c := range v {
		b = binary.BigEndian.AppendUint32(b, s15f16(c))
	}
	return b
}

// textType is an ICC textType of ASCII s.
func textType(s string) []byte {
	return append([]byte("text\x00\x00\x00\x00"+s), 0)
}

// textDescription is an ICC version 2 textDescriptionType of ASCII s,
// without Unicode or Macintosh forms.
func textDescription(s string) []byte {
	b := []byte("desc\x00\x00\x00\x00")
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)+1))
	b = append(append(b, s...), 0)
	b = append(b, make([]byte, 4+4+2+1+67)...) // Unicode language and count; ScriptCode code, count and 67 bytes
	return b
}

// curve is the sRGB tone curve (IEC 61966-2-1: linear below 0.04045,
// else ((v+0.055)/1.055)^2.4) as an ICC curveType of srgbCurvePoints
// samples.
func curve() []byte {
	b := []byte("curv\x00\x00\x00\x00")
	b = binary.BigEndian.AppendUint32(b, srgbCurvePoints)
	for i := range srgbCurvePoints {
		v := float64(i) / (srgbCurvePoints - 1)
		if v <= 0.04045 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		b = binary.BigEndian.AppendUint16(b, uint16(math.Round(v*65535)))
	}
	return b
}

// profileWriter lays out the tags of an ICC profile: equal tag data is
// stored once, each element starts on a 4-byte boundary.
type profileWriter struct {
	sigs  []string
	data  [][]byte
	which []int // tag i's data is data[which[i]]
}

func (p *profileWriter) tag(sig string, data []byte) {
	p.sigs = append(p.sigs, sig)
	for i, d := range p.data {
		if string(d) == string(data) {
			p.which = append(p.which, i)
			return
		}
	}
	p.data = append(p.data, data)
	p.which = append(p.which, len(p.data)-1)
}

// bytes is the profile: the 128-byte header (ICC.1:2001-04, 6.1), the
// tag table and the tags' data. pcsWhite is the illuminant of the
// profile connection space.
func (p *profileWriter) bytes(pcsWhite [3]float64) []byte {
	off := 128 + 4 + 12*len(p.sigs)
	offsets := make([]int, len(p.data))
	for i, d := range p.data {
		offsets[i] = off
		off += (len(d) + 3) &^ 3
	}
	b := make([]byte, 0, off)
	b = binary.BigEndian.AppendUint32(b, uint32(off)) // profile size
	b = append(b, 0, 0, 0, 0)                         // preferred CMM: none
	b = append(b, 2, 0x10, 0, 0)                      // version 2.1.0
	b = append(b, "mntrRGB XYZ "...)                  // display device, RGB data, XYZ connection space
	for _, v := range []uint16{2026, 1, 1, 0, 0, 0} { // creation date and time, fixed so the bytes are
		b = binary.BigEndian.AppendUint16(b, v)
	}
	b = append(b, "acsp"...)
	b = append(b, make([]byte, 4+4+4+4+8)...) // platform, flags, manufacturer, model, attributes
	b = binary.BigEndian.AppendUint32(b, 0)   // rendering intent: perceptual
	for _, c := range pcsWhite {
		b = binary.BigEndian.AppendUint32(b, s15f16(c))
	}
	b = append(b, make([]byte, 4+44)...) // creator; profile ID and reserved bytes
	b = binary.BigEndian.AppendUint32(b, uint32(len(p.sigs)))
	for i, sig := range p.sigs {
		d := p.which[i]
		b = append(b, sig...)
		b = binary.BigEndian.AppendUint32(b, uint32(offsets[d]))
		b = binary.BigEndian.AppendUint32(b, uint32(len(p.data[d])))
	}
	for _, d := range p.data {
		b = append(b, d...)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
	}
	return b
}
