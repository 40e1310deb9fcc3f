package layout

import (
	"slices"
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
	// Dates and times of digits and their signs, without spaces; a time
	// with its zone after it (2:13（JST）, 14:05（UTC+9）), and a date with
	// the time after a space (2023年11月27日 2:13（JST）).
	type span struct {
		start, end int
		date, time bool
	}
	var spans []span
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
			d := span{start: start, end: k}
			for _, r := range t.rs[start:k] {
				d.date = d.date || strings.ContainsRune("年月日/-", r)
				d.time = d.time || r == ':'
			}
			if d.time && k < len(t.rs) && (t.rs[k] == '（' || t.rs[k] == '(') {
				if n := zoneLen(t.rs[k+1:]); n > 0 && k+1+n < len(t.rs) && (t.rs[k+1+n] == '）' || t.rs[k+1+n] == ')') {
					d.end = k + n + 2
				}
			}
			longest = max(longest, whole(d.start, d.end))
			if len(spans) > 0 {
				if p := spans[len(spans)-1]; p.date && !p.time && d.time && !d.date && p.end+1 == d.start && t.rs[p.end] == ' ' {
					longest = max(longest, whole(p.start, d.end))
				}
			}
			spans = append(spans, d)
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
				prev.num && letterWord(t.rs[w.start:w.end]) && (first < 0 || !year(t.rs[prev.start:prev.end])) || // not 2023 after a month
				timeWord(t.rs[prev.start:prev.end]) && zoneLen(t.rs[w.start:w.end]) == w.end-w.start || // 14:05 UTC+9
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

// year reports whether rs is four digits (2023).
func year(rs []rune) bool {
	return len(rs) == 4 && digit(rs[0]) && digit(rs[1]) && digit(rs[2]) && digit(rs[3])
}

// timeWord reports whether rs is a time of day of digits and colons
// (2:13, 14:05:00).
func timeWord(rs []rune) bool {
	return numberWord(rs) && slices.Contains(rs, ':') && !slices.Contains(rs, ',')
}

// zoneLen returns the length of the time zone name at the start of rs, as
// package localize writes it (JST, CEST, UTC, UTC+9, UTC−3:30), or 0.
func zoneLen(rs []rune) int {
	n := 0
	for n < len(rs) && n < 6 && rs[n] >= 'A' && rs[n] <= 'Z' {
		n++
	}
	if n < 2 {
		return 0
	}
	if n < len(rs) && (rs[n] == '+' || rs[n] == '-' || rs[n] == '−') && n+1 < len(rs) && digit(rs[n+1]) {
		m := n + 1
		for m < len(rs) && (digit(rs[m]) || rs[m] == ':') {
			m++
		}
		n = m
	}
	return n
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
	// In lower case, letter by letter, as strings.ToLower sets it: a
	// month's letters are ASCII, and the only other letters whose lower
	// case is are İ (i) and the Kelvin sign (k).
	var low [9]byte
	for i, r := range rs {
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r == 'İ':
			r = 'i'
		case r == '\u212a':
			r = 'k'
		}
		if r < 'a' || r > 'z' {
			return false
		}
		low[i] = byte(r)
	}
	for _, m := range months {
		if string(low[:len(rs)]) == m {
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
