// Package validate checks an incident file read by package load against
// every rule of the incident format, version 1, and builds the
// [model.Incident] that later stages read.
//
// All problems of a file are reported, each naming the file, line, column,
// key path and what is allowed. Text is normalized to NFC, line breaks to
// "\n"; every text keeps its key path and position in [model.Text].Source.
package validate

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"briefing/briefing/diag"
	"briefing/briefing/link"
	"briefing/briefing/load"
	"briefing/briefing/model"
	"briefing/internal/tomlkey"
)

// FormatVersion is the newest value of the `format` key this package
// reads; every format from 1 to it is read (2 reads the texts as Markdown,
// see package markdown).
const FormatVersion = 2

// defaultLanguages are the briefings made of a file whose `title` is a
// plain string and which has no `languages` key.
func defaultLanguages() []string { return []string{"ja", "en"} }

// Incident checks raw and returns the incident it defines. The incident is
// nil when the list has an error; the list is sorted by position.
func Incident(raw *load.Raw) (*model.Incident, diag.List) {
	if raw == nil {
		return nil, nil
	}
	c := &checker{raw: raw, refs: map[string]bool{}, others: map[string]model.Source{}}
	inc := c.incident()
	c.ds.Sort()
	if c.ds.HasErrors() {
		return nil, c.ds
	}
	return inc, c.ds
}

type checker struct {
	raw        *load.Raw
	places     map[string]model.Pos    // see model.Incident.Places
	inRow      bool                    // in a procurement row, which keeps its positions (see model.Purchase)
	others     map[string]model.Source // languages not rendered → their first text
	otherOrder []string                // those languages in file order
	format     int                     // the file's format, 0 when wrong
	markdown   bool                    // the text being checked is Markdown: prose checks its citations
	ds         diag.List
	refs       map[string]bool   // reference ids
	cites      []cite            // citations to resolve once references are known
	tags       map[string]string // language tags as written → canonicalized
}

type cite struct {
	ref string
	key string
	pos model.Pos
}

// errorf reports an error at pos (line 1 where the file has no position
// for it, so that no message lacks a line).
func (c *checker) errorf(pos model.Pos, key, format string, args ...any) {
	if pos.Line == 0 {
		pos = model.Pos{Line: 1, Col: 1}
	}
	c.ds = append(c.ds, diag.Diagnostic{File: c.raw.File, Line: pos.Line, Col: pos.Col, Key: key, Message: fmt.Sprintf(format, args...)})
}

// warnf reports a warning at pos.
func (c *checker) warnf(pos model.Pos, key, format string, args ...any) {
	c.errorf(pos, key, format, args...)
	c.ds[len(c.ds)-1].Severity = diag.Warning
}

// bad reports an error about v's value.
func (c *checker) bad(v load.Value, format string, args ...any) {
	c.errorf(at(v), v.Key, format, args...)
}

// at is the position of v's value, or of its key.
func at(v load.Value) model.Pos {
	if v.At.Line > 0 {
		return v.At
	}
	return v.Pos
}

// loc returns the value position of a key path.
func (c *checker) loc(path string) model.Pos {
	l, _ := c.raw.Loc(path)
	return l.Value
}

// missing reports a required key that is absent from the table or entry
// named table ("" for the top level).
func (c *checker) missing(v load.Value, table, what string) {
	pos := model.Pos{Line: 1, Col: 1}
	if table != "" {
		if l, ok := c.raw.Loc(table); ok {
			pos = l.Key
		}
	}
	c.errorf(pos, v.Key, "missing; %s", what)
}

