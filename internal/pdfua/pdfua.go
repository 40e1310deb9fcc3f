// Package pdfua checks the tagged-PDF structure of a PDF as a PDF/UA-1
// (ISO 14289-1) validator would, for the conditions of the Matterhorn
// Protocol 1.1 that a program can decide. It reads the objects that
// `qpdf --json` writes (JSON version 2, streams decoded inline), so that
// the PDF is read back by a reader independent of the one that wrote it.
// It is used by tests.
//
// The conditions checked ([Check]), by Matterhorn number:
//
//   - 01-003, 01-004: no artifact inside tagged content, no tagged
//     content inside an artifact or other tagged content (a /Span with
//     /ActualText may nest in either);
//   - 01-005: every painting operator (text, paths, XObjects) is inside
//     tagged content (BDC with an MCID) or an artifact;
//   - 01-006 (its machine part): every structure type is a standard one
//     (ISO 32000-1, 14.8.4), as no role map is written;
//   - 01-007: /MarkInfo has /Marked true and no /Suspects true;
//   - 07-001, 07-002: /ViewerPreferences has /DisplayDocTitle true;
//   - 09-004, 09-005: tables (Table → TR → TH/TD) and lists (L → LI →
//     Lbl/LBody) nest as ISO 32000-1 tables 336 and 337 say;
//   - 11-001: the catalog has a /Lang, and every /Lang is a language tag;
//   - 13-004: every Figure has /Alt;
//   - 14-002, 14-003: the first heading is H1 and no heading level is
//     skipped going down;
//   - 15-003: every TH has a /Scope;
//   - 28-002, 28-011: every link annotation has a /StructParent that the
//     parent tree maps to a Link element whose kids hold an OBJR to it;
//   - 28-004, 28-012: every annotation has /Contents;
//   - 28-008, 28-009: a page with annotations has /Tabs /S;
//
// and, for the structure to be readable at all: each page has
// /StructParents, the parent tree maps every MCID drawn on a page to the
// element whose /K holds it, and every MCID an element claims is drawn.
// What is not checked here: the metadata conditions (06-xxx, the XMP
// stream), fonts (31-xxx), and the human checkpoints (whether alternate
// texts are right, whether reading order makes sense).
package pdfua

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Doc is a PDF's objects as qpdf gives them: values as in qpdf's JSON
// (names "/N", strings "u:…" or "b:…", references "n 0 R").
type Doc struct {
	objs    map[string]any    // "n 0 R" → value (a stream's dictionary)
	data    map[string][]byte // "n 0 R" → a stream's decoded data
	Trailer map[string]any
}

// Parse reads the output of
// `qpdf --json --json-key=qpdf --json-stream-data=inline --decode-level=generalized`.
func Parse(js []byte) (*Doc, error) {
	var j struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(js, &j); err != nil {
		return nil, err
	}
	if len(j.QPDF) != 2 {
		return nil, errors.New("pdfua: no objects in qpdf's JSON")
	}
	var raw map[string]struct {
		Value  any `json:"value"`
		Stream *struct {
			Dict map[string]any `json:"dict"`
			Data string         `json:"data"`
		} `json:"stream"`
	}
	if err := json.Unmarshal(j.QPDF[1], &raw); err != nil {
		return nil, err
	}
	d := &Doc{objs: map[string]any{}, data: map[string][]byte{}}
	for k, o := range raw {
		if k == "trailer" {
			d.Trailer, _ = o.Value.(map[string]any)
			continue
		}
		k = strings.TrimPrefix(k, "obj:")
		if o.Stream != nil {
			d.objs[k] = o.Stream.Dict
			b, err := base64.StdEncoding.DecodeString(o.Stream.Data)
			if err != nil {
				return nil, fmt.Errorf("pdfua: stream %s: %w", k, err)
			}
			d.data[k] = b
			continue
		}
		d.objs[k] = o.Value
	}
	return d, nil
}

var refRE = regexp.MustCompile(`^\d+ \d+ R$`)

// isRef reports whether v is a reference.
func isRef(v any) bool {
	s, ok := v.(string)
	return ok && refRE.MatchString(s)
}

// Get resolves v when it is a reference.
func (d *Doc) Get(v any) any {
	for i := 0; i < 32 && isRef(v); i++ {
		v = d.objs[v.(string)]
	}
	return v
}

