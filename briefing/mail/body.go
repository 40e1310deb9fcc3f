package mail

import (
	"strconv"
	"strings"

	"briefing/briefing/compose"
	"briefing/briefing/localize"
	"briefing/briefing/markdown"
	"briefing/briefing/model"
)

// body is the plain text of a message, built line by line.
type body struct{ strings.Builder }

func (b *body) line(s string) {
	b.WriteString(s)
	b.WriteString("\n")
}

// label writes the TLP label and what it allows in each language: the
// first lines of every message.
func (b *body) label(t model.TLP, langs []string) {
	b.line("TLP:" + string(tlpOf(t)))
	seen := map[bool]bool{}
	for _, l := range langs {
		if !seen[isJa(l)] {
			seen[isJa(l)] = true
			b.line(Allows(tlpOf(t), l))
		}
	}
	b.line("")
}

// rule separates the languages of a message.
func (b *body) rule() {
	b.line("")
	b.line(strings.Repeat("-", 40))
	b.line("")
}

// incident writes an incident's title, dates, severity and summary in
// lang.
func (b *body) incident(inc *model.Incident, lang string, w compose.Words) {
	loc := localize.New(lang)
	title, _ := inc.Title.In(lang)
	b.line(oneLine(title))
	b.line("")
	b.line(word(w, lang, "as_of") + sep(lang) + loc.Date(inc.Date))
	if !inc.Updated.IsZero() {
		b.line(word(w, lang, "updated") + sep(lang) + loc.Date(inc.Updated))
	}
	if inc.Severity != "" {
		b.line(word(w, lang, "severity") + sep(lang) + word(w, lang, "severity_"+string(inc.Severity)))
	}
	sum, _ := inc.Summary.In(lang)
	ps := plain(sum)
	if blocks := inc.Summary.Blocks(sum); blocks != nil {
		ps = plainBlocks(blocks, "")
	}
	if len(ps) > 0 {
		b.line("")
		b.line(heading(w, lang, "summary"))
		for i, p := range ps {
			if i > 0 {
				b.line("")
			}
			b.line(p)
		}
	}
}

// attachments writes the names and sizes of the attachments, and that the
// password is sent separately when one is encrypted.
func (b *body) attachments(files []Attachment, lang string) {
	ja := isJa(lang)
	b.line("")
	if ja {
		b.line("添付ファイル")
	} else {
		b.line("Attachments")
	}
	encrypted := false
	for _, f := range files {
		size := thousands(len(f.Data)) + " bytes"
		if ja {
			size = thousands(len(f.Data)) + " バイト"
		}
		b.line("  " + f.Name + " (" + size + ")")
		encrypted = encrypted || f.Encrypted
	}
	if encrypted {
		b.line("")
		if ja {
			b.line("添付のPDFはパスワードで保護されています。パスワードは別の経路でお送りします。")
		} else {
			b.line("The PDFs are protected with a password, which is sent to you separately.")
		}
	}
}

// plain is a text as plain paragraphs: citations ([ref]) left out, the
// lines of a paragraph kept, blank lines between paragraphs.
func plain(s string) []string {
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		var lines []string
		for _, l := range strings.Split(para, "\n") {
			t := ""
			for _, seg := range model.Segments(l) {
				if seg.Ref == "" {
					t += seg.Text
				} else {
					t = strings.TrimRight(t, " ")
				}
			}
			if t = strings.TrimSpace(t); t != "" {
				lines = append(lines, t)
			}
		}
		if len(lines) > 0 {
			out = append(out, strings.Join(lines, "\n"))
		}
	}
	return out
}

