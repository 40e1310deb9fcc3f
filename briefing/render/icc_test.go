package render

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// transicc converts the colours of in (one "a b c" a line) from the
// profile at path to out (a Little CMS built-in, "*sRGB" or "*XYZ") with
// relative colorimetric intent, and returns the numbers it prints.
func transicc(t *testing.T, path, out string, in []string) [][3]float64 {
	t.Helper()
	cmd := exec.Command(testkit.Tool(t, "transicc"), "-i"+path, "-o"+out, "-n", "-t1")
	cmd.Stdin = strings.NewReader(strings.Join(in, "\n") + "\n")
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("transicc: %v", err)
	}
	var got [][3]float64
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var v [3]float64
		if _, err := fmt.Sscan(line, &v[0], &v[1], &v[2]); err != nil {
			t.Fatalf("transicc printed %q: %v", line, err)
		}
		got = append(got, v)
	}
	if len(got) != len(in) {
		t.Fatalf("transicc gave %d colours for %d", len(got), len(in))
	}
	return got
}

// TestSRGBProfile reads the sRGB profile with Little CMS (transicc of
// liblcms2-utils; Ghostscript and Pillow use the same library), a reader
// independent of ours: it must take it as an RGB profile, map every grey
// and the primaries to Little CMS's own sRGB within a tenth of an 8-bit
// step, and give the primaries the D50 colorants of ICC sRGB profiles.
func TestSRGBProfile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "srgb.icc")
	if err := os.WriteFile(path, sRGB(), 0o644); err != nil {
		t.Fatal(err)
	}
	var in []string
	for v := range 256 {
		in = append(in, fmt.Sprintf("%d %d %d", v, v, v))
	}
	in = append(in, "255 0 0", "0 255 0", "0 0 255", "200 100 30")
	want := func(i int) [3]float64 {
		var v [3]float64
		fmt.Sscan(in[i], &v[0], &v[1], &v[2])
		return v
	}
	for i, got := range transicc(t, path, "*sRGB", in) {
		for k := range 3 {
			if d := math.Abs(got[k] - want(i)[k]); d > 0.1 {
				t.Errorf("%s comes out of Little CMS's sRGB as %v", in[i], got)
				break
			}
		}
	}
	// The colorants adapted to D50, as IEC 61966-2-1's numbers give them
	// (and the ICC's sRGB profiles hold), in XYZ × 100.
	xyz := transicc(t, path, "*XYZ", []string{"255 0 0", "0 255 0", "0 0 255", "255 255 255"})
	for i, w := range [][3]float64{{43.607, 22.250, 1.393}, {38.515, 71.687, 9.708}, {14.307, 6.061, 71.410}, {96.42, 100, 82.49}} {
		for k := range 3 {
			if math.Abs(xyz[i][k]-w[k]) > 0.05 {
				t.Errorf("colour %d is XYZ %v, want %v", i, xyz[i], w)
				break
			}
		}
	}
	if n := len(sRGB()); n > 700 {
		t.Errorf("the profile has %d bytes", n)
	}
}

// TestSRGBDeflated checks the kept compressed profile: it is sRGB()
// compressed with compress/zlib at its best compression, byte for byte
// (so that PDFs stay as they were), and it inflates back to the profile.
func TestSRGBDeflated(t *testing.T) {
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	zw.Write(sRGB())
	zw.Close()
	if !bytes.Equal(sRGBDeflated(), b.Bytes()) {
		t.Errorf("srgbDeflated is not the profile compressed; it should be (%d bytes):\n% x", b.Len(), b.Bytes())
	}
	zr, err := zlib.NewReader(bytes.NewReader(sRGBDeflated()))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, sRGB()) {
		t.Errorf("srgbDeflated inflates to %d bytes (%v), not the %d of the profile", len(got), err, len(sRGB()))
	}
}
