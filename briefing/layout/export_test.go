package layout

// TableLines returns the height in lines of table b set in a text width
// wide (the sum over its rows, the header's too, of the lines of the
// row's tallest cell): now with the columns balance chooses, before with
// those previousBalance chose.
func TableLines(b Table, m Metrics, width float64) (now, before int, err error) {
	l := &layouter{m: m, width: width}
	g, err := l.tableGrid(b)
	if err != nil {
		return 0, 0, err
	}
	pad := b.Padding
	if pad <= 0 {
		pad = 0.4 * baseStyle(b.Text).Size
	}
	grid := g.all()
	ws, p := tableColumns(g, pad, width, balance)
	now = gridLines(grid, p, ws)
	ws, p = tableColumns(g, pad, width, previous)
	before = gridLines(grid, p, ws)
	return now, before, nil
}

// all returns the text of every row of g.
func (g *tableCells) all() [][]cellText {
	grid := make([][]cellText, len(g.size))
	for r := range grid {
		grid[r] = g.row(r)
	}
	return grid
}

// The test metrics, the golden flag and the random texts, for the tests
// of package layout_test.
var (
	FakeMetrics  Metrics = fakeMetrics{}
	InkMetrics   Metrics = inkMetrics{}
	FakeVariants Metrics = fakeVariants{}
	RandomText           = randomText
)

// Updating reports whether the tests rewrite their golden files (-update).
func Updating() bool { return *update }
