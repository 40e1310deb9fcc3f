package output

import (
	"os"
	"sync"
)

// flusher makes written files durable in groups: the files handed to it
// while a flush is under way wait and are flushed together by the next
// one, so that a batch's workers do not each wait for the disk in turn.
// A group of one file is flushed with fsync; a larger one with one
// flush of its whole file system where the system has one (syncfs on
// Linux), else with an fsync of each file.
//
// It is the package's only state besides the host name: a queue of
// files being written, empty between runs.
type flusher struct {
	mu      sync.Mutex
	waiting []*flush
	busy    bool // a goroutine is flushing groups
}

type flush struct {
	f    *os.File
	err  error
	done chan struct{}
}

var flushes flusher

// sync returns when f's data are on the disk, or with the error that
// stops them from being.
func (fl *flusher) sync(f *os.File) error {
	w := &flush{f: f, done: make(chan struct{})}
	fl.mu.Lock()
	fl.waiting = append(fl.waiting, w)
	if fl.busy {
		fl.mu.Unlock()
		<-w.done
		return w.err
	}
	fl.busy = true
	for len(fl.waiting) > 0 {
		group := fl.waiting
		fl.waiting = nil
		fl.mu.Unlock()
		flushGroup(group)
		fl.mu.Lock()
	}
	fl.busy = false
	fl.mu.Unlock()
	<-w.done
	return w.err
}

// flushGroup flushes the files of group and tells each of their writers.
func flushGroup(group []*flush) {
	defer func() {
		for _, w := range group {
			close(w.done)
		}
	}()
	if len(group) > 1 {
		if err := syncFS(group[0].f); err == nil {
			return
		}
	}
	for _, w := range group {
		w.err = w.f.Sync()
	}
}
