package digest

import (
	"strconv"
	"strings"
	"time"

	"briefing/briefing/compose"
	"briefing/briefing/localize"
	"briefing/briefing/model"
	"briefing/briefing/period"
)

// builtin is the digest's own text for a fixed word, {ja, en}. A template
// may override each under [words.LANG] with the same key.
func builtin(key string) ([2]string, bool) {
	switch key {
	case "digest_title_week":
		return [2]string{"週次インシデント・ダイジェスト", "Weekly incident digest"}, true
	case "digest_title_month":
		return [2]string{"月次インシデント・ダイジェスト", "Monthly incident digest"}, true
	case "digest_title":
		return [2]string{"インシデント・ダイジェスト", "Incident digest"}, true
	case "digest_period":
		return [2]string{"対象期間", "Period"}, true
	case "digest_count":
		return [2]string{"収録件数", "Incidents"}, true
	case "digest_marking":
		return [2]string{"取扱区分", "Marking"}, true
	case "digest_marking_note":
		return [2]string{"収録インシデントのうち最も制限の厳しい区分", "the most restrictive of its incidents"}, true
	case "digest_marking_note_left_out":
		return [2]string{"収録インシデントと除外したファイルのうち最も制限の厳しい区分", "the most restrictive of its incidents and of the files left out"}, true
	case "digest_marking_note_unsure":
		return [2]string{"収録インシデントと除外したファイルから読み取れた区分のうち最も制限の厳しい区分。除外したファイルに取扱区分を読み取れないものがあります", "the most restrictive of its incidents and of the markings read in the files left out; the marking of a file left out could not be read"}, true
	case "digest_withheld":
		return [2]string{"（エラーの内容は省略：このファイルの取扱区分を読み取れないため）", "(message withheld: the file's TLP marking could not be read)"}, true
	case "digest_withheld_marked":
		return [2]string{"（エラーの内容は省略：このファイルの取扱区分は収録インシデントより厳しいため）", "(message withheld: the file is marked more restrictively than the incidents of this digest)"}, true
	case "digest_none_included":
		return [2]string{"この期間のインシデントは、いずれも本ダイジェストに収録できませんでした。", "None of this period's incidents could be included in this digest."}, true
	case "digest_left_out":
		return [2]string{"除外したファイル", "Left out"}, true
	case "digest_not_made":
		return [2]string{"日本語版のない事案", "Not made in English"}, true
	case "digest_failures":
		return [2]string{"除外したファイルと最初のエラー", "Files left out, with their first error"}, true
	case "digest_entry_col":
		return [2]string{"区分", "Entry"}, true
	case "digest_draft":
		return [2]string{"下書き", "draft"}, true
	case "digest_new":
		return [2]string{"新規", "New"}, true
	case "digest_updated":
		return [2]string{"更新", "Updated"}, true
	case "digest_incidents":
		return [2]string{"収録インシデント", "Incidents in this digest"}, true
	case "digest_page":
		return [2]string{"ページ", "Page"}, true
	case "digest_title_col":
		return [2]string{"件名", "Title"}, true
	case "digest_none":
		return [2]string{"この期間に該当するインシデントはありません。", "There were no incidents in this period."}, true
	}
	return [2]string{}, false
}

// texts gives the digest's words in one language.
type texts struct {
	loc localize.Locale
	ja  bool
	th  compose.Theme
}

func words(lang string, th compose.Theme) texts {
	loc := localize.New(lang)
	return texts{loc: loc, ja: loc.Lang() == "ja", th: th}
}

// word returns the template's word key where it has one, else the digest's
// own text.
func (w texts) word(key string) string {
	if w.th.Words != nil {
		if s := w.th.Words.Word(w.loc.Lang(), key); s != "" && s != key {
			return s
		}
	}
	if b, ok := builtin(key); ok {
		if w.ja {
			return b[0]
		}
		return b[1]
	}
	return key
}

