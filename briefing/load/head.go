package load

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	gotoml "github.com/pelletier/go-toml/v2"

	"briefing/briefing/model"
	"briefing/internal/textfile"
	"briefing/internal/tomlkey"
)

// Head is what an incident file says of itself at its top level, read
// without validating anything else: its id, its as-of date, its last
// revision (zero when absent), the languages it lists (nil when it
// lists none) and its TLP marking as validation reads it: CLEAR when
// the file gives none (TLPGiven false), "" when it gives something that
// is not a TLP 2.0 label or the head cannot be read. A digest reads every
// file's head first and validates in full only the files whose dates
// fall in its period; a file it leaves out still counts in its marking
// by the head's TLP.
//
// A marking under a key the format does not have counts too, since the
// file fails validation and its author meant it (see [ReadHead]): TLP is
// then the most restrictive of tlp's and those keys' labels, and
// TLPUnsure is set when some such key holds no label, or tlp holds none
// beside them: the file may be marked more restrictively than TLP says
// (never when TLP is RED, the most restrictive).
type Head struct {
	ID            string
	Date, Updated model.Date
	Languages     []string
	TLP           model.TLP
	TLPGiven      bool
	TLPUnsure     bool
}

// ReadHead reads the head of an incident file: the top-level keys before
// its first table header, decoded as TOML; when they do not decode alone
// (a table header's "[" in a multi-line array), or the line that ends
// them is no table header (a stray "[" before a key), the whole file,
// keeping only those keys. A file that is not TOML is read without the
// lines of its syntax errors when none of them may set its dates (see
// [salvage]); a file saved in Shift_JIS, EUC-JP or UTF-16 is read in that
// encoding ([textfile.Decode]). The TLP is read even when the dates are
// not. A date is taken wherever it names a day: a TOML date, the date of
// a date-time, or a "YYYY-MM-DD" string (validation refuses the last two;
// the head only places the file in time). The error says why the dates
// cannot be read: a file that is not text, or not TOML on a line that may
// set them, or whose date is missing or is not a date, or whose updated is
// not a date; the loader ([Read]) says where.
//
// Besides tlp, the marking is read from every top-level key the format
// does not have whose name looks like tlp ([tlpName]: tlpp, TLP_level,
// tpl) or that holds a TLP 2.0 label (marking = "RED"): a misspelt tlp
// must not make a digest that names the file read CLEAR. Keys below the
// first table header are read by [MarkingBelow], for a file the digest
// leaves out.
func ReadHead(data []byte) (Head, error) {
	src, err := textfile.UTF8(data)
	if err != nil {
		var ok bool
		if src, ok = textfile.Decode(data); !ok {
			return Head{}, err
		}
	}
	end := topEnd(src)
	if err := tooDeep(src[:lineEnd(src, end)]); err != nil {
		return Head{}, err
	}
	var top headKeys
	datesSure, tlpSure, salvaged := true, true, false
	if top.decode(src[:end]) != nil || !header(src[end:]) {
		if err := tooDeep(src); err != nil {
			return Head{}, err
		}
		top = headKeys{}
		if err := top.decode(src); err != nil {
			salvaged = true
			if top, datesSure, tlpSure, err = salvage(src); err != nil {
				return Head{}.withMarking(lineLabels(src), false), err
			}
		}
	}
	var h Head
	if s, ok := top.ID.(string); ok {
		h.ID = s
	}
	h.TLP, h.TLPGiven = model.TLPClear, top.TLP != nil
	if h.TLPGiven {
		s, _ := top.TLP.(string)
		h.TLP = tlp(s)
	}
	if !tlpSure {
		h.TLP, h.TLPGiven = "", true
	}
	h = h.withMarking(top.Marking, top.Unsure)
	if salvaged {
		// Not TOML: a label a line gives a key like tlp counts, in
		// whatever table (see lineLabels).
		h = h.withMarking(lineLabels(src), false)
	}
	if !datesSure {
		return h, errors.New("TOML syntax error on a line that may set them")
	}
	if top.Dated != "" {
		return h, fmt.Errorf("%s: a date under a key the format does not have; is it updated mistyped?", top.Dated)
	}
	if top.Date == nil {
		return h, errors.New("date: not given")
	}
	var ok bool
	if h.Date, ok = day(top.Date); !ok {
		return h, errors.New("date: not a date")
	}
	if top.Updated != nil {
		if h.Updated, ok = day(top.Updated); !ok {
			return h, errors.New("updated: not a date")
		}
	}
	if l, ok := top.Languages.([]any); ok {
		for _, x := range l {
			if s, ok := x.(string); ok && !slices.Contains(h.Languages, s) {
				h.Languages = append(h.Languages, s)
			}
		}
	}
	return h, nil
}

