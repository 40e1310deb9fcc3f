package localize

import (
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/model"
)

func d(y, m, day int) model.Date { return model.Date{Year: y, Month: m, Day: day} }

func TestDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang string
		d    model.Date
		want string
	}{
		{"ja", d(2021, 5, 6), "2021年5月6日"},
		{"en", d(2021, 5, 6), "6 May 2021"},
		{"ja", d(2019, 1, 0), "2019年1月"},
		{"en", d(2019, 1, 0), "January 2019"},
		{"ja", d(2019, 0, 0), "2019年"},
		{"en", d(2019, 0, 0), "2019"},
		{"en", d(2020, 12, 31), "31 December 2020"},
		{"de", d(2021, 5, 6), "6 May 2021"},
		{"ja-JP", d(2021, 5, 6), "2021年5月6日"},
		{"ja", model.Date{}, ""},
	}
	for _, tt := range tests {
		if got := New(tt.lang).Date(tt.d); got != tt.want {
			t.Errorf("New(%q).Date(%v) = %q, want %q", tt.lang, tt.d, got, tt.want)
		}
	}
}

func TestPeriod(t *testing.T) {
	t.Parallel()
	p := func(a, b model.Date) model.Period { return model.Period{From: a, To: b} }
	tests := []struct {
		name string
		p    model.Period
		ja   string
		en   string
	}{
		{"month", p(d(2019, 1, 0), model.Date{}), "2019年1月", "January 2019"},
		{"months in one year", p(d(2019, 4, 0), d(2019, 5, 0)), "2019年4月～5月", "April–May 2019"},
		{"months across years", p(d(2019, 4, 0), d(2020, 3, 0)), "2019年4月～2020年3月", "April 2019 – March 2020"},
		{"years", p(d(2019, 0, 0), d(2020, 0, 0)), "2019年～2020年", "2019–2020"},
		{"year", p(d(2019, 0, 0), model.Date{}), "2019年", "2019"},
		{"days in one month", p(d(2021, 5, 6), d(2021, 5, 8)), "2021年5月6日～8日", "6–8 May 2021"},
		{"days in one year", p(d(2021, 5, 30), d(2021, 6, 2)), "2021年5月30日～6月2日", "30 May – 2 June 2021"},
		{"days across years", p(d(2020, 12, 30), d(2021, 1, 2)), "2020年12月30日～2021年1月2日", "30 December 2020 – 2 January 2021"},
		{"day", p(d(2021, 5, 6), model.Date{}), "2021年5月6日", "6 May 2021"},
		{"mixed precision", p(d(2019, 0, 0), d(2020, 3, 0)), "2019年～2020年3月", "2019 – March 2020"},
		{"same start and end", p(d(2019, 4, 0), d(2019, 4, 0)), "2019年4月", "April 2019"},
		{"absent", model.Period{}, "", ""},
	}
	for _, tt := range tests {
		if got := New("ja").Period(tt.p); got != tt.ja {
			t.Errorf("%s: ja = %q, want %q", tt.name, got, tt.ja)
		}
		if got := New("en").Period(tt.p); got != tt.en {
			t.Errorf("%s: en = %q, want %q", tt.name, got, tt.en)
		}
	}
}

func TestCounts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		f      func(Locale) string
		ja, en string
	}{
		{"term 12", func(l Locale) string { return l.Term(12) }, "1年", "1 year"},
		{"term 24", func(l Locale) string { return l.Term(24) }, "2年", "2 years"},
		{"term 6", func(l Locale) string { return l.Term(6) }, "6か月", "6 months"},
		{"term 1", func(l Locale) string { return l.Term(1) }, "1か月", "1 month"},
		{"term 18", func(l Locale) string { return l.Term(18) }, "1年6か月", "1 year 6 months"},
		{"term 25", func(l Locale) string { return l.Term(25) }, "2年1か月", "2 years 1 month"},
		{"users 20", func(l Locale) string { return l.Users(20) }, "20台", "20 terminals"},
		{"users 1", func(l Locale) string { return l.Users(1) }, "1台", "1 terminal"},
		{"users 1500", func(l Locale) string { return l.Users(1500) }, "1,500台", "1,500 terminals"},
		{"products", func(l Locale) string { return l.Products(14) }, "14製品", "14 products"},
		{"product", func(l Locale) string { return l.Products(1) }, "1製品", "1 product"},
		{"countries", func(l Locale) string { return l.CountryCount(6) }, "6か国", "6 countries"},
		{"country", func(l Locale) string { return l.CountryCount(1) }, "1か国", "1 country"},
		{"number", func(l Locale) string { return l.Number(1234567) }, "1,234,567", "1,234,567"},
		{"small number", func(l Locale) string { return l.Number(999) }, "999", "999"},
		{"index", func(l Locale) string { return l.Index(1000) }, "1000", "1000"},
		{"reference 1000", func(l Locale) string { return l.Reference(1000) }, "文献1000", "[1000]"},
		{"negative number", func(l Locale) string { return l.Number(-1000) }, "-1,000", "-1,000"},
		{"citation", func(l Locale) string { return l.Citation(1) }, "（文献1）", "[1]"},
		{"reference", func(l Locale) string { return l.Reference(12) }, "文献12", "[12]"},
		{"scenario 1", func(l Locale) string { return l.Scenario(1) }, "①", "1."},
		{"scenario 2", func(l Locale) string { return l.Scenario(2) }, "②", "2."},
		{"scenario 20", func(l Locale) string { return l.Scenario(20) }, "⑳", "20."},
		{"scenario 21", func(l Locale) string { return l.Scenario(21) }, "㉑", "21."},
		{"scenario 36", func(l Locale) string { return l.Scenario(36) }, "㊱", "36."},
		{"scenario 50", func(l Locale) string { return l.Scenario(50) }, "㊿", "50."},
		{"scenario 51", func(l Locale) string { return l.Scenario(51) }, "(51)", "51."},
		{"join", func(l Locale) string { return l.Join([]string{"a", "b", "c"}) }, "a、b、c", "a, b, c"},
		{"label", func(l Locale) string { return l.Label("X", "Y") }, "X：Y", "X: Y"},
		{"bullet", func(l Locale) string { return l.Bullet() }, "•", "•"},
	}
	for _, tt := range tests {
		if got := tt.f(New("ja")); got != tt.ja {
			t.Errorf("%s: ja = %q, want %q", tt.name, got, tt.ja)
		}
		if got := tt.f(New("en")); got != tt.en {
			t.Errorf("%s: en = %q, want %q", tt.name, got, tt.en)
		}
	}
}

