package render

import (
	"strconv"
	"strings"
	"time"
)

// Profile is the kind of PDF [Write] writes.
type Profile int

const (
	// Archival, the default, is PDF/A-2u (ISO 19005-2, level U), or
	// PDF/A-3u (ISO 19005-3) when files are attached, since PDF/A-2 takes
	// only PDF/A files as attachments: XMP metadata matching the document
	// information, and an sRGB output intent with its ICC profile.
	Archival Profile = iota
	// Plain is an untagged PDF 1.7 without XMP metadata or output intent,
	// for the smallest file.
	Plain
)

// Options say how [Write] writes a PDF. The zero value writes an archival
// PDF, tagged when the pages carry their structure.
type Options struct {
	Profile Profile
	// Untagged leaves the structure out: no marked content, no structure
	// tree (Plain is untagged too).
	Untagged bool
	// Encrypted says that the PDF is to be encrypted before it is
	// published: ISO 19005 forbids encryption, so an archival PDF's
	// metadata then leaves out its PDF/A identification (and keeps the
	// rest).
	Encrypted bool
}

// archive writes the objects of an archival PDF that the catalog refers to
// (its XMP metadata and output intent) and returns the catalog's entries
// for them. part is 2 or 3 (PDF/A-2 or PDF/A-3), 0 for none; ua claims
// PDF/UA-1 (ISO 14289-1) too.
func archive(pw *writer, m meta, part int, ua bool) string {
	md := pw.alloc()
	// Uncompressed, so that a program finding XMP packets by their
	// header in the file's bytes sees it (ISO 19005-2, 6.6.2.1).
	pw.raw(md, " /Type /Metadata /Subtype /XML", xmp(m, part, ua))
	icc, intent := pw.alloc(), pw.alloc()
	pw.raw(icc, " /N 3 /Filter /FlateDecode", sRGBDeflated())
	pw.object(intent, "<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1)"+
		" /RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) /DestOutputProfile "+ref(icc)+">>")
	return " /Metadata " + ref(md) + " /OutputIntents [" + ref(intent) + "]"
}

// sRGBDeflated returns [sRGB] compressed with zlib at its best
// compression (compress/zlib), 388 bytes. The bytes are kept here rather
// than compressed at each start: the compressor needs about a megabyte of
// fresh memory, a twentieth of a cold "briefing render". TestSRGBDeflated
// checks them against the profile.
func sRGBDeflated() []byte { return srgbDeflated[:len(srgbDeflated):len(srgbDeflated)] }

