package layout_test

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/compose"
	"briefing/briefing/digest"
	"briefing/briefing/layout"
	"briefing/briefing/load"
	"briefing/briefing/model"
	"briefing/briefing/period"
	"briefing/briefing/theme"
	"briefing/briefing/validate"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// TestLayoutIdentity lays out the briefings and digests of the samples
// and test files in both languages, and a few hundred texts (the
// samples' own spans, the model briefing's paragraphs, the fuzz corpus,
// random mixtures of Japanese, Latin, punctuation, URLs and the
// characters the rules single out) in every kind of block, at two sizes,
// on two papers, with the template's fonts and with the test metrics; it
// compares a sha256 of an exact dump of every page (each coordinate as
// the float it is, the structure elements, the errors) by group with
// testdata/identity.golden. It exists so that work on the speed of the
// layout can show it changes no box: a change of the layout itself
// updates the golden file (-update), reviewed with the other goldens.
//
// LAYOUT_IDENTITY_OUT=FILE writes the whole dump to FILE, to compare two
// versions of the code with cmp or diff; LAYOUT_IDENTITY_CORPUS=DIR:DIR
// adds the texts of more fuzz corpus folders (go test fuzz v1 files, as
// in GOCACHE/fuzz) to the dump, not to the golden file.
func TestLayoutIdentity(t *testing.T) {
	t.Parallel()
	th := fixture.Theme(t)
	var out *bufio.Writer
	if path := os.Getenv("LAYOUT_IDENTITY_OUT"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		out = bufio.NewWriter(f)
		defer out.Flush()
	}
	sums := map[string][]byte{} // by group
	var groups []string
	// A fifth of the texts and span lists, another fifth for each kind,
	// size, paper and metrics, are summed in the golden file, to keep
	// the test short; LAYOUT_IDENTITY_OUT dumps them all.
	all := out != nil
	combo := 0
	lay := func(group, name string, doc layout.Document, m layout.Metrics, golden bool) {
		if !all && !golden {
			return
		}
		d := exactDump(doc, m)
		if out != nil {
			fmt.Fprintf(out, "== %s %s\n%s", group, name, d)
		}
		if !golden {
			return
		}
		if _, ok := sums[group]; !ok {
			groups = append(groups, group)
		}
		h := sha256.New()
		h.Write(sums[group])
		h.Write([]byte(d))
		sums[group] = h.Sum(nil)
	}

	docs, spans := identityDocs(t, th)
	for _, d := range docs {
		lay("document "+d.name, "", d.doc, th, true)
	}
	texts := identityTexts(t)
	extra := corpusTexts(t, os.Getenv("LAYOUT_IDENTITY_CORPUS"))
	papers := []struct {
		name  string
		paper layout.Paper
	}{{"a4", layout.A4}, {"narrow", layout.Paper{Width: 240, Height: 400, Top: 30, Right: 20, Bottom: 30, Left: 24}}}
	metrics := []struct {
		name string
		m    layout.Metrics
	}{{"fonts", th}, {"fake", layout.FakeMetrics}, {"ink", layout.InkMetrics}, {"variants", layout.FakeVariants}}
	for _, kind := range identityKinds {
		for _, size := range []float64{10.5, 8} {
			for _, p := range papers {
				combo++
				for k, sp := range spans {
					doc := layout.Document{Paper: p.paper, Blocks: kind.blocks(sp, size)}
					lay(fmt.Sprintf("spans %s %g %s", kind.name, size, p.name), strconv.Itoa(k), doc, th, (k+combo)%5 == 0)
				}
				for _, m := range metrics {
					combo++
					for k, s := range texts {
						doc := layout.Document{Paper: p.paper, Blocks: kind.blocks([]layout.Span{{Text: s}}, size)}
						lay(fmt.Sprintf("texts %s %g %s %s", kind.name, size, p.name, m.name), strconv.Itoa(k), doc, m.m, (k+combo)%5 == 0)
					}
					for k, s := range extra {
						doc := layout.Document{Paper: p.paper, Blocks: kind.blocks([]layout.Span{{Text: s}}, size)}
						lay(fmt.Sprintf("corpus %s %g %s %s", kind.name, size, p.name, m.name), strconv.Itoa(k), doc, m.m, false)
					}
				}
			}
		}
	}
	var b strings.Builder
	for _, g := range groups {
		fmt.Fprintf(&b, "%x %s\n", sums[g][:12], g)
	}
	t.Logf("%d documents, %d span lists, %d texts, %d corpus texts; %d groups", len(docs), len(spans), len(texts), len(extra), len(groups))
	testkit.Golden(t, filepath.Join("testdata", "identity.golden"), b.String(), layout.Updating())
}

type namedDoc struct {
	name string
	doc  layout.Document
}

