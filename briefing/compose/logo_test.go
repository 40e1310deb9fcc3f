package compose

import (
	"math"
	"strings"
	"testing"

	"briefing/briefing/layout"
)

// TestFurnitureLogo: the template's logo stands at the left of the running
// header, as tall as the TLP label, its aspect ratio kept, with the
// organization after it; a very wide logo is scaled down to a quarter of
// the text width.
func TestFurnitureLogo(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name          string
		width, height int
		wantW, wantH  float64
	}{
		{"2:1", 40, 20, 28, 14},
		{"very wide", 1000, 10, (595.28 - 57 - 57) / 4, (595.28 - 57 - 57) / 4 / 100},
	} {
		t.Run(tt.name, func(t *testing.T) {
			th := testTheme(t)
			th.Logo = &Logo{Data: []byte("picture"), Type: "png", Width: tt.width, Height: tt.height}
			doc, _ := Briefing(small(), "en", th)
			var img *layout.Image
			var head, label layout.TextBox
			for _, b := range doc.Furniture(1, 2) {
				switch x := b.(type) {
				case layout.Image:
					img = &x
				case layout.TextBox:
					switch {
					case len(x.Text) > 4 && x.Text[:4] == "TLP:" && (label.Text == "" || x.Y < label.Y):
						label = x // the header's, not the footer's
					case len(x.Text) > 13 && x.Text[:13] == "Example CSIRT":
						head = x
					}
				}
			}
			if img == nil {
				t.Fatal("no logo in the furniture")
			}
			if math.Abs(img.W-tt.wantW) > 0.01 || math.Abs(img.H-tt.wantH) > 0.01 {
				t.Errorf("logo %.2f×%.2f, want %.2f×%.2f", img.W, img.H, tt.wantW, tt.wantH)
			}
			if img.X != doc.Paper.Left || string(img.Data) != "picture" || img.Type != "png" {
				t.Errorf("logo %+v, want at the left margin with the template's picture", *img)
			}
			if head.Text == "" || head.X < img.X+img.W+3 {
				t.Errorf("header %q at x=%.2f, want after the logo (ends at %.2f)", head.Text, head.X, img.X+img.W)
			}
			// The logo sits on the label's line: its middle between the
			// top of the label's text and the header's baseline region.
			if mid := img.Y + img.H/2; mid < label.Y-12 || mid > label.Y+3 {
				t.Errorf("logo middle at y=%.2f, label baseline %.2f", mid, label.Y)
			}
		})
	}
	doc, _ := Briefing(small(), "en", testTheme(t))
	for _, b := range doc.Furniture(1, 1) {
		if _, ok := b.(layout.Image); ok {
			t.Error("a template without a logo draws a picture")
		}
	}
}

// TestFiguresKeptWithTheirText: the risk matrix is kept on the page of the
// risk list it illustrates, and the supplier chart's caption (a heading,
// which the layout keeps with what follows) comes right before the chart.
func TestFiguresKeptWithTheirText(t *testing.T) {
	t.Parallel()
	doc, _ := Briefing(small(), "en", testTheme(t))
	var figures []layout.Figure
	for i, b := range doc.Blocks {
		f, ok := b.(layout.Figure)
		if !ok {
			continue
		}
		figures = append(figures, f)
		if len(figures) == 1 {
			// The supplier chart: its caption just before it.
			j := i - 1
			for j > 0 {
				if _, space := doc.Blocks[j].(layout.Spacer); !space {
					break
				}
				j--
			}
			h, ok := doc.Blocks[j].(layout.Heading)
			if !ok || len(h.Spans) == 0 || h.Spans[0].Text != "Products by supplier country" {
				t.Errorf("block before the supplier chart is %#v, want its caption as a heading", doc.Blocks[j])
			}
		}
		if i+1 < len(doc.Blocks) && f.KeepWithNext {
			if _, ok := doc.Blocks[i+1].(layout.List); !ok {
				t.Errorf("figure %d is kept with a %T, want the list it illustrates", len(figures), doc.Blocks[i+1])
			}
		}
	}
	// The kill chain: the line naming its phases is kept with the drawing.
	inc := small()
	if inc.Analysis == nil || len(inc.Analysis.KillChain) == 0 {
		t.Fatal("the small incident has no kill chain")
	}
	found := false
	for i, b := range doc.Blocks {
		if h, ok := b.(layout.Heading); ok && len(h.Spans) > 0 && h.Spans[0].Text == "Kill chain" {
			found = true
			p, ok := doc.Blocks[i+1].(layout.Paragraph)
			if !ok || !p.KeepWithNext {
				t.Errorf("the kill chain's phases %#v are not kept with the drawing", doc.Blocks[i+1])
			}
		}
	}
	if !found {
		t.Error("no kill chain heading")
	}
	if len(figures) == 0 || !figures[len(figures)-1].KeepWithNext {
		t.Error("the risk matrix (the last figure) is not kept with the risk list")
	}
}

// TestTitleOverLinesInOneLinePlaces: a title written over several lines is
// joined into one line where one line is shown: the running header, the
// document information.
func TestTitleOverLinesInOneLinePlaces(t *testing.T) {
	t.Parallel()
	inc := small()
	inc.Title = tx("title", 5, "題名の\n一行目\n\n二行目", "Title\nover\tlines")
	for _, lang := range []string{"ja", "en"} {
		doc, _ := Briefing(inc, lang, testTheme(t))
		for _, b := range doc.Furniture(1, 1) {
			if x, ok := b.(layout.TextBox); ok && strings.ContainsAny(x.Text, "\n\r\t") {
				t.Errorf("%s: furniture text %q has a line break or tab", lang, x.Text)
			}
		}
		if m := Meta(inc, lang); strings.ContainsAny(m.Title, "\n\r\t") {
			t.Errorf("%s: document title %q has a line break or tab", lang, m.Title)
		}
	}
}
