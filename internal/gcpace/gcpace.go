// Package gcpace sets the garbage collector's percentage (GOGC) after each
// collection from the heap it left live: a high percentage while the live
// heap is small, so that a batch of small briefings collects rarely, and
// a low one once it is large, so that one huge file does not grow the
// process to five times what it uses.
package gcpace

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
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
	pc := &pacer{pace: p, cur: p.Max, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	debug.SetGCPercent(p.Max)
	pc.arm()
	return pc
}

type pacer struct {
	mu     sync.Mutex
	pace   Pace
	cur    int
	sample []metrics.Sample
}

// sentinel is garbage as soon as it is made: its finalizer runs after the
// next collection.
type sentinel struct{ p *pacer }

func (pc *pacer) arm() {
	runtime.SetFinalizer(&sentinel{pc}, func(s *sentinel) {
		s.p.adjust()
		s.p.arm()
	})
}

// adjust sets the percentage for the heap the last collection left live.
func (pc *pacer) adjust() {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	metrics.Read(pc.sample)
	if pc.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	if n := pc.pace.Percent(pc.sample[0].Value.Uint64()); n != pc.cur {
		pc.cur = n
		debug.SetGCPercent(n)
	}
}

// current is the percentage last set (for tests).
func (pc *pacer) current() int {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return pc.cur
}