// plainBlocks is a format-2 text's blocks as plain-text paragraphs, each line
// starting with indent: the text of each inline (citations left out, a
// link's URL after its text in angle brackets unless the text is the URL
// or an ID that links itself, such as CVE-2023-4966), lists as
// "- " or "1. " items, code indented by four spaces, quotes after "> ",
// table rows with their cells between " | ".
func plainBlocks(blocks []model.Block, indent string) []string {
	var out []string
	for _, b := range blocks {
		switch b.Kind {
		case model.Para:
			out = append(out, indent+strings.ReplaceAll(inlines(b.Inlines), "\n", "\n"+indent))
		case model.List:
			var items []string
			for i, it := range b.Items {
				mark := "- "
				if b.Ordered {
					mark = strconv.Itoa(b.Start+i) + ". "
				}
				lines := strings.Split(strings.Join(plainBlocks(it.Blocks, ""), "\n"), "\n")
				for j, l := range lines {
					if j == 0 {
						lines[j] = indent + mark + l
					} else if l != "" {
						lines[j] = indent + strings.Repeat(" ", len(mark)) + l
					}
				}
				items = append(items, strings.Join(lines, "\n"))
			}
			out = append(out, strings.Join(items, "\n"))
		case model.Code:
			out = append(out, indent+"    "+strings.ReplaceAll(strings.TrimRight(b.Code, "\n"), "\n", "\n"+indent+"    "))
		case model.Quote:
			out = append(out, plainBlocks(b.Blocks, indent+"> ")...)
		case model.Grid:
			if b.Table == nil {
				continue
			}
			var rows []string
			for _, r := range append([][][]model.Inline{b.Table.Header}, b.Table.Rows...) {
				var cells []string
				for _, c := range r {
					cells = append(cells, inlines(c))
				}
				rows = append(rows, indent+strings.Join(cells, " | "))
			}
			out = append(out, strings.Join(rows, "\n"))
		}
	}
	return out
}

// inlines is a run of inlines as plain text.
func inlines(in []model.Inline) string {
	var s strings.Builder
	for _, x := range in {
		switch {
		case x.Break:
			s.WriteString("\n")
		case x.Ref != "":
			t := strings.TrimRight(s.String(), " ")
			s.Reset()
			s.WriteString(t)
		case x.URL != "" && x.URL != x.Text && x.URL != markdown.IDURL(x.Text) && !strings.HasPrefix(x.URL, "mailto:"):
			s.WriteString(x.Text + " <" + x.URL + ">")
		default:
			s.WriteString(x.Text)
		}
	}
	return strings.TrimSpace(s.String())
}

// builtin are the words a message uses when the template has none, {ja,
// en}; the keys are those of the template's [words.LANG] and
// [headings.LANG].
var builtin = map[string][2]string{
	"as_of":             {"作成日", "As of"},
	"updated":           {"更新日", "Updated"},
	"severity":          {"重要度", "Severity"},
	"severity_info":     {"情報", "Info"},
	"severity_low":      {"低", "Low"},
	"severity_medium":   {"中", "Medium"},
	"severity_high":     {"高", "High"},
	"severity_critical": {"緊急", "Critical"},
	"summary":           {"概要", "Summary"},
	"digest_period":     {"対象期間", "Period"},
	"digest_count":      {"収録件数", "Incidents"},
	"digest_incidents":  {"収録インシデント", "Incidents in this digest"},
	"digest_none":       {"この期間に該当するインシデントはありません。", "There were no incidents in this period."},
}

// word is the template's word key in lang, else the built-in one.
func word(w compose.Words, lang, key string) string {
	if w != nil {
		if s := w.Word(lang, key); s != "" && s != key {
			return s
		}
	}
	return fallback(lang, key)
}

// heading is the template's section heading key in lang, else the
// built-in one.
func heading(w compose.Words, lang, key string) string {
	if w != nil {
		if s := w.Heading(lang, key); s != "" && s != key {
			return s
		}
	}
	return fallback(lang, key)
}

func fallback(lang, key string) string {
	b, ok := builtin[key]
	if !ok {
		return key
	}
	if isJa(lang) {
		return b[0]
	}
	return b[1]
}

// sep separates a label from its value: "作成日：" / "As of: ".
func sep(lang string) string {
	if isJa(lang) {
		return "："
	}
	return ": "
}

// isJa reports whether lang is Japanese or a variant of it.
func isJa(lang string) bool { return lang == "ja" || strings.HasPrefix(lang, "ja-") }

// thousands writes n with a comma every three digits: 93,093.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
