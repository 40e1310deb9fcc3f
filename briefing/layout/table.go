package layout

import (
	"fmt"
	"math"
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
// elem is the cell's element (TH, TD).
type cell struct {
	lines []setLine
	elem  *Elem
}

func (r *row) height() float64 { return r.heightUpTo(math.Inf(1)) }

// heightUpTo is height, but a cell's lines are summed only until they are
// taller than limit: the result is exact when it is no more than limit.
func (r *row) heightUpTo(limit float64) float64 {
	h := 0.0
	for _, c := range r.cells {
		ch := 0.0
		for _, l := range c.lines {
			if ch > limit {
				break
			}
			ch += l.h
		}
		h = max(h, ch)
	}
	return h + 2*r.pad
}

// unit returns the unit of the row, h high, whose boxes (fill, text,
// rule: see draw) are drawn when it is placed (see paginator.place): its
// own boxes are those drawn after them (a quote's rule).
func (r *row) unit() *unit {
	// Sure of its glyphs when every line of text is (see unit.sure);
	// a line without boxes (a blank line, an empty cell) draws none.
	u := &unit{h: r.height(), row: r, head: r.head, sure: true}
	for _, c := range r.cells {
		for _, l := range c.lines {
			u.sure = u.sure && (l.sure || len(l.boxes) == 0)
		}
	}
	return u
}

// draw hands put the boxes of the row, h high: its fill, its cells'
// text, its rule, at the row's top. Its cells' text boxes come with moved
// set and dy, where their line stands in its cell (to be moved down by it
// first); the others stand where the row's top is 0.
func (r *row) draw(h float64, put func(b Box, dy float64, moved bool)) {
	if r.fill != nil {
		c := *r.fill
		put(Rect{X: r.x, Y: 0, W: r.w, H: h, Fill: &c}, 0, false)
	}
	for _, c := range r.cells {
		dy := r.pad
		if c.elem != nil {
			// Every cell in the order of the row; an empty one with an
			// empty text, which draws nothing, so that it still stands
			// in the structure.
			put(Tag{Elem: c.elem}, 0, false)
			if len(c.lines) == 0 {
				put(TextBox{X: r.x, Y: r.pad}, 0, false)
			}
		}
		for _, l := range c.lines {
			for _, b := range l.boxes {
				put(b, dy, true)
			}
			dy += l.h
		}
	}
	if r.rule != nil {
		ln := *r.rule
		ln.X1, ln.X2, ln.Y1, ln.Y2 = r.x, r.x+r.w, h, h
		put(ln, 0, false)
	}
}

// drawn returns the unit of the row with its boxes drawn (a table's
// header, drawn again on every page the table continues on).
func (r *row) drawn() *unit {
	u := r.unit()
	r.draw(u.h, func(b Box, dy float64, moved bool) {
		if moved {
			b = shift(b, 0, dy)
		}
		u.boxes = append(u.boxes, b)
	})
	u.row = nil
	return u
}

// glyphs looks up, as checkGlyphs does, the glyphs of the text of the
// row's cells.
func (r *row) glyphs(m Metrics) error {
	for _, c := range r.cells {
		for _, l := range c.lines {
			if err := checkGlyphs(Page{Boxes: l.boxes}, m); err != nil {
				return err
			}
		}
	}
	return nil
}

// split cuts the row so that its first part is no taller than avail. It
// returns nil when not even one line of a cell fits. The rest is drawn
// when it is placed (see unit.rest), its height exact when no more than
// full (a page): a row of a thousand pages is split in time linear in its
// lines, not quadratic.
func (r *row) split(avail, full float64) (first, rest *unit) {
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
		a.cells[i] = cell{lines: c.lines[:k], elem: c.elem}
		b.cells[i] = cell{lines: c.lines[k:], elem: c.elem}
	}
	if !took {
		return nil, nil
	}
	return a.unit(), &unit{h: b.heightUpTo(full), row: &b, head: b.head, rest: true}
}

// cellText is a measured cell before its column width is known. A
// phrased cell (a header of Japanese text, a short cell of it: see
// wordy) breaks between phrases, as a heading does, when its column
// holds each of its words (see breakCell).
type cellText struct {
	t       run
	phrased bool
}

