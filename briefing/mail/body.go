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
	b.line(titleOf(inc, lang))
	b.line("")
	b.line(word(w, lang, "as_of") + sep(lang) + loc.Date(inc.Date))
	if !inc.Updated.IsZero() {
		b.line(word(w, lang, "updated") + sep(lang) + loc.Date(inc.Updated))
	}
	if inc.Severity != "" {
		b.line(word(w, lang, "severity") + sep(lang) + word(w, lang, "severity_"+string(inc.Severity)))
	}
	sum, _ := inc.Summary.In(lang)
	var ps []string
	if blocks := inc.Summary.Blocks(sum); blocks != nil {
		ps = plainBlocks(blocks, "", citations(inc, lang))
	} else {
		ps = plain(sum, func(l string) string { return compose.Cited(inc, lang, l) })
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

// plain is a format-1 text as plain paragraphs: each line passed through
// show (the citations as the briefing shows them, [compose.Cited]), the
// lines of a paragraph kept, blank lines between paragraphs.
func plain(s string, show func(line string) string) []string {
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		var lines []string
		for _, l := range strings.Split(para, "\n") {
			if t := strings.TrimSpace(show(l)); t != "" {
				lines = append(lines, t)
			}
		}
		if len(lines) > 0 {
			out = append(out, strings.Join(lines, "\n"))
		}
	}
	return out
}

// citer is a citation as the briefing of a language shows it: （文献1） /
// [1] for the first of the incident's references, the text as written
// (ref) for an id that names none.
type citer func(ref, text string) string

// citations returns the citer of inc's references in lang.
func citations(inc *model.Incident, lang string) citer {
	loc := localize.New(lang)
	refs := make(map[string]int, len(inc.References))
	for i, r := range inc.References {
		refs[r.ID] = i + 1
	}
	return func(ref, text string) string {
		if n, ok := refs[ref]; ok {
			return loc.Citation(n)
		}
		return text
	}
}

// cited is text followed by the citation c: a full-width （文献1） takes
// the place of the space before it.
func cited(text, c string) string {
	if strings.HasPrefix(c, "（") {
		text = strings.TrimRight(text, " ")
	}
	return text + c
}

// plainBlocks is a format-2 text's blocks as plain-text paragraphs, each line
// starting with indent: the text of each inline (see [inlines]), lists as
// "- " or "1. " items with nested blocks under the item's text (a task
// item's checkbox after it, "- [x] "), code
// indented by four spaces and otherwise as written, quotes after "> ",
// table rows with their cells between " | ".
func plainBlocks(blocks []model.Block, indent string, cite citer) []string {
	var out []string
	for _, b := range blocks {
		switch b.Kind {
		case model.Para:
			out = append(out, indent+strings.ReplaceAll(inlines(b.Inlines, cite), "\n", "\n"+indent))
		case model.List:
			var items []string
			for i, it := range b.Items {
				mark := "- "
				if b.Ordered {
					mark = strconv.Itoa(b.Start+i) + ". "
				}
				switch it.Task { // as GFM writes task list items
				case model.TaskOpen:
					mark += "[ ] "
				case model.TaskDone:
					mark += "[x] "
				}
				var text strings.Builder
				for k, p := range plainBlocks(it.Blocks, "", cite) {
					switch {
					case k == 0:
					case it.Blocks[k].Kind == model.List:
						text.WriteString("\n")
					default:
						text.WriteString("\n\n")
					}
					text.WriteString(p)
				}
				lines := strings.Split(text.String(), "\n")
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
			inner := strings.Join(plainBlocks(b.Blocks, "", cite), "\n\n")
			lines := strings.Split(inner, "\n")
			for j, l := range lines {
				lines[j] = strings.TrimRight(indent+"> "+l, " ")
			}
			out = append(out, strings.Join(lines, "\n"))
		case model.Grid:
			if b.Table == nil {
				continue
			}
			var rows []string
			for _, r := range append([][][]model.Inline{b.Table.Header}, b.Table.Rows...) {
				var cells []string
				for _, c := range r {
					cells = append(cells, strings.ReplaceAll(inlines(c, cite), "\n", " "))
				}
				rows = append(rows, indent+strings.Join(cells, " | "))
			}
			out = append(out, strings.Join(rows, "\n"))
		}
	}
	return out
}

// inlines is a run of inlines as plain text: styles dropped, code spans as
// written, hard breaks as "\n", citations as the briefing shows them, and a
// link as its text once, then its URL once in angle brackets unless the
// text is the URL (an autolink) or an ID that links itself, such as
// CVE-2023-4966. A link's text arrives in pieces (one a style, and the
// joiner of a soft break between them, which the parser already made ""
// between CJK characters and " " otherwise): the pieces with one URL, and
// the spaces between them, are one link.
func inlines(in []model.Inline, cite citer) string {
	var s strings.Builder
	for i := 0; i < len(in); i++ {
		x := in[i]
		switch {
		case x.Break:
			s.WriteString("\n")
		case x.Ref != "":
			t := cited(s.String(), cite(x.Ref, x.Text))
			s.Reset()
			s.WriteString(t)
		case x.URL != "":
			var text strings.Builder
			text.WriteString(x.Text)
			for j := i + 1; j < len(in); j++ {
				if y := in[j]; y.URL == x.URL && y.Ref == "" && !y.Break {
					text.WriteString(y.Text)
					i = j
				} else if y.URL != "" || y.Ref != "" || y.Break || strings.TrimSpace(y.Text) != "" {
					break
				} else if j+1 < len(in) && in[j+1].URL == x.URL && in[j+1].Ref == "" && !in[j+1].Break {
					text.WriteString(y.Text)
				} else {
					break
				}
			}
			t := strings.TrimSpace(text.String())
			lead := text.String()[:len(text.String())-len(strings.TrimLeft(text.String(), " "))]
			s.WriteString(lead + t)
			if t != x.URL && x.URL != markdown.IDURL(t) && "mailto:"+t != x.URL && t != "" {
				s.WriteString(" <" + x.URL + ">")
			}
			if trail := len(strings.TrimRight(text.String(), " ")); trail < len(text.String()) && t != "" {
				s.WriteString(text.String()[trail:])
			}
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
