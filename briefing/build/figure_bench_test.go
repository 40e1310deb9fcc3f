package build

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// BenchmarkFigure draws the ransomware sample in Japanese and English
// with its figure replaced by a 16-megapixel picture (5120 × 3200, a
// screenshot-like PNG with and without alpha, and a JPEG) and reports the
// peak of the heap while it is made (peak-heap-MB) and of the heap left
// live by a collection (peak-live-MB): what a large picture adds to the
// memory of "briefing render". Decoded whole, the PNG alone is 64 MB.
func BenchmarkFigure(b *testing.B) {
	th := fixture.Theme(b)
	seed, err := os.ReadFile("../../samples/ransomware-example.toml")
	if err != nil {
		b.Fatal(err)
	}
	const w, h = 5120, 3200
	shot := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			i := shot.PixOffset(x, y)
			p := shot.Pix[i : i+4]
			p[0], p[1], p[2], p[3] = uint8(x/40), 0xf0, uint8(y/25), 0xff
			if y%20 < 10 && x%7 < 4 && (x/60+y/20)%3 != 0 {
				p[0], p[1], p[2] = 0x20, 0x20, 0x30
			}
		}
	}
	var opaque, alpha, photo bytes.Buffer
	png.Encode(&opaque, shot)
	jpeg.Encode(&photo, shot, &jpeg.Options{Quality: 90})
	for y := range h / 4 {
		for x := range w {
			shot.Pix[shot.PixOffset(x, y)+3] = uint8(x)
		}
	}
	png.Encode(&alpha, shot)
	shot = nil
	for _, c := range []struct {
		name string
		data []byte
	}{{"png", opaque.Bytes()}, {"png-alpha", alpha.Bytes()}, {"jpeg", photo.Bytes()}} {
		dir := b.TempDir()
		file := "figure." + strings.TrimSuffix(c.name, "-alpha")
		if err := os.WriteFile(filepath.Join(dir, file), c.data, 0o644); err != nil {
			b.Fatal(err)
		}
		path := filepath.Join(dir, "figure.toml")
		toml := strings.Replace(string(seed), `file = "ransomware-note.png"`, `file = "`+file+`"`, 1)
		if err := os.WriteFile(path, []byte(toml), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			opt := &Options{Dir: b.TempDir(), Theme: th}
			var heap, live uint64
			for b.Loop() {
				runtime.GC()
				stop := testkit.Peaks(&heap, &live)
				res := File(context.Background(), path, opt)
				stop()
				if res.Failed() || len(res.Outputs) != 2 {
					b.Fatalf("%+v", res.Diagnostics)
				}
			}
			b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(live)/(1<<20), "peak-live-MB")
		})
	}
}
