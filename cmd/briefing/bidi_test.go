package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBidiInReports: a file named with a RIGHT-TO-LEFT OVERRIDE, holding
// a disguised file name twice, is reported on stderr and in the --json
// report without the override itself, which would turn the rest of the
// operator's line around: stderr names it \u202E, the JSON escapes it as
// \u202e, and decoding the JSON gives back the file's real name. The
// first value is accepted (an indicator), the second refused as listed
// twice.
func TestBidiInReports(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "invoice\u202Efdp.toml")
	src := "format = 2\nid = \"rlo\"\ndate = 2024-03-08\ntitle = \"t\"\nsummary = \"s\"\ntlp = \"GREEN\"\n" +
		"[[indicators]]\ntype = \"file\"\nvalue = \"invoice\\u202Efdp.exe\"\n" +
		"[[indicators]]\ntype = \"file\"\nvalue = \"invoice\\u202Efdp.exe\"\n"
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if status := run([]string{"check", "--json", name}, &stdout, &stderr); status != exitFailed {
		t.Errorf("status %d, want %d", status, exitFailed)
	}
	for what, out := range map[string]string{"stdout": stdout.String(), "stderr": stderr.String()} {
		if strings.ContainsAny(out, "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C") {
			t.Errorf("%s holds a bidirectional control:\n%s", what, out)
		}
	}
	if !strings.Contains(stderr.String(), `invoice\u202Efdp.toml:12:9: indicators[2].value: "invoice\u202efdp.exe" is listed twice`) {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	if !strings.Contains(stdout.String(), `invoice\u202efdp.toml`) {
		t.Errorf("the report does not escape the override:\n%s", stdout.String())
	}
	var rep struct {
		Files []struct {
			File        string
			Diagnostics []struct{ Message string }
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil || len(rep.Files) != 1 {
		t.Fatalf("%v: %s", err, stdout.String())
	}
	if rep.Files[0].File != name || len(rep.Files[0].Diagnostics) != 1 {
		t.Errorf("the report names %q with %v, want %q", rep.Files[0].File, rep.Files[0].Diagnostics, name)
	}
}
