package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"briefing/briefing/diag"
	"briefing/briefing/load"
	"briefing/briefing/model"
)

// head is a valid top level; cases add to it or write their own.
const head = `format = 1
id = "t"
date = 2021-05-06
title = "T"
summary = "S"
`

// ref is a reference that cases may cite as [r1].
const ref = `
[[references]]
id = "r1"
title = "R"
`

// check runs load and validate on src as file "case.toml".
func check(t *testing.T, src string) (*model.Incident, diag.List) {
	t.Helper()
	raw, ds := load.Read("case.toml", strings.NewReader(src))
	inc, vds := Incident(raw)
	ds = append(ds, vds...)
	if ds.HasErrors() {
		inc = nil
	}
	return inc, ds
}

// markedLine is the line of src that ends with the comment "#!".
func markedLine(t *testing.T, src string) int {
	t.Helper()
	for i, l := range strings.Split(src, "\n") {
		if strings.HasSuffix(l, "#!") {
			return i + 1
		}
	}
	t.Fatalf("case has no line marked #!:\n%s", src)
	return 0
}

// TestRules has one case per rule of the format: the file is refused with
// exactly one error, at the line marked "#!", naming key, and saying msg.
func TestRules(t *testing.T) {
	tests := []struct {
		name string
		src  string
		key  string
		msg  string
	}{
		{"missing format", "id = \"t\" #!\ndate = 2021-05-06\ntitle = \"T\"\nsummary = \"S\"\n", "format", "missing"},
		{"format 3", "format = 3 #!\nid = \"t\"\ndate = 2021-05-06\ntitle = \"T\"\nsummary = \"S\"\n", "format", "reads formats 1 to 2, not 3"},
		{"format as string", "format = \"1\" #!\nid = \"t\"\ndate = 2021-05-06\ntitle = \"T\"\nsummary = \"S\"\n", "format", "must be the integer 1 or 2, written without quotes, not a string"},
		{"format as float", "format = 1.0 #!\nid = \"t\"\ndate = 2021-05-06\ntitle = \"T\"\nsummary = \"S\"\n", "format", "not a number with a fraction"},
		{"missing id", "format = 1 #!\ndate = 2021-05-06\ntitle = \"T\"\nsummary = \"S\"\n", "id", "missing"},
		{"id with slash", "format = 1\nid = \"a/b\" #!\ndate = 2021-05-06\ntitle = \"T\"\nsummary = \"S\"\n", "id", `"a/b" cannot be an id`},
		{"id with dots", "format = 1\nid = \"../x\" #!\ndate = 2021-05-06\ntitle = \"T\"\nsummary = \"S\"\n", "id", `"../x" cannot be an id`},
		{"id upper case", "format = 1\nid = \"Kaseya\" #!\ndate = 2021-05-06\ntitle = \"T\"\nsummary = \"S\"\n", "id", "cannot be an id"},
		{"id wrong type", "format = 1\nid = 7 #!\ndate = 2021-05-06\ntitle = \"T\"\nsummary = \"S\"\n", "id", "must be a string in quotes, not an integer"},
		{"missing date", "format = 1 #!\nid = \"t\"\ntitle = \"T\"\nsummary = \"S\"\n", "date", "missing"},
		{"date with time", "format = 1\nid = \"t\"\ndate = 2021-05-06T10:00:00 #!\ntitle = \"T\"\nsummary = \"S\"\n", "date", "without a time"},
		{"date with offset", "format = 1\nid = \"t\"\ndate = 2021-05-06T10:00:00+09:00 #!\ntitle = \"T\"\nsummary = \"S\"\n", "date", "without a time or time zone"},
		{"date of year 0", "format = 1\nid = \"t\"\ndate = 0000-01-01 #!\ntitle = \"T\"\nsummary = \"S\"\n", "date", "0000-01-01: the year 0000 is no year of the calendar; write the date as e.g. date = 2021-05-06"},
		{"updated of year 0", head + "updated = 0000-12-31 #!\n", "updated", "0000-12-31: the year 0000 is no year of the calendar"},
		{"when of year 0", head + "[[timeline]]\nwhen = \"0000-05\" #!\ntext = \"x\"\n", "timeline[1].when", `"0000-05" is not a date or period`},
		{"when a date of year 0", head + "[[timeline]]\nwhen = 0000-05-01 #!\ntext = \"x\"\n", "timeline[1].when", "the year 0000 is no year of the calendar"},
		{"date a time", "format = 1\nid = \"t\"\ndate = 00:00:00 #!\ntitle = \"T\"\nsummary = \"S\"\n", "date", "must be a date, not a time of day, e.g. date = 2021-05-06"},
		{"updated a time", head + "updated = 10:30:00 #!\n", "updated", "must be a date, not a time of day, e.g. updated = 2021-05-06"},
		{"date in quotes", "format = 1\nid = \"t\"\ndate = \"2021-05-06\" #!\ntitle = \"T\"\nsummary = \"S\"\n", "date", "without quotes"},
		{"updated before date", head + "updated = 2021-05-01 #!\n", "updated", "2021-05-01 is before date 2021-05-06"},
		{"missing title", "format = 1 #!\nid = \"t\"\ndate = 2021-05-06\nsummary = \"S\"\n", "title", "missing"},
		{"missing summary", "format = 1 #!\nid = \"t\"\ndate = 2021-05-06\ntitle = \"T\"\n", "summary", "missing; every incident needs a summary"},
		{"empty summary", "format = 1\nid = \"t\"\ndate = 2021-05-06\ntitle = \"T\"\nsummary = \"\" #!\n", "summary", "is empty"},
		{"summary wrong type", "format = 1\nid = \"t\"\ndate = 2021-05-06\ntitle = \"T\"\nsummary = 3 #!\n", "summary", "must be a string, or one string per language"},
		{"text language not a tag", "format = 1\nid = \"t\"\ndate = 2021-05-06\ntitle.japanese = \"T\" #!\nsummary = \"S\"\n", "title.japanese", `"japanese" is not a language tag`},
		{"text language twice", "format = 1\nid = \"t\"\ndate = 2021-05-06\ntitle.en = \"T\"\ntitle.EN = \"T\" #!\nsummary = \"S\"\n", "title.EN", "given twice"},
		{"text language not a string", "format = 1\nid = \"t\"\ndate = 2021-05-06\ntitle.en = 1 #!\nsummary = \"S\"\n", "title.en", "must be a string"},
		{"control character in title", "format = 1\nid = \"t\"\ndate = 2021-05-06\ntitle.ja = \"ベル\\u0007\" #!\nsummary = \"S\"\n", "title.ja", "control character U+0007"},
		{"C1 control character", head + "review = \"a\\u0085b\" #!\n", "review", "control character U+0085"},
		{"tlp", head + "tlp = \"ORANGE\" #!\n", "tlp", `"ORANGE" is not one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED`},
		{"tlp white", head + "tlp = \"WHITE\" #!\n", "tlp", `"WHITE" is TLP 1.0; write CLEAR`},
		{"severity", head + "severity = \"hgih\" #!\n", "severity", `"hgih" is not one of info, low, medium, high, critical`},
		{"confidence", head + "confidence = \"certain\" #!\n", "confidence", "is not one of low, moderate, high"},
		{"tags not a list", head + "tags = \"a\" #!\n", "tags", "must be a list"},
		{"empty tag", head + "tags = [\"a\", \"\"] #!\n", "tags[2]", "a tag cannot be empty"},
		{"blank tag", head + "tags = [\"a\", \" \\n \"] #!\n", "tags[2]", "a tag cannot be empty"},
		{"languages tag", head + "languages = [\"ja\", \"english\"] #!\n", "languages[2]", `"english" is not a language tag`},
		{"languages twice", head + "languages = [\"ja\", \"ja\"] #!\n", "languages[2]", "listed twice"},
		{"languages empty", head + "languages = [] #!\n", "languages", "lists no language"},
		{"when", head + "[[timeline]]\nwhen = \"2019-13\" #!\ntext = \"x\"\n", "timeline[1].when", `"2019-13" is not a date or period`},
		{"when range backwards", head + "[[timeline]]\nwhen = \"2019-05/2019-04\" #!\ntext = \"x\"\n", "timeline[1].when", "the end comes before the start"},
		{"timeline text missing", head + "[[timeline]]\nwhen = \"2019\"\ntext = \"x\"\n[[timeline]] #!\nwhen = \"2020\"\n", "timeline[2].text", "missing"},
		{"users zero", head + ref + "[[procurement.items]]\nordered = \"2019\"\nproduct = \"P\"\nterm_months = 12\nusers = 0 #!\n", "procurement.items[1].users", "0 is out of range"},
		{"users too many", head + ref + "[[procurement.items]]\nordered = \"2019\"\nproduct = \"P\"\nterm_months = 12\nusers = 2147483648 #!\n", "procurement.items[1].users", "2147483648 is out of range: must be a whole number of terminals from 1 to 2,147,483,647"},
		{"term_months fraction", head + "[[procurement.items]]\nordered = \"2019\"\nproduct = \"P\"\nterm_months = 1.5 #!\nusers = 1\n", "procurement.items[1].term_months", "not a number with a fraction"},
		{"users missing", head + "[[procurement.items]] #!\nordered = \"2019\"\nproduct = \"P\"\nterm_months = 1\n[[procurement.items]]\nordered = \"2019\"\nproduct = \"P\"\nterm_months = 1\nusers = 1\n", "procurement.items[1].users", "missing"},
		{"country not ISO", head + "[[procurement.items]]\nordered = \"2019\"\nproduct = \"P\"\nterm_months = 1\nusers = 1\ncountry = [\"RU\", \"ZZ\"] #!\n", "procurement.items[1].country[2]", `"ZZ" is not a country code`},
		{"country UK", head + "[[procurement.items]]\nordered = \"2019\"\nproduct = \"P\"\nterm_months = 1\nusers = 1\ncountry = [\"UK\"] #!\n", "procurement.items[1].country[1]", "reserved for the United Kingdom (exceptionally, at its request); write GB"},
		{"country twice", head + "[[procurement.items]]\nordered = \"2019\"\nproduct = \"P\"\nterm_months = 1\nusers = 1\ncountry = [\"us\", \"US\"] #!\n", "procurement.items[1].country[2]", "the country US is listed twice"},
		{"country group", head + "[[procurement.items]]\nordered = \"2019\"\nproduct = \"P\"\nterm_months = 1\nusers = 1\ncountry = [\"EU\"] #!\n", "procurement.items[1].country[1]", `"EU" is not an ISO 3166-1 country code: it is reserved for the European Union (a group of countries)`},
		{"procurement source", head + ref + "[procurement]\nsource = \"r9\" #!\n[[procurement.items]]\nordered = \"2019\"\nproduct = \"P\"\nterm_months = 1\nusers = 1\n", "procurement.source", `"r9" is not the id of a [[references]] entry; the references are r1`},
		{"procurement without rows", head + "[procurement] #!\ncaption = \"C\"\n", "procurement.items", "at least one"},
		{"kill chain", head + "[analysis]\nkill_chain = [\"recon\"] #!\n", "analysis.kill_chain[1]", `"recon" is not one of reconnaissance, weaponization`},
		{"attack id", head + "[analysis]\nattack = [\"T1195\", \"T1195.2\"] #!\n", "analysis.attack[2]", `"T1195.2" is not a MITRE ATT&CK technique ID`},
		{"likelihood 7", head + "[[risks]]\ntitle = \"R\"\nlikelihood = 7 #!\nimpact = 1\n", "risks[1].likelihood", "7 is out of range: must be an integer from 1 (lowest) to 5 (highest)"},
		{"impact 0", head + "[[risks]]\ntitle = \"R\"\nlikelihood = 1\nimpact = 0 #!\n", "risks[1].impact", "0 is out of range"},
		{"impact missing", head + "[[risks]] #!\ntitle = \"R\"\nlikelihood = 1\n", "risks[1].impact", "missing"},
		{"term", head + "[[countermeasures]]\nterm = \"later\" #!\ntext = \"x\"\n", "countermeasures[1].term", `"later" is not one of short, mid, long`},
		{"javascript URL", head + "[[related]]\ntext = \"x\"\nurl = \"javascript:alert(1)\" #!\n", "related[1].url", `"javascript:alert(1)" is not allowed: a URL must start with http://, https:// or mailto:`},
		{"file URL", head + "[[references]]\nid = \"r1\"\ntitle = \"R\"\nurl = \"file:///etc/passwd\" #!\n", "references[1].url", "is not allowed"},
		{"URL without host", head + "[[related]]\ntext = \"x\"\nurl = \"https:///x\" #!\n", "related[1].url", "has no host name"},
		{"reference id twice", head + ref + "[[references]]\nid = \"r1\" #!\ntitle = \"S\"\n", "references[2].id", `the id "r1" is already used by references[1]`},
		{"reference id form", head + "[[references]]\nid = \"Ref 1\" #!\ntitle = \"S\"\n", "references[1].id", "cannot be a reference id"},
		{"reference lang", head + "[[references]]\nid = \"r1\"\ntitle = \"S\"\nlang = \"Japanese\" #!\n", "references[1].lang", "is not a language tag"},
		{"reference accessed", head + "[[references]]\nid = \"r1\"\ntitle = \"S\"\naccessed = 2021-13-01 #!\n", "references[1].accessed", "TOML syntax error: invalid datetime"},
		{"citation of a missing reference", head + "impact = \"\"\"\nfirst line\nsee [r2]\"\"\" #!\n" + ref, "impact", "cites [r2], but no [[references]] entry has id = \"r2\"; the references are r1"},
		{"citation in a language", "format = 1\nid = \"t\"\ndate = 2021-05-06\ntitle = \"T\"\nsummary.en = \"S [nope]\" #!\n", "summary.en", "the file has no references"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			inc, ds := check(t, tt.src)
			if inc != nil {
				t.Errorf("the file was accepted")
			}
			var errs diag.List
			for _, d := range ds {
				if d.Severity == diag.Error {
					errs = append(errs, d)
				}
			}
			if len(errs) != 1 {
				t.Fatalf("want 1 error, got %d:\n%v", len(errs), errs)
			}
			d := errs[0]
			want := markedLine(t, tt.src)
			if d.File != "case.toml" || d.Line != want || d.Key != tt.key || !strings.Contains(d.Message, tt.msg) {
				t.Errorf("got  %s\nwant case.toml:%d:…: %s: …%s…", d, want, tt.key, tt.msg)
			}
			if d.Col < 1 {
				t.Errorf("no column: %s", d)
			}
		})
	}
}

