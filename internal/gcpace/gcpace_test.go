package gcpace

import (
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
	pc := start(Pace{Min: 50, Max: 800, Headroom: 4 << 20})
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
