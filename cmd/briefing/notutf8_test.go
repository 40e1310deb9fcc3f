package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNotUTF8Key: a file saved in Shift_JIS is refused with its place
// and the key whose value holds its first character that is not UTF-8,
// on stderr and in --json, as every message with a place has; a file
// that is UTF-16 throughout is placed at 1:1 with no key, as messages
// about a file as a whole are.
func TestNotUTF8Key(t *testing.T) {
	in := t.TempDir()
	sjis := filepath.Join(in, "sjis.toml")
	os.WriteFile(sjis, []byte("format = 2\nid = \"sjis\"\ndate = 2026-11-27\ntitle = \"\x83V\x83t\x83gJIS\"\nsummary = \"x\"\n"), 0o644)
	u16 := filepath.Join(in, "u16.toml")
	os.WriteFile(u16, []byte("\xff\xfef\x00=\x001\x00\n\x00"), 0o644)
	status, stdout, stderr := runCLI(t, "check", "--json", sjis, u16)
	if status != 1 {
		t.Fatalf("status %d\n%s", status, stderr)
	}
	if want := sjis + ":4:10: title: the file is not UTF-8: it looks like Shift_JIS"; !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	var rep struct {
		Files []struct {
			File        string
			Diagnostics []struct {
				Line, Col int
				Key       string
				Message   string
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	want := map[string][3]any{sjis: {4, 10, "title"}, u16: {1, 1, ""}}
	for _, f := range rep.Files {
		if len(f.Diagnostics) != 1 {
			t.Fatalf("%s: %d diagnostics, want 1", f.File, len(f.Diagnostics))
		}
		d, w := f.Diagnostics[0], want[f.File]
		if d.Line != w[0] || d.Col != w[1] || d.Key != w[2] || !strings.Contains(d.Message, "not UTF-8") {
			t.Errorf("%s: %d:%d key %q: %s; want %v", f.File, d.Line, d.Col, d.Key, d.Message, w)
		}
	}
}
