// Package markdown parses the texts of a format-2 incident file: Markdown
// as CommonMark defines it, with the GFM table, strikethrough and autolink
// (linkify) and task list extensions and goldmark's CJK extension, parsed by
// github.com/yuin/goldmark. It walks goldmark's tree into the blocks of
// package model, and reports the markup a briefing cannot show (raw HTML,
// images, headings, link reference definitions) at the byte offset where it
// is written.
//
// # Line breaks
//
// A soft line break (a single newline inside a paragraph) is joined as a
// reader of the language expects: nothing between two East Asian wide
// characters (see [Wide]), one space otherwise (an inline of its own,
// [model.Inline].Soft, to be joined again from what is drawn around it), so that
// "203.0.113.10\n198.51.100.7" keeps the two addresses apart and
// "Microsoft\nDefender" stays two words, while "検知\n製品" is one word. A
// hard break (a backslash or two spaces at the end of the line) breaks the
// line in the briefing.
//
// # Links
//
// Links are [text](url), <url> and bare URLs; their URLs are returned in
// [Result].Links for the caller to check. CVE IDs (CVE-2021-30116) and
// MITRE ATT&CK technique IDs (T1195.002) in text, outside code and links,
// become links to www.cve.org and attack.mitre.org. "[id]" where id has the
// form of a reference id is a citation, as in format 1; "\[" writes a
// literal bracket.
package markdown

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/width"

	"briefing/briefing/model"
)

// MaxDepth is how deep lists and block quotes may nest in a text: deeper
// would leave the text a column too narrow to read.
const MaxDepth = 8

// Problem is markup a briefing cannot show, at byte offset Off of the text.
type Problem struct {
	Off     int
	Message string
}

// Link is a URL written in a text, at byte offset Off (of the link's
// first character).
type Link struct {
	URL string
	Off int
}

// Result is a text parsed: its blocks, the links written in it (to be
// checked as URLs), and the problems found. Blocks are complete even when
// there are problems: what cannot be shown is left out.
type Result struct {
	Blocks   []model.Block
	Links    []Link
	Problems []Problem
}

var md = goldmark.New(goldmark.WithExtensions(
	extension.Table, extension.Strikethrough, extension.TaskList,
	extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:", "mailto:", "ftp:", "file:"})),
	extension.CJK,
))

// Parse parses src, one text of a format-2 file (NFC, "\n" line ends).
func Parse(src string) Result {
	if plainText(src) {
		return parsePlain(src)
	}
	return parseMarkdown(src)
}

// parseMarkdown is [Parse] by goldmark's parser.
func parseMarkdown(src string) Result {
	source := []byte(src)
	doc := md.Parser().Parse(text.NewReader(source))
	w := &walker{src: source, str: src}
	w.res.Blocks = w.blocks(doc, 0)
	// In the order written (bare URLs are found after the links around
	// them), so that their positions are found in one pass.
	sort.SliceStable(w.res.Links, func(i, j int) bool { return w.res.Links[i].Off < w.res.Links[j].Off })
	return w.res
}

// plainText reports whether src is paragraphs of text alone, which goldmark
// would parse into paragraphs of one text a line, soft line breaks
// between them: no character that starts or ends markup, a block (a list
// item's "-" or "1.", a heading's "=" underline, a table's delimiter
// row, an indented line), an
// escape, an entity, a link or image ("[a](", "![", "[a]:"; without
// a definition "[a][b]" is text),
// a hard line break (spaces ending a line) or a URL or e-mail address
// goldmark's linkify would find; no control character but line feeds.
// A citation "[r1]" is text to goldmark. Most texts of a briefing are
// plain, and [parsePlain] reads them without goldmark's parser, to the
// same Result (FuzzPlain checks it).
func plainText(src string) bool {
	if strings.HasSuffix(src, " ") {
		return false
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c >= utf8.RuneSelf { // never markup; valid UTF-8 or not plain
			if c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(src) && src[i+1]&0xC0 == 0x80 && src[i+2]&0xC0 == 0x80 {
				i += 2 // kana, kanji, full-width forms: three bytes always valid
				continue
			}
			r, size := utf8.DecodeRuneInString(src[i:])
			if r == utf8.RuneError && size == 1 {
				return false
			}
			i += size - 1
			continue
		}
		if i == 0 || src[i-1] == '\n' { // a line's first byte
			switch {
			case c == ' ' || c == '-' || c == '+' || c == '=' || c == ':':
				// ":" may start a table's delimiter row (":-", under a
				// one-column header without pipes).
				return false
			case c >= '0' && c <= '9':
				k := i
				for k < len(src) && src[k] >= '0' && src[k] <= '9' {
					k++
				}
				if k < len(src) && (src[k] == '.' || src[k] == ')') {
					return false
				}
			}
		}
		if !plainStops[c] {
			continue
		}
		switch c {
		case '\n':
			if i > 0 && src[i-1] == ' ' {
				return false
			}
		case ']':
			if i+1 < len(src) && (src[i+1] == '(' || src[i+1] == ':') {
				return false
			}
		case '[':
			if i > 0 && src[i-1] == '!' {
				return false
			}
		case ':':
			if p := src[:i]; strings.HasSuffix(p, "http") || strings.HasSuffix(p, "https") ||
				strings.HasSuffix(p, "ftp") || strings.HasSuffix(p, "file") || strings.HasSuffix(p, "mailto") {
				return false
			}
		case '.':
			if strings.HasSuffix(src[:i], "www") {
				return false
			}
		default: // markup, a control character
			return false
		}
	}
	return true
}

