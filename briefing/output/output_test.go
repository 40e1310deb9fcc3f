package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestWriteReplacesFileWhole(t *testing.T) {
	dir := t.TempDir()
	for _, content := range []string{"first", "second"} {
		err := Write(dir, "a.pdf", func(w io.Writer) error {
			_, err := io.WriteString(w, content)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, "a.pdf"))
		if err != nil || string(got) != content {
			t.Fatalf("a.pdf = %q, %v; want %q", got, err, content)
		}
	}
	assertOnly(t, dir, "a.pdf")
}

func TestWriteFailureLeavesOldFileAndNoTemp(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.pdf"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(dir, "a.pdf", func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "a.pdf"))
	if string(got) != "old" {
		t.Fatalf("a.pdf = %q, want the old content", got)
	}
	assertOnly(t, dir, "a.pdf")
}

func TestWriteRefusesNamesOutsideFolder(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"", ".", "..", "../x.pdf", "a/b.pdf", `a\b.pdf`, ".hidden.pdf", "/etc/x"} {
		err := Write(dir, name, func(w io.Writer) error { return nil })
		if !errors.Is(err, ErrUnsafeName) {
			t.Errorf("Write(%q) = %v, want ErrUnsafeName", name, err)
		}
	}
	assertOnly(t, dir)
}

func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	// A process that is running (the test's parent) and one that is not.
	other := fmt.Sprintf("%s%d-1.tmp", TempPrefix, os.Getppid())
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		fmt.Sprintf("%s%d-1.tmp", TempPrefix, os.Getpid()),      // this process's
		fmt.Sprintf("%s%d-1.tmp", TempPrefix, dead.Process.Pid), // a killed run's
		TempPrefix + "x.tmp", // no process id
		other,
		"keep.pdf",
	} {
		os.WriteFile(filepath.Join(dir, name), nil, 0o644)
	}
	RemoveTemps(dir)
	assertOnly(t, dir, other, "keep.pdf")
}

func TestWriteNamesTempAfterProcess(t *testing.T) {
	dir := t.TempDir()
	want := fmt.Sprintf("%s%d-", TempPrefix, os.Getpid())
	err := Write(dir, "a.pdf", func(w io.Writer) error {
		names, _ := filepath.Glob(filepath.Join(dir, want+"*.tmp"))
		if len(names) != 1 {
			return fmt.Errorf("temporary files %v, want one named %s….tmp", names, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func assertOnly(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(want) {
		t.Fatalf("folder holds %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("folder holds %v, want %v", got, want)
		}
	}
}

// TestWriteConcurrent writes many files at once, which are flushed to the
// disk in groups: each ends whole under its name, no temporary file left.
func TestWriteConcurrent(t *testing.T) {
	dir := t.TempDir()
	const n = 32
	errs := make(chan error, n)
	var names []string
	for i := range n {
		name := fmt.Sprintf("f%02d.pdf", i)
		names = append(names, name)
		go func() {
			errs <- Write(dir, name, func(w io.Writer) error {
				_, err := io.WriteString(w, name+" whole")
				return err
			})
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	for _, name := range names {
		if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(got) != name+" whole" {
			t.Errorf("%s = %q, %v", name, got, err)
		}
	}
	assertOnly(t, dir, names...)
}

// TestFlushGroupErrors: when the group cannot be flushed at once (here
// the file it is asked through is closed), each file is flushed on its
// own, and one that cannot be fails alone.
func TestFlushGroupErrors(t *testing.T) {
	dir := t.TempDir()
	good, err := os.Create(filepath.Join(dir, "good"))
	if err != nil {
		t.Fatal(err)
	}
	defer good.Close()
	bad, err := os.Create(filepath.Join(dir, "bad"))
	if err != nil {
		t.Fatal(err)
	}
	bad.Close()
	group := []*flush{{f: bad, done: make(chan struct{})}, {f: good, done: make(chan struct{})}}
	flushGroup(group)
	for _, w := range group {
		<-w.done
	}
	if group[0].err == nil || group[1].err != nil {
		t.Errorf("errors %v, %v; want the closed file's only", group[0].err, group[1].err)
	}
}

// TestWriteCreatesFolder writes into a folder that does not exist yet,
// two levels deep, and into one removed after the first file: each is
// created, the files have the mode asked for (less the umask), and no
// temporary file is left. A path through a regular file is an error.
func TestWriteCreatesFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	write := func(name string) error {
		return WriteMode(dir, name, Private, func(w io.Writer) error {
			_, err := io.WriteString(w, name)
			return err
		})
	}
	if err := write("one.pdf"); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := write("two.pdf"); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, "two.pdf"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("two.pdf: %v, %v; want mode 0600", fi, err)
	}
	assertOnly(t, dir, "two.pdf")
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(file, "sub"), "x.pdf", func(io.Writer) error { return nil }); err == nil {
		t.Error("writing under a regular file succeeded")
	}
}

// TestFileCommitAndDiscard: a File written in several calls replaces the
// file named only when committed; discarded, it leaves the old file as it
// was and no temporary file; committed, it cannot be committed again.
func TestFileCommitAndDiscard(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.pdf"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Create(dir, "a.pdf", Public)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "ha")
	io.WriteString(f, "lf")
	if got, _ := os.ReadFile(filepath.Join(dir, "a.pdf")); string(got) != "old" {
		t.Fatalf("a.pdf = %q while the new one is written, want the old content", got)
	}
	f.Discard()
	f.Discard()
	if got, _ := os.ReadFile(filepath.Join(dir, "a.pdf")); string(got) != "old" {
		t.Fatalf("a.pdf = %q after Discard, want the old content", got)
	}
	assertOnly(t, dir, "a.pdf")
	if err := f.Commit(); err == nil {
		t.Error("a discarded File was committed")
	}
	assertOnly(t, dir, "a.pdf")

	f, err = Create(dir, "a.pdf", Public)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "new ")
	io.WriteString(f, "content")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	f.Discard() // after Commit: nothing
	if got, _ := os.ReadFile(filepath.Join(dir, "a.pdf")); string(got) != "new content" {
		t.Fatalf("a.pdf = %q after Commit, want the new content", got)
	}
	assertOnly(t, dir, "a.pdf")
	if err := f.Commit(); err == nil {
		t.Error("a File was committed twice")
	}
	if _, err := Create(dir, "../a.pdf", Public); !errors.Is(err, ErrUnsafeName) {
		t.Errorf("Create(../a.pdf) = %v, want ErrUnsafeName", err)
	}
}
