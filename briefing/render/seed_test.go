package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"briefing/briefing/compose"
	"briefing/briefing/layout"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// seedPages lays out the seed sample (the model briefing) in lang with
// the default template.
func seedPages(tb testing.TB, th *theme.Theme, lang string) ([]layout.Page, Info) {
	tb.Helper()
	inc := fixture.Incident(tb, fixture.Seed)
	doc, ds := compose.Briefing(inc, lang, compose.FromTheme(th))
	if ds.HasErrors() {
		tb.Fatal(ds)
	}
	pages, err := layout.Lay(doc, th)
	if err != nil {
		tb.Fatal(err)
	}
	return pages, Info(compose.Meta(inc, lang))
}

// TestSeedSubsetLikeWholeFont draws the seed briefing three ways: with
// the template's subsets (no hinting), with whole font files that render
// subsets itself, and with the whole 4.6 MB fonts embedded as they are.
// All three must extract the same words at the same places and look the
// same, pixel for pixel.
func TestSeedSubsetLikeWholeFont(t *testing.T) {
	t.Parallel()
	pdftotext, pdftoppm := testkit.Tool(t, "pdftotext"), testkit.Tool(t, "pdftoppm")
	th := fixture.Theme(t)
	files := FontFiles{layout.Regular: th.FontFile(layout.Regular), layout.Bold: th.FontFile(layout.Bold)}
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			pages, info := seedPages(t, th, lang)
			dir := t.TempDir()
			ways := []struct {
				name  string
				fonts Fonts
				whole bool
			}{{"whole", files, true}, {"subset", th, false}, {"files", files, false}}
			var sizes [3]int
			var texts, boxes, looks [3][]byte
			for i, w := range ways {
				var buf bytes.Buffer
				if err := draw(&buf, pages, info, w.fonts, Options{}, w.whole); err != nil {
					t.Fatalf("%s: %v", w.name, err)
				}
				sizes[i] = buf.Len()
				path := filepath.Join(dir, w.name+".pdf")
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				run(t, "qpdf", "--check", path)
				texts[i] = []byte(run(t, pdftotext, "-enc", "UTF-8", "-layout", path, "-"))
				bbox := run(t, pdftotext, "-enc", "UTF-8", "-bbox", path, "-")
				// The words and their places, without the metadata.
				boxes[i] = []byte(regexp.MustCompile(`(?s)^.*?<doc>`).ReplaceAllString(bbox, ""))
				out := filepath.Join(dir, w.name)
				run(t, pdftoppm, "-r", "50", "-gray", path, out)
				var all []byte
				for n := 1; ; n++ {
					b, err := os.ReadFile(filepath.Join(dir, w.name+"-"+pad(n, len(pages))+".pgm"))
					if err != nil {
						break
					}
					all = append(all, b...)
				}
				if len(all) == 0 {
					t.Fatalf("%s: pdftoppm drew no page", w.name)
				}
				looks[i] = all
			}
			for i := 1; i < len(ways); i++ {
				if !bytes.Equal(texts[0], texts[i]) {
					t.Errorf("%s: extracted text differs from the whole font's:\n%s\n---\n%s", ways[i].name, texts[0], texts[i])
				}
				if !bytes.Equal(boxes[0], boxes[i]) {
					t.Errorf("%s: word boxes differ from the whole font's", ways[i].name)
				}
				if !bytes.Equal(looks[0], looks[i]) {
					t.Errorf("%s: pages look different from those drawn with the whole font", ways[i].name)
				}
			}
			if !bytes.Contains(texts[1], []byte(map[string]string{"ja": "調達の候補となった製品", "en": "Products considered for purchase"}[lang])) {
				t.Errorf("the heading of the procurement table is not in the text:\n%s", texts[1])
			}
			if sizes[1] >= sizes[0]/10 {
				t.Errorf("the subset PDF has %d bytes, the whole font's %d: not a subset", sizes[1], sizes[0])
			}
		})
	}
}

// pad is n with leading zeros to the width pdftoppm numbers total pages with.
func pad(n, total int) string {
	s, w := itoa(n), len(itoa(total))
	for len(s) < w {
		s = "0" + s
	}
	return s
}

func itoa(n int) string { return string(appendNum(nil, float64(n))) }

// BenchmarkSeedPDF draws the laid-out seed sample into PDF bytes with the
// default template's subset fonts, as "briefing render" does, and reports
// the size of the PDF; the untagged runs give the cost of the structure
// (marked content, structure tree, object streams).
func BenchmarkSeedPDF(b *testing.B) {
	th := fixture.Theme(b)
	for _, lang := range []string{"ja", "en"} {
		for _, opt := range []Options{{}, {Untagged: true}} {
			name := lang
			if opt.Untagged {
				name += "-untagged"
			}
			b.Run(name, func(b *testing.B) {
				pages, info := seedPages(b, th, lang)
				var buf bytes.Buffer
				b.ReportAllocs()
				for b.Loop() {
					buf.Reset()
					if err := Write(&buf, pages, info, th, opt); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(buf.Len()), "B/pdf")
			})
		}
	}
}

// TestSeedReusedWriters draws the Japanese and English seed briefings in
// turn, several times and from several goroutines: writers are reused
// (writers pool), and no PDF may depend on what a writer drew before.
func TestSeedReusedWriters(t *testing.T) {
	t.Parallel()
	th := fixture.Theme(t)
	type doc struct {
		pages []layout.Page
		info  Info
		want  []byte
	}
	var docs []doc
	for _, lang := range []string{"ja", "en"} {
		pages, info := seedPages(t, th, lang)
		docs = append(docs, doc{pages: pages, info: info})
	}
	for i := range docs {
		var buf bytes.Buffer
		if err := PDF(&buf, docs[i].pages, docs[i].info, th); err != nil {
			t.Fatal(err)
		}
		docs[i].want = buf.Bytes()
	}
	if bytes.Equal(docs[0].want, docs[1].want) {
		t.Fatal("the Japanese and English briefings are the same bytes")
	}
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			var err error
			for k := range 6 {
				d := docs[(g+k)%len(docs)]
				var buf bytes.Buffer
				if err = PDF(&buf, d.pages, d.info, th); err == nil && !bytes.Equal(buf.Bytes(), d.want) {
					err = fmt.Errorf("goroutine %d, round %d: the %s briefing differs from when it was drawn first", g, k, d.info.Lang)
				}
				if err != nil {
					break
				}
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
