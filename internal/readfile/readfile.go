// Package readfile reads the files briefing is given (incident files,
// templates, fonts, logos) with two guards: only a regular file is read
// (after following links), so a named pipe, a device such as /dev/zero, a
// socket or a folder is refused at once instead of hanging the run or
// filling the memory; and no more than a cap suited to the file's kind is
// read, so a file far larger than any of its kind is refused by its size
// before it is read.
package readfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// ErrNotRegular is wrapped by the error of [Read] for a path that is not
// a regular file (a [*NotRegularError]).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by the error of [Read] for a file larger than its
// cap (a [*TooLargeError]).
var ErrTooLarge = errors.New("file too large")

// NotRegularError says what a path that is not a regular file is.
type NotRegularError struct {
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return kind(e.Mode) + ", not a regular file; only regular files are read"
}

// Is makes errors.Is(err, ErrNotRegular) hold.
func (e *NotRegularError) Is(target error) bool { return target == ErrNotRegular }

// TooLargeError gives the size of a file larger than its cap, in bytes;
// Size is Limit+1 when the file grew past the cap while it was read.
type TooLargeError struct {
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	more := ""
	if e.Size > e.Limit+1 {
		more = Size(e.Size) + ", "
	}
	return fmt.Sprintf("%v: %smore than the %s read at most", ErrTooLarge, more, Size(e.Limit))
}

// Is makes errors.Is(err, ErrTooLarge) hold.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// Read returns the contents of the regular file at path, which may be
// reached through symbolic links, if it holds at most limit bytes.
// Errors are *fs.PathError values naming path: the opening error, one
// wrapping a [*NotRegularError] that names what the path is ("read p: a
// named pipe, not a regular file; only regular files are read"), or one
// wrapping a [*TooLargeError] that gives the size and the cap.
//
// The file is opened without waiting for a writer (a named pipe opened
// normally blocks until one comes), then checked on the descriptor
// opened, so that a file swapped after a check is still refused.
//
// A path not found as written is looked for under its other Unicode
// normalization (see [Find]): a name typed in an incident file is NFC, the
// same name saved on macOS is NFD, and both name one file for the user.
func Read(path string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if errors.Is(err, fs.ErrNotExist) {
		if other, ok := Find(path); ok {
			f, err = os.OpenFile(other, os.O_RDONLY|openFlags, 0)
		}
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &NotRegularError{fi.Mode()}}
	}
	if fi.Size() > limit {
		return nil, tooLarge(path, fi.Size(), limit)
	}
	// The size may change while the file is read: never read past the
	// cap. The buffer is sized for the file as it was found, with room
	// to see its end, so that it is read with one call and then one that
	// finds the end (growing from 512 bytes, a 13 KB incident file took
	// ten, and a 20 MB font's bytes were copied some twenty times).
	var buf bytes.Buffer
	buf.Grow(int(fi.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	data := buf.Bytes()
	if int64(len(data)) > limit {
		return nil, tooLarge(path, int64(len(data)), limit)
	}
	return data, nil
}

// Find returns the path on disk that path names when their names differ
// only in Unicode normalization (NFC, as typed and as briefing reads text,
// against NFD, as macOS's file systems and Finder write names such as
// スクリーンショット, or a mixture): the path in NFC, then in NFD, then
// each component matched against its folder's entries by their NFC forms.
// ok is false when no such file exists; an ASCII path is not looked for.
func Find(path string) (found string, ok bool) {
	nfc := norm.NFC.String(path)
	if nfc == path && norm.NFD.String(path) == path {
		return "", false // nothing to normalize
	}
	for _, p := range []string{nfc, norm.NFD.String(path)} {
		if _, err := os.Stat(p); p != path && err == nil {
			return p, true
		}
	}
	clean := filepath.Clean(path)
	cur := filepath.VolumeName(clean)
	rest := clean[len(cur):]
	if strings.HasPrefix(rest, string(filepath.Separator)) {
		cur += string(filepath.Separator)
	}
	for _, name := range strings.Split(rest, string(filepath.Separator)) {
		if name == "" {
			continue
		}
		next := filepath.Join(cur, name)
		if _, err := os.Lstat(next); err != nil {
			dir := cur
			if dir == "" {
				dir = "."
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				return "", false
			}
			want := norm.NFC.String(name)
			i := slices.IndexFunc(entries, func(e fs.DirEntry) bool { return norm.NFC.String(e.Name()) == want })
			if i < 0 {
				return "", false
			}
			next = filepath.Join(cur, entries[i].Name())
		}
		cur = next
	}
	if _, err := os.Stat(cur); err != nil {
		return "", false
	}
	return cur, true
}

func tooLarge(path string, size, limit int64) error {
	return &fs.PathError{Op: "read", Path: path, Err: &TooLargeError{size, limit}}
}

// kind names what a file that is not a regular file is.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// Size writes a number of bytes for people: "512 bytes", "64 KiB",
// "1.5 MiB".
func Size(n int64) string {
	const k = 1024
	switch {
	case n < k:
		return fmt.Sprintf("%d bytes", n)
	case n < k*k:
		return trim(float64(n)/k) + " KiB"
	case n < k*k*k:
		return trim(float64(n)/(k*k)) + " MiB"
	}
	return trim(float64(n)/(k*k*k)) + " GiB"
}

// trim writes x with one decimal, none when it is whole.
func trim(x float64) string {
	s := fmt.Sprintf("%.1f", x)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}
