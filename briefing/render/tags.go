package render

import (
	"slices"
	"strconv"
	"strings"

	"briefing/briefing/layout"
)

// Tagged PDF (ISO 32000-1, 14.8; PDF/UA-1, ISO 14289-1): every box a page
// draws is either in a marked-content sequence of its structure element
// (/P <</MCID 3>> BDC … EMC) or in an artifact (/Artifact BMC … EMC),
// as [layout.Page].Elems says. Consecutive boxes of one element share a
// sequence, so a paragraph of many lines is one MCID per page, not one per
// glyph or line; but a box after an /ActualText span starts a new one
// (poppler ends the outer sequence at the span's EMC). Shapes are artifacts unless they draw a Figure.
//
// The structure tree is StructTreeRoot → Document → the elements of the
// pages, each element's kids in the order they are first drawn: its
// marked-content sequences (an MCID, or an MCR on another page than its
// /Pg), its child elements and, for a Link, the link annotations (OBJR).
// The parent tree maps each page's MCIDs (key: the page's
// /StructParents, its index) and each annotation (key: its /StructParent,
// after the pages') back to their elements, in one flat /Nums array.

// tree is the structure tree built while the pages are drawn.
type tree struct {
	nodes []node // by index; kids and parents refer to them by index
	index map[*layout.Elem]int
	top   []int   // the Document's children
	mcids [][]int // per page, the node of each MCID
	links []link  // annotations of Link elements, in order
	// page is the page being drawn, seq counts the kids and elements
	// made (see reorder).
	page, seq int
}

// node is an element of the tree.
type node struct {
	e      *layout.Elem
	parent int // -1: the Document
	kids   []kid
	page   int    // the page of its first marked content, -1
	more   *extra // a Link's or a Figure's, else nil
	born   [2]int // the page it was first seen on, and seq then
}

// extra is what the tree keeps of a Link (its text, for its
// annotations' /Contents) and of a Figure: its extent on its first page,
// PDF coordinates, of its shapes and pictures (bbox[0]), else of its
// texts (bbox[1]).
type extra struct {
	text    strings.Builder
	bbox    [2]rect
	boxPage int
}

// extra returns n's extra, made on first use.
func (n *node) extra() *extra {
	if n.more == nil {
		n.more = &extra{}
	}
	return n.more
}

// rect is a rectangle x0, y0, x1, y1 and whether it is set.
type rect struct {
	r   [4]float64
	set bool
}

// add grows r to hold x0, y0, x1, y1.
func (r *rect) add(x0, y0, x1, y1 float64) {
	if !r.set {
		r.r, r.set = [4]float64{x0, y0, x1, y1}, true
		return
	}
	r.r = [4]float64{min(r.r[0], x0), min(r.r[1], y0), max(r.r[2], x1), max(r.r[3], y1)}
}

// kid is a kid of an element: a child element (node ≥ 0), an annotation
// (link > 0: the object of links[link-1]) or a marked-content sequence
// (page, mcid).
type kid struct {
	node, link, page, mcid int
	seq                    int // when it was drawn (see reorder)
}

// link is a link annotation whose object is written after the pages, when
// its element's whole text is known. Its obj and dict are set when its
// page is written.
type link struct {
	obj, node, page int
	dict            string // without the closing >>
	url             string
}

func newTree() *tree {
	return &tree{index: map[*layout.Elem]int{}}
}

// node returns e's node, made (with its parents') on first sight.
func (t *tree) node(e *layout.Elem) int {
	if n, ok := t.index[e]; ok {
		return n
	}
	parent := -1
	if e.Parent != nil {
		parent = t.node(e.Parent)
	}
	n := len(t.nodes)
	t.nodes = append(t.nodes, node{e: e, parent: parent, page: -1, born: [2]int{t.page, t.next()}})
	t.index[e] = n
	if parent < 0 {
		t.top = append(t.top, n)
	} else {
		t.nodes[parent].kids = append(t.nodes[parent].kids, kid{node: n})
	}
	return n
}

