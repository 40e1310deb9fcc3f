package theme

import (
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/diag"
	"briefing/briefing/layout"
	"briefing/internal/testkit"
)

// TestBoldFallsBackToRegular checks that a character the regular chain
// draws from a font the bold chain lacks (Korean from NanumGothic beside
// BIZ UDPGothic, whose bold has no Hangul) is drawn in bold text from that
// regular font, with one template warning at the template's key, and
// that a template giving the bold too gets no warning.
func TestBoldFallsBackToRegular(t *testing.T) {
	testkit.DebianFont(t, testkit.NanumGothic, "fonts-nanum")
	testkit.DebianFont(t, testkit.NanumGothicBold, "fonts-nanum")
	dir := write(t, map[string]string{
		"regular.toml": "[fonts]\nregular = [\"embedded:BIZUDPGothic-Regular.ttf\", \"" + testkit.NanumGothic + "\"]\n",
		"both.toml": "[fonts]\nregular = [\"embedded:BIZUDPGothic-Regular.ttf\", \"" + testkit.NanumGothic + "\"]\n" +
			"bold = [\"embedded:BIZUDPGothic-Bold.ttf\", \"" + testkit.NanumGothicBold + "\"]\n",
	})
	th, err := Load(filepath.Join(dir, "regular.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(th.Warnings) != 1 {
		t.Fatalf("warnings %v, want one", th.Warnings)
	}
	w := th.Warnings[0]
	want := "no font of fonts.bold (embedded:BIZUDPGothic-Bold.ttf) has "
	if w.Severity != diag.Warning || w.Line != 2 || w.Key != "fonts.regular" || !strings.HasPrefix(w.Message, want) ||
		!strings.Contains(w.Message, "bold text in them is set in "+testkit.NanumGothic+", a regular face") {
		t.Errorf("warning %v, want one at 2:1 fonts.regular starting %q", w, want)
	}
	for _, r := range "라자루스" {
		i := th.Pick(layout.Bold, r)
		if i < 0 || th.chain(layout.Bold)[i].name != testkit.NanumGothic {
			t.Errorf("bold %c is drawn by font %d of %s, want NanumGothic", r, i, th.ChainNames(layout.Bold))
		}
		if _, ok := th.Advance(layout.Bold, r); !ok {
			t.Errorf("bold %c has no width", r)
		}
	}
	if i := th.Pick(layout.Bold, '北'); i != 0 {
		t.Errorf("bold 北 from font %d, want BIZ UDPGothic Bold", i)
	}
	both, err := Load(filepath.Join(dir, "both.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(both.Warnings) != 0 {
		t.Errorf("warnings %v with a bold for each regular font", both.Warnings)
	}
	if def, _ := Default(); len(def.Warnings) != 0 {
		t.Errorf("the default template warns: %v", def.Warnings)
	}
}

// TestVariableFontInstance chooses instances of a variable font in the
// template: by name after the file (Inter.var.ttf#Bold), by axis values
// (#wght=650), the default without either, and an unknown name as one
// error at the key listing the font's instances.
func TestVariableFontInstance(t *testing.T) {
	testkit.DebianFont(t, testkit.InterVariable, "fonts-inter-variable")
	vf := testkit.InterVariable
	for _, c := range []struct{ spec, want string }{
		{vf, "Inter"}, // the default instance, the font as it is
		{vf + "#Bold", "Inter-Bold"},
		{vf + "#wght=650", "Inter-wght650"},
		{vf + "#0#Semi Bold", "Inter-SemiBold"},
		{vf + "#Heavy", `t.toml:2:1: fonts.bold: font ` + vf + `#Heavy: the font has no instance "Heavy"; its named instances are Thin, Thin Italic, Extra Light,`},
	} {
		dir := write(t, map[string]string{"t.toml": "[fonts]\nbold = \"" + c.spec + "\"\n"})
		th, err := Load(filepath.Join(dir, "t.toml"))
		if strings.HasPrefix(c.want, "t.toml") {
			if err == nil || !strings.HasPrefix(err.Error(), dir+"/"+c.want) {
				t.Errorf("%s: err = %v\nwant %s/%s…", c.spec, err, dir, c.want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.spec, err)
			continue
		}
		if got := th.Font(layout.Bold).PostScriptName(); got != c.want {
			t.Errorf("%s: font %s, want %s", c.spec, got, c.want)
		}
	}
}

// TestBoldFallbackPrivateUse checks that a family whose regular has
// private-use characters its bold lacks (DejaVu Sans: U+F000–U+F003) gets
// no warning, while those characters are still drawn in bold text from
// the regular font rather than refused.
func TestBoldFallbackPrivateUse(t *testing.T) {
	testkit.DebianFont(t, testkit.DejaVuSans, "fonts-dejavu-core")
	testkit.DebianFont(t, testkit.DejaVuSansBold, "fonts-dejavu-core")
	dir := write(t, map[string]string{
		"t.toml": "[fonts]\nregular = \"" + testkit.DejaVuSans + "\"\nbold = \"" + testkit.DejaVuSansBold + "\"\n",
	})
	th, err := Load(filepath.Join(dir, "t.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(th.Warnings) != 0 {
		t.Errorf("warnings %v for a regular and its bold", th.Warnings)
	}
	if _, ok := th.Advance(layout.Regular, 0xF000); !ok {
		t.Fatal("DejaVu Sans has no U+F000: the test no longer tests private-use characters")
	}
	i := th.Pick(layout.Bold, 0xF000)
	if i < 0 || th.chain(layout.Bold)[i].name != testkit.DejaVuSans {
		t.Errorf("bold U+F000 is drawn by font %d of %s, want DejaVu Sans", i, th.ChainNames(layout.Bold))
	}
	if i := th.Pick(layout.Bold, 'A'); i != 0 {
		t.Errorf("bold A from font %d, want DejaVu Sans Bold", i)
	}
}
