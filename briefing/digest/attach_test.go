package digest_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"briefing/briefing/build"
	"briefing/briefing/digest"
	"briefing/briefing/model"
	"briefing/briefing/period"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
	"briefing/internal/testkit/stixcheck"
)

// iocIncident is a format-2 incident of 2021-W18 with the indicators
// given as TOML tables' bodies, or none.
func iocIncident(id, date, title string, iocs ...string) string {
	s := "format = 2\nid = \"" + id + "\"\ndate = " + date + "\ntlp = \"AMBER\"\ntitle.ja = \"" + title + "（日本語）\"\ntitle.en = \"" + title +
		"\"\nsummary = \"S\"\n"
	for _, ioc := range iocs {
		s += "\n[[indicators]]\n" + ioc + "\n"
	}
	return s
}

// TestDigestAttachments binds three incidents of a week, two with
// indicators, and reads the digest's attachments back with qpdf: each
// incident's CSV and STIX files, named after it, byte for byte those its
// own briefing in that language embeds; nothing for the incident without
// indicators.
func TestDigestAttachments(t *testing.T) {
	testkit.Tool(t, "qpdf")
	dir := t.TempDir()
	files := map[string]string{
		"a.toml": iocIncident("vpn-intrusion", "2021-05-04", "VPN intrusion",
			"type = \"ipv4\"\nvalue = \"203.0.113.10\"\nnote.ja = \"接続元\"\nnote.en = \"Source\"",
			"type = \"url\"\nvalue = \"https://evil.example/pay?id=1,2\"\nnote = \"Payment page, \\\"quoted\\\"\""),
		"b.toml": iocIncident("phishing-wave", "2021-05-06", "Phishing wave",
			"type = \"email\"\nvalue = \"billing@mail.example\"",
			"type = \"sha256\"\nvalue = \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\""),
		"c.toml": iocIncident("no-indicators", "2021-05-05", "Without indicators"),
	}
	var incs []*model.Incident
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		inc, _, ds := build.Incident(path)
		if inc == nil || ds.HasErrors() {
			t.Fatalf("%s: %v", name, ds)
		}
		incs = append(incs, inc)
	}
	th := fixture.Theme(t)
	r, err := period.Week("2021-W18")
	if err != nil {
		t.Fatal(err)
	}
	d := digest.Digest{Period: r, Incidents: digest.Select(incs, r)}
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			var buf bytes.Buffer
			if _, _, ds, err := digest.PDF(&buf, d, lang, th, false); err != nil || ds.HasErrors() {
				t.Fatalf("%v %v", err, ds)
			}
			path := filepath.Join(dir, digest.Name(r, lang))
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			list := testkit.Run(t, "qpdf", "--list-attachments", "--verbose", path)
			var names []string
			for _, m := range regexp.MustCompile(`(?m)^(\S+) -> `).FindAllStringSubmatch(list, -1) {
				names = append(names, m[1])
			}
			want := []string{"phishing-wave.indicators.csv", "phishing-wave.indicators.stix.json",
				"vpn-intrusion.indicators.csv", "vpn-intrusion.indicators.stix.json"}
			if !slices.Equal(names, want) {
				t.Fatalf("attachments %q, want %q\n%s", names, want, list)
			}
			title := map[string]string{"ja": "：VPN intrusion（日本語）", "en": ": VPN intrusion"}[lang]
			if !strings.Contains(list, title+"\n") {
				t.Errorf("no attachment is described with the incident's title %q:\n%s", title, list)
			}
			// Each as the incident's own briefing in lang embeds it.
			for _, id := range []string{"vpn-intrusion", "phishing-wave"} {
				src := filepath.Join(dir, map[string]string{"vpn-intrusion": "a.toml", "phishing-wave": "b.toml"}[id])
				out := filepath.Join(dir, "briefings")
				res := build.File(context.Background(), src, &build.Options{Dir: out, Theme: th, Langs: []string{lang}})
				if len(res.Outputs) != 1 {
					t.Fatalf("%s: %v", id, res.Diagnostics)
				}
				for _, f := range []string{"indicators.csv", "indicators.stix.json"} {
					own := testkit.Run(t, "qpdf", "--show-attachment="+f, res.Outputs[0].Path)
					got := testkit.Run(t, "qpdf", "--show-attachment="+id+"."+f, path)
					if got != own || !strings.Contains(got, "e") {
						t.Errorf("%s.%s differs from the briefing's %s:\n%s\n---\n%s", id, f, f, got, own)
					}
					if strings.HasSuffix(f, ".json") {
						for _, err := range stixcheck.Bundle(t, []byte(got)) {
							t.Errorf("%s.%s, STIX 2.1 schemas: %v", id, f, err)
						}
					}
				}
			}
			csv := testkit.Run(t, "qpdf", "--show-attachment=vpn-intrusion.indicators.csv", path)
			if !strings.Contains(csv, `url,"https://evil.example/pay?id=1,2","Payment page, ""quoted""",`) {
				t.Errorf("the CSV does not give the URL back as written:\n%s", csv)
			}
		})
	}
}
