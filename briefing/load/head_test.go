package load_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"briefing/briefing/load"
	"briefing/briefing/model"
	"briefing/briefing/validate"
)

// TestReadHead: the dates of a file are read from its top level whatever
// follows it, in every way TOML lets them be written; a file whose dates
// cannot be read says why.
func TestReadHead(t *testing.T) {
	const head = "format = 1\nid = \"a\"\ndate = 2021-05-06\nupdated = 2021-06-01\nlanguages = [\"en\"]\n"
	sjis, _ := japanese.ShiftJIS.NewEncoder().String("title = \"表題\"\ndate = 2021-05-06\n")
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("title = \"表題\"\ndate = 2021-05-06\n")
	for _, c := range []struct {
		name, src         string
		id, date, updated string
		langs             string
	}{
		{"plain", head + "title = \"t\"\n", "a", "2021-05-06", "2021-06-01", "en"},
		{"byte order mark and CR LF", "\uFEFF" + strings.ReplaceAll(head, "\n", "\r\n"), "a", "2021-05-06", "2021-06-01", "en"},
		{"broken after the top level", head + "[[risks]]\ntitle = \n", "a", "2021-05-06", "2021-06-01", "en"},
		{"unknown sections", head + "[nonsense]\nx = 1\n", "a", "2021-05-06", "2021-06-01", "en"},
		{"no updated", "date = 2021-05-06\n", "", "2021-05-06", "0000-00-00", ""},
		{"quoted date", "id = \"q\"\ndate = \"2021-05-06\"\n", "q", "2021-05-06", "0000-00-00", ""},
		{"date-time", "date = 2021-05-06T23:00:00-05:00\n", "", "2021-05-06", "0000-00-00", ""},
		{"dotted and quoted keys", "\"id\" = \"d\"\n\"date\" = 2021-05-06\nlanguages = [\n  \"ja\",\n  \"en\", # both\n]\n", "d", "2021-05-06", "0000-00-00", "ja,en"},
		{"header inside a multi-line string", "summary = '''\n[not a table]\n'''\ndate = 2021-05-06\n", "", "2021-05-06", "0000-00-00", ""},
		{"header inside a multi-line array", "x = [\n[1, 2],\n]\ndate = 2021-05-06\n", "", "2021-05-06", "0000-00-00", ""},
		{"broken top level", "date = 2021-05-06\ntitle = \nupdated = 2021-06-01\n", "", "2021-05-06", "2021-06-01", ""},
		{"broken string in the top level", "id = \"a\"\ndate = 2021-05-06\nseverity = \"high\nupdated = 2021-06-01\n[[risks]]\ntitle = 'r'\n", "a", "2021-05-06", "2021-06-01", ""},
		{"broken lines of a multi-line array", "tags = [\"a\" \"b\",\n\"c\"]\ndate = 2021-05-06\n", "", "2021-05-06", "0000-00-00", ""},
		{"header without its brackets", head + "[[risks\ntitle = \"r\"\n", "a", "2021-05-06", "2021-06-01", "en"},
		{"table header without its bracket, a date in it", "date = 2021-05-06\n[analysis # open\nupdated = 2019-01-01\n", "", "2021-05-06", "0000-00-00", ""},
		{"header missing one bracket", "date = 2021-05-06\n[[ \"time line\" . x]\nwhen = 2019-01-01\n", "", "2021-05-06", "0000-00-00", ""},
		{"stray array before the dates", "date = 2021-05-06\n[ \"a\", \"b\"\nupdated = 2021-06-01\n", "", "2021-05-06", "2021-06-01", ""},
		{"stray bracket before the dates", "date = 2021-05-06\n[title = \"t\"\nupdated = 2021-06-01\n", "", "2021-05-06", "2021-06-01", ""},
		{"Shift_JIS", sjis, "", "2021-05-06", "0000-00-00", ""},
		{"UTF-16 with a byte order mark", utf16, "", "2021-05-06", "0000-00-00", ""},
		{"escaped quotes in a multi-line string", "summary = \"\"\"a \\\"\"\"\n[b]\n\"\"\"\ndate = 2021-05-06\n", "", "2021-05-06", "0000-00-00", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, err := load.ReadHead([]byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			if h.ID != c.id || h.Date.String() != c.date || h.Updated.String() != c.updated || strings.Join(h.Languages, ",") != c.langs {
				t.Errorf("ReadHead = %+v; want %s %s %s %s", h, c.id, c.date, c.updated, c.langs)
			}
		})
	}
	for _, c := range []struct{ name, src, want string }{
		{"no date", "id = \"a\"\n[x]\ndate = 2021-05-06\n", "date: not given"},
		{"not a date", "date = \"soon\"\n", "date: not a date"},
		{"a number", "date = 20210506\n", "date: not a date"},
		{"a time", "date = 10:00:00\n", "date: not a date"},
		{"updated not a date", "date = 2021-05-06\nupdated = true\n", "updated: not a date"},
		{"syntax error on the date line", "date = 2021-05-0\ntitle = \"t\"\n", "TOML syntax error on a line that may set them"},
		{"syntax error on the updated line", "date = 2021-05-06\nupdated = 2021-06-\n", "TOML syntax error on a line that may set them"},
		{"a date after a syntax error on its line", "title = \"t\" date = 2026-11-25\ndate = 2021-05-06\n", "TOML syntax error on a line that may set them"},
		{"date key in another case", "date = 2021-05-06\nUPDATED = 2021-06-\n", "may set them"},
		{"date given twice", "date = 2021-05-06\ndate = 2021-06-01\n", "may set them"},
		{"unclosed multi-line string hides the rest", "date = 2021-05-06\nsummary = \"\"\"x\nupdated = 2021-06-01\n", "TOML syntax errors that may hide them"},
		{"unclosed array takes in updated", "date = 2021-05-06\ntags = [\"a\",\nupdated = 2021-06-01\n", "may"},
		{"bracket alone before a date", "date = 2021-05-06\n[\nupdated = 2021-06-01\n", "may hide them"},
		{"mistyped updated key", "date = 2021-05-06\nupdatd = 2021-06-01\n", "updatd: a date under a key the format does not have"},
		{"mistyped updated key, a date-time", "date = 2021-05-06\nlast_updated = 2021-06-01T10:00:00Z\n", "last_updated: a date under a key"},
		{"space in the updated key", "date = 2021-05-06\nupdat ed = 2021-06-01\n", "may set them"},
		{"broken date under a mistyped key", "date = 2021-05-06\nupdatd = 2021-06-0x\n", "may set them"},
		{"too many broken lines", "date = 2021-05-06\n" + strings.Repeat("x = \"\n", 20), "TOML syntax errors that may hide them"},
		{"not text", "date = 2021-05-06\n\xff\xfe\xfd\x80\n", "not UTF-8"},
		{"empty", "", "date: not given"},
		{"nested too deep", "date = 2021-05-06\nx = " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n", "nested more than"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := load.ReadHead([]byte(c.src)); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("ReadHead: %v; want an error with %q", err, c.want)
			}
		})
	}
}

