package localize

import (
	"testing"

	"briefing/briefing/model"
)

func TestDays(t *testing.T) {
	t.Parallel()
	d := func(y, m, day int) model.Date { return model.Date{Year: y, Month: m, Day: day} }
	cases := []struct {
		name     string
		from, to model.Date
		ja, en   string
	}{
		{"within a month", d(2021, 5, 1), d(2021, 5, 31), "2021年5月1日～5月31日", "1–31 May 2021"},
		{"across months", d(2021, 4, 26), d(2021, 5, 2), "2021年4月26日～5月2日", "26 April – 2 May 2021"},
		{"across years", d(2020, 12, 28), d(2021, 1, 3), "2020年12月28日～2021年1月3日", "28 December 2020 – 3 January 2021"},
		{"one day", d(2021, 5, 6), d(2021, 5, 6), "2021年5月6日", "6 May 2021"},
		{"no end", d(2021, 5, 6), model.Date{}, "2021年5月6日", "6 May 2021"},
		{"nothing", model.Date{}, model.Date{}, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := New("ja").Days(c.from, c.to); got != c.ja {
				t.Errorf("ja: Days(%v, %v) = %q, want %q", c.from, c.to, got, c.ja)
			}
			if got := New("en-GB").Days(c.from, c.to); got != c.en {
				t.Errorf("en: Days(%v, %v) = %q, want %q", c.from, c.to, got, c.en)
			}
		})
	}
}

func TestWeek(t *testing.T) {
	t.Parallel()
	d := func(y, m, day int) model.Date { return model.Date{Year: y, Month: m, Day: day} }
	cases := []struct {
		name       string
		year, week int
		from, to   model.Date
		ja, en     string
	}{
		{"within a month", 2021, 18, d(2021, 5, 3), d(2021, 5, 9), "2021年第18週（5月3日～5月9日）", "Week 18: 3–9 May 2021"},
		{"across months", 2021, 22, d(2021, 5, 31), d(2021, 6, 6), "2021年第22週（5月31日～6月6日）", "Week 22: 31 May – 6 June 2021"},
		{"week 53 across the new year", 2020, 53, d(2020, 12, 28), d(2021, 1, 3),
			"2020年第53週（2020年12月28日～2021年1月3日）", "Week 53 of 2020: 28 December 2020 – 3 January 2021"},
		{"week 1 starting in December", 2020, 1, d(2019, 12, 30), d(2020, 1, 5),
			"2020年第1週（2019年12月30日～2020年1月5日）", "Week 1 of 2020: 30 December 2019 – 5 January 2020"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := New("ja-JP").Week(c.year, c.week, c.from, c.to); got != c.ja {
				t.Errorf("ja: got %q, want %q", got, c.ja)
			}
			if got := New("en").Week(c.year, c.week, c.from, c.to); got != c.en {
				t.Errorf("en: got %q, want %q", got, c.en)
			}
		})
	}
}
