package compose

import (
	"path/filepath"

	"briefing/briefing/layout"
	"briefing/briefing/localize"
	"briefing/briefing/model"
)

// Source is inc's incident file as a briefing in lang attaches it: data,
// the file without its [x] table (load.Raw.Shared), named as the file,
// described with the template's word source_file, an associated file
// whose relationship to the briefing is Source (ISO 32000-2, 14.13), of
// media type application/toml. A recipient can check or rebuild the
// briefing from it.
func Source(inc *model.Incident, lang string, words Words, data string) layout.Attachment {
	desc := "Incident file this briefing was made from, without its [x] table"
	if words != nil {
		if s := words.Word(localize.New(lang).Lang(), "source_file"); s != "" {
			desc = s
		}
	}
	return layout.Attachment{Name: filepath.Base(inc.File), Description: desc, MIME: "application/toml",
		Data: []byte(data), Relationship: "Source"}
}
