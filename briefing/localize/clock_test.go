package localize

import (
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestTime(t *testing.T) {
	tokyo, err := Zone("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	berlin, _ := Zone("Europe/Berlin")
	jst := time.FixedZone("", 9*3600)
	at := time.Date(2021, 7, 2, 14, 5, 30, 0, jst)
	for _, c := range []struct {
		lang string
		t    time.Time
		zone *time.Location
		want string
	}{
		{"ja", at, tokyo, "2021年7月2日 14:05（JST）"},
		{"en", at, tokyo, "2 July 2021, 14:05 JST"},
		{"en-GB", at, tokyo, "2 July 2021, 14:05 JST"},
		{"ja", at, nil, "2021年7月2日 14:05（UTC+9）"},
		{"en", at, nil, "2 July 2021, 14:05 UTC+9"},
		{"en", at, berlin, "2 July 2021, 7:05 CEST"},
		{"en", at, time.UTC, "2 July 2021, 5:05 UTC"},
		{"ja", time.Date(2021, 1, 2, 0, 30, 0, 0, jst), berlin, "2021年1月1日 16:30（CET）"},
		{"en", time.Date(2021, 7, 2, 14, 5, 0, 0, time.FixedZone("", -(3*3600+30*60))), nil, "2 July 2021, 14:05 UTC−3:30"},
		{"en", time.Date(2021, 7, 2, 14, 5, 0, 0, time.FixedZone("", 0)), nil, "2 July 2021, 14:05 UTC"},
	} {
		if got := New(c.lang).Time(c.t, c.zone); got != c.want {
			t.Errorf("%s Time(%v, %v) = %q, want %q", c.lang, c.t, c.zone, got, c.want)
		}
	}
	// A zone whose abbreviation is only an offset.
	dubai, err := Zone("Asia/Dubai")
	if err != nil {
		t.Fatal(err)
	}
	if got := New("en").Time(at, dubai); got != "2 July 2021, 9:05 UTC+4" {
		t.Errorf("Asia/Dubai: %q", got)
	}
}

func TestZone(t *testing.T) {
	for _, name := range []string{"Asia/Tokyo", "UTC", "America/St_Johns", "Asia/Kolkata"} {
		if _, err := Zone(name); err != nil {
			t.Errorf("Zone(%s): %v", name, err)
		}
	}
	for name, want := range map[string]string{
		"JST":         `"JST" is not an IANA time zone name: write one such as Asia/Tokyo or Europe/Berlin; an abbreviation such as JST names no zone`,
		"Local":       `"Local" is not an IANA time zone name: write one such as Asia/Tokyo or Europe/Berlin`,
		"":            `"" is not an IANA time zone name: write one such as Asia/Tokyo or Europe/Berlin`,
		"Asia/Tokio":  `"Asia/Tokio" is not an IANA time zone name: write one such as Asia/Tokyo or Europe/Berlin`,
		"../etc/x":    `"../etc/x" is not an IANA time zone name: write one such as Asia/Tokyo or Europe/Berlin`,
		" Asia/Tokyo": `" Asia/Tokyo" is not an IANA time zone name: write one such as Asia/Tokyo or Europe/Berlin`,
	} {
		if _, err := Zone(name); err == nil || err.Error() != want {
			t.Errorf("Zone(%q) = %v, want %s", name, err, want)
		}
	}
}

// TestZoneDatabaseEmbedded checks that the command links the zone
// database (time/tzdata), so that a host without /usr/share/zoneinfo
// prints the same times.
func TestZoneDatabaseEmbedded(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "briefing/cmd/briefing").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	if !strings.Contains("\n"+string(out), "\ntime/tzdata\n") {
		t.Error("briefing/cmd/briefing does not link time/tzdata")
	}
}
