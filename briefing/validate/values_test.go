package validate

import (
	"os"
	"strings"
	"testing"
)

// row is a procurement row whose country list is cs, on line 10 of the file
// made by withCountry.
func withCountry(cs string) string {
	return head + "[[procurement.items]]\nordered = \"2019\"\nproduct = \"P\"\nterm_months = 1\nusers = 1\ncountry = " + cs + "\n"
}

// messages returns every diagnostic of src as printed, one a line.
func messages(t *testing.T, src string) string {
	t.Helper()
	_, ds := check(t, src)
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return strings.Join(out, "\n")
}

// TestCountryCodes checks every two-letter code AA–ZZ: exactly the
// assigned ISO 3166-1 codes and XK, listed in
// briefing/localize/testdata/iso3166.tsv with their names, are accepted.
func TestCountryCodes(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../localize/testdata/iso3166.tsv")
	if err != nil {
		t.Fatal(err)
	}
	assigned := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if !strings.HasPrefix(line, "#") {
			assigned[line[:2]] = true
		}
	}
	if len(assigned) != 250 {
		t.Fatalf("%d codes in the table, want 250", len(assigned))
	}
	for a := 'A'; a <= 'Z'; a++ {
		for z := 'A'; z <= 'Z'; z++ {
			code := string([]rune{a, z})
			inc, ds := check(t, withCountry(`["`+strings.ToLower(code)+`"]`))
			got := inc != nil
			if got != assigned[code] {
				t.Errorf("%s accepted %v, want %v: %v", code, got, assigned[code], ds)
			}
			if got && inc.Procurement.Items[0].Countries[0] != code {
				t.Errorf("%s: got %v", code, inc.Procurement.Items[0].Countries)
			}
			if _, ok := retired[code]; ok && assigned[code] {
				t.Errorf("%s is both assigned and retired", code)
			}
		}
	}
}

// TestRetiredCountryCodes checks the messages of withdrawn and reserved
// codes: what the code was, and the codes to write.
func TestRetiredCountryCodes(t *testing.T) {
	t.Parallel()
	const at = "case.toml:11:12: procurement.items[1].country[1]: "
	for _, tt := range []struct{ code, want string }{
		{"SU", `"SU" was the Soviet Union, withdrawn from ISO 3166-1 in 1992; write the country of today: AM, AZ, BY, EE, GE, KG, KZ, LT, LV, MD, RU, TJ, TM, UA or UZ`},
		{"YU", `"YU" was Yugoslavia, withdrawn from ISO 3166-1 in 2003; write the country of today: BA, HR, ME, MK, RS or SI`},
		{"CS", `"CS" was Serbia and Montenegro (and before 1993 Czechoslovakia), withdrawn from ISO 3166-1 in 2006; write the country of today: RS, ME, CZ or SK`},
		{"AN", `"AN" was the Netherlands Antilles, withdrawn from ISO 3166-1 in 2010; write the country of today: BQ, CW or SX`},
		{"NT", `"NT" was the Neutral Zone, withdrawn from ISO 3166-1 in 1993; write the country of today: IQ or SA`},
		{"DD", `"DD" was East Germany, withdrawn from ISO 3166-1 in 1990; write DE`},
		{"bu", `"bu" was Burma, withdrawn from ISO 3166-1 in 1989; write MM`},
		{"ZR", `"ZR" was Zaire, withdrawn from ISO 3166-1 in 1997; write CD`},
		{"TP", `"TP" was East Timor, withdrawn from ISO 3166-1 in 2002; write TL`},
		{"YD", `"YD" was South Yemen, withdrawn from ISO 3166-1 in 1990; write YE`},
		{"FX", `"FX" was Metropolitan France, withdrawn from ISO 3166-1 in 1997; write FR`},
		{"UK", `"UK" is not an ISO 3166-1 country code: it is reserved for the United Kingdom (exceptionally, at its request); write GB`},
		{"IC", `"IC" is not an ISO 3166-1 country code: it is reserved for the Canary Islands (Spanish islands); write ES`},
		{"RC", `"RC" is not an ISO 3166-1 country code: it is reserved for China and Taiwan (a vehicle registration code); write the country of today: CN or TW`},
		{"EU", `"EU" is not an ISO 3166-1 country code: it is reserved for the European Union (a group of countries); write the codes of the countries meant`},
	} {
		t.Run(tt.code, func(t *testing.T) {
			t.Parallel()
			if got := messages(t, withCountry(`["`+tt.code+`"]`)); got != at+tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, at+tt.want)
			}
		})
	}
}

