package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"briefing/briefing/load"
	"briefing/briefing/model"
	"briefing/briefing/theme"
	"briefing/briefing/validate"
)

// Texts of every kind, repeated to the length a benchmark asks for: a
// Japanese sentence with Latin words and numbers in it, an English one.
const (
	longJa = "サプライチェーン攻撃により、MSPの顧客（約1,500社）の端末にランサムウェアが配布された。"
	longEn = "Ransomware reached the endpoints of about 1,500 businesses through their MSPs. "
)

// long returns unit repeated to n characters.
func long(unit string, n int) string {
	rs := []rune(strings.Repeat(unit, n/len([]rune(unit))+1))
	return string(rs[:n])
}

// cite puts a citation after every sentence of s.
func cite(s string) string {
	s = strings.ReplaceAll(s, "。", "[r]。")
	return strings.ReplaceAll(s, ". ", " [r]. ")
}

// lengthDoc is a small incident that uses every section, as a map that
// the TOML encoder writes.
func lengthDoc() map[string]any {
	return map[string]any{
		"format": 1, "id": "long",
		"title":   map[string]any{"ja": "題名", "en": "Title"},
		"summary": map[string]any{"ja": "概要 [r]", "en": "Summary [r]"},
		"author":  map[string]any{"ja": "分析チーム", "en": "Analysis team"},
		"tags":    []string{"ransomware", "MSP"},
		"timeline": []map[string]any{
			{"when": "2021-05", "text": map[string]any{"ja": "経緯", "en": "Background"}},
		},
		"procurement": map[string]any{
			"caption": map[string]any{"ja": "調達表", "en": "Purchases"},
			"source":  "r",
			"items": []map[string]any{
				{"ordered": "2019-04", "product": map[string]any{"ja": "製品", "en": "Product"},
					"vendor": "Vendor", "term_months": 12, "users": 10, "country": []string{"RU"}},
				{"ordered": "2019-05", "product": "AV", "term_months": 24, "users": 20, "country": []string{"US"}},
			},
		},
		"analysis": map[string]any{
			"method":     map[string]any{"ja": "手法", "en": "Method"},
			"kill_chain": []string{"delivery", "exploitation"},
			"actor":      map[string]any{"ja": "攻撃者", "en": "Actor"},
			"scenarios":  []map[string]any{{"text": map[string]any{"ja": "金銭目的", "en": "Money"}}},
		},
		"risks": []map[string]any{
			{"title": map[string]any{"ja": "リスク", "en": "Risk"}, "likelihood": 3, "impact": 4},
		},
		"countermeasures": []map[string]any{
			{"term": "short", "text": map[string]any{"ja": "対策", "en": "Measure"}, "owner": map[string]any{"ja": "情報システム部", "en": "IT"}},
		},
		"related": []map[string]any{{"text": "Related", "url": "https://example.com/"}},
		"references": []map[string]any{
			{"id": "r", "title": map[string]any{"ja": "文献", "en": "Source"}, "publisher": "Publisher", "url": "https://example.com/r"},
		},
	}
}

