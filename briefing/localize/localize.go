// Package localize holds the language rules of a briefing: how dates,
// periods, terms, counts, numbers and country names are written, how
// citations, references and scenarios are labelled, and which line-breaking
// rules a language uses. Japanese ("ja") and English ("en") have their own
// formats; every other language uses the English formats, with country
// names still in that language where the CLDR data has them.
//
// A [Locale] is a small immutable value; make one with [New] and pass it
// around. The package keeps no state.
//
// # Country names
//
// Country names are a table of the codes a briefing can name (ISO 3166-1
// and XK), in Japanese and English (countries.go). They are the CLDR names
// of golang.org/x/text/language/display, corrected where its data is dated
// or reads oddly in a briefing:
//
//   - current names: Eswatini / エスワティニ (2018), North Macedonia /
//     北マケドニア (2019), Türkiye (ISO 3166-1 since 2022; トルコ in
//     Japanese, as the Ministry of Foreign Affairs writes it), Cabo Verde;
//   - English in the words of the ISO 3166-1 short names: "and" and
//     "Saint", not "&" and "St.", without the formal qualifiers ("(the)",
//     "(Plurinational State of)") and with the short names news and
//     governments use (Russia, South Korea, Iran, Vietnam);
//   - Japanese as the Ministry of Foreign Affairs writes countries (米国,
//     英国, セントクリストファー・ネービス, バチカン, バージン without ヴ)
//     and JIS X 0304 territories (仏領南方・南極地域), with full-width
//     parentheses;
//   - no alias, capital or status in parentheses (ミャンマー, not
//     ミャンマー (ビルマ); Democratic Republic of the Congo, not Congo -
//     Kinshasa; Hong Kong, not Hong Kong SAR China);
//   - no name holds the list separator: BQ is Caribbean Netherlands /
//     オランダ領カリブ and SH Saint Helena / セントヘレナ, as their ISO
//     names ("Bonaire, Sint Eustatius and Saba") would read as several
//     countries in a list.
//
// Every other language, which briefings are not made in, gets the English
// names. The tests hold every code's expected Japanese and English name
// and check the table against display's names in every regional variant
// of Japanese and English.
package localize

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"briefing/briefing/layout"
	"briefing/briefing/model"
)

// Locale formats values for one language.
type Locale struct {
	tag  language.Tag
	base string // "ja", "en", or another base language using en formats
	ja   bool   // Japanese formats
}

// New returns the locale for the BCP 47 tag lang ("ja", "en", "ja-JP",
// "zh-Hant"...). A tag that does not parse gives English. A tag is parsed
// once in a process (up to maxLocales tags): composing one briefing asks
// for the locale of its language and of its texts' languages tens of
// times.
func New(lang string) Locale {
	if l, ok := locales.Load(lang); ok {
		return l.(Locale)
	}
	l := parse(lang)
	if len(lang) <= 35 && localesKept.Add(1) <= maxLocales {
		locales.Store(lang, l)
	}
	return l
}

// locales are the locales New made, by tag as given; localesKept counts
// them, so that a run over files with many odd tags keeps no more than
// maxLocales.
var (
	locales     sync.Map // string → Locale
	localesKept atomic.Int32
)

const maxLocales = 64

// parse makes the locale of lang.
func parse(lang string) Locale {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	b, _ := tag.Base()
	return Locale{tag: tag, base: b.String(), ja: b.String() == "ja"}
}

// Lang returns the base language of l, e.g. "ja" for "ja-JP".
func (l Locale) Lang() string { return l.base }

// Text returns t in lang, or else in lang's base language (ja for ja-JP),
// as a briefing in lang shows it. As with [model.Text.In], translated is
// false when another language's text was returned instead.
func Text(t model.Text, lang string) (s string, translated bool) {
	s, ok := t.In(lang)
	if ok {
		return s, true
	}
	if base := New(lang).Lang(); base != lang {
		if b, ok := t.In(base); ok {
			return b, true
		}
	}
	return s, false
}

// Tag returns the language tag of l.
func (l Locale) Tag() language.Tag { return l.tag }