var srgbDeflated = [...]byte{
	0x78, 0xda, 0x62, 0x60, 0x60, 0x4a, 0x61, 0x60, 0x60, 0x60, 0x60, 0x12, 0x60, 0x60, 0xc8, 0xcd,
	0x2b, 0x29, 0x0a, 0x72, 0x77, 0x52, 0x88, 0x88, 0x8c, 0x52, 0x60, 0x7f, 0xc5, 0xc0, 0xc8, 0xc0,
	0xc8, 0x00, 0x06, 0x89, 0xc9, 0xc5, 0x05, 0x0c, 0x78, 0xc1, 0xb7, 0x6b, 0x10, 0xb5, 0x97, 0x75,
	0x19, 0x48, 0x07, 0x9c, 0x29, 0xa9, 0xc5, 0xc9, 0x0c, 0x0c, 0x0c, 0x1f, 0x18, 0x18, 0x18, 0x72,
	0x92, 0x0b, 0x8a, 0x4a, 0x18, 0x18, 0x18, 0x63, 0x18, 0x18, 0x18, 0x74, 0xca, 0x4b, 0x0a, 0x40,
	0xec, 0x0e, 0x06, 0x06, 0x06, 0x91, 0xa2, 0x88, 0xc8, 0x28, 0x06, 0x06, 0xc6, 0x39, 0x20, 0x76,
	0x3a, 0x84, 0xbd, 0x01, 0xc4, 0x4e, 0x82, 0xb0, 0x8f, 0x80, 0xd5, 0x84, 0x04, 0x39, 0x33, 0x30,
	0x30, 0xde, 0x60, 0x60, 0x60, 0xe8, 0x49, 0x47, 0x62, 0x27, 0x21, 0xb1, 0xa1, 0x76, 0x81, 0x80,
	0x50, 0x31, 0xc8, 0xb3, 0x9e, 0xae, 0xce, 0x66, 0x86, 0x96, 0x66, 0x66, 0xba, 0x46, 0x7a, 0x86,
	0x0c, 0xd4, 0x05, 0x25, 0xa9, 0x15, 0x25, 0x20, 0x3a, 0xa0, 0x34, 0x29, 0x27, 0x33, 0x59, 0x21,
	0x25, 0x3f, 0x37, 0x31, 0x33, 0xcf, 0x5a, 0x21, 0x39, 0x3f, 0xb7, 0xa0, 0xb4, 0x24, 0x35, 0x45,
	0x21, 0xa9, 0x52, 0x21, 0xa9, 0x28, 0x33, 0x35, 0x2d, 0x33, 0x2f, 0x9d, 0x01, 0x14, 0xe6, 0x10,
	0x5d, 0x9f, 0x03, 0xc1, 0x61, 0xc9, 0x28, 0x76, 0x06, 0x21, 0x96, 0xbf, 0x80, 0x81, 0xc1, 0xe2,
	0x2b, 0x03, 0x03, 0xf3, 0x04, 0x84, 0x58, 0xd2, 0x74, 0x06, 0x86, 0xed, 0xed, 0x0c, 0x0c, 0x12,
	0x37, 0x11, 0x62, 0x2a, 0xf3, 0x19, 0x18, 0xf8, 0x5b, 0x18, 0x18, 0xb6, 0x1d, 0x4e, 0x2e, 0x2d,
	0x2a, 0x83, 0x3a, 0xc3, 0x81, 0x81, 0x81, 0x21, 0x90, 0x61, 0x21, 0xc3, 0x17, 0xc6, 0x48, 0xc6,
	0x4b, 0x4c, 0x89, 0xcc, 0x1c, 0xcc, 0x47, 0x59, 0xe6, 0xb0, 0xf6, 0xb0, 0x4d, 0x67, 0xdf, 0xc3,
	0xf1, 0x97, 0x2b, 0x9a, 0xfb, 0x1a, 0x6f, 0x3e, 0xbf, 0xba, 0xc0, 0x5f, 0xa1, 0xcf, 0xa2, 0x5c,
	0xe2, 0x8e, 0x92, 0xb3, 0x64, 0x44, 0xe5, 0x36, 0x29, 0x16, 0xa9, 0x84, 0xa9, 0xc7, 0x69, 0x75,
	0xe9, 0xde, 0x36, 0x0c, 0x32, 0x79, 0x6f, 0xb1, 0xd1, 0x66, 0xb6, 0xc3, 0x1a, 0x97, 0x27, 0x9e,
	0xae, 0xbe, 0xe7, 0x82, 0x1a, 0xc2, 0xa3, 0x63, 0x12, 0x12, 0xfb, 0xd2, 0x5e, 0xe4, 0xe4, 0x14,
	0x49, 0x97, 0x7f, 0xab, 0xfd, 0xdb, 0x62, 0xd0, 0xd5, 0x3f, 0x51, 0x66, 0xfa, 0xb5, 0x79, 0xfb,
	0x96, 0x5e, 0x59, 0x2b, 0xb1, 0xa5, 0x7b, 0x8f, 0xee, 0xe1, 0x7f, 0xa7, 0xff, 0x5f, 0x31, 0xb8,
	0x33, 0xf1, 0xa9, 0xf2, 0xdb, 0xa7, 0xdf, 0x6e, 0xfe, 0xff, 0x0f, 0x08, 0x00, 0x00, 0xff, 0xff,
	0x8e, 0xec, 0x7e, 0x10,
}

// meta is the document information as written: each value both into the
// information dictionary and, for an archival PDF, into XMP, where ISO
// 19005-2 (6.6.2.3.1) wants them equal.
type meta struct {
	title, author, subject, keywords, marking string
	lang                                      string
	created                                   time.Time
}

