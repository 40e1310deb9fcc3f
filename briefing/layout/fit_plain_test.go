package layout

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// The total fit as it was first written, each line's natural width,
// counts and cost worked out in the loops, with no value carried from one
// candidate to the next: fitSegment must choose the same lines.

// plainFitter is the room of the plain total fit: its prefix counts
// kept kind by kind.
type plainFitter struct {
	counts               []int32
	t                    *run
	width                float64
	cum                  []float64
	cj, cw, cc, lat, wid []int32
	monotone             bool
	cands                []candidate
	best                 []float64
	from                 []int
	starts               []int
}

// breakTotalPlain is breakTotalBy with fitSegmentPlain.
func breakTotalPlain(f *plainFitter, t run, width float64, search bool) []brokenLine {
	n := len(t.rs)
	if n == 0 {
		return nil
	}
	rs := t.rs
	f.t, f.width, f.cum = &t, width, t.widths()
	defer func() { f.t, f.cum = nil, nil }()
	// Prefix counts by boundary: cnt[k][b] counts the boundaries before
	// runes 1..b-1 of kind k; lat and wid the Latin letters and Japanese
	// characters of runes 0..b-1.
	counts := grow(f.counts, 5*(n+1))
	f.counts = counts
	counts[0], counts[n+1], counts[2*(n+1)], counts[3*(n+1)], counts[4*(n+1)] = 0, 0, 0, 0, 0
	part := func(k int) []int32 { return counts[k*(n+1) : (k+1)*(n+1) : (k+1)*(n+1)] }
	f.cj, f.cw, f.cc, f.lat, f.wid = part(0), part(1), part(2), part(3), part(4)
	cj, cw, cc, lat, wid := f.cj, f.cw, f.cc, f.lat, f.wid
	for b := 1; b <= n; b++ {
		cj[b], cw[b], cc[b] = cj[b-1], cw[b-1], cc[b-1]
		if b < n {
			switch t.kind(b) {
			case gapJL:
				cj[b]++
			case gapWord:
				cw[b]++
			case gapChar:
				cc[b]++
			}
		}
		lat[b], wid[b] = lat[b-1], wid[b-1]
		if r := rs[b-1]; alnum(r) {
			lat[b]++
		} else if wide(r) {
			wid[b]++
		}
	}
	// With no negative width (nor an infinite one), the width of a line
	// grows as its start moves back: the starts of lines far too short
	// are then passed over by a search rather than one by one.
	f.monotone = search && width > 0 && !math.IsInf(width, 0) && !math.IsInf(f.cum[n], 0)
	for _, w := range t.ws {
		if !f.monotone || !(w >= 0) {
			f.monotone = false
			break
		}
	}
	var lines []brokenLine
	for seg := 0; seg < n; {
		end := seg
		for end < n && rs[end] != '\n' {
			end++
		}
		if end < n {
			end++ // the newline ends its line
		}
		lines = f.fitSegmentPlain(lines, seg, end)
		seg = end
	}
	return lines
}

