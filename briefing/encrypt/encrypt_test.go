package encrypt_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"briefing/briefing/build"
	"briefing/briefing/encrypt"
	"briefing/briefing/model"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

const password = "Tr0ub4dor&3 パスワード"

// sample draws the briefing of a sample in lang, unencrypted.
func sample(t *testing.T, path, lang string) []byte {
	t.Helper()
	th := fixture.Theme(t)
	inc := fixture.Incident(t, path)
	pages, ds := build.Briefing(inc, lang, th, false)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var buf bytes.Buffer
	if err := build.PDF(&buf, pages, inc, lang, th); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encrypted(t *testing.T, pdf []byte, pw encrypt.Passwords) string {
	t.Helper()
	var buf bytes.Buffer
	if err := encrypt.PDF(&buf, pdf, pw); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAES256R6: qpdf reads the security handler as AES-256 revision 6 with
// the permissions of a briefing: print, copy and accessibility yes, any
// change no; the user password is not the owner password.
func TestAES256R6(t *testing.T) {
	path := encrypted(t, sample(t, fixture.Seed, "ja"), encrypt.Passwords{User: password})
	out := testkit.Run(t, "qpdf", "--show-encryption", "--password="+password, path)
	for _, want := range []string{
		"R = 6",
		"Supplied password is user password",
		"extract for accessibility: allowed",
		"extract for any purpose: allowed",
		"print low resolution: allowed",
		"print high resolution: allowed",
		"modify document assembly: not allowed",
		"modify forms: not allowed",
		"modify annotations: not allowed",
		"modify other: not allowed",
		"stream encryption method: AESv3",
		"string encryption method: AESv3",
		"file encryption method: AESv3",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("qpdf --show-encryption lacks %q:\n%s", want, out)
		}
	}
	b, _ := os.ReadFile(path)
	if !bytes.HasPrefix(b, []byte("%PDF-2.0")) {
		t.Errorf("header %q, want %%PDF-2.0 (revision 6 is ISO 32000-2's)", b[:8])
	}
	testkit.Run(t, "qpdf", "--check", "--password="+password, path)
}

// TestOwnerPassword: the owner password opens with every right.
func TestOwnerPassword(t *testing.T) {
	path := encrypted(t, sample(t, fixture.Seed, "en"), encrypt.Passwords{User: password, Owner: "owner-pw"})
	out := testkit.Run(t, "qpdf", "--show-encryption", "--password=owner-pw", path)
	if !strings.Contains(out, "Supplied password is owner password") {
		t.Errorf("the owner password is not the owner's:\n%s", out)
	}
}

// TestText: pdftotext reads nothing without the password, and with it the
// same text as from the unencrypted PDF, Japanese included.
func TestText(t *testing.T) {
	plain := sample(t, fixture.Seed, "ja")
	dir := t.TempDir()
	plainPath := filepath.Join(dir, "plain.pdf")
	os.WriteFile(plainPath, plain, 0o644)
	path := encrypted(t, plain, encrypt.Passwords{User: password})

	cmd := exec.Command(testkit.Tool(t, "pdftotext"), path, "-")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("pdftotext opened the encrypted PDF without its password:\n%.200s", out)
	}
	if !strings.Contains(string(out), "Incorrect password") {
		t.Errorf("pdftotext without the password: %s", out)
	}
	if strings.Contains(string(out), "アンチウィルス") {
		t.Error("text of the briefing readable without the password")
	}
	if _, err := exec.Command(testkit.Tool(t, "pdftotext"), "-upw", "wrong", path, "-").Output(); err == nil {
		t.Error("pdftotext opened the PDF with a wrong password")
	}
	got := testkit.Run(t, "pdftotext", "-upw", password, path, "-")
	want := testkit.Run(t, "pdftotext", plainPath, "-")
	if got != want {
		t.Errorf("text with the password differs from the unencrypted PDF's:\n%.300s\nwant\n%.300s", got, want)
	}
	if !strings.Contains(got, "アンチウィルス") {
		t.Errorf("no Japanese text with the password:\n%.300s", got)
	}
}

// TestPDFJS: pdf.js, the reader of Firefox, opens the PDF only with its
// password and then reads the text.
func TestPDFJS(t *testing.T) {
	plain := sample(t, "../../samples/kaseya-vsa-2021.toml", "en")
	path := encrypted(t, plain, encrypt.Passwords{User: password})
	if _, err := testkit.PDFJS(t, path, ""); !errors.Is(err, testkit.ErrPassword) {
		t.Fatalf("pdf.js without the password: %v, want it to ask for the password", err)
	}
	text, err := testkit.PDFJS(t, path, password)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"TLP:CLEAR", "Ransomware supply-chain attack through Kaseya VSA", "REvil"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdf.js text lacks %q:\n%.400s", want, text)
		}
	}
}

