package link

import (
	"net/url"
	"strings"
	"testing"
)

// TestCheck checks each kind of refused URL (the message in full) and the
// URLs accepted.
func TestCheck(t *testing.T) {
	t.Parallel()
	const rule = "a URL must start with http://, https:// or mailto:"
	for _, tt := range []struct{ url, want string }{
		// White space: what it is, and how to write it.
		{"https://example.com/my file.pdf", `"https://example.com/my file.pdf" contains a space (character 23): a URL has no spaces; write a space in a URL as %20`},
		{"https://example.com/a\tb", `"https://example.com/a\tb" contains a tab (character 22): a URL has no tabs; write a tab in it as %09`},
		{"https://example.com/long/\npath", `"https://example.com/long/\npath" contains a line break (character 26): a URL is one line; join its lines, or write a line break in it as %0A`},
		{" https://example.com/", `" https://example.com/" contains a space (character 1): a URL has no spaces; write a space in a URL as %20`},
		{"https://example.com/\u3000", `"https://example.com/\u3000" contains the white-space character U+3000 (character 21): a URL has none; remove it, or write it as %E3%80%80`},
		{"https://example.com/\u00a0x", `"https://example.com/\u00a0x" contains the white-space character U+00A0 (character 21): a URL has none; remove it, or write it as %C2%A0`},
		// Credentials, of any kind.
		{"https://user:pass@evil.example@good.example/", `"https://user:pass@evil.example@good.example/" has a user name or password before @ ("user:pass@evil.example@"): a briefing's links carry no credentials, and a reader would take what comes before @ for the host; write https://good.example/`},
		{"https://admin@example.com/x", `"https://admin@example.com/x" has a user name or password before @ ("admin@"): a briefing's links carry no credentials, and a reader would take what comes before @ for the host; write https://example.com/x`},
		{"http://@example.com", `"http://@example.com" has a user name or password before @ ("@"): a briefing's links carry no credentials, and a reader would take what comes before @ for the host; write http://example.com`},
		// Ports.
		{"https://example.com:99999/", `"https://example.com:99999/" has the port 99999, out of range: a port is a number from 1 to 65535`},
		{"https://example.com:0/", `"https://example.com:0/" has the port 0, out of range: a port is a number from 1 to 65535`},
		{"https://example.com:123456789012345678901/", `"https://example.com:123456789012345678901/" has the port 123456789012345678901, out of range: a port is a number from 1 to 65535`},
		{"https://example.com:http/", `"https://example.com:http/" has the port "http", which is not a number: a port is a number from 1 to 65535`},
		{"https://example.com:/", `"https://example.com:/" has a colon after the host but no port; remove the colon`},
		// Hosts.
		{"https:///x", `"https:///x" has no host name; ` + rule},
		{"http://", `"http://" has no host name; ` + rule},
		{"https://:8080/", `"https://:8080/" has no host name; ` + rule},
		{"https://exa_mple.com/", `"https://exa_mple.com/" has "exa_mple.com" as its host, which is not a host name: use letters, digits, hyphens and dots, as in www.example.com`},
		{"https://[1.2.3.4]/", `"https://[1.2.3.4]/" has [1.2.3.4] as its host, which is not an IPv6 address`},
		{"https://[::1/", `"https://[::1/" has "[::1" as its host, without the closing ]`},
		{"https:example.com", `"https:example.com" has no // after the scheme: write https://example.com`},
		// Backslashes.
		{`https:\\example.com\a`, `"https:\\\\example.com\\a" contains a backslash at character 7: write / instead; browsers read \ as /, other programs do not, and the link would not go where it reads`},
		{`https://example.com\@evil.example/`, `"https://example.com\\@evil.example/" contains a backslash at character 20: write / instead; browsers read \ as /, other programs do not, and the link would not go where it reads`},
		// Percent-encoding.
		{"https://example.com/100%", `"https://example.com/100%" has "%", which is not a percent-encoding (% and two hexadecimal digits): write a % sign as %25`},
		{"https://example.com/%zz", `"https://example.com/%zz" has "%zz", which is not a percent-encoding (% and two hexadecimal digits): write a % sign as %25`},
		// Schemes.
		{"javascript:alert(1)", `"javascript:alert(1)" is not allowed: ` + rule},
		{"file:///etc/passwd", `"file:///etc/passwd" is not allowed: ` + rule},
		{"data:text/html,x", `"data:text/html,x" is not allowed: ` + rule},
		{"www.example.com", `"www.example.com" has no scheme; write https://www.example.com`},
		{"//example.com/a", `"//example.com/a" has no scheme; write https://example.com/a`},
		{"example", `"example" is not a URL; ` + rule},
		// mailto: an address, or it is refused.
		{"mailto:javascript:alert(1)", `"mailto:javascript:alert(1)" has "javascript:alert(1)" where an e-mail address goes: write mailto:name@example.com`},
		{"mailto:", `"mailto:" has no address; write mailto:name@example.com`},
		{"mailto:?subject=x", `"mailto:?subject=x" has no address; write mailto:name@example.com`},
		{"mailto:soc", `"mailto:soc" has "soc" where an e-mail address goes: write mailto:name@example.com`},
		{"mailto:Team%20%3Csoc@example.com%3E", `"mailto:Team%20%3Csoc@example.com%3E" has "Team <soc@example.com>" where an e-mail address goes: write mailto:name@example.com`},
		{"mailto:soc@exa_mple.com", `"mailto:soc@exa_mple.com" has "soc@exa_mple.com" where an e-mail address goes: write mailto:name@example.com`},
	} {
		err := Check(tt.url)
		if err == nil {
			t.Errorf("%q accepted, want %s", tt.url, tt.want)
		} else if err.Error() != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.url, err, tt.want)
		}
	}
	for _, ok := range []string{
		"https://example.com", "HTTPS://EXAMPLE.COM/", "http://example.com:8080/a?b=c#d",
		"https://ko.wikipedia.org/wiki/대한민국", "https://例え.テスト/パス?q=値#節",
		"https://192.0.2.1/", "https://[2001:db8::1]:8443/", "https://example.com./",
		"https://example.com/a%20b", "mailto:soc@example.com", "mailto:a@example.com,b@example.com?subject=Hi%20there",
		"mailto:%E7%AA%93%E5%8F%A3@example.jp",
	} {
		if err := Check(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
}

// TestForms checks the link target (ASCII, ISO 32000-1 12.6.4.7) and the
// drawn text for fonts with and without the URL's characters.
func TestForms(t *testing.T) {
	t.Parallel()
	japanese := func(r rune) bool { return r < 0x2000 || r >= 0x3000 && r <= 0x9fff }
	for _, tt := range []struct{ url, target, shown string }{
		{"https://example.com/a?b#c", "https://example.com/a?b#c", "https://example.com/a?b#c"},
		{"https://ko.wikipedia.org/wiki/대한민국",
			"https://ko.wikipedia.org/wiki/%EB%8C%80%ED%95%9C%EB%AF%BC%EA%B5%AD",
			"https://ko.wikipedia.org/wiki/%EB%8C%80%ED%95%9C%EB%AF%BC%EA%B5%AD"},
		{"https://ja.wikipedia.org/wiki/日本",
			"https://ja.wikipedia.org/wiki/%E6%97%A5%E6%9C%AC",
			"https://ja.wikipedia.org/wiki/日本"},
		{"https://例え.テスト:8443/パス?q=値#대",
			"https://xn--r8jz45g.xn--zckzah:8443/%E3%83%91%E3%82%B9?q=%E5%80%A4#%EB%8C%80",
			"https://例え.テスト:8443/パス?q=値#%EB%8C%80"},
		{"https://한국.kr/", "https://xn--3e0b707e.kr/", "https://xn--3e0b707e.kr/"},
		{"mailto:窓口@example.jp", "mailto:%E7%AA%93%E5%8F%A3@example.jp", "mailto:窓口@example.jp"},
	} {
		if got := Target(tt.url); got != tt.target {
			t.Errorf("Target(%q)\n got %s\nwant %s", tt.url, got, tt.target)
		}
		if got := Shown(tt.url, japanese); got != tt.shown {
			t.Errorf("Shown(%q)\n got %s\nwant %s", tt.url, got, tt.shown)
		}
		if got := Shown(tt.url, func(rune) bool { return true }); got != tt.url {
			t.Errorf("Shown(%q) with every glyph = %s, want it as written", tt.url, got)
		}
		for _, r := range Target(tt.url) {
			if r >= 0x80 {
				t.Errorf("Target(%q) is not ASCII", tt.url)
				break
			}
		}
	}
}

// FuzzCheck checks that Check never panics, and that a URL it accepts has
// an ASCII link target that it accepts too and that net/url reads with the
// same scheme, no user information and, for http and https, a host.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"https://example.com/", "https://user:pass@evil.example@good.example/", "https://example.com:99999/",
		"mailto:javascript:alert(1)", "mailto:a@example.com,b@example.com?subject=x", "https://example.com/my file.pdf",
		"https://ko.wikipedia.org/wiki/대한민국", "https://例え.テスト:8443/パス?q=値#節", "http:///x", `https:\\example.com\a`,
		"https://[2001:db8::1]:8443/", "https://example.com/%zz", "HTTP://EXAMPLE.COM", "https://xn--r8jz45g.xn--zckzah/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if Check(s) != nil {
			return
		}
		target := Target(s)
		for i := 0; i < len(target); i++ {
			if target[i] >= 0x80 {
				t.Fatalf("Target(%q) = %q is not ASCII", s, target)
			}
		}
		if err := Check(target); err != nil {
			t.Fatalf("Target(%q) = %q is refused: %v", s, target, err)
		}
		u, err := url.Parse(target)
		if err != nil {
			t.Fatalf("Target(%q) = %q: %v", s, target, err)
		}
		if u.User != nil || !strings.EqualFold(u.Scheme, s[:strings.IndexByte(s, ':')]) {
			t.Fatalf("Target(%q) = %q: user %v, scheme %q", s, target, u.User, u.Scheme)
		}
		if u.Scheme != "mailto" && !strings.EqualFold(u.Scheme, "mailto") && u.Host == "" {
			t.Fatalf("Target(%q) = %q has no host", s, target)
		}
		if got := Shown(s, func(rune) bool { return true }); got != s {
			t.Fatalf("Shown(%q) with every glyph = %q", s, got)
		}
	})
}

// BenchmarkCheck checks and forms a reference URL as a briefing does: once
// per URL for validation, twice more for the drawn text and the target.
func BenchmarkCheck(b *testing.B) {
	for _, u := range []string{"https://attack.mitre.org/groups/G0016/", "https://ko.wikipedia.org/wiki/대한민국"} {
		b.Run(u[8:10], func(b *testing.B) {
			for b.Loop() {
				if Check(u) != nil {
					b.Fatal(u)
				}
				_ = Shown(u, func(r rune) bool { return r < 0x3000 })
				_ = Target(u)
			}
		})
	}
}