// TestAllErrors checks that every problem of a file is reported, in order.
func TestAllErrors(t *testing.T) {
	src := `format = 3
id = "a/b"
date = 2021-05-06
updated = 2021-05-01
title = "T"
[[risks]]
title = "R"
likelihood = 7
impact = 9
`
	_, ds := check(t, src)
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%d:%d %s", d.Line, d.Col, d.Key))
	}
	want := []string{"1:1 summary", "1:10 format", "2:6 id", "4:11 updated", "8:14 risks[1].likelihood", "9:10 risks[1].impact"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s\n%v", strings.Join(got, "\n"), strings.Join(want, "\n"), ds)
	}
}

// TestValues checks the incident built from a file: defaults, normalized
// text, languages in file order, sources, periods.
func TestValues(t *testing.T) {
	src := "format = 1\nid = \"t\"\ndate = 2021-05-06\n" +
		"title.en = \"E\"\ntitle.ja = \"J\"\n" +
		"summary = \"Cafe\u0301\\r\\nline [r1]\"\n" +
		"severity = \"HIGH\"\n" +
		ref +
		"[[procurement.items]]\nordered = \"2019-04/2019-05\"\nproduct = \"P\"\nterm_months = 24\nusers = 30\ncountry = [\"us\", \"JP\"]\n"
	inc, ds := check(t, src)
	if inc == nil {
		t.Fatalf("refused:\n%v", ds)
	}
	if got, want := inc.Languages, []string{"en", "ja"}; !reflect.DeepEqual(got, want) {
		t.Errorf("languages %v, want %v (the title's, in file order)", got, want)
	}
	if inc.TLP != model.TLPClear || inc.Severity != "high" {
		t.Errorf("tlp %q severity %q", inc.TLP, inc.Severity)
	}
	if inc.Summary.Plain != "Caf\u00e9\nline [r1]" {
		t.Errorf("summary %q: want NFC and \\n line breaks", inc.Summary.Plain)
	}
	if s := inc.Summary.Source; s.Key != "summary" || s.Pos != (model.Pos{Line: 6, Col: 1}) {
		t.Errorf("summary source %+v", s)
	}
	if s := inc.Title.Source; s.Key != "title" || s.Pos.Line != 4 {
		t.Errorf("title source %+v", s)
	}
	if s := inc.Title.Langs[1].Source; s.Key != "title.ja" || s.Pos != (model.Pos{Line: 5, Col: 7}) {
		t.Errorf("title.ja source %+v", s)
	}
	p := inc.Procurement.Items[0]
	if p.Source.Key != "procurement.items[1]" || p.Source.Pos.Line != 12 {
		t.Errorf("purchase source %+v", p.Source)
	}
	if want := (model.Period{From: model.Date{Year: 2019, Month: 4}, To: model.Date{Year: 2019, Month: 5}}); p.Ordered != want {
		t.Errorf("ordered %+v", p.Ordered)
	}
	if !reflect.DeepEqual(p.Countries, []string{"US", "JP"}) {
		t.Errorf("countries %v", p.Countries)
	}
	if p.Product.Source.Key != "procurement.items[1].product" || p.Product.Source.Pos.Line != 14 {
		t.Errorf("product source %+v", p.Product.Source)
	}
}

