package indicator

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func sample() []Indicator {
	jst := time.FixedZone("", 9*3600)
	return []Indicator{
		{Type: IPv4, Value: "203.0.113.10", Note: "C2", FirstSeen: Seen{Time: time.Date(2021, 7, 2, 14, 5, 0, 0, jst), Clock: true}},
		{Type: IPv6, Value: "2001:db8::1"},
		{Type: CIDR, Value: "198.51.100.0/24"},
		{Type: Domain, Value: "evil.example", FirstSeen: Seen{Time: time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC)}, LastSeen: Seen{Time: time.Date(2021, 7, 3, 0, 0, 0, 0, time.UTC)}},
		{Type: URL, Value: "https://evil.example/it's?a=b&c=<d>"},
		{Type: Email, Value: "user@evil.example", Note: "note with \"quotes\", a comma\nand a line"},
		{Type: MD5, Value: "d41d8cd98f00b204e9800998ecf8427e"},
		{Type: SHA1, Value: "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
		{Type: SHA256, Value: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{Type: SHA512, Value: strings.Repeat("cf83e1357eefb8bd", 8)},
		{Type: File, Value: `C:\Users\Public\請求書.pdf.exe`, Note: "身代金要求文書"},
		{Type: Registry, Value: `HKLM\Software\Microsoft\Windows\CurrentVersion\Run`},
		{Type: ASN, Value: "AS64496"},
	}
}

var stixBundle = Bundle{
	Incident: "kaseya-vsa-2021",
	Created:  time.Date(2021, 7, 6, 0, 0, 0, 0, time.UTC),
	Date:     time.Date(2021, 7, 4, 0, 0, 0, 0, time.UTC),
	TLP:      "amber+strict",
}

// TestSTIX checks the bundle against the rules of STIX 2.1 (OASIS
// Standard, 10 June 2021) that apply to what it holds: section 3 (common
// properties: ids of the form type--UUID, timestamps in UTC with Z),
// section 4.7 (indicator: required properties, pattern_type from the
// vocabulary), section 7.2 (object_marking_refs name marking-definition
// objects), and the TLP 2.0 marking definitions as the OASIS CTI TC
// publishes them.
func TestSTIX(t *testing.T) {
	list := sample()
	for i, in := range list {
		if in.Note != "" {
			list[i].Notes = []Note{{Lang: "en", Text: in.Note}}
		}
	}
	data, err := STIX(list, stixBundle)
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		Type    string           `json:"type"`
		ID      string           `json:"id"`
		Objects []map[string]any `json:"objects"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		t.Fatal(err)
	}
	id := regexp.MustCompile(`^([a-z][a-z0-9-]+[a-z0-9])--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	stamp := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$`)
	if b.Type != "bundle" || !id.MatchString(b.ID) || !strings.HasPrefix(b.ID, "bundle--") {
		t.Errorf("bundle type %q id %q", b.Type, b.ID)
	}
	if len(b.Objects) != len(list)+1 {
		t.Fatalf("%d objects, want %d", len(b.Objects), len(list)+1)
	}
	mark := b.Objects[0]
	wantMark := `{"created":"2022-10-01T00:00:00.000Z","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"amber+strict"}},"id":"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003","name":"TLP:AMBER+STRICT","spec_version":"2.1","type":"marking-definition"}`
	if got, _ := json.Marshal(mark); string(got) != wantMark {
		t.Errorf("marking definition\n%s\nwant the published TLP 2.0 object\n%s", got, wantMark)
	}
	ids := map[string]bool{}
	for i, o := range b.Objects {
		oid, _ := o["id"].(string)
		if m := id.FindStringSubmatch(oid); m == nil || m[1] != o["type"] {
			t.Errorf("object %d: id %q does not match type %v", i, oid, o["type"])
		}
		if ids[oid] {
			t.Errorf("object %d: id %q twice", i, oid)
		}
		ids[oid] = true
		if o["spec_version"] != "2.1" {
			t.Errorf("object %d: spec_version %v", i, o["spec_version"])
		}
	}
	for i, in := range list {
		o := b.Objects[i+1]
		for _, k := range []string{"created", "modified", "valid_from"} {
			if s, _ := o[k].(string); !stamp.MatchString(s) {
				t.Errorf("%s: %s %q is not a STIX timestamp", in.Value, k, s)
			}
		}
		for _, k := range []string{"pattern", "pattern_type", "name"} {
			if s, _ := o[k].(string); s == "" {
				t.Errorf("%s: no %s", in.Value, k)
			}
		}
		if o["pattern_type"] != "stix" || o["pattern_version"] != "2.1" || o["name"] != in.Value {
			t.Errorf("%s: pattern_type %v pattern_version %v name %v", in.Value, o["pattern_type"], o["pattern_version"], o["name"])
		}
		refs, _ := o["object_marking_refs"].([]any)
		if len(refs) != 1 || refs[0] != mark["id"] {
			t.Errorf("%s: object_marking_refs %v", in.Value, refs)
		}
		if in.Note != "" && (o["description"] != in.Note || o["lang"] != "en") || in.Note == "" && (o["description"] != nil || o["lang"] != nil) {
			t.Errorf("%s: description %v lang %v", in.Value, o["description"], o["lang"])
		}
		pat, _ := o["pattern"].(string)
		if err := parsePattern(pat); err != nil {
			t.Errorf("%s: pattern %s: %v", in.Value, pat, err)
		}
	}
	if got := b.Objects[1]["valid_from"]; got != "2021-07-02T05:05:00.000Z" {
		t.Errorf("valid_from of a first_seen of 14:05 JST = %v", got)
	}
	if got := b.Objects[2]["valid_from"]; got != "2021-07-04T00:00:00.000Z" {
		t.Errorf("valid_from without first_seen = %v, want the incident's date", got)
	}
	if !strings.Contains(string(data), `"pattern": "[url:value = 'https://evil.example/it\\'s?a=b&c=<d>']"`) {
		t.Errorf("the URL's quote is not escaped in its pattern, or < > & were escaped:\n%s", data)
	}
	if !strings.Contains(string(data), `"pattern": "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Run']"`) {
		t.Errorf("registry pattern: the hive is not written in full or \\ is not escaped:\n%s", data)
	}
	if !strings.Contains(string(data), `"pattern": "[autonomous-system:number = 64496]"`) {
		t.Errorf("asn pattern:\n%s", data)
	}

	// The same incident gives the same bytes; another incident, other ids.
	again, _ := STIX(list, stixBundle)
	if !bytes.Equal(data, again) {
		t.Error("two bundles of the same indicators differ")
	}
	other := stixBundle
	other.Incident = "other"
	o, _ := STIX(list[:1], other)
	if bytes.Contains(o, []byte(b.Objects[1]["id"].(string))) {
		t.Error("an indicator of another incident has the same id")
	}
	if _, err := STIX(list, Bundle{TLP: "WHITE"}); err == nil {
		t.Error("STIX accepts TLP WHITE")
	}
}

// TestSTIXLanguages checks a two-language incident's bundle byte for
// byte: each description in the first language that has the note, with
// lang (STIX 2.1, section 3.2), the other language in a language-content
// object (section 7.1) naming the indicator's id and modified time, none
// for a language without the note, and no lang without a description.
func TestSTIXLanguages(t *testing.T) {
	list := []Indicator{
		{Type: IPv4, Value: "203.0.113.10", Note: "C2サーバ", Notes: []Note{{"ja", "C2サーバ"}, {"en", "C2 server"}}},
		{Type: Domain, Value: "evil.example", Note: "Phishing", Notes: []Note{{"en", "Phishing"}}},
		{Type: MD5, Value: "d41d8cd98f00b204e9800998ecf8427e"},
	}
	got, err := STIX(list, Bundle{
		Incident: "two-languages",
		Created:  time.Date(2021, 7, 6, 0, 0, 0, 0, time.UTC),
		Date:     time.Date(2021, 7, 4, 0, 0, 0, 0, time.UTC),
		TLP:      "GREEN",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "type": "bundle",
  "id": "bundle--e3c2a80a-a27b-5e5d-a1b9-0e63768d4471",
  "objects": [
    {
      "type": "marking-definition",
      "spec_version": "2.1",
      "id": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
      "created": "2022-10-01T00:00:00.000Z",
      "name": "TLP:GREEN",
      "extensions": {
        "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
          "extension_type": "property-extension",
          "tlp_2_0": "green"
        }
      }
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--3c7a8198-c843-58a2-9aa8-1396609ea3ba",
      "created": "2021-07-06T00:00:00.000Z",
      "modified": "2021-07-06T00:00:00.000Z",
      "name": "203.0.113.10",
      "description": "C2サーバ",
      "lang": "ja",
      "pattern": "[ipv4-addr:value = '203.0.113.10']",
      "pattern_type": "stix",
      "pattern_version": "2.1",
      "valid_from": "2021-07-04T00:00:00.000Z",
      "object_marking_refs": [
        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
      ]
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--bec278ef-0880-5839-b786-1bd4d0888de5",
      "created": "2021-07-06T00:00:00.000Z",
      "modified": "2021-07-06T00:00:00.000Z",
      "name": "evil.example",
      "description": "Phishing",
      "lang": "en",
      "pattern": "[domain-name:value = 'evil.example']",
      "pattern_type": "stix",
      "pattern_version": "2.1",
      "valid_from": "2021-07-04T00:00:00.000Z",
      "object_marking_refs": [
        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
      ]
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--0a89d6f8-cee8-5067-9ee4-61cce1685be2",
      "created": "2021-07-06T00:00:00.000Z",
      "modified": "2021-07-06T00:00:00.000Z",
      "name": "d41d8cd98f00b204e9800998ecf8427e",
      "pattern": "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']",
      "pattern_type": "stix",
      "pattern_version": "2.1",
      "valid_from": "2021-07-04T00:00:00.000Z",
      "object_marking_refs": [
        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
      ]
    },
    {
      "type": "language-content",
      "spec_version": "2.1",
      "id": "language-content--057e1886-2729-54da-b958-b50c06101501",
      "created": "2021-07-06T00:00:00.000Z",
      "modified": "2021-07-06T00:00:00.000Z",
      "object_ref": "indicator--3c7a8198-c843-58a2-9aa8-1396609ea3ba",
      "object_modified": "2021-07-06T00:00:00.000Z",
      "contents": {
        "en": {
          "description": "C2 server"
        }
      },
      "object_marking_refs": [
        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
      ]
    }
  ]
}
`
	if string(got) != want {
		t.Errorf("bundle\n%s\nwant\n%s", got, want)
	}
	// The briefing's language (Note) plays no part.
	list[0].Note, list[1].Note = "C2 server", "フィッシング"
	if again, _ := STIX(list, Bundle{Incident: "two-languages", Created: time.Date(2021, 7, 6, 0, 0, 0, 0, time.UTC), Date: time.Date(2021, 7, 4, 0, 0, 0, 0, time.UTC), TLP: "GREEN"}); !bytes.Equal(got, again) {
		t.Error("the bundle depends on the briefing's language")
	}
}

func TestUUID5(t *testing.T) {
	// RFC 9562, appendix A.4: the name "www.example.com" in the DNS namespace.
	if got := uuid5(mustUUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"); got != "2ed6657d-e927-568b-95e1-2665a8aea6a2" {
		t.Errorf("uuid5 = %s", got)
	}
}

func TestMarkingID(t *testing.T) {
	for tlp, want := range map[string]string{
		"CLEAR": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
		"green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
		"AMBER": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
		"RED":   "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
	} {
		if got, ok := MarkingID(tlp); !ok || got != want {
			t.Errorf("MarkingID(%s) = %s", tlp, got)
		}
	}
}

// parsePattern checks a comparison expression of the STIX 2.1 patterning
// grammar (section 9) of the form [object-type:path = value]: an object
// type, a property path of names and quoted names, and a string or integer
// literal whose quotes and backslashes are escaped.
func parsePattern(p string) error {
	re := regexp.MustCompile(`^\[([a-z0-9-]+):([a-z_]+(\.([a-zA-Z0-9_]+|'[^'\\]+'))*) = ('((\\\\|\\'|[^'\\])*)'|[0-9]+)\]$`)
	if !re.MatchString(p) {
		return errPattern
	}
	return nil
}

var errPattern = &json.UnsupportedValueError{Str: "not a STIX comparison expression"}

// FuzzSTIX builds bundles of arbitrary values and notes in arbitrary
// languages. The bundle must be JSON; every indicator's lang is that of
// its description; every language-content object names an indicator of
// the bundle and its modified time and gives the other notes; and the
// briefing's language (Note) never changes the bytes.
func FuzzSTIX(f *testing.F) {
	f.Add(uint8(0), "203.0.113.10", "ja", "C2サーバ", "en", "C2 server")
	f.Add(uint8(4), "https://evil.example/it's", "en", "a \"quoted\"\nnote", "", "")
	f.Add(uint8(11), `HKLM\Software\Run`, "", "", "en-GB", "<b>&amp;</b>")
	f.Fuzz(func(t *testing.T, k uint8, v, l1, n1, l2, n2 string) {
		// The file is UTF-8 (TOML 1.0), so are its texts and tags.
		for _, s := range []string{v, l1, n1, l2, n2} {
			if !utf8.ValidString(s) {
				return
			}
		}
		in := Indicator{Type: Types[int(k)%len(Types)], Value: v, Note: n1}
		for _, n := range []Note{{l1, n1}, {l2, n2}} {
			if n.Text != "" {
				in.Notes = append(in.Notes, n)
			}
		}
		b := Bundle{Incident: "fuzz", Created: time.Date(2021, 7, 6, 0, 0, 0, 0, time.UTC), Date: time.Date(2021, 7, 4, 0, 0, 0, 0, time.UTC), TLP: "RED"}
		data, err := STIX([]Indicator{in, in}, b)
		if err != nil {
			t.Fatal(err)
		}
		in.Note = "other"
		if again, _ := STIX([]Indicator{in, in}, b); !bytes.Equal(data, again) {
			t.Fatal("the bundle depends on Note")
		}
		var got struct {
			Objects []struct {
				Type, ID, Modified, Description, Lang string
				Ref                                   string                       `json:"object_ref"`
				RefModified                           string                       `json:"object_modified"`
				Contents                              map[string]map[string]string `json:"contents"`
			} `json:"objects"`
		}
		if err := json.Unmarshal(data, &got); err != nil {
			t.Fatalf("%v\n%s", err, data)
		}
		modified := map[string]string{}
		var contents int
		for _, o := range got.Objects {
			switch o.Type {
			case "indicator":
				if len(in.Notes) == 0 && (o.Description != "" || o.Lang != "") ||
					len(in.Notes) > 0 && (o.Description != in.Notes[0].Text || o.Lang != in.Notes[0].Lang) {
					t.Errorf("indicator description %q lang %q, notes %q", o.Description, o.Lang, in.Notes)
				}
				modified[o.ID] = o.Modified
			case "language-content":
				contents++
				if m, ok := modified[o.Ref]; !ok || m != o.RefModified {
					t.Errorf("language-content for %s (%s) names no indicator of the bundle", o.Ref, o.RefModified)
				}
				for _, n := range in.Notes[1:] {
					if o.Contents[n.Lang]["description"] != n.Text {
						t.Errorf("language-content %v lacks %q", o.Contents, n)
					}
				}
			}
		}
		if len(in.Notes) > 1 && contents != 2 || len(in.Notes) <= 1 && contents != 0 {
			t.Errorf("%d language-content objects for notes %q", contents, in.Notes)
		}
	})
}