// TestReadHeadNesting: nesting past 64 in what the head decodes is
// refused with the loader's words, naming the key path where it passes
// the limit; nesting in a table below the top level leaves the dates
// readable, for the loader to refuse with its place.
func TestReadHeadNesting(t *testing.T) {
	deep := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	for _, c := range []struct{ name, src, want string }{
		{"top level", "date = 2021-05-06\nx = " + deep + "\n", "x" + strings.Repeat("[1]", 64) + ": arrays and inline tables are nested more than 64 deep"},
		{"inline tables", "date = 2021-05-06\ntags = [1, " + strings.Repeat("{a=", 70) + "\n", "tags[2]" + strings.Repeat(".a", 63) + ": arrays and inline tables are nested more than 64 deep"},
		{"the header that ends the top level", "date = 2021-05-06\n" + strings.Repeat("[", 70) + "\n", "loader"},
		{"below a stray bracket", "date = 2021-05-06\n[title = 1\nupdated = 2021-06-01\nx = " + deep + "\n", "loader"},
		{"in a table", "date = 2021-05-06\nupdated = 2021-06-01\n[x]\na = " + deep + "\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, err := load.ReadHead([]byte(c.src))
			_, ds := load.Read("f.toml", strings.NewReader(c.src))
			if len(ds) != 1 || !strings.Contains(ds[0].Message, "nested more than 64 deep") {
				t.Fatalf("the loader: %v", ds)
			}
			if loader := strings.TrimPrefix(ds[0].Key+": "+ds[0].Message, ": "); c.want == "loader" {
				c.want = loader // the key path as the loader finds it
			} else if c.want != "" && c.want != loader {
				t.Errorf("the loader: %s\nwant %s", loader, c.want)
			}
			switch {
			case c.want == "" && (err != nil || h.Updated != (model.Date{Year: 2021, Month: 6, Day: 1})):
				t.Errorf("ReadHead: %+v, %v; want the dates", h, err)
			case c.want != "" && (err == nil || err.Error() != c.want):
				t.Errorf("ReadHead: %v\nwant %s", err, c.want)
			}
		})
	}
}

