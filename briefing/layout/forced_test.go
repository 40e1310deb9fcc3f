package layout

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// checkNoLooseLine fails when a line of lines, but the last of its
// paragraph, is a stub (under a quarter of width) though it could have
// been longer: when greedy is set, though what follows it up to the next
// break opportunity fits after it (a line is left that short only before
// a piece wider than the room left: a hash, a URL that does not fit after
// the text before it); else, though the line before or after it could
// have taken it whole.
func checkNoLooseLine(t *testing.T, r run, lines []brokenLine, width float64, text string, greedy bool) {
	t.Helper()
	cum := r.widths()
	n := len(r.rs)
	natural := func(i, j int) float64 {
		for j > i && (space(r.rs[j-1]) || r.rs[j-1] == '\n') {
			j--
		}
		return cum[j] - cum[i] - r.tail(j-1)
	}
	for k, l := range lines {
		if l.hard || l.end >= n || r.rs[l.end-1] == '\n' {
			continue
		}
		w := natural(l.start, l.end)
		if w >= 0.25*width {
			continue
		}
		var took string
		if greedy {
			next := l.end + 1
			for next < n && !r.opp(next) {
				next++
			}
			if natural(l.start, next) <= width {
				took = string(r.rs[l.end:next])
			}
		} else {
			if k > 0 && !lines[k-1].hard && natural(lines[k-1].start, l.end) <= width {
				took = "the line before"
			}
			if natural(l.start, lines[k+1].end) <= width {
				took = "the line after"
			}
		}
		if took != "" {
			var all []string
			for _, l := range lines {
				all = append(all, string(r.rs[l.start:l.end]))
			}
			t.Fatalf("width %g: line %d %q (%.1f) is short, though %q fits with it, in %q:\n%s",
				width, k+1, string(r.rs[l.start:l.end]), w, took, text, strings.Join(all, "\n"))
		}
	}
}

// TestTotalFitForcedShort: a justified paragraph holding a piece that
// cannot follow the text before it on a line (a hash or a word up to a
// line long, no place to break in it) leaves one short line before the
// piece, never the text before it a character or two per line (調 / 査 /
// の / 結 / 果、 / ハッ / シュ / 値 e3b0…), and no line but one so
// forced is a stub (2026年 alone before a full line); over random texts
// with tokens of 5 to 120 characters at many widths, no stub that the
// line before or after it could have taken.
func TestTotalFitForcedShort(t *testing.T) {
	t.Parallel()
	hash := strings.Repeat("e3b0c44298fc1c149afbf4c8996fb924", 4)
	fixed := []string{
		"調査の結果、ハッシュ値 " + hash[:64] + " のファイルを受信者の約半数が開いたことが確認された。",
		"第2段階のURL https://例え.テスト/upload/index.php?id=" + hash[:50] + " を使用",
		"2026年11月20日、経理部門の職員3名が請求書を装ったフィッシングメールを開封し、認証情報が窃取された（文献1）。攻撃者は窃取した認証情報を用いてSSL-VPN装置から社内ネットワークに侵入した。",
		"ファイルサーバからデータが外部へ送信された。T1041、T1567.002の手口と一致。",
	}
	rng := rand.New(rand.NewPCG(54, 66))
	type tcase struct {
		text   string
		width  float64
		greedy bool
	}
	var cases []tcase
	for _, text := range fixed {
		for em := 8.0; em <= 48; em += 0.5 {
			cases = append(cases, tcase{text, em * 10, em >= 15})
		}
	}
	for range 600 {
		rs := []rune(randomText(rng))
		at := rng.IntN(len(rs) + 1)
		tok := hash[:5+rng.IntN(116)]
		if rng.IntN(3) == 0 {
			tok = " " + tok + " "
		}
		text := string(rs[:at]) + tok + string(rs[at:])
		cases = append(cases, tcase{text, float64(80 + rng.IntN(400)), false})
	}
	var f fitter
	for _, c := range cases {
		for _, m := range []Metrics{fakeMetrics{}, inkMetrics{}} {
			var miss missing
			r := flatten(plain(c.text), Style{Size: 10}, m, &miss)
			checkNoLooseLine(t, r, breakTotalBy(&f, r, c.width, true), c.width, c.text, c.greedy)
		}
	}
}
