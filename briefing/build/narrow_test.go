package build

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"briefing/briefing/marking"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// TestNarrowTextAreaKeepsBands: a template whose side margins leave the
// least text area allowed (214 points with the default fonts) is
// accepted, on A4 and Letter, and every page of a draft marked
// TLP:AMBER+STRICT shows, in both languages, the organization, the whole
// title, the footer line and the whole as-of date: the bands' texts go on
// lines of their own across the text area. With no margin for those
// lines the error is at margins, in the user's template, with the least
// margin.
func TestNarrowTextAreaKeepsBands(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	def := testTheme(t)
	minW := math.Ceil(marking.MinTextWidth(def))
	for _, paper := range []struct {
		name  string
		width float64
	}{{"A4", 595.28}, {"Letter", 612}} {
		t.Run(paper.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			side := (paper.width - minW) / 2
			tpl := fmt.Sprintf("paper = %q\nmargins = [70, %v, 64, %v]\n[organization]\nname = \"Example CSIRT\"\n[footer]\nja = \"社外秘\"\nen = \"Internal use only\"\n", paper.name, side, side)
			th, err := theme.Load(writeFile(t, dir, "t.toml", tpl))
			if err != nil {
				t.Fatalf("a text area of %v points is refused: %v", minW, err)
			}
			p := th.Paper
			if w := p.Width - p.Left - p.Right; math.Abs(w-minW) > 0.01 {
				t.Fatalf("text area %v, want %v", w, minW)
			}
			titleJA, titleEN := "基幹システムへのランサムウェア攻撃", "Ransomware on the core systems"
			src := writeFile(t, dir, "bands.toml", bandIncident(titleJA, titleEN))
			r := File(context.Background(), src, &Options{Dir: dir, Theme: th})
			if len(r.Outputs) != 2 {
				t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
			}
			for _, o := range r.Outputs {
				title, foot, asOf := titleJA, "社外秘", "作成日2026年9月28日"
				if o.Lang == "en" {
					title, foot, asOf = "Ransomwareonthecoresystems", "Internaluseonly", "Asof28September2026"
				}
				for n := 1; n <= o.Pages; n++ {
					head := band(t, o.Path, p, n, true)
					for _, want := range []string{"ExampleCSIRT", title, "TLP:AMBER+STRICT"} {
						if !strings.Contains(head, want) {
							t.Errorf("%s page %d: the header %q lacks %q", o.Lang, n, head, want)
						}
					}
					bottom := band(t, o.Path, p, n, false)
					for _, want := range []string{foot, asOf, fmt.Sprintf("%d/%d", n, o.Pages), "TLP:AMBER+STRICT"} {
						if !strings.Contains(bottom, want) {
							t.Errorf("%s page %d: the footer %q lacks %q", o.Lang, n, bottom, want)
						}
					}
					if strings.Contains(head+bottom, "…") {
						t.Errorf("%s page %d: a band is shortened: %q, %q", o.Lang, n, head, bottom)
					}
				}
			}
			// The least top margin leaves no room for the header's lines.
			_, err = theme.Load(writeFile(t, dir, "low.toml", strings.Replace(tpl, "[70,", "[52,", 1)))
			if err == nil || !strings.Contains(err.Error(), "low.toml:2:1: margins: the top margin 52") || !strings.Contains(err.Error(), "at least 70 points") || strings.Contains(err.Error(), "default.toml") {
				t.Errorf("top margin 52: %v, want an error at low.toml:2:1: margins with at least 70 points", err)
			}
		})
	}
}
