package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// built is the briefing command built once for the tests of a test
// process that run it as a process of its own (to kill it, or send it
// signals): see builtCommand.
var built struct {
	once sync.Once
	dir  string // removed when the tests end (TestMain)
	path string
	err  error
}

// builtCommand returns the path of the briefing command built from this
// package, built on first use and shared by every test of the process;
// the test fails when it does not build.
func builtCommand(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "briefing-test-")
		if err != nil {
			built.err = err
			return
		}
		built.dir = dir
		bin := filepath.Join(dir, "briefing")
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		built.path = bin
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.path
}

// removeCommand is a testscript.TestingM that removes the built command
// once the tests have run.
type removeCommand struct{ m *testing.M }

func (r removeCommand) Run() int {
	code := r.m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	return code
}
