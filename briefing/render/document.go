package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/flate"

	"briefing/briefing/layout"
)

// Document is a PDF drawn page by page, for documents too large to hold
// laid out whole (a table of 50,000 rows, a digest of 2,000 briefings):
// pages are given to [Document.Page] as the layout finishes them
// ([layout.Stream]), and [Document.Close] adds each page's furniture,
// which needs the number of pages, and writes the PDF to w.
//
// The PDF is the one [Write] makes of the same pages with their
// furniture, byte for byte:
//
//	d := render.NewDocument(w, info, fonts, opt)
//	total, err := layout.Stream(doc, m, d.Page)
//	…
//	err = d.Close(func(n, total int) ([]layout.Box, error) { return layout.Furnish(doc, m, n, total) })
//
// # Memory
//
// Page draws the page's content stream at once and lets the page go: what
// a Document keeps of a page is its content, with placeholders for the
// fonts, glyphs and pictures (see stub.go), Flate-compressed once the
// document's pages hold more than a megabyte of it, its links, and its
// structure elements' part of the structure tree. Close makes the fonts,
// then writes each page's content with the placeholders replaced,
// passing the bytes to w as it goes (hashing them for the file
// identifier). A text with combining marks or variation selectors, whose
// glyphs are chosen with the fonts' outlines, is kept as its characters
// in the content, drawn at Close (see stub.go). Only in a tagged PDF is a
// first page without structure kept whole until Close, and every page
// after it (whether the PDF is tagged is known only when a page has
// some). What is kept of the pages drawn holds a few pointers a page:
// the strings of its links, bookmarks, anchors and structure are copied
// into one buffer (strs.go), so that each collection of the garbage
// collector, which scans what is live, does not take longer with every
// page a digest of thousands has drawn.
//
// # Front pages
//
// [Document.Front] draws a page that is to come before every page given
// to Page: a digest's cover, whose table names the pages the briefings
// start on, is laid out and drawn after them and read first. The pages'
// order in the PDF (the page tree, the outline, the structure tree's
// top-level elements, the furniture's page numbers) is the front pages
// in the order given, then the others; the parent tree's keys and the
// order in which pictures are named and an anchor named twice is chosen
// follow the order the pages were given in.
//
// A Document is used by one goroutine. After an error of Page or Close,
// the bytes written to w are no PDF.
type Document struct {
	w     io.Writer
	info  Info
	fonts Fonts
	opt   Options
	whole bool
	err   error
	done  bool

	sv     *surveyor
	stubs  *stubs
	d      drawer // draws with placeholders
	tagged int    // 1 yes, 0 no, -1 not known yet
	hold   bool   // pages are kept whole from now on
	markAt int    // the first page given with a text with marks, -1 (see Close)
	tree   *tree
	pages  []pageRec
	fronts []int        // the front pages, by the order given (see Front)
	first  layout.Paper // of the first page
	marks  []bookmark
	strs   *strs  // the strings of the links, bookmarks, anchors and structure
	raw    int    // bytes of content held uncompressed
	chunk  []byte // the pages' content is kept in, filled in turn (see keep)
	zbuf   bytes.Buffer
	zw     *flate.Writer
}

// pageRec is what a Document keeps of a page until Close: its strings
// are in Document.strs, so that, held or drawn, a page costs the
// garbage collector a few pointers.
type pageRec struct {
	paper   layout.Paper
	held    *layout.Page // kept whole, drawn at Close
	content []byte       // drawn with placeholders
	zipped  bool         // content is Flate-compressed
	end     state        // the drawer's after the page's boxes
	links   []linkRec
	drawn   []int // the pictures drawn, by survey index, each once
}

// state is what the drawer of a page's furniture takes over from the
// drawer of its boxes: the marked content open and the graphics state.
type state struct {
	open, actual                 int
	spacing, width               float64
	fill, stroke                 layout.Color
	fillSet, strokeSet, widthSet bool
}

// state returns d's state, for [drawer.restore].
func (d *drawer) state() state {
	return state{open: d.open, actual: d.actual, spacing: d.spacing, width: d.width,
		fill: d.fill, stroke: d.stroke, fillSet: d.fillSet, strokeSet: d.strokeSet, widthSet: d.widthSet}
}

