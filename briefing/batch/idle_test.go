package batch

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// TestIdleLetsAnotherFileStart runs two files with one worker: the first
// waits in Idle until the second has started, which it can only do if
// Idle gives the worker up.
func TestIdleLetsAnotherFileStart(t *testing.T) {
	secondStarted := make(chan struct{})
	results := Run(context.Background(), []string{"a", "b"}, 1, func(ctx context.Context, f string) Result {
		if f == "b" {
			close(secondStarted)
			return Result{File: f}
		}
		err := Idle(ctx, func() error {
			select {
			case <-secondStarted:
				return nil
			case <-time.After(10 * time.Second): // a guard against hanging, not a measurement
				return errors.New("b did not start while a was idle")
			}
		})
		if err != nil {
			t.Error(err)
		}
		return Result{File: f}
	}, nil)
	if len(results) != 2 || results[0].File != "a" || results[1].File != "b" {
		t.Errorf("results = %v, want a, b in order", results)
	}
}

// TestIdleKeepsTheNumberOfWorkers checks that no more than workers jobs
// run outside Idle at once, however many wait in it.
func TestIdleKeepsTheNumberOfWorkers(t *testing.T) {
	const workers = 2
	var mu sync.Mutex
	active, most := 0, 0
	enter := func() {
		mu.Lock()
		active++
		most = max(most, active)
		mu.Unlock()
	}
	leave := func() {
		mu.Lock()
		active--
		mu.Unlock()
	}
	files := make([]string, 40)
	for i := range files {
		files[i] = string(rune('a' + i%26))
	}
	results := Run(context.Background(), files, workers, func(ctx context.Context, f string) Result {
		enter()
		for range 100 {
			time.Sleep(0) // yield: let other jobs run and overlap
		}
		leave()
		Idle(ctx, func() error {
			time.Sleep(time.Millisecond)
			return nil
		})
		enter()
		leave()
		return Result{File: f}
	}, nil)
	if len(results) != len(files) {
		t.Fatalf("%d results, want %d", len(results), len(files))
	}
	if most > workers {
		t.Errorf("%d jobs worked at once outside Idle, want at most %d", most, workers)
	}
}

// TestIdleOutsideRun just calls wait.
func TestIdleOutsideRun(t *testing.T) {
	called := false
	if err := Idle(context.Background(), func() error { called = true; return nil }); err != nil || !called {
		t.Errorf("Idle outside Run: called %v, err %v", called, err)
	}
}
