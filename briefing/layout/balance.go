package layout

import (
	"cmp"
	"math"
	"slices"
)

// balance chooses column widths for a table whose text does not fit
// unwrapped but whose columns fit at their narrowest (mins, maxs as
// columnWidths leaves them, padding included), so that the table is as
// short as it can be: the sum over its rows of the lines of each row's
// tallest cell.
//
// A column is never narrower than its longest word (mins), nor, when the
// columns allow it, than its short cells (a date, a count, a term, a
// total: as short[r] says for row r), which are then never wrapped, and
// than the dates and numbers with their words in its longer cells (see
// longestPhrase), which are then never broken. When they do not all fit,
// a column may give up the room of its widest short cells and phrases as
// it may give up that of a line, a wrapped short cell or a broken phrase
// counting as wrappedCost lines of the table.
//
// The widths are chosen through the rows' heights: given a height (in
// lines) for every row, each column needs the width at which each of its
// cells fits its row's height, and the table fits when those widths do.
// From every row at its least height, the heights are raised step by step
// where a line buys the most room: a step narrows one column to a width at
// which one of its cells' line counts changes (or, when the short cells do
// not all fit, past some of them), the rows whose cells would then run
// longer taking the lines they need — and every other cell of those rows
// the room that the taller rows give it. The room a step frees is counted
// up to what the table still has to lose, or all of it: both are tried and
// the shorter table kept. Once the table fits, a row that can lose a line
// and still fit loses it. The room left over widens, step by step, the
// column whose cells then take fewer lines, end on no runt, or break at a
// better place (米国、/ 日本 rather than 米 / 国、日本), for the fewest
// points; what remains goes to the wrapped columns in proportion to what
// they lack. The widths are the same for the same table every time.
func balance(g *tableCells, pad float64, mins, maxs []float64, width float64) []float64 {
	n := len(mins)
	short := g.short
	// isShort says whether a cell of row r is short; shortW are the
	// widths of each column's short cells, phraseW of the phrases of its
	// other cells (see longestPhrase).
	isShort := func(r int, c cellSize) bool {
		w := c.natural
		return w > 0 && r < len(short) && w <= short[r].within && (short[r].any || c.digit)
	}
	shortW, phraseW, wordW := make([][]float64, n), make([][]float64, n), make([][]float64, n)
	// halfFloor[i] is the width at which column i's short cells and
	// cells of a phrase take two lines at most (see halfWidth).
	halfFloor := slices.Clone(mins)
	for r, cells := range g.size {
		for i := range min(n, len(cells)) {
			c := cells[i]
			if isShort(r, c) {
				shortW[i] = append(shortW[i], min(c.natural+2*pad, maxs[i]))
			} else if p := min(c.phrase+2*pad, maxs[i], 0.4*width); p > mins[i]+1e-9 {
				phraseW[i] = append(phraseW[i], p)
			}
			if c.half > 0 {
				halfFloor[i] = max(halfFloor[i], min(c.half+2*pad, maxs[i]))
			}
			// A cell's words (a header's, a short cell's of Japanese
			// text: see wordy), kept before its short cells and phrases.
			if w := min(c.word+2*pad, maxs[i]); c.word > 0 && c.word <= width/5 && w > mins[i]+1e-9 {
				wordW[i] = append(wordW[i], w)
			}
		}
	}
	// A long table is weighed by a sample of its rows, a wrapped short
	// cell (of all the rows) counting for what one of the sample counts.
	// Only the rows weighed are flattened (again, for a long table).
	weight := 1.0
	var weighed []int
	if full := len(g.size); full > maxRows {
		weighed = sample(g.size, short, n)
		weight = float64(len(weighed)) / float64(full)
	} else {
		weighed = make([]int, full)
		for r := range weighed {
			weighed[r] = r
		}
	}
	grid, size := make([][]cellText, len(weighed)), make([][]cellSize, len(weighed))
	natural, s := make([][]float64, len(weighed)), make([]shortness, 0, len(weighed))
	for k, r := range weighed {
		grid[k], size[k] = g.row(r), g.size[r]
		natural[k] = make([]float64, n)
		for i := range min(n, len(size[k])) {
			natural[k][i] = size[k][i].natural
		}
		if r < len(short) {
			s = append(s, short[r])
		}
	}
	short = s
	rows := len(grid)
	keepW := make([][]float64, n)
	for i := range n {
		keepW[i] = append(append(slices.Clone(wordW[i]), shortW[i]...), phraseW[i]...)
	}
	b := &balancer{grid: grid, pad: pad, maxs: maxs, width: width, shortW: keepW, weight: weight,
		steps: make([][]cellSteps, rows), isShort: make([][]bool, rows), cjk: make([][]bool, rows)}
	// floor[i] is the width of column i's short cells and phrases,
	// shortFloor[i] that of its short cells.
	shortFloor := slices.Clone(mins)
	for i := range n {
		for _, w := range shortW[i] {
			shortFloor[i] = max(shortFloor[i], w)
		}
	}
	// wordFloor[i] is the width of column i's kept words.
	wordFloor := slices.Clone(mins)
	for i := range n {
		for _, w := range wordW[i] {
			wordFloor[i] = max(wordFloor[i], w)
		}
	}
	floor := slices.Clone(shortFloor)
	for i := range n {
		floor[i] = max(floor[i], wordFloor[i])
		for _, w := range phraseW[i] {
			floor[i] = max(floor[i], w)
		}
	}
	for r, cells := range grid {
		b.isShort[r] = make([]bool, n)
		b.cjk[r] = make([]bool, n)
		for i := range min(n, len(cells)) {
			b.cjk[r][i] = slices.ContainsFunc(cells[i].t.rs, wide)
			b.isShort[r][i] = isShort(r, size[r][i])
		}
	}
	// measure finds where the cells' line counts change, for column
	// widths down to lo. Cells of one text and width in a column (a
	// date, a term, a country repeated down the column) are measured
	// once.
	measure := func(lo []float64) {
		type same struct {
			i       int
			text    string
			w       float64
			phrased bool
		}
		seen := map[same]cellSteps{}
		for r, cells := range grid {
			b.steps[r] = make([]cellSteps, n)
			for i := range n {
				if i >= len(cells) {
					b.steps[r][i] = cellSteps{first: 1}
					continue
				}
				k := same{i, string(cells[i].t.rs), sumOf(cells[i].t.ws), cells[i].phrased}
				st, ok := seen[k]
				if !ok {
					st = stepsOf(cells[i], natural[r][i], pad, lo[i])
					seen[k] = st
				}
				b.steps[r][i] = st
			}
		}
	}
	if sumOf(floor) <= width {
		measure(floor)
		return b.solve(floor, nil)
	}
	// levels[i] are the widths column i may keep: wide enough for all it
	// keeps, for all but the widest, …, down to bottom[i], the first of
	// these that fits: (1) its words (a header's 重要度), short cells (a
	// date, a label) and cells of a phrase in two lines each (Updated /
	// 27 November 2026, never a word a line), only the phrases inside
	// longer cells given up; (2) its words, its short cells and cells of
	// a phrase in two lines each; (3) those in two lines each, its words
	// given up too; (4) its longest word. What is given up is weighed as
	// a wrapped short cell each (see wrappedCost), the fewest first.
	join := func(fs ...[]float64) []float64 {
		out := slices.Clone(mins)
		for _, f := range fs {
			for i := range n {
				out[i] = max(out[i], f[i])
			}
		}
		return out
	}
	cat := func(ls ...[][]float64) [][]float64 {
		out := make([][]float64, n)
		for _, l := range ls {
			for i := range n {
				out[i] = append(out[i], l[i]...)
			}
		}
		return out
	}
	var bottom []float64
	var keep [][]float64
	for _, c := range []struct {
		bottom []float64
		keep   [][]float64
	}{
		{join(wordFloor, shortFloor, halfFloor), phraseW},
		{join(wordFloor, halfFloor), cat(shortW, phraseW)},
		{join(halfFloor), cat(wordW, shortW, phraseW)},
		{mins, cat(wordW, shortW, phraseW)},
	} {
		if bottom = c.bottom; sumOf(bottom) <= width {
			keep = c.keep
			break
		}
	}
	measure(bottom)
	levels := make([][]float64, n)
	for i := range n {
		for _, w := range keep[i] {
			if w > bottom[i] {
				levels[i] = append(levels[i], w)
			}
		}
		slices.Sort(levels[i])
		levels[i] = slices.Compact(levels[i])
		slices.Reverse(levels[i])
		levels[i] = append(levels[i], bottom[i])
	}
	return b.solve(floor, levels)
}

