package build_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/build"
	"briefing/briefing/encrypt"
	"briefing/briefing/model"
	"briefing/briefing/output"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// seedPDF is the seed briefing in Japanese, unencrypted.
func seedPDF(t *testing.T) []byte {
	t.Helper()
	th := fixture.Theme(t)
	inc := fixture.Incident(t, fixture.Seed)
	pages, ds := build.Briefing(inc, "ja", th, false)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var buf bytes.Buffer
	if err := build.PDF(&buf, pages, inc, "ja", th); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPublishDrawnStreams: a PDF not to be encrypted goes into the
// output's temporary file while it is drawn (the file in the folder grows
// with each write, before draw returns), and the output's size and sums
// are those of the file renamed into place.
func TestPublishDrawnStreams(t *testing.T) {
	pdf := seedPDF(t)
	dir := t.TempDir()
	var seen []int64 // the temporary file's size after each write
	o, err := build.PublishDrawn(dir, "d.ja.pdf", "ja", model.TLPGreen, nil, func(w io.Writer) (int, error) {
		for rest := pdf; len(rest) > 0; {
			n := min(len(rest), 16<<10)
			if _, err := w.Write(rest[:n]); err != nil {
				return 0, err
			}
			rest = rest[n:]
			tmps, _ := filepath.Glob(filepath.Join(dir, output.TempPrefix+"*.tmp"))
			if len(tmps) != 1 {
				t.Fatalf("temporary files while drawing: %v", tmps)
			}
			fi, err := os.Stat(tmps[0])
			if err != nil {
				t.Fatal(err)
			}
			seen = append(seen, fi.Size())
		}
		return 4, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) < 2 || seen[0] != 16<<10 || seen[len(seen)-1] != int64(len(pdf)) {
		t.Errorf("the temporary file did not grow with the writes: sizes %v of %d bytes", seen, len(pdf))
	}
	got, err := os.ReadFile(filepath.Join(dir, "d.ja.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, pdf) {
		t.Fatalf("the file written is not the PDF drawn (%d bytes, want %d)", len(got), len(pdf))
	}
	sum := sha256.Sum256(pdf)
	want := hex.EncodeToString(sum[:])
	if o.Bytes != len(pdf) || o.SHA256 != want || o.Content != want || o.Pages != 4 || o.Encrypted || o.TLP != "TLP:GREEN" {
		t.Errorf("output %+v, want %d bytes, sha256 %s, 4 pages", o, len(pdf), want)
	}
	out, err := exec.Command(testkit.Tool(t, "pdfinfo"), filepath.Join(dir, "d.ja.pdf")).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Pages:") {
		t.Errorf("pdfinfo cannot read the file written: %v\n%s", err, out)
	}
}

// TestPublishDrawnFails: when draw fails after writing, its error is
// returned and the folder holds nothing, neither the file nor a
// temporary one.
func TestPublishDrawnFails(t *testing.T) {
	dir := t.TempDir()
	bad := errors.New("the fonts lack a character")
	_, err := build.PublishDrawn(dir, "d.ja.pdf", "ja", model.TLPGreen, nil, func(w io.Writer) (int, error) {
		if _, err := w.Write([]byte("%PDF-1.7\n")); err != nil {
			return 0, err
		}
		return 0, bad
	})
	if !errors.Is(err, bad) {
		t.Fatalf("error %v, want %v", err, bad)
	}
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Errorf("left in the folder: %v", names)
	}
}

// TestPublishDrawnEncrypted: a PDF to be encrypted is made whole first and
// written encrypted; the output's Content is the sum of the plain PDF, its
// SHA256 that of the file.
func TestPublishDrawnEncrypted(t *testing.T) {
	pdf := seedPDF(t)
	dir := t.TempDir()
	enc := &encrypt.Policy{Passwords: encrypt.Passwords{User: "user-pass"}, MinTLP: model.TLPAmber}
	o, err := build.PublishDrawn(dir, "d.ja.pdf", "ja", model.TLPRed, enc, func(w io.Writer) (int, error) {
		_, err := w.Write(pdf)
		return 4, err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "d.ja.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	plain := sha256.Sum256(pdf)
	file := sha256.Sum256(got)
	if !o.Encrypted || o.Content != hex.EncodeToString(plain[:]) || o.SHA256 != hex.EncodeToString(file[:]) || o.Bytes != len(got) {
		t.Errorf("output %+v: want encrypted, content %x, sha256 %x", o, plain, file)
	}
	out, _ := exec.Command(testkit.Tool(t, "qpdf"), "--show-encryption", filepath.Join(dir, "d.ja.pdf")).CombinedOutput()
	if !strings.Contains(string(out), "AESv3") {
		t.Errorf("qpdf does not read the file as AES-256:\n%s", out)
	}
}
