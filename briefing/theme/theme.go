// Package theme reads briefing templates: the paper, margins, fonts,
// colours, organization name and logo, footer lines, and the section
// headings and fixed words per language that a briefing is typeset with.
//
// [Default] gives the template embedded in briefing (templates/default.toml
// with the fonts of package fonts). [Load] reads an organization's
// template: every key is optional, and what it leaves out comes from the
// default template. Font and logo paths are relative to the template file;
// "embedded:NAME" names a font embedded in briefing
// ("embedded:BIZUDPGothic-Bold.ttf").
//
// A [Theme] parses its fonts once; it measures text for the layout (it is a
// [layout.Metrics]) and gives the renderer subset fonts ([Theme.Program]).
// It is not changed after loading and is safe for concurrent use.
package theme

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // logo formats
	_ "image/png"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/BurntSushi/toml"
	gotoml "github.com/pelletier/go-toml/v2"

	"briefing/briefing/diag"
	"briefing/briefing/layout"
	"briefing/briefing/localize"
	"briefing/briefing/marking"
	"briefing/briefing/model"
	"briefing/briefing/raster"
	"briefing/briefing/ttf"
	"briefing/fonts"
	"briefing/internal/readfile"
	"briefing/internal/textfile"
	"briefing/internal/tomlkey"
	"briefing/templates"
)

// DefaultFile is the name of the default template inside [templates.FS];
// errors in it are reported as "templates/default.toml".
const DefaultFile = "default.toml"

// fontKeys are the keys of a template's [fonts], in the order of
// layout.Face: text in regular and bold, code (fixed width) in mono and
// mono_bold.
var fontKeys = []string{"regular", "bold", "mono", "mono_bold"}

// embeddedPrefix marks a font path that names a font of package fonts.
const embeddedPrefix = "embedded:"

// letter is US Letter paper with the default template's margins.
var letter = layout.Paper{Width: 612, Height: 792, Top: 70, Right: 57, Bottom: 64, Left: 57}

// Theme is a loaded template.
type Theme struct {
	// File is the template file it was loaded from; "" for the default.
	File string
	// Warnings about the template, each to be shown once per run (a bold
	// face that falls back to a regular font).
	Warnings diag.List
	// Paper is the page size and margins, in points.
	Paper layout.Paper
	// Colours of the briefing.
	Accent      layout.Color // headings, rules, title block
	AccentLight layout.Color // table header, shaded rows
	Text        layout.Color // running text
	Muted       layout.Color // running header and footer
	Rule        layout.Color // table rules
	RiskLow     layout.Color // risk matrix, lowest score
	RiskHigh    layout.Color // risk matrix, highest score
	// Organization is printed in the running header; "" for none.
	Organization string
	// Logo is the organization's logo for the header; nil for none.
	Logo *Logo
	// Fanged prints indicators of compromise as written (defang = false);
	// by default they are defanged.
	Fanged bool
	// PlainPDF writes plain PDF 1.7 (pdf = "plain": no XMP metadata, no
	// output intent, untagged) instead of archival PDF/A (pdf =
	// "archival", the default); the command line's --pdf overrides it.
	PlainPDF bool

	faces [4]chain // by layout.Face
	// pending names the fonts of the embedded code faces not parsed yet;
	// lazy parses them on first use.
	pending  [4][]string
	lazy     sync.Once
	loader   fontLoader // the fonts loaded, shared with the lazy faces
	footer   map[string]string
	headings map[string]map[string]string // language → key → text
	words    map[string]map[string]string
}

// Logo is a PNG or JPEG picture.
type Logo struct {
	Data          []byte
	Type          string // "png" or "jpeg"
	Width, Height int    // in pixels, as seen (Orientation applied)
	// Orientation is how Data's pixels are turned to be seen upright: a
	// JPEG's EXIF orientation or a PNG's eXIf chunk's (1–8, see
	// raster.Orientation) for a logo kept as its file is (a JPEG's data
	// then says Upright); 1 otherwise.
	Orientation int
}

// face is a font of the template.
type face struct {
	name string // where it came from: "embedded:…" or a path
	data []byte
	font *ttf.Font
}

// chain is the fonts of one face, tried in order for each character
// (a fallback chain): the first font that has a character draws it.
type chain []face

// pick returns the index of the font of c that draws r, or -1.
func (c chain) pick(r rune) int {
	for i := range c {
		if _, ok := c[i].font.Advance(r); ok {
			return i
		}
	}
	return -1
}

// names lists the fonts of c as the template names them.
func (c chain) names() string {
	n := make([]string, len(c))
	for i, f := range c {
		n[i] = f.name
	}
	return strings.Join(n, ", ")
}

// lastResort is the embedded font that ends each face's chain unless the
// template sets fonts.fallback = false, by layout.Face.
var lastResort = [4]string{embeddedPrefix + fonts.Regular, embeddedPrefix + fonts.Bold, embeddedPrefix + fonts.Mono, embeddedPrefix + fonts.MonoBold}

// Default returns the default template, embedded in briefing: the one
// [Preload] parsed or is parsing when there is one, else parsed now.
func Default() (*Theme, error) {
	if p := prefetched.Swap(nil); p != nil {
		<-p.done
		return p.t, p.err
	}
	return load("", nil)
}

// Preload parses the default template for the next call of [Default] to
// return (a later call parses it again). A command that will need it
// calls Preload on a goroutine of its own while it still has other work,
// so that the parse (0.6–0.8 ms, a twentieth of a cold render) runs on
// another core; a Default called meanwhile waits for it. A second Preload
// before that call does nothing.
func Preload() {
	p := &pending{done: make(chan struct{})}
	if !prefetched.CompareAndSwap(nil, p) {
		return
	}
	p.t, p.err = load("", nil)
	close(p.done)
}

// prefetched is the parse [Preload] started, until [Default] takes it.
var prefetched atomic.Pointer[pending]

// pending is a parse of the default template; t and err are set when done
// is closed.
type pending struct {
	done chan struct{}
	t    *Theme
	err  error
}

// The most read of each file a template names, in bytes; a larger file,
// or a path that is not a regular file (a named pipe, /dev/zero), is
// refused before it is read.
const (
	MaxTemplate = 1 << 20  // 1 MiB; the default template has 5 KiB
	MaxFont     = 64 << 20 // 64 MiB; a full CJK font has 5–30 MiB
	MaxLogo     = 32 << 20 // 32 MiB
)

// Load reads the template file at path. Keys it leaves out come from the
// default template. Errors name the file, line and key (a [diag.List]),
// except when the file cannot be read at all.
func Load(path string) (*Theme, error) {
	src, err := readfile.Read(path, MaxTemplate)
	if err != nil {
		return nil, fmt.Errorf("read template: %w", err)
	}
	return load(path, src)
}

// origin is a template file being applied.
type origin struct {
	file string // as named in errors
	dir  string // font and logo paths are relative to it
	idx  keyIndex
	keys *tomlkey.Index // a user's template's scan, for the column of a character in a string
	src  string         // the embedded default's source, indexed when first needed
	user bool           // a user's template: headings and words keys are checked
}

// index returns the key positions of o's file. The default template's are
// found only when a message needs one: a run that has none does not scan
// the file.
func (o *origin) index() keyIndex {
	if o.idx == nil && o.src != "" {
		o.idx = newKeyIndex(tomlkey.Scan(o.src))
	}
	return o.idx
}

// setting is a value and where it was set.
type setting struct {
	val string
	at  *origin
	key string
}

