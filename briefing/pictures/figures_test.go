package pictures

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"briefing/briefing/layout"
)

var style = layout.Style{Size: 9}

func seedRisks() []RiskMark {
	return []RiskMark{{1, 4, 5}, {2, 3, 4}, {3, 3, 4}, {4, 2, 2}, {5, 5, 5}}
}

// crowded puts 1, 2, … 12 risks into twelve different cells.
func crowded() []RiskMark {
	var rs []RiskMark
	n := 1
	for c := 1; c <= 12; c++ {
		for i := 0; i < c; i++ {
			rs = append(rs, RiskMark{Number: n, Likelihood: 1 + (c-1)/5%5, Impact: 1 + (c-1)%5})
			n++
		}
	}
	return rs
}

func TestGolden(t *testing.T) {
	m := metrics(t)
	cases := map[string]layout.Figure{}
	for _, lang := range []string{"ja", "en"} {
		cases["risk_"+lang] = RiskMatrix{LikelihoodLabel: axes[lang][0], ImpactLabel: axes[lang][1], Risks: seedRisks(), Style: style, Metrics: m}.Figure()
		hl := [7]bool{true, true}
		if lang == "en" {
			hl[5] = true
		}
		cases["killchain_"+lang] = KillChain{Phases: phases[lang], Highlight: hl, Style: style, Metrics: m}.Figure()
		cases["supplier_"+lang] = SupplierChart{Bars: suppliers[lang], Style: style, Metrics: m}.Figure()
	}
	cases["risk_crowded"] = RiskMatrix{LikelihoodLabel: "発生可能性", ImpactLabel: "影響度", Risks: crowded(), Style: style, Metrics: m}.Figure()
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			h, boxes := f.Draw(481.28)
			got := dump(481.28, h, boxes)
			golden(t, name, got)
			// Drawing twice gives the same boxes.
			h, boxes = f.Draw(481.28)
			if again := dump(481.28, h, boxes); again != got {
				t.Error("a second Draw gives different boxes")
			}
		})
	}
}

// marker is a risk marker read back from the boxes: its circle and number.
type marker struct {
	circle ext
	number int
	text   layout.TextBox
}

// readMatrix returns the 25 cells (row by row from the top) and markers.
func readMatrix(t *testing.T, boxes []layout.Box, p Palette) (cells []layout.Rect, markers []marker) {
	t.Helper()
	arrows := 0
	for i, b := range boxes {
		switch b := b.(type) {
		case layout.Rect:
			if b.Stroke != nil {
				cells = append(cells, b)
			}
		case layout.Polygon:
			if len(b.Points) == 3 {
				arrows++ // the head of an axis's arrow
				continue
			}
			if b.Fill == nil || *b.Fill != p.Accent || i+1 >= len(boxes) {
				t.Fatalf("polygon %d is not a marker followed by its number", i)
			}
			tb, ok := boxes[i+1].(layout.TextBox)
			n, err := strconv.Atoi(tb.Text)
			if !ok || err != nil {
				t.Fatalf("marker %d is followed by %#v, want its number", i, boxes[i+1])
			}
			e, _ := extent(nil, b)
			markers = append(markers, marker{e, n, tb})
		}
	}
	if len(cells) != 25 {
		t.Fatalf("%d cells, want 25", len(cells))
	}
	if arrows != 2 {
		t.Errorf("%d arrow heads, want one on each axis", arrows)
	}
	return cells, markers
}

