package layout

import (
	"math"
	"slices"
)

// Justification of Japanese lines (JLReq 3.8, "Line adjustment").
//
// A justified line takes the room it lacks or has left from its gaps in
// this order:
//
//  1. the spaces between Japanese and Latin text (a quarter em, JLReq
//     3.2.6), shrunk to an eighth of an em or stretched to half an em;
//  2. the word spaces of Latin text, stretched to half an em;
//  3. only then the gaps between Japanese characters, evenly — never
//     after an opening bracket, before a closing bracket or a comma or full
//     stop, nor inside ―― and …….
//
// A line of mostly Latin text (an English title in a Japanese reference
// list) is set as Latin is: by its word spaces alone, never letter-spaced.
// The breaks of a paragraph are chosen together (a total fit over the
// paragraph, in the manner of Knuth and Plass), so that no line needs
// much room between its Japanese characters: a line may instead end
// earlier, or a long URL or file name be broken after / . _ ? & = (after -
// only when nothing better is found).

// gapKind is what kind of gap lies between two runes of a line.
type gapKind uint8

const (
	gapFixed gapKind = iota // not widened or narrowed
	gapJL                   // Japanese and Latin text (JLReq 3.2.6)
	gapWord                 // after a Latin word space
	gapChar                 // between Japanese characters
)

// wordStretch is how far a word space may stretch in a Japanese line, in
// em beyond its own width.
const wordStretch = 0.17

// charMax is the most room between Japanese characters that the line
// breaks are chosen to avoid, in em; charGood the room that costs little.
const (
	charMax  = 0.15
	charGood = 0.10
)

// closer reports whether no room is added before r: closing brackets and
// quotes, and the punctuation that closes a phrase.
func closer(r rune) bool {
	if squeezable(r) {
		return true
	}
	switch r {
	case '｝', '〙', '〗', '｠', '»', '〟', '’', '”', '｣', '・', '：', '；', '？', '！', '?', '!', ')', ']', '}', '､', '｡':
		return true
	}
	return false
}

// kind returns the kind of the gap before rune b of t.
func (t *run) kind(b int) gapKind {
	if t.bound != nil {
		return t.bound[b] &^ boundOpp
	}
	a, c := t.rs[b-1], t.rs[b]
	switch {
	case t.glued(b) || Combining(c) || a == '\n' || c == '\n':
		return gapFixed
	case t.gap != nil && t.gap[b] > 0:
		return gapJL
	case space(a) && !space(c):
		return gapWord
	case space(a) || space(c):
		return gapFixed
	case !wide(a) && !wide(c):
		return gapFixed // inside Latin text
	case noEnd(a) || closer(c) || inseparable(a, c):
		return gapFixed
	}
	return gapChar
}

// gapCounts are the gaps of a line by kind, and its Latin letters and
// Japanese characters.
type gapCounts struct {
	jl, word, char int
	latin, wide    int
}

// latinLine reports whether a line of these counts is mostly Latin text.
func (c gapCounts) latinLine() bool { return c.latin > 2*c.wide }

// spread is how a line's room (negative: what it lacks) is shared: the
// change of each gap of each kind, in points, and whether the line is
// justified at all (a line with too few gaps is left as it is).
type spread struct {
	jl, word, char float64
	ok             bool
}

