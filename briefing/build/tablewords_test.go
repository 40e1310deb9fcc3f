package build

import (
	"fmt"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// TestTableKeepsWords: a crowded Markdown table of a Japanese briefing
// (seven columns, long descriptions, dates, labels), on A4 and Letter,
// read back with MuPDF: each header word is a line of its own (重要度,
// 担当部署, not 重要 / 度), and so is every date, severity, label and
// count; a department's name breaks only between its phrases; the
// descriptions wrap.
func TestTableKeepsWords(t *testing.T) {
	t.Parallel()
	testkit.Tool(t, "mutool")
	descs := []string{
		"海外拠点のVPN装置から侵入され、国内の基幹ネットワークに横展開された",
		"取引先を装った電子メールにより、経理部門の端末がマルウェアに感染した",
		"クラウドストレージの公開設定の誤りにより、顧客情報が閲覧可能な状態にあった",
		"開発環境の認証情報が外部に漏えいし、ソースコードが持ち出された",
	}
	sev := []string{"緊急", "高", "情報", "中"}
	var rows strings.Builder
	rows.WriteString("| # | 発生日 | 概要 | 重要度 | 担当部署 | 取扱区分 | 件数 |\n|---|---|---|---|---|---|---|\n")
	for i, d := range descs {
		fmt.Fprintf(&rows, "| %d | 2026年11月%d日 | %s | %s | 情報システム部 | TLP:AMBER+STRICT | 1,2%02d件 |\n", i+1, 20+i, d, sev[i], i)
	}
	for _, paper := range []string{"A4", "Letter"} {
		t.Run(paper, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			th := withTemplate(t, dir, "paper = \""+paper+"\"\n")
			src := "format = 2\nid = \"crowded-table\"\ndate = 2026-11-27\ntlp = \"AMBER+STRICT\"\nlanguages = [\"ja\"]\n" +
				"title = \"表の見出し語\"\nsummary = \"\"\"\n今週の事案。\n\n" + rows.String() + "\"\"\"\n"
			pdf := renderOne(t, dir, "crowded-table", "ja", src, th)
			has := map[string]int{}
			var all []string
			// The department, a short cell, whole or broken between its
			// phrases (情報 / システム部), never inside a word (情報シ /
			// ステム部).
			dept := 0
			for _, p := range testkit.Lines(t, pdf) {
				for k, l := range p {
					has[l.Squeezed()]++
					all = append(all, l.Text)
					if l.Squeezed() == "情報システム部" || k+1 < len(p) && l.Squeezed() == "情報" && p[k+1].Squeezed() == "システム部" {
						dept++
					}
				}
			}
			if dept != len(descs) {
				t.Errorf("情報システム部 is whole or broken between its phrases %d times, want %d; the lines:\n  %s", dept, len(descs), strings.Join(all, "\n  "))
			}
			want := map[string]int{"#": 1, "発生日": 1, "概要": 1, "重要度": 1, "担当部署": 1, "取扱区分": 1, "件数": 1}
			for i := range descs {
				want[fmt.Sprintf("2026年11月%d日", 20+i)]++
				want[sev[i]]++
				want[fmt.Sprintf("1,2%02d件", i)]++
			}
			for w, n := range want {
				if has[w] < n {
					t.Errorf("%q is a line of its own %d times, want %d; the lines:\n  %s", w, has[w], n, strings.Join(all, "\n  "))
				}
			}
			if has["TLP:AMBER+STRICT"] < len(descs) {
				t.Errorf("TLP:AMBER+STRICT is a line of its own %d times, want %d", has["TLP:AMBER+STRICT"], len(descs))
			}
		})
	}
}
