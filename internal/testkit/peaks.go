package testkit

import (
	"runtime/metrics"
	"time"
)

// Peaks samples the heap every millisecond until stop is called, raising
// heap (bytes of heap objects) and live (bytes of the live heap after the
// last collection) to the largest seen: the peak heap of a benchmark,
// reported with b.ReportMetric.
func Peaks(heap, live *uint64) (stop func()) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			*heap = max(*heap, s[0].Value.Uint64())
			*live = max(*live, s[1].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
