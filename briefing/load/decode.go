package load

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	gotoml "github.com/pelletier/go-toml/v2"

	"briefing/internal/tomlkey"
)

// decode decodes src, a document x indexes, into its top-level table, the
// values as package BurntSushi/toml gives them (see [Value]). It parses
// with pelletier/go-toml, about ten times faster, and gives its values the
// shapes BurntSushi/toml gives: arrays of tables as []map[string]any,
// local dates and times as time.Time in BurntSushi/toml's locations. An
// offset date-time is in UTC when written with Z, else in a fixed zone of
// the offset it was written with, never the host's local zone: the same
// file gives the same briefing on every host. A document go-toml refuses
// is decoded by BurntSushi/toml, whose error is the one reported (its
// messages are the ones users see), and which may accept it.
func decode(src string, x *tomlkey.Index) (map[string]any, error) {
	top, norm, err := parse(src, x)
	if norm {
		normalizer{x: x}.table(top, "")
	}
	return top, err
}

// parse is decode without normalizing: norm is true when the values are
// go-toml's, still to be normalized with the index (see normalizer). A
// document with a large array is decoded in parts (see parseChunked).
func parse(src string, x *tomlkey.Index) (top map[string]any, norm bool, err error) {
	if top, ok := parseChunked(src, x); ok {
		return top, true, nil
	}
	if err := gotoml.Unmarshal([]byte(src), &top); err == nil {
		return top, true, nil
	}
	top = nil
	if _, err := toml.Decode(src, &top); err != nil {
		return nil, false, err
	}
	unlocal(top)
	return top, false, nil
}

// unlocal moves the offset date-times BurntSushi/toml gives in the host's
// local zone (when the written offset is that zone's) to a fixed zone of
// the same offset, in place.
func unlocal(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = unlocal(e)
		}
	case []map[string]any:
		for _, e := range v {
			unlocal(e)
		}
	case []any:
		for i, e := range v {
			v[i] = unlocal(e)
		}
	case time.Time:
		if v.Location().String() == "Local" {
			_, off := v.Zone()
			return v.In(time.FixedZone("", off))
		}
	}
	return v
}

// The locations BurntSushi/toml gives local date-times, dates and times
// (TOML 1.0 "Local Date-Time", "Local Date", "Local Time"), which package
// validate tells apart by name.
var localDatetime, localDate, localTime = func() (*time.Location, *time.Location, *time.Location) {
	var m map[string]any
	if _, err := toml.Decode("dt = 2000-01-01T00:00:00\nd = 2000-01-01\nt = 00:00:00\n", &m); err != nil {
		panic(err)
	}
	return m["dt"].(time.Time).Location(), m["d"].(time.Time).Location(), m["t"].(time.Time).Location()
}()

// normalizer gives go-toml's values BurntSushi/toml's shapes.
type normalizer struct {
	x *tomlkey.Index
}

// table normalizes the values of the table at the indexed path.
func (n normalizer) table(m map[string]any, path string) {
	for k, v := range m {
		switch v := v.(type) {
		case map[string]any:
			if !anyToNormalize(v) {
				continue // a text in several languages: strings only
			}
		case []any:
			if !slices.ContainsFunc(v, toNormalize) {
				continue // strings, numbers, booleans: never an array of tables
			}
		case time.Time, gotoml.LocalDate, gotoml.LocalDateTime, gotoml.LocalTime:
		default:
			continue
		}
		m[k] = n.value(v, tomlkey.Join(path, k))
	}
}

// toNormalize reports whether v is a value that [normalizer.value] may
// change or look into: a table, an array, a date or a time.
func toNormalize(v any) bool {
	switch v.(type) {
	case map[string]any, []any, time.Time, gotoml.LocalDate, gotoml.LocalDateTime, gotoml.LocalTime:
		return true
	}
	return false
}

// anyToNormalize reports whether a value of m is toNormalize.
func anyToNormalize(m map[string]any) bool {
	for _, v := range m {
		if toNormalize(v) {
			return true
		}
	}
	return false
}

// value returns v, the value at the indexed path, normalized.
func (n normalizer) value(v any, path string) any {
	switch v := v.(type) {
	case map[string]any:
		n.table(v, path)
	case []any:
		if n.x.Tables(path) {
			out := make([]map[string]any, len(v))
			for i, e := range v {
				m, _ := e.(map[string]any)
				n.table(m, path+"["+strconv.Itoa(i+1)+"]")
				out[i] = m
			}
			return out
		}
		for i, e := range v {
			switch e.(type) {
			case map[string]any, []any, time.Time, gotoml.LocalDate, gotoml.LocalDateTime, gotoml.LocalTime:
				v[i] = n.value(e, path+"["+strconv.Itoa(i+1)+"]")
			}
		}
	case gotoml.LocalDate:
		return time.Date(v.Year, time.Month(v.Month), v.Day, 0, 0, 0, 0, localDate)
	case gotoml.LocalDateTime:
		return time.Date(v.Year, time.Month(v.Month), v.Day, v.Hour, v.Minute, v.Second, v.Nanosecond, localDatetime)
	case gotoml.LocalTime:
		return time.Date(0, time.January, 1, v.Hour, v.Minute, v.Second, v.Nanosecond, localTime)
	case time.Time:
		// Z is UTC, any other offset a fixed zone without a name (never
		// the host's local zone, whose abbreviation would be printed).
		_, off := v.Zone()
		if raw, _ := n.x.Raw(path); v.Location() == time.UTC && strings.ContainsAny(raw, "Zz") {
			return v
		}
		return v.In(time.FixedZone("", off))
	}
	return v
}
