package compose

import (
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"briefing/briefing/diag"
	"briefing/briefing/layout"
	"briefing/briefing/model"
	"briefing/briefing/pictures"
	"briefing/internal/testkit"
	"briefing/templates"
)

var update = flag.Bool("update", false, "update golden files")

// metrics is a stand-in for the template's fonts: ASCII half an em, other
// characters a full em; characters outside the Basic Multilingual Plane
// and those in missing have no glyph.
type metrics struct{ missing string }

func (m metrics) Advance(face layout.Face, r rune) (int, bool) {
	if r > 0xFFFF || strings.ContainsRune(m.missing, r) {
		return 0, false
	}
	if r < 0x80 {
		if face == layout.Bold {
			return 550, true
		}
		return 500, true
	}
	return 1000, true
}

// words reads the headings, words and footer of the embedded default template.
type words struct {
	Headings map[string]map[string]string `toml:"headings"`
	Words    map[string]map[string]string `toml:"words"`
	Foot     map[string]string            `toml:"footer"`
}

func (w words) pick(m map[string]map[string]string, lang, key string) string {
	if s := m[lang][key]; s != "" {
		return s
	}
	return m["en"][key]
}
func (w words) Heading(lang, key string) string { return w.pick(w.Headings, lang, key) }
func (w words) Word(lang, key string) string    { return w.pick(w.Words, lang, key) }
func (w words) Footer(lang string) string       { return w.Foot[lang] }

func testTheme(t *testing.T) Theme {
	t.Helper()
	b, err := templates.FS.ReadFile("default.toml")
	if err != nil {
		t.Fatal(err)
	}
	var w words
	if _, err := toml.Decode(string(b), &w); err != nil {
		t.Fatal(err)
	}
	w.Foot = map[string]string{"ja": "社外秘", "en": "Internal use only"}
	p := pictures.DefaultPalette() // the default template's colours
	return Theme{
		Metrics: metrics{}, Words: w, Paper: layout.A4, Organization: "Example CSIRT",
		Accent: p.Accent, AccentLight: p.AccentLight, Text: p.Text, Muted: p.Muted,
		Rule: p.Rule, RiskLow: p.RiskLow, RiskHigh: p.RiskHigh,
	}
}

func tx(key string, line int, ja, en string) model.Text {
	t := model.Text{Source: model.Source{Key: key, Pos: model.Pos{Line: line, Col: 1}}}
	if ja != "" {
		t.Langs = append(t.Langs, model.LangText{Lang: "ja", Value: ja})
	}
	if en != "" {
		t.Langs = append(t.Langs, model.LangText{Lang: "en", Value: en})
	}
	return t
}

func plain(key string, line int, s string) model.Text {
	return model.Text{Source: model.Source{Key: key, Pos: model.Pos{Line: line, Col: 1}}, Plain: s}
}

func ym(y, m int) model.Date { return model.Date{Year: y, Month: m} }