func TestRiskMatrix(t *testing.T) {
	m := metrics(t)
	p := DefaultPalette()
	sets := map[string][]RiskMark{"seed": seedRisks(), "crowded": crowded(), "one cell": nil, "none": nil}
	for i := 1; i <= 25; i++ {
		sets["one cell"] = append(sets["one cell"], RiskMark{Number: i, Likelihood: 5, Impact: 5})
	}
	for _, lang := range []string{"ja", "en"} {
		for name, risks := range sets {
			for _, width := range textWidths {
				t.Run(fmt.Sprintf("%s/%s/%v", lang, name, width), func(t *testing.T) {
					mx := RiskMatrix{LikelihoodLabel: axes[lang][0], ImpactLabel: axes[lang][1], Risks: risks, Style: style, Metrics: m}
					h, boxes := mx.Figure().Draw(width)
					checkBounds(t, m, width, h, boxes)
					most := 0
					for _, n := range mx.crowding() {
						most = max(most, n)
					}
					if h > 0.8*width && most <= 4 {
						t.Errorf("height %.1f for width %.1f: too tall", h, width)
					}
					// Markers large enough to read a number in: large while
					// no cell has more than 4, readable on a page-wide
					// matrix however crowded.
					minMarker := 0.0
					switch {
					case most <= 4:
						minMarker = 12
					case width >= 480:
						minMarker = 10
					}
					cells, markers := readMatrix(t, boxes, p)
					checkCells(t, cells, p)
					checkMarkers(t, m, minMarker, risks, cells, markers)
					ts := texts(boxes)
					for _, want := range []string{axes[lang][0], axes[lang][1], axes[lang][0] + " × " + axes[lang][1], "1", "2", "3", "4", "5", "25"} {
						if !slices.Contains(ts, want) {
							t.Errorf("no label %q in %q", want, ts)
						}
					}
				})
			}
		}
	}
}

// checkCells checks the shading: equal scores equal colours, higher scores
// nearer RiskHigh, the corners exactly RiskLow and RiskHigh.
func checkCells(t *testing.T, cells []layout.Rect, p Palette) {
	t.Helper()
	dist := func(a, b layout.Color) float64 {
		return math.Abs(float64(a.R)-float64(b.R)) + math.Abs(float64(a.G)-float64(b.G)) + math.Abs(float64(a.B)-float64(b.B))
	}
	byScore := map[int]layout.Color{}
	for i, c := range cells {
		row, col := i/5, i%5
		s := (5 - row) * (col + 1)
		if prev, ok := byScore[s]; ok && prev != *c.Fill {
			t.Errorf("score %d drawn in %s and %s", s, hex(prev), hex(*c.Fill))
		}
		byScore[s] = *c.Fill
	}
	if byScore[1] != p.RiskLow || byScore[25] != p.RiskHigh {
		t.Errorf("score 1 is %s, 25 is %s; want %s and %s", hex(byScore[1]), hex(byScore[25]), hex(p.RiskLow), hex(p.RiskHigh))
	}
	last := math.Inf(1)
	for s := 1; s <= 25; s++ {
		if c, ok := byScore[s]; ok {
			d := dist(c, p.RiskHigh)
			if d > last {
				t.Errorf("score %d (%s) is further from RiskHigh than a lower score", s, hex(c))
			}
			last = d
		}
	}
}

// checkMarkers checks that each risk has one marker, inside its cell, its
// number inside the marker, and that markers do not overlap.
func checkMarkers(t *testing.T, m layout.Metrics, minMarker float64, risks []RiskMark, cells []layout.Rect, markers []marker) {
	t.Helper()
	if len(markers) != len(risks) {
		t.Fatalf("%d markers for %d risks", len(markers), len(risks))
	}
	byNumber := map[int]marker{}
	for _, mk := range markers {
		byNumber[mk.number] = mk
	}
	for _, r := range risks {
		mk, ok := byNumber[r.Number]
		if !ok {
			t.Errorf("risk %d has no marker", r.Number)
			continue
		}
		c := cells[(5-r.Likelihood)*5+r.Impact-1]
		if !mk.circle.within(ext{c.X, c.Y, c.X + c.W, c.Y + c.H}) {
			t.Errorf("marker of risk %d (likelihood %d, impact %d) at %v is outside its cell %v", r.Number, r.Likelihood, r.Impact, mk.circle, c)
		}
		te, _ := extent(m, mk.text)
		if !te.within(mk.circle) {
			t.Errorf("number %d at %v sticks out of its marker %v", r.Number, te, mk.circle)
		}
		if d := mk.circle.x1 - mk.circle.x0; d < minMarker {
			t.Errorf("marker of risk %d is %.1f pt wide: unreadable", r.Number, d)
		}
	}
	for i, a := range markers {
		for _, b := range markers[i+1:] {
			ra, rb := (a.circle.x1-a.circle.x0)/2, (b.circle.x1-b.circle.x0)/2
			d := math.Hypot((a.circle.x0+ra)-(b.circle.x0+rb), (a.circle.y0+ra)-(b.circle.y0+rb))
			if d < ra+rb {
				t.Errorf("markers %d and %d overlap", a.number, b.number)
			}
		}
	}
}

