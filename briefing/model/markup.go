package model

import "strings"

// A format-2 text is Markdown (CommonMark with GFM tables, strikethrough
// and autolinks). Package validate parses it once into the blocks below;
// package compose walks them into the blocks of the layout. Offsets (Off)
// are byte offsets into the text's value as validated (NFC, "\n" line
// ends), -1 where unknown.

// BlockKind says what a [Block] is.
type BlockKind int

// The kinds of blocks a text holds.
const (
	Para  BlockKind = iota // a paragraph: Inlines
	List                   // a bullet or ordered list: Items, Ordered, Start
	Code                   // a code block: Code, each line ending in "\n"
	Quote                  // a block quote: Blocks
	Grid                   // a GFM pipe table: Table
)

// Block is one block of a format-2 text.
type Block struct {
	Kind    BlockKind
	Inlines []Inline // Para
	Items   []Item   // List
	Ordered bool     // List: numbered (1. 2. or 1) 2))
	Start   int      // List: the number of the first item when Ordered
	Code    string   // Code: the lines as written
	CodeOff int      // Code: offset of Code's first byte when the text holds it as it is (no indent taken off), else -1
	Blocks  []Block  // Quote
	Table   *Table   // Grid
	Off     int
}

// Item is one item of a list: its blocks (a paragraph, nested lists…),
// and for an item of a GFM task list ("- [ ] open", "- [x] done") its
// checkbox.
type Item struct {
	Blocks []Block
	Task   Task
}

// Task is the checkbox of a list item: none, open ([ ]) or done ([x] or
// [X]).
type Task int

// The states of a list item's checkbox.
const (
	NoTask Task = iota
	TaskOpen
	TaskDone
)

// Align is the alignment a GFM table's delimiter row asks of a column.
type Align int

// Column alignments: AlignNone when the delimiter row has no colon.
const (
	AlignNone Align = iota
	AlignLeft
	AlignRight
	AlignCenter
)

// Table is a GFM pipe table: a header row, body rows of the same number
// of cells, and each column's alignment.
type Table struct {
	Align  []Align
	Header [][]Inline
	Rows   [][][]Inline
}

// Mark is a set of inline styles.
type Mark uint8

// Inline styles: **strong**, *emphasis*, ~~strike~~ and `code`.
const (
	Strong Mark = 1 << iota
	Emph
	Strike
	Mono
)

// Inline is a run of text in one style: literal Text, a link (URL), a
// citation of the reference with id Ref (Text is then "[id]"), a hard
// line break (Break, Text empty), or a soft line break joined (Soft, Text
// " " or "" as the characters written around it ask; one who draws the
// inlines around it differently from their source, as a citation is
// drawn, joins it again from what is drawn).
type Inline struct {
	Text  string
	Mark  Mark
	URL   string
	Ref   string
	Break bool
	Soft  bool
	Off   int
}

// Blocks returns the parsed blocks of value, which must be one of t's
// values (t.Plain or a language's Value), or nil for a format-1 text.
func (t Text) Blocks(value string) []Block {
	if t.Plain != "" && value == t.Plain {
		return t.Doc
	}
	for _, l := range t.Langs {
		if l.Value == value {
			return l.Doc
		}
	}
	return nil
}

// PlaceOf returns the position map of value, which must be one of t's
// values (see [Text.Blocks]); nil when there is none.
func (t Text) PlaceOf(value string) func(off int) Pos {
	if t.Plain != "" && value == t.Plain {
		return t.Place
	}
	for _, l := range t.Langs {
		if l.Value == value {
			return l.Place
		}
	}
	return nil
}

// AttackURL is the page of a MITRE ATT&CK technique: T1195 →
// https://attack.mitre.org/techniques/T1195/, T1195.002 →
// https://attack.mitre.org/techniques/T1195/002/.
func AttackURL(id string) string {
	return "https://attack.mitre.org/techniques/" + strings.ReplaceAll(id, ".", "/") + "/"
}