// TestReadHeadTLP: the head gives the file's marking as validation reads
// it, even when its dates cannot be read: CLEAR when not given, and ""
// when there is none to trust: not a TLP 2.0 label, or a file that is not
// TOML where no line gives a key like tlp a label; one that does counts,
// the most restrictive (a file given RED is never read as less).
func TestReadHeadTLP(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"plain", "date = 2021-05-06\ntlp = \"RED\"\n", "RED"},
		{"lower case with prefix", "date = 2021-05-06\ntlp = \"tlp:amber+strict\"\n", "AMBER+STRICT"},
		{"broken after the top level", "tlp = \"RED\"\ndate = 2021-05-06\n[[risks]]\ntitle = \n", "RED"},
		{"no date", "tlp = \"RED\"\n", "RED"},
		{"date not a date", "tlp = \"AMBER\"\ndate = \"soon\"\n", "AMBER"},
		{"absent", "date = 2021-05-06\n", "CLEAR"},
		{"absent, no date", "title = \"t\"\n", "CLEAR"},
		{"TLP 1.0", "date = 2021-05-06\ntlp = \"WHITE\"\n", ""},
		{"not a label", "date = 2021-05-06\ntlp = \"REDD\"\n", ""},
		{"not a string", "date = 2021-05-06\ntlp = 4\n", ""},
		{"broken top level", "tlp = \"RED\"\ndate = 2021-05-06\ntitle = \n", "RED"},
		{"broken date line", "tlp = \"RED\"\ndate = 2021-05-0\n", "RED"},
		{"broken tlp line", "tlp = \"RED\ndate = 2021-05-06\n", ""},
		{"broken multi-line string", "tlp = \"RED\"\nsummary = '''\ndate = 2021-05-06\n", "RED"},
		{"broken multi-line string, no label", "tlp = \"RED\nsummary = '''\ndate = 2021-05-06\n", ""},
		{"given twice", "tlp = \"RED\"\ntlp = \"CLEAR\"\ndate = 2021-05-06\n", "RED"},
		{"given twice, less restrictive first", "tlp = \"GREEN\"\ntlp = \"TLP:AMBER\"\ndate = 2021-05-06\n", "AMBER"},
		{"below a header with a trailing dot", "date = 2021-05-06\n[[risks.\ntlp = \"RED\"\n", "RED"},
		{"below a header with a trailing dot, in x", "date = 2021-05-06\n[[x.\ntlp = \"RED\"\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, _ := load.ReadHead([]byte(c.src))
			if string(h.TLP) != c.want {
				t.Errorf("TLP %q, want %q", h.TLP, c.want)
			}
		})
	}
}

