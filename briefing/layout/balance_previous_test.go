package layout

import "slices"

// previousBalance is the column balancing that balance replaced, kept to
// test that the tables balance sets are never taller than it set them.
func previousBalance(grid [][]cellText, pad float64, mins, maxs []float64, width float64) []float64 {
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

// previous is previousBalance with balance's arguments.
func previous(g *tableCells, pad float64, mins, maxs []float64, width float64) []float64 {
	return previousBalance(g.all(), pad, mins, maxs, width)
}

// gridLines returns the height in lines of the table of cells grid with
// columns ws wide: the sum over its rows of their tallest cell's lines.
func gridLines(grid [][]cellText, pad float64, ws []float64) int {
	total := 0
	for _, cells := range grid {
		h := 0
		for i, c := range cells {
			h = max(h, cellLines(c, pad, ws[i]))
		}
		total += h
	}
	return total
}
