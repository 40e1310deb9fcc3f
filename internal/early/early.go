// Package early starts, from its init function, the work that a render,
// check or digest needs first and that depends on nothing the command
// line says but the command: the default template parsed
// ([theme.Preload]). It runs on a goroutine of its own while the packages
// linked into the command are still being initialized (the Go
// specification initializes them in the order of their import paths,
// which puts this package before Markdown's parser and pdfcpu's model,
// whose initialization takes about 2 ms), so that a cold "briefing
// render" of one file gets the template from the second core instead of
// waiting for it. cmd/briefing imports it for that effect alone; output
// is the same with or without it.
package early

import (
	"os"
	"strings"

	"briefing/briefing/theme"
)

func init() {
	if needsDefault(os.Args[1:]) {
		go theme.Preload()
	}
}

// needsDefault reports whether the command line args (without the
// program's name) runs a command that loads the default template: render,
// check or digest without --template. A wrong guess costs or saves only
// the early parse.
func needsDefault(args []string) bool {
	if len(args) == 0 {
		return false
	}
	switch args[0] {
	case "render", "check", "digest":
	default:
		return false
	}
	for _, a := range args[1:] {
		if a == "--" {
			break
		}
		if n := strings.TrimLeft(a, "-"); len(n) < len(a) && (n == "template" || strings.HasPrefix(n, "template=")) {
			return false
		}
	}
	return true
}
