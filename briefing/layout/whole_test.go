package layout

import (
	"strings"
	"testing"
)

// textBoxes returns the text boxes of pages, in drawing order.
func textBoxes(pages []Page) []TextBox {
	var out []TextBox
	for _, p := range pages {
		for _, b := range p.Boxes {
			if tb, ok := b.(TextBox); ok {
				out = append(out, tb)
			}
		}
	}
	return out
}

// copied returns what a reader that honours /ActualText copies from
// boxes: each box's Actual where it is replaced, else its Text.
func copied(boxes []TextBox) string {
	var b strings.Builder
	for _, tb := range boxes {
		if tb.Replaced {
			b.WriteString(tb.Actual)
		} else {
			b.WriteString(tb.Text)
		}
		b.WriteByte('|')
	}
	return b.String()
}

// TestWholeSpans lays out whole runs (a URL, code, an indicator in a table
// cell, a line of a code block) that wrap, and checks that each line's
// boxes hold exactly the drawn characters while the copy of the first
// gives the whole run and the others nothing; a whole run that fits its
// line is drawn and copied as any other.
func TestWholeSpans(t *testing.T) {
	url := "https://www.example.com/research/a-long-path/that-does-not-fit/on-one-line/of-a-narrow-column?id=4c1a7f0e"
	hash := strings.Repeat("cf83e1357eefb8bdf1542850d66d8007", 4)
	reg := `HKLM\Software\Microsoft\Windows NT\CurrentVersion\Winlogon\Notify\something long`
	code := "curl -fsSL https://files-sync.example/upload/2023/12/01/archive-of-every-file-server-of-the-company-in-every-country.tar.gz -o /tmp/archive-of-every-file-server.tar.gz"
	short := "https://example.com/"
	doc := Document{Paper: A4, Blocks: []Block{
		Paragraph{Text: en, Spans: []Span{{Text: "See "}, {Text: url, URL: url, Whole: true}, {Text: " and "}, {Text: short, Whole: true}, {Text: " for more."}}},
		Table{Text: Text{Style: Style{Size: 9}}, Columns: []Column{{Header: plain("Type")}, {Header: plain("Value")}, {Header: plain("Note")}},
			Rows: []Row{
				{Cells: [][]Span{plain("sha512"), {{Text: hash, Code: true}}, plain("the encrypting executable of the intrusion")}},
				{Cells: [][]Span{plain("registry"), {{Text: reg, Code: true}}, plain("runs at logon")}},
			}},
		Code{Text: Text{Style: Style{Face: Mono, Size: 9}}, Code: "first line\n" + code + "\nlast line"},
	}}
	pages, err := Lay(doc, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	boxes := textBoxes(pages)
	for _, whole := range []string{url, hash, reg, code} {
		t.Run(whole[:8], func(t *testing.T) {
			// The boxes that draw it: from the one its copy starts with.
			first := -1
			for i, tb := range boxes {
				if tb.Replaced && tb.Actual == whole {
					if first >= 0 {
						t.Fatalf("two boxes copy as %q", whole)
					}
					first = i
				}
			}
			if first < 0 {
				t.Fatalf("no box copies as %q; boxes: %s", whole, copied(boxes))
			}
			drawn := ""
			n := 0
			for i := first; i < len(boxes) && len(drawn) < len(whole); i++ {
				tb := boxes[i]
				if !tb.Replaced {
					continue // the text of another cell, set between
				}
				if i > first && tb.Actual != "" {
					t.Errorf("box %d (%q) copies as %q, want nothing", i, tb.Text, tb.Actual)
				}
				drawn += tb.Text
				n++
			}
			if drawn != whole {
				t.Errorf("the lines draw %q, want %q (no character lost or added)", drawn, whole)
			}
			if n < 2 {
				t.Errorf("%q is drawn in %d box: the test wants it to wrap", whole, n)
			}
		})
	}
	for _, tb := range boxes {
		if strings.Contains(tb.Text, short) || tb.Text == "first line" || tb.Text == "last line" {
			if tb.Replaced {
				t.Errorf("%q fits its line but is replaced by %q", tb.Text, tb.Actual)
			}
		}
	}
}

// TestWholeSpanAfterBreak: a whole run whose line breaks after its
// leading space draws nothing on the first line; the box of its second
// line, the first it has, copies as the run.
func TestWholeSpanAfterBreak(t *testing.T) {
	url := "https://example.com/a/b/c"
	doc := Document{Paper: A4, Blocks: []Block{
		Paragraph{Text: en, Spans: []Span{{Text: strings.Repeat("word ", 19) + "end"}, {Text: " " + url, URL: url, Whole: true}, {Text: " more"}}},
	}}
	pages, err := Lay(doc, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, tb := range textBoxes(pages) {
		if tb.Text == url {
			n++
			if !tb.Replaced || tb.Actual != " "+url {
				t.Errorf("the run's box copies as %q (replaced %v), want %q", tb.Actual, tb.Replaced, " "+url)
			}
		}
	}
	if n != 1 {
		t.Fatalf("%d boxes draw %q alone: the test wants its line to break after the space; boxes: %s", n, url, copied(textBoxes(pages)))
	}
}
