// Package stixcheck validates STIX 2.1 bundles against OASIS's STIX 2.1
// JSON schemas (see testkit.STIXSchemas), with the JSON Schema validator
// github.com/santhosh-tekuri/jsonschema. It is imported by tests only.
//
// The schemas at hand were written before the TLP 2.0 marking definitions
// (2022), which carry their marking in a property extension and no
// definition_type: they refuse them although STIX 2.1 (section 7.2.1)
// allows them. Marking definitions are therefore left out of what is
// validated; the tests of package indicator compare them byte for byte
// with the objects the OASIS CTI TC publishes.
package stixcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"briefing/internal/testkit"
)

// base is the $id prefix of the schemas.
const base = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/"

var (
	mu       sync.Mutex // guards the rest: a Compiler is not safe for concurrent use
	compiler *jsonschema.Compiler
	loadErr  error
	schemas  = map[string]*jsonschema.Schema{}
)

// schema returns the compiled schema at path ("common/bundle.json").
func schema(t testing.TB, path string) *jsonschema.Schema {
	t.Helper()
	dir := testkit.STIXSchemas(t)
	mu.Lock()
	defer mu.Unlock()
	if compiler == nil {
		compiler = jsonschema.NewCompiler()
		loadErr = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
				return err
			}
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			doc, err := jsonschema.UnmarshalJSON(f)
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			id, _ := doc.(map[string]any)["$id"].(string)
			if id == "" {
				return fmt.Errorf("%s has no $id", p)
			}
			return compiler.AddResource(id, doc)
		})
	}
	if loadErr != nil {
		t.Fatalf("the STIX 2.1 schemas: %v", loadErr)
	}
	if s, ok := schemas[path]; ok {
		return s
	}
	s, err := compiler.Compile(base + path)
	if err != nil {
		t.Fatalf("compile the STIX 2.1 schema %s: %v", path, err)
	}
	schemas[path] = s
	return s
}

// perType is the schema of each type of object a briefing's bundle holds.
var perType = map[string]string{
	"indicator":        "sdos/indicator.json",
	"language-content": "common/language-content.json",
}

// Bundle returns the errors of the STIX 2.1 bundle data: against the
// schema of a bundle, and each object against its type's schema; a
// marking definition is not validated (see the package comment), an
// object of another type is an error. It returns nil when data is valid.
func Bundle(t testing.TB, data []byte) []error {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return []error{fmt.Errorf("not JSON: %w", err)}
	}
	b, ok := doc.(map[string]any)
	if !ok {
		return []error{fmt.Errorf("not a JSON object")}
	}
	objs, _ := b["objects"].([]any)
	var errs []error
	var kept []any
	for i, o := range objs {
		obj, _ := o.(map[string]any)
		typ, _ := obj["type"].(string)
		if typ == "marking-definition" {
			continue
		}
		kept = append(kept, o)
		path, ok := perType[typ]
		if !ok {
			errs = append(errs, fmt.Errorf("objects[%d]: type %q is not one a briefing writes", i, typ))
			continue
		}
		if err := schema(t, path).Validate(o); err != nil {
			id, _ := json.Marshal(obj["id"])
			errs = append(errs, fmt.Errorf("objects[%d] %s: %v", i, id, err))
		}
	}
	b2 := make(map[string]any, len(b))
	for k, v := range b {
		b2[k] = v
	}
	b2["objects"] = kept
	if err := schema(t, "common/bundle.json").Validate(b2); err != nil {
		errs = append(errs, fmt.Errorf("bundle: %v", err))
	}
	return errs
}
