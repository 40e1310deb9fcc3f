package render

import (
	"runtime"
	"testing"

	"briefing/briefing/layout"
)

// TestTreeLetsElementsGo: the structure tree keeps no element the layout
// has let go (a digest's briefings, one after the other), while an element
// still held is found again as the same node, its parents made once.
func TestTreeLetsElementsGo(t *testing.T) {
	tr := newTree(&strs{})
	doc := &layout.Elem{Role: "Document"}
	kept := []*layout.Elem{{Role: "Sect", Parent: doc}}
	keptNode := tr.node(kept[0])
	const n = 20000
	for i := range n {
		// A paragraph of its own section, let go once drawn.
		s := &layout.Elem{Role: "Sect", Parent: doc}
		p := &layout.Elem{Role: "P", Parent: s, Lang: "en"}
		tr.node(p)
		tr.node(p) // again: the same node
		if i%2000 == 0 {
			runtime.GC()
		}
	}
	runtime.GC()
	tr.node(&layout.Elem{Role: "P", Parent: kept[0]})
	if got, want := len(tr.nodes), 2+2*n+1; got != want {
		t.Fatalf("%d nodes, want %d (each element made once)", got, want)
	}
	if len(tr.index) > n/2 {
		t.Errorf("the index holds %d elements of %d, most of them let go", len(tr.index), 2*n+3)
	}
	if got := tr.node(kept[0]); got != keptNode {
		t.Errorf("an element still held is node %d, was %d", got, keptNode)
	}
	if got := tr.node(doc); got != 0 {
		t.Errorf("the parent of all is node %d, was 0", got)
	}
	if len(tr.top) != 1 || len(tr.attrs) != n || len(tr.roles) != 3 {
		t.Errorf("%d top elements, %d with attributes, %d roles; want 1, %d, 3", len(tr.top), len(tr.attrs), len(tr.roles), n)
	}
	runtime.KeepAlive(kept)
}