// plainStops are the bytes [plainText] looks at: those never in a plain
// text, and those it is plain only around.
var plainStops = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	for _, c := range []byte("\n]:[.\\`*_<>&#|~@\x7f") {
		t[c] = true
	}
	return t
}()

// parsePlain is [Parse] of a [plainText] text: a paragraph for each run of
// lines between empty lines, its lines joined by soft line breaks.
func parsePlain(src string) Result {
	w := &walker{src: nil, str: src}
	var ps []piece
	for i := 0; i < len(src); {
		if src[i] == '\n' {
			i++
			continue
		}
		start := i
		ps = ps[:0]
		for {
			end := strings.IndexByte(src[i:], '\n')
			if end < 0 {
				end = len(src)
			} else {
				end += i
			}
			w.text(src[i:end], i, 0, "", &ps)
			i = end
			if i+1 >= len(src) || src[i+1] == '\n' {
				break // the paragraph's last line
			}
			ps = append(ps, piece{soft: true, off: end})
			i++
		}
		w.res.Blocks = append(w.res.Blocks, model.Block{Kind: model.Para, Inlines: finish(join(ps), w.bare), Off: start})
	}
	sort.SliceStable(w.res.Links, func(i, j int) bool { return w.res.Links[i].Off < w.res.Links[j].Off })
	return w.res
}

type walker struct {
	src  []byte
	str  string // src as a string
	res  Result
	html bool // raw HTML reported in the block being walked
}

func (w *walker) problem(off int, format string, args ...any) {
	w.res.Problems = append(w.res.Problems, Problem{Off: w.clamp(off), Message: fmt.Sprintf(format, args...)})
}

// clamp keeps an offset inside the text: goldmark counts a tab before a
// block as the columns it stands for, which can point past the text's end.
func (w *walker) clamp(off int) int { return min(max(off, 0), len(w.src)) }

// unknown reports a node of a kind the walker does not know (none of
// the extensions used makes one).
func (w *walker) unknown(off int, n ast.Node) {
	w.res.Problems = append(w.res.Problems, Problem{Off: w.clamp(off), Message: n.Kind().String() + " cannot be shown in a briefing"})
}

// pos returns a node's offset: its own, or its first line's, or its first
// descendant's with one.
func pos(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if p := pos(c); p >= 0 {
			return p
		}
	}
	return -1
}

func (w *walker) blocks(parent ast.Node, depth int) []model.Block {
	var out []model.Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if b, ok := w.block(n, depth); ok {
			out = append(out, b)
		}
	}
	return out
}

