// Package mail turns the PDFs written for an incident (or a digest) into
// one email message (RFC 5322) with every PDF attached, and sends messages
// to an SMTP server. The MIME structure is built by
// github.com/wneessen/go-mail; this package decides what the message says.
//
// # What a message says
//
// FIRST's TLP 2.0 rules for email put the label in the subject and in the
// body before the information. The subject is "[TLP:AMBER] " and the title
// as the PDF's document title reads it (a draft's: 【下書き】… / DRAFT: …)
// in the first language of the message (a digest's: 週次インシデント・
// ダイジェスト 2021年第18週, or Weekly incident digest, week 18 of 2021); the
// label itself is never translated. The plain-text body (UTF-8,
// quoted-printable) starts with the label and what it allows, one
// sentence per language of the message ([Allows]); then, per language,
// the title, as-of and updated dates, severity, the summary as plain text
// (Markdown markup and citations left out) and the attachments' names and
// sizes; a digest's body says what the cover of each language's PDF says
// (its facts, its incidents, the files left out). When a PDF is encrypted the body says that the
// password is sent separately; it never holds the password.
//
// # Same input, same bytes
//
// Date, Message-ID and the MIME boundary are derived from the content,
// not from the clock or a random source: the Date is the day the PDFs are
// dated (an incident's updated or as-of date, a digest's latest date or
// the period's last day) at 00:00 UTC, and Message-ID and boundary come
// from a SHA-256 of the sender, recipients, subject and the PDFs before
// encryption. The same input gives the same message; a changed briefing
// gets a new Message-ID, so that no mail system drops it as a duplicate.
package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	netmail "net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"briefing/briefing/compose"
	"briefing/briefing/localize"
	"briefing/briefing/model"
)

// DefaultMaxSize is the largest message sent or written when
// Options.MaxSize is 0: 10 MB, under the limit of most mail servers.
const DefaultMaxSize = 10_000_000

// ErrTooLarge is wrapped by the error of a message larger than the size
// budget.
var ErrTooLarge = errors.New("message too large")

var errNoPDF = errors.New("no PDF to send")

// Options say who messages are from and to.
type Options struct {
	// From is the sender, an RFC 5322 address ("Analysts <a@example.org>").
	From string
	// To and Cc are the recipients; To must have at least one.
	To, Cc []string
	// MaxSize is the largest message in bytes, as written (MIME encoding
	// included); 0 means DefaultMaxSize.
	MaxSize int
	// Words are the template's words (as_of, updated, severity,
	// severity_high…, the heading summary); nil uses the built-in ones.
	Words compose.Words
}

// Check reports the first address of o that is not an RFC 5322 address
// a message can carry (see [Options.addresses]), or a missing sender or
// recipient.
func (o Options) Check() error {
	_, _, _, err := o.addresses()
	return err
}

// addresses reads the sender and the recipients. An internationalized
// domain (ciso@例え.テスト) is carried in its A-labels, so that any server
// takes it; a local part that is not ASCII is an error.
func (o Options) addresses() (from address, to, cc []address, err error) {
	if o.From == "" {
		return from, nil, nil, errors.New("no sender: give --mail-from")
	}
	if len(o.To) == 0 {
		return from, nil, nil, errors.New("no recipient: give --mail-to")
	}
	if from, err = parseAddress(o.From); err != nil {
		return from, nil, nil, fmt.Errorf("sender %q: %v", o.From, err)
	}
	if to, err = addresses(o.To, "recipient"); err == nil {
		cc, err = addresses(o.Cc, "recipient")
	}
	return from, to, cc, err
}

// Attachment is one PDF of a message.
type Attachment struct {
	Name      string // the output file name, e.g. "kaseya-vsa-2021.ja.pdf"
	Lang      string // the briefing's language
	Data      []byte // the bytes written to disk
	Content   string // hex SHA-256 of the PDF before encryption
	Encrypted bool
}

// Message is a finished email.
type Message struct {
	// Name is the file name of the message as an .eml file:
	// "<id>.eml" or "digest-<period>.eml".
	Name string
	// From, To and Cc are the addresses as people read them: their
	// names decoded, a domain as it was given (監査役
	// <audit@example.org>, ciso@例え.テスト); the message carries them
	// encoded.
	From    string
	To, Cc  []string
	Subject string
	// Data is the message, RFC 5322 with CRLF line ends, as written and
	// sent.
	Data []byte
	msg  *gomail.Msg
}

// Briefing makes the message of one incident with its PDFs attached, in
// the order given; the languages of the body are those of the PDFs. It
// returns an error wrapping ErrTooLarge when the message exceeds the size
// budget, and an error for an address that is not valid.
func Briefing(inc *model.Incident, files []Attachment, opt Options) (*Message, error) {
	if len(files) == 0 {
		return nil, errNoPDF
	}
	langs := languages(files)
	subject := "[TLP:" + string(tlpOf(inc.TLP)) + "] " + titleOf(inc, langs[0])
	var b body
	b.label(inc.TLP, langs)
	for i, l := range langs {
		if i > 0 {
			b.rule()
		}
		b.incident(inc, l, opt.Words)
		b.attachments(files, l)
	}
	d := inc.Updated
	if d.IsZero() {
		d = inc.Date
	}
	return build(inc.ID+".eml", subject, b.String(), day(d), files, opt)
}

