package main

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"briefing/internal/testkit"
)

// smtpd is a real SMTP server (Debian's aiosmtpd, testdata/smtpd/smtpd.py)
// on a free loopback port, writing what it receives into Dir.
type smtpd struct {
	Addr string
	Dir  string
	CA   string // the PEM certificate of its STARTTLS, when it has one
}

// startSMTP starts the server with the options of smtpd.py ("tls", and
// "auth" followed by USER:PASSWORD or "refuse"); it stops with the test.
func startSMTP(t *testing.T, opts ...string) smtpd {
	t.Helper()
	python := testkit.Tool(t, "/usr/bin/python3")
	if err := exec.Command(python, "-c", "import aiosmtpd").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("aiosmtpd is required in CI (apt-get install python3-aiosmtpd): %v", err)
		}
		t.Skipf("aiosmtpd is not installed: %v", err)
	}
	s := smtpd{Dir: t.TempDir()}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	s.Addr = "127.0.0.1:" + strconv.Itoa(port)
	args := []string{"testdata/smtpd/smtpd.py", strconv.Itoa(port), s.Dir}
	for i := 0; i < len(opts); i++ {
		switch opts[i] {
		case "tls":
			s.CA = selfSigned(t)
			args = append(args, "--tls", s.CA, strings.TrimSuffix(s.CA, "cert.pem")+"key.pem")
		case "auth":
			args = append(args, "--auth", opts[i+1])
			i++
		}
	}
	cmd := exec.Command(python, args...)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	ready := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		ready <- line
	}()
	select {
	case line := <-ready:
		if strings.TrimSpace(line) != "ready" {
			t.Fatalf("smtpd did not start: %q\n%s", line, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("smtpd did not start within 20 s\n%s", stderr.String())
	}
	return s
}

// selfSigned writes a self-signed certificate for 127.0.0.1 and its key
// into a new folder as cert.pem and key.pem, and returns the certificate's
// path.
func selfSigned(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "briefing test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cert := filepath.Join(dir, "cert.pem")
	os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(filepath.Join(dir, "key.pem"), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	return cert
}

// delivered is a message as the server received it.
type delivered struct {
	Raw         []byte
	Rcpt        []string
	Subject     string // decoded
	RawSubject  string
	Body        string            // the text part, decoded
	Attachments map[string][]byte // by decoded file name
	Names       []string          // in order
	Types       []string
}

// received reads the messages the server got, in order.
func (s smtpd) received(t *testing.T) []delivered {
	t.Helper()
	var out []delivered
	for n := 1; ; n++ {
		raw, err := os.ReadFile(filepath.Join(s.Dir, strconv.Itoa(n)+".eml"))
		if err != nil {
			return out
		}
		rcpt, _ := os.ReadFile(filepath.Join(s.Dir, strconv.Itoa(n)+".rcpt"))
		out = append(out, parseMessage(t, raw, strings.Fields(string(rcpt))))
	}
}

// parseMessage reads a message with net/mail and mime/multipart.
func parseMessage(t *testing.T, raw []byte, rcpt []string) delivered {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("net/mail cannot read the message: %v", err)
	}
	d := delivered{Raw: raw, Rcpt: rcpt, RawSubject: m.Header.Get("Subject"), Attachments: map[string][]byte{}}
	dec := new(mime.WordDecoder)
	if d.Subject, err = dec.DecodeHeader(m.Header.Get("Subject")); err != nil {
		t.Fatalf("subject: %v", err)
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("Content-Type %q: %v", m.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(p) // quoted-printable is decoded by NextPart
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if ct == "text/plain" {
			d.Body = string(b)
			continue
		}
		if p.Header.Get("Content-Transfer-Encoding") != "base64" {
			t.Fatalf("attachment encoded as %q", p.Header.Get("Content-Transfer-Encoding"))
		}
		data, err := decodeBase64(b)
		if err != nil {
			t.Fatal(err)
		}
		name := p.FileName() // RFC 2231 and 2047 decoded
		d.Names = append(d.Names, name)
		d.Types = append(d.Types, ct)
		d.Attachments[name] = data
	}
	return d
}

func decodeBase64(b []byte) ([]byte, error) {
	return io.ReadAll(base64.NewDecoder(base64.StdEncoding, bytes.NewReader(b)))
}

// report is the part of --json the mail tests read.
type report struct {
	Files []struct {
		File     string `json:"file"`
		OK       bool   `json:"ok"`
		Messages []struct {
			To      []string `json:"to"`
			Cc      []string `json:"cc"`
			Subject string   `json:"subject"`
			Bytes   int      `json:"bytes"`
			Path    string   `json:"path"`
			Sent    bool     `json:"sent"`
			Answer  string   `json:"answer"`
		} `json:"messages"`
	} `json:"files"`
}

func runCLI(t *testing.T, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	status = run(args, &o, &e)
	return status, o.String(), e.String()
}

// index returns where each of parts starts in s, failing when one is
// missing or out of order.
func inOrder(t *testing.T, s string, parts ...string) {
	t.Helper()
	at := 0
	for _, p := range parts {
		i := strings.Index(s[at:], p)
		if i < 0 {
			t.Errorf("body lacks %q after byte %d:\n%s", p, at, s)
			return
		}
		at += i + len(p)
	}
}

// TestMailSamples renders the samples and sends them through a real SMTP
// server with STARTTLS (a certificate made here) and AUTH: one message per
// incident, to and cc, the label first in the subject and the body, the
// PDFs attached byte for byte, and the .eml files the same bytes as what
// the server received.
func TestMailSamples(t *testing.T) {
	srv := startSMTP(t, "tls", "auth", "analyst:smtp-Pa55")
	dir, eml := t.TempDir(), t.TempDir()
	t.Setenv(envSMTPPassword, "smtp-Pa55")
	status, stdout, stderr := runCLI(t, "render", "-o", dir, "--json",
		"--mail-to", "ciso@example.org, Board <board@example.com>", "--mail-cc", "soc-archive@example.net",
		"--mail-from", "SOC <soc@example.org>", "--eml", eml,
		"--smtp", srv.Addr, "--smtp-ca", srv.CA, "--smtp-user", "analyst", "../../samples")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, stderr)
	}
	if strings.Contains(stdout+stderr, "smtp-Pa55") {
		t.Error("the SMTP password was printed")
	}
	samples, _ := filepath.Glob("../../samples/*.toml")
	var ids []string
	for _, f := range samples {
		ids = append(ids, strings.TrimSuffix(filepath.Base(f), ".toml"))
	}
	got := srv.received(t)
	if len(got) != len(samples) || len(got) < 2 {
		t.Fatalf("%d messages delivered, want %d (one per incident)", len(got), len(samples))
	}
	byID := map[string]delivered{}
	for _, m := range got {
		for n := range m.Attachments {
			byID[strings.SplitN(n, ".", 2)[0]] = m
		}
	}
	k := byID["kaseya-vsa-2021"]
	if k.Raw == nil {
		t.Fatalf("no message with the Kaseya briefing: %v", got)
	}
	if want := "[TLP:CLEAR] Kaseya VSAを悪用したランサムウェアのサプライチェーン攻撃(2021.7)"; k.Subject != want {
		t.Errorf("subject %q, want %q", k.Subject, want)
	}
	if !strings.HasPrefix(k.RawSubject, "[TLP:CLEAR] =?UTF-8?q?") {
		t.Errorf("raw subject %q: the label must stay readable ahead of the RFC 2047 title", k.RawSubject)
	}
	if want := []string{"ciso@example.org", "board@example.com", "soc-archive@example.net"}; strings.Join(k.Rcpt, " ") != strings.Join(want, " ") {
		t.Errorf("envelope recipients %v, want %v", k.Rcpt, want)
	}
	k.Body = strings.ReplaceAll(k.Body, "\r\n", "\n")
	if !strings.HasPrefix(k.Body, "TLP:CLEAR\n") {
		t.Errorf("the body does not start with the label:\n%.200s", k.Body)
	}
	inOrder(t, strings.ReplaceAll(k.Body, "\r\n", "\n"),
		"TLP:CLEAR\n",
		"受信者は制限なく全世界に共有できます。",
		"Recipients can spread this to the world, there is no limit on disclosure.",
		"Kaseya VSAを悪用したランサムウェアのサプライチェーン攻撃(2021.7)",
		"作成日：2021年7月6日", "更新日：2021年7月23日", "重要度：緊急",
		"概要", "REvil(Sodinokibi)のアフィリエイトが",
		"添付ファイル", "kaseya-vsa-2021.ja.pdf (", " バイト)",
		"Ransomware supply-chain attack through Kaseya VSA (July 2021)",
		"As of: 6 July 2021", "Updated: 23 July 2021", "Severity: Critical",
		"Summary", "Affiliates of REvil",
		"Attachments", "kaseya-vsa-2021.en.pdf (", " bytes)")
	if strings.Contains(k.Body, "[kaseya]") || strings.Contains(k.Body, "[cisa]") {
		t.Error("citations left in the plain-text summary")
	}
	if strings.Contains(k.Body, "password") {
		t.Error("an unencrypted briefing's message speaks of a password")
	}
	for _, id := range ids {
		m := byID[id]
		if strings.Join(m.Names, " ") != id+".ja.pdf "+id+".en.pdf" {
			t.Errorf("%s: attachments %v", id, m.Names)
		}
		for i, n := range m.Names {
			disk, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(m.Attachments[n], disk) {
				t.Errorf("%s: the attachment differs from the PDF on disk (%d vs %d bytes)", n, len(m.Attachments[n]), len(disk))
			}
			if m.Types[i] != "application/pdf" {
				t.Errorf("%s: Content-Type %s", n, m.Types[i])
			}
		}
		file, err := os.ReadFile(filepath.Join(eml, id+".eml"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(file, m.Raw) {
			t.Errorf("%s.eml differs from the message the server received", id)
		}
	}

	var rep report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--json: %v\n%s", err, stdout)
	}
	n := 0
	for _, f := range rep.Files {
		for _, m := range f.Messages {
			n++
			if !m.Sent || !strings.Contains(m.Answer, "Ok: queued as test-") || m.Bytes < 10000 || !strings.HasPrefix(m.Subject, "[TLP:") ||
				len(m.To) != 2 || len(m.Cc) != 1 || !strings.HasSuffix(m.Path, ".eml") {
				t.Errorf("%s: message in --json: %+v", f.File, m)
			}
		}
	}
	if n != len(samples) {
		t.Errorf("--json reports %d messages, want %d:\n%s", n, len(samples), stdout)
	}
	if a := byID["ransomware-example"]; a.Raw != nil && !strings.HasPrefix(a.Subject, "[TLP:AMBER] ") {
		t.Errorf("the AMBER sample's subject: %q", a.Subject)
	}

	// The same input gives the same message, Date and Message-ID included.
	eml2 := t.TempDir()
	if status, _, stderr := runCLI(t, "render", "-o", t.TempDir(), "--mail-to", "ciso@example.org, Board <board@example.com>",
		"--mail-cc", "soc-archive@example.net", "--mail-from", "SOC <soc@example.org>", "--eml", eml2, "../../samples"); status != 0 {
		t.Fatal(stderr)
	}
	for _, id := range ids {
		a, _ := os.ReadFile(filepath.Join(eml, id+".eml"))
		b, _ := os.ReadFile(filepath.Join(eml2, id+".eml"))
		if !bytes.Equal(a, b) {
			t.Errorf("%s.eml differs between two runs of the same input", id)
		}
		m, _ := mail.ReadMessage(bytes.NewReader(a))
		if want, ok := map[string]string{"kaseya-vsa-2021": "Fri, 23 Jul 2021 00:00:00 +0000", "pla-61419-antivirus": "Thu, 06 May 2021 00:00:00 +0000"}[id]; ok && m.Header.Get("Date") != want {
			t.Errorf("%s: Date %q is not the briefing's date", id, m.Header.Get("Date"))
		}
		if !strings.HasSuffix(m.Header.Get("Message-ID"), "@example.org>") {
			t.Errorf("%s: Message-ID %q", id, m.Header.Get("Message-ID"))
		}
	}
}

// TestMailDigestLastWeek: "digest --week last" on a clock set to
// 2021-05-12 (SOURCE_DATE_EPOCH) is week 18 of 2021, and its message reaches
// the server: the digest's subject, its incidents listed, both PDFs
// attached as written.
func TestMailDigestLastWeek(t *testing.T) {
	srv := startSMTP(t, "tls")
	dir := t.TempDir()
	t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(time.Date(2021, 5, 12, 15, 0, 0, 0, time.UTC).Unix(), 10))
	status, _, stderr := runCLI(t, "digest", "--week", "last", "-o", dir, "--mail-to", "exec@example.org",
		"--mail-from", "soc@example.org", "--smtp", srv.Addr, "--smtp-ca", srv.CA, "../../samples")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, stderr)
	}
	got := srv.received(t)
	if len(got) != 1 {
		t.Fatalf("%d messages, want 1", len(got))
	}
	m := got[0]
	if want := "[TLP:CLEAR] 週次インシデント・ダイジェスト 2021年第18週"; m.Subject != want {
		t.Errorf("subject %q, want %q", m.Subject, want)
	}
	inOrder(t, strings.ReplaceAll(m.Body, "\r\n", "\n"), "TLP:CLEAR\n",
		"週次インシデント・ダイジェスト 2021年第18週", "対象期間：2021年5月3日～5月9日", "収録件数：1件",
		"- 新規 2021年5月6日  [TLP:CLEAR]", "PLA某部隊が欧米のアンチウイルスソフト購入の動き(2021.5)",
		"digest-2021-W18.ja.pdf", "Weekly incident digest, week 18 of 2021", "Period: 3–9 May 2021",
		"- New 6 May 2021  [TLP:CLEAR]")
	for _, n := range []string{"digest-2021-W18.ja.pdf", "digest-2021-W18.en.pdf"} {
		disk, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(m.Attachments[n], disk) {
			t.Errorf("%s: attachment differs from the PDF on disk", n)
		}
	}
}

