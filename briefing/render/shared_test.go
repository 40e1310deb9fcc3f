package render

import (
	"testing"

	"briefing/briefing/ttf"
	"briefing/internal/testkit"
)

// A font that draws two of a document's characters with one glyph is
// subset (each character then gets a glyph of its own) even where it is
// small enough to be embedded whole.
func TestSharesGlyphs(t *testing.T) {
	t.Parallel()
	f, err := ttf.Parse(testkit.DebianFont(t, testkit.LiberationSans, "fonts-liberation"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		runes string
		want  bool
	}{{"ab·", false}, {"a·b∙", true}, {"⁄∕", true}, {"", false}} {
		if got := sharesGlyphs(f, f.Glyphs(nil, []rune(tt.runes)), nil); got != tt.want {
			t.Errorf("sharesGlyphs(%q) = %v, want %v", tt.runes, got, tt.want)
		}
	}
}
