// Package load reads an incident file: it decodes the TOML into a [Raw],
// every value still unchecked but with its key path and its line and
// column, and reports the problems only it can see: TOML syntax errors
// (the Raw is then nil), unknown keys (a typo must not silently drop a
// section) and sections of the wrong shape.
//
// Package validate turns a [Raw] into a model.Incident. A file is refused
// when either stage reports an error; validate still runs after load's
// errors so that every problem of a file is reported at once.
package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"briefing/briefing/diag"
	"briefing/briefing/model"
	"briefing/internal/readfile"
	"briefing/internal/textfile"
	"briefing/internal/tomlkey"
)

// doc is the top level as decoded: the values of a Raw, and the sections
// kept as primitives so that a section of the wrong shape does not stop the
// others from being read.
type doc struct {
	Raw
	Timeline        toml.Primitive `toml:"timeline"`
	Procurement     toml.Primitive `toml:"procurement"`
	Analysis        toml.Primitive `toml:"analysis"`
	Risks           toml.Primitive `toml:"risks"`
	Countermeasures toml.Primitive `toml:"countermeasures"`
	Related         toml.Primitive `toml:"related"`
	References      toml.Primitive `toml:"references"`
	Indicators      toml.Primitive `toml:"indicators"`
	Vulnerabilities toml.Primitive `toml:"vulnerabilities"`
	Figures         toml.Primitive `toml:"figures"`
	X               toml.Primitive `toml:"x"`
}

type procurementDoc struct {
	Procurement
	Items toml.Primitive `toml:"items"`
}

type analysisDoc struct {
	Analysis
	Scenarios toml.Primitive `toml:"scenarios"`
}

// MaxFile is the most an incident file may hold, in bytes: 4 MiB, three
// hundred times the model briefing. A larger file, or a path that is not a
// regular file (a named pipe, /dev/zero), is refused before it is read.
const MaxFile = 4 << 20

// File reads the incident file at path; see [Read].
func File(path string) (*Raw, diag.List) {
	data, err := readfile.Read(path, MaxFile)
	if err != nil {
		return nil, diag.List{{File: path, Line: 1, Col: 1, Message: fmt.Sprintf("cannot read the file: %v", unwrapPath(err))}}
	}
	return Read(path, bytes.NewReader(data))
}

