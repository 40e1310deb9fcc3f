package layout

// Character classes and line-break opportunities.
//
// The rules follow JIS X 4051 and the W3C's Requirements for Japanese Text
// Layout (JLReq) as far as a briefing needs them: a line may break between
// any two CJK characters, at spaces, and between CJK and Latin text, but
// never before a character that may not start a line (closing brackets,
// 、。 and the like, small kana, ー, 々) nor after one that may not end a
// line (opening brackets). Latin words are kept whole unless a word is longer
// than the line.

// wide reports whether r is a CJK character or symbol: a character around
// which Japanese text may break.
func wide(r rune) bool {
	if r < 0x1100 {
		return false // Latin, Greek, Cyrillic and the like: the most asked
	}
	switch {
	case r >= 0x1100 && r <= 0x11FF, // Hangul Jamo
		r >= 0x2460 && r <= 0x24FF, // enclosed alphanumerics ①
		r >= 0x25A0 && r <= 0x27BF, // geometric shapes, symbols, dingbats ○ ★
		r >= 0x2E80 && r <= 0x303F, // radicals, CJK symbols and punctuation
		r >= 0x3040 && r <= 0x30FF, // kana
		r >= 0x3100 && r <= 0x31FF, // bopomofo, kana extensions
		r >= 0x3200 && r <= 0x4DBF, // enclosed CJK, compatibility, ext. A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xA960 && r <= 0xA97F,
		r >= 0xAC00 && r <= 0xD7FF,            // Hangul
		r >= 0xF900 && r <= 0xFAFF,            // compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F,            // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFFEF,            // full- and halfwidth forms
		r == 0x203B,                           // ※
		r == 0x2015, r == 0x2025, r == 0x2026: // ― ‥ …
		return true
	}
	return false
}

// space reports whether r is a space at which Latin text breaks.
func space(r rune) bool { return r == ' ' || r == '\t' }

// noStart holds the characters that may not begin a line (JIS X 4051
// gyoto kinsoku): closing brackets, comma and full stop, middle dots,
// colons, question and exclamation marks, small kana, the prolonged sound
// mark, iteration marks and inseparable characters.
func noStart(r rune) bool {
	switch r {
	case '」', '』', '）', '］', '｝', '〉', '》', '】', '〕', '〙', '〗', '｠', '»', '〟', '’', '”', '｣',
		'、', '。', '，', '．', '・', '：', '；', '？', '！', '､', '｡', '･',
		'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ', 'ゕ', 'ゖ',
		'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ', 'ヵ', 'ヶ',
		'ｧ', 'ｨ', 'ｩ', 'ｪ', 'ｫ', 'ｬ', 'ｭ', 'ｮ', 'ｯ', 'ｰ', 'ﾞ', 'ﾟ',
		'ー', 'ゝ', 'ゞ', 'ヽ', 'ヾ', '々', '〻', '゛', '゜', '‥', '…', '〜', '～', '゠', '‐':
		return true
	}
	return r >= 0x31F0 && r <= 0x31FF // small katakana extensions ㇰ
}

// noEnd holds the characters that may not end a line (gyomatsu kinsoku):
// opening brackets.
func noEnd(r rune) bool {
	switch r {
	case '「', '『', '（', '［', '｛', '〈', '《', '【', '〔', '〘', '〖', '｟', '«', '〝', '‘', '“', '｢',
		'(', '[', '{':
		return true
	}
	return false
}

// asciiCloser holds the ASCII characters that may not begin a line when
// they follow CJK text (in Latin text they never do: a line breaks at
// spaces).
func asciiCloser(r rune) bool {
	switch r {
	case ')', ']', '}', ',', '.', ':', ';', '?', '!', '%':
		return true
	}
	return false
}

// inseparable reports whether a and b form a pair that is not split: two
// leaders or dashes of the same kind (…… ――).
func inseparable(a, b rune) bool {
	if a != b {
		return false
	}
	switch a {
	case '…', '‥', '―', '—', '・':
		return true
	}
	return false
}

// forbiddenStart reports whether r may not begin a line that follows prev.
func forbiddenStart(prev, r rune) bool {
	return noStart(r) || (asciiCloser(r) && wide(prev))
}

// canBreak reports whether a line may break between a and b (before b).
func canBreak(a, b rune) bool {
	if a == '\n' {
		return true
	}
	if space(b) || b == '\n' || Combining(b) {
		return false
	}
	if forbiddenStart(a, b) || noEnd(a) || inseparable(a, b) {
		return false
	}
	if space(a) {
		return true
	}
	return wide(a) || wide(b)
}

// preferredBreakAfter holds the characters after which a word longer than
// the line (a URL, a path) is broken first.
func preferredBreakAfter(r rune) bool {
	switch r {
	case '/', '?', '&', '=', '-':
		return true
	}
	return false
}