// identityDocs returns the briefings of the samples and test files and
// the digest of the samples, in Japanese and English, and the span lists
// of their blocks.
func identityDocs(t *testing.T, th *theme.Theme) ([]namedDoc, [][]layout.Span) {
	ct := compose.FromTheme(th)
	var paths []string
	for _, pat := range []string{"../../samples/*.toml", "testdata/*.toml", "../build/testdata/*.toml", "../digest/testdata/*.toml",
		"../digest/testdata/more/*.toml", "../mail/testdata/*.toml", "../../internal/pdfua/testdata/*.toml"} {
		ps, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, ps...)
	}
	var incs []*model.Incident
	var names []string
	for _, path := range paths {
		raw, ds := load.File(path)
		if ds.HasErrors() {
			continue
		}
		inc, ds := validate.Incident(raw)
		if ds.HasErrors() {
			continue // a test of messages
		}
		incs = append(incs, inc)
		names = append(names, strings.TrimPrefix(path, "../"))
	}
	year, err := period.Dates("2021-01-01", "2021-12-31")
	if err != nil {
		t.Fatal(err)
	}
	var docs []namedDoc
	var spans [][]layout.Span
	for _, lang := range []string{"ja", "en"} {
		for k, inc := range incs {
			doc, ds := compose.Briefing(inc, lang, ct)
			if ds.HasErrors() {
				continue // a character no font has
			}
			docs = append(docs, namedDoc{names[k] + " " + lang, doc})
		}
		doc, _, ds := digest.Document(digest.Digest{Period: year, Incidents: incs[:3]}, lang, ct, false)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		docs = append(docs, namedDoc{"digest " + lang, doc})
	}
	seen := map[string]bool{}
	var walk func(bs []layout.Block)
	add := func(sp []layout.Span) {
		key := fmt.Sprintf("%#v", sp)
		if len(sp) == 0 || seen[key] {
			return
		}
		seen[key] = true
		spans = append(spans, sp)
	}
	for _, d := range docs {
		walk = func(bs []layout.Block) {
			for _, b := range bs {
				switch b := b.(type) {
				case layout.Paragraph:
					add(b.Spans)
				case layout.Heading:
					add(b.Spans)
				case layout.List:
					for _, it := range b.Items {
						add(it.Spans)
						walk(it.Blocks)
					}
				case layout.KeyValue:
					for _, r := range b.Rows {
						add(r.Value)
						walk(r.Blocks)
					}
				case layout.Table:
					for _, r := range b.Rows {
						for _, c := range r.Cells {
							add(c)
						}
					}
				case layout.Quote:
					walk(b.Blocks)
				}
			}
		}
		walk(d.doc.Blocks)
	}
	return docs, spans
}

// identityTexts returns the model briefing's paragraphs, the fuzz
// corpus's texts and the FuzzLay seeds, and random texts.
func identityTexts(t *testing.T) []string {
	b, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range strings.Split(string(b), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			texts = append(texts, p)
		}
	}
	texts = append(texts, corpusTexts(t, "testdata/fuzz/FuzzLay")...)
	texts = append(texts,
		"本件は「偵察(Reconnaissance)」に相当する。",
		"https://example.com/a?b=c&d=e\n\nあ",
		"\u0303ㇷ\u309Aーセ\u309A。\nx\u0303\u0301 q\u0307 "+strings.Repeat("長い題名。", 30),
		"\u00adsuper\u00adcali\u00ad\u00ad\u200bfragi\u00ad\u200d 𠮟責\u200b\ufeff葛\U000E0100\ufe0f\u00ad",
		"葛\U000E0100飾区A社の辻\U000E0100\U000E0100堂\u200b\U000E0100と\n\U000E0101葛\U000E0101\u0303葛\u00ad\U000E0100",
		"（文献1）。」「（仮称）」、『」』「「（））。。、・「・・」・；："+strings.Repeat("あ", 40)+"」「",
		strings.Repeat("0f1e2d3c4b5a6978", 12),
		"被害額は77億円、50％の端末（17か国）で￥12,800と№12――その後……[1]。",
		// A selector that follows a span ending with its base (see
		// the inline kind).
		"\U000E0100辻と葛", "\U000E0101葛\r\n葛",
	)
	r := rand.New(rand.NewPCG(18, 2026))
	for range 120 {
		texts = append(texts, layout.RandomText(r))
	}
	// Mixtures of the characters the rules single out.
	pieces := []string{"あ", "漢字", "カタカナ", "ー", "々", "ゃ", "、", "。", "・", "：", "！", "？", "「", "」", "（", "）", "『", "』",
		"【", "】", "〈", "〉", "―", "――", "…", "……", "．", "，", " ", "  ", "\n", "\n\n", "\t", "word", "Latin text", "ATT&CK",
		"2021年5月6日", "50％", "17か国", "￥12,800", "№12", "(文献1)", "文献2", "[3]", "https://example.com/path/to_file.txt?a=1&b=2",
		"C:\\Windows\\System32\\", "-", "/", "=", "a-b-c", "\u00ad", "\u200b", "\ufeff", "\u0301", "\u309a", "葛\U000E0100", "\ufe0f",
		"“quoted”", "(", ")", ",", ".", ";", "1.5", "T1195.002", "x", "😀", "\u3000"}
	for range 160 {
		var b strings.Builder
		for range 1 + r.IntN(60) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	return texts
}

