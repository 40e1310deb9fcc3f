package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"briefing/briefing/batch"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

var (
	defaultTheme     *theme.Theme
	defaultThemeErr  error
	defaultThemeOnce sync.Once
)

func testTheme(t *testing.T) *theme.Theme {
	t.Helper()
	defaultThemeOnce.Do(func() { defaultTheme, defaultThemeErr = theme.Default() })
	if defaultThemeErr != nil {
		t.Fatal(defaultThemeErr)
	}
	return defaultTheme
}

// rendered holds the samples rendered once into a shared folder.
var (
	renderOnce    sync.Once
	renderDir     string
	renderResults []batch.Result
)

// samples renders both samples in both languages and fails the test on
// any diagnostic.
func samples(t *testing.T) (string, []batch.Result) {
	t.Helper()
	renderOnce.Do(func() {
		dir, err := os.MkdirTemp("", "briefing-build-test-")
		if err != nil {
			t.Fatal(err)
		}
		renderDir = dir
		paths, _ := filepath.Glob("../../samples/*.toml")
		opt := &Options{Dir: dir, Theme: testTheme(t)}
		for _, p := range paths {
			renderResults = append(renderResults, File(context.Background(), p, opt))
		}
	})
	if len(renderResults) != 3 {
		t.Fatalf("rendered %d samples, want 3", len(renderResults))
	}
	for _, r := range renderResults {
		if len(r.Diagnostics) > 0 {
			t.Fatalf("%s: %v", r.File, r.Diagnostics)
		}
		if len(r.Outputs) != 2 {
			t.Fatalf("%s: %d PDFs written, want 2", r.File, len(r.Outputs))
		}
	}
	return renderDir, renderResults
}

func TestMain(m *testing.M) {
	code := m.Run()
	if renderDir != "" {
		os.RemoveAll(renderDir)
	}
	os.Exit(code)
}

// pages returns the text of each page of a PDF, as pdftotext gives it.
func pages(t *testing.T, pdf string) []string {
	t.Helper()
	text := testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
	ps := strings.Split(text, "\f")
	if len(ps) > 0 && strings.TrimSpace(ps[len(ps)-1]) == "" {
		ps = ps[:len(ps)-1]
	}
	return ps
}

// flat joins the pages' text with the line breaks taken out, so that a
// phrase wrapped over two lines is still found.
func flat(ps []string) string {
	return strings.NewReplacer("\n", "", " ", "").Replace(strings.Join(ps, ""))
}