// tooDeep is the loader's error for src nested past [tomlkey.MaxNesting],
// with the key path where it passes the limit ([tomlkey.NestingKey]:
// "tags[1][1]…: arrays and inline tables are nested more than 64 deep"),
// or nil. The head checks only what it decodes: the top level and the
// line that ends it, or the whole file when it reads the whole, so that
// nesting in a table below leaves the dates readable.
func tooDeep(src string) error {
	_, key, deep := tomlkey.NestingKey(src, tomlkey.MaxNesting)
	switch {
	case !deep:
		return nil
	case key == "":
		return fmt.Errorf("arrays and inline tables are nested more than %d deep", tomlkey.MaxNesting)
	}
	return fmt.Errorf("%s: arrays and inline tables are nested more than %d deep", key, tomlkey.MaxNesting)
}

// lineEnd is the offset in src just after the line that starts at off
// (after its line feed), or len(src).
func lineEnd(src string, off int) int {
	if i := strings.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// withMarking is h with the marking m (a TLP 2.0 label, or "") of keys
// the format does not have, or unsure, taken in: the more restrictive
// label counts, and an unreadable tlp beside m makes it unsure. A RED
// label read is sure whatever else could not be read: TLP 2.0 has
// nothing more restrictive, so no label unread can raise it.
func (h Head) withMarking(m model.TLP, unsure bool) Head {
	if m == "" && !unsure {
		return h
	}
	h.TLPGiven, h.TLPUnsure = true, h.TLPUnsure || unsure || h.TLP == ""
	if h.TLP != "" || m != "" {
		h.TLP = stricter(h.TLP, m)
	}
	if h.TLP == model.TLPRed {
		h.TLPUnsure = false
	}
	return h
}

// MarkingBelow returns h, the head of the incident file data, with the
// markings under keys the format does not have below its first table
// header taken in, as [ReadHead] takes those of the top level: keys whose
// name looks like tlp ([tlpName]; [analysis] tlp = "RED", a table
// [tlpp]) in the format's tables and the file's own but x, and keys
// holding a label in tables of the file's own. The file is decoded whole
// only when a line below the header may name such a key; when it then
// is not TOML, it is read as [ReadHead] reads it, without the lines of its
// errors, and the marking is unsure when one of them may name such a key
// or the rest does not decode. A digest calls it for a file it
// leaves out, whose marking counts in its own.
func MarkingBelow(h Head, data []byte) Head {
	src, err := textfile.UTF8(data)
	if err != nil {
		var ok bool
		if src, ok = textfile.Decode(data); !ok {
			return h
		}
	}
	end := topEnd(src)
	if !tlpLines(src[end:]) {
		return h
	}
	var top headKeys
	if tooDeep(src[:lineEnd(src, end)]) != nil || top.decode(src[:end]) != nil || !header(src[end:]) {
		return h // ReadHead read the whole file, or none of it
	}
	if tooDeep(src) != nil {
		return h.withMarking("", true)
	}
	var all headKeys
	if all.decode(src) != nil {
		// A header that lacks only its closing brackets ([[risks) is
		// read as its writer meant it; else the lines of the errors
		// are left out, and a label a line gives a key like tlp still
		// counts (see lineLabels): the most restrictive reading wins.
		if fixed, ok := closeHeaders(src); ok && all.decode(fixed) == nil {
			return h.withMarking(all.Marking, all.Unsure)
		}
		all, _, sure, err := salvage(src)
		return h.withMarking(stricter(all.Marking, lineLabels(src[end:])), all.Unsure || !sure || err != nil)
	}
	return h.withMarking(all.Marking, all.Unsure)
}

// headKeys are the top-level keys of a file the head is read from.
// Dated is the first other top-level key (in byte order) whose value is
// a TOML date or date-time, "" when there is none: no key of the format
// but date and updated holds one, so such a key is most likely updated
// mistyped (updatd, last_updated), and the dates cannot be trusted.
//
// Marking is the most restrictive TLP 2.0 label of the keys the format
// does not have that may hold a marking, "" when there is none; Unsure
// is set when one whose name looks like tlp holds no label (see
// [ReadHead]).
type headKeys struct {
	ID, Date, Updated, Languages, TLP any
	Dated                             string
	Marking                           model.TLP
	Unsure                            bool
}

// decode decodes the keys from src with pelletier/go-toml, as
// BurntSushi/toml does (see decode): each from its key, or else from a key
// that differs only in case. A document go-toml refuses is left to
// BurntSushi/toml.
func (h *headKeys) decode(src string) error {
	var m map[string]any
	if err := gotoml.Unmarshal([]byte(src), &m); err != nil {
		m = nil
		if _, err := toml.Decode(src, &m); err != nil {
			return err
		}
	}
	h.from(m)
	return nil
}

// from takes the keys from the top level m.
func (h *headKeys) from(m map[string]any) {
	var chosen string
	key := func(name string) any {
		v, ok := m[name]
		chosen = name
		if ok {
			return v
		}
		for k, x := range m {
			if strings.EqualFold(k, name) && (!ok || k < chosen) {
				v, ok, chosen = x, true, k
			}
		}
		return v
	}
	h.ID, h.Date, h.Updated, h.Languages, h.TLP = key("id"), key("date"), key("updated"), key("languages"), key("tlp")
	h.Marking, h.Unsure = "", false
	h.markings(m, "", chosen, false)
	h.Dated = ""
	for k, v := range m {
		if strings.EqualFold(k, "date") || strings.EqualFold(k, "updated") || h.Dated != "" && h.Dated < k {
			continue
		}
		switch v.(type) {
		case gotoml.LocalDate, gotoml.LocalDateTime, time.Time:
			h.Dated = k
		}
	}
}

// markings takes into h.Marking and h.Unsure the markings of the table
// m at path (plain, "" for the top level; unknown when the format does
// not have it), but of its key skip (the tlp the head reads): each key
// the format does not have holding a TLP 2.0 label, and each key whose
// name looks like tlp ([tlpName]), which holds a label or makes the
// marking unsure. It looks into the tables of the format and the
// file's own, but not into x, the file's own data, or a text's
// languages.
func (h *headKeys) markings(m map[string]any, path, skip string, unknown bool) {
	for k, v := range m {
		if path == "" && k == skip {
			continue
		}
		p := k
		if path != "" {
			p = path + "." + k
		}
		u, named := unknown || !formatKeys[p], tlpName(k)
		if s, ok := v.(string); ok && (u || named) && tlp(s) != "" {
			h.Marking = stricter(h.Marking, tlp(s))
			continue
		}
		h.Unsure = h.Unsure || named
		if _, table := tables[p]; u || table {
			switch x := v.(type) {
			case map[string]any:
				h.markings(x, p, "", u)
			case []any:
				for _, e := range x {
					if t, ok := e.(map[string]any); ok {
						h.markings(t, p, "", u)
					}
				}
			}
		}
	}
}

// tlpName reports whether a key's name looks like tlp: its letters, in
// lower case, hold "tlp" (tlpp, TLP_level, "tlp ") or are t, l and p in
// another order (tpl, ltp).
func tlpName(k string) bool {
	l := strings.Map(lowerLetter, k)
	if strings.Contains(l, "tlp") {
		return true
	}
	b := []byte(l)
	slices.Sort(b)
	return string(b) == "lpt"
}

// lowerLetter is r in lower case when it is an ASCII letter, else -1
// (for [strings.Map]: the letters of a text alone).
func lowerLetter(r rune) rune {
	switch {
	case 'a' <= r && r <= 'z':
		return r
	case 'A' <= r && r <= 'Z':
		return r + 'a' - 'A'
	}
	return -1
}

// tlpLines reports whether a line of rest, outside multi-line strings,
// may name a key like tlp: its text before any "=" (a key, a table
// header) holds one by [tlpName].
func tlpLines(rest string) bool {
	if !tlpLetters(rest) {
		return false
	}
	found := false
	topLines([]byte(rest), func(_, _ int, l []byte) bool {
		k, _, _ := bytes.Cut(l, []byte("="))
		found = tlpName(string(k))
		return !found
	})
	return found
}

// tlpLetters reports whether s holds t, l and p side by side, in any
// order and case: a quick test before [tlpLines] looks at each line.
func tlpLetters(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if a, b, c := tlpBits[s[i]], tlpBits[s[i+1]], tlpBits[s[i+2]]; a != 0 && b != 0 && c != 0 && a|b|c == 7 {
			return true
		}
	}
	return false
}

