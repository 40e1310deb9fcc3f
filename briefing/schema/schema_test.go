package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"briefing/briefing/build"
	"briefing/briefing/diag"
	"briefing/briefing/load"
	"briefing/briefing/validate"
)

const skeletonFile = "../../templates/skeleton.toml"

// incidentFiles are the files every schema test starts from: the samples,
// the skeleton of "briefing new" and the complete example of
// docs/format.md (written to dir).
func incidentFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob("../../samples/*.toml")
	if err != nil || len(files) < 2 {
		t.Fatalf("samples: %v %v", files, err)
	}
	files = append(files, skeletonFile)
	doc, err := os.ReadFile("../../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)## A complete example.*?```toml\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/format.md has no complete example in a ```toml block")
	}
	example := filepath.Join(dir, "format-example.toml")
	if err := os.WriteFile(example, m[1], 0o644); err != nil {
		t.Fatal(err)
	}
	return append(files, example)
}

// compile compiles the schema with a validator independent of Taplo.
func compile(t testing.TB) *jsonschema.Schema {
	t.Helper()
	b, err := JSON()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	if err := c.AddResource("briefing.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("briefing.schema.json")
	if err != nil {
		t.Fatalf("the schema does not compile as draft 4: %v", err)
	}
	return s
}

// instance decodes TOML into the JSON value a validator reads. Dates and
// times become strings, as Taplo makes them: a local date 2021-05-06, a
// local date-time 2021-05-06T10:00:00, a local time 10:00:00, and an
// offset date-time in RFC 3339 (2021-05-06T10:00:00+09:00).
func instance(t testing.TB, src string) any {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode(src, &m); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(jsonValue(m))
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func jsonValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = jsonValue(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = jsonValue(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = jsonValue(e)
		}
		return out
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return v.Format("2006-01-02")
		case "datetime-local":
			return v.Format("2006-01-02T15:04:05.999999999")
		case "time-local":
			return v.Format("15:04:05.999999999")
		}
		return v.Format(time.RFC3339Nano)
	}
	return v
}

// briefingErrors loads and validates src as briefing does, and refuses
// the languages briefings are not made in, as building does. It is read
// as if it were in samples/, so that the samples' figures are found.
func briefingErrors(src string) diag.List {
	raw, ds := load.Read("../../samples/in.toml", strings.NewReader(src))
	inc, vds := validate.Incident(raw)
	var errs diag.List
	for _, d := range append(ds, vds...) {
		if d.Severity != diag.Warning {
			errs = append(errs, d)
		}
	}
	if inc != nil {
		for _, l := range inc.Languages {
			if err := build.Supported(l); err != nil {
				errs = append(errs, diag.Diagnostic{Key: "languages", Message: err.Error()})
			}
		}
	}
	return errs
}

