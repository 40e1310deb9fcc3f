// Package cvss computes the base score and severity of a CVSS vector
// string, version 3.1 (CVSS:3.1/AV:N/…) or 4.0 (CVSS:4.0/AV:N/…), with
// github.com/pandatix/go-cvss, and says which metric of a wrong vector is
// wrong and where it is.
//
// The severity ratings are those of the FIRST specifications (CVSS v3.1
// section 5, CVSS v4.0 section 6): None 0.0, Low 0.1–3.9, Medium 4.0–6.9,
// High 7.0–8.9, Critical 9.0–10.0. For v4.0 the score is that of all the
// metrics the vector gives (CVSS-B for a base vector, CVSS-BT, -BE or
// -BTE when it has threat or environmental metrics).
package cvss

import (
	"fmt"
	"strings"

	gocvss31 "github.com/pandatix/go-cvss/31"
	gocvss40 "github.com/pandatix/go-cvss/40"
)

// Severity is a qualitative severity rating.
type Severity int

// The severity ratings, lowest first.
const (
	None Severity = iota
	Low
	Medium
	High
	Critical
)

// String returns the rating's English name: None, Low, Medium, High,
// Critical.
func (s Severity) String() string {
	switch s {
	case Low:
		return "Low"
	case Medium:
		return "Medium"
	case High:
		return "High"
	case Critical:
		return "Critical"
	}
	return "None"
}

// Rate returns the severity of a score from 0.0 to 10.0.
func Rate(score float64) Severity {
	switch {
	case score >= 9.0:
		return Critical
	case score >= 7.0:
		return High
	case score >= 4.0:
		return Medium
	case score >= 0.1:
		return Low
	}
	return None
}

// Score is a vector's score.
type Score struct {
	Version  string  // "3.1" or "4.0"
	Base     float64 // 0.0 to 10.0, one decimal
	Severity Severity
	Vector   string // as written
}