// maxRows bounds the rows balance weighs: of a longer table it weighs a
// sample (see sample).
const maxRows = 240

// sample returns the rows, in order, of which balance weighs some
// maxRows: the first (the header), the Emphasis rows, the rows that hold
// each column's widest cell, widest short cell, longest piece and widest
// word kept (see cellSize), and rows
// spread evenly over the rest.
func sample(size [][]cellSize, short []shortness, n int) []int {
	keep := make([]bool, len(size))
	keep[0] = true
	widest := make([][4]int, n)
	best := make([][4]float64, n)
	for r, cells := range size {
		if r < len(short) && short[r].any {
			keep[r] = true
		}
		for i := range min(n, len(cells)) {
			w := cells[i].natural
			sw := 0.0
			if r < len(short) && w <= short[r].within && (short[r].any || cells[i].digit) {
				sw = w
			}
			for k, v := range [4]float64{w, sw, cells[i].least, cells[i].word} {
				if v > best[i][k] {
					best[i][k], widest[i][k] = v, r
				}
			}
		}
	}
	for i := range n {
		for _, r := range widest[i] {
			keep[r] = true
		}
	}
	kept := 0
	for _, k := range keep {
		if k {
			kept++
		}
	}
	if step := len(size) / max(maxRows-kept, 1); step > 0 {
		for r := 0; r < len(size); r += step {
			keep[r] = true
		}
	}
	var rows []int
	for r, k := range keep {
		if k {
			rows = append(rows, r)
		}
	}
	return rows
}

