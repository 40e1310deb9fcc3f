package jlreqmeasure

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/render"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

var show = flag.Int("show", 3, "the paragraphs not given back to show")

var keep = flag.String("keep", "", "write the stress set's PDF to this file")

// stress are paragraphs that are hard to set: brackets and quotes, long
// katakana words, URLs and file names, numbers with units and counters,
// currency signs, citations, ―― and ……, a mostly Latin paragraph,
// Japanese mixed with Latin words and digits, and variation sequences.
var stress = []string{
	"同社は声明で「当社の製品に脆弱性はない」と述べたが、研究者は『再現手順』を公開し、「（仮称）ゼロデイ対策チーム」が調査を始めた。関係者は「修正は来週になる」と話している。",
	"セキュリティインシデントレスポンスチームは、サプライチェーンアタックとランサムウェアオペレーションのコーディネーションについて、インテリジェンスコミュニティとインフォメーションシェアリングを行った。",
	"詳細は https://www.example.com/security/advisories/2021/KSA-2021-0715-remote-code-execution.html を参照のこと。攻撃者は https://cdn.example.net/download/update/agent_installer_v9.5.7.exe から不正な更新を配布した。",
	"攻撃者は /opt/kaseya/agent/bin/agent_monitor_service_helper.so と agent_monitor_configuration_backup_2021-07-02.xml を置き換え、/var/log/kaseya/ 以下のログを削除した。",
	"被害は世界17か国、約1,500社に及び、暗号化された端末は推定210台、身代金の要求額は7,000万ドル（約77億円）で、前年比で約50％増加した。2021年7月2日午後2時、同社はサーバーを停止し、攻撃の98.5％を24時間以内に封じ込めた。",
	"価格は￥12,800から＄99、€85、£70までと幅があり、管理番号は№12と#42、検証は第3章第2節第4項に従い、約3,000人の利用者のうち25名が12回の試験に参加した。",
	"同部隊は2019年以降に複数の製品を購入した（文献1）。報道によれば購入総額は約3億円に上る（文献2）。英語圏の報告[3]でも同様の指摘があり[4]、政府は2022年に調査を始めた（文献12）。",
	"攻撃の目的は――少なくとも当初は――情報の窃取であったと考えられる……が、真相は依然として不明であり、同社の説明も二転三転している。",
	"The report \"Advanced Persistent Threat Groups and Their Toolsets in 2021\" by the vendor describes the operation in detail and lists the indicators（文献3）。",
	"PLAの61419部隊は、Kaspersky、Avast、ESETなどのアンチウイルス製品をWindows 10環境で検証し、CVE-2021-30116を悪用するPoCを作成したとRecorded Futureは報告している。",
	// Variation sequences (葛 U+E0100, 辻 U+E0100, 葛 U+E0101 drawn
	// with the plain 葛's glyph, 侮 U+FE00): each one character.
	"東京都\u845B\U000E0100飾区と藤沢市\u8FBB\U000E0100堂の\u8FBB\U000E0100A棟など2拠点で、\u845B\U000E0100城市の3社が2021年に検証した。既定の\u845B\U000E0101と\u4FAE\uFE00を含め、\u8FBB\U000E0100氏がWindows 10環境で（文献1）の手順を再現し、\u845B\U000E0100飾区役所は約50％の端末を更新した。",
}

// shifts is the number of positions each paragraph is set at: prefixed
// by 0 to shifts-1 ideographic spaces, so that its breaks fall in many
// places.
const shifts = 48

// setStress lays out and renders the stress set (each paragraph at every
// shift), and returns the PDF's path and the paragraphs in order.
func setStress(t *testing.T) (string, []string, float64) {
	th := fixture.Theme(t)
	body := layout.Text{Style: layout.Style{Size: 10.5}, Breaking: layout.Japanese}
	var paras []string
	var blocks []layout.Block
	for s := range shifts {
		for _, p := range stress {
			p = strings.Repeat("\u3000", s) + p
			paras = append(paras, p)
			blocks = append(blocks, layout.Paragraph{Text: body, Spans: []layout.Span{{Text: p}}, SpaceAfter: 6})
		}
	}
	pages, err := layout.Lay(layout.Document{Paper: layout.A4, Blocks: blocks}, th)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := render.PDF(&buf, pages, render.Info{Title: "stress", Lang: "ja"}, th); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "stress.pdf")
	if *keep != "" {
		path = *keep
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, paras, layout.A4.Width - layout.A4.Right
}

// glyphLines reads the glyphs of the PDF at path with MuPDF: the glyphs
// drawn, without the spaces it adds where glyphs stand apart.
func glyphLines(t *testing.T, path string) []Line {
	t.Helper()
	st := path + ".stext"
	testkit.Run(t, "mutool", "convert", "-F", "stext", "-O", "inhibit-spaces", "-o", st, path)
	x, err := os.ReadFile(st)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := Lines(x)
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// TestStress sets the stress paragraphs at every shift and holds the
// figures to the targets: no unbreakable sequence broken; no gap between
// Japanese characters over 0.15 em and at most 3 % of the justified lines
// over 0.10 em; Japanese–Latin spacing between 0.125 and 0.5 em; no Latin
// word letter-spaced; every paragraph copied back (pdftotext) exactly.
func TestStress(t *testing.T) {
	path, paras, right := setStress(t)
	lines := glyphLines(t, path)
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = l.Text()
	}
	places, errs := Find(texts, paras, true)
	for _, err := range errs[:min(len(errs), 3)] {
		t.Errorf("MuPDF: %v", err)
	}
	justified := make([]bool, len(lines))
	var broken []string
	for pi, p := range places {
		if p.First < 0 {
			continue
		}
		for i := p.First; i < p.Last; i++ {
			justified[i] = lines[i].Right() > right-0.5
		}
		broken = append(broken, Broken(paras[pi], p.Breaks)...)
	}
	f := Measure(lines, func(i int) bool { return justified[i] })
	t.Logf("stress set (%d paragraphs × %d shifts): %v; broken sequences %d", len(stress), shifts, f, len(broken))
	for _, w := range f.Worst {
		t.Logf("  %s", w)
	}
	if len(broken) > 0 {
		t.Errorf("%d unbreakable sequences broken: %q", len(broken), broken[:min(len(broken), 12)])
	}
	if f.Over015 > 0 {
		t.Errorf("%d justified lines have a gap over 0.15 em between Japanese characters (max %.3f em)", f.Over015, f.Max)
	}
	if f.Justified == 0 || float64(f.Over010) > 0.03*float64(f.Justified) {
		t.Errorf("%d of %d justified lines have a gap over 0.10 em, want at most 3%%", f.Over010, f.Justified)
	}
	if f.JaLatin == 0 || f.JaLatinMin < 0.125-1e-3 || f.JaLatinMax > 0.5+1e-3 {
		t.Errorf("Japanese–Latin spacing %.3f–%.3f em over %d gaps, want 0.125–0.5 em", f.JaLatinMin, f.JaLatinMax, f.JaLatin)
	}
	if f.LetterSpaced > 0 {
		t.Errorf("%d lines letter-space a Latin word", f.LetterSpaced)
	}
	// Copied text: pdftotext gives every paragraph back as written.
	txt := testkit.Run(t, "pdftotext", "-nopgbrk", "-enc", "UTF-8", path, "-")
	_, errs = Find(strings.Split(txt, "\n"), paras, false)
	t.Logf("pdftotext: %d of %d paragraphs not given back as written", len(errs), len(paras))
	for _, err := range errs[:min(len(errs), *show)] {
		t.Errorf("pdftotext: %v", err)
	}
}