// fitSegmentPlain is fitSegment written plainly.
func (f *plainFitter) fitSegmentPlain(lines []brokenLine, seg, end int) []brokenLine {
	t, width, cum := f.t, f.width, f.cum
	cj, cw, cc, lat, wid := f.cj, f.cw, f.cc, f.lat, f.wid
	rs, ws := t.rs, t.ws
	trimEnd := func(i, j int) int {
		for j > i && (space(rs[j-1]) || rs[j-1] == '\n' || rs[j-1] == '\t') {
			j--
		}
		return j
	}
	// The candidates: every break opportunity; inside a long token, after
	// / . _ and the like; inside a token longer than a line, anywhere.
	cands := append(f.cands[:0], candidate{at: seg})
	prev := seg
	addToken := func(p, q int) {
		w := cum[q] - cum[p]
		if w <= 0.2*width {
			return
		}
		for k := p + 1; k < q; k++ {
			if space(rs[k]) || Combining(rs[k]) || space(rs[k-1]) && t.glued(k) {
				continue
			}
			c, ok := cutAfter(rs[k-1])
			clean := !forbiddenStart(rs[k-1], rs[k]) && !noEnd(rs[k-1]) && !t.held(k)
			switch {
			case ok && clean && (rs[k-1] != '-' || !t.glued(k)):
				if rs[k-1] == '-' && w <= width {
					c = hyphenCut
				}
				cands = append(cands, candidate{at: k, cost: c, cut: true})
			case w > width && (rs[k-1] != '-' || !t.glued(k)):
				c := 1e5
				if !clean {
					c = 1e7
				}
				cands = append(cands, candidate{at: k, cost: c, cut: true})
			}
		}
	}
	for k := seg + 1; k < end; k++ {
		if t.opp(k) {
			addToken(prev, k)
			cands = append(cands, candidate{at: k})
			prev = k
		}
	}
	addToken(prev, end)
	cands = append(cands, candidate{at: end})
	f.cands = cands

	m := len(cands)
	best, from := grow(f.best, m), grow(f.from, m)
	f.best, f.from = best, from
	best[0], from[0] = 0, 0
	starts := f.starts[:0] // the candidates a line ending at j may start at
	hint := 0              // the first start far too short for the last j
	for j := 1; j < m; j++ {
		best[j] = math.Inf(1)
		from[j] = j - 1
		cj0 := cands[j]
		last := j == m-1
		ej := trimEnd(seg, cj0.at)
		tailJ := t.tail(ej - 1)
		// The lines that end at j: from the candidates back to where a
		// line is far too long, but those far too short (which cost
		// more than any other) only from j-1 or on the last line. The
		// fullest of them that fits is tried first: its cost bounds
		// the others'.
		starts = starts[:0]
		fit := -1
		// short reports whether a line from candidate i (ending at or
		// after i's place) is far too short.
		short := func(i int) bool {
			natural := cum[ej] - cum[cands[i].at] - tailJ
			return width-natural > 0.4*width
		}
		// A far too short line is a line when it cannot take what
		// follows up to the next candidate that is no cut.
		ext := math.Inf(-1)
		if !last {
			next := j + 1
			for next < m-1 && cands[next].cut {
				next++
			}
			en := trimEnd(seg, cands[next].at)
			ext = cum[en] - t.tail(en-1) - (cum[ej] - tailJ)
		}
		searched := !f.monotone || last || ext > 0.4*width
		for i := j - 1; i >= 0; i-- {
			a := cands[i].at
			if !searched && i < j-1 && a <= ej {
				// The starts from here back are far too short up
				// to a point, then never again: pass over them.
				searched = true
				if short(i) {
					hint = firstOf(i, hint, short)
					if i = hint - 1; i < 0 {
						break
					}
					a = cands[i].at
				}
			}
			natural := cum[ej] - cum[a] - tailJ
			if a > ej {
				natural = -t.tail(a - 1)
			}
			if natural > 1.1*width+ws[a] && i < j-1 {
				break
			}
			if !last && width-natural > 0.4*width && natural+ext <= width && i < j-1 {
				continue
			}
			if natural <= width {
				fit = len(starts)
			}
			starts = append(starts, i)
		}
		if fit > 0 {
			starts[0], starts[fit] = starts[fit], starts[0]
		}
		for _, i := range starts {
			// A line's cost is never negative: a start whose best cost
			// alone exceeds the best found so far cannot win (of equal
			// costs, the line from the nearest candidate is taken).
			base := best[i] + cj0.cost
			if base > best[j] || base == best[j] && i < from[j] {
				continue
			}
			a := cands[i].at
			e := max(ej, a)
			natural := cum[e] - cum[a] - t.tail(e-1)
			room := width - natural
			em := t.style(a).Size
			c := gapCounts{
				jl: int(cj[max(e-1, a)] - cj[a]), word: int(cw[max(e-1, a)] - cw[a]), char: int(cc[max(e-1, a)] - cc[a]),
				latin: int(lat[e] - lat[a]), wide: int(wid[e] - wid[a]),
			}
			var v float64
			if room < -1e-6 {
				squeeze := 0.0
				if e > a+2 && squeezable(rs[e-1]) {
					squeeze = min(ws[e-1], 0.02*width)
				}
				aki, akiEnd := t.lineAki(a, e)
				shrink := float64(c.jl)*(jlSpace-jlShrink)*em + squeeze + aki + akiEnd
				if -room > shrink+1e-6 {
					if i < j-1 {
						continue
					}
					v = 1e9 // a piece wider than the line: it stands past it
				} else {
					// A closing mark's blank half past the margin costs
					// little; squeezing the line more.
					hang := min(-room, akiEnd)
					v = 5*hang/em + 20*(-room-hang)/em
				}
			} else if !last && room > 0.4*width {
				v = raggedCost(room, width)
			} else if !last {
				v = share(room, em, c, true).cost(em, room, width, c)
			} else if e-a <= 2 && a > seg {
				v = 300 // a stub on the last line
			}
			if v += base; v < best[j] || v == best[j] && i > from[j] {
				best[j], from[j] = v, i
			}
		}
	}
	f.starts = starts
	first := len(lines)
	for j := m - 1; j > 0; j = from[j] {
		a, b := cands[from[j]].at, cands[j].at
		lines = append(lines, brokenLine{start: a, end: b, hard: j == m-1, forced: cands[j].cut})
	}
	slices.Reverse(lines[first:])
	return lines
}

