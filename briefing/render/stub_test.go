package render

import (
	"math/rand/v2"
	"testing"
)

// TestPlain compares plain, which reads eight bytes at a time, with a
// byte-by-byte search for the first byte below 0x05, on stretches of
// every length up to 40 with such a byte at every place, among bytes of
// every value (above 0x7F too, which placeholders hold).
func TestPlain(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	want := func(c []byte) int {
		for i, b := range c {
			if b < 5 {
				return i
			}
		}
		return len(c)
	}
	for n := range 41 {
		for at := -1; at < n; at++ {
			for range 50 {
				c := make([]byte, n)
				for i := range c {
					c[i] = byte(5 + rng.IntN(251))
				}
				if at >= 0 {
					c[at] = byte(rng.IntN(5))
					// Bytes after it of any value.
					for i := at + 1; i < n; i++ {
						c[i] = byte(rng.IntN(256))
					}
				}
				if got, w := plain(c), want(c); got != w {
					t.Fatalf("plain(% x) = %d, want %d", c, got, w)
				}
			}
		}
	}
}
