package localize

// countryNames are the Japanese and English country names that replace
// display's (see the package documentation), by ISO 3166-1 alpha-2 code.
var countryNames = map[string]struct{ ja, en string }{
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

// countryOverride returns the name briefings in base ("ja" or "en") use
// for code where display's name is dated or reads oddly.
func countryOverride(base, code string) (string, bool) {
	n, ok := countryNames[code]
	switch {
	case !ok:
		return "", false
	case base == "ja" && n.ja != "":
		return n.ja, true
	case base == "en" && n.en != "":
		return n.en, true
	}
	return "", false
}
