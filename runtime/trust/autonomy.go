package trust

import "time"

// autonomy is an agent's progress through the levels, in the fleet view.
type autonomy struct {
	level      Level
	started    bool      // observed at least once
	first      time.Time // first observation; windows are counted from here
	winStart   time.Time // start of the open window
	winObs     int       // observations in the open window
	winBad     bool      // a failure in the open window
	clean      int       // clean windows closed so far
	changed    time.Time // last level change
	hasChanged bool      // changed is set
}

// observe counts one observation at now, whose window is open (advance has
// run), and demotes on a failure.
func (a *autonomy) observe(now time.Time, success bool, severity float64, c *Config) {
	if !a.started {
		a.started, a.first, a.winStart = true, now, now
	}
	a.winObs++
	if success {
		return
	}
	a.winBad = true
	for _, d := range c.Demotions {
		if severity >= d.MinSeverity {
			// Only a demotion restarts the promotion cooldown: were every
			// failure to restart it, an agent failing one task in a hundred
			// would never be promoted at all.
			if l := max(L0, a.level-Level(min(d.Drop, NumLevels))); l != a.level {
				a.level = l
				a.changed, a.hasChanged = now, true
			}
			return
		}
	}
}

// advance closes the agent's open window if it ended by now, promoting the
// agent if the window was clean and the next level's rule is met at the
// window's end. Windows without observations are neither clean nor bad and
// are skipped, so a clock that jumps a year costs nothing.
func (e *Engine) advance(id string, a *agent, now time.Time) {
	s := &a.auto
	if !s.started {
		return
	}
	end := s.winStart.Add(e.cfg.Window)
	if now.Before(end) {
		return
	}
	if s.winObs > 0 && !s.winBad {
		s.clean++
		e.tryPromote(id, s, end)
	}
	// The window now open is the one holding now, aligned to first.
	k := now.Sub(s.first) / e.cfg.Window
	s.winStart = s.first.Add(k * e.cfg.Window)
	s.winObs, s.winBad = 0, false
}

// tryPromote raises the level by one if every condition of the next level
// holds at time at.
func (e *Engine) tryPromote(id string, s *autonomy, at time.Time) {
	if int(s.level)+1 >= NumLevels {
		return
	}
	next := s.level + 1
	r := e.cfg.Levels[next]
	switch {
	case s.hasChanged && at.Sub(s.changed) < e.cfg.PromotionCooldown,
		at.Sub(s.first) < r.MinObserved,
		s.clean < r.MinClean,
		e.composite(fleet, id, Task{}, at) < r.MinScore:
		return
	}
	s.level = next
	s.changed, s.hasChanged = at, true
}