// title is the digest's title: weekly for a week, monthly for a month,
// else plain.
func (w texts) title(r period.Range) string {
	if r.Week != "" {
		return w.word("digest_title_week")
	}
	if r.Month != "" {
		return w.word("digest_title_month")
	}
	return w.word("digest_title")
}

// count is a number of incidents: 3件 / 3 incidents.
func (w texts) count(n int) string {
	if w.ja {
		return w.loc.Number(n) + "件"
	}
	if n == 1 {
		return "1 incident"
	}
	return w.loc.Number(n) + " incidents"
}

// breakdown is the count of a digest with its updates apart: 3件（新規2件・
// 更新1件） / 3 incidents (2 new, 1 updated); the count alone when none is
// an update.
func (w texts) breakdown(n, updated int) string {
	if updated == 0 {
		return w.count(n)
	}
	if w.ja {
		return w.count(n) + "（" + w.word("digest_new") + w.count(n-updated) + "・" + w.word("digest_updated") + w.count(updated) + "）"
	}
	return w.count(n) + " (" + w.loc.Number(n-updated) + " " + strings.ToLower(w.word("digest_new")) + ", " +
		w.loc.Number(updated) + " " + strings.ToLower(w.word("digest_updated")) + ")"
}

// notMade is the cover's note, beside its key (日本語版のない事案 / Not made
// in English), on incidents of the period not made in its language:
// 1件（本ダイジェストには収録せず） / 1 incident, not in this digest.
func (w texts) notMade(n int) string {
	if w.ja {
		return w.loc.Number(n) + "件（本ダイジェストには収録せず）"
	}
	return w.count(n) + ", not in this digest"
}

// paren puts s in parentheses after what precedes it: （s） / " (s)".
func (w texts) paren(s string) string {
	if w.ja {
		return "（" + s + "）"
	}
	return " (" + s + ")"
}

// leftOut is the cover's note on files left out: 1件（エラーのため）.
func (w texts) leftOut(n int) string {
	if w.ja {
		return w.loc.Number(n) + "件（検証エラーなどのため）"
	}
	if n == 1 {
		return "1 file, which failed validation or could not be typeset"
	}
	return w.loc.Number(n) + " files, which failed validation or could not be typeset"
}

// periodText names the period as the cover does: 2021年第18週（5月3日～5月9日）
// / Week 18: 3–9 May 2021 for a week, 2021年5月 / May 2021 for a month,
// 2021年5月1日～5月31日 / 1–31 May 2021 for a range of dates.
func periodText(r period.Range, lang string) string {
	loc := localize.New(lang)
	if r.Month != "" {
		return loc.Date(model.Date{Year: r.From.Year, Month: r.From.Month})
	}
	if r.Week != "" {
		y, wk := time.Date(r.From.Year, time.Month(r.From.Month), r.From.Day, 0, 0, 0, 0, time.UTC).ISOWeek()
		return loc.Week(y, wk, r.From, r.To)
	}
	return loc.Days(r.From, r.To)
}

// Heading names the digest in a line, as an email's subject does:
// 週次インシデント・ダイジェスト 2021年第18週 / Weekly incident digest, week 18
// of 2021 for a week, 月次インシデント・ダイジェスト 2021年5月 / Monthly
// incident digest, May 2021 for a month, インシデント・ダイジェスト
// 2021年5月1日～5月31日 / Incident digest 1–31 May 2021 for a range of dates.
func Heading(r period.Range, lang string, th compose.Theme) string {
	w := words(lang, th)
	if r.Month != "" && !w.ja {
		return w.title(r) + ", " + periodText(r, lang)
	}
	if r.Week == "" {
		return w.title(r) + " " + periodText(r, lang)
	}
	y, wk := time.Date(r.From.Year, time.Month(r.From.Month), r.From.Day, 0, 0, 0, 0, time.UTC).ISOWeek()
	if w.ja {
		return w.title(r) + " " + strconv.Itoa(y) + "年第" + strconv.Itoa(wk) + "週"
	}
	return w.title(r) + ", week " + strconv.Itoa(wk) + " of " + strconv.Itoa(y)
}
