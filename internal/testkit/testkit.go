// Package testkit holds the helpers briefing's tests share: finding the
// tools that read PDFs back (pdftotext, qpdf, pdffonts…), running them,
// comparing output with golden files, and checking the PDF/A rules of what
// package render writes ([PDFA]). It is imported by tests only and
// uses nothing but the standard library, so that any package's tests may
// import it.
package testkit

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Tool returns the path of a command-line tool the test needs. When it is
// missing the test is skipped, but fails when the environment variable CI
// is set: CI must run every check (install poppler-utils and qpdf).
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI (install poppler-utils and qpdf): %v", name, err)
		}
		t.Skipf("%s is not installed: %v", name, err)
	}
	return p
}

// NodeTool returns the path of a command the tests install from npm into
// internal/testkit/node (node/package.json lists them; .ci/run installs
// them with npm ci), such as taplo. It needs node on the PATH. When either
// is missing the test is skipped, but fails when CI is set, as in [Tool].
func NodeTool(t testing.TB, name string) string {
	t.Helper()
	Tool(t, "node")
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "node")
	p := filepath.Join(dir, "node_modules", ".bin", name)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI (npm ci --prefix %s): %v", name, dir, err)
		}
		t.Skipf("%s is not installed (npm ci --prefix %s): %v", name, dir, err)
	}
	return p
}

// Run runs the tool name (see [Tool]) with args and returns its standard
// output; the test fails, showing the standard error, when it fails.
func Run(t testing.TB, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(Tool(t, name), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// Golden compares got with the golden file at path, failing the test at
// the first line that differs (path:line, with both lines). With update
// it writes got to path instead, for "go test -update" and a review of
// the diff.
func Golden(t testing.TB, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got == string(want) {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := range max(len(gl), len(wl)) {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("%s:%d: differs (run go test -update and review the diff)\n got: %s\nwant: %s", path, i+1, g, w)
		}
	}
}

// STIXSchemas returns the folder of OASIS's STIX 2.1 JSON schemas
// (common/, sdos/, observables/ …), which .ci/run installs from npm into
// .ci/stix (the package stixview ships them). When they are missing the
// test is skipped, but fails when CI is set, as in [Tool].
func STIXSchemas(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(root(t), ".ci", "stix", "node_modules", "stixview", "src", "stix2-schemas")
	if _, err := os.Stat(filepath.Join(dir, "common", "bundle.json")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the STIX 2.1 schemas are required in CI (npm ci --prefix .ci/stix --ignore-scripts): %v", err)
		}
		t.Skipf("the STIX 2.1 schemas are not installed (npm ci --prefix .ci/stix --ignore-scripts): %v", err)
	}
	return dir
}

// root returns the folder of go.mod above the test's folder.
func root(t testing.TB) string {
	t.Helper()
	for dir, _ := os.Getwd(); ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if dir == filepath.Dir(dir) {
			t.Fatal("no go.mod above the test's folder")
		}
	}
}

// ErrPassword is what [PDFJS] returns when pdf.js refuses to open a PDF
// without its password or with a wrong one.
var ErrPassword = errors.New("pdf.js: the PDF needs its password")

// PDFJS opens the PDF at path with pdf.js (Mozilla's reader, as Firefox
// runs it; installed by .ci/run into .ci/pdfjs) under Node, with password
// when not "", and returns the text of its pages, separated by form feeds.
// It returns ErrPassword when pdf.js asks for a password; any other
// failure fails the test. Without Node or pdf.js the test is skipped, but
// fails under CI.
func PDFJS(t testing.TB, path, password string) (string, error) {
	t.Helper()
	node := Tool(t, "node")
	script := ""
	for dir, _ := os.Getwd(); ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			script = filepath.Join(dir, ".ci", "pdfjs", "text.mjs")
			break
		}
		if dir == filepath.Dir(dir) {
			t.Fatal("no go.mod above the test's folder")
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(script), "node_modules", "pdfjs-dist")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("pdf.js is required in CI (npm ci --prefix .ci/pdfjs): %v", err)
		}
		t.Skipf("pdf.js is not installed (npm ci --prefix .ci/pdfjs): %v", err)
	}
	cmd := exec.Command(node, script, path)
	cmd.Env = append(os.Environ(), "PDF_PASSWORD="+password)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 3 {
		return "", ErrPassword
	}
	if err != nil {
		t.Fatalf("pdf.js %s: %v\n%s", path, err, stderr.String())
	}
	return string(out), nil
}
