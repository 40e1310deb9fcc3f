package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"briefing/briefing/layout"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// embedded returns the embedded fonts as [Embedded] reads them, and the
// default template, which measures text with the same fonts.
func embedded(t testing.TB) (FontFiles, layout.Metrics) {
	t.Helper()
	files, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return files, fixture.Theme(t)
}

// run is [testkit.Run] with the tool's standard error in its output too,
// so that a warning poppler prints makes a comparison of text fail.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(testkit.Tool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func seed(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile("../layout/testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range strings.Split(string(b), "\n") {
		// Keep the paragraphs of running Japanese text.
		p = strings.TrimSpace(strings.ReplaceAll(p, "\u3000", " "))
		if len([]rune(p)) > 30 {
			out = append(out, p)
		}
	}
	return out
}

const title = "重大インシデント報告書"

var (
	body = layout.Text{Style: layout.Style{Size: 10.5}, Breaking: layout.Japanese}
	grey = layout.Color{R: 0x55, G: 0x55, B: 0x55}
)

func spans(s string) []layout.Span { return []layout.Span{{Text: s}} }

// document is long Japanese text (the seed's paragraphs, three times) and
// a table of 100 rows.
func document(t testing.TB) layout.Document {
	var blocks []layout.Block
	h := func(s, mark string) layout.Heading {
		return layout.Heading{Text: layout.Text{Style: layout.Style{Face: layout.Bold, Size: 14}, Breaking: layout.Japanese},
			Spans: spans(s), Level: 1, Bookmark: s, Anchor: mark, Rule: true, RuleColor: grey, SpaceBefore: 14, SpaceAfter: 6}
	}
	blocks = append(blocks, h("事案の概要", "sec-1"))
	for i := range 3 {
		for _, p := range seed(t) {
			blocks = append(blocks, layout.Paragraph{Text: body, Spans: spans(p), SpaceAfter: 5})
		}
		if i == 0 {
			blocks = append(blocks, layout.Paragraph{Text: body, Spans: []layout.Span{
				{Text: "詳しくは文献一覧を参照。"},
				{Text: "（文献1）", Dest: "ref-1", Style: layout.Style{Size: 10.5, Color: layout.Color{B: 0x99}}},
				{Text: "https://attack.mitre.org/groups/", URL: "https://attack.mitre.org/groups/"},
			}})
		}
	}
	var rows []layout.Row
	for i := range 100 {
		rows = append(rows, layout.Row{Cells: [][]layout.Span{
			spans(fmt.Sprintf("%d", i+1)), spans(fmt.Sprintf("製品%03d Endpoint Security", i+1)), spans("2019年4月～5月"), spans("ロシア")}})
	}
	blocks = append(blocks, h("調達品目", "sec-2"), layout.Table{
		Text: layout.Text{Style: layout.Style{Size: 9}, Breaking: layout.Japanese},
		Columns: []layout.Column{{Header: spans("番号"), Align: layout.Right}, {Header: spans("製品名")},
			{Header: spans("発注時期")}, {Header: spans("供給国")}},
		Rows: rows, HeaderStyle: layout.Style{Face: layout.Bold, Size: 9}, HeaderFill: layout.Color{R: 0xE6, G: 0xEB, B: 0xF2},
		RuleColor: grey, SpaceAfter: 8,
	})
	blocks = append(blocks, h("文献", "refs"), layout.Paragraph{Text: body, Anchor: "ref-1", Spans: spans("文献1 Insikt Group")})
	return layout.Document{Paper: layout.A4, Blocks: blocks, Furniture: func(n, total int) []layout.Box {
		return []layout.Box{
			layout.TextBox{X: 57, Y: 40, Text: title, Style: layout.Style{Size: 8, Color: grey}},
			layout.TextBox{X: 280, Y: 805, Text: fmt.Sprintf("%d / %d", n, total), Style: layout.Style{Size: 8, Color: grey}},
		}
	}}
}

