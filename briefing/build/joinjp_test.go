package build

import (
	"strings"
	"testing"
)

// TestSoftBreakBesideJapanesePunctuation: a soft line break between a
// Japanese character and punctuation Japanese shares with Latin text (the
// em dash U+2014 that macOS and JIS X 0213 give for JIS X 0208's dash,
// quotation marks, arrows, ※) is joined with nothing, as between two
// Japanese characters, and read back so from the PDF; beside Latin text
// it is still a space.
func TestSoftBreakBesideJapanesePunctuation(t *testing.T) {
	t.Parallel()
	s := renderText(t, "ja",
		"「至急ご対応をお願いいたします。」\n——フィッシングメール本文より\n\n"+
			"「至急ご対応をお願いいたします。」\n――フィッシングメール本文より\n\n"+
			"対応は次のとおり\n→ 端末を隔離した\n\n"+
			"詳しくは\n“Security Bulletin”\nを参照\n\n"+
			"Phishing\n—\nfrom the mail\n", "")
	text := strings.Join(s.lines, "\n")
	for _, want := range []string{
		"お願いいたします。」——フィッシング",
		"お願いいたします。」――フィッシング",
		"次のとおり→ 端末",
		"詳しくは“Security Bulletin”を参照",
		"Phishing — from the mail",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
}