// share divides room among the gaps of a line of counts c set at size em
// (points), in the order of JLReq 3.8. stretch says whether the line may
// be widened (it is not the last of its paragraph).
func share(room, em float64, c gapCounts, stretch bool) spread {
	var s spread
	const eps = 1e-9
	if room < -eps {
		// Shrink the Japanese–Latin spaces to an eighth of an em, then
		// everything else evenly (what full-width punctuation gives up
		// comes first: see giveUpAki).
		if c.jl > 0 {
			s.jl = max(room/float64(c.jl), -(jlSpace-jlShrink)*em)
			room -= s.jl * float64(c.jl)
		}
		switch {
		case room > -eps:
		case c.char > 0:
			s.char = room / float64(c.char)
		case c.word > 0:
			s.word = room / float64(c.word)
		case c.jl > 0:
			s.jl += room / float64(c.jl)
		default:
			return spread{}
		}
		s.ok = true
		return s
	}
	if room < eps || !stretch || c.latinLine() {
		// A line of mostly Latin text is set as Latin is: ragged.
		return spread{ok: true}
	}
	if c.jl > 0 {
		s.jl = min(room/float64(c.jl), (jlStretch-jlSpace)*em)
		room -= s.jl * float64(c.jl)
	}
	if c.word > 0 && room > eps {
		w := room / float64(c.word)
		if c.char > 0 {
			w = min(w, wordStretch*em)
		}
		s.word = w
		room -= w * float64(c.word)
	}
	if room > eps {
		switch {
		case c.char > 0:
			s.char = room / float64(c.char)
		case c.jl > 0:
			s.jl += room / float64(c.jl)
		default:
			// Nothing to widen: the line stays short (a Latin line of
			// one word, or letters only).
			return spread{ok: false}
		}
	}
	s.ok = true
	return s
}

// cost is the badness of a line set with spread s at size em, room
// points short of a width: little for a little room between Japanese
// characters, much past charGood, and prohibitive past charMax; for a
// line of Latin text, set ragged, the room it leaves.
func (s spread) cost(em, room, width float64, c gapCounts) float64 {
	if c.latinLine() {
		return 100 * (room / width) * (room / width)
	}
	if !s.ok {
		if room > charMax*em {
			return raggedCost(room, width)
		}
		return 1e5
	}
	if s.char > charMax*em+1e-9 {
		return raggedCost(room, width)
	}
	v := charCost(s.char / em)
	if s.word > 0 {
		v += 10 * (s.word / em / wordStretch)
		if s.word > wordStretch*em+1e-9 {
			v += 1e5 * (1 + s.word/em)
		}
	}
	if s.jl > 0 {
		r := s.jl / ((jlStretch - jlSpace) * em)
		v += 60 * r * r
		if s.jl > (jlStretch-jlSpace)*em+1e-9 {
			v += 1e6 * (1 + s.jl/em)
		}
	}
	return v
}

// charCost is the badness of x em of room between Japanese characters,
// x no more than charMax (see cost).
func charCost(x float64) float64 {
	v := 100 * (x / charGood) * (x / charGood)
	if x > charGood+1e-9 {
		v += 3000
	}
	return v
}

// raggedCost is the badness of a line left room points short of a
// width, not justified: one whose gaps between Japanese characters would
// pass charMax, or that has no gap to widen (placeLine sets both so). It
// is prohibitive, and grows with the room left alone, not with the room
// per gap: of the lines a break forces short (before a word, a hash or a
// URL wider than the room left), one short line costs less than the same
// text set a character or two per line. It stays under the cost of a
// break that breaks a kinsoku rule (1e7) and over that of cutting a
// token longer than the line (1e5).
func raggedCost(room, width float64) float64 { return 1e6 * (1 + 4*room/width) }

// cutAfter holds the characters after which a long Latin token (a URL, a
// path, a file name) may be broken, and what the break costs.
func cutAfter(r rune) (float64, bool) {
	switch r {
	case '/', '\\', '?', '&', '=', '_':
		return 300, true
	case '.':
		return 500, true
	case '-':
		// A reader copying the text takes a line ending in a hyphen for
		// hyphenation and drops it.
		return 3000, true
	}
	return 0, false
}

// hyphenCut is the cost of breaking after - a token that fits a line
// (CVE-2021-30116, SSL-VPN): more than a line left short by up to half
// the width and not justified (see raggedCost), since a reader copying
// the text drops the hyphen, but less than a line shorter still (a
// character or two alone) or a break against a kinsoku rule.
const hyphenCut = 3e6

