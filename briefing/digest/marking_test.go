package digest_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"briefing/briefing/build"
	"briefing/briefing/digest"
	"briefing/briefing/marking"
	"briefing/briefing/model"
	"briefing/briefing/period"
	"briefing/briefing/theme"
	"briefing/internal/testkit"
)

// bboxWord is a word of pdftotext -bbox, in points from the page's top
// left corner.
type bboxWord struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

type bboxPage struct {
	Width  float64    `xml:"width,attr"`
	Height float64    `xml:"height,attr"`
	Words  []bboxWord `xml:"word"`
}

// bboxPages reads every page's words back with pdftotext -bbox.
func bboxPages(t *testing.T, path string) []bboxPage {
	t.Helper()
	out := testkit.Run(t, "pdftotext", "-bbox", path, "-")
	// The output is XHTML; its pages are <page> elements under <doc>.
	var doc struct {
		Pages []bboxPage `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(strings.NewReader(out))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%s: read pdftotext -bbox: %v", path, err)
	}
	if len(doc.Pages) == 0 {
		t.Fatalf("%s: no pages", path)
	}
	return doc.Pages
}

// checkMarking checks that every page of the PDF at path carries label
// right-justified in the header band (above the text area, below the
// paper's inset) and in the footer band, its glyphs 12 pt tall or more,
// with nothing else of the band overlapping it.
func checkMarking(t *testing.T, path, label string, p paperSpec) {
	t.Helper()
	pages := bboxPages(t, path)
	right := p.width - p.right
	for i, pg := range pages {
		if pg.Width < p.width-0.5 || pg.Width > p.width+0.5 || pg.Height < p.height-0.5 || pg.Height > p.height+0.5 {
			t.Errorf("%s page %d: %.1f × %.1f, want %.1f × %.1f", path, i+1, pg.Width, pg.Height, p.width, p.height)
		}
		var head, foot []bboxWord
		for _, w := range pg.Words {
			switch {
			case w.YMax <= p.top:
				head = append(head, w)
			case w.YMin >= p.height-p.bottom:
				foot = append(foot, w)
			}
		}
		for _, band := range []struct {
			name  string
			words []bboxWord
		}{{"header", head}, {"footer", foot}} {
			var found *bboxWord
			for j, w := range band.words {
				if w.Text == label {
					found = &band.words[j]
				}
			}
			if found == nil {
				t.Errorf("%s page %d: no %s in the %s band; it has %v", path, i+1, label, band.name, band.words)
				continue
			}
			w := *found
			if h := w.YMax - w.YMin; h < marking.Size-0.01 {
				t.Errorf("%s page %d: %s label %.2f pt tall, want ≥ 12", path, i+1, band.name, h)
			}
			// Right-justified: the black box ends at the margin, the
			// text PadX inside it.
			if d := right - marking.PadX - w.XMax; d < -0.5 || d > 0.5 {
				t.Errorf("%s page %d: %s label ends at x=%.2f, want %.2f (the right margin less the box's padding)", path, i+1, band.name, w.XMax, right-marking.PadX)
			}
			if w.YMin < marking.Inset || w.YMax > p.height-marking.Inset || w.XMin < marking.Inset {
				t.Errorf("%s page %d: %s label at (%.1f, %.1f)–(%.1f, %.1f), outside the printable area", path, i+1, band.name, w.XMin, w.YMin, w.XMax, w.YMax)
			}
			for _, o := range band.words {
				if o == w {
					continue
				}
				// Same line and reaching into the label's box (with its
				// padding): an overlap.
				if o.YMax > w.YMin && o.YMin < w.YMax && o.XMax > w.XMin-marking.PadX-1 {
					t.Errorf("%s page %d: %q at x %.1f–%.1f runs into the %s label at x %.1f", path, i+1, o.Text, o.XMin, o.XMax, band.name, w.XMin)
				}
				if o.XMin < p.left-0.5 {
					t.Errorf("%s page %d: %q starts at x=%.1f, left of the margin %.1f", path, i+1, o.Text, o.XMin, p.left)
				}
			}
		}
		// The page number is in the footer band, before the label.
		pn := fmt.Sprintf("%d", i+1)
		ok := false
		for j, w := range foot {
			if w.Text == pn && j+2 < len(foot) && foot[j+1].Text == "/" && foot[j+2].Text == fmt.Sprint(len(pages)) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s page %d: no page number %s / %d in the footer: %v", path, i+1, pn, len(pages), foot)
		}
	}
}

type paperSpec struct {
	width, height            float64
	top, right, bottom, left float64
}

// TestMarkingOnEveryPage renders the samples (CLEAR, and copies marked
// AMBER+STRICT and RED) in both languages and a digest of them with the
// default template, a Letter template and one with the smallest margins a
// template may have, and finds on every page the label top and bottom
// right-justified at 12 pt (TLP 2.0).
func TestMarkingOnEveryPage(t *testing.T) {
	t.Parallel()
	testkit.Tool(t, "pdftotext")
	dir := t.TempDir()
	var files []string
	for _, s := range []struct{ src, id, tlp string }{
		{"pla-61419-antivirus", "pla-61419-antivirus", "CLEAR"},
		{"kaseya-vsa-2021", "kaseya-red", "RED"},
		{"kaseya-vsa-2021", "kaseya-strict", "AMBER+STRICT"},
	} {
		data, err := os.ReadFile("../../samples/" + s.src + ".toml")
		if err != nil {
			t.Fatal(err)
		}
		txt := strings.Replace(string(data), `tlp = "CLEAR"`, `tlp = "`+s.tlp+`"`, 1)
		txt = strings.Replace(txt, `id = "`+s.src+`"`, `id = "`+s.id+`"`, 1)
		p := filepath.Join(dir, s.id+".toml")
		if err := os.WriteFile(p, []byte(txt), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	for _, tt := range []struct {
		name, template string
		paper          paperSpec
	}{
		{"default", "", paperSpec{595.28, 841.89, 70, 57, 64, 57}},
		{"letter", "paper = \"Letter\"\n", paperSpec{612, 792, 70, 57, 64, 57}},
		{"smallest", "margins = [52, 18, 52, 18]\n", paperSpec{595.28, 841.89, 52, 18, 52, 18}},
		{"smallest letter", "paper = \"Letter\"\nmargins = [52, 18, 52, 18]\n[organization]\nname = \"Acme Computer Security Incident Response Team, Tokyo and New York offices\"\n[footer]\nja = \"社外秘・取扱注意・複製禁止・この資料は関係者限りで取り扱ってください\"\nen = \"Internal use only: do not copy, forward or print outside the response team\"\n",
			paperSpec{612, 792, 52, 18, 52, 18}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var th *theme.Theme
			var err error
			if tt.template == "" {
				th, err = theme.Default()
			} else {
				tp := filepath.Join(t.TempDir(), "t.toml")
				if err := os.WriteFile(tp, []byte(tt.template), 0o644); err != nil {
					t.Fatal(err)
				}
				th, err = theme.Load(tp)
			}
			if err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			var incs []*model.Incident
			for _, f := range files {
				res := build.File(context.Background(), f, &build.Options{Theme: th, Dir: out, KeepIncident: true})
				if res.Failed() {
					t.Fatalf("%s: %v", f, res.Diagnostics)
				}
				incs = append(incs, res.Incident)
				for _, o := range res.Outputs {
					checkMarking(t, o.Path, marking.Label(res.Incident.TLP), tt.paper)
				}
			}
			r, err := period.Dates("2021-01-01", "2021-12-31")
			if err != nil {
				t.Fatal(err)
			}
			for _, lang := range []string{"ja", "en"} {
				var buf bytes.Buffer
				d := digest.Digest{Period: r, Incidents: digest.Select(incs, r)}
				if _, _, ds, err := digest.PDF(&buf, d, lang, th, false); err != nil || ds.HasErrors() {
					t.Fatal(err, ds)
				}
				p := filepath.Join(out, digest.Name(r, lang))
				if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				checkMarking(t, p, "TLP:RED", tt.paper)
			}
		})
	}
}

// TestMarginsRefused: a template whose margins leave no room for the
// header, the footer or their labels is refused at margins, naming the
// least it may set.
func TestMarginsRefused(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ margins, want string }{
		{"[51, 57, 64, 57]", "t.toml:1:1: margins: the top margin 51 leaves no room for the running header and its TLP label; it must be at least 52 points (margins [52, 18, 52, 18] at the least)"},
		{"[70, 57, 20, 57]", "the bottom margin 20 leaves no room for the footer and its TLP label; it must be at least 52 points"},
		{"[70, 17.5, 64, 57]", "the right margin 17.5 leaves no room for the printer's edge; it must be at least 18 points"},
		{"[70, 57, 64, 0]", "the left margin 0 leaves no room"},
		{"[52, 250, 52, 250]", "t.toml:1:1: margins: the margins leave a text area of 95 × 738 points on A4 paper; it needs at least 214 × 144 (the footer holds the TLP label and the page number side by side)"},
	} {
		p := filepath.Join(t.TempDir(), "t.toml")
		if err := os.WriteFile(p, []byte("margins = "+tt.margins+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := theme.Load(p)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("margins = %s: %v\nwant %q", tt.margins, err, tt.want)
		}
	}
}
