package compose

import "briefing/briefing/render"

// Metadata converts to render.Info; this stops compiling if they part.
var _ = render.Info(Metadata{})