// TestFilesValidate: the samples, the skeleton and the example of
// docs/format.md are valid incidents and valid against the schema.
func TestFilesValidate(t *testing.T) {
	s := compile(t)
	for _, f := range incidentFiles(t, t.TempDir()) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if errs := briefingErrors(string(src)); len(errs) > 0 {
			t.Fatalf("%s is not a valid incident:\n%v", f, errs)
		}
		if err := s.Validate(instance(t, string(src))); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// edits of the skeleton that briefing refuses and the schema must refuse
// too, with the word the schema's message must name.
var refused = []struct {
	name      string
	old, new  string
	schemaMsg string
}{
	{"typo of a top-level key", `severity = "medium"`, `sevrity = "medium"`, `'sevrity'`},
	{"typo of a key in a table", `success_factors.ja =`, `success_factor.ja =`, `'success_factor'`},
	{"typo of a key in an array of tables", `likelihood = 3`, `likelyhood = 3`, `'likelyhood'`},
	{"typo of a key in a nested array of tables", `term_months = 24`, `term_month = 24`, `'term_month'`},
	{"key in the wrong case", `confidence = "moderate"`, `Confidence = "moderate"`, `'Confidence'`},
	{"wrong severity", `severity = "medium"`, `severity = "hgih"`, `/severity`},
	{"TLP 1.0's WHITE", `# tlp = "AMBER"`, `tlp = "WHITE"`, `/tlp`},
	{"wrong confidence", `confidence = "moderate"`, `confidence = "sure"`, `/confidence`},
	{"wrong kill-chain phase", `kill_chain = ["reconnaissance", "weaponization"]`, `kill_chain = ["recon"]`, `/analysis/kill_chain/0`},
	{"wrong countermeasure term", `term = "short"`, `term = "soon"`, `/countermeasures/0/term`},
	{"wrong format", `format = 2 `, `format = 3 `, `/format`},
	{"likelihood out of range", `likelihood = 3`, `likelihood = 6`, `/risks/0/likelihood`},
	{"users of zero", `users = 10`, `users = 0`, `/procurement/items/0/users`},
	{"a number in quotes", `users = 10`, `users = "10"`, `/procurement/items/0/users`},
	{"a date with a time", `date = 2021-05-06 `, `date = 2021-05-06T10:00:00+09:00 `, `/date`},
	{"a local date-time", `date = 2021-05-06 `, `date = 2021-05-06T10:00:00 `, `/date`},
	{"a period that is not one", `when = "2021-05"`, `when = "May 2021"`, `/timeline/0/when`},
	{"an empty language's text", `title.en = "Title of the incident"`, `title.en = ""`, `/title/en`},
	{"an empty required text", `title = "Title of the source"`, `title = ""`, `/references/0/title`},
	{"a text of the wrong type", `review.ja = "この事案の評価。"`, `review.ja = 3`, `/review/ja`},
	{"an id with capitals", `id = "example-incident"`, `id = "Example"`, `/id`},
	{"a javascript: URL", `url = "https://attack.mitre.org/groups/"`, `url = "javascript:alert(1)"`, `/related/0/url`},
	{"an ATT&CK ID without T", `attack = ["T1195.002"]`, `attack = ["1195.002"]`, `/analysis/attack/0`},
	{"a country that is not a code", `country = ["US", "JP"]`, `country = ["USA"]`, `/procurement/items/0/country/0`},
	{"a language briefing cannot make", `languages = ["ja", "en"]`, `languages = ["de"]`, `/languages/0`},
	{"a kill-chain phase twice", `kill_chain = ["reconnaissance", "weaponization"]`, `kill_chain = ["delivery", "delivery"]`, `/analysis/kill_chain`},
	{"procurement without items", "[[procurement.items]]\nordered = \"2019-04/2019-05\"", "[x.moved]\nordered = \"2019-04/2019-05\"", `/procurement`},
}

// TestRefused: each edit is refused by briefing and by the schema, whose
// message points at the key.
func TestRefused(t *testing.T) {
	s := compile(t)
	skel, err := os.ReadFile(skeletonFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			src := edit(t, string(skel), tt.old, tt.new)
			if errs := briefingErrors(src); len(errs) == 0 {
				t.Fatalf("briefing accepts the edit %q", tt.new)
			}
			err := s.Validate(instance(t, src))
			if err == nil {
				t.Fatalf("the schema accepts the edit %q", tt.new)
			}
			if !strings.Contains(err.Error(), tt.schemaMsg) {
				t.Errorf("the schema's message does not name %s:\n%v", tt.schemaMsg, err)
			}
		})
	}
}

// edit replaces the first old in src by new; old must be there.
func edit(t testing.TB, src, old, new string) string {
	t.Helper()
	if !strings.Contains(src, old) {
		t.Fatalf("the skeleton has no %q", old)
	}
	return strings.Replace(src, old, new, 1)
}

// TestAccepted: spellings briefing accepts that the schema accepts too.
func TestAccepted(t *testing.T) {
	s := compile(t)
	skel, err := os.ReadFile(skeletonFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ old, new string }{
		{`# tlp = "AMBER"`, `tlp = "TLP:AMBER+STRICT"`},
		{`title.en = "Title of the incident"`, `title.en-GB = "Title of the incident"`},
		{`languages = ["ja", "en"]`, `languages = ["ja-JP", "en-GB"]`},
		{`when = "2021-05"`, `when = 2021-05-01`},
		{`when = "2021-05"`, `when = "2019-04 / 2019-05"`},
		{`country = ["US", "JP"]`, `country = ["us", "jp"]`},
		{`country = ["US", "JP"]`, `country = []`},
		{`url = "https://attack.mitre.org/groups/"`, `url = "mailto:soc@example.com"`},
		{`ticket = "SEC-0000"`, `ticket = 2021-05-06T10:00:00Z`},
	} {
		src := edit(t, string(skel), tt.old, tt.new)
		if errs := briefingErrors(src); len(errs) > 0 {
			t.Errorf("briefing refuses %s: %v", tt.new, errs)
			continue
		}
		if err := s.Validate(instance(t, src)); err != nil {
			t.Errorf("the schema refuses %s: %v", tt.new, err)
		}
	}
}

