package validate

import (
	"bytes"
	"os"
	"testing"

	"briefing/briefing/load"
)

// seedFile is the model briefing, the sample the performance targets are
// set for.
const seedFile = "../../samples/pla-61419-antivirus.toml"

// BenchmarkSeed loads and validates the seed sample from memory: what
// every file of a batch costs before composing.
func BenchmarkSeed(b *testing.B) {
	src, err := os.ReadFile(seedFile)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		raw, ds := load.Read(seedFile, bytes.NewReader(src))
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		if _, ds := Incident(raw); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}
