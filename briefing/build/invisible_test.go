package build

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/indicator"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// invisibleIOCs are indicators whose values hold characters that draw
// nothing: the RIGHT-TO-LEFT OVERRIDE that disguises invoice‮fdp.exe as
// invoiceexe.pdf, a zero-width space, the override in a registry key and
// in a URL's path, and what each is printed as.
var invisibleIOCs = [][3]string{
	{"file", "invoice\u202Efdp.exe", "invoice[U+202E]fdp.exe"},
	{"file", "請求書\u202Excod.scr", "請求書[U+202E]xcod.scr"},
	{"file", "report\u200B.pdf.exe", "report[U+200B].pdf.exe"},
	{"file", "a\u2066b\u2069\u200Fc\uFEFF.txt", "a[U+2066]b[U+2069][U+200F]c[U+FEFF].txt"},
	{"registry", `HKCU\Software\Microsoft\Windows\CurrentVersion\Run\up` + "\u202Etad", `HKCU\Software\Microsoft\Windows\CurrentVersion\Run\up[U+202E]tad`},
	{"url", "https://evil.example/invoice\u202Efdp.exe", "hxxps://evil[.]example/invoice[U+202E]fdp.exe"},
}

// TestInvisibleIndicators renders an incident with such values and reads
// back what a recipient gets: the PDF prints each invisible character as
// its code point in brackets, never the character itself (poppler's
// text), in both languages, with a sentence saying what the marks stand
// for, also from a template that does not defang; the attached CSV and
// STIX files hold the values as written (qpdf).
func TestInvisibleIndicators(t *testing.T) {
	for _, tool := range []string{"pdftotext", "qpdf"} {
		testkit.Tool(t, tool)
	}
	dir := t.TempDir()
	var src strings.Builder
	src.WriteString("format = 2\nid = \"invisible\"\ndate = 2024-03-08\ntitle = \"Disguised names\"\nsummary = \"s\"\ntlp = \"GREEN\"\nlanguages = [\"ja\", \"en\"]\n")
	for _, c := range invisibleIOCs {
		src.WriteString("\n[[indicators]]\ntype = \"" + c[0] + "\"\nvalue = " + strconv.QuoteToASCII(c[1]) + "\n")
	}
	path := filepath.Join(dir, "invisible.toml")
	if err := os.WriteFile(path, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	tpl := filepath.Join(dir, "fanged.toml")
	os.WriteFile(tpl, []byte("defang = false\n"), 0o644)
	fanged, err := theme.Load(tpl)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		th   *theme.Theme
	}{{"defanged", testTheme(t)}, {"as written", fanged}} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, c.name)
			r := File(context.Background(), path, &Options{Dir: out, Theme: c.th})
			if len(r.Diagnostics) > 0 || len(r.Outputs) != 2 {
				t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
			}
			for _, o := range r.Outputs {
				text := testkit.Run(t, "pdftotext", "-enc", "UTF-8", o.Path, "-")
				for _, v := range invisibleIOCs {
					want := v[2]
					if c.th == fanged {
						want = indicator.Visible(v[1])
					}
					if !strings.Contains(text, want) {
						t.Errorf("%s: the PDF does not print %q", o.Lang, want)
					}
				}
				if strings.ContainsAny(text, "\u202E\u200B\u2066\u2069\u200F\uFEFF") {
					t.Errorf("%s: the PDF's text holds an invisible character: %q", o.Lang, text)
				}
				sentence := map[string]string{"ja": "[U+202E] などの表記は、値に含まれる見えない文字", "en": "[U+202E] and the like stand for invisible characters in a value"}[o.Lang]
				if !strings.Contains(strings.ReplaceAll(text, "\n", " "), sentence) && !strings.Contains(strings.ReplaceAll(text, "\n", ""), sentence) {
					t.Errorf("%s: no sentence says what the marks stand for", o.Lang)
				}

				recs, err := csv.NewReader(strings.NewReader(testkit.Run(t, "qpdf", "--show-attachment=indicators.csv", o.Path))).ReadAll()
				if err != nil || len(recs) != len(invisibleIOCs)+1 {
					t.Fatalf("CSV (%v): %q", err, recs)
				}
				var bundle struct {
					Objects []struct{ Name, Pattern string } `json:"objects"`
				}
				if err := json.Unmarshal([]byte(testkit.Run(t, "qpdf", "--show-attachment=indicators.stix.json", o.Path)), &bundle); err != nil {
					t.Fatal(err)
				}
				// Grouped by type: files, registry, then url (the format's order).
				for _, v := range invisibleIOCs {
					found := false
					for i, rec := range recs[1:] {
						if rec[1] == v[1] && bundle.Objects[i+1].Name == v[1] && bundle.Objects[i+1].Pattern == indicator.Pattern(indicator.Type(v[0]), v[1]) {
							found = true
						}
					}
					if !found {
						t.Errorf("%s: %q is not in the CSV and STIX files as written", o.Lang, v[1])
					}
				}
			}
		})
	}
}