// Error is a wrong vector: Offset is the byte offset in the vector of the
// wrong part (0 for the prefix), Metric its abbreviation where one is at
// fault ("AC"), and Msg says what is wrong and what is allowed.
type Error struct {
	Offset int
	Metric string
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

// Parse returns the score of a CVSS v3.1 or v4.0 vector string. A wrong
// vector gives an [*Error] naming the metric at fault, e.g.
// `AC:X: "X" is not a value of AC (Attack Complexity): L or H`.
func Parse(vector string) (Score, error) {
	var v *spec
	switch {
	case strings.HasPrefix(vector, "CVSS:3.1/"):
		v = v31
	case strings.HasPrefix(vector, "CVSS:4.0/"):
		v = v40
	case strings.HasPrefix(vector, "CVSS:3.0/"):
		return Score{}, &Error{Msg: "CVSS v3.0 vectors are not taken: v3.1 has the same metrics, so write CVSS:3.1/ instead of CVSS:3.0/ if the vector was scored with v3.1's rules, or give the v3.1 or v4.0 vector from the CVE record"}
	case strings.HasPrefix(vector, "AV:") || strings.HasPrefix(vector, "(AV:"):
		return Score{}, &Error{Msg: "this is a CVSS v2 vector or a vector without its prefix: give a CVSS v3.1 or v4.0 vector, starting CVSS:3.1/ or CVSS:4.0/"}
	default:
		return Score{}, &Error{Msg: "is not a CVSS vector: it starts CVSS:3.1/ or CVSS:4.0/, e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}
	}
	if e := v.check(vector); e != nil {
		return Score{}, e
	}
	s := Score{Version: v.name, Vector: vector}
	if v == v31 {
		c, err := gocvss31.ParseVector(vector)
		if err != nil {
			return Score{}, &Error{Msg: "is not a CVSS v3.1 vector: " + err.Error()}
		}
		s.Base = c.BaseScore()
	} else {
		c, err := gocvss40.ParseVector(vector)
		if err != nil {
			return Score{}, &Error{Msg: "is not a CVSS v4.0 vector: " + err.Error()}
		}
		s.Base = c.Score()
	}
	s.Severity = Rate(s.Base)
	return s, nil
}

// spec is what the checks of one CVSS version need.
type spec struct {
	name    string
	prefix  string
	metrics []metric // in the order the specification writes them
	set     func(abv, val string) error
}

type metric struct {
	abv, name string
	values    string // the values, space-separated
	base      bool   // a base metric, required
}

// check finds what is wrong with a vector: a part that is not ABV:VALUE,
// an unknown metric, a value the metric does not take, a metric given
// twice or out of the specification's order (v4.0 requires its order), a
// base metric missing. The library's own errors name no metric; these do.
func (v *spec) check(vector string) *Error {
	off := len(v.prefix)
	seen := map[string]bool{}
	last := -1
	for _, part := range strings.Split(vector[off:], "/") {
		abv, val, ok := strings.Cut(part, ":")
		i := v.index(abv)
		switch {
		case part == "":
			return &Error{Offset: off, Msg: fmt.Sprintf("has an empty metric at character %d: metrics are ABV:VALUE joined by /", off+1)}
		case !ok:
			return &Error{Offset: off, Metric: abv, Msg: fmt.Sprintf("%q is not a metric: metrics are written ABV:VALUE, e.g. AV:N", part)}
		case i < 0:
			return &Error{Offset: off, Metric: abv, Msg: fmt.Sprintf("%q is not a metric of CVSS v%s: the metrics are %s", abv, v.name, v.list())}
		case seen[abv]:
			return &Error{Offset: off, Metric: abv, Msg: fmt.Sprintf("%s is given twice", abv)}
		case !v.takes(i, val):
			m := v.metrics[i]
			return &Error{Offset: off, Metric: abv, Msg: fmt.Sprintf("%s: %q is not a value of %s (%s): %s", part, val, abv, m.name, orList(m.values))}
		case v == v40 && i < last:
			return &Error{Offset: off, Metric: abv, Msg: fmt.Sprintf("%s comes after %s: CVSS v4.0 metrics are written in the specification's order, %s", abv, v.metrics[last].abv, v.list())}
		}
		if err := v.set(abv, val); err != nil {
			return &Error{Offset: off, Metric: abv, Msg: fmt.Sprintf("%s: %v", part, err)}
		}
		seen[abv] = true
		last = i
		off += len(part) + 1
	}
	var missing []string
	for _, m := range v.metrics {
		if m.base && !seen[m.abv] {
			missing = append(missing, m.abv+" ("+m.name+")")
		}
	}
	if len(missing) > 0 {
		return &Error{Offset: len(vector), Metric: strings.SplitN(missing[0], " ", 2)[0],
			Msg: fmt.Sprintf("lacks the base metric%s %s: a CVSS v%s vector gives every base metric", plural(len(missing)), strings.Join(missing, ", "), v.name)}
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (v *spec) index(abv string) int {
	for i, m := range v.metrics {
		if m.abv == abv {
			return i
		}
	}
	return -1
}

func (v *spec) takes(i int, val string) bool {
	for _, w := range strings.Fields(v.metrics[i].values) {
		if w == val {
			return true
		}
	}
	return false
}

func (v *spec) list() string {
	var b strings.Builder
	for i, m := range v.metrics {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(m.abv)
	}
	return b.String()
}

// orList writes "L H" as "L or H" and "N A L P" as "N, A, L or P".
func orList(values string) string {
	w := strings.Fields(values)
	if len(w) == 1 {
		return w[0]
	}
	return strings.Join(w[:len(w)-1], ", ") + " or " + w[len(w)-1]
}

// The metrics of CVSS v3.1 (specification sections 2–4) and v4.0
// (sections 2–4), in the order their vector strings write them.
var (
	v31 = &spec{name: "3.1", prefix: "CVSS:3.1/", metrics: []metric{
		{"AV", "Attack Vector", "N A L P", true},
		{"AC", "Attack Complexity", "L H", true},
		{"PR", "Privileges Required", "N L H", true},
		{"UI", "User Interaction", "N R", true},
		{"S", "Scope", "U C", true},
		{"C", "Confidentiality", "H L N", true},
		{"I", "Integrity", "H L N", true},
		{"A", "Availability", "H L N", true},
		{"E", "Exploit Code Maturity", "X H F P U", false},
		{"RL", "Remediation Level", "X U W T O", false},
		{"RC", "Report Confidence", "X C R U", false},
		{"CR", "Confidentiality Requirement", "X H M L", false},
		{"IR", "Integrity Requirement", "X H M L", false},
		{"AR", "Availability Requirement", "X H M L", false},
		{"MAV", "Modified Attack Vector", "X N A L P", false},
		{"MAC", "Modified Attack Complexity", "X L H", false},
		{"MPR", "Modified Privileges Required", "X N L H", false},
		{"MUI", "Modified User Interaction", "X N R", false},
		{"MS", "Modified Scope", "X U C", false},
		{"MC", "Modified Confidentiality", "X H L N", false},
		{"MI", "Modified Integrity", "X H L N", false},
		{"MA", "Modified Availability", "X H L N", false},
	}, set: func(abv, val string) error { return (&gocvss31.CVSS31{}).Set(abv, val) }}

	v40 = &spec{name: "4.0", prefix: "CVSS:4.0/", metrics: []metric{
		{"AV", "Attack Vector", "N A L P", true},
		{"AC", "Attack Complexity", "L H", true},
		{"AT", "Attack Requirements", "N P", true},
		{"PR", "Privileges Required", "N L H", true},
		{"UI", "User Interaction", "N P A", true},
		{"VC", "Vulnerable System Confidentiality", "H L N", true},
		{"VI", "Vulnerable System Integrity", "H L N", true},
		{"VA", "Vulnerable System Availability", "H L N", true},
		{"SC", "Subsequent System Confidentiality", "H L N", true},
		{"SI", "Subsequent System Integrity", "H L N", true},
		{"SA", "Subsequent System Availability", "H L N", true},
		{"E", "Exploit Maturity", "X A P U", false},
		{"CR", "Confidentiality Requirement", "X H M L", false},
		{"IR", "Integrity Requirement", "X H M L", false},
		{"AR", "Availability Requirement", "X H M L", false},
		{"MAV", "Modified Attack Vector", "X N A L P", false},
		{"MAC", "Modified Attack Complexity", "X L H", false},
		{"MAT", "Modified Attack Requirements", "X N P", false},
		{"MPR", "Modified Privileges Required", "X N L H", false},
		{"MUI", "Modified User Interaction", "X N P A", false},
		{"MVC", "Modified Vulnerable System Confidentiality", "X H L N", false},
		{"MVI", "Modified Vulnerable System Integrity", "X H L N", false},
		{"MVA", "Modified Vulnerable System Availability", "X H L N", false},
		{"MSC", "Modified Subsequent System Confidentiality", "X H L N", false},
		{"MSI", "Modified Subsequent System Integrity", "X S H L N", false},
		{"MSA", "Modified Subsequent System Availability", "X S H L N", false},
		{"S", "Safety", "X N P", false},
		{"AU", "Automatable", "X N Y", false},
		{"R", "Recovery", "X A U I", false},
		{"V", "Value Density", "X D C", false},
		{"RE", "Vulnerability Response Effort", "X L M H", false},
		{"U", "Provider Urgency", "X Clear Green Amber Red", false},
	}, set: func(abv, val string) error { return (&gocvss40.CVSS40{}).Set(abv, val) }}
)