// next returns the next number of t.seq.
func (t *tree) next() int {
	t.seq++
	return t.seq
}

// reorder puts the Document's children and each element's kids in the
// order of the PDF's pages when they were drawn in another
// (Document.Front): by where its first content is (an element without
// any: where it was first seen), a place being a page's place in the PDF
// (pos, by page) and, on one page, the order drawn.
func (t *tree) reorder(pos []int) {
	type at [2]int // place of the page, seq
	before := func(a, b at) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	}
	first := make([]at, len(t.nodes))
	place := func(k kid) at {
		if k.node >= 0 {
			return first[k.node]
		}
		return at{pos[k.page], k.seq}
	}
	// An element is made after its parent: its place is known first
	// going backwards.
	for n := len(t.nodes) - 1; n >= 0; n-- {
		nd := t.nodes[n]
		first[n] = at{pos[nd.born[0]], nd.born[1]}
		for _, k := range nd.kids {
			if p := place(k); before(p, first[n]) < 0 {
				first[n] = p
			}
		}
	}
	for n := range t.nodes {
		slices.SortStableFunc(t.nodes[n].kids, func(a, b kid) int { return before(place(a), place(b)) })
	}
	slices.SortStableFunc(t.top, func(a, b int) int { return before(first[a], first[b]) })
}

// within returns the nearest of e and its parents whose role is role, or
// nil.
func within(e *layout.Elem, role string) *layout.Elem {
	for ; e != nil; e = e.Parent {
		if e.Role == role {
			return e
		}
	}
	return nil
}

// content returns the node that box b of element e draws, or -1 for an
// artifact: a shape outside a Figure is one. An empty text draws nothing
// but still puts e in the tree (an empty table cell): -2.
func (t *tree) content(e *layout.Elem, b layout.Box) int {
	if e == nil {
		return -1
	}
	switch b := b.(type) {
	case layout.TextBox:
		if b.Text == "" {
			t.node(e)
			return -2
		}
	case layout.Rect, layout.Line, layout.Polygon:
		if within(e, "Figure") == nil {
			return -1
		}
	}
	return t.node(e)
}

// mark opens the marked-content sequence of box b of element e on page,
// closing the one open when it differs. d.open is the node of the
// sequence open, -1 for an artifact, -3 for none.
func (d *drawer) mark(e *layout.Elem, b layout.Box, page int) {
	t := d.tree
	n := t.content(e, b)
	if n == -2 || n == d.open {
		return
	}
	d.close()
	if n < 0 {
		d.buf = append(d.buf, "/Artifact BMC\n"...)
		d.open = -1
		return
	}
	nd := &t.nodes[n]
	for len(t.mcids) <= page {
		t.mcids = append(t.mcids, nil)
	}
	mcid := len(t.mcids[page])
	t.mcids[page] = append(t.mcids[page], n)
	nd.kids = append(nd.kids, kid{node: -1, page: page, mcid: mcid, seq: t.next()})
	if nd.page < 0 {
		nd.page = page
	}
	d.buf = append(d.buf, '/')
	d.buf = append(d.buf, nd.e.Role...)
	d.buf = append(d.buf, " <</MCID "...)
	d.buf = strconv.AppendInt(d.buf, int64(mcid), 10)
	d.buf = append(d.buf, ">> BDC\n"...)
	d.open = n
}

// close ends the marked-content sequence open, if any.
func (d *drawer) close() {
	if d.open != -3 {
		d.buf = append(d.buf, "EMC\n"...)
		d.open = -3
	}
}