// breakCell returns the lines of cell c in a column inner wide, its
// padding left out, as the table sets them: a phrased cell between
// phrases (see breakPhrases) when each of its words fits, else first
// fit with no stub last line (see avoidStub).
func breakCell(c cellText, inner float64) []brokenLine {
	if c.phrased {
		if lines := breakPhrases(c.t, inner); lines != nil {
			return lines
		}
	}
	return avoidStub(c.t, breakRun(c.t, inner, false), inner)
}

// wordy reports whether the words of cell t are kept whole, and the
// cell broken between phrases (see phrased), when its column allows:
// a cell of Japanese text no wider unwrapped than within (a header, a
// severity, a country, a short name), where JLReq lets a line break
// between any two characters (重要 / 度, ペー / ジ) but a reader reads
// a word; Latin words are kept whole anyway (see longestPiece).
func wordy(t run, within float64) bool {
	if within <= 0 || !anyWide(t.rs) {
		return false
	}
	if math.IsInf(within, 1) {
		return true
	}
	line, natural := 0.0, 0.0
	for i, r := range t.rs {
		if r == '\n' {
			line = 0
			continue
		}
		line += t.ws[i]
		natural = max(natural, line)
	}
	return natural <= within
}

func measureCell(t run) (minW, maxW float64) {
	minW = longestPiece(t)
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

// capLong returns the columns' least and unwrapped widths with no least
// width over 40% of the table: a very long word (a URL, a hash) is cut
// rather than widen its column beyond that.
func capLong(mins, maxs []float64, width float64) (cmins, cmaxs []float64) {
	cmins, cmaxs = make([]float64, len(mins)), make([]float64, len(maxs))
	for i := range mins {
		cmins[i] = min(mins[i], 0.4*width)
		cmaxs[i] = max(maxs[i], cmins[i])
	}
	return cmins, cmaxs
}

// columnWidths fits the columns into width. When the text does not fit
// unwrapped, columns whose unwrapped width is no more than their share of
// the room keep it (short cells are not wrapped); the others get at least
// their narrowest width (their longest unbreakable piece, mins, as capLong
// leaves it) and the rest of the room in proportion to how much more they
// would need.
func columnWidths(mins, maxs []float64, width float64) []float64 {
	n := len(mins)
	ws := make([]float64, n)
	smax := sumOf(maxs)
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

// giveUp narrows the columns whose longest words are long (long[i]:
// wider than a fifth of the table), which a crowded table must cut
// anyway, down to an eighth of the table, so that the others (numbers, dates, short words) keep their
// widths ws and are never cut: the room the table lacks is taken from the
// long columns in proportion to how far each is wider than an eighth. It
// reports false when they cannot give it all.
func giveUp(ws []float64, long []bool, width float64) ([]float64, bool) {
	out := slices.Clone(ws)
	floor := width / 8
	lack := sumOf(ws) - width + 0.01 // a little under: balance then places them
	spare := 0.0
	for i, w := range ws {
		if long[i] {
			spare += max(w-floor, 0)
		}
	}
	if spare < lack {
		return out, false
	}
	for i, w := range ws {
		if long[i] {
			out[i] = w - lack*max(w-floor, 0)/spare
		}
	}
	return out, true
}

// tableColumns returns the widths of the columns of table g within
// width, and the padding of the cells, reduced when that keeps a table a
// few points too wide from wrapping. Columns that do not fit unwrapped
// are set by bal (balance).
func tableColumns(g *tableCells, pad, width float64,
	bal func(g *tableCells, pad float64, mins, maxs []float64, width float64) []float64) ([]float64, float64) {
	n := 0
	if len(g.size) > 0 {
		n = len(g.size[0])
	}
	mins, maxs := make([]float64, n), make([]float64, n)
	for _, cells := range g.size {
		for ci, c := range cells {
			mins[ci] = max(mins[ci], c.least+2*pad)
			maxs[ci] = max(maxs[ci], c.natural+2*pad)
		}
	}
	// A table a few points too wide to fit unwrapped is set with its
	// cells' padding reduced (by at most half) rather than wrap a cell
	// for the sake of a few points.
	if over := sumOf(maxs) - width; over > 0 && over <= float64(n)*pad {
		cut := over / float64(2*n)
		pad -= cut
		for i := range mins {
			mins[i] -= 2 * cut
			maxs[i] -= 2 * cut
		}
	}
	if sumOf(mins) > width {
		// Columns of short words keep room for their short cells too
		// (a date, a count), unwrapped, for their dates and numbers
		// with their words (see longestPhrase) and for their words (a
		// header's, a short cell's: see wordy), when the long ones can
		// give it.
		short := g.short
		want := slices.Clone(mins)
		for r, cells := range g.size {
			for i, c := range cells {
				if mins[i] > width/5 {
					continue
				}
				want[i] = max(want[i], min(c.phrase+2*pad, maxs[i]))
				if c.word > 0 && c.word <= width/5 {
					want[i] = max(want[i], min(c.word+2*pad, maxs[i]))
				}
				if r >= len(short) {
					continue
				}
				if w := c.natural; w+2*pad <= short[r].within && (short[r].any || c.digit) {
					want[i] = max(want[i], min(w+2*pad, maxs[i]))
				}
			}
		}
		long := make([]bool, len(mins))
		for i, m := range mins {
			long[i] = m > width/5
		}
		if sumOf(mins) > width {
			if g, ok := giveUp(want, long, width); ok {
				mins = g
			} else if g, ok := giveUp(mins, long, width); ok {
				mins = g
			}
		}
	}
	mins, maxs = capLong(mins, maxs, width)
	ws := columnWidths(mins, maxs, width)
	if sumOf(maxs) > width && sumOf(mins) < width {
		ws = bal(g, pad, mins, maxs, width)
	}
	return ws, pad
}

// cellSize is what the columns of a table are chosen from for one of its
// cells, measured once: its longest piece no line breaks (least, see
// longestPiece), its width unwrapped (natural: its widest line), its
// longest date or number with its words (phrase, see longestPhrase), its
// widest word when its words are kept (word, see wordy and longestWord;
// else 0), the width at which a short cell takes two lines a line of its
// own when it is short or its widest line a phrase (half, see halfWidth;
// else 0), in points without padding, and
// whether it holds a digit (see hasDigit).
type cellSize struct {
	least, natural, phrase, word, half float64
	digit                              bool
}

// sizeOf measures cell c of a row whose short cells are s.
func sizeOf(c cellText, s shortness) cellSize {
	least, natural := measureCell(c.t)
	z := cellSize{least: least, natural: natural, phrase: longestPhrase(c.t), digit: hasDigit(c.t.rs)}
	if c.phrased {
		z.word = longestWord(c.t)
	}
	// A short cell, or one whose widest line is a date or number with
	// its words (Updated / 27 November 2026).
	if natural <= s.within && (s.any || z.digit) || z.phrase > 0 && z.phrase >= natural-1e-9 {
		z.half = halfWidth(c.t)
	}
	return z
}

// halfWidth returns the narrowest width, in points, at which each line
// of t (between its newlines) takes two lines at most: a date broken
// once (27 November / 2026), never a word a line.
func halfWidth(t run) float64 {
	cum := t.widths()
	// w is the width of [i, j) without the spaces and newline ending it.
	w := func(i, j int) float64 {
		for j > i && (space(t.rs[j-1]) || t.rs[j-1] == '\n') {
			j--
		}
		if j <= i {
			return 0
		}
		return cum[j] - cum[i] - t.tail(j-1)
	}
	half, start := 0.0, 0
	for end := 1; end <= len(t.rs); end++ {
		if end < len(t.rs) && t.rs[end-1] != '\n' {
			continue
		}
		best := w(start, end)
		for k := start + 1; k < end; k++ {
			if t.opp(k) {
				best = min(best, max(w(start, k), w(k, end)))
			}
		}
		half = max(half, best)
		start = end
	}
	return half
}

// tableCells are the cells of a table, its header (when a column has
// one) first: the size of every cell and which are short, row by row,
// and the cells' text, which row gives. The text of a table of up to
// keepRows rows is kept; that of a longer one is flattened again each
// time a row is asked for (the balancer weighs a sample of the rows,
// and each is set once), so that a table of 50,000 rows does not hold
// its every cell measured (some 400 bytes a cell) until it is set.
type tableCells struct {
	size   [][]cellSize
	short  []shortness
	header bool
	kept   [][]cellText // nil for a long table
	flat   func(r int) []cellText
}

// keepRows is the most rows, the header's included, of a table whose
// cells' text is kept while its columns are chosen (see tableCells).
var keepRows = maxRows

// row returns the text of row r (0 is the header when there is one).
func (g *tableCells) row(r int) []cellText {
	if g.kept != nil {
		return g.kept[r]
	}
	return g.flat(r)
}

// tableGrid measures the cells of table b, its header (when a column has
// one) first, and says which are short.
func (l *layouter) tableGrid(b Table) (*tableCells, error) {
	n := len(b.Columns)
	for ri, r := range b.Rows {
		if len(r.Cells) > n {
			return nil, fmt.Errorf("table row %d has %d cells for %d columns", ri+1, len(r.Cells), n)
		}
	}
	base := baseStyle(b.Text)
	headStyle := resolve(b.HeaderStyle, base)
	emph := base
	emph.Face = Bold
	g := &tableCells{}
	header := make([]cellText, n)
	for i, c := range b.Columns {
		header[i].t = l.flattenKept(c.Header, headStyle)
		// A header's words are kept whatever its length: it names its
		// column (重要度, ページ).
		header[i].phrased = wordy(header[i].t, math.Inf(1))
		if len(header[i].t.rs) > 0 {
			g.header = true
		}
	}
	// shortness of row ri (see short below).
	shortOf := func(ri int) shortness {
		if b.Rows[ri].Emphasis {
			return shortness{within: 0.4 * l.width, any: true}
		}
		return shortness{within: 0.2 * l.width}
	}
	// text flattens the cells of b.Rows[ri].
	text := func(ri int) []cellText {
		r := b.Rows[ri]
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
			cells[ci].t = l.flattenKept(spans, st)
			cells[ci].phrased = wordy(cells[ci].t, shortOf(ri).within)
		}
		return cells
	}
	rows := len(b.Rows)
	if g.header {
		rows++
	}
	keep := rows <= keepRows
	if keep {
		g.kept = make([][]cellText, 0, rows)
	}
	g.size, g.short = make([][]cellSize, 0, rows), make([]shortness, 0, rows)
	sizes := make([]cellSize, rows*n)
	add := func(cells []cellText, s shortness) {
		sz := sizes[:n:n]
		sizes = sizes[n:]
		for i, c := range cells {
			sz[i] = sizeOf(c, s)
		}
		g.size, g.short = append(g.size, sz), append(g.short, s)
		if keep {
			g.kept = append(g.kept, cells)
		}
	}
	// short[r] says which cells of row r are kept unwrapped when the
	// columns allow it: a number, a date, a count up to a fifth of the
	// width; in an Emphasis row (the totals) any cell up to two fifths;
	// none in the header.
	if g.header {
		add(header, shortness{})
	}
	for ri := range b.Rows {
		add(text(ri), shortOf(ri))
	}
	g.flat = func(r int) []cellText {
		if g.header {
			if r == 0 {
				return header
			}
			r--
		}
		return text(r)
	}
	return g, nil
}

// streamRows is how many rows of a table at the top level are set
// before they are handed to the paginator (see layouter.sink).
const streamRows = 64

// rowLeading is the most leading a table's lines take, a fraction of
// the text's size.
const rowLeading = 1.5

func (l *layouter) table(b Table) ([]*unit, error) {
	n := len(b.Columns)
	if n == 0 {
		return nil, fmt.Errorf("table without columns")
	}
	base := baseStyle(b.Text)
	// A row is about one and a half times the text's size a line, with
	// even padding above and below (0.3 em), whatever the text's own
	// leading: a table reads row by row, not as running text.
	lead := min(leadingOf(b.Text), rowLeading)
	pad := b.Padding
	if pad <= 0 {
		pad = 0.4 * base.Size
	}
	vpad := min(pad, 0.3*base.Size)
	g, err := l.tableGrid(b)
	if err != nil {
		return nil, err
	}
	ws, pad := tableColumns(g, pad, l.width, balance)
	rows := len(g.size)
	g.size = nil // the widths are chosen
	xs := make([]float64, n+1)
	xs[0] = l.x
	for i, w := range ws {
		xs[i+1] = xs[i] + w
	}
	tbl := l.elem("Table", b.Lang)
	mkRow := func(cells []cellText, align bool, head bool) *row {
		r := &row{pad: vpad, x: l.x, w: l.width}
		tr := &Elem{Role: "TR", Parent: tbl}
		for ci, c := range cells {
			al := Left
			if align {
				al = b.Columns[ci].Align
			}
			w := ws[ci] - 2*pad
			if w <= 0 {
				w = ws[ci]
			}
			e := &Elem{Role: "TD", Parent: tr}
			if head {
				e.Role, e.Scope = "TH", "Column"
			}
			c.t.elems = inlines(c.t.spans, e)
			lines := setText(c.t, setting{x: xs[ci] + pad, width: w, leading: lead, align: al, elem: e, cell: true, phrases: c.phrased, scr: &l.scr})
			r.cells = append(r.cells, cell{lines: lines, elem: e})
		}
		if len(r.cells) > 0 && r.height() == 2*vpad {
			r.cells[0].lines = []setLine{{h: lead * base.Size}}
		}
		return r
	}
	var out []*unit
	var head []*unit
	rule := Line{Color: b.RuleColor, Width: 0.4}
	first := 0 // the first row of the body
	if g.header {
		hr := mkRow(g.row(0), true, true)
		if b.HeaderFill != (Color{}) {
			c := b.HeaderFill
			hr.fill = &c
		}
		hr.rule = &Line{Color: b.RuleColor, Width: 0.75}
		hu := hr.drawn()
		// A rule above the header.
		hu.boxes = append(hu.boxes, Line{X1: l.x, Y1: 0, X2: l.x + l.width, Y2: 0, Color: b.RuleColor, Width: 0.75})
		hu.keep = true
		head = []*unit{hu}
		out = append(out, hu)
		first = 1
	}
	body := rows - first
	for ri := range body {
		if len(out) >= streamRows && l.sink != nil && l.nested == 0 {
			// A long table at the top level goes to the paginator as
			// its rows are set, not all at the end.
			if err := l.sink(out); err != nil {
				return nil, err
			}
			out = nil
		}
		r := mkRow(g.row(first+ri), true, false)
		if g.kept != nil {
			g.kept[first+ri] = nil // its runs are set: let them go
		}
		r.head = head
		rl := rule
		if ri == body-1 {
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
		if l.drop && g.kept == nil && l.sink != nil && l.nested == 0 {
			b.Rows[ri] = Row{} // set, and not flattened again: let it go
		}
		u := r.unit()
		// The last row (often a totals line) never stands alone on a
		// page: it goes with the row before it.
		u.keep = ri == body-2 || ri == body-1 && b.KeepWithNext
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
		keys[i] = l.flattenKept(r.Key, keyStyle)
		_, mx := measureCell(keys[i])
		kw = max(kw, mx)
	}
	// Up to 40% of the width: a range of dates ("December 2023 – January
	// 2024") is not wrapped.
	kw = min(kw, 0.4*l.width)
	gap := base.Size
	vx, vw := l.x+kw+gap, l.width-kw-gap
	// A table of two columns whose keys head their rows.
	tbl := l.elem("Table", b.Lang)
	var out []*unit
	for i, r := range b.Rows {
		tr := &Elem{Role: "TR", Parent: tbl}
		th := &Elem{Role: "TH", Parent: tr, Scope: "Row"}
		td := &Elem{Role: "TD", Parent: tr}
		v := flattenIn(&l.scr.text, r.Value, base, l.m, &l.miss)
		v.elems = inlines(r.Value, td)
		k := keys[i]
		k.elems = inlines(r.Key, th)
		rw := &row{x: l.x, w: l.width, pad: 0.1 * base.Size}
		rw.cells = []cell{
			{lines: setText(k, setting{x: l.x, width: kw, leading: lead, elem: th, cell: true, scr: &l.scr}), elem: th},
			{lines: setText(v, setting{x: vx, width: vw, leading: lead, justify: b.Breaking == Japanese, elem: td}), elem: td},
		}
		if rw.height() == 2*rw.pad {
			rw.cells[0].lines = []setLine{{h: lead * base.Size}}
		}
		out = append(out, rw.unit())
		if len(r.Blocks) > 0 {
			more, err := l.inside(td, vx, vw, r.Blocks)
			if err != nil {
				return nil, err
			}
			out = append(out, more...)
		}
	}
	return append(out, spaceUnits(b.SpaceAfter)...), nil
}
