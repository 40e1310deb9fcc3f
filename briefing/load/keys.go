package load

import "strings"

// Kind is the shape of a key's value, as the "value" column of
// docs/format.md names it. Package validate checks the values; [Keys]
// only says what each key holds, for the loader's unknown-key check and
// for the JSON Schema editors read (package schema).
type Kind int

// The kinds of value of the incident format.
const (
	Table         Kind = iota + 1 // a table: [procurement]
	Tables                        // an array of tables: [[risks]]
	Text                          // a string, or a table of language tag → string
	Prose                         // a Text whose strings are Markdown in format 2
	ID                            // an id: 1 to 80 of a-z 0-9 . _ -, starting with a letter or digit
	RefID                         // the id of a [[references]] entry
	FormatNumber                  // the format version, an integer
	Date                          // a TOML local date: 2021-05-06, no quotes
	Period                        // "YYYY", "YYYY-MM", "YYYY-MM-DD" or a range A/B; or a TOML date
	Integer                       // an integer from Key.Min to Key.Max
	Tags                          // a list of strings
	Languages                     // a list of the languages briefings are made in
	TLP                           // a TLP 2.0 marking
	Severity                      // info, low, medium, high or critical
	Confidence                    // low, moderate or high
	Phases                        // a list of Cyber Kill Chain phases
	Techniques                    // a list of MITRE ATT&CK technique IDs
	Countries                     // a list of ISO 3166-1 alpha-2 codes
	Term                          // a countermeasure's term: short, mid or long
	URL                           // an http, https or mailto URL
	Lang                          // a BCP 47 language tag
	Free                          // anything: the user's own data
	String                        // a string in quotes, the same in every language
	Status                        // draft or final
	Timezone                      // an IANA time zone name such as Asia/Tokyo
	Moment                        // a date, or an offset date-time such as 2021-07-02T14:05:00+09:00
	IndicatorType                 // the type of an indicator of compromise
	CVE                           // a CVE id: CVE-YYYY-NNNN…
	CVSS                          // a CVSS v3.1 or v4.0 vector string
	Bool                          // true or false
	Path                          // a path relative to the incident file
	Section                       // the section a figure follows
	Fraction                      // a number from 0.1 to 1
)

// Key describes one key of the incident format.
type Key struct {
	// Path is the plain key path: "severity", "procurement.items.users"
	// (entries of an array of tables have no index).
	Path string
	Kind Kind
	// Required keys are reported missing by package validate when their
	// table (or the file, at the top level) lacks them.
	Required bool
	// Min and Max bound an Integer.
	Min, Max int64
	// Doc is a short English description for editors, from docs/format.md.
	Doc string
}