// TestURLs checks that a URL is refused with the reason link.Check gives,
// at the value's position, and that white space is found before the text
// is cleaned (a tab would otherwise be a space).
func TestURLs(t *testing.T) {
	t.Parallel()
	const rel = "[[related]]\ntext = \"x\"\n"
	for _, tt := range []struct{ name, src, want string }{
		{"space", head + rel + "url = \"https://example.com/my file.pdf\"\n",
			`case.toml:8:7: related[1].url: "https://example.com/my file.pdf" contains a space (character 23): a URL has no spaces; write a space in a URL as %20`},
		{"tab", head + rel + "url = \"https://example.com/a\\tb\"\n",
			`case.toml:8:7: related[1].url: "https://example.com/a\tb" contains a tab (character 22): a URL has no tabs; write a tab in it as %09`},
		{"line break", head + rel + "url = \"\"\"\nhttps://example.com/long/\npath\"\"\"\n",
			`case.toml:8:7: related[1].url: "https://example.com/long/\npath" contains a line break (character 26): a URL is one line; join its lines, or write a line break in it as %0A`},
		{"CR LF", head + rel + "url = \"https://example.com/a\\r\\nb\"\n",
			`case.toml:8:7: related[1].url: "https://example.com/a\r\nb" contains a line break (character 22): a URL is one line; join its lines, or write a line break in it as %0A`},
		{"credentials", head + "[[references]]\nid = \"r1\"\ntitle = \"R\"\nurl = \"https://user:pass@evil.example@good.example/\"\n",
			`case.toml:9:7: references[1].url: "https://user:pass@evil.example@good.example/" has a user name or password before @ ("user:pass@evil.example@"): a briefing's links carry no credentials, and a reader would take what comes before @ for the host; write https://good.example/`},
		{"port", head + rel + "url = \"https://example.com:99999/\"\n",
			`case.toml:8:7: related[1].url: "https://example.com:99999/" has the port 99999, out of range: a port is a number from 1 to 65535`},
		{"mailto javascript", head + rel + "url = \"mailto:javascript:alert(1)\"\n",
			`case.toml:8:7: related[1].url: "mailto:javascript:alert(1)" has "javascript:alert(1)" where an e-mail address goes: write mailto:name@example.com`},
		{"empty host", head + rel + "url = 'http:///x'\n",
			`case.toml:8:7: related[1].url: "http:///x" has no host name; a URL must start with http://, https:// or mailto:`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := messages(t, tt.src); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
	inc, ds := check(t, head+"[[references]]\nid = \"r1\"\ntitle = \"R\"\nurl = \"https://ko.wikipedia.org/wiki/대한민국\"\n")
	if inc == nil || len(ds) > 0 || inc.References[0].URL != "https://ko.wikipedia.org/wiki/대한민국" {
		t.Errorf("a URL with a Korean path: %v", ds)
	}
}

// TestTitleAndTagWarnings checks the warnings about tags listed twice and
// titles holding list markup or a line break: each at its key, the file
// still accepted.
func TestTitleAndTagWarnings(t *testing.T) {
	t.Parallel()
	const top = "format = 1\nid = \"t\"\ndate = 2021-05-06\nsummary = \"S\"\n"
	for _, tt := range []struct{ name, src, want string }{
		{"tag twice", top + "title = \"T\"\ntags = [\"a\", \"b\", \"a\"]\n",
			`case.toml:6:19: tags[3]: warning: the tag "a" is listed twice (first as tags[1]); it is printed once`},
		{"tag twice in another case", top + "title = \"T\"\ntags = [\"MSP\", \"msp\"]\n",
			`case.toml:6:16: tags[2]: warning: the tag "msp" is listed twice (first as tags[1]); it is printed once`},
		{"tag twice with other spaces", top + "title = \"T\"\ntags = [\n  \"supply chain\",\n  \" supply\\nchain \",\n]\n",
			`case.toml:8:3: tags[2]: warning: the tag "supply chain" is listed twice (first as tags[1]); it is printed once`},
		{"bullet", top + "title = \"- Ransomware at an MSP\"\n",
			`case.toml:5:1: title: warning: the title starts with "- ", which reads as a list item: a title is plain text; remove the marker`},
		{"asterisk", top + "title.ja = \"* ランサムウェア\"\ntitle.en = \"Ransomware\"\n",
			`case.toml:5:7: title.ja: warning: the title starts with "* ", which reads as a list item: a title is plain text; remove the marker`},
		{"number", top + "title.ja = \"ランサムウェア\"\ntitle.en = \"1. Ransomware\"\n",
			`case.toml:6:7: title.en: warning: the title starts with "1. ", which reads as a list item: a title is plain text; remove the marker`},
		{"number with a parenthesis", top + "title = \"12) Ransomware\"\n",
			`case.toml:5:1: title: warning: the title starts with "12) ", which reads as a list item: a title is plain text; remove the marker`},
		{"Japanese bullet", top + "title = { ja = \"・ランサムウェア\", en = \"Ransomware\" }\n",
			`case.toml:5:11: title.ja: warning: the title starts with "・", which reads as a list item: a title is plain text; remove the marker`},
		{"line break", top + "title = \"\"\"\nRansomware\nat an MSP\"\"\"\n",
			`case.toml:5:1: title: warning: the title holds a line break: a title is one line of plain text; join its lines`},
		{"risk title", top + "title = \"T\"\n[[risks]]\ntitle = \"- Re-entry\"\nlikelihood = 1\nimpact = 1\n",
			`case.toml:7:1: risks[1].title: warning: the title starts with "- ", which reads as a list item: a title is plain text; remove the marker`},
		{"reference title", top + "title = \"T\"\n[[references]]\nid = \"r1\"\ntitle.en = \"Advisory\\npart 2\"\n",
			`case.toml:8:7: references[1].title.en: warning: the title holds a line break: a title is one line of plain text; join its lines`},
		{"not a marker", top + "title = \"1.5 million records - leaked\"\ntags = [\"a\", \"ab\"]\n", ``},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			inc, _ := check(t, tt.src)
			if inc == nil {
				t.Fatalf("refused:\n%s", messages(t, tt.src))
			}
			if got := messages(t, tt.src); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
	// Kept in the incident, so that inc.Tags[i] is tags[i+1]; compose
	// prints each once.
	inc, _ := check(t, top+"title = \"T\"\ntags = [\"a\", \"b\", \"A\", \"b\"]\n")
	if strings.Join(inc.Tags, ",") != "a,b,A,b" {
		t.Errorf("tags %q, want them as listed", inc.Tags)
	}
}
