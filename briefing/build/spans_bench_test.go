package build

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"briefing/briefing/load"
	"briefing/briefing/theme"
	"briefing/briefing/validate"
)

// BenchmarkMarkdownSpans composes, lays out and draws a format-2
// briefing whose summary is one paragraph of n inline spans of one kind
// (or n list items, n table rows): the time per briefing grows with n,
// never with its square.
func BenchmarkMarkdownSpans(b *testing.B) {
	def, err := theme.Default()
	if err != nil {
		b.Fatal(err)
	}
	kinds := []struct{ name, span string }{
		{"emph", "*a* "}, {"strong", "**bold** "}, {"code", "`a` "}, {"strike", "~~a~~ "},
		{"link", "[a](https://example.com/) "}, {"autolink", "https://example.com/ "},
		{"cite", "[r] "}, {"cve", "CVE-2021-30116 "}, {"soft", "a\n"}, {"item", "- a\n"},
		{"cell", "| a | b |\n"},
	}
	for _, k := range kinds {
		for _, n := range []int{1000, 4000, 16000} {
			var src bytes.Buffer
			src.WriteString("format = 2\nid = \"x\"\ndate = 2026-11-20\ntitle = \"t\"\nsummary = \"\"\"\n")
			if k.name == "cell" {
				src.WriteString("| a | b |\n|---|---|\n")
			}
			src.WriteString(strings.Repeat(k.span, n))
			src.WriteString("\"\"\"\n[[references]]\nid = \"r\"\ntitle = \"t\"\n")
			raw, ds := load.Read("x.toml", &src)
			inc, vds := validate.Incident(raw)
			if ds.HasErrors() || vds.HasErrors() {
				b.Fatal(ds, vds)
			}
			b.Run(fmt.Sprintf("%s/%d", k.name, n), func(b *testing.B) {
				for b.Loop() {
					pages, ds := Briefing(inc, "en", def, false)
					if ds.HasErrors() {
						b.Fatal(ds)
					}
					if err := PDF(&bytes.Buffer{}, pages, inc, "en", def); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
