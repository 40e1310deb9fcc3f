package render

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/internal/testkit"
)

// TestLongURLWrittenOnce: an address cut over many lines is linked on
// each of them, every link leading to the whole address as qpdf reads it,
// while the address is written once in the action, and once as the text
// of the link: the one /Contents string its annotations share (PDF/UA-1
// 7.18.5), compressed with the structure tree. The file grows with its
// length, not with its length times the lines it takes.
func TestLongURLWrittenOnce(t *testing.T) {
	t.Parallel()
	files, m := embedded(t)
	url := "https://example.com/" + strings.Repeat("abcdefghij", 500)
	doc := layout.Document{Paper: layout.A4, Blocks: []layout.Block{layout.Paragraph{Text: body, Spans: []layout.Span{
		{Text: "詳細は "}, {Text: url, URL: url}, {Text: " を参照。"},
	}}}}
	pages, err := layout.Lay(doc, m)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := PDF(&buf, pages, Info{}, files); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(buf.Bytes(), []byte(url)); n != 1 {
		t.Errorf("the address is written %d times in the open, want once", n)
	}
	path := filepath.Join(t.TempDir(), "url.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	testkit.Run(t, "qpdf", "--check", path)
	var j struct {
		QPDF []json.RawMessage `json:"qpdf"` // the header, then the objects
	}
	if err := json.Unmarshal([]byte(testkit.Run(t, "qpdf", "--json", "--json-key=qpdf", path)), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.QPDF) < 2 {
		t.Fatal("qpdf --json: no objects")
	}
	var objs map[string]struct {
		Value any `json:"value"` // a dictionary, a string…
	}
	if err := json.Unmarshal(j.QPDF[1], &objs); err != nil {
		t.Fatal(err)
	}
	links := 0
	contents := map[any]bool{}
	for _, o := range objs {
		d, _ := o.Value.(map[string]any)
		if d["/Subtype"] != "/Link" {
			continue
		}
		links++
		contents[d["/Contents"]] = true
		if c, _ := d["/Contents"].(string); objs["obj:"+c].Value != "u:"+url {
			t.Errorf("a link's /Contents is %.80v, want the address", objs["obj:"+c].Value)
		}
		act, _ := d["/A"].(map[string]any)
		if ref, ok := d["/A"].(string); ok {
			act, _ = objs["obj:"+ref].Value.(map[string]any)
		}
		if act["/S"] != "/URI" || act["/URI"] != "u:"+url {
			t.Errorf("a link's action is %.80v, want /URI to the whole address", act)
		}
	}
	if links < 20 {
		t.Errorf("%d links, want one on each of the address's lines (over 20)", links)
	}
	if len(contents) != 1 {
		t.Errorf("the links have %d /Contents, want one string they share", len(contents))
	}
}
