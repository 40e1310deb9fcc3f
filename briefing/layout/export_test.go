package layout

// TableLines returns the height in lines of table b set in a text width
// wide (the sum over its rows, the header's too, of the lines of the
// row's tallest cell): now with the columns balance chooses, before with
// those previousBalance chose.
func TableLines(b Table, m Metrics, width float64) (now, before int, err error) {
	l := &layouter{m: m, width: width}
	grid, short, _, err := l.tableGrid(b)
	if err != nil {
		return 0, 0, err
	}
	pad := b.Padding
	if pad <= 0 {
		pad = 0.4 * baseStyle(b.Text).Size
	}
	ws, p := tableColumns(grid, short, pad, width, balance)
	now = gridLines(grid, p, ws)
	ws, p = tableColumns(grid, short, pad, width, previous)
	before = gridLines(grid, p, ws)
	return now, before, nil
}
