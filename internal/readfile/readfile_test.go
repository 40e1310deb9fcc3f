package readfile

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.toml")
	if err := os.WriteFile(file, []byte("id = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.toml")
	if err := os.Symlink("a.toml", link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{file, link} {
		b, err := Read(p, 7)
		if err != nil || string(b) != "id = 1\n" {
			t.Errorf("Read(%s, 7) = %q, %v", p, b, err)
		}
	}
	_, err := Read(file, 6)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), file) ||
		!strings.Contains(err.Error(), "more than the 6 bytes read at most") {
		t.Errorf("Read over the cap: %v", err)
	}
	if _, err := Read(filepath.Join(dir, "none"), 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// TestSpecial: a named pipe (even one a link leads to) or a device is
// refused at once, naming the path and what it is; reading it would wait
// for a writer for ever or never end.
func TestSpecial(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "incident.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.toml")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, what string }{
		{fifo, "a named pipe"},
		{link, "a named pipe"},
		{"/dev/zero", "a character device"},
		{"/dev/null", "a character device"},
		{dir, "a folder"},
	} {
		done := make(chan error, 1)
		go func() {
			_, err := Read(c.path, 1<<20)
			done <- err
		}()
		select {
		case err := <-done:
			want := "read " + c.path + ": " + c.what + ", not a regular file; only regular files are read"
			if !errors.Is(err, ErrNotRegular) || err.Error() != want {
				t.Errorf("Read(%s):\n got %v\nwant %s", c.path, err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Read(%s) hangs", c.path)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 bytes", 1023: "1023 bytes", 1024: "1 KiB", 1536: "1.5 KiB",
		4 << 20: "4 MiB", 64 << 20: "64 MiB", 3 << 30: "3 GiB",
	} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestReadSizes reads files of sizes around the buffer's steps whole, and
// a file of /proc, which says it has no bytes and has some, whole too.
func TestReadSizes(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 4096, 13000, 1 << 20} {
		want := make([]byte, n)
		for i := range want {
			want[i] = byte(i*7 + n)
		}
		p := filepath.Join(dir, "f")
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := Read(p, int64(n))
		if err != nil || string(got) != string(want) {
			t.Errorf("%d bytes: read %d, %v", n, len(got), err)
		}
	}
	if runtime.GOOS != "linux" {
		return
	}
	b, err := Read("/proc/self/status", 1<<20)
	if err != nil || !strings.Contains(string(b), "\nPid:") || !strings.HasSuffix(string(b), "\n") {
		t.Errorf("/proc/self/status: %d bytes, %v", len(b), err)
	}
}