func (c *checker) incident() *model.Incident {
	r := c.raw
	inc := &model.Incident{File: r.File}

	if !r.Format.Present() {
		c.missing(r.Format, "", fmt.Sprintf("the first line of an incident file is format = %d", FormatVersion))
	} else if n, ok := r.Format.V.(int64); !ok {
		c.bad(r.Format, "must be the integer 1 or %d, written without quotes, not %s", FormatVersion, kind(r.Format.V))
	} else if n < 1 || n > FormatVersion {
		c.bad(r.Format, "this version of briefing reads formats 1 to %d, not %d: write format = %d (texts in Markdown) or 1", FormatVersion, n, FormatVersion)
	} else {
		inc.Format = int(n)
		c.format = inc.Format
	}

	if !r.ID.Present() {
		c.missing(r.ID, "", `every incident needs an id such as id = "pla-61419-antivirus"; it names the output files`)
	} else if s, ok := c.str(r.ID); ok {
		if !model.IsID(s) {
			c.bad(r.ID, "%q cannot be an id: use 1 to 80 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit (it names the output files)", s)
		} else {
			inc.ID = s
		}
	}

	if !r.Date.Present() {
		c.missing(r.Date, "", "every incident needs the as-of date of the write-up, e.g. date = 2021-05-06")
	} else {
		inc.Date = c.date(r.Date)
	}
	if r.Updated.Present() {
		inc.Updated = c.date(r.Updated)
		if !inc.Updated.IsZero() && !inc.Date.IsZero() && inc.Updated.Before(inc.Date) {
			c.bad(r.Updated, "%s is before date %s; the last revision cannot precede the as-of date", inc.Updated, inc.Date)
		}
	}

	inc.Title = c.text(r.Title, "", "every incident needs a title")
	c.plainTitle(inc.Title)
	inc.Summary = c.prose(r.Summary, "", "every incident needs a summary (概要)")
	inc.TLP = model.TLPClear
	inc.TLPGiven = r.TLP.Present()
	if r.TLP.Present() {
		if s, ok := c.str(r.TLP); ok {
			if m := strings.TrimPrefix(strings.ToUpper(s), "TLP:"); m == "WHITE" {
				c.bad(r.TLP, "%q is TLP 1.0; write CLEAR, its name in TLP 2.0", s)
			} else {
				inc.TLP = model.TLP(c.oneOf(r.TLP, m, names(model.TLPs)))
			}
		}
	}
	if r.Severity.Present() {
		if s, ok := c.str(r.Severity); ok {
			inc.Severity = model.Severity(c.oneOf(r.Severity, strings.ToLower(s), names(model.Severities)))
		}
	}
	if r.Confidence.Present() {
		if s, ok := c.str(r.Confidence); ok {
			inc.Confidence = model.Confidence(c.oneOf(r.Confidence, strings.ToLower(s), names(model.Confidences)))
		}
	}
	firstTag := map[string]string{} // tag in lower case → its key
	for _, e := range c.list(r.Tags) {
		if s, ok := c.str(e); ok {
			// One line without outer spaces: tags are printed on one
			// line and written to the PDF's keywords.
			s = strings.Join(strings.Fields(s), " ")
			if s == "" {
				c.bad(e, "a tag cannot be empty")
				continue
			}
			// Kept, so that inc.Tags[i] is tags[i+1] for later
			// messages; compose prints it once.
			if first, dup := firstTag[strings.ToLower(s)]; dup {
				c.warnf(at(e), e.Key, "the tag %q is listed twice (first as %s); it is printed once", s, first)
			} else {
				firstTag[strings.ToLower(s)] = e.Key
			}
			inc.Tags = append(inc.Tags, s)
		}
	}
	inc.Author = c.text(r.Author, "", "")
	inc.Languages = c.languages(r.Languages, inc.Title)
	inc.Impact = c.prose(r.Impact, "", "")
	inc.Handling = c.prose(r.Handling, "", "")
	inc.Review = c.prose(r.Review, "", "")

	inc.References = c.references()
	inc.Timeline = c.timeline()
	inc.Procurement = c.procurement()
	inc.Analysis = c.analysis()
	inc.Risks = c.risks()
	inc.Countermeasures = c.countermeasures()
	inc.Related = c.related()
	c.format2(inc)

	inc.Places = c.places
	for _, lang := range c.otherOrder {
		src := c.others[lang]
		c.warnf(src.Pos, src.Key, "texts in %s are kept and checked but not shown: briefings are made in Japanese (ja) and English (en) only", lang)
	}
	for _, ct := range c.cites {
		if !c.refs[ct.ref] {
			c.errorf(ct.pos, ct.key, "cites [%s], but no [[references]] entry has id = %q%s", ct.ref, ct.ref, c.refList())
		}
	}
	return inc
}

// refList names the reference ids for a message.
func (c *checker) refList() string {
	var ids []string
	for _, r := range c.raw.References {
		if s, ok := r.ID.V.(string); ok && model.IsID(s) {
			ids = append(ids, s)
		}
	}
	if len(ids) == 0 {
		return "; the file has no references"
	}
	return "; the references are " + strings.Join(ids, ", ")
}

