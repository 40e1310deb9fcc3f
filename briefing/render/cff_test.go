package render

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// notoTheme loads a template whose only fonts are Noto Sans CJK JP
// Regular and Bold, faces of Debian's collections (CFF outlines).
func notoTheme(t *testing.T) *theme.Theme {
	t.Helper()
	testkit.DebianFont(t, testkit.NotoSansCJK, "fonts-noto-cjk")
	testkit.DebianFont(t, testkit.NotoSansCJKBold, "fonts-noto-cjk")
	path := filepath.Join(t.TempDir(), "noto.toml")
	tmpl := "[fonts]\nregular = \"" + testkit.NotoSansCJK + "#Noto Sans CJK JP\"\n" +
		"bold = \"" + testkit.NotoSansCJKBold + "#Noto Sans CJK JP\"\nfallback = false\n"
	if err := os.WriteFile(path, []byte(tmpl), 0o644); err != nil {
		t.Fatal(err)
	}
	th, err := theme.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// TestSeedCFFLikeWholeFont draws the Japanese seed briefing with Noto
// Sans CJK JP twice: with our CFF subsets (CIDFontType0C) and with the
// whole OpenType faces embedded as they are (FontFile3 /OpenType, 16 MB
// each, their glyphs drawn by their own CFF; pdffonts calls it "CID Type
// 0C (OT)"), and checks that poppler
// and MuPDF draw both pixel for pixel alike, that the words extract alike
// at the same places, and that pdffonts sees subsets of type CID Type 0C.
func TestSeedCFFLikeWholeFont(t *testing.T) {
	t.Parallel()
	pdftotext, pdftoppm, mutool := testkit.Tool(t, "pdftotext"), testkit.Tool(t, "pdftoppm"), testkit.Tool(t, "mutool")
	th := notoTheme(t)
	whole := FontFiles{
		layout.Regular: th.Font(layout.Regular).SingleFont(),
		layout.Bold:    th.Font(layout.Bold).SingleFont(),
	}
	pages, info := seedPages(t, th, "ja")
	dir := t.TempDir()
	ways := []struct {
		name  string
		fonts Fonts
		whole bool
	}{{"whole", whole, true}, {"subset", th, false}}
	var sizes [2]int
	var texts, boxes, poppler, mupdf [2][]byte
	for i, w := range ways {
		var buf bytes.Buffer
		if err := draw(&buf, pages, info, w.fonts, Options{}, w.whole); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		sizes[i] = buf.Len()
		path := filepath.Join(dir, w.name+".pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		fonts := run(t, "pdffonts", path)
		want := map[string]string{"whole": `CID Type 0C \(OT\)`, "subset": "CID Type 0C"}[w.name]
		for _, ps := range []string{"NotoSansCJKjp-Regular", "NotoSansCJKjp-Bold"} {
			if !regexp.MustCompile(`(?m)^[A-Z]{6}\+` + ps + ` +` + want + ` +Identity-H +yes yes yes`).MatchString(fonts) {
				t.Errorf("%s: pdffonts shows no embedded subset %s of type %s:\n%s", w.name, ps, want, fonts)
			}
		}
		texts[i] = []byte(run(t, pdftotext, "-enc", "UTF-8", "-layout", path, "-"))
		bbox := run(t, pdftotext, "-enc", "UTF-8", "-bbox", path, "-")
		boxes[i] = []byte(regexp.MustCompile(`(?s)^.*?<doc>`).ReplaceAllString(bbox, ""))
		out := filepath.Join(dir, w.name)
		// Both readers must load the embedded fonts, not stand-ins.
		msgs := run(t, pdftoppm, "-r", "60", "-gray", path, out)
		msgs += run(t, mutool, "draw", "-q", "-r", "60", "-c", "gray", "-o", out+"-mu%d.pgm", path)
		if strings.Contains(strings.ToLower(msgs), "font") {
			t.Errorf("%s: a reader complains about a font:\n%s", w.name, msgs)
		}
		for n := 1; n <= len(pages); n++ {
			b, err := os.ReadFile(out + "-" + pad(n, len(pages)) + ".pgm")
			if err != nil {
				t.Fatal(err)
			}
			poppler[i] = append(poppler[i], b...)
			if b, err = os.ReadFile(out + "-mu" + itoa(n) + ".pgm"); err != nil {
				t.Fatal(err)
			}
			mupdf[i] = append(mupdf[i], b...)
		}
	}
	if !bytes.Equal(texts[0], texts[1]) {
		t.Errorf("extracted text differs from the whole font's:\n%s\n---\n%s", texts[0], texts[1])
	}
	if !bytes.Equal(boxes[0], boxes[1]) {
		t.Errorf("word boxes differ from the whole font's")
	}
	if !bytes.Equal(poppler[0], poppler[1]) {
		t.Errorf("poppler draws the subset's pages differently from the whole font's")
	}
	if !bytes.Equal(mupdf[0], mupdf[1]) {
		t.Errorf("MuPDF draws the subset's pages differently from the whole font's")
	}
	for _, want := range []string{"PLA某部隊が欧米のアンチウイルスソフト購入の動き", "調達の候補となった製品", "Kaspersky Endpoint Security for Business Select"} {
		if !strings.Contains(string(texts[1]), want) {
			t.Errorf("the text lacks %q:\n%s", want, texts[1])
		}
	}
	t.Logf("PDF with Noto Sans CJK subsets: %d bytes; with the whole faces: %d bytes", sizes[1], sizes[0])
	if sizes[1] > 200_000 {
		t.Errorf("the subset PDF has %d bytes, want at most 200 KB", sizes[1])
	}
}
