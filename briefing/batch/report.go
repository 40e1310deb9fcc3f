package batch

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"briefing/briefing/diag"
)

// Summary counts what a run did.
type Summary struct {
	Files   int     `json:"files"`
	Written int     `json:"written"`
	Failed  int     `json:"failed"`
	Seconds float64 `json:"seconds"`
}

// Summarize counts the results of a run that took elapsed.
func Summarize(results []Result, elapsed time.Duration) Summary {
	s := Summary{Files: len(results), Seconds: elapsed.Seconds()}
	for _, r := range results {
		s.Written += len(r.Outputs)
		if r.Failed() {
			s.Failed++
		}
	}
	return s
}

// Line is the summary as the one line a run ends with, e.g.
// "briefing: 12 files, 24 briefings written, 1 failed, 0.41 s".
func (s Summary) Line() string {
	return fmt.Sprintf("briefing: %d %s, %d %s written, %d failed, %.2f s",
		s.Files, plural(s.Files, "file", "files"),
		s.Written, plural(s.Written, "briefing", "briefings"),
		s.Failed, s.Seconds)
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
	PDFs        []Output         `json:"pdfs"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

type jsonReport struct {
	Files   []jsonFile `json:"files"`
	Summary Summary    `json:"summary"`
}

// WriteJSON writes the machine-readable report of a run: each input file
// with the PDFs written (path, language, pages, bytes, sha256) and each
// warning and error (file, line, column, key, message), then the summary.
// The report is valid JSON also when every file failed.
func WriteJSON(w io.Writer, results []Result, s Summary) error {
	rep := jsonReport{Files: []jsonFile{}, Summary: s}
	for _, r := range results {
		f := jsonFile{File: r.File, OK: !r.Failed(), PDFs: r.Outputs, Diagnostics: []jsonDiagnostic{}}
		if f.PDFs == nil {
			f.PDFs = []Output{}
		}
		for _, d := range r.Diagnostics {
			sev := "error"
			if d.Severity == diag.Warning {
				sev = "warning"
			}
			f.Diagnostics = append(f.Diagnostics, jsonDiagnostic{sev, d.File, d.Line, d.Col, d.Key, d.Message})
		}
		rep.Files = append(rep.Files, f)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
