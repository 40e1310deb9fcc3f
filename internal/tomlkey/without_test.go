package tomlkey

import (
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestWithout takes [x] out of documents that write it every way TOML
// allows, and checks the rest byte for byte and, decoded by the TOML
// decoder, equal to the document less x.
func TestWithout(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, in, want string }{
		{"table at the end", "id = \"a\"\n\n[x]\nticket = \"SEC-1\"\nnote = \"\"\"\n[risks]\nnot a header\n\"\"\"\n",
			"id = \"a\"\n\n"},
		{"table in the middle", "id = \"a\"\n[x] # ours\nticket = 1\n# private\nb = [\n  1,\n  2,\n]\n\n# the risks\n[[risks]]\ntitle = \"r\"\n",
			"id = \"a\"\n\n# the risks\n[[risks]]\ntitle = \"r\"\n"},
		{"subtables and arrays of tables", "id = \"a\"\n[x.a]\nk = 1\n[[x.list]]\nv = 'w'\n[[x.list]]\nv = '[y]'\n[y]\nz = 1\n[x.b]\nq = 2\n",
			"id = \"a\"\n[y]\nz = 1\n"},
		{"quoted header", "id = \"a\"\n[ \"x\" ]\nk = 1\n[y]\nz = 1\n", "id = \"a\"\n[y]\nz = 1\n"},
		{"dotted and inline keys at the top", "id = \"a\"\nx.ticket = \"T\"\n'x'.n = '''\nmulti\n'''\nx.t = { a = 1, b = [2, 3] }\ntitle = \"t\"\n",
			"id = \"a\"\ntitle = \"t\"\n"},
		{"inline table", "x = { a = \"}\" }\nid = \"a\"\n", "id = \"a\"\n"},
		{"CRLF", "id = \"a\"\r\n[x]\r\nk = 1\r\n[y]\r\nz = 2\r\n", "id = \"a\"\r\n[y]\r\nz = 2\r\n"},
		{"keys named x elsewhere stay", "id = \"a\"\n[y]\nx.b = 2\n[z]\nx = 1\n[w.x]\nc = 3\n", "id = \"a\"\n[y]\nx.b = 2\n[z]\nx = 1\n[w.x]\nc = 3\n"},
		{"xx and x- are other keys", "xx = 1\n\"x-\" = 2\n[x]\n", "xx = 1\n\"x-\" = 2\n"},
		{"no x", "id = \"a\"\n[y]\nz = \"[x]\"\n", "id = \"a\"\n[y]\nz = \"[x]\"\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Without(c.in, "x")
			if got != c.want {
				t.Errorf("Without(%q)\n = %q\nwant %q", c.in, got, c.want)
			}
			var before, after map[string]any
			if _, err := toml.Decode(c.in, &before); err != nil {
				t.Fatalf("the case is not TOML: %v", err)
			}
			if _, err := toml.Decode(got, &after); err != nil {
				t.Fatalf("the result is not TOML: %v", err)
			}
			delete(before, "x")
			if !reflect.DeepEqual(before, after) {
				t.Errorf("decoded, the result is %v, want %v", after, before)
			}
			if strings.Contains(got, "SEC-") || strings.Contains(got, "ticket") {
				t.Errorf("the private data is left: %q", got)
			}
		})
	}
}
