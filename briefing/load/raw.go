package load

import (
	"briefing/briefing/model"
	"briefing/internal/tomlkey"
)

// Value is one value of the file as TOML gave it, not yet checked: V is a
// string, int64, float64, bool, time.Time (local dates carry the location
// named "date-local"), []any or map[string]any, and nil when the key is
// absent. Key is the key path, Pos the position of the key and At the
// position of the value.
type Value struct {
	V   any
	Key string
	Pos model.Pos
	At  model.Pos
}

// UnmarshalTOML keeps the value as it is; package validate checks it.
func (v *Value) UnmarshalTOML(data any) error {
	v.V = data
	return nil
}

// Present reports whether the key was given.
func (v Value) Present() bool { return v.V != nil }

// Raw is an incident file decoded but not validated: every key of the format
// as a [Value] with its key path and position, sections as slices and
// pointers of the structs below (nil or empty when absent).
type Raw struct {
	File string `toml:"-"` // the name given to [Read]

	Format     Value `toml:"format"`
	ID         Value `toml:"id"`
	Date       Value `toml:"date"`
	Updated    Value `toml:"updated"`
	Title      Value `toml:"title"`
	Summary    Value `toml:"summary"`
	TLP        Value `toml:"tlp"`
	Severity   Value `toml:"severity"`
	Confidence Value `toml:"confidence"`
	Tags       Value `toml:"tags"`
	Author     Value `toml:"author"`
	Languages  Value `toml:"languages"`
	Impact     Value `toml:"impact"`
	Handling   Value `toml:"handling"`
	Review     Value `toml:"review"`
	Case       Value `toml:"case"`
	Status     Value `toml:"status"`
	Timezone   Value `toml:"timezone"`

	Timeline        []Event          `toml:"timeline"`
	Procurement     *Procurement     `toml:"procurement"`
	Analysis        *Analysis        `toml:"analysis"`
	Risks           []Risk           `toml:"risks"`
	Countermeasures []Countermeasure `toml:"countermeasures"`
	Related         []Related        `toml:"related"`
	References      []Reference      `toml:"references"`
	Indicators      []Indicator      `toml:"indicators"`
	Vulnerabilities []Vulnerability  `toml:"vulnerabilities"`
	Figures         []Figure         `toml:"figures"`

	x *tomlkey.Index // every key path of the file, tables and entries too
}

// Loc is where a key path appears in the file: the position of its key (or
// of the "[" of its table header, or of its element in an array) and the
// position of its value.
type Loc struct {
	Key, Value model.Pos
}

// Loc returns the position of a key path: a key ("title.ja"), an array
// element ("procurement.items[3].country[2]") or a table or array-of-tables
// entry ("analysis", "risks[2]": its header, or its first key when written
// with dotted keys or inline). Entries and elements count from 1. ok is
// false when the file does not have the path.
func (r *Raw) Loc(path string) (Loc, bool) {
	if r.x == nil {
		return Loc{}, false
	}
	l, ok := r.x.Loc(path)
	return Loc{Key: model.Pos(l.Key), Value: model.Pos(l.Value)}, ok
}

// Shared returns the file as written without its [x] table, the team's
// own data (ticket numbers, internal notes) that briefing ignores: the
// table's lines and any top-level x.… = keys are taken out, every other
// byte kept (see tomlkey.Without), so the text decodes to the same
// incident. It is what --attach-source embeds in a briefing.
func (r *Raw) Shared() string {
	if r.x == nil {
		return ""
	}
	return r.x.Without("x")
}

// Find returns the position of the first occurrence of s as written inside
// the value of the key path, e.g. of a citation on the fifth line of a
// multi-line text. ok is false when the value does not contain s as
// written (escaped, say).
func (r *Raw) Find(path, s string) (pos model.Pos, ok bool) {
	if r.x == nil {
		return model.Pos{}, false
	}
	p, ok := r.x.Find(path, s)
	return model.Pos(p), ok
}

