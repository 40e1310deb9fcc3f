package period

import (
	"testing"
	"time"

	"briefing/briefing/model"
)

func TestWeek(t *testing.T) {
	tests := []struct {
		in       string
		from, to string
	}{
		{"2021-W18", "2021-05-03", "2021-05-09"},
		{"2020-W53", "2020-12-28", "2021-01-03"}, // across the year boundary
		{"2021-W01", "2021-01-04", "2021-01-10"},
		{"2019-W01", "2018-12-31", "2019-01-06"}, // week 1 starts in the year before
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := Week(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if r.From.String() != tt.from || r.To.String() != tt.to {
				t.Errorf("Week(%s) = %s..%s, want %s..%s", tt.in, r.From, r.To, tt.from, tt.to)
			}
			if r.Name() != tt.in {
				t.Errorf("Name() = %q, want %q", r.Name(), tt.in)
			}
		})
	}
}

func TestWeekRejects(t *testing.T) {
	for _, in := range []string{"2021-W53", "2021-W00", "2021-W54", "2021W18", "2021-18", "", "2021-W1"} {
		if _, err := Week(in); err == nil {
			t.Errorf("Week(%q) accepted", in)
		}
	}
}

func TestContainsEdges(t *testing.T) {
	r, err := Week("2021-W18")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		d    model.Date
		want bool
	}{
		{model.Date{Year: 2021, Month: 5, Day: 2}, false},  // the Sunday before
		{model.Date{Year: 2021, Month: 5, Day: 3}, true},   // Monday
		{model.Date{Year: 2021, Month: 5, Day: 9}, true},   // Sunday
		{model.Date{Year: 2021, Month: 5, Day: 10}, false}, // the next Monday
	} {
		if got := r.Contains(tt.d); got != tt.want {
			t.Errorf("Contains(%s) = %v, want %v", tt.d, got, tt.want)
		}
	}
}

func TestDates(t *testing.T) {
	r, err := Dates("2021-05-01", "2021-05-31")
	if err != nil {
		t.Fatal(err)
	}
	if r.Name() != "2021-05-01_2021-05-31" {
		t.Errorf("Name() = %q", r.Name())
	}
	if _, err := Dates("2021-05-31", "2021-05-01"); err == nil {
		t.Error("a range that ends before it starts was accepted")
	}
	if _, err := Dates("2021-5-1", "2021-05-31"); err == nil {
		t.Error("a malformed date was accepted")
	}
}

// TestRelative: this, last and -N weeks from an injected clock, across a
// year with a week 53, never from today's date.
func TestRelative(t *testing.T) {
	wed := time.Date(2021, 5, 12, 23, 30, 0, 0, time.UTC) // week 19 of 2021
	jan := time.Date(2021, 1, 6, 9, 0, 0, 0, time.FixedZone("JST", 9*3600))
	for _, c := range []struct {
		s    string
		now  time.Time
		want string
	}{
		{"this", wed, "2021-W19"},
		{"last", wed, "2021-W18"},
		{"-1", wed, "2021-W18"},
		{"-0", wed, "2021-W19"},
		{"-19", wed, "2020-W53"},
		{"last", jan, "2020-W53"},
		{"this", jan, "2021-W01"},
	} {
		r, err := Relative(c.s, c.now)
		if err != nil || r.Week != c.want {
			t.Errorf("Relative(%q, %v) = %v, %v; want %s", c.s, c.now, r.Name(), err, c.want)
		}
	}
	if r, _ := Relative("last", wed); r.From.String() != "2021-05-03" || r.To.String() != "2021-05-09" {
		t.Errorf("last week runs %v to %v", r.From, r.To)
	}
	for _, bad := range []string{"next", "-x", "+1", "-", "-9999999", "--1", "-+1", "-200000", "Last"} {
		if _, err := Relative(bad, wed); err == nil {
			t.Errorf("Relative(%q) accepted", bad)
		}
	}
}

func TestDatesYearZero(t *testing.T) {
	if _, err := Dates("0000-01-01", "0000-01-31"); err == nil {
		t.Error("Dates accepted year 0")
	}
}

// TestMonth: a month runs from its first to its last day, February of a
// leap year included; a month outside 01–12 or the years 1–9999 is refused.
func TestMonth(t *testing.T) {
	for _, c := range []struct{ in, from, to string }{
		{"2021-05", "2021-05-01", "2021-05-31"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2100-02", "2100-02-01", "2100-02-28"},
		{"0001-01", "0001-01-01", "0001-01-31"},
		{"9999-12", "9999-12-01", "9999-12-31"},
	} {
		r, err := Month(c.in)
		if err != nil || r.From.String() != c.from || r.To.String() != c.to || r.Name() != c.in || r.Week != "" {
			t.Errorf("Month(%s) = %v..%v %q, %v; want %s..%s", c.in, r.From, r.To, r.Name(), err, c.from, c.to)
		}
	}
	for _, bad := range []string{"0000-12", "2021-00", "2021-13", "2021-5", "21-05", "2021-05-01", "10000-01", ""} {
		if _, err := Month(bad); err == nil {
			t.Errorf("Month(%q) accepted", bad)
		}
	}
}

// TestRelativeMonth: this, last and -N months from an injected clock,
// across a year's start, never from today's date.
func TestRelativeMonth(t *testing.T) {
	jan := time.Date(2021, 1, 31, 23, 30, 0, 0, time.FixedZone("JST", 9*3600))
	for _, c := range []struct {
		s    string
		now  time.Time
		want string
	}{
		{"this", jan, "2021-01"},
		{"last", jan, "2020-12"},
		{"-1", jan, "2020-12"},
		{"-0", jan, "2021-01"},
		{"-13", jan, "2019-12"},
		{"-24240", jan, "0001-01"},
		{"last", time.Date(2021, 3, 31, 0, 0, 0, 0, time.UTC), "2021-02"},
	} {
		r, err := RelativeMonth(c.s, c.now)
		if err != nil || r.Month != c.want {
			t.Errorf("RelativeMonth(%q, %v) = %v, %v; want %s", c.s, c.now, r.Name(), err, c.want)
		}
	}
	for _, bad := range []string{"next", "-x", "+1", "-", "-24241", "-9999999"} {
		if _, err := RelativeMonth(bad, jan); err == nil {
			t.Errorf("RelativeMonth(%q) accepted", bad)
		}
	}
	if _, err := RelativeMonth("last", time.Date(1, 1, 5, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("the month before January of the year 1 was accepted")
	}
}

// TestYearLimits: weeks and dates outside the years 1–9999 are refused,
// also when reached by counting back.
func TestYearLimits(t *testing.T) {
	for _, w := range []string{"0000-W01", "9999-W52"} {
		if _, err := Week(w); err == nil {
			t.Errorf("Week(%s) accepted", w)
		}
	}
	if r, err := Week("9999-W51"); err != nil || r.To.String() != "9999-12-26" {
		t.Errorf("Week(9999-W51) = %v, %v", r.To, err)
	}
	if r, err := Week("0001-W01"); err != nil || r.From.String() != "0001-01-01" {
		t.Errorf("Week(0001-W01) = %v, %v", r.From, err)
	}
	if _, err := Relative("last", time.Date(1, 1, 3, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("the week before the first of the year 1 was accepted")
	}
	if _, err := Dates("0000-12-31", "0001-01-01"); err == nil {
		t.Error("Dates accepted the year 0")
	}
	if _, err := Dates("9999-12-31", "10000-01-01"); err == nil {
		t.Error("Dates accepted the year 10000")
	}
}
