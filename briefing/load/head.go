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
type Head struct {
	ID            string
	Date, Updated model.Date
	Languages     []string
	TLP           model.TLP
	TLPGiven      bool
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
func ReadHead(data []byte) (Head, error) {
	src, err := textfile.UTF8(data)
	if err != nil {
		var ok bool
		if src, ok = textfile.Decode(data); !ok {
			return Head{}, err
		}
	}
	if _, deep := tomlkey.Nesting(src, tomlkey.MaxNesting); deep {
		return Head{}, fmt.Errorf("arrays and inline tables are nested more than %d deep", tomlkey.MaxNesting)
	}
	var top headKeys
	datesSure, tlpSure := true, true
	if end := topEnd(src); top.decode(src[:end]) != nil || !header(src[end:]) {
		top = headKeys{}
		if err := top.decode(src); err != nil {
			if top, datesSure, tlpSure, err = salvage(src); err != nil {
				return Head{}, err
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

// headKeys are the top-level keys of a file the head is read from.
// Dated is the first other top-level key (in byte order) whose value is
// a TOML date or date-time, "" when there is none: no key of the format
// but date and updated holds one, so such a key is most likely updated
// mistyped (updatd, last_updated), and the dates cannot be trusted.
type headKeys struct {
	ID, Date, Updated, Languages, TLP any
	Dated                             string
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
	key := func(name string) any {
		v, ok := m[name]
		if ok {
			return v
		}
		var chosen string
		for k, x := range m {
			if strings.EqualFold(k, name) && (!ok || k < chosen) {
				v, ok, chosen = x, true, k
			}
		}
		return v
	}
	h.ID, h.Date, h.Updated, h.Languages, h.TLP = key("id"), key("date"), key("updated"), key("languages"), key("tlp")
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
