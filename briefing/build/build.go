// Package build runs the whole pipeline for one incident file: load,
// validate, compose each language, lay out, draw the PDF and write it into
// the output folder. It is what "briefing render" runs once per file, in a
// pool of workers, and what "briefing check" runs without drawing.
//
// # Languages
//
// A briefing is made in Japanese (ja), English (en) or a regional variant of
// either (ja-JP, en-GB: the texts of that tag, else of its base language).
// Texts may hold other languages, which validate keeps and checks but no
// briefing shows; asking for a briefing in one is refused where it was
// asked for (--lang, languages): the templates, date formats and
// line-breaking rules exist for these two only, and a briefing half in
// English words around, say, German text is worse than none.
//
// # Failures
//
// Each language of a file stands alone: a language with an error (a
// character the fonts cannot draw, a missing translation under Strict)
// writes no PDF, while the file's other languages are still written. A
// file that load or validate refuses writes nothing. Nothing ever leaves a
// partial PDF behind (see package output).
package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"briefing/briefing/batch"
	"briefing/briefing/compose"
	"briefing/briefing/diag"
	"briefing/briefing/encrypt"
	"briefing/briefing/layout"
	"briefing/briefing/load"
	"briefing/briefing/marking"
	"briefing/briefing/model"
	"briefing/briefing/output"
	"briefing/briefing/render"
	"briefing/briefing/theme"
	"briefing/briefing/validate"
	"briefing/internal/readfile"
)

// DefaultDir is the output folder when Options.Dir is empty.
const DefaultDir = "out"

// Options say how to build a file. The zero value (or nil) writes each of
// the file's languages into "out" with the default template.
type Options struct {
	// Dir is the output folder; "" means DefaultDir.
	Dir string
	// Langs are the languages to make (canonical BCP 47 tags); nil means
	// each file's languages.
	Langs []string
	// Strict makes a text missing a briefing's language an error: that
	// language's PDF is not written.
	Strict bool
	// Theme is the template; nil means theme.Default() (parsed on every
	// call: load it once and pass it in when building many files).
	Theme *theme.Theme
	// Check composes and lays out every briefing, reporting all that would
	// stop it, but draws and writes nothing.
	Check bool
	// Encrypt, when not nil, protects the PDFs of the incidents it applies
	// to with a password before they are written (see [Publish]).
	Encrypt *encrypt.Policy
	// PDF says how the PDFs are drawn: archival (the zero value) or
	// plain. Its Encrypted is set for each briefing Encrypt applies to.
	PDF render.Options
	// AttachSource embeds the incident file, without its [x] table, in
	// each briefing (see [compose.Source]).
	AttachSource bool
	// KeepIncident sets the result's Incident, for the stages that read
	// it after the PDFs are written (package mail); without it the
	// incident is dropped when its file is done.
	KeepIncident bool
	// Sums fills each output's SHA256 and Content, for the JSON report
	// and package mail; without it they are "" and no PDF is hashed.
	Sums bool
}

// ErrLanguage means a briefing cannot be made in a language: only ja and
// en (and their regional variants) have templates and formats.
var ErrLanguage = validate.ErrLanguage

// Supported reports whether briefings can be made in lang, a BCP 47 tag;
// see [validate.Supported].
func Supported(lang string) error { return validate.Supported(lang) }

// Name is the file name of inc's briefing in lang: "<id>.<lang>.pdf".
func Name(inc *model.Incident, lang string) string {
	return inc.ID + "." + lang + ".pdf"
}

// Incident loads and validates one incident file. The incident is nil when
// the file was refused; the list holds its errors and warnings, sorted.
func Incident(path string) (*model.Incident, *load.Raw, diag.List) {
	raw, ds := load.File(path)
	inc, vds := validate.Incident(raw)
	ds = append(ds, vds...)
	ds.Sort()
	if ds.HasErrors() {
		return nil, raw, ds
	}
	return inc, raw, ds
}