// Breaking returns the line-breaking rules of the language: Japanese for
// Japanese and Chinese, Latin otherwise.
func (l Locale) Breaking() layout.Breaking {
	switch l.base {
	case "ja", "zh":
		return layout.Japanese
	}
	return layout.Latin
}

// monthName is the English name of month m (1–12).
func monthName(m int) string {
	months := [...]string{"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"}
	if m < 1 || m > 12 {
		return strconv.Itoa(m)
	}
	return months[m-1]
}

// Date formats a date: 2021年5月6日 / 6 May 2021. Month and Day may be 0
// for a date known only to the year or month (2019年1月 / January 2019).
// The zero date is "".
func (l Locale) Date(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	if l.ja {
		s := fmt.Sprintf("%d年", d.Year)
		if d.Month > 0 {
			s += fmt.Sprintf("%d月", d.Month)
			if d.Day > 0 {
				s += fmt.Sprintf("%d日", d.Day)
			}
		}
		return s
	}
	switch {
	case d.Month == 0:
		return strconv.Itoa(d.Year)
	case d.Day == 0:
		return monthName(d.Month) + " " + strconv.Itoa(d.Year)
	}
	return strconv.Itoa(d.Day) + " " + monthName(d.Month) + " " + strconv.Itoa(d.Year)
}

// Period formats a `when` value. A single date is formatted as by
// [Locale.Date]; a range leaves out what its end shares with its start:
// 2019年4月～5月, 2019年4月～2020年3月, 2021年5月6日～8日 / April–May 2019,
// April 2019 – March 2020, 6–8 May 2021, 2019–2020. The zero period is "".
func (l Locale) Period(p model.Period) string {
	a, b := p.From, p.To
	if a.IsZero() {
		return ""
	}
	if b.IsZero() || b == a {
		return l.Date(a)
	}
	samePrec := (a.Month == 0) == (b.Month == 0) && (a.Day == 0) == (b.Day == 0)
	if l.ja {
		const sep = "～"
		if samePrec && a.Year == b.Year && a.Month > 0 {
			if a.Day > 0 && a.Month == b.Month {
				return l.Date(a) + sep + fmt.Sprintf("%d日", b.Day)
			}
			end := fmt.Sprintf("%d月", b.Month)
			if b.Day > 0 {
				end += fmt.Sprintf("%d日", b.Day)
			}
			return l.Date(a) + sep + end
		}
		return l.Date(a) + sep + l.Date(b)
	}
	const dash, spaced = "–", " – "
	if samePrec {
		switch {
		case a.Month == 0:
			return strconv.Itoa(a.Year) + dash + strconv.Itoa(b.Year)
		case a.Year == b.Year && a.Day == 0:
			return monthName(a.Month) + dash + l.Date(b)
		case a.Year == b.Year && a.Month == b.Month:
			return strconv.Itoa(a.Day) + dash + l.Date(b)
		case a.Year == b.Year:
			return strconv.Itoa(a.Day) + " " + monthName(a.Month) + spaced + l.Date(b)
		}
	}
	return l.Date(a) + spaced + l.Date(b)
}

// singular reports whether n takes the singular in English, by the CLDR
// plural rules.
func singular(n int) bool {
	return plural.Cardinal.MatchPlural(language.English, n, 0, 0, 0, 0) == plural.One
}

// count writes n with a unit: ja appends the counter ("20台"), other
// languages "20 terminals" with the plural chosen by CLDR rules.
func (l Locale) count(n int, ja, one, other string) string {
	if l.ja {
		return l.Number(n) + ja
	}
	if singular(n) {
		return l.Number(n) + " " + one
	}
	return l.Number(n) + " " + other
}

// Term formats a subscription term given in months: 1年, 2年, 6か月,
// 1年6か月 / 1 year, 2 years, 6 months, 1 year 6 months.
func (l Locale) Term(months int) string {
	y, m := months/12, months%12
	var parts []string
	if y > 0 || m == 0 {
		parts = append(parts, l.count(y, "年", "year", "years"))
	}
	if m > 0 {
		parts = append(parts, l.count(m, "か月", "month", "months"))
	}
	if l.ja {
		return strings.Join(parts, "")
	}
	return strings.Join(parts, " ")
}

