package build

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// joinCase is a format-2 incident whose every kind of cell and short value
// (key-value row, timeline entry, indicator note, procurement caption,
// product and vendor, vulnerability product and fixed-in, risk title,
// countermeasure owner, reference title and publisher, figure caption)
// is written over two lines, in Latin words, and the title over three,
// Latin then Japanese; "LANG" is the language.
const joinCase = `format = 2
id = "join"
date = 2021-05-06
title = "Titone\n題名の\n結合"
languages = ["LANG"]
summary.LANG = "Sumone\nSumtwo"
author.LANG = "Authone\nAuthtwo"

[[timeline]]
when = "2021-05-01"
text.LANG = "Timeone\nTimetwo"

[[indicators]]
type = "file"
value = "a.exe"
note.LANG = "Noteone\nNotetwo"

[[indicators]]
type = "file"
value = "b.exe"
note.LANG = "改行の\n結合"

[procurement]
caption.LANG = "Capone\nCaptwo"
[[procurement.items]]
ordered = "2019-04"
product = "Prodone\nProdtwo"
vendor = "Vendone\nVendtwo"
term_months = 12
users = 20

[[vulnerabilities]]
cve = "CVE-2023-4966"
product = "Vulnone\nVulntwo"
fixed_in = "Fixone\nFixtwo"

[[risks]]
title.LANG = "Riskone\nRisktwo"
impact = 3
likelihood = 3

[[countermeasures]]
term = "short"
text.LANG = "Do it."
owner.LANG = "Ownone\nOwntwo"

[[references]]
id = "r1"
title = "Refone\nReftwo"
publisher = "Pubone\nPubtwo"
url = "https://example.com/r1"

[[figures]]
file = "pic.png"
alt.LANG = "A grey square."
caption.LANG = "Figone\nFigtwo"
`

// Lines of a cell or short value are joined by the same rule as texts
// (docs/format.md): a space between Latin words in both languages, nothing
// between Japanese characters. pdftotext reads them back.
func TestCellLinesJoinAsTexts(t *testing.T) {
	pairs := []string{"Sum", "Auth", "Time", "Note", "Cap", "Prod", "Vend", "Vuln", "Fix", "Risk", "Own", "Ref", "Pub", "Fig"}
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			var pic bytes.Buffer
			img := image.NewGray(image.Rect(0, 0, 40, 30))
			for i := range img.Pix {
				img.Pix[i] = 0x80
			}
			img.Set(0, 0, color.Gray{})
			if err := png.Encode(&pic, img); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "pic.png"), pic.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			pdf := renderOne(t, dir, "join", lang, strings.ReplaceAll(joinCase, "LANG", lang), testTheme(t))
			raw := testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
			// A cell may wrap between the two words: a line end reads
			// as a space, never as nothing.
			text := strings.Join(strings.Fields(raw), " ")
			for _, p := range pairs {
				want := p + "one " + p + "two"
				if !strings.Contains(text, want) {
					t.Errorf("%s lacks %q (fused: %v):\n%s", lang, want, strings.Contains(text, p+"one"+p+"two"), raw)
				}
			}
			// The title block and the running header; the document
			// information.
			if n := strings.Count(text, "Titone 題名の結合"); n < 2 {
				t.Errorf("%s shows the title as \"Titone 題名の結合\" %d times, want the title block and the header:\n%s", lang, n, raw)
			}
			info := testkit.Run(t, "pdfinfo", "-enc", "UTF-8", pdf)
			for _, w := range []string{"Title:           Titone 題名の結合\n", "Author:          Authone Authtwo\n"} {
				if !strings.Contains(info, w) {
					t.Errorf("%s: pdfinfo lacks %q:\n%s", lang, w, info)
				}
			}
			if !strings.Contains(text, "改行の結合") {
				t.Errorf("%s lacks 改行の結合 (Japanese lines joined with nothing):\n%s", lang, raw)
			}
		})
	}
}