// tlpBits gives t, l and p, in either case, a bit each.
var tlpBits = [256]uint8{'t': 1, 'T': 1, 'l': 2, 'L': 2, 'p': 4, 'P': 4}

// stricter is the more restrictive of the TLP 2.0 labels a and b, either
// of which may be "" (none).
func stricter(a, b model.TLP) model.TLP {
	if slices.Index(model.TLPs, b) > slices.Index(model.TLPs, a) {
		return b
	}
	return a
}

// header reports whether the line rest starts with is a table header
// ("[x]", "[[risks]]", with a comment or not), one missing its closing
// brackets ("[[risks", "[analysis"; see [unclosedHeader]), or rest is
// empty: the top level ends there. A line that starts with "[" but is no
// header (a key typed after a stray bracket) leaves the top level open:
// the keys after it may be top-level keys.
func header(rest string) bool {
	if rest == "" {
		return true
	}
	line, _, _ := strings.Cut(rest, "\n")
	var m map[string]any
	return gotoml.Unmarshal([]byte(line), &m) == nil || unclosedHeader(line)
}

// unclosedHeader reports whether line is a table header but for its
// closing brackets: "[" or "[[", a key path of bare or quoted keys joined
// by dots, at most one "]" and a comment, with no "=": a header typed
// without its end ("[[risks", "[[timeline]"). Keys after it belong to
// that table in the writer's intent, as after any header, so the top
// level ends there; a stray "[" before a key ("[title = ...") is none.
// It reads the key path itself, strictly: tomlkey's scanner, which names
// the keys of messages, takes an unclosed quote or a trailing dot as part
// of a key ("[timeline." is timeline's header there), and reading headers
// so here would change which files' dates a digest reads (each sample
// with its first header so broken), so the two are kept apart.
func unclosedHeader(line string) bool {
	s := strings.TrimLeft(strings.TrimSuffix(line, "\r"), " \t")
	if !strings.HasPrefix(s, "[") {
		return false
	}
	s = strings.TrimPrefix(s[1:], "[")
	for keys := 0; ; keys++ {
		s = strings.TrimLeft(s, " \t")
		if keys > 0 {
			if !strings.HasPrefix(s, ".") {
				break
			}
			s = strings.TrimLeft(s[1:], " \t")
		}
		n := quotedKey(s)
		if n == 0 {
			n = len(s) - len(strings.TrimLeftFunc(s, func(r rune) bool {
				return r == '-' || r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
			}))
		}
		if n == 0 {
			return false
		}
		s = s[n:]
	}
	s = strings.TrimLeft(strings.TrimPrefix(s, "]"), " \t")
	return s == "" || s[0] == '#'
}

