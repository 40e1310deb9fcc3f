package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/theme"
	"briefing/briefing/ttf"
	"briefing/internal/testkit"
)

// withTemplate writes a template of the given TOML into dir and loads it;
// the test fails when it does not load.
func withTemplate(t *testing.T, dir, toml string) *theme.Theme {
	t.Helper()
	th, err := theme.Load(writeFile(t, dir, "template.toml", toml))
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// renderOne writes the incident file id.toml of the given TOML into dir
// and renders it there with th in the one language it names; the test
// fails unless exactly one PDF is written, whose path it returns
// (dir/id.lang.pdf).
func renderOne(t *testing.T, dir, id, lang, toml string, th *theme.Theme) string {
	t.Helper()
	res := File(context.Background(), writeFile(t, dir, id+".toml", toml), &Options{Dir: dir, Theme: th})
	if res.Failed() || len(res.Outputs) != 1 {
		t.Fatalf("%+v", res)
	}
	pdf := filepath.Join(dir, id+"."+lang+".pdf")
	if res.Outputs[0].Path != pdf {
		t.Fatalf("wrote %s, want %s", res.Outputs[0].Path, pdf)
	}
	return pdf
}

// readBack returns the text of pdf as two readers give it: as pdftotext
// copies it (the ToUnicode maps and /ActualText), and as MuPDF reads the
// glyphs drawn.
func readBack(t *testing.T, pdf string) (copied, drawn string) {
	t.Helper()
	return testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-"),
		testkit.Run(t, "mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf)
}

// readsBack checks that both readers of readBack give each of want,
// lines joined (a text may be cut over lines).
func readsBack(t *testing.T, pdf string, want ...string) {
	t.Helper()
	copied, drawn := readBack(t, pdf)
	for _, r := range []struct{ name, text string }{{"pdftotext", copied}, {"mutool", drawn}} {
		joined := strings.ReplaceAll(r.text, "\n", "")
		for _, w := range want {
			if !strings.Contains(joined, w) {
				t.Errorf("%s lacks %q:\n%s", r.name, w, r.text)
			}
		}
	}
}

// embeddedFonts extracts the font programs embedded in pdf (mutool
// extract) and parses them; the test fails when one does not parse.
func embeddedFonts(t *testing.T, pdf string) []*ttf.Font {
	t.Helper()
	out := t.TempDir()
	testkit.Run(t, "sh", "-c", "cd "+out+" && mutool extract "+pdf+" >/dev/null")
	files, _ := filepath.Glob(filepath.Join(out, "font-*.ttf"))
	if len(files) == 0 {
		t.Fatalf("mutool extracted no TrueType font from %s", pdf)
	}
	var fonts []*ttf.Font
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		font, err := ttf.Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		fonts = append(fonts, font)
	}
	return fonts
}

// mapped returns the characters of the Basic Multilingual Plane (from
// U+0020) that font's character map holds, in order.
func mapped(font *ttf.Font) []rune {
	var has []rune
	for r := rune(0x20); r <= 0xFFFF; r++ {
		if _, ok := font.Glyph(r); ok {
			has = append(has, r)
		}
	}
	return has
}
