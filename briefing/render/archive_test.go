package render

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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
	pages[0].Boxes = append(slices.Clone(pages[0].Boxes), layout.Image{X: 500, Y: 20, W: 40, H: 20, Data: alphaPNG(t), Type: "png"})
	if len(pages) > 1 {
		pages[1].Boxes = append(slices.Clone(pages[1].Boxes), layout.Link{X: 60, Y: 700, W: 100, H: 12, URL: "https://例え.テスト/パス?q=値"})
	}
	info.Files = files
	info.Title += " <&\"R&D\">"
	info.Author = "SOC & <CSIRT>"
	var buf bytes.Buffer
	if err := PDFWith(&buf, pages, info, th, opt); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "a."+lang+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

// pdfObjects are a PDF's objects as qpdf --json (version 2) gives them.
type pdfObjects struct {
	objs    map[string]map[string]any
	trailer map[string]any
}

func readObjects(t testing.TB, path string) *pdfObjects {
	t.Helper()
	out := testkit.Run(t, "qpdf", "--json", "--json-stream-data=inline", path)
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.QPDF) != 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	p := &pdfObjects{}
	if err := json.Unmarshal(doc.QPDF[1], &p.objs); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	p.trailer, _ = p.objs["trailer"]["value"].(map[string]any)
	return p
}

// dict is the dictionary of v: v itself, the object v refers to, or a
// stream's dictionary.
func (p *pdfObjects) dict(v any) map[string]any {
	if s, ok := v.(string); ok && strings.HasSuffix(s, " R") {
		o := p.objs["obj:"+s]
		if d, ok := o["value"].(map[string]any); ok {
			return d
		}
		if st, ok := o["stream"].(map[string]any); ok {
			d, _ := st["dict"].(map[string]any)
			return d
		}
		return nil
	}
	d, _ := v.(map[string]any)
	return d
}

// array is the array v is or refers to.
func (p *pdfObjects) array(v any) []any {
	if s, ok := v.(string); ok && strings.HasSuffix(s, " R") {
		v = p.objs["obj:"+s]["value"]
	}
	a, _ := v.([]any)
	return a
}

// data is the decoded data of the stream ref refers to.
func (p *pdfObjects) data(ref any) []byte {
	s, _ := ref.(string)
	st, _ := p.objs["obj:"+s]["stream"].(map[string]any)
	enc, _ := st["data"].(string)
	b, _ := base64.StdEncoding.DecodeString(enc)
	return b
}

// str decodes a string as qpdf --json writes it: "u:" text, "b:" hex bytes
// (UTF-16BE with its mark when it is text).
func str(v any) string {
	s, _ := v.(string)
	switch {
	case strings.HasPrefix(s, "u:"):
		return s[2:]
	case strings.HasPrefix(s, "b:"):
		var b []byte
		fmt.Sscanf(s[2:], "%x", &b)
		if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
			u := make([]uint16, 0, len(b)/2)
			for i := 2; i+1 < len(b); i += 2 {
				u = append(u, binary.BigEndian.Uint16(b[i:]))
			}
			return string(utf16.Decode(u))
		}
		return string(b)
	}
	return s
}

