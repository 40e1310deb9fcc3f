package render

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// numbers returns values a page's numbers are made of, and the hard
// cases of rounding to a thousandth: ties exactly representable (k/16,
// which strconv rounds to even), values a hair either side of a tie,
// negative zero, huge values and NaN.
func numbers() []float64 {
	rng := rand.New(rand.NewPCG(5, 6))
	vs := []float64{0, math.Copysign(0, -1), 0.0005, -0.0005, 0.0004999, 0.00050001, 1e-9, 1 << 20, 1 << 30, -(1 << 30),
		1e300, -1e300, math.Inf(1), math.Inf(-1), math.NaN(), 841.89, 595.276, 0.1, 0.7, 2.675, 1.0005, 4.0045}
	for k := -5000; k <= 5000; k++ {
		v := float64(k) / 16
		vs = append(vs, v, math.Nextafter(v, 1e9), math.Nextafter(v, -1e9), float64(k)/2000, float64(k)/1000, float64(k)/7)
	}
	for range 30000 {
		vs = append(vs, (rng.Float64()-0.5)*2000, (rng.Float64()-0.5)*2, (rng.Float64()-0.5)*2e9, rng.NormFloat64()*1e-3)
	}
	return vs
}

// TestAppendNum compares appendNum and appendRounded with the strconv
// formatting they stand for.
func TestAppendNum(t *testing.T) {
	num := func(v float64) string {
		if v > -0.0005 && v < 0.0005 {
			return "0"
		}
		s := strconv.FormatFloat(v, 'f', 3, 64)
		i := len(s)
		for i > 0 && s[i-1] == '0' {
			i--
		}
		if i > 0 && s[i-1] == '.' {
			i--
		}
		return s[:i]
	}
	for _, v := range numbers() {
		if got, want := string(appendNum([]byte("x"), v)), "x"+num(v); got != want {
			t.Errorf("appendNum(%v) = %s, want %s", v, got, want)
		}
		if got, want := string(appendRounded([]byte("x"), v)), "x"+strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64); got != want {
			t.Errorf("appendRounded(%v) = %s, want %s", v, got, want)
		}
	}
}