func names[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// oneOf checks that s is one of allowed and returns it, or reports v.
func (c *checker) oneOf(v load.Value, s string, allowed []string) string {
	for _, a := range allowed {
		if s == a {
			return a
		}
	}
	c.bad(v, "%s is not one of %s", show(v.V), strings.Join(allowed, ", "))
	return ""
}

// show formats a TOML value for a message.
func show(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case time.Time:
		return v.Format("2006-01-02T15:04:05Z07:00")
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "a list"
	}
	return fmt.Sprint(v)
}

// kind names the type of a TOML value for people.
func kind(v any) string {
	switch v := v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a number with a fraction"
	case bool:
		return "true or false"
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return "a date"
		case "time-local":
			return "a time of day"
		}
		return "a date with a time"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "a list of tables"
	case []any:
		return "a list"
	}
	return fmt.Sprintf("%T", v)
}

// place notes the position of v's value for later stages.
func (c *checker) place(v load.Value) {
	if c.inRow {
		return
	}
	if c.places == nil {
		c.places = map[string]model.Pos{}
	}
	c.places[v.Key] = at(v)
}

// str returns v's string, cleaned (see clean), or reports a wrong type.
func (c *checker) str(v load.Value) (string, bool) {
	c.place(v)
	s, ok := v.V.(string)
	if !ok {
		c.bad(v, "must be a string in quotes, not %s", kind(v.V))
		return "", false
	}
	return c.clean(s, v.Key, at(v))
}

// clean normalizes line breaks to "\n" and the text to NFC, and reports
// control characters other than newline and tab. A tab becomes a space: a
// briefing has no tab stops, and no font has a glyph for it.
func (c *checker) clean(s, key string, pos model.Pos) (string, bool) {
	// One pass over the bytes: ASCII, most of any text, is looked at a
	// byte at a time (every ASCII character but a control is NFC-inert).
	// A bidirectional control makes a text read otherwise than it is
	// stored (the "Trojan Source" trick): refused at its own line and
	// column, and named, never printed.
	inert, control := true, rune(-1) // the first control character but CR LF
	controlAt := 0                   // its byte offset in s
	crlf, tab := false, false
	for i := 0; i < len(s); {
		// The characters of most texts first: printable ASCII, and the
		// kana, CJK punctuation and ideographs (U+3000–U+9FFF, three
		// bytes from E3 to E9), NFC-inert but for U+302A–U+302F and
		// U+3099–U+309A (see nfcInertRanges), none a control.
		if b := s[i]; b >= 0x20 && b < 0x7f || b == '\n' {
			i++
			continue
		} else if b >= 0xE3 && b <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			if r := rune(b&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F); (r < 0x302A || r > 0x302F) && r != 0x3099 && r != 0x309A {
				i += 3
				continue
			}
		}
		if b := s[i]; b < utf8.RuneSelf {
			switch {
			case b >= 0x20 && b < 0x7f || b == '\n':
			case b == '\t':
				tab = true
			case b == '\r' && i+1 < len(s) && s[i+1] == '\n':
				crlf = true
			case control < 0:
				control, controlAt = rune(b), i
			}
			i++
			continue
		}
		r, size := decodeRune(s, i)
		if inert && !nfcInert(r) {
			inert = false
		}
		if bidiControl(r) {
			if control >= 0 {
				// A control before it is refused too, first.
				c.errorf(c.charAt(pos, key, controlAt), key, controlMessage, control)
			}
			c.errorf(c.charAt(pos, key, i), key, "contains the bidirectional control character U+%04X, which makes a text read otherwise than it is stored; remove it", r)
			return "", false
		}
		if control < 0 && r <= 0x9f { // C1 controls, U+0080–U+009F
			control, controlAt = r, i
		}
		i += size
	}
	// Valid UTF-8: load refuses a file that is not.
	if control >= 0 {
		c.errorf(c.charAt(pos, key, controlAt), key, controlMessage, control)
		return "", false
	}
	if crlf {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	if tab && !c.markdown {
		// A tab prints as a space; a Markdown text keeps its tabs for
		// the parser (indentation, and tab stops in code blocks: see
		// prose).
		s = strings.ReplaceAll(s, "\t", " ")
	}
	if inert { // the common case, checked faster than by package norm
		return s, true
	}
	return norm.NFC.String(s), true
}