func (w *walker) block(n ast.Node, depth int) (model.Block, bool) {
	off := pos(n)
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return model.Block{Kind: model.Para, Inlines: w.inlines(n), Off: off}, true
	case *ast.List:
		if depth >= MaxDepth {
			w.problem(off, "lists and quotes are nested more than %d deep; a briefing's column would be too narrow", MaxDepth)
			return model.Block{}, false
		}
		b := model.Block{Kind: model.List, Ordered: n.IsOrdered(), Start: n.Start, Off: off}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			item := model.Item{Blocks: w.blocks(it, depth+1)}
			if p := it.FirstChild(); p != nil {
				if box, ok := p.FirstChild().(*east.TaskCheckBox); ok {
					item.Task = model.TaskOpen
					if box.IsChecked {
						item.Task = model.TaskDone
					}
				}
			}
			b.Items = append(b.Items, item)
		}
		return b, true
	case *ast.Blockquote:
		if depth >= MaxDepth {
			w.problem(off, "lists and quotes are nested more than %d deep; a briefing's column would be too narrow", MaxDepth)
			return model.Block{}, false
		}
		return model.Block{Kind: model.Quote, Blocks: w.blocks(n, depth+1), Off: off}, true
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(w.src))
		}
		code := b.String()
		if code != "" && !strings.HasSuffix(code, "\n") {
			code += "\n"
		}
		expanded := expandTabs(code)
		codeOff := -1
		if lines.Len() > 0 {
			if start := lines.At(0).Start; start+len(code) <= len(w.src) && string(w.src[start:start+len(code)]) == code {
				codeOff = start
			}
		}
		if expanded != code {
			codeOff = -1 // no longer the text as written
		}
		return model.Block{Kind: model.Code, Code: expanded, CodeOff: codeOff, Off: off}, true
	case *ast.Heading:
		w.problem(off, "a heading cannot be shown inside a text: headings come from the template; write a paragraph, with **bold** for a lead-in")
	case *ast.ThematicBreak:
		w.problem(off, "a horizontal rule (---, ***) cannot be shown inside a text; separate paragraphs with a blank line (a line of dashes right under a line of text makes a heading)")
	case *ast.HTMLBlock:
		w.problem(off, "raw HTML cannot be shown in a briefing; write the text as Markdown (write a literal < as \\<)")
	case *ast.LinkReferenceDefinition:
		if strings.HasPrefix(string(n.Label), "^") {
			w.problem(off, "[%s]: … is a Markdown footnote, which a briefing does not print: write the note in the text (in parentheses), or as a [[references]] entry cited as [id]", n.Label)
			break
		}
		w.problem(off, "[%s]: … is a Markdown link reference definition, not a citation: cite a [[references]] entry as [id], and write a link in the text as [text](https://…)", n.Label)
	case *east.Table:
		return w.table(n, off), true
	default:
		w.unknown(off, n)
	}
	return model.Block{}, false
}

func (w *walker) table(n *east.Table, off int) model.Block {
	t := &model.Table{}
	for _, a := range n.Alignments {
		switch a {
		case east.AlignLeft:
			t.Align = append(t.Align, model.AlignLeft)
		case east.AlignRight:
			t.Align = append(t.Align, model.AlignRight)
		case east.AlignCenter:
			t.Align = append(t.Align, model.AlignCenter)
		default:
			t.Align = append(t.Align, model.AlignNone)
		}
	}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		var cells [][]model.Inline
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, w.inlines(c))
		}
		if _, head := r.(*east.TableHeader); head {
			t.Header = cells
		} else {
			t.Rows = append(t.Rows, cells)
			w.excess(r)
		}
	}
	return model.Block{Kind: model.Grid, Table: t, Off: off}
}

// excess reports a table row with more cells than the header: GFM drops
// the extra cells, and a briefing must not lose what was written. The row's
// cells end where goldmark ends them, at the first "|" not escaped after
// its last cell; anything after it but a closing "|" is a cell dropped.
func (w *walker) excess(row ast.Node) {
	last := row.LastChild()
	if last == nil || last.Pos() < 0 || last.Pos() > len(w.src) {
		return
	}
	src := w.str
	end := strings.IndexByte(src[last.Pos():], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += last.Pos()
	}
	for i := last.Pos(); i < end; i++ {
		if src[i] == '|' && (i == 0 || src[i-1] != '\\') {
			if rest := strings.TrimSpace(src[i+1 : end]); rest != "" && rest != "|" {
				w.problem(i+1, "this row has more cells than the table's header, and the cells after it would be lost: add a column to the header, or write a literal | as \\|")
			}
			return
		}
	}
}

// piece is a run of text as the walker finds it, before soft breaks are
// joined and citations and IDs found.
type piece struct {
	text    string
	mark    model.Mark
	url     string
	off     int
	escaped bool // one character written with a backslash: never markup
	soft    bool // a soft line break
	hard    bool // a hard line break
}

// inlines walks the inline children of a block into runs of text.
func (w *walker) inlines(n ast.Node) []model.Inline {
	var ps []piece
	w.html = false
	w.inline(n, 0, "", &ps)
	return finish(join(ps), w.bare)
}

