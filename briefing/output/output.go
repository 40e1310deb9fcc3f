// Package output writes finished PDFs into the output folder atomically:
// each file is written to a temporary file in the same folder and renamed
// into place, so a reader (or a scheduled build killed midway) sees the old
// file or the new one, never half of one. [Prepare] checks the folder once
// before a run (can a file be created in it?) and removes the temporary
// files runs killed before they could left there.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"

	"briefing/internal/readfile"
)

// TempPrefix starts the name of every temporary file [Write] creates; the
// id of the process that writes it and the name of its host follow
// (".briefing-4711-build7-….tmp"), so that [RemoveTemps] and [Prepare]
// leave the files of another run in the same folder alone.
const TempPrefix = ".briefing-"

// foreignAge is how long a temporary file written on another host (a
// folder shared between machines or containers, whose processes cannot be
// seen from here) is left alone: no run spends that long on one file.
const foreignAge = 24 * time.Hour

// reuseSlack is how much later than a temporary file's last change the
// process with the id in its name may have started and still be its
// writer: process start times are known to a second here.
const reuseSlack = 2 * time.Second

// ErrUnsafeName is returned for a file name that could address a path
// outside the output folder.
var ErrUnsafeName = errors.New("unsafe output file name")

// Write creates dir if needed and writes the file dir/name with write. The
// data goes to a temporary file in dir that is flushed to the disk (with
// the files other goroutines write meanwhile, see flusher) and renamed to
// name only when write succeeds; on any failure the temporary file is removed and
// nothing is left behind. name must be a plain file name: no separators, not
// "." or "..", not hidden. The file's mode is that of os.Create: 0666
// less the process's umask.
func Write(dir, name string, write func(io.Writer) error) error {
	return WriteMode(dir, name, Public, write)
}

// The permission bits files are created with, before the umask takes its
// own (a umask of 022 makes Public 0644, 077 makes it 0600).
const (
	// Public is os.Create's 0666: who may read the file is the umask's
	// and the folder's choice.
	Public fs.FileMode = 0o666
	// Private is 0600: the owner alone, whatever the umask.
	Private fs.FileMode = 0o600
)

// WriteMode is [Write] with the file created with the permission bits
// perm, less the umask: the file is never readable by more than perm
// allows, also while it is being written. The kernel applies the umask
// as the file is created, so no process-wide umask is read or changed.
func WriteMode(dir, name string, perm fs.FileMode, write func(io.Writer) error) error {
	f, err := Create(dir, name, perm)
	if err != nil {
		return err
	}
	defer f.Discard()
	if err := write(f); err != nil {
		return err
	}
	return f.Commit()
}

// File is a file being written into the output folder, as [WriteMode]
// writes one, for a writer that cannot hand its data over in one call (a
// large PDF drawn straight into it): the data go to a temporary file in
// the folder, which [File.Commit] flushes to the disk and renames into
// place, and [File.Discard] removes. Until Commit succeeds, the file named
// holds what it held before (or is absent).
type File struct {
	tmp       *os.File
	dir, name string
	done      bool // committed or discarded
}

// Create starts the file dir/name with the permission bits perm, less
// the umask, creating dir when missing. name must be a plain file name
// (see [Write]); the error is [ErrUnsafeName] for one that is not, or
// says that the temporary file could not be created.
func Create(dir, name string, perm fs.FileMode) (*File, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	// The folder is created only when the file cannot be: a batch writes
	// many files into one folder, which is there after the first.
	tmp, err := createTemp(dir, perm)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create output folder: %w", err)
		}
		tmp, err = createTemp(dir, perm)
	}
	if err != nil {
		return nil, fmt.Errorf("create temporary file: %w", err)
	}
	return &File{tmp: tmp, dir: dir, name: name}, nil
}

// Write writes p to the temporary file.
func (f *File) Write(p []byte) (int, error) { return f.tmp.Write(p) }

// Commit flushes the data written to the disk (with the files other
// goroutines write meanwhile, see flusher) and renames the temporary file
// to the file's name. On failure the temporary file is removed. A File
// committed or discarded cannot be committed again.
func (f *File) Commit() error {
	if f.done {
		return fmt.Errorf("write %s: %w", f.name, os.ErrClosed)
	}
	if err := flushes.sync(f.tmp); err != nil {
		f.Discard()
		return fmt.Errorf("write %s: %w", f.name, err)
	}
	if err := f.tmp.Close(); err != nil {
		f.Discard()
		return fmt.Errorf("write %s: %w", f.name, err)
	}
	f.done = true
	if err := os.Rename(f.tmp.Name(), filepath.Join(f.dir, f.name)); err != nil {
		os.Remove(f.tmp.Name())
		return fmt.Errorf("write %s: %w", f.name, err)
	}
	return nil
}

// Discard closes and removes the temporary file, leaving the file named
// as it was; it does nothing after Commit or an earlier Discard.
func (f *File) Discard() {
	if f.done {
		return
	}
	f.done = true
	f.tmp.Close()
	os.Remove(f.tmp.Name())
}

// createTemp creates a new temporary file in dir, named after this
// process and host, with the permission bits perm less the umask (as
// os.CreateTemp does, but for its fixed 0600).
func createTemp(dir string, perm fs.FileMode) (*os.File, error) {
	prefix := filepath.Join(dir, tempStem())
	for try := 0; ; try++ {
		name := prefix + strconv.FormatUint(uint64(rand.Uint32()), 10) + ".tmp"
		f, err := openNew(name, perm)
		if errors.Is(err, fs.ErrExist) && try < 100 {
			continue
		}
		return f, err
	}
}

// tempStem starts the name of each temporary file of this process:
// TempPrefix, the process id and the host, e.g. ".briefing-4711-build7-".
var tempStem = sync.OnceValue(func() string {
	return TempPrefix + strconv.Itoa(os.Getpid()) + "-" + host() + "-"
})

