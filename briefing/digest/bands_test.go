package digest_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/build"
	"briefing/briefing/digest"
	"briefing/briefing/model"
	"briefing/briefing/period"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// TestFooterKeepsDates: in a digest whose template has a footer line as
// long as a footer line may be (a sentence of distribution notice), every
// page's footer still shows that line whole and, on an incident's pages,
// its as-of date whole beside or under it; the header the incident's
// title, never "…".
func TestFooterKeepsDates(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	dir := t.TempDir()
	notice := map[string]string{
		"ja": "社外秘・取扱注意。配布先：経営会議メンバー、監査役",
		"en": "Confidential: executive committee and auditors only",
	}
	tpl := filepath.Join(dir, "t.toml")
	os.WriteFile(tpl, []byte("[organization]\nname = \"Sample CSIRT\"\n[footer]\nja = \""+notice["ja"]+"\"\nen = \""+notice["en"]+"\"\n"), 0o644)
	th, err := theme.Load(tpl)
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "a.toml")
	os.WriteFile(src, []byte("format = 2\nid = \"a\"\ndate = 2026-09-28\nstatus = \"draft\"\ntlp = \"amber+strict\"\ntitle.ja = \"基幹システムへのランサムウェア攻撃\"\ntitle.en = \"Ransomware on the core systems\"\nsummary = \"x\"\n"), 0o644)
	inc, _, ds := build.Incident(src)
	if inc == nil {
		t.Fatal(ds)
	}
	r, err := period.Week("2026-W40")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, asOf, title string }{{"ja", "作成日 2026年9月28日", "基幹システムへのランサムウェア攻撃"}, {"en", "As of 28 September 2026", "Ransomware on the core systems"}} {
		var buf bytes.Buffer
		d := digest.Digest{Period: r, Incidents: digest.Select([]*model.Incident{inc}, r)}
		if _, _, ds, err := digest.PDF(&buf, d, c.lang, th, false); err != nil || ds.HasErrors() {
			t.Fatal(err, ds)
		}
		path := filepath.Join(dir, c.lang+".pdf")
		os.WriteFile(path, buf.Bytes(), 0o644)
		pages := strings.Split(strings.TrimRight(testkit.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-"), "\f\n"), "\f")
		if len(pages) < 2 {
			t.Fatalf("%s: %d pages", c.lang, len(pages))
		}
		for i, p := range pages {
			lines := strings.Split(strings.TrimSpace(p), "\n")
			head := squeeze(strings.Join(lines[:min(2, len(lines))], " "))
			foot := squeeze(strings.Join(lines[max(0, len(lines)-2):], " "))
			if !strings.Contains(foot, squeeze(notice[c.lang])) {
				t.Errorf("%s page %d: footer %q lacks the whole footer line", c.lang, i+1, foot)
			}
			if strings.Contains(head+foot, "…") {
				t.Errorf("%s page %d: a band is shortened: %q / %q", c.lang, i+1, head, foot)
			}
			if i == 0 {
				continue // the cover: the period, no incident
			}
			if !strings.Contains(foot, c.asOf) {
				t.Errorf("%s page %d: footer %q lacks the whole as-of date %q", c.lang, i+1, foot, c.asOf)
			}
			if !strings.Contains(head, c.title) {
				t.Errorf("%s page %d: header %q lacks the title %q", c.lang, i+1, head, c.title)
			}
		}
	}
}

// TestNarrowFooterLeavesPeriodOut: in a digest on a narrow text area (side
// margins of 130 points, A4 and Letter) whose template has a footer line,
// the footer of every page, the cover's too, shows the period of
// 28 September 2026 to 28 December 2027 whole or not at all (left out,
// never cut: a cut Japanese date reads as another), and the footer line
// and an incident's as-of date whole.
func TestNarrowFooterLeavesPeriodOut(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	for _, paper := range []string{"A4", "Letter", "A4/none", "Letter/none"} {
		t.Run(paper, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			notice := map[string]string{"ja": "社外秘・取扱注意。配布先：経営会議", "en": "Confidential: executive committee only"}
			footer := "[footer]\nja = \"" + notice["ja"] + "\"\nen = \"" + notice["en"] + "\"\n"
			if name, ok := strings.CutSuffix(paper, "/none"); ok {
				paper, footer, notice = name, "", map[string]string{}
			}
			tpl := filepath.Join(dir, "t.toml")
			os.WriteFile(tpl, []byte("paper = \""+paper+"\"\nmargins = [70, 130, 64, 130]\n"+footer), 0o644)
			th, err := theme.Load(tpl)
			if err != nil {
				t.Fatal(err)
			}
			src := filepath.Join(dir, "a.toml")
			os.WriteFile(src, []byte("format = 2\nid = \"a\"\ndate = 2026-09-28\nstatus = \"draft\"\ntlp = \"amber+strict\"\ntitle.ja = \"基幹システムへの攻撃\"\ntitle.en = \"Ransomware on the core systems\"\nsummary = \"x\"\n"), 0o644)
			inc, _, ds := build.Incident(src)
			if inc == nil {
				t.Fatal(ds)
			}
			r, err := period.Dates("2026-09-28", "2027-12-28")
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct{ lang, asOf, from, to string }{
				{"ja", "作成日 2026年9月28日", "2026年9月28日～", "～2027年12月28日"},
				{"en", "As of 28 September 2026", "28 September 2026 –", "– 28 December 2027"},
			} {
				var buf bytes.Buffer
				d := digest.Digest{Period: r, Incidents: digest.Select([]*model.Incident{inc}, r)}
				if _, _, ds, err := digest.PDF(&buf, d, c.lang, th, false); err != nil || ds.HasErrors() {
					t.Fatal(err, ds)
				}
				path := filepath.Join(dir, c.lang+".pdf")
				os.WriteFile(path, buf.Bytes(), 0o644)
				pages := strings.Split(strings.TrimRight(testkit.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-"), "\f\n"), "\f")
				for i, p := range pages {
					lines := strings.Split(strings.TrimSpace(p), "\n")
					foot := squeeze(strings.Join(lines[max(0, len(lines)-3):], " "))
					if strings.Contains(foot, "…") {
						t.Errorf("%s page %d: the footer is shortened: %q", c.lang, i+1, foot)
					}
					if !strings.Contains(foot, squeeze(notice[c.lang])) {
						t.Errorf("%s page %d: footer %q lacks the whole footer line", c.lang, i+1, foot)
					}
					if strings.Contains(foot, c.from) != strings.Contains(foot, c.to) {
						t.Errorf("%s page %d: the footer %q has part of the period", c.lang, i+1, foot)
					}
					if i > 0 && !strings.Contains(foot, c.asOf) {
						t.Errorf("%s page %d: footer %q lacks the whole as-of date %q", c.lang, i+1, foot, c.asOf)
					}
				}
			}
		})
	}
}
