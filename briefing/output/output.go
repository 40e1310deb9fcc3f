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
	"strings"
)

// TempPrefix starts the name of every temporary file [Write] creates.
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
	tmp, err := os.CreateTemp(dir, TempPrefix+"*.tmp")
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

// RemoveTemps removes the temporary files that an interrupted run left in
// dir. It is for a signal handler; it reports nothing.
func RemoveTemps(dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, TempPrefix+"*.tmp"))
	for _, n := range names {
		os.Remove(n)
	}
}

func checkName(name string) error {
	if name == "" || name == "." || name == ".." || strings.HasPrefix(name, ".") ||
		strings.ContainsAny(name, `/\`+"\x00") || filepath.Base(name) != name {
		return fmt.Errorf("%w: %q", ErrUnsafeName, name)
	}
	return nil
}