// Keys is every key of the incident format, tables first in file order,
// each table's keys in the order docs/format.md lists them.
//
// Adding a key to the format starts here: one line gives the loader the
// key (a key missing here is reported as unknown) and gives `briefing
// schema` its type and description; then add the field to [Raw], tagged
// with the key's name in the same place among its table's keys (the
// loader decodes and places values from those tags; TestKeysAreRaw checks
// that the two agree), and its rule to package validate. A new Kind also needs its JSON
// Schema in package schema, whose tests fail until it has one and until
// the samples and the skeleton validate.
var Keys = []Key{
	{Path: "format", Kind: FormatNumber, Required: true, Doc: "The incident format version: 2 (Markdown texts), or 1."},
	{Path: "id", Kind: ID, Required: true, Doc: "Names the output files (out/<id>.ja.pdf): 1 to 80 of a-z, 0-9, '.', '_', '-', starting with a letter or digit."},
	{Path: "date", Kind: Date, Required: true, Doc: "As-of date of the write-up, without quotes: date = 2021-05-06."},
	{Path: "updated", Kind: Date, Doc: "Date of the last revision, without quotes; not before date."},
	{Path: "title", Kind: Text, Required: true, Doc: "Title of the incident."},
	{Path: "summary", Kind: Prose, Required: true, Doc: "概要 / Summary."},
	{Path: "tlp", Kind: TLP, Doc: "Traffic Light Protocol 2.0 marking: CLEAR (the default), GREEN, AMBER, AMBER+STRICT or RED."},
	{Path: "severity", Kind: Severity, Doc: "Severity of the incident: info, low, medium, high or critical."},
	{Path: "confidence", Kind: Confidence, Doc: "Analytic confidence: low, moderate or high."},
	{Path: "tags", Kind: Tags, Doc: "Keywords, e.g. [\"ransomware\", \"MSP\"]."},
	{Path: "author", Kind: Text, Doc: "Author of the briefing."},
	{Path: "languages", Kind: Languages, Doc: "The briefings to make, e.g. [\"ja\", \"en\"]; default: the languages of title."},
	{Path: "impact", Kind: Prose, Doc: "被害の全容 / Impact."},
	{Path: "handling", Kind: Prose, Doc: "ハンドリング / Response and handling."},
	{Path: "review", Kind: Prose, Doc: "レビュー / Assessment."},
	{Path: "case", Kind: String, Doc: "Format 2: the ticket or case number, printed in the title block."},
	{Path: "status", Kind: Status, Doc: "Format 2: draft (下書き / DRAFT on every page) or final (the default)."},
	{Path: "timezone", Kind: Timezone, Doc: "Format 2: the IANA time zone times of day are printed in, e.g. Asia/Tokyo; default: the offset as written."},

	{Path: "timeline", Kind: Tables, Doc: "事案の経緯 / Background: one entry per event, printed in file order."},
	{Path: "timeline.when", Kind: Period, Doc: "When it happened: \"2019\", \"2019-04\", \"2019-04-21\" or a range \"2019-04/2019-05\"; in format 2 also a time of day with its offset, 2021-07-02T14:05:00+09:00 (no quotes)."},
	{Path: "timeline.text", Kind: Prose, Required: true, Doc: "What happened."},

	{Path: "procurement", Kind: Table, Doc: "The procurement table, with totals and a chart of products per country."},
	{Path: "procurement.caption", Kind: Text, Doc: "The table's caption."},
	{Path: "procurement.source", Kind: RefID, Doc: "The id of the reference the table comes from, printed under it."},
	{Path: "procurement.items", Kind: Tables, Required: true, Doc: "One row per purchase; at least one."},
	{Path: "procurement.items.ordered", Kind: Period, Required: true, Doc: "Date of the order: \"2019-04\" or a range \"2019-04/2019-05\"."},
	{Path: "procurement.items.product", Kind: Text, Required: true, Doc: "The product's name."},
	{Path: "procurement.items.vendor", Kind: Text, Doc: "The vendor."},
	{Path: "procurement.items.term_months", Kind: Integer, Required: true, Min: 1, Max: 1200, Doc: "Subscription length in months, 1 to 1200."},
	{Path: "procurement.items.users", Kind: Integer, Required: true, Min: 1, Max: 1<<31 - 1, Doc: "Number of user terminals, 1 to 2,147,483,647."},
	{Path: "procurement.items.country", Kind: Countries, Doc: "Supplier countries as ISO 3166-1 alpha-2 codes, e.g. [\"US\", \"JP\"]; [] when unknown."},

	{Path: "analysis", Kind: Table, Doc: "分析 / Analysis."},
	{Path: "analysis.method", Kind: Prose, Doc: "攻撃手法 / Attack method."},
	{Path: "analysis.kill_chain", Kind: Phases, Doc: "The Lockheed Martin Cyber Kill Chain phases to highlight."},
	{Path: "analysis.attack", Kind: Techniques, Doc: "MITRE ATT&CK technique IDs, T1190 or T1195.002; each links to attack.mitre.org."},
	{Path: "analysis.success_factors", Kind: Prose, Doc: "成功の要因 / Why it succeeded."},
	{Path: "analysis.actor", Kind: Prose, Doc: "見積もられる攻撃者 / Presumed actor."},
	{Path: "analysis.scenarios", Kind: Tables, Doc: "The attacker's intents considered, numbered ①② / 1. 2."},
	{Path: "analysis.scenarios.text", Kind: Prose, Required: true, Doc: "The scenario."},

	{Path: "risks", Kind: Tables, Doc: "予想されるリスク / Expected risks, printed as a 5×5 matrix and a list."},
	{Path: "risks.title", Kind: Text, Required: true, Doc: "Title of the risk."},
	{Path: "risks.text", Kind: Prose, Doc: "What could happen."},
	{Path: "risks.likelihood", Kind: Integer, Required: true, Min: 1, Max: 5, Doc: "Likelihood from 1 (lowest) to 5 (highest)."},
	{Path: "risks.impact", Kind: Integer, Required: true, Min: 1, Max: 5, Doc: "Impact from 1 (lowest) to 5 (highest)."},

	{Path: "countermeasures", Kind: Tables, Doc: "じ後の対策 / Countermeasures."},
	{Path: "countermeasures.term", Kind: Term, Required: true, Doc: "short (短期的対策 / Short term), mid or long (中長期的対策 / Mid to long term)."},
	{Path: "countermeasures.text", Kind: Prose, Required: true, Doc: "What to do."},
	{Path: "countermeasures.owner", Kind: Text, Doc: "Who does it."},

	{Path: "related", Kind: Tables, Doc: "関連知識 / Related knowledge."},
	{Path: "related.text", Kind: Prose, Required: true, Doc: "The item."},
	{Path: "related.url", Kind: URL, Doc: "A link: http://, https:// or mailto:."},

	{Path: "references", Kind: Tables, Doc: "関連情報・資料 / References, numbered in file order: 文献1 / [1]."},
	{Path: "references.id", Kind: ID, Required: true, Doc: "Unique in the file; texts cite it as [id]."},
	{Path: "references.title", Kind: Text, Required: true, Doc: "Title of the source."},
	{Path: "references.publisher", Kind: Text, Doc: "Publisher of the source."},
	{Path: "references.date", Kind: Date, Doc: "Publication date, without quotes."},
	{Path: "references.url", Kind: URL, Doc: "A link: http://, https:// or mailto:."},
	{Path: "references.accessed", Kind: Date, Doc: "Date the source was read, without quotes."},
	{Path: "references.lang", Kind: Lang, Doc: "The language of the source, a BCP 47 tag such as en or ja."},

	{Path: "indicators", Kind: Tables, Doc: "Format 2: 侵害指標（IOC） / Indicators of compromise, printed defanged and embedded as CSV and STIX 2.1."},
	{Path: "indicators.type", Kind: IndicatorType, Required: true, Doc: "ipv4, ipv6, cidr, domain, url, email, md5, sha1, sha256, sha512, file, registry or asn."},
	{Path: "indicators.value", Kind: String, Required: true, Doc: "The value as it is, not defanged: the briefing defangs it when printing."},
	{Path: "indicators.note", Kind: Text, Doc: "What the value is (a C2 server, the dropper)."},
	{Path: "indicators.first_seen", Kind: Moment, Doc: "First seen: a date or an offset date-time, without quotes."},
	{Path: "indicators.last_seen", Kind: Moment, Doc: "Last seen: a date or an offset date-time, without quotes."},

	{Path: "vulnerabilities", Kind: Tables, Doc: "Format 2: 悪用された脆弱性 / Exploited vulnerabilities, sorted by CVSS score."},
	{Path: "vulnerabilities.cve", Kind: CVE, Required: true, Doc: "The CVE id, e.g. CVE-2021-30116; links to its CVE record."},
	{Path: "vulnerabilities.cvss", Kind: CVSS, Doc: "The CVSS v3.1 or v4.0 vector string; the base score and severity are computed from it."},
	{Path: "vulnerabilities.product", Kind: Text, Doc: "The affected product."},
	{Path: "vulnerabilities.fixed_in", Kind: Text, Doc: "The version or patch that fixes it."},
	{Path: "vulnerabilities.exploited", Kind: Bool, Doc: "Known to be exploited in the wild."},
	{Path: "vulnerabilities.text", Kind: Prose, Doc: "Notes."},

	{Path: "figures", Kind: Tables, Doc: "Format 2: screenshots and diagrams, numbered 図1 / Figure 1."},
	{Path: "figures.file", Kind: Path, Required: true, Doc: "A PNG (screenshot) or JPEG (photograph), relative to the incident file; at most 50 MB, 50 megapixels and 1,000,000 pixels a side."},
	{Path: "figures.caption", Kind: Prose, Doc: "The caption under the figure."},
	{Path: "figures.alt", Kind: Text, Required: true, Doc: "What a reader who cannot see the picture needs; its alternate text."},
	{Path: "figures.after", Kind: Section, Doc: "The section it follows: summary, timeline, impact, handling, analysis (the default), risks or countermeasures."},
	{Path: "figures.width", Kind: Fraction, Doc: "Its width as a fraction of the text width, from 0.1 to 1 (the default)."},

	{Path: "x", Kind: Free, Doc: "Data of your own (ticket numbers, notes): briefing ignores it."},
}

