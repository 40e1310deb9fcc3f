package main

import (
	"bytes"
	"strings"
	"testing"

	"briefing/briefing/load"
	"briefing/briefing/validate"
)

// TestNewAligned: for every id length the format allows, the id line's
// comment starts in the column of the comments around it, or, when the id
// is too long for that, stands alone on the line above; and the skeleton
// passes check.
func TestNewAligned(t *testing.T) {
	for n := 1; n <= 80; n++ {
		id := strings.Repeat("x", n-1) + "1"
		var out, errs bytes.Buffer
		if status := run([]string{"new", id}, &out, &errs); status != exitOK {
			t.Fatalf("new %s: status %d: %s", id, status, errs.String())
		}
		lines := strings.Split(out.String(), "\n")
		want := -1 // the comment column of the lines around the id's
		for i, l := range lines {
			if !strings.HasPrefix(l, `id = "`) {
				continue
			}
			above, below := lines[i-1], lines[i+1]
			if strings.HasPrefix(above, "# names the output files") {
				above = lines[i-2]
			}
			col := strings.Index(below, "#")
			if strings.Index(above, "#") != col {
				t.Fatalf("the comments around the id line are not aligned:\n%s\n%s", above, below)
			}
			want = col
			switch c := strings.Index(l, "#"); {
			case c == want:
			case c < 0 && strings.HasPrefix(lines[i-1], "# names the output files") && n > 22:
			default:
				t.Errorf("id of %d characters: comment at column %d, want %d:\n%s\n%s", n, c+1, want+1, l, below)
			}
			if !strings.HasPrefix(l, `id = "`+id+`"`) {
				t.Errorf("id line %q", l)
			}
			break // the incident's id, not a reference's
		}
		if want < 0 {
			t.Fatalf("no id line in\n%s", out.String())
		}
		if n == 1 || n == 22 || n == 23 || n == 80 {
			raw, ds := load.Read("new.toml", strings.NewReader(out.String()))
			_, vds := validate.Incident(raw)
			if ds = append(ds, vds...); ds.HasErrors() {
				t.Errorf("id of %d characters: %v", n, ds)
			}
		}
	}
}