// noteDrawn records what box b drew for its element's node: a Link's
// text, a Figure's extent (in PDF coordinates on a page of height h).
func (t *tree) noteDrawn(e *layout.Elem, b layout.Box, page int, h float64) {
	if e == nil {
		return
	}
	if tb, ok := b.(layout.TextBox); ok {
		if l := within(e, "Link"); l != nil {
			n := t.node(l)
			t.nodes[n].extra().text.WriteString(tb.Text)
		}
	}
	f := within(e, "Figure")
	if f == nil {
		return
	}
	x0, y0, x1, y1, ok := extent(b)
	if !ok {
		return
	}
	n := t.node(f)
	nd := t.nodes[n].extra()
	if !nd.bbox[0].set && !nd.bbox[1].set {
		nd.boxPage = page
	} else if nd.boxPage != page {
		return
	}
	k := 0
	if _, ok := b.(layout.TextBox); ok {
		k = 1
	}
	nd.bbox[k].add(x0, h-y1, x1, h-y0)
}

// extent is the rectangle a box covers, top-left coordinates (y down).
// A text's is its em box, each character taken as an em wide at most
// (used only for a Figure that draws no shape).
func extent(b layout.Box) (x0, y0, x1, y1 float64, ok bool) {
	switch b := b.(type) {
	case layout.Rect:
		return b.X, b.Y, b.X + b.W, b.Y + b.H, true
	case layout.Image:
		return b.X, b.Y, b.X + b.W, b.Y + b.H, true
	case layout.Line:
		return min(b.X1, b.X2), min(b.Y1, b.Y2), max(b.X1, b.X2), max(b.Y1, b.Y2), true
	case layout.Polygon:
		if len(b.Points) == 0 {
			return 0, 0, 0, 0, false
		}
		x0, y0, x1, y1 = b.Points[0].X, b.Points[0].Y, b.Points[0].X, b.Points[0].Y
		for _, p := range b.Points[1:] {
			x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
		}
		return x0, y0, x1, y1, true
	case layout.TextBox:
		if b.Text == "" {
			return 0, 0, 0, 0, false
		}
		n := float64(len([]rune(b.Text)))
		return b.X, b.Y - b.Style.Size, b.X + n*b.Style.Size, b.Y + 0.2*b.Style.Size, true
	}
	return 0, 0, 0, 0, false
}