// xmpPacket is what the tests read from XMP.
type xmpPacket struct {
	Desc []struct {
		Title    xmpList `xml:"http://purl.org/dc/elements/1.1/ title"`
		Creator  xmpList `xml:"http://purl.org/dc/elements/1.1/ creator"`
		Descr    xmpList `xml:"http://purl.org/dc/elements/1.1/ description"`
		Keywords string  `xml:"http://ns.adobe.com/pdf/1.3/ Keywords"`
		Producer string  `xml:"http://ns.adobe.com/pdf/1.3/ Producer"`
		Tool     string  `xml:"http://ns.adobe.com/xap/1.0/ CreatorTool"`
		Create   string  `xml:"http://ns.adobe.com/xap/1.0/ CreateDate"`
		Modify   string  `xml:"http://ns.adobe.com/xap/1.0/ ModifyDate"`
		MetaDate string  `xml:"http://ns.adobe.com/xap/1.0/ MetadataDate"`
		Part     string  `xml:"http://www.aiim.org/pdfa/ns/id/ part"`
		Conf     string  `xml:"http://www.aiim.org/pdfa/ns/id/ conformance"`
		UAPart   string  `xml:"http://www.aiim.org/pdfua/ns/id/ part"`
		TLP      string  `xml:"http://ns.adobe.com/pdfx/1.3/ TLP"`
		Schemas  struct {
			Li []struct {
				NS       string `xml:"http://www.aiim.org/pdfa/ns/schema# namespaceURI"`
				Prefix   string `xml:"http://www.aiim.org/pdfa/ns/schema# prefix"`
				Property struct {
					Li []struct {
						Name      string `xml:"http://www.aiim.org/pdfa/ns/property# name"`
						ValueType string `xml:"http://www.aiim.org/pdfa/ns/property# valueType"`
						Category  string `xml:"http://www.aiim.org/pdfa/ns/property# category"`
						Desc      string `xml:"http://www.aiim.org/pdfa/ns/property# description"`
					} `xml:"Seq>li"`
				} `xml:"http://www.aiim.org/pdfa/ns/schema# property"`
			} `xml:"Bag>li"`
		} `xml:"http://www.aiim.org/pdfa/ns/extension/ schemas"`
	} `xml:"RDF>Description"`
}

// xmpList is an rdf:Alt, rdf:Seq or rdf:Bag.
type xmpList struct {
	Alt []xmpLi `xml:"Alt>li"`
	Seq []xmpLi `xml:"Seq>li"`
	Bag []xmpLi `xml:"Bag>li"`
}

// items are the list's entries.
func (l xmpList) items() []xmpLi { return slices.Concat(l.Alt, l.Seq, l.Bag) }

type xmpLi struct {
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Text string `xml:",chardata"`
}

var pdfDate = regexp.MustCompile(`^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)\+00'00'$`)

