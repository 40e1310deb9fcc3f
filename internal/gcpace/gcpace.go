// Package gcpace sets the garbage collector's percentage (GOGC) after each
// collection from the heap it left live: a high percentage while the live
// heap is small, so that a batch of small briefings collects rarely, and
// a low one once it is large, so that one huge file does not grow the
// process to five times what it uses.
package gcpace

import (
	"runtime"
	"runtime/debug"
	"sync"
)

// Pace is how the percentage is chosen: the heap may grow by Headroom
// bytes past the live heap before the next collection, as a percentage
// of the live heap kept between Min and Max.
type Pace struct {
	Min, Max int    // percent, e.g. 100 and 400
	Headroom uint64 // bytes
}

// Percent is the percentage for a live heap of live bytes.
func (p Pace) Percent(live uint64) int {
	if live == 0 {
		return p.Max
	}
	pc := p.Headroom * 100 / live
	return int(max(uint64(p.Min), min(pc, uint64(p.Max))))
}

// Start sets the percentage to p.Max now and to p.Percent of the live
// heap after every collection from then on, for the life of the process.
// Call it once, from main.
func Start(p Pace) { start(p) }

func start(p Pace) *pacer {
	pc := &pacer{pace: p, cur: p.Max}
	debug.SetGCPercent(p.Max)
	pc.arm()
	return pc
}

type pacer struct {
	mu      sync.Mutex
	pace    Pace
	cur     int
	stopped bool // no more adjusting (for tests)
}

// sentinel is garbage as soon as it is made: its finalizer runs after the
// next collection.
type sentinel struct{ p *pacer }

func (pc *pacer) arm() {
	runtime.SetFinalizer(&sentinel{pc}, func(s *sentinel) {
		if s.p.adjust() {
			s.p.arm()
		}
	})
}

// adjust sets the percentage for the heap the last collection left live;
// false once the pacer is stopped.
func (pc *pacer) adjust() bool {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.stopped {
		return false
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if n := pc.pace.Percent(liveHeap(ms.NextGC, ms.StackInuse, pc.cur)); n != pc.cur {
		pc.cur = n
		debug.SetGCPercent(n)
	}
	return true
}

// stop ends the adjusting (for tests: a pacer runs for the life of the
// process).
func (pc *pacer) stop() {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	pc.stopped = true
}

// current is the percentage last set (for tests).
func (pc *pacer) current() int {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return pc.cur
}

// liveHeap is the heap the last collection left live, in bytes, found
// from the goal it set for the next one at percent: goal = live + (live +
// stacks + globals) × percent/100, as the runtime's pacer sets it (Go
// 1.18 and later), the globals (under a megabyte here) taken as none. A
// goal at the runtime's least, 4 MB × percent/100, says only that the live
// heap is smaller than that: it is taken as none. The heap is read so,
// and not from runtime/metrics, whose initialization costs every start of
// briefing a tenth of a millisecond; a test checks it against
// runtime/metrics' /gc/heap/live:bytes.
func liveHeap(goal, stacks uint64, percent int) uint64 {
	p := uint64(max(percent, 0))
	s := stacks * p / 100
	if goal <= s || goal <= minGoal*p/100 {
		return 0
	}
	return (goal - s) * 100 / (100 + p)
}

// minGoal is the runtime's least heap goal at a percentage of 100, in
// bytes (the heap size of the first collection).
const minGoal = 4 << 20
