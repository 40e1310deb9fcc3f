package digest_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/build"
	"briefing/briefing/diag"
	"briefing/briefing/digest"
	"briefing/briefing/layout"
	"briefing/briefing/model"
	"briefing/briefing/period"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// incidents loads the test incidents and the model sample; the number of
// files refused is returned too.
func incidents(t *testing.T) ([]*model.Incident, int) {
	t.Helper()
	files, err := filepath.Glob("testdata/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "../../samples/pla-61419-antivirus.toml")
	var out []*model.Incident
	refused := 0
	for _, f := range files {
		inc, _, ds := build.Incident(f)
		if inc == nil {
			if !strings.HasSuffix(f, "bad.toml") {
				t.Fatalf("%s refused:\n%v", f, ds)
			}
			refused++
			continue
		}
		out = append(out, inc)
	}
	return out, refused
}

// make writes the digest of the week in lang into a temporary file.
func makePDF(t *testing.T, week, lang string) (path string, shown digest.Digest) {
	t.Helper()
	th := fixture.Theme(t)
	return makePDFWith(t, th, week, lang)
}

// makePDFWith is makePDF with a template.
func makePDFWith(t *testing.T, th *theme.Theme, week, lang string) (path string, shown digest.Digest) {
	t.Helper()
	incs, refused := incidents(t)
	r, err := period.Week(week)
	if err != nil {
		t.Fatal(err)
	}
	d := digest.Digest{Period: r, Incidents: digest.Select(incs, r), LeftOut: refused}
	var buf bytes.Buffer
	_, shown, ds, err := digest.PDF(&buf, d, lang, th, false)
	if err != nil {
		t.Fatal(err)
	}
	if ds.HasErrors() {
		t.Fatalf("errors:\n%v", ds)
	}
	path = filepath.Join(t.TempDir(), digest.Name(r, lang))
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, shown
}

// pages returns the text of each page, as pdftotext gives it.
func pages(t *testing.T, path string) []string {
	t.Helper()
	out := testkit.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-")
	ps := strings.Split(out, "\f")
	if len(ps) > 0 && strings.TrimSpace(ps[len(ps)-1]) == "" {
		ps = ps[:len(ps)-1]
	}
	return ps
}

// footer matches the page number n / N (pdftotext drops the thin spaces
// around the slash).
func footer(n, total int) *regexp.Regexp {
	return regexp.MustCompile(`(^|\s)` + strconv.Itoa(n) + ` ?/ ?` + strconv.Itoa(total) + `(\s|$)`)
}

// squeeze drops the spaces pdftotext puts between letters and columns.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// TestCover reads the cover back from the PDF: the period, the incidents
// of the week (not the next Monday's) in date order with their as-of date,
// severity and TLP, and the file left out.
func TestCover(t *testing.T) {
	t.Parallel()
	cases := []struct {
		lang string
		want []string // in this order on the cover
	}{
		{"ja", []string{
			"週次インシデント・ダイジェスト",
			"2021年第18週（5月3日～5月9日）",
			"対象期間 2021年5月3日～5月9日",
			"収録件数 3件",
			"取扱区分 TLP:AMBER",
			"除外したファイル 1件",
			"1 新規 2021年5月3日 週初めのフィッシング 中 TLP:GREEN 2",
			"2 新規 2021年5月6日 PLA某部隊が欧米のアンチウイルスソフト購入の動き", "— TLP:CLEAR 3",
			"3 新規 2021年5月9日 日曜日のランサムウェア 高 TLP:AMBER",
		}},
		{"en", []string{
			"Weekly incident digest",
			"Week 18: 3–9 May 2021",
			"Period 3–9 May 2021",
			"Incidents 3 incidents",
			"Marking TLP:AMBER",
			"Left out 1 file",
			"1 New 3 May 2021 Phishing at the start of the week Medium TLP:GREEN",
			"3 New 9 May 2021 Ransomware on a Sunday High TLP:AMBER 7",
		}},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			t.Parallel()
			path, shown := makePDF(t, "2021-W18", c.lang)
			if len(shown.Incidents) != 3 || shown.LeftOut != 1 {
				t.Errorf("digest holds %d incidents, %d left out; want 3 and 1", len(shown.Incidents), shown.LeftOut)
			}
			ps := pages(t, path)
			cover := squeeze(ps[0])
			at := 0
			for _, w := range c.want {
				i := strings.Index(cover[at:], w)
				if i < 0 {
					t.Fatalf("cover lacks %q after position %d:\n%s", w, at, cover)
				}
				at += i + len(w)
			}
			for _, not := range []string{"翌週月曜日", "next Monday"} {
				if strings.Contains(strings.Join(ps, ""), not) {
					t.Errorf("the next Monday's incident is in the digest of week 18")
				}
			}
			// Every page: the digest's marking and "n / N" with N the
			// digest's pages.
			for i, p := range ps {
				if !strings.Contains(p, "TLP:AMBER") {
					t.Errorf("page %d has no TLP:AMBER label", i+1)
				}
				if !footer(i+1, len(ps)).MatchString(p) {
					t.Errorf("page %d lacks %d / %d", i+1, i+1, len(ps))
				}
			}
		})
	}
}