// inside reports whether p is inside the polygon (ray casting).
func inside(p layout.Point, poly []layout.Point) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

func TestKillChain(t *testing.T) {
	m := metrics(t)
	p := DefaultPalette()
	highlights := map[string][7]bool{
		"none":  {},
		"all":   {true, true, true, true, true, true, true},
		"early": {true, true},
		"c2":    {false, false, false, false, false, true, false},
	}
	for _, lang := range []string{"ja", "en"} {
		for hname, hl := range highlights {
			for _, width := range textWidths {
				t.Run(fmt.Sprintf("%s/%s/%v", lang, hname, width), func(t *testing.T) {
					h, boxes := KillChain{Phases: phases[lang], Highlight: hl, Style: style, Metrics: m}.Figure().Draw(width)
					checkBounds(t, m, width, h, boxes)
					var chevron *layout.Polygon
					n := -1
					var lines [7][]string
					size := 0.0
					for _, b := range boxes {
						switch b := b.(type) {
						case layout.Polygon:
							n++
							chevron = &b
							want := p.AccentLight
							if hl[n] {
								want = p.Accent
							}
							if *b.Fill != want {
								t.Errorf("phase %d filled %s, want %s", n+1, hex(*b.Fill), hex(want))
							}
						case layout.TextBox:
							if chevron == nil {
								t.Fatal("text before the first chevron")
							}
							lines[n] = append(lines[n], b.Text)
							want := p.Muted
							if hl[n] {
								want = white
							}
							if b.Style.Color != want {
								t.Errorf("phase %d labelled in %s, want %s", n+1, hex(b.Style.Color), hex(want))
							}
							if size == 0 {
								size = b.Style.Size
							} else if b.Style.Size != size {
								t.Errorf("labels in sizes %v and %v, want one size", size, b.Style.Size)
							}
							e, _ := extent(m, b)
							for _, c := range []layout.Point{{X: e.x0, Y: e.y0}, {X: e.x1, Y: e.y0}, {X: e.x0, Y: e.y1}, {X: e.x1, Y: e.y1}} {
								if !inside(c, chevron.Points) {
									t.Errorf("label %q of phase %d sticks out of its chevron at %v", b.Text, n+1, c)
								}
							}
							for _, c := range chevron.Points {
								if c.X > e.x0 && c.X < e.x1 && c.Y > e.y0 && c.Y < e.y1 {
									t.Errorf("chevron %d's corner %v cuts into label %q", n+1, c, b.Text)
								}
							}
						}
					}
					if n != 6 {
						t.Fatalf("%d chevrons, want 7", n+1)
					}
					for i, want := range phases[lang] {
						if got := strings.Join(lines[i], " "); got != want {
							t.Errorf("phase %d reads %q, want %q", i+1, got, want)
						}
					}
					if size > style.Size {
						t.Errorf("labels at %v pt, larger than the style's %v", size, style.Size)
					}
					if width >= 480 && size < 6.5 {
						t.Errorf("labels at %v pt on a page-wide chain: too small to read", size)
					}
					if lang == "ja" && width >= 480 && size != style.Size {
						t.Errorf("Japanese labels shrunk to %v pt", size)
					}
				})
			}
		}
	}
}

