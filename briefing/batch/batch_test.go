package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"briefing/briefing/diag"
)

func fakeJob(_ context.Context, file string) Result {
	r := Result{File: file}
	if strings.Contains(file, "bad") {
		r.Diagnostics = diag.List{{File: file, Line: 3, Col: 1, Key: "summary", Message: "missing"}}
		return r
	}
	r.Outputs = []Output{{Path: "out/" + file + ".ja.pdf", Lang: "ja", Pages: 2, Bytes: 10}}
	return r
}

func TestRunKeepsInputOrderWithAnyWorkers(t *testing.T) {
	var files []string
	for i := range 50 {
		name := "f" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		if i%7 == 0 {
			name += "bad"
		}
		files = append(files, name)
	}
	for _, workers := range []int{1, 2, 4, 16, 1 << 62} {
		var calls, lastFailed int
		results := Run(context.Background(), files, workers, fakeJob, func(n, failed int) {
			calls++
			if n != calls {
				t.Errorf("done called with n=%d on call %d", n, calls)
			}
			lastFailed = failed
		})
		if len(results) != len(files) {
			t.Fatalf("workers=%d: %d results, want %d", workers, len(results), len(files))
		}
		for i, r := range results {
			if r.File != files[i] {
				t.Fatalf("workers=%d: result %d is %s, want %s", workers, i, r.File, files[i])
			}
		}
		if lastFailed != 8 {
			t.Errorf("workers=%d: %d failed, want 8", workers, lastFailed)
		}
	}
}

func TestRunStopsStartingFilesWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	files := []string{"a", "b", "c", "d", "e"}
	results := Run(ctx, files, 1, func(ctx context.Context, f string) Result {
		if f == "b" {
			cancel()
		}
		return Result{File: f}
	}, nil)
	if len(results) != len(files) {
		t.Fatalf("%d results, want one per file", len(results))
	}
	for i, r := range results {
		// c may have started before the cancel was seen; d and e not.
		if r.File != files[i] || (i < 2 || i > 2) && r.Interrupted != (i > 2) {
			t.Errorf("result %d = %+v, want %s interrupted=%v", i, r, files[i], i > 2)
		}
		if r.Interrupted && !r.Failed() {
			t.Errorf("%s: interrupted but not failed", r.File)
		}
	}
}

func TestFilesSearchesFoldersInOrder(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.toml", "a.toml", "notes.txt", "sub/c.toml"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, nil, 0o644)
	}
	got, err := Files([]string{dir, filepath.Join(dir, "a.toml")})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.toml", "b.toml", "sub/c.toml"}
	if len(got) != len(want) {
		t.Fatalf("Files = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != filepath.Join(dir, want[i]) {
			t.Fatalf("Files = %v, want %v", got, want)
		}
	}
	if _, err := Files([]string{filepath.Join(dir, "missing.toml")}); err == nil || !strings.Contains(err.Error(), "missing.toml") {
		t.Errorf("missing file: err = %v, want one naming the file", err)
	}
}

// TestFilesOnceEach: a file named twice under two spellings is one file
// (else both would write the same PDFs and be refused), and a folder's
// search takes no named pipe or other special file (reading one blocks).
func TestFilesOnceEach(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.toml"), nil, 0o644)
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A link to the pipe is passed over too; a link to a file is taken.
	if err := os.Symlink("pipe.toml", filepath.Join(dir, "link-to-pipe.toml")); err != nil {
		t.Fatal(err)
	}
	// A link or a hard link to a file already taken is that file (the
	// same device and inode): one incident, not two with one id.
	if err := os.Symlink("a.toml", filepath.Join(dir, "link-to-a.toml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(dir, "a.toml"), filepath.Join(dir, "hard-a.toml")); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "b.toml"), nil, 0o644)
	if err := os.Symlink(filepath.Join(other, "b.toml"), filepath.Join(dir, "link-to-b.toml")); err != nil {
		t.Fatal(err)
	}
	got, err := Files([]string{filepath.Join(dir, "a.toml"), dir + "/./a.toml", dir})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(dir, "a.toml"), filepath.Join(dir, "link-to-b.toml")}; !slices.Equal(got, want) {
		t.Errorf("Files = %q, want %q", got, want)
	}
}

func TestJSONReportListsWrittenAndRefused(t *testing.T) {
	results := Run(context.Background(), []string{"good.toml", "bad.toml"}, 2, fakeJob, nil)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, results, Summarize(results, time.Second)); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Files []struct {
			File        string
			OK          bool
			PDFs        []Output
			Diagnostics []struct {
				Severity, File, Key, Message string
				Line, Col                    int
			}
		}
		Summary Summary
	}
	if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, buf.String())
	}
	if len(rep.Files) != 2 || !rep.Files[0].OK || rep.Files[1].OK {
		t.Fatalf("files = %+v", rep.Files)
	}
	if len(rep.Files[0].PDFs) != 1 || rep.Files[0].PDFs[0].Lang != "ja" {
		t.Errorf("good file's PDFs = %+v", rep.Files[0].PDFs)
	}
	d := rep.Files[1].Diagnostics
	if len(d) != 1 || d[0].Severity != "error" || d[0].Line != 3 || d[0].Key != "summary" {
		t.Errorf("bad file's diagnostics = %+v", d)
	}
	if rep.Summary.Files != 2 || rep.Summary.Written != 1 || rep.Summary.Failed != 1 {
		t.Errorf("summary = %+v", rep.Summary)
	}
}

