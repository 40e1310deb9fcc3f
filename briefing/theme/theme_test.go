package theme

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/diag"
	"briefing/briefing/layout"
	"briefing/briefing/ttf"
	"briefing/fonts"
)

// *Theme is what the layout measures with and what the renderer takes
// fonts from (render.Fonts has this method).
var (
	_ layout.Metrics = (*Theme)(nil)
	_ interface {
		Program(layout.Face, []rune) ([]byte, error)
	} = (*Theme)(nil)
)

func TestDefault(t *testing.T) {
	th, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if th.Paper != layout.A4 {
		t.Errorf("Paper = %+v, want A4 %+v", th.Paper, layout.A4)
	}
	if want := (layout.Color{R: 0x1f, G: 0x3a, B: 0x5f}); th.Accent != want {
		t.Errorf("Accent = %+v, want %+v", th.Accent, want)
	}
	if th.RiskHigh == (layout.Color{}) || th.AccentLight == (layout.Color{}) {
		t.Errorf("colours not set: %+v %+v", th.RiskHigh, th.AccentLight)
	}
	for _, f := range []layout.Face{layout.Regular, layout.Bold} {
		if w, ok := th.Advance(f, '漢'); !ok || w != 1000 {
			t.Errorf("Advance(%d, '漢') = %d, %v; want 1000, true", f, w, ok)
		}
		if _, ok := th.Advance(f, 0x1F525); ok {
			t.Errorf("Advance(%d, U+1F525) ok; the fonts have no emoji", f)
		}
	}
	if th.Font(layout.Bold).PostScriptName() != "BIZUDPGothic-Bold" {
		t.Errorf("bold face is %q", th.Font(layout.Bold).PostScriptName())
	}
	if _, ok := th.Advance(layout.Face(7), 'a'); ok || th.Font(layout.Face(7)) != nil {
		t.Errorf("unknown face measured")
	}
	for _, c := range []struct{ got, want string }{
		{th.Heading("ja", "summary"), "概要"},
		{th.Heading("en", "summary"), "Summary"},
		{th.Word("ja", "unknown"), "不明"},
		{th.Word("en", "unknown"), "Unknown"},
		{th.Heading("fr", "risks"), "Expected risks"}, // a language the template lacks: English
		{th.Word("en", "no_such_word"), "no_such_word"},
		{th.Footer("ja"), ""},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if th.Logo != nil || th.Organization != "" || th.File != "" {
		t.Errorf("default has logo %v, organization %q, file %q", th.Logo, th.Organization, th.File)
	}
}

func TestProgram(t *testing.T) {
	th, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	used := []rune("概要 Summary 2021年")
	b, err := th.Program(layout.Bold, used)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := ttf.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if sub.NumGlyphs() > len(used)+1 {
		t.Errorf("subset has %d glyphs for %d runes", sub.NumGlyphs(), len(used))
	}
	for _, r := range used {
		w, _ := th.Advance(layout.Bold, r)
		if got, ok := sub.Advance(r); !ok || got != w {
			t.Errorf("%q: subset width %d, %v; theme %d", r, got, ok, w)
		}
	}
	if _, err := th.Program(layout.Face(4), used); err == nil {
		t.Errorf("Program of an unknown face succeeded")
	}
}

// write writes files (name → content) into a new directory and returns
// its path.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadOverrides(t *testing.T) {
	dir := write(t, map[string]string{"ours.toml": `# Our organization's briefings.
paper = "Letter"

[colors]
accent = "#FF0000"

[organization]
name = "Example Corp."

[footer]
ja = "社外秘"
en = "Internal use only"

[headings.en]
summary = "Executive summary"

[headings.fr]
summary = "Résumé"
`})
	th, err := Load(filepath.Join(dir, "ours.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if th.Accent != (layout.Color{R: 255}) {
		t.Errorf("Accent = %+v, want red", th.Accent)
	}
	def, _ := Default()
	if th.Muted != def.Muted || th.Rule != def.Rule {
		t.Errorf("colours the template leaves out changed: %+v %+v", th.Muted, th.Rule)
	}
	if th.Paper.Width != 612 || th.Paper.Height != 792 || th.Paper.Left != def.Paper.Left {
		t.Errorf("Paper = %+v, want Letter with the default margins", th.Paper)
	}
	for _, c := range []struct{ got, want string }{
		{th.Heading("en", "summary"), "Executive summary"},
		{th.Heading("en", "risks"), "Expected risks"},
		{th.Heading("ja", "summary"), "概要"},
		{th.Heading("fr", "summary"), "Résumé"},
		{th.Heading("fr", "risks"), "Expected risks"},
		{th.Footer("ja"), "社外秘"},
		{th.Footer("en"), "Internal use only"},
		{th.Footer("de"), "Internal use only"},
		{th.Organization, "Example Corp."},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if th.File != filepath.Join(dir, "ours.toml") {
		t.Errorf("File = %q", th.File)
	}
}

func TestLoadMargins(t *testing.T) {
	dir := write(t, map[string]string{"m.toml": "margins = [72, 60.5, 72, 60.5]\n"})
	th, err := Load(filepath.Join(dir, "m.toml"))
	if err != nil {
		t.Fatal(err)
	}
	want := layout.A4
	want.Top, want.Right, want.Bottom, want.Left = 72, 60.5, 72, 60.5
	if th.Paper != want {
		t.Errorf("Paper = %+v, want %+v", th.Paper, want)
	}
}

// smallFont returns a TrueType subset of the embedded font with just the
// runes of s.
func smallFont(t *testing.T, s string) []byte {
	t.Helper()
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := def.Font(layout.Regular).Subset([]rune(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoadRelativeFontAndLogo(t *testing.T) {
	var logo bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	img.Set(3, 3, color.RGBA{R: 200, A: 255})
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	dir := write(t, map[string]string{
		"brand/ours.toml": `[fonts]
regular = "../type/Ours-Regular.ttf"
bold = "embedded:BIZUDPGothic-Regular.ttf"

[organization]
logo = "logo.png"
`,
		"type/Ours-Regular.ttf": string(smallFont(t, "ABC abc")),
		"brand/logo.png":        logo.String(),
	})
	// Paths are relative to the template, not to the working directory.
	th, err := Load(filepath.Join(dir, "brand", "ours.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := th.Advance(layout.Regular, 'A'); !ok {
		t.Errorf("regular face cannot draw 'A'")
	}
	// '漢' falls back to the embedded font that ends every chain.
	if th.Pick(layout.Regular, 'A') != 0 || th.Pick(layout.Regular, '漢') != 1 || th.Chain(layout.Regular) != 2 {
		t.Errorf("regular chain of %d fonts: 'A' from font %d, '漢' from font %d; want 2, 0, 1",
			th.Chain(layout.Regular), th.Pick(layout.Regular, 'A'), th.Pick(layout.Regular, '漢'))
	}
	if w, _ := th.Advance(layout.Regular, '漢'); w != 1000 {
		t.Errorf("'漢' measured %d/1000 em, want the fallback's 1000", w)
	}
	if _, ok := th.Advance(layout.Bold, '漢'); !ok {
		t.Errorf("bold face (embedded regular) cannot draw '漢'")
	}
	if th.Font(layout.Bold).PostScriptName() != "BIZUDPGothic-Regular" {
		t.Errorf("bold face is %q", th.Font(layout.Bold).PostScriptName())
	}
	if th.Logo == nil {
		t.Fatal("no logo")
	}
	if th.Logo.Type != "png" || th.Logo.Width != 40 || th.Logo.Height != 20 || !bytes.Equal(th.Logo.Data, logo.Bytes()) {
		t.Errorf("Logo type %q, %d×%d", th.Logo.Type, th.Logo.Width, th.Logo.Height)
	}
}

// TestLoadErrors checks that a bad template is refused with messages that
// name the file, line, column and key.
func TestLoadErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string // each a line of the error, after "DIR/"
	}{
		{"unknown key", map[string]string{"t.toml": "paper = \"A4\"\ncolour = \"#000000\"\n"},
			[]string{"t.toml:2:1: colour: unknown key; a template has paper, margins"}},
		{"bad colour", map[string]string{"t.toml": "[colors]\n\naccent = \"red\"\n"},
			[]string{`t.toml:3:1: colors.accent: "red" is not a colour; use "#rrggbb"`}},
		{"unknown colour", map[string]string{"t.toml": "[colors]\n  link = \"#000000\"\n"},
			[]string{"t.toml:2:3: colors.link: unknown key; [colors] has accent, accent_light, text, muted, rule, risk_low, risk_high"}},
		{"misspelt heading", map[string]string{"t.toml": "[headings.en]\nsummary = \"S\"\nsummry = \"S\"\n"},
			[]string{`t.toml:3:1: headings.en.summry: unknown key "summry"; the keys are those of the default template's [headings.en]: did you mean "summary"?`}},
		{"paper", map[string]string{"t.toml": "paper = \"A5\"\n"},
			[]string{`t.toml:1:1: paper: "A5" is not a paper size; use A4 or Letter`}},
		{"margins", map[string]string{"t.toml": "# m\nmargins = [\n  70,\n  57,\n]\n"},
			[]string{"t.toml:2:1: margins: want four numbers [top, right, bottom, left]"}},
		{"margins too wide", map[string]string{"t.toml": "paper = \"Letter\"\nmargins = [350, 57, 350, 57]\n"},
			[]string{"t.toml:2:1: margins: the margins leave a text area of 498 × 92 points on Letter paper"}},
		{"margin beyond the paper", map[string]string{"t.toml": "margins = [70, 1e300, 70, 57]\n"},
			[]string{"t.toml:1:1: margins: margin 1e+300 is larger than the paper; margins are in points, as in [70, 57, 64, 57]"}},
		{"negative margin", map[string]string{"t.toml": "margins = [70, -1, 70, 57]\n"},
			[]string{"t.toml:1:1: margins: margin -1 is negative"}},
		{"margin not a number", map[string]string{"t.toml": "margins = [70, 57, 70, nan]\n"},
			[]string{"t.toml:1:1: margins: margin nan is not a number of points; margins are in points, 0 or more"}},
		{"infinite margin", map[string]string{"t.toml": "margins = [inf, 57, 70, 57]\n"},
			[]string{"t.toml:1:1: margins: margin +inf is not a number of points; margins are in points, 0 or more"}},
		{"negative infinite margin", map[string]string{"t.toml": "margins = [70, 57, -inf, 57]\n"},
			[]string{"t.toml:1:1: margins: margin -inf is not a number of points; margins are in points, 0 or more"}},
		{"type", map[string]string{"t.toml": "[organization]\nname = 5\n"},
			[]string{"t.toml:2:1: organization.name: want a string, not an integer"}},
		{"dotted key", map[string]string{"t.toml": "words.en.unknown = 1\n"},
			[]string{"t.toml:1:1: words.en.unknown: want a string, not an integer"}},
		{"language", map[string]string{"t.toml": "[footer]\nJapanese = \"x\"\n"},
			[]string{`t.toml:2:1: footer.Japanese: "Japanese" is not a language code`}},
		{"syntax", map[string]string{"t.toml": "paper = \"A4\"\n[colors]\naccent = \n"},
			[]string{"t.toml:3:"}},
		{"syntax after Japanese", map[string]string{"t.toml": "[organization]\nname = \"日本語\" x\n"},
			[]string{"t.toml:2:13: "}}, // characters, not bytes (19)
		{"syntax after a byte order mark", map[string]string{"t.toml": "\ufeff[organization]\nname = \"日本語\" x\n"},
			[]string{"t.toml:2:13: organization.name: TOML syntax error: "}},
		{"not UTF-8", map[string]string{"t.toml": "[organization]\nname = \"\x93\xfa\x96\x7b\"\n"},
			[]string{"t.toml:2:9: organization.name: the file is not UTF-8: it looks like Shift_JIS (Japanese Windows, CP932); save it as UTF-8"}},
		{"table defined twice", map[string]string{"t.toml": "[colors]\n[organization]\n[colors]\n"},
			[]string{"t.toml:3:2: colors: TOML syntax error: table [colors] is defined twice; the first [colors] is on line 1"}},
		{"nesting too deep", map[string]string{"t.toml": "[organization]\nname = " + strings.Repeat("[", 65) + strings.Repeat("]", 65) + "\n"},
			[]string{"t.toml:2:72: organization.name" + strings.Repeat("[1]", 64) + ": arrays and inline tables are nested more than 64 deep"}},
		{"missing font", map[string]string{"t.toml": "[fonts]\nbold = \"nope.ttf\"\n"},
			[]string{"t.toml:2:1: fonts.bold: cannot read font: open "}},
		{"not a font", map[string]string{"t.toml": "[fonts]\nregular = \"f.otf\"\n", "f.otf": "OTTO and then nothing"},
			[]string{"t.toml:2:1: fonts.regular: font f.otf: not a usable TrueType or OpenType font: table directory"}},
		{"unknown embedded font", map[string]string{"t.toml": "[fonts]\nregular = \"embedded:Helvetica.ttf\"\n"},
			[]string{`t.toml:2:1: fonts.regular: no embedded font "Helvetica.ttf"; the embedded fonts are BIZUDPGothic-Regular.ttf, BIZUDPGothic-Bold.ttf, BIZUDGothic-Regular.ttf and BIZUDGothic-Bold.ttf`}},
		{"font in a list not found", map[string]string{"t.toml": "[fonts]\nregular = [\"a.ttf\", \"nope.ttf\"]\n", "a.ttf": "x"},
			[]string{"t.toml:2:1: fonts.regular: font a.ttf: not a usable TrueType or OpenType font", "t.toml:2:1: fonts.regular: cannot read font: open "}},
		{"empty font list", map[string]string{"t.toml": "[fonts]\nbold = []\n"},
			[]string{"t.toml:2:1: fonts.bold: an empty list; name at least one font"}},
		{"blank font", map[string]string{"t.toml": "[fonts]\nregular = \" \"\n"},
			[]string{"t.toml:2:1: fonts.regular: a font is required: a TrueType or OpenType file (.ttf, .otf, .ttc, .otc) relative to the template, or embedded:BIZUDPGothic-Regular.ttf"}},
		{"blank font in a list, with the face's embedded font", map[string]string{"t.toml": "[fonts]\nmono_bold = [\"\"]\n"},
			[]string{"t.toml:2:1: fonts.mono_bold: a font is required: a TrueType or OpenType file (.ttf, .otf, .ttc, .otc) relative to the template, or embedded:BIZUDGothic-Bold.ttf"}},
		{"font list of numbers", map[string]string{"t.toml": "[fonts]\nbold = [1]\n"},
			[]string{"t.toml:2:1: fonts.bold: want a list of font paths (strings), not one holding an integer"}},
		{"fallback not a boolean", map[string]string{"t.toml": "[fonts]\nfallback = \"no\"\n"},
			[]string{"t.toml:2:1: fonts.fallback: want true or false, not a string"}},
		{"bad logo", map[string]string{"t.toml": "[organization]\nlogo = \"logo.gif\"\n", "logo.gif": "GIF89a"},
			[]string{"t.toml:2:1: organization.logo: logo "}},
		{"empty heading", map[string]string{"t.toml": "[headings.en]\nsummary = \"\"\n"},
			[]string{`t.toml:2:1: headings.en.summary: is empty; it is printed in every briefing: write the words, or leave the key out to keep the default template's "Summary"`}},
		{"blank heading in Japanese", map[string]string{"t.toml": "[headings.ja]\nrisks = \"　 \"\n"},
			[]string{`t.toml:2:1: headings.ja.risks: is empty; it is printed in every briefing: write the words, or leave the key out to keep the default template's "予想されるリスク"`}},
		{"empty heading of another language", map[string]string{"t.toml": "headings.fr.summary = \"\"\n"},
			[]string{`t.toml:1:1: headings.fr.summary: is empty; it is printed in every briefing: write the words, or leave the key out to keep the default template's "Summary"`}},
		{"empty word", map[string]string{"t.toml": "[words.en]\nseverity_high = \" \"\n"},
			[]string{`t.toml:2:1: words.en.severity_high: is empty; it is printed in every briefing: write the words, or leave the key out to keep the default template's "High"`}},
		// A control character at its own line and column (an escape's
		// backslash), as in an incident file.
		{"heading on two lines", map[string]string{"t.toml": "[headings.en]\nrisks = \"\"\"\nExpected\nrisks\"\"\"\n"},
			[]string{`t.toml:3:9: headings.en.risks: contains the control character U+000A; it is printed on one line: write it without line breaks, tabs or control characters`}},
		{"footer with a tab", map[string]string{"t.toml": "[footer]\nen = \"Internal\\tuse\"\n"},
			[]string{`t.toml:2:15: footer.en: contains the control character U+0009; it is printed on one line`}},
		{"organization with a bell", map[string]string{"t.toml": "[organization]\nname = \"Acme\\u0007\"\n"},
			[]string{`t.toml:2:13: organization.name: contains the control character U+0007`}},
		{"dotted key, a tab as itself in a literal string", map[string]string{"t.toml": "organization.name = '日本\tAcme'\n"},
			[]string{`t.toml:1:24: organization.name: contains the control character U+0009`}},
		{"inline table, a C1 control as itself", map[string]string{"t.toml": "headings.en = { risks = \"Ri\u0085sks\" }\n"},
			[]string{`t.toml:1:28: headings.en.risks: contains the control character U+0085`}},
		{"word, on the second line of a multi-line string", map[string]string{"t.toml": "[words.ja]\nseverity = '''\n重要度\n'''\n"},
			[]string{`t.toml:3:4: words.ja.severity: contains the control character U+000A`}},
		{"several", map[string]string{"t.toml": "paper = \"B5\"\n[colors]\nmuted = \"#12345\"\n[words.ja]\nfoo = \"x\"\n"},
			[]string{`t.toml:1:1: paper: "B5"`, `t.toml:3:1: colors.muted: "#12345"`, `t.toml:5:1: words.ja.foo: unknown key "foo"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := write(t, c.files)
			_, err := Load(filepath.Join(dir, "t.toml"))
			if err == nil {
				t.Fatalf("Load succeeded")
			}
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("error is not a diag.List: %v", err)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(c.want) {
				t.Fatalf("%d errors, want %d:\n%v", len(lines), len(c.want), err)
			}
			for i, w := range c.want {
				if !strings.HasPrefix(lines[i], filepath.Join(dir, w)) && !strings.HasPrefix(lines[i], dir+"/"+w) {
					t.Errorf("error %d:\n got %s\nwant %s/%s…", i+1, lines[i], dir, w)
				}
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "none.toml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want a not-exist error", err)
	}
}

func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestConcurrentUse measures and subsets from several goroutines, as a
// batch run does (run with -race).
func TestConcurrentUse(t *testing.T) {
	th, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	used := []rune("予想されるリスク Expected risks")
	want, err := th.Program(layout.Regular, used)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			for _, r := range used {
				th.Advance(layout.Bold, r)
			}
			b, err := th.Program(layout.Regular, used)
			if err == nil && !bytes.Equal(b, want) {
				err = errors.New("subsets differ")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestTemplateWordsNeedGlyphs checks that fonts lacking characters of the
// template's own headings and words are one template error at the font's
// key, with the fallback turned off, and usable with it.
func TestTemplateWordsNeedGlyphs(t *testing.T) {
	latin := string(smallFont(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,:;-()/&'%"))
	for _, c := range []struct {
		name, toml string
		want       string // the one error after "DIR/"; "" for none
	}{
		{"Latin-only font with the embedded fallback", "[fonts]\nregular = \"latin.ttf\"\n", ""},
		{"Latin-only font without a fallback", "[fonts]\nfallback = false\n\nregular = \"latin.ttf\"\n",
			`t.toml:4:1: fonts.regular: U+898B 見, U+7A4D 積, U+3082 も, U+3089 ら, U+308C れ, U+308B る, U+653B 攻, U+6483 撃 and `},
		{"Korean heading the default fonts lack", "[headings.ko]\nsummary = \"요약\"\n",
			`t.toml:2:1: headings.ko.summary: U+C694 요, U+C57D 약 of the template's own headings and words: no font of fonts.regular (embedded:BIZUDPGothic-Regular.ttf) or fonts.bold (embedded:BIZUDPGothic-Bold.ttf) has them; add a font that has them, as in regular = ["embedded:BIZUDPGothic-Regular.ttf", "other.ttf"] and bold = ["embedded:BIZUDPGothic-Bold.ttf", "other.ttf"]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := write(t, map[string]string{"t.toml": c.toml, "latin.ttf": latin})
			_, err := Load(filepath.Join(dir, "t.toml"))
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("Load succeeded")
			}
			lines := strings.Split(err.Error(), "\n")
			tail := ` of the template's own headings and words: no font of fonts.regular`
			if len(lines) != 1 || !strings.HasPrefix(lines[0], dir+"/"+c.want) || !strings.Contains(lines[0], tail) {
				t.Errorf("got %d errors:\n%v\nwant one: %s/%s…", len(lines), err, dir, c.want)
			}
		})
	}
}

// ttc builds a TrueType collection of the embedded BIZ UDPGothic Regular
// and Bold, each copied after the header with its table offsets moved.
func ttc(t *testing.T) []byte {
	t.Helper()
	faces := [][]byte{[]byte(fonts.RegularData), []byte(fonts.BoldData)}
	out := make([]byte, 12+4*len(faces))
	copy(out, "ttcf")
	binary.BigEndian.PutUint32(out[4:], 0x00010000)
	binary.BigEndian.PutUint32(out[8:], uint32(len(faces)))
	for i, f := range faces {
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		base := len(out)
		binary.BigEndian.PutUint32(out[12+4*i:], uint32(base))
		out = append(out, f...)
		for j := range int(binary.BigEndian.Uint16(f[4:])) {
			rec := base + 12 + 16*j
			binary.BigEndian.PutUint32(out[rec+8:], binary.BigEndian.Uint32(out[rec+8:])+uint32(base))
		}
	}
	return out
}

// TestCollectionFace checks that a face of a collection is chosen by
// index or name, the first without either, and that an unknown name
// lists the faces.
func TestCollectionFace(t *testing.T) {
	coll := string(ttc(t))
	for _, c := range []struct {
		name, spec, want string // want: the PostScript name, or the error after "DIR/"
	}{
		{"no face given", "ud.ttc", "BIZUDPGothic-Regular"},
		{"by index", "ud.ttc#1", "BIZUDPGothic-Bold"},
		{"by PostScript name", "ud.ttc#BIZUDPGothic-Bold", "BIZUDPGothic-Bold"},
		{"by full name, any case", "ud.ttc#biz udpgothic bold", "BIZUDPGothic-Bold"},
		{"unknown name", "ud.ttc#Noto Sans CJK JP",
			`t.toml:2:1: fonts.regular: font ud.ttc has no face "Noto Sans CJK JP"; its faces are #0 "BIZ UDPGothic" (BIZUDPGothic-Regular), #1 "BIZ UDPGothic" (BIZUDPGothic-Bold)`},
		{"index past the end", "ud.ttc#2", "t.toml:2:1: fonts.regular: font ud.ttc has no face 2: it has 2, #0 to #1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := write(t, map[string]string{"t.toml": "[fonts]\nregular = \"" + c.spec + "\"\n", "ud.ttc": coll})
			th, err := Load(filepath.Join(dir, "t.toml"))
			if strings.HasPrefix(c.want, "t.toml") {
				if err == nil || err.Error() != dir+"/"+c.want {
					t.Errorf("err = %v\nwant %s/%s", err, dir, c.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := th.Font(layout.Regular).PostScriptName(); got != c.want {
				t.Errorf("face %s, want %s", got, c.want)
			}
		})
	}
}