// controlMessage refuses a control character other than a line break or
// a tab, named as U+XXXX.
const controlMessage = "contains the control character U+%04X; only line breaks and tabs are allowed"

// charAt is the place of the character at byte offset i of the text of
// key, as written in the file (an escape's backslash); pos, the text's,
// when the file's source is not at hand.
func (c *checker) charAt(pos model.Pos, key string, i int) model.Pos {
	if c.raw != nil {
		if q, ok := c.raw.Char(key, i); ok {
			return q
		}
	}
	return pos
}

// decodeRune is utf8.DecodeRuneInString(s[i:]), the three bytes of kana,
// ideographs and full-width forms decoded here: those whose first byte
// admits any continuation bytes (E1–EC, EE, EF), always valid.
func decodeRune(s string, i int) (rune, int) {
	if b := s[i]; (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) && i+2 < len(s) &&
		s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		return rune(b&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// nfcInertRanges are characters that NFC leaves alone whatever surrounds
// them: none has a decomposition NFC changes, a combining class or a
// composition with the character before it, so that a text of them alone
// is in NFC (Unicode Standard Annex #15, quick check). They hold what a
// Japanese or English text is mostly written in: ASCII, Latin letters with
// accents, punctuation, arrows and symbols, kana, CJK ideographs and
// full-width forms. TestNFCInert checks each one against package norm.
var nfcInertRanges = [][2]rune{
	{0x0009, 0x000A}, {0x000D, 0x000D}, {0x0020, 0x007E}, // tab, line ends, ASCII
	{0x00A0, 0x02FF}, // Latin-1, Latin Extended-A and -B, IPA, modifier letters
	{0x2002, 0x20CF}, // spaces, dashes, quotation marks, ※, currency
	{0x2190, 0x2328}, // arrows, mathematical and technical symbols
	{0x232B, 0x27BF}, // ① and enclosed alphanumerics, box drawing, shapes, symbols, dingbats
	{0x2E80, 0x3029}, // CJK radicals, CJK symbols and punctuation
	{0x3030, 0x3098}, // 〰, hiragana
	{0x309B, 0x9FFF}, // ゛゜, katakana and ・, CJK compatibility, ideographs
	{0xFF01, 0xFFEE}, // full-width and half-width forms
}

// nfcInert reports whether r is in nfcInertRanges (checked here in the
// order of the ranges, without a loop; TestNFCInert checks that the two
// agree on every character).
func nfcInert(r rune) bool {
	switch {
	case r < 0x0080:
		return r >= 0x0020 && r <= 0x007E || r == 0x0009 || r == 0x000A || r == 0x000D
	case r < 0x2002:
		return r >= 0x00A0 && r <= 0x02FF
	case r < 0x2E80:
		return r <= 0x20CF || r >= 0x2190 && r <= 0x2328 || r >= 0x232B && r <= 0x27BF
	case r <= 0x9FFF:
		return r <= 0x3029 || r >= 0x3030 && r <= 0x3098 || r >= 0x309B
	}
	return r >= 0xFF01 && r <= 0xFFEE
}

// bidiControl reports whether r is a bidirectional embedding, override or
// isolate control (U+202A–U+202E, U+2066–U+2069) or mark (U+200E LRM,
// U+200F RLM, U+061C ALM; Unicode Standard Annex #9): the characters
// messages escape (see diag), refused in texts alike rather than some
// as characters no font draws.
func bidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C
}

// list returns the elements of an array value with their key paths and
// positions; nil when v is absent or not an array (reported).
func (c *checker) list(v load.Value) []load.Value {
	if !v.Present() {
		return nil
	}
	c.place(v)
	a, ok := v.V.([]any)
	if !ok {
		c.bad(v, "must be a list in brackets, e.g. [\"a\", \"b\"], not %s", kind(v.V))
		return nil
	}
	out := make([]load.Value, len(a))
	for i, e := range a {
		key := fmt.Sprintf("%s[%d]", v.Key, i+1)
		l, _ := c.raw.Loc(key)
		if l.Value.Line == 0 {
			l.Key, l.Value = v.Pos, at(v)
		}
		out[i] = load.Value{V: e, Key: key, Pos: l.Key, At: l.Value}
	}
	return out
}

// text checks a localized text. required, when not empty, is the message
// for an absent or empty text; table is the table or entry holding it.
func (c *checker) text(v load.Value, table, required string) model.Text {
	t := model.Text{Source: model.Source{Key: v.Key, Pos: v.Pos}}
	if !v.Present() {
		if required != "" {
			c.missing(v, table, required)
		}
		return t
	}
	switch x := v.V.(type) {
	case string:
		s, ok := c.clean(x, v.Key, at(v))
		if !ok {
			return t
		}
		c.citations(s, v.Key, at(v))
		t.Plain = s
	case map[string]any:
		type entry struct {
			lang, value, key string
			pos, keyPos      model.Pos
		}
		var es []entry
		seen := map[string]string{}
		type lang struct {
			tag, key string
			pos      model.Pos
		}
		langs := make([]lang, 0, len(x))
		for k := range x {
			key := v.Key + "." + tomlkey.Quote(k)
			langs = append(langs, lang{k, key, c.loc(key)})
		}
		// In file order, so that the second of a language is the one
		// reported, and the messages come in the same order on every run.
		sort.Slice(langs, func(i, j int) bool {
			if pi, pj := langs[i].pos, langs[j].pos; pi != pj {
				return before(pi, pj)
			}
			return langs[i].tag < langs[j].tag
		})
		for _, l := range langs {
			k, key, pos := l.tag, l.key, l.pos
			val := x[k]
			if pos.Line == 0 {
				pos = at(v)
			}
			s, ok := val.(string)
			if !ok {
				c.errorf(pos, key, "must be a string in quotes, not %s", kind(val))
				continue
			}
			tag, ok := c.tag(k, key, pos)
			if !ok {
				continue
			}
			if prev, dup := seen[tag]; dup {
				c.errorf(pos, key, "the language %s is given twice (also as %q)", tag, prev)
				continue
			}
			seen[tag] = k
			if s, ok = c.clean(s, key, pos); !ok {
				continue
			}
			if s == "" {
				c.errorf(pos, key, "is empty; leave the language out instead")
				continue
			}
			c.citations(s, key, pos)
			l, _ := c.raw.Loc(key)
			es = append(es, entry{tag, s, key, pos, l.Key})
		}
		for _, e := range es {
			lt := model.LangText{Lang: e.lang, Value: e.value, Source: model.Source{Key: e.key, Pos: e.keyPos}}
			if Supported(e.lang) != nil {
				// Kept and checked, not rendered: a warning says so,
				// once per language of the file.
				t.Other = append(t.Other, lt)
				if _, ok := c.others[e.lang]; !ok {
					c.others[e.lang] = model.Source{Key: e.key, Pos: e.keyPos}
					c.otherOrder = append(c.otherOrder, e.lang)
				}
				continue
			}
			t.Langs = append(t.Langs, lt)
		}
		if len(x) == 0 {
			c.bad(v, "has no languages; write e.g. %s.ja = \"…\" and %s.en = \"…\"", lastKey(v.Key), lastKey(v.Key))
		} else if len(t.Langs) == 0 && len(t.Other) > 0 && required != "" {
			c.bad(v, "has no Japanese (ja) or English (en) text, the languages briefings are made in; %s", required)
		}
	default:
		c.bad(v, "must be a string, or one string per language such as %s.ja = \"…\", not %s", lastKey(v.Key), kind(v.V))
		return t
	}
	if _, isStr := v.V.(string); isStr && t.Plain == "" && required != "" {
		c.bad(v, "is empty; %s", required)
	}
	return t
}

func before(a, b model.Pos) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
}

