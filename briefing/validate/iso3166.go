package validate

import (
	"fmt"
	"strings"
)

// retiredCode is a two-letter code that looks like a country code but is
// not one of ISO 3166-1 today, with the codes to write instead.
type retiredCode struct {
	what  string   // what the code stands for
	until int      // the year ISO 3166-1 withdrew it (ISO 3166-3); 0 for a reserved code
	kind  string   // for a reserved code: why it is reserved
	write []string // the codes of today
}

// retired are the withdrawn codes (ISO 3166-3) and the codes ISO 3166-1
// reserves for other uses (exceptional and indeterminate reservations),
// each refused with a hint naming the codes of today. Withdrawn codes that
// ISO has since given to another country (BQ, BY, GE, SK, AI) are valid
// codes of that country, and not listed.
var retired = map[string]retiredCode{
	// Withdrawn.
	"AN": {what: "the Netherlands Antilles", until: 2010, write: []string{"BQ", "CW", "SX"}},
	"BU": {what: "Burma", until: 1989, write: []string{"MM"}},
	"CS": {what: "Serbia and Montenegro (and before 1993 Czechoslovakia)", until: 2006, write: []string{"RS", "ME", "CZ", "SK"}},
	"CT": {what: "the Canton and Enderbury Islands", until: 1984, write: []string{"KI"}},
	"DD": {what: "East Germany", until: 1990, write: []string{"DE"}},
	"DY": {what: "Dahomey", until: 1977, write: []string{"BJ"}},
	"FQ": {what: "the French Southern and Antarctic Territories", until: 1979, write: []string{"TF", "AQ"}},
	"FX": {what: "Metropolitan France", until: 1997, write: []string{"FR"}},
	"HV": {what: "Upper Volta", until: 1984, write: []string{"BF"}},
	"JT": {what: "Johnston Island", until: 1986, write: []string{"UM"}},
	"MI": {what: "the Midway Islands", until: 1986, write: []string{"UM"}},
	"NH": {what: "the New Hebrides", until: 1980, write: []string{"VU"}},
	"NQ": {what: "Dronning Maud Land", until: 1983, write: []string{"AQ"}},
	"NT": {what: "the Neutral Zone", until: 1993, write: []string{"IQ", "SA"}},
	"PC": {what: "the Trust Territory of the Pacific Islands", until: 1986, write: []string{"FM", "MH", "MP", "PW"}},
	"PU": {what: "the United States Miscellaneous Pacific Islands", until: 1986, write: []string{"UM"}},
	"PZ": {what: "the Panama Canal Zone", until: 1980, write: []string{"PA"}},
	"RH": {what: "Southern Rhodesia", until: 1980, write: []string{"ZW"}},
	"SU": {what: "the Soviet Union", until: 1992, write: []string{"AM", "AZ", "BY", "EE", "GE", "KG", "KZ", "LT", "LV", "MD", "RU", "TJ", "TM", "UA", "UZ"}},
	"TP": {what: "East Timor", until: 2002, write: []string{"TL"}},
	"VD": {what: "North Vietnam", until: 1977, write: []string{"VN"}},
	"WK": {what: "Wake Island", until: 1986, write: []string{"UM"}},
	"YD": {what: "South Yemen", until: 1990, write: []string{"YE"}},
	"YU": {what: "Yugoslavia", until: 2003, write: []string{"BA", "HR", "ME", "MK", "RS", "SI"}},
	"ZR": {what: "Zaire", until: 1997, write: []string{"CD"}},

	// Exceptionally reserved: parts of a country, and groups.
	"AC": {what: "Ascension Island", kind: "a part of Saint Helena", write: []string{"SH"}},
	"CP": {what: "Clipperton Island", kind: "a French island", write: []string{"FR"}},
	"CQ": {what: "Sark", kind: "a part of Guernsey", write: []string{"GG"}},
	"DG": {what: "Diego Garcia", kind: "a part of the British Indian Ocean Territory", write: []string{"IO"}},
	"EA": {what: "Ceuta and Melilla", kind: "Spanish cities", write: []string{"ES"}},
	"IC": {what: "the Canary Islands", kind: "Spanish islands", write: []string{"ES"}},
	"TA": {what: "Tristan da Cunha", kind: "a part of Saint Helena", write: []string{"SH"}},
	"UK": {what: "the United Kingdom", kind: "exceptionally, at its request", write: []string{"GB"}},
	"EU": {what: "the European Union", kind: "a group of countries"},
	"EZ": {what: "the eurozone", kind: "a group of countries"},
	"UN": {what: "the United Nations", kind: "a group of countries"},

	// Indeterminately reserved: international vehicle registration codes.
	"EW": {what: "Estonia", kind: "a vehicle registration code", write: []string{"EE"}},
	"FL": {what: "Liechtenstein", kind: "a vehicle registration code", write: []string{"LI"}},
	"JA": {what: "Jamaica", kind: "a vehicle registration code", write: []string{"JM"}},
	"LF": {what: "Libya (Fezzan)", kind: "a vehicle registration code", write: []string{"LY"}},
	"PI": {what: "the Philippines", kind: "a vehicle registration code", write: []string{"PH"}},
	"RA": {what: "Argentina", kind: "a vehicle registration code", write: []string{"AR"}},
	"RB": {what: "Bolivia and Botswana", kind: "a vehicle registration code", write: []string{"BO", "BW"}},
	"RC": {what: "China and Taiwan", kind: "a vehicle registration code", write: []string{"CN", "TW"}},
	"RI": {what: "Indonesia", kind: "a vehicle registration code", write: []string{"ID"}},
	"RL": {what: "Lebanon", kind: "a vehicle registration code", write: []string{"LB"}},
	"RM": {what: "Madagascar", kind: "a vehicle registration code", write: []string{"MG"}},
	"RN": {what: "Niger", kind: "a vehicle registration code", write: []string{"NE"}},
	"RP": {what: "the Philippines", kind: "a vehicle registration code", write: []string{"PH"}},
	"WG": {what: "Grenada", kind: "a vehicle registration code", write: []string{"GD"}},
	"WL": {what: "Saint Lucia", kind: "a vehicle registration code", write: []string{"LC"}},
	"WV": {what: "Saint Vincent", kind: "a vehicle registration code", write: []string{"VC"}},
	"YV": {what: "Venezuela", kind: "a vehicle registration code", write: []string{"VE"}},
}

// message says why code (as written: s) is refused and what to write.
func (r retiredCode) message(s string) string {
	var b strings.Builder
	if r.until > 0 {
		fmt.Fprintf(&b, "%q was %s, withdrawn from ISO 3166-1 in %d", s, r.what, r.until)
	} else {
		fmt.Fprintf(&b, "%q is not an ISO 3166-1 country code: it is reserved for %s (%s)", s, r.what, r.kind)
	}
	switch len(r.write) {
	case 0:
		b.WriteString("; write the codes of the countries meant")
	case 1:
		fmt.Fprintf(&b, "; write %s", r.write[0])
	default:
		fmt.Fprintf(&b, "; write the country of today: %s or %s", strings.Join(r.write[:len(r.write)-1], ", "), r.write[len(r.write)-1])
	}
	return b.String()
}
