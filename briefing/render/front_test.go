package render

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/compose"
	"briefing/briefing/layout"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// TestFrontPages draws the first two pages of a briefing (with its
// outline, links to its references and page numbers) after the others
// through Document.Front, as a digest draws its cover, and reads the PDF
// back: the pages' text (page numbers included), the structure tree with
// its text in reading order, the outline and the pages the links go to
// are those of the PDF Write makes of the pages in order.
func TestFrontPages(t *testing.T) {
	t.Parallel()
	th := fixture.Theme(t)
	inc := fixture.Incident(t, fixture.Seed)
	doc, ds := compose.BriefingWith(inc, "ja", compose.FromTheme(th), compose.Options{Outline: true, Prefix: "x-"})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	pages, err := layout.Lay(layout.Document{Paper: doc.Paper, Blocks: doc.Blocks}, th)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 4 {
		t.Fatalf("%d pages: the test wants four or more", len(pages))
	}
	furniture := func(n, total int) ([]layout.Box, error) { return layout.Furnish(doc, th, n, total) }
	info := Info(compose.Meta(inc, "ja"))
	dir := t.TempDir()
	write := func(name string, draw func(d *Document) error) string {
		var buf bytes.Buffer
		d := NewDocument(&buf, info, th, Options{})
		if err := draw(d); err != nil {
			t.Fatal(err)
		}
		if err := d.Close(furniture); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	inOrder := write("order.pdf", func(d *Document) error {
		for _, p := range pages {
			if err := d.Page(p); err != nil {
				return err
			}
		}
		return nil
	})
	front := write("front.pdf", func(d *Document) error {
		for _, p := range pages[2:] {
			if err := d.Page(p); err != nil {
				return err
			}
		}
		for _, p := range pages[:2] {
			if err := d.Front(p); err != nil {
				return err
			}
		}
		return nil
	})

	read := func(path string) (text, structure string, outline, links []string) {
		text = testkit.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-")
		structure = testkit.Run(t, "pdfinfo", "-struct-text", path)
		var j struct {
			Pages []struct {
				Object string `json:"object"`
			} `json:"pages"`
			Outlines []struct {
				Title string `json:"title"`
				Page  int    `json:"destpageposfrom1"`
			} `json:"outlines"`
			QPDF []map[string]any `json:"qpdf"`
		}
		out := testkit.Run(t, "qpdf", "--json", "--json-key=pages", "--json-key=outlines", "--json-key=qpdf", path)
		if err := json.Unmarshal([]byte(out), &j); err != nil {
			t.Fatal(err)
		}
		pageOf := map[string]int{}
		for i, p := range j.Pages {
			pageOf[p.Object] = i + 1
		}
		for _, o := range j.Outlines {
			outline = append(outline, o.Title+" → "+strings.Repeat("|", o.Page))
		}
		objs := j.QPDF[1]
		for i, p := range j.Pages {
			o, _ := objs["obj:"+p.Object].(map[string]any)
			v, _ := o["value"].(map[string]any)
			annots, _ := v["/Annots"].([]any)
			for _, a := range annots {
				ref, _ := a.(string)
				ao, _ := objs["obj:"+ref].(map[string]any)
				m, _ := ao["value"].(map[string]any)
				if dest, ok := m["/Dest"].([]any); ok && len(dest) > 0 {
					to, _ := dest[0].(string)
					links = append(links, strings.Repeat("|", i+1)+" → "+strings.Repeat("|", pageOf[to]))
				}
			}
		}
		return text, structure, outline, links
	}
	wantText, wantStruct, wantOutline, wantLinks := read(inOrder)
	text, structure, outline, links := read(front)
	if text != wantText {
		t.Errorf("the pages' text differs from the PDF drawn in order:\n%s\nwant:\n%s", text, wantText)
	}
	if structure != wantStruct {
		t.Errorf("the structure tree differs from the PDF drawn in order:\n%s\nwant:\n%s", structure, wantStruct)
	}
	if !slices.Equal(outline, wantOutline) || len(outline) == 0 {
		t.Errorf("outline %q, want %q", outline, wantOutline)
	}
	if !slices.Equal(links, wantLinks) || len(links) == 0 {
		t.Errorf("links %q, want %q", links, wantLinks)
	}
	// Numbered in the PDF's order: the front pages 1 and 2.
	ps := strings.Split(strings.TrimSuffix(text, "\f"), "\f")
	for i, p := range ps {
		if !regexp.MustCompile(`(^|\s)` + strconv.Itoa(i+1) + ` ?/ ?` + strconv.Itoa(len(pages)) + `(\s|$)`).MatchString(p) {
			t.Errorf("page %d lacks %d/%d:\n%s", i+1, i+1, len(pages), p)
		}
	}
	if len(ps) != len(pages) {
		t.Errorf("%d pages, want %d", len(ps), len(pages))
	}
}
