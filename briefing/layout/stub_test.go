package layout

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestAvoidStub: a cell's last line of one character takes a second
// from the line above (Japanese, and a cut hash), unless the line above
// ends at a newline or would become a stub itself.
func TestAvoidStub(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		text  string
		width float64 // in characters of 10 pt (CJK) or 5 pt (Latin)
		cjk   bool
		want  []string
	}{
		{"ログオン時の自動起動", 9, true, []string{"ログオン時の自動", "起動"}},
		{"持ち出し先とみられるファイル共有サービス", 19, true, []string{"持ち出し先とみられるファイル共有サー", "ビス"}},
		{"0f1e2d3c4b5a69788796a5b4c3d2e1f0a", 32, false, []string{"0f1e2d3c4b5a69788796a5b4c3d2e1f", "0a"}},
		{"ログオン時\n動", 9, true, []string{"ログオン時\n", "動"}},
		{"あい", 1, true, []string{"あ", "い"}},
		{"ログオン時の自動起動", 10, true, []string{"ログオン時の自動起動"}},
	} {
		rs, ws := measure(c.text, 10)
		w := c.width * 10
		if !c.cjk {
			w = c.width * 5
		}
		tr := run{rs: rs, ws: ws, hold: hold(rs)}
		got := lineTexts(rs, avoidStub(tr, breakRun(tr, w, false), w))
		if !slices.Equal(got, c.want) {
			t.Errorf("%q at %g: %q, want %q", c.text, c.width, got, c.want)
		}
	}
}

// TestAvoidStubKeepsLines: over random texts and widths, avoidStub keeps
// the runes in order, the lines as many and each no wider than the
// column, and leaves a stub only where breakRun's line above could not
// give one up.
func TestAvoidStubKeepsLines(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 12))
	alphabet := []rune("ログオン時の自動起動、。「」（）ー abcdef0123/.-")
	for k := range 3000 {
		n := 1 + rng.IntN(40)
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		_, ws := measure(string(rs), 10)
		tr := run{rs: rs, ws: ws, hold: hold(rs)}
		w := 10 + rng.Float64()*120
		before := breakRun(tr, w, false)
		after := avoidStub(tr, slices.Clone(before), w)
		where := fmt.Sprintf("case %d %q at %.1f: %q → %q", k, string(rs), w, lineTexts(rs, before), lineTexts(rs, after))
		if len(after) != len(before) {
			t.Fatalf("%s: lines %d, want %d", where, len(after), len(before))
		}
		end := 0
		for _, l := range after {
			if l.start != end || l.end <= l.start {
				t.Fatalf("%s: runes not kept in order", where)
			}
			end = l.end
			if lw := widest(tr, []brokenLine{l}); lw > w+1e-6 && l.end-l.start > 1 {
				if !slices.Contains(before, l) {
					t.Fatalf("%s: a line %.1f wide in a column %.1f wide", where, lw, w)
				}
			}
		}
		if end != n {
			t.Fatalf("%s: runes lost", where)
		}
		if len(after) > 1 && stubLine(tr, after[len(after)-1]) && !slices.Equal(after, before) {
			t.Fatalf("%s: a stub left after changing the lines", where)
		}
		if len(after) > 1 && stubLine(tr, after[len(after)-2]) && !slices.Equal(after, before) {
			t.Fatalf("%s: the line above made a stub", where)
		}
	}
}