// corpusTexts returns the strings of the go test fuzz v1 files in the
// folders dirs (separated by the list separator), sorted.
func corpusTexts(t *testing.T, dirs string) []string {
	var texts []string
	for _, dir := range filepath.SplitList(dirs) {
		files, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(string(b), "\n") {
				if q, ok := strings.CutPrefix(line, "string("); ok {
					if s, err := strconv.Unquote(strings.TrimSuffix(q, ")")); err == nil {
						texts = append(texts, s)
					}
				}
			}
		}
	}
	return texts
}

// identityKinds are the blocks a span list is laid out in.
var identityKinds = []struct {
	name   string
	blocks func(sp []layout.Span, size float64) []layout.Block
}{
	{"paragraph-ja", func(sp []layout.Span, size float64) []layout.Block {
		return []layout.Block{layout.Paragraph{Text: jaText(size), Spans: sp}}
	}},
	{"paragraph-en", func(sp []layout.Span, size float64) []layout.Block {
		return []layout.Block{layout.Paragraph{Text: layout.Text{Style: layout.Style{Size: size}}, Spans: sp, Indent: 12, SpaceBefore: 3, SpaceAfter: 4}}
	}},
	{"heading", func(sp []layout.Span, size float64) []layout.Block {
		return []layout.Block{layout.Heading{Text: layout.Text{Style: layout.Style{Size: size * 1.4, Face: layout.Bold}}, Spans: sp, Level: 1, Rule: true, Bookmark: "b", Anchor: "a"},
			layout.Paragraph{Text: jaText(size), Spans: sp}}
	}},
	{"list", func(sp []layout.Span, size float64) []layout.Block {
		return []layout.Block{layout.List{Text: jaText(size), Items: []layout.ListItem{{Marker: "①", Spans: sp, Anchor: "i"},
			{Marker: "10.", Spans: sp, Blocks: []layout.Block{layout.Paragraph{Text: jaText(size), Spans: sp}}}}, Indent: 6, ItemSpacing: 2}}
	}},
	{"table", func(sp []layout.Span, size float64) []layout.Block {
		return []layout.Block{layout.Table{Text: jaText(size), Columns: []layout.Column{{Header: sp}, {Header: []layout.Span{{Text: "件数"}}, Align: layout.Right},
			{Header: []layout.Span{{Text: "x"}}, Align: layout.Center}},
			Rows: []layout.Row{{Cells: [][]layout.Span{sp, {{Text: "12"}}, sp}}, {Cells: [][]layout.Span{{{Text: "合計"}}, sp, {{Text: "2021-05-06"}}}, Emphasis: true}}}}
	}},
	{"table-en", func(sp []layout.Span, size float64) []layout.Block {
		return []layout.Block{layout.Table{Text: layout.Text{Style: layout.Style{Size: size}}, Columns: []layout.Column{{Header: []layout.Span{{Text: "Name"}}}, {Header: sp}},
			Rows: []layout.Row{{Cells: [][]layout.Span{sp, sp}}, {Cells: [][]layout.Span{{{Text: "27 November 2023"}}, sp}}}, KeepWithNext: true},
			layout.Paragraph{Text: jaText(size), Spans: sp}}
	}},
	{"keyvalue", func(sp []layout.Span, size float64) []layout.Block {
		return []layout.Block{layout.KeyValue{Text: jaText(size), KeyStyle: layout.Style{Face: layout.Bold, Size: size},
			Rows: []layout.KeyValueRow{{Key: []layout.Span{{Text: "作成日"}}, Value: sp}, {Key: sp, Value: []layout.Span{{Text: "TLP:AMBER"}},
				Blocks: []layout.Block{layout.Code{Text: layout.Text{Style: layout.Style{Face: layout.Mono, Size: size}}, Code: spansText(sp)}}}}}}
	}},
	{"quote-code", func(sp []layout.Span, size float64) []layout.Block {
		fill := layout.Color{R: 0xee, G: 0xee, B: 0xee}
		return []layout.Block{layout.Quote{Blocks: []layout.Block{layout.Paragraph{Text: jaText(size), Spans: sp}}, Indent: 4},
			layout.Code{Text: layout.Text{Style: layout.Style{Face: layout.Mono, Size: size}}, Code: spansText(sp), Fill: &fill, Indent: 8}}
	}},
	{"inline", func(sp []layout.Span, size float64) []layout.Block {
		s := spansText(sp)
		fill := layout.Color{R: 0, G: 0, B: 0}
		return []layout.Block{
			layout.Paragraph{Text: layout.Text{Style: layout.Style{Size: size}}, Spans: []layout.Span{{Text: "see "}, {Text: s, Whole: true}, {Text: " and "}, {Text: s, Code: true}}},
			layout.Paragraph{Text: jaText(size), Spans: []layout.Span{{Text: s}, {Text: "（文献1）", Dest: "ref-1", Cite: true},
				{Text: s, URL: "https://example.com/"}, {Text: s, Lang: "en"}, {Text: s, Style: layout.Style{Size: size, Strike: true}},
				{Text: s, Style: layout.Style{Size: size * 1.2, Dots: true, Face: layout.Bold}}, {Text: "TLP:AMBER", Fill: &fill}}},
		}
	}},
}

