package indicator

import (
	"strings"
	"testing"

	"briefing/internal/testkit/stixcheck"
)

// TestSTIXSchemas validates bundles of every type of indicator, every
// TLP, with notes in two languages (language-content objects) and dates
// with and without times, against OASIS's STIX 2.1 JSON schemas; and
// checks that the schemas refuse a bundle broken in ways STIX forbids.
func TestSTIXSchemas(t *testing.T) {
	list := sample()
	for i, in := range list {
		if in.Note != "" {
			list[i].Notes = []Note{{Lang: "ja", Text: in.Note}, {Lang: "en", Text: in.Note + " (en)"}}
		}
	}
	var good []byte
	for _, tlp := range []string{"CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"} {
		b := stixBundle
		b.TLP = tlp
		data, err := STIX(list, b)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), `"type": "language-content"`) {
			t.Fatal("the bundle has no language-content object to check")
		}
		for _, err := range stixcheck.Bundle(t, data) {
			t.Errorf("TLP:%s: %v", tlp, err)
		}
		good = data
	}
	for _, c := range []struct{ name, from, to string }{
		{"an indicator without pattern_type", `"pattern_type": "stix",`, ``},
		{"a time without its zone", `"valid_from": "2021-07-02T05:05:00.000Z"`, `"valid_from": "2021-07-02T05:05:00.000"`},
		{"a language-content without contents", `"contents": {`, `"x_contents": {`},
		{"an id not of its type", `"id": "indicator--`, `"id": "indicators--`},
	} {
		if !strings.Contains(string(good), c.from) {
			t.Fatalf("%s: the bundle has no %s", c.name, c.from)
		}
		bad := strings.Replace(string(good), c.from, c.to, 1)
		if errs := stixcheck.Bundle(t, []byte(bad)); len(errs) == 0 {
			t.Errorf("the schemas take %s", c.name)
		}
	}
}
