package load

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestFindID(t *testing.T) {
	for _, tt := range []struct {
		src       string
		id        string
		line, col int
		ok        bool
	}{
		{"format = 1\nid = \"a\"\n", "a", 2, 1, true},
		{"\uFEFFid='lit' # note\n", "lit", 1, 1, true},
		{"format = 1\n  id = \"sp\"\r\n", "sp", 2, 3, true},
		{"summary = \"\"\"\nid = \"inside\"\n\"\"\"\nid = \"after\"\n", "after", 4, 1, true},
		{"summary = '''x\nid = \"inside\"'''\nid = \"after\"\n", "after", 3, 1, true},
		{"[x]\nid = \"in-a-table\"\n", "", 0, 0, false},
		{"\"id\" = \"quoted\"\n", "", 0, 0, false},
		{"id = \"esc\\u0061\"\n", "", 0, 0, false},
		{"ids = \"no\"\n", "", 0, 0, false},
	} {
		id, line, col, ok := FindID([]byte(tt.src))
		if id != tt.id || line != tt.line || col != tt.col || ok != tt.ok {
			t.Errorf("FindID(%q) = %q %d:%d %v, want %q %d:%d %v", tt.src, id, line, col, ok, tt.id, tt.line, tt.col, tt.ok)
		}
	}
	// Every sample's id is found where the loader finds it.
	files, _ := filepath.Glob("../../samples/*.toml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raw, ds := Read(f, bytes.NewReader(data))
		id, line, col, ok := FindID(data)
		loc, _ := raw.Loc("id")
		if ds.HasErrors() || !ok || id != raw.ID.V || line != loc.Key.Line || col != loc.Key.Col {
			t.Errorf("%s: FindID = %q %d:%d %v; the loader: %v at %d:%d", f, id, line, col, ok, raw.ID.V, loc.Key.Line, loc.Key.Col)
		}
	}
}

// TestFormatPath: a message's key path is kept as far as it names keys
// of the format, and a key of the file's own is never returned.
func TestFormatPath(t *testing.T) {
	for in, want := range map[string]string{
		"risks[1].likelihood":              "risks[1].likelihood",
		"title.en":                         "title",
		"x.ticket":                         "x",
		"tlp":                              "tlp",
		"secret-vpn.acme_internal.example": "",
		"risks[1].secret":                  "risks[1]",
		"risks[x].title":                   "",
		"risks[].title":                    "",
		`"tlp.red"`:                        "",
		"":                                 "",
	} {
		if got := FormatPath(in); got != want {
			t.Errorf("FormatPath(%q) = %q, want %q", in, got, want)
		}
	}
}