// unwrapPath drops the path from an *os.PathError, which the message
// already names.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Read decodes the incident file named name from r. The diagnostics are
// errors that name the file, line, column and key. The Raw is nil when the
// file cannot be read, is not TOML or nests arrays and inline tables more
// than tomlkey.MaxNesting deep; otherwise it holds everything that
// could be decoded, even when there are errors, so that the file's other
// problems can still be found by package validate.
func Read(name string, r io.Reader) (*Raw, diag.List) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, diag.List{{File: name, Line: 1, Col: 1, Message: fmt.Sprintf("cannot read the file: %v", err)}}
	}
	// Without its byte order mark, so that positions are the same with
	// or without one, as the decoder counts them.
	src, err := textfile.UTF8(data)
	if err != nil {
		var te *textfile.Error
		errors.As(err, &te)
		return nil, diag.List{{File: name, Line: te.Line, Col: te.Col, Message: err.Error()}}
	}
	if at, deep := tomlkey.Nesting(src, tomlkey.MaxNesting); deep {
		return nil, diag.List{{File: name, Line: at.Line, Col: at.Col,
			Message: fmt.Sprintf("arrays and inline tables are nested more than %d deep", tomlkey.MaxNesting)}}
	}

	var d doc
	md, err := toml.NewDecoder(strings.NewReader(src)).Decode(&d)
	x := tomlkey.Scan(src)
	if p, bad := x.Invalid(err); bad {
		return nil, diag.List{{File: name, Line: p.At.Line, Col: p.At.Col, Key: p.Key, Message: "TOML syntax error: " + p.Message}}
	}
	l := &loader{name: name, md: &md, x: x, failed: map[string]bool{}}
	// A copy of the values: the sections kept as primitives hold the
	// decoder's own tree of the file (a map for every row of a table),
	// which must not live as long as the Raw.
	raw := new(Raw)
	*raw = d.Raw
	raw.File = name
	raw.x = x

	var ds diag.List
	dec := func(key string, p toml.Primitive, v any, want string) {
		if !md.IsDefined(strings.Split(key, ".")...) {
			return
		}
		if err := md.PrimitiveDecode(p, v); err != nil {
			l.failed[key] = true
			ds = append(ds, l.at(key, fmt.Sprintf("must be %s, not %s", want, typeWords(md.Type(strings.Split(key, ".")...)))))
		}
	}
	dec("timeline", d.Timeline, &raw.Timeline, "[[timeline]] tables")
	dec("risks", d.Risks, &raw.Risks, "[[risks]] tables")
	dec("countermeasures", d.Countermeasures, &raw.Countermeasures, "[[countermeasures]] tables")
	dec("related", d.Related, &raw.Related, "[[related]] tables")
	dec("references", d.References, &raw.References, "[[references]] tables")
	dec("indicators", d.Indicators, &raw.Indicators, "[[indicators]] tables")
	dec("vulnerabilities", d.Vulnerabilities, &raw.Vulnerabilities, "[[vulnerabilities]] tables")
	dec("figures", d.Figures, &raw.Figures, "[[figures]] tables")
	if md.IsDefined("procurement") {
		var p procurementDoc
		dec("procurement", d.Procurement, &p, "a [procurement] table")
		if !l.failed["procurement"] {
			dec("procurement.items", p.Items, &p.Procurement.Items, "[[procurement.items]] tables")
			raw.Procurement = new(Procurement)
			*raw.Procurement = p.Procurement
		}
	}
	if md.IsDefined("analysis") {
		var a analysisDoc
		dec("analysis", d.Analysis, &a, "an [analysis] table")
		if !l.failed["analysis"] {
			dec("analysis.scenarios", a.Scenarios, &a.Analysis.Scenarios, "[[analysis.scenarios]] tables")
			raw.Analysis = new(Analysis)
			*raw.Analysis = a.Analysis
		}
	}
	ds = append(ds, l.unknown()...)
	place(raw)
	ds.Sort()
	return raw, ds
}

type loader struct {
	name   string
	md     *toml.MetaData
	x      *tomlkey.Index
	failed map[string]bool // sections that could not be decoded
}

// at returns an error at the key path's key.
func (l *loader) at(path, msg string) diag.Diagnostic {
	loc, _ := l.x.Loc(path)
	p := loc.Key
	if p.Line == 0 {
		p = tomlkey.Pos{Line: 1, Col: 1}
	}
	return diag.Diagnostic{File: l.name, Line: p.Line, Col: p.Col, Key: path, Message: msg}
}