func (w *walker) inline(parent ast.Node, mark model.Mark, url string, ps *[]piece) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			seg := n.Segment
			v := w.value(seg)
			if n.HardLineBreak() {
				v = strings.TrimSuffix(v, "\\")
			}
			if strings.IndexByte(v, '\t') >= 0 {
				v = strings.ReplaceAll(v, "\t", " ") // a space outside code blocks
			}
			if mark&model.Mono != 0 {
				*ps = append(*ps, piece{text: strings.ReplaceAll(v, "\n", " "), mark: mark, url: url, off: seg.Start})
			} else {
				w.text(v, seg.Start, mark, url, ps)
			}
			switch {
			case n.HardLineBreak():
				*ps = append(*ps, piece{hard: true, off: seg.Stop})
			case n.SoftLineBreak():
				*ps = append(*ps, piece{soft: true, off: seg.Stop})
			}
		case *ast.String:
			*ps = append(*ps, piece{text: string(n.Value), mark: mark, url: url, off: n.Pos()})
		case *ast.CodeSpan:
			w.inline(n, mark|model.Mono, url, ps)
		case *ast.Emphasis:
			m := model.Emph
			if n.Level >= 2 {
				m = model.Strong
			}
			w.inline(n, mark|m, url, ps)
		case *east.Strikethrough:
			w.inline(n, mark|model.Strike, url, ps)
		case *east.TaskCheckBox:
			// A task list item's checkbox: its list item's (see block).
		case *ast.Link:
			off := pos(n)
			if off < 0 {
				off = w.find(string(n.Destination), ps)
			} else if off > 0 && w.src[off-1] == '[' {
				off--
			}
			if off >= 0 && strings.HasPrefix(w.str[off:], "[^") {
				// A footnote's mark ([^1]), reported at its footnote:
				// its "URL" is the note's text.
				w.inline(n, mark, url, ps)
				continue
			}
			w.res.Links = append(w.res.Links, Link{URL: string(n.Destination), Off: off})
			w.inline(n, mark, string(n.Destination), ps)
		case *ast.AutoLink:
			label := n.Label(w.src)
			off := labelOffset(w.src, label)
			if off > 0 && w.src[off-1] == '<' {
				off--
			}
			u := string(n.URL(w.src))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
				u = "mailto:" + u
			}
			w.res.Links = append(w.res.Links, Link{URL: u, Off: off})
			*ps = append(*ps, piece{text: string(label), mark: mark, url: u, off: off})
		case *ast.Image:
			w.problem(pos(n), "a picture cannot be shown inside a text: use [[figures]]")
		case *ast.RawHTML:
			if w.html {
				continue // one message for the tags of a paragraph
			}
			w.html = true
			off := -1
			if n.Segments.Len() > 0 {
				off = n.Segments.At(0).Start
			}
			w.problem(off, "raw HTML cannot be shown in a briefing; write the text as Markdown (write a literal < as \\<)")
		default:
			w.unknown(pos(n), n)
		}
	}
}

// value returns the text of seg: a part of the source, not a copy, unless
// goldmark adds to it (the spaces a tab stands for, a line end).
func (w *walker) value(seg text.Segment) string {
	if seg.Padding == 0 && !seg.ForceNewline {
		return w.str[seg.Start:seg.Stop]
	}
	return string(seg.Value(w.src))
}

// labelOffset returns the offset of label within src when it is a slice
// of src (as goldmark's autolink labels are), else -1.
func labelOffset(src, label []byte) int {
	off := cap(src) - cap(label)
	if off >= 0 && off+len(label) <= len(src) && len(label) > 0 && &src[off] == &label[0] {
		return off
	}
	return -1
}

// find returns the offset of s in the source after the last piece, or -1.
func (w *walker) find(s string, ps *[]piece) int {
	from := 0
	if n := len(*ps); n > 0 {
		from = max((*ps)[n-1].off, 0)
	}
	if from > len(w.src) {
		return -1
	}
	if i := strings.Index(w.str[from:], s); i >= 0 {
		return from + i
	}
	return -1
}

