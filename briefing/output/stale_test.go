package output

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary act as a run that is killed while it
// writes a PDF: with BRIEFING_TEST_WRITER=DIR it starts writing DIR/a.pdf,
// says "writing" and waits to be killed.
func TestMain(m *testing.M) {
	if dir := os.Getenv("BRIEFING_TEST_WRITER"); dir != "" {
		Write(dir, "a.pdf", func(w io.Writer) error {
			io.WriteString(w, "%PDF-1.7 half")
			fmt.Println("writing")
			select {}
		})
		os.Exit(3)
	}
	os.Exit(m.Run())
}

// TestRemoveStaleKilled: a run killed with SIGKILL while it writes leaves
// its temporary file; a later run removes it, while the run was alive no
// run did, however old the file.
func TestRemoveStaleKilled(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "BRIEFING_TEST_WRITER="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	if line, err := bufio.NewReader(out).ReadString('\n'); line != "writing\n" {
		t.Fatalf("writer says %q, %v", line, err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	want := fmt.Sprintf("%s%d-%s-", TempPrefix, cmd.Process.Pid, host())
	if len(names) != 1 || !strings.HasPrefix(filepath.Base(names[0]), want) {
		t.Fatalf("the writer left %v, want one %s….tmp", names, want)
	}
	for _, now := range []time.Time{time.Now(), time.Now().Add(30 * 24 * time.Hour)} {
		if removed := RemoveStale(dir, now); len(removed) > 0 {
			t.Fatalf("a live run's file removed: %v", removed)
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if removed := RemoveStale(dir, time.Now()); len(removed) != 1 || removed[0] != names[0] {
		t.Errorf("removed %v, want %v", removed, names)
	}
	assertOnly(t, dir)
}

// TestRemoveStaleReused: a file named after a process id that a newer
// process has taken since is stale; one of a process that started before
// the file was written is not. Files of another host are removed when a day
// old only.
func TestRemoveStaleReused(t *testing.T) {
	if _, ok := started(os.Getpid()); !ok {
		t.Skip("process start times are not known on this system")
	}
	dir := t.TempDir()
	newer := exec.Command("sleep", "60")
	if err := newer.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { newer.Process.Kill(); newer.Wait() }()
	now := time.Now()
	hour := now.Add(-time.Hour)
	files := []struct {
		name string
		mod  time.Time
		keep bool
	}{
		// Written an hour ago by a process with the id of one started now.
		{fmt.Sprintf("%s%d-%s-1.tmp", TempPrefix, newer.Process.Pid, host()), hour, false},
		// As earlier versions named it.
		{fmt.Sprintf("%s%d-2.tmp", TempPrefix, newer.Process.Pid), hour, false},
		// Written now by that process, or by this test's parent.
		{fmt.Sprintf("%s%d-%s-3.tmp", TempPrefix, newer.Process.Pid, host()), now, true},
		{fmt.Sprintf("%s%d-%s-4.tmp", TempPrefix, os.Getppid(), host()), now, true},
		// This process's, written before it started: an earlier process
		// with the same id.
		{fmt.Sprintf("%s%d-%s-5.tmp", TempPrefix, os.Getpid(), host()), hour, false},
		{fmt.Sprintf("%s%d-%s-6.tmp", TempPrefix, os.Getpid(), host()), now, true},
		// Another host's: its processes cannot be seen from here.
		{fmt.Sprintf("%s%d-other-host.example-7.tmp", TempPrefix, newer.Process.Pid), hour, true},
		{fmt.Sprintf("%s%d-other-host.example-8.tmp", TempPrefix, os.Getpid()), now.Add(-25 * time.Hour), false},
	}
	var keep []string
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, f.mod, f.mod); err != nil {
			t.Fatal(err)
		}
		if f.keep {
			keep = append(keep, f.name)
		}
	}
	RemoveStale(dir, now)
	assertOnly(t, dir, sorted(keep)...)
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestWriter(t *testing.T) {
	for _, c := range []struct {
		name, host string
		pid        int
		ok         bool
	}{
		{".briefing-4711-build7-123456.tmp", "build7", 4711, true},
		{".briefing-4711-ci-runner-3.example-123456.tmp", "ci-runner-3.example", 4711, true},
		{".briefing-4711-123456.tmp", "", 4711, true},
		{".briefing-123.tmp", "", 123, true},
		{".briefing-x.tmp", "", 0, false},
		{".briefing--5-1.tmp", "", 0, false},
	} {
		pid, h, ok := writer(c.name)
		if pid != c.pid || h != c.host || ok != c.ok {
			t.Errorf("writer(%q) = %d, %q, %v; want %d, %q, %v", c.name, pid, h, ok, c.pid, c.host, c.ok)
		}
	}
}

// TestPrepare: the output folder is created when missing and a file is
// created in it and removed; a folder no file can be created in is one
// error, also for root, whom permissions do not stop.
func TestPrepare(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	if err := Prepare(dir); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir)
	// A process id above Linux's largest (2^22) was never running.
	stale := filepath.Join(filepath.Dir(dir), TempPrefix+"999999999-1.tmp")
	if err := os.WriteFile(stale, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Prepare(filepath.Dir(dir)); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, filepath.Dir(dir), "b")

	// sysfs: no regular file can be created in it, by anyone.
	if fi, err := os.Stat("/sys/kernel"); err == nil && fi.IsDir() {
		err := Prepare("/sys/kernel")
		if err == nil || !strings.HasPrefix(err.Error(), "cannot write into the folder: ") {
			t.Errorf("Prepare(/sys/kernel) = %v", err)
		}
	}
	if err := Prepare("/proc/none"); err == nil || err.Error() != "cannot create the folder: no such file or directory" {
		t.Errorf("Prepare(/proc/none) = %v", err)
	}
	// An immutable folder, where the file system has the attribute.
	imm := t.TempDir()
	if exec.Command("chattr", "+i", imm).Run() == nil {
		defer exec.Command("chattr", "-i", imm).Run()
		if err := Prepare(imm); err == nil || err.Error() != "cannot write into the folder: operation not permitted" {
			t.Errorf("Prepare(immutable) = %v", err)
		}
	} else {
		t.Logf("chattr +i is not available on %s", imm)
	}
}
