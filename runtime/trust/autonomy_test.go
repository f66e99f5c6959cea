package trust

import (
	"testing"
	"time"
)

var heartbeat = Interaction{Success: true, Latency: 40 * time.Millisecond}

// climb observes id every step until until and returns when each level was
// first seen, as offsets from t0.
func climb(t *testing.T, e *Engine, clk *ManualClock, id string, step, until time.Duration) map[Level]time.Duration {
	t.Helper()
	seen := map[Level]time.Duration{}
	for d := time.Duration(0); d <= until; d += step {
		must(t, e.Observe(id, heartbeat))
		l, err := e.Level(id)
		must(t, err)
		if _, ok := seen[l]; !ok {
			seen[l] = clk.Now().Sub(t0)
		}
		clk.Advance(step)
	}
	return seen
}

// With a heartbeat every minute and no failure, each level comes as soon as
// its hours, clean windows and the cooldown after the last promotion allow:
// L1 at 8 h, L2 at 8+72 h, L3 at its 168 h, L4 at its 336 h, L5 at 720 h.
func TestPromotionSchedule(t *testing.T) {
	e, clk := newEngine(t, "auv")
	seen := climb(t, e, clk, "auv", time.Minute, 730*time.Hour)
	want := map[Level]time.Duration{L0: 0, L1: 8 * time.Hour, L2: 80 * time.Hour, L3: 168 * time.Hour, L4: 336 * time.Hour, L5: 720 * time.Hour}
	t.Logf("levels first seen at %v", seen)
	for l, at := range want {
		if seen[l] != at {
			t.Errorf("%v first seen at %v, want %v", l, seen[l], at)
		}
	}
}

// Promotion never comes before the level's hours and clean windows or
// within the cooldown of the previous change, whatever the observation
// pattern.
func TestPromotionLaws(t *testing.T) {
	cfg := DefaultConfig()
	for _, step := range []time.Duration{time.Minute, 7 * time.Minute, 50 * time.Minute, 3 * time.Hour} {
		e, clk := newEngine(t, "auv")
		prev, prevAt := L0, time.Duration(-1)
		for d := time.Duration(0); d <= 900*time.Hour; d += step {
			x := heartbeat
			if d > 0 && d%(200*time.Hour) < step { // a rare mild failure
				x = Interaction{Severity: 0.3}
			}
			must(t, e.Observe("auv", x))
			l, _ := e.Level("auv")
			s := e.agents["auv"].auto
			if l > prev {
				if l != prev+1 {
					t.Fatalf("step %v: jumped %v → %v", step, prev, l)
				}
				at := s.changed.Sub(t0)
				r := cfg.Levels[l]
				if at < r.MinObserved || s.clean < r.MinClean {
					t.Errorf("step %v: %v at %v with %d clean windows; rule %+v", step, l, at, s.clean, r)
				}
				if prevAt >= 0 && at-prevAt < cfg.PromotionCooldown {
					t.Errorf("step %v: %v at %v only %v after the last change", step, l, at, at-prevAt)
				}
			}
			if s.hasChanged {
				prevAt = s.changed.Sub(t0)
			}
			prev = l
			clk.Advance(step)
		}
		t.Logf("observing every %v: %v after 900 h", step, prev)
	}
}

func TestDemotion(t *testing.T) {
	tests := []struct {
		from     Level
		severity float64
		want     Level
	}{
		{L5, 1.0, L0},
		{L5, 0, L0}, // severity not given: the worst
		{L5, 0.95, L3},
		{L5, 0.8, L3},
		{L5, 0.79, L4},
		{L5, 0.3, L4},
		{L4, 0.9, L2},
		{L1, 0.8, L0},
		{L1, 0.1, L0},
		{L0, 0.5, L0},
		{L3, 1, L0},
	}
	for _, tt := range tests {
		e, _ := newEngine(t, "auv")
		e.agents["auv"].auto.level = tt.from
		must(t, e.Observe("auv", Interaction{Severity: tt.severity}))
		if got, _ := e.Level("auv"); got != tt.want {
			t.Errorf("%v with severity %v → %v, want %v", tt.from, tt.severity, got, tt.want)
		}
	}
	// A success never demotes, whatever its quality.
	e, _ := newEngine(t, "auv")
	e.agents["auv"].auto.level = L4
	must(t, e.Observe("auv", Interaction{Success: true, Quality: 0.01}))
	if got, _ := e.Level("auv"); got != L4 {
		t.Errorf("a poor success demoted to %v", got)
	}
}

// After a demotion the agent waits out the cooldown before the next
// promotion, even though its record qualifies long before.
func TestCooldownAfterDemotion(t *testing.T) {
	e, clk := newEngine(t, "auv")
	climb(t, e, clk, "auv", time.Minute, 400*time.Hour) // at L4
	if l, _ := e.Level("auv"); l != L4 {
		t.Fatalf("setup: level %v", l)
	}
	must(t, e.Observe("auv", Interaction{Severity: 0.3}))
	failedAt := clk.Now()
	if l, _ := e.Level("auv"); l != L3 {
		t.Fatalf("after a mild failure: %v", l)
	}
	seen := climb(t, e, clk, "auv", time.Minute, 100*time.Hour)
	back := t0.Add(seen[L4])
	if gap := back.Sub(failedAt); gap < 72*time.Hour || gap > 74*time.Hour {
		t.Errorf("back to L4 %v after the failure, want just after the 72 h cooldown", gap)
	}
}

