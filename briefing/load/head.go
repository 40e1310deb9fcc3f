package load

import (
	"bytes"
	"errors"
	"fmt"
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
// (a table header's "[" in a multi-line array), the whole file, keeping
// only those keys. The TLP is read even when the dates are not. A date is taken wherever it names a day: a TOML date,
// the date of a date-time, or a "YYYY-MM-DD" string (validation refuses the
// last two; the head only places the file in time). The error says why the
// dates cannot be read: a file that is not UTF-8 or not TOML, or whose
// date is missing or is not a date, or whose updated is not a date; the
// loader ([Read]) says where.
func ReadHead(data []byte) (Head, error) {
	src, err := textfile.UTF8(data)
	if err != nil {
		return Head{}, err
	}
	if _, deep := tomlkey.Nesting(src, tomlkey.MaxNesting); deep {
		return Head{}, fmt.Errorf("arrays and inline tables are nested more than %d deep", tomlkey.MaxNesting)
	}
	var top headKeys
	if err := top.decode(src[:topEnd(src)]); err != nil {
		top = headKeys{}
		if err := top.decode(src); err != nil {
			return Head{}, errors.New("TOML syntax error")
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
type headKeys struct {
	ID        any `toml:"id"`
	Date      any `toml:"date"`
	Updated   any `toml:"updated"`
	Languages any `toml:"languages"`
	TLP       any `toml:"tlp"`
}

// decode decodes the keys from src with pelletier/go-toml, as
// BurntSushi/toml does (see decode): each from its key, or else from a key
// that differs only in case. A document go-toml refuses is left to
// BurntSushi/toml.
func (h *headKeys) decode(src string) error {
	var m map[string]any
	if err := gotoml.Unmarshal([]byte(src), &m); err != nil {
		_, err := toml.Decode(src, h)
		return err
	}
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
	return nil
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
