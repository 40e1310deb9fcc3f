package load_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	gotoml "github.com/pelletier/go-toml/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"briefing/briefing/indicator"
	"briefing/briefing/link"
	"briefing/briefing/load"
	"briefing/briefing/model"
	"briefing/briefing/validate"
)

// FuzzLoad feeds the loader and validator arbitrary files, seeded with the
// samples and the skeleton. They must never panic; every diagnostic names
// the file and a line; and whatever is accepted is a valid incident.
// zeroEntry matches an entry counted from 0 in a key path (risks[0]), not
// a quoted key that is named so ("[0]").
var zeroEntry = regexp.MustCompile(`[A-Za-z0-9_-]\[0\]`)

// quotedPart is a quoted part of a key path ("0[0]", 'a.b'): its
// characters are the key's own, never an entry's index.
var quotedPart = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'[^']*'`)

func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("../../samples/*.toml")
	seeds = append(seeds, "../../templates/skeleton.toml")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	// Format 2's sections, the figure found from the test's folder.
	f.Add([]byte("format = 2\nid = \"x\"\ndate = 2021-05-06\ntitle = \"t\"\nsummary = \"s\"\nstatus = \"draft\"\ncase = \"c\"\ntimezone = \"Asia/Tokyo\"\n" +
		"timeline = [{ when = 2021-07-02T14:05:00+09:00, text = \"a\" }]\n" +
		"indicators = [{ type = \"url\", value = \"https://evil.example/x\", first_seen = 2021-07-02T14:05:00Z }, { type = \"sha256\", value = \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\" }]\n" +
		"vulnerabilities = [{ cve = \"CVE-2021-30116\", cvss = \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\", exploited = true }]\n" +
		"figures = [{ file = \"../../samples/kaseya-ransom-note.png\", alt = \"a\", caption = \"c\", after = \"summary\", width = 0.5 }]\n"))
	// Bare keys with characters beyond ASCII, which must be quoted.
	f.Add([]byte("format = 1\n[[リスク]]\nタイトル.ja = \"x\"\nt = { 英語 = 1 }\n[a.café]\n"))
	f.Add([]byte("format = 1\nid = \"x\"\ndate = 2021-05-06\ntitle = { ja = \"a\", en = \"b\" }\nsummary = \"s [r]\"\nreferences = [{ id = \"r\", title = \"t\" }]\n"))
	// The input file itself: a byte order mark, other encodings, keys that
	// need quotes, what TOML 1.0 forbids, other languages.
	sample, err := os.ReadFile("../../samples/pla-61419-antivirus.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(append([]byte("\ufeff"), sample...))
	for _, e := range []encoding.Encoding{japanese.ShiftJIS, japanese.EUCJP, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)} {
		b, err := encoding.ReplaceUnsupported(e.NewEncoder()).Bytes(sample)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("\ufeffformat = 1\nid = \"x\"\ndate = 2021-05-06\ntitle = \"t\"\nsummary = \"s\"\n\"title.ja\" = 1\n\"a\\nb\" = 2\n\"\" = 3\ntitle.\"\" = 4\n"))
	f.Add([]byte("format = 1\nid = \"x\"\ndate = 2021-05-06\ntitle = { ja = \"a\" }\ntitle.en = \"b\"\nsummary = \"s\"\n[x]\nd = 1985-06-18 17:04:07+12:60\nt = 07:30\n"))
	f.Add([]byte("format = 1\nid = \"x\"\ndate = 2021-05-06\ntitle = { ja = \"a\", zh-Hant = \"b\", en = \"c\" }\nsummary.de = \"s\"\nauthor.ko = \"k\"\n"))
	// URLs of every kind link.Check refuses or accepts, countries and
	// repeated tags.
	for _, u := range []string{
		"https://user:pass@evil.example@good.example/", "https://example.com:99999/", "mailto:javascript:alert(1)",
		"https://example.com/my file.pdf", "https://example.com/a\\tb", "http:///x", `https:\\\\example.com\\a`,
		"https://ko.wikipedia.org/wiki/대한민국", "https://例え.テスト:8443/パス?q=値#節", "mailto:soc@example.com?subject=x",
		"https://[2001:db8::1]/", "https://example.com/%zz", "https://-x.example/", "www.example.com",
	} {
		f.Add([]byte("format = 1\nid = \"x\"\ndate = 2021-05-06\ntitle = \"- t\"\nsummary = \"s [r]\"\ntags = [\"a\", \"A\"]\n" +
			"[[procurement.items]]\nordered = \"2019\"\nproduct = \"p\"\nterm_months = 1\nusers = 2000\ncountry = [\"SZ\", \"su\"]\n" +
			"[[references]]\nid = \"r\"\ntitle = \"t\"\nurl = \"" + u + "\"\n[[related]]\ntext = \"x\"\nurl = '" + u + "'\n"))
	}
	// Format 2: URLs written in Markdown texts, and every construct.
	for _, u := range []string{"https://example.com/a?b=c&d=e", "javascript:alert(1)", "ftp://example.com/", "https://例え.テスト/パス"} {
		f.Add([]byte("format = 2\nid = \"x\"\ndate = 2021-05-06\ntitle = \"t\"\nsummary = '''\n[a](" + u + ") <" + u + "> " + u + " [r]'''\n" +
			"[[references]]\nid = \"r\"\ntitle = \"t\"\n"))
	}
	f.Add([]byte("format = 2\nid = \"x\"\ndate = 2021-05-06\ntitle = \"t\"\nsummary.ja = \"\"\"\n通信先:\n203.0.113.10\n\n- a\n  - b\n\n3. c\n\n> q\n\n" +
		"```\ncode\n```\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n**b** *e* ~~s~~ `c` CVE-2021-30116 T1190 \\\\[r] [r]\"\"\"\n" +
		"summary.en = \"# heading <b>html</b> ![p](x.png)\"\nimpact = '''\n[r]: https://example.com/\n'''\n[[references]]\nid = \"r\"\ntitle = \"t\"\n"))
	// Keys in another case, sections of the wrong shape or under another
	// name, and every kind of date and time, as the decoder is given them.
	f.Add([]byte("format = 2\nid = \"x\"\nDate = 2021-05-06\nTitle = \"t\"\nsummary = \"s\"\nProcurement.caption = \"c\"\n" +
		"timeline = [{ text = \"a\" }, 1]\nrisks = 3\nanalysis.scenarios.text = 1\n[[Timeline]]\ntext = \"b\"\n[[figures]]\n[[figures.x]]\n" +
		"[x]\na = 2021-05-06T09:00:00\nb = 09:00:00.5\nc = 2021-05-06T09:00:00+00:00\nd = 2021-05-06t09:00:00z\ne = [[{ f = 1 }]]\n"))
	// Values without their quotes, and dates written otherwise.
	f.Add([]byte("format = 2\nid = x\ndate = 2024/01/02\ntitle = 日本 # c\nsummary = { ja = 概要, en = It's }\ntags = [\n  a,\n  \"b\" c,\n]\n[[indicators]]\nfirst_seen = 2024年1月2日\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		raw, ds := load.Read("f.toml", strings.NewReader(string(data)))
		inc, vds := validate.Incident(raw)
		ds = append(ds, vds...)
		for _, d := range ds {
			if d.File != "f.toml" || d.Line < 1 || d.Col < 1 || d.Message == "" {
				t.Fatalf("diagnostic without a place: %#v", d)
			}
			// A value said to want quotes gets them: the line to write
			// is TOML and holds the value as written.
			if v, w, ok := strings.Cut(strings.TrimPrefix(d.Message, "TOML syntax error: the value "), " is not quoted: a text is written between quotes; write "); ok {
				var m any
				if err := gotoml.Unmarshal([]byte(w), &m); err != nil {
					m = nil // an element
					if err := gotoml.Unmarshal([]byte("v = "+w), &m); err != nil {
						t.Fatalf("%s: the line to write is not TOML: %v", d, err)
					}
				}
				for t, ok := m.(map[string]any); ok && len(t) == 1; t, ok = m.(map[string]any) {
					for _, x := range t {
						m = x // down a dotted key
					}
				}
				if m != v {
					t.Fatalf("%s: the line to write holds %v", d, m)
				}
			}
			if s := d.String(); strings.ContainsAny(s, "\n\r") || zeroEntry.MatchString(quotedPart.ReplaceAllString(d.Key, "q")) {
				t.Fatalf("not one line, or an entry counted from 0: %q", s)
			}
		}
		if ds.HasErrors() {
			// Refused (load's errors, such as unknown keys, refuse the file
			// even when validate built an incident).
			if vds.HasErrors() && inc != nil {
				t.Fatalf("validate refused the file but gave an incident")
			}
			return
		}
		if inc == nil {
			t.Fatalf("accepted file gave no incident")
		}
		checkIncident(t, inc)
	})
}

