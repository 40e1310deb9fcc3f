package pdfua_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"briefing/briefing/build"
	"briefing/briefing/digest"
	"briefing/briefing/layout"
	"briefing/briefing/model"
	"briefing/briefing/period"
	"briefing/briefing/render"
	"briefing/internal/pdfua"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// The PDFs checked: the samples, the stress incident (nested and
// numbered lists, a table over pages, code, links, citations, a picture,
// untranslated texts), each in Japanese and English, and the digest of
// all of them in both languages.
var (
	once  sync.Once
	made  []string
	dir   string
	errMk error
)

// pdfs renders the PDFs once for all tests and returns their paths.
func pdfs(t *testing.T) []string {
	t.Helper()
	once.Do(func() {
		dir, errMk = os.MkdirTemp("", "briefing-pdfua-")
		if errMk != nil {
			return
		}
		th := fixture.Theme(t)
		files, _ := filepath.Glob("../../samples/*.toml")
		files = append(files, "testdata/stress.toml")
		var incs []*model.Incident
		for _, f := range files {
			r := build.File(context.Background(), f, &build.Options{Dir: dir, Theme: th})
			if r.Diagnostics.HasErrors() || len(r.Outputs) != 2 {
				t.Errorf("%s: %v", f, r.Diagnostics)
			}
			for _, o := range r.Outputs {
				made = append(made, o.Path)
			}
			inc, _, ds := build.Incident(f)
			if inc == nil {
				t.Fatalf("%s: %v", f, ds)
			}
			incs = append(incs, inc)
		}
		r := period.Range{From: model.Date{Year: 2021, Month: 1, Day: 1}, To: model.Date{Year: 2024, Month: 12, Day: 31}}
		for _, lang := range []string{"ja", "en"} {
			var buf bytes.Buffer
			d := digest.Digest{Period: r, Incidents: digest.Select(incs, r)}
			if _, _, ds, err := digest.PDF(&buf, d, lang, th, false); err != nil || ds.HasErrors() {
				t.Fatalf("digest %s: %v %v", lang, err, ds)
			}
			p := filepath.Join(dir, digest.Name(r, lang))
			if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			made = append(made, p)
		}
	})
	if errMk != nil {
		t.Fatal(errMk)
	}
	if len(made) != 10 {
		t.Fatalf("%d PDFs made, want 10", len(made))
	}
	return made
}

func TestMain(m *testing.M) {
	code := m.Run()
	if dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// read reads a PDF back with qpdf.
func read(t *testing.T, path string) *pdfua.Doc {
	t.Helper()
	js := testkit.Run(t, "qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", path)
	d, err := pdfua.Parse([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestMatterhorn: every PDF meets the machine-checkable conditions of
// the Matterhorn Protocol listed in the package's comment, and qpdf
// finds the file sound.
func TestMatterhorn(t *testing.T) {
	for _, p := range pdfs(t) {
		t.Run(filepath.Base(p), func(t *testing.T) {
			testkit.Run(t, "qpdf", "--check", p)
			for _, f := range pdfua.Check(read(t, p)) {
				t.Error(f)
			}
		})
	}
}

// TestCheckFails: the checker finds the faults of a PDF whose structure
// is broken on purpose, and of an untagged one, so that TestMatterhorn
// can fail.
func TestCheckFails(t *testing.T) {
	th := fixture.Theme(t)
	inc := fixture.Incident(t, "testdata/stress.toml")
	pages, ds := build.Briefing(inc, "en", th, false)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	// Faults put into the structure: a Figure without Alt, a TH without
	// Scope, a heading that skips a level, a Link that is not one.
	seen := map[*layout.Elem]bool{}
	for _, p := range pages {
		for _, e := range p.Elems {
			if e == nil || seen[e] {
				continue
			}
			seen[e] = true
			switch e.Role {
			case "Figure":
				e.Alt = ""
			case "TH":
				e.Scope = ""
			case "H2":
				e.Role = "H4"
			case "Link":
				e.Role = "Span"
			}
		}
	}
	dir := t.TempDir()
	write := func(name string, opt render.Options) string {
		var buf bytes.Buffer
		if err := render.Write(&buf, pages, render.Info{Lang: "en"}, th, opt); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	broken := write("broken.pdf", render.Options{})
	js := testkit.Run(t, "qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", broken)
	// And the artifacts' marks taken out of every content stream: their
	// content is then neither tagged nor an artifact.
	var j map[string]any
	if err := json.Unmarshal([]byte(js), &j); err != nil {
		t.Fatal(err)
	}
	for _, o := range j["qpdf"].([]any)[1].(map[string]any) {
		st, _ := o.(map[string]any)["stream"].(map[string]any)
		if st == nil {
			continue
		}
		b, _ := base64.StdEncoding.DecodeString(st["data"].(string))
		if bytes.Contains(b, []byte("/Artifact BMC")) {
			b = bytes.ReplaceAll(b, []byte("/Artifact BMC\n"), nil)
			st["data"] = base64.StdEncoding.EncodeToString(b)
		}
	}
	out, _ := json.Marshal(j)
	d, err := pdfua.Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(pdfua.Check(d), "\n")
	for _, want := range []string{"01-005", "13-004", "15-003", "14-003", "28-011"} {
		if !strings.Contains(got, want+":") {
			t.Errorf("no %s among the faults of a broken PDF:\n%s", want, got)
		}
	}
	plain := strings.Join(pdfua.Check(read(t, write("plain.pdf", render.Options{Untagged: true}))), "\n")
	for _, want := range []string{"01-007", "07-001", "01-005"} {
		if !strings.Contains(plain, want+":") {
			t.Errorf("no %s among the faults of an untagged PDF:\n%s", want, plain)
		}
	}
}