// TestEmptyPeriod: a week without incidents is a cover saying so, marked
// CLEAR; one whose every file was left out says that none could be
// included, never that there were none.
func TestEmptyPeriod(t *testing.T) {
	t.Parallel()
	th := fixture.Theme(t)
	r, err := period.Week("2021-W30")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang    string
		leftOut int
		want    string
	}{
		{"ja", 0, "この期間に該当するインシデントはありません。"},
		{"en", 0, "There were no incidents in this period."},
		{"ja", 1, "この期間のインシデントは、いずれも本ダイジェストに収録できませんでした。"},
		{"en", 1, "None of this period's incidents could be included in this digest."},
	} {
		var buf bytes.Buffer
		_, shown, _, err := digest.PDF(&buf, digest.Digest{Period: r, LeftOut: c.leftOut}, c.lang, th, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(shown.Incidents) != 0 {
			t.Errorf("%s: %d incidents", c.lang, len(shown.Incidents))
		}
		path := filepath.Join(t.TempDir(), digest.Name(r, c.lang))
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		ps := pages(t, path)
		if len(ps) != 1 {
			t.Errorf("%s: %d pages, want the cover alone", c.lang, len(ps))
		}
		got := squeeze(ps[0])
		if !strings.Contains(got, c.want) || !strings.Contains(got, "TLP:CLEAR") || !footer(1, 1).MatchString(got) {
			t.Errorf("%s, %d left out: cover:\n%s", c.lang, c.leftOut, got)
		}
		for _, wrong := range []string{"該当するインシデントはありません", "There were no incidents"} {
			if c.leftOut > 0 && strings.Contains(got, wrong) {
				t.Errorf("%s: a period whose files were left out says %q", c.lang, wrong)
			}
		}
	}
}

// pdfJSON is what qpdf --json says of the pages, objects and outline.
type pdfJSON struct {
	Pages []struct {
		Object string `json:"object"`
	} `json:"pages"`
	Outlines []outline        `json:"outlines"`
	QPDF     []map[string]any `json:"qpdf"`
}

type outline struct {
	Title string    `json:"title"`
	Page  int       `json:"destpageposfrom1"`
	Kids  []outline `json:"kids"`
}

func qpdfJSON(t *testing.T, path string) pdfJSON {
	t.Helper()
	testkit.Tool(t, "qpdf")
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command("qpdf", "--json", "--json-key=pages", "--json-key=outlines", "--json-key=qpdf", path).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var j pdfJSON
	if err := json.Unmarshal(out, &j); err != nil {
		t.Fatal(err)
	}
	return j
}

