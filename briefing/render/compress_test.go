package render

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
	"testing"

	"github.com/klauspost/compress/zlib"

	"briefing/briefing/compose"
	"briefing/briefing/layout"
	"briefing/internal/testkit/fixture"
)

// streamKinds draws the samples in Japanese and English and returns their
// streams, decompressed, by kind: "content" (pages), "font" (TrueType
// subsets), "cmap" (ToUnicode maps), "objstm" (object streams, the
// structure tree) and "xref" (cross-reference streams).
func streamKinds(tb testing.TB) map[string][][]byte {
	tb.Helper()
	th := fixture.Theme(tb)
	kinds := map[string][][]byte{}
	head := regexp.MustCompile(`(?s)\d+ 0 obj\n<<(.*?)>>\nstream\n`)
	for _, file := range []string{fixture.Seed, "../../samples/kaseya-vsa-2021.toml", "../../samples/ransomware-example.toml"} {
		inc := fixture.Incident(tb, file)
		for _, lang := range []string{"ja", "en"} {
			doc, ds := compose.Briefing(inc, lang, compose.FromTheme(th))
			if ds.HasErrors() {
				tb.Fatal(ds)
			}
			pages, err := layout.Lay(doc, th)
			if err != nil {
				tb.Fatal(err)
			}
			var pdf bytes.Buffer
			if err := PDF(&pdf, pages, Info(compose.Meta(inc, lang)), th); err != nil {
				tb.Fatal(err)
			}
			b := pdf.Bytes()
			for _, m := range head.FindAllSubmatchIndex(b, -1) {
				dict := string(b[m[2]:m[3]])
				n, err := strconv.Atoi(regexp.MustCompile(`/Length (\d+)`).FindStringSubmatch(dict)[1])
				if err != nil || !regexp.MustCompile(`/Filter /FlateDecode`).MatchString(dict) {
					continue
				}
				zr, err := zlib.NewReader(bytes.NewReader(b[m[1] : m[1]+n]))
				if err != nil {
					tb.Fatal(err)
				}
				data, err := io.ReadAll(zr)
				if err != nil {
					tb.Fatal(err)
				}
				kind := "content"
				switch {
				case regexp.MustCompile(`/Length1 `).MatchString(dict):
					kind = "font"
				case regexp.MustCompile(`/Type /ObjStm`).MatchString(dict):
					kind = "objstm"
				case regexp.MustCompile(`/Type /XRef`).MatchString(dict):
					kind = "xref"
				case bytes.HasPrefix(data, []byte("/CIDInit")):
					kind = "cmap"
				case regexp.MustCompile(`/N 3|/Subtype /XML|/Subtype /Image`).MatchString(dict):
					continue // the colour profile (kept compressed), metadata, pictures
				}
				kinds[kind] = append(kinds[kind], data)
			}
		}
	}
	return kinds
}

// BenchmarkStreamKinds compresses the samples' streams of each kind (see
// streamKinds) at the Deflate settings that could be chosen for it and
// reports the bytes they take, for choosing the setting of least size ×
// time (README, Performance): stored, Huffman coding only, and
// klauspost/compress's levels 1 to 4.
func BenchmarkStreamKinds(b *testing.B) {
	kinds := streamKinds(b)
	levels := []struct {
		name  string
		level int
	}{{"stored", zlib.NoCompression}, {"huffman", zlib.HuffmanOnly}, {"L1", 1}, {"L2", 2}, {"L3", 3}, {"L4", 4}}
	for _, kind := range []string{"content", "font", "cmap", "objstm", "xref"} {
		raw := 0
		for _, s := range kinds[kind] {
			raw += len(s)
		}
		for _, l := range levels {
			b.Run(kind+"/"+l.name, func(b *testing.B) {
				var buf bytes.Buffer
				zw, err := zlib.NewWriterLevel(&buf, l.level)
				if err != nil {
					b.Fatal(err)
				}
				size := 0
				for b.Loop() {
					size = 0
					for _, s := range kinds[kind] {
						buf.Reset()
						zw.Reset(&buf)
						zw.Write(s)
						zw.Close()
						size += buf.Len()
					}
				}
				b.ReportMetric(float64(len(kinds[kind])), "streams")
				b.ReportMetric(float64(raw), "raw-B")
				b.ReportMetric(float64(size), "B")
			})
		}
	}
}
