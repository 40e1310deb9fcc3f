// Package schema writes the JSON Schema of the incident format that
// editors read: Taplo and the VS Code extension Even Better TOML validate
// an incident file against it as it is typed, show each key's description
// and complete keys and enumerated values.
//
// The schema is made from [load.Keys], the table the loader itself checks
// keys against, so the two cannot drift: a key is added to the format in
// load.Keys, and only a new [load.Kind] needs a case in fragment here.
//
// It uses JSON Schema draft 4 only, the draft Taplo's validator reads
// (https://json-schema.org/draft-04/schema), plus Taplo's "x-taplo"
// extension for the keys a new table starts with. TOML dates reach a
// validator as strings ("2021-05-06", "2021-05-06T10:00:00"), so a date is
// a string of format "date" and a period a string with a pattern.
//
// The schema accepts what briefing accepts with one exception, for
// completion's sake: enumerated values are written as docs/format.md
// writes them (severity = "high", tlp = "AMBER" or "TLP:AMBER"), while
// briefing also takes them in other cases ("High").
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"briefing/briefing/indicator"
	"briefing/briefing/load"
	"briefing/briefing/model"
)

// Draft is the JSON Schema draft the schema declares in "$schema".
const Draft = "http://json-schema.org/draft-04/schema#"

// Patterns of the values that are strings of a given form (ECMA 262
// regular expressions, as JSON Schema has them).
const (
	idPattern     = `^[a-z0-9][a-z0-9._-]{0,79}$`
	periodPattern = `^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)? *(/ *[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$`
	tagPattern    = `^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$`
	// The languages briefings are made in: ja, en and regional variants.
	briefingLangPattern = `^([Jj][Aa]|[Ee][Nn])([-_][A-Za-z0-9]{1,8})*$`
	techniquePattern    = `^T[0-9]{4}(\.[0-9]{3})?$`
	countryPattern      = `^[A-Za-z]{2}$`
	momentPattern       = `^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2}))?$`
	zonePattern         = `^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$`
	cvePattern          = `^[Cc][Vv][Ee]-[0-9]{4}-[0-9]{4,19}$`
	cvssPattern         = `^CVSS:(3\.1|4\.0)/[A-Za-z]+:[A-Za-z]+(/[A-Za-z]+:[A-Za-z]+)*$`
	urlPattern          = `^([Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]|[Mm][Aa][Ii][Ll][Tt][Oo]:[^\s])[^\s]*$`
)