// TestSamplesRead renders the samples and reads every section back as a
// reader sees it.
func TestSamplesRead(t *testing.T) {
	dir, _ := samples(t)
	cases := []struct {
		file string
		// Running text in order of appearance, spaces and line breaks
		// ignored.
		want []string
		// Table rows: regular expressions on a line of pdftotext -layout.
		rows []string
	}{
		{"pla-61419-antivirus.ja.pdf", []string{
			"PLA某部隊が欧米のアンチウイルスソフト購入の動き",
			"作成日", "2021年5月6日", "TLP:CLEAR",
			"概要", "事案の経緯", "（文献1）（文献2）",
			"調達の候補となった製品", "発注時期", "製品名", "契約期間", "端末数", "供給国",
			"出典：文献1",
			"被害の全容", "ハンドリング", "分析", "攻撃手法", "成功の要因", "見積もられる攻撃者・攻撃企図",
			"①", "②",
			"予想されるリスク", "発生可能性：3", "じ後の対策", "短期的対策", "中長期的対策",
			"レビュー", "関連知識", "関連情報・資料", "文献1", "RecordedFuture", "2021年5月5日",
		}, []string{
			`^2019年4月～5月 +Kaspersky Endpoint Security for Business ADVANCED +2年 +30台 +ロシア$`,
			`^2019年4月～5月 +Nod32 ESET Multi-Device Security +2年 +10台 +不明$`,
			`^2019年11月 +Trend Micro Worry-Free Services Advanced +2年 +10台 +米国、日本$`,
			`^合計 +14製品 +210台 +6か国$`,
		}},
		{"pla-61419-antivirus.en.pdf", []string{
			"PLAunitmovestobuyWesternantivirussoftware",
			"Asof", "6May2021",
			"Summary", "[1][2]",
			"Productsconsideredforpurchase", "Ordered", "Product", "Supplier country",
			"Source:[1]",
			"Analysis", "1.", "2.",
			"Expectedrisks", "Likelihood:3", "Countermeasures", "Shortterm", "Midtolongterm",
			"References", "[1]", "RecordedFuture", "5May2021",
		}, []string{
			`^April–May 2019 +Kaspersky Endpoint\b.* 2 years +30 terminals +Russia$`,
			`^April–May 2019 +Nod32 ESET\b.* 2 years +10 terminals +Unknown$`,
			`^November 2019 +Trend Micro\b.* 2 years +10 terminals +United States,$`,
			`^Total +14 products +210 terminals +6 countries$`,
		}},
		{"kaseya-vsa-2021.ja.pdf", []string{
			"KaseyaVSAを悪用したランサムウェアのサプライチェーン攻撃",
			"重要度", "確度", "分析チーム",
			"事案の経緯", "2021年4月", "2021年7月4日～5日",
			"キルチェーン", "ATT&CKテクニック", "T1195.002",
			"予想されるリスク", "1.", "2.",
			"関連情報・資料", "https://nvd.nist.gov/vuln/detail/CVE-2021-30116",
		}, nil},
		{"kaseya-vsa-2021.en.pdf", []string{
			"Ransomwaresupply-chainattackthroughKaseyaVSA",
			"Severity", "Confidence", "Analysisteam",
			"April2021", "4–5July2021",
			"Killchain", "ATT&CKtechniques", "T1195.002",
			"https://nvd.nist.gov/vuln/detail/CVE-2021-30116",
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, c.file)
			ps := pages(t, path)
			if len(ps) < 2 {
				t.Fatalf("%d pages", len(ps))
			}
			text := flat(ps)
			at := 0
			for _, w := range c.want {
				w = strings.ReplaceAll(w, " ", "")
				i := strings.Index(text[at:], w)
				if i < 0 {
					if strings.Contains(text, w) {
						t.Errorf("%q is there, but not after what comes before it", w)
					} else {
						t.Errorf("no %q in the text", w)
					}
					continue
				}
				at += i + len(w)
			}
			layout := testkit.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-")
			for _, r := range c.rows {
				if !regexp.MustCompile("(?m)" + r).MatchString(layout) {
					t.Errorf("no table row %s", r)
				}
			}
			// The furniture: TLP label and "n / N" on every page.
			tlp := regexp.MustCompile(`(?m)^TLP:(CLEAR|GREEN|AMBER|AMBER\+STRICT|RED)$`)
			for i, p := range ps {
				if !tlp.MatchString(p) {
					t.Errorf("page %d has no TLP label", i+1)
				}
				// pdftotext drops the thin spaces around the slash.
				num := regexp.MustCompile(`(?m)^` + strconv.Itoa(i+1) + ` ?/ ?` + strconv.Itoa(len(ps)) + `$`)
				if !num.MatchString(p) {
					t.Errorf("page %d has no footer %d / %d", i+1, i+1, len(ps))
				}
			}
		})
	}
}