// Briefing composes inc in lang and lays it out: the pages of one briefing
// and what stops it from being published (see [Compose]). Pages are nil
// when the list has an error.
func Briefing(inc *model.Incident, lang string, th *theme.Theme, strict bool) ([]layout.Page, diag.List) {
	doc, ds := Compose(inc, lang, compose.FromTheme(th), compose.Options{}, strict)
	if ds.HasErrors() {
		return nil, ds
	}
	pages, err := layout.Lay(doc, th)
	if err != nil {
		return nil, append(ds, layError(inc, lang, err))
	}
	return pages, ds
}

// layError is the error of laying out inc's briefing in lang.
func layError(inc *model.Incident, lang string, err error) diag.Diagnostic {
	return fileError(inc.File, "lay out the %s briefing: %v", lang, err)
}

// stream lays doc out page by page into d, each page drawn as soon as it
// is laid out, and closes d with the furniture. An error of the layout is
// returned as lay, one of drawing as err.
func stream(d *render.Document, doc layout.Document, th *theme.Theme) (pages int, lay, err error) {
	// The furniture needs the paper and the running lines, not the
	// blocks: those (a composed table of 50,000 rows) are let go once
	// laid out, before Close.
	furn := layout.Document{Paper: doc.Paper, Furniture: doc.Furniture}
	pages, err = layout.Stream(doc, th, func(p layout.Page) error {
		if err := d.Page(p); err != nil {
			return &renderError{err}
		}
		return nil
	})
	if err != nil {
		var re *renderError
		if errors.As(err, &re) {
			return 0, nil, re.err
		}
		return 0, err, nil
	}
	err = d.Close(func(n, total int) ([]layout.Box, error) {
		f, err := layout.Furnish(furn, th, n, total)
		if err != nil {
			lay = err
		}
		return f, err
	})
	if lay != nil {
		return 0, lay, nil
	}
	return pages, nil, err
}

// settleAt is the size of an incident file, in bytes, from which [settle]
// collects the garbage of its loading.
const settleAt = 1 << 20

// settle collects the garbage once a file of settleAt bytes or more is
// loaded and validated: its decoded values and key index (tens of MB for
// a table of 50,000 rows) are garbage by then, while the collector's goal
// was set from the heap they held, so the briefing's first allocations
// would grow the heap that far again (about 125 MB for 50,000 rows)
// before the next collection; after this one the goal is set from the
// incident alone (about 30 MB). It costs one collection of that heap,
// about 1 % of the file's CPU; a briefing of a few pages is never
// collected so.
func settle(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Size() >= settleAt {
		runtime.GC()
	}
}

// renderError marks an error of drawing a page handed out by the layout.
type renderError struct{ err error }

func (e *renderError) Error() string { return e.err.Error() }

// Compose composes inc in lang with opt, and says what stops the briefing
// from being published: besides the errors of composing (characters the
// fonts lack), the list holds the texts missing lang, as warnings or, when
// strict, errors.
func Compose(inc *model.Incident, lang string, th compose.Theme, opt compose.Options, strict bool) (layout.Document, diag.List) {
	ds := validate.Translations(inc, []string{lang}, strict)
	doc, cds := compose.BriefingWith(inc, lang, th, opt)
	for _, d := range cds {
		// Compose warns about untranslated texts too; validate's
		// messages say more and know about strict.
		if d.Severity == diag.Error {
			ds = append(ds, d)
		}
	}
	return doc, ds
}

// PDF draws laid-out pages of inc's briefing in lang into w, with the
// document information of the briefing, as an archival PDF.
func PDF(w io.Writer, pages []layout.Page, inc *model.Incident, lang string, th *theme.Theme) error {
	return draw(w, pages, inc, lang, th, render.Options{}, "")
}

// draw is PDF drawn as opt says, with source attached (see
// [compose.Source]) unless it is "".
func draw(w io.Writer, pages []layout.Page, inc *model.Incident, lang string, th *theme.Theme, opt render.Options, source string) error {
	return render.Write(w, pages, info(inc, lang, th, source), th, opt)
}