// schemaPaths walks the schema's tables and arrays of tables and returns
// the plain path of every key ("procurement.items.users").
func schemaPaths(t *testing.T) []string {
	t.Helper()
	b, err := JSON()
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		t.Fatal(err)
	}
	var paths []string
	var walk func(s map[string]any, prefix string)
	walk = func(s map[string]any, prefix string) {
		if s["type"] == "array" {
			if items, ok := s["items"].(map[string]any); ok {
				s = items
			}
		}
		if s["type"] != "object" {
			return // a value: a text's languages are not keys of the format
		}
		props, _ := s["properties"].(map[string]any)
		for name, p := range props {
			path := name
			if prefix != "" {
				path = prefix + "." + name
			}
			paths = append(paths, path)
			walk(p.(map[string]any), path)
		}
	}
	walk(root, "")
	slices.Sort(paths)
	return paths
}

// kinds maps the plain path of every key of the loader to its kind.
func kinds() map[string]load.Kind {
	m := map[string]load.Kind{}
	for _, k := range load.Keys {
		m[k.Path] = k.Kind
	}
	return m
}

// TestKeysMatchLoader: the schema has every key the loader accepts, in its
// place, and no other; a document with any of its keys loads without an
// unknown key, and one with a misspelt key is refused by both.
func TestKeysMatchLoader(t *testing.T) {
	var loader []string
	for _, k := range load.Keys {
		loader = append(loader, k.Path)
	}
	slices.Sort(loader)
	got := schemaPaths(t)
	if !slices.Equal(got, loader) {
		t.Fatalf("the schema's keys differ from the loader's:\nschema: %v\nloader: %v", got, loader)
	}
	s := compile(t)
	kind := kinds()
	for _, p := range got {
		src := docWith(t, kind, p, name(p))
		_, ds := load.Read("in.toml", strings.NewReader(src))
		for _, d := range ds {
			if strings.Contains(d.Message, "unknown key") {
				t.Errorf("%s: the loader refuses a key of the schema:\n%s\n%v", p, src, d)
			}
		}
		typo := name(p) + "_x"
		src = docWith(t, kind, p, typo)
		_, ds = load.Read("in.toml", strings.NewReader(src))
		if !slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return strings.Contains(d.Message, `unknown key "`+typo+`"`) }) {
			t.Errorf("%s: the loader accepts the key %s:\n%s", p, typo, src)
		}
		if err := s.Validate(instance(t, src)); err == nil || !strings.Contains(err.Error(), "'"+typo+"'") {
			t.Errorf("%s: the schema does not refuse the key %s: %v\n%s", p, typo, err, src)
		}
	}
}

// docWith writes a TOML document holding the key at the plain path, its
// last part renamed to last: each table on the way a table, each array of
// tables an array of one table.
func docWith(t *testing.T, kind map[string]load.Kind, path, last string) string {
	t.Helper()
	parts := strings.Split(path, ".")
	root := map[string]any{}
	m := root
	for i, p := range parts[:len(parts)-1] {
		next := map[string]any{}
		if kind[strings.Join(parts[:i+1], ".")] == load.Tables {
			m[p] = []map[string]any{next}
		} else {
			m[p] = next
		}
		m = next
	}
	switch kind[path] {
	case load.Table:
		m[last] = map[string]any{}
	case load.Tables:
		m[last] = []map[string]any{{}}
	default:
		m[last] = "x"
	}
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(root); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestRequiredMatchesValidate: taking a key out of the skeleton or a
// sample makes briefing report it missing exactly when the schema requires
// it, and the schema refuses the file exactly then.
func TestRequiredMatchesValidate(t *testing.T) {
	s := compile(t)
	kind := kinds()
	tested := map[string]bool{}
	for _, f := range incidentFiles(t, t.TempDir()) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range load.Keys {
			if tested[k.Path] {
				continue
			}
			var doc map[string]any
			if _, err := toml.Decode(string(src), &doc); err != nil {
				t.Fatal(err)
			}
			key, ok := remove(doc, kind, k.Path)
			if !ok {
				continue
			}
			tested[k.Path] = true
			var b bytes.Buffer
			if err := toml.NewEncoder(&b).Encode(doc); err != nil {
				t.Fatal(err)
			}
			missing := slices.ContainsFunc(briefingErrors(b.String()), func(d diag.Diagnostic) bool {
				return d.Key == key && strings.HasPrefix(d.Message, "missing")
			})
			if missing != k.Required {
				t.Errorf("%s (from %s): briefing reports it missing: %v; load.Keys has Required: %v", key, f, missing, k.Required)
			}
			err := s.Validate(instance(t, b.String()))
			var ve *jsonschema.ValidationError
			if k.Required && (!errors.As(err, &ve) || !strings.Contains(err.Error(), "'"+name(k.Path)+"'")) {
				t.Errorf("%s (from %s): the schema does not refuse the file without it: %v", key, f, err)
			}
			if !k.Required && err != nil {
				t.Errorf("%s (from %s): the schema refuses the file without it: %v", key, f, err)
			}
		}
	}
	for _, k := range load.Keys {
		if k.Required && !tested[k.Path] {
			t.Errorf("%s is required but neither the skeleton nor a sample has it", k.Path)
		}
	}
}

