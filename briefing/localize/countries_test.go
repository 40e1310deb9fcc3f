package localize

import (
	"os"
	"strings"
	"testing"
)

// TestCountryTable checks the Japanese and English name of every assigned
// ISO 3166-1 alpha-2 code (and XK) against testdata/iso3166.tsv.
func TestCountryTable(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/iso3166.tsv")
	if err != nil {
		t.Fatal(err)
	}
	ja, en := New("ja"), New("en")
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("testdata/iso3166.tsv: %q is not code, English, Japanese", line)
		}
		n++
		if got := en.Country(f[0]); got != f[1] {
			t.Errorf("en %s = %q, want %q", f[0], got, f[1])
		}
		if got := ja.Country(f[0]); got != f[2] {
			t.Errorf("ja %s = %q, want %q", f[0], got, f[2])
		}
		// A name must not read as two countries in a list.
		if strings.Contains(f[1], ", ") || strings.Contains(f[2], "、") {
			t.Errorf("%s: a name holds the list separator", f[0])
		}
	}
	if n != 250 {
		t.Errorf("the table has %d codes, want 249 assigned and XK", n)
	}
}
