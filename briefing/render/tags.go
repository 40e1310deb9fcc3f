package render

import (
	"errors"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"weak"

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

// tree is the structure tree built while the pages are drawn. It keeps
// of each element what the PDF writes of it (a few numbers, its role by
// number, its attributes only when it has some), not the element itself:
// a digest of 2,000 briefings has half a million elements, which the
// layout lets go briefing by briefing. Elements are found again by a weak
// reference (index): one the layout has let go can be drawn no more, and
// its entry is dropped. What it keeps of the elements holds no pointers
// (their strings are in strs): the garbage collector does not scan it at
// every collection.
type tree struct {
	nodes  []node   // by index; kids and parents refer to them by index
	kids   []kid    // the kids of every element, each element's a list
	roles  []string // the roles, by number
	attrs  []attrs  // the attributes of the elements that have any
	extras []extra  // of the Links and Figures, by node.more
	pieces []piece  // the Links' texts, each a list
	strs   *strs    // the attributes and the Links' texts
	index  map[weak.Pointer[layout.Elem]]int32
	// recent are the elements last looked up, newest first, and their
	// nodes: consecutive boxes mostly draw one element or a few.
	recent [4]*layout.Elem
	recN   [4]int32
	sweep  int          // the size of index at which its dead entries are dropped
	gc     *atomic.Bool // a collection ran since index was last swept (nil: not watched yet)
	top    []int32      // the Document's children
	mcids  [][]int32    // per page, the node of each MCID
	links  []link       // annotations of Link elements, in order
	dicts  []string     // their dictionaries, by index, once written
	// page is the page being drawn, seq counts the kids and elements
	// made (see reorder).
	page, seq int
}

// node is an element of the tree.
type node struct {
	parent      int32    // -1: the Document
	page        int32    // the page of its first marked content, -1
	born        [2]int32 // the page it was first seen on, and seq then
	first, last int32    // its kids in tree.kids, -1: none
	attr        int32    // its attributes in tree.attrs, -1: none
	role        uint16   // in tree.roles
	more        int32    // a Link's or a Figure's extra, -1: none
}

// attrs are an element's Lang, Alt and Scope (see [layout.Elem]).
type attrs struct{ lang, alt, scope str }

// extra is what the tree keeps of a Link (its text, for its
// annotations' /Contents: the pieces from text to last in tree.pieces,
// -1 none) and of a Figure: its extent on its first page, PDF
// coordinates, of its shapes and pictures (bbox[0]), else of its texts
// (bbox[1]).
type extra struct {
	text, last int32
	bbox       [2]rect
	boxPage    int
}

// piece is a piece of a Link's text, next the next one (-1: none).
type piece struct {
	s    str
	next int32
}

// extra returns node n's extra, made on first use.
func (t *tree) extra(n int) *extra {
	nd := &t.nodes[n]
	if nd.more < 0 {
		nd.more = i32(len(t.extras))
		t.extras = append(t.extras, extra{text: -1, last: -1})
	}
	return &t.extras[nd.more]
}

// linkText appends s to the text of the Link of node n.
func (t *tree) linkText(n int, s string) {
	x := t.extra(n)
	i := i32(len(t.pieces))
	t.pieces = append(t.pieces, piece{s: t.strs.add(s), next: -1})
	if x.last < 0 {
		x.text = i
	} else {
		t.pieces[x.last].next = i
	}
	x.last = i
}

// text returns the text of the Link of node n, "" when it has none.
func (t *tree) text(n int) string {
	nd := &t.nodes[n]
	if nd.more < 0 {
		return ""
	}
	var b []byte
	for i := t.extras[nd.more].text; i >= 0; i = t.pieces[i].next {
		b = append(b, t.strs.bytes(t.pieces[i].s)...)
	}
	return string(b)
}

// figure returns the Figure extent of node n and whether it has one.
func (t *tree) figure(n int) (rect, bool) {
	nd := &t.nodes[n]
	if nd.more < 0 {
		return rect{}, false
	}
	x := &t.extras[nd.more]
	if x.bbox[0].set {
		return x.bbox[0], true
	}
	return x.bbox[1], x.bbox[1].set
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

// kid is a kid of an element, next in its list the kid at index next of
// tree.kids (-1: the last): a child element (page kidNode, v its node),
// an annotation (page kidLink, v its index in tree.links) or a
// marked-content sequence (v its MCID on page).
type kid struct {
	next, v, page int32
	seq           int32 // when it was drawn (see reorder)
}

const (
	kidNode = -1
	kidLink = -2
)

// link is a link annotation whose object is written after the pages, when
// its element's whole text is known. Its obj and its dictionary in
// tree.dicts are set when its page is written ([tree.written]).
type link struct {
	obj, node, page int
	url             str
}

// written notes the object and the dictionary (without the closing >>)
// of link j, written with its page.
func (t *tree) written(j, obj int, dict string) {
	if t.dicts == nil {
		t.dicts = make([]string, 0, len(t.links))
	}
	for len(t.dicts) <= j {
		t.dicts = append(t.dicts, "")
	}
	t.links[j].obj, t.dicts[j] = obj, dict
}

// newTree makes a tree that keeps its strings in s.
func newTree(s *strs) *tree {
	return &tree{index: map[weak.Pointer[layout.Elem]]int32{}, sweep: 1024, strs: s}
}

// errStructure is returned past 2³¹ elements or kids.
var errStructure = errors.New("too many structure elements")

// i32 is n, which must fit in an int32.
func i32(n int) int32 {
	if n > math.MaxInt32 {
		panic(errStructure)
	}
	return int32(n)
}

// node returns e's node, made (with its parents') on first sight.
func (t *tree) node(e *layout.Elem) int {
	for i, r := range t.recent {
		if r == e {
			n := t.recN[i]
			copy(t.recent[1:i+1], t.recent[:i])
			copy(t.recN[1:i+1], t.recN[:i])
			t.recent[0], t.recN[0] = e, n
			return int(n)
		}
	}
	k := weak.Make(e)
	n, ok := t.index[k]
	if !ok {
		n = t.add(e)
		t.index[k] = n
		if len(t.index) >= t.sweep && t.collected() {
			for k := range t.index {
				if k.Value() == nil {
					delete(t.index, k)
				}
			}
			t.sweep = max(2*len(t.index), 1024)
		}
	}
	copy(t.recent[1:], t.recent[:len(t.recent)-1])
	copy(t.recN[1:], t.recN[:len(t.recN)-1])
	t.recent[0], t.recN[0] = e, n
	return int(n)
}

// collected reports whether the garbage collector ran since it was last
// called (false the first time): the elements the layout has let go are
// found dead only after a collection, and sweeping the index before one
// would keep them all, and make the next sweep wait twice as long
// (index grew with every briefing of a digest).
func (t *tree) collected() bool {
	if t.gc != nil && !t.gc.Load() {
		return false
	}
	first := t.gc == nil
	t.gc = new(atomic.Bool)
	// A sentinel garbage from now on, not a tiny allocation (whose
	// block other objects may keep): its cleanup runs once a collection
	// has found it dead.
	runtime.AddCleanup(new(struct {
		_ *int
		_ int
	}), func(gc *atomic.Bool) { gc.Store(true) }, t.gc)
	return !first
}

// add makes e's node, after its parents'.
func (t *tree) add(e *layout.Elem) int32 {
	parent := int32(-1)
	if e.Parent != nil {
		parent = int32(t.node(e.Parent))
	}
	n := i32(len(t.nodes))
	nd := node{parent: parent, page: -1, born: [2]int32{i32(t.page), i32(t.next())}, first: -1, last: -1, attr: -1, role: t.role(e.Role), more: -1}
	if e.Lang != "" || e.Alt != "" || e.Scope != "" {
		nd.attr = i32(len(t.attrs))
		t.attrs = append(t.attrs, attrs{t.strs.add(e.Lang), t.strs.add(e.Alt), t.strs.add(e.Scope)})
	}
	t.nodes = append(t.nodes, nd)
	if parent < 0 {
		t.top = append(t.top, n)
	} else {
		t.addKid(int(parent), kid{v: n, page: kidNode, seq: nd.born[1]})
	}
	return n
}

// role returns the number of role r.
func (t *tree) role(r string) uint16 {
	for i, s := range t.roles {
		if s == r {
			return uint16(i)
		}
	}
	if len(t.roles) > math.MaxUint16 {
		panic(errStructure)
	}
	t.roles = append(t.roles, r)
	return uint16(len(t.roles) - 1)
}

// addKid appends k to the kids of node n.
func (t *tree) addKid(n int, k kid) {
	i := i32(len(t.kids))
	k.next = -1
	t.kids = append(t.kids, k)
	nd := &t.nodes[n]
	if nd.last < 0 {
		nd.first = i
	} else {
		t.kids[nd.last].next = i
	}
	nd.last = i
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
// (pos, by page) and, on one page, the order drawn. It returns the place
// of each element (by index) where it or one of its kids is first drawn.
func (t *tree) reorder(pos []int) [][2]int {
	type at = [2]int // place of the page, seq
	before := func(a, b at) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	}
	first := make([]at, len(t.nodes))
	place := func(k kid) at {
		switch k.page {
		case kidNode:
			return first[k.v]
		case kidLink:
			return at{pos[t.links[k.v].page], int(k.seq)}
		}
		return at{pos[k.page], int(k.seq)}
	}
	// An element is made after its parent: its place is known first
	// going backwards.
	for n := len(t.nodes) - 1; n >= 0; n-- {
		nd := &t.nodes[n]
		first[n] = at{pos[nd.born[0]], int(nd.born[1])}
		for i := nd.first; i >= 0; i = t.kids[i].next {
			if p := place(t.kids[i]); before(p, first[n]) < 0 {
				first[n] = p
			}
		}
	}
	var list []int32
	for n := range t.nodes {
		nd := &t.nodes[n]
		list = list[:0]
		for i := nd.first; i >= 0; i = t.kids[i].next {
			list = append(list, i)
		}
		if len(list) < 2 {
			continue
		}
		slices.SortStableFunc(list, func(a, b int32) int { return before(place(t.kids[a]), place(t.kids[b])) })
		nd.first, nd.last = list[0], list[len(list)-1]
		for j, i := range list {
			t.kids[i].next = -1
			if j+1 < len(list) {
				t.kids[i].next = list[j+1]
			}
		}
	}
	slices.SortStableFunc(t.top, func(a, b int32) int { return before(first[a], first[b]) })
	return first
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
	case *layout.TextBox:
		if b.Text == "" {
			t.node(e)
			return -2
		}
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
	for len(t.mcids) <= page {
		t.mcids = append(t.mcids, nil)
	}
	mcid := len(t.mcids[page])
	t.mcids[page] = append(t.mcids[page], int32(n))
	t.addKid(n, kid{v: i32(mcid), page: i32(page), seq: i32(t.next())})
	nd := &t.nodes[n]
	if nd.page < 0 {
		nd.page = int32(page)
	}
	d.buf = append(d.buf, '/')
	d.buf = append(d.buf, t.roles[nd.role]...)
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
	var text string
	isText := false
	switch tb := b.(type) {
	case *layout.TextBox:
		text, isText = tb.Text, true
	case layout.TextBox:
		text, isText = tb.Text, true
	}
	if isText {
		if l := within(e, "Link"); l != nil {
			t.linkText(t.node(l), text)
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
	nd := t.extra(t.node(f))
	if !nd.bbox[0].set && !nd.bbox[1].set {
		nd.boxPage = page
	} else if nd.boxPage != page {
		return
	}
	k := 0
	if isText {
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
	case *layout.TextBox:
		return textExtent(b)
	case layout.TextBox:
		return textExtent(&b)
	}
	return 0, 0, 0, 0, false
}

// textExtent is extent of a text box.
func textExtent(b *layout.TextBox) (x0, y0, x1, y1 float64, ok bool) {
	if b.Text == "" {
		return 0, 0, 0, 0, false
	}
	n := float64(len([]rune(b.Text)))
	return b.X, b.Y - b.Style.Size, b.X + n*b.Style.Size, b.Y + 0.2*b.Style.Size, true
}

// write writes the structure tree, the parent tree and the link
// annotations, and returns the StructTreeRoot's object. pageObjs are the
// pages' objects, one for each page. The tree's objects go into object streams (objstm.go);
// elements omit the optional /Type /StructElem. Elements and link
// annotations are numbered (objects, parent tree keys) in the order they
// were made; when key is not nil, those made on a page p with key[p] >= 0
// come after the others, elements by first (their place where first
// drawn, as reorder returns) and links by key[p].
func (t *tree) write(pw *writer, pageObjs []int, key []int, first [][2]int) int {
	for len(t.mcids) < len(pageObjs) {
		t.mcids = append(t.mcids, nil)
	}
	for len(t.dicts) < len(t.links) {
		t.dicts = append(t.dicts, "")
	}
	root, doc, parents := pw.alloc(), pw.alloc(), pw.alloc()
	nodes := make([]int32, len(t.nodes)) // in the order numbered
	links := make([]int32, len(t.links))
	for i := range nodes {
		nodes[i] = int32(i)
	}
	for j := range links {
		links[j] = int32(j)
	}
	if key != nil {
		slices.SortStableFunc(nodes, func(a, b int32) int {
			ka, kb := key[t.nodes[a].born[0]], key[t.nodes[b].born[0]]
			switch {
			case ka < 0 || kb < 0:
				return min(ka, 0) - min(kb, 0)
			case first[a][0] != first[b][0]:
				return first[a][0] - first[b][0]
			}
			return first[a][1] - first[b][1]
		})
		slices.SortStableFunc(links, func(a, b int32) int { return key[t.links[a].page] - key[t.links[b].page] })
	}
	objs := make([]int, len(t.nodes))
	for _, i := range nodes {
		objs[i] = pw.alloc()
	}
	// Each element's dictionary is built in one reused buffer: a
	// briefing has hundreds.
	var b []byte
	appendRef := func(n int) {
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " 0 R"...)
	}
	b = append(b[:0], "<</S /Document /P "...)
	appendRef(root)
	b = append(b, " /K ["...)
	for i, n := range t.top {
		if i > 0 {
			b = append(b, ' ')
		}
		appendRef(objs[n])
	}
	pw.packBytes(doc, append(b, "]>>"...))
	for _, i := range nodes {
		nd := &t.nodes[i]
		parent := doc
		if nd.parent >= 0 {
			parent = objs[nd.parent]
		}
		role := t.roles[nd.role]
		b = append(b[:0], "<</S /"...)
		b = append(b, role...)
		b = append(b, " /P "...)
		appendRef(parent)
		if nd.page >= 0 {
			b = append(b, " /Pg "...)
			appendRef(pageObjs[nd.page])
		}
		if nd.first >= 0 {
			b = append(b, " /K ["...)
			for j := nd.first; j >= 0; j = t.kids[j].next {
				if j != nd.first {
					b = append(b, ' ')
				}
				switch k := t.kids[j]; {
				case k.page == kidNode:
					appendRef(objs[k.v])
				case k.page == kidLink:
					l := &t.links[k.v]
					b = append(b, "<</Type /OBJR /Obj "...)
					appendRef(l.obj)
					b = append(b, " /Pg "...)
					appendRef(pageObjs[l.page])
					b = append(b, ">>"...)
				case k.page == nd.page:
					b = strconv.AppendInt(b, int64(k.v), 10)
				default:
					b = append(b, "<</Type /MCR /Pg "...)
					appendRef(pageObjs[k.page])
					b = append(b, " /MCID "...)
					b = strconv.AppendInt(b, int64(k.v), 10)
					b = append(b, ">>"...)
				}
			}
			b = append(b, ']')
		}
		var lang, alt, scope string
		if nd.attr >= 0 {
			at := t.attrs[nd.attr]
			lang, alt, scope = t.strs.get(at.lang), t.strs.get(at.alt), t.strs.get(at.scope)
		}
		if lang != "" {
			b = append(b, " /Lang "...)
			b = appendLiteral(b, pdfString(lang))
		}
		if alt != "" {
			b = append(b, " /Alt "...)
			b = appendText(b, alt)
		}
		r, figure := t.figure(int(i))
		switch {
		case scope != "":
			b = append(b, " /A <</O /Table /Scope /"...)
			b = append(b, scope...)
			b = append(b, ">>"...)
		case role == "Figure" && figure:
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
	for j, li := range links {
		l := &t.links[li]
		c, ok := contents[l.node]
		if !ok {
			s := strings.TrimSpace(t.text(l.node))
			if s == "" {
				s = t.strs.get(l.url)
			}
			c = pw.alloc()
			pw.packBytes(c, appendText(b[:0], s))
			contents[l.node] = c
		}
		pw.object(l.obj, t.dicts[li]+" /StructParent "+strconv.Itoa(len(t.mcids)+j)+" /Contents "+ref(c)+">>")
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
	for j, li := range links {
		l := &t.links[li]
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

// annotate adds a link annotation to url (in t.strs) on page to the Link
// element of e and returns its index in t.links, whose object and
// dictionary (without the closing >>) are set when the page is written;
// it returns -1 when e is in no element, and the annotation stays out of
// the structure.
func (t *tree) annotate(e *layout.Elem, page int, url str) int {
	if e == nil {
		return -1
	}
	if l := within(e, "Link"); l != nil {
		e = l
	}
	n := t.node(e)
	t.links = append(t.links, link{node: n, page: page, url: url})
	t.addKid(n, kid{v: i32(len(t.links) - 1), page: kidLink, seq: i32(t.next())})
	return len(t.links) - 1
}
