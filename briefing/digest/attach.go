package digest

import (
	"briefing/briefing/compose"
	"briefing/briefing/layout"
	"briefing/briefing/localize"
	"briefing/briefing/model"
)

// Files returns the files d's PDF in lang embeds: for each incident it
// shows, in its order, the files its own briefing in lang embeds (its
// indicators as CSV and as a STIX 2.1 bundle, see compose.Attachments),
// the same bytes, named after the incident (ransomware-example.indicators.csv,
// ransomware-example.indicators.stix.json) and described with its title.
// A reader of the digest thus has each incident's indicators as its
// briefing gives them, with that incident's own TLP marking in the bundle,
// and imports them incident by incident as from the briefings. d's
// incidents are whole ones (not [Light]).
func Files(d Digest, lang string, th compose.Theme) []layout.Attachment {
	var out []layout.Attachment
	for _, inc := range d.Incidents {
		out = append(out, incidentFiles(inc, lang, th)...)
	}
	return out
}

// incidentFiles are the files of inc in a digest in lang (see [Files]).
func incidentFiles(inc *model.Incident, lang string, th compose.Theme) []layout.Attachment {
	var out []layout.Attachment
	sep := ": "
	if localize.New(lang).Lang() == "ja" {
		sep = "："
	}
	title, _ := localize.Text(inc.Title, lang)
	title = compose.TitleLine(inc, lang, compose.Cited(inc, lang, title))
	for _, f := range compose.Attachments(inc, lang, th.Words) {
		f.Name = inc.ID + "." + f.Name
		f.Description += sep + title
		out = append(out, f)
	}
	return out
}
