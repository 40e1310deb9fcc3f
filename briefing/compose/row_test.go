package compose

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"briefing/briefing/diag"
	"briefing/briefing/load"
	"briefing/briefing/validate"
)

// TestMissingGlyphInRow: a character that cannot be drawn in a
// procurement row's date, term, count or country is reported at that
// value of that row in the file, as read by load and validate.
func TestMissingGlyphInRow(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("../../samples/pla-61419-antivirus.toml")
	if err != nil {
		t.Fatal(err)
	}
	// The second row's values, each with a character of its own.
	s := strings.Replace(string(src), "term_months = 12\nusers = 10\n", "term_months = 7\nusers = 38\n", 1)
	if s == string(src) {
		t.Fatal("the sample's second row changed")
	}
	raw, ds := load.Read("pla.toml", strings.NewReader(s))
	inc, vds := validate.Incident(raw)
	if inc == nil || ds.HasErrors() || vds.HasErrors() {
		t.Fatalf("not valid: %v %v", ds, vds)
	}
	th := testTheme(t)
	th.Metrics = metrics{missing: "7"}
	_, diags := Briefing(inc, "en", th)
	var got []string
	for _, d := range diags {
		if d.Severity == diag.Error && strings.HasPrefix(d.Key, "procurement.") {
			got = append(got, d.String())
		}
	}
	lines := strings.Split(s, "\n")
	line := 0
	for i, l := range lines {
		if l == "term_months = 7" {
			line = i + 1
		}
	}
	want := []string{fmt.Sprintf("pla.toml:%d:15:", line) + " procurement.items[2].term_months: character U+0037 7 cannot be drawn: no font of the template has it; remove or replace it"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMissingGlyphInRowText: a character that cannot be drawn in a
// procurement row's product or vendor is reported at that text's value
// (a plain string, or one language's), as the row's other values are,
// not at its key.
func TestMissingGlyphInRowText(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("../../samples/pla-61419-antivirus.toml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(src), "product = \"Kaspersky Security Cloud Family\"\n", "product = \"Kaspersky \U00020BB7\"\nvendor.en  =  \"Vendor \U00020BB7\"\n", 1)
	if s == string(src) {
		t.Fatal("the sample's first row changed")
	}
	raw, ds := load.Read("pla.toml", strings.NewReader(s))
	inc, vds := validate.Incident(raw)
	if inc == nil || ds.HasErrors() || vds.HasErrors() {
		t.Fatalf("not valid: %v %v", ds, vds)
	}
	_, diags := Briefing(inc, "en", testTheme(t))
	var got []string
	for _, d := range diags {
		if d.Severity == diag.Error && strings.HasPrefix(d.Key, "procurement.") {
			got = append(got, fmt.Sprintf("%d:%d: %s", d.Line, d.Col, d.Key))
		}
	}
	line := 0
	for i, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "product = \"Kaspersky \U00020BB7") {
			line = i + 1
		}
	}
	want := []string{fmt.Sprintf("%d:11: procurement.items[1].product", line), fmt.Sprintf("%d:15: procurement.items[1].vendor.en", line+1)}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
