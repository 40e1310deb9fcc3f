package layout

import (
	"fmt"
	"slices"
)

// row is a row of cells (of a table or a key-value block) that can be
// split between lines when it is taller than a page.
type row struct {
	cells []cell
	pad   float64 // space above and below the cells' text
	x, w  float64 // horizontal extent, for the fill and the rule
	fill  *Color
	rule  *Line // drawn under the row; X and Y are set when placed
	head  []*unit
}

// cell is the text lines of a cell; their boxes are placed at their X.
type cell struct {
	lines []setLine
}

func (r *row) height() float64 {
	h := 0.0
	for _, c := range r.cells {
		ch := 0.0
		for _, l := range c.lines {
			ch += l.h
		}
		h = max(h, ch)
	}
	return h + 2*r.pad
}

// unit draws the row: fill, text, rule.
func (r *row) unit() *unit {
	h := r.height()
	u := &unit{h: h, row: r, head: r.head}
	if r.fill != nil {
		c := *r.fill
		u.boxes = append(u.boxes, Rect{X: r.x, Y: 0, W: r.w, H: h, Fill: &c})
	}
	for _, c := range r.cells {
		y := r.pad
		for _, l := range c.lines {
			for _, b := range l.boxes {
				u.boxes = append(u.boxes, shift(b, 0, y))
			}
			y += l.h
		}
	}
	if r.rule != nil {
		ln := *r.rule
		ln.X1, ln.X2, ln.Y1, ln.Y2 = r.x, r.x+r.w, h, h
		u.boxes = append(u.boxes, ln)
	}
	return u
}

// split cuts the row so that its first part is no taller than avail. It
// returns nil when not even one line of a cell fits.
func (r *row) split(avail float64) (first, rest *unit) {
	a, b := *r, *r
	a.cells = make([]cell, len(r.cells))
	b.cells = make([]cell, len(r.cells))
	took := false
	for i, c := range r.cells {
		y := r.pad
		k := 0
		for k < len(c.lines) && y+c.lines[k].h+r.pad <= avail+1e-6 {
			y += c.lines[k].h
			k++
		}
		if k > 0 {
			took = true
		}
		a.cells[i] = cell{lines: c.lines[:k]}
		b.cells[i] = cell{lines: c.lines[k:]}
	}
	if !took {
		return nil, nil
	}
	return a.unit(), b.unit()
}

// cellText is a measured cell before its column width is known.
type cellText struct {
	t run
}

func measureCell(t run) (minW, maxW float64) {
	minW = longestPiece(t.rs, t.ws)
	line := 0.0
	for i, r := range t.rs {
		if r == '\n' {
			maxW = max(maxW, line)
			line = 0
			continue
		}
		line += t.ws[i]
	}
	return minW, max(maxW, line)
}

// columnWidths fits the columns into width. When the text does not fit
// unwrapped, columns whose unwrapped width is no more than their share of
// the room keep it (short cells are not wrapped); the others get at least
// their narrowest width (their longest unbreakable piece) and the rest of
// the room in proportion to how much more they would need.
func columnWidths(mins, maxs []float64, width float64) []float64 {
	n := len(mins)
	ws := make([]float64, n)
	var smax float64
	for i := range mins {
		// A very long word (a URL) is broken rather than widening its
		// column beyond 40% of the table.
		mins[i] = min(mins[i], 0.4*width)
		maxs[i] = max(maxs[i], mins[i])
		smax += maxs[i]
	}
	if smax <= width {
		// Everything fits unwrapped: spread the rest in proportion to the
		// natural widths.
		extra := width - smax
		for i := range ws {
			ws[i] = maxs[i]
			if smax > 0 {
				ws[i] += extra * maxs[i] / smax
			} else {
				ws[i] += extra / float64(n)
			}
		}
		return ws
	}
	fixed := make([]bool, n)
	room, left := width, n
	for changed := true; changed && left > 0; {
		changed = false
		share := room / float64(left)
		for i := range ws {
			if !fixed[i] && maxs[i] <= share {
				fixed[i], ws[i] = true, maxs[i]
				room -= maxs[i]
				left--
				changed = true
			}
		}
	}
	var smin, sfree float64
	for i := range ws {
		if !fixed[i] {
			smin += mins[i]
			sfree += maxs[i]
		}
	}
	for i := range ws {
		if fixed[i] {
			continue
		}
		switch {
		case smin >= room || sfree-smin <= 0:
			ws[i] = room * mins[i] / smin
		default:
			ws[i] = mins[i] + (room-smin)*(maxs[i]-mins[i])/(sfree-smin)
		}
	}
	return ws
}