func renderDoc(t testing.TB) []byte {
	t.Helper()
	files, m := embedded(t)
	pages, err := layout.Lay(document(t), m)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	info := Info{Title: title, Author: "分析チーム", Subject: "インシデント報告", Keywords: []string{"PLA", "サプライチェーン"},
		Lang: "ja", Created: time.Date(2021, 5, 7, 0, 0, 0, 0, time.UTC)}
	if err := PDF(&buf, pages, info, files); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var (
	spaces  = regexp.MustCompile(`[\s\x{00a0}\x{3000}]+`)
	product = regexp.MustCompile(`製品\d{3} Endpoint Security`)
)

func TestEndToEnd(t *testing.T) {
	t.Parallel()
	testkit.Tool(t, "pdftotext")
	pdf := renderDoc(t)
	path := filepath.Join(t.TempDir(), "e2e.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("RENDER_KEEP") != "" {
		os.WriteFile(os.Getenv("RENDER_KEEP"), pdf, 0o644)
	}
	t.Run("qpdf", func(t *testing.T) {
		run(t, "qpdf", "--check", path)
	})
	t.Run("fonts embedded as tagged subsets", func(t *testing.T) {
		out := run(t, "pdffonts", path)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) < 4 {
			t.Fatalf("pdffonts lists no fonts:\n%s", out)
		}
		tag := regexp.MustCompile(`^[A-Z]{6}\+BIZUDPGothic-(Regular|Bold)\s.*\byes\s+yes\s+yes\b`)
		for _, l := range lines[2:] {
			if !tag.MatchString(l) {
				t.Errorf("font not an embedded, tagged subset: %s", l)
			}
		}
	})
	text := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	pages := strings.Split(text, "\f")
	pages = pages[:len(pages)-1]
	t.Run("text whole and in order", func(t *testing.T) {
		// Strip the running header and footer, then all white space.
		all := strings.ReplaceAll(text, title, "")
		all = regexp.MustCompile(`\d+ ?/ ?\d+\n`).ReplaceAllString(all, "")
		all = spaces.ReplaceAllString(all, "")
		pos := 0
		for i := range 3 {
			for _, p := range seed(t) {
				want := spaces.ReplaceAllString(p, "")
				j := strings.Index(all[pos:], want)
				if j < 0 {
					k := 0
					for k < len(want) && pos+k < len(all) && strings.HasPrefix(all[pos:], want[:k+1]) {
						k++
					}
					t.Fatalf("round %d: paragraph not found in order: %.60q…\nnext in PDF: %.200q", i+1, want, all[pos:])
				}
				pos += j + len(want)
			}
		}
	})
	t.Run("footer n / N on every page", func(t *testing.T) {
		for i, p := range pages {
			// pdftotext drops the narrow spaces around the slash.
			if want := fmt.Sprintf("%d/%d", i+1, len(pages)); !strings.Contains(strings.ReplaceAll(p, " ", ""), want) {
				t.Errorf("page %d lacks %q", i+1, want)
			}
		}
	})
	t.Run("header row on every page of the table", func(t *testing.T) {
		rows, tablePages := 0, 0
		for i, p := range pages {
			n := len(product.FindAllString(p, -1))
			if n == 0 {
				continue
			}
			tablePages++
			rows += n
			for _, h := range []string{"番号", "製品名", "発注時期", "供給国"} {
				if !strings.Contains(p, h) {
					t.Errorf("page %d holds %d rows but not the header %q", i+1, n, h)
				}
			}
		}
		if rows != 100 || tablePages < 2 {
			t.Errorf("%d rows on %d pages, want 100 rows on ≥2 pages", rows, tablePages)
		}
	})
	t.Run("justified lines flush with the right margin", func(t *testing.T) {
		out := run(t, "pdftotext", "-bbox-layout", path, "-")
		right := layout.A4.Width - layout.A4.Right
		flush := 0
		re := regexp.MustCompile(`<line xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)"`)
		for _, m := range re.FindAllStringSubmatch(out, -1) {
			var x float64
			fmt.Sscan(m[3], &x)
			if x > right+0.05 {
				t.Errorf("line at y=%s ends at %g, past the margin %g", m[2], x, right)
			}
			if x > right-0.05 {
				flush++
			}
		}
		// The seed's long paragraphs, three times, give well over 60
		// lines that are not the last of their paragraph.
		if flush < 60 {
			t.Errorf("%d lines end flush with the right margin, want ≥60", flush)
		}
	})
	t.Run("no stray punctuation at line starts or opening brackets at line ends", func(t *testing.T) {
		lines := 0
		for _, l := range strings.Split(text, "\n") {
			l = strings.TrimSpace(strings.Trim(l, "\f"))
			rs := []rune(l)
			if len(rs) < 2 {
				continue
			}
			lines++
			if strings.ContainsRune("、。，．・：；？！」』）］｝〉》】〕ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶーゝゞヽヾ々", rs[0]) {
				t.Errorf("line starts with %q: %s", rs[0], l)
			}
			if strings.ContainsRune("「『（［｛〈《【〔", rs[len(rs)-1]) {
				t.Errorf("line ends with %q: %s", rs[len(rs)-1], l)
			}
		}
		if lines < 200 {
			t.Errorf("only %d lines read back", lines)
		}
	})
	t.Run("metadata", func(t *testing.T) {
		out := run(t, "pdfinfo", "-enc", "UTF-8", path)
		for _, want := range []string{"Title:           " + title, "Author:          分析チーム", "Keywords:        PLA, サプライチェーン", "Subject:         インシデント報告"} {
			if !strings.Contains(out, want) {
				t.Errorf("pdfinfo lacks %q:\n%s", want, out)
			}
		}
		if !bytes.Contains(pdf, []byte("/Lang (ja)")) {
			t.Error("no /Lang (ja) in the catalog")
		}
	})
	t.Run("outline and links", func(t *testing.T) {
		for _, want := range []string{"/Outlines", "/URI (https://attack.mitre.org/groups/)", "/Subtype /Link"} {
			if !bytes.Contains(pdf, []byte(want)) {
				t.Errorf("PDF lacks %s", want)
			}
		}
		if n := bytes.Count(pdf, []byte("/Parent")); n < 3 {
			t.Errorf("outline has %d entries, want 3", n)
		}
	})
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	a, b := renderDoc(t), renderDoc(t)
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same pages differ")
	}
	if bytes.Contains(a, []byte("/utf8")) {
		t.Error("an fpdf font name (utf8…) is left in the output")
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	files, _ := embedded(t)
	page := func(bs ...layout.Box) []layout.Page { return []layout.Page{{Paper: layout.A4, Boxes: bs}} }
	txt := func(s string) layout.TextBox {
		return layout.TextBox{X: 50, Y: 50, Text: s, Style: layout.Style{Size: 10}}
	}
	cases := []struct {
		name  string
		pages []layout.Page
		fonts Fonts
		want  string
	}{
		{"no pages", nil, files, "no pages"},
		{"above U+FFFF", page(txt("炎上🔥")), files, "U+1F525 🔥"},
		{"dangling link", page(txt("a"), layout.Link{X: 1, Y: 1, W: 1, H: 1, Dest: "nowhere"}), files, `"nowhere"`},
		{"damaged OpenType font", page(txt("a")), FontFiles{layout.Regular: append([]byte("OTTO"), make([]byte, 40)...)}, `no "head" table`},
		{"collection", page(txt("a")), FontFiles{layout.Regular: append([]byte("ttcf"), make([]byte, 40)...)}, ".ttc"},
		{"garbage font", page(txt("a")), FontFiles{layout.Regular: []byte("not a font")}, "not a TrueType"},
		{"truncated font", page(txt("a")), FontFiles{layout.Regular: files[layout.Regular][:5000]}, "runs past the end"},
		{"glyph the font lacks", page(txt("a\ue000")), files, "no glyph for U+E000"},
		{"missing face", page(layout.TextBox{Text: "a", Style: layout.Style{Face: 7, Size: 9}}), files, "face 7"},
		{"damaged picture", page(txt("a"), layout.Image{W: 10, H: 10, Data: []byte("\x89PNG\r\n\x1a\nbroken"), Type: "png"}), files, "damaged png picture"},
		{"fewer elements than boxes", []layout.Page{{Paper: layout.A4, Boxes: []layout.Box{txt("a"), txt("b")}, Elems: []*layout.Elem{{Role: "P"}}}}, files, "1 structure elements for 2 boxes"},
		{"more elements than boxes", []layout.Page{{Paper: layout.A4, Boxes: []layout.Box{txt("a")}, Elems: []*layout.Elem{{Role: "P"}, {Role: "P"}}}}, files, "2 structure elements for 1 boxes"},
		{"picture of another type", page(txt("a"), layout.Image{W: 10, H: 10, Data: []byte("GIF89a"), Type: "gif"}), files, `"gif"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := PDF(&buf, c.pages, Info{}, c.fonts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want one containing %q", err, c.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written on error", buf.Len())
			}
		})
	}
	if _, err := tables([]byte("OTTO0000000000")); !errors.Is(err, ErrFontFormat) {
		t.Errorf("tables(OTTO) = %v, want ErrFontFormat", err)
	}
}

// TestNothingOnStdout makes sure render prints nothing, even for a bad font.
func TestNothingOnStdout(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	var buf bytes.Buffer
	files, _ := embedded(t)
	bad := FontFiles{layout.Regular: append(append([]byte{0, 1, 0, 0}, files[layout.Regular][4:300]...), make([]byte, 100)...)}
	_ = PDF(&buf, []layout.Page{{Paper: layout.A4, Boxes: []layout.Box{layout.TextBox{Text: "あ", Style: layout.Style{Size: 9}}}}}, Info{}, bad)
	os.Stdout = old
	w.Close()
	out, _ := io.ReadAll(r)
	if len(out) > 0 {
		t.Errorf("printed to stdout: %q", out)
	}
}

func BenchmarkPDF(b *testing.B) {
	files, m := embedded(b)
	pages, err := layout.Lay(document(b), m)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var buf bytes.Buffer
		if err := PDF(&buf, pages, Info{}, files); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLay(b *testing.B) {
	_, m := embedded(b)
	doc := document(b)
	for b.Loop() {
		if _, err := layout.Lay(doc, m); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTextString checks PDF text strings: printable ASCII as a literal
// with ( ) \ escaped, anything else as UTF-16BE in hex with a byte order
// mark, a character above U+FFFF as its surrogate pair.
func TestTextString(t *testing.T) {
	for in, want := range map[string]string{
		"TLP:RED (a\\b)": `(TLP:RED \(a\\b\))`,
		"概要 A":           "<FEFF6982898100200041>",
		"𠮟る":             "<FEFFD842DF9F308B>",
		"tab\there":      "<FEFF00740061006200090068006500720065>",
	} {
		if got := text(in); got != want {
			t.Errorf("text(%q) = %s, want %s", in, got, want)
		}
		if got := string(appendText([]byte("x"), in)); got != "x"+want {
			t.Errorf("appendText(x, %q) = %s", in, got)
		}
	}
	if got := literal("a\x01)"); got != `(a\001\))` {
		t.Errorf("literal = %s", got)
	}
}