// breakTotal breaks t into justified lines of width points, choosing the
// breaks of each paragraph (up to a newline) together so that the sum of
// the lines' costs is least.
func breakTotal(t run, width float64) []brokenLine { return breakTotalBy(&fitter{}, t, width, true) }

// breakTotalBy is breakTotal in the room of f, which it keeps for the
// next text; search says whether the starts of lines far too short may be
// passed over by a search (the same lines, sooner) rather than looked at
// one by one. With f.emit set, the lines of a long paragraph go to it as
// they are chosen (see fitSegment) and only the rest are returned; an
// error of emit stops the breaking (f.err).
func breakTotalBy(f *fitter, t run, width float64, search bool) []brokenLine {
	n := len(t.rs)
	if n == 0 {
		return nil
	}
	rs := t.rs
	f.t, f.width, f.cum = &t, width, t.widths()
	defer func() { f.t, f.cum = nil, nil }()
	// Prefix counts by boundary (see extendPre), worked out as far as
	// the candidates are found.
	f.pre, f.preBase, f.maxTail = append(f.pre[:0], prefix{}), 0, -1
	// With no negative width (nor an infinite one), the width of a line
	// grows as its start moves back: the starts of lines far too short
	// are then passed over by a search rather than one by one.
	f.monotone = search && width > 0 && !math.IsInf(width, 0) && !math.IsInf(f.cum[n], 0)
	for _, w := range t.ws {
		if !f.monotone || !(w >= 0) {
			f.monotone = false
			break
		}
	}
	var lines []brokenLine
	for seg := 0; seg < n && f.err == nil; {
		end := seg
		for end < n && rs[end] != '\n' {
			end++
		}
		if end < n {
			end++ // the newline ends its line
		}
		lines = f.fitSegment(lines, seg, end)
		seg = end
		if f.emit != nil && len(lines) >= fitLines && f.err == nil {
			// A text of many short paragraphs: their lines too.
			f.err = f.emit(lines)
			lines = lines[:0]
		}
	}
	return lines
}

// extendPre works out the prefix counts up to boundary hi: pre[b] counts
// the boundaries before runes 1..b-1 by kind, and the Latin letters and
// Japanese characters of runes 0..b-1. f.pre holds those from boundary
// f.preBase on.
func (f *fitter) extendPre(hi int) {
	t, base := f.t, f.preBase
	lo := base + len(f.pre)
	if hi < lo {
		return
	}
	n, rs := len(t.rs), t.rs
	f.pre = slices.Grow(f.pre, hi-lo+1)[:hi-base+1]
	pre := f.pre
	for b := lo; b <= hi; b++ {
		p := pre[b-1-base]
		if b < n {
			switch t.kind(b) {
			case gapJL:
				p.jl++
			case gapWord:
				p.word++
			case gapChar:
				p.char++
			}
		}
		if r := rs[b-1]; alnum(r) {
			p.latin++
		} else if wide(r) {
			p.wide++
		}
		pre[b-base] = p
	}
}

// The total fit of a long paragraph weighs its candidates in a window
// (see fitSegment): it looks for lines to commit once fitWindow
// candidates are weighed, then each time the window has grown by a
// quarter, and past fitWindowMax commits lines of its own choosing; the
// candidates are found fitChunk runes at a time, and the lines of a text
// of many paragraphs handed on fitLines at a time.
const (
	fitWindow    = 1024
	fitLines     = 256
	fitWindowMax = 1 << 15
	fitChunk     = 4096
)

// candidate is a place where a line may end: before rune at, at a cost;
// cut when inside a word.
type candidate struct {
	at   int
	cost float64
	cut  bool
}

// prefix holds counts of a text's runes up to a boundary (see
// extendPre).
type prefix struct{ jl, word, char, latin, wide int32 }