// wrappedCost is what a wrapped short cell costs, in lines of the table,
// when the short cells cannot all be kept on one line: 29 February /
// 2024 reads worse than a table a line or two taller.
const wrappedCost = 3

// balancer holds what balance knows of a table's cells.
type balancer struct {
	grid    [][]cellText
	pad     float64
	maxs    []float64
	width   float64
	steps   [][]cellSteps // the widths at which each cell's line count changes
	isShort [][]bool      // the short cells
	cjk     [][]bool      // the cells with CJK text in them
	shortW  [][]float64   // the widths of each column's short cells and phrases
	weight  float64       // what a wrapped short cell counts for (see balance)
}

// wraps returns the short cells of column i wider than w.
func (b *balancer) wraps(i int, w float64) int {
	k := 0
	for _, sw := range b.shortW[i] {
		if sw > w+1e-9 {
			k++
		}
	}
	return k
}

// score returns the short cells and phrases that columns ws wrap, each
// weighed as raise weighs it, and the table's height in lines.
func (b *balancer) score(ws []float64) (wrapped float64, lines int) {
	for i, w := range ws {
		wrapped += b.weight * float64(b.wraps(i, w))
	}
	for r, cells := range b.steps {
		h := 0
		for i := range cells {
			h = max(h, b.lines(r, i, ws[i]))
		}
		lines += h
	}
	return wrapped, lines
}

// columnLooks scores how column i's cells look in a column w wide, the
// lower the better: two for each line, one for a last line under a
// quarter of the column (Endpoint Security Cloud / Plus), one more for a
// last line of one character that avoidStub cannot avoid, one for each
// line broken between two CJK characters other than after punctuation
// (米 / 国, not 米国、 / 日本).
func (b *balancer) columnLooks(i int, w float64) int {
	score := 0
	inner := w - 2*b.pad
	if inner <= 0 {
		inner = w
	}
	for r := range b.grid {
		if i >= len(b.grid[r]) {
			continue
		}
		t := b.grid[r][i].t
		if k := b.lines(r, i, w); k <= 1 {
			score += 2 * k
			continue
		}
		lines := breakCell(b.grid[r][i], inner)
		score += 2 * len(lines)
		if len(lines) > 1 && widest(t, lines[len(lines)-1:]) < inner/4 {
			score++
		}
		if stubLine(t, lines[len(lines)-1]) {
			score++ // a stub the cell could not avoid
		}
		if !b.cjk[r][i] {
			continue
		}
		for _, l := range lines[:len(lines)-1] {
			if e := l.end; e > 0 && e < len(t.rs) && wide(t.rs[e-1]) && wide(t.rs[e]) && !breaksAfter(t.rs[e-1]) {
				score++
			}
		}
	}
	return score
}

// breaksAfter holds the CJK punctuation after which a line breaks well:
// the comma, the full stop, closing brackets, the middle dot.
func breaksAfter(r rune) bool {
	switch r {
	case '、', '。', '，', '．', '・', '」', '』', '）', '］', '】', '〕', '〉', '》':
		return true
	}
	return false
}