// restore takes over e, a state of another drawer.
func (d *drawer) restore(e state) {
	d.open, d.actual, d.spacing = e.open, e.actual, e.spacing
	d.fill, d.fillSet, d.stroke, d.strokeSet, d.width, d.widthSet = e.fill, e.fillSet, e.stroke, e.strokeSet, e.width, e.widthSet
}

// linkRec is a link of a page (a [layout.Link], its URL and Dest in
// Document.strs): its annotation is written with the page.
type linkRec struct {
	x, y, w, h float64
	url, dest  str
	tree       int // its index in tree.links, or -1
}

// bookmark is an outline entry: furniture's come after the body's of its
// page.
type bookmark struct {
	title     str // in Document.strs
	level     int
	page      int
	y         float64
	furniture bool
}

// holdAt is how many bytes of content a Document keeps uncompressed:
// past it, pages' content is kept Flate-compressed (a briefing of a few
// pages never is).
const holdAt = 1 << 20

// NewDocument starts a PDF drawn page by page into w, as [Write] with
// info, fonts and opt would draw it.
func NewDocument(w io.Writer, info Info, fonts Fonts, opt Options) *Document {
	st := &strs{}
	sv := newSurveyor(st)
	d := &Document{w: w, info: info, fonts: fonts, opt: opt, sv: sv, strs: st, tagged: -1, markAt: -1}
	if fonts != nil {
		d.stubs = newStubs(fonts, sv)
	}
	return d
}

// Page adds the next page, without its furniture, and draws it; it keeps
// none of p's slices and boxes once it returns (a page of layout.Stream is
// good only until then). It returns the first error of the document: a page whose Elems and Boxes
// differ in length, a character that cannot be drawn.
func (d *Document) Page(p layout.Page) (err error) {
	if d.err != nil {
		return d.err
	}
	if d.done {
		return errors.New("render: page after Close")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("render: internal error: %v", r)
		}
		if err != nil {
			d.err = err
		}
	}()
	if d.fonts == nil {
		return errors.New("render: no fonts")
	}
	i := len(d.pages)
	if p.Elems != nil && len(p.Elems) != len(p.Boxes) {
		// Elems holds one element per box (layout.Page).
		return fmt.Errorf("render: page %d: %d structure elements for %d boxes", i+1, len(p.Elems), len(p.Boxes))
	}
	if err := d.sv.add(i, 0, p.Boxes); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if i == 0 {
		d.first = p.Paper
		switch {
		case d.opt.Untagged || d.opt.Profile == Plain:
			d.tagged = 0
		case p.Elems == nil:
			d.hold = true // tagged if a later page has structure
		default:
			d.tagged = 1
			d.tree = newTree(d.strs)
		}
	}
	d.pages = append(d.pages, pageRec{paper: p.Paper})
	rec := &d.pages[i]
	if d.hold {
		held := p.Clone() // p's room is the layout's again once Page returns
		rec.held = &held
		return nil
	}
	dr := &d.d
	dr.tree, dr.stub = d.tree, d.stubs
	dr.start(d.paper(p.Paper).Height)
	if err := d.drawBoxes(dr, rec, i, p.Boxes, p.Elems, d.sv.known, false); err != nil {
		return err
	}
	if dr.stubbed && d.markAt < 0 {
		d.markAt = i
	}
	rec.end = dr.state()
	if d.raw+len(dr.buf) <= holdAt {
		d.raw += len(dr.buf)
		rec.content = d.keep(dr.buf)
		return nil
	}
	d.zbuf.Reset()
	if d.zw == nil {
		if d.zw, err = flate.NewWriter(&d.zbuf, flate.BestSpeed); err != nil {
			return err
		}
	} else {
		d.zw.Reset(&d.zbuf)
	}
	if _, err := d.zw.Write(dr.buf); err != nil {
		return err
	}
	if err := d.zw.Close(); err != nil {
		return err
	}
	rec.content, rec.zipped = d.keep(d.zbuf.Bytes()), true
	return nil
}

