package trust

import (
	"fmt"
	"math"
	"time"
)

// Weights are the coefficients of the four trust dimensions. They need not
// sum to 1: New divides them by their sum.
type Weights struct {
	History, Capability, Latency, Consistency float64
}

// LevelRule is what an agent needs to be promoted to a level.
type LevelRule struct {
	MinScore    float64       // the fleet's score of the agent at the window's end
	MinObserved time.Duration // since the agent's first observation
	MinClean    int           // clean windows since the first observation
}

// DemotionRule drops an agent Drop levels on a failure of at least
// MinSeverity. Rules are tried in order; the first that applies wins.
type DemotionRule struct {
	MinSeverity float64
	Drop        int
}

// Config holds the engine's parameters. Start from DefaultConfig and change
// what you need; New validates the result.
type Config struct {
	Weights Weights

	// GainRate and LossRate scale a success's step up, gain·quality·(1−h),
	// and a failure's step down, loss·severity·h. Their ratio is how many
	// successes one failure undoes at h = 0.5.
	GainRate, LossRate float64
	// HistoryHalfLife is how long it takes history to get halfway back to
	// the neutral 0.5 without new evidence.
	HistoryHalfLife time.Duration

	// LatencyGood and LatencyBad bound the latency score: 1 at or below
	// LatencyGood, 0 at or above LatencyBad, linear between.
	LatencyGood, LatencyBad time.Duration
	// LatencyWindow is how many recent latencies per pair feed the latency
	// and consistency scores.
	LatencyWindow int

	// Window is the length of an autonomy window.
	Window time.Duration
	// Levels[l] is the rule for promotion to level l; Levels[L0] is unused.
	Levels [NumLevels]LevelRule
	// PromotionCooldown is the least time between a level change or a
	// failure and the next promotion.
	PromotionCooldown time.Duration
	// Demotions, tried in order; a failure no rule matches demotes nothing.
	Demotions []DemotionRule
}

// DefaultConfig returns the seed's parameters, as issue 7 fixes them.
func DefaultConfig() Config {
	return Config{
		Weights:         Weights{History: 0.35, Capability: 0.25, Latency: 0.20, Consistency: 0.20},
		GainRate:        0.002,
		LossRate:        0.05,
		HistoryHalfLife: 7 * 24 * time.Hour,
		LatencyGood:     100 * time.Millisecond,
		LatencyBad:      1000 * time.Millisecond,
		LatencyWindow:   16,
		Window:          time.Hour,
		Levels: [NumLevels]LevelRule{
			L1: {MinScore: 0.20, MinObserved: 8 * time.Hour, MinClean: 4},
			L2: {MinScore: 0.40, MinObserved: 48 * time.Hour, MinClean: 24},
			L3: {MinScore: 0.60, MinObserved: 168 * time.Hour, MinClean: 100},
			L4: {MinScore: 0.80, MinObserved: 336 * time.Hour, MinClean: 200},
			L5: {MinScore: 0.95, MinObserved: 720 * time.Hour, MinClean: 500},
		},
		PromotionCooldown: 72 * time.Hour,
		Demotions: []DemotionRule{
			{MinSeverity: 1.0, Drop: NumLevels}, // to L0
			{MinSeverity: 0.8, Drop: 2},
			{MinSeverity: 0, Drop: 1},
		},
	}
}

// finite01 reports whether v is a number in [0,1].
func finite01(v float64) bool { return !math.IsNaN(v) && v >= 0 && v <= 1 }

// normalised validates c and returns it with weights summing to 1.
func (c Config) normalised() (Config, error) {
	w := c.Weights
	for _, v := range [...]float64{w.History, w.Capability, w.Latency, w.Consistency} {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return c, fmt.Errorf("%w: weight %v, want a finite number ≥ 0", ErrInvalid, v)
		}
	}
	// Without a task capability is left out, so the rest must carry weight.
	rest := w.History + w.Latency + w.Consistency
	if rest == 0 {
		return c, fmt.Errorf("%w: history, latency and consistency weights are all 0", ErrInvalid)
	}
	sum := rest + w.Capability
	c.Weights = Weights{w.History / sum, w.Capability / sum, w.Latency / sum, w.Consistency / sum}

	checks := []struct {
		ok   bool
		what string
	}{
		{c.GainRate > 0 && c.GainRate <= 1, "gain rate must be in (0,1]"},
		{c.LossRate > 0 && c.LossRate <= 1, "loss rate must be in (0,1]"},
		{c.HistoryHalfLife > 0, "history half-life must be positive"},
		{c.LatencyGood >= 0 && c.LatencyBad > c.LatencyGood, "latency bounds must satisfy 0 ≤ good < bad"},
		{c.LatencyWindow >= 2, "latency window must hold at least 2 samples"},
		{c.Window > 0, "autonomy window must be positive"},
		{c.PromotionCooldown >= 0, "promotion cooldown must not be negative"},
	}
	for _, ch := range checks {
		if !ch.ok {
			return c, fmt.Errorf("%w: %s", ErrInvalid, ch.what)
		}
	}
	for l := L1; int(l) < NumLevels; l++ {
		r := c.Levels[l]
		if !finite01(r.MinScore) || r.MinObserved < 0 || r.MinClean < 0 {
			return c, fmt.Errorf("%w: promotion rule for %v", ErrInvalid, l)
		}
	}
	for _, d := range c.Demotions {
		if math.IsNaN(d.MinSeverity) || d.Drop < 0 {
			return c, fmt.Errorf("%w: demotion rule %+v", ErrInvalid, d)
		}
	}
	return c, nil
}
