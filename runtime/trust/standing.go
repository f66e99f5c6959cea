package trust

import (
	"fmt"
	"time"
)

// Standing is the fleet's view of an agent taken apart: the dimensions
// behind Score, and the autonomy state behind Level and the next
// promotion. It is what an operator asks for when an agent is refused a
// deployment.
type Standing struct {
	// Score is Score(id); History, Latency and Consistency are the
	// dimensions it weighs (capability is a question of a task).
	Score, History, Latency, Consistency float64
	// Observations counts the runtime's observations of the agent and
	// Latencies the recent latencies the last two dimensions come from.
	Observations, Latencies int

	Level Level
	// FirstObserved is zero for an agent never observed; LevelChanged is
	// zero while the level never changed.
	FirstObserved, LevelChanged time.Time
	// CleanWindows counts the clean autonomy windows closed so far.
	CleanWindows int
	// Next is the rule for the next level, nil at the top level, and
	// NotBefore the end of the promotion cooldown (zero if none applies).
	Next      *LevelRule
	NotBefore time.Time
}

// Standing returns the fleet's view of an agent now. Like Level it first
// closes the autonomy windows that have ended.
func (e *Engine) Standing(id string) (Standing, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a, ok := e.agents[id]
	if !ok {
		return Standing{}, fmt.Errorf("%w: %q", ErrUnknownAgent, id)
	}
	now := e.clock.Now()
	e.advance(id, a, now)
	s := Standing{
		Score: e.composite(fleet, id, Task{}, now), History: neutral, Latency: neutral, Consistency: neutral,
		Level: a.auto.level, CleanWindows: a.auto.clean,
	}
	if r := a.raters[fleet]; r != nil {
		s.History = r.hist.value(now, e.cfg.HistoryHalfLife)
		s.Latency, s.Consistency = r.lat.scores()
		s.Observations, s.Latencies = r.hist.n, r.lat.n
	}
	if a.auto.started {
		s.FirstObserved = a.auto.first
	}
	if a.auto.hasChanged {
		s.LevelChanged = a.auto.changed
		s.NotBefore = a.auto.changed.Add(e.cfg.PromotionCooldown)
	}
	if int(s.Level)+1 < NumLevels {
		r := e.cfg.Levels[s.Level+1]
		s.Next = &r
	}
	return s, nil
}
