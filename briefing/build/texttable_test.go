package build

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// TestTextTableOverPages sets a GFM table of 80 rows in a text, in
// Japanese and English, and reads each page back: the table runs over
// pages, its header stands on every page it reaches, every row is read
// once, in order, and each number whole.
func TestTextTableOverPages(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	testkit.Tool(t, "pdfinfo")
	const rows = 80
	for _, c := range []struct{ lang, h1, h2, h3 string }{
		{"ja", "ホスト名", "通信量", "初回検知"},
		{"en", "Hostname", "Traffic", "First seen"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			var b strings.Builder
			fmt.Fprintf(&b, "| %s | %s | %s |\n|---|--:|---|\n", c.h1, c.h2, c.h3)
			for i := 1; i <= rows; i++ {
				fmt.Fprintf(&b, "| host-%03d | %d | 2024-03-%02d |\n", i, 1000000+i*12345, 1+i%28)
			}
			s := renderText(t, c.lang, b.String(), "")
			info := testkit.Run(t, "pdfinfo", s.path)
			m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
			if m == nil {
				t.Fatalf("no page count in:\n%s", info)
			}
			pages, _ := strconv.Atoi(m[1])
			if pages < 2 {
				t.Fatalf("the table fits on %d page: it must run over", pages)
			}
			row := regexp.MustCompile(`host-(\d{3})\s+(\S+)\s+(\S+)`)
			next, withRows := 1, 0
			for p := 1; p <= pages; p++ {
				text := testkit.Run(t, "pdftotext", "-layout", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), s.path, "-")
				found := row.FindAllStringSubmatch(text, -1)
				if len(found) == 0 {
					continue
				}
				head := regexp.MustCompile(regexp.QuoteMeta(c.h1) + `\s+` + regexp.QuoteMeta(c.h2) + `\s+` + regexp.QuoteMeta(c.h3))
				hk := head.FindStringIndex(text)
				switch {
				case hk == nil:
					t.Errorf("page %d holds rows but no header %q:\n%s", p, c.h1, text)
				case strings.Index(text, found[0][0]) < hk[0]:
					t.Errorf("page %d: the header stands below the first row", p)
				case len(head.FindAllStringIndex(text, -1)) != 1:
					t.Errorf("page %d: the header stands more than once", p)
				}
				withRows++
				for _, f := range found {
					i, _ := strconv.Atoi(f[1])
					if i != next {
						t.Errorf("page %d: row %d read, want row %d", p, i, next)
					}
					next = i + 1
					if want := strconv.Itoa(1000000 + i*12345); f[2] != want {
						t.Errorf("row %d: traffic read as %q, want %s", i, f[2], want)
					}
					if want := fmt.Sprintf("2024-03-%02d", 1+i%28); f[3] != want {
						t.Errorf("row %d: date read as %q, want %s", i, f[3], want)
					}
				}
			}
			if withRows < 2 {
				t.Errorf("rows on %d page(s): the table must run over", withRows)
			}
			if next != rows+1 {
				t.Errorf("the last row read is %d, want %d", next-1, rows)
			}
		})
	}
}