// quotedKey is the length of the quoted key s starts with ("a b" with
// its escapes, or 'a b'), 0 when it starts with none.
func quotedKey(s string) int {
	if s == "" || s[0] != '"' && s[0] != '\'' {
		return 0
	}
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && s[0] == '"':
			i++
		case s[i] == s[0]:
			return i + 1
		}
	}
	return 0
}

// dateLike matches the start of a date: four digits, a hyphen and a digit.
var dateLike = regexp.MustCompile(`[0-9]{4}-[0-9]`)

// maxSalvaged is the most lines [salvage] leaves out of a file.
const maxSalvaged = 16

// salvage reads the top-level keys of src, which is not TOML, from src
// without the lines its syntax errors are on, taken out one at a time
// (each where BurntSushi/toml places it) until the rest decodes. A digest
// must never silently leave out an incident of its period, so the dates
// are trusted (datesSure) only when no line taken out may set them: none
// whose text before any "=" (or whole text, without one) holds "date"
// (updated too) in its letters, in any case, and none holding what may
// be a date (four digits, "-" and a digit: updatd = 2026-11-2); and the
// marking (tlpSure) only when none may set tlp. Neither is when a line taken out
// holds a multi-line string's quotes, whose removal would change what
// lies inside strings, when more than [maxSalvaged] lines are, or when an
// error has no line; err then says why, and top is empty.
func salvage(src string) (top headKeys, datesSure, tlpSure bool, err error) {
	lines := strings.SplitAfter(src, "\n")
	datesSure, tlpSure = true, true
	for range maxSalvaged {
		var m map[string]any
		_, err := toml.Decode(strings.Join(lines, ""), &m)
		if err == nil {
			top.from(m)
			return top, datesSure, tlpSure, nil
		}
		var pe toml.ParseError
		n := 0
		if errors.As(err, &pe) {
			n = pe.Position.Line
		}
		if n < 1 || n > len(lines) {
			break
		}
		l := strings.ToLower(lines[n-1])
		if strings.TrimSpace(l) == "" || strings.Contains(l, `"""`) || strings.Contains(l, "'''") {
			break
		}
		// What may be a key: the text before each "=", or the whole line,
		// read in its letters alone ("updat ed", "up\"dated").
		keys := strings.Split(l, "=")
		if len(keys) > 1 {
			keys = keys[:len(keys)-1]
		}
		for _, k := range keys {
			k = strings.Map(func(r rune) rune {
				if 'a' <= r && r <= 'z' {
					return r
				}
				return -1
			}, k)
			datesSure = datesSure && !strings.Contains(k, "date")
			tlpSure = tlpSure && !strings.Contains(k, "tlp")
		}
		// And what may be a date under a mistyped key (updatd = 2026-11-2).
		datesSure = datesSure && !dateLike.MatchString(l)
		lines[n-1] = l[len(strings.TrimRight(l, "\r\n")):]
	}
	return headKeys{}, false, false, errors.New("TOML syntax errors that may hide them")
}

