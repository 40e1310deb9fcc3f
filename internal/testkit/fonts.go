package testkit

import (
	"os"
	"testing"
)

// DebianFont returns the bytes of the font file at path, installed by the
// Debian package pkg (fonts-liberation, fonts-dejavu-core). When it is
// missing the test is skipped, but fails when the environment variable CI
// is set: .ci/run installs the package.
func DebianFont(t testing.TB, path, pkg string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI (install %s): %v", path, pkg, err)
		}
		t.Skipf("%s is not installed (Debian package %s): %v", path, pkg, err)
	}
	return b
}

// Fonts of Debian packages that tests use.
const (
	LiberationSans     = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
	LiberationSansBold = "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"
	DejaVuSans         = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	DejaVuSansBold     = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
	NanumGothic        = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"        // fonts-nanum
	NanumGothicBold    = "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"    // fonts-nanum
	NotoSansCJK        = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc" // fonts-noto-cjk
	NotoSansCJKBold    = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"    // fonts-noto-cjk
	// A name-keyed CFF font (OpenType .otf), URW's Helvetica clone.
	NimbusSans = "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf" // fonts-urw-base35
	// A TrueType variable font (fvar, gvar): Inter, axes wght and slnt.
	InterVariable = "/usr/share/fonts/truetype/inter-vf/Inter.var.ttf" // fonts-inter-variable
)
