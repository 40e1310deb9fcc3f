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
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"briefing/briefing/diag"
	"briefing/internal/readfile"
	"briefing/internal/textfile"
	"briefing/internal/tomlkey"
)

// MaxFile is the most an incident file may hold, in bytes: 4 MiB, three
// hundred times the model briefing. A larger file, or a path that is not a
// regular file (a named pipe, /dev/zero), is refused before it is read.
const MaxFile = 4 << 20

// File reads the incident file at path; see [Read].
func File(path string) (*Raw, diag.List) {
	data, err := readfile.Read(path, MaxFile)
	if err != nil {
		msg := unwrapPath(err).Error()
		if big, ok := errors.AsType[*readfile.TooLargeError](err); ok {
			msg = tooLarge(big.Size)
		}
		return nil, diag.List{{File: path, Line: 1, Col: 1, Message: "cannot read the file: " + msg}}
	}
	return decodeFile(path, data)
}

// tooLarge says that a file of size bytes is over [MaxFile], in bytes,
// so that a file just over the cap reads as such: "file too large:
// 4,194,305 bytes, more than the 4 MiB (4,194,304 bytes) an incident file
// may have".
func tooLarge(size int64) string {
	return fmt.Sprintf("%v: %s bytes, more than the %s (%s bytes) an incident file may have",
		readfile.ErrTooLarge, thousands(size), readfile.Size(MaxFile), thousands(MaxFile))
}

// thousands writes n with a comma every three digits: "4,194,304".
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
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
	return decodeFile(name, data)
}

// decodeFile is [Read] of the bytes of the file named name, read already.
func decodeFile(name string, data []byte) (*Raw, diag.List) {
	// Without its byte order mark, so that positions are the same with
	// or without one, as the decoder counts them.
	src, err := textfile.UTF8(data)
	if err != nil {
		var te *textfile.Error
		errors.As(err, &te)
		// Placed as every message: at the key whose value holds the
		// first character that is not UTF-8, read in the encoding the
		// file looks like.
		at := tomlkey.Pos{Line: te.Line, Col: te.Col}
		return nil, diag.List{{File: name, Line: te.Line, Col: te.Col, Key: tomlkey.KeyAt(textfile.Lenient(data), at), Message: err.Error()}}
	}
	if at, key, deep := tomlkey.NestingKey(src, tomlkey.MaxNesting); deep {
		return nil, diag.List{{File: name, Line: at.Line, Col: at.Col, Key: key,
			Message: fmt.Sprintf("arrays and inline tables are nested more than %d deep", tomlkey.MaxNesting)}}
	}

	x := tomlkey.Scan(src)
	top, norm, err := parse(src, x)
	if norm {
		normalizer{x: x}.table(top, "")
	}
	if p, bad := x.Invalid(err); bad {
		if q, ok := unquoted(src, p); ok {
			p = q // a value that wants quotes: the line to write
		}
		return nil, diag.List{{File: name, Line: p.At.Line, Col: p.At.Col, Key: p.Key, Message: "TOML syntax error: " + p.Message}}
	}
	raw := &Raw{File: name, x: x}
	l := &loader{name: name, x: x, failed: map[string]bool{}}
	rv := reflect.ValueOf(raw).Elem()
	l.fill(rawStructure, rv, top)
	l.ds = append(l.ds, l.unknown(top)...)
	l.place(rawStructure, rv, "")
	l.ds.Sort()
	return raw, l.ds
}

type loader struct {
	name   string
	x      *tomlkey.Index
	failed map[string]bool // sections that could not be decoded, by plain path
	ds     diag.List
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

// unknown reports keys the format does not have, outside [x]: keys not
// decoded into the Raw (see decoded), and keys that differ from one
// of the format's only in case (which the decoder would otherwise accept).
// The keys are those of the file as written, in file order, top its top
// level as decoded.
func (l *loader) unknown(top map[string]any) diag.List {
	// The keys as the decoder lists them (neither an array's elements
	// nor the tables named on the way to a longer key), each once: a key
	// written again reports nothing new. They are gone through once, the
	// keys unknown noted first, then those that differ from one of the
	// format's only in case.
	type finding struct {
		k   []string
		msg string
	}
	var unknown, cased []finding
	for k := range l.x.Keys() {
		if len(k) == 0 {
			continue
		}
		if !(k[0] == "x" || len(l.failed) > 0 && (l.failed[k[0]] || len(k) > 1 && l.failed[k[0]+"."+k[1]]) || decoded(rawStructure, top, k)) {
			u := firstUnknown(k)
			unknown = append(unknown, finding{u, unknownMessage(u)})
		}
		s := rawStructure
		for i, part := range k {
			if f := s.exact(part); f != nil {
				if f.sub == nil {
					break // a value: a text's language tags may follow
				}
				s = f.sub
				continue
			}
			for _, f := range s.fields {
				if strings.EqualFold(f.name, part) {
					cased = append(cased, finding{k[:i+1], fmt.Sprintf("unknown key %s: keys are case-sensitive; write %s", tomlkey.QuoteString(part), tomlkey.QuoteString(f.name))})
				}
			}
			break
		}
	}
	// Each key reported once, and none inside a key reported.
	var reports []finding
	done := map[string]bool{}
	for _, f := range append(unknown, cased...) {
		path := ""
		for _, part := range f.k {
			path = tomlkey.Join(path, part)
		}
		inside := false
		for p := range done {
			if strings.HasPrefix(path, p+".") {
				inside = true
				break
			}
		}
		if inside || done[path] {
			continue
		}
		done[path] = true
		reports = append(reports, f)
	}
	if len(reports) == 0 {
		return nil
	}
	// Each reported key is reported where it is written, every time, the
	// occurrences gone through once for all (the elements of a large
	// array are scanned again for it, see tomlkey.Index.Held). An array's
	// elements have its plain path: the array is reported at its key, not
	// again at each element.
	written := map[string][]tomlkey.Occurrence{}
	for _, f := range reports {
		written[plainKey(f.k)] = nil
	}
	for _, o := range l.x.Occurrences() {
		if o.Element {
			continue
		}
		if at, ok := written[plainKey(o.Plain)]; ok {
			written[plainKey(o.Plain)] = append(at, o)
		}
	}
	var ds diag.List
	for _, f := range reports {
		at := written[plainKey(f.k)]
		for _, o := range at {
			ds = append(ds, diag.Diagnostic{File: l.name, Line: o.Loc.Key.Line, Col: o.Loc.Key.Col, Key: o.Path, Message: f.msg})
		}
		if len(at) == 0 { // not expected: the scanner knows every key
			path := ""
			for _, part := range f.k {
				path = tomlkey.Join(path, part)
			}
			ds = append(ds, l.at(path, f.msg))
		}
	}
	return ds
}

// plainKey is a plain path as one string, each part after its length:
// "11:procurement5:items".
func plainKey(k []string) string {
	var b []byte
	for _, p := range k {
		b = strconv.AppendInt(b, int64(len(p)), 10)
		b = append(b, ':')
		b = append(b, p...)
	}
	return string(b)
}

// firstUnknown shortens k to its first part that is not a key of its
// table: the typo in a dotted key such as sumary.ja is "sumary", not "ja".
func firstUnknown(k []string) []string {
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
func unknownMessage(k []string) string {
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

// entry is the key path of the i-th (from 0) entry of an array of tables,
// numbered from 1 as people count.
func entry(array string, i int) string {
	return array + "[" + strconv.Itoa(i+1) + "]"
}