// Windows without observations are neither clean nor bad: a silent agent
// is not promoted, and a long silence costs no work.
func TestSilenceEarnsNothing(t *testing.T) {
	e, clk := newEngine(t, "auv")
	must(t, e.Observe("auv", heartbeat))
	clk.Advance(10 * 365 * 24 * time.Hour)
	if l, _ := e.Level("auv"); l != L0 {
		t.Errorf("one heartbeat and ten years of silence gave %v", l)
	}
	if c := e.agents["auv"].auto.clean; c != 1 {
		t.Errorf("clean windows = %d, want 1", c)
	}
}

// The engine reads time only from its clock: the same observations at the
// same clock times give the same results, however the reads interleave,
// and nothing moves while the clock stands still.
func TestClockInjection(t *testing.T) {
	run := func(readOften bool) (float64, Level, int) {
		e, clk := newEngine(t, "a", "b")
		calls := 0
		counting := clockFunc(func() time.Time { calls++; return clk.Now() })
		e.clock = counting
		for i := range 3000 {
			must(t, e.RecordInteraction("a", "b", Interaction{Success: i%40 != 0, Latency: time.Duration(90+i%20) * time.Millisecond}))
			must(t, e.Observe("b", heartbeat))
			if readOften {
				_, _ = e.Level("b")
				_, _ = e.Trust("a", "b")
			}
			clk.Advance(5 * time.Minute)
		}
		v, _ := e.Trust("a", "b")
		l, _ := e.Level("b")
		return v, l, calls
	}
	v1, l1, calls := run(false)
	v2, l2, _ := run(true)
	if v1 != v2 || l1 != l2 {
		t.Errorf("reads changed the outcome: %v %v vs %v %v", v1, l1, v2, l2)
	}
	if calls == 0 {
		t.Error("the engine never asked its clock")
	}
	e, clk := newEngine(t, "a", "b")
	for range 100 {
		must(t, e.RecordInteraction("a", "b", Interaction{Success: true}))
	}
	before, _ := e.Trust("a", "b")
	for range 10 {
		if v, _ := e.Trust("a", "b"); v != before {
			t.Fatalf("trust moved with a stopped clock: %v → %v", before, v)
		}
	}
	clk.Advance(7 * 24 * time.Hour)
	after, _ := e.Trust("a", "b")
	if after >= before || after <= 0.5 {
		t.Errorf("a week later trust %v, want between 0.5 and %v", after, before)
	}
	clk.Advance(-time.Hour) // ignored by ManualClock
	if v, _ := e.Trust("a", "b"); v != after {
		t.Errorf("negative advance moved trust")
	}
}

type clockFunc func() time.Time

func (f clockFunc) Now() time.Time { return f() }

func TestEvents(t *testing.T) {
	tests := []struct {
		name     string
		record   bool
		success  bool
		severity float64
		want     Level // from L5
	}{
		{"heartbeat_ok", true, true, 0, L5},
		{"actuator_nominal", true, true, 0, L5},
		{"heartbeat_missed", true, false, 0.3, L4},
		{"safety_trigger", true, false, 0.8, L3},
		{"trust_violation", true, false, 0.9, L3},
		{"system_boot", false, false, 0, L5},
	}
	for _, tt := range tests {
		x, record, err := Event(tt.name)
		if err != nil || record != tt.record || x.Success != tt.success || x.Severity != tt.severity {
			t.Errorf("Event(%q) = %+v, %v, %v", tt.name, x, record, err)
			continue
		}
		e, _ := newEngine(t, "auv")
		e.agents["auv"].auto.level = L5
		if record {
			must(t, e.Observe("auv", x))
		}
		if l, _ := e.Level("auv"); l != tt.want {
			t.Errorf("%s: L5 → %v, want %v", tt.name, l, tt.want)
		}
	}
	if _, _, err := Event("heartbeat"); err == nil {
		t.Error("unknown event accepted")
	}
}

// A clock that runs backwards is a bug in the caller, but the engine stays
// in range and does not panic: time before the last update decays nothing
// and closes no window.
func TestClockBackwards(t *testing.T) {
	e, _ := newEngine(t, "a", "b")
	now := t0.Add(1000 * time.Hour)
	e.clock = clockFunc(func() time.Time { return now })
	for i := range 5000 {
		now = now.Add(time.Duration(i%7-4) * time.Hour)
		must(t, e.Observe("b", Interaction{Success: i%9 != 0, Severity: 0.3, Latency: time.Millisecond}))
		must(t, e.RecordInteraction("a", "b", Interaction{Success: i%3 != 0}))
		for _, v := range []float64{val(e.Trust("a", "b")), val(e.Score("b"))} {
			if v < 0 || v > 1 {
				t.Fatalf("step %d: %v", i, v)
			}
		}
		if l, err := e.Level("b"); err != nil || !l.valid() {
			t.Fatalf("step %d: level %v, %v", i, l, err)
		}
	}
}