// chainSetting is a face's list of fonts and where it was set.
type chainSetting struct {
	vals []string
	at   *origin
	key  string
}

// settings is a template's values merged over the default's.
type settings struct {
	paper         setting
	margins       [4]float64
	marginsAt     setting         // where margins were set; at is nil when never
	reported      map[string]bool // the margins ("top", "bottom") refused for the bands' lines
	fonts         [4]chainSetting // by layout.Face
	fallback      setting         // fonts.fallback: "false" ends chains without the embedded fonts
	user          *origin         // the user's template; nil for the default
	colors        map[string]setting
	org, logo     setting
	fanged        bool
	plainPDF      bool
	footer        map[string]string
	footerAt      map[string]*origin // where each footer line was set
	headings      map[string]map[string]string
	words         map[string]map[string]string
	knownHeadings map[string]bool // keys of the default template
	knownWords    map[string]bool
	defaults      map[string]map[string]map[string]string // "headings", "words" → the default's
	errs          diag.List
	warns         diag.List
}

var colorKeys = []string{"accent", "accent_light", "text", "muted", "rule", "risk_low", "risk_high"}

func load(path string, user []byte) (*Theme, error) {
	def, err := templates.FS.ReadFile(DefaultFile)
	if err != nil {
		return nil, fmt.Errorf("read default template: %w", err)
	}
	s := newSettings()
	s.applyDefault(&origin{file: "templates/" + DefaultFile}, def)
	missing := s.paper.at == nil || s.fonts[0].at == nil || s.fonts[1].at == nil || s.fonts[2].at == nil || s.fonts[3].at == nil
	for _, k := range colorKeys {
		missing = missing || s.colors[k].at == nil
	}
	if missing {
		s.errs = append(s.errs, diag.Diagnostic{File: "templates/" + DefaultFile, Message: "the default template must set paper, [fonts] regular, bold, mono and mono_bold, and every colour"})
	}
	if len(s.errs) > 0 {
		return nil, fmt.Errorf("default template: %w", s.errs)
	}
	s.knownHeadings, s.knownWords = keysOf(s.headings), keysOf(s.words)
	s.defaults = map[string]map[string]map[string]string{"headings": clone(s.headings), "words": clone(s.words)}
	if path != "" {
		s.user = &origin{file: path, dir: filepath.Dir(path), user: true}
		s.apply(s.user, user)
	}
	var t *Theme
	if len(s.errs) == 0 {
		t = s.build(path)
	}
	if len(s.errs) > 0 {
		s.errs.Sort()
		return nil, s.errs
	}
	t.Warnings = s.warns
	return t, nil
}

// newSettings returns empty settings, ready for the default template.
func newSettings() *settings {
	return &settings{
		colors:   map[string]setting{},
		footer:   map[string]string{},
		footerAt: map[string]*origin{},
		headings: map[string]map[string]string{},
		words:    map[string]map[string]string{},
	}
}

func clone(m map[string]map[string]string) map[string]map[string]string {
	c := make(map[string]map[string]string, len(m))
	for k, t := range m {
		c[k] = maps.Clone(t)
	}
	return c
}

func keysOf(m map[string]map[string]string) map[string]bool {
	k := map[string]bool{}
	for _, t := range m {
		for key := range t {
			k[key] = true
		}
	}
	return k
}

// errAt records an error at key of origin o.
func (s *settings) errAt(o *origin, key, format string, args ...any) {
	p := o.index().at(key)
	s.errs = append(s.errs, diag.Diagnostic{File: o.file, Line: p.line, Col: p.col, Key: key, Message: fmt.Sprintf(format, args...)})
}

// errAtChar records an error at the character that starts at byte off
// of the string at key of origin o, at its own line and column (an
// escape's backslash), or at key when the string cannot be read there.
func (s *settings) errAtChar(o *origin, key string, off int, format string, args ...any) {
	p := o.index().at(key)
	if o.keys != nil {
		if q, ok := o.keys.Char(key, off); ok {
			p = pos{q.Line, q.Col}
		}
	}
	s.errs = append(s.errs, diag.Diagnostic{File: o.file, Line: p.line, Col: p.col, Key: key, Message: fmt.Sprintf(format, args...)})
}

// warnAt records a warning at key of the template o.
func (s *settings) warnAt(o *origin, key, format string, args ...any) {
	p := o.index().at(key)
	s.warns = append(s.warns, diag.Diagnostic{Severity: diag.Warning, File: o.file, Line: p.line, Col: p.col, Key: key, Message: fmt.Sprintf(format, args...)})
}

// apply decodes a template's source and merges its values into s.
func (s *settings) apply(o *origin, data []byte) {
	// Without its byte order mark, so that positions are the same with
	// or without one.
	src, err := textfile.UTF8(data)
	if err != nil {
		var te *textfile.Error
		errors.As(err, &te)
		at := tomlkey.Pos{Line: te.Line, Col: te.Col}
		s.errs = append(s.errs, diag.Diagnostic{File: o.file, Line: te.Line, Col: te.Col, Key: tomlkey.KeyAt(textfile.Lenient(data), at), Message: err.Error()})
		return
	}
	if at, key, deep := tomlkey.NestingKey(src, tomlkey.MaxNesting); deep {
		s.errs = append(s.errs, diag.Diagnostic{File: o.file, Line: at.Line, Col: at.Col, Key: key,
			Message: fmt.Sprintf("arrays and inline tables are nested more than %d deep", tomlkey.MaxNesting)})
		return
	}
	var raw map[string]any
	_, err = toml.NewDecoder(strings.NewReader(src)).Decode(&raw)
	x := tomlkey.Scan(src)
	if p, bad := x.Invalid(err); bad {
		if q, ok := tomlkey.Unquoted(src, p, valueOf); ok {
			p = q // a value that wants quotes: the line to write, as in an incident file
		}
		s.errs = append(s.errs, diag.Diagnostic{File: o.file, Line: p.At.Line, Col: p.At.Col, Key: p.Key, Message: "TOML syntax error: " + p.Message})
		return
	}
	o.idx, o.keys = newKeyIndex(x), x
	s.merge(o, raw)
}

// valueOf is what a template key's value is, as [tomlkey.Unquoted] asks:
// the margins are numbers and defang and fonts.fallback true or false;
// every other key holds text (a name, a path, a colour, a heading).
func valueOf(key string) tomlkey.Value {
	if i := strings.IndexByte(key, '['); i >= 0 {
		key = key[:i]
	}
	switch key {
	case "margins", "defang", "fonts.fallback":
		return tomlkey.OtherValue
	}
	return tomlkey.TextValue
}

// applyDefault merges the embedded default template into s. Unlike a
// user's template it is known to be TOML 1.0 without problems
// (TestDefaultTemplateDecodes): it is decoded with go-toml, which reads it
// to the same values as the BurntSushi decoder of [settings.apply] in a
// twentieth of the time, and its keys are indexed only when a message
// needs their place ([origin.index]).
func (s *settings) applyDefault(o *origin, src []byte) {
	var raw map[string]any
	if err := gotoml.Unmarshal(src, &raw); err != nil {
		s.errs = append(s.errs, diag.Diagnostic{File: o.file, Message: "TOML syntax error: " + err.Error()})
		return
	}
	o.src = string(src)
	s.merge(o, raw)
}

