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
