package layout

import (
	"fmt"
	"strings"
)

// Dump prints pages as text, one box a line, coordinates rounded to 0.01
// point, for snapshot tests:
//
//	page 1 595.28x841.89
//	  text 57.00 81.44 R 10.50 #000000 sp=0.12 "本文"
//	  rect 57.00 100.00 481.28 20.00 fill=#eeeeee stroke=- lw=0.00
//	  line 57.00 120.00 538.28 120.00 #000000 w=0.40
//	  poly fill=- stroke=#000000 lw=1.00 1.00,2.00 3.00,4.00
//	  image 57.00 35.00 28.00 14.00 png 1234 bytes
//	  link 57.00 100.00 40.00 17.85 url="https://…" dest=""
//	  anchor "ref-1" 100.00
//	  bookmark 0 100.00 "概要"
func Dump(pages []Page) string {
	var b strings.Builder
	for i, p := range pages {
		fmt.Fprintf(&b, "page %d %s\n", i+1, dim(p.Paper.Width, p.Paper.Height))
		for _, x := range p.Boxes {
			b.WriteString("  ")
			b.WriteString(dumpBox(x))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func dim(w, h float64) string { return num(w) + "x" + num(h) }

// num formats a coordinate rounded to 0.01, without a negative zero.
func num(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	if s == "-0.00" {
		s = "0.00"
	}
	return s
}

func hex(c Color) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func optHex(c *Color) string {
	if c == nil {
		return "-"
	}
	return hex(*c)
}

func faceName(f Face) string {
	switch f {
	case Regular:
		return "R"
	case Bold:
		return "B"
	}
	return fmt.Sprintf("F%d", int(f))
}

func dumpBox(x Box) string {
	if t, ok := x.(*TextBox); ok {
		x = *t
	}
	switch b := x.(type) {
	case TextBox:
		s := fmt.Sprintf("text %s %s %s %s %s sp=%s %q", num(b.X), num(b.Y), faceName(b.Style.Face),
			num(b.Style.Size), hex(b.Style.Color), num(b.Spacing), b.Text)
		if b.Gaps != nil {
			gs := make([]string, len(b.Gaps))
			for i, g := range b.Gaps {
				gs[i] = num(g)
			}
			s += " gaps=" + strings.Join(gs, ",")
		}
		if b.Replaced {
			s += fmt.Sprintf(" copied=%q", b.Actual)
			if b.ActualBoxes > 1 {
				s += fmt.Sprintf(" over=%d", b.ActualBoxes)
			}
		}
		return s
	case Rect:
		return fmt.Sprintf("rect %s %s %s %s fill=%s stroke=%s lw=%s", num(b.X), num(b.Y), num(b.W), num(b.H),
			optHex(b.Fill), optHex(b.Stroke), num(b.LineWidth))
	case Line:
		return fmt.Sprintf("line %s %s %s %s %s w=%s", num(b.X1), num(b.Y1), num(b.X2), num(b.Y2), hex(b.Color), num(b.Width))
	case Polygon:
		var s strings.Builder
		fmt.Fprintf(&s, "poly fill=%s stroke=%s lw=%s", optHex(b.Fill), optHex(b.Stroke), num(b.LineWidth))
		for _, p := range b.Points {
			fmt.Fprintf(&s, " %s,%s", num(p.X), num(p.Y))
		}
		return s.String()
	case Image:
		return fmt.Sprintf("image %s %s %s %s %s %d bytes", num(b.X), num(b.Y), num(b.W), num(b.H), b.Type, len(b.Data))
	case Link:
		return fmt.Sprintf("link %s %s %s %s url=%q dest=%q", num(b.X), num(b.Y), num(b.W), num(b.H), b.URL, b.Dest)
	case Anchor:
		return fmt.Sprintf("anchor %q %s", b.Name, num(b.Y))
	case Bookmark:
		return fmt.Sprintf("bookmark %d %s %q", b.Level, num(b.Y), b.Title)
	case nil:
		return "nil"
	}
	return fmt.Sprintf("%T", x)
}
