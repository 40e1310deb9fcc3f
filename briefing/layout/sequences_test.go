package layout

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// heldSpans returns the pieces of s that hold keeps whole, in order.
func heldSpans(s string) []string {
	rs := []rune(s)
	h := hold(rs)
	var out []string
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && h != nil && h[j] {
			j++
		}
		if j-i > 1 {
			out = append(out, string(rs[i:j]))
		}
		i = j
	}
	return out
}

// TestSequenceTable sets every entry of the table of unbreakable
// sequences in a sentence and checks that exactly the sequence is kept
// whole: at every width the lines break around it, never inside.
func TestSequenceTable(t *testing.T) {
	t.Parallel()
	var cases []struct{ text, want string }
	for _, s := range Sequences {
		for _, a := range s.After {
			for _, n := range []string{"7", "1,500", "98.5", "２０"} {
				cases = append(cases, struct{ text, want string }{"約" + n + a + "の増加", n + a})
			}
		}
		for _, b := range s.Before {
			for _, n := range []string{"12,800", "99"} {
				cases = append(cases, struct{ text, want string }{"価格は" + b + n + "から", b + n})
			}
		}
	}
	cases = append(cases, []struct{ text, want string }{
		{"目的は――窃取である", "――"},
		{"目的は――――窃取である", "――――"},
		{"考えられる……が", "……"},
		{"考えられる‥‥が", "‥‥"},
		{"購入した（文献1）。", "（文献1）"},
		{"購入した（文献12）。", "（文献12）"},
		{"購入した（文献1, 3）。", "（文献1, 3）"},
		{"報告[3]でも", "[3]"},
		{"報告[3–5]でも", "[3–5]"},
		{"約77億円に上る", "77億円"},
		{"約3万人が", "3万人"},
		{"世界17か国で", "17か国"},
		{"世界17カ国で", "17カ国"},
		{"世界17ヶ国で", "17ヶ国"},
		{"第3章で", "3章"},
	}...)
	for _, c := range cases {
		got := heldSpans(c.text)
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%q: held %q, want [%q]", c.text, got, c.want)
			continue
		}
		rs := []rune(c.text)
		ws := make([]float64, len(rs))
		for i := range ws {
			ws[i] = 10
		}
		at := strings.Index(c.text, c.want)
		a := len([]rune(c.text[:at]))
		b := a + len([]rune(c.want))
		for width := 20.0; width <= 10*float64(len(rs)); width += 10 {
			for _, l := range breakJustified(rs, ws, width, true) {
				if l.start > a && l.start < b && width >= 10*float64(b-a+2) {
					t.Errorf("%q at width %g: a line starts inside %q", c.text, width, c.want)
				}
			}
		}
	}
}

// TestSequencesNotOverreached: what follows a sequence is not held with
// it (2021年 then 日本, 50％ then 増), and a number with no unit is free
// to end a line before a word.
func TestSequencesNotOverreached(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		text string
		want []string
	}{
		{"2021年日本で", []string{"2021年"}},
		{"約50％増加", []string{"50％"}},
		{"約7,000万ドル", []string{"7,000万"}},
		{"番号2の手順", nil},
		{"（文献）と（文献a）", nil},
		{"[a]と[]", nil},
		{"―と…", nil},
	} {
		got := heldSpans(c.text)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: held %q, want %q", c.text, got, c.want)
		}
	}
}

// holdPlain, unitEndPlain and hasPrefixPlain are hold as first written,
// matching the table's strings rune by rune at each number.
func holdPlain(rs []rune) []bool {
	var h []bool
	set := func(a, b int) { // no break inside [a, b)
		if b-a < 2 {
			return
		}
		if h == nil {
			h = make([]bool, len(rs))
		}
		for k := a + 1; k < b; k++ {
			h[k] = true
		}
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		if digit(r) && (i == 0 || !digit(rs[i-1])) {
			start, end := i, numberEnd(rs, i)
			// A sign before the number.
			for _, s := range Sequences {
				for _, b := range s.Before {
					if n := len([]rune(b)); start >= n && hasPrefixPlain(rs[start-n:], b) == n {
						start -= n
					}
				}
			}
			end = unitEndPlain(rs, end)
			set(start, end)
			i = numberEnd(rs, i)
			continue
		}
		if r == '（' || r == '[' || r == '―' || r == '…' || r == '‥' || r == '—' {
			for _, s := range Sequences {
				if s.Match != nil {
					if n := s.Match(rs[i:]); n > 0 {
						set(i, i+n)
						i += n - 1
						break
					}
				}
			}
		}
		i++
	}
	return h
}

func unitEndPlain(rs []rune, i int) int {
	if i >= len(rs) || !strings.ContainsRune(unitFirsts, rs[i]) {
		return i
	}
	for _, s := range Sequences {
		for _, a := range s.After {
			if n := hasPrefixPlain(rs[i:], a); n > 0 {
				if a == "万" || a == "億" || a == "兆" {
					return unitEndPlain(rs, i+n)
				}
				return i + n
			}
		}
	}
	return i
}

func hasPrefixPlain(rs []rune, s string) int {
	n := 0
	for _, r := range s {
		if n >= len(rs) || rs[n] != r {
			return 0
		}
		n++
	}
	return n
}

// TestHoldPlain: hold keeps the sequences its plain form keeps, over
// random texts of numbers with the signs and units of the table, kanji,
// kana, citation marks, dashes and leaders.
func TestHoldPlain(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(4, 40))
	var pieces []string
	for _, s := range Sequences {
		pieces = append(pieces, s.Before...)
		pieces = append(pieces, s.After...)
	}
	pieces = append(pieces, "7", "1,500", "98.5", "２０", "0", ",", ".", "No", "（文献", "）", "[", "]", "――", "……", "―", "万", "億円", "か", "国", "本", "の", "a", " ", "\n")
	held := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		rs := []rune(b.String())
		got, want := hold(rs), holdPlain(rs)
		if !slices.Equal(got, want) {
			t.Fatalf("%q: hold %v, plainly %v", b.String(), got, want)
		}
		if got != nil {
			held++
		}
	}
	if held < 5000 {
		t.Errorf("only %d texts held a sequence", held)
	}
}
