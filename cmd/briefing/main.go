// Command briefing turns incident definitions written in TOML into typeset
// Japanese and English PDF briefings.
//
// Run "briefing -h" for its usage.
//
// # Pipeline
//
// This file reads top-down: run picks the command, and render and check
// parse their flags and hand each incident file to a pool of workers
// (package batch) that runs build.File on it. Each stage is a package of
// its own and returns a new value:
//
//	load.File → validate.Incident → compose.BriefingWith → layout.Stream → render.Document → output.Write
//
// (layout.Stream hands each page to render.Document as soon as it is laid
// out) once per language of the file (encrypt.PDF before output.Write with
// --encrypt; then, with --mail-to, mail.Delivery makes and sends one
// message per file); check stops after the layout. digest
// (digest.go) loads and validates the files the same way, then binds the
// incidents of a period into one document (digest.PDF). The commands'
// shared flags and messages come last. Only this package prints to the
// terminal and calls os.Exit.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/text/language"

	"briefing/briefing/batch"
	"briefing/briefing/build"
	"briefing/briefing/diag"
	"briefing/briefing/model"
	"briefing/briefing/output"
	"briefing/briefing/render"
	"briefing/briefing/schema"
	"briefing/briefing/theme"
	_ "briefing/internal/early" // the default template parsed during package initialization
	"briefing/internal/gcpace"
	"briefing/templates"
)

const usage = `briefing turns incident files (TOML) into PDF briefings in Japanese and English.

Usage:
    briefing render [flags] PATH...   incident files, or folders searched for *.toml
    briefing check  [flags] PATH...   validate only; same messages, no PDF written
    briefing digest [flags] PATH...   one briefing of every incident in a period
    briefing new ID                   print a commented skeleton incident file
    briefing schema                   print the JSON Schema of incident files, for editors
    briefing version                  print the version

Run "briefing COMMAND -h" for the flags of a command. Flags may come before,
between or after the paths; "--" ends them (a path after it may start with -).

Examples:
    briefing new acme-vpn-breach > incidents/acme-vpn-breach.toml
    briefing check incidents
    briefing render -o out incidents/acme-vpn-breach.toml
    briefing render --lang en --strict incidents
    briefing digest --week 2021-W18 incidents

Exit status: 0 all done; 1 some file was refused or failed (the others were
still done); 2 the command line is wrong.
Errors and warnings go to stderr, one a line: file:line:col: key: message.
`

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // some file was refused or failed
	exitUsage  = 2 // the command line is wrong
)

