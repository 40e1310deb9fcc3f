package tomlkey

import (
	"os"
	"testing"
)

// BenchmarkScanSeed indexes the seed sample: load does it once per file.
func BenchmarkScanSeed(b *testing.B) {
	src, err := os.ReadFile("../../samples/pla-61419-antivirus.toml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Scan(string(src))
	}
}
