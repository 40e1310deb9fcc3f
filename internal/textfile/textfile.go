// Package textfile checks that a file is text in UTF-8, as TOML requires
// (TOML 1.0, "Spec"), and says what encoding it looks like when it is not,
// so that a file saved as Shift_JIS or UTF-16 by an editor gets a message
// that tells its writer what to do.
package textfile

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// Error is a file that is not UTF-8. Line and Col (from 1, the column
// counted in characters) are the place of its first byte that is not
// UTF-8, or 1:1 for a file that is UTF-16 or UTF-32 throughout.
type Error struct {
	Line, Col int
	// Encoding names what the bytes look like, for people: "Shift_JIS",
	// "UTF-16 (little-endian) with a byte order mark"; "" when unknown.
	Encoding string
	// Message, when set, is the whole message (a second byte order mark).
	Message string
}

// Error says what the file looks like and that it must be saved as UTF-8.
func (e *Error) Error() string {
	if e.Message != "" {
		return e.Message
	}
	if e.Encoding == "" {
		return "the file is not UTF-8 text; save it as UTF-8"
	}
	return fmt.Sprintf("the file is not UTF-8: it looks like %s; save it as UTF-8", e.Encoding)
}

// UTF8 returns data as a string without a leading byte order mark
// (U+FEFF), which some editors write and which is no column of line 1.
// It returns an *Error when data is not UTF-8, or when a second mark
// follows the first (TOML 1.0 allows none there; the decoders would drop
// it silently).
func UTF8(data []byte) (string, error) {
	for _, b := range []struct {
		mark []byte
		name string
	}{
		// UTF-32's marks first: UTF-16 LE's is a prefix of UTF-32 LE's.
		{[]byte{0xff, 0xfe, 0, 0}, "UTF-32 (little-endian) with a byte order mark"},
		{[]byte{0, 0, 0xfe, 0xff}, "UTF-32 (big-endian) with a byte order mark"},
		{[]byte{0xff, 0xfe}, "UTF-16 (little-endian) with a byte order mark"},
		{[]byte{0xfe, 0xff}, "UTF-16 (big-endian) with a byte order mark"},
	} {
		if bytes.HasPrefix(data, b.mark) {
			return "", &Error{Line: 1, Col: 1, Encoding: b.name}
		}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return "", &Error{Line: 1, Col: 1, Message: "the file starts with two byte order marks (U+FEFF): delete the second; TOML allows one at most, before line 1"}
	}
	if name := wide(data); name != "" {
		return "", &Error{Line: 1, Col: 1, Encoding: name}
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	// In a file that is all in another encoding the first character
	// beyond ASCII is the first wrong one; in a UTF-8 file with a few bad
	// bytes, the first bad byte.
	name := guess(data)
	bad := firstInvalid(data)
	if name != "" {
		bad = bytes.IndexFunc(data, func(r rune) bool { return r >= utf8.RuneSelf })
	}
	line := bytes.Count(data[:bad], []byte("\n")) + 1
	ls := bytes.LastIndexByte(data[:bad], '\n') + 1
	col := utf8.RuneCount(data[ls:bad]) + 1
	return "", &Error{Line: line, Col: col, Encoding: name}
}

// wide names UTF-16 or UTF-32 without a byte order mark: text whose
// every second (or fourth) byte is mostly zero. TOML text is mostly
// ASCII, so such a file has a zero in most of its code units.
func wide(data []byte) string {
	n := min(len(data), 4096) &^ 3
	if n < 4 || bytes.IndexByte(data[:n], 0) < 0 { // no zero, no code unit of UTF-16
		return ""
	}
	var zeros [4]int
	for i := 0; i < n; i++ {
		if data[i] == 0 {
			zeros[i%4]++
		}
	}
	units := n / 4
	most := func(k int) bool { return zeros[k] > units/2 }
	switch {
	case most(1) && most(2) && most(3):
		return "UTF-32 (little-endian)"
	case most(0) && most(1) && most(2):
		return "UTF-32 (big-endian)"
	case most(1) && most(3):
		return "UTF-16 (little-endian)"
	case most(0) && most(2):
		return "UTF-16 (big-endian)"
	}
	return ""
}

// firstInvalid returns the offset of the first byte of data that is not
// part of a UTF-8 encoded character.
func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// guess names the Japanese encoding that data decodes in without errors:
// EUC-JP, whose characters are two bytes from 0xA1 (or 0x8E, 0x8F and
// such a pair), is tried before Shift_JIS, whose lead bytes start at
// 0x81, since EUC-JP text often also decodes as Shift_JIS but rarely
// the other way round. "" when neither fits.
func guess(data []byte) string {
	if eucJP(data) && decodes(japanese.EUCJP, data) {
		return "EUC-JP"
	}
	if decodes(japanese.ShiftJIS, data) {
		return "Shift_JIS (Japanese Windows, CP932)"
	}
	return ""
}

// eucJP reports whether data's bytes above ASCII are all EUC-JP's:
// 0xA1–0xFE, and the single shifts 0x8E and 0x8F.
func eucJP(data []byte) bool {
	for _, b := range data {
		if b >= 0x80 && b < 0xa1 && b != 0x8e && b != 0x8f {
			return false
		}
	}
	return true
}

// decodes reports whether data decodes in e without a replacement
// character: the decoders of golang.org/x/text write U+FFFD for bytes
// that are not of their encoding.
func decodes(e encoding.Encoding, data []byte) bool {
	out, err := e.NewDecoder().Bytes(data)
	return err == nil && !bytes.ContainsRune(out, utf8.RuneError)
}

// Decode returns data decoded from the encoding [UTF8] finds it looks
// like, for a reader that wants the text whatever its encoding (a
// digest placing an old file in time): UTF-16 with or without a byte
// order mark, EUC-JP or Shift_JIS. ok is false for UTF-8 (use [UTF8]),
// UTF-32 and unknown encodings.
func Decode(data []byte) (text string, ok bool) {
	var e encoding.Encoding
	switch name := guessAll(data); {
	case strings.HasPrefix(name, "UTF-16 (little-endian)"):
		e = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	case strings.HasPrefix(name, "UTF-16 (big-endian)"):
		e = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	case name == "EUC-JP":
		e = japanese.EUCJP
	case strings.HasPrefix(name, "Shift_JIS"):
		e = japanese.ShiftJIS
	default:
		return "", false
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", false
	}
	return strings.TrimPrefix(string(out), "\uFEFF"), true
}

// Lenient is data as text for placing a message of a file that is not
// UTF-8 ([Error]): decoded in the encoding it looks like ([Decode]), else
// with each run of bytes that is not UTF-8 as U+FFFD. The lines and
// columns up to the place of its Error are those of the file.
func Lenient(data []byte) string {
	if text, ok := Decode(data); ok {
		return text
	}
	return strings.ToValidUTF8(strings.TrimPrefix(string(data), "\uFEFF"), "\uFFFD")
}

// guessAll is the encoding [UTF8] names for data, "" when it names none
// or data is UTF-8.
func guessAll(data []byte) string {
	_, err := UTF8(data)
	if e, ok := err.(*Error); ok {
		return e.Encoding
	}
	return ""
}
