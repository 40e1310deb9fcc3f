package layout

// PageBreak ends the current page: the next block starts at the top of a
// new one. On a page that holds nothing yet (the first page, or right
// after another break) it does nothing, so it never makes an empty page.
type PageBreak struct{}

func (PageBreak) isBlock() {}
