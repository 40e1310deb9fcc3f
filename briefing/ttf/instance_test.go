package ttf

import (
	"errors"
	"math"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"briefing/internal/testkit"
)

// TestVariableInstance reads Inter's axes and named instances, and
// checks its instances: at the default the static font's outlines are
// the variable font's own, point for point within a unit, as
// golang.org/x/image/font/sfnt reads both (sfnt ignores variations), and
// its advances the same; the Bold instance is wider and says so in its
// names and OS/2 weight; a wrong instance or axis value is an error that
// lists what the font has.
func TestVariableInstance(t *testing.T) {
	t.Parallel()
	b := testkit.DebianFont(t, testkit.InterVariable, "fonts-inter-variable")
	f, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	axes, instances := f.Variations()
	if len(axes) == 0 || axes[0] != (Axis{"wght", 100, 400, 900}) {
		t.Errorf("axes %v, want wght 100–400–900 first", axes)
	}
	var bold *NamedInstance
	for i := range instances {
		if instances[i].Name == "Bold" {
			bold = &instances[i]
		}
	}
	if bold == nil || bold.Coords[0] != 700 {
		t.Fatalf("named instances %v, want Bold at wght 700", instances)
	}

	def, name, err := f.Instance("wght=400")
	if err != nil || name != "wght=400" {
		t.Fatalf("Instance(wght=400) = %q, %v", name, err)
	}
	orig, err := sfnt.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := sfnt.Parse(def)
	if err != nil {
		t.Fatalf("sfnt cannot read the instance: %v", err)
	}
	ppem := fixed.I(f.UnitsPerEm())
	var bo, bi sfnt.Buffer
	differ := 0
	for g := range f.NumGlyphs() {
		want, err := orig.LoadGlyph(&bo, sfnt.GlyphIndex(g), ppem, nil)
		if err != nil {
			continue
		}
		want = append(sfnt.Segments(nil), want...)
		have, err := inst.LoadGlyph(&bi, sfnt.GlyphIndex(g), ppem, nil)
		if err != nil {
			t.Fatalf("glyph %d of the instance: %v", g, err)
		}
		if !near(want, have) {
			differ++
			if differ < 4 {
				t.Errorf("glyph %d: outline %v\nwant %v", g, have, want)
			}
		}
		if a, _ := orig.GlyphAdvance(&bo, sfnt.GlyphIndex(g), ppem, 0); a != mustAdvance(t, inst, &bi, g, ppem) {
			t.Errorf("glyph %d: advance differs from the default's", g)
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d glyphs differ from the default outlines", differ, f.NumGlyphs())
	}

	out, name, err := f.Instance("bold")
	if err != nil || name != "Bold" {
		t.Fatalf("Instance(bold) = %q, %v", name, err)
	}
	bf, err := Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	if bf.PostScriptName() != "Inter-Bold" || bf.Family() != "Inter" {
		t.Errorf("names %q, %q", bf.PostScriptName(), bf.Family())
	}
	if w := u16(bf.tab("OS/2"), 4); w != 700 {
		t.Errorf("usWeightClass %d, want 700", w)
	}
	for _, r := range "anoHW" {
		rw, _ := f.Advance(r)
		bw, _ := bf.Advance(r)
		if bw <= rw {
			t.Errorf("%c: bold advance %d, regular %d", r, bw, rw)
		}
	}
	if axes, _ := bf.Variations(); len(axes) != 0 || bf.tab("gvar") != nil {
		t.Errorf("the instance keeps its variation tables")
	}
	for sel, want := range map[string]string{
		"Heavy":     `the font has no instance "Heavy"; its named instances are Thin, Thin Italic,`,
		"wght=1000": `axis wght: "1000" is not a number from 100 to 900`,
		"wdth=90":   `the font has no axis "wdth"; its axes are wght 100–900, slnt -10–0`,
		// Only decimal numbers: NaN is within no range, yet compares
		// false with both ends; ParseFloat takes these too.
		"wght=NaN":          `axis wght: "NaN" is not a number from 100 to 900`,
		"wght=nan":          `axis wght: "nan" is not a number from 100 to 900`,
		"wght=6_50":         `axis wght: "6_50" is not a number from 100 to 900`,
		"wght=0x1p9":        `axis wght: "0x1p9" is not a number from 100 to 900`,
		"wght=5e2":          `axis wght: "5e2" is not a number from 100 to 900`,
		"wght=650,wght=700": `axis wght is given twice`,
	} {
		if _, _, err := f.Instance(sel); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Instance(%q) = %v, want %q…", sel, err, want)
		}
	}
	if _, name, err := f.Instance("wght=+650.0,slnt=-5"); err != nil || name != "wght=650,slnt=-5" {
		t.Errorf("Instance(wght=+650.0,slnt=-5) = %q, %v; want the name wght=650,slnt=-5", name, err)
	}
	static, err := Parse(def)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := static.Instance("Bold"); err == nil || !strings.Contains(err.Error(), "not a TrueType variable font") {
		t.Errorf("Instance of a static font: %v", err)
	}
}

func mustAdvance(t *testing.T, f *sfnt.Font, b *sfnt.Buffer, g int, ppem fixed.Int26_6) fixed.Int26_6 {
	a, err := f.GlyphAdvance(b, sfnt.GlyphIndex(g), ppem, 0)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// near reports whether two outlines have the same segments with points
// within one font unit (an implied on-curve point of the variable font is
// an explicit, rounded one in the instance).
func near(a, b sfnt.Segments) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Op != b[i].Op {
			return false
		}
		n := map[sfnt.SegmentOp]int{sfnt.SegmentOpMoveTo: 1, sfnt.SegmentOpLineTo: 1, sfnt.SegmentOpQuadTo: 2, sfnt.SegmentOpCubeTo: 3}[a[i].Op]
		for k := range a[i].Args[:n] {
			if math.Abs(float64(a[i].Args[k].X-b[i].Args[k].X)) > 64 || math.Abs(float64(a[i].Args[k].Y-b[i].Args[k].Y)) > 64 {
				return false
			}
		}
	}
	return true
}

// FuzzInstanceSelector checks that any text after # of a variable font
// (Inter) gives an instance whose axis values are within the font's
// ranges and which parses again, or an error, never a panic:
//
//	go test -run XXX -fuzz FuzzInstanceSelector -fuzztime 30s ./briefing/ttf
func FuzzInstanceSelector(f *testing.F) {
	b := testkit.DebianFont(f, testkit.InterVariable, "fonts-inter-variable")
	font, err := Parse(b)
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"Bold", "wght=650", "wght=650,slnt=-5", "wght=NaN", "wght=1e3", "slnt=-0", "wght=650,wght=700", "Semi Bold"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sel string) {
		out, name, err := font.Instance(sel)
		if err != nil {
			if errors.Is(err, ErrFormat) {
				t.Fatalf("Instance(%q): the font is fine, yet %v", sel, err)
			}
			return
		}
		if strings.Contains(strings.ToLower(name), "nan") || strings.Contains(strings.ToLower(name), "inf") {
			t.Fatalf("Instance(%q) named %q", sel, name)
		}
		if _, err := Parse(out); err != nil {
			t.Fatalf("Instance(%q) does not parse: %v", sel, err)
		}
	})
}