// text adds the text v written at off, its backslash escapes and entity
// references resolved: an escaped character becomes a piece of its own,
// which is never read as a citation or an ID.
func (w *walker) text(v string, off int, mark model.Mark, url string, ps *[]piece) {
	start := 0
	flush := func(end int) {
		if end > start {
			s := v[start:end]
			if strings.IndexByte(s, '&') >= 0 {
				s = string(util.ResolveNumericReferences(util.ResolveEntityNames([]byte(s))))
			}
			*ps = append(*ps, piece{text: s, mark: mark, url: url, off: off + start})
		}
	}
	for i := 0; i+1 < len(v); i++ {
		k := strings.IndexByte(v[i:len(v)-1], '\\')
		if k < 0 {
			break // no backslash before the last byte
		}
		i += k
		if !util.IsPunct(v[i+1]) && v[i+1] != ' ' {
			continue
		}
		flush(i)
		if v[i+1] != ' ' { // "\ " is no character (goldmark's CJK escaped space)
			*ps = append(*ps, piece{text: v[i+1 : i+2], mark: mark, url: url, off: off + i + 1, escaped: true})
		}
		start = i + 2
		i++
	}
	flush(len(v))
}

// join replaces soft breaks by their joiner (see [Joiner]) and drops the
// spaces around them and around hard breaks.
func join(ps []piece) []piece {
	out := ps[:0:0]
	for i, p := range ps {
		switch {
		case p.soft:
			before := trimEnd(out)
			after := firstRune(ps[i+1:])
			if before != 0 && after != 0 {
				out = append(out, piece{text: Joiner(before, after), off: p.off, soft: true})
			}
		case p.hard:
			trimEnd(out)
			out = append(out, p)
		default:
			if i > 0 && (ps[i-1].soft || ps[i-1].hard) && p.mark&model.Mono == 0 && !p.escaped {
				p.text = strings.TrimLeft(p.text, " \t")
				if p.text == "" {
					continue
				}
			}
			out = append(out, p)
		}
	}
	return out
}

// trimEnd drops the spaces that end the last piece of ps (not in code) and
// returns the last character left, 0 for none.
func trimEnd(ps []piece) rune {
	for k := len(ps) - 1; k >= 0; k-- {
		p := &ps[k]
		if p.hard || p.soft {
			return 0
		}
		if p.mark&model.Mono == 0 && !p.escaped {
			p.text = strings.TrimRight(p.text, " \t")
		}
		if p.text != "" {
			r, _ := utf8.DecodeLastRuneInString(p.text)
			return r
		}
	}
	return 0
}

// firstRune returns the first character of the text that follows, after
// spaces; 0 for none.
func firstRune(ps []piece) rune {
	for _, p := range ps {
		if p.soft || p.hard {
			return 0
		}
		s := p.text
		if p.mark&model.Mono == 0 && !p.escaped {
			s = strings.TrimLeft(s, " \t")
		}
		if s != "" {
			r, _ := utf8.DecodeRuneInString(s)
			return r
		}
	}
	return 0
}

// Joiner is what a soft line break between the characters a and b becomes:
// nothing when both are East Asian wide characters ([Wide]), or when one is
// and the other is punctuation Japanese shares with Latin text
// ([Shared]: "」" / "——" is "」——"); else a space.
func Joiner(a, b rune) string {
	wa, wb := Wide(a), Wide(b)
	if wa && wb || wa && Shared(b) || wb && Shared(a) {
		return ""
	}
	return " "
}

// Shared reports whether r is a character of JIS X 0208 that Japanese
// text uses as its own but Unicode does not count as wide, because Latin
// text uses it too: beside a Japanese character it is Japanese, beside
// another character (or another of these) it is not. From JLReq's
// classes (W3C, Requirements for Japanese Text Layout, appendix A): the
// dash and leaders of cl-08 (— U+2014, which JIS X 0208 mappings such as
// macOS's and JIS X 0213's give for 1-1-29, where Windows gives ―
// U+2015; … and ‥ are [Wide]), the hyphens of cl-03 (‐ U+2010, – U+2013),
// the quotation marks of cl-01 and cl-02 (‘ ’ “ ”), and the symbols of
// JIS X 0208 row 1 and 2 that take a full em in Japanese text (§ ¨ ° ±
// ´ ¶ × ÷, ‖ † ‡ ‰ ′ ″, arrows, mathematical operators, geometric shapes,
// ★ ☆ ♪ ♭ ♯ and the like, box drawing).
func Shared(r rune) bool {
	switch {
	case r == 0xA7, r == 0xA8, r == 0xB0, r == 0xB1, r == 0xB4, r == 0xB6, r == 0xD7, r == 0xF7,
		r >= 0x2010 && r <= 0x2016, // ‐ ‑ ‒ – — ― ‖
		r >= 0x2018 && r <= 0x201D, // ‘ ’ ‚ ‛ “ ”
		r == 0x2020, r == 0x2021, r == 0x2030, r == 0x2032, r == 0x2033,
		r == 0x2103, r == 0x212B, // ℃ Å
		r >= 0x2190 && r <= 0x22FF, // arrows, mathematical operators
		r == 0x2312,                // ⌒
		r >= 0x2500 && r <= 0x257F, // box drawing
		r >= 0x25A0 && r <= 0x25FF, // geometric shapes
		r == 0x2605, r == 0x2606, r == 0x2640, r == 0x2642, r >= 0x266A && r <= 0x266F:
		return true
	}
	return false
}