// merge checks a template's decoded values and merges them into s.
func (s *settings) merge(o *origin, raw map[string]any) {
	for _, k := range sortedKeys(raw) {
		v := raw[k]
		switch k {
		case "paper":
			if str, ok := s.str(o, k, v); ok {
				if paperSize(str) == nil {
					s.errAt(o, k, "%q is not a paper size; use A4 or Letter", str)
				} else {
					s.paper = setting{str, o, k}
				}
			}
		case "margins":
			s.applyMargins(o, v)
		case "fonts":
			s.table(o, k, v, append(slices.Clone(fontKeys), "fallback"), func(key string, v any) {
				if key == "fonts.fallback" {
					if b, ok := v.(bool); !ok {
						s.errAt(o, key, "want true or false, not %s", typeName(v))
					} else {
						s.fallback = setting{fmt.Sprint(b), o, key}
					}
					return
				}
				s.fontList(o, key, v)
			})
		case "colors":
			s.table(o, k, v, colorKeys, func(key string, v any) {
				if str, ok := s.str(o, key, v); ok {
					if _, err := parseColor(str); err != nil {
						s.errAt(o, key, "%v", err)
						return
					}
					s.colors[strings.TrimPrefix(key, "colors.")] = setting{str, o, key}
				}
			})
		case "organization":
			s.table(o, k, v, []string{"name", "logo"}, func(key string, v any) {
				if str, ok := s.str(o, key, v); ok {
					if key == "organization.name" {
						if s.printed(o, key, str, false) {
							s.org = setting{str, o, key}
						}
					} else {
						s.logo = setting{str, o, key}
					}
				}
			})
		case "footer":
			s.perLang(o, k, v, func(lang, key string, v any) {
				if str, ok := s.str(o, key, v); ok && s.printed(o, key, str, false) {
					s.footer[lang], s.footerAt[lang] = str, o
				}
			})
		case "defang":
			b, ok := v.(bool)
			if !ok {
				s.errAt(o, k, "must be true (indicators of compromise printed defanged, the default) or false (as written)")
			} else {
				s.fanged = !b
			}
		case "pdf":
			switch v {
			case "archival", "plain":
				s.plainPDF = v == "plain"
			default:
				s.errAt(o, k, `must be "archival" (PDF/A-2u, or PDF/A-3u with attached files: the default) or "plain" (PDF 1.7 without XMP metadata, output intent and tags)`)
			}
		case "headings":
			s.texts(o, k, v, s.headings, s.knownHeadings)
		case "words":
			s.texts(o, k, v, s.words, s.knownWords)
		default:
			s.errAt(o, k, "unknown key; a template has paper, margins, defang, pdf, [fonts], [colors], [organization], [footer], [headings.LANG] and [words.LANG]")
		}
	}
}

// fontList reads a face's fonts: one font, or a list tried in order for
// each character.
func (s *settings) fontList(o *origin, key string, v any) {
	var vals []string
	switch v := v.(type) {
	case string:
		vals = []string{v}
	case []any:
		if len(v) == 0 {
			s.errAt(o, key, "an empty list; name at least one font")
			return
		}
		for _, e := range v {
			str, ok := e.(string)
			if !ok {
				s.errAt(o, key, "want a list of font paths (strings), not one holding %s", typeName(e))
				return
			}
			vals = append(vals, str)
		}
	default:
		s.errAt(o, key, "want a font path or a list of them, not %s", typeName(v))
		return
	}
	for _, str := range vals {
		if strings.TrimSpace(str) == "" {
			def := lastResort[max(0, slices.Index(fontKeys, strings.TrimPrefix(key, "fonts.")))]
			s.errAt(o, key, "a font is required: a TrueType or OpenType file (.ttf, .otf, .ttc, .otc) relative to the template, or %s", def)
			return
		}
	}
	s.fonts[slices.Index(fontKeys, strings.TrimPrefix(key, "fonts."))] = chainSetting{vals, o, key}
}

// texts merges a [headings.LANG] or [words.LANG] table into m. For a
// user's template, keys must be among known.
func (s *settings) texts(o *origin, k string, v any, m map[string]map[string]string, known map[string]bool) {
	s.perLang(o, k, v, func(lang, lk string, v any) {
		t, ok := s.tableOf(o, lk, v)
		if !ok {
			return
		}
		for _, key := range sortedKeys(t) {
			full := lk + "." + key
			if o.user && !known[key] {
				s.errAt(o, full, "unknown key %q; the keys are those of the default template's [%s.en]:%s", key, k, suggest(key, known))
				continue
			}
			if str, ok := s.str(o, full, t[key]); ok && s.printed(o, full, str, true) {
				if m[lang] == nil {
					m[lang] = map[string]string{}
				}
				m[lang][key] = str
			}
		}
	})
}

// printed checks a text the briefing prints on one line: a heading, a
// fixed word, the footer, the organization's name. It must have no control
// character (a line break would break the outline and the running header)
// and, when required, more than spaces: an empty heading would leave its
// section unnamed.
func (s *settings) printed(o *origin, key, str string, required bool) bool {
	for i, r := range str {
		if unicode.IsControl(r) {
			s.errAtChar(o, key, i, "contains the control character U+%04X; it is printed on one line: write it without line breaks, tabs or control characters", r)
			return false
		}
	}
	if required && strings.TrimSpace(str) == "" {
		s.errAt(o, key, "is empty; it is printed in every briefing: write the words, or leave the key out to keep the default template's %q", s.defaultText(key))
		return false
	}
	return true
}

// defaultText is the default template's text at a headings or words key
// ("headings.en.summary"), in its language or else in English.
func (s *settings) defaultText(key string) string {
	parts := strings.SplitN(key, ".", 3)
	if len(parts) != 3 || s.defaults == nil {
		return ""
	}
	m := s.defaults[parts[0]]
	v, _ := lookup(m, parts[1], parts[2])
	return v
}

// perLang calls fn with each language of the table v at key k ([footer],
// [headings]), its key path and its value, in order; a key that is not a
// language code is an error.
func (s *settings) perLang(o *origin, k string, v any, fn func(lang, key string, v any)) {
	m, ok := s.tableOf(o, k, v)
	if !ok {
		return
	}
	for _, lang := range sortedKeys(m) {
		key := k + "." + lang
		if s.lang(o, key, lang) {
			fn(lang, key, m[lang])
		}
	}
}

// suggest returns " did you mean X?" for a known key close to key, or the
// list of known keys.
func suggest(key string, known map[string]bool) string {
	hint, _ := tomlkey.Hint(key, sortedKeys(known))
	return " " + hint
}

// langCode reports whether lang looks like a BCP 47 tag: 2 or 3 of a-z,
// then subtags of 1 to 8 of A-Z, a-z and 0-9, each after a "-"
// (^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$).
func langCode(lang string) bool {
	parts := strings.Split(lang, "-")
	if n := len(parts[0]); n < 2 || n > 3 || strings.Trim(parts[0], "abcdefghijklmnopqrstuvwxyz") != "" {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) < 1 || len(p) > 8 {
			return false
		}
		for _, c := range []byte(p) {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
				return false
			}
		}
	}
	return true
}

// lang checks a language key.
func (s *settings) lang(o *origin, key, lang string) bool {
	if !langCode(lang) {
		s.errAt(o, key, "%q is not a language code; use a BCP 47 tag such as ja or en", lang)
		return false
	}
	return true
}