// fitter breaks the paragraphs of a text by total fit, its room reused
// from paragraph to paragraph and from text to text.
type fitter struct {
	t     *run
	width float64
	cum   []float64
	// The prefix counts of breakTotal from boundary preBase on (see
	// extendPre).
	pre     []prefix
	preBase int
	// monotone holds when cum never decreases and is finite, and width
	// is positive and finite.
	monotone bool
	cands    []candidate
	best     []float64
	from     []int
	starts   []int
	// The end of the lines weighed (see endAt) and the start of the
	// paragraph.
	ej            int
	cumE, tailJ   float64
	gapsE, runesE prefix
	last          bool
	seg           int
	// ext is what a line ending at the end would widen by if it took
	// what follows up to the next break opportunity that is no cut (-Inf
	// on the last line).
	ext float64
	// emit, when set, takes the lines of a long paragraph as they are
	// committed (see fitSegment), in order; err is the first error it
	// returned, which stops the breaking.
	emit func([]brokenLine) error
	err  error
	// maxTail is the most any rune's tail may be (see run.tail), -1
	// until it is needed; meets is the room of meet.
	maxTail float64
	meets   []bool
	// window and windowMax, when not 0, stand for fitWindow and
	// fitWindowMax (tests make them small).
	window, windowMax int
}