// Dict returns v resolved as a dictionary, or nil.
func (d *Doc) Dict(v any) map[string]any {
	m, _ := d.Get(v).(map[string]any)
	return m
}

// Array returns v resolved as an array, or nil.
func (d *Doc) Array(v any) []any {
	a, _ := d.Get(v).([]any)
	return a
}

// Text returns a string value's text ("u:" or "b:" prefix removed).
func Text(v any) string {
	s, _ := v.(string)
	if strings.HasPrefix(s, "u:") {
		return s[2:]
	}
	return strings.TrimPrefix(s, "b:")
}

// Catalog returns the document catalog.
func (d *Doc) Catalog() map[string]any { return d.Dict(d.Trailer["/Root"]) }

// Pages returns the page objects' references, in order.
func (d *Doc) Pages() []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		n := d.Dict(v)
		if n["/Type"] == "/Page" {
			out = append(out, v.(string))
			return
		}
		for _, k := range d.Array(n["/Kids"]) {
			walk(k)
		}
	}
	walk(d.Catalog()["/Pages"])
	return out
}

// Elem is a structure element read back.
type Elem struct {
	Ref    string // its object
	Role   string // without the slash: "P"
	Attrs  map[string]any
	Kids   []*Elem
	MCIDs  []MCID   // its marked content, in order of /K
	OBJRs  []string // its object references (annotations)
	Parent *Elem    // nil for the StructTreeRoot's kid
	Dict   map[string]any
}

// MCID is a marked-content sequence: on a page (its object), an id.
type MCID struct {
	Page string
	ID   int
}

// Alt returns the element's alternate description.
func (e *Elem) Alt() string { return Text(e.Dict["/Alt"]) }

// Lang returns the element's language, "" when it has none.
func (e *Elem) Lang() string { return Text(e.Dict["/Lang"]) }

// Attr returns the attribute key of the element's /A (a dictionary or
// an array of them).
func (e *Elem) Attr(key string) any {
	switch a := e.Attrs[key]; {
	case a != nil:
		return a
	}
	return nil
}

// Tree reads the structure tree: the StructTreeRoot's kids.
func (d *Doc) Tree() ([]*Elem, error) {
	root := d.Dict(d.Catalog()["/StructTreeRoot"])
	if root == nil {
		return nil, errors.New("no /StructTreeRoot")
	}
	seen := map[string]bool{}
	var read func(v any, parent *Elem) (*Elem, error)
	read = func(v any, parent *Elem) (*Elem, error) {
		ref, _ := v.(string)
		if seen[ref] {
			return nil, fmt.Errorf("element %s reached twice", ref)
		}
		seen[ref] = true
		dict := d.Dict(v)
		e := &Elem{Ref: ref, Role: strings.TrimPrefix(fmt.Sprint(dict["/S"]), "/"), Parent: parent, Dict: dict, Attrs: map[string]any{}}
		for _, a := range attrs(d, dict["/A"]) {
			for k, x := range a {
				e.Attrs[k] = x
			}
		}
		pg, _ := dict["/Pg"].(string)
		kids := d.Get(dict["/K"])
		list, ok := kids.([]any)
		if !ok && kids != nil {
			list = []any{dict["/K"]}
		}
		for _, k := range list {
			switch x := k.(type) {
			case float64:
				e.MCIDs = append(e.MCIDs, MCID{pg, int(x)})
			default:
				kd := d.Dict(k)
				switch kd["/Type"] {
				case "/MCR":
					p, _ := kd["/Pg"].(string)
					if p == "" {
						p = pg
					}
					e.MCIDs = append(e.MCIDs, MCID{p, int(kd["/MCID"].(float64))})
				case "/OBJR":
					e.OBJRs = append(e.OBJRs, kd["/Obj"].(string))
				default:
					c, err := read(k, e)
					if err != nil {
						return nil, err
					}
					e.Kids = append(e.Kids, c)
				}
			}
		}
		return e, nil
	}
	var top []*Elem
	kids := d.Get(root["/K"])
	list, ok := kids.([]any)
	if !ok {
		list = []any{root["/K"]}
	}
	for _, k := range list {
		e, err := read(k, nil)
		if err != nil {
			return nil, err
		}
		top = append(top, e)
	}
	return top, nil
}

