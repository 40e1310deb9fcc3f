package build

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/marking"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// bandIncident is a draft marked TLP:AMBER+STRICT (the widest label and
// a mark beside it) dated in September (the widest English month), with
// the given titles.
func bandIncident(ja, en string) string {
	return `format = 2
id = "bands"
date = 2026-09-28
tlp = "AMBER+STRICT"
status = "draft"
title.ja = "` + ja + `"
title.en = "` + en + `"
summary.ja = "概要。"
summary.en = "Summary."
`
}

// longest is the longest start of the repeated unit that is at most w
// points wide in the furniture's type.
func longest(th *theme.Theme, unit string, w float64) string {
	s := strings.Repeat(unit, 40)
	total := 0
	for i, r := range s {
		a, ok := th.Advance(layout.Regular, r)
		if !ok {
			a = 1000
		}
		total += a
		if float64(total)/1000*marking.TextSize > w {
			return s[:i]
		}
	}
	return s
}

// band is the text pdftotext finds in the top (header) or bottom
// (footer) margin of page n of pdf, its lines joined without their
// spaces, as a reader reads a wrapped line on.
func band(t *testing.T, pdf string, p layout.Paper, n int, top bool) string {
	t.Helper()
	y, h := 0.0, p.Top
	if !top {
		y, h = p.Height-p.Bottom, p.Bottom
	}
	out := testkit.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n),
		"-x", "0", "-y", fmt.Sprint(int(y)), "-W", fmt.Sprint(int(p.Width)+1), "-H", fmt.Sprint(int(h)+1), pdf, "-")
	return strings.NewReplacer(" ", "", "\n", "", "\f", "").Replace(out)
}

// TestBandsKeepDateAndTitle: an organization name and a footer line as
// long as a template may have them (one header line, one footer line
// beside the widest label and page number), in both languages, on A4 and
// Letter, with margins that narrow the text: every page's header still
// shows the organization and the whole title (one that needs the header's
// two lines beside a short name; one of a line beside the longest name),
// and every footer the whole
// footer line, the whole as-of date, the page number and the label. One
// wider than the text area is refused when the template is loaded, at its
// key.
func TestBandsKeepDateAndTitle(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	def := testTheme(t)
	for _, paper := range []struct {
		name    string
		margins string
	}{{"A4", "[70, 57, 64, 57]"}, {"Letter", "[60, 72, 60, 72]"}} {
		for _, part := range []string{"org", "footer"} {
			t.Run(paper.name+"/"+part, func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				base := "paper = \"" + paper.name + "\"\nmargins = " + paper.margins + "\n"
				probe, err := theme.Load(writeFile(t, dir, "probe.toml", base))
				if err != nil {
					t.Fatal(err)
				}
				p := probe.Paper
				textW := p.Width - p.Left - p.Right
				headRoom := min(marking.HeaderRoom(def, textW, 0, "下書き"), marking.HeaderRoom(def, textW, 0, "DRAFT"))
				footRoom := marking.FooterRoom(def, textW)
				org, footJA, footEN := "Example CSIRT", "社外秘", "Internal use only"
				if part == "org" {
					org = longest(def, "株式会社サンプル・ホールディングス　グループ情報セキュリティ統括部 ", headRoom)
				} else {
					footJA = longest(def, "社外秘・取扱注意。配布先：経営会議メンバー、監査役、", footRoom)
					footEN = longest(def, "Confidential: executive committee, auditors. ", footRoom)
				}
				tpl := func(org, ja, en string) string {
					return base + "[organization]\nname = \"" + org + "\"\n[footer]\nja = \"" + ja + "\"\nen = \"" + en + "\"\n"
				}
				th, err := theme.Load(writeFile(t, dir, "t.toml", tpl(org, footJA, footEN)))
				if err != nil {
					t.Fatalf("a template at the limit is refused: %v", err)
				}
				titleJA, titleEN := "基幹システムへのランサムウェア攻撃：全180台の被害状況と、Citrix・Fortinet製品の脆弱性を悪用した侵入経路", "Ransomware on the core systems: 180 terminals, and the way in through Citrix flaws"
				if part == "org" {
					titleJA, titleEN = "基幹システムへのランサムウェア攻撃と侵入経路", "Ransomware on the core systems and the way in"
				}
				src := writeFile(t, dir, "bands.toml", bandIncident(titleJA, titleEN))
				r := File(context.Background(), src, &Options{Dir: dir, Theme: th})
				if len(r.Outputs) != 2 {
					t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
				}
				for _, o := range r.Outputs {
					title, foot, asOf := titleJA, footJA, "作成日2026年9月28日"
					if o.Lang == "en" {
						title, foot, asOf = titleEN, footEN, "Asof28September2026"
					}
					nospace := strings.NewReplacer(" ", "", "\u3000", "").Replace
					for n := 1; n <= o.Pages; n++ {
						head := band(t, o.Path, p, n, true)
						for _, want := range []string{nospace(org), nospace(title), "TLP:AMBER+STRICT"} {
							if !strings.Contains(head, want) {
								t.Errorf("%s page %d: the header %q lacks %q", o.Lang, n, head, want)
							}
						}
						bottom := band(t, o.Path, p, n, false)
						for _, want := range []string{nospace(foot), asOf, fmt.Sprintf("%d/%d", n, o.Pages), "TLP:AMBER+STRICT"} {
							if !strings.Contains(bottom, want) {
								t.Errorf("%s page %d: the footer %q lacks %q", o.Lang, n, bottom, want)
							}
						}
						if strings.Contains(head+bottom, "…") {
							t.Errorf("%s page %d: a band is shortened: %q, %q", o.Lang, n, head, bottom)
						}
					}
				}
				// One character more: refused at the key, with its place.
				// A longer one goes on a line of its own across the text
				// area; one wider than the text area is refused.
				key, line := "organization.name", 4
				over := tpl(longest(def, "株式会社サンプル・ホールディングス　グループ情報セキュリティ統括部 ", textW)+"部", footJA, footEN)
				if part == "footer" {
					key, line = "footer.ja", 6
					over = tpl(org, longest(def, "社外秘・取扱注意。配布先：経営会議メンバー、監査役、", textW)+"長", footEN)
				}
				_, err = theme.Load(writeFile(t, dir, "over.toml", over))
				if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("over.toml:%d:1: %s: is ", line, key)) || !strings.Contains(err.Error(), "shorten it to about") {
					t.Errorf("one character over the limit: %v, want an error at over.toml:%d:1: %s", err, line, key)
				}
			})
		}
	}
}
