package main

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKilledAnywhereLeavesWholePDFs renders a batch again and again into
// one folder, killing the run with SIGKILL after a random delay each time
// (nothing can catch it: no clean-up runs), and checks after every kill
// that each PDF in the folder is whole: its cross-reference table, found
// from its last startxref, points at every object it lists. The files are
// flushed to the disk in groups (package output), which must not let a
// name reach a file that is not yet complete.
func TestKilledAnywhereLeavesWholePDFs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := builtCommand(t)
	seed, err := os.ReadFile("../../samples/pla-61419-antivirus.toml")
	if err != nil {
		t.Fatal(err)
	}
	in, out := t.TempDir(), t.TempDir()
	const files = 8
	for i := range files {
		s := strings.Replace(string(seed), `id = "pla-61419-antivirus"`, fmt.Sprintf(`id = "pla-%02d"`, i), 1)
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("pla-%02d.toml", i)), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A whole run first: how long one takes bounds the delays, and so
	// does every run that ends before its kill.
	start := time.Now()
	if res, err := exec.Command(bin, "render", "-j", "2", "-o", out, in).CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, res)
	}
	bound := time.Since(start)
	checkWholePDFs(t, out, 2*files)
	killed := 0
	const rounds = 20
	for round := range rounds {
		cmd := exec.Command(bin, "render", "-j", "2", "-o", out, in)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-time.After(rand.N(bound)):
			cmd.Process.Kill()
			err := <-done
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
					killed++
				}
			}
		case err := <-done:
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			bound = time.Since(start)
		}
		if checkWholePDFs(t, out, 2*files) > 0 {
			t.Fatalf("round %d: a PDF was not whole after the kill", round)
		}
	}
	if killed < rounds/2 {
		t.Errorf("only %d of %d runs were killed before they ended", killed, rounds)
	}
}

// checkWholePDFs checks that dir holds want PDFs, each whole, and returns
// how many are not.
func checkWholePDFs(t *testing.T, dir string, want int) (bad int) {
	t.Helper()
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(pdfs) != want {
		t.Errorf("%d PDFs in the folder, want %d", len(pdfs), want)
	}
	for _, p := range pdfs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := wholePDF(b); err != nil {
			t.Errorf("%s (%d bytes): %v", filepath.Base(p), len(b), err)
			bad++
		}
	}
	return bad
}

// wholePDF checks that b is a whole PDF as briefing writes it: a header,
// %%EOF at the end, and a cross-reference table (or stream, in a tagged
// PDF) at its startxref whose every entry in use points at the start of
// that object.
func wholePDF(b []byte) error {
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return errors.New("no %PDF- header")
	}
	tail := bytes.TrimRight(b, "\r\n")
	if !bytes.HasSuffix(tail, []byte("%%EOF")) {
		return errors.New("no %%EOF at the end")
	}
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return errors.New("no startxref")
	}
	f := strings.Fields(string(tail[i+len("startxref") : len(tail)-len("%%EOF")]))
	if len(f) != 1 {
		return fmt.Errorf("startxref %q", f)
	}
	xref, err := strconv.Atoi(f[0])
	if err == nil && xref > 0 && xref < len(b) && !bytes.HasPrefix(b[xref:], []byte("xref\n")) {
		return wholeXRefStream(b, xref)
	}
	if err != nil || xref <= 0 || xref >= len(b) || !bytes.HasPrefix(b[xref:], []byte("xref\n")) {
		return fmt.Errorf("startxref %s does not point at a cross-reference table", f[0])
	}
	lines := strings.Split(string(b[xref:]), "\n")
	var first, count int
	if _, err := fmt.Sscanf(lines[1], "%d %d", &first, &count); err != nil || count < 2 || len(lines) < 2+count {
		return fmt.Errorf("cross-reference subsection %q", lines[1])
	}
	for k := range count {
		e := strings.Fields(lines[2+k])
		if len(e) != 3 || e[2] == "f" {
			continue
		}
		off, err := strconv.Atoi(e[0])
		obj := strconv.Itoa(first+k) + " 0 obj"
		if err != nil || off >= len(b) || !bytes.HasPrefix(b[off:], []byte(obj)) {
			return fmt.Errorf("object %d is not at offset %s", first+k, e[0])
		}
	}
	return nil
}

// wholeXRefStream checks the cross-reference stream at offset xref of b
// (ISO 32000-1, 7.5.8; entries of /W [1 4 2], as package render writes
// them): every object not in an object stream is at its offset.
func wholeXRefStream(b []byte, xref int) error {
	head := b[xref:]
	end := bytes.Index(head, []byte("stream\n"))
	if end < 0 || !bytes.Contains(head[:end], []byte("/Type /XRef")) || !bytes.Contains(head[:end], []byte("/W [1 4 2]")) {
		return fmt.Errorf("startxref %d does not point at a cross-reference table or stream", xref)
	}
	var n, length int
	if _, err := fmt.Sscanf(string(head), "%d 0 obj\n<</Length %d", &n, &length); err != nil {
		return fmt.Errorf("cross-reference stream at %d: %v", xref, err)
	}
	start := end + len("stream\n")
	if start+length > len(head) {
		return fmt.Errorf("cross-reference stream at %d cut short", xref)
	}
	zr, err := zlib.NewReader(bytes.NewReader(head[start : start+length]))
	if err != nil {
		return err
	}
	var data bytes.Buffer
	if _, err := data.ReadFrom(zr); err != nil {
		return fmt.Errorf("cross-reference stream at %d: %v", xref, err)
	}
	e := data.Bytes()
	if len(e)%7 != 0 || len(e) < 14 {
		return fmt.Errorf("cross-reference stream at %d holds %d bytes", xref, len(e))
	}
	for k := 0; k < len(e)/7; k++ {
		if e[7*k] != 1 {
			continue
		}
		off := int(binary.BigEndian.Uint32(e[7*k+1:]))
		obj := strconv.Itoa(k) + " 0 obj"
		if off >= len(b) || !bytes.HasPrefix(b[off:], []byte(obj)) {
			return fmt.Errorf("object %d is not at offset %d", k, off)
		}
	}
	return nil
}
