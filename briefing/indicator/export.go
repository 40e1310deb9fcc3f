package indicator

import (
	"bytes"
	"crypto/sha1"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Indicator is one indicator of compromise as the briefing's language
// shows it: the value as written (never defanged) and its note in that
// language (for [CSV]), and the note in each of the incident's languages
// (for [STIX]).
type Indicator struct {
	Type      Type
	Value     string
	Note      string
	FirstSeen Seen
	LastSeen  Seen
	// Notes is the note in each of the incident's languages that has
	// one, in the order of the incident's languages; empty when there
	// is no note. The same in every language's briefing.
	Notes []Note
}

// Note is an indicator's note in one language.
type Note struct {
	Lang string // BCP 47 tag, e.g. "ja", "en"
	Text string
}

// Seen is a date (Clock false: the day, 2021-07-02) or an instant with
// its offset as written (Clock true: 2021-07-02T14:05:00+09:00). The zero
// Seen is absent.
type Seen struct {
	Time  time.Time
	Clock bool
}

// IsZero reports whether s is absent.
func (s Seen) IsZero() bool { return s.Time.IsZero() }

// String gives s as written in TOML: 2021-07-02 or RFC 3339 with its
// offset and seconds (fractions kept); "" when absent.
func (s Seen) String() string {
	switch {
	case s.IsZero():
		return ""
	case !s.Clock:
		return s.Time.Format(time.DateOnly)
	}
	return s.Time.Format(time.RFC3339Nano)
}

// CSVHeader is the header row of [CSV].
var CSVHeader = []string{"type", "value", "note", "first_seen", "last_seen"}

// CSV returns the indicators as an RFC 4180 file: UTF-8 without a byte
// order mark, CR LF line ends, the header [CSVHeader], then one record per
// indicator in the order given, its value as written and its dates as
// [Seen.String] gives them, each field as [CSVField] writes it.
func CSV(list []Indicator) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write(CSVHeader)
	for _, in := range list {
		w.Write([]string{string(in.Type), CSVField(in.Value), CSVField(in.Note), in.FirstSeen.String(), in.LastSeen.String()})
	}
	w.Flush() // writes to a bytes.Buffer cannot fail
	return b.Bytes()
}

// CSVField returns s as a field of [CSV]: with an apostrophe before it
// when it starts with a character that makes a spreadsheet read the cell
// as a formula (=, +, -, @, tab, carriage return or NUL; OWASP's "CSV
// Injection" and ASVS 5.0 requirement 1.2.10), or with one of their
// other forms ([formulaSign]: full-width ＝ ＋ － ＠, which Japanese input
// gives, small, superscript and subscript forms, and the minus sign
// U+2212, which spreadsheets read as their sign), with any other white space
// or control character (a line feed, which [CSV] writes as CR LF, a
// space, an ideographic space: a spreadsheet may skip them before it
// looks for a formula), or with an apostrophe; else as it is. The rule
// looks at the first character of s, so it holds for the field as
// written too: the line-end conversion of [CSV] drops or widens only a
// leading CR or LF, which is escaped. A file name such as
// =HYPERLINK("https://evil.example") is then shown as text by Excel and
// LibreOffice instead of run, and a tool gets the value back by dropping
// one leading apostrophe from any field that has one ([CSVValue]): the
// apostrophe that starts a value is escaped too, so that the rule has no
// exception.
func CSVField(s string) string {
	if r, _ := utf8.DecodeRuneInString(s); s != "" && (formulaSign(r) || unicode.IsSpace(r) || unicode.IsControl(r)) {
		return "'" + s
	}
	return s
}

// formulaSign reports whether r is =, +, -, @ or ' in any of its forms:
// r itself, or a character whose compatibility form (NFKC, Unicode
// Standard Annex #15) starts with one (full-width ＝ U+FF1D, ＋ U+FF0B,
// － U+FF0D, ＠ U+FF20 and ＇ U+FF07; small ﹦ ﹢ ﹣ ﹫; superscript and
// subscript ⁼ ⁺ ₌ ₊; ⩵), or the minus sign − U+2212 (which ⁻ and ₋
// become). Excel with Japanese input takes a full-width ＝ for =, and
// Gnumeric reads －1, ﹣1, ⁻1 and −1 as the number −1.
func formulaSign(r rune) bool {
	if r < utf8.RuneSelf {
		return strings.ContainsRune("=+-@'", r)
	}
	if r == '\u2212' {
		return true
	}
	c, _ := utf8.DecodeRuneInString(norm.NFKC.String(string(r)))
	return c == '\u2212' || c < utf8.RuneSelf && strings.ContainsRune("=+-@'", c)
}

// CSVValue returns the value a field of [CSV] holds: the field without
// the one apostrophe [CSVField] put before it, if any.
func CSVValue(field string) string {
	return strings.TrimPrefix(field, "'")
}

