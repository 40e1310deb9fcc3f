package pictures_test

import (
	"fmt"

	"briefing/briefing/layout"
	"briefing/briefing/pictures"
)

// The compose stage builds each picture from localized words and counted
// data and adds it to the document as a block; the layout calls Draw with
// the text width.
func Example() {
	style := layout.Style{Size: 9} // Metrics: the template's fonts
	blocks := []layout.Block{
		pictures.RiskMatrix{
			LikelihoodLabel: "発生可能性", ImpactLabel: "影響度",
			// Numbered as the risk list: by score, highest first.
			Risks: []pictures.RiskMark{{Number: 1, Likelihood: 4, Impact: 5}, {Number: 2, Likelihood: 3, Impact: 4}},
			Style: style,
		}.Figure(),
		pictures.KillChain{
			Phases:    [7]string{"偵察", "武器化", "配送", "攻撃", "インストール", "遠隔操作", "目的の実行"},
			Highlight: [7]bool{true, true},
			Style:     style,
		}.Figure(),
		pictures.SupplierChart{
			Bars: []pictures.Bar{
				{Label: "ロシア", Products: 6, Note: "110台"},
				{Label: "不明", Products: 1, Note: "10台", Unknown: true},
			},
			Style: style,
		}.Figure(),
	}
	for _, b := range blocks {
		h, boxes := b.(layout.Figure).Draw(481.28)
		fmt.Println(h > 0, len(boxes) > 0)
	}
	// Output:
	// true true
	// true true
	// true true
}