// brokenLine is a line of a text: the runes [start, end). hard is set when
// the line ends the paragraph or at a newline; forced when no break
// opportunity fitted and the line was cut inside a word.
type brokenLine struct {
	start, end int
	hard       bool
	forced     bool
}

// breakLines breaks the runes rs, whose advance widths are ws, into lines no
// wider than width. Spaces and newlines at the end of a line stay in it but
// take no width. Only a line that holds a single character can be wider
// than width.
func breakLines(rs []rune, ws []float64, width float64) []brokenLine {
	return breakJustified(rs, ws, width, false)
}

// squeezable holds the punctuation that may end a justified Japanese line
// set a little tighter rather than push the character before it to the
// next line (oikomi, JIS X 4051): 、。 and closing brackets, whose glyphs
// carry blank space of their own.
func squeezable(r rune) bool {
	switch r {
	case '、', '。', '，', '．', '」', '』', '）', '］', '】', '〕', '〉', '》':
		return true
	}
	return false
}

// breakJustified is breakLines for lines that placeLine justifies
// (squeeze): a line may then also end with a squeezable mark that overflows
// it by at most the mark's own width (and 2% of the line), the line being
// set tighter by that much; otherwise the mark could not start the next
// line and would drag the character before it along (oidashi), leaving a
// loose line and often a stub such as 「た。」 alone on the last line.
func breakJustified(rs []rune, ws []float64, width float64, squeeze bool) []brokenLine {
	return breakRun(run{rs: rs, ws: ws, hold: hold(rs)}, width, squeeze)
}

// breakRun is breakJustified for a measured text, some of whose runes may
// be glued to the rune before them (t.glue: no break before rune k) or
// held in an unbreakable sequence (t.hold), and whose widths may carry
// the space between Japanese and Latin text (t.gap), not drawn where a
// line ends. A glued piece longer than the line is cut at a character
// boundary, never after a space (a space ending a line is not drawn) nor
// after a hyphen (a reader takes it for hyphenation), so no character is lost.
func breakRun(t run, width float64, squeeze bool) []brokenLine {
	return breakRunInto(nil, t, width, squeeze)
}

// breakRunInto is breakRun appending the lines to lines (whose room a
// caller that breaks a text at many widths reuses).
func breakRunInto(lines []brokenLine, t run, width float64, squeeze bool) []brokenLine {
	rs, ws := t.rs, t.ws
	n := len(rs)
	cum := t.widths()
	// trimmed returns the width of [i, j) without trailing spaces and
	// newlines, nor the space after its last rune.
	trimmed := func(i, j int) float64 {
		for j > i && (space(rs[j-1]) || rs[j-1] == '\n') {
			j--
		}
		return cum[j] - cum[i] - t.tail(j-1)
	}
	const eps = 1e-6
	fits := func(i, j int) bool { return trimmed(i, j) <= width+eps }
	opp := func(k int) bool { return k == n || t.opp(k) }

	i := 0
	for i < n {
		best, hard := -1, false
		k := i + 1
		for ; k <= n; k++ {
			if !opp(k) {
				// Far past the line inside a piece with no place to
				// break (a long word, a URL): the piece will be cut, and
				// where depends only on what fits, so its end need not
				// be found. Looking for it from every line made a long
				// word take time quadratic in its length.
				if r := rs[k-1]; !space(r) && r != '\n' && cum[k]-cum[i] > 1.05*width+eps &&
					(best < 0 || cum[k]-cum[best] > width+eps) {
					break
				}
				continue
			}
			if !fits(i, k) {
				if squeeze && k-i > 2 && squeezable(rs[k-1]) &&
					trimmed(i, k) <= width+min(ws[k-1], 0.02*width)+eps {
					best = k
					hard = k == n
				}
				break
			}
			best = k
			if k == n || rs[k-1] == '\n' {
				hard = true
				break
			}
		}
		end := min(k, n)
		if best > 0 {
			// When what follows is a piece longer than a line (a URL), it
			// is cut anyway: fill a short line with its start rather than
			// leave the line short (and, justified, spaced out).
			if !hard && k <= n && best < end && !fits(best, end) && trimmed(i, best) < 0.75*width {
				if cut := cutPiece(t, cum, i, end, width, fits); cut > best {
					lines = append(lines, brokenLine{start: i, end: cut, forced: true})
					i = cut
					continue
				}
			}
			lines = append(lines, brokenLine{start: i, end: best, hard: hard})
			i = best
			continue
		}
		// The segment up to the next opportunity (k) is longer than the
		// line: cut it where it fits.
		cut := cutPiece(t, cum, i, end, width, fits)
		lines = append(lines, brokenLine{start: i, end: cut, forced: true})
		i = cut
	}
	return lines
}

