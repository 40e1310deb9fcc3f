package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestColdStartPackages: packages whose initialization costs every run of
// briefing tens of milliseconds are not linked into the command. Found
// with GODEBUG=inittrace=1: go-runewidth fills a width table of every code
// point (35 ms); it comes with pdfcpu's api package (its form filling),
// which package encrypt therefore does not import. x/text's display
// builds a matcher of all its languages (0.5 ms, and 2.4 MB of the
// binary) for the country names that package localize holds itself.
func TestColdStartPackages(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 20 {
		t.Fatalf("go list -deps gave %d packages: %q", len(deps), out)
	}
	for _, d := range deps {
		switch d {
		case "github.com/mattn/go-runewidth", "github.com/pdfcpu/pdfcpu/pkg/api", "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/form",
			"golang.org/x/text/language/display":
			t.Errorf("briefing links %s", d)
		}
	}
}
