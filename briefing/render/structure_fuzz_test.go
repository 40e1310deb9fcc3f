package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/internal/pdfua"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// structurePages makes pages of text, shapes and links from data, each
// byte an instruction, with structure elements nested as a layout nests
// them: an element opened on one page may go on over the next ones.
func structurePages(data []byte) []layout.Page {
	paper := layout.Paper{Width: 300, Height: 400}
	var stack []*layout.Elem
	top := func() *layout.Elem {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	var pages []layout.Page
	var p layout.Page
	y, words := 20.0, 0
	newPage := func() {
		if len(p.Boxes) > 0 {
			pages = append(pages, p)
		}
		p, y = layout.Page{Paper: paper}, 20
	}
	add := func(b layout.Box, e *layout.Elem) {
		if y > paper.Height-20 || len(p.Boxes) > 40 {
			newPage()
		}
		p.Boxes = append(p.Boxes, b)
		p.Elems = append(p.Elems, e)
	}
	in := func(role string) bool { return within(top(), role) != nil }
	newPage()
	for _, c := range data {
		switch c % 8 {
		case 0: // an element inside the one open
			roles := []string{"P", "Div", "Span", "Link", "Figure", "Sect"}
			e := &layout.Elem{Role: roles[int(c/8)%len(roles)], Parent: top()}
			switch e.Role {
			case "Figure":
				e.Alt = "figure " + strconv.Itoa(int(c))
			case "Span":
				if c&0x40 != 0 {
					e.Lang = "ja"
				}
			}
			if len(stack) < 8 && !in("Link") && !in("Figure") {
				stack = append(stack, e)
			}
		case 1: // close it
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case 2, 3: // a word
			words++
			add(layout.TextBox{X: 20 + float64(c%5)*40, Y: y, Text: "w" + strconv.Itoa(words), Style: layout.Style{Size: 10}}, top())
			y += 12
		case 4: // an artifact
			add(layout.TextBox{X: 20, Y: y, Text: "a", Style: layout.Style{Size: 8}}, nil)
		case 5: // a shape: content in a Figure, else an artifact
			add(layout.Rect{X: 20, Y: y, W: 30, H: 5, Fill: &layout.Color{}}, top())
			y += 6
		case 6: // the link of the Link open
			if in("Link") {
				add(layout.Link{X: 20, Y: y - 12, W: 40, H: 12, URL: "https://example.com/" + strconv.Itoa(int(c>>3))}, top())
			}
		case 7:
			newPage()
		}
	}
	newPage()
	return pages
}

// FuzzStructure draws pages with random structure twice, in order and
// with their first pages drawn last through Document.Front, as a digest
// draws its cover, and reads both back: each is a tagged PDF whose
// structure a PDF/UA check accepts (every MCID drawn is in the tree and
// the parent tree, every link in a Link element), and the structure read
// in order, with its text, is the same in both.
func FuzzStructure(f *testing.F) {
	f.Add([]byte{0, 2, 1, 2, 8 * 3, 2, 6, 1, 7, 2, 40, 5, 2, 1, 1, 2}, uint8(1))
	f.Add([]byte{0, 2, 7, 2, 7, 0, 2, 7, 2, 1, 2, 24, 2, 6, 7, 6, 2, 1, 4, 5, 32, 5, 2, 7, 5}, uint8(2))
	f.Add([]byte{0x48, 2, 0, 2, 2, 7, 1, 1, 2, 7, 8, 2, 7, 2, 1, 16, 2, 2}, uint8(3))
	f.Add([]byte{0, 2, 1, 0, 2, 7, 2, 1, 8, 2, 7, 16, 2, 1, 0, 2, 7, 2}, uint8(2))
	th := fixture.Theme(f)
	testkit.Tool(f, "qpdf")
	testkit.Tool(f, "pdfinfo")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, front uint8) {
		if len(data) > 400 {
			return
		}
		pages := structurePages(data)
		if len(pages) == 0 {
			return
		}
		k := int(front) % (len(pages) + 1) // the pages drawn last, in front
		info := Info{Title: "structure", Lang: "en"}
		write := func(name string, fronts int) string {
			var buf bytes.Buffer
			d := NewDocument(&buf, info, th, Options{})
			for _, p := range pages[fronts:] {
				if err := d.Page(p); err != nil {
					t.Fatal(err)
				}
			}
			for _, p := range pages[:fronts] {
				if err := d.Front(p); err != nil {
					t.Fatal(err)
				}
			}
			if err := d.Close(nil); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			return path
		}
		read := func(path string) string {
			js := testkit.Run(t, "qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", path)
			d, err := pdfua.Parse([]byte(js))
			if err != nil {
				t.Fatal(err)
			}
			if fails := pdfua.Check(d); len(fails) > 0 {
				t.Fatalf("%s: %q", filepath.Base(path), fails)
			}
			// A Figure's /BBox is its extent on the first page drawn, not
			// the first in the PDF: left out for a Figure over the front
			// pages and others (a digest's cover has its own elements).
			var out strings.Builder
			for _, l := range strings.Split(testkit.Run(t, "pdfinfo", "-struct-text", path), "\n") {
				if !strings.Contains(l, "/BBox") {
					out.WriteString(l + "\n")
				}
			}
			return out.String()
		}
		want := read(write("order.pdf", 0))
		if got := read(write("front.pdf", k)); got != want {
			t.Errorf("%d pages drawn in front: the structure differs from the pages drawn in order:\n%s\nwant:\n%s", k, got, want)
		}
	})
}
