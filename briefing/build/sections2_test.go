package build

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/indicator"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
	"briefing/internal/testkit/stixcheck"
)

// iocs are one value of each indicator type, as written in the file.
var iocs = [][2]string{
	{"ipv4", "203.0.113.10"},
	{"ipv6", "2001:db8::1"},
	{"cidr", "198.51.100.0/24"},
	{"domain", "evil.example"},
	{"domain", "例え\u3002テスト"}, // an ideographic full stop separates labels too
	{"url", "https://evil.example/pay"},
	{"email", "user@evil.example"},
	{"md5", "d41d8cd98f00b204e9800998ecf8427e"},
	{"sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
	{"sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	{"sha512", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
	{"file", "invoice.pdf.exe"},
	{"registry", `HKLM\Software\Microsoft\Windows\CurrentVersion\Run\evil`},
	{"asn", "AS64496"},
}

// sectionsIncident writes a format-2 incident with every section of
// format 2 into dir: indicators of each type, two vulnerabilities (CVSS
// v4.0 first in the file, v3.1 scoring higher), a 2400 × 1350 screenshot
// and times of day; status draft.
func sectionsIncident(t *testing.T, dir string) string {
	t.Helper()
	img := image.NewPaletted(image.Rect(0, 0, 2400, 1350), color.Palette{color.White, color.Black, color.RGBA{0x20, 0x40, 0x90, 0xff}})
	for y := 0; y < 1350; y++ {
		for x := 0; x < 2400; x++ {
			switch {
			case y < 60:
				img.SetColorIndex(x, y, 2)
			case (y/30)%2 == 0 && (x/13)%7 != 0 && x > 100 && x < 2300:
				img.SetColorIndex(x, y, 1)
			}
		}
	}
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "shot.png"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	src.WriteString(`format = 2
id = "sections"
date = 2021-07-06
title.ja = "節のテスト"
title.en = "Sections test"
summary = "S"
tlp = "AMBER"
case = "IR-2021-0042"
status = "draft"
timezone = "Asia/Tokyo"

[[timeline]]
when = 2021-07-02T14:05:00+09:00
text = "first"

[[timeline]]
when = 2021-07-02T12:00:00-04:00
text = "second"

[[vulnerabilities]]
cve = "CVE-2024-0001"
cvss = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"

[[vulnerabilities]]
cve = "CVE-2021-30116"
cvss = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
exploited = true

[[figures]]
file = "shot.png"
after = "summary"
caption = "The note"
alt = "A ransom note"
`)
	for i, c := range iocs {
		src.WriteString("\n[[indicators]]\ntype = \"" + c[0] + "\"\nvalue = " + strconv.Quote(c[1]) + "\n")
		if i == 0 {
			src.WriteString("note = \"C2, \\\"main\\\"\"\nfirst_seen = 2021-07-02T14:05:00+09:00\nlast_seen = 2021-07-03\n")
		}
		if i == 1 {
			src.WriteString("note.ja = \"踏み台\"\nnote.en = \"Jump host\"\n")
		}
		if i == 2 {
			src.WriteString("note.en = \"Scanner\"\n")
		}
	}
	path := filepath.Join(dir, "sections.toml")
	if err := os.WriteFile(path, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSections renders the incident in Japanese and English and reads
// what a recipient gets back with independent tools: the defanged values
// as text (pdftotext), the indicators as written from the attachments
// (qpdf), the picture at no more than 200 dpi (pdfimages), the draft mark
// on every page and in the document information (pdfinfo).
func TestSections(t *testing.T) {
	for _, tool := range []string{"pdftotext", "qpdf", "pdfimages", "pdfinfo"} {
		testkit.Tool(t, tool)
	}
	dir := t.TempDir()
	path := sectionsIncident(t, dir)
	r := File(context.Background(), path, &Options{Dir: dir, Theme: testTheme(t), Langs: []string{"ja", "en"}})
	if len(r.Diagnostics) > 0 || len(r.Outputs) != 2 {
		t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
	}
	for _, out := range r.Outputs {
		t.Run(out.Lang, func(t *testing.T) {
			pdf := out.Path
			text := testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
			flat := strings.Join(strings.Fields(text), "")
			for _, c := range iocs {
				d := indicator.Defang(indicator.Type(c[0]), c[1])
				// A long value wraps inside its cell and still comes
				// back whole (its /ActualText; see TestCopyBack).
				if !strings.Contains(text, d) {
					t.Errorf("%s: the defanged %q is not in the text", c[0], d)
				}
				if d != c[1] && strings.Contains(flat, c[1]) {
					t.Errorf("%s: the value %q is printed as written", c[0], c[1])
				}
			}
			for _, short := range []string{"203.0.113[.]10", "hxxps://evil[.]example/pay", "user[@]evil[.]example", "2001[:]db8::1", "198.51.100[.]0/24", "例え[.]テスト"} {
				if !strings.Contains(text, short) {
					t.Errorf("the text does not give back %q exactly", short)
				}
			}
			want := map[string][]string{
				"ja": {"2021年7月2日 14:05（JST）", "2021年7月3日 1:00（JST）", "図1", "下書き", "IR-2021-0042", "9.8", "緊急", "9.3"},
				"en": {"2 July 2021, 14:05 JST", "3 July 2021, 1:00 JST", "Figure 1", "DRAFT", "IR-2021-0042", "9.8", "Critical", "9.3"},
			}[out.Lang]
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("the text lacks %q", w)
				}
			}
			if strings.Index(text, "CVE-2021-30116") > strings.Index(text, "CVE-2024-0001") {
				t.Error("the vulnerabilities are not sorted by score")
			}
			// The draft mark on every page.
			info := testkit.Run(t, "pdfinfo", pdf)
			pages := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
			n, _ := strconv.Atoi(pages[1])
			mark := map[string]string{"ja": "下書き", "en": "DRAFT"}[out.Lang]
			for p := 1; p <= n; p++ {
				if pt := testkit.Run(t, "pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-enc", "UTF-8", pdf, "-"); !strings.Contains(pt, mark) {
					t.Errorf("page %d has no %s mark", p, mark)
				}
			}
			if title := map[string]string{"ja": "Title:           【下書き】節のテスト", "en": "Title:           DRAFT: Sections test"}[out.Lang]; !strings.Contains(info, title) {
				t.Errorf("pdfinfo has no %q:\n%s", title, info)
			}

			// The attachments give the values back as written.
			list := testkit.Run(t, "qpdf", "--list-attachments", pdf)
			if !strings.Contains(list, "indicators.csv") || !strings.Contains(list, "indicators.stix.json") {
				t.Fatalf("attachments: %s", list)
			}
			recs, err := csv.NewReader(strings.NewReader(testkit.Run(t, "qpdf", "--show-attachment=indicators.csv", pdf))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != len(iocs)+1 || strings.Join(recs[0], ",") != "type,value,note,first_seen,last_seen" {
				t.Fatalf("CSV: %q", recs)
			}
			for i, c := range iocs {
				if recs[i+1][0] != c[0] || recs[i+1][1] != c[1] {
					t.Errorf("CSV record %d = %q, want %s %s", i+1, recs[i+1], c[0], c[1])
				}
			}
			if got := strings.Join(recs[1][2:], "|"); got != `C2, "main"|2021-07-02T14:05:00+09:00|2021-07-03` {
				t.Errorf("CSV note and dates: %s", got)
			}
			var bundle struct {
				Objects []struct {
					Type, ID, Name, Pattern, ValidFrom string
					Refs                               []string `json:"object_marking_refs"`
				} `json:"objects"`
			}
			stix := testkit.Run(t, "qpdf", "--show-attachment=indicators.stix.json", pdf)
			if err := json.Unmarshal([]byte(stix), &bundle); err != nil {
				t.Fatal(err)
			}
			// Valid for OASIS's STIX 2.1 JSON schemas.
			for _, err := range stixcheck.Bundle(t, []byte(stix)) {
				t.Errorf("STIX 2.1 schemas: %v", err)
			}
			amber, _ := indicator.MarkingID("AMBER")
			// One language-content object, for the indicator noted in
			// both languages, after the indicators.
			if len(bundle.Objects) != len(iocs)+2 || bundle.Objects[0].ID != amber || bundle.Objects[len(iocs)+1].Type != "language-content" {
				t.Fatalf("STIX bundle: %s", stix)
			}
			for i, c := range iocs {
				o := bundle.Objects[i+1]
				if o.Type != "indicator" || o.Name != c[1] || o.Pattern != indicator.Pattern(indicator.Type(c[0]), c[1]) || len(o.Refs) != 1 || o.Refs[0] != amber {
					t.Errorf("STIX indicator %d: %+v", i+1, o)
				}
			}
			var dated struct {
				Objects []map[string]any `json:"objects"`
			}
			json.Unmarshal([]byte(stix), &dated)
			if got := dated.Objects[1]["valid_from"]; got != "2021-07-02T05:05:00.000Z" {
				t.Errorf("valid_from of first_seen 14:05 JST = %v", got)
			}
			// The notes: in the first language with its lang, whatever the
			// briefing's language; a note written only in English is
			// labelled English; the other language in language-content.
			for i, want := range []string{`C2, "main"|ja`, "踏み台|ja", "Scanner|en", "<nil>|<nil>"} {
				o := dated.Objects[i+1]
				if got := fmt.Sprintf("%v|%v", o["description"], o["lang"]); got != want {
					t.Errorf("indicator %d: description|lang = %s, want %s", i+1, got, want)
				}
			}
			lc := dated.Objects[len(iocs)+1]
			if got, _ := json.Marshal([]any{lc["object_ref"], lc["object_modified"], lc["contents"]}); string(got) != `["`+bundle.Objects[2].ID+`","2021-07-06T00:00:00.000Z",{"en":{"description":"Jump host"}}]` {
				t.Errorf("language-content: %s", got)
			}

			// The picture's alternate text, on its Figure element.
			qdf := filepath.Join(t.TempDir(), "q.pdf")
			testkit.Run(t, "qpdf", "--qdf", "--object-streams=disable", pdf, qdf)
			if raw, _ := os.ReadFile(qdf); !bytes.Contains(raw, []byte("/S /Figure")) || !bytes.Contains(raw, []byte("/Alt (A ransom note)")) {
				t.Error("the picture has no Figure element with its /Alt")
			}

			// The screenshot: printed the text width wide (451 pt), at
			// most 200 dpi, lossless.
			imgs := strings.Split(strings.TrimSpace(testkit.Run(t, "pdfimages", "-list", pdf)), "\n")[2:]
			if len(imgs) != 1 {
				t.Fatalf("pdfimages -list: %q", imgs)
			}
			f := strings.Fields(imgs[0])
			w, _ := strconv.Atoi(f[3])
			xppi, _ := strconv.Atoi(f[12])
			if w >= 2400 || xppi > 200 || xppi < 190 || f[8] != "image" {
				t.Errorf("the picture: %s", imgs[0])
			}
		})
	}

	// STIX 2.1, section 3.6: every serialization of one object version
	// has the same properties and values, so both languages' PDFs embed
	// the same bundle, byte for byte.
	ja := testkit.Run(t, "qpdf", "--show-attachment=indicators.stix.json", r.Outputs[0].Path)
	en := testkit.Run(t, "qpdf", "--show-attachment=indicators.stix.json", r.Outputs[1].Path)
	if r.Outputs[0].Lang == r.Outputs[1].Lang || ja != en || !strings.Contains(ja, `"indicator--`) {
		t.Errorf("the %s and %s PDFs embed different STIX bundles:\n%s\n%s", r.Outputs[0].Lang, r.Outputs[1].Lang, ja, en)
	}
}

// TestSectionsFanged: a template with defang = false prints the values
// as written.
func TestSectionsFanged(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	dir := t.TempDir()
	path := sectionsIncident(t, dir)
	tpl := filepath.Join(dir, "t.toml")
	os.WriteFile(tpl, []byte("defang = false\n"), 0o644)
	th, err := theme.Load(tpl)
	if err != nil {
		t.Fatal(err)
	}
	r := File(context.Background(), path, &Options{Dir: dir, Theme: th, Langs: []string{"en"}})
	if len(r.Diagnostics) > 0 || len(r.Outputs) != 1 {
		t.Fatalf("%v", r.Diagnostics)
	}
	text := testkit.Run(t, "pdftotext", "-enc", "UTF-8", r.Outputs[0].Path, "-")
	for _, v := range []string{"203.0.113.10", "https://evil.example/pay", "user@evil.example"} {
		if !strings.Contains(text, v) {
			t.Errorf("defang = false: %q is not printed as written", v)
		}
	}
	if strings.Contains(text, "[.]") {
		t.Error("defang = false: a value is defanged")
	}
}
