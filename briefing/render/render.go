// Package render draws laid-out pages ([layout.Page]) into a PDF with fpdf.
// It is the only package that imports the PDF library.
//
// The output is deterministic: the same pages, info and fonts give the
// same bytes. Fonts are embedded as subsets named with the six-letter tag
// ISO 32000 requires (ABCDEF+BIZUDPGothic-Regular).
package render

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"briefing/briefing/layout"
	"briefing/briefing/ttf"
)

// Info is the document's metadata.
type Info struct {
	Title    string
	Author   string
	Subject  string
	Keywords []string
	Lang     string // BCP 47, e.g. "ja"
	// Created is the creation and modification date; the zero time means
	// 2000-01-01 UTC, never the clock.
	Created time.Time
}

// face is a font registered with fpdf.
type face struct {
	family string // fpdf family: "utf8"+family is the name fpdf writes
	name   string // the name written instead: tag+"+"+PostScript name
}

// PDF draws the pages into a PDF written to w. It fails, writing nothing,
// when a text holds a character above U+FFFF, a link points to an anchor
// the pages do not hold, a font is not a usable TrueType font, or fpdf
// reports an error or panics.
func PDF(w io.Writer, pages []layout.Page, info Info, fonts Fonts) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("render: pdf library panicked: %v", r)
		}
	}()
	if len(pages) == 0 {
		return errors.New("render: no pages")
	}
	if fonts == nil {
		return errors.New("render: no fonts")
	}
	used, anchors, err := survey(pages)
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	p0 := pages[0].Paper
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt",
		Size: fpdf.SizeType{Wd: p0.Width, Ht: p0.Height}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCellMargin(0)
	pdf.SetCatalogSort(true)
	created := info.Created
	if created.IsZero() {
		created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(created.UTC())
	pdf.SetModificationDate(created.UTC())
	pdf.SetTitle(info.Title, true)
	pdf.SetAuthor(info.Author, true)
	pdf.SetSubject(info.Subject, true)
	pdf.SetKeywords(strings.Join(info.Keywords, ", "), true)
	pdf.SetCreator("briefing", true)
	pdf.SetProducer("briefing", true)
	if info.Lang != "" {
		pdf.SetLang(pdfString(info.Lang))
	}

	// Register the faces the pages use, in face order.
	var order []layout.Face
	for f := range used {
		order = append(order, f)
	}
	slices.Sort(order)
	faces := map[layout.Face]face{}
	for _, f := range order {
		runes := make([]rune, 0, len(used[f]))
		for r := range used[f] {
			runes = append(runes, r)
		}
		slices.Sort(runes)
		prog, err := fonts.Program(f, runes)
		if err != nil {
			return fmt.Errorf("render: font of face %d: %w", f, err)
		}
		ts, err := tables(prog)
		if err != nil {
			return fmt.Errorf("render: font of face %d: %w", f, err)
		}
		// fpdf draws a character its font lacks as a blank box, silently.
		font, err := ttf.Parse(prog)
		if err != nil {
			return fmt.Errorf("render: font of face %d: %w", f, err)
		}
		var lack []string
		for _, r := range runes {
			if _, ok := font.Advance(r); !ok {
				lack = append(lack, layout.RuneName(r))
			}
		}
		if len(lack) > 0 {
			return fmt.Errorf("render: font of face %d has no glyph for %s", f, strings.Join(lack, ", "))
		}
		ps := postScriptName(ts["name"])
		name := subsetTag(ps, runes) + "+" + ps
		fc := face{family: familyKey(f, len(name)-len("utf8")), name: name}
		pdf.AddUTF8FontFromBytes(fc.family, "", prog)
		if pdf.Err() {
			return fmt.Errorf("render: font of face %d: %w", f, pdf.Error())
		}
		faces[f] = fc
	}

	// Destinations of internal links.
	links := map[string]int{}
	names := make([]string, 0, len(anchors))
	for n := range anchors {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		id := pdf.AddLink()
		a := anchors[n]
		pdf.SetLink(id, a.y, a.page+1)
		links[n] = id
	}

	d := drawer{pdf: pdf, faces: faces, links: links, level: -1}
	for _, p := range pages {
		size := fpdf.SizeType{Wd: p.Paper.Width, Ht: p.Paper.Height}
		if size.Wd <= 0 || size.Ht <= 0 {
			size = fpdf.SizeType{Wd: p0.Width, Ht: p0.Height}
		}
		pdf.AddPageFormat("P", size)
		for _, b := range p.Boxes {
			if err := d.box(b); err != nil {
				return fmt.Errorf("render: page %d: %w", pdf.PageNo(), err)
			}
		}
		if pdf.Err() {
			return fmt.Errorf("render: page %d: %w", pdf.PageNo(), pdf.Error())
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	out := buf.Bytes()
	for _, f := range order {
		fc := faces[f]
		var n int
		out, n = renameFont(out, "/utf8"+fc.family, "/"+fc.name)
		if n == 0 {
			return fmt.Errorf("render: font name %q not found in the output", "utf8"+fc.family)
		}
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("render: write: %w", err)
	}
	return nil
}

// anchor is where a named destination is.
type anchor struct {
	page int
	y    float64
}

// survey collects the characters each face draws and the anchors, and
// checks that every text can be drawn and every link has its anchor.
func survey(pages []layout.Page) (map[layout.Face]map[rune]bool, map[string]anchor, error) {
	used := map[layout.Face]map[rune]bool{}
	use := func(f layout.Face, s string) error {
		if used[f] == nil {
			used[f] = map[rune]bool{}
		}
		for _, r := range s {
			if r > 0xFFFF || r == '\uFFFD' || r < 0x20 {
				return fmt.Errorf("cannot draw %s in %q", layout.RuneName(r), s)
			}
			used[f][r] = true
		}
		return nil
	}
	anchors := map[string]anchor{}
	bookmarks := false
	for i, p := range pages {
		for _, b := range p.Boxes {
			switch b := b.(type) {
			case layout.TextBox:
				if err := use(b.Style.Face, b.Text); err != nil {
					return nil, nil, fmt.Errorf("page %d: %w", i+1, err)
				}
			case layout.Anchor:
				if _, dup := anchors[b.Name]; !dup {
					anchors[b.Name] = anchor{page: i, y: b.Y}
				}
			case layout.Bookmark:
				bookmarks = true
				for _, r := range b.Title {
					if r > 0xFFFF {
						return nil, nil, fmt.Errorf("page %d: bookmark %q: cannot show %s", i+1, b.Title, layout.RuneName(r))
					}
				}
			}
		}
	}
	for i, p := range pages {
		for _, b := range p.Boxes {
			if l, ok := b.(layout.Link); ok && l.URL == "" {
				if _, ok := anchors[l.Dest]; !ok {
					return nil, nil, fmt.Errorf("page %d: link to %q, which no anchor names", i+1, l.Dest)
				}
			}
		}
	}
	// A bookmark needs a UTF-8 font current when it is added.
	if bookmarks && used[layout.Regular] == nil {
		used[layout.Regular] = map[rune]bool{}
	}
	return used, anchors, nil
}

// drawer draws boxes on the current page.
type drawer struct {
	pdf   *fpdf.Fpdf
	faces map[layout.Face]face
	links map[string]int
	level int // level of the last bookmark
}

func (d *drawer) box(b layout.Box) error {
	pdf := d.pdf
	switch b := b.(type) {
	case layout.TextBox:
		if b.Text == "" {
			return nil
		}
		fc, ok := d.faces[b.Style.Face]
		if !ok {
			return fmt.Errorf("no font for face %d", b.Style.Face)
		}
		pdf.SetFont(fc.family, "", b.Style.Size)
		pdf.SetTextColor(int(b.Style.Color.R), int(b.Style.Color.G), int(b.Style.Color.B))
		if b.Spacing != 0 {
			// PDF character spacing (Tc), a text state parameter, in
			// user space units: points.
			pdf.RawWriteStr(fmt.Sprintf("%.4f Tc", b.Spacing))
		}
		pdf.Text(b.X, b.Y, b.Text)
		if b.Spacing != 0 {
			pdf.RawWriteStr("0 Tc")
		}
	case layout.Rect:
		style := ""
		if b.Fill != nil {
			pdf.SetFillColor(int(b.Fill.R), int(b.Fill.G), int(b.Fill.B))
			style += "F"
		}
		if b.Stroke != nil {
			pdf.SetDrawColor(int(b.Stroke.R), int(b.Stroke.G), int(b.Stroke.B))
			pdf.SetLineWidth(b.LineWidth)
			style += "D"
		}
		if style != "" {
			pdf.Rect(b.X, b.Y, b.W, b.H, style)
		}
	case layout.Line:
		pdf.SetDrawColor(int(b.Color.R), int(b.Color.G), int(b.Color.B))
		pdf.SetLineWidth(b.Width)
		pdf.Line(b.X1, b.Y1, b.X2, b.Y2)
	case layout.Polygon:
		style := ""
		if b.Fill != nil {
			pdf.SetFillColor(int(b.Fill.R), int(b.Fill.G), int(b.Fill.B))
			style += "F"
		}
		if b.Stroke != nil {
			pdf.SetDrawColor(int(b.Stroke.R), int(b.Stroke.G), int(b.Stroke.B))
			pdf.SetLineWidth(b.LineWidth)
			style += "D"
		}
		if style != "" && len(b.Points) >= 2 {
			pts := make([]fpdf.PointType, len(b.Points))
			for i, p := range b.Points {
				pts[i] = fpdf.PointType{X: p.X, Y: p.Y}
			}
			pdf.Polygon(pts, style)
		}
	case layout.Link:
		if b.URL != "" {
			pdf.LinkString(b.X, b.Y, b.W, b.H, b.URL)
		} else {
			pdf.Link(b.X, b.Y, b.W, b.H, d.links[b.Dest])
		}
	case layout.Anchor:
		// Registered with SetLink before drawing.
	case layout.Bookmark:
		// fpdf encodes the title as UTF-16 only while a UTF-8 font is
		// current; the outline's levels must not skip one.
		for _, f := range []layout.Face{layout.Regular, layout.Bold} {
			if fc, ok := d.faces[f]; ok {
				pdf.SetFont(fc.family, "", 10)
				break
			}
		}
		level := max(b.Level, 0)
		level = min(level, d.level+1)
		d.level = level
		pdf.Bookmark(b.Title, level, b.Y)
	case nil:
		return errors.New("nil box")
	default:
		return fmt.Errorf("unknown box %T", b)
	}
	return nil
}

// pdfString keeps only the characters a PDF literal string may hold
// unescaped (fpdf writes the language tag as it is).
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7F && r != '(' && r != ')' && r != '\\' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// subsetTag returns the six capital letters that name a subset: derived
// from the font's name and the characters it holds, so the same subset
// gets the same tag.
func subsetTag(ps string, runes []rune) string {
	h := sha256.New()
	h.Write([]byte(ps))
	for _, r := range runes {
		fmt.Fprintf(h, ",%x", r)
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// familyKey returns the family name a face is registered with in fpdf: n
// lower-case characters, so that "utf8"+key, which fpdf writes as the font
// name, is as long as the name written instead and the file's offsets stay
// right.
func familyKey(f layout.Face, n int) string {
	k := fmt.Sprintf("bf%d", int(f))
	if len(k) < n {
		k += strings.Repeat("z", n-len(k))
	}
	return k
}

// renameFont replaces the PDF name old by new, which has the same length,
// wherever it stands as a whole name.
func renameFont(b []byte, old, new string) ([]byte, int) {
	if len(old) != len(new) {
		return b, 0
	}
	n := 0
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte(old))
		if j < 0 {
			break
		}
		j += i
		end := j + len(old)
		if end == len(b) || strings.IndexByte(" \t\r\n/<>[]()%{}", b[end]) >= 0 {
			copy(b[j:end], new)
			n++
		}
		i = end
	}
	return b, n
}