// fitSegment breaks the runes [seg, end) of the text, a paragraph ending
// at a newline or the end of the text, into lines by total fit, and
// appends them to lines.
//
// A long paragraph is weighed in a window of candidates rather than
// whole. Once no line yet to be weighed can start before candidate d
// (the text from there to the end weighed is far too long for one line,
// and grows), every way the paragraph may go on starts with the best
// lines up to one of the candidates after d; where all of those best
// lines pass through one candidate c, the lines up to c are those the
// whole paragraph's total fit would choose. They are committed (appended
// to lines, or handed to f.emit) and the candidates before c let go: the
// costs stay those of the whole paragraph, the lines the same. Where
// that never happens in fitWindowMax candidates (no real paragraph: a
// paragraph there has run over hundreds of lines with two ways of
// setting them still open, or holds widths that are negative), the
// lines of the best way up to three quarters of the window are committed
// and the paragraph weighed again from there.
func (f *fitter) fitSegment(lines []brokenLine, seg, end int) []brokenLine {
	t, width, cum := f.t, f.width, f.cum
	rs, ws := t.rs, t.ws
	trimEnd := func(i, j int) int {
		for j > i && (space(rs[j-1]) || rs[j-1] == '\n' || rs[j-1] == '\t') {
			j--
		}
		return j
	}
	// The candidates: every break opportunity; inside a long token, after
	// / . _ and the like; inside a token longer than a line, anywhere.
	f.dropPre(max(seg-1, 0)) // the paragraphs before let go
	cands := append(f.cands[:0], candidate{at: seg})
	prev := seg
	addToken := func(p, q int) {
		w := cum[q] - cum[p]
		if w <= 0.2*width {
			return
		}
		for k := p + 1; k < q; k++ {
			if space(rs[k]) || Combining(rs[k]) || space(rs[k-1]) && t.glued(k) {
				continue
			}
			c, ok := cutAfter(rs[k-1])
			clean := !forbiddenStart(rs[k-1], rs[k]) && !noEnd(rs[k-1]) && !t.held(k)
			switch {
			case ok && clean && (rs[k-1] != '-' || !t.glued(k)):
				if rs[k-1] == '-' && w <= width {
					c = hyphenCut
				}
				cands = append(cands, candidate{at: k, cost: c, cut: true})
			case w > width && (rs[k-1] != '-' || !t.glued(k)):
				c := 1e5
				if !clean {
					c = 1e7
				}
				cands = append(cands, candidate{at: k, cost: c, cut: true})
			}
		}
	}
	// gen finds the candidates, fitChunk runes at a time, until there
	// are more than upto or all are found (done).
	gk, done := seg+1, false
	gen := func(upto int) {
		for len(cands) <= upto && !done {
			lim := end
			if end-gk > fitChunk {
				lim = gk + fitChunk
			}
			for ; gk < lim; gk++ {
				if t.opp(gk) {
					addToken(prev, gk)
					cands = append(cands, candidate{at: gk})
					prev = gk
				}
			}
			if gk >= end {
				addToken(prev, end)
				cands = append(cands, candidate{at: end})
				done = true
			}
			f.extendPre(min(gk, end))
		}
		f.cands = cands // cost reads them there
	}
	gen(1)

	window, windowMax := fitWindow, fitWindowMax
	if f.window > 0 {
		window, windowMax = f.window, f.windowMax
	}
	best, from := append(f.best[:0], 0), append(f.from[:0], 0)
	starts := f.starts[:0] // the candidates a line ending at j may start at
	hint := 0              // the first start far too short for the last j
	fitHint := 0           // the first start of a line that fits, for the last j
	// (Loop invariants are worked out once, by the same expressions:
	// the lines and their costs are those of the plain loops, see
	// fitSegmentPlain in the tests.)
	long, shortRoom := 1.1*width, 0.4*width
	f.seg = seg
	next := 0 // the first candidate after j that is not a cut, or the last
	// The candidates are indexed from the first kept, which is the
	// candidate the lines weighed start from (root, the paragraph's
	// start or the end of the last line committed) or one before it
	// that no line starts at.
	root := 0
	check := window // the j at which lines are looked for to commit
	// commit appends the best lines up to candidate c (from root) to
	// lines, hands them to f.emit if set, and lets the candidates before
	// c go; j and the hints move with them.
	commit := func(c int, j *int) {
		first := len(lines)
		for x := c; x > root; x = from[x] {
			lines = append(lines, brokenLine{start: cands[from[x]].at, end: cands[x].at, forced: cands[x].cut})
		}
		slices.Reverse(lines[first:])
		if f.emit != nil {
			f.err = f.emit(lines)
			lines = lines[:0]
		}
		cands = cands[:copy(cands, cands[c:])]
		f.cands = cands
		best = best[:copy(best, best[c:])]
		from = from[:copy(from, from[c:])]
		for x := range from {
			from[x] -= c
		}
		*j -= c
		root, hint, fitHint, next = 0, hint-c, fitHint-c, max(next-c, 0)
		f.dropPre(max(trimEnd(seg, cands[0].at)-1, 0))
	}
	var cumE, tailJ float64
	// short reports whether a line from candidate i (ending at or after
	// i's place) is far too short; fits whether it fits.
	short := func(i int) bool {
		natural := cumE - cum[cands[i].at] - tailJ
		return width-natural > shortRoom
	}
	fits := func(i int) bool { return cumE-cum[cands[i].at]-tailJ <= width }
	for j := 1; ; j++ {
		if j+1 >= len(cands) && !done {
			gen(j + 1)
		}
		if j >= len(cands) {
			break
		}
		if j >= check && f.err == nil {
			// Lines to commit, up to the last j weighed.
			jp := j - 1
			c := root
			if f.monotone {
				if d := f.lastDead(cands, jp, trimEnd(seg, cands[jp].at), long); d >= 0 {
					f.meets = grow(f.meets, jp+1)
					c = meet(f.meets, from, d+1, jp, root)
				}
			}
			switch {
			case c > root:
				commit(c, &j)
			case jp >= windowMax:
				// No lines in common: commit those of the best way to
				// jp up to three quarters of the window, and weigh again
				// from their end.
				x := jp
				for x > root && x > windowMax-windowMax/4 {
					x = from[x]
				}
				if x > root {
					commit(x, &j)
					j = 1
					best, from = best[:1], from[:1]
					hint, fitHint, next = 0, 0, 0
				}
			}
			if f.err != nil {
				break
			}
			check = max(window, j+max(window/4, j/4, 1))
		}
		cj0 := cands[j]
		last := done && j == len(cands)-1
		ej := trimEnd(seg, cj0.at)
		cumE, tailJ = cum[ej], t.tail(ej-1)
		f.endAt(ej, cumE, tailJ, last)
		// A line far too short is still a line when it cannot take what
		// follows j up to the next break opportunity (ext wider), unless
		// that is cut: a break is forced before a piece wider than the
		// room left (a hash, a URL, up to a line long). Passing over it
		// left only lines of a character or two before the piece.
		ext := math.Inf(-1)
		if !last {
			for {
				if next+1 >= len(cands) && !done {
					gen(next + 1)
				}
				if next <= j || cands[next].cut && !(done && next == len(cands)-1) {
					next++
					continue
				}
				break
			}
			en := trimEnd(seg, cands[next].at)
			ext = cum[en] - t.tail(en-1) - (cumE - tailJ)
		}
		f.ext = ext
		// The lines that end at j: from the candidates back to where a
		// line is far too long, but those far too short (which cost
		// more than any other) only from j-1 or on the last line. The
		// fullest of them that fits is tried first: its cost bounds
		// the others'. (The line chosen is the one of least cost, of
		// equal costs the one from the nearest candidate, whatever the
		// order the lines are tried in.)
		bestJ, fromJ := math.Inf(1), j-1
		try := func(i int) {
			// A line's cost is never negative: a start whose best cost
			// alone exceeds the best found so far cannot win (of equal
			// costs, the line from the nearest candidate is taken).
			base := best[i] + cj0.cost
			if base > bestJ || base == bestJ && i < fromJ {
				return
			}
			v, ok := f.cost(i, i == j-1)
			if !ok {
				return
			}
			if v += base; v < bestJ || v == bestJ && i > fromJ {
				bestJ, fromJ = v, i
			}
		}
		if f.monotone && !last && ext <= shortRoom {
			// The line from j-1, whatever its length.
			try(j - 1)
			i := j - 2
			// Lines of nothing but the spaces before j.
			for ; i >= 0 && cands[i].at > ej; i-- {
				a := cands[i].at
				natural := -t.tail(a - 1)
				if natural > long+ws[a] {
					i = -2
					break
				}
				if width-natural <= shortRoom {
					try(i)
				}
			}
			if i >= 0 && short(i) {
				// The starts from here back are far too short up to a
				// point, then never again: pass over them.
				hint = firstOf(i, hint, short)
				i = hint - 1
			}
			if i >= 0 {
				// The lines from the starts up to i fit from some
				// start on, and are longer the further back they
				// start: the one that fits first, then longer ones to
				// one far too long, then shorter ones.
				fit := i + 1
				if fits(i) {
					fit = firstOf(i, fitHint, fits)
					fitHint = fit
				}
				for k := min(fit, i); k >= 0; k-- {
					a := cands[k].at
					if cumE-cum[a]-tailJ > long+ws[a] {
						break
					}
					try(k)
				}
				for k := fit + 1; k <= i; k++ {
					try(k)
				}
			}
			best, from = append(best, bestJ), append(from, fromJ)
			continue
		}
		starts = starts[:0]
		fit := -1
		// The line from j-1, whatever its length.
		if a := cands[j-1].at; a > ej {
			if -t.tail(a-1) <= width {
				fit = 0
			}
		} else if cumE-cum[a]-tailJ <= width {
			fit = 0
		}
		starts = append(starts, j-1)
		i := j - 2
		// Lines of nothing but the spaces before j.
		for ; i >= 0 && cands[i].at > ej; i-- {
			a := cands[i].at
			natural := -t.tail(a - 1)
			if natural > long+ws[a] {
				i = -2
				break
			}
			if !last && width-natural > shortRoom && natural+ext <= width {
				continue
			}
			if natural <= width {
				fit = len(starts)
			}
			starts = append(starts, i)
		}
		if i >= 0 && f.monotone && !last && ext <= shortRoom && short(i) {
			hint = firstOf(i, hint, short)
			i = hint - 1
		}
		for ; i >= 0; i-- {
			a := cands[i].at
			natural := cumE - cum[a] - tailJ
			if natural > long+ws[a] {
				break
			}
			if !last && width-natural > shortRoom && natural+ext <= width {
				continue
			}
			if natural <= width {
				fit = len(starts)
			}
			starts = append(starts, i)
		}
		if fit > 0 {
			starts[0], starts[fit] = starts[fit], starts[0]
		}
		for _, i := range starts {
			try(i)
		}
		best, from = append(best, bestJ), append(from, fromJ)
	}
	f.starts, f.cands, f.best, f.from = starts, cands, best, from
	if f.err != nil {
		return lines
	}
	first := len(lines)
	m := len(cands)
	for j := m - 1; j > root; j = from[j] {
		a, b := cands[from[j]].at, cands[j].at
		lines = append(lines, brokenLine{start: a, end: b, hard: j == m-1, forced: cands[j].cut})
	}
	slices.Reverse(lines[first:])
	return lines
}