// small is a small incident with every section.
func small() *model.Incident {
	item := func(i int, ordered model.Period, product string, months, users int, countries ...string) model.Purchase {
		return model.Purchase{
			Source:  model.Source{Key: fmt.Sprintf("procurement.items[%d]", i), Pos: model.Pos{Line: 30 + 6*i, Col: 1}},
			Ordered: ordered, Product: plain(fmt.Sprintf("procurement.items[%d].product", i), 31+6*i, product),
			TermMonths: months, Users: users, Countries: countries,
		}
	}
	return &model.Incident{
		File: "samples/pla.toml", Format: 1, ID: "pla", Date: model.Date{Year: 2021, Month: 5, Day: 6},
		Updated:    model.Date{Year: 2021, Month: 5, Day: 7},
		Title:      tx("title", 5, "PLA部隊がアンチウイルスソフト購入を企図", "PLA unit plans to buy antivirus software"),
		Summary:    tx("summary", 7, "PLAの部隊が購入を企図[rf]。\n\n第二段落です。", "A PLA unit planned purchases [rf].\n\nSecond paragraph."),
		TLP:        model.TLPAmber,
		Severity:   "high",
		Confidence: "moderate",
		Tags:       []string{"supply-chain", "PLA"},
		Author:     plain("author", 12, "Risks and Incidents"),
		Impact:     tx("impact", 14, "影響は不明。\n- 政府機関\n- 防衛産業\n以上。", "Impact unknown.\n- Government\n- Defence industry\nThat is all."),
		Handling:   tx("handling", 16, "未確認。", ""),
		Review:     tx("review", 18, "重大な影響を持ち得る[record]。", "Could be serious [record]."),
		Timeline: []model.Event{
			{When: model.Period{From: ym(2019, 1)}, Text: tx("timeline[0].text", 21, "調査を開始", "Survey began")},
			{When: model.Period{From: ym(2019, 4), To: ym(2019, 5)}, Text: tx("timeline[1].text", 23, "購入を検討[rf]", "Purchases considered [rf]")},
		},
		Procurement: &model.Procurement{
			Caption: tx("procurement.caption", 27, "購入の候補となった製品", "Products considered"),
			Source:  "rf",
			Items: []model.Purchase{
				item(0, model.Period{From: ym(2019, 1)}, "Kaspersky Security Cloud", 12, 20, "RU"),
				item(1, model.Period{From: ym(2019, 4), To: ym(2019, 5)}, "McAfee Total Protection", 24, 30, "US"),
				item(2, model.Period{From: ym(2019, 4), To: ym(2019, 5)}, "ESET Multi-Device Security", 6, 10),
				item(3, model.Period{From: ym(2019, 11)}, "Trend Micro Worry-Free", 18, 10, "US", "JP"),
			},
		},
		Analysis: &model.Analysis{
			Method:         tx("analysis.method", 60, "偵察に相当する。", "Amounts to reconnaissance."),
			KillChain:      []model.Phase{"reconnaissance", "weaponization"},
			Attack:         []string{"T1195.002", "T1592"},
			SuccessFactors: tx("analysis.success_factors", 63, "購入自体は合法。", "Buying is legal."),
			Actor:          tx("analysis.actor", 65, "二つのシナリオ。", "Two scenarios."),
			Scenarios: []model.Text{
				tx("analysis.scenarios[0].text", 68, "テスト環境", "Test bed"),
				tx("analysis.scenarios[1].text", 70, "ゼロデイの発見", "Finding zero-days"),
			},
		},
		Risks: []model.Risk{
			{Title: tx("risks[0].title", 73, "低いリスク", "Low risk"), Likelihood: 1, Impact: 2},
			{Title: tx("risks[1].title", 77, "高いリスク", "High risk"), Text: tx("risks[1].text", 78, "説明。", "Explained."), Likelihood: 4, Impact: 5},
			{Title: tx("risks[2].title", 81, "中位のリスク", "Middle risk"), Likelihood: 3, Impact: 3},
		},
		Countermeasures: []model.Countermeasure{
			{Term: "long", Text: tx("countermeasures[0].text", 85, "インテリジェンス", "Intelligence")},
			{Term: "short", Text: tx("countermeasures[1].text", 88, "ゼロデイに注意", "Watch for zero-days"), Owner: tx("countermeasures[1].owner", 89, "情報システム部", "IT")},
			{Term: "mid", Text: tx("countermeasures[2].text", 91, "規制を検討", "Consider regulation")},
		},
		Related: []model.Related{
			{Text: plain("related[0].text", 94, "Groups | MITRE ATT&CK"), URL: "https://attack.mitre.org/groups/"},
		},
		References: []model.Reference{
			{ID: "rf", Title: plain("references[0].title", 98, "China's PLA Unit 61419"), Publisher: plain("references[0].publisher", 99, "Recorded Future"),
				Date: model.Date{Year: 2021, Month: 5, Day: 5}, URL: "https://www.recordedfuture.com/pla-unit-61419", Accessed: model.Date{Year: 2021, Month: 5, Day: 7}},
			{ID: "record", Title: plain("references[1].title", 104, "The Record"), Date: model.Date{Year: 2021, Month: 5, Day: 5}},
		},
	}
}

