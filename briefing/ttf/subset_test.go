package ttf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"codeberg.org/go-pdf/fpdf"

	"briefing/internal/testkit"
)

// sampleRunes returns the distinct runes of testdata/sample.txt, a
// briefing-like text in Japanese and English (about 450 runes).
func sampleRunes(t testing.TB) ([]rune, string) {
	t.Helper()
	b, err := os.ReadFile("testdata/sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	var rs []rune
	seen := map[rune]bool{}
	for _, r := range string(b) {
		if !seen[r] && r != '\n' {
			seen[r] = true
			rs = append(rs, r)
		}
	}
	return rs, string(b)
}

func TestSubsetRoundTrip(t *testing.T) {
	f := parsed(t)
	rs, _ := sampleRunes(t)
	b, err := f.Subset(rs)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(b)
	if err != nil {
		t.Fatalf("Parse(Subset) = %v", err)
	}
	kept := map[uint16]bool{}
	for _, r := range rs {
		want, wok := f.Advance(r)
		got, gok := s.Advance(r)
		if got != want || gok != wok {
			t.Errorf("%U %q: subset Advance = %d, %v; full font %d, %v", r, r, got, gok, want, wok)
		}
		g, ok := s.Glyph(r)
		if ok != wok {
			t.Errorf("%U %q: subset Glyph ok = %v, want %v", r, r, ok, wok)
		}
		og, _ := f.Glyph(r)
		if ok {
			kept[g] = true
			if !sameOutline(s.glyphData(g), f.glyphData(og)) {
				t.Errorf("%U %q: outline differs from the full font's", r, r)
			}
			if s.GlyphAdvance(g) != f.GlyphAdvance(og) {
				t.Errorf("%U %q: advance %d, want %d font units", r, r, s.GlyphAdvance(g), f.GlyphAdvance(og))
			}
		}
	}
	// .notdef plus one glyph per distinct glyph of the runes, nothing else.
	if s.NumGlyphs() != len(kept)+1 {
		t.Errorf("subset has %d glyphs, want %d", s.NumGlyphs(), len(kept)+1)
	}
	if !sameOutline(s.glyphData(0), f.glyphData(0)) || s.GlyphAdvance(0) != f.GlyphAdvance(0) {
		t.Errorf(".notdef differs from the full font's")
	}
	for _, r := range "猫犬鳥ß" {
		if _, ok := s.Glyph(r); ok {
			t.Errorf("subset maps %q, which was not asked for", r)
		}
	}
	if s.Family() != f.Family() || s.UnitsPerEm() != f.UnitsPerEm() || s.Ascender() != f.Ascender() {
		t.Errorf("names or metrics changed: %q %d %d", s.Family(), s.UnitsPerEm(), s.Ascender())
	}
	if len(b) > len(f.Bytes())/10 {
		t.Errorf("subset is %d bytes, the full font %d", len(b), len(f.Bytes()))
	}
}

func TestSubsetDeterministic(t *testing.T) {
	f := parsed(t)
	rs, _ := sampleRunes(t)
	a, err := f.Subset(rs)
	if err != nil {
		t.Fatal(err)
	}
	rev := slices.Clone(rs)
	slices.Reverse(rev)
	rev = append(rev, rs[:10]...)      // duplicates
	rev = append(rev, 0x1F525, 0xE000) // no glyph
	b, err := f.Subset(rev)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("subset depends on the order of the runes")
	}
}

