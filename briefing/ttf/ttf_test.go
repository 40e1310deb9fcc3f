package ttf

import (
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"briefing/fonts"
	"briefing/internal/testkit"
)

// fontBytes returns the embedded BIZ UDPGothic Regular, read once.
var fontBytes = sync.OnceValues(func() ([]byte, error) { return fonts.FS.ReadFile(fonts.Regular) })

func regular(t testing.TB) []byte {
	t.Helper()
	b, err := fontBytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parsed(t testing.TB) *Font {
	t.Helper()
	f, err := Parse(regular(t))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestParseEmbeddedFonts(t *testing.T) {
	for _, name := range []string{fonts.Regular, fonts.Bold} {
		t.Run(name, func(t *testing.T) {
			b, err := fonts.FS.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			if f.UnitsPerEm() != 2048 {
				t.Errorf("UnitsPerEm = %d, want 2048", f.UnitsPerEm())
			}
			if f.Family() != "BIZ UDPGothic" {
				t.Errorf("Family = %q", f.Family())
			}
			if !strings.HasPrefix(f.PostScriptName(), "BIZUDPGothic-") {
				t.Errorf("PostScriptName = %q", f.PostScriptName())
			}
			for _, r := range "あア漢字Aa1 （）、。・①" {
				if _, ok := f.Advance(r); !ok {
					t.Errorf("Advance(%q) not ok", r)
				}
				if _, ok := f.Glyph(r); !ok {
					t.Errorf("Glyph(%q) not ok", r)
				}
			}
		})
	}
}

func TestGlyphAndAdvance(t *testing.T) {
	f := parsed(t)
	// Known values: BIZ UDPGothic is proportional; full-width CJK is 1 em.
	for _, c := range []struct {
		r     rune
		width int
	}{{'漢', 1000}, {'A', 760}, {' ', 333}, {'1', 630}} {
		w, ok := f.Advance(c.r)
		if !ok || w != c.width {
			t.Errorf("Advance(%q) = %d, %v; want %d, true", c.r, w, ok, c.width)
		}
	}
	// U+2000B is in the font's format 12 map only, and drawn from it.
	if _, ok := f.Glyph(0x2000B); !ok {
		t.Errorf("Glyph(U+2000B) not found in the format 12 map")
	}
	if w, ok := f.Advance(0x2000B); !ok || w != 1000 {
		t.Errorf("Advance(U+2000B) = %d, %v; want 1000, true", w, ok)
	}
	for _, r := range []rune{0, -1, 0xFFFF, 0x10FFFF + 1, 0x1F525, 0xE000} {
		if _, ok := f.Advance(r); ok {
			t.Errorf("Advance(%U) ok, want not ok", r)
		}
	}
	if _, ok := f.Glyph(0x1F525); ok {
		t.Errorf("Glyph(U+1F525) ok, want not ok (no emoji in the font)")
	}
}

// TestAdvanceMatchesFpdf compares every BMP rune's width with the width
// fpdf computes from the same font file.
func TestAdvanceMatchesFpdf(t *testing.T) {
	b := regular(t)
	f := parsed(t)
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("g", "", b)
	pdf.SetFont("g", "", 10)
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := rune(1); r < 0xFFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue // not a valid rune in a Go string
		}
		w, ok := f.Advance(r)
		if !ok {
			continue
		}
		n++
		if got := pdf.GetStringSymbolWidth(string(r)); got != w {
			t.Errorf("%U: Advance = %d, fpdf = %d", r, w, got)
		}
	}
	if n < 10000 {
		t.Errorf("only %d runes have a glyph", n)
	}
}

func TestParseErrors(t *testing.T) {
	full := regular(t)
	withVersion := func(v uint32) []byte {
		b := make([]byte, 64)
		binary.BigEndian.PutUint32(b, v)
		return b
	}
	truncated := append([]byte(nil), full[:4096]...)
	noCmap := append([]byte(nil), full...)
	renameTable(noCmap, "cmap", "cmaX")
	restricted := append([]byte(nil), full...)
	binary.BigEndian.PutUint16(restricted[tableOffset(restricted, "OS/2")+8:], 0x0002)
	noSubset := append([]byte(nil), full...)
	binary.BigEndian.PutUint16(noSubset[tableOffset(noSubset, "OS/2")+8:], 0x0100)
	badMagic := append([]byte(nil), full...)
	if off := tableOffset(badMagic, "head"); off > 0 {
		badMagic[off+12] ^= 0xFF
	}
	// A variable OpenType font with CFF2 outlines: a table tagged so.
	cff2 := append([]byte(nil), full...)
	renameTable(cff2, "post", "CFF2")
	for _, c := range []struct {
		name string
		in   []byte
		want error
		msg  string
	}{
		{"empty", nil, ErrFormat, "too short"},
		{"otf without its tables", withVersion(0x4F54544F), ErrFormat, `no "head" table`},
		{"CFF2", cff2, ErrUnsupported, "CFF2 outlines"},
		{"empty collection", withVersion(0x74746366), ErrFormat, "collection header of 0 faces"},
		{"text", []byte("this is not a font at all, just some text"), ErrFormat, "sfnt version"},
		{"truncated", truncated, ErrFormat, "past the end"},
		{"no cmap", noCmap, ErrFormat, `no "cmap" table`},
		{"bad head magic", badMagic, ErrFormat, "magic"},
		{"restricted licence", restricted, ErrUnsupported, "forbids embedding"},
		{"no subsetting", noSubset, ErrUnsupported, "forbids subsetting"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse(c.in)
			if err == nil {
				t.Fatalf("Parse succeeded: %v", f)
			}
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("err = %v; want %v containing %q", err, c.want, c.msg)
			}
		})
	}
}