// lines returns the lines of cell (r, i) in a column w wide.
func (b *balancer) lines(r, i int, w float64) int {
	s := &b.steps[r][i]
	for j, sw := range s.w {
		if sw <= w+1e-9 {
			return s.first + j
		}
	}
	return cellLines(b.grid[r][i], b.pad, w)
}

// solve returns the widths of the columns, none narrower than lo (or, when
// levels is not nil, than the last of levels).
func (b *balancer) solve(lo []float64, levels [][]float64) []float64 {
	a := b.raise(lo, levels, true)
	c := b.raise(lo, levels, false)
	if slices.Equal(a, c) {
		return a
	}
	wa, la := b.score(a)
	wc, lc := b.score(c)
	if float64(lc)+wrappedCost*wc < float64(la)+wrappedCost*wa {
		return c
	}
	return a
}

// raise sets the rows' heights and returns the columns' widths, none
// narrower than lo. The rate of a step is the room it frees per line it
// adds, the room counted up to what the table still has to lose when
// capped is set, all of it otherwise (solve keeps the better). When
// levels is not nil (the short cells do not all fit), column i may also
// narrow from lo[i] to one of levels[i], each short cell that wraps then
// counting as wrappedCost lines.
func (b *balancer) raise(lo []float64, levels [][]float64, capped bool) []float64 {
	n, rows := len(lo), len(b.grid)
	lo = slices.Clone(lo)
	lev := make([]int, n) // levels[i][lev[i]] is lo[i], when levels is not nil
	bottom := slices.Clone(lo)
	for i := range levels {
		bottom[i] = levels[i][len(levels[i])-1]
	}
	steps, width, maxs := b.steps, b.width, b.maxs
	// cand[i] are the widths at which column i's cells' line counts
	// change, widest first.
	cand := make([][]float64, n)
	for i := range n {
		cand[i] = append(cand[i], bottom[i])
		if i < len(levels) {
			cand[i] = append(cand[i], levels[i]...)
		}
		for r := range rows {
			for _, w := range steps[r][i].w {
				if w > bottom[i] {
					cand[i] = append(cand[i], w)
				}
			}
		}
	}
	for i := range n {
		slices.Sort(cand[i])
		cand[i] = slices.Compact(cand[i])
		slices.Reverse(cand[i])
	}
	// raw returns the width cell (r, i) needs to fit in k lines; need
	// that no narrower than lo.
	raw := func(r, i, k int) float64 {
		s := &steps[r][i]
		if k < s.first {
			return math.Inf(1)
		}
		if j := k - s.first; j < len(s.w) {
			return s.w[j]
		}
		return 0
	}
	need := func(r, i, k int) float64 { return max(raw(r, i, k), lo[i]) }
	h := make([]int, rows)
	for r := range rows {
		for i := range n {
			h[r] = max(h[r], steps[r][i].first)
		}
	}
	least := slices.Clone(h)
	// cur[i][r] is the width cell (r, i) needs at its row's height;
	// order[i] the rows by it, widest first; cw[i] the column's width.
	cur := make([][]float64, n)
	order := make([][]int, n)
	cw := make([]float64, n)
	for i := range n {
		cur[i] = make([]float64, rows)
		order[i] = make([]int, rows)
	}
	measure := func() {
		for i := range n {
			cw[i] = lo[i]
			for r := range rows {
				cur[i][r] = need(r, i, h[r])
				cw[i] = max(cw[i], cur[i][r])
				order[i][r] = r
			}
			slices.SortStableFunc(order[i], func(x, y int) int { return cmp.Compare(cur[i][y], cur[i][x]) })
		}
	}
	// A step's rows are marked with its number in mark.
	mark := make([]int, rows)
	try := make([]int, rows)
	stamp := 0
	type step struct {
		rows  []int // the rows raised
		lines []int // to these heights
		col   int   // the column narrowed
		level int   // its level, when levels is not nil
	}
	var best step
	var buf, rbuf []int
	// A long table tries fewer widths at each step.
	tries := max(maxTries*100/max(rows, 1), 4)
	const eps = 1e-9
	for measure(); sumOf(cw) > width+eps; measure() {
		tw := sumOf(cw)
		excess := tw - width
		found, bestRate, bestCost := false, 0.0, 0.0
		for i := range n {
			tried := 0
			for _, t := range cand[i] {
				if t >= cw[i]-eps {
					continue
				}
				// Past the nearest widths, only the narrowest is tried.
				if tried++; tried > tries && t != lo[i] && t != bottom[i] {
					continue
				}
				// Below lo[i], the column gives up the room of its
				// short cells wider than t: its level is the widest
				// no wider than t.
				floor, level, cost := lo[i], lev[i], 0.0
				if t < lo[i]-eps {
					for level+1 < len(levels[i]) && levels[i][level] > t+eps {
						level++
					}
					floor = levels[i][level]
					cost = wrappedCost * b.weight * float64(b.wraps(i, floor)-b.wraps(i, lo[i]))
				}
				// set: the rows whose cells of column i are wider than
				// t; raised: those of them that take more lines.
				stamp++
				set, raised := buf[:0], rbuf[:0]
				for _, r := range order[i] {
					if cur[i][r] <= t+eps {
						break
					}
					k := h[r]
					for max(raw(r, i, k), floor) > t+eps {
						k++
					}
					try[r] = k
					set = append(set, r)
					if k > h[r] {
						cost += float64(k - h[r])
						mark[r] = stamp
						raised = append(raised, r)
					}
				}
				buf, rbuf = set, raised
				if cost <= 0 {
					continue
				}
				// The columns' widths with those rows raised: the
				// widest cell of the rows not raised, or of a raised
				// row at its new height; column i no wider than t.
				nw := floor
				if len(set) < rows {
					nw = max(nw, cur[i][order[i][len(set)]])
				}
				for _, r := range set {
					nw = max(nw, raw(r, i, try[r]))
				}
				for j := range n {
					if j == i {
						continue
					}
					w := lo[j]
					for _, r := range order[j] {
						if mark[r] != stamp {
							w = max(w, cur[j][r])
							break
						}
					}
					for _, r := range raised {
						w = max(w, raw(r, j, try[r]))
					}
					nw += w
				}
				gain := tw - nw
				if capped {
					gain = min(gain, excess)
				}
				rate := gain / cost
				if !found || rate > bestRate+eps || rate > bestRate-eps && cost < bestCost {
					found, bestRate, bestCost = true, rate, cost
					best.col, best.level = i, level
					best.rows = append(best.rows[:0], raised...)
					best.lines = best.lines[:0]
					for _, r := range raised {
						best.lines = append(best.lines, try[r])
					}
				}
			}
		}
		if !found {
			break // every column at its narrowest: cannot happen when bottom fits
		}
		if i := best.col; lev[i] != best.level {
			lev[i] = best.level
			lo[i] = levels[i][lev[i]]
		}
		for k, r := range best.rows {
			h[r] = best.lines[k]
		}
	}
	// A row that can lose a line and still fit loses it.
	for changed := true; changed; {
		changed = false
		for r := range rows {
			if h[r] <= least[r] {
				continue
			}
			nw := 0.0
			for j := range n {
				nw += max(cw[j], need(r, j, h[r]-1))
			}
			if nw <= width+eps {
				h[r]--
				for j := range n {
					cw[j] = max(cw[j], need(r, j, h[r]))
				}
				changed = true
			}
		}
	}
	// The room left unwraps what it can: step by step, the column that
	// gains the most per point is widened to a width at which some of its
	// cells take fewer lines or break at a better place (the rows keep
	// their heights or lose lines).
	type at struct {
		i int
		w float64
	}
	memo := map[at]int{}
	looks := func(i int, w float64) int {
		if v, ok := memo[at{i, w}]; ok {
			return v
		}
		v := b.columnLooks(i, w)
		memo[at{i, w}] = v
		return v
	}
	moves := make([][]float64, n)
	for i := range n {
		for r := range rows {
			moves[i] = append(moves[i], steps[r][i].moves...)
		}
		slices.Sort(moves[i])
		moves[i] = slices.Compact(moves[i])
	}
	for slack := width - sumOf(cw); slack > eps; {
		bi, bw, bestRate := -1, 0.0, 0.0
		for i := range n {
			base := looks(i, cw[i])
			for _, t := range moves[i] {
				if t <= cw[i]+eps || t-cw[i] > slack+eps {
					continue
				}
				gain := base - looks(i, t)
				if gain <= 0 {
					continue
				}
				if rate := float64(gain) / (t - cw[i]); bi < 0 || rate > bestRate+eps {
					bi, bw, bestRate = i, t, rate
				}
			}
		}
		if bi < 0 {
			break
		}
		slack -= bw - cw[bi]
		cw[bi] = bw
	}
	ws := slices.Clone(cw)
	// The room left goes to the wrapped columns.
	if slack := width - sumOf(ws); slack > 0 {
		lack := 0.0
		for i := range n {
			lack += max(maxs[i]-ws[i], 0)
		}
		for i := range n {
			if lack > 0 {
				ws[i] += slack * max(maxs[i]-ws[i], 0) / lack
			} else {
				ws[i] += slack / float64(n)
			}
		}
	}
	return ws
}

