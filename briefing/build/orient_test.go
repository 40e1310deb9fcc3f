package build

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"briefing/internal/testkit"
)

// TestFigureOrientation renders a figure from a phone-style JPEG, stored
// sideways with EXIF orientation 6 (turn 90° clockwise to view), and finds
// its four coloured quarters on the page picture (pdftoppm): seen upright,
// red is top left, green top right, blue bottom left, yellow bottom right.
func TestFigureOrientation(t *testing.T) {
	testkit.Tool(t, "pdftoppm")
	dir := t.TempDir()
	// Upright the picture is 160 × 240; stored, 240 × 160, its first row
	// the right-hand column of the upright one (exifJPEG).
	quarters := []color.RGBA{{0xe0, 0x20, 0x20, 0xff}, {0x20, 0xb0, 0x20, 0xff}, {0x20, 0x30, 0xe0, 0xff}, {0xf0, 0xe0, 0x20, 0xff}}
	data := exifJPEG(t, quarters, 160, 240, 6)
	os.WriteFile(filepath.Join(dir, "phone.jpg"), data, 0o644)
	src := `format = 2
id = "phone"
date = 2023-12-04
tlp = "CLEAR"
title = "Phone photograph"
summary = "S"

[[figures]]
file = "phone.jpg"
after = "summary"
width = 0.3
alt = "A photograph taken with a phone held upright"
`
	path := filepath.Join(dir, "phone.toml")
	os.WriteFile(path, []byte(src), 0o644)
	r := File(context.Background(), path, &Options{Dir: dir, Theme: testTheme(t), Langs: []string{"en"}})
	if len(r.Diagnostics) > 0 || len(r.Outputs) != 1 {
		t.Fatalf("%v", r.Diagnostics)
	}
	testkit.Run(t, "pdftoppm", "-r", "72", "-png", "-singlefile", r.Outputs[0].Path, filepath.Join(dir, "p"))
	cx, cy, _ := quarterCentres(t, filepath.Join(dir, "p.png"), quarters, "on the page")
	if !(cx[0] < cx[1] && cx[2] < cx[3] && cy[0] < cy[2] && cy[1] < cy[3]) {
		t.Errorf("the picture is not upright: centres red %d,%d green %d,%d blue %d,%d yellow %d,%d",
			cx[0], cy[0], cx[1], cy[1], cx[2], cy[2], cx[3], cy[3])
	}
	// Upright it is taller than wide: 2 × (green − red) across, 2 × (blue − red) down.
	if w, h := cx[1]-cx[0], cy[2]-cy[0]; h*2 < w*3-6 || h*2 > w*3+6 {
		t.Errorf("the picture is %d × %d (half widths), want 2:3", w, h)
	}
}

// quarterCentres reads the PNG page picture at path and returns the
// centre (pixels) of the pixels of each of the four quarters' colours and
// the box around all of them; a quarter with fewer than 100 pixels of its
// colour (where: "on the page", "in the header") fails the test.
func quarterCentres(t *testing.T, path string, quarters []color.RGBA, where string) (cx, cy [4]int, box image.Rectangle) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	var n [4]int
	minX, maxX, minY, maxY := 1<<30, -1, 1<<30, -1
	bd := page.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r, g, bl, _ := page.At(x, y).RGBA()
			for q, c := range quarters {
				if absDiff(r>>8, c.R) < 40 && absDiff(g>>8, c.G) < 40 && absDiff(bl>>8, c.B) < 40 {
					cx[q], cy[q], n[q] = cx[q]+x, cy[q]+y, n[q]+1
					minX, maxX, minY, maxY = min(minX, x), max(maxX, x), min(minY, y), max(maxY, y)
				}
			}
		}
	}
	for q := range n {
		if n[q] < 100 {
			t.Fatalf("quarter %d: %d pixels of its colour %s", q, n[q], where)
		}
		cx[q], cy[q] = cx[q]/n[q], cy[q]/n[q]
	}
	return cx, cy, image.Rect(minX, minY, maxX+1, maxY+1)
}

func absDiff(a uint32, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }

// TestFigurePNGOrientation renders figures from PNGs (a screenshot or a
// photograph saved as PNG) whose eXIf chunk says each EXIF orientation
// (1–8), small enough to be kept as they are (turned by the image
// matrix) and large enough to be scaled down (turned in pixels), and
// finds the four coloured quarters on the page picture (pdftoppm): seen
// upright, as browsers show such a PNG and as a JPEG's orientation is
// applied, red is top left, green top right, blue bottom left, yellow
// bottom right, and the picture 2:3. An eXIf chunk after the image data,
// which browsers let be, is let be too: the picture is drawn as stored.
func TestFigurePNGOrientation(t *testing.T) {
	testkit.Tool(t, "pdftoppm")
	quarters := []color.RGBA{{0xe0, 0x20, 0x20, 0xff}, {0x20, 0xb0, 0x20, 0xff}, {0x20, 0x30, 0xe0, 0xff}, {0xf0, 0xe0, 0x20, 0xff}}
	src := `format = 2
id = "screen"
date = 2023-12-04
tlp = "CLEAR"
title = "Screen"
summary = "S"

[[figures]]
file = "screen.png"
after = "summary"
width = 0.3
alt = "A screenshot"
`
	for o := 1; o <= 8; o++ {
		for _, c := range []struct {
			name string
			w, h int
			late bool
		}{{"kept", 160, 240, false}, {"scaled", 800, 1200, false}, {"late chunk", 160, 240, true}} {
			t.Run(fmt.Sprintf("%d/%s", o, c.name), func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				writeFile(t, dir, "screen.png", string(exifPNG(t, quarters, c.w, c.h, o, c.late)))
				r := File(context.Background(), writeFile(t, dir, "screen.toml", src), &Options{Dir: dir, Theme: testTheme(t), Langs: []string{"en"}})
				if len(r.Diagnostics) > 0 || len(r.Outputs) != 1 {
					t.Fatalf("%v", r.Diagnostics)
				}
				testkit.Run(t, "pdftoppm", "-r", "72", "-png", "-singlefile", r.Outputs[0].Path, filepath.Join(dir, "p"))
				cx, cy, box := quarterCentres(t, filepath.Join(dir, "p.png"), quarters, "on the page")
				if c.late {
					// As stored: 160 × 240, or 240 × 160 for an
					// orientation that swaps the sides.
					bw, bh := box.Dx(), box.Dy()
					if o >= 5 {
						bw, bh = bh, bw
					}
					if bh*2 < bw*3-6 || bh*2 > bw*3+6 {
						t.Errorf("the picture with a late eXIf chunk is drawn %d × %d, want its stored shape", box.Dx(), box.Dy())
					}
					return
				}
				w, h := cx[1]-cx[0], cy[2]-cy[0] // half the width, half the height
				if !(cx[0] < cx[1] && cx[2] < cx[3] && cy[0] < cy[2] && cy[1] < cy[3]) {
					t.Errorf("the picture is not upright: centres red %d,%d green %d,%d blue %d,%d yellow %d,%d",
						cx[0], cy[0], cx[1], cy[1], cx[2], cy[2], cx[3], cy[3])
				}
				if h*2 < w*3-6 || h*2 > w*3+6 {
					t.Errorf("the picture is %d × %d (half widths), want 2:3", w, h)
				}
			})
		}
	}
}
