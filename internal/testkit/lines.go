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

// Lines returns the lines of text of every page of the PDF at path, page
// by page, as MuPDF reads them. MuPDF puts a space where a Japanese and a
// Latin character stand a quarter em apart (see README, Japanese line
// setting); Squeezed drops it.
func Lines(t testing.TB, path string) [][]Line {
	t.Helper()
	out := Run(t, "mutool", "draw", "-q", "-F", "stext", "-o", "-", path)
	var doc struct {
		Pages []struct {
			Blocks []struct {
				Lines []struct {
					BBox  string `xml:"bbox,attr"`
					Fonts []struct {
						Chars []struct {
							C string `xml:"c,attr"`
						} `xml:"char"`
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
				var s strings.Builder
				for _, f := range l.Fonts {
					for _, c := range f.Chars {
						s.WriteString(c.C)
					}
				}
				ln := Line{Text: s.String()}
				var box [4]float64
				for k, f := range strings.Fields(l.BBox) {
					if k < 4 {
						box[k], _ = strconv.ParseFloat(f, 64)
					}
				}
				ln.XMin, ln.YMin, ln.XMax, ln.YMax = box[0], box[1], box[2], box[3]
				pages[i] = append(pages[i], ln)
			}
		}
	}
	return pages
}

// Squeezed returns the line's text without its spaces.
func (l Line) Squeezed() string { return strings.Join(strings.Fields(l.Text), "") }