// languages are the languages of files, in order, each once.
func languages(files []Attachment) []string {
	var out []string
	for _, f := range files {
		seen := false
		for _, l := range out {
			seen = seen || l == f.Lang
		}
		if !seen {
			out = append(out, f.Lang)
		}
	}
	return out
}

// build assembles the message with go-mail and renders it.
func build(name, subject, text string, date time.Time, files []Attachment, opt Options) (*Message, error) {
	from, to, cc, err := opt.addresses()
	if err != nil {
		return nil, err
	}
	m := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP), gomail.WithNoDefaultUserAgent())
	if err := m.From(from.wire); err != nil {
		return nil, fmt.Errorf("sender %q: %w", opt.From, err)
	}
	if err := m.To(wires(to)...); err != nil {
		return nil, fmt.Errorf("recipients: %w", err)
	}
	if len(cc) > 0 {
		if err := m.Cc(wires(cc)...); err != nil {
			return nil, fmt.Errorf("cc: %w", err)
		}
	}
	// The label stays readable ASCII ahead of an encoded title, for mail
	// rules that look for it; each encoded word goes on a line of its own.
	label, title, _ := strings.Cut(subject, " ")
	if enc := mime.QEncoding.Encode("UTF-8", title); enc != title {
		m.SetGenHeaderPreformatted(gomail.HeaderSubject, label+"\r\n "+strings.ReplaceAll(enc, "?= =?", "?=\r\n =?"))
	} else {
		m.Subject(subject) // ASCII: go-mail folds it at its spaces
	}
	m.SetUserAgent("briefing")

	h := sha256.New()
	for _, s := range append([]string{name, opt.From, subject}, append(opt.To, opt.Cc...)...) {
		h.Write([]byte(s + "\n"))
	}
	for _, f := range files {
		h.Write([]byte(f.Name + "\n" + f.Content + "\n"))
	}
	sum := hex.EncodeToString(h.Sum(nil))
	m.SetDateWithValue(date)
	m.SetMessageIDWithValue(sum[:32] + "@" + domain(from.wire))
	m.SetBoundary("briefing-" + sum[32:56])

	m.SetBodyString(gomail.TypeTextPlain, text)
	for _, f := range files {
		if err := m.AttachReader(f.Name, bytes.NewReader(f.Data), pdfFile(f.Name)); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("write the message: %w", err)
	}
	limit := opt.MaxSize
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	if buf.Len() > limit {
		return nil, fmt.Errorf("%w: %s bytes with its attachments encoded, over the limit of %s bytes (--mail-max-size)",
			ErrTooLarge, thousands(buf.Len()), thousands(limit))
	}
	return &Message{
		Name: name, From: from.shown, To: shown(to), Cc: shown(cc), Subject: subject,
		Data: buf.Bytes(), msg: m,
	}, nil
}

// pdfFile sets an attachment's Content-Type and Content-Disposition with
// the standard library's MIME parameter encoding: a name that is not ASCII
// is written as RFC 2231 says (filename*=utf-8”…), which mail readers
// decode, rather than as an RFC 2047 word inside quotes.
func pdfFile(name string) gomail.FileOption {
	return func(f *gomail.File) {
		f.ContentType = "application/pdf"
		f.Header.Set("Content-Type", mime.FormatMediaType("application/pdf", map[string]string{"name": name}))
		f.Header.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	}
}

// domain is the domain of an address, for the Message-ID's right side.
func domain(addr string) string {
	a, err := netmail.ParseAddress(addr)
	if err != nil {
		return "briefing.invalid"
	}
	if i := strings.LastIndexByte(a.Address, '@'); i >= 0 && i+1 < len(a.Address) {
		return a.Address[i+1:]
	}
	return "briefing.invalid"
}

// day is the date d at 00:00 UTC; the zero date is the Unix epoch's day.
func day(d model.Date) time.Time {
	if d.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
}

// tlpOf is the label of a marking; an incident without one is CLEAR.
func tlpOf(t model.TLP) model.TLP {
	if t == "" {
		return model.TLPClear
	}
	return t
}

// titleOf is inc's title in lang on one line, as the document title of
// its PDF reads it: citations as the briefing shows them, and a draft's
// marked as one (【下書き】… / DRAFT: …, [localize.Locale.Draft]).
func titleOf(inc *model.Incident, lang string) string {
	title, _ := inc.Title.In(lang)
	title = oneLine(compose.TitleLine(inc, lang, compose.Cited(inc, lang, title)))
	if inc.Status == model.Draft {
		title = localize.New(lang).Draft(title)
	}
	return title
}

// oneLine folds a text onto one line, as a subject needs: runs of spaces
// as one (its lines already joined by [compose.TitleLine]).
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