// info is the document information of inc's briefing in lang, with
// source attached unless it is "".
func info(inc *model.Incident, lang string, th *theme.Theme, source string) render.Info {
	meta := compose.Meta(inc, lang)
	meta.Files = compose.Attachments(inc, lang, th)
	if source != "" {
		meta.Files = append(meta.Files, compose.Source(inc, lang, th, source))
	}
	return render.Info(meta)
}

// File builds the briefings of one incident file and returns what was
// written and said. It stops before the next language when ctx is done,
// the result then Interrupted.
// It never panics; a failure is an error in the result's diagnostics.
func File(ctx context.Context, path string, opt *Options) (res batch.Result) {
	res.File = path
	defer func() {
		if r := recover(); r != nil {
			res.Diagnostics = append(res.Diagnostics, fileError(path, "internal error: %v", r))
		}
		res.Diagnostics = res.Diagnostics.Dedupe()
	}()
	if opt == nil {
		opt = &Options{}
	}
	th := opt.Theme
	if th == nil {
		var err error
		if th, err = theme.Default(); err != nil {
			res.Diagnostics = diag.List{fileError(path, "load the default template: %v", err)}
			return res
		}
	}
	dir := opt.Dir
	if dir == "" {
		dir = DefaultDir
	}
	inc, raw, ds := Incident(path)
	res.Diagnostics = ds
	if inc == nil {
		res.TLP, res.TLPUnread = Marking(path, opt.Strict) // for the report
		return res
	}
	if md := validate.Marking(inc, opt.Strict); len(md) > 0 {
		res.Diagnostics = append(res.Diagnostics, md...)
		if md.HasErrors() {
			res.TLP, res.TLPUnread = Marking(path, opt.Strict)
			return res
		}
	}
	res.TLP = inc.TLP
	if opt.KeepIncident {
		res.Incident = inc
	}
	if loc, ok := raw.Loc("id"); ok {
		res.IDLine, res.IDCol = loc.Key.Line, loc.Key.Col
	}
	// Where a language that cannot be made is given: the languages key,
	// else the title, whose languages are taken. Found now so that raw,
	// which holds the position of every key of the file (tens of MB for a
	// large table), is not held while the briefings are laid out.
	langKey, langLoc, langOK := "languages", load.Loc{}, false
	if loc, ok := raw.Loc(langKey); ok {
		langLoc, langOK = loc, true
	} else if loc, ok := raw.Loc("title"); ok {
		langKey, langLoc, langOK = "title", loc, true
	}
	source := "" // the file without its [x] table, taken now too
	if opt.AttachSource && !opt.Check {
		source = raw.Shared()
	}
	raw = nil
	settle(path)
	langs := opt.Langs
	if langs == nil {
		langs = inc.Languages
	}
	for i, lang := range langs {
		if ctx.Err() != nil {
			res.Interrupted = true
			return res
		}
		if err := Supported(lang); err != nil {
			d := fileError(path, "%v", err)
			if opt.Langs != nil {
				d.Message = "--lang " + d.Message
			} else if langOK {
				d.Line, d.Col, d.Key = langLoc.Key.Line, langLoc.Key.Col, langKey
			}
			res.Diagnostics = append(res.Diagnostics, d)
			continue
		}
		doc, bds := Compose(inc, lang, compose.FromTheme(th), compose.Options{}, opt.Strict)
		res.Diagnostics = append(res.Diagnostics, bds...)
		if bds.HasErrors() {
			continue
		}
		name, tlp := Name(inc, lang), inc.TLP
		var in render.Info
		if !opt.Check {
			in = info(inc, lang, th, source)
		}
		doc.Drop = true // laid out once: a long table's rows go as they are set
		if i == len(langs)-1 && !opt.KeepIncident {
			// The last briefing is composed: the incident, with its
			// rows, texts and the file's text its positions hold (most
			// of the memory of a table of 50,000 rows), is let go
			// before the briefing is laid out and drawn.
			inc = nil
		}
		if opt.Check {
			// Laid out page by page as render does, the pages dropped.
			total, err := layout.Stream(doc, th, func(layout.Page) error { return nil })
			for n := 1; err == nil && n <= total; n++ {
				_, err = layout.Furnish(doc, th, n, total)
			}
			if err != nil {
				res.Diagnostics = append(res.Diagnostics, fileError(path, "lay out the %s briefing: %v", lang, err))
				continue
			}
			res.Names = append(res.Names, name)
			continue
		}
		out, lay, err := write(ctx, dir, name, lang, doc, tlp, in, th, opt)
		if lay != nil {
			res.Diagnostics = append(res.Diagnostics, fileError(path, "lay out the %s briefing: %v", lang, lay))
			continue
		}
		res.Names = append(res.Names, name)
		if err != nil {
			res.Diagnostics = append(res.Diagnostics, fileError(path, "%s briefing: %v", lang, err))
			continue
		}
		res.Outputs = append(res.Outputs, out)
	}
	return res
}

