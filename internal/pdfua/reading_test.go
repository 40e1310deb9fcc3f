package pdfua_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode"

	"briefing/internal/testkit"
)

// node is a node of pdf.js's getStructTree(): an element (Role, Alt,
// Lang, Children) or a leaf (Type "content" with the Id of a
// marked-content sequence, or "object"/"annotation").
type node struct {
	Role     string  `json:"role"`
	Alt      string  `json:"alt"`
	Lang     string  `json:"lang"`
	Type     string  `json:"type"`
	ID       string  `json:"id"`
	Children []*node `json:"children"`
}

// page is what .ci/pdfjs/struct.mjs --json gives of a page: its
// structure tree, the text of each marked-content sequence, and all its
// text in drawing order.
type page struct {
	Tree  *node             `json:"tree"`
	Text  map[string]string `json:"text"`
	Order string            `json:"order"`
}

// script returns the path of a script of .ci/pdfjs, failing (under CI)
// or skipping when pdf.js is not installed.
func script(t *testing.T, name string) string {
	t.Helper()
	testkit.Tool(t, "node")
	s, _ := filepath.Abs(filepath.Join("..", "..", ".ci", "pdfjs", name))
	if _, err := os.Stat(filepath.Join(filepath.Dir(s), "node_modules", "pdfjs-dist")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("pdf.js is required in CI (npm ci --prefix .ci/pdfjs): %v", err)
		}
		t.Skipf("pdf.js is not installed: %v", err)
	}
	return s
}

// pdfjs runs struct.mjs with args and returns its output.
func pdfjs(t *testing.T, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(testkit.Tool(t, "node"), append([]string{script(t, "struct.mjs")}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("struct.mjs %v: %v\n%s", args, err, stderr.String())
	}
	return out
}

var (
	read1   sync.Mutex
	readOf  = map[string][]page{}
	readErr = map[string]error{}
)

// structure reads the PDF's structure through pdf.js, once per PDF.
func structure(t *testing.T, path string) []page {
	t.Helper()
	read1.Lock()
	ps, ok := readOf[path]
	read1.Unlock()
	if ok {
		return ps
	}
	out := pdfjs(t, "--json", path)
	if err := json.Unmarshal(out, &ps); err != nil {
		t.Fatal(err)
	}
	read1.Lock()
	readOf[path] = ps
	read1.Unlock()
	return ps
}

// text returns the text of n as pdf.js reads it on p.
func (p page) text(n *node) string {
	if n.Type == "content" {
		return p.Text[n.ID]
	}
	var b strings.Builder
	for _, c := range n.Children {
		b.WriteString(p.text(c))
	}
	return b.String()
}

// walk calls f on every element of the page with its parent.
func walk(n, parent *node, f func(n, parent *node)) {
	if n == nil || n.Type != "" {
		return
	}
	f(n, parent)
	for _, c := range n.Children {
		walk(c, n, f)
	}
}

// TestPDFJSStructure: pdf.js, as Firefox hands the structure to
// assistive technology, finds in every PDF headings, paragraphs, lists
// with their labels, tables with header cells and figures with their
// alternate texts, and in the samples and the stress incident what each
// is known to hold.
func TestPDFJSStructure(t *testing.T) {
	for _, path := range pdfs(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			roles := map[string]int{}
			var labels, heads, alts, langs []string
			links := 0
			for _, p := range structure(t, path) {
				if p.Tree == nil {
					t.Fatal("a page without a structure tree")
				}
				walk(p.Tree, nil, func(n, parent *node) {
					roles[n.Role]++
					switch n.Role {
					case "Lbl":
						labels = append(labels, strings.TrimSpace(p.text(n)))
					case "TH":
						heads = append(heads, strings.TrimSpace(p.text(n)))
					case "Figure":
						alts = append(alts, n.Alt)
						if n.Alt == "" {
							t.Error("a Figure without alternate text")
						}
					case "Link":
						links++
					}
					if n.Lang != "" {
						langs = append(langs, n.Lang+":"+strings.TrimSpace(p.text(n)))
					}
				})
			}
			for _, r := range []string{"H1", "P", "Sect", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD"} {
				if roles[r] == 0 {
					t.Errorf("no %s element; roles: %v", r, roles)
				}
			}
			has := func(what string, list []string, want ...string) {
				t.Helper()
				all := "\x00" + strings.Join(list, "\x00") + "\x00"
				for _, w := range want {
					if !strings.Contains(all, "\x00"+w+"\x00") {
						t.Errorf("no %s %q among %q", what, w, list)
					}
				}
			}
			switch name {
			case "pla-61419-antivirus.ja.pdf":
				has("label", labels, "①", "②", "1.", "•", "文献1")
				has("header cell", heads, "作成日", "発注時期", "製品名", "供給国")
				has("alternate text", alts, "発生可能性×影響度のリスクマトリクス：リスク1（発生可能性3、影響度5）",
					"供給国別の製品数の棒グラフ：ロシア 6製品（110台）、米国 4製品（60台）、ドイツ 1製品（10台）、日本 1製品（10台）、英国 1製品（10台）、ルーマニア 1製品（10台）、不明 1製品（10台）")
			case "pla-61419-antivirus.en.pdf":
				has("label", labels, "1.", "2.", "•", "[1]", "[2]", "[3]")
				has("header cell", heads, "As of", "Ordered", "Product")
				has("alternate text", alts, "Risk matrix of likelihood × impact: risk 1 (likelihood 3, impact 5)")
			case "tagged-stress.en.pdf":
				has("label", labels, "1.", "2.", "3.", "•", "◦", "[1]", "[2]")
				has("header cell", heads, "Host", "Role", "Files", "State")
				// The header row drawn again on the pages the table
				// continues on is an artifact: its cells are read once.
				n := 0
				for _, h := range heads {
					if h == "Host" {
						n++
					}
				}
				if n != 1 || !strings.Contains(testkit.Run(t, "pdftotext", "-f", "2", "-l", "3", "-raw", path, "-"), "Host Role Files State") {
					t.Errorf("%d header cells Host read, want 1, with the header drawn again on pages 2 and 3", n)
				}
				has("alternate text", alts, "A ransom note in English demanding payment.",
					"The 7 phases of the cyber kill chain: Reconnaissance, Weaponization, Delivery, Exploitation, Installation, Command and Control, Actions on Objectives. Phases of this incident: Reconnaissance, Exploitation, Actions on Objectives")
				// The handling, left in Japanese, is read in Japanese; its
				// [untranslated] mark in English.
				has("language", langs, "en:[untranslated]")
				if !strings.Contains(strings.Join(langs, "\n"), "ja:1. [untranslated] 監視チームが異常を検知し") {
					t.Errorf("the untranslated list is not in Japanese: %q", langs)
				}
				if roles["Code"] == 0 || roles["Reference"] == 0 || roles["Caption"] < 3 {
					t.Errorf("no Code or Reference element, or not the 3 captions: %v", roles)
				}
			case "tagged-stress.ja.pdf":
				// An English reference title in the Japanese briefing.
				has("language", langs, "en:Advisory on the exploited vulnerability")
			}
			if strings.HasPrefix(name, "digest-") {
				if roles["Figure"] != 0 && len(alts) < roles["Figure"] {
					t.Errorf("figures without alternate text")
				}
			} else if roles["Figure"] == 0 {
				t.Error("no Figure element")
			}
			if links == 0 {
				t.Error("no Link element")
			}
		})
	}
}

