package compose

import (
	"unicode"

	"briefing/briefing/layout"
	"briefing/briefing/localize"
	"briefing/briefing/model"
)

// The language of a text that differs from the briefing's is given to
// the structure (layout.Span.Lang, layout.Text.Lang), so that a screen
// reader reads an untranslated passage, or an English title in a
// Japanese briefing, in its own language (PDF/UA-1, 7.2).

// untranslatedLang is the language of the text t shows when it lacks the
// briefing's: its first language's.
func untranslatedLang(t model.Text) string {
	if len(t.Langs) == 0 {
		return ""
	}
	return localize.New(t.Langs[0].Lang).Lang()
}

// inLang returns spans with Lang lang where they have none (the
// untranslated tag has the briefing's); lang "" leaves them as they are.
func inLang(spans []layout.Span, lang string) []layout.Span {
	if lang == "" {
		return spans
	}
	for i := range spans {
		if spans[i].Lang == "" {
			spans[i].Lang = lang
		}
	}
	return spans
}

// latinLang returns "en" for a text written in Latin letters alone
// (with digits, spaces and punctuation), else "".
func latinLang(s string) string {
	letters := false
	for _, r := range s {
		switch {
		case r < 0x80:
			letters = letters || unicode.IsLetter(r)
		case unicode.In(r, unicode.Latin, unicode.Common) && !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			if r >= 0x3000 {
				return "" // CJK punctuation, full-width forms
			}
		default:
			return ""
		}
	}
	if letters {
		return "en"
	}
	return ""
}