// write lays out and draws one briefing, page by page, and writes it
// atomically into dir. An error of the layout is returned as lay: no PDF
// is written then either, and the file already named name is kept.
// A PDF of up to spillAt bytes is made in memory and written at once; a
// larger one (a table of thousands of rows) goes into the output's
// temporary file as it is drawn, never held whole, and is renamed into
// place only when drawn whole. One to be encrypted is made in memory, as
// the encryption reads the whole file.
// The flush to the disk, with the write of a PDF made in memory, is done
// idle (batch.Idle): another file is worked on meanwhile.
func write(ctx context.Context, dir, name, lang string, doc layout.Document, tlp model.TLP, in render.Info, th *theme.Theme, opt *Options) (out batch.Output, lay, err error) {
	enc := opt.Encrypt
	ro := opt.PDF
	ro.Encrypted = enc.Applies(tlp)
	sp := &spill{dir: dir, name: name, perm: marking.Perm(tlp), whole: ro.Encrypted}
	if opt.Sums {
		sp.sum = sha256.New()
	}
	defer sp.discard()
	pages, lay, err := stream(render.NewDocument(sp, in, th, ro), doc, th)
	if sp.err != nil {
		err = sp.err // the file's, not the drawing's
	}
	if lay != nil || err != nil {
		return batch.Output{}, lay, err
	}
	if sp.f == nil {
		data, err := protect(sp.buf.Bytes(), tlp, enc)
		if err != nil {
			return batch.Output{}, nil, err
		}
		err = batch.Idle(ctx, func() error {
			var err error
			out, err = save(dir, name, lang, pages, data, sp.buf.Bytes(), tlp, ro.Encrypted, opt.Sums)
			return err
		})
		return out, nil, err
	}
	if err := batch.Idle(ctx, sp.f.Commit); err != nil {
		return batch.Output{}, nil, err
	}
	out = batch.Output{
		Path: filepath.Join(dir, name), Lang: lang, Pages: pages,
		Bytes: sp.n, TLP: marking.Label(tlp),
	}
	if sp.sum != nil {
		out.SHA256 = hex.EncodeToString(sp.sum.Sum(nil))
		out.Content = out.SHA256
	}
	return out, nil, nil
}

// spillAt is the most bytes of a PDF [write] keeps in memory before it
// writes it into its temporary file as it is drawn: a briefing of a few
// pages (about 130 KB) is written with one call, after it is drawn.
const spillAt = 1 << 20

// spill is where a PDF is drawn: into buf, and once buf would pass
// spillAt (unless whole), into the temporary file f of dir/name, created
// then with buf's bytes, buf let go. sum hashes, and n counts, the bytes
// written to f. err is the first error of f.
type spill struct {
	dir, name string
	perm      fs.FileMode
	whole     bool
	buf       bytes.Buffer
	f         *output.File
	sum       hash.Hash
	n         int
	err       error
}

func (s *spill) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.f == nil {
		if s.whole || s.buf.Len()+len(p) <= spillAt {
			return s.buf.Write(p)
		}
		if s.f, s.err = output.Create(s.dir, s.name, s.perm); s.err != nil {
			return 0, s.err
		}
		held := s.buf.Bytes()
		s.buf = bytes.Buffer{}
		if _, err := s.Write(held); err != nil {
			return 0, err
		}
	}
	n, err := s.f.Write(p)
	if s.sum != nil {
		s.sum.Write(p[:n])
	}
	s.n += n
	if err != nil {
		s.err = err
	}
	return n, err
}