// tables maps the plain path of each table ("" is the top level) to the
// names of its keys, in the order of Keys.
var tables = func() map[string][]string {
	m := map[string][]string{"": nil}
	for _, k := range Keys {
		table, name := "", k.Path
		if i := strings.LastIndexByte(k.Path, '.'); i >= 0 {
			table, name = k.Path[:i], k.Path[i+1:]
		}
		m[table] = append(m[table], name)
		if k.Kind == Table || k.Kind == Tables {
			if _, ok := m[k.Path]; !ok {
				m[k.Path] = nil
			}
		}
	}
	return m
}()

// allowed lists the keys allowed in each table, by plain path ("" is the
// top level); nil for a value: a key whose value is a text allows any
// language tag below it.
func allowed(table string) []string {
	return tables[table]
}

// FormatPath returns the longest leading part of a message's key path
// (risks[1].likelihood, title.en, x.ticket) that names a key of the
// format, indices kept: risks[1].likelihood, title, x. It is "" when the
// path starts with a key of the file's own (an unknown key), so that
// what it returns is the format's words and never the file's.
func FormatPath(path string) string {
	var plain []string
	best, off := "", 0
	for part := range strings.SplitSeq(path, ".") {
		name := part
		for strings.HasSuffix(name, "]") {
			i := strings.LastIndexByte(name, '[')
			if i < 0 || strings.Trim(name[i+1:len(name)-1], "0123456789") != "" || i+2 == len(name) {
				return best
			}
			name = name[:i]
		}
		plain = append(plain, name)
		if !formatKeys[strings.Join(plain, ".")] {
			return best
		}
		off += len(part)
		best = path[:off]
		off++ // the dot
	}
	return best
}

// formatKeys holds the path of every key of [Keys].
var formatKeys = func() map[string]bool {
	m := make(map[string]bool, len(Keys))
	for _, k := range Keys {
		m[k.Path] = true
	}
	return m
}()
