// Package encrypt protects a finished PDF with a password: AES-256 with
// the standard security handler of ISO 32000-2 (revision 6, /V 5 /R 6,
// crypt filter AESV3), written by pdfcpu's encryption API, so that the
// cipher code is a well-kept library's and not ours.
//
// # What a reader may do
//
// The user password opens the document. Printing (in full quality),
// copying text and extracting it for accessibility (assistive technology)
// are allowed; changing the document, annotating, filling forms and
// assembling pages are not (ISO 32000-2, table 22). The owner password
// lifts those restrictions; without one, a random password is used that
// nobody knows.
//
// # Version and bytes
//
// Revision 6 belongs to PDF 2.0: the encrypted file says %PDF-2.0. Its
// bytes differ from run to run even for the same input and password: the
// file encryption key, the salts of /U and /O and the initialization
// vector of every string and stream are drawn from crypto/rand by pdfcpu,
// as ISO 32000-2 (7.6.4.4) expects, and pdfcpu's API has no way to seed
// them; the second element of the trailer's /ID is made from the clock.
// The PDF before encryption stays byte-identical for the same input.
package encrypt

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/fault"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/validate"

	"briefing/briefing/model"
)

// ErrNoPassword is returned when the user password is empty: an empty
// user password opens the document for anyone.
var ErrNoPassword = errors.New("no password for the encrypted PDF")

// Permissions are the user access permissions (ISO 32000-2, table 22) of
// an encrypted briefing: print (bits 3 and 12), copy text (bit 5) and
// extract it for accessibility (bit 10); not modify (bit 4), annotate
// (bit 6), fill forms (bit 9) or assemble (bit 11). The reserved bits
// 1–2, 7–8 and 13–32 are set as the standard requires.
const Permissions = pdfmodel.PermissionsNone |
	pdfmodel.PermissionPrintRev2 | pdfmodel.PermissionPrintRev3 |
	pdfmodel.PermissionExtract | pdfmodel.PermissionExtractRev3

// Passwords are the passwords of an encrypted PDF. User opens it; Owner
// (when not empty) lifts the restrictions of [Permissions].
type Passwords struct {
	User, Owner string
}

// Policy says which briefings are encrypted and with which passwords.
type Policy struct {
	Passwords
	// MinTLP is the least restrictive marking encrypted (TLP 2.0 order:
	// CLEAR < GREEN < AMBER < AMBER+STRICT < RED); "" encrypts every
	// briefing.
	MinTLP model.TLP
}

// Applies reports whether a briefing marked t is encrypted under p; never
// when p is nil.
func (p *Policy) Applies(t model.TLP) bool {
	if p == nil {
		return false
	}
	if p.MinTLP == "" {
		return true
	}
	return slices.Index(model.TLPs, t) >= slices.Index(model.TLPs, p.MinTLP)
}

// disableConfigDir keeps pdfcpu from creating its configuration folder
// in the user's configuration directory: briefing reads only its input.
var disableConfigDir sync.Once

// PDF writes pdf, a complete PDF file, to w encrypted with AES-256
// (revision 6) and [Permissions]. It returns ErrNoPassword when pw.User is
// empty, and pdfcpu's error (wrapped) when pdf cannot be read. Neither
// error holds a password.
//
// It calls pdfcpu's reading, validating, optimizing and writing packages
// in the order its api package does (ReadValidateAndOptimize, then
// WriteContext), without linking that package: it also holds pdfcpu's form
// filling, whose text-width library fills a table of every code point when
// the program starts (35 ms of every run of briefing, encrypting or not).
func PDF(w io.Writer, pdf []byte, pw Passwords) (err error) {
	if pw.User == "" {
		return ErrNoPassword
	}
	owner := pw.Owner
	if owner == "" {
		var b [32]byte
		rand.Read(b[:])
		owner = hex.EncodeToString(b[:])
	}
	disableConfigDir.Do(func() { pdfmodel.ConfigPath = "disable" })
	conf := pdfmodel.NewAESConfiguration(pw.User, owner, 256)
	conf.Permissions = Permissions
	conf.Cmd = pdfmodel.ENCRYPT
	ctx, err := read(pdf, conf)
	if err != nil {
		return fmt.Errorf("encrypt: read the PDF: %w", err)
	}
	// Only a PDF 2.0 file gets the revision 6 handler from pdfcpu.
	v := pdfmodel.V20
	ctx.HeaderVersion, ctx.RootVersion = &v, nil
	defer fault.Catch(&err)
	bw := bufio.NewWriter(w)
	ctx.Write.Writer = bw
	if err := pdfcpu.WriteContext(ctx); err != nil {
		return fmt.Errorf("encrypt: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("encrypt: %w", err)
	}
	return nil
}

// read reads, validates and optimizes pdf for conf's command, as pdfcpu's
// api.ReadValidateAndOptimize does.
func read(pdf []byte, conf *pdfmodel.Configuration) (ctx *pdfmodel.Context, err error) {
	defer fault.Catch(&err)
	if ctx, err = pdfcpu.Read(bytes.NewReader(pdf), conf); err != nil {
		return nil, fmt.Errorf("read context: %w", err)
	}
	if err := validate.XRefTable(ctx); err != nil {
		return nil, fmt.Errorf("validation error (obj#:%d): %w", ctx.CurObj, err)
	}
	if conf.Optimize {
		if err := pdfcpu.OptimizeXRefTable(ctx); err != nil {
			return nil, fmt.Errorf("optimize context: %w", err)
		}
	}
	if err := pdfcpu.CacheFormFonts(ctx); err != nil {
		return nil, fmt.Errorf("cache form fonts: %w", err)
	}
	return ctx, nil
}
