package build

import (
	"context"
	"testing"

	"briefing/internal/testkit/fixture"
)

// BenchmarkSeedFile runs the whole pipeline for the seed sample in
// Japanese, as each file of "briefing render --lang ja" does: read, load,
// validate, compose, lay out, draw and write the PDF atomically.
func BenchmarkSeedFile(b *testing.B) {
	th := fixture.Theme(b)
	opt := &Options{Dir: b.TempDir(), Langs: []string{"ja"}, Theme: th}
	b.ReportAllocs()
	for b.Loop() {
		res := File(context.Background(), "../../samples/pla-61419-antivirus.toml", opt)
		if res.Failed() || len(res.Outputs) != 1 {
			b.Fatalf("%+v", res)
		}
	}
}
