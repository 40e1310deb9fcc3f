package build

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// bigSentence is the sentence the large summaries repeat (the seed's,
// as bench/run.sh makes its 4 MB summary).
const bigSentence = "PLAの61419部隊と呼ばれるSSFの部隊が、欧米露のアンチウィルスソフト購入を企図した。"

// bigSummary returns the seed sample with its Japanese summary replaced
// by about n bytes of Markdown of a kind: one paragraph, paragraphs of
// four sentences, a list of one sentence an item, or a fenced code block.
func bigSummary(tb testing.TB, kind string, n int) []byte {
	seed, err := os.ReadFile("../../samples/pla-61419-antivirus.toml")
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	b.Grow(n + 1024)
	switch kind {
	case "paragraph":
		for b.Len() < n {
			b.WriteString(bigSentence)
		}
	case "paragraphs":
		for b.Len() < n {
			b.WriteString(strings.Repeat(bigSentence, 4) + "\n\n")
		}
	case "list":
		for b.Len() < n {
			b.WriteString("- " + bigSentence + "\n")
		}
	case "code":
		b.WriteString("```\n")
		for b.Len() < n {
			b.WriteString("if (x == 1) { return foo(bar, baz); } // 部隊の購入 2019-05-01\n")
		}
		b.WriteString("```\n")
	default:
		tb.Fatalf("no summary of kind %q", kind)
	}
	s := string(seed)
	i := strings.Index(s, "\nsummary.ja = ")
	j := strings.Index(s[i+1:], "\n")
	if i < 0 || j < 0 {
		tb.Fatal("the seed sample has no summary.ja line")
	}
	return []byte(s[:i+1] + "summary.ja = \"\"\"\n" + b.String() + "\"\"\"" + s[i+1+j:])
}

// BenchmarkBigText draws a briefing whose summary is 4 MB of one kind
// of text (see bigSummary) and reports the peaks of the heap as
// BenchmarkTableRows does.
func BenchmarkBigText(b *testing.B) {
	th := fixture.Theme(b)
	for _, kind := range []string{"paragraph", "paragraphs", "list", "code"} {
		path := filepath.Join(b.TempDir(), "summary.toml")
		if err := os.WriteFile(path, bigSummary(b, kind, 4_000_000), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(kind, func(b *testing.B) {
			peaks(b, th, path)
		})
	}
}

// TestLongTextMemory: the memory of a briefing whose summary is one long
// paragraph, or one long code block, is about that of the same summary
// written as many paragraphs, and a few dozen bytes a character more at
// most (the characters' measures of the paragraph or line being set):
// the total fit's nodes are held for a window of the paragraph, not for
// all of it, and the set lines go to their pages as they are set. The
// peaks are of the heap left live by collections, made frequent as in
// TestTableMemoryFlat.
func TestLongTextMemory(t *testing.T) {
	th := fixture.Theme(t)
	const size = 1_000_000
	runes := len([]rune(string(bigSummary(t, "paragraph", size)))) // about, for the file
	defer debug.SetGCPercent(debug.SetGCPercent(25))
	peak := map[string]float64{}
	for _, kind := range []string{"paragraphs", "paragraph", "code"} {
		path := filepath.Join(t.TempDir(), "summary.toml")
		if err := os.WriteFile(path, bigSummary(t, kind, size), 0o644); err != nil {
			t.Fatal(err)
		}
		var heap, live uint64
		runtime.GC()
		stop := testkit.Peaks(&heap, &live)
		res := File(context.Background(), path, &Options{Dir: t.TempDir(), Langs: []string{"ja"}, Theme: th})
		stop()
		if res.Failed() || len(res.Outputs) != 1 || res.Outputs[0].Pages < 100 {
			t.Fatalf("%s: %+v", kind, res)
		}
		peak[kind] = float64(live)
	}
	t.Logf("peak live heap: many paragraphs %.1f MB, one paragraph %.1f MB, a code block %.1f MB (%d characters)",
		peak["paragraphs"]/(1<<20), peak["paragraph"]/(1<<20), peak["code"]/(1<<20), runes)
	for _, kind := range []string{"paragraph", "code"} {
		if per := (peak[kind] - peak["paragraphs"]) / float64(runes); per > 56 {
			t.Errorf("one long %s took %.1f MB of live heap at its peak, %.0f bytes a character more than many paragraphs (%.1f MB); want 56 at most",
				kind, peak[kind]/(1<<20), per, peak["paragraphs"]/(1<<20))
		}
	}
}
