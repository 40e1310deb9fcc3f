package layout

// Face selects a typeface of the template.
type Face int

// The faces a template provides: text in Regular and Bold, code in the
// fixed-width Mono and MonoBold.
const (
	Regular Face = iota
	Bold
	Mono
	MonoBold
)

// Metrics measures characters. The template's fonts implement it.
type Metrics interface {
	// Advance returns the advance width of r in face, in 1/1000 em
	// (rounded as the PDF's width array holds it), and whether the face
	// has a glyph for r.
	Advance(face Face, r rune) (width int, ok bool)
}

// Variants is a [Metrics] that knows the variation sequences its faces'
// fonts draw (Unicode's UVS, OpenType cmap format 14: 葛󠄀 is 葛 followed
// by U+E0100). A character followed by a variation selector (see
// [Selector]) that Variant knows is one character, of the sequence's
// width, drawn as its glyph: no line breaks between the two, no rule
// (spacing, justification, unbreakable sequences) looks inside, and the
// selector is kept in the [TextBox] text after its character. A selector
// Variant does not know is dropped, as any [Ignorable] character.
type Variants interface {
	Metrics
	// Variant returns the advance width of base followed by the
	// variation selector sel in face, in 1/1000 em, and whether the
	// font of face that draws base draws the sequence.
	Variant(face Face, base, sel rune) (width int, ok bool)
}

// Color is an RGB colour.
type Color struct{ R, G, B uint8 }

// Style is how a run of text looks. Size is in points. Slant draws the
// face obliqued (a synthetic italic: the fonts have none), Strike draws a
// line through the text, and Dots sets emphasis dots (傍点, JIS Z 8125's
// 圏点) above each character, as Japanese marks emphasis.
type Style struct {
	Face   Face
	Size   float64
	Color  Color
	Slant  bool
	Strike bool
	Dots   bool
}

// Span is a run of text in one style. A zero Style takes the block's style.
// URL makes the run a link to a web page, Dest a link to an [Anchor] of
// the document. Fill, when not nil, sets the run as a label on a box of
// that colour (TLP:AMBER on black): the text keeps its place and the box
// stands a little beyond it on every side. Code sets the run as code (a
// command, a path): it is never justified nor hyphenated, and it stays
// whole on one line, spaces included, unless it is longer than the line,
// when it is cut at character boundaries, as technical manuals set it.
// Cite marks a citation of a reference (文献1, [1]): a Reference element
// of the structure. Lang is the run's language (BCP 47) when it differs
// from its block's: an English title in a Japanese briefing.
// Whole marks a run that is one piece of data (a URL, an indicator of
// compromise): where a line breaks inside it, copying it out of the PDF
// gives it whole, without the line break (see [TextBox]); a Code run is
// whole too.
type Span struct {
	Text  string
	Style Style
	URL   string
	Dest  string
	Fill  *Color
	Code  bool
	Cite  bool
	Lang  string
	Whole bool
}

// Block is a piece of a document that the layout places: [Paragraph],
// [Heading], [List], [KeyValue], [Table], [Figure], [Code], [Quote],
// [Spacer] or [PageBreak].
type Block interface{ isBlock() }

// Breaking selects the line-breaking rules of a block.
type Breaking int

// Line-breaking rules.
const (
	// Latin breaks at spaces (and inside a word longer than the line),
	// lines ragged-right.
	Latin Breaking = iota
	// Japanese breaks between any two CJK characters with kinsoku
	// (JIS X 4051), lines justified to both margins but the last.
	Japanese
)

// Text settings shared by the blocks that hold running text.
type Text struct {
	Style    Style    // default style of the spans
	Breaking Breaking // line-breaking rules
	// Leading is the line height as a multiple of Style.Size; 0 means 1.7
	// for Japanese and 1.45 for Latin breaking.
	Leading float64
	// Lang is the language of the block's text (BCP 47) when it differs
	// from the document's (an untranslated passage); "" for the
	// document's.
	Lang string
}

// Paragraph is running text. KeepWithNext keeps it whole on the page of
// what follows (a line that introduces a figure).
type Paragraph struct {
	Text
	Spans        []Span
	Indent       float64 // left indent, points
	SpaceBefore  float64 // points
	SpaceAfter   float64 // points
	Anchor       string  // named destination at the paragraph, "" for none
	KeepWithNext bool
	// Role is the structure type when the paragraph is not a P: "Caption"
	// for a table's or a figure's caption.
	Role string
}

// Heading is a section title. It is never left alone at the bottom of a
// page: it moves with the first line of the block that follows.
type Heading struct {
	Text
	Spans []Span
	Level int // 1 for sections, 2 for sub-sections
	// Role is the structure type when the heading heads no section
	// ("Caption" for a figure's); "" for H1, H2… by Level (see Elem).
	Role        string
	Bookmark    string  // outline entry; "" for none
	Anchor      string  // named destination, "" for none
	Rule        bool    // draw a rule under the heading
	RuleColor   Color   // colour of the rule
	SpaceBefore float64 // points
	SpaceAfter  float64 // points
}

// List is a bulleted or numbered list. Each item's marker is given by the
// caller ("・", "①", "1."); wrapped lines hang under the item's text.
type List struct {
	Text
	Items       []ListItem
	Indent      float64 // left indent of the markers, points
	SpaceAfter  float64 // points
	ItemSpacing float64 // points between items
}