// Users formats a number of user terminals: 20台 / 20 terminals, 1 terminal.
func (l Locale) Users(n int) string { return l.count(n, "台", "terminal", "terminals") }

// Products formats a number of products: 14製品 / 14 products.
func (l Locale) Products(n int) string { return l.count(n, "製品", "product", "products") }

// CountryCount formats a number of countries: 6か国 / 6 countries.
func (l Locale) CountryCount(n int) string { return l.count(n, "か国", "country", "countries") }

// Index writes the number of a page, reference, risk or list item: digits
// without grouping in both languages, as page and item numbers are printed
// (page 1000, 文献1000). Quantities are written by [Locale.Number].
func (l Locale) Index(n int) string { return strconv.Itoa(n) }

// Number formats a quantity (products, terminals, incidents) with the digit
// grouping of the briefing: 1,234 in Japanese and English alike. Every
// quantity a briefing prints is written by it; numbers of pages and items
// by [Locale.Index].
func (l Locale) Number(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Country returns the name of the country with ISO 3166-1 alpha-2 code
// code in the briefing's language: RU is ロシア / Russia (see the package
// documentation). A code that the table has no name for is returned in
// upper case.
func (l Locale) Country(code string) string {
	code = strings.ToUpper(code)
	n, ok := countryNames(code)
	switch {
	case !ok:
		return code
	case l.ja:
		return n.ja
	case code == "VI" && !usDotted(l.region()):
		return "US Virgin Islands"
	}
	return n.en
}

// region is the region l's tag names ("GB" of en-GB), or "" when it names
// none.
func (l Locale) region() string {
	r, conf := l.tag.Region()
	if conf != language.Exact {
		return ""
	}
	return r.String()
}

// Countries returns the names of the given countries joined by the
// language's list separator (ロシア、ドイツ / Russia, Germany), or unknown
// when there are none.
func (l Locale) Countries(codes []string, unknown string) string {
	if len(codes) == 0 {
		return unknown
	}
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = l.Country(c)
	}
	return l.Join(names)
}

// Separator is the language's list separator: "、" / ", ".
func (l Locale) Separator() string {
	if l.ja {
		return "、"
	}
	return ", "
}

// Join joins items with the language's list separator: a、b / a, b.
func (l Locale) Join(items []string) string { return strings.Join(items, l.Separator()) }

// Label joins a label and its value: 出典：文献1 / Source: [1].
func (l Locale) Label(label, value string) string {
	if l.ja {
		return label + "：" + value
	}
	return label + ": " + value
}

// Citation is how a citation of reference n (1-based) reads in running
// text: （文献1） / [1].
func (l Locale) Citation(n int) string {
	if l.ja {
		return "（文献" + l.Index(n) + "）"
	}
	return "[" + l.Index(n) + "]"
}

// Reference is the label of reference n (1-based) in the reference list
// and in a source line: 文献1 / [1].
func (l Locale) Reference(n int) string {
	if l.ja {
		return "文献" + l.Index(n)
	}
	return "[" + l.Index(n) + "]"
}

// Scenario is the marker of the n-th (1-based) numbered scenario: ①, ②…
// (circled numbers up to ㊿, then "(51)") in Japanese, "1.", "2." otherwise.
func (l Locale) Scenario(n int) string {
	if !l.ja {
		return l.Index(n) + "."
	}
	switch {
	case n >= 1 && n <= 20:
		return string(rune(0x2460 + n - 1))
	case n >= 21 && n <= 35:
		return string(rune(0x3251 + n - 21))
	case n >= 36 && n <= 50:
		return string(rune(0x32B1 + n - 36))
	}
	return "(" + l.Index(n) + ")"
}

// Bullet is the marker of a bullet list item: "•" in every language.
// Japanese writing often uses ・ (U+30FB), but ・ is one of the characters
// a Japanese line must not start with, and checks of the extracted text
// (and screen readers) would take the marker for a kinsoku error.
func (l Locale) Bullet() string { return "•" }
