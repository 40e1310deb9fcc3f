package build

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// TestQuoteRuleOverPages sets quotes whose blocks run over pages — a
// table row taller than a page, a long list, a long code block, a table
// in a list item, a quote in a quote — and reads the pages back as a
// reader sees them: on every page the quote reaches, its rule (each
// quote's, when nested) stands beside its text unbroken, from the
// page's first quoted line to its last (pdftotext -bbox for where the
// lines are, pdftoppm's picture for the rule), and is drawn once, not
// stroked again over itself (mutool draw -F trace).
func TestQuoteRuleOverPages(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	testkit.Tool(t, "pdftoppm")
	testkit.Tool(t, "mutool")
	long := strings.Repeat("quoted words ", 1400)
	var list, code, rows strings.Builder
	for i := 1; i <= 120; i++ {
		fmt.Fprintf(&list, "> - item %d of the quoted list\n", i)
		fmt.Fprintf(&code, "> line %d of the quoted log\n", i)
		fmt.Fprintf(&rows, "> | r%d | value %d |\n", i, i)
	}
	for _, c := range []struct {
		name  string
		text  string
		depth int // quotes around the Deepest line
	}{
		{"table row taller than a page", "> Deepest lead.\n>\n> | Item | Text |\n> |---|---|\n> | short | v |\n> | long | " + long + " |\n> | next | QEND |\n", 1},
		{"table rows over pages", "> Deepest lead.\n>\n> | Item | Text |\n> |---|---|\n" + rows.String() + "> | last | QEND |\n", 1},
		{"list", "> Deepest lead.\n>\n" + list.String() + ">\n> QEND\n", 1},
		{"code block", "> Deepest lead.\n>\n> ```\n" + code.String() + "> ```\n>\n> QEND\n", 1},
		{"table in a list item", "> Deepest lead.\n>\n> - item\n>\n>   | Item | Text |\n>   |---|---|\n>   | long | " + long + " |\n>\n> QEND\n", 1},
		{"quote in a quote", "> Outer lead.\n>\n> > Deepest lead.\n> >\n> > | Item | Text |\n> > |---|---|\n> > | long | " + long + " |\n> >\n> > QEND\n", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := renderText(t, "en", c.text, "")
			dir := filepath.Dir(s.path)
			pages := bboxPages(t, testkit.Run(t, "pdftotext", "-bbox", s.path, "-"))
			if len(pages) < 2 {
				t.Fatalf("the quote fits on %d page: it must run over", len(pages))
			}
			testkit.Run(t, "pdftoppm", "-r", "72", "-png", s.path, filepath.Join(dir, "p"))
			trace := testkit.Run(t, "mutool", "draw", "-F", "trace", "-o", "-", s.path)
			strokes := verticalStrokes(trace)
			var rules []int // the rules' columns, outermost first
			started, ended := false, false
			for p, words := range pages {
				if ended {
					break
				}
				pic := pagePicture(t, dir, p+1, len(pages))
				top, bottom := -1.0, -1.0
				for _, w := range words {
					if w.yMin < 70 || w.yMax > w.pageH-64 {
						continue // the running header and the footer
					}
					if !started {
						if w.text != "Deepest" {
							continue
						}
						started = true
						rules = ruleColumns(pic, w)
						if len(rules) != c.depth {
							t.Fatalf("%d rules left of the line %q, want %d (columns %v)", len(rules), w.text, c.depth, rules)
						}
					}
					if top < 0 {
						top = w.yMin
					}
					bottom = max(bottom, w.yMax)
					if w.text == "QEND" {
						ended = true
						break
					}
				}
				if !started || top < 0 {
					continue
				}
				for _, x := range rules {
					for y := int(top + 1); y < int(bottom-1); y++ {
						if !inked(pic, x, y) {
							t.Errorf("page %d: the rule at x=%d is broken at y=%d (quoted lines from %.0f to %.0f)", p+1, x, y, top, bottom)
							break
						}
					}
				}
				if over := overlap(strokes[p]); over > 1 {
					t.Errorf("page %d: the quote's rule is stroked over itself for %.0f pt", p+1, over)
				}
			}
			if !ended {
				t.Errorf("QEND not read: the quote's end is missing")
			}
		})
	}
}