func (s *settings) applyMargins(o *origin, v any) {
	arr, ok := v.([]any)
	if !ok || len(arr) != 4 {
		s.errAt(o, "margins", "want four numbers [top, right, bottom, left] in points, as in [70, 57, 64, 57]")
		return
	}
	var m [4]float64
	for i, e := range arr {
		switch n := e.(type) {
		case int64:
			m[i] = float64(n)
		case float64:
			m[i] = n
		default:
			s.errAt(o, "margins", "want four numbers [top, right, bottom, left] in points, as in [70, 57, 64, 57]")
			return
		}
		if math.IsNaN(m[i]) || math.IsInf(m[i], 0) { // TOML's nan and inf: no length
			s.errAt(o, "margins", "margin %s is not a number of points; margins are in points, 0 or more", tomlFloat(m[i]))
			return
		}
		if m[i] < 0 {
			s.errAt(o, "margins", "margin %v is negative; margins are in points, 0 or more", m[i])
			return
		}
		if m[i] > 842 { // the long side of A4, the taller paper
			s.errAt(o, "margins", "margin %v is larger than the paper; margins are in points, as in [70, 57, 64, 57]", m[i])
			return
		}
	}
	// The header and the footer, each with its TLP label, live in the
	// top and bottom margins (package marking).
	for i, side := range []string{"top", "right", "bottom", "left"} {
		least, room := marking.MinMargin, "the running header and its TLP label"
		switch side {
		case "bottom":
			room = "the footer and its TLP label"
		case "left", "right":
			least, room = marking.MinSide, "the printer's edge"
		}
		if m[i] < least {
			s.errAt(o, "margins", "the %s margin %v leaves no room for %s; it must be at least %v points (margins [%v, %v, %v, %v] at the least)",
				side, m[i], room, least, marking.MinMargin, marking.MinSide, marking.MinMargin, marking.MinSide)
			return
		}
	}
	s.margins = m
	s.marginsAt = setting{"", o, "margins"}
}

// str checks that v is a string.
func (s *settings) str(o *origin, key string, v any) (string, bool) {
	str, ok := v.(string)
	if !ok {
		s.errAt(o, key, "want a string, not %s", typeName(v))
	}
	return str, ok
}

// tableOf checks that v is a table.
func (s *settings) tableOf(o *origin, key string, v any) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		s.errAt(o, key, "want a table ([%s]), not %s", key, typeName(v))
	}
	return m, ok
}

// table calls fn for each key of the table v, which may only have the
// allowed keys.
func (s *settings) table(o *origin, k string, v any, allowed []string, fn func(key string, v any)) {
	m, ok := s.tableOf(o, k, v)
	if !ok {
		return
	}
	for _, key := range sortedKeys(m) {
		if !slices.Contains(allowed, key) {
			s.errAt(o, k+"."+key, "unknown key; [%s] has %s", k, strings.Join(allowed, ", "))
			continue
		}
		fn(k+"."+key, m[key])
	}
}

// tomlFloat writes a non-finite float as TOML does: nan, +inf, -inf.
func tomlFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "+inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	default:
		return "a date or time"
	}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func paperSize(name string) *layout.Paper {
	switch strings.ToLower(name) {
	case "a4":
		p := layout.A4
		return &p
	case "letter":
		p := letter
		return &p
	}
	return nil
}

// parseColor reads "#rrggbb".
func parseColor(s string) (layout.Color, error) {
	var c layout.Color
	if len(s) != 7 || s[0] != '#' {
		return c, fmt.Errorf("%q is not a colour; use \"#rrggbb\", as in \"#1f3a5f\"", s)
	}
	var v [3]uint8
	for i := range 3 {
		hi, ok1 := hexDigit(s[1+2*i])
		lo, ok2 := hexDigit(s[2+2*i])
		if !ok1 || !ok2 {
			return c, fmt.Errorf("%q is not a colour; use \"#rrggbb\", as in \"#1f3a5f\"", s)
		}
		v[i] = hi<<4 | lo
	}
	return layout.Color{R: v[0], G: v[1], B: v[2]}, nil
}

