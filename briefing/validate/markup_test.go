package validate

import (
	"strings"
	"testing"

	"briefing/briefing/diag"
	"briefing/briefing/model"
)

const head2 = "format = 2\nid = \"t\"\ndate = 2021-05-06\ntitle = \"T\"\n"

// TestMarkupErrors has one case per kind of markup a briefing cannot show,
// and per link and citation rule, in every kind of TOML string: the file is
// refused with one error at the line and column of the character that
// starts the markup (the character marked by "⟦" in the case, which is
// removed before the file is read).
func TestMarkupErrors(t *testing.T) {
	tests := []struct {
		name, src, key, msg string
	}{
		{"heading in a multi-line basic string", head2 + "summary = \"\"\"\nfirst paragraph\n\n⟦## Heading\nmore\"\"\"\n", "summary", "headings come from the template"},
		{"setext heading", head2 + "summary = \"\"\"\n⟦Heading\n-------\"\"\"\n", "summary", "headings come from the template"},
		{"raw HTML inline", head2 + "summary = \"\"\"\nline one\nsee ⟦<b>this</b>\"\"\"\n", "summary", "raw HTML"},
		{"raw HTML block", head2 + "summary.ja = \"\"\"\n概要。\n\n⟦<div>\nx\n</div>\"\"\"\n", "summary.ja", "raw HTML"},
		{"picture", head2 + "summary.en = '''\nOne.\nTwo ⟦![chart](chart.png).'''\n", "summary.en", "use [[figures]]"},
		{"link reference definition", head2 + "summary = \"\"\"\nSee [advisory].\n\n⟦[advisory]: https://example.com/\"\"\"\n", "summary", "link reference definition, not a citation"},
		{"javascript link after escapes", head2 + "summary = \"a\\tb \\u3042 ⟦[click](javascript:alert(1))\"\n", "summary", "is not allowed"},
		{"file autolink", head2 + "summary = \"\"\"\nx\n  y ⟦<file:///etc/passwd>\"\"\"\n", "summary", "is not allowed"},
		{"bare ftp URL", head2 + "summary = \"s\"\n[[related]]\ntext = \"\"\"\nmirror:\n⟦ftp://example.com/x\"\"\"\n", "related[1].text", "is not allowed"},
		{"unknown citation on line 3 of a text", head2 + "summary = \"\"\"\none\ntwo\nthree ⟦[r2] end\"\"\"\n" + ref, "summary", "cites [r2]"},
		{"thematic break", head2 + "summary = \"s\"\nimpact = \"\"\"\na\n\n⟦***\n\nb\"\"\"\n", "impact", "horizontal rule"},
		{"nested too deep", head2 + "summary = \"\"\"\n" + strings.Repeat(">", 8) + "⟦> deep\"\"\"\n", "summary", "nested more than 8 deep"},
		{"heading in a timeline entry", head2 + "summary = \"s\"\n[[timeline]]\ntext.ja = \"\"\"\n経緯\n\n⟦# 見出し\"\"\"\n", "timeline[1].text.ja", "headings come from the template"},
		{"countermeasure with CR LF", head2 + "summary = \"s\"\n[[countermeasures]]\nterm = \"short\"\ntext = \"\"\"\r\nOne\r\n\r\n⟦<img src=x>\"\"\"\r\n", "countermeasures[1].text", "raw HTML"},
		{"table row longer than its header", head2 + "summary = \"\"\"\n| host | files |\n|---|--:|\n| fs-01 | 12 |⟦ lost |\"\"\"\n", "summary", "more cells than the table's header"},
		{"summary only a quote marker", head2 + "summary = ⟦\">\"\n", "summary", "is empty (it has no text to show); every incident needs a summary"},
		{"summary only a fence", head2 + "summary = ⟦\"```\"\n", "summary", "is empty"},
		{"summary only a no-break space", head2 + "summary = ⟦\"&nbsp;\"\n", "summary", "is empty"},
		{"summary only an empty list item", head2 + "summary = ⟦'''\n- \n'''\n", "summary", "is empty"},
		{"summary only empty items and quotes", head2 + "summary = ⟦'''\n1. >\n2.\n'''\n", "summary", "is empty"},
		{"summary only an empty table", head2 + "summary = ⟦'''\n| |\n|-|\n| |\n'''\n", "summary", "is empty"},
		{"language text only markup", head2 + "summary.ja = \"概要\"\nsummary.en = ⟦\">\"\n", "summary.en", "is empty (it has no text to show); leave the language out"},
		{"countermeasure text only markup", head2 + "summary = \"s\"\n[[countermeasures]]\nterm = \"short\"\ntext = ⟦\"- \"\n", "countermeasures[1].text", "every countermeasure needs a text"},
		{"bare ftp URL after Japanese", head2 + "summary = \"\"\"\n一行目\n詳細は⟦ftp://example.com/xを参照\"\"\"\n", "summary", "is not allowed"},
		{"decomposed characters before", head2 + "summary = \"\"\"\nCafe\u0301 cafe\u0301 ⟦<i>x</i>\"\"\"\n", "summary", "raw HTML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			line, col := 0, 0
			for i, l := range strings.Split(tt.src, "\n") {
				if k := strings.Index(l, "⟦"); k >= 0 {
					line, col = i+1, len([]rune(l[:k]))+1
				}
			}
			src := strings.Replace(tt.src, "⟦", "", 1)
			inc, ds := check(t, src)
			if inc != nil {
				t.Errorf("the file was accepted")
			}
			var errs diag.List
			for _, d := range ds {
				if d.Severity == diag.Error {
					errs = append(errs, d)
				}
			}
			if len(errs) != 1 {
				t.Fatalf("want 1 error, got %d:\n%v", len(errs), errs)
			}
			d := errs[0]
			if d.Line != line || d.Col != col || d.Key != tt.key || !strings.Contains(d.Message, tt.msg) {
				t.Errorf("got  %s\nwant case.toml:%d:%d: %s: …%s…", d, line, col, tt.key, tt.msg)
			}
		})
	}
}

