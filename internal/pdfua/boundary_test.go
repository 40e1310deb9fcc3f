package pdfua_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"briefing/internal/testkit"
)

// latinEnd and latinStart are a word at the end and at the start of a
// line of Latin text: a line broken at a space.
var (
	latinEnd   = regexp.MustCompile(`([A-Za-z][A-Za-z0-9,.;:)]*)$`)
	latinStart = regexp.MustCompile(`^([A-Za-z(][A-Za-z0-9]*)`)
)

// structText is the text of every marked-content sequence of path as
// poppler's pdfinfo -struct-text gives it (the structure's text, its
// lines joined without their ends), in one string. A Figure's text is
// left out: a reader reads its /Alt instead (PDF/UA-1, 7.3), and its
// labels are not lines of a text.
func structText(t *testing.T, path string) string {
	out := testkit.Run(t, "pdfinfo", "-struct-text", path)
	var b strings.Builder
	figure := -1 // the indentation of the Figure being skipped
	for _, l := range strings.Split(out, "\n") {
		indent := len(l) - len(strings.TrimLeft(l, " "))
		if figure >= 0 && indent > figure {
			continue
		}
		figure = -1
		if strings.HasPrefix(strings.TrimSpace(l), "Figure") {
			figure = indent
			continue
		}
		if l = strings.TrimSpace(l); strings.HasPrefix(l, `"`) && strings.HasSuffix(l, `"`) && len(l) > 1 {
			// An element's sequences follow one another, read on.
			b.WriteString(l[1 : len(l)-1])
			continue
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestWordBoundaries: a reader that joins the lines of the structure
// without their ends (poppler's struct text, a screen reader reading an
// element whole) keeps a space where a Latin line breaks at a space or a
// forced break, and none where a Japanese line breaks between
// characters. The line pairs are those pdftotext -raw sees.
func TestWordBoundaries(t *testing.T) {
	for _, path := range pdfs(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			st := structText(t, path)
			lines := strings.Split(testkit.Run(t, "pdftotext", "-raw", path, "-"), "\n")
			// A word the page text (lines joined by spaces) holds
			// may be in the struct text too.
			words := strings.Join(lines, " ")
			spaced, forced, joined := 0, 0, 0
			for i := 0; i+1 < len(lines); i++ {
				a, b := strings.TrimSpace(lines[i]), strings.TrimSpace(lines[i+1])
				if a == "" || b == "" {
					continue
				}
				if ea, sb := latinEnd.FindString(a), latinStart.FindString(b); ea != "" && sb != "" && len(ea)+len(sb) >= 8 {
					if strings.Contains(st, ea+sb) && !strings.Contains(words, ea+sb) {
						t.Errorf("struct text runs %q and %q together: %q", ea, sb, ea+sb)
					}
					if strings.Contains(st, ea+" "+sb) {
						spaced++
					}
				}
				ra, rb := []rune(a), []rune(b)
				if len(ra) >= 3 && len(rb) >= 3 && han(ra[len(ra)-1]) && han(rb[0]) {
					tail, head := string(ra[len(ra)-3:]), string(rb[:3])
					if strings.HasPrefix(b, "発生可能性：") {
						// A risk's title and its likelihood and
						// impact, a forced break: a boundary.
						if strings.Contains(st, tail+head) {
							t.Errorf("struct text runs a risk's title into its likelihood: %q", tail+head)
						}
						if strings.Contains(st, tail+" "+head) {
							forced++
						}
						continue
					}
					if strings.Contains(st, tail+" "+head) {
						t.Errorf("struct text puts a space in a Japanese line break: %q", tail+" "+head)
					}
					if strings.Contains(st, tail+head) {
						joined++
					}
				}
			}
			if strings.HasSuffix(filepath.Base(path), ".en.pdf") && spaced < 5 {
				t.Errorf("only %d wrapped Latin lines found spaced in the struct text", spaced)
			}
			if strings.HasPrefix(filepath.Base(path), "pla-61419-antivirus.ja") && forced < 1 {
				t.Errorf("no risk's forced line break found spaced in the struct text")
			}
			// Every line of a paragraph is read, the last of a
			// justified one too (after an /ActualText span).
			if strings.HasPrefix(filepath.Base(path), "pla-61419-antivirus.ja") && joined < 10 {
				t.Errorf("only %d Japanese line breaks found joined in the struct text", joined)
			}
		})
	}
}

// han reports whether r is a kanji or kana.
func han(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// figureTexts is the text of each Figure of path as poppler's pdfinfo
// -struct-text gives it: the sequences of the Figure and of the
// elements inside it, joined as a reader joins them.
func figureTexts(t *testing.T, path string) []string {
	out := testkit.Run(t, "pdfinfo", "-struct-text", path)
	var texts []string
	var b strings.Builder
	figure := -1 // the indentation of the Figure being read
	for _, l := range strings.Split(out, "\n") {
		indent := len(l) - len(strings.TrimLeft(l, " "))
		if figure >= 0 && indent > figure {
			if l = strings.TrimSpace(l); strings.HasPrefix(l, `"`) && strings.HasSuffix(l, `"`) && len(l) > 1 {
				b.WriteString(l[1 : len(l)-1])
			}
			continue
		}
		if figure >= 0 {
			texts = append(texts, b.String())
			b.Reset()
		}
		figure = -1
		if strings.HasPrefix(strings.TrimSpace(l), "Figure") {
			figure = indent
		}
	}
	if figure >= 0 {
		texts = append(texts, b.String())
	}
	return texts
}

// TestFigureWordBoundaries: the labels drawn inside a figure (the kill
// chain's phases, the risk matrix's axes and ticks, the supplier chart's
// countries, bars and notes) stay separate words when a reader joins the
// figure's structure text: every word of it is one that extraction by
// position (pdftotext) finds on the page, not two labels run together
// ("InstallationCommand", "1122334455", "terminalsJapan").
func TestFigureWordBoundaries(t *testing.T) {
	for _, path := range pdfs(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			page := testkit.Run(t, "pdftotext", path, "-")
			words := 0
			for _, ft := range figureTexts(t, path) {
				for _, w := range strings.Fields(ft) {
					if !strings.Contains(page, w) {
						t.Errorf("figure text %q holds %q, labels run together", ft, w)
					}
					words++
				}
			}
			// The samples with a kill chain, a risk matrix or a
			// supplier chart: their labels are read.
			if base := filepath.Base(path); !strings.HasPrefix(base, "digest") && words < 20 {
				t.Errorf("only %d words found in the figures' struct text", words)
			}
		})
	}
}
