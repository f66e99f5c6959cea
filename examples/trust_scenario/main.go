// Command trust_scenario is the Go version of the seed's trust_scenario
// example: INCREMENTS trust between five AUV agents over a simulated week,
// printed as a table and, with -svg, plotted.
//
// A coordinator routes survey work to five AUVs that behave differently —
// one reliable, one reliable but slow, one that fails one task in five, one
// camouflaged (good most of the time, then a bad streak), one failing — and
// records every outcome in the engine, both as its own experience and as
// the runtime's observation (which drives autonomy levels and the deploy
// gate). Everything runs on the engine's manual clock, so the output is the
// same on every run.
//
//	go run ./examples/trust_scenario
//	go run ./examples/trust_scenario -svg trust.svg
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand"
	"os"
	"strings"
	"time"

	"github.com/nexusfleet/nexus/runtime/trust"
)

type auv struct {
	id       string
	behavior string
	latency  time.Duration
	// succeeds reports whether the AUV does its task at simulated hour h.
	succeeds func(r *rand.Rand, h int) bool
}

var fleet = []auv{
	{"auv-1", "reliable", 80 * time.Millisecond, func(r *rand.Rand, h int) bool { return r.Float64() < 0.99 }},
	{"auv-2", "reliable, slow link", 600 * time.Millisecond, func(r *rand.Rand, h int) bool { return r.Float64() < 0.98 }},
	{"auv-3", "flaky (80%)", 150 * time.Millisecond, func(r *rand.Rand, h int) bool { return r.Float64() < 0.8 }},
	{"auv-4", "camouflaged", 90 * time.Millisecond, func(r *rand.Rand, h int) bool { return h < 60 || h >= 72 || r.Float64() < 0.2 }},
	{"auv-5", "failing", 120 * time.Millisecond, func(r *rand.Rand, h int) bool { return r.Float64() < 0.3 }},
}

const hours = 7 * 24

// sample is the trust in each AUV at one hour.
type sample struct {
	hour  int
	trust []float64
	level []trust.Level
}

func simulate() ([]sample, *trust.Engine, error) {
	clock := trust.NewManualClock(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	e, err := trust.New(clock, trust.DefaultConfig())
	if err != nil {
		return nil, nil, err
	}
	if err := e.Register("coordinator", trust.Profile{}); err != nil {
		return nil, nil, err
	}
	for _, a := range fleet {
		if err := e.Register(a.id, trust.Profile{trust.Navigation: 0.8, trust.Sensing: 0.7}); err != nil {
			return nil, nil, err
		}
	}
	r := rand.New(rand.NewSource(7))
	var out []sample
	for h := 0; h <= hours; h++ {
		s := sample{hour: h}
		for _, a := range fleet {
			t, _ := e.Trust("coordinator", a.id)
			l, _ := e.Level(a.id)
			s.trust = append(s.trust, t)
			s.level = append(s.level, l)
		}
		out = append(out, s)
		if h == hours {
			break
		}
		// Six tasks per AUV per hour, ten minutes apart.
		for range 6 {
			clock.Advance(10 * time.Minute)
			for _, a := range fleet {
				jitter := time.Duration(r.Intn(40)) * time.Millisecond
				x := trust.Interaction{Success: a.succeeds(r, h), Latency: a.latency + jitter, TaskType: "survey", Quality: 0.8, Severity: 0.6}
				if err := e.RecordInteraction("coordinator", a.id, x); err != nil {
					return nil, nil, err
				}
				if err := e.Observe(a.id, x); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	return out, e, nil
}

func run(w io.Writer, svgPath string) error {
	samples, e, err := simulate()
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "INCREMENTS trust of the coordinator in five AUVs (composite trust, autonomy level)")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%-5s", "hour")
	for _, a := range fleet {
		fmt.Fprintf(w, "  %-12s", a.id)
	}
	fmt.Fprintln(w)
	for _, s := range samples {
		if s.hour%12 != 0 {
			continue
		}
		fmt.Fprintf(w, "%-5d", s.hour)
		for i := range fleet {
			fmt.Fprintf(w, "  %.3f L%d     ", s.trust[i], int(s.level[i]))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "behaviour and the deploy gate for a reflex declaring `trust 0.6` and `autonomy L1`:")
	req := trust.Requirement{MinTrust: 0.6, MinLevel: trust.Level(1)}
	for _, a := range fleet {
		ok, reason := e.AllowDeploy(a.id, req)
		verdict := "deploy"
		if !ok {
			verdict = "refuse: " + reason
		}
		fmt.Fprintf(w, "  %-6s %-20s %s\n", a.id, a.behavior, verdict)
	}
	if svgPath != "" {
		if err := os.WriteFile(svgPath, []byte(plot(samples)), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(w, "\nplot written to %s\n", svgPath)
	}
	return nil
}

// plot draws trust over time, one line per AUV, as a small SVG.
func plot(samples []sample) string {
	const W, H, pad = 640.0, 320.0, 40.0
	colors := []string{"#1b7837", "#5aae61", "#f1a340", "#d6604d", "#762a83"}
	x := func(h int) float64 { return pad + (W-2*pad)*float64(h)/hours }
	y := func(t float64) float64 { return H - pad - (H-2*pad)*t }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" font-family="sans-serif" font-size="11">`+"\n", W, H+20*float64(len(fleet)))
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="black"/>`+"\n", pad, y(0), W-pad, y(0))
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="black"/>`+"\n", pad, y(0), pad, y(1))
	for _, t := range []float64{0, 0.5, 1} {
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" text-anchor="end">%.1f</text>`+"\n", pad-4, y(t)+4, t)
	}
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle">hours</text>`+"\n", W/2, H-8)
	for i, a := range fleet {
		var pts []string
		for _, s := range samples {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(s.hour), y(s.trust[i])))
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`+"\n", colors[i], strings.Join(pts, " "))
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" fill="%s">%s — %s</text>`+"\n", pad, H+14+20*float64(i), colors[i], a.id, a.behavior)
	}
	b.WriteString("</svg>\n")
	return b.String()
}

func main() {
	svg := flag.String("svg", "", "also write a plot of trust over time to this SVG `file`")
	flag.Parse()
	if err := run(os.Stdout, *svg); err != nil {
		fmt.Fprintln(os.Stderr, "trust_scenario:", err)
		os.Exit(1)
	}
}
