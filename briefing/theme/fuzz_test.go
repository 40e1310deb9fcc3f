package theme

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/diag"
	"briefing/templates"
)

// FuzzTemplate loads templates from the default one and variants of it:
// whatever the bytes, Load returns a template or a list of errors, each
// naming the template (or a file it names) with a line and column, and
// never panics. A template it accepts prints a heading and word in
// every language for every key of the default template.
func FuzzTemplate(f *testing.F) {
	def, err := templates.FS.ReadFile(DefaultFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(def)
	for _, s := range []string{
		"",
		"paper = \"Letter\"\nmargins = [72, 60.5, 72, 60.5]\n",
		"[organization]\nname = \"Acme\"\nlogo = \"logo.png\"\n[footer]\nja = \"社外秘\"\nen = \"Internal use only\"\n",
		"[organization]\nlogo = \"cut.png\"\n",
		"[organization]\nlogo = \"logo.jpg\"\n",
		"[organization]\nlogo = \"/dev/zero\"\n",
		"[fonts]\nregular = \"font.ttf\"\nbold = \"embedded:BIZUDPGothic-Regular.ttf\"\n",
		"[fonts]\nregular = \"pipe\"\n",
		"[fonts]\nregular = [\"font.ttf\", \"embedded:BIZUDPGothic-Bold.ttf\"]\nbold = [\"./font.ttf#0\", \"font.ttf\"]\nmono = \"embedded:BIZUDPGothic-Bold.ttf\"\n",
		"[headings.en]\nsummary = \"\"\n",
		"[headings.fr]\nsummary = \"Résumé\"\n[words.ja]\nseverity = \"重要度\"\n",
		"[words.en]\nseverity_high = \"\"\"\nHigh\"\"\"\n",
		"[colors]\naccent = \"#ABCDEF\"\nrisk_high = \"red\"\n",
		"headings.en.summary = 1\n[headings]\nen = 2\n",
		"margins = [350, 57, 350, 57]\npaper = \"letter\"\n",
		"\ufeffpaper = \"A4\"\n",
		"[organization]\nname = \"" + strings.Repeat("[", 70) + "\"\n",
		"[organization]\nname = 日本\n",
		"paper = A4 # paper\n[footer]\nja = 社外秘\n",
		"[fonts]\nbold = [\n  \"embedded:BIZUDPGothic-Bold.ttf\",\n  Corp Bold.ttf,\n]\n",
		"organization = { logo = ロゴ.png, name = \"Acme\" }\ndefang = no\n",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	files := map[string][]byte{
		"logo.png": picture(f, "png", 400, 100),
		"logo.jpg": picture(f, "jpeg", 64, 48),
		"cut.png":  picture(f, "png", 64, 48)[:100],
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			f.Fatal(err)
		}
	}
	d, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	font, err := d.Font(0).Subset([]rune("ABC abc"))
	if err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "font.ttf"), font, 0o644); err != nil {
		f.Fatal(err)
	}
	path := filepath.Join(dir, "t.toml")
	f.Fuzz(func(t *testing.T, src []byte) {
		th, err := load(path, src)
		if err != nil {
			var list diag.List
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("not a list of template errors: %v", err)
			}
			for _, d := range list {
				if d.File != path || d.Line < 1 || d.Col < 1 || d.Message == "" || strings.ContainsAny(d.String(), "\n\r") {
					t.Errorf("diagnostic without a place or on several lines: %q", d.String())
				}
			}
			return
		}
		if th == nil {
			t.Fatal("no template and no error")
		}
		for _, lang := range []string{"ja", "en", "fr"} {
			for key := range keysOf(d.headings) {
				if h := th.Heading(lang, key); strings.TrimSpace(h) == "" {
					t.Errorf("heading %s in %s is %q", key, lang, h)
				}
			}
			for key := range keysOf(d.words) {
				if w := th.Word(lang, key); strings.TrimSpace(w) == "" {
					t.Errorf("word %s in %s is %q", key, lang, w)
				}
			}
		}
		if l := th.Logo; l != nil && (l.Width < 1 || l.Height < 1 || len(l.Data) == 0) {
			t.Errorf("logo %d×%d of %d bytes", l.Width, l.Height, len(l.Data))
		}
	})
}