// TestLinksAndOutline: each row of the cover links (a /Link annotation
// with a /Dest) to the first page of its briefing, and the outline has the
// cover, then one entry per incident with its sections under it.
func TestLinksAndOutline(t *testing.T) {
	t.Parallel()
	path, _ := makePDF(t, "2021-W18", "en")
	ps := pages(t, path)
	j := qpdfJSON(t, path)
	if len(j.Pages) != len(ps) || len(j.QPDF) < 2 {
		t.Fatalf("qpdf: %d pages, pdftotext: %d", len(j.Pages), len(ps))
	}
	pageOf := map[string]int{}
	for i, p := range j.Pages {
		pageOf[p.Object] = i + 1
	}
	objs := j.QPDF[1]
	page1, _ := objs["obj:"+j.Pages[0].Object].(map[string]any)
	value, _ := page1["value"].(map[string]any)
	annots, _ := value["/Annots"].([]any)
	targets := map[int]int{} // page → links to it
	for _, a := range annots {
		m, _ := a.(map[string]any)
		if ref, ok := a.(string); ok { // an indirect annotation
			o, _ := objs["obj:"+ref].(map[string]any)
			m, _ = o["value"].(map[string]any)
		}
		if m["/Subtype"] != "/Link" {
			continue
		}
		dest, ok := m["/Dest"].([]any)
		if !ok || len(dest) == 0 {
			continue
		}
		ref, _ := dest[0].(string)
		targets[pageOf[ref]]++
	}
	titles := []string{"Phishing at the start of the week", "PLA unit", "Ransomware on a Sunday"}
	starts := map[int]bool{}
	for _, title := range titles {
		first := 0
		for i, p := range ps[1:] {
			if strings.Contains(squeeze(p), title) {
				first = i + 2
				break
			}
		}
		if first == 0 {
			t.Fatalf("no briefing titled %q", title)
		}
		starts[first] = true
		if !strings.Contains(squeeze(ps[first-1]), "Weekly incident digest | "+title) {
			t.Errorf("page %d: no running header with the digest's and the briefing's title", first)
		}
		// The row names the page too.
		row := regexp.MustCompile(regexp.QuoteMeta(title) + `.*? TLP:[A-Z+]+ (\d+)`).FindStringSubmatch(squeeze(ps[0]))
		if row == nil || row[1] != strconv.Itoa(first) {
			t.Errorf("the cover's row of %q gives page %v, want %d:\n%s", title, row, first, squeeze(ps[0]))
		}
		if targets[first] < 5 {
			t.Errorf("%q starts on page %d; the cover links there %d times, want a link on each of the row's 5 cells", title, first, targets[first])
		}
	}
	for p := range targets {
		if !starts[p] {
			t.Errorf("the cover links to page %d, where no briefing starts", p)
		}
	}

	if len(j.Outlines) != 4 {
		t.Fatalf("outline has %d top entries, want the cover and 3 incidents: %+v", len(j.Outlines), j.Outlines)
	}
	if !strings.Contains(j.Outlines[0].Title, "Week 18: 3–9 May 2021") || j.Outlines[0].Page != 1 {
		t.Errorf("first entry %q on page %d, want the cover", j.Outlines[0].Title, j.Outlines[0].Page)
	}
	for i, o := range j.Outlines[1:] {
		if !strings.HasPrefix(o.Title, titles[i]) || !starts[o.Page] {
			t.Errorf("entry %d: %q on page %d, want %q where it starts", i+2, o.Title, o.Page, titles[i])
		}
		if len(o.Kids) == 0 || o.Kids[0].Title != "Summary" {
			t.Errorf("entry %q: sections %+v, want Summary first", o.Title, o.Kids)
		}
	}
}

// TestDeterministic: the same incidents give the same bytes.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	a, _ := makePDF(t, "2021-W18", "ja")
	b, _ := makePDF(t, "2021-W18", "ja")
	x, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	y, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x, y) {
		t.Error("two digests of the same incidents differ")
	}
	if !regexp.MustCompile(`/CreationDate \(D:20210509`).Match(x) {
		t.Error("creation date is not the latest as-of date of the week")
	}
}

// TestLeftOutInOneLanguage: an incident whose English title the fonts
// cannot draw is in the Japanese digest, and left out of the English one
// (counted on its cover, its error reported).
func TestLeftOutInOneLanguage(t *testing.T) {
	t.Parallel()
	th := fixture.Theme(t)
	var incs []*model.Incident
	for _, f := range []string{"testdata/early.toml", "testdata/more/fire.toml"} {
		inc, _, ds := build.Incident(f)
		if inc == nil {
			t.Fatalf("%s refused:\n%v", f, ds)
		}
		incs = append(incs, inc)
	}
	r, err := period.Week("2021-W18")
	if err != nil {
		t.Fatal(err)
	}
	d := digest.Digest{Period: r, Incidents: digest.Select(incs, r)}
	for lang, want := range map[string]int{"ja": 2, "en": 1} {
		var buf bytes.Buffer
		_, shown, ds, err := digest.PDF(&buf, d, lang, th, false)
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		if len(shown.Incidents) != want || shown.LeftOut != 2-want {
			t.Errorf("%s: %d incidents, %d left out; want %d and %d", lang, len(shown.Incidents), shown.LeftOut, want, 2-want)
		}
		if got := ds.HasErrors(); got != (lang == "en") {
			t.Errorf("%s: errors %v:\n%v", lang, got, ds)
		}
		if lang == "en" {
			path := filepath.Join(t.TempDir(), "en.pdf")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if cover := squeeze(pages(t, path)[0]); !strings.Contains(cover, "Left out 1 file") || strings.Contains(cover, "Fire") {
				t.Errorf("en cover:\n%s", cover)
			}
		}
	}
}

