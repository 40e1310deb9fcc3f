package compose

import (
	"strings"
	"testing"

	"briefing/briefing/layout"
)

// TestPrefixKeepsBriefingsApart binds two briefings of the same incident
// into one document: every anchor and destination carries its briefing's
// prefix, no anchor is named twice, and every link finds its anchor.
func TestPrefixKeepsBriefingsApart(t *testing.T) {
	t.Parallel()
	th := testTheme(t)
	var blocks []layout.Block
	for _, prefix := range []string{"a-", "b-"} {
		doc, _ := BriefingWith(small(), "ja", th, Options{Prefix: prefix, Outline: true})
		blocks = append(blocks, doc.Blocks...)
	}
	pages, err := layout.Lay(layout.Document{Paper: layout.A4, Blocks: blocks}, th.Metrics)
	if err != nil {
		t.Fatal(err)
	}
	anchors := map[string]int{}
	var dests []string
	for _, p := range pages {
		for _, b := range p.Boxes {
			switch b := b.(type) {
			case layout.Anchor:
				anchors[b.Name]++
			case layout.Link:
				if b.Dest != "" {
					dests = append(dests, b.Dest)
				}
			}
		}
	}
	for name, n := range anchors {
		if n > 1 {
			t.Errorf("anchor %q named %d times", name, n)
		}
		if !strings.HasPrefix(name, "a-") && !strings.HasPrefix(name, "b-") {
			t.Errorf("anchor %q without its briefing's prefix", name)
		}
	}
	for _, want := range []string{"a-title", "b-title", "a-ref-1", "b-ref-1", "a-sec-summary", "b-sec-summary"} {
		if anchors[want] != 1 {
			t.Errorf("no anchor %q; have %v", want, anchors)
		}
	}
	if len(dests) == 0 {
		t.Fatal("no internal links")
	}
	for _, d := range dests {
		if anchors[d] != 1 {
			t.Errorf("link to %q, which no anchor names", d)
		}
	}
}

// TestOutlineNestsSections checks the outline levels: without options the
// sections are top-level entries; with Outline the title is, and every
// section sits one level deeper.
func TestOutlineNestsSections(t *testing.T) {
	t.Parallel()
	th := testTheme(t)
	marks := func(opt Options) []layout.Bookmark {
		doc, _ := BriefingWith(small(), "en", th, opt)
		pages, err := layout.Lay(doc, th.Metrics)
		if err != nil {
			t.Fatal(err)
		}
		var out []layout.Bookmark
		for _, p := range pages {
			for _, b := range p.Boxes {
				if bm, ok := b.(layout.Bookmark); ok {
					out = append(out, bm)
				}
			}
		}
		return out
	}
	plain, nested := marks(Options{}), marks(Options{Outline: true})
	if len(plain) == 0 || plain[0].Level != 0 {
		t.Fatalf("sections of a briefing of its own: %+v", plain)
	}
	if len(nested) != len(plain)+1 {
		t.Fatalf("%d entries with Outline, want %d (the title and the sections)", len(nested), len(plain)+1)
	}
	if nested[0].Title != "PLA unit plans to buy antivirus software" || nested[0].Level != 0 {
		t.Errorf("first entry %+v, want the title at level 0", nested[0])
	}
	for i, b := range plain {
		if got := nested[i+1]; got.Title != b.Title || got.Level != b.Level+1 {
			t.Errorf("entry %d: %q at level %d, want %q at %d", i+2, got.Title, got.Level, b.Title, b.Level+1)
		}
	}
}
