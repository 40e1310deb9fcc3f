package digest_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"briefing/briefing/build"
	"briefing/briefing/digest"
	"briefing/briefing/model"
	"briefing/briefing/period"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// crowdedTitles are long Japanese titles of a crowded week.
var crowdedTitles = []string{
	"大手製造業のサプライチェーンを狙った標的型ランサムウェア攻撃と二重恐喝による機密情報の流出事案",
	"クラウド型認証基盤の設定不備に起因する多要素認証の回避と管理者権限の不正取得",
	"医療機関の電子カルテシステムに対するランサムウェア感染と診療業務の長期停止",
	"自治体向けファイル共有サービスの脆弱性を悪用した大規模な情報漏えい",
	"海外子会社経由のVPN機器侵害と国内ネットワークへの横展開",
	"取引先を装ったビジネスメール詐欺による送金被害と会計システムの不正操作",
	"オープンソースのパッケージに仕込まれたバックドアと開発環境の汚染",
	"重要インフラ事業者の制御系ネットワークへの不審な通信と監視体制の見直し",
	"生成AIサービスの利用に伴う社外秘資料の入力と学習データへの混入の懸念",
	"国家支援型の攻撃グループによる防衛関連企業への長期潜伏型侵入",
	"物流事業者のWMSに対するDDoS攻撃と出荷業務の遅延",
	"教育機関の学習管理システムからの個人情報約12万件の流出",
}

// crowdedWeek returns twelve incidents of 21–27 November 2026 with long
// titles, every severity and TLP:AMBER+STRICT among their labels, a
// third of them updated on the 27th; extra, when not empty, is an id
// written in brackets after one of the titles.
func crowdedWeek(t *testing.T, extra string) []*model.Incident {
	t.Helper()
	sev := []string{"critical", "high", "medium", "low", "info", "high"}
	tlp := []string{"AMBER+STRICT", "AMBER", "RED", "AMBER+STRICT", "GREEN", "CLEAR"}
	var incs []*model.Incident
	for i, title := range crowdedTitles {
		en := fmt.Sprintf("A long English title for incident number %d about a supply chain ransomware intrusion", i)
		if i == 3 && extra != "" {
			title += "（" + extra + "）"
			en += " (" + extra + ")"
		}
		lines := []string{
			fmt.Sprintf("date = 2026-11-%02d", 21+i%7),
			fmt.Sprintf(`tlp = "%s"`, tlp[i%6]),
			fmt.Sprintf(`severity = "%s"`, sev[i%6]),
			fmt.Sprintf(`title = { ja = "%s", en = "%s" }`, title, en),
			`summary = "概要"`,
		}
		if i%3 == 0 {
			lines[0] = "date = 2026-11-20\nupdated = 2026-11-27"
		}
		id := fmt.Sprintf("crowd-%02d", i)
		src := "format = 2\nid = \"" + id + "\"\n" + strings.Join(lines, "\n") + "\n"
		path := filepath.Join(t.TempDir(), id+".toml")
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		inc, _, ds := build.Incident(path)
		if inc == nil {
			t.Fatalf("%s refused:\n%v", id, ds)
		}
		incs = append(incs, inc)
	}
	return incs
}

// coverLines returns the lines of the cover's table, page by page, until
// the first page without the table's headers given.
func coverLines(t *testing.T, path string, headers ...string) []testkit.Line {
	t.Helper()
	var out []testkit.Line
	for _, p := range testkit.Lines(t, path) {
		all := true
		for _, h := range headers {
			all = all && slices.ContainsFunc(p, func(l testkit.Line) bool { return l.Squeezed() == strings.ReplaceAll(h, " ", "") })
		}
		if !all {
			break
		}
		out = append(out, p...)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no page has the cover's headers %q on lines of their own", path, headers)
	}
	return out
}

