// Package batch runs one job per incident file over a pool of workers, for
// scheduled builds that render a whole folder: results come back in input
// order whatever the number of workers, and a report sums them up for
// people (one line) and for programs (JSON).
package batch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"

	"briefing/briefing/diag"
	"briefing/briefing/model"
	"briefing/internal/readfile"
)

// Output is one PDF a job wrote.
type Output struct {
	Path   string `json:"path"`
	Lang   string `json:"lang"`
	Pages  int    `json:"pages"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
	// TLP is the PDF's TLP 2.0 label, e.g. "TLP:RED".
	TLP string `json:"tlp"`
	// Encrypted is true when the PDF is protected with a password
	// (package encrypt).
	Encrypted bool `json:"encrypted,omitempty"`
	// Content is the sha256 of the PDF before encryption (SHA256 when not
	// encrypted): the same for the same input whatever the run.
	Content string `json:"-"`
}

// Result is what a job did with one input file. A file failed when its
// diagnostics hold an error.
type Result struct {
	File        string
	Outputs     []Output
	Diagnostics diag.List

	// Names are the PDFs the file makes, written or (checked only) not:
	// <id>.<lang>.pdf. IDLine and IDCol are where the file gives its id
	// (0 when unknown): two files of a run with one id make the same PDFs.
	Names         []string
	IDLine, IDCol int

	// Incident is the validated incident, nil when the file was refused:
	// what the stages after the PDFs (package mail) read. A run that does
	// not need it leaves it nil (see build.Options.KeepIncident): a batch
	// holds every result until its end, and an incident holds much of its
	// file.
	Incident *model.Incident
	// TLP is the validated incident's marking; for a file refused, or
	// one a digest leaves out, the marking its file gives, as a digest
	// reads it and counts it with in its own (see package digest), ""
	// when none could be read.
	TLP model.TLP
	// TLPUnread is true for a file refused or left out of a digest whose
	// marking could not be read, wholly (TLP "") or in part (it may be
	// marked more restrictively than TLP), and for the digest that names
	// such a file: its label is the most restrictive of the markings
	// read, as its cover says.
	TLPUnread bool
	// Messages are the emails made for the file (package mail).
	Messages []Message
	// Outside is true for an input file of a digest whose dates lie
	// outside the digest's period: it was read only for its dates,
	// neither validated in full nor counted.
	Outside bool
	// Period is the period of a digest, for its entry in the report.
	Period *Period
	// Interrupted is true when the run was stopped (SIGINT, SIGTERM)
	// before the file was done: not started, or some of its PDFs not
	// written. The PDFs written before the stop are complete (each is
	// written atomically) and listed in Outputs.
	Interrupted bool
}

// Period is the period of a digest as the report gives it: its name in
// the digest's file names ("2021-W18", "2021-05", "2021-05-01_2021-05-31")
// and its first and last days (YYYY-MM-DD), both included.
type Period struct {
	Name string `json:"name"`
	From string `json:"from"`
	To   string `json:"to"`
}

// Message is one email made for a file or a digest: written as an .eml
// file (Path), sent (Sent, with the server's Answer), or neither when it
// failed (the error is in the result's diagnostics).
type Message struct {
	From    string   `json:"from"`
	To      []string `json:"to"`
	Cc      []string `json:"cc"`
	Subject string   `json:"subject"`
	Bytes   int      `json:"bytes"`
	Path    string   `json:"path,omitempty"`
	Sent    bool     `json:"sent"`
	Answer  string   `json:"answer,omitempty"`
}

// Failed reports whether the file was refused, failed to render or was
// interrupted.
func (r Result) Failed() bool { return r.Diagnostics.HasErrors() || r.Interrupted }

// Job turns one input file into a result. It must not panic.
type Job func(ctx context.Context, file string) Result

// Run runs job on every file with the given number of workers (at least
// one) and returns the results in the order of files. done, when not nil,
// is called after each file with the number of files done and failed so
// far; calls never overlap. Files not started when ctx is cancelled have a
// result with only File and Interrupted.
//
// workers bounds the files being worked on, not those waiting for the
// disk: while a job waits in [Idle] (a file being flushed), the next file
// is started, up to four times workers files at once in all.
func Run(ctx context.Context, files []string, workers int, job Job, done func(n, failed int)) []Result {
	// More workers than files would be idle; so many that four times as
	// many overflows (-j 4611686018427387904) would deadlock on a channel
	// of no room.
	workers = max(1, min(workers, len(files)))
	results := make([]Result, len(files))
	started := make([]bool, len(files))
	var mu sync.Mutex
	finished, failed := 0, 0
	p := &pool{slots: make(chan struct{}, workers)}
	inFlight := make(chan struct{}, 4*workers)
	jobCtx := context.WithValue(ctx, poolKey{}, p)
	var wg sync.WaitGroup
	for i := range files {
		if !acquire(ctx, inFlight) {
			break
		}
		if !acquire(ctx, p.slots) {
			<-inFlight
			break
		}
		if ctx.Err() != nil {
			<-p.slots
			<-inFlight
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := job(jobCtx, files[i])
			<-p.slots // a job ends holding its slot (see Idle)
			<-inFlight
			mu.Lock()
			results[i], started[i] = r, true
			finished++
			if r.Failed() {
				failed++
			}
			if done != nil {
				done(finished, failed)
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	for i := range results {
		if !started[i] {
			results[i] = Result{File: files[i], Interrupted: true}
		}
	}
	return results
}

// pool is the worker slots of a Run, found by Idle in a job's context.
type pool struct{ slots chan struct{} }

type poolKey struct{}

// acquire takes a place in sem; false when ctx is done first.
func acquire(ctx context.Context, sem chan struct{}) bool {
	select {
	case sem <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

// Idle calls wait, which waits for something other than the processor
// (the disk flushing a written file), giving up the job's worker slot
// meanwhile so that Run starts or continues another file, and takes a slot
// again before returning. ctx must be the context Run passed to the job;
// with any other, Idle just calls wait.
func Idle(ctx context.Context, wait func() error) error {
	p, ok := ctx.Value(poolKey{}).(*pool)
	if !ok {
		return wait()
	}
	<-p.slots
	defer func() { p.slots <- struct{}{} }()
	return wait()
}

// Files expands the command line's paths: a file is taken as it is, a
// folder is searched (recursively) for *.toml files, in lexical order.
// A path not found as typed is looked for under its other Unicode
// normalization ([readfile.Find]: typed in NFC, written in NFD by macOS).
// Duplicates are dropped, the first path kept: one path spelt twice
// (a.toml, ./a.toml) and one file reached by several paths (the same
// device and inode: a symbolic link such as latest.toml → a.toml, a hard
// link, a folder and a file in it), which is one incident, not two with
// one id. A folder's search takes regular files and symbolic links only:
// reading a named pipe would wait for ever. It skips files and folders
// whose names start with "." (an editor's .taplo.toml, .git): a file named
// in paths is read whatever its name.
func Files(paths []string) ([]string, error) {
	var files []string
	seen := map[string]bool{}
	inodes := map[[2]uint64]bool{}
	add := func(f string) {
		c := filepath.Clean(f)
		if seen[c] {
			return
		}
		seen[c] = true
		if info, err := os.Stat(f); err == nil {
			if st, ok := info.Sys().(*syscall.Stat_t); ok {
				k := [2]uint64{uint64(st.Dev), st.Ino}
				if inodes[k] {
					return
				}
				inodes[k] = true
			}
		}
		files = append(files, f)
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			// Typed in NFC, written in NFD (macOS) or the other way.
			if found, ok := readfile.Find(p); ok {
				p = found
				info, err = os.Stat(p)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, errorsUnwrapPath(err))
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if hidden(path, p, d) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(d.Name(), ".toml") && regular(path, d) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("search %s: %w", p, err)
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
	}
	return files, nil
}

// hidden reports whether a folder entry found under root has a name
// starting with "." (root itself, e.g. ".", is searched).
func hidden(path, root string, d fs.DirEntry) bool {
	return path != root && strings.HasPrefix(d.Name(), ".")
}

// regular reports whether a folder entry is a regular file or a link to
// one: a named pipe or device found in a folder would hang the run.
func regular(path string, d fs.DirEntry) bool {
	if d.Type()&fs.ModeSymlink == 0 {
		return d.Type().IsRegular()
	}
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

// errorsUnwrapPath drops the path that os errors repeat.
func errorsUnwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