// Event is one [[timeline]] entry.
type Event struct {
	When Value `toml:"when"`
	Text Value `toml:"text"`
}

// Procurement is the [procurement] table.
type Procurement struct {
	Caption Value      `toml:"caption"`
	Source  Value      `toml:"source"`
	Items   []Purchase `toml:"items"`
}

// Purchase is one [[procurement.items]] row.
type Purchase struct {
	Ordered    Value `toml:"ordered"`
	Product    Value `toml:"product"`
	Vendor     Value `toml:"vendor"`
	TermMonths Value `toml:"term_months"`
	Users      Value `toml:"users"`
	Country    Value `toml:"country"`
}

// Analysis is the [analysis] table.
type Analysis struct {
	Method         Value      `toml:"method"`
	KillChain      Value      `toml:"kill_chain"`
	Attack         Value      `toml:"attack"`
	SuccessFactors Value      `toml:"success_factors"`
	Actor          Value      `toml:"actor"`
	Scenarios      []Scenario `toml:"scenarios"`
}

// Scenario is one [[analysis.scenarios]] entry.
type Scenario struct {
	Text Value `toml:"text"`
}

// Risk is one [[risks]] entry.
type Risk struct {
	Title      Value `toml:"title"`
	Text       Value `toml:"text"`
	Likelihood Value `toml:"likelihood"`
	Impact     Value `toml:"impact"`
}

// Countermeasure is one [[countermeasures]] entry.
type Countermeasure struct {
	Term  Value `toml:"term"`
	Text  Value `toml:"text"`
	Owner Value `toml:"owner"`
}

// Related is one [[related]] entry.
type Related struct {
	Text Value `toml:"text"`
	URL  Value `toml:"url"`
}

// Reference is one [[references]] entry.
type Reference struct {
	ID        Value `toml:"id"`
	Title     Value `toml:"title"`
	Publisher Value `toml:"publisher"`
	Date      Value `toml:"date"`
	URL       Value `toml:"url"`
	Accessed  Value `toml:"accessed"`
	Lang      Value `toml:"lang"`
}

// Indicator is one [[indicators]] entry.
type Indicator struct {
	Type      Value `toml:"type"`
	Value     Value `toml:"value"`
	Note      Value `toml:"note"`
	FirstSeen Value `toml:"first_seen"`
	LastSeen  Value `toml:"last_seen"`
}

// Vulnerability is one [[vulnerabilities]] entry.
type Vulnerability struct {
	CVE       Value `toml:"cve"`
	CVSS      Value `toml:"cvss"`
	Product   Value `toml:"product"`
	FixedIn   Value `toml:"fixed_in"`
	Exploited Value `toml:"exploited"`
	Text      Value `toml:"text"`
}

// Figure is one [[figures]] entry.
type Figure struct {
	File    Value `toml:"file"`
	Caption Value `toml:"caption"`
	Alt     Value `toml:"alt"`
	After   Value `toml:"after"`
	Width   Value `toml:"width"`
}

// Char returns the position of the character at byte off of the string
// value of the key path as TOML decodes it (escapes decoded), e.g. of a
// word on the ninth line of a multi-line text. ok is false when the value
// is not a string or is shorter.
func (r *Raw) Char(path string, off int) (pos model.Pos, ok bool) {
	if r.x == nil {
		return model.Pos{}, false
	}
	p, ok := r.x.Char(path, off)
	return model.Pos(p), ok
}

// Chars returns [Raw.Char] for the value at path alone, without holding
// the rest of r (the position of every key of the file).
func (r *Raw) Chars(path string) func(off int) (model.Pos, bool) {
	if r.x == nil {
		return func(int) (model.Pos, bool) { return model.Pos{}, false }
	}
	chars := r.x.Chars(path)
	return func(off int) (model.Pos, bool) {
		p, ok := chars(off)
		return model.Pos(p), ok
	}
}
