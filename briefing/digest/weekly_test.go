package digest_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"briefing/briefing/build"
	"briefing/briefing/digest"
	"briefing/briefing/model"
	"briefing/briefing/period"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// incident writes a small incident file with the top-level lines given
// and loads it.
func incident(t *testing.T, id string, lines ...string) *model.Incident {
	t.Helper()
	src := "format = 2\nid = \"" + id + "\"\ntlp = \"GREEN\"\n" + strings.Join(lines, "\n") + "\n"
	if !strings.Contains(src, "title") {
		src += "title = { ja = \"表題" + id + "\", en = \"Title " + id + "\" }\nsummary = { ja = \"概要\", en = \"Summary\" }\n"
	}
	path := filepath.Join(t.TempDir(), id+".toml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	inc, _, ds := build.Incident(path)
	if inc == nil {
		t.Fatalf("%s refused:\n%v", id, ds)
	}
	return inc
}

// digestPDF writes the digest of r in lang and returns its path and what
// it shows.
func digestPDF(t *testing.T, r period.Range, lang string, strict bool, incs ...*model.Incident) (string, digest.Digest) {
	t.Helper()
	var buf bytes.Buffer
	_, shown, _, err := digest.PDF(&buf, digest.Digest{Period: r, Incidents: digest.Select(incs, r)}, lang, fixture.Theme(t), strict)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), digest.Name(r, lang))
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, shown
}

// TestSelectUpdated: an incident is in a period when its as-of date or its
// updated date falls in it; updated only when its as-of date does not;
// ordered by the day that puts it in the period.
func TestSelectUpdated(t *testing.T) {
	t.Parallel()
	r, _ := period.Week("2021-W18") // 3–9 May 2021
	news := incident(t, "new", "date = 2021-05-06")
	upd := incident(t, "upd", "date = 2021-04-20", "updated = 2021-05-04")
	both := incident(t, "both", "date = 2021-05-03", "updated = 2021-05-08")
	later := incident(t, "later", "date = 2021-05-05", "updated = 2021-06-10")
	before := incident(t, "before", "date = 2021-04-01", "updated = 2021-05-02")
	after := incident(t, "after", "date = 2021-05-10")
	got := digest.Select([]*model.Incident{news, upd, both, later, before, after}, r)
	var ids []string
	for _, inc := range got {
		ids = append(ids, inc.ID)
		if digest.Updated(inc, r) != (inc.ID == "upd") {
			t.Errorf("%s: Updated = %v", inc.ID, digest.Updated(inc, r))
		}
	}
	if strings.Join(ids, " ") != "both upd later new" {
		t.Errorf("selected %v, want both upd later new", ids)
	}
}

// pdfDates reads CreationDate and ModDate back, as YYYY-MM-DD, from the
// document information as qpdf gives it (poppler's pdfinfo reads
// D:00010102… as the year 10).
func pdfDates(t *testing.T, path string) (string, string) {
	t.Helper()
	out := testkit.Run(t, "qpdf", "--json", path)
	get := func(key string) string {
		m := regexp.MustCompile(`"/` + key + `": "u?:?D:(\d{4})(\d{2})(\d{2})000000\+00'00'"`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("qpdf gives no %s of the form D:YYYYMMDD000000+00'00'", key)
		}
		return m[1] + "-" + m[2] + "-" + m[3]
	}
	return get("CreationDate"), get("ModDate")
}

// TestDateRule: the PDF's CreationDate and ModDate are the latest as-of or
// updated date of the incidents it holds, even after the period's end or
// before it, and the period's last day when it holds none — also in the
// years 1 and 9999; read back with qpdf.
func TestDateRule(t *testing.T) {
	t.Parallel()
	w18, _ := period.Week("2021-W18")
	w51, _ := period.Week("9999-W51")
	jan1, _ := period.Week("0001-W01")
	for _, c := range []struct {
		name string
		r    period.Range
		incs []*model.Incident
		want string
	}{
		{"updated in the period", w18, []*model.Incident{
			incident(t, "a", "date = 2021-05-04"),
			incident(t, "b", "date = 2021-04-20", "updated = 2021-05-06")}, "2021-05-06"},
		{"updated after the period", w18, []*model.Incident{
			incident(t, "c", "date = 2021-05-05", "updated = 2021-06-10"),
			incident(t, "d", "date = 2021-05-09")}, "2021-06-10"},
		{"no incidents", w18, nil, "2021-05-09"},
		{"the last week of 9999", w51, nil, "9999-12-26"},
		{"the first week of the year 1", jan1, []*model.Incident{incident(t, "e", "date = 0001-01-02")}, "0001-01-02"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			path, _ := digestPDF(t, c.r, "en", false, c.incs...)
			created, modified := pdfDates(t, path)
			if created != c.want || modified != c.want {
				t.Errorf("CreationDate %s, ModDate %s; want %s", created, modified, c.want)
			}
		})
	}
}

// TestNotMade: an incident whose languages leave out a language, or (with
// strict) whose text lacks it, is not in that language's digest, and the
// cover counts it; read back with pdftotext.
func TestNotMade(t *testing.T) {
	t.Parallel()
	r, _ := period.Week("2021-W18")
	both := incident(t, "both", "date = 2021-05-04")
	enOnly := incident(t, "en-only", "date = 2021-05-05", `languages = ["en"]`)
	gb := incident(t, "gb", "date = 2021-05-06", `languages = ["en-GB"]`, `title = "British"`, `summary = "Only in English."`)
	jaText := incident(t, "ja-text", "date = 2021-05-07", `title = { ja = "日本語の表題", en = "English title" }`, `summary.ja = "日本語だけ"`)
	for _, c := range []struct {
		lang    string
		strict  bool
		ids     string
		notMade int
		cover   string
	}{
		{"ja", false, "both ja-text", 2, "日本語版のない事案 2件（本ダイジェストには収録せず）"},
		{"en", false, "both en-only gb ja-text", 0, ""},
		{"en", true, "both en-only gb", 1, "Not made in English 1 incident, not in this digest"},
	} {
		path, shown := digestPDF(t, r, c.lang, c.strict, both, enOnly, gb, jaText)
		var ids []string
		for _, inc := range shown.Incidents {
			ids = append(ids, inc.ID)
		}
		if strings.Join(ids, " ") != c.ids || shown.NotMade != c.notMade || shown.LeftOut != 0 {
			t.Errorf("%s strict=%v: %v, %d not made, %d left out; want %s and %d", c.lang, c.strict, ids, shown.NotMade, shown.LeftOut, c.ids, c.notMade)
		}
		cover := squeeze(pages(t, path)[0])
		if c.cover != "" && !strings.Contains(cover, c.cover) || c.cover == "" && strings.Contains(cover, "Not made") {
			t.Errorf("%s strict=%v: cover:\n%s\nwant %q", c.lang, c.strict, cover, c.cover)
		}
	}
}
