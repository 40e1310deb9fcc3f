package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"briefing/briefing/batch"
	"briefing/briefing/build"
	"briefing/briefing/diag"
	"briefing/briefing/digest"
	"briefing/briefing/load"
	"briefing/briefing/model"
	"briefing/briefing/output"
	"briefing/briefing/period"
	"briefing/briefing/render"
	"briefing/briefing/validate"
	"briefing/internal/readfile"
)

const digestUsage = `Usage: briefing digest (--week WEEK | --month MONTH | --from DATE --to DATE) [flags] PATH...

Write one PDF of every incident whose date or updated date falls in a period
(both ends included; an ISO week runs Monday to Sunday):
OUT/digest-<period>.<lang>.pdf, where <period> is the week (2021-W18), the
month (2021-05) or FROM_TO (2021-05-01_2021-05-31). --week and --month also
take this, last and -N (weeks or months back from today: the local date, or
the day of $SOURCE_DATE_EPOCH). A cover names the period and lists the
incidents (new or updated, as-of date, title, severity, TLP), each row linked
to its briefing; then the briefings follow in that order, page numbers
running through. Every page carries the most restrictive TLP marking of the
incidents in the digest.

Each file is first read only for its dates: one whose dates lie outside the
period is not checked further, whatever else is wrong with it (a syntax
error too, unless it is on a line that may set a date). A file whose dates
cannot be read (it may be of the period, and a warning says so), or that is
in the period and fails validation, is reported (file:line:col: key:
message), left out and named on the cover with its first error (its place
and key alone when its TLP is more restrictive than the digest's incidents
or cannot be read), and the exit status is 1. Such a file still counts in the
digest's marking when its tlp can be read. An incident is in the digests of its languages only. Without
--lang a digest is made in the languages of its incidents (ja and en when the
period has none). --json reports each input file and, as the entry
"digest:<period>", the period and the digests written.

Examples:
    briefing digest --week last incidents
    briefing digest --month 2021-05 --lang ja -o out incidents
    briefing digest --from 2021-05-01 --to 2021-05-09 incidents
`

