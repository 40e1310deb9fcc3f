package build_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/build"
	"briefing/briefing/digest"
	"briefing/briefing/model"
	"briefing/briefing/period"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// TestCitationsNeverShowIDs: a citation id ("[r1]") written in a title,
// a link's text or an indicator's note reaches no reader: the running
// header, the PDF's Title, the body, the embedded CSV and STIX files and a
// digest's cover show the reference's number as the briefing does.
func TestCitationsNeverShowIDs(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	testkit.Tool(t, "pdfinfo")
	testkit.Tool(t, "pdfdetach")
	dir := t.TempDir()
	src := `format = 2
id = "cit"
date = 2026-11-20
title = "Cit [r1]"
summary = "See [the advisory [r1]](https://example.com/a)."
languages = ["ja", "en"]

[[references]]
id = "r1"
title = "Advisory"
url = "https://example.com/r1"

[[indicators]]
type = "ipv4"
value = "203.0.113.45"
note = "seen [r1]"
`
	path := filepath.Join(dir, "cit.toml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := &build.Options{Dir: filepath.Join(dir, "out"), Theme: fixture.Theme(t)}
	res := build.File(context.Background(), path, opt)
	if res.Failed() || len(res.Outputs) != 2 {
		t.Fatalf("render: %v", res.Diagnostics)
	}
	for _, o := range res.Outputs {
		cite := map[string]string{"ja": "（文献1）", "en": "[1]"}[o.Lang]
		text := testkit.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", o.Path, "-")
		head := strings.SplitN(strings.TrimSpace(text), "\n", 2)[0]
		if !strings.Contains(head, "Cit") || !strings.Contains(head, cite) {
			t.Errorf("%s: header %q, want the title with %s", o.Lang, head, cite)
		}
		if !strings.Contains(text, "the advisory "+cite) && !strings.Contains(text, "the advisory"+cite) {
			t.Errorf("%s: the link's text lacks %s:\n%s", o.Lang, cite, text)
		}
		info := testkit.Run(t, "pdfinfo", "-enc", "UTF-8", o.Path)
		if !strings.Contains(info, cite) {
			t.Errorf("%s: document information lacks %s:\n%s", o.Lang, cite, info)
		}
		att := filepath.Join(dir, "att-"+o.Lang)
		os.MkdirAll(att, 0o755)
		testkit.Run(t, "pdfdetach", "-saveall", "-o", att, o.Path)
		csv, err := os.ReadFile(filepath.Join(att, "indicators.csv"))
		if err != nil {
			t.Fatal(err)
		}
		stix, err := os.ReadFile(filepath.Join(att, "indicators.stix.json"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(csv), "seen") || !strings.Contains(string(csv), "1") {
			t.Errorf("%s: CSV lacks the note:\n%s", o.Lang, csv)
		}
		for what, s := range map[string]string{"page text": text, "document information": info, "CSV": string(csv), "STIX": string(stix)} {
			if strings.Contains(s, "[r1]") {
				t.Errorf("%s: the %s shows the citation id [r1]", o.Lang, what)
			}
		}
	}

	inc, _, ds := build.Incident(path)
	if inc == nil {
		t.Fatal(ds)
	}
	r, _ := period.Week("2026-W47")
	for _, lang := range []string{"ja", "en"} {
		var buf bytes.Buffer
		d := digest.Digest{Period: r, Incidents: digest.Select([]*model.Incident{inc}, r)}
		if _, _, ds, err := digest.PDF(&buf, d, lang, fixture.Theme(t), false); err != nil || ds.HasErrors() {
			t.Fatal(err, ds)
		}
		p := filepath.Join(dir, "digest-"+lang+".pdf")
		os.WriteFile(p, buf.Bytes(), 0o644)
		if text := testkit.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", p, "-"); strings.Contains(text, "[r1]") {
			t.Errorf("%s digest shows the citation id [r1]:\n%s", lang, text)
		}
	}
}