func TestJSONReportWhenEverythingFails(t *testing.T) {
	results := Run(context.Background(), []string{"bad1.toml", "bad2.toml"}, 2, fakeJob, nil)
	var buf bytes.Buffer
	WriteJSON(&buf, results, Summarize(results, 0))
	if !json.Valid(buf.Bytes()) || !strings.Contains(buf.String(), `"pdfs": []`) {
		t.Fatalf("report = %s", buf.String())
	}
}

func TestSummaryLine(t *testing.T) {
	s := Summary{Files: 1, Written: 2, Failed: 0, Seconds: 0.5}
	if got, want := s.Line(), "briefing: 1 file, 2 briefings written, 0 failed, 0.50 s"; got != want {
		t.Errorf("Line() = %q, want %q", got, want)
	}
}

// TestFilesSkipsDotNames: a folder's search passes over files and folders
// whose names start with "." (an editor's .taplo.toml, .git), also when
// the folder is ".", but reads such a file or folder named on the command
// line.
func TestFilesSkipsDotNames(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.toml", ".taplo.toml", ".git/config.toml", "sub/.b.toml", ".drafts/c.toml", "sub/d.toml"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, nil, 0o644)
	}
	t.Chdir(dir)
	got, err := Files([]string{"."})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.toml", "sub/d.toml"}; !slices.Equal(got, want) {
		t.Errorf("Files(.) = %q, want %q", got, want)
	}
	got, err = Files([]string{".taplo.toml", ".drafts"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{".taplo.toml", ".drafts/c.toml"}; !slices.Equal(got, want) {
		t.Errorf("Files(named) = %q, want %q", got, want)
	}
}

// TestFilesOtherNormalization: a file or folder named in NFD on disk (as
// macOS writes ガイド) is found when the command line types it in NFC,
// and one named in NFC when typed in NFD; a missing one is still an error
// naming the path.
func TestFilesOtherNormalization(t *testing.T) {
	dir := t.TempDir()
	nfdFile, nfcFile := "\u30ab\u3099\u30a4\u30c8\u3099.toml", "ガイド.toml"    // ガイド
	nfdDir, nfcDir := "\u30c8\u3099\u30ad\u30e5\u30e1\u30f3\u30c8", "ドキュメント" // ドキュメント
	os.WriteFile(filepath.Join(dir, nfdFile), []byte("x"), 0o644)
	os.Mkdir(filepath.Join(dir, nfdDir), 0o755)
	os.WriteFile(filepath.Join(dir, nfdDir, "a.toml"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "デモ.toml"), []byte("x"), 0o644) // NFC on disk
	got, err := Files([]string{filepath.Join(dir, nfcFile), filepath.Join(dir, nfcDir), filepath.Join(dir, "\u30c6\u3099\u30e2.toml")})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, nfdFile), filepath.Join(dir, nfdDir, "a.toml"), filepath.Join(dir, "デモ.toml")}
	if !slices.Equal(got, want) {
		t.Errorf("Files = %q, want %q", got, want)
	}
	if _, err := Files([]string{filepath.Join(dir, "ない.toml")}); err == nil || !strings.Contains(err.Error(), "ない.toml") {
		t.Errorf("a missing file: %v", err)
	}
}
