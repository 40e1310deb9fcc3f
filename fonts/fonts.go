// Package fonts embeds the typefaces of the default template: BIZ UDPGothic
// Regular and Bold (SIL Open Font License 1.1, see OFL.txt).
package fonts

import "embed"

// FS holds the font files and their licence.
//
//go:embed *.ttf OFL.txt
var FS embed.FS

// File names of the embedded faces inside [FS].
const (
	Regular = "BIZUDPGothic-Regular.ttf"
	Bold    = "BIZUDPGothic-Bold.ttf"
)