// digestContext writes the digests of a period until ctx is done; no
// partial PDF is left.
func digestContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flags("digest")
	dir := outFlag(fs)
	week := fs.String("week", "", "the ISO `WEEK` to digest, e.g. 2021-W18 (Monday to Sunday), or this, last, -N (weeks back from today)")
	month := fs.String("month", "", "the `MONTH` to digest, e.g. 2021-05, or this, last, -N (months back from today)")
	from := fs.String("from", "", "first `DATE` of the period, e.g. 2021-05-01 (with --to)")
	to := fs.String("to", "", "last `DATE` of the period, included, e.g. 2021-05-31 (with --from)")
	c := commonFlags(fs)
	prot, mf := protectionFlags(fs), mailFlags(fs)
	kind := pdfFlag(fs)
	fs.Lookup("lang").Usage = "comma-separated languages, e.g. ja,en (default: the languages of the period's incidents; ja,en when it has none)"
	fs.Lookup("strict").Usage = "treat a text missing a digest's language as an error: that incident is left out of that language's digest"
	if status, done := parse(fs, digestUsage, args, stdout, stderr); done {
		return status
	}
	r, ok := digestPeriod(*week, *month, *from, *to, stderr)
	if !ok {
		return exitUsage
	}
	enc, ok := prot.policy(stderr)
	dl, ok2 := mf.delivery(stderr)
	profile, ok3 := pdfProfile(*kind, stderr)
	if !ok || !ok2 || !ok3 {
		return exitUsage
	}
	opt, files, status := c.setupOut(fs, *dir, stderr)
	if files == nil {
		return status
	}
	opt.Encrypt = enc

	start := time.Now()
	update, clearBar := progress(stderr, len(files))
	var mu sync.Mutex
	loaded := map[string]*model.Incident{}
	marks := map[string]digest.Failure{} // each file's marking (TLP "" when unread)
	results := batch.Run(ctx, files, *c.jobs, func(ctx context.Context, f string) batch.Result {
		// Dates first: a file dated outside the period is not read
		// further, so an old broken file fails no weekly run. The head's
		// marking is what a file left out counts for in the digest's.
		var h load.Head
		data, err := readfile.Read(f, load.MaxFile)
		read := err == nil
		if read {
			h, err = load.ReadHead(data)
			if err == nil && !digest.Wants(h, r) {
				return batch.Result{File: f, Outside: true}
			}
		}
		inc, _, ds := build.Incident(f)
		if inc == nil && read {
			h = load.MarkingBelow(h, data) // a tlp typed into a table
		}
		tlp, unsure := h.TLP, h.TLPUnsure
		if !h.TLPGiven && opt.Strict { // refused: no reading to trust
			tlp = ""
		}
		if inc != nil && !digest.In(inc, r) {
			return batch.Result{File: f, Outside: true}
		}
		if err != nil && inc == nil {
			ds = append(ds, undated(f, err))
		}
		if inc != nil && (inc.TLPGiven || !opt.Strict) {
			tlp, unsure = inc.TLP, false
		}
		if md := validate.Marking(inc, opt.Strict); md.HasErrors() {
			inc, ds = nil, append(ds, md...)
		} else {
			ds = append(ds, md...)
		}
		// The digest keeps what its cover and email show of each
		// incident; the whole is read again as its briefing is composed.
		inc = digest.Light(inc)
		mu.Lock()
		loaded[f], marks[f] = inc, digest.Failure{TLP: tlp, Unsure: unsure}
		mu.Unlock()
		return batch.Result{File: f, Diagnostics: ds, Incident: inc}
	}, update)
	clearBar()
	sharedInPeriod(results, loaded)
	d := digest.Digest{Period: r, Load: reload}
	var incs []*model.Incident
	outside := 0
	unread := false // a file left out whose marking could not be read
	for i, res := range results {
		switch {
		case res.Outside:
			outside++
		case res.Failed():
			d.LeftOut++
			if first, ok := digest.FirstError(res.Diagnostics); ok && !res.Interrupted {
				m := marks[res.File]
				d.Failures = append(d.Failures, digest.Failure{Diagnostic: first, TLP: m.TLP, Unsure: m.Unsure})
				// The report says what the cover says of its marking.
				results[i].TLP, results[i].TLPUnread = m.TLP, m.TLP == "" || m.Unsure
				unread = unread || results[i].TLPUnread
			}
		case loaded[res.File] != nil:
			incs = append(incs, loaded[res.File])
		}
	}
	d.Incidents = digest.Select(incs, r)

	langs := opt.Langs
	if langs == nil {
		langs = digestLangs(d.Incidents)
	}
	out := batch.Result{File: "digest:" + r.Name(), Period: &batch.Period{Name: r.Name(), From: r.From.String(), To: r.To.String()}, TLPUnread: unread}
	byFile := map[string]int{}
	for i, res := range results {
		byFile[res.File] = i
	}
	written, shown, lost := 0, 0, 0    // lost: digests that could not be written
	held := map[string]digest.Digest{} // each language's digest as its PDF holds it
	for _, lang := range langs {
		if ctx.Err() != nil {
			out.Interrupted = true
			break
		}
		// The mode and the encryption follow the most restrictive marking
		// of the period, the files left out included (see digest.Marking):
		// at least the label of each language's PDF. The PDF goes into
		// its temporary file as it is drawn.
		ro := render.Options{Profile: profile(opt.Theme), Encrypted: opt.Encrypt.Applies(digest.Marking(d))}
		name := digest.Name(r, lang)
		var s digest.Digest
		var ds diag.List
		o, err := build.PublishDrawn(opt.Dir, name, lang, digest.Marking(d), opt.Encrypt, func(w io.Writer) (pages int, err error) {
			pages, s, ds, err = digest.PDFWith(w, d, lang, opt.Theme, opt.Strict, &ro)
			return pages, err
		})
		for _, x := range ds {
			if i, ok := byFile[x.File]; ok {
				results[i].Diagnostics = append(results[i].Diagnostics, x)
			} else {
				out.Diagnostics = append(out.Diagnostics, x)
			}
		}
		if err != nil {
			out.Diagnostics = append(out.Diagnostics, diag.Whole(name, err.Error()))
			if ctx.Err() == nil {
				lost++
			}
			continue
		}
		out.Outputs = append(out.Outputs, o)
		written++
		shown = max(shown, len(s.Incidents))
		held[lang] = s
	}
	unsent := 0 // 1 when the digest's email was made or sent in vain
	if dl != nil && !out.Failed() {
		dl.Digest(ctx, &out, held, opt.Theme)
		if out.Failed() {
			unsent = 1
		}
	}
	elapsed := time.Since(start)

	for i := range results {
		results[i].Diagnostics = results[i].Diagnostics.Dedupe()
	}
	failed := printResults(stderr, results)
	bad := printResults(stderr, []batch.Result{out}) > 0 || failed > 0
	if ctx.Err() != nil {
		output.RemoveTemps(opt.Dir)
	}
	if stopped := slices.ContainsFunc(results, func(r batch.Result) bool { return r.Interrupted }); stopped || out.Interrupted {
		errorf(stderr, "interrupted: %d of %d digests written; no partial PDF was left", written, len(langs))
		bad = true
	}
	skipped := ""
	if outside > 0 {
		skipped = fmt.Sprintf(" (%d outside the period)", outside)
	}
	// The summary line and --json count alike: the files left out, each
	// digest not written and the email not delivered.
	undone := lost + unsent
	if undone == 0 && out.Failed() {
		undone = 1 // another error of the digest itself
	}
	fmt.Fprintf(stderr, "briefing: %d %s%s, %d %s written (%d %s of %s), %d failed, %.2f s\n",
		len(files), plural(len(files), "file", "files"), skipped,
		written, plural(written, "digest", "digests"),
		shown, plural(shown, "incident", "incidents"), r.Name(),
		failed+undone, elapsed.Seconds())
	all := append(results, out)
	sum := batch.Summarize(all, elapsed)
	sum.Files = len(files)
	sum.Failed = failed + undone
	if !c.report(stdout, stderr, all, sum) || bad {
		return exitFailed
	}
	return exitOK
}

