package layout

import (
	"strings"
	"unicode"
)

// Phrases a table keeps on one line when its columns allow it.
//
// A line may break inside a date (2023年11月27日 between 年 and 11, 27
// November 2023 at its spaces) or between a number and the word it counts
// (125,000 terminals), and a text set in a wide column never does. In a
// crowded table's narrow column it would, and a date read a token a line
// (2023年 / 11月 / 27日〜) is hard to read; so balance keeps such a phrase
// whole as it keeps a short cell: when the room allows, and otherwise at
// the cost of a wrapped short cell (see wrappedCost).

// longestPhrase returns the width, in points, of the longest phrase of t
// kept whole in a table: a date or time written with digits and
// 年月日時分秒 : / . - (2023年11月27日, 2023-11-27, 2:13), and, in Latin text,
// words joined by a space where a number meets the word after it, a
// month name the number after it, or a day and a comma the year (27
// November 2023, November 27, 2023, 125,000 terminals); each with what no
// line may break from on either side.
func longestPhrase(t run) float64 {
	longest := 0.0
	// whole returns the width of [i, j) with what no line may break from
	// on either side (〜 after 2023年11月27日, the brackets around it).
	whole := func(i, j int) float64 {
		for i > 0 && !t.opp(i) {
			i--
		}
		for j < len(t.rs) && !t.opp(j) && !space(t.rs[j]) && t.rs[j] != '\n' {
			j++
		}
		return sumWidth(t, i, j)
	}
	// Dates and times of digits and their signs, without spaces.
	start, seen := -1, false
	for k := 0; k <= len(t.rs); k++ {
		if k < len(t.rs) && (digit(t.rs[k]) || strings.ContainsRune("年月日時分秒:/.-", t.rs[k])) {
			if start < 0 {
				start = k
			}
			seen = seen || digit(t.rs[k])
			continue
		}
		if start >= 0 && seen {
			longest = max(longest, whole(start, k))
		}
		start, seen = -1, false
	}
	// Latin words joined by single spaces: a number and its word, a
	// month and its number.
	type word struct {
		start, end int
		num, month bool
	}
	var prev word
	first := -1 // the first word of the phrase ending with prev; -1 for none
	for k := 0; k < len(t.rs); {
		if space(t.rs[k]) || t.rs[k] == '\n' {
			k++
			continue
		}
		w := word{start: k}
		for k < len(t.rs) && !space(t.rs[k]) && t.rs[k] != '\n' {
			k++
		}
		w.end = k
		w.num, w.month = numberWord(t.rs[w.start:w.end]), monthWord(t.rs[w.start:w.end])
		joined := prev.end > 0 && w.start == prev.end+1 && t.rs[prev.end] == ' ' &&
			(prev.num && w.month || prev.month && w.num ||
				prev.num && letterWord(t.rs[w.start:w.end]) && (first < 0 || prev.end-prev.start != 4) || // not 2023 after a month
				first >= 0 && prev.num && w.num && t.rs[prev.end-1] == ',') // November 27, 2023
		if joined {
			if first < 0 {
				first = prev.start
			}
			longest = max(longest, whole(first, w.end))
		} else {
			first = -1
		}
		prev = w
	}
	return longest
}

func sumWidth(t run, i, j int) float64 {
	s := 0.0
	for k := i; k < j; k++ {
		s += t.ws[k]
	}
	return s
}

// numberWord reports whether rs is a number: digits with , . : between
// them, perhaps a comma after (27, in November 27, 2023).
func numberWord(rs []rune) bool {
	rs = trimPunct(rs)
	if len(rs) == 0 || !digit(rs[0]) {
		return false
	}
	for _, r := range rs {
		if !digit(r) && !strings.ContainsRune(",.:", r) {
			return false
		}
	}
	return true
}

// letterWord reports whether rs is a word of Latin letters (a trailing
// comma or full stop aside).
func letterWord(rs []rune) bool {
	rs = trimPunct(rs)
	if len(rs) == 0 {
		return false
	}
	for _, r := range rs {
		if !unicode.IsLetter(r) || wide(r) {
			return false
		}
	}
	return true
}

// months are the English month names and their abbreviations.
var months = []string{"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec"}

// monthWord reports whether rs names a month (November, Nov., nov).
func monthWord(rs []rune) bool {
	rs = trimPunct(rs)
	if len(rs) < 3 || len(rs) > 9 {
		return false
	}
	s := strings.ToLower(string(rs))
	for _, m := range months {
		if s == m {
			return true
		}
	}
	return false
}

func trimPunct(rs []rune) []rune {
	for len(rs) > 0 && (rs[len(rs)-1] == ',' || rs[len(rs)-1] == '.') {
		rs = rs[:len(rs)-1]
	}
	return rs
}