// ListItem is one item of a [List]. Blocks, when not nil, follow the
// item's spans in the item's text column (a second paragraph, a nested
// list, a code block): they hang under the text, as its wrapped lines do.
type ListItem struct {
	Marker string
	Spans  []Span
	Anchor string // named destination at the item, "" for none
	Blocks []Block
}

// KeyValue is a block of labelled values, the labels in a column of their
// own (for example a title block: 作成日, 重要度, TLP).
type KeyValue struct {
	Text
	Rows       []KeyValueRow
	KeyStyle   Style // style of the labels
	SpaceAfter float64
}

// KeyValueRow is one row of a [KeyValue] block. Blocks, when not nil,
// follow Value in the column of the values.
type KeyValueRow struct {
	Key    []Span
	Value  []Span
	Blocks []Block
}

// Align is the horizontal alignment of a table column.
type Align int

// Alignments.
const (
	Left Align = iota
	Right
	Center
)

// Table is a table whose column widths come from its content within the
// text width. Cell text is wrapped with the table's line-breaking rules.
// The header row is repeated on every page the table continues on; a row
// is never split when it fits on a page.
type Table struct {
	Text
	Columns     []Column
	Rows        []Row
	HeaderStyle Style // style of the header row's text
	HeaderFill  Color // background of the header row
	RuleColor   Color // colour of the rules between rows
	Padding     float64
	SpaceAfter  float64
	// EmphasisFill is the background of Emphasis rows; the zero Color
	// means a light grey. (A zero HeaderFill means no fill.)
	EmphasisFill Color
	// KeepWithNext keeps the last rows on the page of what follows (the
	// table's source line).
	KeepWithNext bool
}

// Column is a column of a [Table].
type Column struct {
	Header []Span
	Align  Align
}

// Row is a row of a [Table]: one cell (a list of spans) per column.
// Emphasis marks a row that stands out (a totals line): bold, shaded.
type Row struct {
	Cells    [][]Span
	Emphasis bool
}

// Figure is a picture drawn with vector boxes. Draw is called with the
// width the figure has (the text width) and returns the figure's height and
// its boxes, in coordinates relative to the figure's top-left corner. A
// figure is never split across pages. KeepWithNext keeps it on the page
// of what follows (the first lines of the list it illustrates), as a
// Heading is kept: a figure never ends a page that its text starts after.
//
// A figure is a Figure element of the structure whose alternate text is
// Alt, or else the Alt of the first [Image] it draws; one without either
// is decoration, an artifact. Role, when set, makes the figure's text an
// element of that type instead (a title drawn on a band: "H1"), its
// shapes artifacts. Each label (a [TextBox]) of a Figure element is
// followed by a space box that draws nothing (see TextBox.Break), so that
// its labels read as separate words.
type Figure struct {
	Draw         func(width float64) (height float64, boxes []Box)
	SpaceAfter   float64
	Anchor       string
	KeepWithNext bool
	Alt          string
	Role         string
}

// Code is a block of code (a log excerpt, a command) in the style of its
// Text, which should be a fixed-width face. Its lines are set as written,
// spaces kept, never justified; a line wider than the column is cut after
// the last character that fits and goes on at the start of the next line.
// Nothing is dropped. Fill, when not nil, shades the block.
type Code struct {
	Text
	Code       string
	Indent     float64 // left indent, points
	Fill       *Color
	SpaceAfter float64
}

// Quote is a block quotation: its blocks indented, a rule of RuleColor
// down their left side.
type Quote struct {
	Blocks     []Block
	Indent     float64 // of the rule, points; the blocks stand 8 pt right of it
	RuleColor  Color
	SpaceAfter float64
}

// Spacer is vertical space; it is dropped at the top of a page.
type Spacer struct {
	Height float64
}

func (Paragraph) isBlock() {}
func (Heading) isBlock()   {}
func (List) isBlock()      {}
func (KeyValue) isBlock()  {}
func (Table) isBlock()     {}
func (Figure) isBlock()    {}
func (Spacer) isBlock()    {}
func (Code) isBlock()      {}
func (Quote) isBlock()     {}

// Paper is the page size and margins, in points.
type Paper struct {
	Width, Height            float64
	Top, Right, Bottom, Left float64
}

// A4 is ISO A4 with 20 mm margins.
var A4 = Paper{Width: 595.28, Height: 841.89, Top: 70, Right: 57, Bottom: 64, Left: 57}

// Document is what [Lay] lays out: blocks flowing over pages of one paper.
// Furniture, when not nil, returns the boxes drawn on every page (running
// header, footer with "n / N", TLP label), for page n of total, in page
// coordinates.
type Document struct {
	Paper     Paper
	Blocks    []Block
	Furniture func(n, total int) []Box
	// Drop lets [Stream] let go of a long table's rows once it has set
	// them, clearing them in Blocks (a [Table]'s Rows keep their length,
	// each row zero): for a document laid out once, whose blocks are not
	// read again, such as a briefing drawn as it is laid out. A table of
	// 50,000 rows holds about 20 MB of them.
	Drop bool
}
