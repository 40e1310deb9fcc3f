package testkit

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// Objects are a PDF's objects as qpdf --json (version 2) gives them.
type Objects struct {
	objs    map[string]map[string]any
	Trailer map[string]any
}

// ReadObjects reads the objects of the PDF at path through qpdf --json.
func ReadObjects(t testing.TB, path string) *Objects {
	t.Helper()
	out := Run(t, "qpdf", "--json", "--json-stream-data=inline", path)
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.QPDF) != 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	p := &Objects{}
	if err := json.Unmarshal(doc.QPDF[1], &p.objs); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	p.Trailer, _ = p.objs["trailer"]["value"].(map[string]any)
	return p
}

// Dict is the dictionary of v: v itself, the object v refers to, or a
// stream's dictionary.
func (p *Objects) Dict(v any) map[string]any {
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

// Array is the array v is or refers to.
func (p *Objects) Array(v any) []any {
	if s, ok := v.(string); ok && strings.HasSuffix(s, " R") {
		v = p.objs["obj:"+s]["value"]
	}
	a, _ := v.([]any)
	return a
}

// Data is the decoded data of the stream ref refers to.
func (p *Objects) Data(ref any) []byte {
	s, _ := ref.(string)
	st, _ := p.objs["obj:"+s]["stream"].(map[string]any)
	enc, _ := st["data"].(string)
	b, _ := base64.StdEncoding.DecodeString(enc)
	return b
}

// PDFString decodes a string as qpdf --json writes it: "u:" text, "b:" hex bytes
// (UTF-16BE with its mark when it is text).
func PDFString(v any) string {
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

// stringBytes is the length in bytes of the string v as qpdf --json
// gives it: "u:" text is written in PDFDocEncoding when ASCII, else in
// UTF-16 with a mark; -1 for a value that is not a string.
func stringBytes(v any) int {
	s, _ := v.(string)
	switch {
	case strings.HasPrefix(s, "b:"):
		return (len(s) - 2) / 2
	case strings.HasPrefix(s, "u:"):
		s = s[2:]
		if strings.IndexFunc(s, func(r rune) bool { return r >= 0x80 }) < 0 {
			return len(s)
		}
		return 2 + 2*len(utf16.Encode([]rune(s)))
	}
	return -1
}

// XMP is what tests read from an XMP packet.
type XMP struct {
	Desc []struct {
		Title    XMPList `xml:"http://purl.org/dc/elements/1.1/ title"`
		Creator  XMPList `xml:"http://purl.org/dc/elements/1.1/ creator"`
		Descr    XMPList `xml:"http://purl.org/dc/elements/1.1/ description"`
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

// XMPList is an rdf:Alt, rdf:Seq or rdf:Bag.
type XMPList struct {
	Alt []XMPItem `xml:"Alt>li"`
	Seq []XMPItem `xml:"Seq>li"`
	Bag []XMPItem `xml:"Bag>li"`
}

// Items are the list's entries.
func (l XMPList) Items() []XMPItem { return slices.Concat(l.Alt, l.Seq, l.Bag) }

// XMPItem is an entry of an [XMPList].
type XMPItem struct {
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Text string `xml:",chardata"`
}

var pdfDate = regexp.MustCompile(`^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)\+00'00'$`)

// PDFA checks the rules of ISO 19005-2 (and -3, when part is 3) that
// package render implements, on the objects qpdf reads back from path,
// and returns the rules broken, each starting with its clause. part 0
// means the part the file should claim: 3 when it has embedded files,
// else 2. The rules, by the clause of ISO 19005-2:
//
//   - 6.1.2: the header is %PDF-1.n followed by a comment of four bytes
//     above 127.
//   - 6.1.3: the trailer has /ID and no /Encrypt.
//   - 6.1.7.1: no stream dictionary has /F, /FFilter or /FDecodeParms.
//   - 6.2.2: the catalog's /OutputIntents has one /GTS_PDFA1 intent whose
//     /DestOutputProfile is an ICC stream with /N 3 and an RGB display
//     profile of version 2 or 4 (ICC header: size, 'acsp', 'RGB ').
//   - 6.2.4.3, 6.2.8: every image is in DeviceRGB or DeviceGray (or a
//     palette over them; DeviceCMYK would need a CMYK output intent), not
//     interpolated, of 1, 2, 4, 8 or 16 bits per component.
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
//   - 6.1.13: no value of the document information is a string longer
//     than 32,767 bytes.
//   - dates: D:YYYYMMDDHHmmSS+00'00' (the form strict readers accept).
//   - ISO 19005-3, 6.8: each embedded file is an associated file: listed
//     in the catalog's /AF, its file specification with /F, /UF, /Desc
//     and /AFRelationship, its stream with a media type /Subtype
//     (type/subtype) and /Params /ModDate. Part 2 has no embedded files.
func PDFA(t testing.TB, path string, part int) []string {
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
	p := ReadObjects(t, path)
	if id := p.Array(p.Trailer["/ID"]); len(id) != 2 {
		fail("6.1.3: trailer /ID is %v", p.Trailer["/ID"])
	}
	if _, ok := p.Trailer["/Encrypt"]; ok {
		fail("6.1.3: encrypted")
	}
	root := p.Dict(p.Trailer["/Root"])
	if part == 0 {
		part = 2
		if p.Dict(root["/Names"])["/EmbeddedFiles"] != nil {
			part = 3
		}
	}
	info := p.Dict(p.Trailer["/Info"])

	// An image's colour space is device RGB or grey, or a palette over
	// them: the output intent is RGB, so DeviceCMYK (or a palette over
	// it) would need a CMYK one (6.2.4.3); /Interpolate is not true and
	// the bits per component are those PDF allows (6.2.8).
	image := func(name string, d map[string]any) {
		cs := d["/ColorSpace"]
		if a := p.Array(cs); len(a) == 4 && a[0] == "/Indexed" {
			cs = a[1]
		}
		if cs != "/DeviceRGB" && cs != "/DeviceGray" {
			fail("6.2.4.3: image %s in colour space %v, not DeviceRGB or DeviceGray (the output intent is RGB)", name, d["/ColorSpace"])
		}
		if d["/Interpolate"] == true {
			fail("6.2.8: image %s has /Interpolate true", name)
		}
		if b, _ := d["/BitsPerComponent"].(float64); !slices.Contains([]float64{1, 2, 4, 8, 16}, b) {
			fail("6.2.8: image %s has /BitsPerComponent %v", name, d["/BitsPerComponent"])
		}
	}

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
				if s := PDFString(u); strings.IndexFunc(s, func(r rune) bool { return r <= ' ' || r >= 0x7F }) >= 0 {
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
			if d["/Subtype"] == "/Image" {
				image(name, d)
			}
		}
	}

	// Output intent and its ICC profile.
	intents := p.Array(root["/OutputIntents"])
	if len(intents) != 1 {
		fail("6.2.2: %d output intents", len(intents))
	}
	for _, oi := range intents {
		d := p.Dict(oi)
		if d["/S"] != "/GTS_PDFA1" {
			fail("6.2.2: output intent /S %v", d["/S"])
		}
		if n, _ := p.Dict(d["/DestOutputProfile"])["/N"].(float64); n != 3 {
			fail("6.2.2: ICC profile /N %v", n)
		}
		icc := p.Data(d["/DestOutputProfile"])
		if len(icc) < 132 || int(binary.BigEndian.Uint32(icc)) != len(icc) || string(icc[36:40]) != "acsp" ||
			string(icc[12:20]) != "mntrRGB " || icc[8] != 2 && icc[8] != 4 {
			fail("6.2.2: the ICC profile's header is wrong: % x", icc[:min(len(icc), 40)])
		}
	}

	// Pages: transparency groups, annotations, fonts.
	fonts := map[string]bool{}
	for _, pg := range p.Array(p.Dict(root["/Pages"])["/Kids"]) {
		page := p.Dict(pg)
		res := p.Dict(page["/Resources"])
		soft := false
		for name, x := range p.Dict(res["/XObject"]) {
			_, mask := p.Dict(x)["/SMask"]
			if mask && bytes.Contains(p.Data(page["/Contents"]), []byte(name+" Do")) {
				soft = true
			}
		}
		if g := p.Dict(page["/Group"]); soft && (g["/S"] != "/Transparency" || g["/CS"] == nil) {
			fail("6.2.10: page %v draws a soft mask without a transparency group (%v)", pg, g)
		}
		for _, f := range p.Dict(res["/Font"]) {
			fonts[f.(string)] = true
		}
		for _, a := range p.Array(page["/Annots"]) {
			ad := p.Dict(a)
			flags, _ := ad["/F"].(float64)
			if f := int(flags); f&4 == 0 || f&(1|2|32) != 0 {
				fail("6.3.2: annotation %v has /F %v", a, ad["/F"])
			}
			if act := p.Dict(ad["/A"]); act != nil && act["/S"] != "/URI" {
				fail("6.6.1: annotation %v has action %v", a, act["/S"])
			}
		}
	}
	for f := range fonts {
		fd := p.Dict(f)
		if fd["/Subtype"] == "/Type0" {
			if fd["/ToUnicode"] == nil {
				fail("6.2.11.7.2: font %s has no /ToUnicode", f)
			}
			for _, df := range p.Array(fd["/DescendantFonts"]) {
				dd := p.Dict(df)
				if dd["/Subtype"] == "/CIDFontType2" && dd["/CIDToGIDMap"] == nil {
					fail("6.2.11.3.2: font %s has no /CIDToGIDMap", f)
				}
				desc := p.Dict(dd["/FontDescriptor"])
				if desc["/FontFile2"] == nil && desc["/FontFile3"] == nil && desc["/FontFile"] == nil {
					fail("6.2.11.4.1: font %s is not embedded", f)
				}
			}
		}
	}

	// Metadata.
	md := p.Dict(root["/Metadata"])
	if md["/Type"] != "/Metadata" || md["/Subtype"] != "/XML" || md["/Filter"] != nil {
		fail("6.6.2.1: metadata stream dictionary %v", md)
	}
	packet := p.Data(root["/Metadata"])
	if !bytes.Contains(raw, packet) || !bytes.HasPrefix(packet, []byte("<?xpacket begin=\"\ufeff\"")) {
		fail("6.6.2.1: the XMP packet is not in the file as it is")
	}
	var x XMP
	if err := xml.Unmarshal(packet, &x); err != nil || len(x.Desc) == 0 {
		fail("6.6.2.1: XMP is not well-formed: %v", err)
		return fails
	}
	d := x.Desc[0]
	alt := func(lis []XMPItem) string {
		for _, li := range lis {
			if li.Lang == "x-default" {
				return li.Text
			}
		}
		return "(none)"
	}
	eq := func(key, xmp string) {
		if got := PDFString(info[key]); got != xmp {
			fail("6.6.2.3.1: %s is %q, XMP has %q", key, got, xmp)
		}
	}
	for k, v := range info {
		if n := stringBytes(v); n > 32767 {
			fail("6.1.13: the document information's %s is a string of %d bytes", k, n)
		}
	}
	eq("/Title", alt(d.Title.Items()))
	if _, ok := info["/Author"]; !ok && len(d.Creator.Items()) > 0 || ok && len(d.Creator.Items()) != 1 {
		fail("6.6.2.3.1: /Author is %q, dc:creator has %d entries", PDFString(info["/Author"]), len(d.Creator.Items()))
	} else if ok {
		eq("/Author", d.Creator.Items()[0].Text)
	}
	eq("/Subject", alt(d.Descr.Items()))
	eq("/Keywords", d.Keywords)
	eq("/Producer", d.Producer)
	eq("/Creator", d.Tool)
	eq("/TLP", d.TLP)
	for key, xd := range map[string]string{"/CreationDate": d.Create, "/ModDate": d.Modify} {
		m := pdfDate.FindStringSubmatch(PDFString(info[key]))
		if m == nil {
			fail("dates: %s is %q", key, PDFString(info[key]))
			continue
		}
		if want := m[1] + "-" + m[2] + "-" + m[3] + "T" + m[4] + ":" + m[5] + ":" + m[6]; xd[:min(len(xd), 19)] != want ||
			xd[19:] != "+00:00" && xd[19:] != "Z" {
			fail("6.6.2.3.1: %s is %s, XMP has %s", key, PDFString(info[key]), xd)
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
	if d.TLP != "" && !described["http://ns.adobe.com/pdfx/1.3/ pdfx:TLP"] {
		fail("6.6.2.3.3: pdfx:TLP has no extension schema")
	}
	if d.UAPart != "" && !described["http://www.aiim.org/pdfua/ns/id/ pdfuaid:part"] {
		fail("6.6.2.3.3: pdfuaid:part has no extension schema")
	}
	if d.Part != strconv.Itoa(part) || d.Conf != "U" {
		fail("6.6.4: pdfaid:part %q conformance %q, want %d U", d.Part, d.Conf, part)
	}

	// Embedded files.
	var specs []any
	if names := p.Dict(p.Dict(root["/Names"])["/EmbeddedFiles"]); names != nil {
		n := p.Array(names["/Names"])
		for i := 1; i < len(n); i += 2 {
			specs = append(specs, n[i])
		}
	}
	if part == 2 && len(specs) > 0 {
		fail("6.8: PDF/A-2 with %d embedded files", len(specs))
	}
	af := p.Array(root["/AF"])
	for _, s := range specs {
		if !slices.Contains(af, s) {
			fail("ISO 19005-3 6.8: %v is not in the catalog's /AF", s)
		}
		fs := p.Dict(s)
		for _, k := range []string{"/F", "/UF", "/Desc", "/AFRelationship"} {
			if fs[k] == nil {
				fail("ISO 19005-3 6.8: file specification %v has no %s", s, k)
			}
		}
		ef := p.Dict(p.Dict(fs["/EF"])["/F"])
		if st, _ := ef["/Subtype"].(string); !regexp.MustCompile(`^/[a-z]+/[a-z0-9.+-]+$`).MatchString(st) {
			fail("ISO 19005-3 6.8: embedded file %v has /Subtype %q", s, st)
		}
		if pd := p.Dict(ef["/Params"]); pd["/ModDate"] == nil {
			fail("ISO 19005-3 6.8: embedded file %v has no /Params /ModDate", s)
		} else if !pdfDate.MatchString(PDFString(pd["/ModDate"])) {
			fail("dates: embedded file %v modified %q", s, PDFString(pd["/ModDate"]))
		}
	}
	return fails
}
