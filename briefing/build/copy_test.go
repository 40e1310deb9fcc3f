package build

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/indicator"
	"briefing/internal/testkit"
)

// longIOCs are indicators too long for their cell, one with spaces.
var longIOCs = [][2]string{
	{"sha512", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
	{"url", "https://files-sync.example/upload/2023/12/01/archive-of-every-file-server?id=4c1a7f0e-9d2b-4e51-8a3c-0f1e2d3c4b5a&part=17"},
	{"url", "https://例え.テスト/アップロード/2023年12月1日/すべてのファイルサーバの書庫?id=4c1a7f0e"},
	{"registry", `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options\sethc.exe`},
	{"file", "Invoice 2023-12 for the customers of the company (final version, signed).pdf.exe"},
}

// longRef, longCode and longLine are a reference URL, an inline code
// span and a line of a code block longer than their lines.
const (
	longRef  = "https://www.cisa.gov/news-events/cybersecurity-advisories/aa23-325a-lockbit-3-0-ransomware-affiliates-exploit-cve-2023-4966-citrix-bleed-vulnerability"
	longCode = `C:\ProgramData\Microsoft\Windows\Start Menu\Programs\StartUp\Restore-My-Files-and-read-this-note.txt`
	longLine = `reg add "HKCU\Software\Microsoft\Windows\CurrentVersion\Run" /v syncsvc /t REG_SZ /d "C:\ProgramData\syncsvc\syncsvc.exe --quiet --no-window" /f`
)

// copyIncident writes a format-2 incident with every kind of run that
// wraps and must be copied back whole: indicators in the table, a
// reference's URL, an autolink, inline code and a line of a code block.
func copyIncident(t *testing.T, dir string) string {
	t.Helper()
	var src strings.Builder
	src.WriteString(`format = 2
id = "copy-back"
date = 2023-12-04
tlp = "CLEAR"
title.ja = "値のコピー"
title.en = "Copying values back"
summary.ja = '侵入口は CVE-2023-4966 である[cisa]。詳細は <` + longRef + `> を参照。スタートアップに ` + "`" + longCode + "`" + ` が置かれた。'
summary.en = 'The way in was CVE-2023-4966 [cisa]. See <` + longRef + `> for details. The file ` + "`" + longCode + "`" + ` was left in the startup folder.'
handling = '''
The run key was removed:

` + "```" + `
` + longLine + `
` + "```" + `
'''
`)
	for _, c := range longIOCs {
		src.WriteString("\n[[indicators]]\ntype = \"" + c[0] + "\"\nvalue = " + strconv.Quote(c[1]) + "\nnote = \"seen on the file server of the head office\"\n")
	}
	src.WriteString("\n[[references]]\nid = \"cisa\"\ntitle = \"#StopRansomware: LockBit 3.0\"\nurl = \"" + longRef + "\"\n")
	path := filepath.Join(dir, "copy.toml")
	if err := os.WriteFile(path, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCopyBack renders runs that wrap (indicators, URLs, code) in both
// languages and reads them back with two readers. MuPDF 1.21 (mutool
// draw -F txt) reads the glyphs drawn, line by line: each run must wrap,
// and its lines put together must be the run, no character lost or
// added. Poppler (pdftotext) honours /ActualText: each run must come
// back whole, on one line, as a reader copies it. (Newer versions of
// MuPDF read /ActualText too, and would give each run on one line: this test
// counts on the MuPDF of Debian 12, which CI installs.)
func TestCopyBack(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	testkit.Tool(t, "mutool")
	dir := os.Getenv("KEEP")
	if dir == "" {
		dir = t.TempDir()
	}
	path := copyIncident(t, dir)
	r := File(context.Background(), path, &Options{Dir: dir, Theme: testTheme(t), Langs: []string{"ja", "en"}})
	if len(r.Diagnostics) > 0 || len(r.Outputs) != 2 {
		t.Fatalf("%v, %d PDFs", r.Diagnostics, len(r.Outputs))
	}
	runs := []string{longRef, longCode, longLine}
	for _, c := range longIOCs {
		runs = append(runs, indicator.Defang(indicator.Type(c[0]), c[1]))
	}
	for _, out := range r.Outputs {
		t.Run(out.Lang, func(t *testing.T) {
			copied := testkit.Run(t, "pdftotext", "-enc", "UTF-8", out.Path, "-")
			drawn := strings.Split(testkit.Run(t, "mutool", "draw", "-F", "txt", "-o", "-", out.Path), "\n")
			for _, run := range runs {
				if n := drawnLines(drawn, run); n < 2 {
					t.Errorf("%q: MuPDF does not find it drawn over several lines, character for character (%d lines)", run, n)
				}
				// Whole, between spaces or line breaks (the next cell's
				// text may follow on its line).
				if !regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(run) + `(\s|$)`).MatchString(copied) {
					t.Errorf("%q: pdftotext does not give it back whole", run)
				}
			}
			if !strings.Contains(copied, "CVE-2023-4966") {
				t.Error("pdftotext does not give back CVE-2023-4966")
			}
		})
	}
}

// drawnLines returns over how many consecutive lines of text run is drawn
// (its start ending one line, its end starting a later one, each line
// between wholly inside it), character for character; 0 when it is not.
func drawnLines(lines []string, run string) int {
	for i, l := range lines {
		for k := 0; k < len(l); k++ {
			if !strings.HasPrefix(run, l[k:]) || len(l)-k == 0 {
				continue
			}
			rest, n := run[len(l)-k:], 1
			for j := i + 1; j < len(lines) && rest != ""; j++ {
				switch next := lines[j]; {
				case next == "":
					continue // MuPDF's blank line between blocks
				case strings.HasPrefix(rest, next):
					rest, n = rest[len(next):], n+1
				case strings.HasPrefix(next, rest):
					rest, n = "", n+1
				default:
					j = len(lines)
				}
			}
			if rest == "" {
				return n
			}
		}
	}
	return 0
}