// unknown reports keys the format does not have, outside [x]: keys the
// decoder left undecoded, and keys that differ from one of the format's
// only in case (which the decoder would otherwise accept).
func (l *loader) unknown() diag.List {
	var ds diag.List
	done := map[string]bool{}
	report := func(k toml.Key, msg string) {
		path := ""
		for _, part := range k {
			path = tomlkey.Join(path, part)
		}
		for p := range done {
			if strings.HasPrefix(path, p+".") {
				return // inside a key already reported
			}
		}
		if done[path] {
			return
		}
		done[path] = true
		found := false
		for _, o := range l.x.Occurrences() {
			// An array's elements have its plain path: the array is
			// reported at its key, not again at each element.
			if !o.Element && slices.Equal(o.Plain, k) {
				found = true
				ds = append(ds, diag.Diagnostic{File: l.name, Line: o.Loc.Key.Line, Col: o.Loc.Key.Col, Key: o.Path, Message: msg})
			}
		}
		if !found { // not expected: the scanner knows every key
			ds = append(ds, l.at(path, msg))
		}
	}
	for _, k := range l.md.Undecoded() {
		if k[0] == "x" || l.failed[k[0]] || len(k) > 1 && l.failed[k[0]+"."+k[1]] {
			continue
		}
		k = firstUnknown(k)
		report(k, unknownMessage(k))
	}
	for _, k := range l.md.Keys() {
		table := ""
		for i, s := range k {
			names := allowed(table)
			if table == "" && s == "x" || slices.Contains(names, s) {
				next := join(table, s)
				if allowed(next) == nil {
					break // a value: a text's language tags may follow
				}
				table = next
				continue
			}
			for _, n := range names {
				if strings.EqualFold(n, s) {
					report(k[:i+1], fmt.Sprintf("unknown key %s: keys are case-sensitive; write %s", tomlkey.QuoteString(s), tomlkey.QuoteString(n)))
				}
			}
			break
		}
	}
	return ds
}

// firstUnknown shortens k to its first part that is not a key of its
// table: the typo in a dotted key such as sumary.ja is "sumary", not "ja".
func firstUnknown(k toml.Key) toml.Key {
	table := ""
	for i, s := range k {
		names := allowed(table)
		if names == nil {
			return k // below a value such as a text: as the decoder names it
		}
		if !slices.Contains(names, s) {
			return k[:i+1]
		}
		table = join(table, s)
	}
	return k
}

// join appends a key to the plain path of a table ("" at the top level).
func join(table, name string) string {
	if table == "" {
		return name
	}
	return table + "." + name
}

// unknownMessage says that the last part of k is not a key of its table,
// suggesting the nearest allowed key or listing them all.
func unknownMessage(k toml.Key) string {
	name := k[len(k)-1]
	table := strings.Join(k[:len(k)-1], ".")
	names := allowed(table)
	if names == nil {
		return fmt.Sprintf("unknown key %s", tomlkey.QuoteString(name))
	}
	hint, near := tomlkey.Hint(strings.ToLower(name), names)
	if near {
		return fmt.Sprintf("unknown key %s; %s", tomlkey.QuoteString(name), hint)
	}
	where := "at the top level"
	if table != "" {
		where = "in [" + table + "]"
	}
	msg := fmt.Sprintf("unknown key %s; allowed %s: %s", tomlkey.QuoteString(name), where, hint)
	if table == "" {
		msg += " (keep data of your own under [x])"
	}
	return msg
}

// typeWords names a TOML type as MetaData.Type gives it, for people.
func typeWords(t string) string {
	switch t {
	case "String":
		return "a string"
	case "Integer":
		return "an integer"
	case "Float":
		return "a number with a fraction"
	case "Bool":
		return "true or false"
	case "Hash":
		return "a table"
	case "ArrayHash":
		return "a list of tables"
	case "Array":
		return "a list"
	case "Datetime", "DatetimeLocal", "DateLocal", "TimeLocal":
		return "a date or time"
	case "":
		return "something else"
	}
	return strings.ToLower(t)
}

