package pictures

import (
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"briefing/briefing/layout"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

var update = flag.Bool("update", false, "update golden files")

// metrics measures with the embedded BIZ UDPGothic faces.
func metrics(t *testing.T) layout.Metrics {
	t.Helper()
	return fixture.Theme(t)
}

// textWidth measures a text box with m.
func textWidth(m layout.Metrics, b layout.TextBox) float64 {
	total := 0
	for _, r := range b.Text {
		w, _ := m.Advance(b.Style.Face, r)
		total += w
	}
	return float64(total)/1000*b.Style.Size + b.Spacing*float64(len([]rune(b.Text)))
}

// ext is an axis-aligned extent.
type ext struct{ x0, y0, x1, y1 float64 }

// extent returns the area a box covers: a text box from its ascent to its
// descent.
func extent(m layout.Metrics, b layout.Box) (ext, bool) {
	switch b := b.(type) {
	case layout.TextBox:
		return ext{b.X, b.Y - ascent*b.Style.Size, b.X + textWidth(m, b), b.Y + descent*b.Style.Size}, true
	case layout.Rect:
		return ext{b.X, b.Y, b.X + b.W, b.Y + b.H}, true
	case layout.Line:
		return ext{math.Min(b.X1, b.X2), math.Min(b.Y1, b.Y2), math.Max(b.X1, b.X2), math.Max(b.Y1, b.Y2)}, true
	case layout.Polygon:
		e := ext{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for _, p := range b.Points {
			e = ext{math.Min(e.x0, p.X), math.Min(e.y0, p.Y), math.Max(e.x1, p.X), math.Max(e.y1, p.Y)}
		}
		return e, len(b.Points) > 0
	}
	return ext{}, false
}

const eps = 1e-6

func (e ext) within(o ext) bool {
	return e.x0 >= o.x0-eps && e.y0 >= o.y0-eps && e.x1 <= o.x1+eps && e.y1 <= o.y1+eps
}

func hex(c layout.Color) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// dump writes a figure as stable text with [layout.Dump]: a page as wide
// and high as the figure, its boxes one a line.
func dump(width, height float64, boxes []layout.Box) string {
	return layout.Dump([]layout.Page{{Paper: layout.Paper{Width: width, Height: height}, Boxes: boxes}})
}

// golden compares got with testdata/name.golden, or writes it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", name+".golden"), got, *update)
}

// texts returns the text of the text boxes, in order.
func texts(boxes []layout.Box) []string {
	var out []string
	for _, b := range boxes {
		if t, ok := b.(layout.TextBox); ok {
			out = append(out, t.Text)
		}
	}
	return out
}

// checkBounds fails if a box lies outside [0,width]×[0,height].
func checkBounds(t *testing.T, m layout.Metrics, width, height float64, boxes []layout.Box) {
	t.Helper()
	if !(height > 0) {
		t.Fatalf("height %v, want > 0", height)
	}
	all := ext{0, 0, width, height}
	for _, b := range boxes {
		if e, ok := extent(m, b); ok && !e.within(all) {
			t.Errorf("%#v (extent %v) lies outside 0,0 %.2f,%.2f", b, e, width, height)
		}
	}
}

// Languages: the labels compose passes in, per language.
var (
	axes = map[string][2]string{"ja": {"発生可能性", "影響度"}, "en": {"Likelihood", "Impact"}}

	phases = map[string][7]string{
		"ja": {"偵察", "武器化", "配送", "攻撃", "インストール", "遠隔操作", "目的の実行"},
		"en": {"Reconnaissance", "Weaponization", "Delivery", "Exploitation", "Installation", "Command and Control", "Actions on Objectives"},
	}

	// The seed briefing's procurement: 14 products, one of them from US
	// and Japan together, one from an unknown country.
	suppliers = map[string][]Bar{
		"ja": {
			{Label: "ドイツ", Products: 1, Note: "10台"},
			{Label: "ロシア", Products: 6, Note: "110台"},
			{Label: "不明", Products: 1, Note: "10台", Unknown: true},
			{Label: "米国", Products: 4, Note: "60台"},
			{Label: "日本", Products: 1, Note: "10台"},
			{Label: "英国", Products: 1, Note: "10台"},
			{Label: "ルーマニア", Products: 1, Note: "10台"},
		},
		"en": {
			{Label: "Germany", Products: 1, Note: "10 terminals"},
			{Label: "Russia", Products: 6, Note: "110 terminals"},
			{Label: "Unknown", Products: 1, Note: "10 terminals", Unknown: true},
			{Label: "United States", Products: 4, Note: "60 terminals"},
			{Label: "Japan", Products: 1, Note: "10 terminals"},
			{Label: "United Kingdom", Products: 1, Note: "10 terminals"},
			{Label: "Romania", Products: 1, Note: "10 terminals"},
		},
	}
)

// textWidths are widths the layout may give a figure: A4 and Letter text
// widths, a narrow column and a wide page.
var textWidths = []float64{481.28, 498, 300, 780}
