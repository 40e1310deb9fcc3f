package digest_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"briefing/briefing/build"
	"briefing/briefing/diag"
	"briefing/briefing/digest"
	"briefing/briefing/model"
	"briefing/briefing/period"
	"briefing/internal/testkit/fixture"
)

// TestLightEntries: a digest that keeps only the light entries of its
// incidents (digest.Light) and reads each whole one again as its briefing
// is composed (Digest.Load) is byte for byte the digest of the whole
// incidents, attachments (indicators) included; an incident that cannot be
// read again is left out, counted and named on the cover with its error.
func TestLightEntries(t *testing.T) {
	th := fixture.Theme(t)
	r, err := period.Week("2021-W18")
	if err != nil {
		t.Fatal(err)
	}
	incs, _ := incidents(t)
	dir := t.TempDir()
	ioc := filepath.Join(dir, "ioc.toml")
	src := iocIncident("vpn-intrusion", "2021-05-04", "VPN intrusion",
		"type = \"ipv4\"\nvalue = \"203.0.113.10\"\nnote = \"Source\"")
	if err := os.WriteFile(ioc, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	inc, _, ds := build.Incident(ioc)
	if inc == nil {
		t.Fatalf("%v", ds)
	}
	incs = append(incs, inc)
	whole := digest.Digest{Period: r, Incidents: digest.Select(incs, r)}
	byFile := map[string]*model.Incident{}
	var lights []*model.Incident
	for _, inc := range whole.Incidents {
		byFile[inc.File] = inc
		l := digest.Light(inc)
		if l.Summary.Plain != "" || len(l.Summary.Langs) > 0 || l.Places != nil || l.Indicators != nil {
			t.Fatalf("%s: the light entry keeps the texts, places or sections", inc.File)
		}
		lights = append(lights, l)
	}
	loads := 0
	light := digest.Digest{Period: r, Incidents: lights, Load: func(l *model.Incident) (*model.Incident, diag.List) {
		loads++
		return byFile[l.File], nil
	}}
	for _, lang := range []string{"ja", "en"} {
		var a, b bytes.Buffer
		if _, _, _, err := digest.PDF(&a, whole, lang, th, false); err != nil {
			t.Fatal(err)
		}
		loads = 0
		_, shown, _, err := digest.PDF(&b, light, lang, th, false)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: the digest of light entries differs from the digest of whole incidents", lang)
		}
		if loads != len(shown.Incidents) {
			t.Errorf("%s: %d incidents read again for %d shown", lang, loads, len(shown.Incidents))
		}
		if !bytes.Contains(b.Bytes(), []byte("vpn-intrusion.indicators.csv")) {
			t.Errorf("%s: the indicators of the light entry are not attached", lang)
		}
	}

	// An incident that cannot be read again is left out and named.
	failing := light
	failing.Load = func(l *model.Incident) (*model.Incident, diag.List) {
		if l.File == ioc {
			return nil, diag.List{diag.Whole(ioc, "changed while the digest was made; run it again")}
		}
		return byFile[l.File], nil
	}
	var buf bytes.Buffer
	_, shown, ds, err := digest.PDF(&buf, failing, "en", th, false)
	if err != nil {
		t.Fatal(err)
	}
	if shown.LeftOut != 1 || len(shown.Incidents) != len(whole.Incidents)-1 || !ds.HasErrors() {
		t.Errorf("left out %d, shown %d of %d, errors %v", shown.LeftOut, len(shown.Incidents), len(whole.Incidents), ds)
	}
	path := filepath.Join(t.TempDir(), "d.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cover := squeeze(pages(t, path)[0])
	if !strings.Contains(cover, "ioc.toml") || !strings.Contains(cover, "changed while the digest was made") {
		t.Errorf("the cover does not name the incident left out:\n%s", cover)
	}
}

// TestLightSharesNoBytes: no string of a light entry shares its bytes
// with the whole incident's, whose strings are parts of the file's text:
// a digest of thousands of incidents would otherwise keep every file.
// Every string of the entry is walked, Markdown blocks included.
func TestLightSharesNoBytes(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.toml")
	src := "format = 2\nid = \"vpn-intrusion\"\ndate = 2021-05-04\nupdated = 2021-05-05\ntlp = \"AMBER\"\n" +
		"severity = \"high\"\nconfidence = \"moderate\"\ncase = \"CASE-7\"\nstatus = \"draft\"\nlanguages = [\"ja\", \"en\"]\n" +
		"title.ja = \"**VPN** 装置への`侵入`[^r1]\"\ntitle.en = \"Intrusion into a *VPN* appliance [^r1]\"\nsummary = \"S\"\n" +
		"\n[[references]]\nid = \"r1\"\ntitle = \"Advisory\"\npublisher = \"CERT\"\ndate = 2021-05-04\nurl = \"https://cert.example/a\"\n"
	if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	inc, _, ds := build.Incident(f)
	if inc == nil {
		t.Fatalf("%v", ds)
	}
	type span struct{ p, n uintptr }
	var whole []span
	walkStrings(reflect.ValueOf(inc), func(s string) {
		whole = append(whole, span{uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(len(s))})
	})
	light := digest.Light(inc)
	seen := 0
	walkStrings(reflect.ValueOf(light), func(s string) {
		seen++
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		for _, w := range whole {
			if p >= w.p && p < w.p+w.n {
				t.Errorf("the light entry's %q shares the bytes of the incident's strings", s)
				return
			}
		}
	})
	if seen < 12 {
		t.Fatalf("walked %d strings of the light entry, want its id, case, languages, titles and their blocks", seen)
	}
	if light.Title.PlaceOf(light.Title.Langs[0].Value) != nil {
		t.Errorf("the light title keeps the places of its bytes (and with them the file)")
	}
}

// walkStrings calls f with every non-empty string reachable from v,
// through pointers, structs, slices and arrays (not maps or functions).
func walkStrings(v reflect.Value, f func(string)) {
	switch v.Kind() {
	case reflect.String:
		if v.Len() > 0 {
			f(v.String())
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), f)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Location{}) {
			return
		}
		for i := range v.NumField() {
			walkStrings(v.Field(i), f)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkStrings(v.Index(i), f)
		}
	}
}