func hexDigit(c byte) (uint8, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// build makes the Theme of the merged settings, loading fonts and logo.
func (s *settings) build(path string) *Theme {
	t := &Theme{
		File:         path,
		Organization: s.org.val,
		Fanged:       s.fanged,
		PlainPDF:     s.plainPDF,
		footer:       s.footer,
		headings:     s.headings,
		words:        s.words,
	}
	t.Paper = *paperSize(s.paper.val)
	if s.marginsAt.at != nil {
		t.Paper.Top, t.Paper.Right, t.Paper.Bottom, t.Paper.Left = s.margins[0], s.margins[1], s.margins[2], s.margins[3]
	}
	for key, dst := range map[string]*layout.Color{
		"accent": &t.Accent, "accent_light": &t.AccentLight, "text": &t.Text, "muted": &t.Muted,
		"rule": &t.Rule, "risk_low": &t.RiskLow, "risk_high": &t.RiskHigh,
	} {
		c, _ := parseColor(s.colors[key].val)
		*dst = c
	}
	fontErrs := len(s.errs)
	fl := &t.loader
	for i, f := range s.fonts {
		specs := slices.Clone(f.vals)
		if s.fallback.val != "false" && !slices.Contains(specs, lastResort[i]) {
			specs = append(specs, lastResort[i])
		}
		if i >= int(layout.Mono) && !slices.ContainsFunc(specs, func(spec string) bool {
			_, err := embedded(spec)
			return err != nil
		}) {
			t.pending[i] = specs
			continue
		}
		for _, spec := range specs {
			fc, err := fl.load(f.at.dir, spec)
			if err != nil {
				s.errAt(f.at, f.key, "%v", err)
				continue
			}
			t.faces[i] = append(t.faces[i], fc)
		}
	}
	if len(s.errs) == fontErrs && s.user != nil {
		s.boldFallback(t)
	}
	if len(s.errs) == fontErrs && s.user != nil {
		s.checkTexts(t) // the default's words, in its fonts: TestDefaultDrawsItsWords
	}
	// The text area is at least 144 points each way, and wide enough for
	// the footer's widest TLP label and page number side by side.
	minW := 144.0
	if len(s.errs) == fontErrs {
		minW = max(minW, math.Ceil(marking.MinTextWidth(t)))
	}
	if w, h := t.Paper.Width-t.Paper.Left-t.Paper.Right, t.Paper.Height-t.Paper.Top-t.Paper.Bottom; w < minW || h < 144 {
		at := s.marginsAt
		if at.at == nil {
			at = s.paper
		}
		s.errAt(at.at, at.key, "the margins leave a text area of %.0f × %.0f points on %s paper; it needs at least %.0f × 144 (the footer holds the TLP label and the page number side by side)", w, h, s.paper.val, minW)
	}
	if s.logo.val != "" {
		p := s.logo.val
		if !filepath.IsAbs(p) {
			p = filepath.Join(s.logo.at.dir, p)
		}
		logo, err := loadLogo(p, t.Paper)
		if err != nil {
			s.errAt(s.logo.at, s.logo.key, "%v", err)
		}
		t.Logo = logo
	}
	if len(s.errs) == fontErrs {
		s.checkBands(t)
	}
	return t
}

// checkBands refuses an organization name or footer line that would push
// the running header's title or the footer's as-of date off its line:
// the name must fit a line of the header ([marking.HeaderRoom], with the
// logo, the widest label and the draft mark of each language), so that
// the title has at least the next; a footer line,
// and the as-of date of its language with the widest date (28 September,
// 2088年12月28日), must each fit a line of the footer beside the widest
// label and page number ([marking.FooterRoom]): the footer sets them side
// by side when they fit, else one above the other.
func (s *settings) checkBands(t *Theme) {
	textW := t.Paper.Width - t.Paper.Left - t.Paper.Right
	on := fmt.Sprintf("on %s paper with these margins", s.paper.val)
	st := layout.Style{Face: layout.Regular, Size: marking.TextSize}
	langs := slices.Sorted(maps.Keys(s.words))
	logoW := 0.0
	if t.Logo != nil {
		logoW = marking.LogoWidth(t.Logo.Width, t.Logo.Height, textW)
	}
	headRoom := marking.HeaderRoom(t, textW, logoW, "")
	for _, lang := range langs {
		draft := s.words[lang]["draft"]
		r := marking.HeaderRoom(t, textW, logoW, draft)
		headRoom = min(headRoom, r)
		if r+marking.Gap >= 0 {
			continue // the title may go on lines of its own below
		}
		// The mark stands left of the label in the header's row: one
		// wider than the row would start off the paper.
		at := setting{"", s.marginsAt.at, s.marginsAt.key}
		if draft != s.defaults["words"][lang]["draft"] && s.user != nil {
			at = setting{"", s.user, "words." + lang + ".draft"}
		} else if at.at == nil {
			at = s.paper
		}
		bold := layout.Style{Face: layout.Bold, Size: marking.Size}
		markRoom := r + marking.Gap + textWidth(t, draft, bold)
		s.errAt(at.at, at.key, "the draft mark %q is %.0f points wide in the running header (%v pt bold), more than the %.0f points left of the widest TLP label %s (after the logo); it is printed whole on every page of a draft: shorten it to about %d characters",
			draft, textWidth(t, draft, bold), marking.Size, max(markRoom, 0), on, fitCount(t, draft, bold, max(markRoom, 0)))
	}
	headRoom = max(headRoom, 0)
	if s.org.val != "" {
		if w := textWidth(t, s.org.val, st); w > textW {
			s.errAt(s.org.at, s.org.key, "is %.0f points wide in the running header (%v pt), more than the %.0f points of the text area %s; it is printed whole: shorten it to about %d characters",
				w, marking.TextSize, textW, on, fitCount(t, s.org.val, st, textW))
		} else if w > headRoom {
			s.needWide(t, true, textW, fmt.Sprintf("the organization's name (%.0f points wide) does not fit beside the logo, the widest TLP label and the draft mark (%.0f points)", w, max(headRoom, 0)))
		}
	}
	if headRoom < textW/2 {
		s.needWide(t, true, textW, fmt.Sprintf("the incident's title has %.0f points beside the logo, the widest TLP label and the draft mark", max(headRoom, 0)))
	}
	room := marking.FooterRoom(t, textW)
	wide := false
	for _, lang := range slices.Sorted(maps.Keys(s.footer)) {
		if w := textWidth(t, s.footer[lang], st); w > textW {
			s.errAt(s.footerAt[lang], "footer."+lang, "is %.0f points wide in the footer (%v pt), more than the %.0f points of the text area %s; a footer line is printed whole: shorten it to about %d characters",
				w, marking.TextSize, textW, on, fitCount(t, s.footer[lang], st, textW))
		} else if w > room {
			wide = true
		}
	}
	for _, lang := range langs {
		asOf := s.words[lang]["as_of"]
		loc := localize.New(lang)
		widest := 0.0
		for month := 1; month <= 12; month++ {
			widest = max(widest, textWidth(t, asOf+" "+loc.Date(model.Date{Year: 2088, Month: month, Day: 28}), st))
		}
		if widest > room {
			wide = true
		}
		if widest <= textW {
			// Both on one line across the text area, or on two.
			if w := textWidth(t, s.footer[lang], st); w > 0 && wide && w+textWidth(t, "    ", st)+widest > textW {
				s.needWideLines(t, false, 2, textW, "the footer line and the as-of date do not fit one line of the text area")
			}
			continue
		}
		at := setting{"", s.marginsAt.at, s.marginsAt.key}
		if asOf != s.defaults["words"][lang]["as_of"] && s.user != nil {
			at = setting{"", s.user, "words." + lang + ".as_of"}
		} else if at.at == nil {
			at = s.paper
		}
		s.errAt(at.at, at.key, "the as-of date of the %s footer (%q and a date) is up to %.0f points wide, more than the %.0f points of the text area %s; it is printed whole on every page", lang, asOf, widest, textW, on)
	}
	if wide {
		s.needWide(t, false, textW, fmt.Sprintf("the footer's texts do not fit beside the widest TLP label and page number (%s), %.0f points", marking.PageNumber, max(room, 0)))
	}
}

// needWide refuses margins whose top (header) or bottom margin has no room
// for the band's texts on two lines ([marking.WideLines]) of their own
// across the text area, as they are set when they do not fit beside the
// label: why says why.
func (s *settings) needWide(t *Theme, header bool, textW float64, why string) {
	k := 2
	if !header {
		k = 1
	}
	s.needWideLines(t, header, k, textW, why)
}

func (s *settings) needWideLines(t *Theme, header bool, k int, textW float64, why string) {
	margin, side, which := t.Paper.Top, "top", "running header"
	if !header {
		margin, side, which = t.Paper.Bottom, "bottom", "footer"
	}
	if marking.WideLines(margin) >= k {
		return
	}
	if s.reported[side] {
		return
	}
	if s.reported == nil {
		s.reported = map[string]bool{}
	}
	s.reported[side] = true
	at := s.marginsAt
	if at.at == nil {
		at = s.paper
	}
	s.errAt(at.at, at.key, "the %s margin %v is too small for a text area %.0f points wide: %s, so the %s sets them on %d line(s) of their own across the text area, which need a %s margin of at least %v points (or wider text area)",
		side, margin, textW, why, which, k, side, math.Ceil(marking.MinMargin+marking.Wide(k)))
}

// textWidth is the width of s in st with t's fonts, in points: a
// character they lack counts as an em, a combining mark as nothing.
func textWidth(t *Theme, s string, st layout.Style) float64 {
	total := 0
	for _, r := range s {
		if layout.Combining(r) || layout.Ignorable(r) {
			continue
		}
		w, ok := t.Advance(st.Face, r)
		if !ok {
			w = 1000
		}
		total += w
	}
	return float64(total) / 1000 * st.Size
}

// fitCount is the number of characters of the longest start of s at most
// w points wide in st.
func fitCount(t *Theme, s string, st layout.Style, w float64) int {
	n := 0
	for i, r := range s {
		if textWidth(t, s[:i+utf8.RuneLen(r)], st) > w {
			break
		}
		n++
	}
	return n
}

// boldFallback lets the bold faces (bold, mono_bold) fall back to a font
// of their regular face's chain (regular, mono) for the characters it
// draws there that no font of the bold chain has, as a regular face: bold
// text in them is then drawn, not refused. Each such font is added at the
// end of the bold chain, with one template warning unless all it adds are
// private-use characters (U+E000–U+F8FF and planes 15–16, such as the four
// of DejaVu Sans that its bold lacks).
func (s *settings) boldFallback(t *Theme) {
	for _, p := range [][2]layout.Face{{layout.Regular, layout.Bold}, {layout.Mono, layout.MonoBold}} {
		reg, bold := t.faces[p[0]], t.faces[p[1]]
		if !s.fonts[p[0]].at.user && !s.fonts[p[1]].at.user || len(reg) == 0 || len(bold) == 0 {
			continue // fonts the template left alone, or code faces loaded when first used
		}
		for i, r := range reg {
			if slices.ContainsFunc(bold, func(b face) bool { return b.name == r.name }) {
				continue
			}
			var lack []string
			n, private := 0, false
			r.font.Chars(func(c rune) {
				if !unicode.IsSpace(c) && !unicode.IsControl(c) && reg.pick(c) == i && t.faces[p[1]].pick(c) < 0 {
					if unicode.Is(unicode.Co, c) {
						private = true // a font's own symbols, no text's: not worth a warning
						return
					}
					if n++; n <= 3 {
						lack = append(lack, layout.RuneName(c))
					}
				}
			})
			if n == 0 && !private {
				continue
			}
			t.faces[p[1]] = append(t.faces[p[1]], r)
			if n == 0 {
				continue
			}
			fs := s.fonts[p[1]]
			at, key := fs.at, fs.key
			if !at.user {
				at, key = s.fonts[p[0]].at, s.fonts[p[0]].key
			}
			if n > len(lack) {
				lack = append(lack, "…")
			}
			s.warnAt(at, key, "no font of %s (%s) has %d characters that %s of %s draws (%s): bold text in them is set in %s, a regular face; add its bold to %s",
				fs.key, bold.names(), n, r.name, s.fonts[p[0]].key, strings.Join(lack, ", "), r.name, fs.key)
		}
	}
}

// checkTexts checks, once per template, that the regular and bold chains
// draw every character of the template's own words: headings, fixed
// words, footers and the organization's name. A character they lack is
// one error at the font's key (at the text's key when the fonts are the
// default template's), not an error in every briefing. The default
// template alone is not checked when loaded: its words and fonts are
// embedded, and a test checks them.
func (s *settings) checkTexts(t *Theme) {
	type text struct{ key, val string }
	var texts []text
	for _, kind := range []string{"headings", "words"} {
		m := s.headings
		if kind == "words" {
			m = s.words
		}
		for _, lang := range sortedKeys(m) {
			for _, k := range sortedKeys(m[lang]) {
				texts = append(texts, text{kind + "." + lang + "." + k, m[lang][k]})
			}
		}
	}
	for _, lang := range sortedKeys(s.footer) {
		texts = append(texts, text{"footer." + lang, s.footer[lang]})
	}
	if s.org.val != "" {
		texts = append(texts, text{s.org.key, s.org.val})
	}
	type fault struct {
		at              *origin
		key             string
		faces, examples []string
		lack            []string
	}
	var faults []fault
	for _, f := range []layout.Face{layout.Regular, layout.Bold} {
		c := t.faces[f]
		var lack []string
		seen := map[rune]bool{}
		first := ""
		for _, x := range texts {
			for _, r := range x.val {
				if unicode.IsSpace(r) || seen[r] {
					continue
				}
				seen[r] = true
				if c.pick(r) < 0 {
					lack = append(lack, layout.RuneName(r))
					if first == "" {
						first = x.key
					}
				}
			}
		}
		if len(lack) == 0 {
			continue
		}
		fs := s.fonts[f]
		at, key := fs.at, fs.key
		if s.user != nil && !at.user {
			at, key = s.user, first
		}
		more := "\"other.ttf\""
		if s.fallback.val == "false" {
			more = fmt.Sprintf("%q", lastResort[f])
		}
		example := strings.TrimPrefix(fs.key, "fonts.") + " = [" + strings.Join(quoted(fs.vals), ", ") + ", " + more + "]"
		faces := fmt.Sprintf("%s (%s)", fs.key, c.names())
		if n := len(faults); n > 0 && faults[n-1].at == at && faults[n-1].key == key && slices.Equal(faults[n-1].lack, lack) {
			faults[n-1].faces = append(faults[n-1].faces, faces)
			faults[n-1].examples = append(faults[n-1].examples, example)
			continue
		}
		faults = append(faults, fault{at, key, []string{faces}, []string{example}, lack})
	}
	for _, x := range faults {
		list := strings.Join(x.lack, ", ")
		if len(x.lack) > 8 {
			list = strings.Join(x.lack[:8], ", ") + fmt.Sprintf(" and %d more", len(x.lack)-8)
		}
		s.errAt(x.at, x.key, "%s of the template's own headings and words: no font of %s has them; add a font that has them, as in %s",
			list, strings.Join(x.faces, " or "), strings.Join(x.examples, " and "))
	}
}

// quoted returns each string in TOML quotes.
func quoted(ss []string) []string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return q
}