// keep returns a copy of c, a page's content, in the chunk being filled:
// thousands of pages are kept in a few dozen objects, from 64 KB for a
// briefing's few pages up to 1 MB, each let go once its pages are
// written.
func (d *Document) keep(c []byte) []byte {
	if len(d.chunk)+len(c) > cap(d.chunk) {
		size := min(max(2*cap(d.chunk), 64<<10), 1<<20)
		d.chunk = make([]byte, 0, max(size, len(c)))
	}
	n := len(d.chunk)
	d.chunk = append(d.chunk, c...)
	return d.chunk[n:len(d.chunk):len(d.chunk)]
}

// Front adds a page, without its furniture, before every page given to
// [Document.Page], and after the front pages given before it (see
// "Front pages"). It draws it and returns errors as Page.
func (d *Document) Front(p layout.Page) error {
	i := len(d.pages)
	if err := d.Page(p); err != nil {
		return err
	}
	d.fronts = append(d.fronts, i)
	return nil
}

// SetInfo replaces the document information given to NewDocument: for a
// document whose information is known only once its pages are (the
// number of incidents a digest shows). It is written at Close.
func (d *Document) SetInfo(info Info) { d.info = info }

// order returns the pages (by the order given) in their order in the
// PDF, and the place in it of each: the front pages first.
func (d *Document) order() (order, pos []int) {
	order = make([]int, 0, len(d.pages))
	order = append(order, d.fronts...)
	pos = make([]int, len(d.pages))
	for i := range pos {
		pos[i] = -1
	}
	for k, i := range order {
		pos[i] = k
	}
	for i := range d.pages {
		if pos[i] < 0 {
			pos[i] = len(order)
			order = append(order, i)
		}
	}
	return order, pos
}

// paper is the paper of a page that has p: the first page's when p has
// none.
func (d *Document) paper(p layout.Paper) layout.Paper {
	if p.Width <= 0 || p.Height <= 0 {
		return d.first
	}
	return p
}

// drawBoxes draws boxes of page (from 0) with dr, their structure
// elements elems (nil: none), and notes in rec the links and pictures,
// in d the bookmarks. known, when not nil, is what the survey of the
// boxes knows of each (surveyor.known).
func (d *Document) drawBoxes(dr *drawer, rec *pageRec, page int, boxes []layout.Box, elems []*layout.Elem, known []known, furniture bool) error {
	tagged := dr.tree != nil
	if tagged {
		dr.tree.page = page
	}
	for k, b := range boxes {
		var e *layout.Elem
		if tagged && elems != nil {
			e = elems[k]
		}
		switch b := b.(type) {
		case layout.Link:
			l := linkRec{x: b.X, y: b.Y, w: b.W, h: b.H, url: d.strs.add(b.URL), dest: d.strs.add(b.Dest), tree: -1}
			if tagged {
				l.tree = dr.tree.annotate(e, page, l.url)
			}
			rec.links = append(rec.links, l)
		case layout.Bookmark:
			d.marks = append(d.marks, bookmark{title: d.strs.add(b.Title), level: b.Level, page: page, y: b.Y, furniture: furniture})
		case layout.Anchor:
		default:
			if im, ok := b.(layout.Image); ok {
				if n, ok := d.sv.seen[string(im.Data)]; ok && !slices.Contains(rec.drawn, n) {
					rec.drawn = append(rec.drawn, n)
				}
			}
			if tagged {
				dr.mark(e, b, page)
				dr.tree.noteDrawn(e, b, page, dr.height)
			}
			if known != nil {
				dr.known = known[k]
			}
			if err := dr.box(b); err != nil {
				return fmt.Errorf("render: page %d: %w", page+1, err)
			}
		}
	}
	return nil
}

