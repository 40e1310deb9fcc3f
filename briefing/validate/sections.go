package validate

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"briefing/briefing/load"
	"briefing/briefing/model"
)

// languages checks the `languages` key, or derives the default from title.
func (c *checker) languages(v load.Value, title model.Text) []string {
	if !v.Present() {
		// The title's languages that briefings are made in.
		if len(title.Langs) == 0 {
			return defaultLanguages()
		}
		var out []string
		for _, l := range title.Langs {
			out = append(out, l.Lang)
		}
		return out
	}
	var out []string
	seen := map[string]bool{}
	for _, e := range c.list(v) {
		s, ok := c.str(e)
		if !ok {
			continue
		}
		t, ok := c.tag(s, e.Key, at(e))
		if !ok {
			continue
		}
		if err := Supported(t); err != nil {
			c.bad(e, "%v", err)
			continue
		}
		if seen[t] {
			c.bad(e, "the language %s is listed twice", t)
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	if a, isList := v.V.([]any); isList && len(a) == 0 {
		c.bad(v, "lists no language; leave the key out to make the languages of the title, or write e.g. [\"ja\", \"en\"]")
	}
	return out
}

func (c *checker) references() []model.Reference {
	var out []model.Reference
	first := map[string]string{}
	for i, r := range c.raw.References {
		entry := fmt.Sprintf("references[%d]", i+1)
		var ref model.Reference
		if !r.ID.Present() {
			c.missing(r.ID, entry, `every reference needs an id such as id = "ref1", which texts cite as [ref1]`)
		} else if s, ok := c.str(r.ID); ok {
			switch {
			case !model.IsID(s):
				c.bad(r.ID, "%q cannot be a reference id: use 1 to 80 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit", s)
			case first[s] != "":
				c.bad(r.ID, "the id %q is already used by %s; reference ids must be unique", s, first[s])
			default:
				first[s] = entry
				c.refs[s] = true
				ref.ID = s
			}
		}
		ref.Title = c.text(r.Title, entry, "every reference needs a title")
		c.plainTitle(ref.Title)
		ref.Publisher = c.text(r.Publisher, entry, "")
		if r.Date.Present() {
			ref.Date = c.date(r.Date)
		}
		if r.URL.Present() {
			ref.URL = c.link(r.URL)
		}
		if r.Accessed.Present() {
			ref.Accessed = c.date(r.Accessed)
		}
		if r.Lang.Present() {
			if s, ok := c.str(r.Lang); ok {
				ref.Lang, _ = c.tag(s, r.Lang.Key, at(r.Lang))
			}
		}
		out = append(out, ref)
	}
	return out
}

func (c *checker) timeline() []model.Event {
	var out []model.Event
	for i, e := range c.raw.Timeline {
		entry := fmt.Sprintf("timeline[%d]", i+1)
		var ev model.Event
		switch {
		case e.When.Present() && timed(e.When) && c.format == 1:
			c.bad(e.When, "a time of day is format 2: write format = 2 at the top of the file to use it, or give the day alone")
		case e.When.Present() && timed(e.When):
			ev.At = c.moment(e.When)
		case e.When.Present():
			ev.When = c.period(e.When)
		}
		ev.Text = c.prose(e.Text, entry, "every [[timeline]] entry needs a text")
		out = append(out, ev)
	}
	c.backInTime(out)
	return out
}

func (c *checker) procurement() *model.Procurement {
	p := c.raw.Procurement
	if p == nil {
		return nil
	}
	if l, ok := c.raw.Loc("procurement"); ok {
		c.place(load.Value{Key: "procurement", Pos: l.Key}) // for its totals
	}
	out := &model.Procurement{Caption: c.text(p.Caption, "procurement", "")}
	if p.Source.Present() {
		if s, ok := c.str(p.Source); ok {
			if !c.refs[s] {
				c.bad(p.Source, "%q is not the id of a [[references]] entry%s", s, c.refList())
			} else {
				out.Source = s
			}
		}
	}
	if len(p.Items) == 0 {
		pos := model.Pos{Line: 1, Col: 1}
		if l, ok := c.raw.Loc("procurement"); ok {
			pos = l.Key
		}
		c.errorf(pos, "procurement.items", "missing; the procurement table needs at least one [[procurement.items]] row")
	}
	if len(p.Items) > 0 {
		out.Items = make([]model.Purchase, 0, len(p.Items)) // no room grown row by row
	}
	c.inRow = true
	defer func() { c.inRow = false }()
	for i, it := range p.Items {
		entry := fmt.Sprintf("procurement.items[%d]", i+1)
		l, _ := c.raw.Loc(entry)
		row := model.Purchase{Source: model.Source{Key: entry, Pos: l.Key}}
		for _, f := range []struct {
			v  load.Value
			at *model.Pos
		}{{it.Ordered, &row.OrderedAt}, {it.TermMonths, &row.TermAt}, {it.Users, &row.UsersAt}, {it.Country, &row.CountryAt}} {
			if f.v.Present() {
				*f.at = at(f.v)
			}
		}
		if !it.Ordered.Present() {
			c.missing(it.Ordered, entry, `every row needs the date of the order, e.g. ordered = "2019-01" or "2019-04/2019-05"`)
		} else {
			row.Ordered = c.period(it.Ordered)
		}
		row.Product = c.text(it.Product, entry, "every row needs the product's name")
		row.Vendor = c.text(it.Vendor, entry, "")
		// Its texts, as its other values, are named at their values,
		// not at their keys, in the messages of later stages.
		for _, f := range []struct {
			t *model.Text
			v load.Value
		}{{&row.Product, it.Product}, {&row.Vendor, it.Vendor}} {
			if f.v.Present() {
				f.t.Source.Pos = at(f.v)
			}
			for i := range f.t.Langs {
				if p := c.loc(f.t.Langs[i].Source.Key); p.Line > 0 {
					f.t.Langs[i].Source.Pos = p
				}
			}
		}
		if !it.TermMonths.Present() {
			c.missing(it.TermMonths, entry, "every row needs the subscription length in months, e.g. term_months = 12")
		} else {
			row.TermMonths = c.integer(it.TermMonths, 1, 1200, "a whole number of months from 1 to 1200")
		}
		if !it.Users.Present() {
			c.missing(it.Users, entry, "every row needs the number of user terminals, e.g. users = 10")
		} else {
			row.Users = c.integer(it.Users, 1, 1<<31-1, "a whole number of terminals from 1 to 2,147,483,647")
		}
		for _, e := range c.list(it.Country) {
			if s, ok := c.str(e); ok {
				if code, ok := c.country(e, s); ok {
					if slices.Contains(row.Countries, code) {
						c.bad(e, "the country %s is listed twice", code)
						continue
					}
					row.Countries = append(row.Countries, code)
				}
			}
		}
		out.Items = append(out.Items, row)
	}
	return out
}

// country checks an ISO 3166-1 alpha-2 code and returns it in upper case.
// Withdrawn and reserved codes (SU, DD, UK, EU: see [retired]) are refused
// with the codes to write instead; unassigned codes (ZZ, AA) are refused;
// XK (Kosovo) is accepted as in CLDR.
func (c *checker) country(v load.Value, s string) (string, bool) {
	const allowed = "use an ISO 3166-1 alpha-2 country code such as RU, US, JP or GB"
	if len(s) != 2 || !isLetter(s[0]) || !isLetter(s[1]) {
		c.bad(v, "%q is not a country code; %s", s, allowed)
		return "", false
	}
	if r, ok := retired[strings.ToUpper(s)]; ok {
		c.bad(v, "%s", r.message(s))
		return "", false
	}
	r, err := language.ParseRegion(s)
	if err != nil || !r.IsCountry() || r.Canonicalize() != r || r.ISO3() == "ZZZ" {
		c.bad(v, "%q is not a country code; %s", s, allowed)
		return "", false
	}
	return r.String(), true
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// isAttack reports whether s is a MITRE ATT&CK technique ID: T1234 or
// T1234.001.
func isAttack(s string) bool {
	if len(s) != 5 && len(s) != 9 || s[0] != 'T' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if i == 5 {
			if s[i] != '.' {
				return false
			}
		} else if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (c *checker) analysis() *model.Analysis {
	a := c.raw.Analysis
	if a == nil {
		return nil
	}
	out := &model.Analysis{
		Method:         c.prose(a.Method, "analysis", ""),
		SuccessFactors: c.prose(a.SuccessFactors, "analysis", ""),
		Actor:          c.prose(a.Actor, "analysis", ""),
	}
	seen := map[string]bool{}
	for _, e := range c.list(a.KillChain) {
		if s, ok := c.str(e); ok {
			p := c.oneOf(e, strings.ToLower(s), names(model.Phases))
			if p == "" {
				continue
			}
			if seen[p] {
				c.bad(e, "the phase %s is listed twice", p)
				continue
			}
			seen[p] = true
			out.KillChain = append(out.KillChain, model.Phase(p))
		}
	}
	for _, e := range c.list(a.Attack) {
		if s, ok := c.str(e); ok {
			id := strings.ToUpper(s)
			switch {
			case !isAttack(id):
				c.bad(e, "%q is not a MITRE ATT&CK technique ID; write T1234 or T1234.001", s)
			case seen[id]:
				c.bad(e, "the technique %s is listed twice", id)
			default:
				seen[id] = true
				out.Attack = append(out.Attack, id)
			}
		}
	}
	for i, s := range a.Scenarios {
		out.Scenarios = append(out.Scenarios, c.prose(s.Text, fmt.Sprintf("analysis.scenarios[%d]", i+1), "every [[analysis.scenarios]] entry needs a text"))
	}
	return out
}

func (c *checker) risks() []model.Risk {
	var out []model.Risk
	const scale = "an integer from 1 (lowest) to 5 (highest)"
	for i, r := range c.raw.Risks {
		entry := fmt.Sprintf("risks[%d]", i+1)
		risk := model.Risk{
			Title: c.text(r.Title, entry, "every risk needs a title"),
			Text:  c.prose(r.Text, entry, ""),
		}
		c.plainTitle(risk.Title)
		if !r.Likelihood.Present() {
			c.missing(r.Likelihood, entry, "every risk needs a likelihood, "+scale)
		} else {
			risk.Likelihood = c.integer(r.Likelihood, 1, 5, scale)
		}
		if !r.Impact.Present() {
			c.missing(r.Impact, entry, "every risk needs an impact, "+scale)
		} else {
			risk.Impact = c.integer(r.Impact, 1, 5, scale)
		}
		out = append(out, risk)
	}
	return out
}

func (c *checker) countermeasures() []model.Countermeasure {
	var out []model.Countermeasure
	for i, m := range c.raw.Countermeasures {
		entry := fmt.Sprintf("countermeasures[%d]", i+1)
		var cm model.Countermeasure
		if !m.Term.Present() {
			c.missing(m.Term, entry, "every countermeasure needs a term: short, mid or long")
		} else if s, ok := c.str(m.Term); ok {
			cm.Term = model.Term(c.oneOf(m.Term, strings.ToLower(s), names(model.Terms)))
		}
		cm.Text = c.prose(m.Text, entry, "every countermeasure needs a text")
		cm.Owner = c.text(m.Owner, entry, "")
		out = append(out, cm)
	}
	return out
}

func (c *checker) related() []model.Related {
	var out []model.Related
	for i, r := range c.raw.Related {
		entry := fmt.Sprintf("related[%d]", i+1)
		rel := model.Related{Text: c.prose(r.Text, entry, "every [[related]] entry needs a text")}
		if r.URL.Present() {
			rel.URL = c.link(r.URL)
		}
		out = append(out, rel)
	}
	return out
}
