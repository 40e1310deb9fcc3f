package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	tomltest "github.com/toml-lang/toml-test/v2"

	"briefing/briefing/diag"
	"briefing/internal/textfile"
)

// TestTOMLSuite runs every file of the TOML 1.0 test suite through what
// "briefing check" runs. No file may panic or hang; every invalid file is
// refused with a TOML syntax error at a line and column inside the file;
// and every message about a valid file names a place in it, an unknown key
// at that key as written.
func TestTOMLSuite(t *testing.T) {
	cases := tomltest.TestCases()
	list, err := fs.ReadFile(cases, "files-toml-1.0.0")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	opt := &Options{Dir: dir, Theme: testTheme(t), Check: true}
	n := 0
	for _, name := range strings.Fields(string(list)) {
		valid := strings.HasPrefix(name, "valid/")
		if !strings.HasSuffix(name, ".toml") || !valid && !strings.HasPrefix(name, "invalid/") {
			continue
		}
		n++
		data, err := fs.ReadFile(cases, name)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, strings.ReplaceAll(name, "/", "_"))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res := File(context.Background(), path, opt)
		lines := strings.Split(strings.TrimPrefix(string(data), "\ufeff"), "\n")
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Message, "internal error") {
				t.Errorf("%s: %s", name, d)
			}
			if !inside(lines, d) {
				t.Errorf("%s: not at a place in the file: %s", name, d)
			}
		}
		if valid {
			for _, d := range res.Diagnostics {
				if strings.HasPrefix(d.Message, "TOML syntax error") {
					t.Errorf("%s: valid TOML 1.0 refused: %s", name, d)
				}
				if strings.HasPrefix(d.Message, "unknown key ") && !atKey(lines, d) {
					t.Errorf("%s: unknown key not at the key: %s\n%s", name, d, lines[d.Line-1])
				}
			}
			continue
		}
		if !refused(data, res.Diagnostics) {
			t.Errorf("%s: invalid TOML 1.0 not refused as such: %v\n%s", name, res.Diagnostics, data)
		}
	}
	if n < 600 {
		t.Errorf("ran %d files of the suite, want the whole suite", n)
	}
}

// refused reports whether ds has the error the loader gives a file that
// is not TOML 1.0 in UTF-8.
func refused(data []byte, ds diag.List) bool {
	_, notUTF8 := textfile.UTF8(data)
	for _, d := range ds {
		if d.Severity == diag.Error && (strings.HasPrefix(d.Message, "TOML syntax error: ") ||
			notUTF8 != nil && d.Message == notUTF8.Error()) {
			return true
		}
	}
	return false
}

// inside reports whether d's line and column are in the file: a line of it,
// and a column up to just after that line's last character.
func inside(lines []string, d diag.Diagnostic) bool {
	if d.Line < 1 || d.Line > len(lines) || d.Col < 1 {
		return false
	}
	return d.Col <= utf8.RuneCountInString(lines[d.Line-1])+1
}

var lastPart = regexp.MustCompile(`(?:^|\.)([A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*")(?:\[\d+\])*$`)

// atKey reports whether d's place is where the last part of d's key is
// written: the first part of the key of a key = value there, or a part of
// the header there. The keys are read with the TOML decoder.
func atKey(lines []string, d diag.Diagnostic) bool {
	m := lastPart.FindStringSubmatch(d.Key)
	if m == nil {
		return false
	}
	want := m[1]
	if strings.HasPrefix(want, `"`) {
		var part map[string]any
		if _, err := toml.Decode("k = "+want, &part); err != nil {
			return false
		}
		want = part["k"].(string)
	}
	line := lines[d.Line-1]
	rest := string([]rune(line)[d.Col-1:])
	header := strings.HasPrefix(strings.TrimSpace(line), "[")
	if header {
		rest = strings.TrimSpace(line)
	}
	for i, c := range rest {
		var v map[string]any
		var md toml.MetaData
		var err error
		switch {
		case header && c == ']':
			md, err = toml.Decode(rest[:i+1]+strings.Repeat("]", strings.Count(rest[:2], "[")-1), &v)
		case !header && c == '=':
			md, err = toml.Decode(rest[:i]+"= 1", &v)
		default:
			continue
		}
		if err != nil {
			continue
		}
		for _, k := range md.Keys() {
			if header && slices.Contains(k, want) || k[0] == want {
				return true
			}
		}
		return false
	}
	return false
}
