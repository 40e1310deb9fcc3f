package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "update golden files")

// TestFormat1Golden renders the samples as they were written in format 1
// (testdata/format1, kept as they were when format 2 came) and compares
// the PDFs' sha256 with testdata/format1/golden.sha256: a format-1 file
// keeps giving byte-identical briefings whatever format 2 adds.
func TestFormat1Golden(t *testing.T) {
	th := testTheme(t)
	paths, _ := filepath.Glob("testdata/format1/*.toml")
	if len(paths) < 2 {
		t.Fatalf("found %d format-1 samples, want 2", len(paths))
	}
	var got strings.Builder
	for _, p := range paths {
		inc, _, ds := Incident(p)
		if ds.HasErrors() {
			t.Fatalf("%s: %v", p, ds)
		}
		if inc.Format != 1 {
			t.Fatalf("%s: format %d, want 1", p, inc.Format)
		}
		for _, lang := range []string{"ja", "en"} {
			pages, ds := Briefing(inc, lang, th, false)
			if ds.HasErrors() {
				t.Fatalf("%s %s: %v", p, lang, ds)
			}
			var b bytes.Buffer
			if err := PDF(&b, pages, inc, lang, th); err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(b.Bytes())
			got.WriteString(hex.EncodeToString(sum[:]) + "  " + filepath.Base(p) + " " + lang + "\n")
		}
	}
	golden := "testdata/format1/golden.sha256"
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("format-1 PDFs changed:\ngot:\n%swant:\n%s", got.String(), want)
	}
}
