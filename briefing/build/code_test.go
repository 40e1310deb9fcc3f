package build

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// codeRuns returns the runs of characters drawn in the code face (the face
// of probe, a code span on the page), in the order MuPDF reads them.
func codeRuns(t *testing.T, s seen, probe string) [][]char {
	t.Helper()
	fs, _ := s.fontOf(t, probe)
	if len(fs) != 1 {
		t.Fatalf("%q is drawn in %v, want one face", probe, fs)
	}
	var runs [][]char
	var cur []char
	for _, c := range s.chars {
		if c.font == fs[0] {
			cur = append(cur, c)
			continue
		}
		if len(cur) > 0 {
			runs = append(runs, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		runs = append(runs, cur)
	}
	return runs
}

// TestInlineCodeUnjustified sets inline code in justified Japanese and in
// English text, at every place along the line, and reads the glyph
// positions back: the code's characters stand at the font's advances (no
// justification space inside the code, though the line around it is
// justified), and a code span shorter than the line is never split.
func TestInlineCodeUnjustified(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	testkit.Tool(t, "mutool")
	const code = "kill aaa session -all"
	for _, c := range []struct{ lang, pre, post string }{
		{"ja", "侵入者は管理画面から", "を実行し、すべての利用者を切断したうえで設定を書き換えた。"},
		{"en", "The intruder opened the console and ran", "to cut every user off before changing the settings."},
	} {
		t.Run(c.lang, func(t *testing.T) {
			var b strings.Builder
			const n = 14
			for i := range n {
				// A growing lead moves the code along the line.
				fmt.Fprintf(&b, "%s%s `%s` %s", strings.Repeat(c.pre[:len(c.pre)/len([]rune(c.pre))], i%5), c.pre, code, c.post)
			}
			s := renderText(t, c.lang, b.String()+"\n", "")
			joined := strings.Join(s.lines, "\n")
			if got := strings.Count(joined, code); got != n {
				t.Errorf("%q stands whole on a line %d times, want %d:\n%s", code, got, n, joined)
			}
			runs := codeRuns(t, s, "kill")
			if len(runs) < n {
				t.Fatalf("%d runs of code on the page, want %d", len(runs), n)
			}
			for _, r := range runs {
				for k := 0; k+1 < len(r); k++ {
					adv := r[k].x1 - r[k].x
					if gap := r[k+1].x - r[k].x; gap > 0 && math.Abs(gap-adv) > 0.05 {
						t.Errorf("in %q the gap after %q is %.2fpt, the font's advance %.2fpt", code, r[k].c, gap, adv)
					}
				}
			}
			if c.lang != "ja" {
				return
			}
			// The Japanese lines are justified: some kana stand wider
			// apart than their advance, or the check above sees nothing.
			wide := 0
			for k := 0; k+1 < len(s.chars); k++ {
				a, z := s.chars[k], s.chars[k+1]
				if a.font == z.font && a.c >= "\u3041" && z.c >= "\u3041" && z.x-a.x > a.x1-a.x+0.05 {
					wide++
				}
			}
			if wide == 0 {
				t.Error("no justified line around the code: the test sees nothing")
			}
		})
	}
}

// TestLongInlineCodeCut sets a code span longer than the line: it is cut
// at character boundaries and every character, spaces included, is drawn
// once and in order.
func TestLongInlineCodeCut(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	testkit.Tool(t, "mutool")
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "--opt%02d=v ", i)
	}
	code := strings.TrimSpace(b.String())
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			s := renderText(t, lang, "前 `"+code+"` 後\n", "")
			var drawn strings.Builder
			for _, r := range codeRuns(t, s, "--opt00") {
				for _, c := range r {
					drawn.WriteString(c.c)
				}
			}
			if drawn.String() != code {
				t.Errorf("code drawn as\n%q\nwant\n%q", drawn.String(), code)
			}
			plain := testkit.Run(t, "pdftotext", s.path, "-")
			flat := strings.NewReplacer("\n", "", " ", "").Replace(plain)
			if !strings.Contains(flat, strings.ReplaceAll(code, " ", "")) {
				t.Errorf("pdftotext lost characters of the code:\n%s", plain)
			}
		})
	}
}
