package render

import (
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"briefing/briefing/layout"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// FuzzMarkedStub draws a text box of any text (CJK, Latin, combining
// marks, variation selectors, a mark over nothing, a base in one font of
// the chain and its mark in another), with and without the room after
// each character (gaps) and character spacing, two ways: as a Document
// draws it when the page is given (a placeholder, expanded when the
// fonts are made) and with the fonts made, as a page kept until Close
// was drawn. The content must be the same bytes.
func FuzzMarkedStub(f *testing.F) {
	// The default fonts, and Noto Sans CJK JP (CFF) before them, whose
	// letters take marks only BIZ UDPGothic has (U+0303).
	testkit.DebianFont(f, testkit.NotoSansCJK, "fonts-noto-cjk")
	tmpl := filepath.Join(f.TempDir(), "t.toml")
	if err := os.WriteFile(tmpl, []byte("[fonts]\nregular = [\""+testkit.NotoSansCJK+"#0\"]\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	noto, err := theme.Load(tmpl)
	if err != nil {
		f.Fatal(err)
	}
	themes := []*theme.Theme{fixture.Theme(f), noto}
	f.Add("か゚と葛\U000E0100です", 0.0, false, uint8(0))
	f.Add("Cafe\u0301 x\u0303 ñ", 0.5, true, uint8(1))
	f.Add("\u0301a\u0308", 0.0, true, uint8(0))
	f.Add("葛\U000E0100\U000E0100か\u3099\u309A", -0.3, true, uint8(1))
	f.Add("ｶ\u309Aと漢\uFE00字\u0303", 1.0, false, uint8(2))
	f.Add("x\u20DD\u0332 a\u0301b", 0.2, true, uint8(0))
	f.Add("a\u0301b\u0300", 0.2, true, uint8(3))
	f.Add("n\u0303X\u0303|x\u0301", 0.0, false, uint8(4))
	f.Add("\u0303n\u0303\u0303 か\u309A葛\U000E0100", 0.4, true, uint8(4))
	// More characters than a placeholder's run holds (255).
	f.Add(strings.Repeat("Latin text, ", 25)+"漢字", 0.0, false, uint8(0))
	f.Fuzz(func(t *testing.T, text string, spacing float64, gaps bool, face uint8) {
		if !utf8.ValidString(text) || len(text) > 400 || math.IsNaN(spacing) || math.Abs(spacing) > 50 {
			return
		}
		th := themes[face/4%2]
		b := layout.TextBox{X: 30, Y: 40, Text: text, Spacing: spacing, Style: layout.Style{Face: layout.Face(face % 4), Size: 10}}
		if gaps {
			b.Gaps = make([]float64, utf8.RuneCountInString(text)+1)
			for i := range b.Gaps {
				b.Gaps[i] = float64(i%3) * 0.7
			}
		}
		d := NewDocument(io.Discard, Info{}, th, Options{Untagged: true})
		if err := d.Page(layout.Page{Paper: layout.A4, Boxes: []layout.Box{b}}); err != nil {
			return // a character no font draws
		}
		pw := newWriter(0)
		defer pw.release()
		faces, _, err := embedFonts(pw, d.sv.used, d.sv.pairs, d.sv.seqs, d.fonts, false)
		if err != nil {
			return // a character no font of the face has: Close says so
		}
		var slots []*pdfFont
		for _, s := range d.stubs.list {
			slots = append(slots, &faces[layout.Face(s[0])][s[1]])
		}
		rec := d.pages[0]
		if rec.zipped {
			t.Fatal("one text box's content compressed")
		}
		stub := drawer{faces: faces}
		stub.start(layout.A4.Height)
		expand(&stub, rec.content, slots, nil)
		drawn := drawer{faces: faces}
		drawn.start(layout.A4.Height)
		if err := drawn.box(b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(stub.buf, drawn.buf) {
			t.Fatalf("%q: placeholders expanded\n%q\ndrawn with the fonts\n%q", text, stub.buf, drawn.buf)
		}
	})
}