// checkIncident checks the promises of model.Incident.
func checkIncident(t *testing.T, inc *model.Incident) {
	t.Helper()
	if inc.Format < 1 || inc.Format > validate.FormatVersion || !model.IsID(inc.ID) || inc.Date.IsZero() || len(inc.Languages) == 0 {
		t.Fatalf("bad incident head: %+v", inc)
	}
	// A format-2 summary is parsed, in every language it has; a format-1
	// one is not.
	for _, l := range inc.Summary.Langs {
		if (l.Doc == nil) != (inc.Format == 1) {
			t.Fatalf("format %d summary %s parsed: %v", inc.Format, l.Lang, l.Doc != nil)
		}
	}
	if inc.Summary.Plain != "" && (inc.Summary.Doc == nil) != (inc.Format == 1) {
		t.Fatalf("format %d summary parsed: %v", inc.Format, inc.Summary.Doc != nil)
	}
	if !inc.Updated.IsZero() && inc.Updated.Before(inc.Date) {
		t.Fatalf("updated before date")
	}
	if inc.Title.IsZero() || inc.Summary.IsZero() {
		t.Fatalf("no title or summary")
	}
	for _, in := range inc.Indicators {
		if indicator.Check(indicator.Type(in.Type), in.Value) != nil {
			t.Fatalf("indicator %s %q accepted", in.Type, in.Value)
		}
	}
	for _, v := range inc.Vulnerabilities {
		if v.Score < 0 || v.Score > 10 || v.Vector != "" && v.Severity == "" {
			t.Fatalf("vulnerability %+v", v)
		}
	}
	for _, f := range inc.Figures {
		if f.Picture == nil || !(f.Width > 0 && f.Width <= 1) {
			t.Fatalf("figure %+v", f)
		}
	}
	refs := map[string]bool{}
	for _, r := range inc.References {
		if !model.IsID(r.ID) || refs[r.ID] {
			t.Fatalf("bad reference id %q", r.ID)
		}
		refs[r.ID] = true
	}
	for _, tx := range validate.Texts(inc) {
		if tx.Pos.Line < 1 || tx.Key == "" {
			t.Fatalf("text without a source: %+v", tx)
		}
		vals := []string{tx.Plain}
		for _, l := range append(tx.Langs, tx.Other...) {
			vals = append(vals, l.Value)
		}
		for _, v := range vals {
			if !utf8.ValidString(v) || !norm.NFC.IsNormalString(v) {
				t.Fatalf("%s: text not NFC: %q", tx.Key, v)
			}
			for _, r := range v {
				if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f {
					t.Fatalf("%s: control character in %q", tx.Key, v)
				}
			}
			var cites []string
			if doc := tx.Blocks(v); doc != nil {
				// A format-2 text: its citations are what Markdown left
				// as text ([a](…) is a link, \[a] a bracket).
				cites = docRefs(doc)
			} else {
				for _, s := range model.Segments(v) {
					cites = append(cites, s.Ref)
				}
			}
			for _, ref := range cites {
				if ref != "" && !refs[ref] {
					t.Fatalf("%s: unresolved citation %q", tx.Key, ref)
				}
			}
		}
	}
	for _, r := range inc.Risks {
		if r.Likelihood < 1 || r.Likelihood > 5 || r.Impact < 1 || r.Impact > 5 {
			t.Fatalf("risk out of range: %+v", r)
		}
	}
	if p := inc.Procurement; p != nil {
		if p.Source != "" && !refs[p.Source] {
			t.Fatalf("unresolved procurement source")
		}
		for _, it := range p.Items {
			if it.Users < 1 || it.TermMonths < 1 || it.Ordered.IsZero() || it.Source.Pos.Line < 1 {
				t.Fatalf("bad row %+v", it)
			}
		}
	}
	urls := []string{}
	for _, r := range inc.Related {
		urls = append(urls, r.URL)
	}
	for _, r := range inc.References {
		urls = append(urls, r.URL)
	}
	for _, u := range urls {
		l := strings.ToLower(u)
		if u != "" && !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "mailto:") {
			t.Fatalf("URL %q accepted", u)
		}
		if u != "" && link.Check(u) != nil {
			t.Fatalf("URL %q accepted, but link.Check: %v", u, link.Check(u))
		}
	}
}

// docRefs returns the citations of a parsed text.
func docRefs(bs []model.Block) []string {
	var out []string
	for _, b := range bs {
		for _, in := range b.Inlines {
			out = append(out, in.Ref)
		}
		for _, it := range b.Items {
			out = append(out, docRefs(it.Blocks)...)
		}
		out = append(out, docRefs(b.Blocks)...)
		if t := b.Table; t != nil {
			for _, c := range t.Header {
				out = append(out, docRefs([]model.Block{{Inlines: c}})...)
			}
			for _, r := range t.Rows {
				for _, c := range r {
					out = append(out, docRefs([]model.Block{{Inlines: c}})...)
				}
			}
		}
	}
	return out
}