// TestLightCitedReferences: a light entry keeps the ids of its
// references only when its title may cite them (a "[" in a text of it):
// the cover and the running heads of a title citing its second reference
// show （文献2） / [2] as the digest of the whole incidents does, and an
// entry whose title cites none keeps no reference.
func TestLightCitedReferences(t *testing.T) {
	th := fixture.Theme(t)
	r, err := period.Week("2021-W18")
	if err != nil {
		t.Fatal(err)
	}
	refs := "\n[[references]]\nid = \"r1\"\ntitle = \"Advisory\"\npublisher = \"CERT\"\ndate = 2021-05-01\nurl = \"https://cert.example/a\"\n" +
		"\n[[references]]\nid = \"r2\"\ntitle = \"Report\"\npublisher = \"Vendor\"\ndate = 2021-05-02\nurl = \"https://vendor.example/b\"\n"
	citing := incident(t, "citing", "date = 2021-05-04", "title = { ja = \"VPN装置への侵入[r2]\", en = \"Intrusion into a VPN appliance [r2]\" }",
		"summary = { ja = \"概要\", en = \"Summary\" }", refs)
	plain := incident(t, "plain", "date = 2021-05-05", "title = { ja = \"表題\", en = \"Title\" }",
		"summary = { ja = \"概要\", en = \"Summary\" }", refs)
	lc, lp := digest.Light(citing), digest.Light(plain)
	var got []string
	for _, x := range lc.References {
		got = append(got, x.ID)
	}
	if !reflect.DeepEqual(got, []string{"r1", "r2"}) {
		t.Errorf("the citing title's entry keeps references %v, want r1 r2", got)
	}
	if lp.References != nil {
		t.Errorf("the entry of a title citing nothing keeps %d references", len(lp.References))
	}
	whole := digest.Digest{Period: r, Incidents: digest.Select([]*model.Incident{citing, plain}, r)}
	byFile := map[string]*model.Incident{citing.File: citing, plain.File: plain}
	light := digest.Digest{Period: r, Incidents: digest.Select([]*model.Incident{lc, lp}, r),
		Load: func(l *model.Incident) (*model.Incident, diag.List) { return byFile[l.File], nil }}
	for lang, want := range map[string]string{"ja": "VPN装置への侵入（文献2）", "en": "Intrusion into a VPN appliance [2]"} {
		var a, b bytes.Buffer
		if _, _, _, err := digest.PDF(&a, whole, lang, th, false); err != nil {
			t.Fatal(err)
		}
		if _, _, _, err := digest.PDF(&b, light, lang, th, false); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: the digest of light entries differs from the digest of whole incidents", lang)
		}
		path := filepath.Join(t.TempDir(), "d.pdf")
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		ps := pages(t, path)
		if cover := squeeze(ps[0]); !strings.Contains(cover, squeeze(want)) {
			t.Errorf("%s: the cover does not show %q:\n%s", lang, want, cover)
		}
		if head := squeeze(ps[1]); !strings.Contains(head, squeeze(want)) {
			t.Errorf("%s: the first briefing's running head does not show %q:\n%s", lang, want, head)
		}
	}
}
