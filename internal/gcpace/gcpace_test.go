package gcpace

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func TestPercent(t *testing.T) {
	p := Pace{Min: 100, Max: 400, Headroom: 64 << 20}
	for _, tt := range []struct {
		live uint64
		want int
	}{
		{0, 400}, {1 << 20, 400}, {16 << 20, 400}, {32 << 20, 200}, {48 << 20, 133},
		{64 << 20, 100}, {1 << 30, 100},
	} {
		if got := p.Percent(tt.live); got != tt.want {
			t.Errorf("Percent(%d MB) = %d, want %d", tt.live>>20, got, tt.want)
		}
	}
}

// TestLiveHeap: the live heap found from the next collection's goal is
// the runtime's own count (/gc/heap/live:bytes) within a megabyte or 5 %,
// at the percentages the pacer sets and with live heaps around the
// headroom's.
func TestLiveHeap(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	for _, mb := range []int{0, 8, 40, 120} {
		live := make([][]byte, mb)
		for i := range live {
			live[i] = make([]byte, 1<<20)
		}
		for _, pc := range []int{50, 100, 400} {
			debug.SetGCPercent(pc)
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			metrics.Read(sample)
			want := sample[0].Value.Uint64()
			got := liveHeap(ms.NextGC, ms.StackInuse, pc)
			if d := max(got, want) - min(got, want); d > 1<<20 && d > want/20 {
				t.Errorf("%d MB live at %d %%: %d bytes, the runtime counts %d", mb, pc, got, want)
			}
		}
		runtime.KeepAlive(live)
	}
}

// TestStart: the collector's percentage follows the live heap from one
// collection to the next, down as the heap grows and up as it is freed.
func TestStart(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	pc := start(Pace{Min: 50, Max: 800, Headroom: 4 << 20}, false)
	defer pc.stop()
	if got := gcPercent(); got != 800 {
		t.Fatalf("after Start the percentage is %d, want 800", got)
	}
	live := make([][]byte, 64)
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	waitFor(t, pc, func(n int) bool { return n == 50 }, "with 64 MB live")
	if got := gcPercent(); got != 50 {
		t.Errorf("with 64 MB live the collector's percentage is %d, want 50", got)
	}
	runtime.KeepAlive(live)
	live = nil
	waitFor(t, pc, func(n int) bool { return n == 800 }, "with the 64 MB freed")
}

// waitFor collects garbage until ok holds for the pacer's percentage.
func waitFor(t *testing.T, pc *pacer, ok func(int) bool, when string) {
	t.Helper()
	for range 100 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
		if ok(pc.current()) {
			return
		}
	}
	t.Fatalf("%s the percentage stayed %d", when, pc.current())
}

// gcPercent is the collector's percentage.
func gcPercent() int {
	n := debug.SetGCPercent(100)
	debug.SetGCPercent(n)
	return n
}

// TestStartLimit: while the heap is large the soft memory limit is set
// just above the heap's goal and stays there from one collection to the
// next (were the goal read back under the limit taken for the
// percentage's, the limit would fall after every collection); once the
// heap is small again there is none.
func TestStartLimit(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(math.MaxInt64)
	pc := start(Pace{Min: 50, Max: 800, Headroom: 4 << 20}, true)
	defer pc.stop()
	live := make([][]byte, 64)
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	waitFor(t, pc, func(n int) bool { return n == 50 }, "with 64 MB live")
	for range 5 {
		runtime.GC()
		time.Sleep(2 * time.Millisecond)
	}
	// The goal of 64 MB live at 50 % is 96 MB; the limit adds the
	// runtime's own memory (a few MB here), a sixteenth and 4 MB.
	first := memoryLimit()
	if first < 100<<20 || first > 128<<20 {
		t.Fatalf("with 64 MB live at 50 %% the memory limit is %d MB, want 100–128 MB", first>>20)
	}
	for range 10 {
		runtime.GC()
		time.Sleep(2 * time.Millisecond)
	}
	if l := memoryLimit(); l < first-first/20 || l > first+first/20 {
		t.Errorf("after ten more collections the memory limit is %d MB, first %d MB", l>>20, first>>20)
	}
	if got := pc.current(); got != 50 {
		t.Errorf("after ten more collections the percentage is %d, want 50", got)
	}
	runtime.KeepAlive(live)
	live = nil
	waitFor(t, pc, func(n int) bool { return n == 800 }, "with the 64 MB freed")
	for range 100 {
		if memoryLimit() == math.MaxInt64 {
			return
		}
		runtime.GC()
		time.Sleep(2 * time.Millisecond)
	}
	t.Errorf("with the heap small again the memory limit is %d MB, want none", memoryLimit()>>20)
}

func TestLimit(t *testing.T) {
	for _, tt := range []struct {
		live, nonHeap uint64
		percent       int
		want          int64
	}{
		{0, 0, 400, 4 << 20},
		{64 << 20, 0, 50, 96<<20 + 6<<20 + 4<<20},
		{64 << 20, 16 << 20, 100, 144<<20 + 9<<20 + 4<<20},
	} {
		if got := Limit(tt.live, tt.nonHeap, tt.percent); got != tt.want {
			t.Errorf("Limit(%d MB, %d MB, %d) = %d, want %d", tt.live>>20, tt.nonHeap>>20, tt.percent, got, tt.want)
		}
	}
}

// TestAdjustUnderLimit: the live heap is read right even after
// collections the limit itself brought forward, when the next goal is
// the limit's and not the percentage's.
func TestAdjustUnderLimit(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	defer debug.SetMemoryLimit(math.MaxInt64)
	live := make([][]byte, 64)
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	pc := &pacer{pace: Pace{Min: 50, Max: 800, Headroom: 4 << 20}, cur: 50, limit: true, limited: true}
	debug.SetMemoryLimit(72 << 20) // under the 96 MB goal of 64 MB at 50 %
	runtime.GC()
	pc.adjust()
	if l := memoryLimit(); l < 100<<20 || l > 128<<20 {
		t.Errorf("with 64 MB live at 50 %% the memory limit is %d MB, want 100–128 MB", l>>20)
	}
	runtime.KeepAlive(live)
}