// dump writes the document as text: one block a line with its spans, the
// furniture of page 2 of 3.
func dump(doc layout.Document) string {
	var b strings.Builder
	st := func(s layout.Style) string {
		f := "R"
		if s.Face == layout.Bold {
			f = "B"
		}
		return fmt.Sprintf("%s%g#%02x%02x%02x", f, s.Size, s.Color.R, s.Color.G, s.Color.B)
	}
	spans := func(base layout.Style, sp []layout.Span) string {
		var parts []string
		for _, s := range sp {
			p := fmt.Sprintf("%q", s.Text)
			if s.Style != (layout.Style{}) && s.Style != base {
				p += "{" + st(s.Style) + "}"
			}
			if s.URL != "" {
				p += "→" + s.URL
			}
			if s.Dest != "" {
				p += "→#" + s.Dest
			}
			if s.Fill != nil {
				p += fmt.Sprintf("[on #%02x%02x%02x]", s.Fill.R, s.Fill.G, s.Fill.B)
			}
			parts = append(parts, p)
		}
		return strings.Join(parts, " ")
	}
	text := func(t layout.Text) string {
		br := "latin"
		if t.Breaking == layout.Japanese {
			br = "ja"
		}
		return fmt.Sprintf("%s %s lead=%g", st(t.Style), br, t.Leading)
	}
	fmt.Fprintf(&b, "paper %+v\n", doc.Paper)
	for _, bl := range doc.Blocks {
		switch x := bl.(type) {
		case layout.Paragraph:
			fmt.Fprintf(&b, "Paragraph %s indent=%g before=%g after=%g anchor=%q\n  %s\n", text(x.Text), x.Indent, x.SpaceBefore, x.SpaceAfter, x.Anchor, spans(x.Style, x.Spans))
		case layout.Heading:
			fmt.Fprintf(&b, "Heading%d %s bookmark=%q anchor=%q rule=%v before=%g after=%g\n  %s\n", x.Level, text(x.Text), x.Bookmark, x.Anchor, x.Rule, x.SpaceBefore, x.SpaceAfter, spans(x.Style, x.Spans))
		case layout.List:
			fmt.Fprintf(&b, "List %s indent=%g spacing=%g after=%g\n", text(x.Text), x.Indent, x.ItemSpacing, x.SpaceAfter)
			for _, it := range x.Items {
				fmt.Fprintf(&b, "  %q anchor=%q: %s\n", it.Marker, it.Anchor, spans(x.Style, it.Spans))
			}
		case layout.KeyValue:
			fmt.Fprintf(&b, "KeyValue %s keys=%s after=%g\n", text(x.Text), st(x.KeyStyle), x.SpaceAfter)
			for _, r := range x.Rows {
				fmt.Fprintf(&b, "  %s = %s\n", spans(x.KeyStyle, r.Key), spans(x.Style, r.Value))
			}
		case layout.Table:
			fmt.Fprintf(&b, "Table %s header=%s fill=%v rules=%v pad=%g after=%g\n", text(x.Text), st(x.HeaderStyle), x.HeaderFill, x.RuleColor, x.Padding, x.SpaceAfter)
			for _, c := range x.Columns {
				fmt.Fprintf(&b, "  column align=%d %s\n", c.Align, spans(x.HeaderStyle, c.Header))
			}
			for _, r := range x.Rows {
				var cells []string
				for _, c := range r.Cells {
					cells = append(cells, spans(x.Style, c))
				}
				mark := "row"
				if r.Emphasis {
					mark = "ROW"
				}
				fmt.Fprintf(&b, "  %s %s\n", mark, strings.Join(cells, " | "))
			}
		case layout.Figure:
			h, boxes := x.Draw(481)
			fmt.Fprintf(&b, "Figure height=%.1f boxes=%d after=%g\n", h, len(boxes), x.SpaceAfter)
		case layout.Spacer:
			fmt.Fprintf(&b, "Spacer %g\n", x.Height)
		default:
			fmt.Fprintf(&b, "%T\n", bl)
		}
	}
	if doc.Furniture != nil {
		b.WriteString("furniture page 2 of 3\n")
		for _, bx := range doc.Furniture(2, 3) {
			switch x := bx.(type) {
			case layout.TextBox:
				fmt.Fprintf(&b, "  text %.1f,%.1f %s %q\n", x.X, x.Y, st(x.Style), x.Text)
			case layout.Rect:
				fmt.Fprintf(&b, "  rect %.1f,%.1f %.1fx%.1f fill=%v\n", x.X, x.Y, x.W, x.H, *x.Fill)
			case layout.Line:
				fmt.Fprintf(&b, "  line %.1f,%.1f-%.1f,%.1f %v %g\n", x.X1, x.Y1, x.X2, x.Y2, x.Color, x.Width)
			default:
				fmt.Fprintf(&b, "  %T %+v\n", bx, bx)
			}
		}
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			doc, diags := Briefing(small(), lang, testTheme(t))
			var b strings.Builder
			b.WriteString(dump(doc))
			b.WriteString("diagnostics\n")
			for _, d := range diags {
				fmt.Fprintf(&b, "  %s\n", d)
			}
			got := b.String()
			path := filepath.Join("testdata", "small."+lang+".golden")
			testkit.Golden(t, path, got, *update)
		})
	}
}