// TestMarkupAccepted checks texts a briefing can show: format 1 keeps
// reading a text as it always did, and in format 2 escapes, code and
// citations work as documented.
func TestMarkupAccepted(t *testing.T) {
	for _, tt := range []struct{ name, src string }{
		{"format 1 ignores markup", "format = 1\nid = \"t\"\ndate = 2021-05-06\ntitle = \"T\"\nsummary = \"# not a heading <b> ![x ](y)\"\n"},
		{"escaped bracket is no citation", head2 + "summary = 'a \\[r9] b'\n"},
		{"citation inside code is no citation", head2 + "summary = 'run `grep [r9] x`'\n"},
		{"citation", head2 + "summary = '**see** [r1]'\n" + ref},
		{"links", head2 + "summary = '[a](https://example.com/) <mailto:soc@example.com> https://example.org/x soc@example.com'\n"},
		{"title keeps markup characters", strings.Replace(head2, "title = \"T\"", "title = \"# <b>\"", 1) + "summary = \"s\"\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			inc, ds := check(t, tt.src)
			if inc == nil {
				t.Fatalf("refused: %v", ds)
			}
		})
	}
}

// TestGluedLines is the case of the format's docs: in format 2 a soft line
// break keeps two IP addresses and two words apart, and joins Japanese.
func TestGluedLines(t *testing.T) {
	src := head2 + "summary = \"\"\"\n通信先:\n203.0.113.10\n198.51.100.7\n検知製品は Microsoft\nDefender である。\n検知\nした。\"\"\"\n"
	inc, ds := check(t, src)
	if inc == nil {
		t.Fatal(ds)
	}
	doc := inc.Summary.Doc
	if len(doc) != 1 || doc[0].Kind != model.Para {
		t.Fatalf("doc %+v", doc)
	}
	var b strings.Builder
	for _, in := range doc[0].Inlines {
		b.WriteString(in.Text)
	}
	if got, want := b.String(), "通信先: 203.0.113.10 198.51.100.7 検知製品は Microsoft Defender である。検知した。"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