// cutPiece returns where to cut the runes [i, end), which do not fit the
// line: after the last character that fits, preferring to break after
// / ? & = - and where no kinsoku rule is broken; never before a space (in
// glued runes, never after one nor after a hyphen, see breakGlued). It
// returns at least i+1: a character wider than the line stands alone.
func cutPiece(t run, cum []float64, i, end int, width float64, fits func(i, j int) bool) int {
	rs, glue := t.rs, t.glue
	n := len(rs)
	cut, pref, clean := -1, -1, -1
	for j := i + 1; j < end; j++ {
		if !fits(i, j) {
			break
		}
		if Combining(rs[j]) {
			continue
		}
		g := glue != nil && glue[j]
		if g {
			// Code is cut where the line ends, but not after a space
			// (not drawn) nor after a hyphen (read as hyphenation).
			if space(rs[j-1]) || rs[j-1] == '-' {
				continue
			}
		} else if space(rs[j]) {
			continue
		}
		cut = j
		if !forbiddenStart(rs[j-1], rs[j]) && !noEnd(rs[j-1]) && !t.held(j) {
			clean = j
			if !g && preferredBreakAfter(rs[j-1]) && cum[j]-cum[i] >= 0.5*width {
				pref = j
			}
		}
	}
	switch {
	case pref > 0:
		return pref
	case clean > 0:
		return clean
	case cut > 0:
		return cut
	}
	cut = i + 1 // a single character wider than the line
	for cut < n && (space(rs[cut]) || Combining(rs[cut])) {
		cut++
	}
	return cut
}

// longestPiece returns the widths of the unbreakable pieces of t: the longest is the narrowest a column can be
// without cutting words.
func longestPiece(t run) float64 {
	rs, ws, glue := t.rs, t.ws, t.glue
	longest, cur := 0.0, 0.0
	trail := 0.0
	for k := range rs {
		if k > 0 && t.opp(k) {
			cur, trail = 0, 0
		}
		if (space(rs[k]) && (glue == nil || !glue[k])) || rs[k] == '\n' {
			trail += ws[k]
			continue
		}
		cur += trail + ws[k]
		trail = 0
		if cur > longest {
			longest = cur
		}
	}
	return longest
}

// stubLine reports whether line l of t holds a single character (a
// stub: 動 alone under ログオン時の自動起), spaces and combining marks
// not counted.
func stubLine(t run, l brokenLine) bool {
	k := 0
	for j := l.start; j < l.end; j++ {
		if r := t.rs[j]; !space(r) && r != '\n' && !Combining(r) {
			k++
		}
	}
	return k == 1
}

// avoidStub breaks the line before a stub last line earlier, so that the
// last line holds two characters or more: at the break opportunity before
// the line's end, or, in a word cut because it was longer than the line
// (a path, a hash), a character earlier, where no kinsoku rule is broken.
// The lines stay as many and no wider than width; the line before keeps
// two characters or more, else lines are returned as they are. A careful
// compositor does the same by hand (oidashi of a character, JIS X 4051).
func avoidStub(t run, lines []brokenLine, width float64) []brokenLine {
	n := len(lines)
	if n < 2 || !stubLine(t, lines[n-1]) {
		return lines
	}
	prev, last := lines[n-2], lines[n-1]
	if prev.hard || prev.end != last.start {
		return lines
	}
	rs := t.rs
	cum := t.widths()
	fits := func(i, j int) bool {
		for j > i && (space(rs[j-1]) || rs[j-1] == '\n') {
			j--
		}
		return cum[j]-cum[i]-t.tail(j-1) <= width+1e-6
	}
	// clean: a line may end before rune j.
	clean := func(j int) bool {
		if space(rs[j]) || Combining(rs[j]) {
			return false
		}
		if !prev.forced {
			return t.opp(j)
		}
		if t.glue != nil && t.glue[j] && (space(rs[j-1]) || rs[j-1] == '-') {
			return false
		}
		return !forbiddenStart(rs[j-1], rs[j]) && !noEnd(rs[j-1]) && !t.held(j)
	}
	for j := prev.end - 1; j-prev.start >= 2 && fits(j, last.end); j-- {
		if !clean(j) {
			continue
		}
		out := append(lines[:n-2:n-2], brokenLine{start: prev.start, end: j, forced: prev.forced},
			brokenLine{start: j, end: last.end, hard: last.hard, forced: last.forced})
		if stubLine(t, out[n-2]) {
			return lines
		}
		return out
	}
	return lines
}

// CanBreak reports whether a line may break between a and b (before b),
// by the rules of this file (JIS X 4051, JLReq): for the lines that are
// set outside the line breaker, the running header's.
func CanBreak(a, b rune) bool { return canBreak(a, b) }