// TestSamplesPDF checks the files themselves: structure, fonts, links,
// outline, metadata and the numbers reported.
func TestSamplesPDF(t *testing.T) {
	dir, results := samples(t)
	for _, r := range results {
		for _, o := range r.Outputs {
			t.Run(filepath.Base(o.Path), func(t *testing.T) {
				t.Parallel()
				if filepath.Dir(o.Path) != dir {
					t.Errorf("written to %s, not into %s", o.Path, dir)
				}
				b, err := os.ReadFile(o.Path)
				if err != nil {
					t.Fatal(err)
				}
				if o.Bytes != len(b) {
					t.Errorf("reported %d bytes, the file has %d", o.Bytes, len(b))
				}
				if o.Bytes > 200_000 {
					t.Errorf("%d bytes: too large to mail", o.Bytes)
				}
				// qpdf: structure.
				out := testkit.Run(t, "qpdf", "--check", o.Path)
				if !strings.Contains(out, "No syntax or stream encoding errors found") {
					t.Errorf("qpdf --check:\n%s", out)
				}
				// pdffonts: every font embedded and subset.
				fonts := strings.Split(strings.TrimSpace(testkit.Run(t, "pdffonts", o.Path)), "\n")
				if len(fonts) < 3 {
					t.Fatalf("pdffonts lists no font:\n%s", strings.Join(fonts, "\n"))
				}
				for _, l := range fonts[2:] {
					f := strings.Fields(l)
					if !regexp.MustCompile(`^[A-Z]{6}\+`).MatchString(f[0]) || !strings.Contains(l, " yes yes yes ") {
						t.Errorf("font not embedded as a named subset: %s", l)
					}
				}
				// pdfinfo: pages, paper and metadata.
				info := testkit.Run(t, "pdfinfo", o.Path)
				if !regexp.MustCompile(`(?m)^Pages: +` + strconv.Itoa(o.Pages) + `$`).MatchString(info) {
					t.Errorf("reported %d pages; pdfinfo:\n%s", o.Pages, info)
				}
				if !strings.Contains(info, "(A4)") {
					t.Errorf("not A4:\n%s", info)
				}
				for _, k := range []string{"Title:", "Subject:", "Keywords:", "CreationDate:"} {
					if !regexp.MustCompile(`(?m)^` + k + ` +\S`).MatchString(info) {
						t.Errorf("no %s in the metadata:\n%s", k, info)
					}
				}
				// Uncompressed: the language, the outline and the links.
				qdf := filepath.Join(t.TempDir(), "q.pdf")
				testkit.Run(t, "qpdf", "--qdf", "--object-streams=disable", o.Path, qdf)
				q, err := os.ReadFile(qdf)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Contains(q, []byte("/Lang ("+o.Lang+")")) {
					t.Errorf("no /Lang (%s)", o.Lang)
				}
				var outline struct {
					Outlines []struct {
						Title string
						Kids  []struct{ Title string }
					}
				}
				if err := json.Unmarshal([]byte(testkit.Run(t, "qpdf", "--json", "--json-key=outlines", o.Path)), &outline); err != nil {
					t.Fatal(err)
				}
				var titles []string
				for _, e := range outline.Outlines {
					titles = append(titles, e.Title)
				}
				want := map[string]string{"ja": "概要 事案の経緯", "en": "Summary Background"}[o.Lang]
				last := map[string]string{"ja": "関連情報・資料", "en": "References"}[o.Lang]
				if got := strings.Join(titles, " "); !strings.HasPrefix(got, want) || !strings.HasSuffix(got, last) {
					t.Errorf("outline: %s", got)
				}
				// Citations link inside the document, to the reference list.
				internal := 0
				for _, obj := range bytes.Split(q, []byte("endobj")) {
					if bytes.Contains(obj, []byte("/Subtype /Link")) && bytes.Contains(obj, []byte("/Dest [")) {
						internal++
					}
				}
				if internal < 3 {
					t.Errorf("%d internal links; every citation should be one", internal)
				}
				if strings.HasPrefix(filepath.Base(o.Path), "kaseya") &&
					!bytes.Contains(q, []byte("(https://attack.mitre.org/techniques/T1195/002/)")) {
					t.Errorf("T1195.002 is not linked to its ATT&CK page")
				}
			})
		}
	}
}

// TestDeterministic renders the samples again into another folder: the
// same bytes.
func TestDeterministic(t *testing.T) {
	dir, results := samples(t)
	again := t.TempDir()
	for _, r := range results {
		r2 := File(context.Background(), r.File, &Options{Dir: again, Theme: testTheme(t), Sums: true})
		for i, o := range r2.Outputs {
			a, err := os.ReadFile(filepath.Join(dir, filepath.Base(o.Path)))
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(o.Path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s: two renders differ", filepath.Base(o.Path))
			}
			if sum := sha256.Sum256(b); o.SHA256 != hex.EncodeToString(sum[:]) || o.Content != o.SHA256 {
				t.Errorf("%s: sha256 %q, content %q, the file's %x", filepath.Base(o.Path), o.SHA256, o.Content, sum)
			}
			if r.Outputs[i].SHA256 != "" || r.Outputs[i].Content != "" {
				t.Errorf("%s: hashed without Sums", filepath.Base(o.Path))
			}
		}
	}
}