// Bundle is what a STIX bundle is made from besides the indicators.
type Bundle struct {
	// Incident is the incident's id; with each value it makes the
	// objects' ids (see [STIX]).
	Incident string
	// Created is the created and modified time of every object but the
	// marking: the incident's updated date (else its date) at 00:00 UTC,
	// so that the same file gives the same bytes and a new updated date
	// makes a new version of each object (STIX 2.1, section 3.6).
	Created time.Time
	// Date is the incident's date: the valid_from of an indicator
	// without first_seen.
	Date time.Time
	// TLP is the incident's TLP 2.0 marking: CLEAR, GREEN, AMBER,
	// AMBER+STRICT or RED.
	TLP string
}

// namespace is the UUID namespace of the ids of [STIX]: the version 5
// UUID of the name "briefing indicator" in the URL namespace of RFC 9562.
var namespace = mustUUID(uuid5(mustUUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "briefing indicator"))

// STIX returns a STIX 2.1 bundle of the indicators, JSON indented by two
// spaces:
//
//   - the incident's TLP 2.0 marking-definition object, as published by
//     the OASIS CTI TC (extension-definition--60a3c5c5-…), first;
//   - then one indicator object per value, in the order given: its STIX
//     pattern ([Pattern]), pattern_type stix, pattern_version 2.1, name
//     the value, description the first of its [Indicator.Notes] with
//     lang that note's language (section 3.2: without lang a text is
//     English), valid_from the first_seen (else the incident's date),
//     and object_marking_refs naming the marking;
//   - then, for each indicator with notes in more than one language, a
//     language-content object (section 7.1) whose contents give the
//     description in each other language, for the indicator's id and
//     modified time, with the same marking.
//
// The bundle depends on no briefing language: every language's briefing
// of an incident embeds the same bytes, as section 3.6 requires of the
// serializations of one object version. Ids are version 5 UUIDs, never
// random: a bundle's of the incident id, an indicator's of the incident
// id, the type and the value, a language-content's of its indicator's id,
// so that the same incident gives the same bytes and a recipient who
// imports two revisions of a briefing gets the same objects. It fails for
// a TLP that is not one of the five.
func STIX(list []Indicator, b Bundle) ([]byte, error) {
	mark, ok := tlpMarkings[strings.ToUpper(b.TLP)]
	if !ok {
		return nil, fmt.Errorf("indicator: %q is not a TLP 2.0 marking", b.TLP)
	}
	created := stixTime(b.Created)
	objects := []any{markingDefinition{
		Type: "marking-definition", SpecVersion: "2.1", ID: mark.id,
		Created: tlpCreated, Name: "TLP:" + strings.ToUpper(b.TLP),
		Extensions: map[string]tlpExtension{tlpExtensionID: {Type: "property-extension", TLP: mark.level}},
	}}
	var contents []any
	for _, in := range list {
		from := b.Date
		if !in.FirstSeen.IsZero() {
			from = in.FirstSeen.Time
		}
		o := stixIndicator{
			Type: "indicator", SpecVersion: "2.1",
			ID:      "indicator--" + uuid5(namespace, b.Incident+"\n"+string(in.Type)+"\n"+in.Value),
			Created: created, Modified: created,
			Name:    in.Value,
			Pattern: Pattern(in.Type, in.Value), PatternType: "stix", PatternVersion: "2.1",
			ValidFrom:  stixTime(from),
			MarkingRef: []string{mark.id},
		}
		if len(in.Notes) > 0 {
			o.Description, o.Lang = in.Notes[0].Text, in.Notes[0].Lang
		}
		objects = append(objects, o)
		if len(in.Notes) > 1 {
			lc := languageContent{
				Type: "language-content", SpecVersion: "2.1",
				ID:      "language-content--" + uuid5(namespace, o.ID),
				Created: created, Modified: created,
				ObjectRef: o.ID, ObjectModified: o.Modified,
				Contents:   map[string]map[string]string{},
				MarkingRef: []string{mark.id},
			}
			for _, n := range in.Notes[1:] {
				lc.Contents[n.Lang] = map[string]string{"description": n.Text}
			}
			contents = append(contents, lc)
		}
	}
	objects = append(objects, contents...)
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(bundle{Type: "bundle", ID: "bundle--" + uuid5(namespace, b.Incident), Objects: objects})
	return out.Bytes(), err
}

// The TLP 2.0 marking definitions for STIX 2.1 published by the OASIS
// CTI TC (cti-stix-common-objects, extension-definition-specifications/
// tlp-2.0): fixed ids, created 2022-10-01, and a property extension
// holding the level.
const (
	tlpExtensionID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
	tlpCreated     = "2022-10-01T00:00:00.000Z"
)