// discard removes the temporary file, if any and not committed.
func (s *spill) discard() {
	if s.f != nil {
		s.f.Discard()
	}
}

// Publish writes pdf like [Save], encrypted first (package encrypt) when
// enc applies to a briefing marked tlp. The output's Content is the sha256
// of pdf, before encryption.
func Publish(dir, name, lang string, pages int, pdf []byte, tlp model.TLP, enc *encrypt.Policy) (batch.Output, error) {
	data, err := protect(pdf, tlp, enc)
	if err != nil {
		return batch.Output{}, err
	}
	return save(dir, name, lang, pages, data, pdf, tlp, enc.Applies(tlp), true)
}

// PublishDrawn writes the PDF that draw writes, with the number of pages
// draw returns, as [Publish] writes a finished one: for a large document
// (a digest of thousands of briefings, tens of megabytes) that is not to
// be encrypted, straight into the output's temporary file as draw makes
// it, never held whole in memory; the temporary file is renamed into place
// only when draw succeeds (see package output). An error of draw is
// returned as it is. One to be encrypted is made in memory first, as the
// encryption reads the whole file.
func PublishDrawn(dir, name, lang string, tlp model.TLP, enc *encrypt.Policy, draw func(io.Writer) (pages int, err error)) (batch.Output, error) {
	if enc.Applies(tlp) {
		var buf bytes.Buffer
		pages, err := draw(&buf)
		if err != nil {
			return batch.Output{}, err
		}
		return Publish(dir, name, lang, pages, buf.Bytes(), tlp, enc)
	}
	sum := sha256.New()
	var n, pages int
	err := output.WriteMode(dir, name, marking.Perm(tlp), func(w io.Writer) error {
		var err error
		pages, err = draw(&teeCount{w: w, sum: sum, n: &n})
		return err
	})
	if err != nil {
		return batch.Output{}, err
	}
	s := hex.EncodeToString(sum.Sum(nil))
	return batch.Output{
		Path: filepath.Join(dir, name), Lang: lang, Pages: pages,
		Bytes: n, TLP: marking.Label(tlp), SHA256: s, Content: s,
	}, nil
}

// teeCount writes to w, hashing and counting the bytes written.
type teeCount struct {
	w   io.Writer
	sum hash.Hash
	n   *int
}

func (t *teeCount) Write(p []byte) (int, error) {
	n, err := t.w.Write(p)
	t.sum.Write(p[:n])
	*t.n += n
	return n, err
}

