package digest_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/model"
	"briefing/briefing/period"
)

// TestLongCoverPageNumbers: a digest of 90 incidents, whose briefings
// take one, two or three pages, has a cover of several pages. Read back
// from the PDF, each row of the cover gives the page its briefing's title
// is on (the numbers past 99 included), the page whose running header
// first names it; the cover's links and the outline point there.
func TestLongCoverPageNumbers(t *testing.T) {
	t.Parallel()
	r, _ := period.Week("2021-W18")
	const n = 90
	para := strings.Repeat("Phishing mail was seen at the start of the week, sent to the finance department from a look-alike domain. ", 8)
	var incs []*model.Incident
	for i := range n {
		summary := strings.TrimSuffix(strings.Repeat(para+"\\n\\n", 1+6*(i%3)), "\\n\\n")
		incs = append(incs, incident(t, fmt.Sprintf("inc-%03d", i),
			"date = 2021-05-03",
			fmt.Sprintf(`title = { ja = "表題%03d", en = "Title inc-%03d" }`, i, i),
			`summary = { ja = "概要", en = "`+summary+`" }`))
	}
	path, shown := digestPDF(t, r, "en", false, incs...)
	if len(shown.Incidents) != n {
		t.Fatalf("%d incidents shown, want %d", len(shown.Incidents), n)
	}
	ps := pages(t, path)
	// The cover: the pages of the incidents' table, its header on each.
	cover := 0
	for cover < len(ps) && strings.Contains(squeeze(ps[cover]), "Title Severity TLP Page") {
		cover++
	}
	if cover < 2 {
		t.Fatalf("the cover takes %d pages, want 2 or more for %d incidents", cover, n)
	}
	var coverText strings.Builder
	for _, p := range ps[:cover] {
		coverText.WriteString(squeeze(p) + " ")
	}
	rows := regexp.MustCompile(`(\d+) New 3 May 2021 Title inc-(\d{3}) — TLP:GREEN (\d+) `).FindAllStringSubmatch(coverText.String(), -1)
	if len(rows) != n {
		t.Fatalf("the cover has %d rows, want %d:\n%s", len(rows), n, coverText.String())
	}
	starts := map[int]bool{}
	startOf := map[string]int{}
	for _, row := range rows {
		id := "inc-" + row[2]
		first := 0
		for i := cover; i < len(ps); i++ {
			if strings.Contains(squeeze(ps[i]), "Title "+id) {
				first = i + 1
				break
			}
		}
		if first == 0 {
			t.Fatalf("no page has the title of %s", id)
		}
		if p := squeeze(ps[first-1]); !strings.Contains(p, "Weekly incident digest | Title "+id) || strings.Count(p, "Title "+id) < 2 {
			t.Errorf("page %d, where %s starts, lacks its title or its running header:\n%s", first, id, p)
		}
		if got, _ := strconv.Atoi(row[3]); got != first {
			t.Errorf("the cover gives page %d for %s, whose briefing starts on page %d", got, id, first)
		}
		starts[first] = true
		startOf[id] = first
	}
	if last := startOf[fmt.Sprintf("inc-%03d", n-1)]; last < 100 {
		t.Errorf("the last briefing starts on page %d: the test wants numbers past 99", last)
	}
	// Pages run 1 to N on every page, the cover's included.
	for i, p := range ps {
		if !footer(i+1, len(ps)).MatchString(p) {
			t.Errorf("page %d lacks %d / %d", i+1, i+1, len(ps))
		}
	}

	j := qpdfJSON(t, path)
	if len(j.Pages) != len(ps) || len(j.QPDF) < 2 {
		t.Fatalf("qpdf: %d pages, pdftotext: %d", len(j.Pages), len(ps))
	}
	pageOf := map[string]int{}
	for i, p := range j.Pages {
		pageOf[p.Object] = i + 1
	}
	objs := j.QPDF[1]
	targets := map[int]int{} // page → links to it from the cover
	for _, p := range j.Pages[:cover] {
		o, _ := objs["obj:"+p.Object].(map[string]any)
		value, _ := o["value"].(map[string]any)
		annots, _ := value["/Annots"].([]any)
		for _, a := range annots {
			m, _ := a.(map[string]any)
			if ref, ok := a.(string); ok {
				o, _ := objs["obj:"+ref].(map[string]any)
				m, _ = o["value"].(map[string]any)
			}
			if dest, ok := m["/Dest"].([]any); ok && len(dest) > 0 {
				ref, _ := dest[0].(string)
				targets[pageOf[ref]]++
			}
		}
	}
	for id, p := range startOf {
		if targets[p] < 5 {
			t.Errorf("%s starts on page %d; the cover links there %d times, want one a cell", id, p, targets[p])
		}
	}
	for p := range targets {
		if !starts[p] {
			t.Errorf("the cover links to page %d, where no briefing starts", p)
		}
	}
	if len(j.Outlines) != n+1 {
		t.Fatalf("outline has %d top entries, want the cover and %d incidents", len(j.Outlines), n)
	}
	if j.Outlines[0].Page != 1 {
		t.Errorf("the cover's entry points at page %d", j.Outlines[0].Page)
	}
	for _, o := range j.Outlines[1:] {
		id := strings.TrimPrefix(o.Title, "Title ")
		if want, ok := startOf[id]; !ok || o.Page != want {
			t.Errorf("outline entry %q points at page %d, want %d", o.Title, o.Page, want)
		}
	}
}