// TestTotalFitPlain: the total fit chooses the lines its plain form
// chooses, over the seed's paragraphs and random texts (Japanese, Latin,
// punctuation that gives up its space, styles of several sizes, soft
// hyphens and newlines), with and without ink metrics, at many widths.
func TestTotalFitPlain(t *testing.T) {
	t.Parallel()
	texts := seedParagraphs(t)
	rng := rand.New(rand.NewPCG(21, 4))
	for k := range 150 {
		text := randomText(rng)
		if k%5 == 2 {
			// Soft hyphens, zero width spaces, newlines and runs of
			// spaces at random places.
			rs := []rune(text)
			for range 1 + len(rs)/8 {
				at := rng.IntN(len(rs) + 1)
				ins := []rune{0xAD, 0x200B, '\n', ' ', ' '}[rng.IntN(5)]
				rs = append(rs[:at], append([]rune{ins}, rs[at:]...)...)
			}
			text = string(rs)
		}
		texts = append(texts, text)
	}
	texts = append(texts, strings.Join(texts[:20], "\n"), strings.Join(texts[20:50], " "))
	var f fitter
	lines := 0
	for k, text := range texts {
		for _, m := range []Metrics{fakeMetrics{}, inkMetrics{}} {
			rs := []rune(text)
			var spans []Span
			if k%3 == 1 && len(rs) > 6 {
				// Spans of other sizes and faces: em is the style of
				// each line's first character.
				spans = []Span{{Text: string(rs[:len(rs)/3])}, {Text: string(rs[len(rs)/3 : len(rs)/2]), Style: Style{Face: Bold, Size: 13}},
					{Text: string(rs[len(rs)/2:]), Style: Style{Size: 8}}}
			} else {
				spans = plain(text)
			}
			var miss missing
			r := flatten(spans, Style{Size: 10}, m, &miss)
			for em := 2.0; em <= 47; em += 1.5 + float64(k%4)/8 {
				for _, search := range []bool{true, false} {
					got, want := breakTotalBy(&f, r, em*10, search), breakTotalPlain(&plainFitter{}, r, em*10, search)
					if !slices.Equal(got, want) {
						t.Fatalf("width %g, %T, search %v: %v, plainly %v, in %q", em*10, m, search, got, want, text)
					}
					lines += len(got)
				}
			}
		}
	}
	if lines < 20000 {
		t.Errorf("only %d lines broken", lines)
	}
}