// tlp is the marking s names as validation reads it (RED, red or
// TLP:RED), or "" when it names none (TLP 1.0's WHITE included).
func tlp(s string) model.TLP {
	m := model.TLP(strings.TrimPrefix(strings.ToUpper(s), "TLP:"))
	if slices.Contains(model.TLPs, m) {
		return m
	}
	return ""
}

// day is the day v names: a TOML date or date-time as written, or a
// "YYYY-MM-DD" string.
func day(v any) (model.Date, bool) {
	switch x := v.(type) {
	case gotoml.LocalDate:
		return day(time.Date(x.Year, time.Month(x.Month), x.Day, 0, 0, 0, 0, time.UTC))
	case gotoml.LocalDateTime:
		return day(time.Date(x.Year, time.Month(x.Month), x.Day, 0, 0, 0, 0, time.UTC))
	case time.Time:
		if x.Year() < 1 || x.Year() > 9999 {
			return model.Date{}, false
		}
		return model.Date{Year: x.Year(), Month: int(x.Month()), Day: x.Day()}, true
	case string:
		if t, err := time.Parse(time.DateOnly, strings.TrimSpace(x)); err == nil && t.Year() >= 1 {
			return model.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
		}
	}
	return model.Date{}, false
}

// topEnd is the offset in src of the first table header (a line starting
// with "[" outside multi-line strings), or len(src): the top level's keys
// all come before it.
func topEnd(src string) int {
	end := len(src)
	topLines([]byte(src), func(_, off int, l []byte) bool {
		if t := bytes.TrimLeft(l, " \t"); len(t) > 0 && t[0] == '[' {
			end = off
			return false
		}
		return true
	})
	return end
}

// topLines calls yield with each line of data that starts outside a
// multi-line string (between triple quotes): its number (from 1), its offset
// and the line without its line end, until yield returns false.
func topLines(data []byte, yield func(n, off int, line []byte) bool) {
	var open []byte // the delimiter of the multi-line string open, if any
	off := 0
	for n := 1; off < len(data); n++ {
		l := data[off:]
		next := len(data)
		if i := bytes.IndexByte(l, '\n'); i >= 0 {
			l, next = l[:i], off+i+1
		}
		l = bytes.TrimSuffix(l, []byte("\r"))
		if open == nil && !yield(n, off, l) {
			return
		}
		// Multi-line strings opened or closed on this line.
		for rest := l; ; {
			if open == nil {
				i, j := bytes.Index(rest, []byte(`"""`)), bytes.Index(rest, []byte(`'''`))
				switch {
				case i < 0 && j < 0:
				case j < 0 || (i >= 0 && i < j):
					open, rest = []byte(`"""`), rest[i+3:]
					continue
				default:
					open, rest = []byte(`'''`), rest[j+3:]
					continue
				}
				break
			}
			i := bytes.Index(rest, open)
			if i < 0 {
				break
			}
			open, rest = nil, rest[i+3:]
		}
		off = next
	}
}