// write writes the structure tree, the parent tree and the link
// annotations, and returns the StructTreeRoot's object. pageObjs are the
// pages' objects, one for each page. The tree's objects go into object streams (objstm.go);
// elements omit the optional /Type /StructElem.
func (t *tree) write(pw *writer, pageObjs []int) int {
	for len(t.mcids) < len(pageObjs) {
		t.mcids = append(t.mcids, nil)
	}
	root, doc, parents := pw.alloc(), pw.alloc(), pw.alloc()
	objs := make([]int, len(t.nodes))
	for i := range t.nodes {
		objs[i] = pw.alloc()
	}
	// Each element's dictionary is built in one reused buffer: a
	// briefing has hundreds.
	var b []byte
	appendRef := func(n int) {
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " 0 R"...)
	}
	appendKids := func(ks []kid, pg int) {
		for i, k := range ks {
			if i > 0 {
				b = append(b, ' ')
			}
			switch {
			case k.node >= 0:
				appendRef(objs[k.node])
			case k.link > 0:
				b = append(b, "<</Type /OBJR /Obj "...)
				appendRef(t.links[k.link-1].obj)
				b = append(b, " /Pg "...)
				appendRef(pageObjs[k.page])
				b = append(b, ">>"...)
			case k.page == pg:
				b = strconv.AppendInt(b, int64(k.mcid), 10)
			default:
				b = append(b, "<</Type /MCR /Pg "...)
				appendRef(pageObjs[k.page])
				b = append(b, " /MCID "...)
				b = strconv.AppendInt(b, int64(k.mcid), 10)
				b = append(b, ">>"...)
			}
		}
	}
	top := make([]kid, len(t.top))
	for i, n := range t.top {
		top[i] = kid{node: n}
	}
	b = append(b[:0], "<</S /Document /P "...)
	appendRef(root)
	b = append(b, " /K ["...)
	appendKids(top, -1)
	pw.packBytes(doc, append(b, "]>>"...))
	for i := range t.nodes {
		nd := &t.nodes[i]
		parent := doc
		if nd.parent >= 0 {
			parent = objs[nd.parent]
		}
		b = append(b[:0], "<</S /"...)
		b = append(b, nd.e.Role...)
		b = append(b, " /P "...)
		appendRef(parent)
		if nd.page >= 0 {
			b = append(b, " /Pg "...)
			appendRef(pageObjs[nd.page])
		}
		if len(nd.kids) > 0 {
			b = append(b, " /K ["...)
			appendKids(nd.kids, nd.page)
			b = append(b, ']')
		}
		if nd.e.Lang != "" {
			b = append(b, " /Lang "...)
			b = appendLiteral(b, pdfString(nd.e.Lang))
		}
		if nd.e.Alt != "" {
			b = append(b, " /Alt "...)
			b = appendText(b, nd.e.Alt)
		}
		switch {
		case nd.e.Scope != "":
			b = append(b, " /A <</O /Table /Scope /"...)
			b = append(b, nd.e.Scope...)
			b = append(b, ">>"...)
		case nd.e.Role == "Figure" && nd.more != nil && (nd.more.bbox[0].set || nd.more.bbox[1].set):
			r := nd.more.bbox[0]
			if !r.set {
				r = nd.more.bbox[1]
			}
			b = append(b, " /A <</O /Layout /Placement /Block /BBox ["...)
			for j, v := range r.r {
				if j > 0 {
					b = append(b, ' ')
				}
				b = appendNum(b, v)
			}
			b = append(b, "]>>"...)
		}
		pw.packBytes(objs[i], append(b, ">>"...))
	}
	// A link's text as the /Contents of its annotations (PDF/UA-1,
	// 7.18.1), written once however many lines it is cut over.
	contents := map[int]int{} // node → its text's object
	for j, l := range t.links {
		c, ok := contents[l.node]
		if !ok {
			s := ""
			if m := t.nodes[l.node].more; m != nil {
				s = strings.TrimSpace(m.text.String())
			}
			if s == "" {
				s = l.url
			}
			c = pw.alloc()
			pw.packBytes(c, appendText(b[:0], s))
			contents[l.node] = c
		}
		pw.object(l.obj, l.dict+" /StructParent "+strconv.Itoa(len(t.mcids)+j)+" /Contents "+ref(c)+">>")
	}
	// The parent tree: one leaf holding every key, in order, built in
	// place in the writer's packing buffer.
	b = append(pw.packTo(), "<</Nums ["...)
	for p, ms := range t.mcids {
		b = strconv.AppendInt(b, int64(p), 10)
		b = append(b, " ["...)
		for j, n := range ms {
			if j > 0 {
				b = append(b, ' ')
			}
			appendRef(objs[n])
		}
		b = append(b, "] "...)
	}
	for j, l := range t.links {
		b = strconv.AppendInt(b, int64(len(t.mcids)+j), 10)
		b = append(b, ' ')
		appendRef(objs[l.node])
		b = append(b, ' ')
	}
	pw.packEnd(parents, append(b, "]>>"...))
	pw.pack(root, "<</Type /StructTreeRoot /K "+ref(doc)+" /ParentTree "+ref(parents)+
		" /ParentTreeNextKey "+strconv.Itoa(len(t.mcids)+len(t.links))+">>")
	return root
}

// annotate adds a link annotation on page to the Link element of e and
// returns its index in t.links, whose object and dictionary (without the
// closing >>) are set when the page is written; it returns -1 when e is in
// no element, and the annotation stays out of the structure.
func (t *tree) annotate(e *layout.Elem, page int, url string) int {
	if e == nil {
		return -1
	}
	if l := within(e, "Link"); l != nil {
		e = l
	}
	n := t.node(e)
	t.links = append(t.links, link{node: n, page: page, url: url})
	t.nodes[n].kids = append(t.nodes[n].kids, kid{node: -1, link: len(t.links), page: page, seq: t.next()})
	return len(t.links) - 1
}