// tableOffset returns the offset of table tag in font b, or 0.
func tableOffset(b []byte, tag string) int {
	n := int(binary.BigEndian.Uint16(b[4:]))
	for i := range n {
		rec := 12 + 16*i
		if string(b[rec:rec+4]) == tag {
			return int(binary.BigEndian.Uint32(b[rec+8:]))
		}
	}
	return 0
}

// renameTable changes the tag of a table in the directory of font b.
func renameTable(b []byte, from, to string) {
	n := int(binary.BigEndian.Uint16(b[4:]))
	for i := range n {
		rec := 12 + 16*i
		if string(b[rec:rec+4]) == from {
			copy(b[rec:], to)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	data := regular(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAdvance(b *testing.B) {
	f := parsed(b)
	text := []rune("調達の候補となった製品：発注時期 2019年4月～5月、契約期間 1年 Kaspersky Security Cloud")
	for b.Loop() {
		for _, r := range text {
			f.Advance(r)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(text)), "ns/rune")
}

// TestGlyphsLikeAdvance compares Glyphs and Width with Advance and Glyph
// character by character: on BIZ UDPGothic (a lookup table of the Basic
// Multilingual Plane), on a subset of it and on DejaVu Sans (their
// segments walked), for runes in order and not, with characters no font
// draws, U+FFFF, characters above U+FFFF and values that are no
// character.
func TestGlyphsLikeAdvance(t *testing.T) {
	biz := parsed(t)
	text := []rune("調達の候補となった製品：発注時期 2019年4月～5月、契約期間 1年 Kaspersky Security Cloud 𠮟𩸽 ñ n\u0303 ⿰")
	sub, err := biz.Subset(text)
	if err != nil {
		t.Fatal(err)
	}
	subset, err := Parse(sub)
	if err != nil {
		t.Fatal(err)
	}
	dejavu, err := Parse(testkit.DebianFont(t, testkit.DejaVuSans, "fonts-dejavu-core"))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, f := range []struct {
		name string
		font *Font
	}{{"BIZ UDPGothic", biz}, {"subset", subset}, {"DejaVu Sans", dejavu}} {
		for round := range 200 {
			runes := []rune{-1, 0, 0xFFFF, 0x10FFFF + 1, 0x20, 0xFFFE}
			runes = append(runes, text...)
			for range rng.IntN(300) {
				switch rng.IntN(4) {
				case 0:
					runes = append(runes, rune(rng.IntN(0x80)))
				case 1:
					runes = append(runes, rune(0x3000+rng.IntN(0x7000)))
				case 2:
					runes = append(runes, rune(rng.IntN(0x10000)))
				default:
					runes = append(runes, rune(rng.IntN(0x110000)))
				}
			}
			if round%2 == 0 {
				slices.Sort(runes)
			}
			gs := f.font.Glyphs(nil, runes)
			if len(gs) != len(runes) {
				t.Fatalf("%s: %d glyphs for %d runes", f.name, len(gs), len(runes))
			}
			for i, r := range runes {
				w, ok := f.font.Advance(r)
				g, _ := f.font.Glyph(r)
				if !ok {
					g, w = 0, 0
				}
				if gs[i] != g || ok && f.font.Width(gs[i]) != w {
					t.Fatalf("%s: %U: Glyphs gives glyph %d of width %d, Advance %d of width %d (ok %v)", f.name, r, gs[i], f.font.Width(gs[i]), g, w, ok)
				}
			}
		}
		if w := f.font.Width(uint16(f.font.NumGlyphs())); w != 0 {
			t.Errorf("%s: Width of glyph %d, past the last, is %d", f.name, f.font.NumGlyphs(), w)
		}
	}
}