// place gives every value of raw its key path and position.
func place(raw *Raw) {
	set := func(v *Value, path string) {
		v.Key = path
		l, _ := raw.x.Loc(path)
		v.Pos, v.At = model.Pos(l.Key), model.Pos(l.Value)
	}
	for _, f := range []struct {
		v    *Value
		name string
	}{
		{&raw.Format, "format"}, {&raw.ID, "id"}, {&raw.Date, "date"}, {&raw.Updated, "updated"},
		{&raw.Title, "title"}, {&raw.Summary, "summary"}, {&raw.TLP, "tlp"},
		{&raw.Severity, "severity"}, {&raw.Confidence, "confidence"}, {&raw.Tags, "tags"},
		{&raw.Author, "author"}, {&raw.Languages, "languages"}, {&raw.Impact, "impact"},
		{&raw.Handling, "handling"}, {&raw.Review, "review"},
		{&raw.Case, "case"}, {&raw.Status, "status"}, {&raw.Timezone, "timezone"},
	} {
		set(f.v, f.name)
	}
	for i := range raw.Timeline {
		e, p := &raw.Timeline[i], entry("timeline", i)
		set(&e.When, p+".when")
		set(&e.Text, p+".text")
	}
	if pr := raw.Procurement; pr != nil {
		set(&pr.Caption, "procurement.caption")
		set(&pr.Source, "procurement.source")
		for i := range pr.Items {
			it, p := &pr.Items[i], entry("procurement.items", i)
			set(&it.Ordered, p+".ordered")
			set(&it.Product, p+".product")
			set(&it.Vendor, p+".vendor")
			set(&it.TermMonths, p+".term_months")
			set(&it.Users, p+".users")
			set(&it.Country, p+".country")
		}
	}
	if a := raw.Analysis; a != nil {
		set(&a.Method, "analysis.method")
		set(&a.KillChain, "analysis.kill_chain")
		set(&a.Attack, "analysis.attack")
		set(&a.SuccessFactors, "analysis.success_factors")
		set(&a.Actor, "analysis.actor")
		for i := range a.Scenarios {
			set(&a.Scenarios[i].Text, entry("analysis.scenarios", i)+".text")
		}
	}
	for i := range raw.Risks {
		r, p := &raw.Risks[i], entry("risks", i)
		set(&r.Title, p+".title")
		set(&r.Text, p+".text")
		set(&r.Likelihood, p+".likelihood")
		set(&r.Impact, p+".impact")
	}
	for i := range raw.Countermeasures {
		c, p := &raw.Countermeasures[i], entry("countermeasures", i)
		set(&c.Term, p+".term")
		set(&c.Text, p+".text")
		set(&c.Owner, p+".owner")
	}
	for i := range raw.Related {
		r, p := &raw.Related[i], entry("related", i)
		set(&r.Text, p+".text")
		set(&r.URL, p+".url")
	}
	for i := range raw.References {
		r, p := &raw.References[i], entry("references", i)
		set(&r.ID, p+".id")
		set(&r.Title, p+".title")
		set(&r.Publisher, p+".publisher")
		set(&r.Date, p+".date")
		set(&r.URL, p+".url")
		set(&r.Accessed, p+".accessed")
		set(&r.Lang, p+".lang")
	}
	placeSections2(raw, set)
}

// placeSections2 places the values of the sections format 2 adds.
func placeSections2(raw *Raw, set func(v *Value, path string)) {
	for i := range raw.Indicators {
		e, p := &raw.Indicators[i], entry("indicators", i)
		set(&e.Type, p+".type")
		set(&e.Value, p+".value")
		set(&e.Note, p+".note")
		set(&e.FirstSeen, p+".first_seen")
		set(&e.LastSeen, p+".last_seen")
	}
	for i := range raw.Vulnerabilities {
		e, p := &raw.Vulnerabilities[i], entry("vulnerabilities", i)
		set(&e.CVE, p+".cve")
		set(&e.CVSS, p+".cvss")
		set(&e.Product, p+".product")
		set(&e.FixedIn, p+".fixed_in")
		set(&e.Exploited, p+".exploited")
		set(&e.Text, p+".text")
	}
	for i := range raw.Figures {
		e, p := &raw.Figures[i], entry("figures", i)
		set(&e.File, p+".file")
		set(&e.Caption, p+".caption")
		set(&e.Alt, p+".alt")
		set(&e.After, p+".after")
		set(&e.Width, p+".width")
	}
}

// entry is the key path of the i-th (from 0) entry of an array of tables,
// numbered from 1 as people count.
func entry(array string, i int) string {
	return fmt.Sprintf("%s[%d]", array, i+1)
}
