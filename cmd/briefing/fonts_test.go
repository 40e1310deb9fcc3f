package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"briefing/internal/testkit"
)

// TestBoldFallbackWarnedOnce renders the three samples with a template
// whose regular chain has NanumGothic and whose bold chain has no Korean
// font: the warning that bold Korean text falls back to the regular font
// is printed once for the run, not once per file or language.
func TestBoldFallbackWarnedOnce(t *testing.T) {
	testkit.DebianFont(t, testkit.NanumGothic, "fonts-nanum")
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "korean.toml")
	if err := os.WriteFile(tmpl, []byte("[fonts]\nregular = [\"embedded:BIZUDPGothic-Regular.ttf\", \""+testkit.NanumGothic+"\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	status, _, stderr := runCLI(t, "render", "--template", tmpl, "-o", filepath.Join(dir, "out"), "../../samples")
	if status != 0 {
		t.Fatalf("status %d:\n%s", status, stderr)
	}
	warn := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(tmpl) + `:2:1: fonts.regular: warning: no font of fonts.bold \(embedded:BIZUDPGothic-Bold.ttf\) has \d+ characters that ` + regexp.QuoteMeta(testkit.NanumGothic) + ` of fonts.regular draws`)
	if n := len(warn.FindAllString(stderr, -1)); n != 1 {
		t.Errorf("the warning is printed %d times, want once:\n%s", n, stderr)
	}
}
