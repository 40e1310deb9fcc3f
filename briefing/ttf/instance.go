package ttf

// Instances of TrueType variable fonts (glyf with fvar and gvar). The
// variation itself (axis normalization with avar, gvar deltas with the
// interpolation of untouched points, HVAR or phantom-point advances) is
// computed by github.com/go-text/typesetting, whose font package draws
// variable fonts; this file reads fvar's axes and named instances, and
// writes the varied outlines and advances as a static TrueType font.

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	gtfont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// Axis is an axis of a variable font (fvar), in design units.
type Axis struct {
	Tag               string // "wght"
	Min, Default, Max float64
}

// NamedInstance is a named instance of a variable font (fvar).
type NamedInstance struct {
	Name           string    // its subfamily name: "Bold"
	PostScriptName string    // "" when the font gives none
	Coords         []float64 // by axis, design units
}

// Variations returns the axes and named instances of a variable font;
// none for a static font.
func (f *Font) Variations() (axes []Axis, instances []NamedInstance) {
	t := f.tab("fvar")
	if len(t) < 16 {
		return nil, nil
	}
	axOff, nAx, axSize := int(u16(t, 4)), int(u16(t, 8)), int(u16(t, 10))
	nIn, inSize := int(u16(t, 12)), int(u16(t, 14))
	if axSize < 20 || axOff+nAx*axSize > len(t) {
		return nil, nil
	}
	fixed := func(p int) float64 { return float64(int32(u32(t, p))) / 65536 }
	for i := range nAx {
		p := axOff + i*axSize
		axes = append(axes, Axis{string(t[p : p+4]), fixed(p + 4), fixed(p + 8), fixed(p + 12)})
	}
	if inSize < 4+4*nAx {
		return axes, nil
	}
	for i := range nIn {
		p := axOff + nAx*axSize + i*inSize
		if p+inSize > len(t) {
			break
		}
		in := NamedInstance{Name: f.nameByID(u16(t, p))}
		for k := range nAx {
			in.Coords = append(in.Coords, fixed(p+4+4*k))
		}
		if inSize >= 6+4*nAx {
			if id := u16(t, p+4+4*nAx); id != 0xFFFF {
				in.PostScriptName = f.nameByID(id)
			}
		}
		instances = append(instances, in)
	}
	return axes, instances
}

// nameByID returns name id of the name table, in English where the font
// has it; "" when it has none.
func (f *Font) nameByID(id uint16) string {
	nm := f.tab("name")
	if len(nm) < 6 {
		return ""
	}
	count, strOff := int(u16(nm, 2)), int(u16(nm, 4))
	best, q := "", 0
	for i := range count {
		r := 6 + 12*i
		if r+12 > len(nm) {
			break
		}
		plat, enc, lang := u16(nm, r), u16(nm, r+2), u16(nm, r+4)
		ln, off := int(u16(nm, r+8)), int(u16(nm, r+10))
		if u16(nm, r+6) != id || strOff+off+ln > len(nm) {
			continue
		}
		s := nm[strOff+off : strOff+off+ln]
		switch {
		case plat == 3 && (enc == 1 || enc == 10) && lang == 0x409 && q < 3:
			best, q = utf16BE(s), 3
		case plat == 3 && (enc == 1 || enc == 10) && q < 2:
			best, q = utf16BE(s), 2
		case plat == 1 && enc == 0 && q < 1:
			best, q = string(s), 1
		}
	}
	return best
}

