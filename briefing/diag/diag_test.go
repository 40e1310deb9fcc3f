package diag

import "testing"

func TestDedupe(t *testing.T) {
	t.Parallel()
	a := Diagnostic{File: "a.toml", Line: 3, Col: 1, Key: "title.ja", Message: "character U+1F525 🔥 cannot be drawn"}
	b := Diagnostic{File: "a.toml", Line: 1, Col: 1, Key: "id", Message: "missing"}
	w := Diagnostic{Severity: Warning, File: "a.toml", Line: 3, Col: 1, Key: "title.ja", Message: "no en text"}
	got := List{a, w, b, a, w}.Dedupe()
	want := List{b, a, w}
	if len(got) != len(want) {
		t.Fatalf("Dedupe = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Dedupe()[%d] = %v, want %v", i, got[i], want[i])
		}
	}
}
