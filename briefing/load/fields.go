package load

import (
	"fmt"
	"reflect"
	"strings"

	"briefing/briefing/model"
	"briefing/internal/tomlkey"
)

// structure is a table of the format as a struct of [Raw] holds it: its
// keys, named by the fields' toml tags, in the fields' order. It is made
// once from the Go types, so that the decoding, the placing of values and
// the unknown-key check all read one description, the one [Keys] is
// checked against (see TestKeysAreRaw).
type structure struct {
	fields []field
	byName map[string]int // field name → index in fields
}

// field is a key of a table of the format.
type field struct {
	name  string     // the key
	path  string     // its plain key path: "procurement.items"
	index int        // the struct field; -1 for x, held by no field
	kind  fieldKind  // how the value is held
	sub   *structure // the entries' or the table's keys
}

type fieldKind uint8

const (
	valueField  fieldKind = iota // a Value
	tablesField                  // an array of tables: a slice of structs
	tableField                   // a table: a pointer to a struct
	freeField                    // x: the user's own, never decoded
)

// rawStructure describes Raw.
var rawStructure = func() *structure {
	s := structureOf(reflect.TypeFor[Raw](), "")
	s.byName["x"] = len(s.fields)
	s.fields = append(s.fields, field{name: "x", path: "x", index: -1, kind: freeField})
	return s
}()

// structureOf describes the struct type t, the table at the plain path.
func structureOf(t reflect.Type, path string) *structure {
	s := &structure{byName: map[string]int{}}
	for i := range t.NumField() {
		f := t.Field(i)
		name := f.Tag.Get("toml")
		if name == "" || name == "-" {
			continue
		}
		fl := field{name: name, path: join(path, name), index: i}
		switch {
		case f.Type == reflect.TypeFor[Value]():
			fl.kind = valueField
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			fl.kind, fl.sub = tablesField, structureOf(f.Type.Elem(), fl.path)
		case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct:
			fl.kind, fl.sub = tableField, structureOf(f.Type.Elem(), fl.path)
		default:
			panic(fmt.Sprintf("load: %s: a field of type %s", fl.path, f.Type))
		}
		s.byName[name] = len(s.fields)
		s.fields = append(s.fields, fl)
	}
	return s
}

// match returns the field a key of the table decodes into: the one of
// that name, or else one whose name differs only in case (as the TOML
// decoder matches a key to a field; the key is then reported as unknown).
func (s *structure) match(key string) *field {
	if f := s.exact(key); f != nil {
		return f
	}
	for i := range s.fields {
		if f := &s.fields[i]; strings.EqualFold(f.name, key) {
			return f
		}
	}
	return nil
}

// exact returns the field named key, or nil.
func (s *structure) exact(key string) *field {
	if i, ok := s.byName[key]; ok {
		return &s.fields[i]
	}
	return nil
}

// fill sets the fields of the struct rv from the table m, as the TOML
// decoder unifies a table into a struct: each Value from its key, or from
// a key differing only in case when the table has no key of its name. The
// sections below it (arrays of tables and tables) are decoded afterwards,
// by section, and only from a key of their exact name.
func (l *loader) fill(s *structure, rv reflect.Value, m map[string]any) {
	// Only a key with a byte other than a-z, 0-9, _ and - can differ from
	// a key of the format (all such) in case alone (K, or U+212A KELVIN
	// SIGN, for k).
	variants := false
	for k := range m {
		for i := 0; i < len(k) && !variants; i++ {
			c := k[i]
			variants = !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')
		}
		if variants {
			break
		}
	}
	for i := range s.fields {
		f := &s.fields[i]
		if f.kind != valueField {
			continue
		}
		v, ok := m[f.name]
		if !ok && variants { // of several case variants, the first in byte order
			var chosen string
			for k, x := range m {
				if strings.EqualFold(k, f.name) && (!ok || k < chosen) {
					v, ok, chosen = x, true, k
				}
			}
		}
		if ok {
			rv.Field(f.index).Addr().Interface().(*Value).V = v
		}
	}
	for i := range s.fields {
		if f := &s.fields[i]; f.kind == tablesField || f.kind == tableField {
			l.section(f, rv.Field(f.index), m)
		}
	}
}