func jaText(size float64) layout.Text {
	return layout.Text{Style: layout.Style{Size: size}, Breaking: layout.Japanese}
}

func spansText(sp []layout.Span) string {
	var b strings.Builder
	for _, s := range sp {
		b.WriteString(s.Text)
	}
	return b.String()
}

// exactDump lays doc out with m and prints every page as it is: each
// box's fields, floats in full, each structure element where first met,
// and the furniture; or the error.
func exactDump(doc layout.Document, m layout.Metrics) string {
	pages, err := layout.Lay(doc, m)
	var b strings.Builder
	if err != nil {
		fmt.Fprintf(&b, "error %v\n", err)
		return b.String()
	}
	ids := map[*layout.Elem]int{}
	var elem func(e *layout.Elem) int
	elem = func(e *layout.Elem) int {
		if e == nil {
			return 0
		}
		if id, ok := ids[e]; ok {
			return id
		}
		p := elem(e.Parent)
		id := len(ids) + 1
		ids[e] = id
		fmt.Fprintf(&b, "elem %d %s parent=%d lang=%q alt=%q scope=%q\n", id, e.Role, p, e.Lang, e.Alt, e.Scope)
		return id
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	col := func(c *layout.Color) string {
		if c == nil {
			return "-"
		}
		return fmt.Sprint(*c)
	}
	for n, p := range pages {
		fmt.Fprintf(&b, "page %d %v elems=%v\n", n+1, p.Paper, p.Elems != nil)
		for i, x := range p.Boxes {
			e := 0
			if p.Elems != nil {
				e = elem(p.Elems[i])
			}
			fmt.Fprintf(&b, " %d ", e)
			switch x := x.(type) {
			case layout.TextBox:
				fmt.Fprintf(&b, "text %s %s %q %v sp=%s", f(x.X), f(x.Y), x.Text, x.Style, f(x.Spacing))
				if x.Gaps != nil {
					b.WriteString(" gaps=")
					for _, g := range x.Gaps {
						b.WriteString(f(g) + ",")
					}
				}
				fmt.Fprintf(&b, " actual=%q replaced=%v boxes=%d break=%v\n", x.Actual, x.Replaced, x.ActualBoxes, x.Break)
			case layout.Rect:
				fmt.Fprintf(&b, "rect %s %s %s %s %s %s %s\n", f(x.X), f(x.Y), f(x.W), f(x.H), col(x.Fill), col(x.Stroke), f(x.LineWidth))
			case layout.Line:
				fmt.Fprintf(&b, "line %s %s %s %s %v %s\n", f(x.X1), f(x.Y1), f(x.X2), f(x.Y2), x.Color, f(x.Width))
			case layout.Polygon:
				fmt.Fprintf(&b, "poly %s %s %s", col(x.Fill), col(x.Stroke), f(x.LineWidth))
				for _, p := range x.Points {
					fmt.Fprintf(&b, " %s,%s", f(p.X), f(p.Y))
				}
				b.WriteByte('\n')
			case layout.Image:
				fmt.Fprintf(&b, "image %s %s %s %s %s %x %q %d\n", f(x.X), f(x.Y), f(x.W), f(x.H), x.Type, sha256.Sum256(x.Data), x.Alt, x.Orientation)
			case layout.Link:
				fmt.Fprintf(&b, "link %s %s %s %s %q %q\n", f(x.X), f(x.Y), f(x.W), f(x.H), x.URL, x.Dest)
			case layout.Anchor:
				fmt.Fprintf(&b, "anchor %q %s\n", x.Name, f(x.Y))
			case layout.Bookmark:
				fmt.Fprintf(&b, "bookmark %q %d %s\n", x.Title, x.Level, f(x.Y))
			default:
				fmt.Fprintf(&b, "%#v\n", x)
			}
		}
	}
	return b.String()
}