// readFont reads a font file of at most MaxFont bytes; a variable so
// that tests can count the reads.
var readFont = func(path string) ([]byte, error) { return readfile.Read(path, MaxFont) }

// fontLoader loads the fonts of one template: each file is read once and
// each of its programs (file, face of a collection, named instance)
// parsed once, however many faces' chains name it (a 20 MB .ttc named by
// the regular and the mono chain, or one fallback font listed in the
// regular and the bold chain), and the faces share the parsed font.
type fontLoader struct {
	files map[string][]byte // cleaned path → file
	fonts map[fontKey]face  // program → loaded font, its name unset
}

// fontKey names a font program: a file (a cleaned path, or
// "embedded:NAME"), the index of its face and the instance selector.
type fontKey struct {
	file  string
	index int
	inst  string
}

// load reads and parses a font: "embedded:NAME" or a path relative to
// dir, with "#FACE" after the path of a collection (.ttc, .otc) to choose
// a face by index from 0 or by name (see [chooseFace]), and "#INSTANCE"
// after a variable font (or its face) to choose a named instance or axis
// values (see [ttf.Font.Instance]). The face returned is named spec; its
// data and font may be shared with other faces and must not be modified.
func (l *fontLoader) load(dir, spec string) (face, error) {
	var data []byte
	var err error
	// FILE, FILE#FACE, FILE#INSTANCE (a variable font) or
	// FILE#FACE#INSTANCE (a face of a collection); the selectors start
	// at the first # after the file's folder that ends the name of a file
	// (a font named "a#b.ttf" is a file, not face "b.ttf" of "a"), else at
	// the first #.
	file, sel, inst := spec, "", ""
	if i := fileEnd(dir, spec); i < len(spec) {
		file, sel = spec[:i], spec[i+1:]
		if j := strings.IndexByte(sel, '#'); j >= 0 {
			sel, inst = sel[:j], sel[j+1:]
		}
	}
	key := fontKey{file: file}
	if strings.HasPrefix(spec, embeddedPrefix) {
		if data, err = embedded(spec); err != nil {
			return face{}, err
		}
	} else {
		p := file
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		key.file = filepath.Clean(p)
		if data = l.files[key.file]; data == nil {
			if data, err = readFont(p); err != nil {
				return face{}, fmt.Errorf("cannot read font: %w", err)
			}
			if l.files == nil {
				l.files = map[string][]byte{}
			}
			l.files[key.file] = data
		}
	}
	if sel != "" && !strings.HasPrefix(spec, embeddedPrefix) {
		if key.index, err = chooseFace(data, file, sel); err != nil {
			if inst != "" || ttf.NumFaces(data) > 1 || !variable(data) {
				return face{}, err
			}
			sel, inst = "", sel // FILE#INSTANCE of a variable font
		}
	}
	key.inst = inst
	if fc, ok := l.fonts[key]; ok {
		fc.name = spec
		return fc, nil
	}
	parse := ttf.ParseFace
	if strings.HasPrefix(spec, embeddedPrefix) {
		parse = func(b []byte, _ int) (*ttf.Font, error) { return ttf.ParseKnown(b) } // see ttf's TestParseKnown
	}
	f, err := parse(data, key.index)
	if err != nil {
		return face{}, fmt.Errorf("font %s: %w", spec, err)
	}
	if inst != "" {
		b, _, err := f.Instance(inst)
		if err != nil {
			return face{}, fmt.Errorf("font %s: %w", spec, err)
		}
		if f, err = ttf.Parse(b); err != nil {
			return face{}, fmt.Errorf("font %s: instance %q: %w", spec, inst, err)
		}
		data = b
	}
	if l.fonts == nil {
		l.fonts = map[fontKey]face{}
	}
	l.fonts[key] = face{data: data, font: f}
	return face{name: spec, data: data, font: f}, nil
}

