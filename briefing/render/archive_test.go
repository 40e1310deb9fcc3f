package render

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"briefing/briefing/layout"
	"briefing/internal/testkit"
	"briefing/internal/testkit/fixture"
)

// alphaPNG is a 40×20 logo whose left half is transparent.
func alphaPNG(t testing.TB) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			a := uint8(0xFF)
			if x < 20 {
				a = uint8(x * 12)
			}
			img.SetNRGBA(x, y, color.NRGBA{R: 0x20, G: 0x60, B: 0xC0, A: a})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// archival draws the seed briefing in lang as an archival PDF, with a
// soft-masked logo on its first page, a link to a URL outside ASCII on its
// second, and the files attached, and writes it into a temporary folder.
func archival(t testing.TB, lang string, files []layout.Attachment, opt *Options) (string, []byte) {
	t.Helper()
	th := fixture.Theme(t)
	pages, info := seedPages(t, th, lang)
	pages = slices.Clone(pages)
	add := func(i int, b layout.Box) { // a box outside the structure: an artifact
		pages[i].Boxes = append(slices.Clone(pages[i].Boxes), b)
		if pages[i].Elems != nil {
			pages[i].Elems = append(slices.Clone(pages[i].Elems), nil)
		}
	}
	add(0, layout.Image{X: 500, Y: 20, W: 40, H: 20, Data: alphaPNG(t), Type: "png"})
	if len(pages) > 1 {
		add(1, layout.Link{X: 60, Y: 700, W: 100, H: 12, URL: "https://例え.テスト/パス?q=値"})
	}
	info.Files = files
	info.Title += " <&\"R&D\">"
	info.Author = "SOC & <CSIRT>"
	var buf bytes.Buffer
	var o Options
	if opt != nil {
		o = *opt
	}
	if err := Write(&buf, pages, info, th, o); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "a."+lang+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

// TestArchival draws the seed briefing in both languages as PDF/A-2u and,
// with files attached, PDF/A-3u, and checks what independent readers see:
// the PDF/A rules on the objects qpdf reads back (see checkArchival),
// qpdf --check, pdfcpu's strict validation, and Ghostscript drawing every
// page without a word on stderr.
func TestArchival(t *testing.T) {
	t.Parallel()
	testkit.Tool(t, "qpdf")
	gs := testkit.Tool(t, "gs")
	csv := layout.Attachment{Name: "indicators.csv", Description: "侵害指標（CSV）", MIME: "text/csv", Data: []byte("type,value\r\nipv4,203.0.113.10\r\n")}
	stix := layout.Attachment{Name: "indicators.stix.json", Description: "STIX", MIME: "application/stix+json;version=2.1", Data: []byte("{}\n")}
	for _, c := range []struct {
		name  string
		lang  string
		files []layout.Attachment
		part  int
	}{
		{"ja PDF/A-2u", "ja", nil, 2},
		{"en PDF/A-2u", "en", nil, 2},
		{"ja PDF/A-3u with files", "ja", []layout.Attachment{csv, stix}, 3},
		{"en PDF/A-3u with the source", "en", []layout.Attachment{{Name: "x.toml", Description: "source", MIME: "application/toml", Data: []byte("id = \"x\"\n"), Relationship: "Source"}}, 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			path, _ := archival(t, c.lang, c.files, nil)
			for _, f := range testkit.PDFA(t, path, c.part) {
				t.Error(f)
			}
			testkit.Run(t, "qpdf", "--check", path)
			api.DisableConfigDir()
			conf := pdfmodel.NewDefaultConfiguration()
			conf.ValidationMode = pdfmodel.ValidationStrict
			if c.part == 3 {
				// pdfcpu knows /AFRelationship from PDF 2.0 only, while
				// ISO 19005-3 asks for it in a PDF 1.7 file.
				conf.ValidationMode = pdfmodel.ValidationRelaxed
			}
			if err := api.ValidateFile(path, conf); err != nil {
				t.Errorf("pdfcpu validate -mode strict: %v", err)
			}
			out, err := exec.Command(gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", path).CombinedOutput()
			if err != nil || strings.TrimSpace(string(out)) != "" {
				t.Errorf("Ghostscript: %v\n%s", err, out)
			}
		})
	}
}

// TestPlainAndEncrypted: a plain PDF has no XMP metadata and no output
// intent, so the archival checks fail on it (they can fail); one to be
// encrypted keeps its metadata but claims no PDF/A part. Both keep what
// any reader needs: printed links, ASCII URIs, offset dates.
func TestPlainAndEncrypted(t *testing.T) {
	t.Parallel()
	path, _ := archival(t, "en", nil, &Options{Profile: Plain})
	fails := strings.Join(testkit.PDFA(t, path, 2), "\n")
	for _, want := range []string{"6.2.2: 0 output intents", "6.6.2.1: metadata stream dictionary"} {
		if !strings.Contains(fails, want) {
			t.Errorf("a plain PDF passes %q:\n%s", want, fails)
		}
	}
	for _, rule := range []string{"6.3.2", "6.6.1", "URI", "dates", "6.2.10", "6.1"} {
		if strings.Contains(fails, rule+":") || strings.Contains(fails, rule+" ") {
			t.Errorf("a plain PDF breaks %s:\n%s", rule, fails)
		}
	}
	root := testkit.ReadObjects(t, path)
	if r := root.Dict(root.Trailer["/Root"]); r["/Metadata"] != nil || r["/OutputIntents"] != nil {
		t.Errorf("a plain PDF's catalog has metadata or an output intent: %v", r)
	}

	path, _ = archival(t, "ja", nil, &Options{Encrypted: true})
	fails = strings.Join(testkit.PDFA(t, path, 2), "\n")
	if fails != `6.6.4: pdfaid:part "" conformance "", want 2 U` {
		t.Errorf("a PDF to be encrypted: want only the PDF/A identification missing, got:\n%s", fails)
	}
}

// TestArchivalLooksLikePlain: the XMP metadata, the output intent and the
// transparency group change no pixel of any page, as poppler and
// Ghostscript draw them.
func TestArchivalLooksLikePlain(t *testing.T) {
	t.Parallel()
	testkit.Tool(t, "pdftoppm")
	testkit.Tool(t, "gs")
	a, _ := archival(t, "ja", nil, nil)
	p, _ := archival(t, "ja", nil, &Options{Profile: Plain})
	dir := t.TempDir()
	for _, f := range []struct{ name, path string }{{"a", a}, {"p", p}} {
		testkit.Run(t, "pdftoppm", "-r", "40", "-png", f.path, filepath.Join(dir, "pp-"+f.name))
		testkit.Run(t, "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=png16m", "-r40",
			"-sOutputFile="+filepath.Join(dir, "gs-"+f.name+"-%d.png"), f.path)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "*-a-*.png"))
	if len(pngs) < 6 {
		t.Fatalf("%d pages drawn: %v", len(pngs), pngs)
	}
	for _, pa := range pngs {
		pp := strings.Replace(pa, "-a-", "-p-", 1)
		ia, ib := decodePNG(t, pa), decodePNG(t, pp)
		if !bytes.Equal(ia.Pix, ib.Pix) {
			t.Errorf("%s and %s differ", filepath.Base(pa), filepath.Base(pp))
		}
	}
}

