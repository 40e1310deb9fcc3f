package validate

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"briefing/briefing/load"
)

// seedFile is the model briefing, the sample the performance targets are
// set for.
const seedFile = "../../samples/pla-61419-antivirus.toml"

// BenchmarkSeed loads and validates the seed sample from memory: what
// every file of a batch costs before composing.
func BenchmarkSeed(b *testing.B) {
	src, err := os.ReadFile(seedFile)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		raw, ds := load.Read(seedFile, bytes.NewReader(src))
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		if _, ds := Incident(raw); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}

// BenchmarkSeedIncident validates the seed sample, loaded once: validate
// alone (texts cleaned, Markdown parsed, links and citations checked).
func BenchmarkSeedIncident(b *testing.B) {
	raw, ds := load.File(seedFile)
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, ds := Incident(raw); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}

// BenchmarkMarkdownCitations validates a format-2 file whose summary, an
// 80,000-character multi-line text with tabs (so that its cleaned text
// differs from the decoded one), cites after every sentence: each
// citation's position is found in the file, in time linear in the text.
func BenchmarkMarkdownCitations(b *testing.B) {
	var src bytes.Buffer
	src.WriteString("format = 2\nid = \"x\"\ndate = 2021-05-06\ntitle = \"t\"\nsummary = \"\"\"\n")
	for src.Len() < 80000 {
		src.WriteString("通信先\tは **203.0.113.10** である[r]。\n")
	}
	src.WriteString("\"\"\"\n[[references]]\nid = \"r\"\ntitle = \"t\"\n")
	b.SetBytes(int64(src.Len()))
	for b.Loop() {
		raw, ds := load.Read("x.toml", bytes.NewReader(src.Bytes()))
		if _, vds := Incident(raw); ds.HasErrors() || vds.HasErrors() {
			b.Fatal(ds, vds)
		}
	}
}

// BenchmarkMarkdownSpans validates a format-2 file whose summary is one
// paragraph of n inline spans of one kind: the time must grow linearly
// with n (a span is looked up in the file once, not from the start).
func BenchmarkMarkdownSpans(b *testing.B) {
	kinds := []struct{ name, span string }{
		{"emph", "*a* "}, {"strong", "**bold** "}, {"code", "`a` "}, {"strike", "~~a~~ "},
		{"link", "[a](https://example.com/) "}, {"autolink", "https://example.com/ "},
		{"angle", "<https://example.com/> "}, {"cite", "[r] "}, {"cve", "CVE-2021-30116 "},
		{"soft", "a\n"}, {"item", "- a\n"}, {"cell", "| a | b |\n"},
	}
	for _, k := range kinds {
		for _, n := range []int{1000, 4000, 16000} {
			b.Run(fmt.Sprintf("%s/%d", k.name, n), func(b *testing.B) {
				var src bytes.Buffer
				src.WriteString("format = 2\nid = \"x\"\ndate = 2026-11-20\ntitle = \"t\"\nsummary = \"\"\"\n")
				if k.name == "cell" {
					src.WriteString("| a | b |\n|---|---|\n")
				}
				for range n {
					src.WriteString(k.span)
				}
				src.WriteString("\"\"\"\n[[references]]\nid = \"r\"\ntitle = \"t\"\n")
				b.SetBytes(int64(src.Len()))
				for b.Loop() {
					raw, ds := load.Read("x.toml", bytes.NewReader(src.Bytes()))
					if _, vds := Incident(raw); ds.HasErrors() || vds.HasErrors() {
						b.Fatal(ds, vds)
					}
				}
			})
		}
	}
}
