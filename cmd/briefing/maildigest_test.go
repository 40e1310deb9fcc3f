package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"briefing/internal/testkit"
)

// pdfText is the text of a PDF as pdftotext reads it.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return testkit.Run(t, "pdftotext", "-enc", "UTF-8", path, "-")
}

// squeezed is s without white space: a PDF's lines break where a
// message's do not.
func squeezed(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestMailDigestSaysWhatPDFsSay: the message of a digest, as a real SMTP
// server receives it, says what its PDFs say, language by language: the
// incidents each PDF holds and no other (one left out of both for a
// character the fonts lack, one made in English alone), the counts and
// the marking of each cover, and the files left out named as each cover
// names them, the message of a file marked more restrictively withheld.
// The label of the subject and the body is the most restrictive of the
// PDFs'.
func TestMailDigestSaysWhatPDFsSay(t *testing.T) {
	srv := startSMTP(t, "tls")
	in, dir, eml := t.TempDir(), t.TempDir(), t.TempDir()
	files := map[string]string{
		"ok.toml": "format = 2\nid = \"ok-clear\"\ndate = 2026-11-24\ntitle = \"Public incident\"\nsummary = \"x\"\ntlp = \"CLEAR\"\n",
		"emoji.toml": "format = 2\nid = \"emoji\"\ndate = 2026-11-28\ntitle.ja = \"絵文字 🔥 を含む事案\"\n" +
			"title.en = \"Incident with an emoji\"\nsummary = \"Fire 🔥\"\ntlp = \"CLEAR\"\n",
		"en-only.toml": "format = 2\nid = \"en-only\"\ndate = 2026-11-25\nlanguages = [\"en\"]\ntitle = \"English only\"\n" +
			"summary = \"y\"\ntlp = \"GREEN\"\n",
		"red.toml": "format = 2\nid = \"red\"\ndate = 2026-11-26\ntitle = \"Secret\"\nsummary = \"cites [nosuch] secret-host.example\"\ntlp = \"RED\"\n",
	}
	for n, s := range files {
		if err := os.WriteFile(filepath.Join(in, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	status, _, stderr := runCLI(t, "digest", "--week", "2026-W48", "-o", dir, "--mail-to", "ciso@example.org",
		"--mail-from", "soc@example.org", "--eml", eml, "--smtp", srv.Addr, "--smtp-ca", srv.CA, in)
	if status != 1 {
		t.Fatalf("status %d, want 1 (files left out)\n%s", status, stderr)
	}
	got := srv.received(t)
	if len(got) != 1 {
		t.Fatalf("%d messages, want 1\n%s", len(got), stderr)
	}
	m := got[0]
	if file, _ := os.ReadFile(filepath.Join(eml, "digest-2026-W48.eml")); !bytes.Equal(file, m.Raw) {
		t.Error("the .eml differs from the message the server received")
	}
	body := strings.ReplaceAll(m.Body, "\r\n", "\n")
	ja, en, ok := strings.Cut(body, "Weekly incident digest, week 48 of 2026")
	if !ok {
		t.Fatalf("no English part:\n%s", body)
	}
	if want := "[TLP:RED] 週次インシデント・ダイジェスト 2026年第48週"; m.Subject != want {
		t.Errorf("subject %q, want %q", m.Subject, want)
	}
	if !strings.HasPrefix(body, "TLP:RED\n") {
		t.Errorf("the body does not start with the PDFs' label:\n%.300s", body)
	}
	parts := map[string]string{"ja": ja, "en": en}
	for _, lang := range []string{"ja", "en"} {
		part := parts[lang]
		pdf := pdfText(t, m.Attachments["digest-2026-W48."+lang+".pdf"])
		cover, _, _ := strings.Cut(pdf, "\f")
		// Each fact of the message, with its value, is one of the
		// cover's.
		keys := map[string][]string{
			"ja": {"収録件数", "取扱区分", "除外したファイル", "日本語版のない事案"},
			"en": {"Incidents", "Marking", "Left out", "Not made in English"},
		}[lang]
		sep := map[string]string{"ja": "：", "en": ": "}[lang]
		for _, l := range strings.Split(part, "\n") {
			for _, k := range keys {
				if v, ok := strings.CutPrefix(l, k+sep); ok && !strings.Contains(squeezed(cover), squeezed(k+v)) {
					t.Errorf("%s: the message says %s%s%s, the cover does not:\n%s", lang, k, sep, v, cover)
				}
			}
		}
		for _, w := range map[string][]string{
			"ja": {"収録件数：1件", "取扱区分：TLP:RED", "除外したファイル：2件", "日本語版のない事案：1件"},
			"en": {"Incidents: 2 incidents", "Marking: TLP:RED", "Left out: 2 files"},
		}[lang] {
			if !strings.Contains(part, w) {
				t.Errorf("%s part lacks %q:\n%s", lang, w, part)
			}
		}
		// The incidents: those the PDF holds, and no other.
		for _, title := range []string{"Public incident", "English only", "絵文字", "Incident with an emoji"} {
			if inPDF, inMail := strings.Contains(pdf, "\n"+title), strings.Contains(part, "  "+title); inPDF != inMail {
				t.Errorf("%s: %q in the PDF's table %v, in the message %v:\n%s", lang, title, inPDF, inMail, part)
			}
		}
		// The files left out, as the cover names them: the RED file's
		// message withheld.
		for _, f := range []string{"emoji.toml:", "red.toml:"} {
			i := strings.Index(part, f)
			if i < 0 {
				t.Errorf("%s: the message does not name %s as left out:\n%s", lang, f, part)
				continue
			}
			named, _, _ := strings.Cut(part[i:], "\n")
			if !strings.Contains(squeezed(pdf), squeezed(strings.ReplaceAll(named, "🔥", "U+1F525"))) {
				t.Errorf("%s: the message names %q, the cover does not:\n%s", lang, named, cover)
			}
		}
		if strings.Contains(part, "secret-host") || strings.Contains(part, "nosuch") {
			t.Errorf("%s: the RED file's message is quoted:\n%s", lang, part)
		}
	}
}
