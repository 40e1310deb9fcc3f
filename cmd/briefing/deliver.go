package main

import (
	"bufio"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	netmail "net/mail"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"briefing/briefing/encrypt"
	"briefing/briefing/mail"
	"briefing/briefing/model"
)

// Environment variables that hold passwords: never a flag, which other
// users of the machine could read from the process list.
const (
	envPDFPassword      = "BRIEFING_PDF_PASSWORD"
	envPDFOwnerPassword = "BRIEFING_PDF_OWNER_PASSWORD"
)

// protection are the encryption flags of render and digest.
type protection struct {
	encrypt      *bool
	minTLP       *string
	passwordFile *string
	ownerFile    *string
}

func protectionFlags(fs *flag.FlagSet) protection {
	return protection{
		encrypt:      fs.Bool("encrypt", false, "protect each PDF with a password, AES-256 (password from $"+envPDFPassword+" or --password-file)"),
		minTLP:       fs.String("encrypt-min-tlp", "", "encrypt only briefings marked `TLP` or more restrictive (CLEAR, GREEN, AMBER, AMBER+STRICT, RED); implies --encrypt"),
		passwordFile: fs.String("password-file", "", "read the PDFs' password from the first line of `FILE` instead of $"+envPDFPassword),
		ownerFile:    fs.String("owner-password-file", "", "read the owner password, which lifts the restrictions, from `FILE` (else $"+envPDFOwnerPassword+"; else a random one nobody knows)"),
	}
}

// policy returns the encryption asked for on the command line: nil
// without --encrypt; ok is false (the error printed) when the flags are
// wrong or a password is missing.
func (p protection) policy(stderr io.Writer) (pol *encrypt.Policy, ok bool) {
	if !*p.encrypt && *p.minTLP == "" {
		if *p.passwordFile != "" || *p.ownerFile != "" {
			errorf(stderr, "--password-file and --owner-password-file go with --encrypt")
			return nil, false
		}
		return nil, true
	}
	pol = &encrypt.Policy{}
	if *p.minTLP != "" {
		t := model.TLP(strings.TrimPrefix(strings.ToUpper(*p.minTLP), "TLP:"))
		if !slices.Contains(model.TLPs, t) {
			errorf(stderr, "--encrypt-min-tlp %q: not a TLP 2.0 label; use CLEAR, GREEN, AMBER, AMBER+STRICT or RED", *p.minTLP)
			return nil, false
		}
		pol.MinTLP = t
	}
	var err error
	if pol.User, err = secret(*p.passwordFile, envPDFPassword); err != nil {
		errorf(stderr, "--password-file: %v", err)
		return nil, false
	}
	if pol.User == "" {
		errorf(stderr, "--encrypt needs a password: set $%s or give --password-file FILE", envPDFPassword)
		hint(stderr, "the password is never a flag; send it to the readers another way than the PDFs")
		return nil, false
	}
	if pol.Owner, err = secret(*p.ownerFile, envPDFOwnerPassword); err != nil {
		errorf(stderr, "--owner-password-file: %v", err)
		return nil, false
	}
	if pol.Owner != "" && pol.Owner == pol.User {
		errorf(stderr, "the owner password is the same as the password: anyone who can open the PDFs could change them")
		return nil, false
	}
	return pol, true
}

