package cvss

import (
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		vector   string
		version  string
		score    float64
		severity string
	}{
		// FIRST's calculator and the NVD give these.
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "3.1", 9.8, "Critical"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "3.1", 10.0, "Critical"},
		{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "3.1", 8.8, "High"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "3.1", 6.1, "Medium"},
		{"CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", "3.1", 1.6, "Low"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", "3.1", 0.0, "None"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/RL:O/RC:C", "3.1", 9.8, "Critical"},
		// The examples of the CVSS v4.0 specification's calculator.
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "4.0", 9.3, "Critical"},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", "4.0", 10.0, "Critical"},
		{"CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "4.0", 8.5, "High"},
		// E:A (attacked) is the worst case, the same as E:X (section 2.2).
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A", "4.0", 9.3, "Critical"},
	} {
		s, err := Parse(c.vector)
		if err != nil {
			t.Errorf("Parse(%s): %v", c.vector, err)
			continue
		}
		if s.Version != c.version || s.Base != c.score || s.Severity.String() != c.severity {
			t.Errorf("Parse(%s) = %s %.1f %s, want %s %.1f %s", c.vector, s.Version, s.Base, s.Severity, c.version, c.score, c.severity)
		}
	}
}

func TestParseWrong(t *testing.T) {
	for _, c := range []struct {
		vector string
		offset int
		metric string
		msg    string
	}{
		{"CVSS:3.1/AV:N/AC:X/PR:N/UI:N/S:U/C:H/I:H/A:H", 14, "AC", `AC:X: "X" is not a value of AC (Attack Complexity): L or H`},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/Q:1", 45, "Q", `"Q" is not a metric of CVSS v3.1: the metrics are AV AC PR UI S C I A E RL RC CR IR AR MAV MAC MPR MUI MS MC MI MA`},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", 40, "A", `lacks the base metric A (Availability): a CVSS v3.1 vector gives every base metric`},
		{"CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 14, "AV", `AV is given twice`},
		{"CVSS:3.1/AV:N//AC:L", 14, "", `has an empty metric at character 15: metrics are ABV:VALUE joined by /`},
		{"CVSS:3.1/AVN/AC:L", 9, "AVN", `"AVN" is not a metric: metrics are written ABV:VALUE, e.g. AV:N`},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 29, "UI", `UI:R: "R" is not a value of UI (User Interaction): N, P or A`},
		{"CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 14, "AV", `AV comes after AC: CVSS v4.0 metrics are written in the specification's order, AV AC AT PR UI VC VI VA SC SI SA E CR IR AR MAV MAC MAT MPR MUI MVC MVI MVA MSC MSI MSA S AU R V RE U`},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H", 48, "SC", `lacks the base metrics SC (Subsequent System Confidentiality), SI (Subsequent System Integrity), SA (Subsequent System Availability): a CVSS v4.0 vector gives every base metric`},
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, "", `CVSS v3.0 vectors are not taken: v3.1 has the same metrics, so write CVSS:3.1/ instead of CVSS:3.0/ if the vector was scored with v3.1's rules, or give the v3.1 or v4.0 vector from the CVE record`},
		{"AV:N/AC:L/Au:N/C:P/I:P/A:P", 0, "", `this is a CVSS v2 vector or a vector without its prefix: give a CVSS v3.1 or v4.0 vector, starting CVSS:3.1/ or CVSS:4.0/`},
		{"9.8", 0, "", `is not a CVSS vector: it starts CVSS:3.1/ or CVSS:4.0/, e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`},
	} {
		_, err := Parse(c.vector)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%s) = %v, want an *Error", c.vector, err)
			continue
		}
		if e.Offset != c.offset || e.Metric != c.metric || e.Msg != c.msg {
			t.Errorf("Parse(%s) =\n  %d %q %s\nwant\n  %d %q %s", c.vector, e.Offset, e.Metric, e.Msg, c.offset, c.metric, c.msg)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
	f.Add("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:H/U:Red")
	f.Add("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/RL:O/RC:C/CR:H/MAV:N/MS:C")
	f.Fuzz(func(t *testing.T, v string) {
		s, err := Parse(v)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(v) {
				t.Fatalf("Parse(%q): %#v", v, err)
			}
			return
		}
		if s.Base < 0 || s.Base > 10 || Rate(s.Base) != s.Severity {
			t.Fatalf("Parse(%q) = %+v", v, s)
		}
	})
}
