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

// TestFallbackChain renders a Japanese title quoting a Korean name with
// the chain BIZ UDPGothic → NanumGothic: the Korean letters come from
// NanumGothic, the rest from BIZ UDPGothic, each font embedded as a subset
// holding only the characters drawn from it, and the text copies back
// exactly.
func TestFallbackChain(t *testing.T) {
	t.Parallel()
	testkit.DebianFont(t, testkit.NanumGothic, "fonts-nanum")
	testkit.DebianFont(t, testkit.NanumGothicBold, "fonts-nanum")
	dir := t.TempDir()
	tmpl := writeFile(t, dir, "korean.toml", `[fonts]
regular = ["embedded:BIZUDPGothic-Regular.ttf", "`+testkit.NanumGothic+`"]
bold = ["embedded:BIZUDPGothic-Bold.ttf", "`+testkit.NanumGothicBold+`"]
`)
	th, err := theme.Load(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	const title = "北朝鮮の「라자루스」グループ"
	const body = "攻撃者は라자루스と呼ばれる。"
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
	for _, want := range []string{"+BIZUDPGothic-Regular", "+NanumGothic ", "+BIZUDPGothic-Bold", "+NanumGothicBold"} {
		if !strings.Contains(fonts, want) {
			t.Errorf("pdffonts lacks %q:\n%s", want, fonts)
		}
	}
	text := testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
	stext := testkit.Run(t, "mutool", "draw", "-q", "-F", "text", "-o", "-", pdf)
	for _, want := range []string{title, body} {
		if !strings.Contains(strings.ReplaceAll(text, "\n", ""), want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
		if !strings.Contains(strings.ReplaceAll(stext, "\n", ""), want) {
			t.Errorf("mutool lacks %q:\n%s", want, stext)
		}
	}

	// Each Nanum subset holds the Korean letters and nothing else; no
	// BIZ UDPGothic subset holds a Korean letter.
	out := filepath.Join(dir, "fonts")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	testkit.Run(t, "sh", "-c", "cd "+out+" && mutool extract "+pdf+" >/dev/null")
	files, _ := filepath.Glob(filepath.Join(out, "font-*.ttf"))
	korean := []rune("라자루스")
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
		name := font.PostScriptName()
		var has []rune
		for r := rune(0x20); r <= 0xFFFF; r++ {
			if _, ok := font.Glyph(r); ok {
				has = append(has, r)
			}
		}
		hangul := slices.ContainsFunc(has, func(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 })
		switch {
		case strings.HasPrefix(name, "NanumGothic"):
			nanum++
			sorted := slices.Clone(korean)
			slices.Sort(sorted)
			if !slices.Equal(has, sorted) {
				t.Errorf("%s holds %q, want only %q", name, string(has), string(sorted))
			}
			if font.NumGlyphs() != len(korean)+1 {
				t.Errorf("%s holds %d glyphs, want %d and .notdef", name, font.NumGlyphs(), len(korean))
			}
		case hangul:
			t.Errorf("%s holds Korean letters: %q", name, string(has))
		}
	}
	if nanum != 2 {
		t.Errorf("%d NanumGothic subsets among %d fonts, want 2 (regular and bold)", nanum, len(files))
	}
}

// TestMissingInCodeNamesItsChain checks that a character the regular
// chain has (Korean, from NanumGothic) but the code face's chain lacks is
// refused in code naming fonts.mono and its fonts, not as a character no
// font of the template has, while the same letters outside code render.
func TestMissingInCodeNamesItsChain(t *testing.T) {
	t.Parallel()
	testkit.DebianFont(t, testkit.NanumGothic, "fonts-nanum")
	testkit.DebianFont(t, testkit.NanumGothicBold, "fonts-nanum")
	dir := t.TempDir()
	tmpl := writeFile(t, dir, "korean.toml", `[fonts]
regular = ["embedded:BIZUDPGothic-Regular.ttf", "`+testkit.NanumGothic+`"]
bold = ["embedded:BIZUDPGothic-Bold.ttf", "`+testkit.NanumGothicBold+`"]
`)
	th, err := theme.Load(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, dir, "code.toml", `format = 2
id = "code"
date = 2021-05-06
languages = ["ja"]
tlp = "CLEAR"
title = "라자루스"
summary = "`+"`/라`"+`"
`)
	res := File(context.Background(), path, &Options{Dir: dir, Theme: th})
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, strings.TrimPrefix(d.String(), dir+string(filepath.Separator)))
	}
	want := "code.toml:7:14: summary: character U+B77C 라 cannot be drawn: no font of fonts.mono (embedded:BIZUDGothic-Regular.ttf) has it; remove or replace it, or add a font that has it to fonts.mono"
	if !res.Failed() || len(got) != 1 || got[0] != want {
		t.Errorf("diagnostics:\n%s\nwant only\n%s", strings.Join(got, "\n"), want)
	}
}