func TestSupplierChart(t *testing.T) {
	m := metrics(t)
	p := DefaultPalette()
	order := map[string][]string{
		"ja": {"ロシア", "米国", "ドイツ", "日本", "英国", "ルーマニア", "不明"},
		"en": {"Russia", "United States", "Germany", "Japan", "United Kingdom", "Romania", "Unknown"},
	}
	for _, lang := range []string{"ja", "en"} {
		for _, width := range textWidths {
			t.Run(fmt.Sprintf("%s/%v", lang, width), func(t *testing.T) {
				in := slices.Clone(suppliers[lang])
				h, boxes := SupplierChart{Bars: in, Style: style, Metrics: m}.Figure().Draw(width)
				if !slices.Equal(in, suppliers[lang]) {
					t.Error("Draw changed the caller's bars")
				}
				checkBounds(t, m, width, h, boxes)
				// Read the rows back: label, bar, value, note.
				type row struct {
					label, value, note layout.TextBox
					bar                layout.Rect
				}
				var rows []row
				for i := 0; i < len(boxes); i++ {
					if _, ok := boxes[i].(layout.Line); ok {
						continue
					}
					var r row
					r.label = boxes[i].(layout.TextBox)
					r.bar = boxes[i+1].(layout.Rect)
					r.value = boxes[i+2].(layout.TextBox)
					r.note = boxes[i+3].(layout.TextBox)
					rows = append(rows, r)
					i += 3
				}
				var labels []string
				for _, r := range rows {
					labels = append(labels, r.label.Text)
				}
				if !slices.Equal(labels, order[lang]) {
					t.Fatalf("rows %q, want %q", labels, order[lang])
				}
				byLabel := map[string]Bar{}
				for _, b := range suppliers[lang] {
					byLabel[b.Label] = b
				}
				perProduct := rows[0].bar.W / 6
				for _, r := range rows {
					b := byLabel[r.label.Text]
					if math.Abs(r.bar.W-perProduct*float64(b.Products)) > eps {
						t.Errorf("bar of %s is %.2f long for %d products; %.2f for 6", b.Label, r.bar.W, b.Products, rows[0].bar.W)
					}
					if r.bar.X != rows[0].bar.X {
						t.Errorf("bar of %s starts at %.2f, others at %.2f", b.Label, r.bar.X, rows[0].bar.X)
					}
					if r.value.Text != strconv.Itoa(b.Products) || r.note.Text != b.Note {
						t.Errorf("%s labelled %q and %q, want %d and %q", b.Label, r.value.Text, r.note.Text, b.Products, b.Note)
					}
					le, _ := extent(m, r.label)
					ve, _ := extent(m, r.value)
					ne, _ := extent(m, r.note)
					if le.x1 > r.bar.X+eps || ve.x0 < r.bar.X+r.bar.W || ve.x1 > ne.x0-eps {
						t.Errorf("%s: label %v, bar %.2f–%.2f, value %v and note %v collide", b.Label, le, r.bar.X, r.bar.X+r.bar.W, ve, ne)
					}
					want, colour := p.Accent, p.Text
					if b.Unknown {
						want, colour = p.Rule, p.Muted
					}
					if *r.bar.Fill != want || r.label.Style.Color != colour {
						t.Errorf("%s drawn in %s with a label in %s, want %s and %s", b.Label, hex(*r.bar.Fill), hex(r.label.Style.Color), hex(want), hex(colour))
					}
				}
				if width >= 480 && rows[0].bar.W < 0.5*width {
					t.Errorf("longest bar %.1f of %.1f: the chart wastes its width", rows[0].bar.W, width)
				}
			})
		}
	}
}