// maxTries bounds the widths below its present one that a step tries for
// a column of a table of up to a hundred rows, a longer one trying fewer
// (down to 4): the nearest, and its narrowest.
const maxTries = 24

// shortness says which cells of a row are short, kept unwrapped when the
// columns allow it: those with a number in them (a date, a count, a
// term) no longer than within, or, when any is set (a totals row), all
// those no longer than within.
type shortness struct {
	within float64
	any    bool
}

// cellSteps are the widths at which a cell's line count changes: w[j] is
// the narrowest width (padding included) at which it takes first+j lines
// or fewer; first is its lines at its unwrapped width.
type cellSteps struct {
	first int
	w     []float64
	// moves are the widths (padding included) at which its lines break
	// differently, widest first.
	moves []float64
}

// maxSteps bounds the line breakings stepsOf tries for one cell (a cell
// of many thousand characters); past it, the cell's steps end at lo.
const maxSteps = 64

// stepsOf returns the widths at which the cell t, natural wide unwrapped,
// takes more lines, from natural down to lo. It breaks the text at its
// unwrapped width, then just under the widest line each breaking leaves,
// until that is narrower than lo.
func stepsOf(c cellText, natural, pad, lo float64) cellSteps {
	t := c.t
	if len(t.rs) == 0 {
		return cellSteps{first: 1}
	}
	inner := func(w float64) float64 {
		if w-2*pad <= 0 {
			return w
		}
		return w - 2*pad
	}
	// Unwrapped, a cell takes a line, or one more for each newline.
	s := cellSteps{first: 1, w: []float64{natural + 2*pad}, moves: []float64{natural + 2*pad}}
	if slices.Contains(t.rs, '\n') {
		s.first = len(breakRun(t, natural, false))
	}
	add := func(lines int, w float64) {
		last := s.first + len(s.w) - 1
		if lines <= last {
			s.w[len(s.w)-1] = min(s.w[len(s.w)-1], w)
			return
		}
		for range lines - last - 1 {
			s.w = append(s.w, s.w[len(s.w)-1])
		}
		s.w = append(s.w, w)
	}
	floor := inner(lo)
	var room []brokenLine // the lines of each breaking, reused
	for k, used := 0, natural; ; k++ {
		next := used - 0.01
		if next < floor {
			break
		}
		if k == maxSteps {
			add(len(breakCell(c, floor)), lo)
			break
		}
		var bl []brokenLine
		if c.phrased {
			bl = breakCell(c, next)
		} else {
			bl = breakRunInto(room[:0], t, next, false)
		}
		used = widest(t, bl)
		add(len(bl), used+2*pad)
		s.moves = append(s.moves, used+2*pad)
		room = bl
	}
	return s
}

// hasDigit reports whether rs holds a decimal digit (a number, a date, a
// count), ASCII or fullwidth.
func hasDigit(rs []rune) bool {
	for _, r := range rs {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			return true
		}
	}
	return false
}

// cellLines returns the lines of cell c in a column w wide, as the
// table sets them.
func cellLines(c cellText, pad, w float64) int {
	if len(c.t.rs) == 0 {
		return 1
	}
	inner := w - 2*pad
	if inner <= 0 {
		inner = w
	}
	return len(breakCell(c, inner))
}

// widest returns the width of the widest of the lines, without the
// spaces and newlines that end them.
func widest(t run, lines []brokenLine) float64 {
	m := 0.0
	for _, l := range lines {
		end := l.end
		for end > l.start && (space(t.rs[end-1]) || t.rs[end-1] == '\n') {
			end--
		}
		w := 0.0
		for k := l.start; k < end; k++ {
			w += t.ws[k]
		}
		m = max(m, w)
	}
	return m
}
