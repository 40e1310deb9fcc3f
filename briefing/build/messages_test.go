package build

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"briefing/briefing/compose"
	"briefing/briefing/diag"
	"briefing/briefing/layout"
	"briefing/briefing/load"
	"briefing/briefing/validate"
)

// shape is every message about an incident file: file:line:col, the key
// when the message is about one, and the message, on one line.
var shape = regexp.MustCompile(`^([^:\n]+):([1-9][0-9]*):([1-9][0-9]*): (?:([^ \n]+): )?(?:warning: )?[^\n]+$`)

// noDigits are fonts without the digits, so that composing reports the
// generated texts that hold them (dates, periods, ATT&CK IDs, URLs).
type noDigits struct{ layout.Metrics }

func (m noDigits) Advance(face layout.Face, r rune) (int, bool) {
	if r >= '0' && r <= '9' {
		return 0, false
	}
	return m.Metrics.Advance(face, r)
}

// TestEveryMessage makes every message that loading, validating and
// composing an incident can give, from the bad files of
// testdata/messages.txtar, and checks that each has the shape
// file:line:col: key: message, with entries counted from 1. It finds the
// messages in the source: every message format of load, validate and
// compose must be made by some file.
func TestEveryMessage(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/messages.txtar")
	if err != nil {
		t.Fatal(err)
	}
	th := compose.FromTheme(testTheme(t))
	th.Metrics = noDigits{th.Metrics}
	var all []diag.Diagnostic
	for _, f := range ar.Files {
		raw, ds := load.Read(f.Name, strings.NewReader(string(f.Data)))
		inc, vds := validate.Incident(raw)
		ds = append(ds, vds...)
		if inc != nil && !ds.HasErrors() {
			for _, lang := range []string{"ja", "en"} {
				_, cds := Compose(inc, lang, th, compose.Options{}, false)
				ds = append(ds, cds...)
				// Compose's own warnings, which build replaces by
				// validate's (see Compose).
				_, cds = compose.BriefingWith(inc, lang, th, compose.Options{})
				ds = append(ds, cds...)
			}
		}
		// A file without tlp: a warning, an error when strict.
		ds = append(ds, validate.Marking(inc, false)...)
		ds = append(ds, validate.Marking(inc, true)...)
		if len(ds) == 0 {
			t.Errorf("%s: no message", f.Name)
		}
		// A message about a key the file has is on its line or, for a
		// multi-line value, after it.
		for _, d := range ds {
			if raw == nil {
				break
			}
			if l, ok := raw.Loc(d.Key); ok && d.Line < l.Key.Line && !strings.HasPrefix(d.Message, "missing; ") {
				t.Errorf("%s: before its key on line %d", d, l.Key.Line)
			}
		}
		all = append(all, ds...)
	}
	_, ds := load.File("testdata/no-such-file.toml")
	all = append(all, ds...)

	for _, d := range all {
		s := d.String()
		m := shape.FindStringSubmatch(s)
		if m == nil {
			t.Errorf("not file:line:col: key: message: %q", s)
			continue
		}
		if strings.Contains(d.Key, "[0]") {
			t.Errorf("an entry counted from 0: %s", s)
		}
	}

	for _, f := range formats(t) {
		found := false
		for _, d := range all {
			if f.re.MatchString(d.Message) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s: no file of testdata/messages.txtar makes the message %q; add one", f.at, f.format)
		}
	}
}

type format struct {
	at     string // file:line of the source
	format string
	re     *regexp.Regexp
}

// formats returns the message formats of load, validate and compose: the
// format strings given to the checker's bad, errorf, warnf and missing (and the
// text of a required text, which is said when it is missing), and the
// messages of the diagnostics they build themselves.
func formats(t *testing.T) []format {
	t.Helper()
	var out []format
	fset := token.NewFileSet()
	for _, dir := range []string{"../load", "../validate", "../compose", "../markdown"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			add := func(n ast.Node, prefix string, e ast.Expr) {
				s, ok := literal(e)
				if !ok || s == "" || s == "missing; %s" {
					return
				}
				pos := fset.Position(n.Pos())
				out = append(out, format{fmt_at(pos), prefix + s, pattern(prefix + s)})
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					sel, ok := n.Fun.(*ast.SelectorExpr)
					if !ok {
						return true
					}
					switch {
					case (sel.Sel.Name == "bad" || sel.Sel.Name == "problem") && len(n.Args) >= 2:
						add(n, "", n.Args[1])
					case (sel.Sel.Name == "errorf" || sel.Sel.Name == "warnf") && len(n.Args) >= 3:
						add(n, "", n.Args[2])
					case (sel.Sel.Name == "missing" || sel.Sel.Name == "text") && len(n.Args) >= 3:
						add(n, "missing; ", n.Args[2])
					}
				case *ast.KeyValueExpr:
					if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Message" {
						add(n, "", n.Value)
					}
				}
				return true
			})
		}
	}
	if len(out) < 50 {
		t.Fatalf("found %d message formats in the source; the walk is broken", len(out))
	}
	return out
}

func fmt_at(p token.Position) string {
	return filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line)
}

// literal returns the format of e: a string literal, the format of a
// fmt.Sprintf call, or the literal start of a concatenation.
func literal(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		}
	case *ast.CallExpr:
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" && len(e.Args) > 0 {
			return literal(e.Args[0])
		}
	case *ast.BinaryExpr:
		if s, ok := literal(e.X); ok {
			return s + "%s", true
		}
	}
	return "", false
}

// pattern matches the messages a format makes: each verb stands for any
// text.
var verb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

func pattern(f string) *regexp.Regexp {
	parts := verb.Split(f, -1)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$")
}
