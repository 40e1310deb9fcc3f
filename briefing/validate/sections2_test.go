package validate

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"briefing/briefing/load"
	"briefing/briefing/model"
)

// headF2 is a valid top level of format 2.
const headF2 = `format = 2
id = "t"
date = 2021-07-06
title = "T"
summary = "S"
`

// diags2 runs load and validate on src as the file name and returns
// every diagnostic as file:line:col: key: message.
func diags2(t *testing.T, name, src string) ([]string, *model.Incident) {
	t.Helper()
	raw, ds := load.Read(name, strings.NewReader(src))
	inc, vds := Incident(raw)
	var out []string
	for _, d := range append(ds, vds...) {
		out = append(out, d.String())
	}
	return out, inc
}

func expect(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestIndicatorValues: a valid and an invalid value of each type, the
// error at the value's line and column with the key path and what the
// type takes.
func TestIndicatorValues(t *testing.T) {
	for _, c := range []struct {
		typ, good, bad, msg string
	}{
		{"ipv4", "203.0.113.10", "203.0.113.256", `"203.0.113.256" is not an IPv4 address: four numbers from 0 to 255 joined by dots, e.g. 203.0.113.10`},
		{"ipv6", "2001:db8::1", "2001:db8:::1", `"2001:db8:::1" is not an IPv6 address: groups of hex digits joined by colons, e.g. 2001:db8::1 (without a %zone)`},
		{"cidr", "203.0.113.0/24", "203.0.113.7/24", `"203.0.113.7/24" has bits set past its prefix length: write 203.0.113.0/24`},
		{"domain", "例え.テスト", "evil..example", `"evil..example" is not a domain name: has a label that is not a valid name: letters, digits and hyphens, each label 1 to 63 characters, not starting or ending with a hyphen`},
		{"url", "https://evil.example/x", "evil.example/x", `"evil.example/x" is not a URL: a scheme, :// and a host, e.g. https://evil.example/path`},
		{"email", "user@evil.example", "user@@evil.example", `"user@@evil.example" is not an e-mail address: a local part, @ and a domain, e.g. user@evil.example (without a display name or <>)`},
		{"md5", "d41d8cd98f00b204e9800998ecf8427e", "d41d8cd98f00b204e9800998ecf8427", `"d41d8cd98f00b204e9800998ecf8427" is not an MD5 hash: it has 31 hex digits, an MD5 hash has 32`},
		{"sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709", "da39a3ee5e6b4b0d3255bfef95601890afd8070z", `"da39a3ee5e6b4b0d3255bfef95601890afd8070z" is not a SHA1 hash: 'z' at character 40 is not a hex digit (0–9, a–f)`},
		{"sha256", strings.Repeat("ab", 32), strings.Repeat("ab", 33), `"` + strings.Repeat("ab", 33) + `" is not a SHA256 hash: it has 66 hex digits, an SHA256 hash has 64`},
		{"sha512", strings.Repeat("ab", 64), "abc", `"abc" is not a SHA512 hash: it has 3 hex digits, an SHA512 hash has 128`},
		{"file", "invoice.pdf.exe", "", `is empty: write the file name`},
		{"registry", `HKCU\\Software\\Evil`, `Software\\Evil`, `"Software\\Evil" is not a Windows registry key: a hive (HKEY_LOCAL_MACHINE or HKLM, HKEY_CURRENT_USER or HKCU, HKEY_CLASSES_ROOT or HKCR, HKEY_USERS or HKU, HKEY_CURRENT_CONFIG or HKCC), a backslash and the key, e.g. HKLM\Software\Microsoft\Windows\CurrentVersion\Run`},
		{"asn", "AS64496", "ASN64496", `"ASN64496" is not an autonomous system number: AS and a number from 1 to 4294967295, e.g. AS64496`},
	} {
		t.Run(c.typ, func(t *testing.T) {
			src := headF2 + "\n[[indicators]]\ntype = \"" + c.typ + "\"\nvalue = \"" + c.good + "\"\n\n[[indicators]]\ntype = \"" + c.typ + "\"\nvalue = \"" + c.bad + "\"\n"
			got, _ := diags2(t, "i.toml", src)
			expect(t, got, "i.toml:13:9: indicators[2].value: "+c.msg)
			got, inc := diags2(t, "i.toml", headF2+"\n[[indicators]]\ntype = \""+c.typ+"\"\nvalue = \""+c.good+"\"\n")
			expect(t, got)
			if inc == nil || len(inc.Indicators) != 1 || inc.Indicators[0].Type != c.typ {
				t.Fatalf("indicator not kept: %+v", inc)
			}
		})
	}
}

func TestIndicatorRules(t *testing.T) {
	got, inc := diags2(t, "i.toml", headF2+`
[[indicators]]
type = "Domain"
value = "evil.example"
first_seen = 2021-07-02T14:05:00+09:00
last_seen = 2021-07-03

[[indicators]]
type = "domain"
value = "EVIL.example"

[[indicators]]
type = "hash"
value = "x"

[[indicators]]
type = "ipv4"
value = "203.0.113.10"
first_seen = 2021-07-03
last_seen = 2021-07-02

[[indicators]]
type = "url"
value = "https://evil.example"
first_seen = 2021-07-02T14:05:00

[[indicators]]
type = "url"
value = "https://evil.example/0"
first_seen = 0000-07-02T14:05:00Z
last_seen = 0000-07-03
`)
	expect(t, got,
		`i.toml:15:9: indicators[2].value: "EVIL.example" is listed twice: indicators[1] (line 9) has the same domain`,
		`i.toml:18:8: indicators[3].type: "hash" is not a type of indicator: the types are ipv4, ipv6, cidr, domain, url, email, md5, sha1, sha256, sha512, file, registry, asn`,
		`i.toml:25:13: indicators[4].last_seen: is before first_seen; the last sighting cannot precede the first`,
		`i.toml:30:14: indicators[5].first_seen: 2021-07-02T14:05:00 has no offset: write the time with its offset from UTC, e.g. 2021-07-02T14:05:00+09:00 (Japan) or 2021-07-02T14:05:00Z (UTC)`,
		`i.toml:35:14: indicators[6].first_seen: 0000-07-02: the year 0000 is no year of the calendar; write e.g. first_seen = 2021-07-02 or 2021-07-02T14:05:00+09:00`,
		`i.toml:36:13: indicators[6].last_seen: 0000-07-03: the year 0000 is no year of the calendar; write e.g. last_seen = 2021-07-02 or 2021-07-02T14:05:00+09:00`,
	)
	_ = inc
	got, inc = diags2(t, "i.toml", headF2+`
[[indicators]]
type = "Domain"
value = "evil.example"
first_seen = 2021-07-02T14:05:00+09:00
last_seen = 2021-07-03
`)
	expect(t, got)
	if inc == nil || len(inc.Indicators) != 1 || inc.Indicators[0].Type != "domain" {
		t.Fatalf("indicators not kept: %+v", inc)
	}
	fs := inc.Indicators[0].FirstSeen
	if !fs.Clock || !fs.Time.Equal(time.Date(2021, 7, 2, 5, 5, 0, 0, time.UTC)) {
		t.Errorf("first_seen %+v", fs)
	}
	if _, off := fs.Time.Zone(); off != 9*3600 {
		t.Errorf("first_seen lost its offset: %d", off)
	}
	if ls := inc.Indicators[0].LastSeen; ls.Clock || ls.Time.Day() != 3 {
		t.Errorf("last_seen %+v", ls)
	}
}

func TestVulnerabilities(t *testing.T) {
	got, inc := diags2(t, "v.toml", headF2+`
[[vulnerabilities]]
cve = "CVE-2021-30116"
cvss = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
exploited = true

[[vulnerabilities]]
cve = "CVE-2024-0001"
cvss = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"

[[vulnerabilities]]
cve = "CVE-2021-1"
cvss = "CVSS:3.1/AV:N/AC:X/PR:N/UI:N/S:U/C:H/I:H/A:H"

[[vulnerabilities]]
cve = "cve-2021-30116"
cvss = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H"

[[vulnerabilities]]
cve = "CVE-1998-0001"
`)
	expect(t, got,
		`v.toml:17:7: vulnerabilities[3].cve: "CVE-2021-1" is not a CVE id: CVE, the year and a number of at least four digits, e.g. CVE-2021-30116`,
		`v.toml:18:23: vulnerabilities[3].cvss: AC:X: "X" is not a value of AC (Attack Complexity): L or H`,
		`v.toml:21:7: vulnerabilities[4].cve: CVE-2021-30116 is listed twice: also vulnerabilities[1]`,
		`v.toml:22:49: vulnerabilities[4].cvss: lacks the base metric A (Availability): a CVSS v3.1 vector gives every base metric`,
		`v.toml:25:7: vulnerabilities[5].cve: "CVE-1998-0001" is not a CVE id: CVE ids start in 1999 (CVE-1999-0001); give the id from the CVE record`,
	)
	_ = inc
	got, inc = diags2(t, "v.toml", headF2+`
[[vulnerabilities]]
cve = "CVE-2021-30116"
cvss = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
exploited = true

[[vulnerabilities]]
cve = "cve-2024-0001"
cvss = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
`)
	expect(t, got)
	if inc == nil {
		t.Fatal("no incident")
	}
	v := inc.Vulnerabilities
	if v[1].CVE != "CVE-2024-0001" {
		t.Errorf("CVE id not in upper case: %s", v[1].CVE)
	}
	if v[0].Score != 9.8 || v[0].Severity != "Critical" || !v[0].Exploited || v[0].Version != "3.1" {
		t.Errorf("CVSS 3.1: %+v", v[0])
	}
	if v[1].Score != 9.3 || v[1].Severity != "Critical" || v[1].Version != "4.0" {
		t.Errorf("CVSS 4.0: %+v", v[1])
	}
}

// TestFigurePictures: each kind of bad picture is refused at the file
// key, with the reason; a good one is decoded.
func TestFigurePictures(t *testing.T) {
	dir := t.TempDir()
	img := image.NewGray(image.Rect(0, 0, 40, 30))
	f, err := os.Create(filepath.Join(dir, "good.png"))
	if err != nil {
		t.Fatal(err)
	}
	png.Encode(f, img)
	f.Close()
	good, _ := os.ReadFile(filepath.Join(dir, "good.png"))
	os.WriteFile(filepath.Join(dir, "cut.png"), good[:len(good)-20], 0o644)
	os.WriteFile(filepath.Join(dir, "note.png"), []byte("not a picture"), 0o644)
	os.Mkdir(filepath.Join(dir, "folder.png"), 0o755)
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.png"), 0o644); err != nil {
		t.Fatal(err)
	}
	big, _ := os.Create(filepath.Join(dir, "big.png"))
	big.Write(good)
	big.Truncate(60 << 20)
	big.Close()
	os.Symlink("/dev/zero", filepath.Join(dir, "device.png"))
	fig := func(file string) string {
		return "\n[[figures]]\nfile = \"" + file + "\"\nalt = \"a\"\n"
	}
	src := headF2 + fig("good.png") + fig("cut.png") + fig("note.png") + fig("folder.png") + fig("pipe.png") + fig("big.png") + fig("device.png") + fig("missing.png") + `
[[figures]]
file = "good.png"
after = "appendix"
width = 1.5

[[figures]]
file = "good.png"
alt = "a"
width = 1e-9

[[figures]]
file = "good.png"
alt = "a"
width = 1e-320

[[figures]]
file = "good.png"
alt = "a"
width = 0.09

[[figures]]
file = "good.png"
alt = "a"
width = 0.1
`
	got, _ := diags2(t, filepath.Join(dir, "f.toml"), src)
	p := filepath.Join(dir, "f.toml")
	expect(t, got,
		p+`:12:8: figures[2].file: "cut.png" is a PNG picture cut short: the file ends before its last pixels`,
		p+`:16:8: figures[3].file: "note.png" is not a PNG or JPEG picture`,
		p+`:20:8: figures[4].file: "folder.png" is a folder, not a picture file`,
		p+`:24:8: figures[5].file: "pipe.png" is a named pipe, not a picture file`,
		p+`:28:8: figures[6].file: "big.png" is 60.0 MB: a figure's picture is at most 50 MB`,
		p+`:32:8: figures[7].file: "device.png" is a device, not a picture file`,
		p+`:36:8: figures[8].file: "missing.png" does not exist`,
		p+`:39:1: figures[9].alt: missing; every figure needs alt, the text a reader who cannot see the picture gets in its place`,
		p+`:41:9: figures[9].after: "appendix" is not one of summary, timeline, impact, handling, analysis, risks, countermeasures`,
		p+`:42:9: figures[9].width: 1.5 is out of range: the width is a fraction of the text width, greater than 0 and at most 1`,
		p+`:47:9: figures[10].width: 1e-09 is too small: a figure narrower than 0.1 of the text width cannot be read; write a width from 0.1 to 1`,
		p+`:52:9: figures[11].width: 1e-320 is too small: a figure narrower than 0.1 of the text width cannot be read; write a width from 0.1 to 1`,
		p+`:57:9: figures[12].width: 0.09 is too small: a figure narrower than 0.1 of the text width cannot be read; write a width from 0.1 to 1`,
	)
}