// texts returns every span text of the document's blocks, in order, one a
// line per block.
func texts(doc layout.Document) []string {
	var out []string
	join := func(sp []layout.Span) string {
		var b strings.Builder
		for _, s := range sp {
			b.WriteString(s.Text)
		}
		return b.String()
	}
	for _, bl := range doc.Blocks {
		switch x := bl.(type) {
		case layout.Paragraph:
			out = append(out, join(x.Spans))
		case layout.Heading:
			out = append(out, "# "+join(x.Spans))
		case layout.List:
			for _, it := range x.Items {
				out = append(out, it.Marker+" "+join(it.Spans))
			}
		case layout.KeyValue:
			for _, r := range x.Rows {
				out = append(out, join(r.Key)+": "+join(r.Value))
			}
		case layout.Table:
			for _, r := range x.Rows {
				var cells []string
				for _, c := range r.Cells {
					cells = append(cells, join(c))
				}
				out = append(out, strings.Join(cells, " | "))
			}
		}
	}
	return out
}

func contains(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}

func TestProcurementTotals(t *testing.T) {
	t.Parallel()
	got := ProcurementTotals(small().Procurement.Items)
	want := Totals{Products: 4, Countries: 3, Users: 70}
	if got != want {
		t.Errorf("ProcurementTotals = %+v, want %+v", got, want)
	}
	if got := ProcurementTotals(nil); got != (Totals{}) {
		t.Errorf("ProcurementTotals(nil) = %+v, want zero", got)
	}
	for lang, want := range map[string][]string{
		"ja": {
			"2019年4月～5月 | ESET Multi-Device Security | 6か月 | 10台 | 不明",
			"2019年11月 | Trend Micro Worry-Free | 1年6か月 | 10台 | 米国、日本",
			"合計 | 4製品 |  | 70台 | 3か国",
			"出典：文献1",
		},
		"en": {
			"January 2019 | Kaspersky Security Cloud | 1 year | 20 terminals | Russia",
			"April–May 2019 | McAfee Total Protection | 2 years | 30 terminals | United States",
			"April–May 2019 | ESET Multi-Device Security | 6 months | 10 terminals | Unknown",
			"Total | 4 products |  | 70 terminals | 3 countries",
			"Source: [1]",
		},
	} {
		doc, _ := Briefing(small(), lang, testTheme(t))
		lines := texts(doc)
		for _, w := range want {
			if !contains(lines, w) {
				t.Errorf("%s: no line %q in\n%s", lang, w, strings.Join(lines, "\n"))
			}
		}
	}
}

func TestTotalsRowIsEmphasized(t *testing.T) {
	t.Parallel()
	doc, _ := Briefing(small(), "en", testTheme(t))
	for _, bl := range doc.Blocks {
		if tb, ok := bl.(layout.Table); ok {
			last := tb.Rows[len(tb.Rows)-1]
			if !last.Emphasis {
				t.Error("totals row is not emphasized")
			}
			for _, r := range tb.Rows[:len(tb.Rows)-1] {
				if r.Emphasis {
					t.Error("a product row is emphasized")
				}
			}
			return
		}
	}
	t.Fatal("no table")
}

func TestSourceLineLinksToReference(t *testing.T) {
	t.Parallel()
	doc, _ := Briefing(small(), "ja", testTheme(t))
	for _, bl := range doc.Blocks {
		p, ok := bl.(layout.Paragraph)
		if !ok || len(p.Spans) != 2 || p.Spans[0].Text != "出典：" {
			continue
		}
		if p.Spans[1].Text != "文献1" || p.Spans[1].Dest != "ref-1" {
			t.Errorf("source label = %+v, want 文献1 → ref-1", p.Spans[1])
		}
		return
	}
	t.Fatal("no source line")
}

func TestSortRisks(t *testing.T) {
	t.Parallel()
	r := func(name string, l, i int) model.Risk {
		return model.Risk{Title: plain("t", 1, name), Likelihood: l, Impact: i}
	}
	in := []model.Risk{r("a", 1, 1), r("b", 2, 3), r("c", 5, 5), r("d", 3, 2), r("e", 1, 5)}
	var got []string
	for _, x := range SortRisks(in) {
		got = append(got, x.Title.Plain)
	}
	if want := "c b d e a"; strings.Join(got, " ") != want {
		t.Errorf("SortRisks = %v, want %s (ties in file order)", got, want)
	}
	if in[0].Title.Plain != "a" {
		t.Error("SortRisks changed its input")
	}

	doc, _ := Briefing(small(), "en", testTheme(t))
	lines := texts(doc)
	var risks []string
	for _, l := range lines {
		if strings.Contains(l, " risk") && strings.Contains(l, "Likelihood") {
			risks = append(risks, strings.ReplaceAll(l, "\n", " / "))
		}
	}
	want := []string{
		"1. High risk / Likelihood: 4  Impact: 5 / Explained.",
		"2. Middle risk / Likelihood: 3  Impact: 3",
		"3. Low risk / Likelihood: 1  Impact: 2",
	}
	if strings.Join(risks, "\n") != strings.Join(want, "\n") {
		t.Errorf("risk list:\n%s\nwant:\n%s", strings.Join(risks, "\n"), strings.Join(want, "\n"))
	}
}

