package build

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// TestSamplesNotoCJK renders the samples in both languages with Noto Sans
// CJK JP Regular and Bold (and Noto Sans Mono CJK JP for code), faces of
// Debian's collections with CFF outlines, as the template's only fonts: every font of every PDF is an
// embedded Noto subset of type CID Type 0C, each title and summary
// extracts as written, and the PDFs stay small.
func TestSamplesNotoCJK(t *testing.T) {
	t.Parallel()
	testkit.DebianFont(t, testkit.NotoSansCJK, "fonts-noto-cjk")
	testkit.DebianFont(t, testkit.NotoSansCJKBold, "fonts-noto-cjk")
	dir := t.TempDir()
	tmpl := writeFile(t, dir, "noto.toml", `[fonts]
regular = "`+testkit.NotoSansCJK+`#Noto Sans CJK JP"
bold = "`+testkit.NotoSansCJKBold+`#NotoSansCJKjp-Bold"
mono = "`+testkit.NotoSansCJK+`#Noto Sans Mono CJK JP"
mono_bold = "`+testkit.NotoSansCJKBold+`#Noto Sans Mono CJK JP"
fallback = false
`)
	th, err := theme.Load(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^([A-Z]{6})\+(\S+) +(.+?) +Identity-H +yes yes yes +\d+ +0$`)
	texts := map[string][]string{
		"pla-61419-antivirus.ja": {"PLA某部隊が欧米のアンチウイルスソフト購入の動き(2021.5)", "PLAの61419部隊と呼ばれるSSFの部隊が、欧米露のアンチウィルスソフト購入を企図"},
		"pla-61419-antivirus.en": {"PLA unit moves to buy Western antivirus software (May 2021)"},
		"kaseya-vsa-2021.ja":     {"Kaseya VSAを悪用したランサムウェアのサプライチェーン攻撃(2021.7)"},
		"kaseya-vsa-2021.en":     {"Ransomware supply-chain attack through Kaseya VSA (July 2021)", "Affiliates of REvil (Sodinokibi) exploited zero-day vulnerabilities in on-premises servers"},
	}
	for _, name := range []string{"pla-61419-antivirus", "kaseya-vsa-2021", "ransomware-example"} {
		res := File(context.Background(), filepath.Join("..", "..", "samples", name+".toml"), &Options{Dir: dir, Theme: th})
		if res.Failed() || len(res.Outputs) != 2 {
			t.Fatalf("%s: %+v", name, res)
		}
		for _, lang := range []string{"ja", "en"} {
			pdf := filepath.Join(dir, name+"."+lang+".pdf")
			fonts := testkit.Run(t, "pdffonts", pdf)
			got := line.FindAllStringSubmatch(fonts, -1)
			if len(got) < 2 || strings.Count(fonts, "\n") != 2+len(got) {
				t.Errorf("%s: want embedded subsets, regular and bold at least:\n%s", pdf, fonts)
			}
			for _, m := range got {
				if m[3] != "CID Type 0C" || !strings.HasPrefix(m[2], "NotoSans") {
					t.Errorf("%s: font %s+%s of type %q, want a Noto Sans CJK JP subset of type CID Type 0C", pdf, m[1], m[2], m[3])
				}
			}
			text := testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
			joined := strings.ReplaceAll(text, "\n", "")
			if lang == "en" {
				joined = strings.Join(strings.Fields(text), " ")
			}
			for _, want := range texts[name+"."+lang] {
				if !strings.Contains(joined, want) {
					t.Errorf("%s: the text lacks %q:\n%s", pdf, want, text)
				}
			}
			fi, err := os.Stat(pdf)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d bytes", filepath.Base(pdf), fi.Size())
			if fi.Size() > 250_000 {
				t.Errorf("%s has %d bytes, want at most 250 KB", pdf, fi.Size())
			}
		}
	}
}

// TestVariableFontInstances renders the English seed briefing with Inter,
// a TrueType variable font, at its default instance for text and its Bold
// instance for headings: both are embedded subsets of their own, which
// poppler draws without complaint, and the title extracts as written.
func TestVariableFontInstances(t *testing.T) {
	t.Parallel()
	testkit.DebianFont(t, testkit.InterVariable, "fonts-inter-variable")
	dir := t.TempDir()
	tmpl := writeFile(t, dir, "inter.toml", `[fonts]
regular = "`+testkit.InterVariable+`"
bold = "`+testkit.InterVariable+`#Bold"
`)
	th, err := theme.Load(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	res := File(context.Background(), filepath.Join("..", "..", "samples", "pla-61419-antivirus.toml"), &Options{Dir: dir, Theme: th, Langs: []string{"en"}})
	if res.Failed() || len(res.Outputs) != 1 {
		t.Fatalf("%+v", res)
	}
	pdf := filepath.Join(dir, "pla-61419-antivirus.en.pdf")
	fonts := testkit.Run(t, "pdffonts", pdf)
	for _, want := range []string{`(?m)^[A-Z]{6}\+Inter +CID TrueType +Identity-H +yes yes yes`, `(?m)^[A-Z]{6}\+Inter-Bold +CID TrueType +Identity-H +yes yes yes`} {
		if !regexp.MustCompile(want).MatchString(fonts) {
			t.Errorf("pdffonts lacks %s:\n%s", want, fonts)
		}
	}
	if text := strings.Join(strings.Fields(testkit.Run(t, "pdftotext", "-enc", "UTF-8", pdf, "-")), " "); !strings.Contains(text, "PLA unit moves to buy Western antivirus software (May 2021)") {
		t.Errorf("the title does not extract:\n%s", text)
	}
	msgs, err := exec.Command(testkit.Tool(t, "pdftoppm"), "-r", "20", "-gray", pdf, filepath.Join(dir, "page")).CombinedOutput()
	if err != nil || strings.Contains(strings.ToLower(string(msgs)), "font") {
		t.Errorf("poppler: %v\n%s", err, msgs)
	}
}