// protect returns pdf encrypted when enc applies to a briefing marked tlp,
// else pdf itself.
func protect(pdf []byte, tlp model.TLP, enc *encrypt.Policy) ([]byte, error) {
	if !enc.Applies(tlp) {
		return pdf, nil
	}
	var buf bytes.Buffer
	if err := encrypt.PDF(&buf, pdf, enc.Passwords); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Save writes pdf, a finished PDF in lang with the given number of pages,
// into dir as name, atomically (see package output), and describes it for
// the report.
func Save(dir, name, lang string, pages int, pdf []byte) (batch.Output, error) {
	return save(dir, name, lang, pages, pdf, pdf, "", false, true)
}

// save writes data, which is plain or (encrypted) plain encrypted, as
// [Save] does, with the permission bits of a file marked tlp
// (marking.Perm, less the umask). With sums, the output's SHA256 and
// Content are filled.
func save(dir, name, lang string, pages int, data, plain []byte, tlp model.TLP, encrypted, sums bool) (batch.Output, error) {
	err := output.WriteMode(dir, name, marking.Perm(tlp), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return batch.Output{}, err
	}
	out := batch.Output{
		Path: filepath.Join(dir, name), Lang: lang, Pages: pages,
		Bytes: len(data), TLP: marking.Label(tlp), Encrypted: encrypted,
	}
	if sums {
		sum := sha256.Sum256(data)
		out.SHA256 = hex.EncodeToString(sum[:])
		out.Content = out.SHA256
		if encrypted {
			content := sha256.Sum256(plain)
			out.Content = hex.EncodeToString(content[:])
		}
	}
	return out, nil
}

// fileError is an error about a file as a whole, placed at line 1,
// column 1 so that every message has the same shape.
func fileError(file, format string, args ...any) diag.Diagnostic {
	return diag.Whole(file, fmt.Sprintf(format, args...))
}

// SharedIDs finds, before anything is rendered, the files of a run that
// give one id (load.FindID, reading each file only to its first table), and
// returns for each such file its error at its id, naming the others. Those
// files are refused without being rendered, so that the PDFs the id
// already has in the output folder, published by an earlier run, stay as
// they are: copying an incident file to start a new one and forgetting to
// change its id must not unpublish the original. A file whose id is not
// found that way is left to [Collisions].
func SharedIDs(files []string) map[string]diag.Diagnostic {
	if len(files) < 2 {
		return nil // one file shares its id with none
	}
	type place struct {
		file      string
		line, col int
	}
	byID := map[string][]place{}
	var ids []string
	for _, f := range files {
		data, err := readfile.Read(f, load.MaxFile)
		if err != nil {
			continue // reported when the file is loaded
		}
		id, line, col, ok := load.FindID(data)
		if !ok {
			continue
		}
		if len(byID[id]) == 0 {
			ids = append(ids, id)
		}
		byID[id] = append(byID[id], place{f, line, col})
	}
	out := map[string]diag.Diagnostic{}
	for _, id := range ids {
		ps := byID[id]
		if len(ps) < 2 {
			continue
		}
		for _, p := range ps {
			var others []string
			for _, q := range ps {
				if q != p {
					others = append(others, q.file)
				}
			}
			out[p.file] = diag.Diagnostic{Severity: diag.Error, File: p.file, Line: p.line, Col: p.col, Key: "id",
				Message: fmt.Sprintf("%q is also the id of %s; each incident needs its own id, so neither file is rendered (the PDFs already written for %q are kept)",
					id, strings.Join(others, ", "), id)}
		}
	}
	return out
}

// Collisions finds the PDFs that more than one file of a run makes (two
// incidents with the same id, or one file reached by two paths) and, since
// which one is left would depend on the order the workers finished in,
// removes those written: each such file gets an error at its id naming the
// others, and loses the output. Checked files (nothing written) get the
// same error. It returns the results changed in place.
func Collisions(results []batch.Result) []batch.Result {
	makers := map[string][]int{} // name → indexes of results
	var names []string
	for i, r := range results {
		for _, n := range r.Names {
			if len(makers[n]) == 0 {
				names = append(names, n)
			}
			if m := makers[n]; len(m) == 0 || m[len(m)-1] != i {
				makers[n] = append(m, i)
			}
		}
	}
	for _, n := range names {
		m := makers[n]
		if len(m) < 2 {
			continue
		}
		for _, i := range m {
			var others []string
			for _, j := range m {
				if j != i {
					others = append(others, results[j].File)
				}
			}
			r := &results[i]
			msg := fmt.Sprintf("%s would also be written by %s (the same id); each incident needs its own id",
				n, strings.Join(others, ", "))
			outs := r.Outputs[:0]
			for _, o := range r.Outputs {
				if filepath.Base(o.Path) != n {
					outs = append(outs, o)
					continue
				}
				os.Remove(o.Path)
				msg = fmt.Sprintf("%s is also written by %s (the same id); each incident needs its own id, so neither is kept",
					o.Path, strings.Join(others, ", "))
			}
			r.Outputs = outs
			d := fileError(r.File, "%s", msg)
			if r.IDLine > 0 {
				d.Line, d.Col, d.Key = r.IDLine, r.IDCol, "id"
			}
			r.Diagnostics = append(r.Diagnostics, d)
		}
	}
	return results
}