var tlpMarkings = map[string]struct{ id, level string }{
	"CLEAR":        {"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "clear"},
	"GREEN":        {"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "green"},
	"AMBER":        {"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "amber"},
	"AMBER+STRICT": {"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "amber+strict"},
	"RED":          {"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "red"},
}

// MarkingID returns the id of the STIX 2.1 marking-definition object of a
// TLP 2.0 marking (CLEAR … RED), and whether there is one.
func MarkingID(tlp string) (string, bool) {
	m, ok := tlpMarkings[strings.ToUpper(tlp)]
	return m.id, ok
}

type bundle struct {
	Type    string `json:"type"`
	ID      string `json:"id"`
	Objects []any  `json:"objects"`
}

type markingDefinition struct {
	Type        string                  `json:"type"`
	SpecVersion string                  `json:"spec_version"`
	ID          string                  `json:"id"`
	Created     string                  `json:"created"`
	Name        string                  `json:"name"`
	Extensions  map[string]tlpExtension `json:"extensions"`
}

type tlpExtension struct {
	Type string `json:"extension_type"`
	TLP  string `json:"tlp_2_0"`
}

type stixIndicator struct {
	Type           string   `json:"type"`
	SpecVersion    string   `json:"spec_version"`
	ID             string   `json:"id"`
	Created        string   `json:"created"`
	Modified       string   `json:"modified"`
	Name           string   `json:"name"`
	Description    string   `json:"description,omitempty"`
	Lang           string   `json:"lang,omitempty"`
	Pattern        string   `json:"pattern"`
	PatternType    string   `json:"pattern_type"`
	PatternVersion string   `json:"pattern_version"`
	ValidFrom      string   `json:"valid_from"`
	MarkingRef     []string `json:"object_marking_refs"`
}

// languageContent is a STIX 2.1 language-content object (section 7.1).
// It has no lang: its contents name their languages.
type languageContent struct {
	Type           string                       `json:"type"`
	SpecVersion    string                       `json:"spec_version"`
	ID             string                       `json:"id"`
	Created        string                       `json:"created"`
	Modified       string                       `json:"modified"`
	ObjectRef      string                       `json:"object_ref"`
	ObjectModified string                       `json:"object_modified"`
	Contents       map[string]map[string]string `json:"contents"`
	MarkingRef     []string                     `json:"object_marking_refs"`
}

// stixTime writes t in UTC with milliseconds, as STIX timestamps are.
func stixTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// Pattern returns the STIX 2.1 pattern that matches value v of type t,
// e.g. [ipv4-addr:value = '203.0.113.10'] or
// [file:hashes.'SHA-256' = '…']. Strings are quoted with ' and \ escaped
// as the STIX patterning grammar requires.
func Pattern(t Type, v string) string {
	q := "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
	var path string
	switch t {
	case IPv4:
		path = "ipv4-addr:value"
	case IPv6:
		path = "ipv6-addr:value"
	case CIDR:
		path = "ipv4-addr:value"
		if strings.Contains(v, ":") {
			path = "ipv6-addr:value"
		}
	case Domain:
		path = "domain-name:value"
	case URL:
		path = "url:value"
	case Email:
		path = "email-addr:value"
	case MD5:
		path = "file:hashes.MD5"
	case SHA1:
		path = "file:hashes.'SHA-1'"
	case SHA256:
		path = "file:hashes.'SHA-256'"
	case SHA512:
		path = "file:hashes.'SHA-512'"
	case File:
		path = "file:name"
	case Registry:
		// STIX 2.1 wants the hive written in full (HKEY_LOCAL_MACHINE, not HKLM).
		path = "windows-registry-key:key"
		if hive, rest, ok := strings.Cut(v, `\`); ok {
			if full, ok := hives[strings.ToUpper(hive)]; ok {
				q = "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(full+`\`+rest) + "'"
			}
		}
	case ASN:
		if n, err := asNumber(v); err == nil {
			return fmt.Sprintf("[autonomous-system:number = %d]", n)
		}
		path = "autonomous-system:name"
	default:
		path = "x-briefing:value"
	}
	return "[" + path + " = " + q + "]"
}

// uuid5 returns the version 5 (SHA-1, name-based) UUID of name in the
// namespace ns (RFC 9562, section 5.5), in its text form.
func uuid5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return formatUUID(u)
}

func formatUUID(u [16]byte) string {
	s := hex.EncodeToString(u[:])
	return s[:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:]
}

func mustUUID(s string) [16]byte {
	var u [16]byte
	b, err := hex.DecodeString(strings.ReplaceAll(s, "-", ""))
	if err != nil || len(b) != 16 {
		panic("indicator: bad UUID " + s)
	}
	copy(u[:], b)
	return u
}