// TestNeverPanics draws with zero and odd configurations and widths: no
// panic, no NaN or infinity in any box.
func TestNeverPanics(t *testing.T) {
	m := metrics(t)
	long := strings.Repeat("Antidisestablishmentarianism ", 4)
	figs := map[string]layout.Figure{
		"zero matrix":   RiskMatrix{}.Figure(),
		"zero chain":    KillChain{}.Figure(),
		"zero chart":    SupplierChart{}.Figure(),
		"odd matrix":    RiskMatrix{LikelihoodLabel: long, Risks: []RiskMark{{-1, 0, 9}, {1000000, 5, 5}}, Style: layout.Style{Face: 7, Size: math.NaN()}, Metrics: m}.Figure(),
		"long chain":    KillChain{Phases: [7]string{long, "", " ", "a  b", long + long}, Style: layout.Style{Size: -3}, Metrics: m}.Figure(),
		"odd chart":     SupplierChart{Bars: []Bar{{Label: long, Products: -4, Note: long}, {Products: 0}, {Label: "x", Products: math.MaxInt32}}, Metrics: m}.Figure(),
		"unmeasured":    SupplierChart{Bars: suppliers["ja"]}.Figure(),
		"all zero bars": SupplierChart{Bars: []Bar{{Label: "a"}, {Label: "b", Unknown: true}}, Metrics: m}.Figure(),
	}
	for name, f := range figs {
		for _, width := range []float64{-1, 0, 1, 10, 50, 481.28, 1e6, math.NaN(), math.Inf(1)} {
			t.Run(fmt.Sprintf("%s/%v", name, width), func(t *testing.T) {
				h, boxes := f.Draw(width)
				bad := func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }
				if bad(h) || h < 0 {
					t.Errorf("height %v", h)
				}
				for _, b := range boxes {
					e, ok := extent(m, b)
					if ok && (bad(e.x0) || bad(e.y0) || bad(e.x1) || bad(e.y1)) {
						t.Errorf("box %#v is not finite", b)
					}
					if tb, ok := b.(layout.TextBox); ok && !(tb.Style.Size > 0) {
						t.Errorf("text %q at size %v", tb.Text, tb.Style.Size)
					}
				}
			})
		}
	}
}

// FuzzFigures draws the pictures with arbitrary labels and numbers: they
// never panic and, on any width a page may give them, stay inside their
// box.
func FuzzFigures(f *testing.F) {
	f.Add(481.28, "発生可能性", "Command and Control", "110 terminals", 6, 3, 4)
	f.Add(300.0, "", "", "", 0, 0, 0)
	f.Add(250.0, strings.Repeat("Supercalifragilistic ", 9), "Antidisestablishmentarianism", "∞", -1, 9, -9)
	f.Fuzz(func(t *testing.T, width float64, a, b, c string, n, l, i int) {
		m := metrics(t)
		figs := []layout.Figure{
			RiskMatrix{LikelihoodLabel: a, ImpactLabel: b, Risks: []RiskMark{{Number: n, Likelihood: l, Impact: i}, {Number: 1, Likelihood: l, Impact: i}}, Style: style, Metrics: m}.Figure(),
			KillChain{Phases: [7]string{a, b, c, a + b, b + " " + c}, Highlight: [7]bool{n%2 == 0, true}, Style: style, Metrics: m}.Figure(),
			SupplierChart{Bars: []Bar{{Label: a, Products: n, Note: c}, {Label: b, Products: l, Note: c, Unknown: true}, {Label: c, Products: i}}, Style: style, Metrics: m}.Figure(),
		}
		for _, fig := range figs {
			h, boxes := fig.Draw(width)
			if width >= 250 && width <= 2000 {
				checkBounds(t, m, width, h, boxes)
			}
			// Laid out as a Figure element, each label is followed
			// by a space box that draws nothing.
			fig.Alt = "alt"
			pages, err := layout.Lay(layout.Document{Paper: layout.A4, Blocks: []layout.Block{fig}}, m)
			if err != nil {
				continue
			}
			for _, p := range pages {
				for k, bx := range p.Boxes {
					if tb, ok := bx.(layout.TextBox); ok && !tb.Break && strings.TrimSpace(tb.Text) != "" {
						var next layout.TextBox
						if k+1 < len(p.Boxes) {
							next, _ = p.Boxes[k+1].(layout.TextBox)
						}
						if !next.Break || next.Text != " " {
							t.Errorf("label %q not followed by a space box", tb.Text)
						}
					}
				}
			}
		}
	})
}