// TestFormat1Refuses: the keys and sections of format 2 in a format-1
// file are errors with the hint to write format = 2.
func TestFormat1Refuses(t *testing.T) {
	got, _ := diags2(t, "one.toml", strings.Replace(headF2, "format = 2", "format = 1", 1)+`status = "draft"
timezone = "Asia/Tokyo"

[[timeline]]
when = 2021-07-02T14:05:00+09:00
text = "t"

[[figures]]
file = "x.png"
alt = "a"
`)
	expect(t, got,
		`one.toml:6:1: status: status is a key of format 2: write format = 2 at the top of the file to use it (texts are then read as Markdown)`,
		`one.toml:7:1: timezone: timezone is a key of format 2: write format = 2 at the top of the file to use it (texts are then read as Markdown)`,
		`one.toml:10:8: timeline[1].when: a time of day is format 2: write format = 2 at the top of the file to use it, or give the day alone`,
		`one.toml:13:1: figures: [[figures]] is a section of format 2: write format = 2 at the top of the file to use it (texts are then read as Markdown)`,
	)
}

func TestTimesAndStatus(t *testing.T) {
	got, inc := diags2(t, "t.toml", headF2+`case = "IR-2021-0042"
status = "Draft"
timezone = "Asia/Tokyo"

[[timeline]]
when = 2021-07-02T14:05:00+09:00
text = "a"

[[timeline]]
when = 2021-07-02T09:00:00-04:00
text = "b"

[[timeline]]
when = "2021-06"
text = "c"
`)
	expect(t, got, `t.toml:19:8: timeline[3].when: warning: goes back in time: it comes before the entry above it; entries are printed in file order`)
	if inc == nil || inc.Case != "IR-2021-0042" || inc.Status != model.Draft || inc.Timezone == nil || inc.Timezone.String() != "Asia/Tokyo" {
		t.Fatalf("%+v", inc)
	}
	if at := inc.Timeline[0].At; !at.Clock || at.Time.Hour() != 14 {
		t.Errorf("when with a time of day: %+v", at)
	}
	got, _ = diags2(t, "t.toml", headF2+"timezone = \"JST\"\n")
	expect(t, got, `t.toml:6:12: timezone: "JST" is not an IANA time zone name: write one such as Asia/Tokyo or Europe/Berlin; an abbreviation such as JST names no zone`)
}