func TestCountermeasureGroups(t *testing.T) {
	t.Parallel()
	for lang, want := range map[string][]string{
		"ja": {"# じ後の対策", "# 短期的対策", "• ゼロデイに注意\n担当：情報システム部", "# 中長期的対策", "• 規制を検討", "• インテリジェンス"},
		"en": {"# Countermeasures", "# Short term", "• Watch for zero-days\nOwner: IT", "# Mid to long term", "• Consider regulation", "• Intelligence"},
	} {
		doc, _ := Briefing(small(), lang, testTheme(t))
		lines := texts(doc)
		start := -1
		for i, l := range lines {
			if l == want[0] {
				start = i
			}
		}
		if start < 0 || start+len(want) > len(lines) {
			t.Fatalf("%s: no %q section in\n%s", lang, want[0], strings.Join(lines, "\n"))
		}
		got := strings.Join(lines[start:start+len(want)], "\n")
		if got != strings.Join(want, "\n") {
			t.Errorf("%s: countermeasures\n%s\nwant\n%s", lang, got, strings.Join(want, "\n"))
		}
	}
}

func TestCitations(t *testing.T) {
	t.Parallel()
	for lang, want := range map[string][2]string{"ja": {"（文献1）", "（文献2）"}, "en": {"[1]", "[2]"}} {
		doc, _ := Briefing(small(), lang, testTheme(t))
		found := map[string]bool{}
		anchors := map[string]bool{}
		visit := func(sp []layout.Span) {
			for _, s := range sp {
				switch s.Text {
				case want[0]:
					if s.Dest != "ref-1" {
						t.Errorf("%s: %q links to %q, want ref-1", lang, s.Text, s.Dest)
					}
					found[s.Text] = true
				case want[1]:
					if s.Dest != "ref-2" {
						t.Errorf("%s: %q links to %q, want ref-2", lang, s.Text, s.Dest)
					}
					found[s.Text] = true
				}
				if strings.Contains(s.Text, "[rf]") || strings.Contains(s.Text, "[record]") {
					t.Errorf("%s: citation left as written in %q", lang, s.Text)
				}
			}
		}
		for _, bl := range doc.Blocks {
			switch x := bl.(type) {
			case layout.Paragraph:
				visit(x.Spans)
			case layout.KeyValue:
				for _, r := range x.Rows {
					visit(r.Value)
				}
			case layout.List:
				for _, it := range x.Items {
					visit(it.Spans)
					if it.Anchor != "" {
						anchors[it.Marker+"→"+it.Anchor] = true
					}
				}
			}
		}
		if !found[want[0]] || !found[want[1]] {
			t.Errorf("%s: citations found %v, want %v", lang, found, want)
		}
		ref1, ref2 := "文献1→ref-1", "文献2→ref-2"
		if lang == "en" {
			ref1, ref2 = "[1]→ref-1", "[2]→ref-2"
		}
		if !anchors[ref1] || !anchors[ref2] {
			t.Errorf("%s: reference anchors %v, want %s and %s", lang, anchors, ref1, ref2)
		}
	}
}