// producer names the program in /Creator and /Producer.
const producer = "briefing"

// xmlText keeps the characters of s that XML 1.0 allows (not most C0
// controls, U+FFFE, U+FFFF), so that the value can be written the same in
// the information dictionary and in XMP.
func xmlText(s string) string {
	ok := func(r rune) bool {
		return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF && r != 0x7F
	}
	for _, r := range s {
		if !ok(r) {
			return strings.Map(func(r rune) rune {
				if ok(r) {
					return r
				}
				return -1
			}, s)
		}
	}
	return s
}

// maxMeta is the most UTF-16 code units a value of the document
// information keeps: ISO 19005-2 (6.1.13) allows strings of at most
// 32,767 bytes, and a title or subject is read long before that.
const maxMeta = 8000

// clip is s cut to at most maxMeta UTF-16 code units, at a character,
// ending in "…" when cut.
func clip(s string) string {
	if len(s) <= maxMeta {
		return s
	}
	n := 0
	for i, r := range s {
		w := 1
		if r > 0xFFFF {
			w = 2
		}
		if n+w > maxMeta-1 {
			return s[:i] + "…"
		}
		n += w
	}
	return s
}

// xmlEscape appends s to b escaped for XML element content and attribute
// values. Tab and line ends are written as character references, which
// XML parsers keep as they are (a raw CR would be read as LF).
func xmlEscape(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '"':
			b = append(b, "&quot;"...)
		case '\t', '\n', '\r':
			b = append(b, "&#"...)
			b = strconv.AppendInt(b, int64(c), 10)
			b = append(b, ';')
		default:
			b = append(b, c)
		}
	}
	return b
}

// xmpDate is t as an XMP date (ISO 8601), in UTC, the same instant as
// [date] writes.
func xmpDate(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05") + "+00:00"
}

// Namespaces of the XMP metadata.
const (
	nsPDFUAID = "http://www.aiim.org/pdfua/ns/id/"
	nsPDFX    = "http://ns.adobe.com/pdfx/1.3/"
)

