package layout

import (
	"math"
	"slices"
)

// Titles and headings break only between phrases and are balanced.
//
// A dictionary-free rule set finds the phrases of a heading: a line may
// break after a space, after 、。 and closing brackets, before an opening
// bracket, and after the kana that end a phrase (a particle or an
// inflection: hiragana followed by anything but hiragana, as in 部隊が /
// 欧米の). Where the script changes between kanji, katakana and Latin
// letters or digits (ソフト / 購入, PLA / 某部隊) a break costs a little;
// never inside a run of one script (a kanji compound, a katakana word, a
// Latin word, a number with its brackets), nor before the kana that
// follow a word (ランサムウェアの, VSAを, 」と). Of the breakings with the fewest lines, the one whose
// lines are the most even, the first line no shorter than the last, is
// taken. A heading with a phrase wider than the line is broken as text.

// script is the kind of writing a rune belongs to, for phrase breaks.
type script uint8

const (
	scriptOther script = iota
	scriptHiragana
	scriptKatakana
	scriptKanji
	scriptLatin
)

func scriptOf(r rune) script {
	switch {
	case r >= 0x3041 && r <= 0x309F:
		return scriptHiragana
	case r >= 0x30A0 && r <= 0x30FF || r >= 0x31F0 && r <= 0x31FF || r >= 0xFF66 && r <= 0xFF9F:
		return scriptKatakana
	case r == '々' || r == '〆' || r >= 0x3400 && r <= 0x4DBF || r >= 0x4E00 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x3FFFF:
		return scriptKanji
	case alnum(r) || digit(r) || r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ':
		return scriptLatin
	}
	return scriptOther
}

// phraseCost returns what a break before rune k of t costs, and whether a
// heading may break there at all.
func phraseCost(t *run, k int) (float64, bool) {
	return pairCost(t.rs[k-1], t.rs[k], t.opp(k))
}

// PhraseBreak reports whether a title may break between a and b (before
// b) by the phrase rules above: at a line-break opportunity ([CanBreak])
// that does not split a word of one script (a kanji compound, a katakana
// word, a Latin word) or part a word from the kana after it; for the
// lines set outside the line breaker, the running header's.
func PhraseBreak(a, b rune) bool {
	_, ok := pairCost(a, b, canBreak(a, b))
	return ok
}

// pairCost is phraseCost for the runes a and b, opp telling whether the
// line breaker may break between them.
func pairCost(a, b rune, opp bool) (float64, bool) {
	if !opp && !(space(a) && !space(b)) {
		return 0, false
	}
	sa, sb := scriptOf(a), scriptOf(b)
	switch {
	case space(a) || a == '、' || a == '。' || a == '，' || a == '．':
		return 0, true
	case sb == scriptHiragana:
		return 0, false // a particle or kana of the word before it
	case closer(a) && !noEnd(a), noEnd(b):
		return 0, true
	case sa == scriptHiragana:
		return 0, true // after the kana that end a phrase
	case sa == sb && sa != scriptOther:
		return 0, false // inside a word of one script
	}
	return 4, true // the script changes: a compound may end here
}

// longestWord returns the width, in points, of the widest word of t: a
// piece between the places where a heading may break (see phraseCost)
// and the newlines, without the spaces that end it. A kanji compound
// (重要度), a katakana word (ページ), a Latin word or label
// (TLP:AMBER+STRICT) is one word; a date of digits and kanji is several
// (2026年, 11月, 27日: see longestPhrase).
func longestWord(t run) float64 {
	n := len(t.rs)
	longest, start := 0.0, 0
	for k := 1; k <= n; k++ {
		if k < n && t.rs[k-1] != '\n' {
			if _, ok := phraseCost(&t, k); !ok {
				continue
			}
		}
		e := k
		for e > start && (space(t.rs[e-1]) || t.rs[e-1] == '\n') {
			e--
		}
		if e > start {
			longest = max(longest, sumWidth(t, start, e)-t.tail(e-1))
		}
		start = k
	}
	return longest
}

// maxPhraseRunes and maxPhraseLines bound the headings broken between
// phrases: a longer one (a heading pages long) is broken as text, in time
// linear in its length.
const (
	maxPhraseRunes = 400
	maxPhraseLines = 6
)

// breakPhrases breaks a heading's text into the fewest lines no wider than
// width, at phrase boundaries, balanced (see above). It returns nil when
// some phrase is wider than the line.
func breakPhrases(t run, width float64) []brokenLine {
	n := len(t.rs)
	if n == 0 || n > maxPhraseRunes {
		return nil
	}
	if slices.Contains(t.rs[:n-1], '\n') {
		return nil // a heading with a newline of its own is set as written
	}
	cum := t.widths()
	lineW := func(a, b int) float64 {
		e := b
		for e > a && space(t.rs[e-1]) {
			e--
		}
		return cum[e] - cum[a] - t.tail(e-1)
	}
	if lineW(0, n) <= width+1e-6 {
		return []brokenLine{{start: 0, end: n, hard: true}}
	}
	type cand struct {
		at   int
		cost float64
	}
	cands := []cand{{at: 0}}
	for k := 1; k < n; k++ {
		if c, ok := phraseCost(&t, k); ok {
			cands = append(cands, cand{k, c})
		}
	}
	cands = append(cands, cand{at: n})
	m := len(cands)
	// lines[j] is the fewest lines that end at candidate j.
	const inf = math.MaxInt32
	fewest := make([]int, m)
	for j := 1; j < m; j++ {
		fewest[j] = inf
		for i := j - 1; i >= 0; i-- {
			if lineW(cands[i].at, cands[j].at) > width+1e-6 {
				break
			}
			if fewest[i] < inf {
				fewest[j] = min(fewest[j], fewest[i]+1)
			}
		}
	}
	k := fewest[m-1]
	if k == inf || k > maxPhraseLines {
		return nil
	}
	em := t.style(0).Size
	target := lineW(0, n) / float64(k)
	// best[l][j]: the least cost of l lines ending at candidate j.
	best := make([][]float64, k+1)
	from := make([][]int, k+1)
	for l := range best {
		best[l] = make([]float64, m)
		from[l] = make([]int, m)
		for j := range best[l] {
			best[l][j] = math.Inf(1)
		}
	}
	best[0][0] = 0
	for l := 1; l <= k; l++ {
		for j := 1; j < m; j++ {
			for i := j - 1; i >= 0; i-- {
				w := lineW(cands[i].at, cands[j].at)
				if w > width+1e-6 {
					break
				}
				if math.IsInf(best[l-1][i], 1) {
					continue
				}
				d := (w - target) / em
				v := best[l-1][i] + d*d + cands[j].cost
				if l == k && l >= 2 {
					// The last line no longer than the one before it.
					if pw := lineW(cands[from[l-1][i]].at, cands[i].at); w > pw {
						v += 2 * (w - pw) / em
					}
				}
				if v < best[l][j] {
					best[l][j], from[l][j] = v, i
				}
			}
		}
	}
	out := make([]brokenLine, k)
	j := m - 1
	for l := k; l >= 1; l-- {
		i := from[l][j]
		out[l-1] = brokenLine{start: cands[i].at, end: cands[j].at, hard: l == k}
		j = i
	}
	return out
}