// TestReadHeadMisspeltTLP: a marking under a key the format does not
// have counts in the head's: a key whose name looks like tlp, at the top
// or in a table (not in x, the file's own data), and an unknown top-level
// key holding a label. The most restrictive label counts; a key like tlp
// holding none makes the marking unsure, unless a RED label is read:
// nothing is more restrictive than RED.
func TestReadHeadMisspeltTLP(t *testing.T) {
	for _, c := range []struct {
		name, src, want string
		unsure          bool
	}{
		{"misspelt", "date = 2021-05-06\ntlpp = \"RED\"\n", "RED", false},
		{"transposed", "date = 2021-05-06\ntpl = \"amber\"\n", "AMBER", false},
		{"beside tlp", "date = 2021-05-06\ntlp = \"GREEN\"\nTLP_level = \"TLP:RED\"\n", "RED", false},
		{"less restrictive beside tlp", "date = 2021-05-06\ntlp = \"AMBER\"\ntlpp = \"CLEAR\"\n", "AMBER", false},
		{"own key", "date = 2021-05-06\nmarking = \"AMBER+STRICT\"\n", "AMBER+STRICT", false},
		{"in a table", "date = 2021-05-06\n[analysis]\ntlp = \"RED\"\n", "RED", false},
		{"in an array of tables", "date = 2021-05-06\n[[risks]]\ntitle = \"r\"\n[[risks]]\n\"tlp\" = \"AMBER\"\n", "AMBER", false},
		{"in a table of its own", "date = 2021-05-06\n[meta]\nclassification = \"RED\"\n[tlpp]\nlevel = 'GREEN'\n", "RED", false},
		{"in a table of its own, AMBER", "date = 2021-05-06\n[meta]\nclassification = \"AMBER\"\n[tlpp]\nlevel = 'GREEN'\n", "AMBER", true},
		{"RED beside a key that holds no label", "date = 2021-05-06\ntlp = \"RED\"\ntlp_level = \"REDD\"\n", "RED", false},
		{"RED on a line of a top level that is not TOML", "date = 2021-05-06\ntlp = \"RED\"\ntlp_source = 機密\n", "RED", false},
		{"RED below, tlp unreadable", "date = 2021-05-06\ntlp = \"REDD\"\n[analysis]\ntlp = \"RED\"\n", "RED", false},
		{"not a label", "date = 2021-05-06\ntlp = \"GREEN\"\ntlp_level = \"REDD\"\n", "GREEN", true},
		{"not a label, no tlp", "date = 2021-05-06\ntlpp = 3\n", "CLEAR", true},
		{"tlp unreadable", "date = 2021-05-06\ntlp = \"REDD\"\ntlpp = \"AMBER\"\n", "AMBER", true},
		{"broken below", "date = 2021-05-06\n[analysis]\ntlp = \"RED\n", "CLEAR", true},
		// A header that lacks only its closing brackets is read as its
		// writer meant it: what a key like tlp below it holds counts.
		{"in a table whose header is not closed", "date = 2021-05-06\n[analysis\ntlp = \"RED\"\n", "RED", false},
		{"in an entry whose header is not closed", "date = 2021-05-06\ntlp = \"GREEN\"\n[[risks\ntlp = \"TLP:RED\"\ntitle = \"r\"\n", "RED", false},
		{"in an entry whose header lacks a bracket", "date = 2021-05-06\n[[risks]\ntlp = \"amber\"\n", "AMBER", false},
		{"in a table of its own not closed", "date = 2021-05-06\n[marking\ntlp = \"RED\"\n", "RED", false},
		{"below a header not closed, with a comment", "date = 2021-05-06\n[analysis # the method\ntlp = 'RED' # as sent\n", "RED", false},
		{"below a header not closed, broken below", "date = 2021-05-06\n[[risks\ntlp = \"AMBER\"\ntitle = \"r\n", "AMBER", true},
		{"x not closed is the file's own", "date = 2021-05-06\n[x\nsource_tlp = \"RED\"\n", "CLEAR", false},
		{"broken elsewhere", "date = 2021-05-06\n[analysis]\ntlp = \"RED\"\n[[risks]]\ntitle = \n", "RED", false},
		{"stray bracket", "date = 2021-05-06\n[title = \"t\"\ntlp = \"GREEN\"\n", "GREEN", false},
		{"x is the file's own", "date = 2021-05-06\ntlp = \"CLEAR\"\n[x]\nsource_tlp = \"RED\"\n", "CLEAR", false},
		{"a text's language", "date = 2021-05-06\ntitle = { en = \"RED\" }\n[analysis]\nsummary = \"TLP:RED\"\n", "CLEAR", false},
		{"a label in a known key", "date = 2021-05-06\nseverity = \"red\"\n", "CLEAR", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, err := load.ReadHead([]byte(c.src))
			h = load.MarkingBelow(h, []byte(c.src))
			if err != nil || string(h.TLP) != c.want || h.TLPUnsure != c.unsure || !h.TLPGiven && c.want != "CLEAR" {
				t.Errorf("TLP %q unsure %v given %v (%v), want %q unsure %v", h.TLP, h.TLPUnsure, h.TLPGiven, err, c.want, c.unsure)
			}
		})
	}
}