// attrs returns the attribute dictionaries of an /A value.
func attrs(d *Doc, v any) []map[string]any {
	v = d.Get(v)
	if m, ok := v.(map[string]any); ok {
		return []map[string]any{m}
	}
	var out []map[string]any
	for _, x := range d.Array(v) {
		if m := d.Dict(x); m != nil {
			out = append(out, m)
		}
	}
	return out
}

// Walk calls f on each element in document order, with its depth.
func Walk(es []*Elem, f func(e *Elem, depth int)) {
	var walk func(e *Elem, depth int)
	walk = func(e *Elem, depth int) {
		f(e, depth)
		for _, k := range e.Kids {
			walk(k, depth+1)
		}
	}
	for _, e := range es {
		walk(e, 0)
	}
}

// standard are the standard structure types of ISO 32000-1, 14.8.4.
var standard = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
		P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
		Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form`) {
		standard[s] = true
	}
}

var langRE = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// Check returns the conditions the document fails, each as
// "NN-NNN: what and where"; none for a conforming document.
func Check(d *Doc) []string {
	var out []string
	fail := func(id, format string, args ...any) {
		out = append(out, id+": "+fmt.Sprintf(format, args...))
	}
	cat := d.Catalog()
	mi := d.Dict(cat["/MarkInfo"])
	if mi["/Marked"] != true {
		fail("01-007", "/MarkInfo /Marked is not true")
	}
	if mi["/Suspects"] == true {
		fail("01-007", "/Suspects is true")
	}
	if vp := d.Dict(cat["/ViewerPreferences"]); vp["/DisplayDocTitle"] != true {
		fail("07-001", "/ViewerPreferences /DisplayDocTitle is not true")
	}
	if l := Text(cat["/Lang"]); !langRE.MatchString(l) {
		fail("11-001", "catalog /Lang %q", l)
	}
	tree, err := d.Tree()
	if err != nil {
		fail("01-005", "structure tree: %v", err)
		return out
	}
	pages := d.Pages()
	pageNo := map[string]int{}
	for i, p := range pages {
		pageNo[p] = i + 1
	}

	// The elements.
	claimed := map[MCID]*Elem{}
	lastHeading := 0
	Walk(tree, func(e *Elem, _ int) {
		if !standard[e.Role] {
			fail("01-006", "structure type /%s is not standard and not role-mapped", e.Role)
		}
		if l, ok := e.Dict["/Lang"]; ok && !langRE.MatchString(Text(l)) {
			fail("11-001", "%s /Lang %q", e.Role, Text(l))
		}
		parent := ""
		if e.Parent != nil {
			parent = e.Parent.Role
		}
		switch e.Role {
		case "Figure":
			if strings.TrimSpace(e.Alt()) == "" {
				fail("13-004", "Figure %s without /Alt", e.Ref)
			}
			if e.Attr("/BBox") == nil {
				fail("13-004", "Figure %s without a /BBox attribute", e.Ref)
			}
		case "TH":
			if s := e.Attr("/Scope"); s != "/Column" && s != "/Row" && s != "/Both" {
				fail("15-003", "TH %s without /Scope", e.Ref)
			}
			fallthrough
		case "TD":
			if parent != "TR" {
				fail("09-004", "%s %s in %s, not in TR", e.Role, e.Ref, parent)
			}
		case "TR":
			if parent != "Table" && parent != "THead" && parent != "TBody" && parent != "TFoot" {
				fail("09-004", "TR %s in %s", e.Ref, parent)
			}
			for _, k := range e.Kids {
				if k.Role != "TH" && k.Role != "TD" {
					fail("09-004", "%s in TR %s", k.Role, e.Ref)
				}
			}
		case "Table":
			for _, k := range e.Kids {
				switch k.Role {
				case "TR", "THead", "TBody", "TFoot", "Caption":
				default:
					fail("09-004", "%s in Table %s", k.Role, e.Ref)
				}
			}
		case "L":
			for _, k := range e.Kids {
				if k.Role != "LI" && k.Role != "L" && k.Role != "Caption" {
					fail("09-005", "%s in L %s", k.Role, e.Ref)
				}
			}
		case "LI":
			if parent != "L" {
				fail("09-005", "LI %s in %s", e.Ref, parent)
			}
			for _, k := range e.Kids {
				if k.Role != "Lbl" && k.Role != "LBody" {
					fail("09-005", "%s in LI %s", k.Role, e.Ref)
				}
			}
		case "Lbl", "LBody":
			if parent != "LI" {
				fail("09-005", "%s %s in %s", e.Role, e.Ref, parent)
			}
		}
		if len(e.Role) == 2 && e.Role[0] == 'H' && e.Role[1] >= '1' && e.Role[1] <= '6' {
			n := int(e.Role[1] - '0')
			if lastHeading == 0 && n != 1 {
				fail("14-002", "the first heading is %s", e.Role)
			}
			if n > lastHeading+1 {
				fail("14-003", "%s after H%d", e.Role, lastHeading)
			}
			lastHeading = n
		}
		for _, m := range e.MCIDs {
			if other := claimed[m]; other != nil {
				fail("01-005", "MCID %d of page %d claimed by %s and %s", m.ID, pageNo[m.Page], other.Ref, e.Ref)
			}
			claimed[m] = e
		}
	})

	// The parent tree.
	root := d.Dict(cat["/StructTreeRoot"])
	parents := numberTree(d, root["/ParentTree"])
	next, _ := root["/ParentTreeNextKey"].(float64)
	for k := range parents {
		if k >= int(next) {
			fail("01-005", "parent tree key %d not below /ParentTreeNextKey %v", k, next)
		}
	}

	// Each page's content and annotations.
	drawn := map[MCID]bool{}
	for i, p := range pages {
		pd := d.Dict(p)
		sp, ok := pd["/StructParents"].(float64)
		if !ok {
			fail("01-005", "page %d has no /StructParents", i+1)
			continue
		}
		arr := d.Array(parents[int(sp)])
		mcids, problems := scan(d, pd)
		for _, pr := range problems {
			fail(pr.id, "page %d: %s", i+1, pr.what)
		}
		for _, id := range mcids {
			m := MCID{p, id}
			drawn[m] = true
			var want string
			if id < len(arr) {
				want, _ = arr[id].(string)
			}
			if e := claimed[m]; e == nil || e.Ref != want {
				fail("01-005", "page %d: MCID %d is not mapped to the element holding it", i+1, id)
			}
		}
		annots := d.Array(pd["/Annots"])
		if len(annots) > 0 && pd["/Tabs"] != "/S" {
			fail("28-009", "page %d has annotations and /Tabs %v", i+1, pd["/Tabs"])
		}
		for _, a := range annots {
			ad := d.Dict(a)
			if ad["/Subtype"] != "/Link" {
				continue
			}
			if Text(d.Get(ad["/Contents"])) == "" {
				fail("28-012", "page %d: link %s without /Contents", i+1, a)
			}
			k, ok := ad["/StructParent"].(float64)
			if !ok {
				fail("28-011", "page %d: link %s without /StructParent", i+1, a)
				continue
			}
			ref, _ := parents[int(k)].(string)
			var link *Elem
			Walk(tree, func(e *Elem, _ int) {
				if e.Ref == ref {
					link = e
				}
			})
			if link == nil || link.Role != "Link" {
				fail("28-011", "page %d: link %s maps to %v, not a Link element", i+1, a, ref)
				continue
			}
			found := false
			for _, o := range link.OBJRs {
				found = found || o == a
			}
			if !found {
				fail("28-011", "page %d: Link %s has no OBJR to %s", i+1, ref, a)
			}
		}
	}
	var lost []string
	for m, e := range claimed {
		if !drawn[m] {
			lost = append(lost, fmt.Sprintf("%s claims MCID %d of page %d, not drawn", e.Ref, m.ID, pageNo[m.Page]))
		}
	}
	sort.Strings(lost)
	for _, l := range lost {
		fail("01-005", "%s", l)
	}
	return out
}

// numberTree returns the entries of a number tree.
func numberTree(d *Doc, v any) map[int]any {
	out := map[int]any{}
	var walk func(v any)
	walk = func(v any) {
		n := d.Dict(v)
		nums := d.Array(n["/Nums"])
		for i := 0; i+1 < len(nums); i += 2 {
			if k, ok := nums[i].(float64); ok {
				out[int(k)] = nums[i+1]
			}
		}
		for _, k := range d.Array(n["/Kids"]) {
			walk(k)
		}
	}
	walk(v)
	return out
}

// problem is a condition a content stream fails.
type problem struct{ id, what string }

// painting are the operators that put marks on the page.
var painting = map[string]bool{
	"Tj": true, "TJ": true, "'": true, `"`: true, "S": true, "s": true, "f": true, "F": true, "f*": true,
	"B": true, "B*": true, "b": true, "b*": true, "Do": true, "sh": true, "BI": true,
}

