package render

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/internal/testkit"
)

// TestCombiningMarks draws characters with combining marks that have no
// precomposed form (x̃, X̃, ㇷ゚, セ゚ in BIZ UDPGothic; q̇ in DejaVu Sans,
// whose marks have no advance and ink left of their origin) and, beside
// them, the decomposed forms of characters that have one (ñ, パ): the
// mark stands over its base as the font's own precomposed glyph has it
// (the ink of n + U+0303 is that of ñ within a pixel or two), it takes no
// room, and pdftotext and MuPDF copy the text back as written, the mark's
// origin inside its base's box.
func TestCombiningMarks(t *testing.T) {
	t.Parallel()
	biz, _ := embedded(t)
	dejavu := FontFiles{layout.Regular: testkit.DebianFont(t, testkit.DejaVuSans, "fonts-dejavu-core")}
	for _, tt := range []struct {
		name  string
		fonts Fonts
		lines [][2]string // decomposed, and the precomposed reference or ""
	}{
		{"BIZ UDPGothic", biz, [][2]string{{"n\u0303", "ñ"}, {"ハ\u309A", "パ"}, {"x\u0303 X\u0303 ㇷ\u309Aーセ\u309A。", ""}}},
		{"DejaVu Sans", dejavu, [][2]string{{"n\u0303", "ñ"}, {"q\u0307 x\u0303", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var boxes []layout.Box
			for i, l := range tt.lines {
				for k, s := range l {
					if s != "" {
						boxes = append(boxes, layout.TextBox{X: 100 + 200*float64(k), Y: 100 + 50*float64(i), Text: s, Style: layout.Style{Size: 24}})
					}
				}
			}
			var buf bytes.Buffer
			if err := PDF(&buf, []layout.Page{{Paper: layout.A4, Boxes: boxes}}, Info{}, tt.fonts); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			pdf := filepath.Join(dir, "marks.pdf")
			if err := os.WriteFile(pdf, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			testkit.Run(t, "qpdf", "--check", pdf)
			text := testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
			mu := testkit.Run(t, "mutool", "draw", "-q", "-F", "text", "-o", "-", pdf)
			for _, l := range tt.lines {
				for _, s := range l {
					if !strings.Contains(text, s) {
						t.Errorf("pdftotext lacks %q:\n%s", s, text)
					}
					if !strings.Contains(mu, s) {
						t.Errorf("mutool lacks %q:\n%s", s, mu)
					}
				}
			}
			// The mark's origin lies within its base's box, and the
			// character after it starts where the base ends.
			chars := regexp.MustCompile(`<char quad="([-\d.]+) [-\d.]+ ([-\d.]+) [^"]*" x="([-\d.]+)"[^>]* c="([^"]*)"`).
				FindAllStringSubmatch(testkit.Run(t, "mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf), -1)
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			marks := 0
			for i := 1; i < len(chars); i++ {
				c := []rune(htmlUnescape(chars[i][4]))
				if len(c) != 1 || !layout.Combining(c[0]) {
					continue
				}
				marks++
				b := chars[i-1]
				if x := f(chars[i][3]); x < f(b[1])-0.01 || x > f(b[2])+0.01 {
					t.Errorf("%U at x %.2f, outside its base %q (%s–%s)", c[0], x, b[4], b[1], b[2])
				}
				if n := i + 1; n < len(chars) && f(chars[n][3]) < f(b[2])+20 && (f(chars[n][3]) < f(b[2])-0.01 || f(chars[n][3]) > f(b[2])+0.01) {
					t.Errorf("%U takes room: %q starts at %s, its base ends at %s", c[0], chars[i+1][4], chars[i+1][3], b[2])
				}
			}
			if marks < 3 {
				t.Errorf("MuPDF read %d marks, want 3 or more", marks)
			}
			// The ink of each decomposed character is that of its
			// precomposed reference, moved 200 pt (200 px at 72 dpi).
			img := raster(t, pdf, dir)
			for i, l := range tt.lines {
				if l[1] == "" {
					continue
				}
				y0, y1 := 100+50*i-40, 100+50*i+15
				a := inkBox(img, 90, 250, y0, y1)
				b := inkBox(img, 290, 450, y0, y1)
				for k := range a {
					if d := a[k] - b[k] + []int{200, 0, 200, 0}[k]; d < -2 || d > 2 {
						t.Errorf("%q: ink %v, %q: %v, want the same 200 px further", l[0], a, l[1], b)
						break
					}
				}
			}
		})
	}
}

// htmlUnescape reads the character references MuPDF writes.
func htmlUnescape(s string) string {
	if strings.HasPrefix(s, "&#x") && strings.HasSuffix(s, ";") {
		v, err := strconv.ParseInt(s[3:len(s)-1], 16, 32)
		if err == nil {
			return string(rune(v))
		}
	}
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`).Replace(s)
}

// raster draws the first page of pdf at 72 dpi (a pixel a point).
func raster(t *testing.T, pdf, dir string) image.Image {
	t.Helper()
	out := filepath.Join(dir, "page")
	if b, err := exec.Command(testkit.Tool(t, "pdftoppm"), "-r", "72", "-f", "1", "-l", "1", "-singlefile", "-gray", "-png", pdf, out).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, b)
	}
	fh, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// inkBox returns the box [x0, y0, x1, y1] of the dark pixels of img within
// x0–x1, y0–y1.
func inkBox(img image.Image, x0, x1, y0, y1 int) [4]int {
	box := [4]int{x1, y1, x0, y0}
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				box = [4]int{min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)}
			}
		}
	}
	return box
}