func main() {
	// Each briefing allocates a few MB that die when its PDF is written.
	// Collecting at 5× the live heap instead of 2× halves the CPU spent
	// on the heap in a batch (its live heap stays under 12 MB, so the
	// percentage stays 400); one huge file is collected once its heap has
	// grown 48 MB, at 1.5× at least, under a soft memory limit just above
	// that (gcpace.Limit), which gives freed memory back to the system.
	// Measured on a 50,000-row table (peak RSS, CPU, three paired runs):
	// headroom 64 MB and no limit 162–167 MB, 3.30 s; 48 MB 151–157 MB,
	// 3.40 s; 48 MB and the limit 140–146 MB, 3.39 s; 32 MB 135–155 MB,
	// 3.53 s; a fixed GOMEMLIMIT of 100 MiB (under its live heap then) took
	// twice the CPU. A batch of 1,000 seed files kept its CPU and peak
	// RSS (the limit is never set there). A GOGC set in the environment
	// still wins, and so does a GOMEMLIMIT.
	if os.Getenv("GOGC") == "" {
		gcpace.Start(gcpace.Pace{Min: 50, Max: 400, Headroom: 48 << 20}, os.Getenv("GOMEMLIMIT") == "")
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the command line args and returns the exit status. When the
// command line asks for --json but is wrong, stdout still gets a JSON
// report, holding the error: a scheduled job always gets valid JSON.
func run(args []string, stdout, stderr io.Writer) int {
	con := &console{Writer: stderr, json: asksJSON(nil, args)}
	status := command(args, stdout, con)
	if status == exitUsage && con.json {
		r := batch.Refusal{Errors: con.errors, Hints: con.hints, Diagnostics: con.diags}
		if err := batch.WriteRefusal(stdout, r); err != nil {
			errorf(stderr, "write the report: %v", err)
		}
	}
	return status
}

// command runs the command of args.
func command(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "check":
		return check(args, stdout, stderr)
	case "render":
		return interruptible(renderContext, args, stdout, stderr)
	case "digest":
		return interruptible(digestContext, args, stdout, stderr)
	case "new":
		return newIncident(args, stdout, stderr)
	case "schema":
		return printSchema(args, stdout, stderr)
	case "version":
		return version(args, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	errorf(stderr, "unknown command %q", cmd)
	hint(stderr, `the commands are render, check, digest, new, schema and version; run "briefing -h"`)
	return exitUsage
}

const renderUsage = `Usage: briefing render [flags] PATH...

Render each incident file (or folder, searched for *.toml) into
OUT/<id>.<lang>.pdf, one briefing per language. Each PDF is written to a
temporary file and renamed into place: a failed or interrupted run leaves
the old PDF or the new one, never half of one. A file that is refused
writes nothing; the other files are still written (exit status 1).

Errors and warnings go to stderr as file:line:col: key: message; a run ends
with one summary line. On a terminal a progress bar shows files done.

Examples:
    briefing render samples
    briefing render -o out --lang ja incidents/pla-61419.toml
    briefing render --strict --json -j 4 incidents > report.json
    briefing render --template acme.toml incidents
    briefing render --pdf plain --attach-source incidents
`

// interruptible runs a command that SIGINT and SIGTERM stop before it
// starts another file or language.
func interruptible(cmd func(ctx context.Context, args []string, stdout, stderr io.Writer) int, args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return cmd(ctx, args, stdout, stderr)
}

// renderContext writes the briefings of the incident files until ctx is
// done.
func renderContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flags("render")
	dir := outFlag(fs)
	c := commonFlags(fs)
	prot, mf := protectionFlags(fs), mailFlags(fs)
	kind := pdfFlag(fs)
	source := fs.Bool("attach-source", false, "embed the incident file, without its [x] table, in each briefing (an associated file, AFRelationship /Source)")
	if status, done := parse(fs, renderUsage, args, stdout, stderr); done {
		return status
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
	opt.PDF.Profile, opt.AttachSource = profile(opt.Theme), *source
	opt.KeepIncident = dl != nil // mail reads each incident after the batch
	opt.Sums = *c.json || dl != nil
	start := time.Now()
	update, clearBar := progress(stderr, len(files))
	shared := build.SharedIDs(files)
	results := batch.Run(ctx, files, *c.jobs, func(ctx context.Context, f string) batch.Result {
		if d, ok := shared[f]; ok {
			return build.Refused(f, diag.List{d}, opt.Strict)
		}
		return build.File(ctx, f, &opt)
	}, update)
	results = build.Collisions(results)
	dl.Results(ctx, results, opt.Theme)
	elapsed := time.Since(start)
	clearBar()
	failed := printResults(stderr, results) > 0
	sum := batch.Summarize(results, elapsed)
	if ctx.Err() != nil {
		output.RemoveTemps(opt.Dir)
	}
	if sum.Interrupted > 0 { // a signal that came after the last file stops nothing
		errorf(stderr, "interrupted: %d of %d files done; no partial PDF was left", sum.Files-sum.Interrupted, len(files))
		failed = true
	}
	fmt.Fprintln(stderr, sum.Line())
	if !c.report(stdout, stderr, results, sum) || failed {
		return exitFailed
	}
	return exitOK
}

const checkUsage = `Usage: briefing check [flags] PATH...

Check incident files (or folders, searched for *.toml) against the incident
format and compose every briefing without writing any PDF: the messages are
those of render, including characters the template's fonts cannot draw.
Every problem is printed to stderr as file:line:col: key: message; the run
ends with one summary line.

Examples:
    briefing check --strict incidents samples/kaseya-vsa-2021.toml
    briefing check --template acme.toml incidents
`

// check validates every incident file of the command line and composes
// its briefings without drawing them.
func check(args []string, stdout, stderr io.Writer) int {
	fs := flags("check")
	c := commonFlags(fs)
	if status, done := parse(fs, checkUsage, args, stdout, stderr); done {
		return status
	}
	opt, files, status := c.setup(fs, stderr)
	if files == nil {
		return status
	}
	opt.Check = true
	start := time.Now()
	shared := build.SharedIDs(files)
	results := batch.Run(context.Background(), files, *c.jobs, func(ctx context.Context, f string) batch.Result {
		if d, ok := shared[f]; ok {
			return build.Refused(f, diag.List{d}, opt.Strict)
		}
		return build.File(ctx, f, &opt)
	}, nil)
	results = build.Collisions(results)
	elapsed := time.Since(start)
	refused := printResults(stderr, results)
	fmt.Fprintf(stderr, "briefing: %d %s checked, %d refused, %.2f s\n",
		len(files), plural(len(files), "file", "files"), refused, elapsed.Seconds())
	if !c.report(stdout, stderr, results, batch.Summarize(results, elapsed)) || refused > 0 {
		return exitFailed
	}
	return exitOK
}

const newUsage = `Usage: briefing new ID

Print a commented skeleton incident file with every section, ready to be
filled in. ID names the output files: 1 to 80 of a-z, 0-9, '.', '_' and
'-', starting with a letter or digit.

Example:
    briefing new acme-vpn-breach > incidents/acme-vpn-breach.toml
`

// skeletonID is the id in templates/skeleton.toml that "new" replaces.
const skeletonID = "example-incident"

// newIncident prints the skeleton incident file.
func newIncident(args []string, stdout, stderr io.Writer) int {
	fs := flags("new")
	if status, done := parse(fs, newUsage, args, stdout, stderr); done {
		return status
	}
	if fs.NArg() != 1 {
		errorf(stderr, "new needs exactly one ID")
		hint(stderr, "briefing new acme-vpn-breach > acme-vpn-breach.toml")
		return exitUsage
	}
	id := fs.Arg(0)
	if !model.IsID(id) {
		errorf(stderr, "%q cannot be an id: use 1 to 80 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit", id)
		return exitUsage
	}
	skel, err := templates.FS.ReadFile("skeleton.toml")
	if err != nil {
		errorf(stderr, "read the skeleton: %v", err)
		return exitFailed
	}
	if _, err := io.WriteString(stdout, withID(string(skel), id)); err != nil {
		errorf(stderr, "%v", err)
		return exitFailed
	}
	return exitOK
}

// withID returns the skeleton with its id line set to id, the comment
// kept in the column of the comments around it; an id too long for that
// column has its comment on the line above.
func withID(skel, id string) string {
	old := `id = "` + skeletonID + `"`
	i := strings.Index(skel, old)
	if i < 0 {
		return skel
	}
	end := i + strings.IndexByte(skel[i:]+"\n", '\n')
	line := skel[i:end]
	col := strings.Index(line, "#")
	if col < 0 {
		return skel[:i] + `id = "` + id + `"` + skel[i+len(old):]
	}
	comment := line[col:]
	key := `id = "` + id + `"`
	if len(key) < col {
		line = key + strings.Repeat(" ", col-len(key)) + comment
	} else {
		line = comment + "\n" + key
	}
	return skel[:i] + line + skel[end:]
}

const schemaUsage = `Usage: briefing schema

Print the JSON Schema (draft 4) of incident files, for editors that read
one: Taplo and VS Code's Even Better TOML check each key and value as it
is typed, show what it means and complete keys and values. Save it next
to the incident files; the skeleton of "briefing new" names it in its
first line, #:schema ./briefing.schema.json.

Example:
    briefing schema > incidents/briefing.schema.json
`

// printSchema prints the JSON Schema of the incident format.
func printSchema(args []string, stdout, stderr io.Writer) int {
	fs := flags("schema")
	if status, done := parse(fs, schemaUsage, args, stdout, stderr); done {
		return status
	}
	if fs.NArg() != 0 {
		errorf(stderr, "schema takes no arguments")
		hint(stderr, "briefing schema > incidents/briefing.schema.json")
		return exitUsage
	}
	b, err := schema.JSON()
	if err != nil {
		errorf(stderr, "%v", err)
		return exitFailed
	}
	if _, err := stdout.Write(b); err != nil {
		errorf(stderr, "%v", err)
		return exitFailed
	}
	return exitOK
}

const versionUsage = `Usage: briefing version

Print the version of briefing and the Go version it was built with.
`

// version prints the module version from the build information.
func version(args []string, stdout, stderr io.Writer) int {
	fs := flags("version")
	if status, done := parse(fs, versionUsage, args, stdout, stderr); done {
		return status
	}
	if fs.NArg() > 0 {
		errorf(stderr, "version takes no arguments, not %q", strings.Join(fs.Args(), " "))
		return exitUsage
	}
	v, goVersion := "(devel)", ""
	if info, ok := debug.ReadBuildInfo(); ok {
		if info.Main.Version != "" {
			v = info.Main.Version
		}
		goVersion = info.GoVersion
	}
	fmt.Fprintf(stdout, "briefing %s %s\n", v, goVersion)
	return exitOK
}

// common are the flags check, render and digest share.
type common struct {
	strict   *bool
	lang     *string
	json     *bool
	template *string
	jobs     *int
}

func commonFlags(fs *flag.FlagSet) common {
	return common{
		strict:   fs.Bool("strict", false, "treat a text missing a briefing language as an error, not a warning; that language's PDF is not written"),
		lang:     fs.String("lang", "", "comma-separated languages, e.g. ja,en (default: each file's languages); ja, en and their regional variants such as en-GB"),
		json:     fs.Bool("json", false, "write a machine-readable report of every file to stdout"),
		template: fs.String("template", "", "template `FILE` with the organization's paper, fonts, colours and words (default: the embedded one)"),
		jobs:     fs.Int("j", runtime.NumCPU(), "number of files worked on at once"),
	}
}

// pdfFlag defines --pdf, the kind of PDF render and digest write.
func pdfFlag(fs *flag.FlagSet) *string {
	return fs.String("pdf", "", "the `KIND` of PDF: archival (PDF/A-2u, PDF/A-3u with attached files) or plain (PDF 1.7 without XMP metadata, output intent and tags, the smallest) (default: the template's pdf, archival)")
}

// pdfProfile checks the kind --pdf names, saying what is wrong, and
// returns the render profile it picks given the template th ("" takes
// th's setting).
func pdfProfile(kind string, stderr io.Writer) (func(th *theme.Theme) render.Profile, bool) {
	switch kind {
	case "", "archival", "plain":
	default:
		errorf(stderr, "--pdf %s: the kinds of PDF are archival and plain", kind)
		return nil, false
	}
	return func(th *theme.Theme) render.Profile {
		if kind == "plain" || kind == "" && th != nil && th.PlainPDF {
			return render.Plain
		}
		return render.Archival
	}, true
}

// outFlag defines -o, the output folder of render and digest.
func outFlag(fs *flag.FlagSet) *string {
	return fs.String("o", build.DefaultDir, "output `DIR`, created when missing")
}

// outDir reports whether dir can be the output folder (-o), saying why
// not: a path through a file that is not a folder would fail every PDF of
// the run.
func outDir(dir string, stderr io.Writer) bool {
	return folderFlag("-o", dir, "the PDFs are", stderr)
}

// folderFlag reports whether dir, given to flag, can be a folder that
// what is written to, saying why not, naming the flag.
func folderFlag(flag, dir, what string, stderr io.Writer) bool {
	fi, err := os.Stat(dir)
	if err == nil && !fi.IsDir() || errors.Is(err, syscall.ENOTDIR) {
		errorf(stderr, "%s %s: not a folder", flag, dir)
		hint(stderr, "%s names the folder %s written to; it is created when missing", flag, what)
		return false
	}
	return true
}

// setup turns the common flags and paths into build options and the input
// files. files is nil when the command should end with status.
func (c common) setup(fs *flag.FlagSet, stderr io.Writer) (opt build.Options, files []string, status int) {
	if *c.jobs < 1 {
		errorf(stderr, "-j %d: the number of workers must be at least 1", *c.jobs)
		return opt, nil, exitUsage
	}
	langs, err := langList(*c.lang)
	if err != nil {
		errorf(stderr, "--lang: %v", err)
		return opt, nil, exitUsage
	}
	for _, l := range langs {
		if err := build.Supported(l); err != nil {
			errorf(stderr, "--lang: %v", err)
			return opt, nil, exitUsage
		}
	}
	files, status = inputs(fs, stderr)
	if files == nil {
		return opt, nil, status
	}
	th, err := loadTheme(*c.template)
	if err != nil {
		var ds diag.List
		if errors.As(err, &ds) {
			for _, d := range ds {
				refusedBy(stderr, d)
			}
			errorf(stderr, "the template %s has errors", *c.template)
		} else {
			errorf(stderr, "--template: %v", err)
		}
		return opt, nil, exitUsage
	}
	for _, d := range th.Warnings {
		fmt.Fprintln(stderr, d)
	}
	return build.Options{Langs: langs, Strict: *c.strict, Theme: th}, files, exitOK
}

// setupOut is setup for the commands that write PDFs: it also checks the
// output folder -o named, makes it ready (output.Prepare: created, written
// into, cleared of killed runs' temporary files) and puts it in the
// options.
func (c common) setupOut(fs *flag.FlagSet, dir string, stderr io.Writer) (opt build.Options, files []string, status int) {
	opt, files, status = c.setup(fs, stderr)
	if files == nil {
		return opt, nil, status
	}
	if !outDir(dir, stderr) {
		return opt, nil, exitUsage
	}
	// Found once here rather than file by file: a folder no PDF can be
	// written into.
	if err := output.Prepare(dir); err != nil {
		errorf(stderr, "-o %s: %v", dir, err)
		hint(stderr, "-o names the folder the PDFs are written to: choose one this user can create files in")
		return opt, nil, exitUsage
	}
	opt.Dir = dir
	return opt, files, exitOK
}

// loadTheme reads the template named on the command line, once per run.
func loadTheme(path string) (*theme.Theme, error) {
	if path == "" {
		return theme.Default()
	}
	return theme.Load(path)
}

// inputs expands the paths of the command line into incident files. files
// is nil when there is nothing to do; status is then the exit status.
func inputs(fs *flag.FlagSet, stderr io.Writer) (files []string, status int) {
	if fs.NArg() == 0 {
		errorf(stderr, "%s needs at least one incident file or folder", fs.Name())
		hint(stderr, `run "briefing %s -h" for its usage`, fs.Name())
		return nil, exitUsage
	}
	files, err := batch.Files(fs.Args())
	if err != nil {
		errorf(stderr, "%v", err)
		return nil, exitUsage
	}
	if len(files) == 0 {
		errorf(stderr, "no *.toml incident files in %s", strings.Join(fs.Args(), ", "))
		return nil, exitUsage
	}
	return files, exitOK
}

// langList parses a --lang value: comma-separated BCP 47 tags, returned
// canonical; nil when s is empty.
func langList(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var out []string
	for _, l := range strings.Split(s, ",") {
		t, err := language.Parse(strings.TrimSpace(l))
		if err != nil || t == language.Und {
			return nil, fmt.Errorf("%q is not a language tag; write e.g. --lang ja,en", l)
		}
		if !slices.Contains(out, t.String()) {
			out = append(out, t.String())
		}
	}
	return out, nil
}

// printResults prints the messages of each result to stderr and returns
// the number of results that failed.
func printResults(stderr io.Writer, results []batch.Result) (failed int) {
	for _, r := range results {
		for _, d := range r.Diagnostics {
			fmt.Fprintln(stderr, d)
		}
		if r.Failed() {
			failed++
		}
	}
	return failed
}

// report writes the JSON report to stdout when --json was given. It
// returns false when the report could not be written (the error printed).
func (c common) report(stdout, stderr io.Writer, results []batch.Result, sum batch.Summary) bool {
	if !*c.json {
		return true
	}
	if err := batch.WriteJSON(stdout, results, sum); err != nil {
		errorf(stderr, "write the report: %v", err)
		return false
	}
	return true
}

// progress draws a progress bar of total files on stderr when it is a
// terminal: update is for [batch.Run] (nil without a bar) and clearBar
// removes the bar.
func progress(stderr io.Writer, total int) (update func(n, failed int), clearBar func()) {
	if !terminal(stderr) {
		return nil, func() {}
	}
	bar := batch.NewProgress(stderr, total)
	return bar.Update, bar.Clear
}

// terminal reports whether w is a terminal, where a progress bar may be drawn.
func terminal(w io.Writer) bool {
	if c, ok := w.(*console); ok {
		w = c.Writer
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// flags returns a flag set for a command; parse prints its usage text.
func flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parse reports errors and prints the usage
	fs.Usage = func() {}
	return fs
}

// parse parses args; done is true when the command should end at once with
// status: after -h (usage on stdout) or a wrong flag (error on stderr).
// Flags may come before, between and after the paths, as in most tools
// (briefing render samples -o out); "--" ends them, so that a path that
// starts with "-" is written after it. fs.Args() are then the paths, in
// order.
func parse(fs *flag.FlagSet, text string, args []string, stdout, stderr io.Writer) (status int, done bool) {
	err := interspersed(fs, args)
	if c, ok := stderr.(*console); ok {
		c.json = asksJSON(fs, args)
	}
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, text)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprint(stdout, "\nFlags:\n")
			fs.SetOutput(stdout)
			fs.PrintDefaults()
		}
		return exitOK, true
	case err != nil:
		errorf(stderr, "%v", err)
		hint(stderr, `run "briefing %s -h" for its usage`, fs.Name())
		return exitUsage, true
	}
	return exitOK, false
}

// interspersed parses the flags of args wherever they stand: the flag
// package stops at the first argument that is not a flag, so it is
// called again after each one, until "--" or the end; the arguments that
// are not flags are then given to fs as its Args, in order.
func interspersed(fs *flag.FlagSet, args []string) error {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 || ended(fs, args[:len(args)-len(rest)]) {
			paths = append(paths, rest...)
			break
		}
		paths, args = append(paths, rest[0]), rest[1:]
	}
	// "--" first: the flag package parses nothing and keeps the rest.
	return fs.Parse(append([]string{"--"}, paths...))
}