// checkArchival checks the rules of ISO 19005-2 (and -3, when part is 3)
// that render implements, on the objects qpdf reads back from path, and
// returns the rules broken. The rules, by the clause of ISO 19005-2:
//
//   - 6.1.2: the header is %PDF-1.n followed by a comment of four bytes
//     above 127.
//   - 6.1.3: the trailer has /ID and no /Encrypt.
//   - 6.1.7.1: no stream dictionary has /F, /FFilter or /FDecodeParms.
//   - 6.2.2: the catalog's /OutputIntents has one /GTS_PDFA1 intent whose
//     /DestOutputProfile is an ICC stream with /N 3 and an RGB display
//     profile of version 2 or 4 (ICC header: size, 'acsp', 'RGB ').
//   - 6.2.10: a page that draws a soft-masked image has a transparency
//     /Group with a /CS.
//   - 6.2.11.3.2, 6.2.11.4.1, 6.2.11.7.2: every font is embedded, a
//     CIDFontType2 has /CIDToGIDMap, every Type0 font a /ToUnicode map
//     (level U).
//   - 6.3.2, 6.3.3: every annotation has the Print flag and none of
//     Hidden, Invisible, NoView; a Link has no appearance to need.
//   - 6.5.1, 6.6.1: no /JavaScript, /JS, /AA; actions are /URI only (no
//     Launch, Sound, Movie, ResetForm, ImportData, Hide, SetOCGState,
//     Rendition, Trans, GoTo3DView); a /URI is 7-bit ASCII (ISO 32000-1,
//     12.6.4.7).
//   - 6.6.2.1: the catalog's /Metadata is an unfiltered stream /Type
//     /Metadata /Subtype /XML holding well-formed XMP.
//   - 6.6.2.3.1: the document information's Title, Author, Subject,
//     Keywords, Creator, Producer, CreationDate and ModDate equal
//     dc:title (x-default), dc:creator (one entry), dc:description
//     (x-default), pdf:Keywords, xmp:CreatorTool, pdf:Producer,
//     xmp:CreateDate and xmp:ModifyDate; the custom key /TLP equals
//     pdfx:TLP.
//   - 6.6.2.3.3: each property outside XMP's own schemas (pdfx:TLP,
//     pdfuaid:part) is described by a PDF/A extension schema.
//   - 6.6.4: pdfaid:part is part, pdfaid:conformance U.
//   - dates: D:YYYYMMDDHHmmSS+00'00' (the form strict readers accept).
//   - ISO 19005-3, 6.8: each embedded file is an associated file: listed
//     in the catalog's /AF, its file specification with /F, /UF, /Desc
//     and /AFRelationship, its stream with a media type /Subtype
//     (type/subtype) and /Params /ModDate. Part 2 has no embedded files.
func checkArchival(t testing.TB, path string, part int) []string {
	t.Helper()
	var fails []string
	fail := func(format string, args ...any) { fails = append(fails, fmt.Sprintf(format, args...)) }
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if h := string(raw[:min(len(raw), 15)]); !regexp.MustCompile(`^%PDF-1\.[4-7]\n%`).MatchString(h) ||
		strings.IndexFunc(h[10:14], func(r rune) bool { return r < 0x80 }) >= 0 {
		fail("6.1.2: header %q", h)
	}
	p := readObjects(t, path)
	if id := p.array(p.trailer["/ID"]); len(id) != 2 {
		fail("6.1.3: trailer /ID is %v", p.trailer["/ID"])
	}
	if _, ok := p.trailer["/Encrypt"]; ok {
		fail("6.1.3: encrypted")
	}
	root := p.dict(p.trailer["/Root"])
	info := p.dict(p.trailer["/Info"])

	// Every object: forbidden keys and actions, stream dictionaries.
	forbidden := []string{"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide", "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView", "/JavaScript"}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, k := range []string{"/JavaScript", "/JS", "/AA"} {
				if _, ok := v[k]; ok {
					fail("6.6.1: a dictionary has %s", k)
				}
			}
			if s, ok := v["/S"].(string); ok && slices.Contains(forbidden, s) {
				fail("6.6.1: action %s", s)
			}
			if u, ok := v["/URI"]; ok {
				if s := str(u); strings.IndexFunc(s, func(r rune) bool { return r <= ' ' || r >= 0x7F }) >= 0 {
					fail("URI not 7-bit ASCII: %q", s)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	for name, o := range p.objs {
		if name == "trailer" {
			continue
		}
		walk(o["value"])
		if st, ok := o["stream"].(map[string]any); ok {
			d, _ := st["dict"].(map[string]any)
			walk(d)
			for _, k := range []string{"/F", "/FFilter", "/FDecodeParms"} {
				if _, ok := d[k]; ok {
					fail("6.1.7.1: stream %s has %s", name, k)
				}
			}
		}
	}

	// Output intent and its ICC profile.
	intents := p.array(root["/OutputIntents"])
	if len(intents) != 1 {
		fail("6.2.2: %d output intents", len(intents))
	}
	for _, oi := range intents {
		d := p.dict(oi)
		if d["/S"] != "/GTS_PDFA1" {
			fail("6.2.2: output intent /S %v", d["/S"])
		}
		if n, _ := p.dict(d["/DestOutputProfile"])["/N"].(float64); n != 3 {
			fail("6.2.2: ICC profile /N %v", n)
		}
		icc := p.data(d["/DestOutputProfile"])
		if len(icc) < 132 || int(binary.BigEndian.Uint32(icc)) != len(icc) || string(icc[36:40]) != "acsp" ||
			string(icc[12:20]) != "mntrRGB " || icc[8] != 2 && icc[8] != 4 {
			fail("6.2.2: the ICC profile's header is wrong: % x", icc[:min(len(icc), 40)])
		}
	}

	// Pages: transparency groups, annotations, fonts.
	fonts := map[string]bool{}
	for _, pg := range p.array(p.dict(root["/Pages"])["/Kids"]) {
		page := p.dict(pg)
		res := p.dict(page["/Resources"])
		soft := false
		for name, x := range p.dict(res["/XObject"]) {
			_, mask := p.dict(x)["/SMask"]
			if mask && bytes.Contains(p.data(page["/Contents"]), []byte(name+" Do")) {
				soft = true
			}
		}
		if g := p.dict(page["/Group"]); soft && (g["/S"] != "/Transparency" || g["/CS"] == nil) {
			fail("6.2.10: page %v draws a soft mask without a transparency group (%v)", pg, g)
		}
		for _, f := range p.dict(res["/Font"]) {
			fonts[f.(string)] = true
		}
		for _, a := range p.array(page["/Annots"]) {
			ad := p.dict(a)
			flags, _ := ad["/F"].(float64)
			if f := int(flags); f&4 == 0 || f&(1|2|32) != 0 {
				fail("6.3.2: annotation %v has /F %v", a, ad["/F"])
			}
			if act := p.dict(ad["/A"]); act != nil && act["/S"] != "/URI" {
				fail("6.6.1: annotation %v has action %v", a, act["/S"])
			}
		}
	}
	for f := range fonts {
		fd := p.dict(f)
		if fd["/Subtype"] == "/Type0" {
			if fd["/ToUnicode"] == nil {
				fail("6.2.11.7.2: font %s has no /ToUnicode", f)
			}
			for _, df := range p.array(fd["/DescendantFonts"]) {
				dd := p.dict(df)
				if dd["/Subtype"] == "/CIDFontType2" && dd["/CIDToGIDMap"] == nil {
					fail("6.2.11.3.2: font %s has no /CIDToGIDMap", f)
				}
				desc := p.dict(dd["/FontDescriptor"])
				if desc["/FontFile2"] == nil && desc["/FontFile3"] == nil && desc["/FontFile"] == nil {
					fail("6.2.11.4.1: font %s is not embedded", f)
				}
			}
		}
	}

	// Metadata.
	md := p.dict(root["/Metadata"])
	if md["/Type"] != "/Metadata" || md["/Subtype"] != "/XML" || md["/Filter"] != nil {
		fail("6.6.2.1: metadata stream dictionary %v", md)
	}
	packet := p.data(root["/Metadata"])
	if !bytes.Contains(raw, packet) || !bytes.HasPrefix(packet, []byte("<?xpacket begin=\"\ufeff\"")) {
		fail("6.6.2.1: the XMP packet is not in the file as it is")
	}
	var x xmpPacket
	if err := xml.Unmarshal(packet, &x); err != nil || len(x.Desc) == 0 {
		fail("6.6.2.1: XMP is not well-formed: %v", err)
		return fails
	}
	d := x.Desc[0]
	alt := func(lis []xmpLi) string {
		for _, li := range lis {
			if li.Lang == "x-default" {
				return li.Text
			}
		}
		return "(none)"
	}
	eq := func(key, xmp string) {
		if got := str(info[key]); got != xmp {
			fail("6.6.2.3.1: %s is %q, XMP has %q", key, got, xmp)
		}
	}
	eq("/Title", alt(d.Title.items()))
	if _, ok := info["/Author"]; !ok && len(d.Creator.items()) > 0 || ok && len(d.Creator.items()) != 1 {
		fail("6.6.2.3.1: /Author is %q, dc:creator has %d entries", str(info["/Author"]), len(d.Creator.items()))
	} else if ok {
		eq("/Author", d.Creator.items()[0].Text)
	}
	eq("/Subject", alt(d.Descr.items()))
	eq("/Keywords", d.Keywords)
	eq("/Producer", d.Producer)
	eq("/Creator", d.Tool)
	eq("/TLP", d.TLP)
	for key, xd := range map[string]string{"/CreationDate": d.Create, "/ModDate": d.Modify} {
		m := pdfDate.FindStringSubmatch(str(info[key]))
		if m == nil {
			fail("dates: %s is %q", key, str(info[key]))
			continue
		}
		if want := m[1] + "-" + m[2] + "-" + m[3] + "T" + m[4] + ":" + m[5] + ":" + m[6]; xd[:min(len(xd), 19)] != want ||
			xd[19:] != "+00:00" && xd[19:] != "Z" {
			fail("6.6.2.3.1: %s is %s, XMP has %s", key, str(info[key]), xd)
		}
	}
	if d.MetaDate == "" {
		fail("xmp:MetadataDate is missing")
	}
	described := map[string]bool{}
	for _, s := range d.Schemas.Li {
		for _, pr := range s.Property.Li {
			if pr.Name != "" && pr.ValueType != "" && (pr.Category == "internal" || pr.Category == "external") && pr.Desc != "" {
				described[s.NS+" "+s.Prefix+":"+pr.Name] = true
			}
		}
	}
	if d.TLP != "" && !described[nsPDFX+" pdfx:TLP"] {
		fail("6.6.2.3.3: pdfx:TLP has no extension schema")
	}
	if d.UAPart != "" && !described[nsPDFUAID+" pdfuaid:part"] {
		fail("6.6.2.3.3: pdfuaid:part has no extension schema")
	}
	if d.Part != strconv.Itoa(part) || d.Conf != "U" {
		fail("6.6.4: pdfaid:part %q conformance %q, want %d U", d.Part, d.Conf, part)
	}

	// Embedded files.
	var specs []any
	if names := p.dict(p.dict(root["/Names"])["/EmbeddedFiles"]); names != nil {
		n := p.array(names["/Names"])
		for i := 1; i < len(n); i += 2 {
			specs = append(specs, n[i])
		}
	}
	if part == 2 && len(specs) > 0 {
		fail("6.8: PDF/A-2 with %d embedded files", len(specs))
	}
	af := p.array(root["/AF"])
	for _, s := range specs {
		if !slices.Contains(af, s) {
			fail("ISO 19005-3 6.8: %v is not in the catalog's /AF", s)
		}
		fs := p.dict(s)
		for _, k := range []string{"/F", "/UF", "/Desc", "/AFRelationship"} {
			if fs[k] == nil {
				fail("ISO 19005-3 6.8: file specification %v has no %s", s, k)
			}
		}
		ef := p.dict(p.dict(fs["/EF"])["/F"])
		if st, _ := ef["/Subtype"].(string); !regexp.MustCompile(`^/[a-z]+/[a-z0-9.+-]+$`).MatchString(st) {
			fail("ISO 19005-3 6.8: embedded file %v has /Subtype %q", s, st)
		}
		if pd := p.dict(ef["/Params"]); pd["/ModDate"] == nil {
			fail("ISO 19005-3 6.8: embedded file %v has no /Params /ModDate", s)
		} else if !pdfDate.MatchString(str(pd["/ModDate"])) {
			fail("dates: embedded file %v modified %q", s, str(pd["/ModDate"]))
		}
	}
	return fails
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
			for _, f := range checkArchival(t, path, c.part) {
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
	fails := strings.Join(checkArchival(t, path, 2), "\n")
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
	root := readObjects(t, path)
	if r := root.dict(root.trailer["/Root"]); r["/Metadata"] != nil || r["/OutputIntents"] != nil {
		t.Errorf("a plain PDF's catalog has metadata or an output intent: %v", r)
	}

	path, _ = archival(t, "ja", nil, &Options{Encrypted: true})
	fails = strings.Join(checkArchival(t, path, 2), "\n")
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
	var x xmpPacket
	if err := xml.Unmarshal(xmp(meta{title: title, author: "A", marking: "TLP:RED", lang: "ja"}, 3, true), &x); err != nil {
		t.Fatal(err)
	}
	d := x.Desc[0]
	if got := d.Title.items(); len(got) != 2 || got[0].Text != title || got[0].Lang != "x-default" || got[1].Lang != "ja" {
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
