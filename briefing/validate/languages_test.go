package validate

import (
	"strings"
	"testing"
)

// TestOtherLanguages checks the one rule for languages briefings are not
// made in: a text may hold them (kept in Text.Other, checked, never shown),
// one warning per language says so, and asking for a briefing in one
// (languages) is an error.
func TestOtherLanguages(t *testing.T) {
	const top = "format = 1\nid = \"t\"\ndate = 2021-05-06\nsummary = \"S\"\n"
	for _, tt := range []struct {
		name, src string
		langs     []string // the incident's languages, nil when refused
		messages  []string
	}{
		{"zh-Hant title, the example of docs/format.md",
			top + "title.ja = \"表題\"\ntitle.en = \"Title\"\ntitle.zh-Hant = \"標題\"\n",
			[]string{"ja", "en"},
			[]string{"case.toml:7:7: title.zh-Hant: warning: texts in zh-Hant are kept and checked but not shown: briefings are made in Japanese (ja) and English (en) only"}},
		{"one warning per language, at its first text",
			top + "title = { de = \"Titel\", en = \"Title\" }\nimpact.de = \"I\"\nauthor = { ko = \"팀\", ja = \"班\" }\n",
			[]string{"en"},
			[]string{
				"case.toml:5:11: title.de: warning: texts in de are kept and checked but not shown: briefings are made in Japanese (ja) and English (en) only",
				"case.toml:7:12: author.ko: warning: texts in ko are kept and checked but not shown: briefings are made in Japanese (ja) and English (en) only",
			}},
		{"a regional variant is shown", top + "title.ja-JP = \"表題\"\ntitle.en-GB = \"Title\"\n",
			[]string{"ja-JP", "en-GB"}, nil},
		{"other languages are checked", top + "title.en = \"T\"\ntitle.fr = \"\"\n", nil,
			[]string{"case.toml:6:12: title.fr: is empty; leave the language out instead"}},
		{"a required text in other languages only", top + "title.de = \"Titel\"\n", nil,
			[]string{
				"case.toml:5:1: title: has no Japanese (ja) or English (en) text, the languages briefings are made in; every incident needs a title",
				"case.toml:5:7: title.de: warning: texts in de are kept and checked but not shown: briefings are made in Japanese (ja) and English (en) only",
			}},
		{"languages asks for one", top + "title = \"T\"\nlanguages = [\"ja\", \"zh-Hant\"]\n", nil,
			[]string{"case.toml:6:20: languages[2]: zh-Hant: briefings are made in Japanese (ja) and English (en) only, or a regional variant such as en-GB"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			inc, ds := check(t, tt.src)
			var got []string
			for _, d := range ds {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.messages, "\n") {
				t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.messages, "\n"))
			}
			if (inc == nil) != (tt.langs == nil) {
				t.Fatalf("incident %v, want languages %v", inc != nil, tt.langs)
			}
			if inc != nil && strings.Join(inc.Languages, ",") != strings.Join(tt.langs, ",") {
				t.Errorf("languages %v, want %v", inc.Languages, tt.langs)
			}
		})
	}
	// Kept, not shown: the author in Korean only is absent from briefings.
	inc, _ := check(t, top+"title = \"T\"\nauthor = { ko = \"팀\" }\n")
	if !inc.Author.IsZero() || len(inc.Author.Other) != 1 || inc.Author.Other[0].Value != "팀" || inc.Author.Other[0].Source.Key != "author.ko" {
		t.Errorf("author = %+v", inc.Author)
	}
	if s, ok := inc.Title.In("ko"); s != "T" || !ok {
		t.Errorf("title in ko = %q %v", s, ok)
	}
}