// TestTab checks that a tab, which the format allows in a text, is kept as
// a space: no font has a glyph for a tab, so it would otherwise refuse the
// briefing as a character that cannot be drawn.
func TestTab(t *testing.T) {
	inc, ds := check(t, head+"impact = \"a\\tb\"\nreview = \"\"\"\nc\td\"\"\"\n")
	if inc == nil {
		t.Fatalf("refused:\n%v", ds)
	}
	if inc.Impact.Plain != "a b" || inc.Review.Plain != "c d" {
		t.Errorf("impact %q, review %q: want the tabs as spaces", inc.Impact.Plain, inc.Review.Plain)
	}
}

// TestTagSpaces checks that a tag is one line without outer spaces: the
// tags are printed on one line and written to the PDF's keywords.
func TestTagSpaces(t *testing.T) {
	inc, ds := check(t, head+"tags = [\"supply\\nchain\", \" MSP \"]\n")
	if inc == nil {
		t.Fatalf("refused:\n%v", ds)
	}
	if got, want := inc.Tags, []string{"supply chain", "MSP"}; !reflect.DeepEqual(got, want) {
		t.Errorf("tags %q, want %q", got, want)
	}
}

func TestPlainTitleLanguages(t *testing.T) {
	inc, ds := check(t, head)
	if inc == nil {
		t.Fatal(ds)
	}
	if !reflect.DeepEqual(inc.Languages, []string{"ja", "en"}) {
		t.Errorf("languages %v, want [ja en]", inc.Languages)
	}
}

