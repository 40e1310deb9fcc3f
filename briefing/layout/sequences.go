package layout

import (
	"strings"
	"unicode/utf8"
)

// Unbreakable sequences (JLReq 3.1.10, "Unbreakable character
// sequences", and the house rules of Japanese newspapers and reports): a
// line never breaks inside one. Each kind is a row of [Sequences]; hold
// marks where they stand in a text.
//
// A number is a run of digits (ASCII or fullwidth) with the separators
// inside it (1,500 / 98.5 / ２０２１): it is never broken itself.

// Sequence is a kind of unbreakable sequence: Before, a number, After.
// A sign of Before is kept with the number that follows it; a unit or
// counter of After (one or several: 77億円) with the number before it.
// Whole sequences (―― and ……, a citation mark) have Whole set and are
// matched by Match.
type Sequence struct {
	Name   string
	Before []string // signs kept with the number after them (￥12,800)
	After  []string // units and counters kept with the number before them (50％)
	// Match, for a whole sequence, returns the length in runes of the
	// sequence starting at rs[0], or 0.
	Match func(rs []rune) int
}

// Sequences is the table of unbreakable sequences, in the order hold
// applies them.
var Sequences = []Sequence{
	{Name: "number and unit (JLReq 3.1.10)", After: []string{"％", "%", "‰", "℃", "°", "′", "″", "℉", "㎜", "㎝", "㎞", "㎏"}},
	{Name: "number and counter", After: []string{
		"年", "月", "日", "時", "分", "秒", "台", "件", "人", "社",
		"か国", "カ国", "ヶ国", "ケ国", "箇国", "個", "円", "万", "億", "兆", "倍",
		"歳", "回", "位", "名", "章", "節", "項", "割", "点", "本", "枚", "番", "号", "週", "拠点",
	}},
	{Name: "sign and number (JLReq 3.1.10)", Before: []string{"￥", "＄", "¥", "$", "€", "£", "#", "＃", "№", "No."}},
	{Name: "two-em dash and leaders (JLReq 3.1.10)", Match: func(rs []rune) int {
		n := 0
		for n < len(rs) && rs[n] == rs[0] {
			n++
		}
		if n >= 2 && (rs[0] == '―' || rs[0] == '…' || rs[0] == '‥' || rs[0] == '—') {
			return n
		}
		return 0
	}},
	{Name: "citation mark", Match: citation},
}

// citation returns the length of the citation mark at rs[0]: （文献1）,
// （文献1, 3）, [1], [1–3], or 0.
func citation(rs []rune) int {
	var open, close rune
	k := 0
	switch {
	case len(rs) > 3 && rs[0] == '（' && rs[1] == '文' && rs[2] == '献':
		open, close, k = '（', '）', 3
	case len(rs) > 1 && rs[0] == '[':
		open, close, k = '[', ']', 1
	default:
		return 0
	}
	_ = open
	start := k
	for k < len(rs) && (digit(rs[k]) || k > start && strings.ContainsRune(",，、 –-", rs[k])) {
		k++
	}
	if k == start || !digit(rs[start]) || k >= len(rs) || rs[k] != close {
		return 0
	}
	return k + 1
}

// digit reports whether r is an ASCII or fullwidth decimal digit.
func digit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// numberEnd returns the end of the number starting at rs[i] (a digit):
// its digits and the separators between two of them.
func numberEnd(rs []rune, i int) int {
	j := i + 1
	for j < len(rs) {
		if digit(rs[j]) {
			j++
			continue
		}
		if strings.ContainsRune(",.，．", rs[j]) && j+1 < len(rs) && digit(rs[j+1]) {
			j += 2
			continue
		}
		break
	}
	return j
}

// unitEnd returns the end of the unit or counter at rs[i] that follows a
// number, or i: after 万 億 兆, a second one (77億円, 3万人).
func unitEnd(rs []rune, i int) int {
	if i >= len(rs) || !strings.ContainsRune(unitFirsts, rs[i]) {
		return i
	}
	for _, u := range units {
		if n := hasRunes(rs[i:], u.rs); n > 0 {
			if u.again {
				return unitEnd(rs, i+n)
			}
			return i + n
		}
	}
	return i
}

// signs and units are the Before and the After of [Sequences], in
// order, as runes; again marks 万 億 兆, which another unit may follow.
var signs, units = func() (signs [][]rune, units []struct {
	rs    []rune
	again bool
}) {
	for _, s := range Sequences {
		for _, b := range s.Before {
			signs = append(signs, []rune(b))
		}
		for _, a := range s.After {
			units = append(units, struct {
				rs    []rune
				again bool
			}{[]rune(a), a == "万" || a == "億" || a == "兆"})
		}
	}
	return signs, units
}()

// hasRunes returns the length of p when rs starts with it, else 0.
func hasRunes(rs, p []rune) int {
	if len(p) > len(rs) {
		return 0
	}
	for k, r := range p {
		if rs[k] != r {
			return 0
		}
	}
	return len(p)
}

// unitFirsts holds the first character of every unit and counter of
// [Sequences]: where no number can be followed by one, unitEnd need not
// try them all.
var unitFirsts = func() string {
	var b strings.Builder
	for _, s := range Sequences {
		for _, a := range s.After {
			if r, _ := utf8.DecodeRuneInString(a); !strings.ContainsRune(b.String(), r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}()

// hold returns, for the runes rs, where a line may not break because of
// an unbreakable sequence: hold[k] forbids a break before rune k. It
// returns nil when rs holds none.
func hold(rs []rune) []bool { return holdIn(nil, rs) }

// holdIn is hold in the room of room, reused when it has enough.
func holdIn(room []bool, rs []rune) []bool {
	var h []bool
	set := func(a, b int) { // no break inside [a, b)
		if b-a < 2 {
			return
		}
		if h == nil {
			h = zeroed(room, len(rs), len(rs))
		}
		for k := a + 1; k < b; k++ {
			h[k] = true
		}
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		if digit(r) && (i == 0 || !digit(rs[i-1])) {
			start, end := i, numberEnd(rs, i)
			// A sign before the number.
			for _, b := range signs {
				if n := len(b); start >= n && hasRunes(rs[start-n:], b) == n {
					start -= n
				}
			}
			end = unitEnd(rs, end)
			set(start, end)
			i = numberEnd(rs, i)
			continue
		}
		if r == '（' || r == '[' || r == '―' || r == '…' || r == '‥' || r == '—' {
			for _, s := range Sequences {
				if s.Match != nil {
					if n := s.Match(rs[i:]); n > 0 {
						set(i, i+n)
						i += n - 1
						break
					}
				}
			}
		}
		i++
	}
	return h
}
