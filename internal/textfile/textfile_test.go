package textfile

import (
	"errors"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

const text = "format = 1\ntitle.ja = \"インシデントの表題\"\n"

func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16Bytes(s string, big, mark bool) []byte {
	var out []byte
	units := utf16.Encode([]rune(s))
	if mark {
		units = append([]uint16{0xfeff}, units...)
	}
	for _, u := range units {
		if big {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestUTF8(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want string // the text, when accepted
	}{
		{"plain", []byte(text), text},
		{"byte order mark dropped", []byte("\ufeff" + text), text},
		{"empty", nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := UTF8(c.data)
			if err != nil || got != c.want {
				t.Errorf("UTF8 = %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestNotUTF8(t *testing.T) {
	for _, c := range []struct {
		name      string
		data      []byte
		line, col int
		message   string
	}{
		{"Shift_JIS", encode(t, japanese.ShiftJIS, text), 2, 13,
			"the file is not UTF-8: it looks like Shift_JIS (Japanese Windows, CP932); save it as UTF-8"},
		{"Shift_JIS on line 1", encode(t, japanese.ShiftJIS, "# 障害\n"), 1, 3,
			"the file is not UTF-8: it looks like Shift_JIS (Japanese Windows, CP932); save it as UTF-8"},
		{"EUC-JP", encode(t, japanese.EUCJP, text), 2, 13,
			"the file is not UTF-8: it looks like EUC-JP; save it as UTF-8"},
		{"UTF-16 LE with mark", utf16Bytes(text, false, true), 1, 1,
			"the file is not UTF-8: it looks like UTF-16 (little-endian) with a byte order mark; save it as UTF-8"},
		{"UTF-16 BE with mark", utf16Bytes(text, true, true), 1, 1,
			"the file is not UTF-8: it looks like UTF-16 (big-endian) with a byte order mark; save it as UTF-8"},
		{"UTF-16 LE", utf16Bytes(text, false, false), 1, 1,
			"the file is not UTF-8: it looks like UTF-16 (little-endian); save it as UTF-8"},
		{"UTF-16 BE", utf16Bytes(text, true, false), 1, 1,
			"the file is not UTF-8: it looks like UTF-16 (big-endian); save it as UTF-8"},
		{"UTF-32 LE with mark", []byte{0xff, 0xfe, 0, 0, 'a', 0, 0, 0}, 1, 1,
			"the file is not UTF-8: it looks like UTF-32 (little-endian) with a byte order mark; save it as UTF-8"},
		{"two byte order marks", []byte("\ufeff\ufeffa = 1\n"), 1, 1,
			"the file starts with two byte order marks (U+FEFF): delete the second; TOML allows one at most, before line 1"},
		{"binary", []byte("a = 1\nb = \xff\xff\xff\n"), 2, 5,
			"the file is not UTF-8 text; save it as UTF-8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := UTF8(c.data)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("UTF8 = %v, want an *Error", err)
			}
			if e.Line != c.line || e.Col != c.col || e.Error() != c.message {
				t.Errorf("got %d:%d %q\nwant %d:%d %q", e.Line, e.Col, e.Error(), c.line, c.col, c.message)
			}
		})
	}
}

// TestDecode: a file in an encoding UTF8 names is given back as text;
// UTF-8 and encodings it cannot name are not.
func TestDecode(t *testing.T) {
	const head = "title = \"表題\"\ndate = 2021-05-06\n"
	for _, e := range []encoding.Encoding{japanese.ShiftJIS, japanese.EUCJP,
		unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), unicode.UTF16(unicode.BigEndian, unicode.UseBOM),
		unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)} {
		b, err := e.NewEncoder().Bytes([]byte(head))
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := Decode(b); !ok || got != head {
			t.Errorf("%v: Decode = %q, %v", e, got, ok)
		}
	}
	for _, b := range []string{head, "date = 2021-05-06\n\xff\xfe\xfd\x80\n"} {
		if got, ok := Decode([]byte(b)); ok {
			t.Errorf("Decode(%q) = %q", b, got)
		}
	}
}
