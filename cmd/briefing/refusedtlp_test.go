package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestRefusedTLP: render's and check's --json give every file its
// "tlp", a refused one's as a digest reads it for a file it leaves out:
// a RED file that fails validation is "TLP:RED", a file that gives no
// tlp "TLP:CLEAR" (none with --strict, "tlp_unread"), one of two files
// with one id its own, a file in Shift_JIS its label read in that
// encoding; a file that is not text has none and "tlp_unread": true.
func TestRefusedTLP(t *testing.T) {
	in := t.TempDir()
	files := map[string]string{
		"red.toml":   "format = 2\nid = \"red\"\ndate = 2026-11-26\ntitle = \"Secret\"\nsummary = \"x\"\ntlp = \"RED\"\n\n[[indicators]]\ntype = \"url\"\nvalue = \"javascript:alert(1)\"\n",
		"notlp.toml": "format = 2\nid = \"notlp\"\ndate = 2026-11-26\ntitle = \"No label\"\nsummary = \"cites [nosuch]\"\n",
		"dup1.toml":  "format = 2\nid = \"dup\"\ndate = 2026-11-26\ntitle = \"One\"\nsummary = \"x\"\ntlp = \"AMBER\"\n",
		"dup2.toml":  "format = 2\nid = \"dup\"\ndate = 2026-11-26\ntitle = \"Two\"\nsummary = \"x\"\ntlp = \"GREEN\"\n",
		"sjis.toml":  "format = 2\nid = \"sjis\"\ndate = 2026-11-27\ntitle = \"\x83V\x83t\x83g\"\nsummary = \"x\"\ntlp = \"AMBER+STRICT\"\n",
		"bin.toml":   "\x00\x01\x02\xff\xfe binary tlp = \"RED\"",
	}
	for n, s := range files {
		if err := os.WriteFile(filepath.Join(in, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	type file struct {
		File      string `json:"file"`
		OK        bool   `json:"ok"`
		TLP       string `json:"tlp"`
		TLPUnread bool   `json:"tlp_unread"`
	}
	want := map[string]file{
		"red.toml":   {TLP: "TLP:RED"},
		"notlp.toml": {TLP: "TLP:CLEAR"},
		"dup1.toml":  {TLP: "TLP:AMBER"},
		"dup2.toml":  {TLP: "TLP:GREEN"},
		"sjis.toml":  {TLP: "TLP:AMBER+STRICT"},
		"bin.toml":   {TLPUnread: true},
	}
	for _, args := range [][]string{
		{"render", "-o", t.TempDir()},
		{"check"},
		{"check", "--strict"},
	} {
		status, stdout, stderr := runCLI(t, append(args, "--json", in)...)
		if status != 1 {
			t.Fatalf("%v: status %d\n%s", args, status, stderr)
		}
		var rep struct{ Files []file }
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatalf("%v: --json: %v\n%s", args, err, stdout)
		}
		if len(rep.Files) != len(want) {
			t.Fatalf("%v: %d files in --json, want %d", args, len(rep.Files), len(want))
		}
		for _, f := range rep.Files {
			w := want[filepath.Base(f.File)]
			if len(args) > 1 && args[1] == "--strict" && filepath.Base(f.File) == "notlp.toml" {
				w = file{TLPUnread: true} // strict: no tlp given is no label
			}
			if f.OK || f.TLP != w.TLP || f.TLPUnread != w.TLPUnread {
				t.Errorf("%v: %s: ok %v, tlp %q, tlp_unread %v; want refused, %q, %v", args, f.File, f.OK, f.TLP, f.TLPUnread, w.TLP, w.TLPUnread)
			}
		}
	}
}
