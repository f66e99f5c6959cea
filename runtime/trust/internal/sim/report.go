package sim

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/nexusfleet/nexus/runtime/trust"
)

// Shares are the malicious shares of the study.
var Shares = []float64{0.1, 0.3, 0.5, 0.7}

// Sizes are the fleet sizes of the study.
var Sizes = []int{20, 50, 100}

// Behaviours are the malicious behaviours of the study.
func Behaviours() []Scenario {
	camo50 := Scenario{Kind: Camouflaged, Camouflage: 0.5}
	camo90 := Scenario{Kind: Camouflaged, Camouflage: 0.9}
	return []Scenario{{Kind: AlwaysBad}, camo50, camo90, {Kind: Colluding}}
}

// Study is the standard grid: every size, share and behaviour.
func Study() []Scenario {
	var ss []Scenario
	for _, b := range Behaviours() {
		for _, n := range Sizes {
			for _, m := range Shares {
				s := Default(n, m, b.Kind)
				if b.Kind == Camouflaged {
					s.Camouflage = b.Camouflage
				}
				ss = append(ss, s)
			}
		}
	}
	return ss
}

// Weak is the study of the engine's known weakness: honest agents that
// succeed only 95% of the time, below the 25:1 break-even of 96.2%.
func Weak() []Scenario {
	var ss []Scenario
	for _, m := range Shares {
		s := Default(50, m, AlwaysBad)
		s.HonestSuccess = 0.95
		ss = append(ss, s)
	}
	return ss
}

// Sensitivity reruns a few scenarios of the study with the engine tuned, to
// show which parameter limits it: weights that let only history count, and
// a loss rate five times the seed's.
func Sensitivity() []Scenario {
	historyOnly := trust.DefaultConfig()
	historyOnly.Weights = trust.Weights{History: 1}
	fastLoss := trust.DefaultConfig()
	fastLoss.LossRate = 0.25
	variants := []struct {
		label string
		cfg   *trust.Config
	}{{"seed defaults", nil}, {"history only", &historyOnly}, {"loss rate 0.25", &fastLoss}}
	var ss []Scenario
	for _, base := range []Scenario{Default(50, 0.3, AlwaysBad), Default(50, 0.7, AlwaysBad), Default(50, 0.3, Camouflaged)} {
		if base.Kind == Camouflaged {
			base.Camouflage = 0.9
		}
		for _, v := range variants {
			s := base
			s.Label, s.Config = v.label, v.cfg
			ss = append(ss, s)
		}
	}
	return ss
}

// RunAll runs the scenarios in parallel and returns the results in order.
func RunAll(ss []Scenario) ([]Result, error) {
	rs := make([]Result, len(ss))
	errs := make([]error, len(ss))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, s := range ss {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			rs[i], errs[i] = Run(s)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return rs, nil
}

// Behaviour names a scenario's malicious behaviour for tables and plots.
func (s Scenario) Behaviour() string {
	b := s.Kind.String()
	if s.Kind == Camouflaged {
		b = fmt.Sprintf("camouflaged, good %.0f%%", 100*s.Camouflage)
	}
	if s.Label != "" {
		b += " — " + s.Label
	}
	return b
}

// Table renders results as a Markdown table.
func Table(rs []Result) string {
	var b strings.Builder
	b.WriteString("| malicious behaviour | honest success | agents | malicious | random routing | first 7 h | last 7 h | whole week |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| %s | %.0f%% | %d | %.0f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% |\n",
			r.Behaviour(), 100*r.HonestSuccess, r.Agents, 100*r.Malicious,
			100*r.Random, 100*r.First, 100*r.Last, 100*r.Overall)
	}
	return b.String()
}
