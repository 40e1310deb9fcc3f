// Package link holds the rules for the web links of a briefing (a
// reference's or related entry's url): which URLs are accepted, the link
// target written into the PDF, and the text drawn for it.
//
// # Accepted URLs
//
// http and https URLs with a host name, and mailto URLs with e-mail
// addresses. [Check] refuses, with the reason and the fix: white space
// (write %20), a backslash, a user name or password before "@"
// (https://user:pass@evil.example@good.example/ goes to good.example), a
// port that is not a number from 1 to 65535, a missing host, a host that
// is not a host name, a malformed percent-encoding, any other scheme
// (javascript:, file:, data:), and a mailto whose address is not an
// address (mailto:javascript:…). Characters outside ASCII are allowed in
// the host (an internationalized domain name) and the rest of the URL (a
// Korean path), as browsers take them.
//
// # Two forms
//
// The link target ([Target]) is the URL in 7-bit ASCII, as ISO 32000-1
// (12.6.4.7, URI actions) requires: the host in punycode (IDNA 2008, UTS
// #46 lookup), every other character outside ASCII percent-encoded as
// UTF-8. The drawn text ([Shown]) is the URL as written, except the
// characters the template's fonts cannot draw: those are percent-encoded,
// or the whole host shown in punycode, so a URL never makes a briefing
// fail for want of a glyph, and the text a reader copies still opens the
// page.
package link

import (
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// allowed is the rule every refusal ends with.
const allowed = "a URL must start with http://, https:// or mailto:"

// Check returns nil for a URL a briefing may link to, or an error whose
// message says what is wrong with s and what to write instead. The message
// quotes s.
func Check(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%q is not valid UTF-8", s)
	}
	if i, r, ok := blank(s); ok {
		return fmt.Errorf("%q %s", s, blankMessage(s, i, r))
	}
	colon := strings.IndexByte(s, ':')
	if colon <= 0 || !isScheme(s[:colon]) {
		switch {
		case strings.HasPrefix(strings.ToLower(s), "www."):
			return fmt.Errorf("%q has no scheme; write https://%s", s, s)
		case strings.HasPrefix(s, "//"):
			return fmt.Errorf("%q has no scheme; write https:%s", s, s)
		}
		return fmt.Errorf("%q is not a URL; %s", s, allowed)
	}
	switch strings.ToLower(s[:colon]) {
	case "http", "https":
		return checkWeb(s, colon)
	case "mailto":
		return checkMail(s, colon)
	}
	return fmt.Errorf("%q is not allowed: %s", s, allowed)
}

// isScheme reports whether s has the form of a URL scheme (RFC 3986 3.1).
func isScheme(s string) bool {
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return true
}

// blank returns the byte index and the first white-space or control
// character of s.
func blank(s string) (int, rune, bool) {
	for i, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u200b' || r == '\ufeff' {
			return i, r, true
		}
	}
	return 0, 0, false
}

// blankMessage says what the white-space character r at byte i of s is,
// and how to write it.
func blankMessage(s string, i int, r rune) string {
	n := utf8.RuneCountInString(s[:i]) + 1
	switch r {
	case ' ':
		return fmt.Sprintf("contains a space (character %d): a URL has no spaces; write a space in a URL as %%20", n)
	case '\n', '\r':
		return fmt.Sprintf("contains a line break (character %d): a URL is one line; join its lines, or write a line break in it as %%0A", n)
	case '\t':
		return fmt.Sprintf("contains a tab (character %d): a URL has no tabs; write a tab in it as %%09", n)
	}
	if unicode.IsControl(r) {
		return fmt.Sprintf("contains the control character U+%04X (character %d): remove it", r, n)
	}
	return fmt.Sprintf("contains the white-space character U+%04X (character %d): a URL has none; remove it, or write it as %s", r, n, escape(string(r)))
}

// escape percent-encodes every byte of s: "%E3%80%80".
func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