func lastKey(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// citations notes the [id] citations of s for checking.
func (c *checker) citations(s, key string, pos model.Pos) {
	if c.markdown {
		return
	}
	for _, seg := range model.Segments(s) {
		if seg.Ref != "" {
			p := pos
			if exact, ok := c.raw.Find(key, seg.Text); ok {
				p = exact
			}
			c.cites = append(c.cites, cite{seg.Ref, key, p})
		}
	}
}

// tag checks a BCP 47 language tag and returns it canonicalized.
func (c *checker) tag(s, key string, pos model.Pos) (string, bool) {
	if t, ok := c.tags[s]; ok { // each text of a file has the same few
		return t, true
	}
	t, err := language.Parse(s)
	if err != nil || t == language.Und {
		c.errorf(pos, key, "%q is not a language tag; use a BCP 47 tag such as ja or en", s)
		return "", false
	}
	if c.tags == nil {
		c.tags = map[string]string{}
	}
	c.tags[s] = t.String()
	return t.String(), true
}

// date checks a TOML local date.
func (c *checker) date(v load.Value) model.Date {
	c.place(v)
	switch x := v.V.(type) {
	case time.Time:
		if x.Location().String() == "date-local" {
			if x.Year() < 1 {
				c.bad(v, "%s: the year 0000 is no year of the calendar; write the date as e.g. %s = 2021-05-06", x.Format("2006-01-02"), lastKey(v.Key))
				break
			}
			return model.Date{Year: x.Year(), Month: int(x.Month()), Day: x.Day()}
		}
		if x.Location().String() == "time-local" {
			c.bad(v, "must be a date, not a time of day, e.g. %s = 2021-05-06", lastKey(v.Key))
			break
		}
		c.bad(v, "must be a date without a time or time zone, e.g. %s = %s", lastKey(v.Key), x.Format("2006-01-02"))
	case string:
		if _, err := time.Parse("2006-01-02", x); err == nil {
			c.bad(v, "write the date without quotes: %s = %s", lastKey(v.Key), x)
		} else {
			c.bad(v, "must be a date such as 2021-05-06, not %q", x)
		}
	default:
		c.bad(v, "must be a date such as 2021-05-06, not %s", kind(v.V))
	}
	return model.Date{}
}

// period checks a `when` or `ordered` value: YYYY, YYYY-MM, YYYY-MM-DD or a
// range A/B of those; a TOML date is accepted as a day.
func (c *checker) period(v load.Value) model.Period {
	c.place(v)
	switch x := v.V.(type) {
	case time.Time:
		return model.Period{From: c.date(v)}
	case string:
		const allowed = "write YYYY, YYYY-MM, YYYY-MM-DD or a range such as 2019-04/2019-05"
		parts := strings.Split(x, "/")
		if len(parts) > 2 {
			c.bad(v, "%q has more than one '/'; %s", x, allowed)
			return model.Period{}
		}
		var p model.Period
		for i, part := range parts {
			d, ok := partialDate(strings.TrimSpace(part))
			if !ok {
				c.bad(v, "%q is not a date or period; %s", x, allowed)
				return model.Period{}
			}
			if i == 0 {
				p.From = d
			} else {
				p.To = d
			}
		}
		if !p.To.IsZero() && end(p.To).Before(p.From) {
			c.bad(v, "in %q the end comes before the start", x)
			return model.Period{}
		}
		return p
	default:
		c.bad(v, "must be a date or period in quotes such as \"2019-04\" or \"2019-04/2019-05\", not %s", kind(v.V))
	}
	return model.Period{}
}

// end returns the last day a partial date stands for, for comparisons.
func end(d model.Date) model.Date {
	if d.Month == 0 {
		d.Month = 12
	}
	if d.Day == 0 {
		d.Day = 31
	}
	return d
}

// partialDate parses YYYY, YYYY-MM or YYYY-MM-DD.
func partialDate(s string) (model.Date, bool) {
	var d model.Date
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) != len(layout) {
			continue
		}
		t, err := time.Parse(layout, s)
		if err != nil || t.Year() < 1 {
			return d, false
		}
		d.Year = t.Year()
		if len(layout) >= 7 {
			d.Month = int(t.Month())
		}
		if len(layout) == 10 {
			d.Day = t.Day()
		}
		return d, d.Year > 0
	}
	return d, false
}

// integer checks an integer from lo to hi.
func (c *checker) integer(v load.Value, lo, hi int64, what string) int {
	c.place(v)
	n, ok := v.V.(int64)
	if !ok {
		c.bad(v, "must be %s, written without quotes, not %s", what, kind(v.V))
		return 0
	}
	if n < lo || n > hi {
		c.bad(v, "%d is out of range: must be %s", n, what)
		return 0
	}
	return int(n)
}

// link checks a URL (see package link for the rules). White space is
// looked for before the text is cleaned, which turns a tab into a space.
func (c *checker) link(v load.Value) string {
	if raw, ok := v.V.(string); ok {
		if err := link.Check(raw); err != nil && strings.ContainsAny(raw, "\t\r") {
			c.bad(v, "%v", err)
			return ""
		}
	}
	s, ok := c.str(v)
	if !ok {
		return ""
	}
	if err := link.Check(s); err != nil {
		c.bad(v, "%v", err)
		return ""
	}
	return s
}