func TestTranslations(t *testing.T) {
	inc, ds := check(t, "format = 1\nid = \"t\"\ndate = 2021-05-06\ntitle.ja = \"J\"\ntitle.en = \"E\"\nsummary.ja = \"S\"\n")
	if inc == nil {
		t.Fatal(ds)
	}
	ws := Translations(inc, inc.Languages, false)
	if len(ws) != 1 || ws[0].Severity != diag.Warning || ws[0].Key != "summary" || ws[0].Line != 6 || !strings.Contains(ws[0].Message, "no en text") {
		t.Errorf("got %v", ws)
	}
	if es := Translations(inc, inc.Languages, true); !es.HasErrors() {
		t.Errorf("--strict: got %v", es)
	}
}

// TestSamples checks that the samples are valid and complete.
func TestSamples(t *testing.T) {
	files, _ := filepath.Glob("../../samples/*.toml")
	if len(files) < 2 {
		t.Fatalf("samples: %v", files)
	}
	for _, f := range files {
		raw, ds := load.File(f)
		inc, vds := Incident(raw)
		ds = append(ds, vds...)
		if inc == nil || len(ds) > 0 {
			t.Errorf("%s:\n%v", f, ds)
			continue
		}
		if w := Translations(inc, []string{"ja", "en"}, true); len(w) > 0 {
			t.Errorf("%s: untranslated:\n%v", f, w)
		}
		if inc.ID == "pla-61419-antivirus" {
			if n := len(inc.Procurement.Items); n != 14 {
				t.Errorf("%s: %d procurement rows, want the seed's 14", f, n)
			}
			if len(inc.References) < 2 || inc.References[0].Date.String() != "2021-05-05" {
				t.Errorf("%s: references %+v", f, inc.References)
			}
		}
	}
}