// TestTemplateWords: an organization's template renames the digest and
// puts its name on the cover.
func TestTemplateWords(t *testing.T) {
	t.Parallel()
	tmpl := filepath.Join(t.TempDir(), "acme.toml")
	err := os.WriteFile(tmpl, []byte(`[organization]
name = "ACME CSIRT"

[words.en]
digest_title_week = "Weekly security digest"
digest_page = "p."
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	th, err := theme.Load(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	path, _ := makePDFWith(t, th, "2021-W18", "en")
	cover := squeeze(pages(t, path)[0])
	for _, want := range []string{"ACME CSIRT | Weekly security digest", "Weekly security digest Week 18: 3–9 May 2021", "TLP p."} {
		if !strings.Contains(cover, want) {
			t.Errorf("cover lacks %q:\n%s", want, cover)
		}
	}
}

// TestLeftOutInOneLanguageMarking: an incident left out of one language's
// digest (a character the fonts lack) still counts in that digest's
// marking, and its message, which quotes its text, is not on the cover
// when it is marked more restrictively than the incidents shown.
func TestLeftOutInOneLanguageMarking(t *testing.T) {
	t.Parallel()
	th := fixture.Theme(t)
	var incs []*model.Incident
	for _, f := range []string{"testdata/early.toml", "testdata/more/fire.toml"} {
		inc, _, ds := build.Incident(f)
		if inc == nil {
			t.Fatalf("%s refused:\n%v", f, ds)
		}
		incs = append(incs, inc)
	}
	incs[1].TLP = model.TLPRed
	r, err := period.Week("2021-W18")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	_, shown, _, err := digest.PDF(&buf, digest.Digest{Period: r, Incidents: digest.Select(incs, r)}, "en", th, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(shown.Incidents) != 1 || digest.TLP(shown.Incidents) != model.TLPGreen || digest.Marking(shown) != model.TLPRed {
		t.Fatalf("%d incidents shown, marked %s; the digest's marking %s, want 1, GREEN and RED",
			len(shown.Incidents), digest.TLP(shown.Incidents), digest.Marking(shown))
	}
	path := filepath.Join(t.TempDir(), "en.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ps := pages(t, path)
	for i, p := range ps {
		if lines := strings.Split(strings.TrimSpace(p), "\n"); !strings.HasSuffix(lines[0], "TLP:RED") || !strings.HasSuffix(lines[len(lines)-1], "TLP:RED") {
			t.Errorf("page %d: header %q, footer %q; want TLP:RED at their ends", i+1, lines[0], lines[len(lines)-1])
		}
	}
	cover := squeeze(ps[0])
	if !strings.Contains(cover, "(message withheld: the file is marked more restrictively than the incidents of this digest)") ||
		strings.Contains(cover, "Fire") || strings.Contains(cover, "U+1F525") || strings.Contains(cover, "🔥") {
		t.Errorf("en cover:\n%s", cover)
	}
}

// TestFailureNamesCharacterOnce: a file left out because a character
// cannot be drawn is named on the cover with the character's code point
// once ("U+1F525 cannot be drawn"), the character itself (which the cover's
// fonts lack either) written as its code point in its place, never twice.
func TestFailureNamesCharacterOnce(t *testing.T) {
	t.Parallel()
	th := fixture.Theme(t)
	// The message as composing a briefing gives it (file:line:col: key:
	// character U+1F525 🔥 cannot be drawn: …).
	fail := diag.Diagnostic{Severity: diag.Error, File: "emoji.toml", Line: 5, Col: 11, Key: "summary",
		Message: "character " + layout.RuneName(0x1F525) + " cannot be drawn: no font of fonts.regular has it"}
	r, err := period.Week("2021-W18")
	if err != nil {
		t.Fatal(err)
	}
	d := digest.Digest{Period: r, LeftOut: 1, Failures: []digest.Failure{{Diagnostic: fail, TLP: model.TLPClear}}}
	for _, lang := range []string{"ja", "en"} {
		var buf bytes.Buffer
		if _, _, _, err := digest.PDF(&buf, d, lang, th, false); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		path := filepath.Join(t.TempDir(), lang+".pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		cover := squeeze(pages(t, path)[0])
		if !strings.Contains(cover, "character U+1F525 cannot") || strings.Contains(cover, "U+1F525 U+1F525") {
			t.Errorf("%s: the cover does not name U+1F525 once:\n%s", lang, cover)
		}
	}
}