// JSON returns the schema of the incident format, indented, ending in a
// line break; the same bytes on every call. The error names a key whose
// kind has no schema (a key added to load.Keys with a new kind).
func JSON() ([]byte, error) {
	root, err := table("", "An incident file for briefing: one incident, written in TOML (docs/format.md).")
	if err != nil {
		return nil, err
	}
	root = append(obj{
		{"$schema", Draft},
		{"title", "briefing incident"},
	}, root...)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// table is the schema of the table at the plain path ("" is the top level).
func table(path, doc string) (obj, error) {
	props := obj{}
	var required []string
	for _, k := range load.Keys {
		if parent(k.Path) != path {
			continue
		}
		f, err := fragment(k)
		if err != nil {
			return nil, err
		}
		props = append(props, field{name(k.Path), f})
		if k.Required {
			required = append(required, name(k.Path))
		}
	}
	o := obj{
		{"description", doc},
		{"type", "object"},
		{"properties", props},
		{"additionalProperties", false},
	}
	if len(required) > 0 {
		o = append(o, field{"required", required}, field{"x-taplo", obj{{"initKeys", required}}})
	}
	return o, nil
}

// fragment is the schema of one key's value.
func fragment(k load.Key) (obj, error) {
	d := field{"description", k.Doc}
	str := field{"type", "string"}
	switch k.Kind {
	case load.Table:
		return table(k.Path, k.Doc)
	case load.Tables:
		items, err := table(k.Path, k.Doc)
		if err != nil {
			return nil, err
		}
		o := obj{d, {"type", "array"}, {"items", items}}
		if k.Required {
			o = append(o, field{"minItems", 1})
		}
		return o, nil
	case load.Text, load.Prose:
		return text(k), nil
	case load.ID, load.RefID:
		return obj{d, str, {"pattern", idPattern}}, nil
	case load.FormatNumber:
		return obj{d, {"type", "integer"}, {"enum", []int{2, 1}}}, nil
	case load.Date:
		return obj{d, str, {"format", "date"}}, nil
	case load.Period:
		// In format 2 also a time of day with its offset.
		return obj{d, str, {"anyOf", []obj{{{"pattern", periodPattern}}, {{"pattern", momentPattern}}}}}, nil
	case load.String:
		return obj{d, str, {"minLength", 1}}, nil
	case load.Status:
		return obj{d, str, {"enum", []model.Status{model.Draft, model.Final}}}, nil
	case load.Timezone:
		return obj{d, str, {"pattern", zonePattern}}, nil
	case load.Moment:
		return obj{d, str, {"pattern", momentPattern}}, nil
	case load.IndicatorType:
		return obj{d, str, {"enum", indicator.Types}}, nil
	case load.CVE:
		return obj{d, str, {"pattern", cvePattern}}, nil
	case load.CVSS:
		return obj{d, str, {"pattern", cvssPattern}}, nil
	case load.Bool:
		return obj{d, {"type", "boolean"}}, nil
	case load.Path:
		return obj{d, str, {"pattern", `\.([Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg])$`}}, nil
	case load.Section:
		return obj{d, str, {"enum", model.FigureSections}}, nil
	case load.Fraction:
		return obj{d, {"type", "number"}, {"minimum", 0.1}, {"maximum", 1}}, nil
	case load.Integer:
		return obj{d, {"type", "integer"}, {"minimum", k.Min}, {"maximum", k.Max}}, nil
	case load.Tags:
		return list(d, obj{str, {"pattern", `\S`}}), nil
	case load.Languages:
		return append(list(d, obj{str, {"anyOf", []obj{
			{{"enum", []string{"ja", "en"}}},
			{{"pattern", briefingLangPattern}},
		}}}), field{"minItems", 1}), nil
	case load.TLP:
		var values, docs []string
		for _, prefix := range []string{"", "TLP:"} {
			for _, t := range model.TLPs {
				values = append(values, prefix+string(t))
				docs = append(docs, tlpDocs[t])
			}
		}
		return obj{d, str, {"enum", values}, {"x-taplo", obj{{"docs", obj{{"enumValues", docs}}}}}}, nil
	case load.Severity:
		return obj{d, str, {"enum", model.Severities}}, nil
	case load.Confidence:
		return obj{d, str, {"enum", model.Confidences}}, nil
	case load.Phases:
		return list(d, obj{str, {"enum", model.Phases}}), nil
	case load.Techniques:
		return list(d, obj{str, {"pattern", techniquePattern}}), nil
	case load.Countries:
		return list(d, obj{str, {"pattern", countryPattern}}), nil
	case load.Term:
		return obj{d, str, {"enum", model.Terms}}, nil
	case load.URL:
		return obj{d, str, {"pattern", urlPattern}}, nil
	case load.Lang:
		return obj{d, str, {"pattern", tagPattern}}, nil
	case load.Free:
		return obj{d}, nil
	}
	return nil, fmt.Errorf("schema: key %s: kind %d has no JSON Schema; add it to schema.fragment", k.Path, k.Kind)
}

// tlpDocs says who may see a briefing of each marking, after FIRST's
// Traffic Light Protocol 2.0, for editors to show beside the values.
var tlpDocs = map[model.TLP]string{
	model.TLPClear:       "No limit on disclosure (the default).",
	model.TLPGreen:       "Limited disclosure: the recipients' community, not public channels.",
	model.TLPAmber:       "Limited disclosure: the recipients' organization and its clients, need-to-know.",
	model.TLPAmberStrict: "Limited disclosure: the recipients' organization only, need-to-know.",
	model.TLPRed:         "For the eyes and ears of the individual recipients only.",
}

// list is a list of distinct items.
func list(d field, items obj) obj {
	return obj{d, {"type", "array"}, {"items", items}, {"uniqueItems", true}}
}

// text is the schema of a text: a string for every language, or a table
// of language tag → string. ja and en are listed for completion; other
// BCP 47 tags are accepted as in briefing. An empty string is an error in
// a language's value and in a required text.
func text(k load.Key) obj {
	lang := func(doc string) obj { return obj{{"description", doc}, {"type", "string"}, {"minLength", 1}} }
	doc := k.Doc + " A string for every language, or one per language: " + name(k.Path) + ".ja, " + name(k.Path) + ".en."
	if k.Kind == load.Prose {
		doc += " Markdown in format 2: lists, **strong**, *emphasis*, `code`, links, tables; [ref1] cites a reference."
	}
	o := obj{
		{"description", doc},
		{"type", []string{"string", "object"}},
		{"properties", obj{
			{"ja", lang("日本語 / Japanese.")},
			{"en", lang("English.")},
		}},
		{"patternProperties", obj{{tagPattern, lang("The text in the language of this BCP 47 tag.")}}},
		{"additionalProperties", false},
		{"minProperties", 1},
	}
	if k.Required {
		o = append(o, field{"minLength", 1})
	}
	return o
}

// parent is the plain path of the table holding the key at path.
func parent(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

// name is the last part of a plain key path.
func name(path string) string {
	return path[strings.LastIndexByte(path, '.')+1:]
}

// obj is a JSON object whose keys keep their order.
type obj []field

type field struct {
	name  string
	value any
}

// MarshalJSON writes the fields in order.
func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(f.name)
		if err != nil {
			return nil, err
		}
		v, err := marshal(f.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal is json.Marshal without escaping <, > and &.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
