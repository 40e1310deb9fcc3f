package load

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkSeed loads the seed sample, the model briefing the performance
// targets are set for, from memory: what load costs each file of a batch
// (the TOML decoded, every key placed, unknown keys looked for).
func BenchmarkSeed(b *testing.B) {
	src, err := os.ReadFile("../../samples/pla-61419-antivirus.toml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, ds := Read("seed.toml", bytes.NewReader(src)); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}

// BenchmarkSeedFile loads the seed sample from its file, as each file of
// a batch is: read, then decoded as [BenchmarkSeed] does.
func BenchmarkSeedFile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, ds := File("../../samples/pla-61419-antivirus.toml"); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}