// remove deletes the key at the plain path from doc (from the first entry
// of each array of tables on the way) and returns its key path as briefing
// names it ("risks[1].likelihood"); ok is false when doc lacks it.
func remove(doc map[string]any, kind map[string]load.Kind, path string) (key string, ok bool) {
	m, last, key, ok := find(doc, kind, path)
	if ok {
		delete(m, last)
	}
	return key, ok
}

// find returns the table of doc holding the key at the plain path (the
// first entry of each array of tables on the way), the key's name in it
// and its key path as briefing names it; ok is false when doc lacks it.
func find(doc map[string]any, kind map[string]load.Kind, path string) (m map[string]any, last, key string, ok bool) {
	parts := strings.Split(path, ".")
	m = doc
	var named []string
	for i, p := range parts[:len(parts)-1] {
		switch v := m[p].(type) {
		case map[string]any:
			m = v
			named = append(named, p)
		case []map[string]any:
			if len(v) == 0 || kind[strings.Join(parts[:i+1], ".")] != load.Tables {
				return nil, "", "", false
			}
			m = v[0]
			named = append(named, p+"[1]")
		default:
			return nil, "", "", false
		}
	}
	last = parts[len(parts)-1]
	if _, ok := m[last]; !ok {
		return nil, "", "", false
	}
	return m, last, strings.Join(append(named, last), "."), true
}

// TestProseMatchesValidate: in a format-2 file, briefing reads as Markdown
// exactly the texts load.Keys calls Prose (whose descriptions say so): a
// heading is refused in those and kept as text in the others.
func TestProseMatchesValidate(t *testing.T) {
	src, err := os.ReadFile(skeletonFile)
	if err != nil {
		t.Fatal(err)
	}
	kind := kinds()
	n := 0
	for _, k := range load.Keys {
		if k.Kind != load.Text && k.Kind != load.Prose {
			continue
		}
		var doc map[string]any
		if _, err := toml.Decode(string(src), &doc); err != nil {
			t.Fatal(err)
		}
		doc["format"] = int64(2)
		m, last, key, ok := find(doc, kind, k.Path)
		if !ok && strings.HasPrefix(k.Path, "figures.") {
			// A figure needs its picture beside the file, which a
			// skeleton printed by briefing new has not: the sample
			// with a figure stands in.
			sample, err := os.ReadFile("../../samples/ransomware-example.toml")
			if err != nil {
				t.Fatal(err)
			}
			doc = nil
			if _, err := toml.Decode(string(sample), &doc); err != nil {
				t.Fatal(err)
			}
			m, last, key, ok = find(doc, kind, k.Path)
		}
		if !ok {
			t.Errorf("the skeleton has no %s", k.Path)
			continue
		}
		n++
		m[last] = "# Heading\n\nText."
		var b bytes.Buffer
		if err := toml.NewEncoder(&b).Encode(doc); err != nil {
			t.Fatal(err)
		}
		markdown := slices.ContainsFunc(briefingErrors(b.String()), func(d diag.Diagnostic) bool {
			return d.Key == key && strings.Contains(d.Message, "heading")
		})
		if markdown != (k.Kind == load.Prose) {
			t.Errorf("%s: briefing reads it as Markdown: %v; load.Keys has it as %v", key, markdown, map[bool]string{true: "Prose", false: "Text"}[k.Kind == load.Prose])
		}
	}
	if n == 0 {
		t.Fatal("no text tested")
	}
}

