package build

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// TestSharedGlyphsCopyBack renders an English briefing with a template
// whose fonts are Liberation Sans, which draws U+00B7 and U+2219 (and
// U+2044 and U+2215) with one glyph each: pdftotext
// and MuPDF copy every character back as it was written, not as the other
// one. (U+00A0 gets a code of its own too, but both readers give it
// back as a space.)
func TestSharedGlyphsCopyBack(t *testing.T) {
	t.Parallel()
	testkit.DebianFont(t, testkit.LiberationSans, "fonts-liberation")
	dir := t.TempDir()
	tmpl := writeFile(t, dir, "liberation.toml", "[fonts]\nregular = \""+testkit.LiberationSans+"\"\nbold = \""+testkit.LiberationSansBold+"\"\n")
	th, err := theme.Load(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{
		"Dots: a·b and a∙b, 1 · 2 ∙ 3",
		"Slashes: 1⁄2 and 1∕2",
	}
	path := writeFile(t, dir, "shared.toml", `format = 1
id = "shared"
date = 2021-05-06
languages = ["en"]
title = "Shared glyphs · ∙"
summary = """`+strings.Join(lines, "\n\n")+`"""
`)
	res := File(context.Background(), path, &Options{Dir: dir, Theme: th})
	if res.Failed() || len(res.Outputs) != 1 {
		t.Fatalf("%+v", res)
	}
	pdf := filepath.Join(dir, "shared.en.pdf")
	if fonts := testkit.Run(t, "pdffonts", pdf); !strings.Contains(fonts, "LiberationSans") {
		t.Fatalf("not set in Liberation Sans:\n%s", fonts)
	}
	text := testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
	stext := testkit.Run(t, "mutool", "draw", "-q", "-F", "text", "-o", "-", pdf)
	for _, want := range append(lines, "Shared glyphs · ∙") {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
		if !strings.Contains(stext, want) {
			t.Errorf("mutool lacks %q:\n%s", want, stext)
		}
	}
}