func TestAttackURL(t *testing.T) {
	t.Parallel()
	for id, want := range map[string]string{
		"T1195":     "https://attack.mitre.org/techniques/T1195/",
		"T1195.002": "https://attack.mitre.org/techniques/T1195/002/",
	} {
		if got := AttackURL(id); got != want {
			t.Errorf("AttackURL(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestUntranslated(t *testing.T) {
	t.Parallel()
	doc, diags := Briefing(small(), "en", testTheme(t))
	var warnings []string
	for _, d := range diags {
		if d.Severity == diag.Warning {
			warnings = append(warnings, d.String())
		}
	}
	want := "samples/pla.toml:16:1: handling: warning: not translated into en"
	if len(warnings) != 1 || warnings[0] != want {
		t.Errorf("warnings = %q, want [%q]", warnings, want)
	}
	if diags.HasErrors() {
		t.Errorf("unexpected errors: %v", diags)
	}
	lines := texts(doc)
	if !contains(lines, "[untranslated] 未確認。") {
		t.Errorf("no tagged Japanese text under Response and handling in\n%s", strings.Join(lines, "\n"))
	}
	_, diags = Briefing(small(), "ja", testTheme(t))
	if len(diags) != 0 {
		t.Errorf("ja: unexpected diagnostics %v", diags)
	}
}

func TestMissingGlyph(t *testing.T) {
	t.Parallel()
	inc := small()
	inc.Title = tx("title", 5, "炎上🔥する🔥件", "Fire 🔥")
	inc.Risks[0].Title = tx("risks[0].title", 73, "低いリスク", "Low ☃ risk")
	th := testTheme(t)
	th.Metrics = metrics{missing: "☃"}
	_, diags := Briefing(inc, "en", th)
	var got []string
	for _, d := range diags {
		if d.Severity == diag.Error {
			got = append(got, d.String())
		}
	}
	want := []string{
		"samples/pla.toml:5:1: title: character U+1F525 🔥 cannot be drawn: no font of the template has it; remove or replace it",
		"samples/pla.toml:73:1: risks[0].title: character U+2603 ☃ cannot be drawn: no font of the template has it; remove or replace it",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestMeta(t *testing.T) {
	t.Parallel()
	m := Meta(small(), "en")
	want := Metadata{Title: "PLA unit plans to buy antivirus software", Author: "Risks and Incidents",
		Subject: "A PLA unit planned purchases.", Keywords: []string{"supply-chain", "PLA"}, Lang: "en", Marking: "TLP:AMBER",
		Created: time.Date(2021, 5, 7, 0, 0, 0, 0, time.UTC)}
	if fmt.Sprintf("%#v", m) != fmt.Sprintf("%#v", want) {
		t.Errorf("Meta = %+v, want %+v", m, want)
	}
	inc := small()
	inc.Updated = model.Date{}
	if got := Meta(inc, "ja"); !got.Created.Equal(time.Date(2021, 5, 6, 0, 0, 0, 0, time.UTC)) || got.Title != "PLA部隊がアンチウイルスソフト購入を企図" {
		t.Errorf("Meta without updated = %+v", got)
	}
}

func TestAbsentSections(t *testing.T) {
	t.Parallel()
	inc := &model.Incident{
		File: "min.toml", ID: "min", Date: model.Date{Year: 2021, Month: 5, Day: 6},
		Title:   tx("title", 1, "題", "Title"),
		Summary: tx("summary", 2, "概要文", "Summary text"),
	}
	doc, diags := Briefing(inc, "en", testTheme(t))
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	var headings []string
	for _, l := range texts(doc)[1:] {
		if strings.HasPrefix(l, "# ") {
			headings = append(headings, l)
		}
	}
	if strings.Join(headings, ",") != "# Summary" {
		t.Errorf("headings = %v, want only Summary", headings)
	}
}

func TestSectionOrderAndBookmarks(t *testing.T) {
	t.Parallel()
	doc, _ := Briefing(small(), "ja", testTheme(t))
	var got []string
	for _, bl := range doc.Blocks {
		if h, ok := bl.(layout.Heading); ok && h.Level > 0 {
			if h.Bookmark == "" {
				t.Errorf("heading %q has no bookmark", h.Spans[0].Text)
			}
			got = append(got, fmt.Sprintf("%d%s", h.Level, h.Bookmark))
		}
	}
	want := "1概要 1事案の経緯 1調達の候補となった製品 1被害の全容 1ハンドリング 1分析 2攻撃手法 2キルチェーン 2ATT&CKテクニック 2成功の要因 2見積もられる攻撃者・攻撃企図 1予想されるリスク 1じ後の対策 2短期的対策 2中長期的対策 1レビュー 1関連知識 1関連情報・資料"
	if strings.Join(got, " ") != want {
		t.Errorf("sections:\n%s\nwant:\n%s", strings.Join(got, " "), want)
	}
}

func TestFurniture(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		tlp  model.TLP
		text layout.Color
	}{
		{"", layout.Color{R: 255, G: 255, B: 255}},
		{model.TLPClear, layout.Color{R: 255, G: 255, B: 255}},
		{model.TLPGreen, layout.Color{R: 0x33, G: 0xFF}},
		{model.TLPAmber, layout.Color{R: 0xFF, G: 0xC0}},
		{model.TLPAmberStrict, layout.Color{R: 0xFF, G: 0xC0}},
		{model.TLPRed, layout.Color{R: 0xFF, G: 0x2B, B: 0x2B}},
	} {
		inc := small()
		inc.TLP = tt.tlp
		doc, _ := Briefing(inc, "en", testTheme(t))
		label := "TLP:" + string(tt.tlp)
		if tt.tlp == "" {
			label = "TLP:CLEAR"
		}
		var texts []string
		var fill *layout.Color
		var labelBox layout.TextBox
		for _, b := range doc.Furniture(3, 7) {
			switch x := b.(type) {
			case layout.TextBox:
				texts = append(texts, x.Text)
				if x.Text == label {
					labelBox = x
				}
			case layout.Rect:
				fill = x.Fill
			}
		}
		if labelBox.Text == "" || labelBox.Style.Color != tt.text {
			t.Errorf("%s: label %+v, want colour %v", label, labelBox, tt.text)
		}
		if fill == nil || *fill != (layout.Color{}) {
			t.Errorf("%s: label background %v, want black", label, fill)
		}
		if labelBox.X+width(metrics{}, label, labelBox.Style) > doc.Paper.Width-doc.Paper.Right+0.01 {
			t.Errorf("%s: label runs past the right margin", label)
		}
		all := strings.Join(texts, "\n")
		for _, w := range []string{"3 / 7", "As of 6 May 2021", "Internal use only", "Example CSIRT  |  PLA unit plans to buy antivirus software"} {
			if !strings.Contains(all, w) {
				t.Errorf("%s: furniture lacks %q:\n%s", label, w, all)
			}
		}
	}
}

// A title longer than the header's two lines continues on the second
// and ends there with "…", before the TLP label.
func TestLongTitleIsShortenedInHeader(t *testing.T) {
	t.Parallel()
	inc := small()
	inc.Title = tx("title", 5, strings.Repeat("長い題名", 40), strings.Repeat("Long title ", 40))
	doc, _ := Briefing(inc, "ja", testTheme(t))
	var head []layout.TextBox
	for _, b := range doc.Furniture(1, 1) {
		if x, ok := b.(layout.TextBox); ok && x.Y < doc.Paper.Top && x.Style.Size == sizeFurniture {
			head = append(head, x)
		}
	}
	if len(head) != 2 || !strings.HasPrefix(head[0].Text, "Example CSIRT  |  長い題名") || !strings.HasSuffix(head[1].Text, "…") || head[1].Y <= head[0].Y {
		t.Fatalf("header %+v, want two lines, the second ending with …", head)
	}
	for _, x := range head {
		if x.X+width(metrics{}, x.Text, x.Style) > doc.Paper.Width-doc.Paper.Right-40 {
			t.Errorf("header runs into the TLP label: %q", x.Text)
		}
	}
}

// A footer line too long for its line (package theme refuses one in a
// template) is shortened, to end before the page number whatever the
// number of pages, and the as-of date goes on the second line whole.
func TestLongFooterIsShortened(t *testing.T) {
	t.Parallel()
	th := testTheme(t)
	footer := strings.Repeat("社外秘 Internal use only ", 40)
	for _, total := range []int{1, 120} {
		var foot, date, page layout.TextBox
		for _, b := range Furniture(th, model.TLPAmber, []string{"Title"}, []string{footer, "As of 6 May 2021"}, "")(total, total) {
			if x, ok := b.(layout.TextBox); ok && strings.HasPrefix(x.Text, "社外秘") {
				foot = x
			} else if ok && x.Text == "As of 6 May 2021" {
				date = x
			} else if ok && strings.HasSuffix(x.Text, " / "+strconv.Itoa(total)) {
				page = x
			}
		}
		if !strings.HasSuffix(foot.Text, "…") || !strings.HasPrefix(footer, strings.TrimSuffix(foot.Text, "…")) {
			t.Errorf("%d pages: footer %q, want its start and …", total, foot.Text)
		}
		if end := foot.X + width(th.Metrics, foot.Text, foot.Style); page.Text == "" || end > page.X-10 {
			t.Errorf("%d pages: footer ends at %.1f, into the page number %q at %.1f", total, end, page.Text, page.X)
		}
		if date.Text == "" || date.Y <= foot.Y {
			t.Errorf("%d pages: the as-of date %+v is not whole under the footer line %+v", total, date, foot)
		}
	}
}

// A header or footer given over several lines is drawn on one, its
// lines joined as texts are: nothing between two Japanese characters, a
// space otherwise.
func TestFurnitureJoinsLines(t *testing.T) {
	t.Parallel()
	th := testTheme(t)
	var texts []string
	for _, b := range Furniture(th, model.TLPClear, []string{"週次ダイジェスト", "サプライ\nチェーン攻撃\nand VPN\ngateways"}, []string{"社外秘\n取扱注意\tInternal"}, "")(1, 1) {
		if x, ok := b.(layout.TextBox); ok {
			texts = append(texts, x.Text)
		}
	}
	for _, want := range []string{"週次ダイジェスト  |  サプライチェーン攻撃 and VPN gateways", "社外秘取扱注意 Internal"} {
		if !slices.ContainsFunc(texts, func(s string) bool { return strings.HasSuffix(s, want) }) {
			t.Errorf("furniture %q, want %q", texts, want)
		}
	}
}

func TestCountryBars(t *testing.T) {
	t.Parallel()
	got := CountryBars(small().Procurement.Items)
	want := []CountryBar{{"RU", 1, 20}, {"US", 2, 40}, {"JP", 1, 10}, {"", 1, 10}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("CountryBars = %v, want %v", got, want)
	}
}

func TestFigures(t *testing.T) {
	t.Parallel()
	doc, _ := Briefing(small(), "en", testTheme(t))
	// Each figure follows the block it illustrates; its labels are real text.
	after := map[string][]string{}
	last := ""
	for _, bl := range doc.Blocks {
		switch x := bl.(type) {
		case layout.Heading:
			if x.Level > 0 { // not a figure's caption
				last = x.Spans[0].Text
			}
		case layout.Figure:
			_, boxes := x.Draw(481)
			var labels []string
			for _, b := range boxes {
				if tb, ok := b.(layout.TextBox); ok {
					labels = append(labels, tb.Text)
				}
				if r, ok := b.(layout.Rect); ok && r.X+r.W > 481.01 {
					t.Errorf("figure under %q drawn past the text width: %+v", last, r)
				}
			}
			after[last] = append(after[last], strings.Join(labels, "|"))
		}
	}
	checks := map[string][]string{
		"Products considered for purchase": {"United States", "Russia", "Japan", "Unknown", "40 terminals"},
		"Kill chain":                       {"Reconnaissance", "Delivery"},
		"Expected risks":                   {"Likelihood", "Impact", "1", "2", "3"},
	}
	for heading, labels := range checks {
		if len(after[heading]) != 1 {
			t.Errorf("%d figures under %q, want 1", len(after[heading]), heading)
			continue
		}
		for _, l := range labels {
			if !strings.Contains(after[heading][0], l) {
				t.Errorf("figure under %q lacks %q: %s", heading, l, after[heading][0])
			}
		}
	}
}

func TestZeroValuesDoNotPanic(t *testing.T) {
	t.Parallel()
	for _, inc := range []*model.Incident{nil, {}, {Procurement: &model.Procurement{}, Analysis: &model.Analysis{}}} {
		for _, th := range []Theme{{}, testTheme(t)} {
			doc, _ := Briefing(inc, "xx-invalid", th)
			if doc.Furniture != nil {
				doc.Furniture(1, 1)
			}
			for _, b := range doc.Blocks {
				if f, ok := b.(layout.Figure); ok {
					f.Draw(0)
					f.Draw(100)
				}
			}
			Meta(inc, "en")
		}
	}
	// Out-of-range values from a hand-built incident.
	inc := small()
	inc.Risks = append(inc.Risks, model.Risk{Title: plain("r", 1, "x"), Likelihood: 9, Impact: -3})
	inc.Timeline = append(inc.Timeline, model.Event{When: model.Period{From: model.Date{Year: 2020, Month: 13}}, Text: plain("t", 1, "x")})
	inc.Analysis.Scenarios = append(inc.Analysis.Scenarios, model.Text{})
	Briefing(inc, "ja", testTheme(t))
}

// The running header keeps the longest start of the title that leaves
// room for "…", with one more character it would not fit.
func TestFitKeepsLongestStart(t *testing.T) {
	t.Parallel()
	m := testTheme(t).Metrics
	st := layout.Style{Size: 8}
	for _, s := range []string{strings.Repeat("長い題名 Long title ", 30), strings.Repeat("W", 500), "短い"} {
		for _, w := range []float64{0, 5, 100, 333.3} {
			got := fit(m, s, st, w)
			if width(m, got, st) > w {
				t.Errorf("fit(%.20q, %g) = %q, %g pt wide", s, w, got, width(m, got, st))
			}
			if got == s {
				continue
			}
			start := strings.TrimSuffix(got, "…")
			if !strings.HasPrefix(s, start) || (got != "" && !strings.HasSuffix(got, "…")) {
				t.Fatalf("fit(%.20q, %g) = %q: not a start of the text and …", s, w, got)
			}
			if got == "" {
				if w >= width(m, "…", st) {
					t.Errorf("fit(%.20q, %g) = \"\", but … fits", s, w)
				}
				continue
			}
			r, _ := utf8.DecodeRuneInString(s[len(start):])
			if longer := start + string(r) + "…"; width(m, longer, st) <= w {
				t.Errorf("fit(%.20q, %g) = %q, but %q fits too", s, w, got, longer)
			}
		}
	}
}