// TestMailEncrypted: a TLP:RED briefing encrypted with --encrypt is mailed
// with a body that says the password comes separately; the password is in
// no message, output or report, and the attachment opens only with it.
func TestMailEncrypted(t *testing.T) {
	srv := startSMTP(t, "tls")
	dir, in := t.TempDir(), t.TempDir()
	red := filepath.Join(in, "red.toml")
	os.WriteFile(red, []byte(`format = 1
id = "red"
date = 2021-05-10
title = { ja = "VPN認証情報の漏えい", en = "Leaked VPN credentials" }
summary = { ja = "VPN装置の認証情報が流出した。", en = "Credentials of a VPN appliance were leaked." }
tlp = "RED"
`), 0o644)
	const pw = "Red-Pdf-Pw-42"
	t.Setenv(envPDFPassword, pw)
	status, stdout, stderr := runCLI(t, "render", "--encrypt-min-tlp", "AMBER", "--json", "-o", dir,
		"--mail-to", "ciso@example.org", "--mail-from", "soc@example.org", "--smtp", srv.Addr, "--smtp-ca", srv.CA, red)
	if status != 0 {
		t.Fatalf("status %d\n%s", status, stderr)
	}
	got := srv.received(t)
	if len(got) != 1 {
		t.Fatalf("%d messages", len(got))
	}
	m := got[0]
	for _, s := range []string{stdout, stderr, string(m.Raw), m.Body} {
		if strings.Contains(s, pw) {
			t.Fatal("the PDF password appears in the output or the message")
		}
	}
	if m.Subject != "[TLP:RED] VPN認証情報の漏えい" {
		t.Errorf("subject %q", m.Subject)
	}
	inOrder(t, m.Body, "TLP:RED", "個々の受信者限りの情報です。", "For the eyes and ears of individual recipients only, no further disclosure.",
		"パスワードは別の経路でお送りします。", "The PDFs are protected with a password, which is sent to you separately.")
	path := filepath.Join(t.TempDir(), "a.pdf")
	os.WriteFile(path, m.Attachments["red.ja.pdf"], 0o644)
	if out := testkit.Run(t, "qpdf", "--show-encryption", "--password="+pw, path); !strings.Contains(out, "R = 6") {
		t.Errorf("attachment not AES-256 R6:\n%s", out)
	}
	if exec.Command(testkit.Tool(t, "pdftotext"), path, "-").Run() == nil {
		t.Error("the mailed PDF opens without its password")
	}
}

