package batch

import (
	"fmt"
	"io"
	"strings"
)

// Progress draws a progress bar on a terminal: done / total and failures,
// redrawn in place. Use it only when the writer is a terminal.
type Progress struct {
	w     io.Writer
	total int
}

// NewProgress returns a progress bar for total files written to w.
func NewProgress(w io.Writer, total int) *Progress { return &Progress{w: w, total: total} }

// Update redraws the bar after n files, failed of them failed.
func (p *Progress) Update(n, failed int) {
	const width = 30
	filled := 0
	if p.total > 0 {
		filled = width * n / p.total
	}
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), n, p.total)
	if failed > 0 {
		fmt.Fprintf(p.w, ", %d failed", failed)
	}
}

// Clear erases the bar so that the summary line starts clean.
func (p *Progress) Clear() {
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 60))
}