// FuzzHead: reading the head never panics, and of every file that loads
// and validates it gives the id, dates, languages and marking validation
// gives.
func FuzzHead(f *testing.F) {
	seeds, _ := filepath.Glob("../../samples/*.toml")
	seeds = append(seeds, "../../templates/skeleton.toml")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("format = 1\nid = \"x\"\ndate = 2021-05-06\nupdated = 2021-05-08\ntitle = \"t\"\nsummary = \"s\"\nlanguages = [\"en\"]\n[[risks]]\ntitle = \"r\"\nlikelihood = 1\nimpact = 1\n"))
	f.Add([]byte("format = 2\n'id' = 'x'\ndate = 2021-05-06\ntitle = '''\n[t]'''\nsummary = \"\"\"s\\\"\"\"\"\"\n[x]\n"))
	f.Add([]byte("x = [\n[1],\n]\ndate = 2021-05-06\n[a]\n"))
	f.Add([]byte("ID = 'x'\nDate = 2021-05-06T23:30:00\nupdated = 2021-05-07T01:00:00+09:00\nLanguages = ['en', 1]\nTLP = 'red'\n"))
	f.Add([]byte("format = 2\nid = \"x\"\ndate = 2021-05-06\ntitle = \"TLP:RED\"\nsummary = \"tlp = RED\"\ntags = [\"tlp\"]\n[analysis]\nsummary = \"\"\"\ntlp = 'RED'\"\"\"\n[x]\nsource_tlp = \"RED\"\n"))
	f.Add([]byte("format = 2\nid = \"x\"\ndate = 2021-05-06\ntitle = \"t\"\nsummary = \"s\"\ntlpp = \"RED\"\n[analysis]\ntlp = \"AMBER\"\n"))
	f.Add([]byte("format = 2\nid = \"x\"\ndate = 2021-05-06\n[[risks\r\ntlp = 'RED' # r\n[\"x\n[marking # m\ntlpp = \"amber\"\ntlp = \"RED\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, herr := load.ReadHead(data)
		// Whatever the file, the markings below its tables are read
		// without a panic, and never less restrictive than the head's.
		if b := load.MarkingBelow(h, data); h.TLP != "" && slices.Index(model.TLPs, b.TLP) < slices.Index(model.TLPs, h.TLP) {
			t.Fatalf("MarkingBelow lowers %s to %q", h.TLP, b.TLP)
		}
		raw, ds := load.Read("f.toml", strings.NewReader(string(data)))
		inc, vds := validate.Incident(raw)
		if ds.HasErrors() || vds.HasErrors() || inc == nil {
			return
		}
		if herr != nil {
			t.Fatalf("a valid incident's head not read: %v", herr)
		}
		if h.ID != inc.ID || h.Date != inc.Date || h.Updated != inc.Updated || h.TLP != inc.TLP || h.TLPGiven != inc.TLPGiven || h.TLPUnsure {
			t.Fatalf("head %+v; the incident: %s %v %v", h, inc.ID, inc.Date, inc.Updated)
		}
		if b := load.MarkingBelow(h, data); b.TLP != inc.TLP || b.TLPUnsure {
			t.Fatalf("a valid incident's marking below its tables: %+v, want %s", b, inc.TLP)
		}
	})
}

