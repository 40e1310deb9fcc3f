package theme

import (
	"reflect"
	"testing"
)

// TestPreload: Default after Preload returns the template Preload parsed,
// the same as one parsed then; it is handed out once (the next Default
// parses its own), and a second Preload before it is taken does nothing.
// A Default called while Preload parses waits for it.
func TestPreload(t *testing.T) {
	want, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	Preload()
	p := prefetched.Load()
	if p == nil {
		t.Fatal("Preload left no template")
	}
	Preload()
	if prefetched.Load() != p {
		t.Fatal("a second Preload replaced the first")
	}
	got, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if got != p.t {
		t.Fatal("Default did not return the preloaded template")
	}
	if prefetched.Load() != nil {
		t.Fatal("the preloaded template is still there for another Default")
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the preloaded template differs from one parsed by Default")
	}
	again, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if again == got {
		t.Error("a second Default returned the preloaded template again: callers may change what they get")
	}

	// On another goroutine, with Default called meanwhile.
	done := make(chan struct{})
	go func() { Preload(); close(done) }()
	for prefetched.Load() == nil {
		select {
		case <-done:
		default:
			continue
		}
		break
	}
	got, err = Default()
	<-done
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the template Default got while Preload ran differs from one parsed by Default")
	}
}
