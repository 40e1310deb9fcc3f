package render

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"briefing/briefing/layout"
)

// TestAttachments embeds two files and reads them back with qpdf, a reader
// independent of ours: it lists them with their descriptions and gives
// their bytes back unchanged.
func TestAttachments(t *testing.T) {
	t.Parallel()
	files, _ := embedded(t)
	csv := []byte("type,value,note,first_seen,last_seen\r\nipv4,203.0.113.10,\"C2, \"\"main\"\"\",2021-07-02,\r\n")
	json := []byte("{\n  \"type\": \"bundle\",\n  \"id\": \"bundle--x\"\n}\n")
	info := Info{Title: "t", Created: time.Date(2021, 7, 6, 0, 0, 0, 0, time.UTC), Files: []layout.Attachment{
		{Name: "indicators.stix.json", Description: "STIX 2.1 bundle", MIME: "application/stix+json;version=2.1", Data: json},
		{Name: "indicators.csv", Description: "侵害指標（CSV）", MIME: "text/csv", Data: csv},
	}}
	pages := []layout.Page{{Paper: layout.A4, Boxes: []layout.Box{layout.TextBox{X: 50, Y: 50, Text: "IOC", Style: layout.Style{Size: 10}}}}}
	var a, b bytes.Buffer
	if err := PDF(&a, pages, info, files); err != nil {
		t.Fatal(err)
	}
	if err := PDF(&b, pages, info, files); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same document with attachments gives different bytes")
	}
	path := filepath.Join(t.TempDir(), "att.pdf")
	if err := os.WriteFile(path, a.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "qpdf", "--check", path)
	list := run(t, "qpdf", "--list-attachments", "--verbose", path)
	for _, want := range []string{"indicators.csv ->", "indicators.stix.json ->", "description: STIX 2.1 bundle", "description: 侵害指標（CSV）",
		"mime type: text/csv", "mime type: application/stix+json\n", "modification date: D:20210706000000+00'00'",
		"checksum: " + fmt.Sprintf("%x", md5.Sum(csv))} {
		if !strings.Contains(list, want) {
			t.Errorf("qpdf --list-attachments lacks %q:\n%s", want, list)
		}
	}
	if strings.Index(list, "indicators.csv ->") > strings.Index(list, "indicators.stix.json ->") {
		t.Errorf("the name tree is not sorted by name:\n%s", list)
	}
	for name, want := range map[string][]byte{"indicators.csv": csv, "indicators.stix.json": json} {
		if got := run(t, "qpdf", "--show-attachment="+name, path); got != string(want) {
			t.Errorf("qpdf --show-attachment=%s gives\n%q\nwant\n%q", name, got, want)
		}
	}
	// The catalog lists them as associated files too (ISO 32000-2, 14.13).
	if cat := run(t, "qpdf", "--show-object=1", path); !strings.Contains(cat, "/AF [") || !strings.Contains(cat, "/EmbeddedFiles") {
		t.Errorf("the catalog has no /AF or /EmbeddedFiles: %s", cat)
	}

	// Two files with one name, or a wrong relationship, are refused.
	for _, fs := range [][]layout.Attachment{
		{{Name: "a.csv"}, {Name: "a.csv"}},
		{{Name: ""}},
		{{Name: "a", Relationship: "Other"}},
	} {
		info.Files = fs
		if err := PDF(&bytes.Buffer{}, pages, info, files); err == nil {
			t.Errorf("PDF accepts the attachments %+v", fs)
		}
	}
}

func TestPDFName(t *testing.T) {
	for in, want := range map[string]string{"text/csv": "/text#2Fcsv", "application/stix+json;version=2.1": "/application#2Fstix+json;version=2.1", "a b#": "/a#20b#23"} {
		if got := pdfName(in); got != want {
			t.Errorf("pdfName(%q) = %s, want %s", in, got, want)
		}
	}
}