// xmp is the XMP packet (ISO 16684-1) of an archival PDF: Dublin Core's
// title, creator (the author), description (the subject) and language;
// the keywords, producer, creator tool and dates as in the document
// information; the TLP label as pdfx:TLP, where Acrobat puts a custom
// key of the document information; the PDF/A identification (part 2 or
// 3, conformance U) unless part is 0, the PDF/UA identification when ua;
// and the PDF/A extension schemas that describe pdfx and pdfuaid, which
// ISO 19005-2 (6.6.2.3.2) asks for every property outside the XMP
// specification's own schemas.
func xmp(m meta, part int, ua bool) []byte {
	b := make([]byte, 0, 2048)
	b = append(b, "<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"+
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"+
		"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\""+
		" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""...)
	ext := m.marking != "" || ua
	if part > 0 {
		b = append(b, " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\""...)
	}
	if ua {
		b = append(b, " xmlns:pdfuaid=\""+nsPDFUAID+"\""...)
	}
	if m.marking != "" {
		b = append(b, " xmlns:pdfx=\""+nsPDFX+"\""...)
	}
	if ext {
		b = append(b, " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""+
			" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\""...)
	}
	b = append(b, ">\n<dc:format>application/pdf</dc:format>\n"...)
	lang := pdfString(m.lang)
	if m.title != "" {
		b = append(b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">"...)
		b = xmlEscape(b, m.title)
		b = append(b, "</rdf:li>"...)
		if lang != "" {
			b = append(b, "<rdf:li xml:lang=\""...)
			b = xmlEscape(b, lang)
			b = append(b, "\">"...)
			b = xmlEscape(b, m.title)
			b = append(b, "</rdf:li>"...)
		}
		b = append(b, "</rdf:Alt></dc:title>\n"...)
	}
	if m.author != "" {
		b = append(b, "<dc:creator><rdf:Seq><rdf:li>"...)
		b = xmlEscape(b, m.author)
		b = append(b, "</rdf:li></rdf:Seq></dc:creator>\n"...)
	}
	if m.subject != "" {
		b = append(b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">"...)
		b = xmlEscape(b, m.subject)
		b = append(b, "</rdf:li></rdf:Alt></dc:description>\n"...)
	}
	if lang != "" {
		b = append(b, "<dc:language><rdf:Bag><rdf:li>"...)
		b = xmlEscape(b, lang)
		b = append(b, "</rdf:li></rdf:Bag></dc:language>\n"...)
	}
	if m.keywords != "" {
		b = append(b, "<pdf:Keywords>"...)
		b = xmlEscape(b, m.keywords)
		b = append(b, "</pdf:Keywords>\n"...)
	}
	d := xmpDate(m.created)
	b = append(b, "<pdf:Producer>"+producer+"</pdf:Producer><xmp:CreatorTool>"+producer+"</xmp:CreatorTool>\n"+
		"<xmp:CreateDate>"+d+"</xmp:CreateDate><xmp:ModifyDate>"+d+"</xmp:ModifyDate><xmp:MetadataDate>"+d+"</xmp:MetadataDate>\n"...)
	if m.marking != "" {
		b = append(b, "<pdfx:TLP>"...)
		b = xmlEscape(b, m.marking)
		b = append(b, "</pdfx:TLP>\n"...)
	}
	if part > 0 {
		b = append(b, "<pdfaid:part>"+strconv.Itoa(part)+"</pdfaid:part><pdfaid:conformance>U</pdfaid:conformance>\n"...)
	}
	if ua {
		b = append(b, "<pdfuaid:part>1</pdfuaid:part>\n"...)
	}
	if ext {
		b = append(b, "<pdfaExtension:schemas><rdf:Bag>\n"...)
		if ua {
			b = extension(b, "PDF/UA identification", nsPDFUAID, "pdfuaid", "part", "Integer", "internal",
				"The part of ISO 14289 the document conforms to")
		}
		if m.marking != "" {
			b = extension(b, "PDF document information", nsPDFX, "pdfx", "TLP", "Text", "external",
				"The document's Traffic Light Protocol 2.0 label, as the custom key TLP of the document information")
		}
		b = append(b, "</rdf:Bag></pdfaExtension:schemas>\n"...)
	}
	return append(b, "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"r\"?>"...)
}

// extension appends the description of an XMP schema with one property,
// as a PDF/A extension schema (ISO 19005-2, 6.6.2.3.3).
func extension(b []byte, schema, ns, prefix, name, valueType, category, desc string) []byte {
	b = append(b, "<rdf:li rdf:parseType=\"Resource\"><pdfaSchema:schema>"+schema+"</pdfaSchema:schema>"+
		"<pdfaSchema:namespaceURI>"+ns+"</pdfaSchema:namespaceURI><pdfaSchema:prefix>"+prefix+"</pdfaSchema:prefix>\n"+
		"<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>"+name+"</pdfaProperty:name>"+
		"<pdfaProperty:valueType>"+valueType+"</pdfaProperty:valueType><pdfaProperty:category>"+category+"</pdfaProperty:category>"+
		"<pdfaProperty:description>"...)
	b = xmlEscape(b, desc)
	return append(b, "</pdfaProperty:description></rdf:li></rdf:Seq></pdfaSchema:property></rdf:li>\n"...)
}

// asciiURI is uri with every byte outside printable ASCII percent-encoded
// (ISO 32000-1, 12.6.4.7: a URI is 7-bit ASCII). Package link gives URLs
// already in that form (the host in punycode); this keeps any other
// caller's URL a valid one, where browsers decode a percent-encoded host.
func asciiURI(uri string) string {
	for i := 0; i < len(uri); i++ {
		if c := uri[i]; c <= ' ' || c >= 0x7F {
			var b strings.Builder
			for j := 0; j < len(uri); j++ {
				if c := uri[j]; c <= ' ' || c >= 0x7F {
					b.WriteByte('%')
					b.WriteByte("0123456789ABCDEF"[c>>4])
					b.WriteByte("0123456789ABCDEF"[c&15])
				} else {
					b.WriteByte(c)
				}
			}
			return b.String()
		}
	}
	return uri
}
