// Package indicator holds the rules of indicators of compromise (IOCs):
// which types there are, which values each type takes, how a value is
// defanged for printing, and the two machine-readable forms a briefing
// embeds, an RFC 4180 CSV file ([CSV]) and a STIX 2.1 bundle ([STIX]).
//
// Values are checked with the standard library and golang.org/x/net/idna:
// net/netip for addresses and prefixes, net/mail for e-mail addresses,
// the UTS #46 lookup profile for domain names (internationalized names
// included), and hex digits of the right count for hashes. A value is kept
// as written; [Key] gives the form two values are compared in, so that
// `EVIL.example` and `evil.example` count as one indicator.
package indicator

import (
	"errors"
	"fmt"
	"net/mail"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// Type is the kind of an indicator, as written in the `type` key.
type Type string

// The types of indicator.
const (
	IPv4     Type = "ipv4"     // an IPv4 address, 203.0.113.10
	IPv6     Type = "ipv6"     // an IPv6 address, 2001:db8::1
	CIDR     Type = "cidr"     // an IPv4 or IPv6 prefix, 203.0.113.0/24
	Domain   Type = "domain"   // a domain name, evil.example (IDN allowed)
	URL      Type = "url"      // an absolute URL with a host
	Email    Type = "email"    // an e-mail address, user@evil.example
	MD5      Type = "md5"      // 32 hex digits
	SHA1     Type = "sha1"     // 40 hex digits
	SHA256   Type = "sha256"   // 64 hex digits
	SHA512   Type = "sha512"   // 128 hex digits
	File     Type = "file"     // a file name, invoice.pdf.exe
	Registry Type = "registry" // a Windows registry key, HKLM\Software\…
	ASN      Type = "asn"      // an autonomous system number, AS64496
)

// Types lists every type in the order a briefing groups them.
var Types = []Type{IPv4, IPv6, CIDR, Domain, URL, Email, MD5, SHA1, SHA256, SHA512, File, Registry, ASN}

// ParseType returns the type named s (case-insensitive) or an error
// listing the types.
func ParseType(s string) (Type, error) {
	t := Type(strings.ToLower(strings.TrimSpace(s)))
	for _, k := range Types {
		if k == t {
			return k, nil
		}
	}
	names := make([]string, len(Types))
	for i, k := range Types {
		names[i] = string(k)
	}
	return "", fmt.Errorf("%q is not a type of indicator: the types are %s", s, strings.Join(names, ", "))
}

// maxValue bounds a value's length in bytes (a long URL fits; a pasted
// file does not).
const maxValue = 4096

// hexLen is the number of hex digits of each hash type.
var hexLen = map[Type]int{MD5: 32, SHA1: 40, SHA256: 64, SHA512: 128}

// ControlError is the error of [Check] for a value holding a control
// character (U+0000–U+001F, U+007F–U+009F): the first one and its byte
// offset in the value, so that a message can point at its column.
type ControlError struct {
	Value string
	Char  rune
	Off   int // bytes of Value before Char
}

func (e *ControlError) Error() string {
	return fmt.Sprintf("%q holds the control character U+%04X", e.Value, e.Char)
}

// Check reports whether v is a value of type t. Its error says what the
// type allows, in words for the people who write incident files, e.g.
// `"203.0.113.300" is not an IPv4 address: four numbers from 0 to 255
// joined by dots, e.g. 203.0.113.10`.
func Check(t Type, v string) error {
	if v == "" {
		return errors.New("is empty: write the " + describe[t])
	}
	if len(v) > maxValue {
		return fmt.Errorf("is %d bytes long: at most %d", len(v), maxValue)
	}
	if strings.TrimSpace(v) != v {
		return fmt.Errorf("%q has spaces around it: write the value alone", v)
	}
	if networked(t) && looksDefanged(v) {
		return fmt.Errorf("%q looks defanged: write the value as it is; the briefing defangs it when printing", v)
	}
	for i, r := range v {
		if unicode.IsControl(r) {
			return &ControlError{Value: v, Char: r, Off: i}
		}
	}
	bad := func(what string) error { return fmt.Errorf("%q is not %s", v, what) }
	switch t {
	case IPv4:
		a, err := netip.ParseAddr(v)
		if err != nil || !a.Is4() {
			return bad("an IPv4 address: four numbers from 0 to 255 joined by dots, e.g. 203.0.113.10")
		}
	case IPv6:
		a, err := netip.ParseAddr(v)
		if err != nil || !a.Is6() || a.Zone() != "" {
			return bad("an IPv6 address: groups of hex digits joined by colons, e.g. 2001:db8::1 (without a %zone)")
		}
	case CIDR:
		p, err := netip.ParsePrefix(v)
		if err != nil || p.Addr().Zone() != "" {
			return bad("a CIDR prefix: an IPv4 or IPv6 address, a slash and the prefix length, e.g. 203.0.113.0/24 or 2001:db8::/32")
		}
		if p.Masked() != p {
			return fmt.Errorf("%q has bits set past its prefix length: write %s", v, p.Masked())
		}
	case Domain:
		if err := checkHost(v, false); err != nil {
			return fmt.Errorf("%q is not a domain name: %v", v, err)
		}
	case URL:
		return checkURL(v)
	case Email:
		a, err := mail.ParseAddress(v)
		if err != nil || a.Name != "" || a.Address != v {
			return bad("an e-mail address: a local part, @ and a domain, e.g. user@evil.example (without a display name or <>)")
		}
		at := strings.LastIndexByte(v, '@')
		if err := checkHost(v[at+1:], false); err != nil {
			return fmt.Errorf("%q is not an e-mail address: its domain %v", v, err)
		}
	case MD5, SHA1, SHA256, SHA512:
		n := hexLen[t]
		for i := 0; i < len(v); i++ {
			if !isHex(v[i]) {
				r, _ := utf8.DecodeRuneInString(v[i:])
				return fmt.Errorf("%q is not a%s %s hash: %q at character %d is not a hex digit (0–9, a–f)",
					v, article(t), strings.ToUpper(string(t)), r, utf8.RuneCountInString(v[:i])+1)
			}
		}
		if len(v) != n {
			return fmt.Errorf("%q is not a%s %s hash: it has %d hex digits, an %s hash has %d",
				v, article(t), strings.ToUpper(string(t)), len(v), strings.ToUpper(string(t)), n)
		}
	case File:
		if strings.ContainsAny(v, "\x00") {
			return bad("a file name")
		}
	case Registry:
		hive, _, _ := strings.Cut(v, `\`)
		if _, ok := hives[strings.ToUpper(hive)]; !ok {
			return bad(`a Windows registry key: a hive (HKEY_LOCAL_MACHINE or HKLM, HKEY_CURRENT_USER or HKCU, HKEY_CLASSES_ROOT or HKCR, HKEY_USERS or HKU, HKEY_CURRENT_CONFIG or HKCC), a backslash and the key, e.g. HKLM\Software\Microsoft\Windows\CurrentVersion\Run`)
		}
	case ASN:
		if _, err := asNumber(v); err != nil {
			return bad("an autonomous system number: AS and a number from 1 to 4294967295, e.g. AS64496")
		}
	default:
		_, err := ParseType(string(t))
		return err
	}
	return nil
}

// describe names what each type's value is.
var describe = map[Type]string{
	IPv4: "IPv4 address", IPv6: "IPv6 address", CIDR: "CIDR prefix", Domain: "domain name",
	URL: "URL", Email: "e-mail address", MD5: "MD5 hash", SHA1: "SHA1 hash", SHA256: "SHA256 hash",
	SHA512: "SHA512 hash", File: "file name", Registry: "registry key", ASN: "AS number",
}

func article(t Type) string {
	if t == MD5 {
		return "n"
	}
	return ""
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// hives are the registry hives and their usual abbreviations, with the
// full name each stands for.
var hives = map[string]string{
	"HKEY_LOCAL_MACHINE": "HKEY_LOCAL_MACHINE", "HKLM": "HKEY_LOCAL_MACHINE",
	"HKEY_CURRENT_USER": "HKEY_CURRENT_USER", "HKCU": "HKEY_CURRENT_USER",
	"HKEY_CLASSES_ROOT": "HKEY_CLASSES_ROOT", "HKCR": "HKEY_CLASSES_ROOT",
	"HKEY_USERS": "HKEY_USERS", "HKU": "HKEY_USERS",
	"HKEY_CURRENT_CONFIG": "HKEY_CURRENT_CONFIG", "HKCC": "HKEY_CURRENT_CONFIG",
}

// asNumber parses AS64496, as64496 or 64496.
func asNumber(v string) (uint32, error) {
	s := v
	if len(s) > 2 && strings.EqualFold(s[:2], "AS") {
		s = s[2:]
	}
	if s == "" || s[0] == '+' || s[0] == '-' {
		return 0, errors.New("not a number")
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil || n == 0 {
		return 0, errors.New("not a number from 1 to 4294967295")
	}
	return uint32(n), nil
}

// lookup is the UTS #46 profile a domain name is checked with: the rules
// of a resolver, with the STD 3 ASCII rules (letters, digits, hyphens).
var lookup = idna.New(idna.MapForLookup(), idna.StrictDomainName(true), idna.VerifyDNSLength(true), idna.BidiRule())

// checkHost checks a domain name (with at least two labels) or, where ip
// is set, an IP address as a URL writes it.
func checkHost(h string, ip bool) error {
	if h == "" {
		return errors.New("is empty")
	}
	if ip {
		if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
			if a, err := netip.ParseAddr(h[1 : len(h)-1]); err == nil && a.Is6() {
				return nil
			}
			return errors.New("holds a bracketed host that is not an IPv6 address")
		}
		if a, err := netip.ParseAddr(h); err == nil && a.Is4() {
			return nil
		}
	} else if _, err := netip.ParseAddr(h); err == nil {
		return errors.New("is an IP address: give it the type ipv4 or ipv6")
	}
	if strings.HasSuffix(h, ".") {
		return errors.New("ends with a dot: leave the root's dot out")
	}
	a, err := lookup.ToASCII(h)
	if err != nil {
		return errors.New("has a label that is not a valid name: letters, digits and hyphens, each label 1 to 63 characters, not starting or ending with a hyphen")
	}
	if !strings.Contains(a, ".") {
		return errors.New("has a single label: write the full name, e.g. evil.example")
	}
	return nil
}

// checkURL checks an absolute URL with a scheme and a host.
func checkURL(v string) error {
	u, err := url.Parse(v)
	what := "a URL: a scheme, :// and a host, e.g. https://evil.example/path"
	if err != nil || u.Scheme == "" || u.Opaque != "" || !strings.Contains(v, "://") {
		return fmt.Errorf("%q is not %s", v, what)
	}
	if strings.ContainsAny(v, " \t") {
		return fmt.Errorf("%q is not %s: percent-encode its spaces (%%20)", v, what)
	}
	host := u.Host
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		host = host[:i]
	}
	if u.User != nil && strings.Contains(host, "@") {
		return fmt.Errorf("%q is not %s", v, what)
	}
	if err := checkHost(host, true); err != nil {
		return fmt.Errorf("%q is not %s: its host %v", v, what, err)
	}
	return nil
}

// Key returns the form in which two values of type t are the same
// indicator: addresses in their canonical form, domain names, e-mail
// domains, URLs' schemes and hosts and hashes in lower case, AS numbers as
// the number. It assumes
// Check accepted v.
func Key(t Type, v string) string {
	switch t {
	case IPv4, IPv6:
		if a, err := netip.ParseAddr(v); err == nil {
			return a.String()
		}
	case CIDR:
		if p, err := netip.ParsePrefix(v); err == nil {
			return p.String()
		}
	case Domain:
		if a, err := lookup.ToASCII(v); err == nil {
			return a
		}
	case Email:
		at := strings.LastIndexByte(v, '@')
		if a, err := lookup.ToASCII(v[at+1:]); err == nil {
			return v[:at+1] + a
		}
	case URL:
		return urlKey(v)
	case MD5, SHA1, SHA256, SHA512:
		return strings.ToLower(v)
	case Registry:
		hive, rest, _ := strings.Cut(v, `\`)
		return strings.ToLower(hives[strings.ToUpper(hive)] + `\` + rest)
	case ASN:
		if n, err := asNumber(v); err == nil {
			return strconv.FormatUint(uint64(n), 10)
		}
	}
	return v
}

// urlKey is an absolute URL with its scheme in lower case and its host
// as Key gives a domain name (or an address), the parts RFC 3986 (6.2.2.1)
// compares without regard to case; user, port, path, query and fragment
// stay as written.
func urlKey(v string) string {
	u, ok := splitURL(v)
	if !ok {
		return v
	}
	host := u.host
	if u.literal {
		if a, err := netip.ParseAddr(host); err == nil {
			host = a.String()
		}
		host = "[" + host + "]"
	} else if a, err := lookup.ToASCII(host); err == nil && !strings.HasPrefix(host, "[") {
		host = a // an unclosed "[" is left as written
	}
	return strings.ToLower(u.scheme) + "://" + u.user + host + u.port + u.tail
}

// urlParts is an absolute URL cut where RFC 3986 (3.2) parts its
// authority: user is "name@" or "", host an IPv6 literal's address
// without its brackets when literal (a "[" never closed stays in host),
// port ":n" or "", and tail the rest from the path on.
type urlParts struct {
	scheme, user, host, port, tail string
	literal                        bool
}

// splitURL cuts v into its parts; ok is false when v has no "://".
func splitURL(v string) (u urlParts, ok bool) {
	scheme, rest, ok := strings.Cut(v, "://")
	if !ok {
		return u, false
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	auth := rest[:end]
	u = urlParts{scheme: scheme, tail: rest[end:]}
	if at := strings.LastIndexByte(auth, '@'); at >= 0 {
		u.user, auth = auth[:at+1], auth[at+1:]
	}
	u.host = auth
	if strings.HasPrefix(auth, "[") {
		if i := strings.IndexByte(auth, ']'); i >= 0 {
			u.host, u.port, u.literal = auth[1:i], auth[i+1:], true
		}
	} else if i := strings.LastIndexByte(auth, ':'); i >= 0 {
		u.host, u.port = auth[:i], auth[i:]
	}
	return u, true
}

// networked reports whether values of t are addresses or names on a
// network, the ones a briefing defangs.
func networked(t Type) bool {
	switch t {
	case IPv4, IPv6, CIDR, Domain, URL, Email:
		return true
	}
	return false
}

// looksDefanged reports whether v already carries a defanging mark.
func looksDefanged(v string) bool {
	l := strings.ToLower(v)
	for _, m := range []string{"[.]", "[@]", "[:]", "(.)", "[dot]", "hxxp://", "hxxps://", "fxp://"} {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}