// fileEnd is the index in spec of the # that ends its file name, or
// len(spec) when none does: the first # after the file's folder that ends
// the name of an existing file (relative to dir), else the whole spec if
// it names one, else the first #.
func fileEnd(dir, spec string) int {
	base := strings.LastIndexByte(spec, '/') + 1
	first := strings.IndexByte(spec[base:], '#')
	if first < 0 {
		return len(spec)
	}
	first += base
	if strings.HasPrefix(spec, embeddedPrefix) {
		return first
	}
	exists := func(p string) bool {
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		fi, err := os.Stat(p)
		return err == nil && !fi.IsDir()
	}
	for i := first; i < len(spec); i++ {
		if spec[i] == '#' && exists(spec[:i]) {
			return i
		}
	}
	if exists(spec) {
		return len(spec)
	}
	return first
}

// variable reports whether the single font data has an fvar table.
func variable(data []byte) bool {
	f, err := ttf.Parse(data)
	if err != nil {
		return false
	}
	axes, _ := f.Variations()
	return len(axes) > 0
}

// chooseFace returns the index of the face sel of the font file named
// file: an index from 0 ("2"), or a face's PostScript name, full name or
// family name ("Noto Sans CJK JP"), the first face that has it, compared
// without regard to case. An unknown name is an error listing the faces.
func chooseFace(data []byte, file, sel string) (int, error) {
	if n, err := strconv.Atoi(sel); err == nil {
		if count := ttf.NumFaces(data); n < 0 || n >= count {
			if count == 1 {
				return 0, fmt.Errorf("font %s has no face %d: it is one font, not a collection (#0 or no # names it)", file, n)
			}
			return 0, fmt.Errorf("font %s has no face %d: it has %d, #0 to #%d", file, n, count, count-1)
		}
		return n, nil
	}
	faces, err := ttf.Faces(data)
	if err != nil {
		return 0, fmt.Errorf("font %s: %w", file, err)
	}
	for _, f := range faces {
		for _, name := range []string{f.PostScriptName, f.FullName, f.Family} {
			if name != "" && strings.EqualFold(name, sel) {
				return f.Index, nil
			}
		}
	}
	list := make([]string, len(faces))
	for i, f := range faces {
		list[i] = fmt.Sprintf("#%d %q (%s)", f.Index, f.Family, f.PostScriptName)
	}
	return 0, fmt.Errorf("font %s has no face %q; its faces are %s", file, sel, strings.Join(list, ", "))
}

// embedded returns the embedded font named by spec ("embedded:NAME").
func embedded(spec string) ([]byte, error) {
	switch name := strings.TrimPrefix(spec, embeddedPrefix); name {
	case fonts.Regular:
		return readOnly(fonts.RegularData), nil
	case fonts.Bold:
		return readOnly(fonts.BoldData), nil
	case fonts.Mono:
		return readOnly(fonts.MonoData), nil
	case fonts.MonoBold:
		return readOnly(fonts.MonoBoldData), nil
	default:
		return nil, fmt.Errorf("no embedded font %q; the embedded fonts are %s, %s, %s and %s", name, fonts.Regular, fonts.Bold, fonts.Mono, fonts.MonoBold)
	}
}

