package build

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// valuesFile is an incident whose supplier chart has a bar of 1,000
// products next to notes of 20,000 terminals, countries renamed since
// CLDR's data (SZ, TR), and references whose URLs hold characters the
// fonts have (Japanese) and lack (Korean).
func valuesFile() string {
	var b strings.Builder
	b.WriteString(`format = 1
id = "values"
date = 2024-03-08
title = { ja = "数と国名とURL", en = "Numbers, countries and URLs" }
summary = { ja = "参照[ko][jp]。", en = "See [ko][jp]." }
tlp = "CLEAR"
tags = ["ransomware", "MSP", "msp", "ransomware"]
[procurement]
`)
	for i := range 1000 {
		fmt.Fprintf(&b, "[[procurement.items]]\nordered = \"2019\"\nproduct = \"P%d\"\nterm_months = 12\nusers = 2\ncountry = [\"JP\"]\n", i)
	}
	b.WriteString(`[[procurement.items]]
ordered = "2020"
product = "Swazi"
term_months = 12
users = 20000
country = ["SZ"]
[[procurement.items]]
ordered = "2020"
product = "Turk"
term_months = 12
users = 1500
country = ["tr"]
[[references]]
id = "ko"
title = "Korean Wikipedia"
url = "https://ko.wikipedia.org/wiki/대한민국"
[[references]]
id = "jp"
title = "日本"
url = "https://例え.テスト/日本?q=値"
`)
	return b.String()
}

// TestValuesRead renders valuesFile and reads back what a reader sees:
// every number grouped (the chart's 1,000 as the table's 20,000台), the
// current country names, and the URLs drawn as the fonts allow and linked
// in ASCII.
func TestValuesRead(t *testing.T) {
	t.Parallel()
	in := t.TempDir()
	path := writeFile(t, in, "values.toml", valuesFile())
	out := filepath.Join(in, "out")
	r := File(context.Background(), path, &Options{Dir: out, Theme: testTheme(t)})
	// Only the warnings about the repeated tags.
	if len(r.Diagnostics) != 2 || r.Diagnostics.HasErrors() || len(r.Outputs) != 2 {
		t.Fatalf("%d PDFs, diagnostics:\n%v", len(r.Outputs), r.Diagnostics)
	}
	for _, tt := range []struct {
		lang  string
		lines []string // regular expressions, each matching a line of pdftotext -layout
	}{
		{"ja", []string{
			// Each tag once, in the title block.
			`^タグ +ransomware、MSP$`,
			`^2020年 +Swazi +1年 +20,000台 +エスワティニ$`,
			`^2020年 +Turk +1年 +1,500台 +トルコ$`,
			`^合計 +1,002製品 +23,500台 +3か国$`,
			// The chart: label, products at the bar's end, terminals.
			`^ *日本 +1,000 +2,000台$`,
			`^エスワティニ +1 +20,000台$`,
			`^ *トルコ +1 +1,500台$`,
			// The Korean path, which BIZ UDPGothic cannot draw,
			// percent-encoded; the Japanese URL as written.
			`^ *https://ko\.wikipedia\.org/wiki/%EB%8C%80%ED%95%9C%EB%AF%BC%EA%B5%AD$`,
			`^ *https://例え\.テスト/日本\?q=値$`,
		}},
		{"en", []string{
			`^Tags +ransomware, MSP$`,
			`^2020 +Swazi +1 year +20,000 terminals +Eswatini$`,
			`^2020 +Turk +1 year +1,500 terminals +Türkiye$`,
			`^Total +1,002 products +23,500 terminals +3 countries$`,
			`^ *Japan +1,000 +2,000 terminals$`,
			`^Eswatini +1 +20,000 terminals$`,
			`^ *Türkiye +1 +1,500 terminals$`,
			`^ *https://ko\.wikipedia\.org/wiki/%EB%8C%80%ED%95%9C%EB%AF%BC%EA%B5%AD$`,
			`^ *https://例え\.テスト/日本\?q=値$`,
		}},
	} {
		pdf := filepath.Join(out, "values."+tt.lang+".pdf")
		text := testkit.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-")
		var lines []string
		for _, l := range strings.Split(text, "\n") {
			lines = append(lines, strings.TrimRight(strings.TrimLeft(l, "\f"), " "))
		}
		for _, re := range tt.lines {
			rx := regexp.MustCompile(re)
			found := false
			for _, l := range lines {
				if rx.MatchString(l) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: no line matches %s; the last lines:\n%s", tt.lang, re, strings.Join(lines[max(0, len(lines)-40):], "\n"))
			}
		}
		if info := testkit.Run(t, "pdfinfo", pdf); !regexp.MustCompile(`(?m)^Keywords: +TLP:CLEAR, ransomware, MSP$`).MatchString(info) {
			t.Errorf("%s: keywords, want each tag once:\n%s", tt.lang, info)
		}
		if strings.Contains(text, "1000") || strings.Contains(text, "20000") {
			t.Errorf("%s: a number without digit grouping", tt.lang)
		}
		// The link targets, read by qpdf: 7-bit ASCII (ISO 32000-1
		// 12.6.4.7), the host in punycode.
		var j struct {
			QPDF []json.RawMessage `json:"qpdf"` // a header, then the objects
		}
		var objs map[string]struct {
			Value any `json:"value"` // a dictionary, a string (a link's /Contents)…
		}
		if err := json.Unmarshal([]byte(testkit.Run(t, "qpdf", "--json", pdf)), &j); err != nil || len(j.QPDF) != 2 {
			t.Fatalf("qpdf --json: %v", err)
		}
		if err := json.Unmarshal(j.QPDF[1], &objs); err != nil {
			t.Fatal(err)
		}
		var uris []string
		for _, o := range objs {
			// A URI action, an object of its own or in a link's /A.
			d, _ := o.Value.(map[string]any)
			a, ok := d["/A"].(map[string]any)
			if !ok {
				a = d
			}
			if u, ok := a["/URI"].(string); ok {
				uris = append(uris, strings.TrimPrefix(u, "u:"))
			}
		}
		want := []string{
			"https://ko.wikipedia.org/wiki/%EB%8C%80%ED%95%9C%EB%AF%BC%EA%B5%AD",
			"https://xn--r8jz45g.xn--zckzah/%E6%97%A5%E6%9C%AC?q=%E5%80%A4",
		}
		for _, u := range uris {
			for _, c := range u {
				if c >= 0x80 {
					t.Errorf("%s: the link %q is not 7-bit ASCII", tt.lang, u)
					break
				}
			}
		}
		for _, w := range want {
			if !strings.Contains(strings.Join(uris, "\n"), w) {
				t.Errorf("%s: no link to %s; links: %q", tt.lang, w, uris)
			}
		}
	}
}

