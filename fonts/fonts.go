// Package fonts embeds the typefaces of the default template: BIZ UDPGothic
// Regular and Bold for text, and their fixed-width siblings BIZ UDGothic
// Regular and Bold for code (SIL Open Font License 1.1, see OFL.txt; the
// four come from Debian's fonts-morisawa-bizud-gothic).
package fonts

import "embed"

// FS holds the font files and their licence.
//
//go:embed *.ttf OFL.txt
var FS embed.FS

// File names of the embedded faces inside [FS].
const (
	Regular  = "BIZUDPGothic-Regular.ttf"
	Bold     = "BIZUDPGothic-Bold.ttf"
	Mono     = "BIZUDGothic-Regular.ttf"
	MonoBold = "BIZUDGothic-Bold.ttf"
)

// RegularData, BoldData, MonoData and MonoBoldData are the files
// [Regular], [Bold], [Mono] and [MonoBold] themselves.
// As strings they are read from the program image only where touched, and
// never copied: reading them from [FS] copies 4.6 MB each, which costs a
// cold start several milliseconds. Convert without copying
// (unsafe.Slice(unsafe.StringData(s), len(s))) and never write the bytes.
var (
	//go:embed BIZUDPGothic-Regular.ttf
	RegularData string
	//go:embed BIZUDPGothic-Bold.ttf
	BoldData string
	//go:embed BIZUDGothic-Regular.ttf
	MonoData string
	//go:embed BIZUDGothic-Bold.ttf
	MonoBoldData string
)