// checkWeb checks an http or https URL; colon is the index of the colon
// after the scheme.
func checkWeb(s string, colon int) error {
	if i := strings.IndexByte(s, '\\'); i >= 0 {
		return fmt.Errorf(`%q contains a backslash at character %d: write / instead; browsers read \ as /, other programs do not, and the link would not go where it reads`, s, utf8.RuneCountInString(s[:i])+1)
	}
	rest := s[colon+1:]
	if !strings.HasPrefix(rest, "//") {
		return fmt.Errorf("%q has no // after the scheme: write %s://%s", s, s[:colon], strings.TrimLeft(rest, "/"))
	}
	auth, tail := splitAuthority(rest[2:])
	if at := strings.LastIndexByte(auth, '@'); at >= 0 {
		fixed := s[:colon+3] + auth[at+1:] + tail
		return fmt.Errorf("%q has a user name or password before @ (%q): a briefing's links carry no credentials, and a reader would take what comes before @ for the host; write %s", s, auth[:at+1], fixed)
	}
	host, port, err := splitHostPort(auth)
	if err != nil {
		return fmt.Errorf("%q %v", s, err)
	}
	if host == "" {
		return fmt.Errorf("%q has no host name; %s", s, allowed)
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		switch {
		case err != nil && strings.Trim(port, "0123456789") == "":
			return fmt.Errorf("%q has the port %s, out of range: a port is a number from 1 to 65535", s, port)
		case err != nil:
			return fmt.Errorf("%q has the port %q, which is not a number: a port is a number from 1 to 65535", s, port)
		case n < 1 || n > 65535:
			return fmt.Errorf("%q has the port %d, out of range: a port is a number from 1 to 65535", s, n)
		}
	}
	if err := checkHost(host); err != nil {
		return fmt.Errorf("%q %v", s, err)
	}
	if _, err := url.Parse(s); err != nil {
		return fmt.Errorf("%q %s", s, parseMessage(s, err))
	}
	return nil
}

