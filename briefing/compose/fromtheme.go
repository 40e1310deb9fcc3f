package compose

import "briefing/briefing/theme"

// FromTheme returns what composing needs of a loaded template: its fonts'
// metrics, fixed texts, paper, organization and logo, and colours.
func FromTheme(t *theme.Theme) Theme {
	if t == nil {
		return Theme{}
	}
	var logo *Logo
	if t.Logo != nil {
		logo = &Logo{Data: t.Logo.Data, Type: t.Logo.Type, Width: t.Logo.Width, Height: t.Logo.Height, Orientation: t.Logo.Orientation}
	}
	return Theme{
		Metrics: t, Words: t, Paper: t.Paper, Organization: t.Organization, Logo: logo, Fanged: t.Fanged,
		Accent: t.Accent, AccentLight: t.AccentLight, Text: t.Text, Muted: t.Muted,
		Rule: t.Rule, RiskLow: t.RiskLow, RiskHigh: t.RiskHigh,
	}
}