func TestSubsetEmpty(t *testing.T) {
	f := parsed(t)
	b, err := f.Subset(nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if s.NumGlyphs() != 1 {
		t.Errorf("empty subset has %d glyphs, want 1 (.notdef)", s.NumGlyphs())
	}
}

func TestSubsetChecksums(t *testing.T) {
	f := parsed(t)
	b, err := f.Subset([]rune("概要 Summary"))
	if err != nil {
		t.Fatal(err)
	}
	if got := checksum(b); got != 0xB1B0AFBA {
		t.Errorf("whole-file checksum 0x%08x, want 0xB1B0AFBA", got)
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	for i := range n {
		rec := b[12+16*i:]
		tag := string(rec[:4])
		sum, off, ln := binary.BigEndian.Uint32(rec[4:]), binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if off%4 != 0 {
			t.Errorf("table %q at offset %d, not 4-byte aligned", tag, off)
		}
		d := slices.Clone(b[off : off+ln])
		if tag == "head" {
			binary.BigEndian.PutUint32(d[8:], 0)
		}
		if checksum(d) != sum {
			t.Errorf("table %q checksum 0x%08x, directory says 0x%08x", tag, checksum(d), sum)
		}
	}
}

// A small font with composite glyphs (BIZ UDPGothic has none):
//
//	0 .notdef  simple
//	1 'a'      simple
//	2 'b'      simple
//	3 —        simple, only used as a component
//	4 'c'      composite of 3 and 5
//	5 —        composite of 2 (scaled): nested
//	6 'z'      simple
//	7 'd'      composite of itself (a damaged font)
//	8 'e'      composite of 1, with instructions
//
// Glyphs 1 and 8 have instructions.
func compositeFont(t testing.TB) []byte {
	t.Helper()
	glyphs := [][]byte{
		simpleGlyph(0, 0, 500, 700),
		hintedGlyph(10, 0, 400, 500, []byte{0xB0, 0x01, 0x2F}), // PUSHB[0] 1, SVTCA... (any bytes)
		simpleGlyph(20, -10, 450, 720),
		simpleGlyph(30, 600, 90, 680),
		compositeGlyph(compRef{3, 100, 0, 0}, compRef{5, 0, 0, haveScale}),
		compositeGlyph(compRef{2, 5, 5, haveScale}),
		simpleGlyph(40, 0, 300, 300),
		compositeGlyph(compRef{7, 0, 0, 0}),
		hintedComposite([]byte{0xB0, 0x02, 0x2F, 0x2F}, compRef{1, 50, 0, haveTwoByTwo}),
	}
	advances := []uint16{500, 510, 520, 0, 540, 550, 560, 570, 580}
	return buildFont(t, glyphs, advances, map[rune]uint16{'a': 1, 'b': 2, 'c': 4, 'z': 6, 'd': 7, 'e': 8})
}

func TestSubsetKeepsCompositeComponents(t *testing.T) {
	f, err := Parse(compositeFont(t))
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.Subset([]rune("c"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	// Kept: .notdef, 'c' (4), its components 3 and 5, and 5's component 2.
	if s.NumGlyphs() != 5 {
		t.Fatalf("subset has %d glyphs, want 5", s.NumGlyphs())
	}
	for _, r := range "abzde" {
		if _, ok := s.Glyph(r); ok {
			t.Errorf("subset maps %q", r)
		}
	}
	c, ok := s.Glyph('c')
	if !ok {
		t.Fatal("subset lost 'c'")
	}
	if w, _ := s.Advance('c'); w != 540*1000/1000 {
		t.Errorf("Advance('c') = %d, want 540", w)
	}
	var comps []uint16
	if err := s.components(c, func(g uint16, _ int) error { comps = append(comps, g); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(comps) != 2 {
		t.Fatalf("'c' has components %v, want two", comps)
	}
	// The first component is the simple glyph 3, the second the nested
	// composite 5, whose component is glyph 2 ('b').
	if !sameOutline(s.glyphData(comps[0]), f.glyphData(3)) {
		t.Errorf("component 1 outline differs from glyph 3")
	}
	var nested []uint16
	_ = s.components(comps[1], func(g uint16, _ int) error { nested = append(nested, g); return nil })
	if len(nested) != 1 || !sameOutline(s.glyphData(nested[0]), f.glyphData(2)) {
		t.Errorf("nested component %v is not glyph 2's outline", nested)
	}
	if s.GlyphAdvance(comps[0]) != 0 || s.GlyphAdvance(comps[1]) != 550 || s.GlyphAdvance(nested[0]) != 520 {
		t.Errorf("component advances %d, %d, %d; want 0, 550, 520",
			s.GlyphAdvance(comps[0]), s.GlyphAdvance(comps[1]), s.GlyphAdvance(nested[0]))
	}
	// A composite glyph that uses itself does not loop.
	if _, err := f.Subset([]rune("d")); err != nil {
		t.Errorf("self-referencing composite: %v", err)
	}
}

// sameOutline reports whether glyph data sub (from a subset) is the
// original glyph data orig (its whole loca range), padded with at most 3
// zero bytes.
func sameOutline(sub, orig []byte) bool {
	rest, ok := bytes.CutPrefix(sub, orig)
	return ok && len(rest) <= 3 && len(bytes.Trim(rest, "\x00")) == 0
}

func TestSubsetNoHinting(t *testing.T) {
	f, err := Parse(compositeFont(t))
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.SubsetWith([]rune("ae"), Options{NoHinting: true})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.Glyph('a')
	d := s.glyphData(a)
	// One contour: instructionLength at 12, then 3 flags and 12 bytes of
	// coordinates, as in the unhinted glyph.
	if u16(d, 12) != 0 {
		t.Errorf("'a' keeps %d bytes of instructions", u16(d, 12))
	}
	if want := simpleGlyph(10, 0, 400, 500); !sameOutline(d, want) {
		t.Errorf("'a' = % x, want % x", d, want)
	}
	e, _ := s.Glyph('e')
	flags, end, err := compositeParts(e, s.glyphData(e))
	if err != nil || len(flags) != 1 {
		t.Fatalf("'e' components %v, %v", flags, err)
	}
	ed := s.glyphData(e)
	if u16(ed, flags[0])&haveInstructions != 0 || len(bytes.Trim(ed[end:], "\x00")) != 0 {
		t.Errorf("'e' keeps its instructions: % x", ed)
	}
	if u16(ed, flags[0]+2) != a {
		t.Errorf("'e' uses glyph %d, want 'a' (%d)", u16(ed, flags[0]+2), a)
	}
	if w, _ := s.Advance('e'); w != 580 {
		t.Errorf("Advance('e') = %d, want 580", w)
	}
	for _, tag := range []string{"fpgm", "prep", "cvt ", "gasp"} {
		if s.tab(tag) != nil {
			t.Errorf("unhinted subset has a %q table", tag)
		}
	}
	// With hinting, the instructions stay.
	b, err = f.Subset([]rune("e"))
	if err != nil {
		t.Fatal(err)
	}
	if s, err = Parse(b); err != nil {
		t.Fatal(err)
	}
	e, _ = s.Glyph('e')
	if flags, _, _ := compositeParts(e, s.glyphData(e)); u16(s.glyphData(e), flags[0])&haveInstructions == 0 {
		t.Errorf("hinted subset lost 'e''s instructions")
	}
}

// drawPDF writes text with fpdf in the given TrueType font and returns
// the PDF.
func drawPDF(t *testing.T, font []byte, text string) []byte {
	t.Helper()
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCatalogSort(true)
	when := time.Date(2021, 5, 1, 0, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(when)
	pdf.SetModificationDate(when)
	pdf.AddUTF8FontFromBytes("g", "", font)
	pdf.AddPage()
	pdf.SetFont("g", "", 11)
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		pdf.MultiCell(480, 16, line, "", "L", false)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSubsetRendersLikeFullFont draws the same text with the full font and
// with a subset and checks that a reader sees the same: identical
// extracted text, identical pixels, and a valid PDF.
func TestSubsetRendersLikeFullFont(t *testing.T) {
	for _, opt := range []Options{{}, {NoHinting: true}} {
		t.Run(fmt.Sprintf("NoHinting=%v", opt.NoHinting), func(t *testing.T) {
			testRendersLikeFullFont(t, opt)
		})
	}
}

func testRendersLikeFullFont(t *testing.T, opt Options) {
	pdftotext, pdftoppm, qpdf := testkit.Tool(t, "pdftotext"), testkit.Tool(t, "pdftoppm"), testkit.Tool(t, "qpdf")
	f := parsed(t)
	rs, text := sampleRunes(t)
	sub, err := f.SubsetWith(rs, opt)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	full := filepath.Join(dir, "full.pdf")
	small := filepath.Join(dir, "subset.pdf")
	if err := os.WriteFile(full, drawPDF(t, f.Bytes(), text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(small, drawPDF(t, sub, text), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(name string, args ...string) []byte {
		t.Helper()
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
		}
		return out
	}
	fullText := run(pdftotext, "-layout", full, "-")
	subText := run(pdftotext, "-layout", small, "-")
	if !bytes.Equal(fullText, subText) {
		t.Errorf("extracted text differs:\nfull font:\n%s\nsubset:\n%s", fullText, subText)
	}
	for _, want := range []string{"調達の候補となった製品", "2019年4月～5月", "①検知回避型マルウェア", "Kaspersky Security Cloud", "T1562.001"} {
		if !bytes.Contains(subText, []byte(want)) {
			t.Errorf("subset PDF text lacks %q", want)
		}
	}
	run(qpdf, "--check", small)
	run(pdftoppm, "-r", "60", "-gray", full, filepath.Join(dir, "full"))
	run(pdftoppm, "-r", "60", "-gray", small, filepath.Join(dir, "subset"))
	a, err := os.ReadFile(filepath.Join(dir, "full-1.pgm"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "subset-1.pgm"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("the page drawn with the subset looks different from the one drawn with the full font")
	}
	if st, _ := os.Stat(small); st != nil {
		t.Logf("PDF with subset font: %d bytes", st.Size())
	}
}

// benchRunes returns a rune set the size of a briefing's (about 600): the
// sample text's runes and common kanji from the font.
func benchRunes(b *testing.B, f *Font) []rune {
	rs, _ := sampleRunes(b)
	seen := map[rune]bool{}
	for _, r := range rs {
		seen[r] = true
	}
	for r := rune(0x4E00); len(rs) < 600 && r < 0x9FFF; r++ {
		if _, ok := f.Advance(r); ok && !seen[r] {
			rs = append(rs, r)
		}
	}
	return rs
}

func BenchmarkSubset(b *testing.B) {
	f := parsed(b)
	rs := benchRunes(b, f)
	for _, opt := range []Options{{}, {NoHinting: true}} {
		b.Run(fmt.Sprintf("NoHinting=%v", opt.NoHinting), func(b *testing.B) {
			var out []byte
			for b.Loop() {
				var err error
				if out, err = f.SubsetWith(rs, opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(out)), "font-bytes")
			b.ReportMetric(float64(len(rs)), "runes")
		})
	}
}

// TestCmapGlyphIDArray reads back a character map whose consecutive runes
// map to scattered glyphs (written with a glyphIdArray), with this package
// and with fpdf.
func TestCmapGlyphIDArray(t *testing.T) {
	b := compositeFont(t) // a..e → glyphs 1, 2, 4, 7, 8
	f, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.segs) != 3 || f.segs[0].ro == 0 {
		t.Fatalf("segments %+v, want a..e with a glyphIdArray, z, and the last", f.segs)
	}
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("t", "", b)
	pdf.SetFont("t", "", 10)
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	for r, want := range map[rune]uint16{'a': 1, 'b': 2, 'c': 4, 'd': 7, 'e': 8, 'z': 6} {
		if g, ok := f.Glyph(r); !ok || g != want {
			t.Errorf("Glyph(%q) = %d, %v; want %d", r, g, ok, want)
		}
		w, _ := f.Advance(r)
		if got := pdf.GetStringSymbolWidth(string(r)); got != w {
			t.Errorf("%q: fpdf width %d, Advance %d", r, got, w)
		}
	}
	for _, r := range "fy{" {
		if _, ok := f.Glyph(r); ok {
			t.Errorf("Glyph(%q) found", r)
		}
	}
}

// A glyph the font uses for several characters (Liberation Sans draws
// U+00B7 and U+2219 with one, U+0020 and U+00A0, U+002D and U+00AD, …)
// is copied in the subset, so that each character has a glyph of its own
// with the same outline and advance: a PDF then gives each its own code
// and copies each back as written.
func TestSubsetGivesSharedGlyphsACopy(t *testing.T) {
	f, err := Parse(testkit.DebianFont(t, testkit.LiberationSans, "fonts-liberation"))
	if err != nil {
		t.Fatal(err)
	}
	pairs := [][2]rune{{0x00B7, 0x2219}, {' ', 0x00A0}, {'-', 0x00AD}, {';', 0x037E}, {0x2044, 0x2215}}
	var rs []rune
	for _, p := range pairs {
		a, _ := f.Glyph(p[0])
		b, _ := f.Glyph(p[1])
		if a != b {
			t.Fatalf("%U and %U have glyphs %d and %d in the full font: not shared", p[0], p[1], a, b)
		}
		rs = append(rs, p[0], p[1])
	}
	rs = append(rs, 'A', 'B')
	b, err := f.Subset(rs)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[uint16]rune{}
	for _, r := range rs {
		g, ok := s.Glyph(r)
		if !ok {
			t.Fatalf("subset lost %U", r)
		}
		if o, dup := seen[g]; dup {
			t.Errorf("%U and %U share glyph %d in the subset", o, r, g)
		}
		seen[g] = r
		og, _ := f.Glyph(r)
		if !sameOutline(s.glyphData(g), f.glyphData(og)) || s.GlyphAdvance(g) != f.GlyphAdvance(og) {
			t.Errorf("%U: glyph %d differs from the full font's %d", r, g, og)
		}
	}
	// .notdef, then one glyph per character.
	if s.NumGlyphs() != len(rs)+1 {
		t.Errorf("subset has %d glyphs, want %d", s.NumGlyphs(), len(rs)+1)
	}
}

// TestSubsetCmapSearched reads back a subset of 1,500 scattered kanji
// (more segments than bmpTableSegments, fewer characters than
// bmpTableChars): Parse builds no table of every BMP character for it, and
// the search over its segments finds the same glyph as such a table for
// every BMP character, mapped or not. The whole font gets the table.
func TestSubsetCmapSearched(t *testing.T) {
	f := parsed(t)
	if f.bmp == nil {
		t.Fatalf("the whole font (%d segments) has no lookup table", len(f.segs))
	}
	var rs []rune
	for r := rune(0x4E00); len(rs) < 1500 && r < 0x9FFF; r += 3 {
		if _, ok := f.Advance(r); ok {
			rs = append(rs, r)
		}
	}
	b, err := f.Subset(rs)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.segs) <= bmpTableSegments {
		t.Fatalf("the subset has %d segments, want more than %d", len(s.segs), bmpTableSegments)
	}
	if s.bmp != nil {
		t.Fatal("the subset has a lookup table of every BMP character")
	}
	table := make([]uint16, 0x10000)
	for i := range s.segs {
		for c := int(s.segs[i].start); c <= int(s.segs[i].end); c++ {
			table[c] = s.segGlyph(&s.segs[i], rune(c))
		}
	}
	for c := range rune(0x10000) {
		if got := s.glyph4(c); got != table[c] {
			t.Fatalf("%U: searched glyph %d, table %d", c, got, table[c])
		}
	}
	for _, r := range rs {
		if g, ok := s.Glyph(r); !ok || g == 0 {
			t.Errorf("%U: no glyph in the subset", r)
		}
	}
}

// TestSubsetSupplementary subsets characters above U+FFFF (𠮟 U+20B9F,
// 𩸽 U+29E3D, in BIZ UDPGothic's format 12 map only) with BMP ones: the
// subset maps them in a format 12 subtable, to glyphs of the same advance
// and outline as the full font's, and still maps the BMP ones in format 4.
func TestSubsetSupplementary(t *testing.T) {
	f := parsed(t)
	rs := []rune{'叱', 0x20B9F, 'A', 0x29E3D, '責'}
	for _, r := range rs {
		if _, ok := f.Advance(r); !ok {
			t.Fatalf("full font: no advance for %U", r)
		}
	}
	b, err := f.Subset(rs)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(b)
	if err != nil {
		t.Fatalf("Parse(Subset) = %v", err)
	}
	gids := map[uint16]bool{}
	for _, r := range rs {
		want, _ := f.Advance(r)
		got, ok := s.Advance(r)
		if !ok || got != want {
			t.Errorf("%U: subset Advance = %d, %v; want %d", r, got, ok, want)
		}
		_, _, _, wantY, _ := f.Bounds(r)
		if _, _, _, gotY, ok := s.Bounds(r); !ok || gotY != wantY {
			t.Errorf("%U: subset yMax = %d, %v; want %d", r, gotY, ok, wantY)
		}
		g, _ := s.Glyph(r)
		if gids[g] {
			t.Errorf("%U: glyph %d drawn for two characters", r, g)
		}
		gids[g] = true
	}
	if _, ok := s.Advance(0x20B9E); ok {
		t.Errorf("subset maps U+20B9E, which it was not asked for")
	}
}

// TestSubsetLongLoca subsets enough of BIZ UDPGothic's kanji that the
// glyf table needs 4-byte offsets (more than 128 KiB), with and without
// hinting: the loca format flag, the offsets and every glyph's outline
// must come through.
func TestSubsetLongLoca(t *testing.T) {
	f := parsed(t)
	var rs []rune
	for r := rune(0x4E00); r < 0x9FFF && len(rs) < 3000; r++ {
		if _, ok := f.Advance(r); ok {
			rs = append(rs, r)
		}
	}
	for _, opt := range []Options{{}, {NoHinting: true}} {
		b, err := f.SubsetWith(rs, opt)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(b)
		if err != nil {
			t.Fatalf("%+v: Parse(Subset) = %v", opt, err)
		}
		if !s.locaLong || len(s.tab("glyf")) <= 2*0xFFFF {
			t.Fatalf("%+v: glyf of %d bytes, long offsets %v", opt, len(s.tab("glyf")), s.locaLong)
		}
		if got := checksum(b); got != 0xB1B0AFBA {
			t.Errorf("%+v: whole-file checksum 0x%08x, want 0xB1B0AFBA", opt, got)
		}
		for _, r := range rs {
			x0, y0, x1, y1, ok := f.Bounds(r)
			sx0, sy0, sx1, sy1, sok := s.Bounds(r)
			if [4]int{x0, y0, x1, y1} != [4]int{sx0, sy0, sx1, sy1} || ok != sok {
				t.Fatalf("%+v: %c: subset bounds %d %d %d %d, font's %d %d %d %d", opt, r, sx0, sy0, sx1, sy1, x0, y0, x1, y1)
			}
			g, _ := f.Glyph(r)
			sg, _ := s.Glyph(r)
			if want, got := f.glyphData(g), s.glyphData(sg); !opt.NoHinting && !bytes.Equal(bytes.TrimRight(got, "\x00"), bytes.TrimRight(want, "\x00")) {
				t.Fatalf("%c: hinted subset glyph differs from the font's", r)
			}
		}
	}
}

// TestChecksum compares checksum, which adds two words at a time, with
// the sum of the big-endian words one by one (padded with zeros) for
// every length up to 64 bytes of random data and a subset's.
func TestChecksum(t *testing.T) {
	words := func(b []byte) uint32 {
		var s uint32
		for i := 0; i < len(b); i += 4 {
			var w [4]byte
			copy(w[:], b[i:])
			s += binary.BigEndian.Uint32(w[:])
		}
		return s
	}
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 64)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	for n := range len(b) + 1 {
		if got, want := checksum(b[:n]), words(b[:n]); got != want {
			t.Errorf("%d bytes: checksum 0x%08x, word by word 0x%08x", n, got, want)
		}
	}
	sub, err := parsed(t).Subset([]rune("概要 Summary"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := checksum(sub), words(sub); got != want || got != 0xB1B0AFBA {
		t.Errorf("subset: checksum 0x%08x, word by word 0x%08x, want 0xB1B0AFBA", got, want)
	}
}

// TestCombining checks combining's short cut for CJK ideographs against
// Unicode's categories Mn and Me for the Basic Multilingual Plane.
func TestCombining(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		if got, want := combining(r), unicode.In(r, unicode.Mn, unicode.Me); got != want {
			t.Errorf("combining(%U) = %v, want %v", r, got, want)
		}
	}
}