// ended reports whether the flag package, having parsed used, stopped at
// "--", which ends the flags: used ends with "--", and that "--" is not
// the value of the flag before it (-o --).
func ended(fs *flag.FlagSet, used []string) bool {
	n := len(used)
	if n == 0 || used[n-1] != "--" {
		return false
	}
	if n == 1 {
		return true
	}
	prev := used[n-2]
	name, _, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(prev, "-"), "-"), "=")
	f := fs.Lookup(name)
	if !strings.HasPrefix(prev, "-") || hasValue || f == nil {
		return true
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// console is stderr, keeping what it was told about a wrong command line
// for the JSON report of a refused run (see run).
type console struct {
	io.Writer
	json   bool // the command line asks for --json
	errors []string
	hints  []string
	diags  diag.List
}

// asksJSON reports whether args, the arguments of the command whose flags
// are fs (nil when unknown), ask for --json, wherever it stands: also when
// they are wrong, so that a refused run still gets its report. The value
// of a flag that takes one (-o --json) is skipped.
func asksJSON(fs *flag.FlagSet, args []string) bool {
	asked := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if len(a) < 2 || a[0] != '-' {
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		if name == "json" {
			asked = !hasValue
			if hasValue {
				asked, _ = strconv.ParseBool(value)
			}
			continue
		}
		if fs == nil || hasValue {
			continue
		}
		if f := fs.Lookup(name); f != nil {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
				i++ // its value
			}
		}
	}
	return asked
}

// errorf prints "briefing: error: …".
func errorf(w io.Writer, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if c, ok := w.(*console); ok {
		c.errors = append(c.errors, msg)
	}
	fmt.Fprintf(w, "briefing: error: %s\n", msg)
}

// hint prints "briefing: hint: …".
func hint(w io.Writer, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if c, ok := w.(*console); ok {
		c.hints = append(c.hints, msg)
	}
	fmt.Fprintf(w, "briefing: hint: %s\n", msg)
}

// refusedBy prints a diagnostic that refuses the run (an error of its
// template).
func refusedBy(w io.Writer, d diag.Diagnostic) {
	if c, ok := w.(*console); ok {
		c.diags = append(c.diags, d)
	}
	fmt.Fprintln(w, d)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