// TestReading: the structure of the model briefing read as a screen
// reader reads it (pdf.js's structure tree with the text of each
// element, .ci/pdfjs/struct.mjs) matches the reviewed golden files
// testdata/*.reading.
func TestReading(t *testing.T) {
	for _, path := range pdfs(t) {
		name := filepath.Base(path)
		if !strings.HasPrefix(name, "pla-61419-antivirus.") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			got := string(pdfjs(t, path))
			testkit.Golden(t, filepath.Join("testdata", strings.TrimSuffix(name, ".pdf")+".reading"), got, *update)
		})
	}
}

var space = regexp.MustCompile(`\s+`)

// squeeze drops white space: readers differ in the spaces they put
// between boxes and lines, not in the characters.
func squeeze(s string) string { return space.ReplaceAllString(s, "") }

// sentences cuts a text into sentences (after 。 ！ ？, or . ! ? and a
// space), each kept when it has a few characters.
func sentences(s string) []string {
	var out []string
	cur := []rune{}
	rs := []rune(s)
	for i, r := range rs {
		cur = append(cur, r)
		end := r == '。' || r == '！' || r == '？' ||
			(r == '.' || r == '!' || r == '?') && (i+1 == len(rs) || unicode.IsSpace(rs[i+1]))
		if end || i+1 == len(rs) {
			if c := strings.TrimSpace(string(cur)); len([]rune(squeeze(c))) >= 6 {
				out = append(out, c)
			}
			cur = cur[:0]
		}
	}
	return out
}

// TestDrawingOrder: text extracted in drawing order, as pdftotext -raw,
// MuPDF (mutool draw -F txt) and pdf.js extract it, gives every sentence
// of a page whole, each list item's label right before its text, and no
// running header or footer inside a sentence. The sentences are those of
// the page's paragraphs, headings, cells and list items, read through the
// structure tree.
func TestDrawingOrder(t *testing.T) {
	for _, path := range pdfs(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			ps := structure(t, path)
			readers := map[string][]string{
				"pdftotext -raw": strings.Split(testkit.Run(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-"), "\f"),
				"mutool":         strings.Split(testkit.Run(t, "mutool", "draw", "-q", "-F", "txt", "-o", "-", path), "\f"),
			}
			var js []string
			for _, p := range ps {
				js = append(js, p.Order)
			}
			readers["pdf.js"] = js
			checked := 0
			for i, p := range ps {
				var want []string // sentences, and label + start of text
				walk(p.Tree, nil, func(n, parent *node) {
					switch n.Role {
					case "P", "H1", "H2", "H3", "TD", "TH", "LBody", "Caption":
						for _, s := range sentences(p.text(blockText(n))) {
							want = append(want, s)
						}
					case "LI":
						var lbl, body string
						for _, c := range n.Children {
							switch c.Role {
							case "Lbl":
								lbl = p.text(c)
							case "LBody":
								body = p.text(blockText(c))
							}
						}
						if r := []rune(squeeze(body)); lbl != "" && len(r) > 0 {
							want = append(want, lbl+string(r[:min(len(r), 8)]))
						}
					}
				})
				for reader, pages := range readers {
					if i >= len(pages) {
						t.Fatalf("%s: %d pages, want %d", reader, len(pages), len(ps))
					}
					got := squeeze(pages[i])
					for _, w := range want {
						checked++
						if !strings.Contains(got, squeeze(w)) {
							t.Errorf("%s, page %d: %q is not whole", reader, i+1, w)
						}
					}
				}
			}
			if checked < 30 {
				t.Errorf("only %d sentences checked", checked)
			}
		})
	}
}

// blockText returns n with its block children (a nested list, a second
// paragraph) left out: the text that is drawn as one run.
func blockText(n *node) *node {
	out := &node{Role: n.Role}
	for _, c := range n.Children {
		switch c.Role {
		case "", "Link", "Reference", "Code", "Span":
			out.Children = append(out.Children, c)
		}
	}
	return out
}
