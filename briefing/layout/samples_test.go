package layout_test

import (
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/compose"
	"briefing/briefing/digest"
	"briefing/briefing/layout"
	"briefing/briefing/model"
	"briefing/briefing/period"
	"briefing/internal/testkit/fixture"
)

// TestSampleTablesNoTaller: the tables of the samples' briefings and of
// their digest, in both languages, and of two crowded procurement tables
// are no taller than the column balancing before set them, and the
// crowded ones shorter.
func TestSampleTablesNoTaller(t *testing.T) {
	t.Parallel()
	th := fixture.Theme(t)
	ct := compose.FromTheme(th)
	samples, err := filepath.Glob("../../samples/*.toml")
	if err != nil || len(samples) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	crowded := []string{"testdata/crowded-procurement.toml", "testdata/crowded-procurement-totals.toml"}
	var incs []*model.Incident
	for _, path := range append(samples, crowded...) {
		incs = append(incs, fixture.Incident(t, path))
	}
	year, err := period.Dates("2021-01-01", "2021-12-31")
	if err != nil {
		t.Fatal(err)
	}
	tables := 0
	for _, lang := range []string{"ja", "en"} {
		var names []string
		var docs []layout.Document
		for k, inc := range incs {
			doc, ds := compose.Briefing(inc, lang, ct)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			names = append(names, filepath.Base(append(samples, crowded...)[k]))
			docs = append(docs, doc)
		}
		doc, _, ds := digest.Document(digest.Digest{Period: year, Incidents: incs[:len(samples)]}, lang, ct, false)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		names, docs = append(names, "digest"), append(docs, doc)
		for k, doc := range docs {
			name := names[k]
			width := doc.Paper.Width - doc.Paper.Left - doc.Paper.Right
			for _, b := range doc.Blocks {
				tbl, ok := b.(layout.Table)
				if !ok {
					continue
				}
				tables++
				now, before, err := layout.TableLines(tbl, th, width)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%s %s: %d lines, %d before", name, lang, now, before)
				if now > before {
					t.Errorf("%s %s: a table of %d lines, %d before", name, lang, now, before)
				}
				if lang == "en" && strings.HasPrefix(name, "crowded-") && now >= before {
					t.Errorf("%s %s: a table of %d lines, %d before: no shorter", name, lang, now, before)
				}
			}
		}
	}
	if tables < 4 {
		t.Errorf("%d tables found, want at least 4", tables)
	}
}
