package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"briefing/internal/testkit"
)

// TestDigestJSONMarking: the --json report of a digest says of each file
// left out what the cover says of its marking (pdftotext): "tlp" is the
// label read, and "tlp_unread" is true exactly for the files whose line
// on the cover withholds the message because their marking could not be
// read (not TOML, a label that is not TLP 2.0, a key like tlp holding no
// label), and for the digest entry exactly when the cover's marking line
// says that the marking of a file left out could not be read.
func TestDigestJSONMarking(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	files := map[string]string{
		"clear.toml":    "format = 2\nid = \"open\"\ndate = 2021-05-04\ntitle = \"The open incident\"\nsummary = \"Summary\"\ntlp = \"CLEAR\"\n",
		"red.toml":      "format = 2\nid = \"redvpn\"\ndate = 2021-05-05\ntitle = \"VPN\"\nsummary = \"S\"\ntlp = \"RED\"\nseverity = \"hgih\"\n",
		"amber.toml":    "format = 2\nid = \"amber\"\ndate = 2021-05-05\ntitle = \"A\"\nsummary = \"S\"\ntlp = \"AMBER\"\nseverity = \"hgih\"\n",
		"notoml.toml":   "format = 2\nid = \"broken\"\ndate = 2021-05-06\ntlp = \"RED\nsecret = \"x\"\n",
		"badlabel.toml": "format = 2\nid = \"badlabel\"\ndate = 2021-05-06\ntitle = \"B\"\nsummary = \"S\"\ntlp = \"REDD\"\n",
		"unsure.toml":   "format = 2\nid = \"unsure\"\ndate = 2021-05-05\ntitle = \"U\"\nsummary = \"S\"\ntlp = \"GREEN\"\ntlp_level = \"REDD\"\n",
	}
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	type entry struct {
		File      string `json:"file"`
		OK        bool   `json:"ok"`
		TLP       string `json:"tlp"`
		TLPUnread bool   `json:"tlp_unread"`
	}
	for _, c := range []struct {
		name  string
		files []string
		// The files left out whose marking could not be read, and the
		// digest's label.
		unread []string
		label  string
	}{
		{"unread", []string{"clear.toml", "red.toml", "notoml.toml", "badlabel.toml", "unsure.toml"}, []string{"notoml.toml", "badlabel.toml", "unsure.toml"}, "TLP:RED"},
		{"unsure", []string{"clear.toml", "unsure.toml"}, []string{"unsure.toml"}, "TLP:GREEN"},
		{"read", []string{"clear.toml", "red.toml", "amber.toml"}, nil, "TLP:RED"},
	} {
		t.Run(c.name, func(t *testing.T) {
			// The files named as a user names them, so that the cover
			// prints each on one line.
			t.Chdir(dir)
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{"digest", "--week", "2021-W18", "--lang", "en", "--json", "-o", out}, c.files...)
			status, stdout, stderr := runCLI(t, args...)
			if status != 1 {
				t.Fatalf("status %d, want 1:\n%s", status, stderr)
			}
			var rep struct{ Files []entry }
			if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
				t.Fatalf("%v:\n%s", err, stdout)
			}
			cover := testkit.Run(t, "pdftotext", "-layout", "-f", "1", "-l", "1", filepath.Join(out, "digest-2021-W18.en.pdf"), "-")
			flat := strings.Join(strings.Fields(cover), " ")
			noteUnread := strings.Contains(flat, "the marking of a file left out could not be read")
			if noteUnread != (len(c.unread) > 0) {
				t.Errorf("the cover's marking line says could not be read: %v, want %v:\n%s", noteUnread, len(c.unread) > 0, cover)
			}
			if !strings.Contains(flat, "Marking "+c.label+" (") {
				t.Errorf("the cover is not marked %s:\n%s", c.label, cover)
			}
			seen := 0
			for _, e := range rep.Files {
				if e.File == "digest:2021-W18" {
					seen++
					if e.TLP != c.label || e.TLPUnread != noteUnread {
						t.Errorf("the digest's entry: tlp %q, tlp_unread %v; the cover: %s, could not be read %v", e.TLP, e.TLPUnread, c.label, noteUnread)
					}
					continue
				}
				name := filepath.Base(e.File)
				if name == "clear.toml" {
					if !e.OK || e.TLP != "TLP:CLEAR" || e.TLPUnread {
						t.Errorf("%s: %+v, want ok, TLP:CLEAR, read", name, e)
					}
					continue
				}
				seen++
				// The file's line on the cover: its place and key, and
				// the message withheld because its marking could not be
				// read, or not.
				line := regexp.MustCompile(`(?:^| )` + regexp.QuoteMeta(name) + `:\d+:\d+: (?:\S+: )?\(message withheld: [^)]*\)`).FindString(flat)
				if line == "" {
					t.Errorf("%s is not named on the cover:\n%s", name, cover)
					continue
				}
				onCover := strings.HasSuffix(line, "(message withheld: the file's TLP marking could not be read)")
				if e.TLPUnread != onCover {
					t.Errorf("%s: tlp_unread %v, but the cover says %q", name, e.TLPUnread, line)
				}
				want := false
				for _, u := range c.unread {
					want = want || u == name
				}
				if e.TLPUnread != want || e.OK {
					t.Errorf("%s: ok %v, tlp_unread %v, want a file left out, unread %v", name, e.OK, e.TLPUnread, want)
				}
				// What was read: RED and AMBER, GREEN beside a key that
				// holds no label, nothing from a file that is not TOML or
				// a label that is not TLP 2.0.
				wantTLP := map[string]string{"red.toml": "TLP:RED", "amber.toml": "TLP:AMBER", "unsure.toml": "TLP:GREEN"}[name]
				if e.TLP != wantTLP {
					t.Errorf("%s: tlp %q, want %q", name, e.TLP, wantTLP)
				}
			}
			if seen != len(c.files) {
				t.Errorf("%d entries of files left out and of the digest, want %d:\n%s", seen, len(c.files), stdout)
			}
		})
	}
}

