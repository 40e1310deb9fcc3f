package theme

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	gotoml "github.com/pelletier/go-toml/v2"

	"briefing/internal/tomlkey"
	"briefing/templates"
)

// TestDefaultTemplateDecodes: the embedded default template, which
// applyDefault decodes with go-toml and does not scan, is TOML 1.0 without
// problems, and go-toml reads it to the same values as the decoder of a
// user's template; its key positions, found when first needed, are those
// of a user's template with the same text.
func TestDefaultTemplateDecodes(t *testing.T) {
	src, err := templates.FS.ReadFile(DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	var want, got map[string]any
	_, err = toml.NewDecoder(strings.NewReader(string(src))).Decode(&want)
	if p, bad := tomlkey.Scan(string(src)).Invalid(err); bad {
		t.Fatalf("default template: %d:%d: %s: %s", p.At.Line, p.At.Col, p.Key, p.Message)
	}
	if err := gotoml.Unmarshal(src, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("go-toml reads the default template as\n%#v\nBurntSushi as\n%#v", got, want)
	}

	s := newSettings()
	def := &origin{file: "templates/" + DefaultFile}
	s.applyDefault(def, src)
	if len(s.errs) > 0 {
		t.Fatal(s.errs)
	}
	if def.idx != nil {
		t.Errorf("the default template was indexed before a message needed it")
	}
	user := &origin{file: "t.toml"}
	newSettings().apply(user, src)
	if !reflect.DeepEqual(def.index(), user.idx) || len(user.idx) < 50 {
		t.Errorf("default index %v, want %v", def.index(), user.idx)
	}
	line := 1 + strings.Count(string(src[:strings.Index(string(src), "[colors]")]), "\n")
	if p := def.index().at("colors.accent"); p.line <= line {
		t.Errorf("colors.accent at %+v, want after [colors] on line %d", p, line)
	}
}

// TestDefaultDrawsItsWords: the embedded fonts draw every heading, word
// and footer of the default template, which is therefore not checked each
// time it is loaded (checkTexts runs for a user's template).
func TestDefaultDrawsItsWords(t *testing.T) {
	src, err := templates.FS.ReadFile(DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	s := newSettings()
	s.applyDefault(&origin{file: "templates/" + DefaultFile}, src)
	th := s.build("")
	s.checkTexts(th)
	if len(s.errs) > 0 {
		t.Fatal(s.errs)
	}
	if n := len(th.headings["ja"]) + len(th.words["en"]); n < 20 {
		t.Fatalf("only %d headings and words checked", n)
	}
	// The check can fail: a heading the embedded fonts lack is an error,
	// placed in the default template (whose keys are then indexed).
	s.headings["ko"] = map[string]string{"summary": "요약"}
	s.checkTexts(th)
	if len(s.errs) == 0 || !strings.HasPrefix(s.errs.Error(), "templates/default.toml:2") || !strings.Contains(s.errs.Error(), "U+C694 요") {
		t.Errorf("a Korean heading gave %v", s.errs)
	}
}

// TestLangCode: language keys are checked as the pattern
// ^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$ matches them.
func TestLangCode(t *testing.T) {
	re := regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)
	for _, s := range []string{"ja", "en", "en-GB", "zh-Hant-TW", "ja-JP-u-ca-japanese", "sgn-BE-FR", "x", "", "JA", "jpn", "japa",
		"en-", "en--GB", "-en", "en-GB-", "en-123456789", "en-12345678", "en_GB", "en-Ü", "ja-日本", "de-1996", "en-GB-oxendict"} {
		if got, want := langCode(s), re.MatchString(s); got != want {
			t.Errorf("langCode(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzLangCode checks langCode against the pattern it stands for.
func FuzzLangCode(f *testing.F) {
	for _, s := range []string{"ja", "en-GB", "zh-Hant-TW", "en--GB", "en-123456789", "x"} {
		f.Add(s)
	}
	re := regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := langCode(s), re.MatchString(s); got != want {
			t.Errorf("langCode(%q) = %v, want %v", s, got, want)
		}
	})
}
