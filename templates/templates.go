// Package templates embeds the default briefing template and the skeleton
// incident file that `briefing new` prints.
package templates

import "embed"

// FS holds default.toml (the default template) and skeleton.toml.
//
//go:embed *.toml
var FS embed.FS