func TestSkeleton(t *testing.T) {
	b, err := os.ReadFile("../../templates/skeleton.toml")
	if err != nil {
		t.Fatal(err)
	}
	inc, ds := check(t, string(b))
	if inc == nil || len(ds) > 0 {
		t.Fatalf("skeleton:\n%v", ds)
	}
	if inc.Procurement == nil || inc.Analysis == nil || len(inc.Timeline) == 0 || len(inc.Risks) == 0 ||
		len(inc.Countermeasures) == 0 || len(inc.Related) == 0 || len(inc.References) == 0 {
		t.Errorf("the skeleton leaves out a section")
	}
}

// TestDocsExample checks that the complete example of docs/format.md is
// valid, translated and uses every section.
func TestDocsExample(t *testing.T) {
	b, err := os.ReadFile("../../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i := strings.Index(doc, "## A complete example")
	if i < 0 {
		t.Fatal("docs/format.md has no complete example")
	}
	start := strings.Index(doc[i:], "```toml\n")
	end := strings.Index(doc[i+start+8:], "```")
	if start < 0 || end < 0 {
		t.Fatal("no toml block in the example")
	}
	src := doc[i+start+8 : i+start+8+end]
	inc, ds := check(t, src)
	if inc == nil || len(ds) > 0 {
		t.Fatalf("the example:\n%v", ds)
	}
	if w := Translations(inc, []string{"ja", "en"}, true); len(w) > 0 {
		t.Errorf("untranslated:\n%v", w)
	}
	if inc.Updated.IsZero() || inc.Severity == "" || inc.Confidence == "" || len(inc.Tags) == 0 || inc.Author.IsZero() ||
		inc.Impact.IsZero() || inc.Handling.IsZero() || inc.Review.IsZero() || inc.Procurement == nil ||
		inc.Analysis == nil || len(inc.Analysis.Attack) == 0 || len(inc.Analysis.KillChain) == 0 ||
		len(inc.Analysis.Scenarios) == 0 || len(inc.Risks) == 0 || len(inc.Countermeasures) == 0 ||
		len(inc.Related) == 0 || len(inc.References) == 0 || inc.References[0].Accessed.IsZero() {
		t.Errorf("the example leaves out a key")
	}
}

// TestNFCInert: every character nfcInert lets a text skip NFC for is NFC
// alone, starts a segment (no combining class, no composition with the
// character before it), and so leaves any text of them alone; and NFC is
// still applied to a text with one other character.
func TestNFCInert(t *testing.T) {
	n := 0
	for _, g := range nfcInertRanges {
		for r := g[0]; r <= g[1]; r++ {
			n++
			if !nfcInert(r) {
				t.Errorf("U+%04X in the ranges, not inert", r)
			}
			s := string(r)
			if p := norm.NFC.PropertiesString(s); !norm.NFC.IsNormalString(s) || !p.BoundaryBefore() || p.CCC() != 0 {
				t.Errorf("U+%04X: NFC may change it or the text around it", r)
			}
		}
	}
	for r := rune(0); r <= 0x10FFFF; r++ {
		in := slices.ContainsFunc(nfcInertRanges, func(g [2]rune) bool { return g[0] <= r && r <= g[1] })
		if nfcInert(r) != in {
			t.Errorf("U+%04X: inert %v, in the ranges %v", r, nfcInert(r), in)
		}
	}
	if n < 20000 {
		t.Errorf("%d characters", n)
	}
	// か + U+3099 (a combining voiced sound mark) is composed to が.
	c := &checker{raw: &load.Raw{}}
	if s, ok := c.clean("か\u3099 ka", "k", model.Pos{}); !ok || s != "が ka" {
		t.Errorf("clean = %q, %v", s, ok)
	}
}

// TestDecodeRune: clean's decoding of three-byte characters is
// utf8.DecodeRuneInString's, for every lead byte and second byte, with
// third bytes at the edges of the continuation range, at a text's end too.
func TestDecodeRune(t *testing.T) {
	for b := 0x80; b <= 0xFF; b++ {
		for c1 := 0; c1 <= 0xFF; c1++ {
			for _, c2 := range []int{0x00, 0x41, 0x7F, 0x80, 0x81, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF} {
				for _, s := range []string{string([]byte{byte(b), byte(c1), byte(c2), 0x80, 'x'}), string([]byte{byte(b), byte(c1), byte(c2)}), string([]byte{byte(b), byte(c1)})} {
					r, n := decodeRune(s, 0)
					wr, wn := utf8.DecodeRuneInString(s)
					if r != wr || n != wn {
						t.Fatalf("% x: %U %d, want %U %d", s, r, n, wr, wn)
					}
				}
			}
		}
	}
}
