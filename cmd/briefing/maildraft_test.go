package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// pdfTitle is the document title of a PDF as pdfinfo reads it.
func pdfTitle(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(testkit.Run(t, "pdfinfo", "-enc", "UTF-8", path), "\n") {
		if v, ok := strings.CutPrefix(l, "Title:"); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("pdfinfo gives no title")
	return ""
}

// TestMailDraft: a draft is marked in its message as in its PDFs, as a
// real SMTP server receives them. A briefing's subject is the label and
// the document title of its first PDF (【下書き】… / DRAFT: …), and its
// body gives each language's title as that PDF's document title reads
// it; a final incident's message has no mark. A digest's message lists
// the draft with the mark the cover's table gives it ([下書き] / [draft]).
func TestMailDraft(t *testing.T) {
	srv := startSMTP(t, "tls")
	in, dir := t.TempDir(), t.TempDir()
	files := map[string]string{
		"draft.toml": "format = 2\nid = \"draft-ja\"\ndate = 2026-11-24\ntitle.ja = \"未確定の侵入事案\"\n" +
			"title.en = \"An unconfirmed intrusion\"\nsummary.ja = \"未確定の情報。\"\nsummary.en = \"Unconfirmed.\"\ntlp = \"AMBER\"\nstatus = \"draft\"\n",
		"draft-en.toml": "format = 2\nid = \"draft-en\"\ndate = 2026-11-25\nlanguages = [\"en\", \"ja\"]\ntitle.ja = \"未確定の漏えい\"\n" +
			"title.en = \"An unconfirmed leak\"\nsummary.ja = \"未確定。\"\nsummary.en = \"Unconfirmed.\"\ntlp = \"GREEN\"\nstatus = \"draft\"\n",
		"final.toml": "format = 2\nid = \"final\"\ndate = 2026-11-26\ntitle.ja = \"確定した事案\"\n" +
			"title.en = \"A confirmed incident\"\nsummary.ja = \"確定。\"\nsummary.en = \"Confirmed.\"\ntlp = \"CLEAR\"\n",
	}
	for n, s := range files {
		if err := os.WriteFile(filepath.Join(in, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mailArgs := []string{"--mail-to", "ciso@example.org", "--mail-from", "soc@example.org", "--smtp", srv.Addr, "--smtp-ca", srv.CA}
	if status, _, stderr := runCLI(t, append([]string{"render", "-o", dir, in}, mailArgs...)...); status != 0 {
		t.Fatalf("render: status %d\n%s", status, stderr)
	}
	got := srv.received(t)
	if len(got) != 3 {
		t.Fatalf("%d messages, want 3", len(got))
	}
	drafts := 0
	for _, m := range got {
		label, _, _ := strings.Cut(m.Subject, " ")
		if want := label + " " + pdfTitle(t, m.Attachments[m.Names[0]]); m.Subject != want {
			t.Errorf("subject %q, want the label and the first PDF's title: %q", m.Subject, want)
		}
		body := strings.ReplaceAll(m.Body, "\r\n", "\n")
		var titles []string
		for _, n := range m.Names {
			titles = append(titles, "\n"+pdfTitle(t, m.Attachments[n])+"\n")
		}
		inOrder(t, body, titles...)
		draft := strings.Contains(m.Names[0], "draft")
		marked := strings.Contains(m.Subject, "【下書き】") || strings.Contains(m.Subject, "DRAFT: ")
		if draft != marked {
			t.Errorf("%s: subject %q", m.Names[0], m.Subject)
		}
		if draft {
			drafts++
			if !strings.Contains(body, "\n【下書き】") || !strings.Contains(body, "\nDRAFT: ") {
				t.Errorf("a draft's message does not mark its title in both languages:\n%s", body)
			}
		} else if strings.Contains(body, "下書き") || strings.Contains(body, "DRAFT") {
			t.Errorf("a final incident's message is marked a draft:\n%s", body)
		}
	}
	if drafts != 2 {
		t.Errorf("%d messages of drafts, want 2", drafts)
	}
	for _, want := range []string{"[TLP:AMBER] 【下書き】未確定の侵入事案", "[TLP:GREEN] DRAFT: An unconfirmed leak", "[TLP:CLEAR] 確定した事案"} {
		found := false
		for _, m := range got {
			found = found || m.Subject == want
		}
		if !found {
			t.Errorf("no message with the subject %q", want)
		}
	}

	// The digest's message lists the drafts as its covers do.
	if status, _, stderr := runCLI(t, append([]string{"digest", "--week", "2026-W48", "-o", dir, in}, mailArgs...)...); status != 0 {
		t.Fatalf("digest: status %d\n%s", status, stderr)
	}
	got = srv.received(t)
	if len(got) != 4 {
		t.Fatalf("%d messages, want 4", len(got))
	}
	m := got[3]
	body := strings.ReplaceAll(m.Body, "\r\n", "\n")
	ja, en, _ := strings.Cut(body, "Weekly incident digest")
	for lang, part := range map[string]string{"ja": ja, "en": en} {
		cover, _, _ := strings.Cut(pdfText(t, m.Attachments["digest-2026-W48."+lang+".pdf"]), "\f")
		want := map[string][]string{
			"ja": {"  未確定の侵入事案 [下書き]\n", "  未確定の漏えい [下書き]\n", "  確定した事案\n"},
			"en": {"  An unconfirmed intrusion [draft]\n", "  An unconfirmed leak [draft]\n", "  A confirmed incident\n"},
		}[lang]
		inOrder(t, part, want...)
		for _, w := range want {
			if !strings.Contains(squeezed(cover), squeezed(w)) {
				t.Errorf("%s: the message lists %q, the cover does not:\n%s", lang, w, cover)
			}
		}
		if n := strings.Count(part, "下書き") + strings.Count(part, "[draft]"); n != 2 {
			t.Errorf("%s: %d draft marks, want 2:\n%s", lang, n, part)
		}
	}
}
