package main

import (
	"os"
	"os/exec"
	"slices"
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

// TestPreloadOrder: package early, which starts parsing the default
// template on another goroutine (theme.Preload), is initialized before
// Markdown's parser and pdfcpu's model, whose initialization (regular
// expressions, font metrics: about 2 ms) the parse runs beside. Go
// initializes packages in the order of their import paths as far as
// their imports allow.
func TestPreloadOrder(t *testing.T) {
	cmd := exec.Command(builtCommand(t), "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("briefing version: %v\n%s", err, out)
	}
	var order []string // the packages in the order initialized
	for line := range strings.Lines(string(out)) {
		if f := strings.Fields(line); len(f) > 2 && f[0] == "init" {
			order = append(order, f[1])
		}
	}
	early := slices.Index(order, "briefing/internal/early")
	if early < 0 {
		t.Fatalf("briefing/internal/early is not initialized; inittrace:\n%s", out)
	}
	for _, p := range []string{"github.com/yuin/goldmark/util", "github.com/yuin/goldmark/parser", "github.com/yuin/goldmark/extension", "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"} {
		if i := slices.Index(order, p); i < 0 {
			t.Errorf("%s is not initialized: is it still linked?", p)
		} else if i < early {
			t.Errorf("%s is initialized (at %d) before briefing/internal/early (at %d)", p, i, early)
		}
	}
}
