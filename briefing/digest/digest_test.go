package digest

import (
	"testing"

	"briefing/briefing/model"
	"briefing/briefing/period"
)

func day(y, m, d int) model.Date { return model.Date{Year: y, Month: m, Day: d} }

func ids(incs []*model.Incident) []string {
	var out []string
	for _, inc := range incs {
		out = append(out, inc.ID)
	}
	return out
}

func week(t *testing.T, s string) period.Range {
	t.Helper()
	r, err := period.Week(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSelectPeriodEdges(t *testing.T) {
	t.Parallel()
	incs := []*model.Incident{
		{ID: "next-monday", Date: day(2021, 5, 10)},
		{ID: "sunday", Date: day(2021, 5, 9)},
		{ID: "monday", Date: day(2021, 5, 3)},
		{ID: "sunday-before", Date: day(2021, 5, 2)},
		{ID: "b-midweek", Date: day(2021, 5, 5)},
		{ID: "a-midweek", Date: day(2021, 5, 5)},
		{ID: "dec27", Date: day(2020, 12, 27)},
		{ID: "dec28", Date: day(2020, 12, 28)},
		{ID: "dec31", Date: day(2020, 12, 31)},
		{ID: "jan3", Date: day(2021, 1, 3)},
		{ID: "jan4", Date: day(2021, 1, 4)},
		nil,
	}
	range_ := func(from, to string) period.Range {
		r, err := period.Dates(from, to)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	cases := []struct {
		name string
		r    period.Range
		want []string
	}{
		{"a week runs Monday to Sunday", week(t, "2021-W18"), []string{"monday", "a-midweek", "b-midweek", "sunday"}},
		{"the next Monday starts the next week", week(t, "2021-W19"), []string{"next-monday"}},
		{"2020-W53 runs into 2021", week(t, "2020-W53"), []string{"dec28", "dec31", "jan3"}},
		{"2021-W01 starts on 4 January", week(t, "2021-W01"), []string{"jan4"}},
		{"a range includes both ends", range_("2021-05-02", "2021-05-09"), []string{"sunday-before", "monday", "a-midweek", "b-midweek", "sunday"}},
		{"a range of one day", range_("2021-05-10", "2021-05-10"), []string{"next-monday"}},
		{"an empty period", week(t, "2021-W30"), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := ids(Select(incs, c.r))
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Fatalf("got %v, want %v", got, c.want)
				}
			}
		})
	}
}

func TestTLPEscalation(t *testing.T) {
	t.Parallel()
	inc := func(tlps ...model.TLP) []*model.Incident {
		var out []*model.Incident
		for _, x := range tlps {
			out = append(out, &model.Incident{TLP: x})
		}
		return out
	}
	cases := []struct {
		name string
		incs []*model.Incident
		want model.TLP
	}{
		{"no incidents", nil, model.TLPClear},
		{"no marking counts as clear", inc(""), model.TLPClear},
		{"green over clear", inc(model.TLPClear, model.TLPGreen), model.TLPGreen},
		{"amber over green", inc(model.TLPGreen, model.TLPAmber, model.TLPClear), model.TLPAmber},
		{"amber+strict over amber", inc(model.TLPAmber, model.TLPAmberStrict, model.TLPGreen), model.TLPAmberStrict},
		{"red over everything", inc(model.TLPAmberStrict, model.TLPRed, model.TLPAmber, model.TLPClear), model.TLPRed},
		{"red first", inc(model.TLPRed, model.TLPClear), model.TLPRed},
		{"nil incidents skipped", append(inc(model.TLPAmber), nil), model.TLPAmber},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := TLP(c.incs); got != c.want {
				t.Errorf("TLP = %s, want %s", got, c.want)
			}
		})
	}
}

func TestName(t *testing.T) {
	t.Parallel()
	if got := Name(week(t, "2021-W18"), "ja"); got != "digest-2021-W18.ja.pdf" {
		t.Errorf("week: %q", got)
	}
	r, err := period.Dates("2021-05-01", "2021-05-31")
	if err != nil {
		t.Fatal(err)
	}
	if got := Name(r, "en"); got != "digest-2021-05-01_2021-05-31.en.pdf" {
		t.Errorf("range: %q", got)
	}
}

func TestPeriodText(t *testing.T) {
	t.Parallel()
	r, err := period.Dates("2021-05-01", "2021-05-31")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		r      period.Range
		ja, en string
	}{
		{week(t, "2021-W18"), "2021年第18週（5月3日～5月9日）", "Week 18: 3–9 May 2021"},
		{week(t, "2020-W53"), "2020年第53週（2020年12月28日～2021年1月3日）", "Week 53 of 2020: 28 December 2020 – 3 January 2021"},
		{r, "2021年5月1日～5月31日", "1–31 May 2021"},
	}
	for _, c := range cases {
		if got := periodText(c.r, "ja"); got != c.ja {
			t.Errorf("ja %s: %q, want %q", c.r.Name(), got, c.ja)
		}
		if got := periodText(c.r, "en"); got != c.en {
			t.Errorf("en %s: %q, want %q", c.r.Name(), got, c.en)
		}
	}
}
