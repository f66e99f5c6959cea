// Package sim measures how well the trust engine keeps a fleet's work away
// from malicious agents, the way EigenTrust (Kamvar, Schlosser and
// Garcia-Molina, WWW 2003) measured its reputation system: the fraction of
// honest agents' requests served by malicious agents, over time, for
// several fleet sizes, shares and kinds of malicious agents.
//
// A Scenario is a fleet of honest and malicious agents driven in rounds on
// a trust.ManualClock. Every round each honest agent has one task: it draws
// a small random set of candidate partners, gives the task to the one it
// trusts most for the task (or, with a small probability, to a random
// candidate, so that strangers are tried and forgiven agents retried), and
// records the outcome and latency as its own first-hand observation. All
// agents draw capabilities and latencies from the same distributions, so
// only behaviour tells the malicious apart. Everything is driven by one
// seeded math/rand source: a scenario always gives the same result.
package sim

import (
	"fmt"
	"math"
	"math/rand"
	"time"

	"github.com/nexusfleet/nexus/runtime/trust"
)

// Kind is how a malicious agent behaves.
type Kind int

const (
	// AlwaysBad fails every task it is given.
	AlwaysBad Kind = iota
	// Camouflaged does a task well with probability Scenario.Camouflage,
	// to earn trust it then spends.
	Camouflaged
	// Colluding agents come in pairs. Each fails every task it is given by
	// an honest agent and, every round, reports a batch of fake fast
	// successes about its partner through RecordInteraction — the praise a
	// reputation system that pools reports would believe.
	Colluding
)

func (k Kind) String() string {
	return [...]string{"always bad", "camouflaged", "colluding"}[k]
}

// Scenario is one simulated fleet.
type Scenario struct {
	Agents     int     // fleet size
	Malicious  float64 // share of malicious agents, 0..1
	Kind       Kind
	Camouflage float64 // for Camouflaged: probability of doing a task well
	// HonestSuccess is the probability an honest agent does a task well.
	HonestSuccess float64
	Rounds        int
	Step          time.Duration // simulated time per round
	Candidates    int           // partners considered per task
	Explore       float64       // probability of a random candidate
	Epochs        int           // points in the time series
	// Seed is the first seed; Seeds runs are averaged, seeds Seed,
	// Seed+1, …, because routing concentrates on the few most capable
	// agents and one fleet's luck in who they are shows in the result.
	Seed  int64
	Seeds int
	// Config is the engine's configuration; nil means trust.DefaultConfig.
	Config *trust.Config
	// Label names a non-default Config in tables.
	Label string
}

// Default returns the study's standard scenario for a fleet size, share
// and kind: a week in 15-minute rounds, 10 candidates per task, 10%
// exploration, honest agents that succeed 99% of the time.
func Default(agents int, malicious float64, kind Kind) Scenario {
	return Scenario{
		Agents: agents, Malicious: malicious, Kind: kind,
		Camouflage: 0.5, HonestSuccess: 0.99,
		Rounds: 672, Step: 15 * time.Minute,
		Candidates: 10, Explore: 0.1, Epochs: 24,
		Seed: 1, Seeds: 3,
	}
}

// Result is what a scenario measured.
type Result struct {
	Scenario
	// Series[i] is the share of honest agents' tasks given to malicious
	// agents in epoch i.
	Series []float64
	// Random is the share a router that picks candidates at random would
	// give them: the malicious share among an honest agent's peers.
	Random float64
	// First and Last are the first and last epochs; Overall is the whole run.
	First, Last, Overall float64
}

// The task types of the study, with the capabilities each needs.
var tasks = []trust.Task{
	{Type: "survey", Needs: trust.Profile{trust.Navigation: 0.6, trust.Sensing: 0.7, trust.Endurance: 0.5}},
	{Type: "relay", Needs: trust.Profile{trust.Communication: 0.7, trust.Endurance: 0.4}},
	{Type: "sample", Needs: trust.Profile{trust.Manipulation: 0.6, trust.Payload: 0.4, trust.Navigation: 0.5}},
	{Type: "transit", Needs: trust.Profile{trust.Speed: 0.6, trust.Navigation: 0.5}},
}

func (s Scenario) validate() error {
	switch {
	case s.Agents < 2 || s.Seeds < 1 || s.Candidates < 1 || s.Rounds < 1 || s.Epochs < 1 || s.Epochs > s.Rounds:
		return fmt.Errorf("sim: scenario sizes %+v", s)
	case s.Malicious < 0 || s.Malicious >= 1 || s.Explore < 0 || s.Explore > 1:
		return fmt.Errorf("sim: scenario shares %+v", s)
	case s.Step <= 0:
		return fmt.Errorf("sim: step %v", s.Step)
	}
	return nil
}

type member struct {
	id      string
	bad     bool
	partner int // colluding partner's index, or -1
}

// Run simulates s once per seed and averages the runs.
func Run(s Scenario) (Result, error) {
	if err := s.validate(); err != nil {
		return Result{}, err
	}
	avg := Result{Scenario: s, Series: make([]float64, s.Epochs)}
	for k := range s.Seeds {
		r, err := runOnce(s, s.Seed+int64(k))
		if err != nil {
			return Result{}, err
		}
		for i, v := range r.Series {
			avg.Series[i] += v / float64(s.Seeds)
		}
		avg.Random += r.Random / float64(s.Seeds)
		avg.Overall += r.Overall / float64(s.Seeds)
	}
	avg.First, avg.Last = avg.Series[0], avg.Series[s.Epochs-1]
	return avg, nil
}