// lengthKinds put a text of n characters (ja and en) at one place of the
// incident or of the template each.
var lengthKinds = []struct {
	name string
	doc  func(d map[string]any, ja, en string)
	tmpl func(ja, en string) string // template text, "" for the default
}{
	{name: "title", doc: func(d map[string]any, ja, en string) { d["title"] = map[string]any{"ja": ja, "en": en} }},
	{name: "author", doc: func(d map[string]any, ja, en string) { d["author"] = map[string]any{"ja": ja, "en": en} }},
	{name: "tag", doc: func(d map[string]any, ja, en string) { d["tags"] = []string{en} }},
	{name: "paragraph", doc: func(d map[string]any, ja, en string) {
		d["summary"] = map[string]any{"ja": ja + " [r]", "en": en + " [r]"}
	}},
	{name: "citations", doc: func(d map[string]any, ja, en string) {
		d["summary"] = map[string]any{"ja": cite(ja), "en": cite(en)}
	}},
	{name: "timeline", doc: func(d map[string]any, ja, en string) {
		d["timeline"].([]map[string]any)[0]["text"] = map[string]any{"ja": ja, "en": en}
	}},
	{name: "caption", doc: func(d map[string]any, ja, en string) {
		d["procurement"].(map[string]any)["caption"] = map[string]any{"ja": ja, "en": en}
	}},
	{name: "cell", doc: func(d map[string]any, ja, en string) {
		d["procurement"].(map[string]any)["items"].([]map[string]any)[0]["product"] = map[string]any{"ja": ja, "en": en}
	}},
	{name: "risk", doc: func(d map[string]any, ja, en string) {
		d["risks"].([]map[string]any)[0]["title"] = map[string]any{"ja": ja, "en": en}
	}},
	{name: "owner", doc: func(d map[string]any, ja, en string) {
		d["countermeasures"].([]map[string]any)[0]["owner"] = map[string]any{"ja": ja, "en": en}
	}},
	{name: "reference", doc: func(d map[string]any, ja, en string) {
		d["references"].([]map[string]any)[0]["title"] = map[string]any{"ja": ja, "en": en}
	}},
	{name: "url", doc: func(d map[string]any, ja, en string) {
		d["related"].([]map[string]any)[0]["url"] = "https://example.com/" + strings.Repeat("a", len([]rune(en))-20)
	}},
	{name: "heading", tmpl: func(ja, en string) string {
		return fmt.Sprintf("[headings.ja]\nsummary = %q\n[headings.en]\nsummary = %q\n", ja, en)
	}},
	{name: "phase", tmpl: func(ja, en string) string {
		return fmt.Sprintf("[words.ja]\nphase_delivery = %q\n[words.en]\nphase_delivery = %q\n", ja, en)
	}},
	{name: "footer", tmpl: func(ja, en string) string { return fmt.Sprintf("[footer]\nja = %q\nen = %q\n", ja, en) }},
	{name: "organization", tmpl: func(ja, en string) string { return fmt.Sprintf("[organization]\nname = %q\n", en) }},
}

// BenchmarkTextLength composes, lays out and draws a briefing one of
// whose texts is 1,000, 10,000 or 80,000 characters long, for each kind
// of text (the title, a paragraph, a table cell, a caption, a figure's
// label, a template's heading, footer and organization, …) and each
// language: the time per briefing grows with the text's length, never
// with its square.
func BenchmarkTextLength(b *testing.B) {
	def, err := theme.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, k := range lengthKinds {
		for _, n := range []int{1000, 10000, 80000} {
			ja, en := long(longJa, n), long(longEn, n)
			d := lengthDoc()
			th := def
			if k.doc != nil {
				k.doc(d, ja, en)
			} else {
				path := filepath.Join(b.TempDir(), "t.toml")
				if err := os.WriteFile(path, []byte(k.tmpl(ja, en)), 0o644); err != nil {
					b.Fatal(err)
				}
				if th, err = theme.Load(path); err != nil {
					b.Fatal(err)
				}
			}
			inc := lengthIncident(b, d)
			for _, lang := range []string{"ja", "en"} {
				b.Run(fmt.Sprintf("%s/%s/%d", k.name, lang, n), func(b *testing.B) {
					for b.Loop() {
						pages, ds := Briefing(inc, lang, th, false)
						if ds.HasErrors() {
							b.Fatal(ds)
						}
						if err := PDF(&bytes.Buffer{}, pages, inc, lang, th); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

func lengthIncident(tb testing.TB, d map[string]any) *model.Incident {
	tb.Helper()
	var buf bytes.Buffer
	buf.WriteString("date = 2021-05-06\n")
	if err := toml.NewEncoder(&buf).Encode(d); err != nil {
		tb.Fatal(err)
	}
	raw, ds := load.Read("long.toml", &buf)
	inc, vds := validate.Incident(raw)
	if ds.HasErrors() || vds.HasErrors() {
		tb.Fatal(ds, vds)
	}
	return inc
}
