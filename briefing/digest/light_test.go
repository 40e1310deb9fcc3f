package digest_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