// scan reads a page's content streams and returns the MCIDs drawn, in
// order, and the problems: painting outside marked content (01-005),
// marked content nested (01-003, 01-004).
func scan(d *Doc, page map[string]any) ([]int, []problem) {
	var data []byte
	switch c := page["/Contents"].(type) {
	case string:
		data = d.data[c]
	case []any:
		for _, s := range c {
			data = append(data, d.data[s.(string)]...)
			data = append(data, '\n')
		}
	}
	var mcids []int
	var probs []problem
	type open struct {
		artifact bool
		mcid     int
	}
	var stack []open
	var operands []string
	for _, tok := range tokens(data) {
		if !isOperator(tok) {
			operands = append(operands, tok)
			continue
		}
		switch tok {
		case "BMC", "BDC":
			o := open{mcid: -1}
			if len(operands) > 0 {
				tag := operands[0]
				o.artifact = tag == "/Artifact"
				if tok == "BDC" {
					props := strings.Join(operands[1:], " ")
					if m := regexp.MustCompile(`/MCID (\d+)`).FindStringSubmatch(props); m != nil {
						o.mcid, _ = strconv.Atoi(m[1])
						mcids = append(mcids, o.mcid)
					}
				}
			}
			// Nested sequences are fine (a /Span with /ActualText in a
			// paragraph) unless an artifact is in tagged content, or
			// tagged content in an artifact or in other tagged content.
			for _, out := range stack {
				switch {
				case out.mcid >= 0 && o.artifact:
					probs = append(probs, problem{"01-003", "an artifact inside tagged content (MCID " + strconv.Itoa(out.mcid) + ")"})
				case out.artifact && o.mcid >= 0:
					probs = append(probs, problem{"01-004", "tagged content (MCID " + strconv.Itoa(o.mcid) + ") inside an artifact"})
				case out.mcid >= 0 && o.mcid >= 0:
					probs = append(probs, problem{"01-004", "MCID " + strconv.Itoa(o.mcid) + " inside MCID " + strconv.Itoa(out.mcid)})
				}
			}
			stack = append(stack, o)
		case "EMC":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		default:
			if painting[tok] {
				ok := false
				for _, o := range stack {
					ok = ok || o.artifact || o.mcid >= 0
				}
				if !ok {
					probs = append(probs, problem{"01-005", tok + " outside tagged content and artifacts"})
				}
			}
		}
		operands = operands[:0]
	}
	return mcids, probs
}