// readOnly returns the bytes of an embedded file without copying them
// (reading them from fonts.FS would copy 4.6 MB a face, several
// milliseconds of a cold start). The bytes live in the program's read-only
// data: nothing may write to them, and nothing does: packages ttf and
// render only read a font, and the renderer gets subsets, which are new
// slices.
func readOnly(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// The running header prints the logo as tall as its TLP label, 14 pt, and
// at most a quarter of the text width wide, its aspect ratio kept (package
// compose). A logo is kept at up to logoDPI at that size: a larger one is
// scaled down when the template is loaded, once, not in every briefing.
const (
	logoHeight = 14.0 // pt
	logoDPI    = 300
)

// maxLogoPixels is the largest logo decoded (a 6000 × 6000 picture; a
// JPEG is decoded whole, 54–144 MB of samples while it is scaled down):
// the width and height a file claims are checked before it is decoded.
const maxLogoPixels = 6000 * 6000

// maxLogoSide is the longest side of a logo, in pixels, as of a figure's
// picture (raster.MaxSide): a longer one prints under a pixel across,
// and scaling it down takes 32–64 bytes for each pixel of that side.
const maxLogoSide = 1_000_000

// loadLogo reads a PNG or JPEG file, decodes it whole (a truncated or
// damaged file is refused here, once, rather than in every briefing) and
// scales a picture finer than logoDPI at the size it is printed on paper
// down to that resolution, as a PNG, as a figure's picture is
// (raster.Shrink: Catmull-Rom, a PNG decoded a row at a time, so that a
// logo of many megapixels takes little more memory than its file). A
// JPEG's or PNG's EXIF orientation is applied as for a figure: turned as it is
// scaled, or, kept as it is, turned by the PDF's image matrix.
func loadLogo(path string, paper layout.Paper) (*Logo, error) {
	data, err := readfile.Read(path, MaxLogo)
	if err != nil {
		return nil, fmt.Errorf("cannot read logo: %w", err)
	}
	var typ string
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		typ = "png"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		typ = "jpeg"
	default:
		return nil, fmt.Errorf("logo %s is not a PNG or JPEG file", path)
	}
	damaged := func(err error) error {
		return fmt.Errorf("logo %s: damaged %s file: %w", path, strings.ToUpper(typ), err)
	}
	if err := raster.Unsupported(data); err != nil {
		return nil, fmt.Errorf("logo %s %w", path, err)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, damaged(err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("logo %s: picture has no pixels", path)
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxLogoPixels {
		return nil, fmt.Errorf("logo %s: %d × %d pixels is more than the %d megapixels read; a logo is printed %.0f pt tall, so %d pixels of height are plenty",
			path, cfg.Width, cfg.Height, maxLogoPixels/1000000, logoHeight, pixels(logoHeight))
	}
	if cfg.Width > maxLogoSide || cfg.Height > maxLogoSide {
		return nil, fmt.Errorf("logo %s: %d × %d pixels: a logo is at most %d pixels wide and %[4]d pixels tall (a longer side prints under a pixel across)",
			path, cfg.Width, cfg.Height, maxLogoSide)
	}
	// A phone's photograph of a letterhead is stored sideways with an
	// EXIF orientation: the logo is seen as a figure's picture is.
	o, upright := raster.Orient(data)
	sw, sh := cfg.Width, cfg.Height
	if o.Swaps() {
		sw, sh = sh, sw
	}
	w, h := logoSize(sw, sh, paper)
	if pw, ph := pixels(w), pixels(h); pw < sw || ph < sh {
		pw, ph = min(pw, sw), min(ph, sh)
		small, err := raster.Shrink(data, pw, ph)
		if err != nil {
			return nil, damaged(err)
		}
		return &Logo{Data: small, Type: "png", Width: pw, Height: ph, Orientation: int(raster.Upright)}, nil
	}
	if err := raster.Check(data); err != nil {
		return nil, damaged(err)
	}
	return &Logo{Data: upright, Type: typ, Width: sw, Height: sh, Orientation: int(o)}, nil
}

// logoSize is the largest size, in points, the running header prints a
// logo of w × h pixels at on paper.
func logoSize(w, h int, paper layout.Paper) (pw, ph float64) {
	ph = logoHeight
	pw = ph * float64(w) / float64(h)
	if maxW := (paper.Width - paper.Left - paper.Right) / 4; pw > maxW {
		pw, ph = maxW, maxW*float64(h)/float64(w)
	}
	return pw, ph
}

// pixels is the number of pixels that print a length in points at
// logoDPI or just under, at least 1.
func pixels(pt float64) int {
	return max(1, int(math.Floor(pt*logoDPI/72+1e-9)))
}

// Advance returns the advance width of r in face, in 1/1000 em as the
// PDF's width array holds it, and whether face can draw r: the width in
// the first font of the face's chain that has r, the font that draws it.
// With it a *Theme is a [layout.Metrics].
func (t *Theme) Advance(f layout.Face, r rune) (int, bool) {
	c := t.chain(f)
	for i := range c {
		if w, ok := c[i].font.Advance(r); ok {
			return w, true
		}
	}
	return 0, false
}

// Variant returns the advance width of base followed by the variation
// selector sel in face f, in 1/1000 em, and whether the font of the
// face's chain that draws base (see [Theme.Pick]) draws the sequence
// (its cmap format 14, see [ttf.Font.Variant]): the selector goes with
// its base, never to another font of the chain. With it a *Theme is a
// [layout.Variants].
func (t *Theme) Variant(f layout.Face, base, sel rune) (int, bool) {
	c := t.chain(f)
	if i := c.pick(base); i >= 0 {
		return c[i].font.VariantAdvance(base, sel)
	}
	return 0, false
}

// Ink returns the left and right edges of r's outline in face, in 1/1000
// em from the glyph's origin, in the font that draws r; ok is false when
// no font of the chain has r or its glyph has no outline. With it a
// *Theme is a [layout.Inks].
func (t *Theme) Ink(f layout.Face, r rune) (left, right int, ok bool) {
	c := t.chain(f)
	i := c.pick(r)
	if i < 0 {
		return 0, 0, false
	}
	fo := c[i].font
	x0, _, x1, _, ok := fo.Bounds(r)
	if !ok {
		return 0, 0, false
	}
	u := float64(fo.UnitsPerEm())
	return int(math.Round(float64(x0) * 1000 / u)), int(math.Round(float64(x1) * 1000 / u)), true
}

// chain returns the fonts of face f, parsing an embedded code face the
// first time it is asked for (most briefings have no code: parsing the two
// fixed-width fonts took a cold start 0.9 ms); nil for an unknown face.
func (t *Theme) chain(f layout.Face) chain {
	if f < 0 || int(f) >= len(t.faces) {
		return nil
	}
	if f >= layout.Mono {
		t.lazy.Do(func() {
			fl := &t.loader
			for i, specs := range t.pending {
				for _, spec := range specs {
					// Embedded fonts are known to load.
					fc, _ := fl.load("", spec)
					t.faces[i] = append(t.faces[i], fc)
				}
			}
		})
	}
	return t.faces[f]
}

// Chain returns the number of fonts of face f's fallback chain (0 for an
// unknown face).
func (t *Theme) Chain(f layout.Face) int { return len(t.chain(f)) }

// Pick returns the index in face f's chain of the font that draws r: the
// first that has it; -1 when none has. It implements render.Chains.
func (t *Theme) Pick(f layout.Face, r rune) int { return t.chain(f).pick(r) }

// ChainNames names face f's chain as the template's key and its fonts:
// "fonts.regular (corp.ttf, embedded:BIZUDPGothic-Regular.ttf)"; "" for
// an unknown face.
func (t *Theme) ChainNames(f layout.Face) string {
	c := t.chain(f)
	if len(c) == 0 {
		return ""
	}
	return "fonts." + fontKeys[f] + " (" + c.names() + ")"
}

// Font returns the parsed first font of a face, nil for an unknown face.
func (t *Theme) Font(f layout.Face) *ttf.Font {
	if c := t.chain(f); len(c) > 0 {
		return c[0].font
	}
	return nil
}

// FontFile returns the whole font file of the first font of a face,
// nil for an unknown face. It must not be modified: for the embedded fonts
// it is read-only memory.
func (t *Theme) FontFile(f layout.Face) []byte {
	if c := t.chain(f); len(c) > 0 {
		return c[0].data
	}
	return nil
}

// Program returns a font (TrueType, or OpenType with CFF outlines) for
// face holding just the glyphs of the runes used (see [ttf.Font.Subset]) of the face's first font; runes it
// cannot draw are left out. It implements render.Fonts.
func (t *Theme) Program(f layout.Face, used []rune) ([]byte, error) {
	return t.ProgramOf(f, 0, used)
}

// ProgramOf returns a subset of font i of face f's chain holding just the
// glyphs of the runes used; runes it cannot draw are left out. The subset
// has no hinting instructions (a fifth of the glyph data; PDF viewers draw
// the outlines unhinted), which keeps a Japanese briefing's PDF about
// 20 KB smaller. It implements render.Chains.
func (t *Theme) ProgramOf(f layout.Face, i int, used []rune) ([]byte, error) {
	return t.ProgramWith(f, i, used, nil)
}

// ProgramWith is [Theme.ProgramOf] whose subset also holds the glyphs of
// the variation sequences seqs (see [ttf.Options].Sequences). It
// implements render.Sequences.
func (t *Theme) ProgramWith(f layout.Face, i int, used []rune, seqs []ttf.Sequence) ([]byte, error) {
	c := t.chain(f)
	if i < 0 || i >= len(c) {
		return nil, fmt.Errorf("no font %d for face %d", i, f)
	}
	b, err := c[i].font.SubsetWith(used, ttf.Options{NoHinting: true, Sequences: seqs})
	if err != nil {
		return nil, fmt.Errorf("subset font %s: %w", c[i].name, err)
	}
	return b, nil
}

// ProgramKey returns the parsed font of font i of face f's chain, shared
// by every chain that names the same font program (see fontLoader); nil
// for an unknown font. It implements render.SharedPrograms.
func (t *Theme) ProgramKey(f layout.Face, i int) any {
	c := t.chain(f)
	if i < 0 || i >= len(c) {
		return nil
	}
	return c[i].font
}

// lookup finds key in the table of lang, else of English, else of
// Japanese.
func lookup(m map[string]map[string]string, lang, key string) (string, bool) {
	for _, l := range []string{lang, "en", "ja"} {
		if v, ok := m[l][key]; ok {
			return v, true
		}
	}
	return "", false
}

// Heading returns the section heading key ("summary", "risks") in lang.
// For a language or key the template lacks it falls back to the
// template's English, then Japanese, then the key itself.
func (t *Theme) Heading(lang, key string) string {
	if v, ok := lookup(t.headings, lang, key); ok {
		return v
	}
	return key
}

// Word returns the fixed word key ("unknown", "severity_high") in lang,
// with the fallbacks of [Theme.Heading].
func (t *Theme) Word(lang, key string) string {
	if v, ok := lookup(t.words, lang, key); ok {
		return v
	}
	return key
}

// Footer returns the footer line of lang, falling back to English and
// then Japanese for a language the template has no footer for; "" for
// none.
func (t *Theme) Footer(lang string) string {
	for _, l := range []string{lang, "en", "ja"} {
		if v, ok := t.footer[l]; ok {
			return v
		}
	}
	return ""
}
