package mail

import (
	"fmt"
	netmail "net/mail"
	"strings"
)

// address is an email address as the message carries it and as people
// read it.
type address struct {
	// wire is the address as the message's headers and the SMTP
	// envelope carry it, the name left to the header's encoding.
	wire string
	// shown is the address as it was given, its name decoded:
	// 監査役 <audit@example.org>.
	shown string
}

// parseAddress reads an RFC 5322 address.
func parseAddress(s string) (address, error) {
	a, err := netmail.ParseAddress(s)
	if err != nil {
		return address{}, err
	}
	return address{
		wire:  a.String(),
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
