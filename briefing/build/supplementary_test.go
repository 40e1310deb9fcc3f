package build

import (
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// TestSupplementaryCharacters renders a Japanese briefing whose title and
// text hold 𠮟 (U+20B9F) and 𩸽 (U+29E3D), which BIZ UDPGothic maps in its
// format 12 character map only: they are drawn from the embedded subset,
// and pdftotext and MuPDF copy them back as written (the ToUnicode map
// gives their surrogate pairs).
func TestSupplementaryCharacters(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	title := "𠮟責メールを装う標的型攻撃"
	text := "𩸽と𠮟を含む本文。"
	pdf := renderOne(t, dir, "sup", "ja", `format = 2
id = "sup"
date = 2021-05-06
tlp = "CLEAR"
languages = ["ja"]
title.ja = "`+title+`"
summary.ja = "`+text+`"
`, testTheme(t))
	testkit.Run(t, "qpdf", "--check", pdf)
	fonts := testkit.Run(t, "pdffonts", pdf)
	if !strings.Contains(fonts, "BIZUDPGothic-Regular") || !strings.Contains(fonts, "CID TrueType      Identity-H       yes yes yes") {
		t.Fatalf("not an embedded subset with a ToUnicode map:\n%s", fonts)
	}
	readsBack(t, pdf, title, text)
	// Drawn, not a missing glyph: the ToUnicode map gives the pair.
	objs := testkit.Run(t, "qpdf", "--qdf", "--object-streams=disable", pdf, "-")
	if !strings.Contains(objs, "<D842DF9F>") || !strings.Contains(objs, "<D867DE3D>") {
		t.Errorf("no surrogate pairs in the ToUnicode maps")
	}
}
