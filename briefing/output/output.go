// Package output writes finished PDFs into the output folder atomically:
// each file is written to a temporary file in the same folder and renamed
// into place, so a reader (or a scheduled build killed midway) sees the old
// file or the new one, never half of one.
package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
)

// TempPrefix starts the name of every temporary file [Write] creates; the
// id of the process that writes it follows (".briefing-4711-….tmp"), so that
// [RemoveTemps] leaves the files of another run in the same folder alone.
const TempPrefix = ".briefing-"

// ErrUnsafeName is returned for a file name that could address a path
// outside the output folder.
var ErrUnsafeName = errors.New("unsafe output file name")

// Write creates dir if needed and writes the file dir/name with write. The
// data goes to a temporary file in dir that is synced and renamed to name
// only when write succeeds; on any failure the temporary file is removed and
// nothing is left behind. name must be a plain file name: no separators, not
// "." or "..", not hidden.
func Write(dir, name string, write func(io.Writer) error) error {
	if err := checkName(name); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, TempPrefix+strconv.Itoa(os.Getpid())+"-*.tmp")
	if err != nil {
		return fmt.Errorf("create temporary file: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", name, err)
	}
	ok = true
	return nil
}

// RemoveTemps removes the temporary files that this process, or a run
// that was killed (its process no longer exists), left in dir. A run still
// writing into the same folder keeps its files. It is for a signal handler;
// it reports nothing.
func RemoveTemps(dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, TempPrefix+"*.tmp"))
	self := os.Getpid()
	for _, n := range names {
		pid, ok := writer(filepath.Base(n))
		if !ok || pid == self || !running(pid) {
			os.Remove(n)
		}
	}
}

// writer reads the id of the process that wrote a temporary file from its
// name.
func writer(name string) (pid int, ok bool) {
	rest := strings.TrimPrefix(name, TempPrefix)
	end := strings.IndexAny(rest, "-.")
	if end <= 0 {
		return 0, false
	}
	pid, err := strconv.Atoi(rest[:end])
	return pid, err == nil && pid > 0
}

// running reports whether a process with id pid exists.
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	if runtime.GOOS == "windows" {
		return true // FindProcess found it
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, os.ErrPermission)
}

func checkName(name string) error {
	if name == "" || name == "." || name == ".." || strings.HasPrefix(name, ".") ||
		strings.ContainsAny(name, `/\`+"\x00") || filepath.Base(name) != name {
		return fmt.Errorf("%w: %q", ErrUnsafeName, name)
	}
	return nil
}