// wholeFile checks that the --json report stdout has a diagnostic whose
// message contains msg, and that it is placed as every message about a
// file as a whole is: line 1, column 1, no key.
func wholeFile(t *testing.T, stdout, msg string) {
	t.Helper()
	var rep struct {
		Files []struct {
			Diagnostics []struct {
				File      string
				Line, Col int
				Key       string
				Message   string
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--json: %v\n%s", err, stdout)
	}
	found := false
	for _, f := range rep.Files {
		for _, d := range f.Diagnostics {
			if strings.Contains(d.Message, msg) {
				found = true
				if d.File == "" || d.Line != 1 || d.Col != 1 || d.Key != "" {
					t.Errorf("%q at file %q line %d, col %d, key %q; want line 1, col 1, no key", d.Message, d.File, d.Line, d.Col, d.Key)
				}
			}
		}
	}
	if !found {
		t.Errorf("--json has no diagnostic %q:\n%s", msg, stdout)
	}
}

// TestMailFailures: a refused login, a server that is down, a server
// without STARTTLS and a message over the size budget are each an error
// naming the cause (status 1), and the PDFs stay written.
func TestMailFailures(t *testing.T) {
	sample := "../../samples/kaseya-vsa-2021.toml"
	base := []string{"--mail-to", "ciso@example.org", "--mail-from", "soc@example.org"}
	pdfsKept := func(t *testing.T, dir string) {
		t.Helper()
		for _, n := range []string{"kaseya-vsa-2021.ja.pdf", "kaseya-vsa-2021.en.pdf"} {
			if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
				t.Errorf("the PDF was not kept: %v", err)
			}
		}
	}
	t.Run("auth refused", func(t *testing.T) {
		srv := startSMTP(t, "tls", "auth", "refuse")
		t.Setenv(envSMTPPassword, "wrong-Pw-9")
		dir := t.TempDir()
		status, stdout, stderr := runCLI(t, append([]string{"render", "--json", "-o", dir, "--smtp", srv.Addr, "--smtp-ca", srv.CA, "--smtp-user", "analyst"}, append(base, sample)...)...)
		if status != 1 {
			t.Errorf("status %d, want 1", status)
		}
		if !strings.Contains(stderr, "kaseya-vsa-2021.toml:1:1: email: smtp "+srv.Addr+": login refused for user \"analyst\"") {
			t.Errorf("stderr:\n%s", stderr)
		}
		if strings.Contains(stdout+stderr, "wrong-Pw-9") {
			t.Error("the password was printed")
		}
		if !strings.Contains(stdout, `"sent": false`) {
			t.Errorf("--json does not say the message was not sent:\n%s", stdout)
		}
		wholeFile(t, stdout, "email: smtp "+srv.Addr+": login refused")
		pdfsKept(t, dir)
		if len(srv.received(t)) != 0 {
			t.Error("a message was delivered")
		}
	})
	t.Run("server down", func(t *testing.T) {
		l, _ := net.Listen("tcp", "127.0.0.1:0")
		addr := l.Addr().String()
		l.Close()
		dir := t.TempDir()
		start := time.Now()
		status, stdout, stderr := runCLI(t, append([]string{"render", "--json", "-o", dir, "--smtp", addr, "--smtp-timeout", "5s"}, append(base, sample)...)...)
		if status != 1 {
			t.Errorf("status %d, want 1", status)
		}
		if !strings.Contains(stderr, "email: smtp "+addr+": connection refused") {
			t.Errorf("stderr does not name %s and the cause:\n%s", addr, stderr)
		}
		wholeFile(t, stdout, "email: smtp "+addr+": connection refused")
		if time.Since(start) > time.Minute {
			t.Errorf("took %v with a 5 s timeout", time.Since(start))
		}
		pdfsKept(t, dir)
	})
	t.Run("silent server", func(t *testing.T) {
		// Accepts the connection and never says a word.
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				defer c.Close()
			}
		}()
		dir := t.TempDir()
		status, _, stderr := runCLI(t, append([]string{"render", "-o", dir, "--smtp", l.Addr().String(), "--smtp-timeout", "2s"}, append(base, sample)...)...)
		if status != 1 || !strings.Contains(stderr, "email: smtp "+l.Addr().String()+": no answer within 2s") {
			t.Errorf("status %d:\n%s", status, stderr)
		}
		pdfsKept(t, dir)
	})
	t.Run("untrusted certificate", func(t *testing.T) {
		srv := startSMTP(t, "tls")
		dir := t.TempDir()
		status, _, stderr := runCLI(t, append([]string{"render", "-o", dir, "--smtp", srv.Addr}, append(base, sample)...)...)
		if status != 1 || !strings.Contains(stderr, "email: smtp "+srv.Addr+": TLS failed: ") || !strings.Contains(stderr, "certificate") {
			t.Errorf("a self-signed certificate not named by --smtp-ca was accepted: status %d:\n%s", status, stderr)
		}
		if len(srv.received(t)) != 0 {
			t.Error("sent to a server whose certificate is not trusted")
		}
		pdfsKept(t, dir)
	})
	t.Run("no STARTTLS", func(t *testing.T) {
		srv := startSMTP(t)
		dir := t.TempDir()
		status, stdout, stderr := runCLI(t, append([]string{"render", "--json", "-o", dir, "--smtp", srv.Addr}, append(base, sample)...)...)
		if status != 1 || !strings.Contains(stderr, "offers no STARTTLS; --smtp-insecure sends without TLS") {
			t.Errorf("status %d:\n%s", status, stderr)
		}
		wholeFile(t, stdout, "offers no STARTTLS")
		pdfsKept(t, dir)
		if len(srv.received(t)) != 0 {
			t.Error("sent without TLS")
		}
		status, _, stderr = runCLI(t, append([]string{"render", "-o", dir, "--smtp", srv.Addr, "--smtp-insecure"}, append(base, sample)...)...)
		if status != 0 || len(srv.received(t)) != 1 {
			t.Errorf("--smtp-insecure: status %d, %d delivered\n%s", status, len(srv.received(t)), stderr)
		}
	})
	t.Run("digest not written", func(t *testing.T) {
		// A folder where the Japanese digest goes: that PDF is not
		// written (nor encrypted), an error about it as a whole.
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, "digest-2021-W18.ja.pdf"), 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(time.Date(2021, 5, 12, 15, 0, 0, 0, time.UTC).Unix(), 10))
		status, stdout, stderr := runCLI(t, "digest", "--json", "--week", "last", "-o", dir, "--eml", t.TempDir(), "--mail-to", "exec@example.org",
			"--mail-from", "soc@example.org", "../../samples")
		if status != 1 {
			t.Errorf("status %d, want 1\n%s", status, stderr)
		}
		wholeFile(t, stdout, "digest-2021-W18.ja.pdf")
	})
	t.Run("size budget", func(t *testing.T) {
		srv := startSMTP(t, "tls")
		dir, eml := t.TempDir(), t.TempDir()
		status, stdout, stderr := runCLI(t, append([]string{"render", "--json", "-o", dir, "--eml", eml, "--smtp", srv.Addr, "--smtp-ca", srv.CA, "--mail-max-size", "100kB"}, append(base, sample)...)...)
		if status != 1 {
			t.Errorf("status %d, want 1", status)
		}
		if !strings.Contains(stderr, "email: message too large: ") || !strings.Contains(stderr, "over the limit of 100,000 bytes") {
			t.Errorf("stderr:\n%s", stderr)
		}
		wholeFile(t, stdout, "email: message too large: ")
		if len(srv.received(t)) != 0 {
			t.Error("the message over the budget was sent")
		}
		if _, err := os.Stat(filepath.Join(eml, "kaseya-vsa-2021.eml")); err == nil {
			t.Error("the message over the budget was written")
		}
		pdfsKept(t, dir)
	})
}
