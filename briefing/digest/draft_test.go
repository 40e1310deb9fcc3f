package digest_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/build"
	"briefing/briefing/digest"
	"briefing/briefing/model"
	"briefing/briefing/period"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// TestDraftOnCover: the cover lists a draft as one, beside its title, and
// its pages carry the draft mark; a final incident has neither.
func TestDraftOnCover(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	dir := t.TempDir()
	write := func(name, id, status, title string) string {
		p := filepath.Join(dir, name)
		src := "format = 2\nid = \"" + id + "\"\ndate = 2021-05-05\ntitle = \"" + title + "\"\nsummary = \"S\"\nstatus = \"" + status + "\"\n"
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	draft, _, ds := build.Incident(write("a.toml", "a", "draft", "Unfinished outage"))
	final, _, ds2 := build.Incident(write("b.toml", "b", "final", "Finished outage"))
	if draft == nil || final == nil {
		t.Fatal(ds, ds2)
	}
	r, err := period.Week("2021-W18")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, mark string }{{"ja", "[下書き]"}, {"en", "[draft]"}} {
		var buf bytes.Buffer
		d := digest.Digest{Period: r, Incidents: digest.Select([]*model.Incident{draft, final}, r)}
		if _, _, ds, err := digest.PDF(&buf, d, c.lang, fixture.Theme(t), false); err != nil || ds.HasErrors() {
			t.Fatal(err, ds)
		}
		path := filepath.Join(dir, c.lang+".pdf")
		os.WriteFile(path, buf.Bytes(), 0o644)
		cover := strings.Split(testkit.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-"), "\f")[0]
		lines := strings.Split(cover, "\n")
		found := false
		for _, l := range lines {
			if strings.Contains(l, "Finished outage") && strings.Contains(l, c.mark) {
				t.Errorf("%s: a final incident is marked as a draft: %q", c.lang, l)
			}
			if strings.Contains(l, "Unfinished outage") && strings.Contains(l, c.mark) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: the cover does not list the draft as %s:\n%s", c.lang, c.mark, cover)
		}
	}
}

// TestBriefingPagesCarryTheirMarks: an incident's pages in a digest carry
// what its own PDF's pages do: the draft mark beside the TLP label (下書き
// / DRAFT) for a draft, none for a final incident, and its as-of date in
// the footer.
func TestBriefingPagesCarryTheirMarks(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	dir := t.TempDir()
	write := func(name, id, status, title string) string {
		p := filepath.Join(dir, name)
		src := "format = 2\nid = \"" + id + "\"\ndate = 2026-11-20\ntitle = \"" + title + "\"\nsummary = \"x\"\ntlp = \"amber\"\nstatus = \"" + status + "\"\n"
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	draft, _, ds := build.Incident(write("a.toml", "a", "draft", "Unfinished outage"))
	final, _, ds2 := build.Incident(write("b.toml", "b", "final", "Finished outage"))
	if draft == nil || final == nil {
		t.Fatal(ds, ds2)
	}
	r, err := period.Week("2026-W47")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, mark, asOf string }{{"ja", "下書き", "作成日"}, {"en", "DRAFT", "As of"}} {
		var buf bytes.Buffer
		d := digest.Digest{Period: r, Incidents: digest.Select([]*model.Incident{draft, final}, r)}
		if _, _, ds, err := digest.PDF(&buf, d, c.lang, fixture.Theme(t), false); err != nil || ds.HasErrors() {
			t.Fatal(err, ds)
		}
		path := filepath.Join(dir, c.lang+".pdf")
		os.WriteFile(path, buf.Bytes(), 0o644)
		pages := strings.Split(testkit.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-"), "\f")
		seen := 0
		for i, p := range pages[1:] {
			lines := strings.Split(strings.TrimSpace(p), "\n")
			if len(lines) < 2 {
				continue
			}
			head, foot := lines[0], lines[len(lines)-1]
			isDraft := strings.Contains(head, "Unfinished outage")
			if !isDraft && !strings.Contains(head, "Finished outage") {
				t.Errorf("%s page %d: header %q names no incident", c.lang, i+2, head)
				continue
			}
			seen++
			if strings.Contains(head, c.mark) != isDraft {
				t.Errorf("%s page %d: header %q, want the mark %s only on the draft's pages", c.lang, i+2, head, c.mark)
			}
			if !strings.Contains(foot, c.asOf) {
				t.Errorf("%s page %d: footer %q lacks the incident's %q date", c.lang, i+2, foot, c.asOf)
			}
		}
		if seen < 2 {
			t.Errorf("%s: %d briefing pages found, want at least 2", c.lang, seen)
		}
	}
}