func runOnce(s Scenario, seed int64) (Result, error) {
	rng := rand.New(rand.NewSource(seed))
	clk := trust.NewManualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	cfg := trust.DefaultConfig()
	if s.Config != nil {
		cfg = *s.Config
	}
	eng, err := trust.New(clk, cfg)
	if err != nil {
		return Result{}, err
	}
	fleet := makeFleet(s, rng)
	for _, m := range fleet {
		var p trust.Profile
		for i := range p {
			p[i] = 0.3 + 0.7*rng.Float64()
		}
		if err := eng.Register(m.id, p); err != nil {
			return Result{}, err
		}
	}

	nBad := 0
	for _, m := range fleet {
		if m.bad {
			nBad++
		}
	}
	r := Result{Scenario: s, Series: make([]float64, s.Epochs), Random: float64(nBad) / float64(s.Agents-1)}
	perEpoch := s.Rounds / s.Epochs
	var total, totalBad, epochTasks, epochBad int
	others := make([]int, 0, s.Agents)
	cands := make([]string, s.Candidates)
	for round := range s.Rounds {
		for i, m := range fleet {
			if m.bad {
				if err := praise(eng, fleet, i, rng); err != nil {
					return Result{}, err
				}
				continue
			}
			task := tasks[rng.Intn(len(tasks))]
			target, err := choose(eng, s, fleet, i, task, rng, others, cands)
			if err != nil {
				return Result{}, err
			}
			ok := succeeds(s, fleet[target], rng)
			x := trust.Interaction{Success: ok, Latency: latency(rng), TaskType: task.Type}
			if err := eng.RecordInteraction(m.id, fleet[target].id, x); err != nil {
				return Result{}, err
			}
			epochTasks++
			if fleet[target].bad {
				epochBad++
			}
		}
		clk.Advance(s.Step)
		if (round+1)%perEpoch == 0 && (round+1)/perEpoch <= s.Epochs {
			r.Series[(round+1)/perEpoch-1] = float64(epochBad) / float64(epochTasks)
			total, totalBad = total+epochTasks, totalBad+epochBad
			epochTasks, epochBad = 0, 0
		}
	}
	r.First, r.Last = r.Series[0], r.Series[s.Epochs-1]
	r.Overall = float64(totalBad) / float64(total)
	return r, nil
}

// makeFleet spreads the malicious agents evenly through the fleet, so no
// index range is special, and pairs the colluders.
func makeFleet(s Scenario, rng *rand.Rand) []member {
	n := s.Agents
	nBad := int(math.Round(s.Malicious * float64(n)))
	if s.Kind == Colluding {
		nBad &^= 1 // whole pairs
	}
	fleet := make([]member, n)
	bad := rng.Perm(n)[:nBad]
	for i := range fleet {
		fleet[i] = member{id: fmt.Sprintf("agent-%03d", i), partner: -1}
	}
	for j, i := range bad {
		fleet[i].bad = true
		if s.Kind == Colluding {
			fleet[i].partner = bad[j^1]
		}
	}
	return fleet
}

// choose picks the target of honest agent i's task among a fresh random
// set of candidates.
func choose(eng *trust.Engine, s Scenario, fleet []member, i int, task trust.Task, rng *rand.Rand, others []int, cands []string) (int, error) {
	others = others[:0]
	for j := range fleet {
		if j != i {
			others = append(others, j)
		}
	}
	k := min(s.Candidates, len(others))
	for c := range k { // partial Fisher–Yates
		j := c + rng.Intn(len(others)-c)
		others[c], others[j] = others[j], others[c]
		cands[c] = fleet[others[c]].id
	}
	if rng.Float64() < s.Explore {
		return others[rng.Intn(k)], nil
	}
	id, _, err := eng.MostTrusted(fleet[i].id, cands[:k], task)
	if err != nil {
		return 0, err
	}
	for _, j := range others[:k] {
		if fleet[j].id == id {
			return j, nil
		}
	}
	return 0, fmt.Errorf("sim: MostTrusted returned %q, not a candidate", id)
}

func succeeds(s Scenario, m member, rng *rand.Rand) bool {
	switch {
	case !m.bad:
		return rng.Float64() < s.HonestSuccess
	case s.Kind == Camouflaged:
		return rng.Float64() < s.Camouflage
	}
	return false
}

// praise is a colluder's round: five fake fast successes about its partner.
func praise(eng *trust.Engine, fleet []member, i int, rng *rand.Rand) error {
	p := fleet[i].partner
	if p < 0 {
		return nil
	}
	for range 5 {
		x := trust.Interaction{Success: true, Latency: 20*time.Millisecond + time.Duration(rng.Intn(5))*time.Millisecond}
		if err := eng.RecordInteraction(fleet[i].id, fleet[p].id, x); err != nil {
			return err
		}
	}
	return nil
}

// latency draws a round trip: log-normal around 180 ms, the same for honest
// and malicious agents, so latency and consistency cannot tell them apart.
func latency(rng *rand.Rand) time.Duration {
	ms := 180 * math.Exp(0.35*rng.NormFloat64())
	return time.Duration(ms * float64(time.Millisecond))
}