// TestDigestRedUnsure: a file left out whose top level is broken (a line
// naming tlp that is not TOML) while a RED label can be read is marked
// surely: TLP 2.0 has nothing above RED, so no label unread could mark
// it more restrictively. Its digest (CLEAR incidents) is RED, and the
// cover, the email and --json say what they say of a file surely marked
// RED: the marking line claims the label covers every file, the file's
// line withholds its message because the file is marked more
// restrictively than the incidents (not because its marking could not
// be read), never quoting its title, and tlp_unread is false for the
// file, the digest and render's report. Beside a RED incident its
// message is printed whole, as a sure RED file's is.
func TestDigestRedUnsure(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	const secret = "機密の買収計画"
	dir := t.TempDir()
	files := map[string]string{
		"clear.toml":  "format = 2\nid = \"open\"\ndate = 2021-05-04\ntitle = \"The open incident\"\nsummary = \"Summary\"\ntlp = \"CLEAR\"\n",
		"broken.toml": "format = 2\nid = \"takeover\"\ndate = 2021-05-05\ntlp = \"RED\"\ntlp_source = " + secret + "\ntitle = \"" + secret + "\"\nsummary = \"S\"\n",
		"red.toml":    "format = 2\nid = \"redvpn\"\ndate = 2021-05-06\ntitle = \"VPN\"\nsummary = \"S\"\ntlp = \"RED\"\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	type entry struct {
		File      string `json:"file"`
		TLP       string `json:"tlp"`
		TLPUnread bool   `json:"tlp_unread"`
	}
	for _, c := range []struct {
		name    string
		files   []string
		whole   bool   // the file's message printed whole
		note    string // the English cover's marking line
		noteJa  string
		withhJa string
	}{
		{"beside CLEAR", []string{"clear.toml", "broken.toml"}, false,
			"the most restrictive of its incidents and of the files left out", "収録インシデントと除外したファイルのうち最も制限の厳しい区分",
			"（エラーの内容は省略：このファイルの取扱区分は収録インシデントより厳しいため）"},
		{"beside RED", []string{"clear.toml", "red.toml", "broken.toml"}, true,
			"the most restrictive of its incidents and of the files left out", "収録インシデントと除外したファイルのうち最も制限の厳しい区分", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			eml := filepath.Join(t.TempDir(), "eml")
			args := append([]string{"digest", "--week", "2021-W18", "--json", "-o", out,
				"--mail-to", "ciso@example.org", "--mail-from", "soc@example.org", "--eml", eml}, c.files...)
			status, stdout, stderr := runCLI(t, args...)
			if status != 1 {
				t.Fatalf("status %d, want 1:\n%s", status, stderr)
			}
			var rep struct{ Files []entry }
			if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
				t.Fatalf("%v:\n%s", err, stdout)
			}
			for _, e := range rep.Files {
				switch e.File {
				case "digest:2021-W18", "broken.toml":
					if e.TLP != "TLP:RED" || e.TLPUnread {
						t.Errorf("--json %s: tlp %q, tlp_unread %v; want TLP:RED, read", e.File, e.TLP, e.TLPUnread)
					}
				}
			}
			raw, err := os.ReadFile(filepath.Join(eml, "digest-2021-W18.eml"))
			if err != nil {
				t.Fatal(err)
			}
			body := parseMessage(t, raw, nil).Body
			for _, l := range []struct{ lang, note, withheld string }{
				{"en", c.note, "(message withheld: the file is marked more restrictively than the incidents of this digest)"},
				{"ja", c.noteJa, c.withhJa},
			} {
				pdf := filepath.Join(out, "digest-2021-W18."+l.lang+".pdf")
				cover := strings.Join(strings.Fields(testkit.Run(t, "pdftotext", "-layout", "-f", "1", "-l", "1", pdf, "-")), " ")
				for what, text := range map[string]string{"cover": cover, "email": strings.Join(strings.Fields(body), " ")} {
					if !strings.Contains(text, "TLP:RED") || !strings.Contains(text, strings.Join(strings.Fields(l.note), " ")) {
						t.Errorf("%s %s: the marking is not TLP:RED with %q:\n%s", l.lang, what, l.note, text)
					}
					if strings.Contains(text, "could not be read") || strings.Contains(text, "読み取れない") {
						t.Errorf("%s %s says a marking could not be read:\n%s", l.lang, what, text)
					}
					line := regexp.MustCompile(`broken\.toml:5:14: [^\n]*`).FindString(text)
					switch {
					case line == "":
						t.Errorf("%s %s does not name broken.toml at 5:14:\n%s", l.lang, what, text)
					case c.whole != strings.Contains(text, secret):
						t.Errorf("%s %s: the message quoting the title printed %v, want %v:\n%s", l.lang, what, !c.whole, c.whole, text)
					case !c.whole && !strings.Contains(line, strings.Join(strings.Fields(l.withheld), " ")):
						t.Errorf("%s %s: the line of broken.toml does not withhold its message for its marking: %q", l.lang, what, line)
					}
				}
			}
		})
	}
	// render's report reads the marking as the digest does.
	status, stdout, _ := runCLI(t, "render", "--json", "-o", filepath.Join(t.TempDir(), "out"), "broken.toml")
	var rep struct{ Files []entry }
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || status != 1 || len(rep.Files) != 1 {
		t.Fatalf("render: status %d, %v:\n%s", status, err, stdout)
	}
	if e := rep.Files[0]; e.TLP != "TLP:RED" || e.TLPUnread {
		t.Errorf("render --json: tlp %q, tlp_unread %v; want TLP:RED, read", e.TLP, e.TLPUnread)
	}
}