// isOperator reports whether a token is an operator: a bare word that is
// not a number, a name, a string, an array or dictionary delimiter.
func isOperator(t string) bool {
	switch t[0] {
	case '/', '(', '<', '[', ']', '>', '{', '}':
		return false
	}
	if t == "true" || t == "false" || t == "null" {
		return false
	}
	_, err := strconv.ParseFloat(t, 64)
	return err != nil
}

// tokens splits a content stream into tokens: a literal or hex string, a
// dictionary's << and >>, [ ], a name, a number or an operator.
func tokens(b []byte) []string {
	var out []string
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			depth, j := 0, i
			for ; j < len(b); j++ {
				if b[j] == '\\' {
					j++
					continue
				}
				if b[j] == '(' {
					depth++
				} else if b[j] == ')' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			out = append(out, string(b[i:min(j+1, len(b))]))
			i = j + 1
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
			out = append(out, string(b[i:i+2]))
			i += 2
		case c == '<':
			j := i
			for j < len(b) && b[j] != '>' {
				j++
			}
			out = append(out, string(b[i:min(j+1, len(b))]))
			i = j + 1
		case c == '[' || c == ']' || c == '{' || c == '}':
			out = append(out, string(c))
			i++
		default:
			j := i + 1
			for j < len(b) && !strings.ContainsRune(" \n\r\t\f\x00()<>[]{}/%", rune(b[j])) {
				j++
			}
			out = append(out, string(b[i:j]))
			i = j
		}
	}
	return out
}
