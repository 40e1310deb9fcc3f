package main

import (
	"encoding/json"
	"mime"
	netmail "net/mail"
	"slices"
	"strings"
	"testing"
)

// TestMailAddresses: the addresses of a message as a user gives them — a
// Japanese name, a name with a comma, an internationalized domain — are
// reported by --json as given (names decoded, as the subject is), while
// the message and the SMTP envelope carry them as every server takes
// them: names RFC 2047-encoded, the domain in its A-labels (a real SMTP
// server on 127.0.0.1 that refuses 8-bit addresses receives the message).
// A local part that is not ASCII is refused on the command line (status 2).
func TestMailAddresses(t *testing.T) {
	srv := startSMTP(t, "tls")
	sample := "../../samples/kaseya-vsa-2021.toml"
	args := []string{"--json", "--lang", "en", "--mail-to", "ciso@例え.テスト", "--mail-from", "SOC チーム <soc@example.org>",
		"--mail-cc", `監査役 <audit@example.org>,"Doe, Jane" <jane@example.org>`, "--smtp", srv.Addr, "--smtp-ca", srv.CA}
	wantFrom, wantTo, wantCc := "SOC チーム <soc@example.org>", []string{"ciso@例え.テスト"}, []string{"監査役 <audit@example.org>", `"Doe, Jane" <jane@example.org>`}
	for _, cmd := range []string{"render", "digest"} {
		var rep struct {
			Files []struct {
				File     string `json:"file"`
				Messages []struct {
					From string   `json:"from"`
					To   []string `json:"to"`
					Cc   []string `json:"cc"`
					Path string   `json:"path"`
					Sent bool     `json:"sent"`
				} `json:"messages"`
			} `json:"files"`
		}
		eml := t.TempDir()
		run := append([]string{cmd, "-o", t.TempDir(), "--eml", eml}, args...)
		if cmd == "digest" {
			run = append(run, "--month", "2021-07")
		}
		status, stdout, stderr := runCLI(t, append(run, sample)...)
		if status != 0 {
			t.Fatalf("%s: status %d\n%s", cmd, status, stderr)
		}
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatal(err)
		}
		var got int
		for _, f := range rep.Files {
			for _, m := range f.Messages {
				got++
				if m.From != wantFrom || !slices.Equal(m.To, wantTo) || !slices.Equal(m.Cc, wantCc) || !m.Sent {
					t.Errorf("%s: --json says from %q to %q cc %q (sent %v); want %q, %q, %q", cmd, m.From, m.To, m.Cc, m.Sent, wantFrom, wantTo, wantCc)
				}
			}
		}
		if got != 1 {
			t.Fatalf("%s: %d messages in --json, want 1:\n%s", cmd, got, stdout)
		}
	}
	recv := srv.received(t)
	if len(recv) != 2 {
		t.Fatalf("%d messages received, want 2 (render, digest)", len(recv))
	}
	for _, d := range recv {
		if want := []string{"ciso@xn--r8jz45g.xn--zckzah", "audit@example.org", "jane@example.org"}; !slices.Equal(d.Rcpt, want) {
			t.Errorf("envelope recipients %q, want %q", d.Rcpt, want)
		}
		m, err := netmail.ReadMessage(strings.NewReader(string(d.Raw)))
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range []string{"From", "To", "Cc"} {
			if raw := m.Header.Get(h); strings.ContainsFunc(raw, func(r rune) bool { return r >= 0x80 }) {
				t.Errorf("%s: not ASCII: %q", h, raw)
			}
		}
		var names, addrs []string
		for _, h := range []string{"From", "To", "Cc"} {
			list, err := (&netmail.AddressParser{WordDecoder: new(mime.WordDecoder)}).ParseList(m.Header.Get(h))
			if err != nil {
				t.Fatalf("%s: %v", h, err)
			}
			for _, a := range list {
				names, addrs = append(names, a.Name), append(addrs, a.Address)
			}
		}
		if want := []string{"SOC チーム", "", "監査役", "Doe, Jane"}; !slices.Equal(names, want) {
			t.Errorf("names read back %q, want %q", names, want)
		}
		if want := []string{"soc@example.org", "ciso@xn--r8jz45g.xn--zckzah", "audit@example.org", "jane@example.org"}; !slices.Equal(addrs, want) {
			t.Errorf("addresses read back %q, want %q", addrs, want)
		}
	}

	status, _, stderr := runCLI(t, "render", "-o", t.TempDir(), "--eml", t.TempDir(), "--mail-to", "担当@example.org", "--mail-from", "soc@example.org", sample)
	if status != 2 || !strings.Contains(stderr, `recipient "担当@example.org": the part before @ (担当) is not ASCII`) {
		t.Errorf("a local part in Japanese: status %d\n%s", status, stderr)
	}
}