// Close adds to page n of total the boxes furniture returns for it (after
// the page's own, as artifacts; furniture may be nil) and writes the PDF.
// An error of furniture is returned as it is; the others as [Write]'s.
// furniture is called twice for each page: before the fonts are made
// and when the page is written.
func (d *Document) Close(furniture func(n, total int) ([]layout.Box, error)) (err error) {
	if d.err != nil {
		return d.err
	}
	if d.done {
		return errors.New("render: Close called twice")
	}
	d.done = true
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("render: internal error: %v", r)
		}
		d.err = err
		d.pages, d.tree, d.sv, d.stubs = nil, nil, nil, nil
	}()
	if len(d.pages) == 0 {
		return errors.New("render: no pages")
	}
	d.chunk = nil // each chunk is let go with the last page written from it
	if d.fonts == nil {
		return errors.New("render: no fonts")
	}
	total := len(d.pages)
	order, pos := d.order()
	furnish := func(i int) ([]layout.Box, error) {
		if furniture == nil {
			return nil, nil
		}
		return furniture(pos[i]+1, total)
	}
	// The furniture's characters, pictures and anchors, then every
	// link's anchor.
	var furnLinks map[int][]layout.Link
	for i := range d.pages {
		f, err := furnish(i)
		if err != nil {
			return err
		}
		if err := d.sv.add(i, 1, f); err != nil {
			return fmt.Errorf("render: %w", err)
		}
		for _, b := range f {
			if l, ok := b.(layout.Link); ok {
				if furnLinks == nil {
					furnLinks = map[int][]layout.Link{}
				}
				furnLinks[i] = append(furnLinks[i], l)
			}
		}
	}
	for i := range d.pages {
		rec := &d.pages[i]
		var links []layout.Link
		if rec.held != nil {
			for _, b := range rec.held.Boxes {
				if l, ok := b.(layout.Link); ok {
					links = append(links, l)
				}
			}
		} else {
			for _, l := range rec.links {
				if l.url.n > 0 {
					continue
				}
				if _, ok := d.sv.anchors.getBytes(d.strs.bytes(l.dest)); !ok {
					return fmt.Errorf("render: %w", errNoAnchor(i, d.strs.get(l.dest)))
				}
			}
		}
		for _, l := range append(links, furnLinks[i]...) {
			if err := d.sv.checkLink(i, l); err != nil {
				return fmt.Errorf("render: %w", err)
			}
		}
	}
	if d.tagged < 0 {
		// Every page kept whole: tagged when one has structure.
		d.tagged = 0
		if !d.opt.Untagged && d.opt.Profile != Plain && slices.ContainsFunc(d.pages, func(r pageRec) bool { return r.held.Elems != nil }) {
			d.tagged = 1
			d.tree = newTree(d.strs)
		}
	}
	tagged := d.tagged == 1

	pw := newWriter(160 << 10)
	defer pw.release()
	pw.out = d.w
	catalog, pagesObj, infoObj := pw.alloc(), pw.alloc(), pw.alloc()
	pageObjs := make([]int, total)
	for i := range pageObjs {
		pageObjs[i] = pw.alloc()
	}
	faces, fontRes, err := embedFonts(pw, d.sv.used, d.sv.pairs, d.sv.seqs, d.fonts, d.whole)
	if err != nil {
		return err
	}
	resources := "<</ProcSet [/PDF /Text] /Font " + fontRes + ">>"

	// Pictures, each written once however many pages draw it, named
	// /Im1, /Im2 … in the order they first appear, furniture after the
	// body of each page; a page's resources name those it draws.
	names := make([]string, len(d.sv.pictures)) // by survey index
	images := map[string]string{}               // data → name
	imageObjs := map[string]int{}               // name → object
	masked := map[string]bool{}                 // name → drawn through a soft mask
	for k, n := range d.sv.order() {
		p := d.sv.pictures[n]
		obj, alpha, err := embedImage(pw, p.Data, p.Type)
		if err != nil {
			return fmt.Errorf("render: %w", err)
		}
		name := "Im" + strconv.Itoa(k+1)
		names[n], images[string(p.Data)] = name, name
		imageObjs[name], masked[name] = obj, alpha
	}
	pw.flush()

	// Destinations of internal links: [page /XYZ left top zoom].
	dest := func(page int, y float64) string {
		return "[" + ref(pageObjs[page]) + " /XYZ 0 " + num(d.paper(d.pages[page].paper).Height-y) + " null]"
	}
	var slots []*pdfFont
	for _, s := range d.stubs.list {
		slots = append(slots, &faces[layout.Face(s[0])][s[1]])
	}
	dr := drawer{faces: faces, images: images, tree: d.tree}
	most := 0 // room for the largest page as drawn, and its furniture
	for _, rec := range d.pages {
		most = max(most, len(rec.content))
	}
	dr.buf = make([]byte, 0, most+4<<10)
	uris := map[string]int{} // URL → its URI action's object
	kids := make([]byte, 0, 8*total)
	var zr io.ReadCloser
	var content bytes.Buffer
	for k, i := range order {
		rec := &d.pages[i]
		paper := d.paper(rec.paper)
		dr.start(paper.Height)
		if rec.held != nil {
			if err := d.drawBoxes(&dr, rec, i, rec.held.Boxes, rec.held.Elems, nil, false); err != nil {
				return err
			}
		} else {
			c := rec.content
			if rec.zipped {
				if zr == nil {
					zr = flate.NewReader(bytes.NewReader(c))
				} else if err := zr.(flate.Resetter).Reset(bytes.NewReader(c), nil); err != nil {
					return err
				}
				content.Reset()
				if _, err := content.ReadFrom(zr); err != nil {
					return fmt.Errorf("render: %w", err)
				}
				c = content.Bytes()
			}
			expand(&dr, c, slots, names)
			dr.restore(rec.end)
		}
		f, err := furnish(i)
		if err != nil {
			return err
		}
		if err := d.drawBoxes(&dr, rec, i, f, nil, nil, true); err != nil {
			return err
		}
		if tagged {
			dr.close()
		}
		var annots []string
		var annotObjs []int // of the annotations in the structure, written with it
		for _, l := range rec.links {
			// Printed (/F 4): ISO 19005-2 (6.3.2) wants every
			// annotation printed, and readers otherwise drop links
			// from printouts and conversions.
			a := "<</Type /Annot /Subtype /Link /Rect [" + num(l.x) + " " + num(paper.Height-l.y-l.h) + " " +
				num(l.x+l.w) + " " + num(paper.Height-l.y) + "] /F 4 /Border [0 0 0]"
			if url := d.strs.bytes(l.url); len(url) > 0 {
				// One URI action per address, however many lines
				// (and links) it is drawn on: a long address cut over
				// many lines no longer repeats in each line's link.
				act, ok := uris[string(url)]
				if !ok {
					act = pw.alloc()
					pw.object(act, "<</S /URI /URI "+literal(asciiURI(string(url)))+">>")
					uris[string(url)] = act
				}
				a += " /A " + ref(act) + ">>"
			} else {
				to, _ := d.sv.anchors.getBytes(d.strs.bytes(l.dest))
				a += " /Dest " + dest(to.page, to.y) + ">>"
			}
			if tagged {
				n := pw.alloc()
				if l.tree >= 0 {
					d.tree.written(l.tree, n, a[:len(a)-2])
				} else {
					pw.object(n, a)
				}
				annotObjs = append(annotObjs, n)
				continue
			}
			annots = append(annots, a)
		}
		obj := pw.alloc()
		if err := pw.stream(obj, "", dr.buf); err != nil {
			return fmt.Errorf("render: %w", err)
		}
		var pg strings.Builder
		pg.WriteString("<</Type /Page /Parent " + ref(pagesObj) + " /MediaBox [0 0 " + num(paper.Width) + " " + num(paper.Height) + "]")
		group := false // the page draws a picture through a soft mask
		if len(rec.drawn) == 0 {
			pg.WriteString(" /Resources " + resources)
		} else {
			pg.WriteString(" /Resources <</ProcSet [/PDF /Text /ImageB /ImageC] /Font " + fontRes + " /XObject <<")
			for _, n := range rec.drawn {
				name := names[n]
				pg.WriteString(" /" + name + " " + ref(imageObjs[name]))
				group = group || masked[name]
			}
			pg.WriteString(">>>>")
		}
		pg.WriteString(" /Contents " + ref(obj))
		if group {
			// A page blending a soft-masked picture says in which colour
			// space it blends (ISO 32000-1, 11.6.6; ISO 19005-2, 6.2.10).
			pg.WriteString(" /Group <</Type /Group /S /Transparency /CS /DeviceRGB>>")
		}
		if tagged {
			// Its key in the parent tree; annotations in the order of
			// the structure (PDF/UA-1, 7.18.3).
			pg.WriteString(" /StructParents " + strconv.Itoa(i))
			if len(annotObjs) > 0 {
				pg.WriteString(" /Tabs /S /Annots [")
				for j, n := range annotObjs {
					if j > 0 {
						pg.WriteByte(' ')
					}
					pg.WriteString(ref(n))
				}
				pg.WriteString("]")
			}
		}
		if len(annots) > 0 {
			pg.WriteString(" /Annots [")
			for j, a := range annots {
				n := pw.alloc()
				pw.object(n, a)
				if j > 0 {
					pg.WriteByte(' ')
				}
				pg.WriteString(ref(n))
			}
			pg.WriteString("]")
		}
		pg.WriteString(">>")
		pw.object(pageObjs[i], pg.String())
		if k > 0 {
			kids = append(kids, ' ')
		}
		kids = append(kids, ref(pageObjs[i])...)
		*rec = pageRec{paper: rec.paper}
		pw.flush()
	}
	pw.object(pagesObj, "<</Type /Pages /Kids ["+string(kids)+"] /Count "+strconv.Itoa(total)+">>")
	dr = drawer{} // its page buffer and the tree, let go once written

	info := d.info
	created := info.Created
	if created.IsZero() {
		created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	files, err := attach(pw, info.Files, created)
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	keywords := info.Keywords
	if info.Marking != "" {
		keywords = append([]string{info.Marking}, keywords...)
	}
	m := meta{title: clip(xmlText(info.Title)), author: clip(xmlText(info.Author)), subject: clip(xmlText(info.Subject)),
		keywords: clip(xmlText(strings.Join(keywords, ", "))), marking: clip(xmlText(info.Marking)), lang: info.Lang, created: created}
	cat := "<</Type /Catalog /Pages " + ref(pagesObj) + files
	if d.opt.Profile == Archival {
		part := 2
		if len(info.Files) > 0 {
			part = 3
		}
		if d.opt.Encrypted {
			part = 0
		}
		cat += archive(pw, m, part, tagged)
	}
	if tagged {
		var first [][2]int
		if len(d.fronts) > 0 {
			first = d.tree.reorder(pos)
		}
		// Elements and links are numbered in the order they were made,
		// except those made on the page given with the first text with
		// marks and after it, numbered in the order they are drawn in
		// the PDF: the order in which they were made when such pages
		// were kept whole until Close, so that a digest with marks has
		// the bytes it had then.
		var key []int
		if d.markAt >= 0 && first != nil {
			key = make([]int, total)
			for i := range key {
				key[i] = -1
				if i >= d.markAt {
					key[i] = pos[i]
				}
			}
		}
		cat += " /MarkInfo <</Marked true>> /StructTreeRoot " + ref(d.tree.write(pw, pageObjs, key, first)) +
			" /ViewerPreferences <</DisplayDocTitle true>>"
		d.tree = nil // written: a table of 50,000 rows has 300,000 elements
	}
	if len(d.marks) > 0 {
		// The outline in page order, each page's furniture after its
		// body.
		slices.SortStableFunc(d.marks, func(a, b bookmark) int {
			if a.page != b.page {
				return pos[a.page] - pos[b.page]
			}
			switch {
			case a.furniture == b.furniture:
				return 0
			case b.furniture:
				return -1
			}
			return 1
		})
		marks := make([]mark, len(d.marks))
		for i, b := range d.marks {
			marks[i] = mark{title: d.strs.get(b.title), level: b.level, dest: dest(b.page, b.y)}
		}
		cat += " /Outlines " + ref(outline(pw, marks)) + " /PageMode /UseOutlines"
	}
	if info.Lang != "" {
		cat += " /Lang (" + pdfString(info.Lang) + ")"
	}
	pw.object(catalog, cat+">>")

	var in strings.Builder
	in.WriteString("<<")
	for _, kv := range [][2]string{{"Title", m.title}, {"Author", m.author}, {"Subject", m.subject},
		{"Keywords", m.keywords}, {"TLP", m.marking}, {"Creator", producer}, {"Producer", producer}} {
		if kv[1] != "" {
			in.WriteString("/" + kv[0] + " " + text(kv[1]) + " ")
		}
	}
	in.WriteString("/CreationDate " + date(created) + " /ModDate " + date(created) + ">>")
	pw.object(infoObj, in.String())

	tail := pw.finish(catalog, infoObj)
	if pw.err != nil {
		return fmt.Errorf("render: write: %w", pw.err)
	}
	if _, err := d.w.Write(tail); err != nil {
		return fmt.Errorf("render: write: %w", err)
	}
	return nil
}
