package sim

import (
	"fmt"
	"strings"
)

// Line is one series of a panel; values are evenly spaced over the panel's
// x range.
type Line struct {
	Label  string
	Color  string
	Dashed bool
	Values []float64
}

// Panel is one small line chart.
type Panel struct {
	Title  string
	XMax   float64 // x runs from 0 to XMax
	XLabel string
	YMax   float64 // y runs from 0 to YMax
	YLabel string
	Lines  []Line
}

const (
	panelW, panelH = 360, 250
	padL, padR     = 52, 12
	padT, padB     = 30, 44
	legendH        = 28
)

// SVG draws panels side by side, cols to a row, as a standalone SVG with
// no scripts, fonts or dependencies beyond a generic sans-serif. The
// legend, shared by all panels, is taken from the first panel's lines.
func SVG(title string, cols int, panels []Panel) []byte {
	rows := (len(panels) + cols - 1) / cols
	w, h := cols*panelW, rows*panelH+legendH+24
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n", w, h, w, h)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", w, h)
	fmt.Fprintf(&b, `<text x="%d" y="17" text-anchor="middle" font-size="14" font-weight="bold">%s</text>`+"\n", w/2, esc(title))
	for i, p := range panels {
		drawPanel(&b, p, (i%cols)*panelW, 24+(i/cols)*panelH)
	}
	if len(panels) > 0 {
		drawLegend(&b, panels[0].Lines, 24+rows*panelH)
	}
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

func drawPanel(b *strings.Builder, p Panel, x0, y0 int) {
	pw, ph := float64(panelW-padL-padR), float64(panelH-padT-padB)
	left, top := float64(x0+padL), float64(y0+padT)
	px := func(x float64) float64 { return left + pw*x/p.XMax }
	py := func(y float64) float64 { return top + ph*(1-y/p.YMax) }

	fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="middle" font-size="12" font-weight="bold">%s</text>`+"\n", left+pw/2, y0+18, esc(p.Title))
	for i := 0; i <= 4; i++ { // horizontal grid and y ticks
		y := p.YMax * float64(i) / 4
		fmt.Fprintf(b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>`+"\n", left, py(y), left+pw, py(y))
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="end">%.0f%%</text>`+"\n", left-4, py(y)+4, 100*y)
	}
	for i := 0; i <= 4; i++ { // x ticks
		x := p.XMax * float64(i) / 4
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle">%.0f</text>`+"\n", px(x), top+ph+14, x)
	}
	fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="none" stroke="#888"/>`+"\n", left, top, pw, ph)
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", left+pw/2, top+ph+32, esc(p.XLabel))
	fmt.Fprintf(b, `<text transform="translate(%d %.1f) rotate(-90)" text-anchor="middle">%s</text>`+"\n", x0+12, top+ph/2, esc(p.YLabel))
	for _, l := range p.Lines {
		if len(l.Values) == 0 {
			continue
		}
		var pts strings.Builder
		for i, v := range l.Values {
			// Each value is an epoch's mean, drawn at the epoch's middle.
			x := p.XMax * (float64(i) + 0.5) / float64(len(l.Values))
			fmt.Fprintf(&pts, "%.1f,%.1f ", px(x), py(min(v, p.YMax)))
		}
		dash := ""
		if l.Dashed {
			dash = ` stroke-dasharray="5 4"`
		}
		fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="1.8"%s/>`+"\n", strings.TrimSpace(pts.String()), l.Color, dash)
	}
}

func drawLegend(b *strings.Builder, lines []Line, y int) {
	x := padL
	seen := map[string]bool{}
	// Solid lines first, so the dashed baseline's entry comes last.
	ordered := make([]Line, 0, len(lines))
	for _, dashed := range []bool{false, true} {
		for _, l := range lines {
			if l.Dashed == dashed {
				ordered = append(ordered, l)
			}
		}
	}
	for _, l := range ordered {
		if seen[l.Label] {
			continue
		}
		seen[l.Label] = true
		dash := ""
		if l.Dashed { // one entry stands for all dashed lines: draw it neutral
			dash = ` stroke-dasharray="5 4"`
			l.Color = "#666"
		}
		fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`+"\n", x, y+10, x+24, y+10, l.Color, dash)
		fmt.Fprintf(b, `<text x="%d" y="%d">%s</text>`+"\n", x+30, y+14, esc(l.Label))
		x += 40 + 7*len(l.Label)
	}
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// Colors for the study's shares, in order of Shares.
var Colors = []string{"#1b9e77", "#d95f02", "#7570b3", "#e7298a"}

// Panels turns results into one panel per behaviour for a fleet size: a
// solid line per malicious share over time and, dashed in the same color,
// what random routing would give.
func Panels(rs []Result, agents int) []Panel {
	var ps []Panel
	index := map[string]int{}
	for _, r := range rs {
		if r.Agents != agents {
			continue
		}
		key := r.Behaviour() + fmt.Sprint(r.HonestSuccess)
		i, ok := index[key]
		if !ok {
			title := r.Behaviour()
			if r.HonestSuccess != 0.99 {
				title += fmt.Sprintf(", honest %.0f%%", 100*r.HonestSuccess)
			}
			i = len(ps)
			index[key] = i
			hours := float64(r.Rounds) * r.Step.Hours()
			ps = append(ps, Panel{Title: title, XMax: hours, XLabel: "simulated hours", YMax: 0.8, YLabel: "tasks to malicious agents"})
		}
		c := Colors[len(ps[i].Lines)/2%len(Colors)]
		flat := make([]float64, len(r.Series))
		for j := range flat {
			flat[j] = r.Random
		}
		ps[i].Lines = append(ps[i].Lines,
			Line{Label: fmt.Sprintf("%.0f%% malicious", 100*r.Malicious), Color: c, Values: r.Series},
			Line{Label: "random routing", Color: c, Dashed: true, Values: flat})
	}
	return ps
}