// Wide reports whether r is an East Asian wide character: kana, kanji,
// CJK punctuation and symbols, full-width forms. Text made of them is
// written without spaces; Hangul is not counted (Korean spaces its words).
func Wide(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x303F, // radicals, CJK symbols and punctuation
		r >= 0x3040 && r <= 0x30FF, // kana
		r >= 0x3190 && r <= 0x31FF, // kanbun, CJK strokes, kana extensions
		r >= 0x3200 && r <= 0x4DBF, // enclosed CJK, compatibility, ext. A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xF900 && r <= 0xFAFF, // compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF01 && r <= 0xFF60, // full-width forms
		r >= 0xFF61 && r <= 0xFF9F, // half-width katakana and its punctuation
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFF,                       // ideographs beyond the BMP
		r == 0x2015, r == 0x2025, r == 0x2026, r == 0x203B: // ― ‥ … ※
		return true
	}
	return false
}

// findIDs returns the byte ranges of the CVE IDs (CVE-2021-30116: four
// digits, then four to seven) and ATT&CK technique IDs (T1195, T1195.002)
// in s that stand as words of their own: what the pattern
// \bCVE-\d{4}-\d{4,7}\b|\bT\d{4}(?:\.\d{3})?\b matches (a hand-written
// scanner: the regular expression was a third of parsing a text).
func findIDs(s string) [][2]int {
	var out [][2]int
	word := func(i int) bool { // s[i] is a word character (\w)
		if i < 0 || i >= len(s) {
			return false
		}
		c := s[i]
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
	}
	digits := func(i, n int) bool {
		if i+n > len(s) {
			return false
		}
		for k := i; k < i+n; k++ {
			if s[k] < '0' || s[k] > '9' {
				return false
			}
		}
		return true
	}
	// Straight to the next C or T: the next of each is looked for again
	// only once passed, so that the text is read once.
	nextC, nextT := -1, -1
	next := func(from int, c byte) int {
		if k := strings.IndexByte(s[from:], c); k >= 0 {
			return from + k
		}
		return len(s)
	}
	for i := 0; i < len(s); i++ {
		if nextC < i {
			nextC = next(i, 'C')
		}
		if nextT < i {
			nextT = next(i, 'T')
		}
		if i = min(nextC, nextT); i >= len(s) {
			break
		}
		if word(i - 1) {
			continue
		}
		if s[i] == 'C' && strings.HasPrefix(s[i:], "CVE-") && digits(i+4, 4) && i+8 < len(s) && s[i+8] == '-' {
			n := 0
			for i+9+n < len(s) && s[i+9+n] >= '0' && s[i+9+n] <= '9' {
				n++
			}
			if n >= 4 && n <= 7 && !word(i+9+n) {
				out = append(out, [2]int{i, i + 9 + n})
				i += 8 + n
			}
			continue
		}
		if s[i] == 'T' && digits(i+1, 4) {
			end := i + 5
			if end < len(s) && s[end] == '.' && digits(end+1, 3) && !word(end+4) {
				end += 4
			} else if word(end) {
				continue
			}
			out = append(out, [2]int{i, end})
			i = end - 1
		}
	}
	return out
}

