package build

import (
	"strings"
	"testing"
)

// TestIgnorableCharacters renders text pasted with default-ignorable
// characters (U+200B, U+200C, U+200D, U+2060, U+FEFF, U+FE0F) and soft
// hyphens: the briefing is written, the characters are neither drawn nor
// copied, and a soft hyphen shows as a hyphen only where a line breaks at
// it (MuPDF reads the glyphs drawn; pdftotext copies the text, which has
// no hyphen there).
func TestIgnorableCharacters(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	word := "super\u00adcali\u00adfragi\u00adlistic\u00adexpi\u00adali\u00addocious"
	summary := "Zero\u200bwidth\u200cjoin\u200dhere\u2060and\ufeffthere\ufe0f. " + strings.Repeat(word+" ", 8)
	pdf := renderOne(t, dir, "ign", "en", `format = 2
id = "ign"
date = 2021-05-06
tlp = "CLEAR"
languages = ["en"]
title.en = "Pasted\u200b from\u2060 chat\ufeff"
summary.en = "`+summary+`"
`, testTheme(t))
	text, drawn := readBack(t, pdf)
	for _, s := range []string{text, drawn} {
		if strings.ContainsFunc(s, func(r rune) bool {
			return r == 0xAD || r >= 0x200B && r <= 0x200D || r == 0x2060 || r == 0xFEFF || r == 0xFE0F
		}) {
			t.Errorf("an ignorable character is in the text:\n%q", s)
		}
		for _, want := range []string{"Pasted from chat", "Zerowidthjoinhereandthere."} {
			if !strings.Contains(s, want) {
				t.Errorf("text lacks %q:\n%s", want, s)
			}
		}
	}
	// The words, as drawn: a hyphen only at the end of a line, where the
	// word goes on at the start of the next.
	lines := strings.Split(drawn, "\n")
	hyphens, words := 0, 0
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if !strings.Contains(l, "supercali") && !strings.Contains(l, "docious") {
			continue
		}
		words += strings.Count(l, "supercalifragilisticexpialidocious")
		if strings.HasSuffix(l, "-") && i+1 < len(lines) {
			hyphens++
			head := l[strings.LastIndex(l, " ")+1 : len(l)-1]
			next := strings.Fields(lines[i+1])
			if len(next) == 0 || head+next[0] != "supercalifragilisticexpialidocious" {
				t.Errorf("line %q breaks inside a word other than at a soft hyphen: %q", l, lines[i+1])
			}
			words++
		}
		if strings.Count(l, "-") > 1 || strings.Contains(strings.TrimSuffix(l, "-"), "-") {
			t.Errorf("a hyphen drawn inside a line: %q", l)
		}
	}
	if words != 8 || hyphens == 0 {
		t.Errorf("%d whole words (want 8), %d broken at a soft hyphen (want some):\n%s", words, hyphens, drawn)
	}
	// pdftotext copies the text: the broken word without its hyphen.
	if strings.Contains(text, "-\n") {
		t.Errorf("pdftotext copies a soft hyphen's hyphen:\n%s", text)
	}
}
