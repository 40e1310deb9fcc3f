package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"briefing/briefing/output"
)

// TestSignalLeavesNoTemporaryFile starts the built command on many files,
// sends it SIGINT (or SIGTERM) while it writes a PDF, and checks that the
// output folder holds complete PDFs only: no temporary file, no half PDF.
// The signal is sent as soon as a temporary file shows in the folder, so
// that the run is stopped in the middle of writing.
func TestSignalLeavesNoTemporaryFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := builtCommand(t)
	seed, err := os.ReadFile("../../samples/pla-61419-antivirus.toml")
	if err != nil {
		t.Fatal(err)
	}
	in := t.TempDir()
	for i := range 40 {
		s := strings.Replace(string(seed), `id = "pla-61419-antivirus"`, fmt.Sprintf(`id = "pla-%02d"`, i), 1)
		if s == string(seed) {
			t.Fatal("the sample's id line is not where the test expects it")
		}
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("pla-%02d.toml", i)), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name string
		sig  syscall.Signal
		args []string
	}{
		{"render SIGINT", syscall.SIGINT, []string{"render", "-j", "2"}},
		{"render SIGTERM", syscall.SIGTERM, []string{"render", "-j", "1"}},
		{"digest SIGINT", syscall.SIGINT, []string{"digest", "--week", "2021-W18"}},
		{"digest SIGTERM", syscall.SIGTERM, []string{"digest", "--from", "2021-05-01", "--to", "2021-05-31", "-j", "1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			cmd := exec.Command(bin, append(c.args, "--json", "-o", out, in)...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var werr error
			sent, finished := false, false
			// Wait for a temporary file (a PDF being written), then
			// signal; give up waiting after a while and signal anyway.
			for i := 0; !finished && !sent; i++ {
				select {
				case werr = <-done:
					finished = true
					continue
				default:
				}
				temps, _ := filepath.Glob(filepath.Join(out, output.TempPrefix+"*.tmp"))
				if len(temps) > 0 || i > 20000 {
					if err := cmd.Process.Signal(c.sig); err == nil {
						sent = true
					}
				}
				time.Sleep(100 * time.Microsecond)
			}
			if !finished {
				werr = <-done
			}
			var ee *exec.ExitError
			switch {
			case werr == nil:
				t.Logf("the run ended before the signal")
			case errors.As(werr, &ee) && ee.ExitCode() == exitFailed:
				if !strings.Contains(stderr.String(), "briefing: error: interrupted") {
					t.Errorf("status 1 without saying it was interrupted:\n%s", stderr.String())
				}
				checkInterruptedReport(t, stdout.Bytes(), out)
			default:
				t.Errorf("run: %v (want status 0 or 1)\n%s", werr, stderr.String())
			}
			es, err := os.ReadDir(out)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range es {
				if !strings.HasSuffix(e.Name(), ".pdf") {
					t.Errorf("left behind: %s", e.Name())
					continue
				}
				b, err := os.ReadFile(filepath.Join(out, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
					t.Errorf("%s is not a complete PDF (%d bytes)", e.Name(), len(b))
				}
			}
		})
	}
}

// checkInterruptedReport checks the --json report of a run stopped by a
// signal against the folder it wrote: an "error" saying so, every input
// file listed, a file ok only when not interrupted and without errors,
// each PDF listed there on disk and each PDF on disk listed, and summary
// counts that add up.
func checkInterruptedReport(t *testing.T, report []byte, dir string) {
	t.Helper()
	var rep struct {
		Files []struct {
			File        string
			OK          bool
			Interrupted bool
			PDFs        []struct{ Path string }
			Diagnostics []struct{ Severity string }
		}
		Summary struct{ Files, Written, Failed, Interrupted int }
		Error   *struct {
			Status  int
			Message string
		}
	}
	if err := json.Unmarshal(report, &rep); err != nil {
		t.Fatalf("report: %v\n%s", err, report)
	}
	if rep.Error == nil || rep.Error.Status != 1 || !strings.Contains(rep.Error.Message, "interrupted") {
		t.Errorf("report error = %+v, want status 1 saying the run was interrupted", rep.Error)
	}
	listed := map[string]bool{}
	inputs, written, failed, stopped := 0, 0, 0, 0
	for _, f := range rep.Files {
		if strings.HasSuffix(f.File, ".toml") {
			inputs++
		}
		errs := 0
		for _, d := range f.Diagnostics {
			if d.Severity == "error" {
				errs++
			}
		}
		if f.OK != (!f.Interrupted && errs == 0) {
			t.Errorf("%s: ok=%v, interrupted=%v, %d errors", f.File, f.OK, f.Interrupted, errs)
		}
		if !f.OK {
			failed++
		}
		if f.Interrupted {
			stopped++
		}
		for _, p := range f.PDFs {
			listed[filepath.Base(p.Path)] = true
			written++
		}
	}
	if inputs != 40 {
		t.Errorf("the report lists %d of the 40 input files", inputs)
	}
	if stopped == 0 {
		t.Errorf("no file is marked interrupted")
	}
	if rep.Summary.Written != written || rep.Summary.Failed != failed || rep.Summary.Interrupted != stopped {
		t.Errorf("summary %+v, the files say written %d, failed %d, interrupted %d", rep.Summary, written, failed, stopped)
	}
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	for _, p := range pdfs {
		if !listed[filepath.Base(p)] {
			t.Errorf("%s is on disk but not in the report", p)
		}
		delete(listed, filepath.Base(p))
	}
	for p := range listed {
		t.Errorf("%s is in the report but not on disk", p)
	}
}

// TestKilledRunTempRemovedByNextRun kills a run with SIGKILL while it
// writes a PDF, which leaves its temporary file behind (nothing can catch
// SIGKILL), and checks that the next run into the folder removes it.
func TestKilledRunTempRemovedByNextRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := builtCommand(t)
	seed, err := os.ReadFile("../../samples/pla-61419-antivirus.toml")
	if err != nil {
		t.Fatal(err)
	}
	in := t.TempDir()
	for i := range 40 {
		s := strings.Replace(string(seed), `id = "pla-61419-antivirus"`, fmt.Sprintf(`id = "pla-%02d"`, i), 1)
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("pla-%02d.toml", i)), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	var left []string
	// The PDF may be renamed into place between seeing its temporary file
	// and the kill: try again until a run leaves one.
	for try := 0; try < 20 && len(left) == 0; try++ {
		cmd := exec.Command(bin, "render", "-j", "2", "-o", out, in)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 20000; i++ {
			if temps, _ := filepath.Glob(filepath.Join(out, output.TempPrefix+"*.tmp")); len(temps) > 0 {
				break
			}
			time.Sleep(100 * time.Microsecond)
		}
		cmd.Process.Kill()
		cmd.Wait()
		left, _ = filepath.Glob(filepath.Join(out, output.TempPrefix+"*.tmp"))
	}
	if len(left) == 0 {
		t.Fatal("no run was killed while it wrote a PDF")
	}
	res, err := exec.Command(bin, "render", "-o", out, filepath.Join(in, "pla-00.toml")).CombinedOutput()
	if err != nil {
		t.Fatalf("next run: %v\n%s", err, res)
	}
	if still, _ := filepath.Glob(filepath.Join(out, output.TempPrefix+"*.tmp")); len(still) > 0 {
		t.Errorf("the next run left the killed run's temporary files %v", still)
	}
}