// finish turns pieces into inlines: runs of plain text of the same style
// merged, citations and IDs found in them.
func finish(ps []piece, link func(Link)) []model.Inline {
	var out []model.Inline
	for i := 0; i < len(ps); {
		p := ps[i]
		if p.hard || p.soft {
			out = append(out, model.Inline{Text: p.text, Break: p.hard, Soft: p.soft, Off: p.off})
			i++
			continue
		}
		if p.escaped || p.url != "" || p.mark&model.Mono != 0 {
			out = appendInline(out, model.Inline{Text: p.text, Mark: p.mark, URL: p.url, Off: p.off})
			i++
			continue
		}
		// A run of plain pieces of one style.
		j := i
		if j+1 == len(ps) || !plainAs(ps[j+1], p.mark) {
			// One piece, the most common run: its text as it is.
			at := func(k int) int { return shift(p.off, k) }
			out = appendMarked(out, p.text, p.mark, at, link)
			i = j + 1
			continue
		}
		var b strings.Builder
		var starts []int
		for j < len(ps) && plainAs(ps[j], p.mark) {
			starts = append(starts, b.Len())
			b.WriteString(ps[j].text)
			j++
		}
		run := b.String()
		at := func(k int) int { // offset in the source of byte k of run
			n := sort.SearchInts(starts, k+1) - 1
			if ps[i+n].off < 0 {
				return -1
			}
			return ps[i+n].off + k - starts[n]
		}
		out = appendMarked(out, run, p.mark, at, link)
		i = j
	}
	return out
}

// plainAs reports whether p is plain text of style mark, to be merged into
// a run of such pieces.
func plainAs(p piece, mark model.Mark) bool {
	return !p.hard && !p.soft && !p.escaped && p.url == "" && p.mark == mark
}

// appendMarked appends the run s of style mark, split into literal text,
// citations and linked IDs.
func appendMarked(out []model.Inline, s string, mark model.Mark, at func(int) int, link func(Link)) []model.Inline {
	if strings.IndexByte(s, '[') < 0 { // no citation: one literal inline
		if s == "" {
			return out
		}
		return append(out, splitIDs([]model.Inline{{Text: s, Mark: mark, Off: at(0)}}, mark, link)...)
	}
	var run []model.Inline
	lit := 0
	emit := func(end int) {
		if end > lit {
			run = appendInline(run, model.Inline{Text: s[lit:end], Mark: mark, Off: at(lit)})
		}
	}
	for _, seg := range cites(s) {
		if seg[2] == 0 {
			continue
		}
		emit(seg[0])
		run = append(run, model.Inline{Text: s[seg[0]:seg[1]], Mark: mark, Ref: s[seg[0]+1 : seg[1]-1], Off: at(seg[0])})
		lit = seg[1]
	}
	emit(len(s))
	return append(out, splitIDs(run, mark, link)...)
}

// splitIDs links the CVE and ATT&CK IDs and the bare URLs and e-mail
// addresses goldmark's linkify left (those written right after a
// character that is not a space, as in Japanese text: see [bare]) in the
// plain inlines of style mark (citations are left alone); link is told
// of each URL, to be checked.
func splitIDs(in []model.Inline, mark model.Mark, link func(Link)) []model.Inline {
	var out []model.Inline // nil while every inline is kept as it is
	for i, x := range in {
		if x.Ref != "" || x.URL != "" || x.Break || x.Mark != mark || x.Mark&model.Mono != 0 ||
			!strings.Contains(x.Text, "://") && strings.IndexByte(x.Text, '@') < 0 && findIDs(x.Text) == nil {
			if out != nil {
				out = append(out, x)
			}
			continue
		}
		if out == nil {
			out = append(make([]model.Inline, 0, len(in)+2), in[:i]...)
		}
		last := 0
		add := func(start, end int, u string) {
			if start > last {
				out = append(out, model.Inline{Text: x.Text[last:start], Mark: mark, Off: shift(x.Off, last)})
			}
			out = append(out, model.Inline{Text: x.Text[start:end], Mark: mark, URL: u, Off: shift(x.Off, start)})
			last = end
		}
		ids := func(from, to int) {
			for _, m := range findIDs(x.Text[from:to]) {
				add(from+m[0], from+m[1], IDURL(x.Text[from+m[0]:from+m[1]]))
			}
		}
		if strings.Contains(x.Text, "://") || strings.IndexByte(x.Text, '@') >= 0 {
			for _, m := range linkable().FindAllStringSubmatchIndex(x.Text, -1) {
				start, end, u := m[0], m[1], ""
				if m[6] >= 0 { // an e-mail address
					end = start + len(strings.TrimRight(x.Text[start:end], ".-"))
					u = "mailto:" + x.Text[start:end]
				} else {
					end = trimURL(x.Text, start, end)
					u = x.Text[start:end]
					if !dotted(u) {
						continue // as goldmark's linkify: a host has a dot
					}
				}
				ids(last, start)
				link(Link{URL: u, Off: shift(x.Off, start)})
				add(start, end, u)
			}
		}
		ids(last, len(x.Text))
		if last < len(x.Text) {
			out = append(out, model.Inline{Text: x.Text[last:], Mark: mark, Off: shift(x.Off, last)})
		}
	}
	if out == nil {
		return in
	}
	return out
}