type bboxWord struct {
	text                   string
	xMin, yMin, xMax, yMax float64
	pageH                  float64
}

// bboxPages reads pdftotext -bbox's XHTML: the words of each page, in
// reading order, in points from the page's top left.
func bboxPages(t *testing.T, x string) [][]bboxWord {
	t.Helper()
	page := regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	var out [][]bboxWord
	h := 0.0
	for _, l := range strings.Split(x, "\n") {
		if m := page.FindStringSubmatch(l); m != nil {
			h, _ = strconv.ParseFloat(m[2], 64)
			out = append(out, nil)
			continue
		}
		if m := word.FindStringSubmatch(l); m != nil && len(out) > 0 {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			out[len(out)-1] = append(out[len(out)-1], bboxWord{text: m[5], xMin: f(m[1]), yMin: f(m[2]), xMax: f(m[3]), yMax: f(m[4]), pageH: h})
		}
	}
	return out
}

// pagePicture decodes pdftoppm's picture of page p of n (72 dpi: a pixel
// a point).
func pagePicture(t *testing.T, dir string, p, n int) image.Image {
	t.Helper()
	name := fmt.Sprintf("p-%d.png", p)
	if n >= 10 {
		name = fmt.Sprintf("p-%02d.png", p)
	}
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// inked tells whether the pixel at x, y is not paper white.
func inked(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return r>>8 < 235 || g>>8 < 235 || b>>8 < 235
}

// ruleColumns finds the rules left of the word w: the middle column of
// each run of inked pixels on w's middle row, from the margin to w.
func ruleColumns(img image.Image, w bboxWord) []int {
	y := int((w.yMin + w.yMax) / 2)
	var cols []int
	start := -1
	for x := 0; x <= int(w.xMin)-2; x++ {
		switch {
		case inked(img, x, y) && start < 0:
			start = x
		case !inked(img, x, y) && start >= 0:
			cols = append(cols, (start+x-1)/2)
			start = -1
		}
	}
	return cols
}

// verticalStrokes reads mutool's trace: for each page, the vertical
// segments stroked 2 pt wide (a quote's rule), as [x, y0, y1].
func verticalStrokes(trace string) [][][3]float64 {
	page := regexp.MustCompile(`<page `)
	stroke := regexp.MustCompile(`(?s)<stroke_path linewidth="2"[^>]*>\s*<moveto x="([\d.]+)" y="([\d.]+)"/>\s*<lineto x="([\d.]+)" y="([\d.]+)"/>`)
	var out [][][3]float64
	for _, p := range page.Split(trace, -1)[1:] {
		var segs [][3]float64
		for _, m := range stroke.FindAllStringSubmatch(p, -1) {
			if m[1] != m[3] {
				continue
			}
			x, _ := strconv.ParseFloat(m[1], 64)
			a, _ := strconv.ParseFloat(m[2], 64)
			b, _ := strconv.ParseFloat(m[4], 64)
			segs = append(segs, [3]float64{x, min(a, b), max(a, b)})
		}
		out = append(out, segs)
	}
	return out
}

// overlap is the length, points, that segments of one column share.
func overlap(segs [][3]float64) float64 {
	sort.Slice(segs, func(i, j int) bool {
		if segs[i][0] != segs[j][0] {
			return segs[i][0] < segs[j][0]
		}
		return segs[i][1] < segs[j][1]
	})
	total := 0.0
	for i := 1; i < len(segs); i++ {
		for j := i - 1; j >= 0 && segs[j][0] == segs[i][0]; j-- {
			if o := min(segs[i][2], segs[j][2]) - max(segs[i][1], segs[j][1]); o > 0.01 {
				total += o
			}
		}
	}
	return total
}
