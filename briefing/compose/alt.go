package compose

import (
	"strconv"
	"strings"

	"briefing/briefing/pictures"
)

// The alternate texts of the briefing's pictures (PDF/UA-1, 7.3), made
// from the data they draw, in the briefing's language, so that a reader
// who cannot see a picture is told what it shows:
//
//	発生可能性×影響度のリスクマトリクス：リスク1（発生可能性3、影響度5）
//	Risk matrix of likelihood × impact: risk 1 (likelihood 3, impact 5)

// riskAlt is the risk matrix's: each risk's number, likelihood and impact.
func (c *composer) riskAlt(m pictures.RiskMatrix) string {
	var parts []string
	for _, r := range m.Risks {
		n := c.loc.Index(r.Number)
		if c.loc.Lang() == "ja" {
			parts = append(parts, "リスク"+n+"（発生可能性"+strconv.Itoa(r.Likelihood)+"、影響度"+strconv.Itoa(r.Impact)+"）")
		} else {
			parts = append(parts, "risk "+n+" (likelihood "+strconv.Itoa(r.Likelihood)+", impact "+strconv.Itoa(r.Impact)+")")
		}
	}
	if c.loc.Lang() == "ja" {
		return "発生可能性×影響度のリスクマトリクス：" + strings.Join(parts, "、")
	}
	return "Risk matrix of likelihood × impact: " + strings.Join(parts, "; ")
}

// killChainAlt is the kill chain's: its phases in order, then those of
// the incident.
func (c *composer) killChainAlt(k pictures.KillChain) string {
	var all, hit []string
	for i, p := range k.Phases {
		if p == "" {
			continue
		}
		all = append(all, p)
		if k.Highlight[i] {
			hit = append(hit, p)
		}
	}
	if c.loc.Lang() == "ja" {
		s := "サイバーキルチェーンの" + strconv.Itoa(len(all)) + "段階：" + strings.Join(all, "→")
		if len(hit) > 0 {
			s += "。本事案が該当する段階：" + strings.Join(hit, "、")
		}
		return s
	}
	s := "The " + strconv.Itoa(len(all)) + " phases of the cyber kill chain: " + strings.Join(all, ", ")
	if len(hit) > 0 {
		s += ". Phases of this incident: " + strings.Join(hit, ", ")
	}
	return s
}

// supplierAlt is the supplier chart's: each country's products and
// terminals.
func (c *composer) supplierAlt(bars []pictures.Bar) string {
	var parts []string
	for _, b := range bars {
		n := c.loc.Products(b.Products)
		if c.loc.Lang() == "ja" {
			parts = append(parts, b.Label+" "+n+"（"+b.Note+"）")
		} else {
			parts = append(parts, b.Label+": "+n+" ("+b.Note+")")
		}
	}
	if c.loc.Lang() == "ja" {
		return "供給国別の製品数の棒グラフ：" + strings.Join(parts, "、")
	}
	return "Bar chart of products per supplier country: " + strings.Join(parts, "; ")
}
