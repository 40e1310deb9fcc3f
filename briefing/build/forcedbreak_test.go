package build

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"briefing/internal/testkit"
)

// forcedBreakCase holds, in a paragraph, a list item and a timeline
// entry (a narrow column), a piece that cannot follow the text before
// it on a line but fits a line (a hash, a percent-encoded URL), and an
// ATT&CK id that leaves the line before it short.
const forcedBreakCase = `format = 2
id = "brk"
date = 2026-11-23
title.ja = "改行の確認"
tlp = "CLEAR"
timezone = "Asia/Tokyo"
summary.ja = """
調査の結果、ハッシュ値 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852 のファイルを受信者の約半数が開いたことが確認された。

- 調査の結果、ハッシュ値 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b78 のファイルを受信者の約半数が開いた。
- 日本語のリンク、https://ko.wikipedia.org/wiki/%EB%8C%80%ED%95%9C%EB%AF%BC%EA%B5%AD、mail: soc@example.jp、CVE-2021-44228 と CVE-2021-44228。"""

[[timeline]]
when = "2026-11-21/2026-11-22"
text.ja = "ファイルサーバからデータが外部へ送信された。T1041、T1567.002の手口と一致。"

[[timeline]]
when = 2026-11-22T10:45:00Z
text.ja = "ハッシュ値 e3b0c44298fc1c149afbf4c8996fb92427ae41e4 のファイルを開封。"
`

// TestForcedBreak: where a hash or a URL cannot follow the text before
// it on a line, the text before it stays on one line, set without
// spreading its characters, and the hash on the next, whole; no line
// holds a character or two of the text before it (調 / 査 / の / 結 /
// 果、 / ハッ / シュ / 値 e3b0…, as once). Read back line by line by
// pdftotext, and by MuPDF, whose glyph positions show no gap between
// two Japanese characters past 0.15 em (MuPDF and pdf.js read a space
// there).
func TestForcedBreak(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pdf := renderOne(t, dir, "brk", "ja", forcedBreakCase, testTheme(t))
	text := testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
	lines := strings.Split(text, "\n")
	onALine := func(want string, n int) {
		t.Helper()
		got := 0
		for _, l := range lines {
			if strings.Contains(l, want) {
				got++
			}
		}
		if got != n {
			t.Errorf("%d lines hold %q, want %d:\n%s", got, want, n, text)
		}
	}
	onALine("調査の結果、ハッシュ値", 2)
	onALine("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852 ", 1)
	onALine("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b78 ", 1)
	onALine("日本語のリンク、https://", 1)
	onALine("ファイルサーバからデータが外部へ送信された。T1041、", 1)
	onALine("ハッシュ値", 3)
	onALine("e3b0c44298fc1c149afbf4c8996fb92427ae41e4 ", 1)
	for _, l := range lines {
		if n := len([]rune(strings.TrimSpace(l))); n > 0 && n <= 2 && strings.ContainsFunc(l, cjkRune) && l != "概要" {
			t.Errorf("a line holds %q alone:\n%s", l, text)
		}
	}
	gap, at := maxCJKGap(t, testkit.Run(t, "mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf))
	if gap > 0.15 {
		t.Errorf("%.3f em between Japanese characters in %q, past 0.15 em", gap, at)
	}
}

// cjkRune reports whether r is a kana or a kanji.
func cjkRune(r rune) bool {
	return unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han)
}

// maxCJKGap returns the widest gap between two kana or kanji next to
// each other on a line of MuPDF's structured text x, in em of the
// font's size, and the line it is on.
func maxCJKGap(t *testing.T, x string) (float64, string) {
	t.Helper()
	type glyph struct {
		c      rune
		x0, x1 float64
		size   float64
	}
	d := xml.NewDecoder(strings.NewReader(x))
	d.Strict = false
	var line []glyph
	size, most, at := 0.0, 0.0, ""
	seen := 0
	end := func() {
		var b strings.Builder
		for k, g := range line {
			b.WriteRune(g.c)
			if k > 0 && cjkRune(line[k-1].c) && cjkRune(g.c) {
				if gap := (g.x0 - line[k-1].x1) / g.size; gap > most {
					most = gap
					defer func() { at = b.String() }()
				}
			}
		}
		line = line[:0]
	}
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "line":
				line = line[:0]
			case "font":
				for _, a := range e.Attr {
					if a.Name.Local == "size" {
						size, _ = strconv.ParseFloat(a.Value, 64)
					}
				}
			case "char":
				g := glyph{size: size}
				for _, a := range e.Attr {
					switch a.Name.Local {
					case "c":
						g.c = []rune(a.Value + " ")[0]
					case "quad":
						q := strings.Fields(a.Value)
						if len(q) == 8 {
							g.x0, _ = strconv.ParseFloat(q[0], 64)
							g.x1, _ = strconv.ParseFloat(q[2], 64)
						}
					}
				}
				if g.size > 0 {
					line = append(line, g)
					seen++
				}
			}
		case xml.EndElement:
			if e.Name.Local == "line" {
				end()
			}
		}
	}
	if seen == 0 {
		t.Fatal("mutool found no text")
	}
	return most, at
}
