package mail

import (
	"errors"
	"fmt"
	netmail "net/mail"
	"strings"

	"golang.org/x/net/idna"
)

// address is an email address as the message carries it and as people
// read it.
type address struct {
	// wire is the address in ASCII, as the message's headers and the
	// SMTP envelope carry it: an internationalized domain (例え.テスト) in
	// its A-labels (xn--r8jz45g.xn--zckzah, IDNA as browsers and mail
	// servers read it: UTS 46), the name left to the header's encoding.
	wire string
	// shown is the address as it was given, its name decoded:
	// 監査役 <audit@example.org>, ciso@例え.テスト.
	shown string
}

// parseAddress reads an RFC 5322 address. It is an error for a local part
// (before the @) that is not ASCII, which only a server offering SMTPUTF8
// (RFC 6531) takes, and for a domain that is not a valid domain name.
func parseAddress(s string) (address, error) {
	a, err := netmail.ParseAddress(s)
	if err != nil {
		return address{}, err
	}
	at := strings.LastIndexByte(a.Address, '@')
	if at < 0 {
		return address{}, errors.New("no @ in the address")
	}
	local, domain := a.Address[:at], a.Address[at+1:]
	if !ascii(local) {
		return address{}, fmt.Errorf("the part before @ (%s) is not ASCII: such an address needs a server with SMTPUTF8, which briefing does not ask for; give the recipient's ASCII address", local)
	}
	wire := domain
	if !ascii(domain) {
		if wire, err = idna.Lookup.ToASCII(domain); err != nil {
			return address{}, fmt.Errorf("the domain %s is not a valid internationalized domain name: %v", domain, err)
		}
	}
	return address{
		wire:  (&netmail.Address{Name: a.Name, Address: local + "@" + wire}).String(),
		shown: display(a.Name, a.Address),
	}, nil
}

// display writes name and addr as people write an address: the name as
// it is, or between quotes when it has a character that would end it
// (a comma, a quote, an @…).
func display(name, addr string) string {
	if name == "" {
		return addr
	}
	for _, r := range name {
		if r < 0x80 && r != ' ' && !atext(byte(r)) {
			name = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(name) + `"`
			break
		}
	}
	return name + " <" + addr + ">"
}

// atext reports whether c may appear in an RFC 5322 atom.
func atext(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// addresses reads each of list with parseAddress.
func addresses(list []string, what string) ([]address, error) {
	out := make([]address, 0, len(list))
	for _, s := range list {
		a, err := parseAddress(s)
		if err != nil {
			return nil, fmt.Errorf("%s %q: %v", what, s, err)
		}
		out = append(out, a)
	}
	return out, nil
}

func wires(as []address) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.wire
	}
	return out
}

func shown(as []address) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.shown
	}
	return out
}
