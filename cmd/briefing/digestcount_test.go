package main

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// TestDigestMailFailureCounted: a digest whose email is not delivered (too
// large for --mail-max-size, a server that refuses the login, no server
// listening) is counted as failed in the stderr summary line a scheduled
// job reads, and the line agrees with --json's "failed": the files left
// out plus the email.
func TestDigestMailFailureCounted(t *testing.T) {
	in := t.TempDir()
	for n, s := range map[string]string{
		"a.toml":   "format = 2\nid = \"a\"\ndate = 2026-11-24\ntitle = \"Outage\"\nsummary = \"x\"\ntlp = \"CLEAR\"\n",
		"b.toml":   "format = 2\nid = \"b\"\ndate = 2026-11-25\ntitle = \"Phishing\"\nsummary = \"y\"\ntlp = \"GREEN\"\n",
		"bad.toml": "format = 2\nid = \"bad\"\ndate = 2026-11-26\ntitle = \"Broken\"\nsummary = \"z\"\nseverity = \"hgih\"\n",
	} {
		if err := os.WriteFile(filepath.Join(in, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := []string{filepath.Join(in, "a.toml"), filepath.Join(in, "b.toml")}
	base := []string{"digest", "--week", "2026-W48", "--json", "--mail-to", "ciso@example.org", "--mail-from", "soc@example.org"}
	line := regexp.MustCompile(`(?m)^briefing: .* written \(.*\), (\d+) failed, [0-9.]+ s$`)
	check := func(t *testing.T, want int, args ...string) {
		t.Helper()
		status, stdout, stderr := runCLI(t, append(append(base, "-o", t.TempDir()), args...)...)
		if status != 1 {
			t.Errorf("status %d, want 1\n%s", status, stderr)
		}
		m := line.FindStringSubmatch(stderr)
		if m == nil {
			t.Fatalf("no summary line:\n%s", stderr)
		}
		var rep struct {
			Summary struct{ Failed int } `json:"summary"`
		}
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatal(err)
		}
		if n, _ := strconv.Atoi(m[1]); n != want || rep.Summary.Failed != want {
			t.Errorf("stderr says %s failed, --json %d; want %d for both\n%s", m[1], rep.Summary.Failed, want, stderr)
		}
	}
	t.Run("too large", func(t *testing.T) {
		check(t, 1, append([]string{"--eml", t.TempDir(), "--mail-max-size", "20kB"}, good...)...)
	})
	t.Run("login refused", func(t *testing.T) {
		srv := startSMTP(t, "tls", "auth", "refuse")
		t.Setenv(envSMTPPassword, "wrong-Pw-9")
		check(t, 2, "--smtp", srv.Addr, "--smtp-ca", srv.CA, "--smtp-user", "analyst", in)
	})
	t.Run("server down", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		check(t, 2, "--smtp", addr, "--smtp-timeout", "5s", in)
	})
}