// TestErrors: no password is refused; a broken PDF is an error that does
// not hold the password.
func TestErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := encrypt.PDF(&buf, sample(t, fixture.Seed, "en"), encrypt.Passwords{}); !errors.Is(err, encrypt.ErrNoPassword) {
		t.Errorf("no password: %v, want ErrNoPassword", err)
	}
	err := encrypt.PDF(&buf, []byte("%PDF-1.7\nnot a PDF"), encrypt.Passwords{User: password})
	if err == nil {
		t.Fatal("a broken PDF was encrypted")
	}
	if strings.Contains(err.Error(), password) {
		t.Errorf("the error holds the password: %v", err)
	}
}

// TestRandom: two encryptions of the same PDF with the same password
// differ (pdfcpu draws the key, salts and vectors from crypto/rand) and
// both give back the same text; see the package doc.
func TestRandom(t *testing.T) {
	plain := sample(t, fixture.Seed, "en")
	a, b := encrypted(t, plain, encrypt.Passwords{User: password}), encrypted(t, plain, encrypt.Passwords{User: password})
	ab, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if bytes.Equal(ab, bb) {
		t.Error("two encryptions gave the same bytes: the key or salts are not random")
	}
	if testkit.Run(t, "pdftotext", "-upw", password, a, "-") != testkit.Run(t, "pdftotext", "-upw", password, b, "-") {
		t.Error("the two encryptions read differently")
	}
	re := regexp.MustCompile(`/UE\s*<([0-9a-fA-F]+)>`)
	if re.Find(ab) != nil && bytes.Equal(re.Find(ab), re.Find(bb)) {
		t.Error("same /UE twice")
	}
}

// TestPolicy: which markings a policy encrypts.
func TestPolicy(t *testing.T) {
	var none *encrypt.Policy
	if none.Applies(model.TLPRed) {
		t.Error("a nil policy encrypts")
	}
	all := &encrypt.Policy{}
	amber := &encrypt.Policy{MinTLP: model.TLPAmber}
	for _, c := range []struct {
		tlp        model.TLP
		all, amber bool
	}{
		{model.TLPClear, true, false},
		{model.TLPGreen, true, false},
		{model.TLPAmber, true, true},
		{model.TLPAmberStrict, true, true},
		{model.TLPRed, true, true},
	} {
		if all.Applies(c.tlp) != c.all || amber.Applies(c.tlp) != c.amber {
			t.Errorf("%s: all %v amber %v, want %v %v", c.tlp, all.Applies(c.tlp), amber.Applies(c.tlp), c.all, c.amber)
		}
	}
}

func BenchmarkSeed(b *testing.B) {
	th := fixture.Theme(b)
	inc := fixture.Incident(b, fixture.Seed)
	pages, _ := build.Briefing(inc, "ja", th, false)
	var plain bytes.Buffer
	build.PDF(&plain, pages, inc, "ja", th)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := encrypt.PDF(&buf, plain.Bytes(), encrypt.Passwords{User: password}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestKeeps: encryption keeps what the briefing holds besides its text:
// the outline (titles and the pages they lead to), the links and the
// embedded indicator files, byte for byte.
func TestKeeps(t *testing.T) {
	plain := sample(t, "../../samples/ransomware-example.toml", "en")
	dir := t.TempDir()
	plainPath := filepath.Join(dir, "plain.pdf")
	os.WriteFile(plainPath, plain, 0o644)
	path := encrypted(t, plain, encrypt.Passwords{User: password})
	pw := "--password=" + password

	outline := func(args ...string) string {
		var titles []string
		for _, m := range regexp.MustCompile(`"(?:title|destpageposfrom1)": ("[^"]*"|\d+)`).FindAllStringSubmatch(testkit.Run(t, "qpdf", args...), -1) {
			titles = append(titles, m[1])
		}
		return strings.Join(titles, " ")
	}
	want := outline("--json", "--json-key=outlines", plainPath)
	if got := outline(pw, "--json", "--json-key=outlines", path); got != want || !strings.Contains(want, `"Summary"`) {
		t.Errorf("outline %s\nwant %s", got, want)
	}
	links := func(args ...string) int {
		return strings.Count(testkit.Run(t, "qpdf", args...), `"/URI": "u:http`)
	}
	if a, b := links("--json", "--json-key=qpdf", plainPath), links(pw, "--json", "--json-key=qpdf", path); a == 0 || a != b {
		t.Errorf("%d links, %d before encryption", b, a)
	}
	list := testkit.Run(t, "qpdf", pw, "--list-attachments", path)
	if list != testkit.Run(t, "qpdf", "--list-attachments", plainPath) || !strings.Contains(list, "indicators.csv") {
		t.Errorf("attachments:\n%s", list)
	}
	if testkit.Run(t, "qpdf", pw, "--show-attachment=indicators.csv", path) != testkit.Run(t, "qpdf", "--show-attachment=indicators.csv", plainPath) {
		t.Error("indicators.csv differs after encryption")
	}
}