// lastDead returns the last of the candidates up to jp that no line
// ending after jp can start at, -1 for none: the text from it to ej, the
// end of the line ending at jp, is far too long for a line (see
// fitSegment's loops), and the text after it only grows (cum never
// decreases: f.monotone), less at most maxTail at a line's end.
func (f *fitter) lastDead(cands []candidate, jp, ej int, long float64) int {
	t, cum, ws := f.t, f.cum, f.t.ws
	if f.maxTail < 0 {
		f.maxTail = 0
		for _, g := range t.gap {
			f.maxTail = max(f.maxTail, g)
		}
	}
	ce := cum[ej]
	for i := jp; i >= 0; i-- {
		a := cands[i].at
		if ce-cum[a]-f.maxTail > long+ws[a] {
			return i
		}
	}
	return -1
}

// meet returns the candidate that the best ways to every candidate of
// [lo, hi] all pass through last (from[x] is the start of the best line
// ending at x, root where every way starts), in the room seen (at least
// hi+1 long).
func meet(seen []bool, from []int, lo, hi, root int) int {
	clear(seen[root : hi+1])
	heads := 0 // the candidates marked not yet passed
	for i := lo; i <= hi; i++ {
		seen[i] = true
		heads++
	}
	for x := hi; x > root; x-- {
		if !seen[x] {
			continue
		}
		if heads == 1 {
			return x
		}
		seen[x] = false
		heads--
		if p := from[x]; !seen[p] {
			seen[p] = true
			heads++
		}
	}
	return root
}