// writeFile writes a file into dir and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// files lists the names in dir, hidden ones (temporary files) included.
func files(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

const header = "format = 1\ndate = 2021-05-06\n"

func TestFailures(t *testing.T) {
	t.Parallel()
	th := testTheme(t)
	cases := []struct {
		name, file string
		strict     bool
		want       string   // a diagnostic
		written    []string // the PDFs written
	}{
		{"a character no font has, in a title", header + `id = "fire"
title = "炎上🔥"
summary = "s"
`, false, `fire.toml:4:1: title: character U+1F525 🔥 cannot be drawn: no font of fonts.bold (embedded:BIZUDPGothic-Bold.ttf) has it; remove or replace it, or add a font that has it to fonts.bold`, nil},
		{"a character no font has, in a reference list", header + `id = "ref"
title = "t"
summary = "s [r]"
[[references]]
id = "r"
title.en = "🔥 news"
title.ja = "ニュース"
`, false, `ref.toml:8:7: references[1].title.en: character U+1F525 🔥 cannot be drawn`, []string{"ref.ja.pdf"}},
		{"a refused file", header + `id = "bad"
title = "t"
summary = "s"
severity = "hgih"
`, false, `bad.toml:6:12: severity: "hgih" is not one of`, nil},
		{"untranslated under strict", header + `id = "half"
title = { ja = "表題", en = "Title" }
summary.ja = "概要"
tlp = "CLEAR"
`, true, `half.toml:5:1: summary: no en text (--strict makes a missing translation an error)`, []string{"half.ja.pdf"}},
		{"a language without formats", header + `id = "de"
languages = ["ja", "de"]
title = { ja = "表題", de = "Titel" }
summary = { ja = "概要", de = "Text" }
`, false, `de.toml:4:20: languages[2]: de: briefings are made in Japanese (ja) and English (en) only`, nil},
		{"an id that climbs out of the folder", header + `id = "../x"
title = "t"
summary = "s"
`, false, `climb.toml:3:6: id: "../x" cannot be an id`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			in := t.TempDir()
			name := strings.SplitN(strings.TrimPrefix(c.want, ""), ":", 2)[0]
			path := writeFile(t, in, name, c.file)
			out := filepath.Join(in, "out", "pdf")
			r := File(context.Background(), path, &Options{Dir: out, Theme: th, Strict: c.strict})
			if !r.Failed() {
				t.Errorf("not failed: %v", r.Diagnostics)
			}
			got := ""
			for _, d := range r.Diagnostics {
				got += strings.TrimPrefix(d.String(), in+string(filepath.Separator)) + "\n"
			}
			if !strings.Contains(got, c.want) {
				t.Errorf("diagnostics:\n%swant %s", got, c.want)
			}
			if w := strings.Join(files(t, out), " "); w != strings.Join(c.written, " ") {
				t.Errorf("written: %q, want %q", w, c.written)
			}
			if len(r.Outputs) != len(c.written) {
				t.Errorf("%d outputs reported, want %d", len(r.Outputs), len(c.written))
			}
			// Nothing beside the input and the output folder.
			if w := strings.Join(files(t, in), " "); w != strings.Join(slices.Sorted(slices.Values([]string{name, "out"})), " ") && w != name {
				t.Errorf("input folder holds %q", w)
			}
		})
	}
}

// TestCheck composes without writing: the same diagnostics, no folder made.
func TestCheck(t *testing.T) {
	t.Parallel()
	in := t.TempDir()
	path := writeFile(t, in, "fire.toml", header+"id = \"fire\"\ntitle = \"炎上🔥\"\nsummary = \"s\"\ntlp = \"CLEAR\"\n")
	out := filepath.Join(in, "out")
	r := File(context.Background(), path, &Options{Dir: out, Theme: testTheme(t), Check: true})
	if len(r.Diagnostics) != 1 || !strings.Contains(r.Diagnostics[0].Message, "U+1F525 🔥") {
		t.Errorf("diagnostics: %v", r.Diagnostics)
	}
	r = File(context.Background(), "../../samples/kaseya-vsa-2021.toml", &Options{Dir: out, Theme: testTheme(t), Check: true})
	if len(r.Diagnostics) != 0 || len(r.Outputs) != 0 {
		t.Errorf("check of a sample: %v, %v", r.Diagnostics, r.Outputs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("check made %s", out)
	}
}

// TestCancelled stops before the first language once the run is cancelled.
func TestCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := t.TempDir()
	r := File(ctx, "../../samples/kaseya-vsa-2021.toml", &Options{Dir: out, Theme: testTheme(t)})
	if len(r.Outputs) != 0 || len(files(t, out)) != 0 {
		t.Errorf("wrote %v after the run was cancelled", files(t, out))
	}
}

func TestSupported(t *testing.T) {
	t.Parallel()
	for _, l := range []string{"ja", "en", "ja-JP", "en-GB", "en-US"} {
		if err := Supported(l); err != nil {
			t.Errorf("%s: %v", l, err)
		}
	}
	for _, l := range []string{"de", "zh-Hant", "fr-CA", "x"} {
		if err := Supported(l); err == nil {
			t.Errorf("%s: supported", l)
		}
	}
}

