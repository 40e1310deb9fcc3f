package build_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/BurntSushi/toml"

	"briefing/briefing/build"
	"briefing/briefing/compose"
	"briefing/briefing/digest"
	"briefing/briefing/model"
	"briefing/briefing/period"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// recorder is a template's words that notes every key asked for.
type recorder struct {
	compose.Words
	mu           sync.Mutex
	words, heads map[[2]string]bool // {lang, key}
}

func (r *recorder) Word(lang, key string) string {
	r.mu.Lock()
	r.words[[2]string{lang, key}] = true
	r.mu.Unlock()
	return r.Words.Word(lang, key)
}

func (r *recorder) Heading(lang, key string) string {
	r.mu.Lock()
	r.heads[[2]string{lang, key}] = true
	r.mu.Unlock()
	return r.Words.Heading(lang, key)
}

// TestDefaultTemplateHasEveryWord composes the samples and a draft, in
// Japanese and English, with indicators defanged and as written, and
// their digest, noting every word and heading asked of the template: each
// must be in templates/default.toml for that language, else a reader sees
// its key ("value") printed.
func TestDefaultTemplateHasEveryWord(t *testing.T) {
	var def struct {
		Headings map[string]map[string]string
		Words    map[string]map[string]string
	}
	if _, err := toml.DecodeFile("../../templates/default.toml", &def); err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob("../../samples/*.toml")
	draft := filepath.Join(t.TempDir(), "draft.toml")
	os.WriteFile(draft, []byte("format = 2\nid = \"d\"\ndate = 2026-11-20\ntitle = \"T\"\nsummary = \"x\"\nstatus = \"draft\"\ntlp = \"amber\"\n"), 0o644)
	paths = append(paths, draft)
	var incs []*model.Incident
	for _, p := range paths {
		incs = append(incs, fixture.Incident(t, p))
	}
	// Every severity and confidence, on copies of the draft.
	d := *incs[len(incs)-1]
	for i, sv := range model.Severities {
		c := d
		c.Severity, c.Confidence = sv, model.Confidences[i%len(model.Confidences)]
		incs = append(incs, &c)
	}
	rec := &recorder{words: map[[2]string]bool{}, heads: map[[2]string]bool{}}
	base := compose.FromTheme(fixture.Theme(t))
	rec.Words = base.Words
	th := base
	th.Words = rec
	for _, fanged := range []bool{false, true} {
		th.Fanged = fanged
		for _, lang := range []string{"ja", "en"} {
			for _, inc := range incs {
				compose.BriefingWith(inc, lang, th, compose.Options{})
				compose.Attachments(inc, lang, rec)
			}
			r, _ := period.Dates("2000-01-01", "2099-12-31")
			digest.Document(digest.Digest{Period: r, Incidents: digest.Select(incs, r)}, lang, th, false)
		}
	}
	// The kill-chain phases the samples do not show are asked for alike.
	for _, lang := range []string{"ja", "en"} {
		for _, ph := range model.Phases {
			rec.words[[2]string{lang, "phase_" + string(ph)}] = true
		}
	}
	check := func(what string, table map[string]map[string]string, asked map[[2]string]bool) {
		var missing []string
		for k := range asked {
			if _, ok := table[k[0]][k[1]]; !ok {
				missing = append(missing, k[0]+"."+k[1])
			}
		}
		sort.Strings(missing)
		if len(asked) < 10 {
			t.Errorf("only %d %s asked for: the walk missed the composer", len(asked), what)
		}
		for _, m := range missing {
			t.Errorf("templates/default.toml has no %s.%s", what, m)
		}
	}
	check("words", def.Words, rec.words)
	check("headings", def.Headings, rec.heads)
}

// TestUndefangedValueHeader: with defang = false the indicator table's
// value column is headed by the template's word, not the key "value".
func TestUndefangedValueHeader(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "t.toml")
	os.WriteFile(tmpl, []byte("defang = false\n"), 0o644)
	th, err := theme.Load(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "i.toml")
	os.WriteFile(src, []byte("format = 2\nid = \"i\"\ndate = 2026-11-20\ntitle = \"T\"\nsummary = \"x\"\nlanguages = [\"ja\", \"en\"]\n\n[[indicators]]\ntype = \"domain\"\nvalue = \"evil.example\"\n"), 0o644)
	res := build.File(context.Background(), src, &build.Options{Dir: filepath.Join(dir, "out"), Theme: th})
	if res.Failed() || len(res.Outputs) != 2 {
		t.Fatalf("render: %v", res.Diagnostics)
	}
	for _, o := range res.Outputs {
		text := testkit.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", o.Path, "-")
		want := map[string]string{"ja": "値", "en": "Value"}[o.Lang]
		if strings.Contains(text, "value") || !strings.Contains(text, want) || !strings.Contains(text, "evil.example") {
			t.Errorf("%s: want the header %q and the value as written, no key \"value\":\n%s", o.Lang, want, text)
		}
	}
}