func decodePNG(t *testing.T, path string) *image.NRGBA {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	out := image.NewNRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			out.Set(x, y, img.At(x, y))
		}
	}
	return out
}

// TestFileIdentifier: the trailer's /ID is a digest of the whole file:
// the same document gets the same one, two documents that differ in one
// letter of a page (same length, same fonts) different ones.
func TestFileIdentifier(t *testing.T) {
	t.Parallel()
	th := fixture.Theme(t)
	pages, info := seedPages(t, th, "en")
	id := func(pages []layout.Page) string {
		var buf bytes.Buffer
		if err := PDF(&buf, pages, info, th); err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]`).FindSubmatch(buf.Bytes())
		if m == nil || string(m[1]) != string(m[2]) {
			t.Fatalf("no /ID [<a> <a>] in the trailer: %q", buf.Bytes()[max(0, buf.Len()-200):])
		}
		return string(m[1])
	}
	first := id(pages)
	if again := id(pages); again != first {
		t.Errorf("the same document has /ID %s, then %s", first, again)
	}
	// One letter of a text box changed for another the fonts draw.
	changed := slices.Clone(pages)
	changed[0].Boxes = slices.Clone(pages[0].Boxes)
	done := false
	for i, b := range changed[0].Boxes {
		if tb, ok := b.(layout.TextBox); ok && strings.Contains(tb.Text, "e") && !done {
			tb.Text = strings.Replace(tb.Text, "e", "a", 1)
			changed[0].Boxes[i], done = tb, true
		}
	}
	if !done {
		t.Fatal("no text box with an e")
	}
	if other := id(changed); other == first {
		t.Errorf("two documents differing in one letter share /ID %s", first)
	}
}

// TestXMPEscaping: values with XML's special characters, line ends and
// characters XML cannot hold come back from an XML parser as the
// document information has them.
func TestXMPEscaping(t *testing.T) {
	t.Parallel()
	title := xmlText("a & b <c> \"d\"\r\ne\tf\x01g\uFFFEh")
	if title != "a & b <c> \"d\"\r\ne\tfgh" {
		t.Fatalf("xmlText kept %q", title)
	}
	var x testkit.XMP
	if err := xml.Unmarshal(xmp(meta{title: title, author: "A", marking: "TLP:RED", lang: "ja"}, 3, true), &x); err != nil {
		t.Fatal(err)
	}
	d := x.Desc[0]
	if got := d.Title.Items(); len(got) != 2 || got[0].Text != title || got[0].Lang != "x-default" || got[1].Lang != "ja" {
		t.Errorf("dc:title is %+v, want %q in x-default and ja", got, title)
	}
	if d.Part != "3" || d.Conf != "U" || d.UAPart != "1" || d.TLP != "TLP:RED" || len(d.Schemas.Li) != 2 {
		t.Errorf("identification %q %q %q, TLP %q, %d extension schemas", d.Part, d.Conf, d.UAPart, d.TLP, len(d.Schemas.Li))
	}
	if got := string(xmp(meta{}, 0, false)); strings.Contains(got, "pdfaid") || strings.Contains(got, "pdfaExtension") {
		t.Errorf("no PDF/A part and no extension properties, yet:\n%s", got)
	}
}

// TestASCIIURI: what package link did not already make ASCII is
// percent-encoded byte by byte.
func TestASCIIURI(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://example.com/a?b=c#d": "https://example.com/a?b=c#d",
		"https://例え.jp/パス":            "https://%E4%BE%8B%E3%81%88.jp/%E3%83%91%E3%82%B9",
		"https://x.org/a b\x7f":       "https://x.org/a%20b%7F",
	} {
		if got := asciiURI(in); got != want {
			t.Errorf("asciiURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLongMetadata: an 80,000-character title and subject (the longest
// texts tried) are cut in the document information and XMP alike, each
// to 8,000 UTF-16 units ending in "…", under PDF/A's 32,767-byte strings.
func TestLongMetadata(t *testing.T) {
	t.Parallel()
	th := fixture.Theme(t)
	pages, info := seedPages(t, th, "ja")
	info.Title = strings.Repeat("長い題名𠮷", 16000)
	info.Subject = strings.Repeat("long subject ", 6200)
	var buf bytes.Buffer
	if err := PDF(&buf, pages, info, th); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "long.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range testkit.PDFA(t, path, 2) {
		t.Error(f)
	}
	p := testkit.ReadObjects(t, path)
	in := p.Dict(p.Trailer["/Info"])
	for _, k := range []string{"/Title", "/Subject"} {
		s := testkit.PDFString(in[k])
		if n := len(utf16.Encode([]rune(s))); n > 8000 || !strings.HasSuffix(s, "…") || n < 7990 {
			t.Errorf("%s has %d UTF-16 units, ends %q", k, n, s[max(0, len(s)-12):])
		}
	}
}

// BenchmarkSeedKinds draws the Japanese seed briefing as each kind of PDF:
// plain, archival untagged (what PDF/A alone costs), and the default,
// archival and tagged.
func BenchmarkSeedKinds(b *testing.B) {
	th := fixture.Theme(b)
	pages, info := seedPages(b, th, "ja")
	for _, c := range []struct {
		name string
		opt  Options
	}{{"plain", Options{Profile: Plain}}, {"pdfa", Options{Untagged: true}}, {"pdfa+tags", Options{}}} {
		b.Run(c.name, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := Write(&buf, pages, info, th, c.opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "B/pdf")
		})
	}
}