// TestAutolinkRead renders a Markdown text (format 2) with an autolink to a
// Korean page: the URL it draws is never refused for the glyphs the fonts
// lack, and reads back percent-encoded, as a url key's.
func TestAutolinkRead(t *testing.T) {
	t.Parallel()
	in := t.TempDir()
	path := writeFile(t, in, "auto.toml", `format = 2
id = "auto"
date = 2024-03-08
title = "Autolink"
summary = "See <https://ko.wikipedia.org/wiki/대한민국> and [the page](https://ko.wikipedia.org/wiki/대한민국)."
tlp = "CLEAR"
`)
	out := filepath.Join(in, "out")
	r := File(context.Background(), path, &Options{Dir: out, Theme: testTheme(t)})
	if len(r.Diagnostics) > 0 || len(r.Outputs) != 2 {
		t.Fatalf("%d PDFs, diagnostics:\n%v", len(r.Outputs), r.Diagnostics)
	}
	text := testkit.Run(t, "pdftotext", "-enc", "UTF-8", filepath.Join(out, "auto.en.pdf"), "-")
	for _, want := range []string{"See", "https://ko.wikipedia.org/wiki/%EB%8C%80%ED%95%9C%EB%AF%BC%EA%B5%AD", "the page."} {
		if !strings.Contains(text, want) {
			t.Errorf("want %q in:\n%s", want, text)
		}
	}
}

// TestRepeatedTagPlace checks that a tag after a repeated one is still
// reported at its own entry (the repeated tag stays in the incident, so
// that entries keep their numbers).
func TestRepeatedTagPlace(t *testing.T) {
	t.Parallel()
	in := t.TempDir()
	path := writeFile(t, in, "tags.toml", `format = 1
id = "tags"
date = 2024-03-08
title = "T"
summary = "S"
tags = ["a", "A", "炎上🔥"]
tlp = "CLEAR"
`)
	r := File(context.Background(), path, &Options{Dir: filepath.Join(in, "out"), Theme: testTheme(t), Check: true})
	var got []string
	for _, d := range r.Diagnostics {
		got = append(got, strings.TrimPrefix(d.String(), in+string(filepath.Separator)))
	}
	want := []string{
		`tags.toml:6:14: tags[2]: warning: the tag "A" is listed twice (first as tags[1]); it is printed once`,
		`tags.toml:6:19: tags[3]: character U+1F525 🔥 cannot be drawn: no font of fonts.regular (embedded:BIZUDPGothic-Regular.ttf) has it; remove or replace it, or add a font that has it to fonts.regular`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
