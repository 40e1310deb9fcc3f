package digest

import (
	"testing"

	"briefing/briefing/compose"
)

// TestCounts checks that the cover's counts are grouped as every quantity
// of a briefing is (localize.Number), and its numbers of items are not.
func TestCounts(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		lang string
		f    func(texts) string
		want string
	}{
		{"ja", func(w texts) string { return w.count(1000) }, "1,000件"},
		{"en", func(w texts) string { return w.count(1000) }, "1,000 incidents"},
		{"en", func(w texts) string { return w.count(1) }, "1 incident"},
		{"ja", func(w texts) string { return w.leftOut(12345) }, "12,345件（検証エラーなどのため）"},
		{"en", func(w texts) string { return w.leftOut(12345) }, "12,345 files, which failed validation or could not be typeset"},
	} {
		if got := tt.f(words(tt.lang, compose.Theme{})); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.lang, got, tt.want)
		}
	}
}
