package jlreqmeasure

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/build"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// TestSampleCellNoStub reads back the indicators table of the Japanese
// ransomware sample, whose registry note ログオン時の自動起動 once ended
// with 動 alone on its last line: the note is read whole, over lines of
// two characters or more.
func TestSampleCellNoStub(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	const note = "ログオン時の自動起動"
	inc, _, ds := build.Incident("../../samples/ransomware-example.toml")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	th := fixture.Theme(t)
	pages, ds := build.Briefing(inc, "ja", th, false)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var buf bytes.Buffer
	if err := build.PDF(&buf, pages, inc, "ja", th); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(t.TempDir(), "ransomware.ja.pdf")
	if err := os.WriteFile(pdf, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	lines := bboxLines(t, pdf)
	for i, l := range lines {
		if !strings.HasPrefix(l, "ログオン時の") {
			continue
		}
		if l == note {
			return
		}
		rest, ok := strings.CutPrefix(note, l)
		if !ok {
			t.Fatalf("the note is read as %q", l)
		}
		if n := len([]rune(rest)); n < 2 {
			t.Fatalf("the note ends with %q alone on its last line (%q above it)", rest, l)
		}
		for _, m := range lines[i+1:] {
			if m == rest {
				return
			}
		}
		t.Fatalf("the note's last line %q is not read (first line %q)", rest, l)
	}
	t.Fatalf("the note %s is not read in:\n%s", note, strings.Join(lines, "\n"))
}
