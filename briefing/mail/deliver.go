package mail

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"briefing/briefing/batch"
	"briefing/briefing/compose"
	"briefing/briefing/diag"
	"briefing/briefing/digest"
	"briefing/briefing/marking"
	"briefing/briefing/model"
	"briefing/briefing/output"
)

// Delivery says where the messages of a run go: written as .eml files
// into Dir, sent through Server, or both.
type Delivery struct {
	Options
	// Dir is the folder of the .eml files; "" writes none.
	Dir string
	// Server sends the messages; nil sends none.
	Server *Server
}

// job is one message to make for a result.
type job struct {
	res  *batch.Result
	make func([]Attachment) (*Message, error)
}

// Results makes the message of every incident of results that wrote its
// PDFs without an error, attaching the PDFs as written on disk, and
// delivers it. What was delivered is added to each result's Messages;
// what failed is an error in its diagnostics (its PDFs stay written). A
// file with an error is not mailed: its message would lack a briefing.
//
// Nothing is done when d is nil. words are the template's (see
// Options.Words).
func (d *Delivery) Results(ctx context.Context, results []batch.Result, words compose.Words) {
	if d == nil {
		return
	}
	opt := d.Options
	opt.Words = words
	var jobs []job
	for i := range results {
		r := &results[i]
		if r.Failed() || r.Incident == nil || len(r.Outputs) == 0 {
			continue
		}
		inc := r.Incident
		jobs = append(jobs, job{r, func(files []Attachment) (*Message, error) {
			return Briefing(inc, files, opt)
		}})
	}
	d.run(ctx, jobs)
}

// Digest makes and delivers the message of a digest whose PDFs res holds,
// as [Delivery.Results] does; shown is each language's digest as its PDF
// holds it (see [Digest]).
func (d *Delivery) Digest(ctx context.Context, res *batch.Result, shown map[string]digest.Digest, words compose.Words) {
	if d == nil || res.Failed() || len(res.Outputs) == 0 {
		return
	}
	opt := d.Options
	opt.Words = words
	d.run(ctx, []job{{res, func(files []Attachment) (*Message, error) {
		return Digest(shown, files, opt)
	}}})
}

func (d *Delivery) run(ctx context.Context, jobs []job) {
	var sending []*Message
	var sent []job
	for _, j := range jobs {
		if ctx.Err() != nil {
			return
		}
		files, err := attachments(j.res.Outputs)
		var m *Message
		if err == nil {
			m, err = j.make(files)
		}
		if err != nil {
			fail(j.res, err)
			continue
		}
		rec := batch.Message{From: m.From, To: m.To, Cc: append([]string{}, m.Cc...), Subject: m.Subject, Bytes: len(m.Data)}
		if d.Dir != "" {
			err := output.WriteMode(d.Dir, m.Name, perm(j.res.Outputs), func(w io.Writer) error {
				_, err := w.Write(m.Data)
				return err
			})
			if err != nil {
				fail(j.res, err)
				continue
			}
			rec.Path = filepath.Join(d.Dir, m.Name)
		}
		j.res.Messages = append(j.res.Messages, rec)
		if d.Server != nil {
			sending, sent = append(sending, m), append(sent, j)
		}
	}
	if len(sending) == 0 {
		return
	}
	answers, errs := d.Server.Send(ctx, sending)
	for i, j := range sent {
		rec := &j.res.Messages[len(j.res.Messages)-1]
		if errs[i] != nil {
			fail(j.res, errs[i])
			continue
		}
		rec.Sent, rec.Answer = true, answers[i]
	}
}

// attachments reads the PDFs a result wrote, as they are on disk.
func attachments(outs []batch.Output) ([]Attachment, error) {
	var files []Attachment
	for _, o := range outs {
		b, err := os.ReadFile(o.Path)
		if err != nil {
			return nil, err
		}
		files = append(files, Attachment{
			Name: filepath.Base(o.Path), Lang: o.Lang, Data: b,
			Content: o.Content, Encrypted: o.Encrypted,
		})
	}
	return files, nil
}

// fail records err as an error of the result's file as a whole (line 1,
// column 1), about its email.
func fail(r *batch.Result, err error) {
	file := r.File
	if r.Incident != nil {
		file = r.Incident.File
	}
	r.Diagnostics = append(r.Diagnostics, diag.Whole(file, "email: "+err.Error()))
}

// perm is the permission bits of a message carrying outputs: those of its
// most restrictive PDF (marking.Perm), so that an .eml file is never
// readable by more users than the PDFs it holds.
func perm(outputs []batch.Output) fs.FileMode {
	p := output.Public
	for _, o := range outputs {
		p = min(p, marking.Perm(model.TLP(strings.TrimPrefix(o.TLP, "TLP:"))))
	}
	return p
}
