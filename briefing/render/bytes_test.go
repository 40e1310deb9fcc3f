package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"briefing/briefing/layout"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

var update = flag.Bool("update", false, "update testdata/output.sha256")

// TestOutputBytes draws documents that take every way through the
// package (tagged and untagged, archival and plain, subsets the template
// makes and subsets render makes of whole fonts, whole fonts, fallback
// chains, CFF fonts, combining marks, variation sequences, pictures, links,
// outlines, attachments, front pages, pages kept compressed or whole until
// Close) and compares the sha256 of each PDF with testdata/output.sha256:
// a change meant to make drawing cheaper must give the same bytes. After a
// change meant to change the output, run it with -update and look at the
// PDFs (go test -run TestOutputBytes -keep=DIR writes them).
func TestOutputBytes(t *testing.T) {
	// The Debian fonts some cases draw with: their sums are in the golden
	// file, and a case drawn with a font of another version is not
	// compared.
	var lines []string
	fontSum := map[string]string{}
	for _, f := range []struct{ path, pkg string }{
		{testkit.NotoSansCJK, "fonts-noto-cjk"}, {testkit.DejaVuSans, "fonts-dejavu-core"}, {testkit.DejaVuSansBold, "fonts-dejavu-core"},
	} {
		sum := sha256.Sum256(testkit.DebianFont(t, f.path, f.pkg))
		fontSum[f.path] = hex.EncodeToString(sum[:])
		lines = append(lines, fontSum[f.path]+"  font "+f.path)
	}
	cases := outputCases(t)
	for _, c := range cases {
		var buf bytes.Buffer
		if err := c.draw(&buf); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if *keep != "" {
			if err := os.WriteFile(filepath.Join(*keep, c.name+".pdf"), buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		sum := sha256.Sum256(buf.Bytes())
		lines = append(lines, fmt.Sprintf("%x  %s %d", sum, c.name, buf.Len()))
	}
	golden := "testdata/output.sha256"
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{} // name → line
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Fields(l)
		if len(f) != 3 {
			t.Fatalf("%s: line %q", golden, l)
		}
		if f[1] == "font" {
			want["font "+f[2]] = f[0]
			continue
		}
		want[f[1]] = l
	}
	other := map[string]bool{} // the Debian fonts of another version
	for path, sum := range fontSum {
		if want["font "+path] != sum {
			t.Logf("%s is not the one %s was made with: the PDFs drawn with it are not compared", path, golden)
			other[path] = true
		}
	}
	compared := 0
cases:
	for i, c := range cases {
		for _, f := range c.debian {
			if other[f] {
				continue cases
			}
		}
		compared++
		if got := lines[len(fontSum)+i]; want[c.name] != got {
			t.Errorf("%s: the PDF changed: got\n\t%s\nwant\n\t%s", c.name, got, want[c.name])
		}
	}
	if len(want) != len(lines) {
		t.Errorf("%s has %d lines, the test makes %d: run it with -update", golden, len(want), len(lines))
	}
	if compared < len(cases)/2 {
		t.Errorf("only %d PDFs of %d compared", compared, len(cases))
	}
}

var keep = flag.String("keep", "", "write the PDFs of TestOutputBytes into this folder")

// outputCase is a PDF TestOutputBytes draws.
type outputCase struct {
	name   string
	debian []string // the Debian fonts it draws with
	draw   func(w *bytes.Buffer) error
}

func outputCases(t *testing.T) []outputCase {
	th := fixture.Theme(t)
	files, _ := embedded(t)
	var cs []outputCase
	add := func(name string, draw func(w *bytes.Buffer) error, debian ...string) {
		cs = append(cs, outputCase{name, debian, draw})
	}
	// The seed briefing as "briefing render" draws it, and the other
	// kinds of PDF.
	for _, lang := range []string{"ja", "en"} {
		pages, info := seedPages(t, th, lang)
		for _, o := range []struct {
			name string
			opt  Options
		}{{"archival", Options{}}, {"untagged", Options{Untagged: true}}, {"plain", Options{Profile: Plain}}, {"encrypted", Options{Encrypted: true}}} {
			add("seed-"+lang+"-"+o.name, func(w *bytes.Buffer) error { return Write(w, pages, info, th, o.opt) })
		}
		// Subsets render makes of the whole files, and the whole files.
		add("seed-"+lang+"-files", func(w *bytes.Buffer) error { return Write(w, pages, info, files, Options{}) })
		if lang == "en" {
			add("seed-en-whole", func(w *bytes.Buffer) error { return draw(w, pages, info, files, Options{}, true) })
		}
	}
	// Pictures, a link outside ASCII and attachments.
	csv := layout.Attachment{Name: "indicators.csv", Description: "侵害指標（CSV）", MIME: "text/csv", Data: []byte("type,value\r\nipv4,203.0.113.10\r\n")}
	for _, lang := range []string{"ja", "en"} {
		add("archival-"+lang, func(w *bytes.Buffer) error {
			_, b := archival(t, lang, []layout.Attachment{csv}, nil)
			_, err := w.Write(b)
			return err
		})
	}
	// Synthetic pages, whatever the layout makes: marks, sequences,
	// chains with CFF fonts, pictures, every kind of box.
	noto := notoChain(t, `["`+testkit.NotoSansCJK+`#Noto Sans CJK JP", "embedded:BIZUDPGothic-Regular.ttf"]`)
	bizNoto := notoChain(t, `["embedded:BIZUDPGothic-Regular.ttf", "`+testkit.NotoSansCJK+`#Noto Sans CJK JP"]`)
	dejavu := FontFiles{layout.Regular: testkit.DebianFont(t, testkit.DejaVuSans, "fonts-dejavu-core"), layout.Bold: testkit.DebianFont(t, testkit.DejaVuSansBold, "fonts-dejavu-core")}
	for _, f := range []struct {
		name   string
		fonts  Fonts
		debian []string
	}{{"biz", th, nil}, {"biz-files", files, nil}, {"dejavu", dejavu, []string{testkit.DejaVuSans, testkit.DejaVuSansBold}},
		{"noto-biz", noto, []string{testkit.NotoSansCJK}}, {"biz-noto", bizNoto, []string{testkit.NotoSansCJK}}} {
		latin, other := f.name == "dejavu", ""
		if strings.Contains(f.name, "noto") {
			other = " ⺀⻆🄰" // Noto Sans CJK's, not BIZ UDPGothic's
		}
		add("boxes-"+f.name, func(w *bytes.Buffer) error {
			return Write(w, boxPages(t, false, latin, other), Info{Title: "箱", Lang: "ja"}, f.fonts, Options{})
		}, f.debian...)
		add("boxes-"+f.name+"-tagged", func(w *bytes.Buffer) error {
			return Write(w, boxPages(t, true, latin, other), Info{Title: "箱", Lang: "ja"}, f.fonts, Options{})
		}, f.debian...)
	}
	// A long document drawn page by page: pages kept compressed past a
	// megabyte, a page kept whole (a mark), front pages and furniture.
	for _, tagged := range []bool{false, true} {
		name := "long"
		if tagged {
			name += "-tagged"
		}
		add(name, func(w *bytes.Buffer) error { return longDocument(t, w, th, tagged) })
	}
	return cs
}

// notoChain loads a template whose regular face is the chain given.
func notoChain(t *testing.T, chain string) *theme.Theme {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.toml")
	if err := os.WriteFile(path, []byte("[fonts]\nregular = "+chain+"\nfallback = false\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	th, err := theme.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// grayJPEG is a small JPEG picture.
func grayJPEG(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 8))
	for y := range 8 {
		for x := range 16 {
			img.Set(x, y, color.RGBA{R: uint8(16 * x), G: uint8(32 * y), B: 0x80, A: 0xFF})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// boxPages are two pages with a box of every kind: texts in both faces,
// with combining marks, variation sequences, character spacing, gaps,
// a slant and /ActualText, shapes, pictures, links, anchors and
// bookmarks; with their structure elements when tagged. latin draws
// texts of a Latin font instead of Japanese ones; other is more
// characters for the title.
func boxPages(t testing.TB, tagged, latin bool, other string) []layout.Page {
	ja := func(s, l string) string {
		if latin {
			return l
		}
		return s
	}
	red, blue := layout.Color{R: 0xC0}, layout.Color{B: 0xC0, G: 0x40}
	st := layout.Style{Face: layout.Regular, Size: 12}
	bold := layout.Style{Face: layout.Bold, Size: 14, Color: blue}
	logo, photo := alphaPNG(t), grayJPEG(t)
	first := []layout.Box{
		layout.Bookmark{Title: "見出し 1", Level: 0, Y: 60},
		layout.Anchor{Name: "top", Y: 60},
		layout.TextBox{X: 72, Y: 72, Text: ja("重大インシデント報告書 Incident 𠮟"+other, "Incident report"), Style: bold},
		layout.TextBox{X: 72, Y: 100, Text: ja("n\u0303 ハ\u309A x\u0303 ㇷ\u309A ñ パ", "n\u0303 q\u0307 x\u0303 ñ"), Style: st},
		layout.TextBox{X: 72, Y: 130, Text: ja("葛\U000E0100葛舘\uFE00舘辻\U000E0102辻", "a\uFE00b"), Style: st},
		layout.TextBox{X: 72, Y: 160, Text: ja("葛\U000E0100飾葛飾", "spaced"), Style: st, Spacing: 4},
		layout.TextBox{X: 72, Y: 190, Text: ja("葛\U000E0100飾葛飾", "gaps!"), Style: st, Gaps: []float64{0, 4, 4, 4, 0}},
		layout.TextBox{X: 72, Y: 220, Text: ja("slanted 斜体", "slanted"), Style: layout.Style{Size: 10, Slant: true, Color: red}},
		layout.TextBox{X: 72, Y: 250, Text: "ﬁve", Style: st, Replaced: true, Actual: "five", ActualBoxes: 2},
		layout.TextBox{X: 120, Y: 250, Text: "soft\u00ADhyphen\u200B", Style: st},
		layout.Rect{X: 60, Y: 280, W: 200, H: 30, Fill: &blue},
		layout.Rect{X: 60, Y: 320, W: 200, H: 30, Stroke: &red, LineWidth: 0.75},
		layout.Rect{X: 60, Y: 360, W: 200, H: 30, Fill: &red, Stroke: &blue, LineWidth: 1.5},
		layout.Line{X1: 60, Y1: 400, X2: 300, Y2: 400, Color: red, Width: 0.5},
		layout.Polygon{Points: []layout.Point{{X: 60, Y: 420}, {X: 120, Y: 470}, {X: 30, Y: 470}}, Fill: &blue},
		layout.Image{X: 400, Y: 72, W: 80, H: 40, Data: logo, Type: "png", Alt: "ロゴ"},
		layout.Image{X: 400, Y: 130, W: 64, H: 32, Data: photo, Type: "jpeg"},
		layout.Link{X: 72, Y: 500, W: 100, H: 12, URL: "https://example.org/a?b=c"},
		layout.TextBox{X: 72, Y: 510, Text: "https://example.org/a?b=c", Style: st},
		layout.Link{X: 72, Y: 530, W: 100, H: 12, Dest: "end"},
		layout.TextBox{X: 72, Y: 540, Text: ja("→ 最後へ", "→ to the end"), Style: st},
	}
	second := []layout.Box{
		layout.Bookmark{Title: "見出し 2 <&>", Level: 1, Y: 60},
		layout.Anchor{Name: "end", Y: 60},
		layout.TextBox{X: 72, Y: 72, Text: ja("二頁目 page two ①②③", "page two"), Style: bold},
		layout.Image{X: 400, Y: 72, W: 80, H: 40, Data: logo, Type: "png"},
		layout.Link{X: 72, Y: 100, W: 100, H: 12, Dest: "top"},
		layout.TextBox{X: 72, Y: 110, Text: ja("↑ 最初へ", "↑ to the top"), Style: st},
	}
	pages := []layout.Page{{Paper: layout.A4, Boxes: first}, {Paper: layout.A4, Boxes: second}}
	if tagged {
		doc := &layout.Elem{Role: "Document"}
		h := &layout.Elem{Role: "H1", Parent: doc}
		p := &layout.Elem{Role: "P", Parent: doc, Lang: "ja"}
		fig := &layout.Elem{Role: "Figure", Parent: doc, Alt: "ロゴ"}
		link := &layout.Elem{Role: "Link", Parent: p}
		for i := range pages {
			elems := make([]*layout.Elem, len(pages[i].Boxes))
			for k, b := range pages[i].Boxes {
				switch b := b.(type) {
				case layout.TextBox:
					elems[k] = p
					if b.Style.Face == layout.Bold {
						elems[k] = h
					}
				case layout.Image:
					elems[k] = fig
				case layout.Link:
					elems[k] = link
				case layout.Polygon:
					elems[k] = fig
				}
			}
			pages[i].Elems = elems
		}
	}
	return pages
}

// longDocument draws, page by page, a document of more than a megabyte
// of content (pages kept compressed past holdAt), with a page drawing a
// combining mark (kept whole until Close) in the middle, two front pages
// drawn last and furniture, into w.
func longDocument(t testing.TB, w *bytes.Buffer, th *theme.Theme, tagged bool) error {
	line := "調達の候補となった製品とその供給国の一覧 Endpoint Security 2019年4月～5月 "
	doc := &layout.Elem{Role: "Document"}
	page := func(n int, text string) layout.Page {
		var p layout.Page
		p.Paper = layout.A4
		for i := range 60 {
			p.Boxes = append(p.Boxes, layout.TextBox{X: 57, Y: 60 + 12*float64(i), Text: fmt.Sprintf("%d.%d %s", n, i, text),
				Style: layout.Style{Size: 9, Face: layout.Face(i % 2)}})
		}
		p.Boxes = append(p.Boxes, layout.Bookmark{Title: fmt.Sprintf("頁 %d", n), Y: 60}, layout.Anchor{Name: fmt.Sprintf("p%d", n), Y: 60},
			layout.Link{X: 57, Y: 50, W: 40, H: 9, Dest: "p0"})
		if tagged {
			el := &layout.Elem{Role: "P", Parent: doc}
			p.Elems = make([]*layout.Elem, len(p.Boxes))
			for i := range p.Elems {
				p.Elems[i] = el
			}
		}
		return p
	}
	d := NewDocument(w, Info{Title: "長い文書", Lang: "ja", Created: time.Date(2021, 5, 7, 0, 0, 0, 0, time.UTC)}, th, Options{Untagged: !tagged})
	for n := 2; n < 330; n++ {
		text := line
		if n == 200 {
			text = "x\u0303 " + line
		}
		if err := d.Page(page(n, text)); err != nil {
			return err
		}
	}
	for n := range 2 {
		if err := d.Front(page(n, line)); err != nil {
			return err
		}
	}
	return d.Close(func(n, total int) ([]layout.Box, error) {
		return slices.Clone([]layout.Box{layout.TextBox{X: 280, Y: 805, Text: fmt.Sprintf("%d / %d", n, total), Style: layout.Style{Size: 8}}}), nil
	})
}
