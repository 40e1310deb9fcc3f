package theme

import (
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/layout"
	"briefing/internal/testkit"
)

// TestFontFileNameWithHash checks that a font file whose name has a # in
// it is read as that file, alone and with a face or instance after it,
// while a # after an existing file still chooses a face (a single font
// has only #0), and a missing file is named without what follows its #.
func TestFontFileNameWithHash(t *testing.T) {
	dejavu := string(testkit.DebianFont(t, testkit.DejaVuSans, "fonts-dejavu-core"))
	inter := string(testkit.DebianFont(t, testkit.InterVariable, "fonts-inter-variable"))
	dir := write(t, map[string]string{
		"Corp#Sans.ttf":  dejavu,
		"Corp#Var.ttf":   inter,
		"plain.ttf":      dejavu,
		"alone.toml":     "[fonts]\nregular = \"Corp#Sans.ttf\"\n",
		"face.toml":      "[fonts]\nregular = \"Corp#Sans.ttf#0\"\n",
		"instance.toml":  "[fonts]\nbold = \"Corp#Var.ttf#Bold\"\n",
		"plainface.toml": "[fonts]\nregular = \"plain.ttf#DejaVu Sans\"\n",
		"missing.toml":   "[fonts]\nregular = \"Gone#Sans.ttf#1\"\n",
		"wrongface.toml": "[fonts]\nregular = \"Corp#Sans.ttf#Bold\"\n",
		"single.toml":    "[fonts]\nregular = \"plain.ttf#1\"\n",
	})
	for _, c := range []struct {
		file string
		face layout.Face
		want string // the PostScript name, or the start of the error after the template's path
	}{
		{"alone.toml", layout.Regular, "DejaVuSans"},
		{"face.toml", layout.Regular, "DejaVuSans"},
		{"instance.toml", layout.Bold, "Inter-Bold"},
		{"plainface.toml", layout.Regular, "DejaVuSans"},
		{"missing.toml", layout.Regular, ":2:1: fonts.regular: cannot read font: open " + filepath.Join(dir, "Gone") + ":"},
		{"single.toml", layout.Regular, ":2:1: fonts.regular: font plain.ttf has no face 1: it is one font, not a collection (#0 or no # names it)"},
		{"wrongface.toml", layout.Regular, `:2:1: fonts.regular: font Corp#Sans.ttf has no face "Bold"; its faces are #0 "DejaVu Sans"`},
	} {
		th, err := Load(filepath.Join(dir, c.file))
		if strings.HasPrefix(c.want, ":") {
			if err == nil || !strings.HasPrefix(err.Error(), filepath.Join(dir, c.file)+c.want) {
				t.Errorf("%s: err = %v\nwant %s%s…", c.file, err, c.file, c.want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if got := th.Font(c.face).PostScriptName(); got != c.want {
			t.Errorf("%s: font %s, want %s", c.file, got, c.want)
		}
	}
}