// TestCrowdedCoverKeepsWords: the cover of a crowded week (long titles,
// TLP:AMBER+STRICT, dates like 2026年11月27日, a third updated), in
// Japanese and English, on A4 and Letter, read back with MuPDF: each
// column header is one line (重要度, ページ, not 重要 / 度), and so is
// every date, severity and TLP label of the table; the titles wrap. With
// an id in a title (CVE-2026-12345), which the title column cannot
// narrow past, the updated dates give way first, set in two lines
// (2026年 / 11月27日), never a token a line, and nothing else breaks.
// The titles are set ragged and end on no stub.
func TestCrowdedCoverKeepsWords(t *testing.T) {
	t.Parallel()
	testkit.Tool(t, "mutool")
	r, err := period.Dates("2026-11-21", "2026-11-27")
	if err != nil {
		t.Fatal(err)
	}
	sevJA := map[model.Severity]string{"critical": "緊急", "high": "高", "medium": "中", "low": "低", "info": "情報"}
	sevEN := map[model.Severity]string{"critical": "Critical", "high": "High", "medium": "Medium", "low": "Low", "info": "Info"}
	dateJA := func(d model.Date) string { return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day) }
	dateEN := func(d model.Date) string { return fmt.Sprintf("%d November %d", d.Day, d.Year) }
	for _, paper := range []string{"A4", "Letter"} {
		for _, lang := range []string{"ja", "en"} {
			for _, extra := range []string{"", "CVE-2026-12345"} {
				name := paper + "/" + lang
				if extra != "" {
					name += "/id"
				}
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					th := paperTheme(t, paper)
					incs := crowdedWeek(t, extra)
					var buf bytes.Buffer
					if _, _, _, err := digest.PDF(&buf, digest.Digest{Period: r, Incidents: digest.Select(incs, r)}, lang, th, false); err != nil {
						t.Fatal(err)
					}
					path := filepath.Join(t.TempDir(), digest.Name(r, lang))
					if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					headers := []string{"#", "区分", "作成日", "件名", "重要度", "TLP", "ページ"}
					sev, date := sevJA, dateJA
					if lang == "en" {
						headers = []string{"#", "Entry", "As of", "Title", "Severity", "TLP", "Page"}
						sev, date = sevEN, dateEN
					}
					lines := coverLines(t, path, headers[1], headers[2])
					has := map[string]int{}
					for _, l := range lines {
						has[l.Squeezed()]++
					}
					for _, h := range headers {
						if has[strings.ReplaceAll(h, " ", "")] == 0 {
							t.Errorf("the header %q is not a line of its own; the cover's lines:\n%s", h, dump(lines))
						}
					}
					// Each cell's words, read back whole: the severity and
					// the label on a line of their own.
					want := map[string]int{}
					dates := map[string]int{}
					for _, inc := range incs {
						want[sev[inc.Severity]]++
						want["TLP:"+string(inc.TLP)]++
						dates[date(inc.Date)]++
						if digest.Updated(inc, r) {
							dates[date(inc.Updated)]++
						}
					}
					for w, n := range want {
						if got := has[strings.ReplaceAll(w, " ", "")]; got < n {
							t.Errorf("%q is a line of its own %d times, want %d (one a row); the cover's lines:\n%s", w, got, n, dump(lines))
						}
					}
					// Every date whole on a line; where the table cannot
					// hold them all (English on A4, an id in a title), some
					// in two lines (2026年 / 11月27日, 27 November / 2026),
					// never a token a line.
					mustWhole := extra == "" && (lang == "ja" || paper == "Letter")
					for d, n := range dates {
						sq := strings.ReplaceAll(d, " ", "")
						whole, halves := has[sq], 0
						for k := 0; k+1 < len(lines); k++ {
							if a, b := lines[k].Squeezed(), lines[k+1].Squeezed(); a != "" && b != "" && a+b == sq {
								halves++
							}
						}
						switch {
						case whole < n && mustWhole:
							t.Errorf("%q is whole on %d lines, want %d; the cover's lines:\n%s", d, whole, n, dump(lines))
						case whole+halves < n:
							t.Errorf("%q is whole on %d lines and in two on %d, want %d in all; the cover's lines:\n%s", d, whole, halves, n, dump(lines))
						}
					}
					// The titles wrap ragged, none ending on a stub (a
					// character alone on its line, as justifying the cells
					// by the total fit left one: 出荷業務の遅 / 延).
					var titleX float64
					for _, l := range lines {
						if l.Squeezed() == headers[3] {
							titleX = l.XMin
						}
					}
					for _, l := range lines {
						if math.Abs(l.XMin-titleX) < 0.5 && len([]rune(l.Squeezed())) == 1 {
							t.Errorf("a title ends on the stub %q; the cover's lines:\n%s", l.Text, dump(lines))
						}
					}
					if extra != "" && !slices.ContainsFunc(lines, func(l testkit.Line) bool {
						return strings.Contains(l.Squeezed(), "CVE-2026-12345")
					}) {
						t.Errorf("the id CVE-2026-12345 is cut; the cover's lines:\n%s", dump(lines))
					}
				})
			}
		}
	}
}

// paperTheme returns the default template on paper (A4 or Letter).
func paperTheme(t *testing.T, paper string) *theme.Theme {
	t.Helper()
	if paper == "A4" {
		th, err := theme.Default()
		if err != nil {
			t.Fatal(err)
		}
		return th
	}
	p := filepath.Join(t.TempDir(), "t.toml")
	if err := os.WriteFile(p, []byte("paper = \""+paper+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	th, err := theme.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func dump(lines []testkit.Line) string {
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "  %q\n", l.Text)
	}
	return b.String()
}
