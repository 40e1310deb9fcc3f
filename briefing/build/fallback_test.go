package build

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// koreanChains is a template whose regular and bold chains fall back
// from BIZ UDPGothic to NanumGothic (Regular and Bold).
var koreanChains = `[fonts]
regular = ["embedded:BIZUDPGothic-Regular.ttf", "` + testkit.NanumGothic + `"]
bold = ["embedded:BIZUDPGothic-Bold.ttf", "` + testkit.NanumGothicBold + `"]
`

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
	th := withTemplate(t, dir, koreanChains)
	const title = "北朝鮮の「라자루스」グループ"
	const body = "攻撃者は라자루스と呼ばれる。"
	pdf := renderOne(t, dir, "lazarus", "ja", `format = 1
id = "lazarus"
date = 2021-05-06
languages = ["ja"]
title = "`+title+`"
summary = "`+body+`"
`, th)
	fonts := testkit.Run(t, "pdffonts", pdf)
	for _, want := range []string{"+BIZUDPGothic-Regular", "+NanumGothic ", "+BIZUDPGothic-Bold", "+NanumGothicBold"} {
		if !strings.Contains(fonts, want) {
			t.Errorf("pdffonts lacks %q:\n%s", want, fonts)
		}
	}
	readsBack(t, pdf, title, body)

	// Each Nanum subset holds the Korean letters and nothing else; no
	// BIZ UDPGothic subset holds a Korean letter.
	korean := []rune("라자루스")
	embedded := embeddedFonts(t, pdf)
	nanum := 0
	for _, font := range embedded {
		name := font.PostScriptName()
		has := mapped(font)
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
		t.Errorf("%d NanumGothic subsets among %d fonts, want 2 (regular and bold)", nanum, len(embedded))
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
	th := withTemplate(t, dir, koreanChains)
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
