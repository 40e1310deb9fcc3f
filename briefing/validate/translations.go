package validate

import (
	"errors"
	"fmt"

	"golang.org/x/text/language"

	"briefing/briefing/diag"
	"briefing/briefing/model"
)

// ErrLanguage means a briefing cannot be made in a language: only ja and
// en (and their regional variants) have templates and formats.
var ErrLanguage = errors.New("briefings are made in Japanese (ja) and English (en) only, or a regional variant such as en-GB")

// Supported reports whether briefings can be made in lang, a BCP 47 tag:
// Japanese, English, or a regional variant of either (ja-JP, en-GB). It
// returns an error wrapping ErrLanguage when not. Texts may hold other
// languages, which are kept and checked but not rendered.
func Supported(lang string) error {
	if lang == "ja" || lang == "en" { // as every text of a briefing asks
		return nil
	}
	t, err := language.Parse(lang)
	if err != nil {
		return fmt.Errorf("%q is not a language tag", lang)
	}
	b, _ := t.Base()
	if b.String() != "ja" && b.String() != "en" {
		return fmt.Errorf("%s: %w", lang, ErrLanguage)
	}
	return nil
}

// Texts returns every text of inc that is present, in the order of the
// briefing's sections.
func Texts(inc *model.Incident) []model.Text {
	var out []model.Text
	add := func(ts ...model.Text) {
		for _, t := range ts {
			if !t.IsZero() {
				out = append(out, t)
			}
		}
	}
	add(inc.Title, inc.Summary, inc.Author)
	for _, e := range inc.Timeline {
		add(e.Text)
	}
	if p := inc.Procurement; p != nil {
		add(p.Caption)
		for _, it := range p.Items {
			add(it.Product, it.Vendor)
		}
	}
	add(inc.Impact, inc.Handling)
	if a := inc.Analysis; a != nil {
		add(a.Method, a.SuccessFactors, a.Actor)
		add(a.Scenarios...)
	}
	for _, r := range inc.Risks {
		add(r.Title, r.Text)
	}
	for _, c := range inc.Countermeasures {
		add(c.Text, c.Owner)
	}
	add(inc.Review)
	for _, r := range inc.Related {
		add(r.Text)
	}
	for _, r := range inc.References {
		add(r.Title, r.Publisher)
	}
	return out
}

// Translations reports each text of inc that lacks one of langs: a warning
// (the briefing shows another language's text, marked as untranslated), or
// an error when strict.
func Translations(inc *model.Incident, langs []string, strict bool) diag.List {
	var ds diag.List
	for _, t := range Texts(inc) {
		for _, lang := range langs {
			if translated(t, lang) {
				continue
			}
			d := diag.Diagnostic{Severity: diag.Warning, File: inc.File, Line: t.Pos.Line, Col: t.Pos.Col, Key: t.Key,
				Message: fmt.Sprintf("no %s text; the %s briefing shows the %s text marked as untranslated", lang, lang, t.Langs[0].Lang)}
			if strict {
				d.Severity = diag.Error
				d.Message = fmt.Sprintf("no %s text (--strict makes a missing translation an error)", lang)
			}
			if d.Line == 0 {
				d.Line, d.Col = 1, 1
			}
			ds = append(ds, d)
		}
	}
	ds.Sort()
	return ds
}

// translated reports whether t has a text for lang or, for a regional tag
// (ja-JP), for its base language, as a briefing in lang shows it.
func translated(t model.Text, lang string) bool {
	if _, ok := t.In(lang); ok {
		return true
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return false
	}
	base, _ := tag.Base()
	_, ok := t.In(base.String())
	return ok
}

// Marking reports an incident file that does not give tlp: a warning that
// it is marked TLP:CLEAR, the least safe reading of a forgotten key, or an
// error when strict. It is reported once per file, at line 1 (the key is
// missing from the top level).
func Marking(inc *model.Incident, strict bool) diag.List {
	if inc == nil || inc.TLPGiven {
		return nil
	}
	d := diag.Diagnostic{Severity: diag.Warning, File: inc.File, Line: 1, Col: 1, Key: "tlp",
		Message: "not given; marked TLP:CLEAR"}
	if strict {
		d.Severity = diag.Error
		d.Message = "not given (--strict wants every file marked); write one of CLEAR, GREEN, AMBER, AMBER+STRICT or RED"
	}
	return diag.List{d}
}
