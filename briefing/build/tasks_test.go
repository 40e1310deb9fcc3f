package build

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// TestTaskLists: GitHub-style task list items, [x], [X] and [ ], are read
// alike (none is a citation, none printed as written): in the PDF a filled
// square for done and an empty one for open, in place of the bullet or
// after the number; "[済]" stays text (package mail's TestTaskList reads
// the message's text).
func TestTaskLists(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	dir := t.TempDir()
	r := File(context.Background(), "testdata/tasks.toml", &Options{Dir: dir, Theme: testTheme(t)})
	if len(r.Diagnostics) > 0 || len(r.Outputs) != 2 {
		t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
	}
	for _, o := range r.Outputs {
		text := testkit.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", o.Path, "-")
		want := map[string][]string{
			"ja": {"■ 端末の隔離", "□ パスワードの変更", "■ 経営層への報告", "• [済] 隔離", "1. ■ 初動対応", "2. □ 再発防止策"},
			"en": {"■ Isolate the hosts", "□ Change the passwords"},
		}[o.Lang]
		for _, w := range want {
			if !regexp.MustCompile(`(?m)^\s*` + strings.ReplaceAll(regexp.QuoteMeta(w), " ", `\s+`) + `\s*$`).MatchString(text) {
				t.Errorf("%s: no line %q:\n%s", o.Lang, w, text)
			}
		}
		if strings.Contains(text, "[x]") || strings.Contains(text, "[ ]") || strings.Contains(text, "[X]") {
			t.Errorf("%s: a checkbox printed as written:\n%s", o.Lang, text)
		}
	}
}

// TestFootnoteMessage: a Markdown footnote ([^1] and its "[^1]: text")
// gets one error, at the footnote, that says what it is; its text is not
// called a URL.
func TestFootnoteMessage(t *testing.T) {
	r := File(context.Background(), "testdata/tasks-footnote.toml", &Options{Dir: t.TempDir(), Theme: testTheme(t), Check: true})
	all := r.Diagnostics.Error()
	if strings.Contains(all, "is not a URL") || strings.Contains(all, "cites [x]") {
		t.Errorf("misleading message:\n%s", all)
	}
	if !strings.Contains(all, "tasks-footnote.toml:21:1: summary.ja: [^1]: … is a Markdown footnote, which a briefing does not print") {
		t.Errorf("no message at the footnote:\n%s", all)
	}
}