// bare records a bare URL or e-mail address found in text.
func (w *walker) bare(l Link) { w.res.Links = append(w.res.Links, l) }

// linkable finds, in text goldmark's linkify did not link, a bare URL
// (group 1: its host in ASCII, the URL ending at the first character that
// is not ASCII or not allowed in a URL; group 2: an internationalized
// host, the URL ending at a space or at CJK punctuation or a full-width
// bracket) or an e-mail address (group 3).
var linkable = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(
		`((?i:https?|ftp)://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+)` +
			`|((?i:https?|ftp)://[^\x00-\x7F\s\x{3000}-\x{303F}\x{FF01}-\x{FF0F}\x{FF1A}-\x{FF20}\x{FF3B}-\x{FF40}\x{FF5B}-\x{FF65}][^\s<>"\x{3000}-\x{303F}\x{FF01}-\x{FF0F}\x{FF1A}-\x{FF20}\x{FF3B}-\x{FF40}\x{FF5B}-\x{FF65}]*)` +
			`|([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)`)
})

// dotted reports whether the host of URL u (scheme://host/…) has a dot.
func dotted(u string) bool {
	h := u[strings.Index(u, "://")+3:]
	if i := strings.IndexAny(h, "/?#"); i >= 0 {
		h = h[:i]
	}
	return strings.Contains(h, ".")
}

// trimURL returns where the URL found at s[start:end] ends, as GFM's
// extended autolinks end: without the punctuation that ends a sentence
// (. , : ; ! ? ' ") and without a ")" that opens nowhere in it.
func trimURL(s string, start, end int) int {
	for end > start {
		c := s[end-1]
		switch {
		case strings.IndexByte(".,:;!?'\"", c) >= 0:
			end--
			continue
		case c == ')' && strings.Count(s[start:end], ")") > strings.Count(s[start:end], "("):
			end--
			continue
		}
		break
	}
	return end
}

func shift(off, k int) int {
	if off < 0 {
		return -1
	}
	return off + k
}

// IDURL is the page of a CVE ID (https://www.cve.org/CVERecord?id=…) or of
// an ATT&CK technique ID (see [model.AttackURL]).
func IDURL(id string) string {
	if strings.HasPrefix(id, "CVE-") {
		return "https://www.cve.org/CVERecord?id=" + id
	}
	return model.AttackURL(id)
}

// cites returns the citations of s as [start, end, 1] byte ranges.
func cites(s string) [][3]int {
	if strings.IndexByte(s, '[') < 0 {
		return nil // most runs: nothing to split
	}
	var out [][3]int
	off := 0
	for _, seg := range model.Segments(s) {
		if seg.Ref != "" {
			out = append(out, [3]int{off, off + len(seg.Text), 1})
		}
		off += len(seg.Text)
	}
	return out
}

// appendInline appends x unless it is empty.
func appendInline(out []model.Inline, x model.Inline) []model.Inline {
	if x.Text == "" && !x.Break {
		return out
	}
	return append(out, x)
}

// TabStop is the distance between the tab stops of a code block, in
// columns: a tab moves to the next, as in a terminal, `expand` and the
// pagers and editors logs are read in.
const TabStop = 8

// expandTabs replaces each tab of code by the spaces up to the next tab
// stop ([TabStop]), counting a column for each character, two for an East
// Asian wide or full-width one (as the code face, BIZ UDGothic, draws it
// twice as wide) and none for a combining mark, so that tab-separated
// columns of a log stay aligned.
func expandTabs(code string) string {
	if strings.IndexByte(code, '\t') < 0 {
		return code
	}
	var b strings.Builder
	b.Grow(len(code) + 16)
	col := 0
	for _, r := range code {
		switch {
		case r == '\t':
			n := TabStop - col%TabStop
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		case r == '\n':
			col = 0
		case unicode.In(r, unicode.Mn, unicode.Me):
		default:
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				col += 2
			default:
				col++
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
