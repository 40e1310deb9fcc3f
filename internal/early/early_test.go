package early

import "testing"

func TestNeedsDefault(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"render", "samples"}, true},
		{[]string{"check", "--strict", "samples"}, true},
		{[]string{"digest", "--week", "2021-W18", "samples"}, true},
		{[]string{"render", "--template", "acme.toml", "samples"}, false},
		{[]string{"render", "-template=acme.toml", "samples"}, false},
		{[]string{"check", "samples", "--template", "acme.toml"}, false},
		{[]string{"render", "--", "--template"}, true}, // a file named --template
		{[]string{"render", "--templates", "x"}, true}, // not the flag
		{[]string{"version"}, false},
		{[]string{"new", "acme"}, false},
		{[]string{"schema"}, false},
		{[]string{"-h"}, false},
	} {
		if got := needsDefault(c.args); got != c.want {
			t.Errorf("needsDefault(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}