// TestUntranslated: a text missing the briefing's language is shown in the
// other language after a visible tag, with one warning for the file.
func TestUntranslated(t *testing.T) {
	t.Parallel()
	in := t.TempDir()
	path := writeFile(t, in, "half.toml", header+`id = "half"
title = { ja = "表題", en = "Title" }
summary.ja = "英語の翻訳はまだない。"
tlp = "CLEAR"
`)
	r := File(context.Background(), path, &Options{Dir: filepath.Join(in, "out"), Theme: testTheme(t)})
	if len(r.Diagnostics) != 1 || r.Failed() || !strings.Contains(r.Diagnostics[0].String(), "half.toml:5:1: summary: warning: no en text") {
		t.Errorf("diagnostics: %v", r.Diagnostics)
	}
	if len(r.Outputs) != 2 {
		t.Fatalf("%d PDFs written, want 2", len(r.Outputs))
	}
	text := flat(pages(t, filepath.Join(in, "out", "half.en.pdf")))
	if !strings.Contains(text, "Summary[untranslated]英語の翻訳はまだない。") {
		t.Errorf("no tagged Japanese summary in the English briefing:\n%s", text)
	}
	if text := flat(pages(t, filepath.Join(in, "out", "half.ja.pdf"))); strings.Contains(text, "未翻訳") {
		t.Errorf("the Japanese briefing is tagged untranslated:\n%s", text)
	}
}

// TestCollisions: two files with one id would overwrite each other's PDFs,
// the survivor depending on the workers' order; neither is kept.
func TestCollisions(t *testing.T) {
	t.Parallel()
	in := t.TempDir()
	out := filepath.Join(in, "out")
	a := writeFile(t, in, "a.toml", header+"id = \"same\"\ntitle = \"A\"\nsummary = \"a\"\n")
	b := writeFile(t, in, "b.toml", header+"id = \"same\"\ntitle = \"B\"\nsummary = \"b\"\n")
	c := writeFile(t, in, "c.toml", header+"id = \"other\"\ntitle = \"C\"\nsummary = \"c\"\n")
	opt := &Options{Dir: out, Theme: testTheme(t)}
	var rs []batch.Result
	for _, f := range []string{a, b, c} {
		rs = append(rs, File(context.Background(), f, opt))
	}
	rs = Collisions(rs)
	for i, r := range rs[:2] {
		if !r.Failed() || len(r.Outputs) != 0 {
			t.Errorf("file %d: outputs %v, diagnostics %v", i, r.Outputs, r.Diagnostics)
		}
	}
	if !strings.Contains(rs[0].Diagnostics.Error(), a+":3:1: id: "+filepath.Join(out, "same.ja.pdf")+" is also written by "+b) {
		t.Errorf("a: %v", rs[0].Diagnostics)
	}
	if rs[2].Failed() || len(rs[2].Outputs) != 2 {
		t.Errorf("c: %v, %v", rs[2].Outputs, rs[2].Diagnostics)
	}
	if got := strings.Join(files(t, out), " "); got != "other.en.pdf other.ja.pdf" {
		t.Errorf("left in the output folder: %s", got)
	}
}

// TestCollisionsChecked: check reports two files with one id as render
// does, though it writes nothing.
func TestCollisionsChecked(t *testing.T) {
	t.Parallel()
	in := t.TempDir()
	a := writeFile(t, in, "a.toml", header+"id = \"same\"\ntitle = \"A\"\nsummary = \"a\"\n")
	b := writeFile(t, in, "b.toml", header+"\nid = \"same\"\ntitle = \"B\"\nsummary = \"b\"\n")
	opt := &Options{Dir: filepath.Join(in, "out"), Theme: testTheme(t), Check: true}
	rs := Collisions([]batch.Result{File(context.Background(), a, opt), File(context.Background(), b, opt)})
	if got := rs[1].Diagnostics.Error(); !strings.Contains(got, b+":4:1: id: same.ja.pdf would also be written by "+a) {
		t.Errorf("b: %s", got)
	}
	if !rs[0].Failed() {
		t.Errorf("a: %v", rs[0].Diagnostics)
	}
}

// TestKeepIncident: a result holds its incident only when asked to (a
// batch keeps every result until its end), and its marking always.
func TestKeepIncident(t *testing.T) {
	t.Parallel()
	const sample = "../../samples/kaseya-vsa-2021.toml"
	for _, keep := range []bool{false, true} {
		r := File(context.Background(), sample, &Options{Dir: t.TempDir(), Theme: testTheme(t), Check: true, KeepIncident: keep})
		if r.Failed() {
			t.Fatalf("%s: %v", sample, r.Diagnostics)
		}
		if (r.Incident != nil) != keep {
			t.Errorf("KeepIncident %v: the result's incident is %v", keep, r.Incident)
		}
		if keep && r.Incident.TLP != r.TLP || r.TLP == "" {
			t.Errorf("KeepIncident %v: the result's TLP is %q", keep, r.TLP)
		}
	}
}
