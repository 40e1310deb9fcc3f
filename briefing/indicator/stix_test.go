package indicator

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
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
		if in.Note != "" && o["description"] != in.Note {
			t.Errorf("%s: description %v", in.Value, o["description"])
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
