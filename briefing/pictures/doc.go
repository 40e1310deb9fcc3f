// Package pictures draws the briefing's figures as vector boxes for the
// layout: a 5×5 risk matrix ([RiskMatrix]), the seven phases of the Cyber
// Kill Chain as a row of chevrons ([KillChain]) and a horizontal bar chart of
// products per supplier country ([SupplierChart]).
//
// The functions are pure: they take data that is already localized (labels
// in the briefing's language, numbers already counted) and return a
// [layout.Figure] whose Draw scales the picture to the width the layout
// gives it. Every label is a [layout.TextBox], so it stays real text in the
// PDF. Text is measured with the template's [layout.Metrics]; nothing here
// knows about incidents, templates or languages.
//
// # Zero values
//
// A zero [Palette] means [DefaultPalette], a zero Style.Size means 9 points
// and nil Metrics means a rough estimate (half an em for ASCII, a full em
// for anything else), so a zero configuration still draws something sane.
// Colours come from the Palette; Style gives the face and the base size of
// the text.
package pictures