// digestPeriod reads the period flags; ok is false (the error printed)
// when they are wrong.
func digestPeriod(week, month, from, to string, stderr io.Writer) (r period.Range, ok bool) {
	var err error
	given := 0
	for _, s := range []string{week, month, from + to} {
		if s != "" {
			given++
		}
	}
	switch {
	case given > 1:
		errorf(stderr, "--week, --month and --from/--to cannot be used together: give one period")
		hint(stderr, "briefing digest --week 2021-W18 PATH...  or  --month 2021-05  or  --from 2021-05-01 --to 2021-05-31")
		return r, false
	case week != "" && period.IsRelative(week), month != "" && period.IsRelative(month):
		var now time.Time
		if now, err = today(); err == nil {
			if week != "" {
				r, err = period.Relative(week, now)
			} else {
				r, err = period.RelativeMonth(month, now)
			}
		}
	case week != "":
		r, err = period.Week(week)
	case month != "":
		r, err = period.Month(month)
	case from != "" && to != "":
		r, err = period.Dates(from, to)
	case from != "" || to != "":
		errorf(stderr, "--from and --to go together: give both ends of the period")
		return r, false
	default:
		errorf(stderr, "digest needs a period: --week 2021-W18, --month 2021-05, or --from DATE --to DATE")
		hint(stderr, `run "briefing digest -h" for its usage`)
		return r, false
	}
	if err != nil {
		errorf(stderr, "%v", err)
		return r, false
	}
	return r, true
}

// sharedInPeriod refuses the files of the period that give one id, as
// render and check refuse them: a digest binds each incident in under its
// id (its anchors, the names of its indicator files), so two files with
// one id (a file copied to start a new one, the id left unchanged) are
// neither in the digest; each is left out, named on the cover with an
// error at its id naming the others, and the status is 1. Files outside
// the period are not compared, so the old incident a new file was copied
// from takes nothing away from this period's digest.
func sharedInPeriod(results []batch.Result, loaded map[string]*model.Incident) {
	byID := map[string][]int{}
	var ids []string
	for i, res := range results {
		inc := loaded[res.File]
		if res.Outside || inc == nil || res.Failed() {
			continue
		}
		if len(byID[inc.ID]) == 0 {
			ids = append(ids, inc.ID)
		}
		byID[inc.ID] = append(byID[inc.ID], i)
	}
	for _, id := range ids {
		is := byID[id]
		if len(is) < 2 {
			continue
		}
		files := make([]string, len(is))
		for k, i := range is {
			files[k] = results[i].File
		}
		places := build.SharedIDs(files)
		for k, i := range is {
			others := slices.Delete(slices.Clone(files), k, k+1)
			d, ok := places[files[k]]
			if !ok { // an id written so that first reading misses it
				d = diag.Whole(files[k], "")
				d.Key = "id"
			}
			d.Message = fmt.Sprintf("%q is also the id of %s; each incident needs its own id, so neither file is in the digest",
				id, strings.Join(others, ", "))
			results[i].Diagnostics = append(results[i].Diagnostics, d)
			results[i].Incident = nil
			loaded[files[k]] = nil
		}
	}
}

// undated is the warning of a file left out of a digest whose dates
// could not be read (err says why): it tells the operator why a file
// that may be years old fails this period's digest, and every later
// one until it is fixed. No file that may belong to the period is left
// out silently.
func undated(f string, err error) diag.Diagnostic {
	d := diag.Whole(f, fmt.Sprintf("its dates cannot be read (%v), so it may be an incident of this period: it is left out of the digest, and the status is 1 for every period until the file is fixed", err))
	d.Severity, d.Key = diag.Warning, "date"
	return d
}

// reload reads the whole incident of a digest's entry (see digest.Light)
// again, as its briefing is composed. A file changed since its first
// reading so that it fails, or gives another id or other dates, is left
// out with an error.
func reload(l *model.Incident) (*model.Incident, diag.List) {
	inc, _, ds := build.Incident(l.File)
	switch {
	case inc == nil:
		return nil, ds
	case inc.ID != l.ID || inc.Date != l.Date || inc.Updated != l.Updated || inc.TLP != l.TLP:
		return nil, diag.List{diag.Whole(l.File, "changed while the digest was made; run it again")}
	}
	return inc, nil
}

// today is the clock of --week last and --month last: $SOURCE_DATE_EPOCH (seconds since
// 1970, the reproducible-builds convention) when set, else the system's
// clock in the local time zone.
func today() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Now(), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("$SOURCE_DATE_EPOCH %q: want the seconds since 1970-01-01 UTC", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

// digestLangs are the languages of a digest made without --lang: those
// of its incidents, in order of first appearance, that briefings can be
// made in; ja and en when there are none.
func digestLangs(incs []*model.Incident) []string {
	var out []string
	for _, inc := range incs {
		for _, l := range inc.Languages {
			if build.Supported(l) == nil && !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	if len(out) == 0 {
		return []string{"ja", "en"}
	}
	return out
}
