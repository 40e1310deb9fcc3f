package build

import (
	"slices"
	"strings"
	"testing"

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
	th := withTemplate(t, dir, `[fonts]
regular = ["embedded:BIZUDPGothic-Regular.ttf", "`+testkit.NanumGothic+`"]
`)
	const title = "北朝鮮の「라자루스」グループ" // bold
	const body = "攻撃者は그룹と呼ばれる。"    // regular
	pdf := renderOne(t, dir, "lazarus", "ja", `format = 1
id = "lazarus"
date = 2021-05-06
languages = ["ja"]
title = "`+title+`"
summary = "`+body+`"
`, th)
	fonts := testkit.Run(t, "pdffonts", pdf)
	if n := strings.Count(fonts, "+NanumGothic "); n != 1 {
		t.Errorf("pdffonts lists NanumGothic %d times, want once:\n%s", n, fonts)
	}
	for _, want := range []string{"+BIZUDPGothic-Regular", "+BIZUDPGothic-Bold"} {
		if !strings.Contains(fonts, want) {
			t.Errorf("pdffonts lacks %q:\n%s", want, fonts)
		}
	}
	readsBack(t, pdf, title, body)

	// The one Nanum subset holds the Korean letters of both faces.
	want := []rune("라자루스그룹")
	slices.Sort(want)
	want = slices.Compact(want)
	embedded := embeddedFonts(t, pdf)
	nanum := 0
	for _, font := range embedded {
		if !strings.HasPrefix(font.PostScriptName(), "NanumGothic") {
			continue
		}
		nanum++
		if has := mapped(font); !slices.Equal(has, want) {
			t.Errorf("NanumGothic subset holds %q, want %q", string(has), string(want))
		}
	}
	if nanum != 1 {
		t.Errorf("%d NanumGothic subsets among %d fonts, want 1", nanum, len(embedded))
	}
}