func TestCountry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang, code, want string
	}{
		{"ja", "RU", "ロシア"},
		{"en", "RU", "Russia"},
		{"ja", "DE", "ドイツ"},
		{"en", "DE", "Germany"},
		{"ja", "US", "米国"},
		{"en", "US", "United States"},
		{"ja", "GB", "英国"},
		{"en", "GB", "United Kingdom"},
		{"ja", "JP", "日本"},
		{"ja", "RO", "ルーマニア"},
		{"en", "RO", "Romania"},
		{"ja", "CN", "中国"},
		{"en", "HK", "Hong Kong"},
		{"ja", "HK", "香港"},
		{"en", "MK", "North Macedonia"},
		{"ja", "MM", "ミャンマー"},
		{"en", "ru", "Russia"},
		{"de", "RU", "Russia"}, // briefings are in Japanese or English: other languages get English names
		{"zh", "RU", "Russia"},
		{"en", "1X", "1X"},
	}
	for _, tt := range tests {
		if got := New(tt.lang).Country(tt.code); got != tt.want {
			t.Errorf("New(%q).Country(%q) = %q, want %q", tt.lang, tt.code, got, tt.want)
		}
	}
}

func TestCountries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang    string
		codes   []string
		unknown string
		want    string
	}{
		{"ja", []string{"US", "JP"}, "不明", "米国、日本"},
		{"en", []string{"US", "JP"}, "Unknown", "United States, Japan"},
		{"ja", nil, "不明", "不明"},
		{"en", []string{}, "Unknown", "Unknown"},
		{"en", []string{"RU"}, "Unknown", "Russia"},
	}
	for _, tt := range tests {
		if got := New(tt.lang).Countries(tt.codes, tt.unknown); got != tt.want {
			t.Errorf("New(%q).Countries(%q) = %q, want %q", tt.lang, tt.codes, got, tt.want)
		}
	}
}

func TestBreaking(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang string
		want layout.Breaking
	}{
		{"ja", layout.Japanese},
		{"ja-JP", layout.Japanese},
		{"zh", layout.Japanese},
		{"zh-Hant", layout.Japanese},
		{"en", layout.Latin},
		{"en-GB", layout.Latin},
		{"de", layout.Latin},
		{"not a tag!", layout.Latin},
	}
	for _, tt := range tests {
		if got := New(tt.lang).Breaking(); got != tt.want {
			t.Errorf("New(%q).Breaking() = %v, want %v", tt.lang, got, tt.want)
		}
	}
}

func TestLang(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"ja": "ja", "ja-JP": "ja", "en-US": "en", "de": "de", "??": "en"} {
		if got := New(in).Lang(); got != want {
			t.Errorf("New(%q).Lang() = %q, want %q", in, got, want)
		}
	}
}

func TestText(t *testing.T) {
	t.Parallel()
	text := model.Text{Langs: []model.LangText{{Lang: "ja", Value: "日本語"}, {Lang: "en-GB", Value: "British"}}}
	for _, tt := range []struct {
		lang, want string
		translated bool
	}{
		{"ja", "日本語", true},
		{"ja-JP", "日本語", true}, // the base language's text
		{"en-GB", "British", true},
		{"en", "日本語", false}, // en-GB's text is not en's: the first, untranslated
	} {
		if got, ok := Text(text, tt.lang); got != tt.want || ok != tt.translated {
			t.Errorf("Text(%s) = %q, %v; want %q, %v", tt.lang, got, ok, tt.want, tt.translated)
		}
	}
}