// lineCounts returns the counts of a line of runes [i, j) (i < j) of the
// text f fitted last, as placeLineIn counts them: its gaps before runes
// i+1 … j-1 by kind, its Latin letters and Japanese characters; false
// when f no longer holds (or never held) the prefix counts of boundaries
// i to j.
func (f *fitter) lineCounts(i, j int) (gapCounts, bool) {
	lo, hi := i-f.preBase, j-f.preBase
	if lo < 0 || hi >= len(f.pre) || hi <= lo {
		return gapCounts{}, false
	}
	a, g, e := &f.pre[lo], &f.pre[hi-1], &f.pre[hi]
	return gapCounts{jl: int(g.jl - a.jl), word: int(g.word - a.word), char: int(g.char - a.char),
		latin: int(e.latin - a.latin), wide: int(e.wide - a.wide)}, true
}

// dropPre lets the prefix counts before boundary b go.
func (f *fitter) dropPre(b int) {
	if s := b - f.preBase; s > 0 {
		f.pre = f.pre[:copy(f.pre, f.pre[s:])]
		f.preBase = b
	}
}

// endAt sets the end of the lines that fitSegment weighs next: before
// rune ej, the text's width up to it cumE, the space after its last rune
// tailJ (see run.tail), last when it ends the paragraph.
func (f *fitter) endAt(ej int, cumE, tailJ float64, last bool) {
	f.ej, f.cumE, f.tailJ, f.last = ej, cumE, tailJ, last
	// The counts of the lines ending at ej (see breakTotalBy).
	f.gapsE = prefix{} // the gaps before ej-1
	if ej > 0 {
		f.gapsE = f.pre[ej-1-f.preBase]
	}
	f.runesE = f.pre[ej-f.preBase] // the runes before ej
}

