package compose

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"briefing/briefing/layout"
	"briefing/briefing/model"
	"briefing/internal/testkit/fixture"
)

// TestMissingRemembered: the characters check finds missing, remembering
// what each face draws, are layout.Missing's for every face, on texts of
// characters the default fonts draw and lack (a private-use character, an
// emoji beyond the BMP, a broken byte, controls, ignorable characters),
// asked again and again.
func TestMissingRemembered(t *testing.T) {
	th := fixture.Theme(t)
	c := newComposer(&model.Incident{}, "ja", FromTheme(th))
	pool := []string{"a", "Z", " ", "\n", "\r", "\t", "\x01", "\x7f", "検", "知", "。", "ア", "ｶ", "é", "—",
		"\ue000", "\U0001F525", "\xff", "\u200b", "\ufe0f", "\u00ad", "葛\U000E0100", "\ufffd", "\u2e80", "\uffff", "\u0378"}
	r := rand.New(rand.NewPCG(1, 2))
	faces := []layout.Face{layout.Regular, layout.Bold, layout.Mono, layout.MonoBold}
	for i := range 3000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pool[r.IntN(len(pool))])
		}
		s, f := b.String(), faces[i%len(faces)]
		got, want := c.missing(f, s), layout.Missing(th, f, s)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("face %d, %q: missing %U, layout.Missing %U", f, s, got, want)
		}
	}
	if len(layout.Missing(th, layout.Regular, "\ue000\U0001F525")) != 2 {
		t.Fatal("the pool has no character the default fonts lack")
	}
}

// TestMissingShared: briefings composed at once with one template share
// what its faces draw, and each finds layout.Missing's characters, under
// the race detector too.
func TestMissingShared(t *testing.T) {
	th := fixture.Theme(t)
	texts := []string{"検知。", "a\ue000b", "\U0001F525x", "ｶ\u200b—", "\xffé", "葛\U000E0100\uffff"}
	faces := []layout.Face{layout.Regular, layout.Bold, layout.Mono, layout.MonoBold}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(texts)*len(faces))
	for g := range 4 {
		wg.Go(func() {
			c := newComposer(&model.Incident{}, "ja", FromTheme(th))
			for i := range texts {
				s := texts[(i+g)%len(texts)]
				for _, f := range faces {
					if got, want := c.missing(f, s), layout.Missing(th, f, s); fmt.Sprint(got) != fmt.Sprint(want) {
						errs <- fmt.Sprintf("face %d, %q: missing %U, layout.Missing %U", f, s, got, want)
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	a := newComposer(&model.Incident{}, "ja", FromTheme(th))
	b := newComposer(&model.Incident{}, "en", FromTheme(th))
	a.missing(layout.Regular, "a")
	b.missing(layout.Regular, "a")
	if a.drawn.faces != b.drawn.faces {
		t.Error("two briefings of one template do not share what its faces draw")
	}
}
