package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// TestCrowdedTableKeepsShortWords sets a procurement table whose product
// and vendor are single words too long for their columns, in English and
// Japanese: the long words are cut, but no number, date, count or short
// word of the other columns is (125,000 terminals, United Kingdom).
func TestCrowdedTableKeepsShortWords(t *testing.T) {
	dir := t.TempDir()
	src := `format = 1
id = "crowded"
date = 2021-05-06
title.ja = "題名"
title.en = "Title"
summary.ja = "概要です[r1]。"
summary.en = "Summary [r1]."
languages = ["en", "ja"]

[[risks]]
title = "R"
likelihood = 3
impact = 2

[[references]]
id = "r1"
title = "Ref"
url = "https://example.com/"

[procurement]
source = "r1"
[[procurement.items]]
ordered = "2019-04/2019-05"
product = "EndpointProtectionPlatformEnterpriseEdition"
vendor = "CrowdStrikeHoldingsInternational"
term_months = 36
users = 125000
country = ["US", "GB"]

[[procurement.items]]
ordered = "2019-01"
product = "Kaspersky Security Cloud Family"
vendor = "Kaspersky Lab"
term_months = 12
users = 20
country = ["RU"]
`
	path := filepath.Join(dir, "crowded.toml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	inc, _, ds := Incident(path)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for lang, words := range map[string][]string{
		"en": {"125,000", "125,020", "terminals", "Terminals", "United", "States,", "Kingdom", "Russia", "April–May", "January", "2019", "years", "year", "Supplier", "country", "countries", "Kaspersky", "Security", "Cloud", "Family"},
		"ja": {"125,000台", "125,020台", "2019年4月～5月", "2019年1月", "米国、", "英国", "ロシア", "3か国"},
	} {
		pages, ds := Briefing(inc, lang, testTheme(t), false)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		var b bytes.Buffer
		if err := PDF(&b, pages, inc, lang, testTheme(t)); err != nil {
			t.Fatal(err)
		}
		pdf := filepath.Join(dir, lang+".pdf")
		if err := os.WriteFile(pdf, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		// The table's lines, cell by cell (-layout keeps columns apart).
		txt := testkit.Run(t, "pdftotext", "-layout", "-l", "1", pdf, "-")
		seen := map[string]bool{}
		for _, w := range strings.Fields(txt) {
			seen[w] = true
		}
		for _, w := range words {
			if !seen[w] {
				t.Errorf("%s: %q is not drawn whole:\n%s", lang, w, txt)
			}
		}
	}
}