// cost returns the cost of the line from candidate i to the end endAt
// set, and false for a line too long to be set (squeezed), but from the
// candidate before the end (prev), which stands past the margin.
func (f *fitter) cost(i int, prev bool) (float64, bool) {
	t, width, cum := f.t, f.width, f.cum
	rs, ws := t.rs, t.ws
	a := f.cands[i].at
	var natural float64
	var c gapCounts
	e := f.ej
	if a <= e {
		natural = f.cumE - cum[a] - f.tailJ
		if a < e {
			p, gapsE, runesE := &f.pre[a-f.preBase], &f.gapsE, &f.runesE
			c = gapCounts{jl: int(gapsE.jl - p.jl), word: int(gapsE.word - p.word), char: int(gapsE.char - p.char),
				latin: int(runesE.latin - p.latin), wide: int(runesE.wide - p.wide)}
		}
	} else {
		e = a
		natural = cum[a] - cum[a] - t.tail(a-1)
	}
	room := width - natural
	em := t.styles[t.spanOf(a)].Size
	var v float64
	if room < -1e-6 {
		squeeze := 0.0
		if e > a+2 && squeezable(rs[e-1]) {
			squeeze = min(ws[e-1], 0.02*width)
		}
		aki, akiEnd := t.lineAki(a, e)
		shrink := float64(c.jl)*(jlSpace-jlShrink)*em + squeeze + aki + akiEnd
		if -room > shrink+1e-6 {
			if !prev {
				return 0, false
			}
			v = 1e9 // a piece wider than the line: it stands past it
		} else {
			// A closing mark's blank half past the margin costs
			// little; squeezing the line more.
			hang := min(-room, akiEnd)
			v = 5*hang/em + 20*(-room-hang)/em
		}
	} else if !f.last && room > 0.4*width {
		// A line far too short (from the candidate before the end,
		// which is always weighed, or before a piece it cannot take):
		// as short a line of Latin text too, which would cost little,
		// so that a URL is rather broken after / . _ ? & =.
		v = raggedCost(room, width)
	} else if !f.last {
		if c.jl == 0 && c.word == 0 && c.char > 0 && room > 1e-9 && !c.latinLine() {
			// Japanese characters alone: share gives the room
			// to their gaps, and cost is charCost of it.
			if x := room / float64(c.char) / em; x > charMax+1e-9 {
				v = raggedCost(room, width)
			} else {
				v = charCost(x)
			}
		} else {
			v = share(room, em, c, true).cost(em, room, width, c)
		}
	} else if e-a <= 2 && a > f.seg {
		v = 300 // a stub on the last line
	}
	return v, true
}

// grow returns s resliced to n elements, its room reused when it has
// enough.
func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

// firstOf returns the least x in [0, hi] for which p holds, p being false
// and then true over [0, hi] and true at hi: it gallops from hint (near
// the answer, the answer of a neighbouring search) and halves.
func firstOf(hi, hint int, p func(int) bool) int {
	lo := -1 // p(lo) is false, or lo is -1
	if hint >= 0 && hint < hi && !p(hint) {
		lo = hint
		for step := 1; lo+step < hi; step *= 2 {
			if p(lo + step) {
				hi = lo + step
				break
			}
			lo += step
		}
	} else {
		if hint >= 0 && hint < hi {
			hi = hint
		}
		for step := 1; hi-step > lo; step *= 2 {
			if !p(hi - step) {
				lo = hi - step
				break
			}
			hi -= step
		}
	}
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if p(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}