func sumOf(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// balance chooses column widths for a table whose text does not fit
// unwrapped but whose columns fit at their narrowest (mins, maxs as
// columnWidths leaves them, padding included), so that the table is as
// short as it can be. Starting from every column at its unwrapped width,
// it narrows step by step the column that costs the fewest lines per
// point it gives up — to the width of one of its cells, its narrowest, or
// just as much as the table still has to lose — until the table fits.
// Lines are counted as the height of each row, a line more for a cell
// whose last line is a runt, and the lines each cell wraps onto: three
// lines for a short cell (a date, a count), a little for a long one. So a
// column of long names gives up its room first, a column of dates or
// counts last.
func balance(grid [][]cellText, pad float64, mins, maxs []float64, width float64) []float64 {
	n := len(mins)
	ws := slices.Clone(maxs)
	// natural[r][i] is the unwrapped width of cell (r, i), measured once.
	natural := make([][]float64, len(grid))
	for r, cells := range grid {
		natural[r] = make([]float64, len(cells))
		for i, c := range cells {
			_, natural[r][i] = measureCell(c.t)
		}
	}
	// cand[i] are the widths column i may narrow to: those of its cells
	// (unwrapped) and its narrowest, descending.
	cand := make([][]float64, n)
	for i := range n {
		cand[i] = append(cand[i], mins[i])
		for r := range grid {
			if w := natural[r][i] + 2*pad; w > mins[i] && w < maxs[i] && !slices.Contains(cand[i], w) {
				cand[i] = append(cand[i], w)
			}
		}
		slices.Sort(cand[i])
		slices.Reverse(cand[i])
	}
	// column returns the lines of column i's cells at width w, a negative
	// count marking a runt: a wrapped cell whose last line holds under a
	// quarter of the line (2024年2月29 / 日, Cloud / Plus).
	type key struct {
		i int
		w float64
	}
	memo := map[key][]int{}
	column := func(i int, w float64) []int {
		if ls, ok := memo[key{i, w}]; ok {
			return ls
		}
		ls := make([]int, len(grid))
		for r := range grid {
			c := grid[r][i].t
			if len(c.rs) == 0 || natural[r][i]+2*pad <= w+1e-6 {
				ls[r] = 1
				continue
			}
			inner := w - 2*pad
			if inner <= 0 {
				inner = w
			}
			bl := breakLines(c.rs, c.ws, inner)
			ls[r] = len(bl)
			if last := bl[len(bl)-1]; len(bl) > 1 {
				lw := 0.0
				for k := last.start; k < last.end; k++ {
					lw += c.ws[k]
				}
				if lw < inner/4 {
					ls[r] = -len(bl)
				}
			}
		}
		memo[key{i, w}] = ls
		return ls
	}
	lines := make([][]int, n)
	for i := range n {
		lines[i] = column(i, ws[i])
	}
	// weight[i][r] is the cost of each line cell (r, i) wraps onto: for a
	// short cell (a fifth of the table or less: a date, a count, a name)
	// as much as three lines of the table's height — 29 February / 2024
	// reads worse than a table a line or two taller —, for a longer one a
	// little, the more the shorter it is.
	weight := make([][]float64, n)
	for i := range n {
		weight[i] = make([]float64, len(grid))
		for r := range grid {
			if natural[r][i] <= width/5 {
				weight[i][r] = 3
			} else {
				weight[i][r] = 0.001 * min(width/max(natural[r][i], 1), 20)
			}
		}
	}
	// cost is the table's height in lines, a line more for each runt,
	// and a little for each line a cell wraps onto.
	cost := func(col int, alt []int) float64 {
		total := 0.0
		for r := range grid {
			h := 0
			for i := range n {
				k := lines[i][r]
				if i == col {
					k = alt[r]
				}
				if k < 0 {
					k = -k
					total++
				}
				h = max(h, k)
				total += float64(k-1) * weight[i][r]
			}
			total += float64(h)
		}
		return total
	}
	for excess := sumOf(ws) - width; excess > 1e-6; {
		base := cost(-1, nil)
		best, bestW, bestRate := -1, 0.0, 0.0
		var bestLines []int
		for i := range n {
			for _, w := range cand[i] {
				if w >= ws[i]-1e-9 {
					continue
				}
				// Never narrower than the table needs.
				w = max(w, ws[i]-excess)
				ls := column(i, w)
				rate := (cost(i, ls) - base) / (ws[i] - w)
				if best < 0 || rate < bestRate-1e-12 {
					best, bestW, bestRate, bestLines = i, w, rate, ls
				}
			}
		}
		if best < 0 {
			break // every column at its narrowest: cannot happen when the mins fit
		}
		excess -= ws[best] - bestW
		ws[best] = bestW
		lines[best] = bestLines
	}
	return ws
}

func (l *layouter) table(b Table) ([]*unit, error) {
	n := len(b.Columns)
	if n == 0 {
		return nil, fmt.Errorf("table without columns")
	}
	base := baseStyle(b.Text)
	lead := leadingOf(b.Text)
	pad := b.Padding
	if pad <= 0 {
		pad = 0.4 * base.Size
	}
	headStyle := resolve(b.HeaderStyle, base)
	emph := base
	emph.Face = Bold
	grid := make([][]cellText, 0, len(b.Rows)+1)
	hasHeader := false
	header := make([]cellText, n)
	for i, c := range b.Columns {
		header[i].t = flatten(c.Header, headStyle, l.m, &l.miss)
		if len(header[i].t.rs) > 0 {
			hasHeader = true
		}
	}
	if hasHeader {
		grid = append(grid, header)
	}
	for ri, r := range b.Rows {
		if len(r.Cells) > n {
			return nil, fmt.Errorf("table row %d has %d cells for %d columns", ri+1, len(r.Cells), n)
		}
		st := base
		if r.Emphasis {
			st = emph
		}
		cells := make([]cellText, n)
		for ci := range n {
			var spans []Span
			if ci < len(r.Cells) {
				spans = r.Cells[ci]
				if r.Emphasis {
					spans = bolden(spans)
				}
			}
			cells[ci].t = flatten(spans, st, l.m, &l.miss)
		}
		grid = append(grid, cells)
	}
	mins, maxs := make([]float64, n), make([]float64, n)
	for _, cells := range grid {
		for ci, c := range cells {
			mn, mx := measureCell(c.t)
			mins[ci] = max(mins[ci], mn+2*pad)
			maxs[ci] = max(maxs[ci], mx+2*pad)
		}
	}
	// A table a few points too wide to fit unwrapped is set with its
	// cells' padding reduced (by at most half) rather than wrap a cell
	// for the sake of a few points.
	if over := sumOf(maxs) - l.width; over > 0 && over <= float64(n)*pad {
		cut := over / float64(2*n)
		pad -= cut
		for i := range mins {
			mins[i] -= 2 * cut
			maxs[i] -= 2 * cut
		}
	}
	ws := columnWidths(mins, maxs, l.width)
	if sumOf(maxs) > l.width && sumOf(mins) < l.width {
		ws = balance(grid, pad, mins, maxs, l.width)
	}
	xs := make([]float64, n+1)
	xs[0] = l.x
	for i, w := range ws {
		xs[i+1] = xs[i] + w
	}
	mkRow := func(cells []cellText, align bool) *row {
		r := &row{pad: pad, x: l.x, w: l.width}
		for ci, c := range cells {
			al := Left
			if align {
				al = b.Columns[ci].Align
			}
			w := ws[ci] - 2*pad
			if w <= 0 {
				w = ws[ci]
			}
			lines := setText(c.t, setting{x: xs[ci] + pad, width: w, leading: lead, align: al})
			r.cells = append(r.cells, cell{lines: lines})
		}
		if len(r.cells) > 0 && r.height() == 2*pad {
			r.cells[0].lines = []setLine{{h: lead * base.Size}}
		}
		return r
	}
	var out []*unit
	var head []*unit
	rule := Line{Color: b.RuleColor, Width: 0.4}
	if hasHeader {
		hr := mkRow(header, true)
		if b.HeaderFill != (Color{}) {
			c := b.HeaderFill
			hr.fill = &c
		}
		hr.rule = &Line{Color: b.RuleColor, Width: 0.75}
		hu := hr.unit()
		// A rule above the header.
		hu.boxes = append(hu.boxes, Line{X1: l.x, Y1: 0, X2: l.x + l.width, Y2: 0, Color: b.RuleColor, Width: 0.75})
		hu.row = nil
		hu.keep = true
		head = []*unit{hu}
		out = append(out, hu)
		grid = grid[1:]
	}
	for ri, cells := range grid {
		r := mkRow(cells, true)
		r.head = head
		rl := rule
		if ri == len(grid)-1 {
			rl.Width = 0.75
		}
		r.rule = &rl
		if b.Rows[ri].Emphasis {
			c := b.EmphasisFill
			if c == (Color{}) {
				c = Color{0xEE, 0xEE, 0xEE}
			}
			r.fill = &c
		}
		u := r.unit()
		// The last row (often a totals line) never stands alone on a
		// page: it goes with the row before it.
		u.keep = ri == len(grid)-2 || ri == len(grid)-1 && b.KeepWithNext
		out = append(out, u)
	}
	return append(out, spaceUnits(b.SpaceAfter)...), nil
}

// bolden returns the spans set in the bold face.
func bolden(spans []Span) []Span {
	out := make([]Span, len(spans))
	for i, s := range spans {
		if s.Style != (Style{}) {
			s.Style.Face = Bold
		}
		out[i] = s
	}
	return out
}

func (l *layouter) keyValue(b KeyValue) ([]*unit, error) {
	base := baseStyle(b.Text)
	lead := leadingOf(b.Text)
	keyStyle := b.KeyStyle
	if keyStyle == (Style{}) {
		keyStyle = base
		keyStyle.Face = Bold
	}
	keyStyle = resolve(keyStyle, base)
	keys := make([]run, len(b.Rows))
	kw := 0.0
	for i, r := range b.Rows {
		keys[i] = flatten(r.Key, keyStyle, l.m, &l.miss)
		_, mx := measureCell(keys[i])
		kw = max(kw, mx)
	}
	// Up to 40% of the width: a range of dates ("December 2023 – January
	// 2024") is not wrapped.
	kw = min(kw, 0.4*l.width)
	gap := base.Size
	vx, vw := l.x+kw+gap, l.width-kw-gap
	var out []*unit
	for i, r := range b.Rows {
		v := flatten(r.Value, base, l.m, &l.miss)
		rw := &row{x: l.x, w: l.width, pad: 0.1 * base.Size}
		rw.cells = []cell{
			{lines: setText(keys[i], setting{x: l.x, width: kw, leading: lead})},
			{lines: setText(v, setting{x: vx, width: vw, leading: lead, justify: b.Breaking == Japanese})},
		}
		if rw.height() == 2*rw.pad {
			rw.cells[0].lines = []setLine{{h: lead * base.Size}}
		}
		out = append(out, rw.unit())
	}
	return append(out, spaceUnits(b.SpaceAfter)...), nil
}
