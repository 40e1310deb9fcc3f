// Package layout lays blocks of text, tables and figures out on pages: it
// breaks lines by measured width (Japanese with kinsoku, English between
// words), justifies Japanese lines, paginates, and returns a tree of pages
// and positioned boxes. It knows nothing of incidents and does not draw:
// package render puts the tree on PDF pages.
//
// # Widths
//
// Every width comes from [Metrics]: Advance/1000 × size, the width package
// render writes into the PDF's width array, so a line measured here is the
// line drawn. A character followed by a variation selector that the font
// draws as one glyph (葛 U+E0100; see [Variants]) is one character of that
// glyph's width, which no line break nor spacing rule looks inside; an
// [Ignorable] character (a selector the font has no sequence for among
// them) takes no width and is dropped.
//
// # Line breaking
//
// A line breaks at spaces, between two CJK characters and between CJK and
// Latin text, following JIS X 4051 and the W3C's JLReq: no line starts
// with a closing bracket, 、。，．・：；？！, a small kana, ー, ゝゞヽヾ or 々
// (nor with ) ] } , . : ; ? ! right after CJK text), and no line ends with
// an opening bracket. Where a rule forbids a break, a justified Japanese
// line that 、。 or a closing bracket overflows by no more than the mark's
// own width (and 2% of the line) is set that much tighter (oikomi);
// otherwise the last character that may start a line is pushed to the next
// one (oidashi). Nothing is dropped and no line crosses the margin. A Latin word longer than a line is cut,
// (outside justified text, see below) after / ? & = - where one falls in
// the second half of the line, else after the last character that fits; only a single character wider than
// the line can stand past it. The [Breaking] setting of a block chooses how
// its lines are set: [Japanese] lines are justified to both margins but
// the last of a paragraph, [Latin] lines are ragged-right. A newline in a
// text breaks the line; a blank line ("\n\n") parts two paragraphs of a
// list item or a cell by a gap of under half a line.
//
// # Unbreakable sequences
//
// No line breaks inside a sequence of [Sequences] (JLReq 3.1.10 and house
// rules): a number with its unit or counter (50％, 17か国, 77億円), a
// currency or number sign with its number (￥12,800, №12), ―― and ……,
// and a citation mark (（文献1）, [1]).
//
// # Justification
//
// Between a kana or kanji and a Latin letter or digit stands a quarter em
// (JLReq 3.2.6; none next to punctuation or brackets, none inside code).
// A Japanese line takes the room it has left first from those spaces (up
// to half an em, or down to an eighth when it is too long), then from
// Latin word spaces, and only then evenly from the gaps between Japanese
// characters — never after an opening bracket, before a closing one, nor
// inside ―― and …… (JLReq 3.8). The breaks of a justified text are chosen
// over the whole paragraph (a total fit): a line that would need more
// than 0.10 em between its Japanese characters costs much, one past
// 0.15 em nearly forbids itself, so that another break, or a long URL or
// path broken after / . _ ? & = (after - only as a last resort), is taken
// instead. A line of mostly Latin text is set as Latin is, ragged.
//
// A piece with no break opportunity in it (a hash, a URL, a word) that
// does not fit after the text before it but fits a line starts the next
// line whole; the line before it, which nothing can fill, is left
// unjustified as a last line is, and so is any line whose gaps between
// Japanese characters would pass 0.15 em. JLReq 3.8 fills such a line by
// spreading its characters; readers then copy spaces that are not in the
// text, so it is not done here, nor is the text before the piece set a
// character or two per line. A piece longer than the line is cut where
// the line ends (see [Breaking]), and one that fits a line is broken
// after - only rather than leave a line less than half full. The
// room after each character is drawn in [TextBox].Spacing (Tc) or, where
// it differs, [TextBox].Gaps (TJ), and a line with any such room carries
// its text as written ([TextBox].Actual, an /ActualText span), so that
// copying it gives no spaces the text does not have.
//
// # Punctuation
//
// In a font whose brackets and 、。 take a full em with their ink in one
// half (BIZ UDGothic, Noto Sans CJK; measured glyph by glyph through
// [Inks], never by the font's name), each such mark is half an em of ink
// and half an em of space, and where two meet the space between them goes
// (JLReq 3.1.6): ）。, 。」 and 」、 stand solid, 」「 keep half an em
// between them, 「（ stand solid, a middle dot keeps a quarter em each side
// (」・「). A justified line that is too long gives
// up the remaining halves before anything else (JLReq 3.8): first that of
// a closing mark ending the line, which is then half-width with its blank
// half past the margin, then the others on the line evenly (an opening
// bracket after a closing mark down to a quarter em). An opening bracket
// starting a line keeps its space (full-width, as JIS X 4051 sets it by
// default). The proportional default font's marks are left as they are,
// and code keeps its fixed-width grid. The space taken out is drawn as
// negative room in [TextBox].Gaps or Spacing, and the line copies as
// written through its [TextBox].Actual.
//
// # Headings
//
// A heading breaks only between phrases and its lines are balanced (see
// breakPhrases): a dictionary-free rule set keeps kanji compounds,
// katakana words, Latin words and numbers in their brackets whole.
//
// # Tables
//
// A table's columns take their unwrapped widths when they fit, the room
// left shared in proportion. When they do not, the widths are chosen to
// make the table as short as it can be (the sum over its rows of their
// tallest cell's lines): no column is narrower than its longest word,
// and the short cells — numbers, dates, counts, terms, and a totals
// row's cells — are kept on one line whenever the columns allow it, and
// then, as the room allows, the dates and numbers with their words inside
// longer cells (2023年11月27日〜, 27 November 2023, 125,000 terminals; see
// longestPhrase), each broken costing as a wrapped short cell does.
// A column is as wide as its header's words and its short cells' words
// too (重要度, 緊急: see wordy), and such a cell of Japanese text breaks
// between phrases, as a heading does. When they do not all fit, the
// dates and short cells go to two lines before any word breaks.
// When even the longest words do not fit, the columns of long words
// (over a fifth of the table) give up the room, down to an eighth each,
// and are cut; the others keep their words whole (see giveUp). The
// room left then goes where a cell takes fewer lines or breaks at a
// better place (after 、 rather than inside 米国) or leave no cell
// ending on a stub. A cell whose last line would hold one character
// (ログオン時の自動起 / 動, or the last character of a cut hash) breaks
// its line before earlier, in as many lines (see avoidStub).
//
// # Pages
//
// Blocks are cut into units (a line, a table row, a figure, space) that
// the paginator places whole: space is dropped at the top of a page,
// headings (and figures marked KeepWithNext) go with the first line of
// what follows, a paragraph (and each paragraph of a list item) keeps
// its first two and last two lines together, a table repeats its header
// on every page it continues on and keeps its last row with the one
// before, a row taller than a page is split between lines, and a
// [PageBreak] starts a new page (never an empty one). [Document].Furniture
// is placed on every page once the number of pages is known.
//
// [Lay] returns every page at once. [Stream] hands each page to its
// caller as soon as it is full (package render draws it and lets it go),
// holding only the units not yet placed, and [Furnish] gives each page's
// furniture once the number of pages is known: the memory of a long
// document stays that of a few pages, not of all of them.
package layout
