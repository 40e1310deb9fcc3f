package indicator

import (
	"fmt"
	"net/netip"
	"strings"
	"unicode"
)

// Defang returns v as a briefing prints it, so that no reader, mail
// client or PDF viewer turns it into a working link or address:
//
//	ipv4    203.0.113.10              203.0.113[.]10 (the last dot)
//	ipv6    2001:db8::1               2001[:]db8::1 (the first colon)
//	cidr    203.0.113.0/24            203.0.113[.]0/24, as its address
//	domain  www.evil.example          www[.]evil[.]example (every dot, 。．｡ too)
//	url     https://evil.example/x    hxxps://evil[.]example/x (scheme and host)
//	email   user@evil.example         user[@]evil[.]example
//
// Hashes, file names, registry keys and AS numbers are returned as they
// are. The marks are those analysts exchange (hxxp, [.], [@]); v is
// assumed to have passed [Check].
func Defang(t Type, v string) string {
	switch t {
	case IPv4:
		return defangIPv4(v)
	case IPv6:
		return strings.Replace(v, ":", "[:]", 1)
	case CIDR:
		addr, bits, _ := strings.Cut(v, "/")
		if a, err := netip.ParseAddr(addr); err == nil && a.Is4() {
			return defangIPv4(addr) + "/" + bits
		}
		return strings.Replace(addr, ":", "[:]", 1) + "/" + bits
	case Domain:
		return defangName(v)
	case Email:
		at := strings.LastIndexByte(v, '@')
		if at < 0 {
			return v
		}
		return v[:at] + "[@]" + defangName(v[at+1:])
	case URL:
		return defangURL(v)
	}
	return v
}

func defangIPv4(v string) string {
	i := strings.LastIndexByte(v, '.')
	if i < 0 {
		return v
	}
	return v[:i] + "[.]" + v[i+1:]
}

// defangName writes every label separator of a host name as [.]: the
// full stop and the three that UTS #46 maps to it (。 U+3002, ．U+FF0E,
// ｡ U+FF61), which Check accepts and browsers resolve as dots, so that
// evil．example is not printed live.
func defangName(v string) string { return dots.Replace(v) }

var dots = strings.NewReplacer(".", "[.]", "\u3002", "[.]", "\uFF0E", "[.]", "\uFF61", "[.]")

// schemes maps the schemes a briefing defangs to their defanged forms;
// other schemes keep theirs, their host still defanged.
var schemes = map[string]string{"http": "hxxp", "https": "hxxps", "ftp": "fxp", "ftps": "fxps"}

// defangURL rewrites the scheme and the host of an absolute URL, leaving
// its user, port, path, query and fragment as written.
func defangURL(v string) string {
	u, ok := splitURL(v)
	if !ok {
		return v
	}
	scheme := u.scheme
	if d, ok := schemes[strings.ToLower(scheme)]; ok {
		if scheme == strings.ToUpper(scheme) {
			d = strings.ToUpper(d)
		}
		scheme = d
	}
	host := u.host
	switch a, err := netip.ParseAddr(host); {
	case u.literal:
		host = "[" + strings.Replace(host, ":", "[:]", 1) + "]"
	case strings.HasPrefix(host, "["): // unclosed: left as written
	case err == nil && a.Is4():
		host = defangIPv4(host)
	default:
		host = defangName(host)
	}
	return scheme + "://" + u.user + host + u.port + u.tail
}

// Visible returns v with each character that draws nothing written as
// its code point in brackets, [U+202E]: the bidirectional controls, which
// make a name read otherwise than it is stored (the RIGHT-TO-LEFT
// OVERRIDE of invoice\u202Efdp.exe, which a file manager shows as
// invoiceexe.pdf), zero-width characters, variation selectors, the byte
// order mark and the other default-ignorable code points of Unicode
// (UAX #44: category Cf, Variation_Selector, Other_Default_Ignorable_Code_Point).
// A briefing prints an indicator so, defanged or not: the disguise is the
// indicator, and a reader must see it rather than be fooled by it. The
// attached CSV and STIX files keep the value as written.
func Visible(v string) string {
	i := strings.IndexFunc(v, invisible)
	if i < 0 {
		return v
	}
	var b strings.Builder
	b.WriteString(v[:i])
	for _, r := range v[i:] {
		if invisible(r) {
			fmt.Fprintf(&b, "[U+%04X]", r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// invisible reports whether r is a default-ignorable code point: one
// that a renderer draws nothing for.
func invisible(r rune) bool {
	return r >= 0x80 && (unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r))
}
