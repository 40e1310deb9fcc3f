package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"briefing/briefing/encrypt"
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