// Instance returns a static TrueType font of the variable font f at an
// instance: a named instance by its subfamily or PostScript name ("Bold",
// compared without regard to case), or axis values in design units
// ("wght=700" or "wght=650,wdth=90"; axes not given keep their default).
// The font has the instance's outlines (composite glyphs made simple, no
// hinting instructions) and advances, f's character map, and names
// saying the instance; the variation tables are left out. name is the
// instance's subfamily name ("Bold", or the axis values as numbers,
// "wght=650,wdth=90" for "wght=+650.0, wdth=90").
//
// The errors: f is not a variable TrueType font; an unknown instance
// (listing the named instances and the axes); an axis the font lacks or
// given twice; a value that is not a decimal number within its range.
func (f *Font) Instance(sel string) (out []byte, name string, err error) {
	defer func() {
		// go-text/typesetting reads the variation tables; a damaged one
		// is an error of the font, never a crash.
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%w: damaged variation tables (%v)", ErrFormat, r)
		}
	}()
	axes, instances := f.Variations()
	if len(axes) == 0 || f.cff != nil || f.tab("gvar") == nil {
		return nil, "", fmt.Errorf("not a TrueType variable font (no fvar and gvar tables): it has no instance %q", sel)
	}
	coords := make([]float64, len(axes))
	for i, a := range axes {
		coords[i] = a.Default
	}
	if strings.Contains(sel, "=") {
		var given []string
		for _, kv := range strings.Split(sel, ",") {
			tag, val, _ := strings.Cut(strings.TrimSpace(kv), "=")
			i := slices.IndexFunc(axes, func(a Axis) bool { return a.Tag == tag })
			if i < 0 {
				return nil, "", fmt.Errorf("the font has no axis %q; its axes are %s", tag, axisList(axes))
			}
			if slices.ContainsFunc(given, func(g string) bool { return strings.HasPrefix(g, tag+"=") }) {
				return nil, "", fmt.Errorf("axis %s is given twice", tag)
			}
			// A decimal number only: ParseFloat alone would also take
			// NaN, Inf, hexadecimal and digits with underscores.
			v, err := strconv.ParseFloat(val, 64)
			if err != nil || strings.Trim(val, "+-.0123456789") != "" || v < axes[i].Min || v > axes[i].Max {
				return nil, "", fmt.Errorf("axis %s: %q is not a number from %g to %g", tag, val, axes[i].Min, axes[i].Max)
			}
			coords[i] = v
			given = append(given, fmt.Sprintf("%s=%g", tag, v))
		}
		name = strings.Join(given, ",")
	} else {
		i := slices.IndexFunc(instances, func(in NamedInstance) bool {
			return in.Name != "" && strings.EqualFold(in.Name, sel) || in.PostScriptName != "" && strings.EqualFold(in.PostScriptName, sel)
		})
		if i < 0 {
			names := make([]string, len(instances))
			for k, in := range instances {
				names[k] = in.Name
			}
			return nil, "", fmt.Errorf("the font has no instance %q; its named instances are %s; or give axis values, as in #%s=%g (axes: %s)",
				sel, strings.Join(names, ", "), axes[0].Tag, axes[0].Max, axisList(axes))
		}
		copy(coords, instances[i].Coords)
		name = instances[i].Name
	}
	face, err := gtfont.ParseTTF(bytes.NewReader(f.SingleFont()))
	if err != nil {
		return nil, "", fmt.Errorf("%w: variable font: %v", ErrFormat, err)
	}
	vars := make([]gtfont.Variation, len(axes))
	for i, a := range axes {
		vars[i] = gtfont.Variation{Tag: ot.MustNewTag(a.Tag), Value: float32(coords[i])}
	}
	face.SetVariations(vars)
	return f.static(face, name, axes, coords), name, nil
}

// axisList names axes with their ranges: "wght 100–900, opsz 14–32".
func axisList(axes []Axis) string {
	s := make([]string, len(axes))
	for i, a := range axes {
		s[i] = fmt.Sprintf("%s %g–%g", a.Tag, a.Min, a.Max)
	}
	return strings.Join(s, ", ")
}

