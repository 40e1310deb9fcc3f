package build

import (
	"briefing/briefing/layout"
	"context"
	"fmt"
	"math"
	"slices"
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

// TestLongDraftMark: a template's draft mark that cannot stand beside the
// widest TLP label is refused at its key (words.en.draft) in the user's
// template; the longest accepted one stands on the paper, inside the
// margins, on every page (pdftotext -bbox), and the title is still in the
// header, on A4 and Letter.
func TestLongDraftMark(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	const mark = "DRAFT - NOT FOR DISTRIBUTION - PENDING LEGAL REVIEW AND APPROVAL"
	for _, paper := range []string{"A4", "Letter"} {
		t.Run(paper, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			tpl := func(m string) string {
				return "paper = \"" + paper + "\"\n[words.en]\ndraft = \"" + m + "\"\n"
			}
			_, err := theme.Load(writeFile(t, dir, "long.toml", tpl(mark)))
			if err == nil || !strings.Contains(err.Error(), "long.toml:3:1: words.en.draft: the draft mark") || !strings.Contains(err.Error(), "shorten it to about") {
				t.Fatalf("a draft mark wider than the header: %v, want an error at long.toml:3:1: words.en.draft", err)
			}
			var th *theme.Theme
			n := len(mark)
			for ; n > 0; n-- {
				if th, err = theme.Load(writeFile(t, dir, "t.toml", tpl(mark[:n]))); err == nil {
					break
				}
			}
			if n < 20 {
				t.Fatalf("only %d characters of the mark are accepted", n)
			}
			p := th.Paper
			src := writeFile(t, dir, "bands.toml", bandIncident("短い題名", "Ransomware on the core systems"))
			r := File(context.Background(), src, &Options{Dir: dir, Theme: th, Langs: []string{"en"}})
			if len(r.Outputs) != 1 {
				t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
			}
			o := r.Outputs[0]
			bbox := testkit.Run(t, "pdftotext", "-bbox", "-enc", "UTF-8", o.Path, "-")
			for _, w := range strings.Split(bbox, "<word ")[1:] {
				var x0, y0, x1, y1 float64
				if _, err := fmt.Sscanf(w, "xMin=\"%g\" yMin=\"%g\" xMax=\"%g\" yMax=\"%g\"", &x0, &y0, &x1, &y1); err != nil {
					t.Fatalf("%q: %v", w, err)
				}
				if x0 < p.Left-0.5 || x1 > p.Width-p.Right+0.5 {
					t.Errorf("a word outside the margins (%v–%v, margins at %v and %v): %s", x0, x1, p.Left, p.Width-p.Right, w[strings.Index(w, ">")+1:strings.Index(w, "<")])
				}
			}
			for n := 1; n <= o.Pages; n++ {
				head := band(t, o.Path, p, n, true)
				for _, want := range []string{"Ransomwareonthecoresystems", "DRAFT-NOT", "TLP:AMBER+STRICT"} {
					if !strings.Contains(head, want) {
						t.Errorf("page %d: the header %q lacks %q", n, head, want)
					}
				}
			}
		})
	}
}

// TestHeaderBreaksBetweenPhrases: a running header whose title follows
// the organization's name on its line and continues on the next breaks
// between words (English) and phrases (Japanese, JLReq), never inside a
// word such as INC-2026-000123 or サプライチェーン, on A4 and Letter.
func TestHeaderBreaksBetweenPhrases(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	const org = "株式会社サンプル・ホールディングス 情報セキュリティ統括本部"
	titleJA := "INC-2026-000123: " + strings.Repeat("サプライチェーン攻撃による", 4) + "侵入"
	titleEN := "INC-2026-000123: " + strings.Repeat("Supply chain attack with ", 6) + "intrusion"
	for _, paper := range []string{"A4", "Letter"} {
		t.Run(paper, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			th, err := theme.Load(writeFile(t, dir, "t.toml", "paper = \""+paper+"\"\n[organization]\nname = \""+org+"\"\n"))
			if err != nil {
				t.Fatal(err)
			}
			p := th.Paper
			src := writeFile(t, dir, "bands.toml", bandIncident(titleJA, titleEN))
			r := File(context.Background(), src, &Options{Dir: dir, Theme: th})
			if len(r.Outputs) != 2 {
				t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
			}
			for _, o := range r.Outputs {
				out := testkit.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", "-f", "1", "-l", "1",
					"-x", "0", "-y", "0", "-W", fmt.Sprint(int(p.Width)+1), "-H", fmt.Sprint(int(p.Top)+1), o.Path, "-")
				var lines []string
				for _, l := range strings.Split(out, "\n") {
					for _, cut := range []string{"TLP:", "DRAFT", "下書き"} {
						if i := strings.Index(l, cut); i >= 0 {
							l = l[:i]
						}
					}
					if l = strings.TrimSpace(l); l != "" && l != "\f" {
						lines = append(lines, l)
					}
				}
				title := titleJA
				if o.Lang == "en" {
					title = titleEN
				}
				words := strings.Fields(org + " | " + title)
				if len(lines) < 2 {
					t.Fatalf("%s: the header is one line: %q", o.Lang, lines)
				}
				for i := 0; i+1 < len(lines); i++ {
					a, b := lines[i], lines[i+1]
					if o.Lang == "en" {
						last, first := strings.Fields(a), strings.Fields(b)
						if !slices.Contains(words, last[len(last)-1]) || !slices.Contains(words, first[0]) {
							t.Errorf("en: the header breaks inside a word: %q / %q", a, b)
						}
						continue
					}
					ra, rb := []rune(a), []rune(b)
					if !layout.PhraseBreak(ra[len(ra)-1], rb[0]) {
						t.Errorf("ja: the header breaks inside a phrase: %q / %q", a, b)
					}
				}
			}
		})
	}
}
