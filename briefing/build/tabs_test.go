package build

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// TestTabsInCode: tab-separated columns of a log in a code block line up
// in the PDF, each tab moving to the next tab stop (every 8 columns, a
// Japanese character counting two) as in a terminal; a tab in prose is a
// space. Read back with pdftotext -bbox: the words after the tabs start
// at the same x.
func TestTabsInCode(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	r := File(context.Background(), "testdata/tabs.toml", &Options{Dir: t.TempDir(), Theme: testTheme(t), Langs: []string{"en"}})
	if len(r.Diagnostics) > 0 || len(r.Outputs) != 1 {
		t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
	}
	bbox := testkit.Run(t, "pdftotext", "-bbox", "-enc", "UTF-8", r.Outputs[0].Path, "-")
	x := map[string]float64{}
	for _, m := range regexp.MustCompile(`xMin="([0-9.]+)"[^>]*>([^<]+)<`).FindAllStringSubmatch(bbox, -1) {
		if _, seen := x[m[2]]; !seen {
			x[m[2]], _ = strconv.ParseFloat(m[1], 64)
		}
	}
	same := func(a, b string) {
		t.Helper()
		if xa, ok := x[a]; !ok || x[b] != xa || xa == 0 {
			t.Errorf("%q starts at x %.2f, %q at %.2f: not in one column", a, x[a], b, x[b])
		}
	}
	same("host", "fs-01")
	same("user", "root")
	same("event", "login")
	same("login", "管理者") // ファイルサーバ is 14 columns: its tab goes to 16
	if !(x["user"] > x["host"] && x["event"] > x["user"] && x["ログイン"] > x["管理者"]) {
		t.Errorf("columns out of order: %v", x)
	}
	text := testkit.Run(t, "pdftotext", "-enc", "UTF-8", r.Outputs[0].Path, "-")
	if !strings.Contains(text, "prose with a tab") {
		t.Errorf("a tab in prose is not one space:\n%s", text)
	}
}
