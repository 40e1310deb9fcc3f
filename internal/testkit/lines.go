package testkit

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
)

// Line is a line of text as MuPDF reads it from a page (mutool draw -F
// stext): one line of a paragraph or of a table's cell, its characters
// in order, and its box in points from the page's top left corner.
type Line struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// cellGap is the room, in em of the text, past which two characters of
// one MuPDF line stand in two cells of a table (their padding): MuPDF
// reads neighbouring cells as one line when their baselines meet. A
// quarter em between Japanese and Latin text, a word space and a justified
// line's widest gaps are narrower.
const cellGap = 0.6

// Lines returns the lines of text of every page of the PDF at path, page
// by page, as MuPDF reads them, a line cut in two where its characters
// stand more than cellGap apart (two cells of a table). MuPDF puts a space
// where a Japanese and a Latin character stand a quarter em apart (see
// README, Japanese line setting); Squeezed drops it.
func Lines(t testing.TB, path string) [][]Line {
	t.Helper()
	out := Run(t, "mutool", "draw", "-q", "-F", "stext", "-o", "-", path)
	type char struct {
		C    string `xml:"c,attr"`
		Quad string `xml:"quad,attr"`
	}
	var doc struct {
		Pages []struct {
			Blocks []struct {
				Lines []struct {
					Fonts []struct {
						Size  float64 `xml:"size,attr"`
						Chars []char  `xml:"char"`
					} `xml:"font"`
				} `xml:"line"`
			} `xml:"block"`
		} `xml:"page"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%s: read mutool's stext: %v", path, err)
	}
	pages := make([][]Line, len(doc.Pages))
	for i, p := range doc.Pages {
		for _, b := range p.Blocks {
			for _, l := range b.Lines {
				var cur *Line
				var s strings.Builder
				lastX := 0.0
				flush := func() {
					if cur != nil {
						cur.Text = s.String()
						pages[i] = append(pages[i], *cur)
					}
					cur = nil
					s.Reset()
				}
				for _, f := range l.Fonts {
					for _, c := range f.Chars {
						var q [8]float64
						for k, v := range strings.Fields(c.Quad) {
							if k < 8 {
								q[k], _ = strconv.ParseFloat(v, 64)
							}
						}
						x0, y0, x1, y1 := q[0], q[1], q[2], q[5]
						if c.C == " " {
							if cur != nil {
								s.WriteString(" ")
							}
							continue
						}
						if cur != nil && x0-lastX > cellGap*f.Size {
							flush()
						}
						if cur == nil {
							cur = &Line{XMin: x0, YMin: y0, XMax: x1, YMax: y1}
						}
						s.WriteString(c.C)
						cur.XMax, cur.YMin, cur.YMax = max(cur.XMax, x1), min(cur.YMin, y0), max(cur.YMax, y1)
						lastX = x1
					}
				}
				flush()
			}
		}
	}
	return pages
}

// Squeezed returns the line's text without its spaces.
func (l Line) Squeezed() string { return strings.Join(strings.Fields(l.Text), "") }