// static writes the font f at the variation face is set to.
func (f *Font) static(face *gtfont.Face, name string, axes []Axis, coords []float64) []byte {
	be := binary.BigEndian
	n := f.numGlyphs
	var glyf []byte
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	bbox := [4]int{math.MaxInt16, math.MaxInt16, math.MinInt16, math.MinInt16}
	maxPts, maxCont, maxAdv := 0, 0, 0
	for g := range n {
		be.PutUint32(loca[4*g:], uint32(len(glyf)))
		adv := max(0, min(0xFFFF, int(math.Round(float64(face.HorizontalAdvance(gtfont.GID(g)))))))
		maxAdv = max(maxAdv, adv)
		be.PutUint16(hmtx[4*g:], uint16(adv))
		o, ok := face.GlyphDataOutline(gtfont.GID(g))
		if !ok {
			continue
		}
		data, box, pts, conts := outlineGlyph(o.Segments)
		if data == nil {
			continue
		}
		be.PutUint16(hmtx[4*g+2:], uint16(int16(box[0])))
		bbox = [4]int{min(bbox[0], box[0]), min(bbox[1], box[1]), max(bbox[2], box[2]), max(bbox[3], box[3])}
		maxPts, maxCont = max(maxPts, pts), max(maxCont, conts)
		glyf = append(glyf, data...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	be.PutUint32(loca[4*n:], uint32(len(glyf)))
	if bbox[0] > bbox[2] {
		bbox = [4]int{}
	}

	head := slices.Clone(f.tab("head"))
	be.PutUint32(head[8:], 0)
	for i, v := range bbox {
		be.PutUint16(head[36+2*i:], uint16(int16(v)))
	}
	be.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(f.tab("hhea"))
	be.PutUint16(hhea[10:], uint16(maxAdv))
	be.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(f.tab("maxp"))
	if len(maxp) >= 32 {
		be.PutUint16(maxp[6:], uint16(min(maxPts, 0xFFFF)))
		be.PutUint16(maxp[8:], uint16(min(maxCont, 0xFFFF)))
		for _, off := range []int{10, 12, 26, 28, 30} { // composites, instructions
			be.PutUint16(maxp[off:], 0)
		}
	}
	tables := map[string][]byte{
		"cmap": f.tab("cmap"), "glyf": glyf, "loca": loca, "hmtx": hmtx, "head": head,
		"hhea": hhea, "maxp": maxp, "post": f.subsetPost(), "name": f.instanceName(name),
	}
	if os2 := f.tab("OS/2"); os2 != nil {
		os2 = slices.Clone(os2)
		for i, a := range axes {
			if a.Tag == "wght" && len(os2) >= 6 {
				be.PutUint16(os2[4:], uint16(max(1, min(1000, int(math.Round(coords[i])))))) // usWeightClass
			}
		}
		tables["OS/2"] = os2
	}
	return assemble(tables, false)
}

// outlineGlyph writes the contours of segments (quadratic, from a glyf
// outline) as a simple glyph: on- and off-curve points as they come,
// coordinates rounded to font units, as 16-bit deltas; nil for no ink.
func outlineGlyph(segs []ot.Segment) (data []byte, box [4]int, points, contours int) {
	type pt struct {
		x, y int
		on   bool
	}
	var pts []pt
	var ends []int
	r := func(v float32) int { return int(math.Round(float64(v))) }
	close := func(start int) {
		if len(pts) > start+1 {
			l, s := pts[len(pts)-1], pts[start]
			if l.on && l.x == s.x && l.y == s.y {
				pts = pts[:len(pts)-1] // the contour closes by itself
			}
		}
		if len(pts) > start {
			ends = append(ends, len(pts)-1)
		}
	}
	start := 0
	for _, s := range segs {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			close(start)
			start = len(pts)
			pts = append(pts, pt{r(s.Args[0].X), r(s.Args[0].Y), true})
		case ot.SegmentOpLineTo:
			pts = append(pts, pt{r(s.Args[0].X), r(s.Args[0].Y), true})
		case ot.SegmentOpQuadTo:
			pts = append(pts, pt{r(s.Args[0].X), r(s.Args[0].Y), false}, pt{r(s.Args[1].X), r(s.Args[1].Y), true})
		default: // cubic: not in a glyf outline
			return nil, box, 0, 0
		}
	}
	close(start)
	if len(pts) == 0 || len(ends) > 0x7FFF {
		return nil, box, 0, 0
	}
	box = [4]int{pts[0].x, pts[0].y, pts[0].x, pts[0].y}
	for _, p := range pts {
		box = [4]int{min(box[0], p.x), min(box[1], p.y), max(box[2], p.x), max(box[3], p.y)}
	}
	be := binary.BigEndian
	data = make([]byte, 10, 10+2*len(ends)+2+5*len(pts))
	be.PutUint16(data[0:], uint16(len(ends)))
	for i, v := range box {
		be.PutUint16(data[2+2*i:], uint16(int16(v)))
	}
	for _, e := range ends {
		data = be.AppendUint16(data, uint16(e))
	}
	data = be.AppendUint16(data, 0) // no instructions
	for _, p := range pts {
		if p.on {
			data = append(data, 1)
		} else {
			data = append(data, 0)
		}
	}
	x, y := 0, 0
	for _, p := range pts {
		data = be.AppendUint16(data, uint16(int16(p.x-x)))
		x = p.x
	}
	for _, p := range pts {
		data = be.AppendUint16(data, uint16(int16(p.y-y)))
		y = p.y
	}
	return data, box, len(pts), len(ends)
}

// instanceName returns a name table (format 0, Windows Unicode English)
// naming the instance: family, subfamily, full and PostScript names.
func (f *Font) instanceName(inst string) []byte {
	family := f.family
	ps := strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7F && !strings.ContainsRune("[](){}<>/%", r) {
			return r
		}
		return -1
	}, strings.ReplaceAll(family, " ", "")+"-"+strings.ReplaceAll(inst, "=", ""))
	recs := []struct {
		id uint16
		s  string
	}{{1, family}, {2, inst}, {4, family + " " + inst}, {6, ps}}
	be := binary.BigEndian
	out := make([]byte, 6+12*len(recs))
	be.PutUint16(out[2:], uint16(len(recs)))
	be.PutUint16(out[4:], uint16(len(out)))
	var str []byte
	for i, rc := range recs {
		r := 6 + 12*i
		be.PutUint16(out[r:], 3)
		be.PutUint16(out[r+2:], 1)
		be.PutUint16(out[r+4:], 0x409)
		be.PutUint16(out[r+6:], rc.id)
		off := len(str)
		for _, c := range rc.s {
			if c > 0xFFFF {
				c = 0xFFFD
			}
			str = be.AppendUint16(str, uint16(c))
		}
		be.PutUint16(out[r+8:], uint16(len(str)-off))
		be.PutUint16(out[r+10:], uint16(off))
	}
	return append(out, str...)
}