// section decodes the array of tables or the table f from its key in m,
// into rv; a value of another shape is reported, the entries before the
// first that is not a table kept.
func (l *loader) section(f *field, rv reflect.Value, m map[string]any) {
	v, ok := m[f.name]
	if !ok {
		return
	}
	fail := func() {
		l.failed[f.path] = true
		want := "[[" + f.path + "]] tables"
		if f.kind == tableField {
			want = "a [" + f.path + "] table"
			if strings.ContainsRune("aeiou", rune(f.path[0])) {
				want = "an [" + f.path + "] table"
			}
		}
		l.ds = append(l.ds, l.at(f.path, fmt.Sprintf("must be %s, not %s", want, typeWords(l.typeOf(f.path, v)))))
	}
	if f.kind == tableField {
		t, ok := v.(map[string]any)
		if !ok {
			fail()
			return
		}
		p := reflect.New(rv.Type().Elem())
		l.fill(f.sub, p.Elem(), t)
		rv.Set(p)
		return
	}
	var entries []any
	switch a := v.(type) {
	case []map[string]any:
		entries = make([]any, len(a))
		for i, e := range a {
			entries[i] = e
		}
	case []any:
		entries = a
	default:
		fail()
		return
	}
	rv.Set(reflect.MakeSlice(rv.Type(), len(entries), len(entries)))
	for i, e := range entries {
		t, ok := e.(map[string]any)
		if !ok {
			fail()
			return
		}
		l.fill(f.sub, rv.Index(i), t)
	}
}

// typeOf names the TOML type of the value v at the plain path as the
// TOML decoder's MetaData.Type does: "" for a table only named on the way
// to a longer key.
func (l *loader) typeOf(path string, v any) string {
	if l.x.Implicit(path) {
		return ""
	}
	switch v.(type) {
	case string:
		return "String"
	case int64:
		return "Integer"
	case float64:
		return "Float"
	case bool:
		return "Bool"
	case map[string]any:
		return "Hash"
	case []map[string]any:
		return "ArrayHash"
	case []any:
		return "Array"
	}
	return "Datetime"
}

// decoded reports whether the TOML decoder reads the plain key path k (at
// least one part) when it unifies the table m into the struct s: a key
// of a field of a struct (in any case); below a Value, the keys of its
// tables and arrays of tables (not those of tables inside arrays); below
// a section decoded by its exact name, the keys its entries read, any
// entry's. Keys it does not read are unknown. It takes a lookup a part
// for most keys: the first entry of an array of tables that has a key
// answers for it.
func decoded(s *structure, m map[string]any, k []string) bool {
	v, ok := m[k[0]]
	if !ok {
		return false
	}
	f := s.match(k[0])
	switch {
	case f == nil:
		return false
	case len(k) == 1:
		return true
	case f.kind == valueField:
		return below(v, k[1:])
	case f.kind == freeField:
		return false // x: never decoded
	case k[0] != f.name:
		return false // a case variant of a section: held, not decoded
	}
	switch v := v.(type) {
	case map[string]any:
		return decoded(f.sub, v, k[1:])
	case []map[string]any:
		for _, e := range v {
			if decoded(f.sub, e, k[1:]) {
				return true
			}
		}
	case []any:
		for _, e := range v {
			if t, ok := e.(map[string]any); ok && decoded(f.sub, t, k[1:]) {
				return true
			}
		}
	}
	return false
}

// below reports whether the value v of a Value has the key path k (at
// least one part): as keys of its tables and arrays of tables, not of
// tables inside arrays.
func below(v any, k []string) bool {
	switch v := v.(type) {
	case map[string]any:
		w, ok := v[k[0]]
		return ok && (len(k) == 1 || below(w, k[1:]))
	case []map[string]any:
		for _, m := range v {
			if below(m, k) {
				return true
			}
		}
	}
	return false
}

// place gives every Value of the struct rv described by s its key path
// and position, table is the indexed path of rv's table.
func (l *loader) place(s *structure, rv reflect.Value, table string) {
	for i := range s.fields {
		f := &s.fields[i]
		switch f.kind {
		case valueField:
			v := rv.Field(f.index).Addr().Interface().(*Value)
			var loc tomlkey.Loc
			v.Key, loc, _ = l.x.LookupKey(table, f.name)
			v.Pos, v.At = model.Pos(loc.Key), model.Pos(loc.Value)
		case tablesField:
			sl := rv.Field(f.index)
			for j := range sl.Len() {
				l.place(f.sub, sl.Index(j), entry(join(table, f.name), j))
			}
		case tableField:
			if p := rv.Field(f.index); !p.IsNil() {
				l.place(f.sub, p.Elem(), join(table, f.name))
			}
		}
	}
}
