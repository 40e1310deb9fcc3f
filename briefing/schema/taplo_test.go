package schema

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// TestTaplo checks the schema as editors read it, with `taplo check` (the
// validator of Taplo and Even Better TOML): the samples, the skeleton and
// the example of docs/format.md have no error, and each edit of
// [refused] has one on the line edited. Files are found both ways the
// README sets up: a .taplo.toml rule for incidents/, and the skeleton's
// own #:schema line for new/. One run of taplo checks them all.
func TestTaplo(t *testing.T) {
	taplo := testkit.NodeTool(t, "taplo")
	b, err := JSON()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write(".taplo.toml", []byte("[[rule]]\ninclude = [\"incidents/**/*.toml\"]\n\n[rule.schema]\npath = \"briefing.schema.json\"\n"))
	write("briefing.schema.json", b)
	write("new/briefing.schema.json", b)

	skel, err := os.ReadFile(skeletonFile)
	if err != nil {
		t.Fatal(err)
	}
	directive, body, ok := strings.Cut(string(skel), "\n")
	if !ok || directive != "#:schema ./briefing.schema.json" {
		t.Fatalf("the skeleton's first line is %q, not the #:schema line", directive)
	}

	valid := map[string]bool{}   // file → true
	wantLine := map[string]int{} // refused file → the line edited (0: anywhere)
	var args []string
	for _, f := range incidentFiles(t, t.TempDir()) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var p string
		if f == skeletonFile {
			p = write("new/skeleton.toml", src) // named by its #:schema line
		} else {
			p = write("incidents/"+filepath.Base(f), src)
		}
		valid[p] = true
		args = append(args, p)
	}
	for i, tt := range refused {
		src := edit(t, body, tt.old, tt.new)
		p := write(fmt.Sprintf("incidents/refused-%02d.toml", i), []byte(src))
		if i == 0 {
			src = edit(t, string(skel), tt.old, tt.new)
			p = write("new/refused-with-directive.toml", []byte(src))
		}
		wantLine[p] = 0
		if !strings.Contains(tt.new, "\n") {
			wantLine[p] = strings.Count(src[:strings.Index(src, tt.new)], "\n") + 1
		}
		args = append(args, p)
	}

	cmd := exec.Command(taplo, append([]string{"check", "--colors", "never"}, args...)...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	if _, failed := err.(*exec.ExitError); !failed {
		t.Fatalf("taplo check: want exit status 1 for the refused files, got %v\n%s", err, out.String())
	}
	if strings.Contains(out.String(), "failed to load schema") || strings.Contains(out.String(), "failed to fetch schema") {
		t.Fatalf("taplo could not load the schema:\n%s", out.String())
	}

	// error: "hgih" is not one of [...]
	//   ┌─ /tmp/…/incidents/refused-05.toml:26:12
	errorAt := regexp.MustCompile(`(?m)^error: (.*)\n\s*┌─ (.*):(\d+):(\d+)$`)
	lines := map[string][]int{}
	msgs := map[string][]string{}
	for _, m := range errorAt.FindAllStringSubmatch(out.String(), -1) {
		line, _ := strconv.Atoi(m[3])
		lines[m[2]] = append(lines[m[2]], line)
		msgs[m[2]] = append(msgs[m[2]], m[1])
	}
	for p := range valid {
		if len(msgs[p]) > 0 {
			t.Errorf("%s: taplo reports %q", filepath.Base(p), msgs[p])
		}
	}
	for i, p := range args[len(valid):] {
		tt := refused[i]
		if len(msgs[p]) == 0 {
			t.Errorf("%s (%s): taplo reports no error", filepath.Base(p), tt.name)
			continue
		}
		if want := wantLine[p]; want > 0 && !slices.Contains(lines[p], want) {
			t.Errorf("%s (%s): taplo reports no error on line %d, only on %v: %q", filepath.Base(p), tt.name, want, lines[p], msgs[p])
		}
	}
	if t.Failed() {
		t.Logf("taplo check:\n%s", out.String())
	}
}