// draft4 is every keyword of JSON Schema draft 4 (draft-fge-json-schema-
// validation-00 and the core draft), the only ones Taplo reads.
var draft4 = []string{
	"$schema", "id", "$ref", "title", "description", "default", "multipleOf",
	"maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
	"minLength", "pattern", "additionalItems", "items", "maxItems", "minItems",
	"uniqueItems", "maxProperties", "minProperties", "required",
	"additionalProperties", "definitions", "properties", "patternProperties",
	"dependencies", "enum", "type", "allOf", "anyOf", "oneOf", "not", "format",
}

// TestDraft4Only: the schema uses draft 4 keywords only (plus Taplo's
// x-taplo), and every table refuses keys it does not list.
func TestDraft4Only(t *testing.T) {
	b, err := JSON()
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		t.Fatal(err)
	}
	if root["$schema"] != "http://json-schema.org/draft-04/schema#" {
		t.Errorf("$schema is %v", root["$schema"])
	}
	var walk func(s map[string]any, at string, key bool)
	walk = func(s map[string]any, at string, key bool) {
		for kw, v := range s {
			if !slices.Contains(draft4, kw) && kw != "x-taplo" {
				t.Errorf("%s: %q is not a draft 4 keyword", at, kw)
			}
			switch kw {
			case "properties", "patternProperties", "definitions":
				for n, sub := range v.(map[string]any) {
					walk(sub.(map[string]any), at+"/"+kw+"/"+n, kw != "definitions")
				}
			case "items", "not", "additionalProperties":
				if sub, ok := v.(map[string]any); ok {
					walk(sub, at+"/"+kw, false)
				}
			case "anyOf", "allOf", "oneOf":
				for i, sub := range v.([]any) {
					walk(sub.(map[string]any), fmt.Sprintf("%s/%s/%d", at, kw, i), false)
				}
			}
		}
		if _, ok := s["properties"]; ok && s["additionalProperties"] != false {
			t.Errorf("%s: a table that takes any key (additionalProperties is %v)", at, s["additionalProperties"])
		}
		if d, _ := s["description"].(string); key && d == "" {
			t.Errorf("%s: a key without a description", at)
		}
	}
	walk(root, "", true)
}

// TestDeterministic: the schema is the same bytes on every call.
func TestDeterministic(t *testing.T) {
	a, err := JSON()
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, _ := JSON()
		if !bytes.Equal(a, b) {
			t.Fatal("two calls give different schemas")
		}
	}
}

// TestCompletion: the values an editor offers are those of the format,
// and each TLP marking comes with what it means.
func TestCompletion(t *testing.T) {
	b, err := JSON()
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		t.Fatal(err)
	}
	at := func(path ...string) map[string]any {
		t.Helper()
		s := root
		for _, p := range path {
			next, ok := s[p].(map[string]any)
			if !ok {
				t.Fatalf("the schema has no %s", strings.Join(path, "/"))
			}
			s = next
		}
		return s
	}
	strs := func(v any) []string {
		var out []string
		for _, e := range v.([]any) {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	names := func(list ...any) []string {
		var out []string
		for _, v := range list {
			out = append(out, fmt.Sprint(v))
		}
		return out
	}
	for _, tt := range []struct {
		got  []string
		want []string
	}{
		{strs(at("properties", "format")["enum"]), []string{"2", "1"}},
		{strs(at("properties", "severity")["enum"]), names("info", "low", "medium", "high", "critical")},
		{strs(at("properties", "confidence")["enum"]), names("low", "moderate", "high")},
		{strs(at("properties", "analysis", "properties", "kill_chain", "items")["enum"]), names("reconnaissance", "weaponization", "delivery", "exploitation", "installation", "command-and-control", "actions-on-objectives")},
		{strs(at("properties", "countermeasures", "items", "properties", "term")["enum"]), names("short", "mid", "long")},
		{strs(at("properties", "languages", "items")["anyOf"].([]any)[0].(map[string]any)["enum"]), names("ja", "en")},
		{strs(at("properties", "tlp")["enum"]), names("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED", "TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")},
	} {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("offers %q, want %q", tt.got, tt.want)
		}
	}
	docs := strs(at("properties", "tlp", "x-taplo", "docs")["enumValues"])
	if len(docs) != 10 || slices.Contains(docs, "") || docs[3] != docs[8] {
		t.Errorf("the TLP markings' descriptions: %q", docs)
	}
}
