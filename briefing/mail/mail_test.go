package mail_test

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"

	bmail "briefing/briefing/mail"
	"briefing/briefing/markdown"
	"briefing/briefing/model"
	"briefing/internal/testkit/fixture"
)

var opt = bmail.Options{From: "SOC <soc@example.org>", To: []string{"ciso@example.org"}}

func incident(title, summary string, tlp model.TLP) *model.Incident {
	return &model.Incident{
		ID: "x", Date: model.Date{Year: 2021, Month: 5, Day: 6}, TLP: tlp,
		Title:   model.Text{Langs: []model.LangText{{Lang: "ja", Value: title}, {Lang: "en", Value: "Title"}}},
		Summary: model.Text{Plain: summary},
	}
}

// read parses a message as a mail reader does: the decoded subject, the
// text and the attachments' decoded names and Content-Types.
func read(t testing.TB, data []byte) (subject, text string, names, types []string) {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if ct == "text/plain" {
			text = strings.ReplaceAll(string(b), "\r\n", "\n")
			continue
		}
		names, types = append(names, p.FileName()), append(types, ct)
	}
	return
}

// TestNames: attachment names that are not ASCII are written per RFC 2231
// and read back by mime/multipart; ASCII names are plain.
func TestNames(t *testing.T) {
	files := []bmail.Attachment{
		{Name: "kaseya-vsa-2021.ja.pdf", Lang: "ja", Data: []byte("%PDF-1.7 a")},
		{Name: "報告書 2021年.en.pdf", Lang: "en", Data: []byte("%PDF-1.7 b")},
	}
	m, err := bmail.Briefing(incident("表題", "概要", model.TLPGreen), files, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(m.Data, []byte("filename*=utf-8''%E5%A0%B1%E5%91%8A%E6%9B%B8%202021%E5%B9%B4.en.pdf")) {
		t.Errorf("no RFC 2231 filename*:\n%s", m.Data)
	}
	if !bytes.Contains(m.Data, []byte("Content-Disposition: attachment; filename=kaseya-vsa-2021.ja.pdf")) {
		t.Error("an ASCII name is not plain")
	}
	_, _, names, types := read(t, m.Data)
	if strings.Join(names, "|") != "kaseya-vsa-2021.ja.pdf|報告書 2021年.en.pdf" || strings.Join(types, "|") != "application/pdf|application/pdf" {
		t.Errorf("names %q types %q", names, types)
	}
}

// TestSubject: the label stays ASCII ahead of the RFC 2047 title, a long
// title is folded into lines of at most 78 characters, and a reader decodes
// the subject whole.
func TestSubject(t *testing.T) {
	title := strings.Repeat("サプライチェーン攻撃とゼロデイ脆弱性", 6)
	m, err := bmail.Briefing(incident(title, "s", model.TLPAmberStrict), []bmail.Attachment{{Name: "x.ja.pdf", Lang: "ja", Data: []byte("p")}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := bytes.Cut(m.Data, []byte("\r\n\r\n"))
	for _, l := range strings.Split(string(head), "\r\n") {
		if len(l) > 78 {
			t.Errorf("header line of %d characters: %q", len(l), l)
		}
	}
	if !bytes.Contains(head, []byte("Subject: [TLP:AMBER+STRICT]\r\n =?UTF-8?q?")) {
		t.Errorf("subject not labelled first:\n%s", head)
	}
	subject, text, _, _ := read(t, m.Data)
	if subject != "[TLP:AMBER+STRICT] "+title || m.Subject != subject {
		t.Errorf("subject %q", subject)
	}
	if !strings.HasPrefix(text, "TLP:AMBER+STRICT\n限定的な開示。受信者は、知る必要のある範囲で、自組織の中でのみ共有できます。\n") {
		t.Errorf("body:\n%s", text)
	}
}

// TestSame: the same input gives the same bytes; another recipient or
// other PDF content another Message-ID.
func TestSame(t *testing.T) {
	inc := fixture.Incident(t, "../../samples/kaseya-vsa-2021.toml")
	files := []bmail.Attachment{{Name: "a.ja.pdf", Lang: "ja", Data: []byte("1"), Content: "c1"}}
	a, _ := bmail.Briefing(inc, files, opt)
	b, _ := bmail.Briefing(inc, files, opt)
	if !bytes.Equal(a.Data, b.Data) {
		t.Fatal("two builds differ")
	}
	id := func(m *bmail.Message) string {
		x, _ := mail.ReadMessage(bytes.NewReader(m.Data))
		return x.Header.Get("Message-ID")
	}
	o2 := opt
	o2.To = []string{"other@example.org"}
	c, _ := bmail.Briefing(inc, files, o2)
	d, _ := bmail.Briefing(inc, []bmail.Attachment{{Name: "a.ja.pdf", Lang: "ja", Data: []byte("1"), Content: "c2"}}, opt)
	if id(a) == id(c) || id(a) == id(d) {
		t.Errorf("Message-ID %s does not change with the recipients or content", id(a))
	}
}

// TestAllows: every TLP 2.0 label has its sentence in both languages.
func TestAllows(t *testing.T) {
	for _, l := range model.TLPs {
		ja, en := bmail.Allows(l, "ja"), bmail.Allows(l, "en-GB")
		if ja == "" || en == "" || ja == en {
			t.Errorf("%s: %q %q", l, ja, en)
		}
	}
	if bmail.Allows(model.TLPRed, "en") != "For the eyes and ears of individual recipients only, no further disclosure." {
		t.Error("RED is not FIRST's sentence")
	}
}

// TestSummary: citations are numbered as the briefing numbers them,
// paragraphs kept.
func TestSummary(t *testing.T) {
	inc := incident("T", "First [ref1] line [a][b].\nSecond line.\n\nNext paragraph [x1].", model.TLPClear)
	inc.References = []model.Reference{{ID: "ref1"}, {ID: "a"}, {ID: "b"}, {ID: "x1"}}
	m, err := bmail.Briefing(inc, []bmail.Attachment{{Name: "x.en.pdf", Lang: "en", Data: []byte("p")}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	_, text, _, _ := read(t, m.Data)
	if !strings.Contains(text, "Summary\nFirst [1] line [2][3].\nSecond line.\n\nNext paragraph [4].\n") {
		t.Errorf("summary:\n%s", text)
	}
}

// TestErrors: a message over the budget, a bad address, no PDF.
func TestErrors(t *testing.T) {
	inc := incident("T", "S", model.TLPClear)
	big := []bmail.Attachment{{Name: "x.en.pdf", Lang: "en", Data: bytes.Repeat([]byte("x"), 3000)}}
	o := opt
	o.MaxSize = 2000
	if _, err := bmail.Briefing(inc, big, o); !errors.Is(err, bmail.ErrTooLarge) || !strings.Contains(err.Error(), "over the limit of 2,000 bytes") {
		t.Errorf("over the budget: %v", err)
	}
	o = opt
	o.To = []string{"not an address"}
	if _, err := bmail.Briefing(inc, big, o); err == nil || !strings.Contains(err.Error(), `recipient "not an address"`) {
		t.Errorf("bad address: %v", err)
	}
	if _, err := bmail.Briefing(inc, nil, opt); err == nil {
		t.Error("a message without PDF")
	}
}

// FuzzBriefing: any title and summary give a message that net/mail reads
// back with the same subject and the label first in the body; a draft's
// (one of every summary of odd length) has 【下書き】 after the label.
func FuzzBriefing(f *testing.F) {
	f.Add("Kaseya VSAを悪用した攻撃(2021.7)", "REvil [kaseya] は…\n\n次の段落")
	f.Add("A title in ASCII that is long enough to be folded by the writer of the header", "line\r\n.\r\nfrom")
	f.Add(strings.Repeat("長い題名", 40), "")
	f.Fuzz(func(t *testing.T, title, summary string) {
		// An ASCII title that looks like an RFC 2047 word is decoded by
		// readers: such a title is not the subject of this test.
		if strings.TrimSpace(title) == "" || !utf8Valid(title+summary) || strings.Contains(title, "=?") {
			return
		}
		inc := incident(title, summary, model.TLPRed)
		if len(summary)%2 == 1 {
			inc.Status = model.Draft
		}
		m, err := bmail.Briefing(inc, []bmail.Attachment{{Name: "x.ja.pdf", Lang: "ja", Data: []byte("%PDF")}}, opt)
		if err != nil {
			t.Fatal(err)
		}
		subject, text, names, _ := read(t, m.Data)
		if subject != m.Subject || !strings.HasPrefix(subject, "[TLP:RED] ") {
			t.Errorf("subject %q, want %q", subject, m.Subject)
		}
		if draft := strings.HasPrefix(subject, "[TLP:RED] 【下書き】"); draft != (inc.Status == model.Draft) {
			t.Errorf("subject %q of a draft: %v", subject, inc.Status == model.Draft)
		}
		if !strings.HasPrefix(text, "TLP:RED\n") || len(names) != 1 {
			t.Errorf("body %q names %q", text, names)
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// TestMarkdown: a format-2 summary is plain text in the message: no
// markup, a link's URL after its text, lists, quotes and code kept
// readable, the autolinks of IDs left as text, citations numbered.
func TestMarkdown(t *testing.T) {
	inc := fixture.Incident(t, "testdata/markdown.toml")
	m, err := bmail.Briefing(inc, []bmail.Attachment{{Name: "md.en.pdf", Lang: "en", Data: []byte("p")}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	_, text, _, _ := read(t, m.Data)
	want := "Summary\nBold and emphasis with a link <https://example.org/a> and CVE-2021-30116 [1].\n\n- first item\n- second item\n\n1. one\n2. two\n\n> quoted\n\n    code line\n"
	if !strings.Contains(text, want) {
		t.Errorf("summary:\n%s\nwant\n%s", text, want)
	}
}

// BenchmarkSeed: the message of the seed briefing with its two PDFs.
func BenchmarkSeed(b *testing.B) {
	inc := fixture.Incident(b, fixture.Seed)
	files := []bmail.Attachment{
		{Name: "pla-61419-antivirus.ja.pdf", Lang: "ja", Data: bytes.Repeat([]byte{0x8f}, 107869)},
		{Name: "pla-61419-antivirus.en.pdf", Lang: "en", Data: bytes.Repeat([]byte{0x8f}, 31865)},
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bmail.Briefing(inc, files, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMarkdownPlain: each Markdown construct's plain-text form in the
// body. A link is its text once, styles dropped, then its URL once; a
// soft break inside it is joined as the briefing joins it (nothing between
// CJK characters, a space otherwise); citations are numbered as the
// briefing numbers them.
func TestMarkdownPlain(t *testing.T) {
	for _, c := range []struct{ lang, src, want string }{
		{"en", "See [the **vendor** advisory](https://example.com/a) now.", "See the vendor advisory <https://example.com/a> now."},
		{"en", "See [*the*\nvendor ~~advisory~~](https://example.com/a).", "See the vendor advisory <https://example.com/a>."},
		{"ja", "[リンク\nテキスト](https://example.com/a)を参照。", "リンクテキスト <https://example.com/a>を参照。"},
		{"ja", "一行目の文\n二行目の文", "一行目の文二行目の文"},
		{"en", "one line\nand the next", "one line and the next"},
		{"en", "a [x](https://example.com/x) and [y](https://example.com/y).", "a x <https://example.com/x> and y <https://example.com/y>."},
		{"en", "<https://example.com/p> and <soc@example.org>", "https://example.com/p and soc@example.org"},
		{"en", "[write](mailto:soc@example.org)", "write <mailto:soc@example.org>"},
		{"en", "CVE-2021-30116 and T1059.001", "CVE-2021-30116 and T1059.001"},
		{"en", "[CVE-2021-30116](https://example.com/cve)", "CVE-2021-30116 <https://example.com/cve>"},
		{"en", "As reported [r1], twice [r2].", "As reported [1], twice [2]."},
		{"ja", "報告された [r2]。", "報告された（文献2）。"},
		{"en", "first  \nsecond\\\nthird", "first\nsecond\nthird"},
		{"en", "*e* **s** ~~x~~ `a  *b*`", "e s x a  *b*"},
		{"en", "- a\n  - b\n    - c\n- d", "- a\n  - b\n    - c\n- d"},
		{"en", "3. x\n4. y\n\n   more of y\n5. z", "3. x\n4. y\n\n   more of y\n5. z"},
		{"en", "```\nx := *p\n  [y](z)\n```", "    x := *p\n      [y](z)"},
		{"en", "| a | **b** |\n|---|---|\n| 1 | [2](https://example.com/2) |", "a | b\n1 | 2 <https://example.com/2>"},
		{"en", "> q1\n>\n> q2\n>\n> - i", "> q1\n>\n> q2\n>\n> - i"},
	} {
		inc := incident("T", "", model.TLPClear)
		inc.Summary = model.Text{Plain: c.src, Doc: markdown.Parse(c.src).Blocks}
		inc.References = []model.Reference{{ID: "r1"}, {ID: "r2"}}
		m, err := bmail.Briefing(inc, []bmail.Attachment{{Name: "x." + c.lang + ".pdf", Lang: c.lang, Data: []byte("p")}}, opt)
		if err != nil {
			t.Fatal(err)
		}
		_, text, _, _ := read(t, m.Data)
		_, after, _ := strings.Cut(text, "\n\n"+map[string]string{"en": "Summary", "ja": "概要"}[c.lang]+"\n")
		got, _, _ := strings.Cut(after, "\n\n"+map[string]string{"en": "Attachments", "ja": "添付ファイル"}[c.lang])
		if got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.src, got, c.want)
		}
	}
}

// TestSubjectCitations: a citation in the title reads in the subject and
// the text as the briefing shows it, never as its id.
func TestSubjectCitations(t *testing.T) {
	inc := incident("侵害 [r1]", "s", model.TLPClear)
	inc.Title.Langs[1].Value = "Breach [r1]"
	inc.References = []model.Reference{{ID: "r1"}}
	for _, c := range []struct{ lang, want string }{{"ja", "侵害（文献1）"}, {"en", "Breach [1]"}} {
		m, err := bmail.Briefing(inc, []bmail.Attachment{{Name: "x." + c.lang + ".pdf", Lang: c.lang, Data: []byte("p")}}, opt)
		if err != nil {
			t.Fatal(err)
		}
		subject, text, _, _ := read(t, m.Data)
		if subject != "[TLP:CLEAR] "+c.want || !strings.Contains(text, c.want+"\n") || strings.Contains(subject+text, "[r1]") {
			t.Errorf("%s: subject %q, text:\n%s", c.lang, subject, text)
		}
	}
}

// TestTitleLines: a format-2 title written over several lines is joined
// as texts are, in the subject and the body: nothing between two Japanese
// characters (改行の結合, not 改行の 結合), a space otherwise; a format-1
// title as format 1 joins its title block's lines: nothing in Japanese, a
// space in English.
func TestTitleLines(t *testing.T) {
	for _, c := range []struct {
		format    int
		ja, en    string
		subject   string
		inTheBody []string
		notInBody string
	}{
		{2, "改行の\n結合とVPN\n装置", "Line one\nline two", "[TLP:AMBER] 改行の結合とVPN 装置", []string{"改行の結合とVPN 装置\n", "Line one line two\n"}, "改行の 結合"},
		{1, "改行の\n結合", "Line one\nline two", "[TLP:AMBER] 改行の結合", []string{"改行の結合\n", "Line one line two\n"}, "改行の 結合"},
	} {
		inc := incident(c.ja, "s", model.TLPAmber)
		inc.Format = c.format
		inc.Title.Langs[1].Value = c.en
		m, err := bmail.Briefing(inc, []bmail.Attachment{{Name: "x.ja.pdf", Lang: "ja", Data: []byte("p")}, {Name: "x.en.pdf", Lang: "en", Data: []byte("p")}}, opt)
		if err != nil {
			t.Fatal(err)
		}
		subject, text, _, _ := read(t, m.Data)
		if subject != c.subject {
			t.Errorf("format %d: subject %q, want %q", c.format, subject, c.subject)
		}
		for _, s := range c.inTheBody {
			if !strings.Contains(text, s) {
				t.Errorf("format %d: body lacks %q:\n%s", c.format, s, text)
			}
		}
		if strings.Contains(text, c.notInBody) {
			t.Errorf("format %d: body has %q:\n%s", c.format, c.notInBody, text)
		}
	}
}

// TestTaskList: a task list's items keep GFM's checkboxes in the
// message's text, [x] for done and [ ] for open.
func TestTaskList(t *testing.T) {
	inc := fixture.Incident(t, "testdata/tasks.toml")
	m, err := bmail.Briefing(inc, []bmail.Attachment{{Name: "tasks.ja.pdf", Lang: "ja", Data: []byte("p")}, {Name: "tasks.en.pdf", Lang: "en", Data: []byte("p")}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	_, text, _, _ := read(t, m.Data)
	for _, w := range []string{"- [x] Isolate the hosts\n- [ ] Change the passwords", "- [x] 端末の隔離\n- [ ] パスワードの変更\n- [x] 経営層への報告\n- [済] 隔離", "1. [x] 初動対応\n2. [ ] 再発防止策"} {
		if !strings.Contains(text, w) {
			t.Errorf("the message lacks %q:\n%s", w, text)
		}
	}
}

// TestTabsInCode: a code block's tabs reach the message's text as the
// spaces up to the next tab stop, the columns of a log aligned as in the
// PDF; a tab in prose is a space.
func TestTabsInCode(t *testing.T) {
	inc := fixture.Incident(t, "testdata/tabs.toml")
	m, err := bmail.Briefing(inc, []bmail.Attachment{{Name: "tabs.en.pdf", Lang: "en", Data: []byte("p")}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	_, text, _, _ := read(t, m.Data)
	want := "    host    user    event\n    fs-01   root    login\n    ファイルサーバ  管理者  ログイン\n\nprose with a tab"
	if !strings.Contains(text, want) {
		t.Errorf("the message lacks\n%s\nin:\n%s", want, text)
	}
}
