package batch

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"briefing/briefing/diag"
	"briefing/briefing/marking"
)

// Summary counts what a run did: Failed counts the files not done
// (refused, failed or interrupted), Interrupted those of them that a
// signal stopped before they were done, Outside a digest's files whose
// dates lie outside its period (read only for them).
type Summary struct {
	Files       int     `json:"files"`
	Written     int     `json:"written"`
	Failed      int     `json:"failed"`
	Interrupted int     `json:"interrupted"`
	Outside     int     `json:"outside_period,omitempty"`
	Seconds     float64 `json:"seconds"`
}

// Summarize counts the results of a run that took elapsed.
func Summarize(results []Result, elapsed time.Duration) Summary {
	s := Summary{Files: len(results), Seconds: elapsed.Seconds()}
	for _, r := range results {
		s.Written += len(r.Outputs)
		if r.Failed() {
			s.Failed++
		}
		if r.Interrupted {
			s.Interrupted++
		}
		if r.Outside {
			s.Outside++
		}
	}
	return s
}

// Line is the summary as the one line a run ends with, e.g.
// "briefing: 12 files, 24 briefings written, 1 failed, 0.41 s".
func (s Summary) Line() string {
	stopped := ""
	if s.Interrupted > 0 {
		stopped = fmt.Sprintf(" (%d interrupted)", s.Interrupted)
	}
	return fmt.Sprintf("briefing: %d %s, %d %s written, %d failed%s, %.2f s",
		s.Files, plural(s.Files, "file", "files"),
		s.Written, plural(s.Written, "briefing", "briefings"),
		s.Failed, stopped, s.Seconds)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// jsonDiagnostic is a diagnostic as the JSON report holds it.
type jsonDiagnostic struct {
	Severity string `json:"severity"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Key      string `json:"key"`
	Message  string `json:"message"`
}

type jsonFile struct {
	File        string           `json:"file"`
	OK          bool             `json:"ok"`
	Interrupted bool             `json:"interrupted,omitempty"`
	Outside     bool             `json:"outside_period,omitempty"`
	Period      *Period          `json:"period,omitempty"`
	TLP         string           `json:"tlp,omitempty"`
	TLPUnread   bool             `json:"tlp_unread,omitempty"`
	PDFs        []Output         `json:"pdfs"`
	Messages    []Message        `json:"messages,omitempty"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

type jsonReport struct {
	Files   []jsonFile `json:"files"`
	Summary Summary    `json:"summary"`
	Error   *jsonError `json:"error,omitempty"`
}

type jsonError struct {
	Status      int              `json:"status"`
	Message     string           `json:"message"`
	Hints       []string         `json:"hints"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

// Refusal is why a run was refused before any incident file was read: the
// command line is wrong (exit status 2). Diagnostics are those of a
// template with errors.
type Refusal struct {
	Errors      []string // "unknown command \"rendr\"", without "briefing: error: "
	Hints       []string
	Diagnostics diag.List
}

// WriteJSON writes the machine-readable report of a run: each input file
// with the PDFs written (path, language, pages, bytes, sha256) and each
// warning and error (file, line, column, key, message), then the summary.
// The report is valid JSON also when every file failed. A run stopped by
// a signal has "error" with status 1 and each file not done is
// "interrupted": true.
func WriteJSON(w io.Writer, results []Result, s Summary) error {
	rep := jsonReport{Files: []jsonFile{}, Summary: s}
	if s.Interrupted > 0 {
		rep.Error = &jsonError{Status: 1, Hints: []string{}, Diagnostics: []jsonDiagnostic{},
			Message: fmt.Sprintf("interrupted by a signal: %d not done (marked \"interrupted\"); the PDFs listed are complete", s.Interrupted)}
	}
	for _, r := range results {
		f := jsonFile{File: r.File, OK: !r.Failed(), Interrupted: r.Interrupted, Outside: r.Outside, Period: r.Period, TLPUnread: r.TLPUnread, PDFs: r.Outputs, Messages: r.Messages, Diagnostics: []jsonDiagnostic{}}
		if f.PDFs == nil {
			f.PDFs = []Output{}
		}
		// The marking of the incident, or of the digest (its PDFs').
		if r.TLP != "" {
			f.TLP = marking.Label(r.TLP)
		} else if r.Incident != nil {
			f.TLP = marking.Label(r.Incident.TLP)
		} else if len(r.Outputs) > 0 {
			f.TLP = r.Outputs[0].TLP
		}
		f.Diagnostics = jsonDiagnostics(r.Diagnostics)
		rep.Files = append(rep.Files, f)
	}
	return encode(w, rep)
}

// WriteRefusal writes the machine-readable report of a refused run, so
// that a scheduled job asking for JSON always gets it: no files, a summary
// of zeros, and "error" with the exit status (2), the message, the hints
// and the diagnostics (file, line, column, key, message) of r.
func WriteRefusal(w io.Writer, r Refusal) error {
	e := &jsonError{Status: 2, Message: strings.Join(r.Errors, "; "), Hints: r.Hints,
		Diagnostics: jsonDiagnostics(r.Diagnostics)}
	if e.Hints == nil {
		e.Hints = []string{}
	}
	return encode(w, jsonReport{Files: []jsonFile{}, Error: e})
}

func jsonDiagnostics(ds diag.List) []jsonDiagnostic {
	out := []jsonDiagnostic{}
	for _, d := range ds {
		sev := "error"
		if d.Severity == diag.Warning {
			sev = "warning"
		}
		out = append(out, jsonDiagnostic{sev, d.File, d.Line, d.Col, d.Key, d.Message})
	}
	return out
}

// encode writes rep as indented JSON, with the Unicode bidirectional
// controls (UAX #9: marks, embeddings, overrides, isolates) escaped as
// \u202e, as [diag.Diagnostic.String] escapes them: a path, key or value
// holding one (a file named invoice\u202Efdp.toml) would otherwise turn
// the rest of its line around on the terminal or in the log viewer that
// shows the report. A JSON decoder gives the same strings back.
func encode(w io.Writer, rep jsonReport) error {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return err
	}
	_, err := io.WriteString(w, bidiEscaper.Replace(b.String()))
	return err
}

// bidiEscaper writes the bidirectional controls as JSON escapes; they
// stand only inside strings.
var bidiEscaper = func() *strings.Replacer {
	var pairs []string
	for _, r := range []rune{0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069} {
		pairs = append(pairs, string(r), fmt.Sprintf(`\u%04x`, r))
	}
	return strings.NewReplacer(pairs...)
}()
