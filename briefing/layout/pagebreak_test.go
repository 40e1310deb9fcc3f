package layout

import (
	"fmt"
	"testing"
)

func TestPageBreak(t *testing.T) {
	t.Parallel()
	para := func(s string) Block { return Paragraph{Text: ja, Spans: plain(s), Anchor: s} }
	doc := Document{Paper: A4, Furniture: furniture, Blocks: []Block{
		PageBreak{}, // nothing on the page yet: no empty first page
		para("一"),
		PageBreak{},
		&PageBreak{}, // right after a break: no empty page
		Spacer{Height: 30},
		para("二"),
		Heading{Text: ja, Spans: plain("三"), Level: 1, Bookmark: "三", Anchor: "三"},
		PageBreak{},
	}}
	pages, err := Lay(doc, fakeMetrics{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 {
		t.Fatalf("%d pages, want 2:\n%s", len(pages), Dump(pages))
	}
	where := map[string]int{}
	for i, p := range pages {
		for _, b := range p.Boxes {
			if a, ok := b.(Anchor); ok {
				where[a.Name] = i + 1
				if a.Name == "二" && a.Y > A4.Top+20 {
					t.Errorf("space after a break not dropped: 二 at %g", a.Y)
				}
			}
		}
		// The furniture comes last, an artifact.
		want := fmt.Sprintf("%d / 2", i+1)
		n := len(p.Boxes)
		if tb, ok := p.Boxes[n-1].(TextBox); !ok || tb.Text != want {
			t.Errorf("page %d ends with %v, want the footer %q", i+1, p.Boxes[n-1], want)
		}
		if p.Elems[n-1] != nil || p.Elems[n-2] != nil {
			t.Errorf("page %d: furniture in %v, %v, want an artifact", i+1, p.Elems[n-2], p.Elems[n-1])
		}
	}
	for name, page := range map[string]int{"一": 1, "二": 2, "三": 2} {
		if where[name] != page {
			t.Errorf("%s on page %d, want %d:\n%s", name, where[name], page, Dump(pages))
		}
	}
}
