package jlreqmeasure

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/render"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

func cells(ss ...string) [][]layout.Span {
	out := make([][]layout.Span, len(ss))
	for i, s := range ss {
		if s != "" {
			out[i] = []layout.Span{{Text: s}}
		}
	}
	return out
}

// crowdedTables are tables too wide for their text but with no word
// that must be cut, one row of each holding a long date range.
var crowdedTables = map[string]struct {
	table   layout.Table
	phrases []string
}{
	"ja": {
		table: layout.Table{
			Text:    layout.Text{Style: layout.Style{Size: 9}, Breaking: layout.Japanese},
			Columns: []layout.Column{{Header: []layout.Span{{Text: "種別"}}}, {Header: []layout.Span{{Text: "値"}}}, {Header: []layout.Span{{Text: "備考"}}}, {Header: []layout.Span{{Text: "観測日時"}}}},
			Rows: []layout.Row{
				{Cells: cells("ipv4", "203.0.113[.]45", "NetScaler のセッションを乗っ取った接続元で、複数の組織への侵入に使われた", "2023年11月27日〜2023年12月3日")},
				{Cells: cells("domain", "files-sync[.]example", "持ち出し先とみられるファイル共有サービスで、攻撃者が登録した", "")},
				{Cells: cells("email", "restore-files[@]mail[.]example", "身代金要求の文書に記載された連絡先で、交渉に使われた", "")},
				{Cells: cells("file", "update-agent-installer.exe", "暗号化を行った実行ファイル（例）で、署名を偽装していた", "12月1日")},
			},
			Padding: 3.5,
		},
		phrases: []string{"2023年11月27日", "2023年12月3日"},
	},
	"en": {
		table: layout.Table{
			Text:    layout.Text{Style: layout.Style{Size: 9}},
			Columns: []layout.Column{{Header: []layout.Span{{Text: "Type"}}}, {Header: []layout.Span{{Text: "Value"}}}, {Header: []layout.Span{{Text: "Notes"}}}, {Header: []layout.Span{{Text: "Seen"}}}},
			Rows: []layout.Row{
				{Cells: cells("ipv4", "203.0.113[.]45", "The address that took over NetScaler sessions and was used to break into several organizations", "27 November 2023 – 3 December 2023")},
				{Cells: cells("domain", "files-sync[.]example", "A file sharing service, registered by the attackers, where the data went", "")},
				{Cells: cells("email", "restore-files[@]mail[.]example", "The contact address in the ransom note, used to negotiate", "")},
				{Cells: cells("file", "update-agent-installer.exe", "The program that encrypted the files, with a forged signature", "1 December")},
			},
			Padding: 3.5,
		},
		phrases: []string{"27 November 2023", "3 December 2023"},
	},
}

// bboxLines returns the text of each line pdftotext finds in the PDF at
// path (-bbox-layout), its words joined without spaces.
func bboxLines(t *testing.T, path string) []string {
	t.Helper()
	out := testkit.Run(t, "pdftotext", "-bbox-layout", path, "-")
	var doc struct {
		Lines []struct {
			Words []string `xml:"word"`
		} `xml:"body>doc>page>flow>block>line"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("pdftotext -bbox-layout: %v", err)
	}
	var lines []string
	for _, l := range doc.Lines {
		lines = append(lines, strings.Join(l.Words, ""))
	}
	if len(lines) == 0 {
		t.Fatalf("pdftotext found no lines in %s", path)
	}
	return lines
}

// TestCrowdedTableKeepsDates lays out tables too wide for their text,
// in Japanese and English, with no word the table must cut, one row
// holding a long date range, and reads their lines back (pdftotext
// -bbox-layout): each date of the range stands whole on a line, not a
// token a line (2023年 / 11月 / 27日〜).
func TestCrowdedTableKeepsDates(t *testing.T) {
	th := fixture.Theme(t)
	for lang, c := range crowdedTables {
		t.Run(lang, func(t *testing.T) {
			pages, err := layout.Lay(layout.Document{Paper: layout.A4, Blocks: []layout.Block{c.table}}, th)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := render.PDF(&buf, pages, render.Info{Title: "table", Lang: lang}, th); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "table.pdf")
			if d := os.Getenv("YKDIR"); d != "" {
				path = filepath.Join(d, "table-"+lang+".pdf")
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			lines := bboxLines(t, path)
			for _, p := range c.phrases {
				if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, strings.ReplaceAll(p, " ", "")) }) {
					t.Errorf("%q is on no line of its own; the lines: %q", p, lines)
				}
			}
		})
	}
}
