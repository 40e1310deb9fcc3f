package render

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"briefing/briefing/layout"
)

// attach writes the files (see [layout.Attachment]) and returns the catalog's entries for them,
// /Names with the /EmbeddedFiles name tree (sorted by name, as name trees
// are) and /AF, or "" when there are none. Each file's modification date
// is created, never the clock, so the bytes stay the same.
func attach(pw *writer, files []layout.Attachment, created time.Time) (string, error) {
	if len(files) == 0 {
		return "", nil
	}
	sorted := slices.Clone(files)
	slices.SortFunc(sorted, func(a, b layout.Attachment) int { return strings.Compare(a.Name, b.Name) })
	var names, af strings.Builder
	for i, f := range sorted {
		if f.Name == "" {
			return "", fmt.Errorf("an attached file has no name")
		}
		if i > 0 && sorted[i-1].Name == f.Name {
			return "", fmt.Errorf("two attached files are named %q", f.Name)
		}
		rel := f.Relationship
		switch rel {
		case "":
			rel = "Data"
		case "Data", "Source", "Alternative", "Supplement", "Unspecified":
		default:
			return "", fmt.Errorf("attached file %q: relationship %q is not one of Data, Source, Alternative, Supplement, Unspecified", f.Name, rel)
		}
		sum := md5.Sum(f.Data)
		stream, spec := pw.alloc(), pw.alloc()
		dict := " /Type /EmbeddedFile"
		if f.MIME != "" {
			// The media type's name, without parameters, as ISO 32000-2
			// (7.11.4) and ISO 19005-3 (6.8) want it: application/stix+json.
			mt, _, _ := strings.Cut(f.MIME, ";")
			dict += " /Subtype " + pdfName(strings.TrimSpace(mt))
		}
		dict += " /Params <</Size " + strconv.Itoa(len(f.Data)) + " /ModDate " + date(created) +
			" /CheckSum <" + hex.EncodeToString(sum[:]) + ">>>"
		if err := pw.stream(stream, dict, f.Data); err != nil {
			return "", err
		}
		s := "<</Type /Filespec /F " + text(f.Name) + " /UF " + text(f.Name)
		if f.Description != "" {
			s += " /Desc " + text(f.Description)
		}
		s += " /AFRelationship /" + rel + " /EF <</F " + ref(stream) + " /UF " + ref(stream) + ">>>>"
		pw.object(spec, s)
		names.WriteString(" " + text(f.Name) + " " + ref(spec))
		if i > 0 {
			af.WriteByte(' ')
		}
		af.WriteString(ref(spec))
	}
	return " /Names <</EmbeddedFiles <</Names [" + names.String()[1:] + "]>>>> /AF [" + af.String() + "]", nil
}

// pdfName writes s as a PDF name object, bytes outside the regular
// characters written #XX (ISO 32000-1 section 7.3.5): text/csv is
// /text#2Fcsv.
func pdfName(s string) string {
	b := []byte{'/'}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '!' || c > '~' || strings.IndexByte("#%()<>[]{}/", c) >= 0 {
			b = append(b, '#', "0123456789ABCDEF"[c>>4], "0123456789ABCDEF"[c&15])
		} else {
			b = append(b, c)
		}
	}
	return string(b)
}
