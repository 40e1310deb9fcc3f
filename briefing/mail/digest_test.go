package mail_test

import (
	"strings"
	"testing"

	"briefing/briefing/digest"
	bmail "briefing/briefing/mail"
	"briefing/briefing/model"
	"briefing/briefing/period"
)

// TestDigestEntries: a digest's message lists in each language the
// incidents made in it, each new on its as-of date or updated on the day
// of its revision, as the cover marks them; the message's Date follows the
// PDF's (the latest date of the incidents).
func TestDigestEntries(t *testing.T) {
	r, _ := period.Week("2021-W18")
	news := incident("新規の事案", "s", model.TLPGreen)
	news.ID, news.Languages = "new", []string{"ja", "en"}
	upd := incident("継続中の事案", "s", model.TLPAmber)
	upd.ID, upd.Languages = "upd", []string{"ja", "en"}
	upd.Date, upd.Updated = model.Date{Year: 2021, Month: 4, Day: 20}, model.Date{Year: 2021, Month: 5, Day: 7}
	en := incident("英語のみ", "s", model.TLPClear)
	en.ID, en.Languages = "en-only", []string{"en"}
	en.Title = model.Text{Plain: "English only"}
	d := digest.Digest{Period: r, Incidents: digest.Select([]*model.Incident{news, upd, en}, r)}
	dja := digest.Digest{Period: r, Incidents: digest.Select([]*model.Incident{news, upd}, r), NotMade: 1}
	files := []bmail.Attachment{{Name: "digest-2021-W18.ja.pdf", Lang: "ja", Data: []byte("p")}, {Name: "digest-2021-W18.en.pdf", Lang: "en", Data: []byte("q")}}
	m, err := bmail.Digest(map[string]digest.Digest{"ja": dja, "en": d}, files, opt)
	if err != nil {
		t.Fatal(err)
	}
	_, text, _, _ := read(t, m.Data)
	ja, en2, ok := strings.Cut(text, "Weekly incident digest")
	if !ok {
		t.Fatalf("no English part:\n%s", text)
	}
	for _, w := range []string{"収録件数：2件", "- 新規 2021年5月6日  [TLP:GREEN]", "- 更新 2021年5月7日  [TLP:AMBER]"} {
		if !strings.Contains(ja, w) {
			t.Errorf("Japanese part lacks %q:\n%s", w, ja)
		}
	}
	if strings.Contains(ja, "English only") {
		t.Errorf("the English-only incident is in the Japanese part:\n%s", ja)
	}
	for _, w := range []string{"Incidents: 3 incidents", "- New 6 May 2021  [TLP:GREEN]", "- Updated 7 May 2021  [TLP:AMBER]", "English only"} {
		if !strings.Contains(en2, w) {
			t.Errorf("English part lacks %q:\n%s", w, en2)
		}
	}
	if !strings.Contains(string(m.Data), "Date: Fri, 07 May 2021 00:00:00 +0000") {
		t.Errorf("the message's Date is not the latest date of its incidents:\n%s", m.Data[:400])
	}
}
