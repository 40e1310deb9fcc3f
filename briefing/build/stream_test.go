package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"briefing/briefing/output"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// streamRows is the number of procurement rows that make the seed's
// PDF larger than spillAt (about 210 bytes a row), so that it is written
// into its temporary file as it is drawn.
const streamRows = 8000

// tableFile writes the seed sample with n procurement rows into dir.
func tableFile(t *testing.T, dir string, n int) string {
	t.Helper()
	seed, err := os.ReadFile("../../samples/pla-61419-antivirus.toml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "table.toml")
	if err := os.WriteFile(path, tableRows(t, seed, n), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestStreamedPDF: a briefing larger than spillAt goes into its
// temporary file as it is drawn; the file renamed into place is a whole
// PDF that a reader opens, with the pages, size and sha256 the report
// gives.
func TestStreamedPDF(t *testing.T) {
	th := fixture.Theme(t)
	in, dir := t.TempDir(), t.TempDir()
	res := File(context.Background(), tableFile(t, in, streamRows), &Options{Dir: dir, Langs: []string{"ja"}, Theme: th, Sums: true})
	if res.Failed() || len(res.Outputs) != 1 {
		t.Fatalf("%+v", res.Diagnostics)
	}
	o := res.Outputs[0]
	data, err := os.ReadFile(o.Path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) <= spillAt {
		t.Fatalf("the PDF has %d bytes, not more than spillAt (%d): the test does not reach the streamed path", len(data), spillAt)
	}
	sum := sha256.Sum256(data)
	if o.Bytes != len(data) || o.SHA256 != hex.EncodeToString(sum[:]) || o.Content != o.SHA256 {
		t.Errorf("output %+v; the file has %d bytes, sha256 %x", o, len(data), sum)
	}
	info := testkit.Run(t, "pdfinfo", o.Path)
	if !strings.Contains(info, "Pages:") || !strings.Contains(info, " "+strconv.Itoa(o.Pages)+"\n") {
		t.Errorf("pdfinfo does not give the %d pages reported:\n%s", o.Pages, info)
	}
	text := testkit.Run(t, "pdftotext", "-f", strconv.Itoa(o.Pages-3), "-enc", "UTF-8", o.Path, "-")
	if !strings.Contains(text, "P"+strconv.Itoa(streamRows-1)) {
		t.Errorf("the last row's product P%d is not on the last pages", streamRows-1)
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, output.TempPrefix+"*")); len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
}

// TestStreamedPDFFails: when writing a streamed PDF fails midway (here
// the file size limit of the process, RLIMIT_FSIZE, passed after the
// first megabyte has gone into the temporary file), the briefing's error
// names the file, the PDF already in the folder is kept as it was, and no
// temporary file is left. The run is a child process, which alone has
// the limit.
func TestStreamedPDFFails(t *testing.T) {
	if dir := os.Getenv("BRIEFING_STREAM_FAIL"); dir != "" {
		streamFailChild(t, dir)
		return
	}
	dir := t.TempDir()
	old := []byte("%PDF-1.7 the briefing published before\n")
	name := filepath.Join(dir, "pla-61419-antivirus.ja.pdf")
	if err := os.WriteFile(name, old, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestStreamedPDFFails$", "-test.v")
	cmd.Env = append(os.Environ(), "BRIEFING_STREAM_FAIL="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the child failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "ja briefing: ") || !strings.Contains(string(out), "file too large") {
		t.Errorf("the child did not report the write's error:\n%s", out)
	}
	got, err := os.ReadFile(name)
	if err != nil || string(got) != string(old) {
		t.Errorf("the PDF published before is now %q, %v; want it kept", got, err)
	}
	names, _ := os.ReadDir(dir)
	if len(names) != 1 {
		t.Errorf("the folder holds %v, want the old PDF alone", names)
	}
}

// streamFailChild renders the table into dir with a file size limit that
// lets the temporary file get past spillAt and no further, and logs the
// diagnostics.
func streamFailChild(t *testing.T, dir string) {
	th := fixture.Theme(t)
	path := tableFile(t, t.TempDir(), streamRows)
	// The limit is the process's: the input is written before it.
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Fatal(err)
	}
	lim.Cur = spillAt + spillAt/4
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Fatal(err)
	}
	res := File(context.Background(), path, &Options{Dir: dir, Langs: []string{"ja"}, Theme: th})
	if !res.Failed() || len(res.Outputs) != 0 {
		t.Fatalf("written past the file size limit: %+v", res)
	}
	t.Log(res.Diagnostics)
}

// TestTableMemoryFlat: drawing and writing a briefing of a long table
// takes no more live heap than loading and validating its file: the PDF
// is not held whole (it goes into its file), and the validated incident
// is let go once the briefing is composed. The peaks are of the heap
// left live by collections, sampled every millisecond, with collections
// made frequent (GOGC 25) so that they see the heap near its peak.
func TestTableMemoryFlat(t *testing.T) {
	th := fixture.Theme(t)
	path := tableFile(t, t.TempDir(), 20000)
	defer debug.SetGCPercent(debug.SetGCPercent(25))
	var heap, load, live uint64
	runtime.GC()
	stop := testkit.Peaks(&heap, &load)
	inc, _, ds := Incident(path)
	stop()
	if inc == nil {
		t.Fatal(ds)
	}
	inc = nil
	runtime.GC()
	stop = testkit.Peaks(&heap, &live)
	res := File(context.Background(), path, &Options{Dir: t.TempDir(), Langs: []string{"ja"}, Theme: th})
	stop()
	if res.Failed() {
		t.Fatal(res.Diagnostics)
	}
	t.Logf("peak live heap: loading and validating %.1f MB, the whole file %.1f MB", float64(load)/(1<<20), float64(live)/(1<<20))
	if float64(live) > 1.08*float64(load) {
		t.Errorf("rendering the file took %.1f MB of live heap at its peak, more than 1.08 × the %.1f MB of loading it",
			float64(live)/(1<<20), float64(load)/(1<<20))
	}
}
