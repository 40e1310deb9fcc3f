package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"briefing/briefing/theme"
	"briefing/briefing/ttf"
	"briefing/internal/testkit"
)

// TestSharedFallbackEmbeddedOnce renders with NanumGothic in the regular
// chain and, through the bold fallback, in the bold chain: regular and
// bold text draw Korean from it, and the PDF embeds it once (one line in
// pdffonts, one subset holding the letters of both), while the text of
// both copies back exactly.
func TestSharedFallbackEmbeddedOnce(t *testing.T) {
	t.Parallel()
	testkit.DebianFont(t, testkit.NanumGothic, "fonts-nanum")
	dir := t.TempDir()
	tmpl := writeFile(t, dir, "korean.toml", `[fonts]
regular = ["embedded:BIZUDPGothic-Regular.ttf", "`+testkit.NanumGothic+`"]
`)
	th, err := theme.Load(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	const title = "北朝鮮の「라자루스」グループ" // bold
	const body = "攻撃者は그룹と呼ばれる。"    // regular
	path := writeFile(t, dir, "lazarus.toml", `format = 1
id = "lazarus"
date = 2021-05-06
languages = ["ja"]
title = "`+title+`"
summary = "`+body+`"
`)
	res := File(context.Background(), path, &Options{Dir: dir, Theme: th})
	if res.Failed() || len(res.Outputs) != 1 {
		t.Fatalf("%+v", res)
	}
	pdf := filepath.Join(dir, "lazarus.ja.pdf")
	fonts := testkit.Run(t, "pdffonts", pdf)
	if n := strings.Count(fonts, "+NanumGothic "); n != 1 {
		t.Errorf("pdffonts lists NanumGothic %d times, want once:\n%s", n, fonts)
	}
	for _, want := range []string{"+BIZUDPGothic-Regular", "+BIZUDPGothic-Bold"} {
		if !strings.Contains(fonts, want) {
			t.Errorf("pdffonts lacks %q:\n%s", want, fonts)
		}
	}
	text := strings.ReplaceAll(testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-"), "\n", "")
	stext := strings.ReplaceAll(testkit.Run(t, "mutool", "draw", "-q", "-F", "text", "-o", "-", pdf), "\n", "")
	for _, want := range []string{title, body} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
		if !strings.Contains(stext, want) {
			t.Errorf("mutool lacks %q:\n%s", want, stext)
		}
	}

	// The one Nanum subset holds the Korean letters of both faces.
	out := filepath.Join(dir, "fonts")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	testkit.Run(t, "sh", "-c", "cd "+out+" && mutool extract "+pdf+" >/dev/null")
	files, _ := filepath.Glob(filepath.Join(out, "font-*.ttf"))
	want := []rune("라자루스그룹")
	slices.Sort(want)
	want = slices.Compact(want)
	nanum := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		font, err := ttf.Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !strings.HasPrefix(font.PostScriptName(), "NanumGothic") {
			continue
		}
		nanum++
		var has []rune
		for r := rune(0x20); r <= 0xFFFF; r++ {
			if _, ok := font.Glyph(r); ok {
				has = append(has, r)
			}
		}
		if !slices.Equal(has, want) {
			t.Errorf("NanumGothic subset holds %q, want %q", string(has), string(want))
		}
	}
	if nanum != 1 {
		t.Errorf("%d NanumGothic subsets among %d fonts, want 1", nanum, len(files))
	}
}