// Prepare makes dir ready to be a run's output folder, before anything is
// read: it creates it when missing, checks that a file can be created in
// it (a temporary file, created and removed, since permissions alone do
// not say: a read-only mount, an immutable folder, root's rights) and
// removes the temporary files that killed runs left there (see
// [RemoveStale]). The error says what failed; it names dir only through
// the *fs.PathError of the folder's creation.
func Prepare(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create the folder: %w", unwrapPath(err))
	}
	probe, err := createTemp(dir, Private)
	if err != nil {
		return fmt.Errorf("cannot write into the folder: %w", unwrapPath(err))
	}
	probe.Close()
	if err := os.Remove(probe.Name()); err != nil {
		return fmt.Errorf("cannot remove files from the folder: %w", unwrapPath(err))
	}
	RemoveStale(dir, time.Now())
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// RemoveTemps removes the temporary files that this process left in dir,
// and those of killed runs (see [RemoveStale]). A run still writing into
// the same folder keeps its files. It is for a signal handler; it reports
// nothing.
func RemoveTemps(dir string) {
	removeTemps(dir, time.Now(), true)
}

// RemoveStale removes the temporary files in dir that runs killed before
// they could (kill -9, the machine's memory killer, a CI timeout) left
// behind, as seen at time now, and returns their names. A file is stale
// when its writer, named by the process id and host in its name, is gone:
//
//   - written on this host: no process has that id, or the process that
//     has it started after the file was last changed (the id was reused);
//   - written on another host, whose processes cannot be seen from here:
//     it was last changed more than a day before now;
//   - or its name holds no process id.
//
// A file of a run still writing is never removed.
func RemoveStale(dir string, now time.Time) (removed []string) {
	return removeTemps(dir, now, false)
}

func removeTemps(dir string, now time.Time, own bool) (removed []string) {
	names, _ := filepath.Glob(filepath.Join(dir, TempPrefix+"*.tmp"))
	for _, n := range names {
		fi, err := os.Lstat(n)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if stale(filepath.Base(n), fi.ModTime(), now, own) && os.Remove(n) == nil {
			removed = append(removed, n)
		}
	}
	return removed
}

// stale reports whether the temporary file name, last changed at mod, is
// to be removed at time now; own says whether this process's files are.
func stale(name string, mod, now time.Time, own bool) bool {
	pid, h, ok := writer(name)
	switch {
	case !ok:
		return true
	case h != "" && h != host():
		return now.Sub(mod) > foreignAge
	case pid == os.Getpid() && own:
		return true
	case !running(pid):
		return true
	}
	start, ok := started(pid)
	return ok && start.After(mod.Add(reuseSlack))
}

// writer reads the id of the process that wrote a temporary file, and its
// host ("" for a name without one), from the file's name:
// ".briefing-PID-HOST-RANDOM.tmp", or ".briefing-PID-RANDOM.tmp" as
// earlier versions wrote it.
func writer(name string) (pid int, host string, ok bool) {
	rest := strings.TrimSuffix(strings.TrimPrefix(name, TempPrefix), ".tmp")
	end := strings.IndexAny(rest, "-.")
	if end < 0 {
		end = len(rest)
	}
	pid, err := strconv.Atoi(rest[:end])
	if err != nil || pid <= 0 {
		return 0, "", false
	}
	rest = rest[end:]
	if strings.HasPrefix(rest, "-") {
		if i := strings.LastIndexByte(rest, '-'); i > 0 {
			host = rest[1:i]
		}
	}
	return pid, host, true
}

// host is this machine's name as temporary file names hold it: letters,
// digits, '.' and '-', at most 64; "" when unknown.
var host = sync.OnceValue(func() string {
	h, _ := os.Hostname()
	h = strings.Map(func(r rune) rune {
		if r < 0x80 && (r == '.' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return -1
	}, h)
	if len(h) > 64 {
		h = h[:64]
	}
	return h
})

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

// started returns when the process pid started, to a second, where the
// system says (Linux: /proc/PID/stat's start time in clock ticks since
// boot, and /proc/stat's boot time).
func started(pid int) (time.Time, bool) {
	stat, err := readfile.Read("/proc/"+strconv.Itoa(pid)+"/stat", procMax)
	if err != nil {
		return time.Time{}, false
	}
	// pid (comm) state ppid …: comm may hold spaces and parentheses;
	// the start time is the 22nd field, the 20th after comm.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return time.Time{}, false
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 20 {
		return time.Time{}, false
	}
	ticks, err := strconv.ParseInt(f[19], 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	boot, ok := bootTime()
	if !ok {
		return time.Time{}, false
	}
	// Linux reports times to user space in USER_HZ, 100 a second on every
	// architecture.
	const userHZ = 100
	return boot.Add(time.Duration(ticks) * time.Second / userHZ), true
}

// procMax is the most read of a file of /proc.
const procMax = 1 << 20

// bootTime reads the "btime" line of /proc/stat.
func bootTime() (time.Time, bool) {
	stat, err := readfile.Read("/proc/stat", procMax)
	if err != nil {
		return time.Time{}, false
	}
	for line := range strings.Lines(string(stat)) {
		if v, ok := strings.CutPrefix(line, "btime "); ok {
			sec, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			return time.Unix(sec, 0), err == nil
		}
	}
	return time.Time{}, false
}

func checkName(name string) error {
	if name == "" || name == "." || name == ".." || strings.HasPrefix(name, ".") ||
		strings.ContainsAny(name, `/\`+"\x00") || filepath.Base(name) != name {
		return fmt.Errorf("%w: %q", ErrUnsafeName, name)
	}
	return nil
}
