package localize

import (
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// corrections are the names that differ from CLDR's (display's), by code:
// a briefing's Japanese and English name where it replaces display's (""
// where display's is kept). See the package documentation for why.
var corrections = map[string]struct{ ja, en string }{
	"AG": {"", "Antigua and Barbuda"},
	"BA": {"", "Bosnia and Herzegovina"},
	"BL": {"", "Saint Barthélemy"},
	"CC": {"ココス（キーリング）諸島", ""},
	"CD": {"コンゴ民主共和国", "Democratic Republic of the Congo"},
	"CG": {"コンゴ共和国", "Republic of the Congo"},
	"CI": {"", "Côte d'Ivoire"},
	"CV": {"", "Cabo Verde"},
	"GB": {"英国", ""},
	"GS": {"", "South Georgia and the South Sandwich Islands"},
	"HK": {"香港", "Hong Kong"},
	"HM": {"", "Heard Island and McDonald Islands"},
	"KN": {"セントクリストファー・ネービス", "Saint Kitts and Nevis"},
	"LC": {"", "Saint Lucia"},
	"MF": {"", "Saint Martin"},
	"MK": {"北マケドニア", "North Macedonia"},
	"MM": {"ミャンマー", "Myanmar"},
	"MO": {"マカオ", "Macao"},
	"PM": {"", "Saint Pierre and Miquelon"},
	"PS": {"パレスチナ", "Palestine"},
	"SH": {"", "Saint Helena"},
	"SJ": {"", "Svalbard and Jan Mayen"},
	"ST": {"", "Sao Tome and Principe"},
	"SZ": {"エスワティニ", "Eswatini"},
	"TC": {"", "Turks and Caicos Islands"},
	"TF": {"仏領南方・南極地域", ""},
	"TR": {"", "Türkiye"},
	"TT": {"", "Trinidad and Tobago"},
	"UM": {"", "United States Minor Outlying Islands"},
	"US": {"米国", ""},
	"VA": {"バチカン", ""},
	"VC": {"", "Saint Vincent and the Grenadines"},
	"VG": {"英領バージン諸島", ""},
	"VI": {"米領バージン諸島", ""},
	"WF": {"", "Wallis and Futuna"},
}

// cldrCountry is the name of the country code in lang as display gives it
// with the corrections: what Country returned when it asked display.
func cldrCountry(lang, code string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	b, _ := tag.Base()
	if n, ok := corrections[code]; ok {
		switch {
		case b.String() == "ja" && n.ja != "":
			return n.ja
		case b.String() == "en" && n.en != "":
			return n.en
		}
	}
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if n := display.Regions(tag).Name(r); n != "" {
		return n
	}
	if n := display.Regions(language.English).Name(r); n != "" {
		return n
	}
	return code
}

// TestCountriesFromCLDR checks the table against display's names with the
// corrections, in Japanese, English and each of their regional variants
// (en-GB, ja-JP, en-150, ...), and that it is sorted for the search.
func TestCountriesFromCLDR(t *testing.T) {
	t.Parallel()
	langs := []string{"ja", "en", "en-Latn-GB", "en-GB-oxendict", "en-u-ca-gregory", "ja-Jpan-JP", "en-001", "en-150", "en-419", "ja-001"}
	for _, c := range countries {
		langs = append(langs, "ja-"+c.code, "en-"+c.code)
	}
	for i, c := range countries {
		if i > 0 && countries[i-1].code >= c.code {
			t.Fatalf("countries: %s after %s", c.code, countries[i-1].code)
		}
		if r, err := language.ParseRegion(c.code); err != nil || !r.IsCountry() {
			t.Errorf("%s is not a country code", c.code)
		}
	}
	n := 0
	for _, lang := range langs {
		if _, err := language.Parse(lang); err != nil {
			continue
		}
		l := New(lang)
		for _, c := range countries {
			n++
			if got, want := l.Country(c.code), cldrCountry(lang, c.code); got != want {
				t.Errorf("New(%q).Country(%q) = %q, display with the corrections %q", lang, c.code, got, want)
			}
		}
	}
	if n < 100000 {
		t.Errorf("%d names checked", n)
	}
	for code := range corrections {
		if _, ok := countryNames(code); !ok {
			t.Errorf("correction of %s, which the table lacks", code)
		}
	}
}
