// Package diag holds the messages briefing gives about an incident file:
// errors and warnings that name the file, line, column and key, printed one
// a line as "file:line:col: key: message".
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity tells an error from a warning.
type Severity int

// Severities.
const (
	Error Severity = iota
	Warning
)

// Diagnostic is one message about a place in an incident file. Col is 0
// where the column is not known; Key is the key path, e.g.
// "procurement.items[3].users".
type Diagnostic struct {
	Severity Severity
	File     string
	Line     int
	Col      int
	Key      string
	Message  string
}

// Whole is an error about file as a whole (not writable, not mailed, not
// encrypted): placed at line 1, column 1, without a key, so that every
// message has the same shape in the text and the JSON report.
func Whole(file, message string) Diagnostic {
	return Diagnostic{Severity: Error, File: file, Line: 1, Col: 1, Message: message}
}

// String formats d as "file:line:col: key: message" on one line, leaving
// out the column when unknown and the key when empty, and prefixing
// "warning: " to warnings' messages. Line breaks in the message become
// spaces, and other control characters and the bidirectional controls in
// the key or message are written as \uXXXX escapes, so that one message is
// always one line, read in the order it is written.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(oneLine(d.File))
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Key != "" {
		b.WriteString(oneLine(d.Key))
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(oneLine(d.Message))
	return b.String()
}

// oneLine folds line breaks into spaces and escapes other control
// characters and the bidirectional controls.
func oneLine(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u2028' || r == '\u2029' || bidi(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\u2028", " ", "\u2029", " ").Replace(s)
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 || bidi(r) {
			fmt.Fprintf(&b, "\\u%04X", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// bidi reports whether r is one of the Unicode bidirectional controls
// (UAX #9: the marks, embeddings, overrides and isolates), which make a
// terminal or log viewer show the rest of a line reordered: a value
// quoting "invoice\u202Efdp.exe" would turn the message after it around
// (the "Trojan Source" trick, CVE-2021-42574).
func bidi(r rune) bool {
	return r == '\u061C' || r == '\u200E' || r == '\u200F' || r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069'
}

// List is the messages about one or more files. As an error it stands for
// all of its errors.
type List []Diagnostic

// Error joins the messages one a line.
func (l List) Error() string {
	s := make([]string, len(l))
	for i, d := range l {
		s[i] = d.String()
	}
	return strings.Join(s, "\n")
}

// HasErrors reports whether any message of l is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders l by file, line, column and key.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Key < b.Key
	})
}

// Dedupe sorts l and drops repeated messages, so that a problem two
// languages of a briefing meet (a character neither can draw) is printed
// once. It reuses l's array.
func (l List) Dedupe() List {
	l.Sort()
	out := l[:0]
	seen := map[Diagnostic]bool{}
	for _, d := range l {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}
