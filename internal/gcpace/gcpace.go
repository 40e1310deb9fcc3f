// Package gcpace sets the garbage collector's percentage (GOGC) after each
// collection from the heap it left live: a high percentage while the live
// heap is small, so that a batch of small briefings collects rarely, and
// a low one once it is large, so that one huge file does not grow the
// process to five times what it uses. While the heap is large it also sets
// a soft memory limit (debug.SetMemoryLimit) just above the heap that
// percentage lets grow: the runtime then gives the memory a collection
// frees back to the system, instead of keeping the process as large as
// its heap ever was.
package gcpace

import (
	"math"
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

// Limit is the soft memory limit, in bytes, for a heap of live bytes
// collected at percent beside nonHeap bytes of the runtime's own memory
// (stacks, spans, the collector's bitmaps): the heap's goal, live × (1 +
// percent/100), plus nonHeap, plus a sixteenth and 4 MB. The runtime
// collects once the memory it uses nears the limit less its own and 3 %
// (Go 1.19 and later); the margin keeps that point near the goal, so that
// the limit brings few collections forward (a 50,000-row table: 21
// instead of 20) and mostly makes freed memory go back to the system
// sooner.
func Limit(live, nonHeap uint64, percent int) int64 {
	goal := live + live*uint64(max(percent, 0))/100 + nonHeap
	return int64(min(goal+goal/16+4<<20, math.MaxInt64))
}

// Start sets the percentage to p.Max now and to p.Percent of the live
// heap after every collection from then on, for the life of the process.
// With limit, it also sets the soft memory limit to [Limit] while the
// percentage is below p.Max (the heap is large), and to none otherwise;
// pass false when GOMEMLIMIT is set, which is to win. Call it once, from
// main.
func Start(p Pace, limit bool) { start(p, limit) }

func start(p Pace, limit bool) *pacer {
	pc := &pacer{pace: p, cur: p.Max, limit: limit}
	debug.SetGCPercent(p.Max)
	pc.arm()
	return pc
}

type pacer struct {
	mu      sync.Mutex
	pace    Pace
	cur     int
	limit   bool // set the memory limit
	limited bool // a memory limit is set
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
	if pc.limited {
		// The goal read below is the percentage's only without a limit:
		// with one, it may be the limit's, which says nothing of the live
		// heap (and, read as the percentage's, would lower the limit
		// after every collection).
		debug.SetMemoryLimit(math.MaxInt64)
		pc.limited = false
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := liveHeap(ms.NextGC, ms.StackInuse, pc.cur)
	if n := pc.pace.Percent(live); n != pc.cur {
		pc.cur = n
		debug.SetGCPercent(n)
	}
	if pc.limit && pc.cur < pc.pace.Max {
		debug.SetMemoryLimit(Limit(live, ms.Sys-ms.HeapSys, pc.cur))
		pc.limited = true
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

// memoryLimit is the soft memory limit now (for tests).
func memoryLimit() int64 { return debug.SetMemoryLimit(-1) }

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