// splitAuthority splits what follows "//" into the authority and the rest
// (path, query, fragment).
func splitAuthority(s string) (auth, tail string) {
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

// splitHostPort splits an authority without user information into host
// and port. An IPv6 address is in brackets.
func splitHostPort(auth string) (host, port string, err error) {
	if strings.HasPrefix(auth, "[") {
		end := strings.IndexByte(auth, ']')
		if end < 0 {
			return "", "", fmt.Errorf("has %q as its host, without the closing ]", auth)
		}
		host, rest := auth[:end+1], auth[end+1:]
		if rest == "" {
			return host, "", nil
		}
		if rest[0] != ':' {
			return "", "", fmt.Errorf("has %q after the host %s; a port is written :8080", rest, host)
		}
		port = rest[1:]
		if port == "" {
			return "", "", fmt.Errorf("has a colon after the host but no port; remove the colon")
		}
		return host, port, nil
	}
	i := strings.LastIndexByte(auth, ':')
	if i < 0 {
		return auth, "", nil
	}
	if i == len(auth)-1 {
		return "", "", fmt.Errorf("has a colon after the host but no port; remove the colon")
	}
	return auth[:i], auth[i+1:], nil
}

// checkHost checks a host: an IP address, an IPv6 address in brackets or
// a domain name (which may be internationalized).
func checkHost(host string) error {
	if strings.HasPrefix(host, "[") {
		if ip := net.ParseIP(host[1 : len(host)-1]); ip == nil || ip.To4() != nil {
			return fmt.Errorf("has %s as its host, which is not an IPv6 address", host)
		}
		return nil
	}
	if net.ParseIP(host) != nil {
		return nil
	}
	// The host must be valid in its ASCII form too, which is the one
	// linked to.
	if a, err := idna.Lookup.ToASCII(host); err != nil || !validASCII(a) {
		return fmt.Errorf("has %q as its host, which is not a host name: use letters, digits, hyphens and dots, as in www.example.com", host)
	}
	return nil
}

// validASCII reports whether the ASCII form of a host is a valid host.
func validASCII(a string) bool {
	_, err := idna.Lookup.ToASCII(a)
	return err == nil
}

// parseMessage words an error of url.Parse on s.
func parseMessage(s string, err error) string {
	var ue *url.Error
	msg := err.Error()
	if e, ok := err.(*url.Error); ok {
		ue = e
		msg = ue.Err.Error()
	}
	if esc, ok := strings.CutPrefix(msg, "invalid URL escape "); ok {
		return fmt.Sprintf("has %s, which is not a percent-encoding (%% and two hexadecimal digits): write a %% sign as %%25", esc)
	}
	return "is not a URL (" + msg + "); " + allowed
}

// checkMail checks a mailto URL: one or more e-mail addresses, separated
// by commas, then optional header fields (RFC 6068).
func checkMail(s string, colon int) error {
	to, _, _ := strings.Cut(s[colon+1:], "?")
	if to == "" {
		return fmt.Errorf("%q has no address; write mailto:name@example.com", s)
	}
	for _, a := range strings.Split(to, ",") {
		dec, err := url.PathUnescape(a)
		if err != nil {
			return fmt.Errorf("%q %s", s, parseMessage(s, err))
		}
		addr, err := mail.ParseAddress(dec)
		if err != nil || addr.Name != "" || addr.Address != dec {
			return fmt.Errorf("%q has %q where an e-mail address goes: write mailto:name@example.com", s, dec)
		}
		_, domain, _ := strings.Cut(addr.Address, "@")
		if !strings.HasPrefix(domain, "[") {
			if err := checkHost(domain); err != nil {
				return fmt.Errorf("%q has %q where an e-mail address goes: write mailto:name@example.com", s, dec)
			}
		}
	}
	if _, err := url.Parse(s); err != nil {
		return fmt.Errorf("%q %s", s, parseMessage(s, err))
	}
	return nil
}

// Target returns the link target of a URL that [Check] accepts, in 7-bit
// ASCII (ISO 32000-1, 12.6.4.7): an http or https host in punycode, every
// other character outside ASCII percent-encoded as UTF-8. An ASCII URL is
// returned as it is.
func Target(s string) string {
	return form(s, func(rune) bool { return false })
}

// Shown returns the text drawn for a URL that [Check] accepts: s as
// written, except each character canDraw rejects, percent-encoded as
// UTF-8, or, in an http or https host, the whole host in punycode.
// Characters of ASCII are always kept.
func Shown(s string, canDraw func(rune) bool) string {
	return form(s, canDraw)
}

// form writes s with the characters outside ASCII that keep rejects
// encoded.
func form(s string, keep func(rune) bool) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	rest := s
	if colon := strings.IndexByte(s, ':'); colon > 0 && strings.HasPrefix(s[colon+1:], "//") {
		if sch := strings.ToLower(s[:colon]); sch == "http" || sch == "https" {
			auth, tail := splitAuthority(s[colon+3:])
			host, port, _ := splitHostPort(auth)
			b.WriteString(s[:colon+3])
			if !allKept(host, keep) {
				if a, err := idna.Lookup.ToASCII(host); err == nil {
					host = a
				}
			}
			b.WriteString(encode(host, keep))
			if port != "" {
				b.WriteString(":" + port)
			}
			rest = tail
		}
	}
	b.WriteString(encode(rest, keep))
	return b.String()
}

func allKept(s string, keep func(rune) bool) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && !keep(r) {
			return false
		}
	}
	return true
}

// encode percent-encodes the characters of s outside ASCII that keep
// rejects.
func encode(s string, keep func(rune) bool) string {
	if allKept(s, keep) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r < utf8.RuneSelf || keep(r) {
			b.WriteRune(r)
			continue
		}
		b.WriteString(escape(string(r)))
	}
	return b.String()
}