// secret reads a password: the first line of file when file is not "",
// else the environment variable env ("" when unset). The error names the
// file, never the password.
func secret(file, env string) (string, error) {
	if file == "" {
		return os.Getenv(env), nil
	}
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, err := bufio.NewReader(io.LimitReader(f, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read %s: %w", file, err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("%s: the first line is empty", file)
	}
	return line, nil
}

// envSMTPPassword holds the SMTP password (or --smtp-password-file).
const envSMTPPassword = "BRIEFING_SMTP_PASSWORD"

// mailing are the email flags of render and digest.
type mailing struct {
	to, cc, from *string
	eml          *string
	smtp         *string
	user         *string
	passwordFile *string
	insecure     *bool
	ca           *string
	timeout      *time.Duration
	maxSize      *string
}

func mailFlags(fs *flag.FlagSet) mailing {
	return mailing{
		to:           fs.String("mail-to", "", "email the PDFs of each incident (digest) to `ADDR[,ADDR…]`, one message each; needs --mail-from and --eml or --smtp"),
		cc:           fs.String("mail-cc", "", "copy the messages to `ADDR[,ADDR…]`"),
		from:         fs.String("mail-from", "", "the sender `ADDR` of the messages, e.g. \"SOC <soc@example.org>\""),
		eml:          fs.String("eml", "", "write each message as DIR/<id>.eml (digest-<period>.eml) for any mailer, e.g. sendmail -t < x.eml"),
		smtp:         fs.String("smtp", "", "send the messages through the SMTP server `HOST:PORT`; STARTTLS is required"),
		user:         fs.String("smtp-user", "", "log in to the SMTP server as `USER` (AUTH PLAIN or LOGIN); the password comes from $"+envSMTPPassword+" or --smtp-password-file"),
		passwordFile: fs.String("smtp-password-file", "", "read the SMTP password from the first line of `FILE` instead of $"+envSMTPPassword),
		insecure:     fs.Bool("smtp-insecure", false, "send without TLS when the server offers no STARTTLS"),
		ca:           fs.String("smtp-ca", "", "trust the certificate authorities of the PEM `FILE` for the SMTP server (else the system's)"),
		timeout:      fs.Duration("smtp-timeout", mail.DefaultTimeout, "give up on the SMTP server after this long without an answer"),
		maxSize:      fs.String("mail-max-size", "10MB", "the largest message sent or written, `SIZE` in bytes or with kB/MB (a larger one is an error)"),
	}
}

// delivery returns the delivery asked for on the command line: nil
// without --mail-to; ok is false (the error printed) when the flags are
// wrong.
func (m mailing) delivery(stderr io.Writer) (d *mail.Delivery, ok bool) {
	if *m.to == "" {
		for _, f := range []string{*m.cc, *m.from, *m.eml, *m.smtp, *m.user, *m.passwordFile, *m.ca} {
			if f != "" {
				errorf(stderr, "the email flags (--mail-cc, --mail-from, --eml, --smtp…) go with --mail-to")
				return nil, false
			}
		}
		return nil, true
	}
	d = &mail.Delivery{Options: mail.Options{From: *m.from, To: addrList(*m.to), Cc: addrList(*m.cc)}, Dir: *m.eml}
	if *m.from == "" {
		errorf(stderr, "--mail-to needs --mail-from, the sender of the messages")
		return nil, false
	}
	if err := d.Options.Check(); err != nil {
		errorf(stderr, "%v", err)
		return nil, false
	}
	size, err := byteSize(*m.maxSize)
	if err != nil {
		errorf(stderr, "--mail-max-size %s: %v", *m.maxSize, err)
		return nil, false
	}
	d.MaxSize = size
	if *m.eml == "" && *m.smtp == "" {
		errorf(stderr, "--mail-to needs --eml DIR (write the messages) or --smtp HOST:PORT (send them)")
		return nil, false
	}
	if *m.eml != "" && !folderFlag("--eml", *m.eml, "the messages are", stderr) {
		return nil, false
	}
	if *m.smtp == "" {
		return d, true
	}
	s := &mail.Server{Addr: *m.smtp, User: *m.user, Insecure: *m.insecure, Timeout: *m.timeout}
	if *m.user != "" {
		if s.Password, err = secret(*m.passwordFile, envSMTPPassword); err != nil {
			errorf(stderr, "--smtp-password-file: %v", err)
			return nil, false
		}
		if s.Password == "" {
			errorf(stderr, "--smtp-user needs a password: set $%s or give --smtp-password-file FILE", envSMTPPassword)
			return nil, false
		}
	} else if *m.passwordFile != "" {
		errorf(stderr, "--smtp-password-file goes with --smtp-user")
		return nil, false
	}
	if *m.ca != "" {
		pem, err := os.ReadFile(*m.ca)
		if err != nil {
			errorf(stderr, "--smtp-ca: %v", err)
			return nil, false
		}
		s.RootCAs = x509.NewCertPool()
		if !s.RootCAs.AppendCertsFromPEM(pem) {
			errorf(stderr, "--smtp-ca %s: no PEM certificate in it", *m.ca)
			return nil, false
		}
	}
	d.Server = s
	return d, true
}

// addrList splits a comma-separated list of addresses.
func addrList(s string) []string {
	if s == "" {
		return nil
	}
	list, err := netmail.ParseAddressList(s)
	if err != nil {
		// Check reports it address by address.
		return strings.Split(s, ",")
	}
	var out []string
	for _, a := range list {
		if a.Name == "" {
			out = append(out, a.Address)
		} else {
			out = append(out, a.String())
		}
	}
	return out
}

// byteSize parses a size: bytes, or a number with kB or MB (decimal) or
// KiB or MiB.
func byteSize(s string) (int, error) {
	t := strings.TrimSpace(s)
	mult := 1
	for _, u := range []struct {
		suffix string
		n      int
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"kB", 1000}, {"KB", 1000}, {"MB", 1000_000}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.n
			break
		}
	}
	n, err := strconv.Atoi(t)
	if err != nil || n <= 0 || n > math.MaxInt32/mult {
		return 0, errors.New("want a size such as 10MB, 500kB or 2000000")
	}
	return n * mult, nil
}