// FuzzHeadBroken: a valid incident file broken by text typed into one of
// its lines (no line break, no "date") either has its dates read as the
// valid file has them or has them refused: a syntax error never makes the
// head give other dates, which could put an incident of a digest's
// period outside it. Its marking, as a digest that leaves it out reads
// it, is never less restrictive than the valid file's unless it is said
// to be unread or unsure.
func FuzzHeadBroken(f *testing.F) {
	seeds, _ := filepath.Glob("../../samples/*.toml")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		for _, g := range []string{`"`, `[`, "'''", `"""`, `x = "`, `= =`, `]`, `\q`, `#`, `[x]`} {
			f.Add(b, uint32(len(b)/3), g)
		}
	}
	f.Add([]byte("format = 2\nid = \"x\"\ndate = 2021-05-06\nupdated = 2021-05-08\ntitle = \"t\"\nsummary = \"s\"\n"), uint32(50), "[")
	f.Add([]byte("format = 2\nid = \"x\"\ndate = 2021-05-06\ntags = [\"a\",\n\"b\"]\nupdated = 2021-05-08\ntitle = \"t\"\nsummary = \"s\"\n"), uint32(48), "x")
	f.Fuzz(func(t *testing.T, data []byte, at uint32, g string) {
		if strings.ContainsAny(g, "\r\n") || strings.Contains(strings.ToLower(g), "date") || len(data) == 0 {
			return
		}
		raw, ds := load.Read("f.toml", strings.NewReader(string(data)))
		inc, vds := validate.Incident(raw)
		if ds.HasErrors() || vds.HasErrors() || inc == nil {
			return
		}
		i := int(at % uint32(len(data)+1))
		broken := string(data[:i]) + g + string(data[i:])
		var m map[string]any
		if _, err := toml.Decode(broken, &m); err == nil {
			return // another valid file, read as TOML reads it
		}
		h, err := load.ReadHead([]byte(broken))
		if err == nil && (h.Date != inc.Date || h.Updated != inc.Updated) {
			t.Fatalf("broken at %d by %q: head dates %v %v, the file's %v %v", i, g, h.Date, h.Updated, inc.Date, inc.Updated)
		}
		if b := load.MarkingBelow(h, []byte(broken)); b.TLP != "" && !b.TLPUnsure && slices.Index(model.TLPs, b.TLP) < slices.Index(model.TLPs, inc.TLP) {
			t.Fatalf("broken at %d by %q: marking %s, the file's %s", i, g, b.TLP, inc.TLP)
		}
	})
}

// BenchmarkReadHead reads the head of the model briefing, as a digest
// does for each file before it knows whether the file is in its period.
func BenchmarkReadHead(b *testing.B) {
	data, err := os.ReadFile("../../samples/pla-61419-antivirus.toml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load.ReadHead(data); err != nil {
			b.Fatal(err)
		}
	}
}
