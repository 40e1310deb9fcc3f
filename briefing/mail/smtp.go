package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// DefaultTimeout bounds connecting to the server and each of its answers
// when Server.Timeout is 0.
const DefaultTimeout = 30 * time.Second

// Server is an SMTP server to send messages through (RFC 5321).
type Server struct {
	// Addr is HOST:PORT, e.g. "smtp.example.org:587".
	Addr string
	// User and Password log in with AUTH PLAIN or LOGIN (whichever the
	// server offers, PLAIN first); no login when User is "".
	User, Password string
	// Insecure sends without TLS when the server does not offer STARTTLS.
	// Without it a server that offers no STARTTLS is an error: the
	// briefings and the login would cross the network in the clear.
	Insecure bool
	// RootCAs are the certificate authorities the server's certificate
	// must chain to; nil means the system's.
	RootCAs *x509.CertPool
	// Timeout bounds the connection and each answer; 0 means
	// DefaultTimeout.
	Timeout time.Duration
}

// Send sends each message over one connection, in order, and returns for
// each the server's answer to its data ("250 2.0.0 Ok: queued as …") or
// the error that kept it from being sent. Errors name the server's
// address; none holds the password.
func (s Server) Send(ctx context.Context, msgs []*Message) (answers []string, errs []error) {
	answers, errs = make([]string, len(msgs)), make([]error, len(msgs))
	fail := func(err error) ([]string, []error) {
		for i := range errs {
			errs[i] = err
		}
		return answers, errs
	}
	host, port, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return fail(fmt.Errorf("--smtp %s: want HOST:PORT, e.g. smtp.example.org:587", s.Addr))
	}
	p, err := strconv.Atoi(port)
	if err != nil || p < 1 || p > 65535 {
		return fail(fmt.Errorf("--smtp %s: %q is not a port", s.Addr, port))
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	policy := gomail.TLSMandatory
	if s.Insecure {
		policy = gomail.TLSOpportunistic
	}
	opts := []gomail.Option{
		gomail.WithPort(p),
		gomail.WithTimeout(timeout),
		gomail.WithTLSPolicy(policy),
		gomail.WithTLSConfig(&tls.Config{ServerName: host, RootCAs: s.RootCAs, MinVersion: tls.VersionTLS12}),
	}
	if s.User != "" {
		opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlain, gomail.SMTPAuthLogin),
			gomail.WithUsername(s.User), gomail.WithPassword(s.Password))
	}
	c, err := gomail.NewClient(host, opts...)
	if err != nil {
		return fail(fmt.Errorf("smtp %s: %v", s.Addr, err))
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	err = c.DialWithContext(ctx)
	cancel()
	if err != nil {
		return fail(fmt.Errorf("smtp %s: %s", s.Addr, s.explain(err)))
	}
	defer c.Close()
	for i, m := range msgs {
		if err := c.Send(m.msg); err != nil {
			errs[i] = fmt.Errorf("smtp %s: %s", s.Addr, s.explain(err))
			continue
		}
		answers[i] = m.msg.ServerResponse()
	}
	return answers, errs
}

// explain says what went wrong in words a scheduled job's reader acts on,
// with the library's error after them. The password never appears: the
// library's errors hold none.
func (s Server) explain(err error) string {
	msg := err.Error()
	if s.Password != "" {
		msg = strings.ReplaceAll(msg, s.Password, "…")
	}
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, context.DeadlineExceeded):
		return "no answer within " + s.timeout().String() + ": " + msg
	case strings.Contains(msg, "connection refused"):
		return "connection refused: no SMTP server listens there: " + msg
	case strings.Contains(msg, "x509:"), strings.Contains(msg, "tls:"), strings.Contains(msg, "certificate"):
		return "TLS failed: " + msg
	case strings.Contains(msg, "STARTTLS") && !s.Insecure:
		return "the server offers no STARTTLS; --smtp-insecure sends without TLS: " + msg
	case s.User != "" && (strings.Contains(msg, "AUTH") || strings.Contains(msg, "535") || strings.Contains(strings.ToLower(msg), "authentication")):
		return "login refused for user " + strconv.Quote(s.User) + ": " + msg
	}
	return msg
}

func (s Server) timeout() time.Duration {
	if s.Timeout <= 0 {
		return DefaultTimeout
	}
	return s.Timeout
}
