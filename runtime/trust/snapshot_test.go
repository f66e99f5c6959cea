package trust

import (
	"errors"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"
)

// fastConfig reaches every level within a few thousand random steps, so
// the restore law is checked across promotions and demotions too.
func fastConfig() Config {
	c := DefaultConfig()
	c.GainRate, c.LossRate = 0.05, 0.2
	c.HistoryHalfLife = 6 * time.Hour
	c.LatencyWindow = 5
	c.Window = 10 * time.Minute
	c.PromotionCooldown = 30 * time.Minute
	for l := L1; int(l) < NumLevels; l++ {
		c.Levels[l].MinObserved /= 60
		c.Levels[l].MinClean /= 20
	}
	return c
}

// step is one operation of a random sequence, applied alike to every
// engine under comparison.
type step struct {
	advance  time.Duration
	observe  bool
	register string // register this agent first
	from, to string
	x        Interaction
	req      Requirement
	task     Task
}

var lawAgents = []string{"a", "b", "c", "d"}

func randomSteps(rng *rand.Rand, n int) []step {
	tasks := []string{"", "", "survey", "tow"}
	ids := append([]string{}, lawAgents...)
	steps := make([]step, n)
	for i := range steps {
		s := &steps[i]
		switch r := rng.Intn(100); {
		case r < 2:
			s.advance = time.Duration(rng.Int63n(int64(72 * time.Hour)))
		case r < 70:
			s.advance = time.Duration(rng.Int63n(int64(5 * time.Minute)))
		}
		if i == n/3 { // an agent that joins late, maybe after a restore
			s.register = "late"
			ids = append(ids, "late")
		}
		s.from, s.to = ids[rng.Intn(len(ids))], ids[rng.Intn(len(ids))]
		s.observe = rng.Intn(3) > 0
		good := s.to == "a" // a reliable, fast agent, so high levels are reached
		s.x = Interaction{
			Success:  rng.Intn(20) > 0 || good && rng.Intn(10) > 0,
			Quality:  []float64{0, 0.5, 0.9, 1}[rng.Intn(4)],
			Severity: []float64{0, 0.3, 0.8, 1}[rng.Intn(4)],
			TaskType: tasks[rng.Intn(len(tasks))],
		}
		switch {
		case good:
			s.x.Latency = time.Duration(40+rng.Intn(20)) * time.Millisecond
		case rng.Intn(3) > 0:
			s.x.Latency = time.Duration(1 + rng.Int63n(int64(1200*time.Millisecond)))
		}
		if rng.Intn(50) == 0 {
			s.x.Quality = 2 // refused alike by both
		}
		s.req = Requirement{MinTrust: float64(rng.Intn(11)) / 10, MinLevel: Level(rng.Intn(NumLevels))}
		s.task = Task{Type: tasks[rng.Intn(len(tasks))]}
		s.task.Needs[rng.Intn(NumCapabilities)] = float64(rng.Intn(10)) / 10
	}
	return steps
}

// outcome is everything an engine says after a step: numbers compared
// bit for bit, decisions and reasons as text.
type outcome struct {
	nums []float64
	text []string
}

func (o *outcome) equal(p *outcome) bool {
	return slices.Equal(o.nums, p.nums) && slices.Equal(o.text, p.text)
}

func (o *outcome) String() string { return fmt.Sprintf("%v\n%s", o.nums, strings.Join(o.text, "\n")) }

// apply runs a step and returns what the engine then says about every
// agent and pair, with every agent's snapshot if snap.
func (s *step) apply(e *Engine, clk *ManualClock, snap bool) *outcome {
	o := &outcome{}
	note := func(a ...any) { o.text = append(o.text, fmt.Sprint(a...)) }
	clk.Advance(s.advance)
	if s.register != "" {
		note("register ", e.Register(s.register, Profile{Communication: 0.7, Speed: 0.4}))
	}
	if s.observe {
		note("observe ", e.Observe(s.to, s.x))
	} else {
		note("record ", e.RecordInteraction(s.from, s.to, s.x))
	}
	ids := e.Agents()
	for _, id := range ids {
		ok, why := e.AllowDeploy(id, s.req)
		st, _ := e.Standing(id)
		best, v, _ := e.MostTrusted(id, ids, s.task)
		note(id, " ", val2(e.Level(id)), " ", ok, " ", why, " best ", best)
		o.nums = append(o.nums, val(e.Score(id)), st.History, st.Latency, st.Consistency, v,
			float64(st.Observations), float64(st.CleanWindows), float64(st.FirstObserved.UnixNano()), float64(st.LevelChanged.UnixNano()))
		for _, other := range ids {
			if other != id {
				o.nums = append(o.nums, val(e.Trust(id, other)), val(e.TrustFor(id, other, s.task)))
			}
		}
		if snap {
			data, err := e.Export(id)
			note(string(data), err)
		}
	}
	return o
}

// restored builds a new engine from Export snapshots of every agent of e.
func restored(t *testing.T, e *Engine, cfg Config, now time.Time) (*Engine, *ManualClock) {
	t.Helper()
	clk := NewManualClock(now)
	r, err := New(clk, cfg)
	must(t, err)
	for _, id := range e.Agents() {
		b, err := e.Export(id)
		must(t, err)
		got, err := r.Import(b)
		must(t, err)
		if got != id {
			t.Fatalf("Import returned %q, want %q", got, id)
		}
	}
	return r, clk
}

// An engine restored from snapshots taken midway behaves exactly like the
// original for the rest of any sequence: the same scores to the last bit,
// the same levels, the same deploy decisions, the same snapshots (compared
// every 25 steps, which is what keeps the test quick). The follower is
// restored twice, the second time from a restored engine.
func TestRestoreLaw(t *testing.T) {
	seeds, n := 20, 1200
	if testing.Short() {
		seeds = 8
	}
	for _, cfg := range []struct {
		name string
		c    Config
	}{{"default", DefaultConfig()}, {"fast", fastConfig()}} {
		t.Run(cfg.name, func(t *testing.T) {
			t.Parallel()
			restoreLaw(t, cfg.c, seeds, n, cfg.name == "fast")
		})
	}
}

func restoreLaw(t *testing.T, cfg Config, seeds, n int, climbs bool) {
	maxLevel := L0
	for seed := range seeds {
		rng := rand.New(rand.NewSource(int64(seed)))
		steps := randomSteps(rng, n)
		cuts := map[int]bool{rng.Intn(n / 2): true, n/2 + rng.Intn(n/2): true}
		leadClk := NewManualClock(t0)
		lead, err := New(leadClk, cfg)
		must(t, err)
		for _, id := range lawAgents {
			must(t, lead.Register(id, Profile{Navigation: 0.8, Sensing: float64(len(id)) / 4}))
		}
		var follow *Engine
		var followClk *ManualClock
		for i := range steps {
			if cuts[i] {
				src := follow
				if src == nil {
					src = lead
				}
				follow, followClk = restored(t, src, cfg, leadClk.Now())
			}
			snap := i%25 == 0 || i == len(steps)-1
			want := steps[i].apply(lead, leadClk, snap)
			if follow == nil {
				continue
			}
			if got := steps[i].apply(follow, followClk, snap); !got.equal(want) {
				t.Fatalf("seed %d step %d: restored engine differs\nrestored:\n%s\noriginal:\n%s", seed, i, got, want)
			}
		}
		for _, id := range lead.Agents() {
			maxLevel = max(maxLevel, val2(lead.Level(id)))
		}
	}
	t.Logf("%d seeds × %d steps, highest level reached %v", seeds, n, maxLevel)
	if climbs && maxLevel < L3 {
		t.Errorf("reached only %v: the law is not exercised across promotions", maxLevel)
	}
}

func val2[T any](v T, _ error) T { return v }

// Importing over a registered agent replaces its state entirely: raters
// it had and the snapshot has not are gone.
func TestImportReplaces(t *testing.T) {
	src, clk := newEngine(t, "a", "b", "c")
	must(t, src.Observe("b", Interaction{Success: true}))
	must(t, src.RecordInteraction("a", "b", Interaction{Success: true, Latency: 50 * time.Millisecond}))
	snap, err := src.Export("b")
	must(t, err)

	dst, dstClk := newEngine(t, "a", "b", "c")
	clk.Advance(time.Hour)
	dstClk.Advance(time.Hour)
	for range 5 {
		must(t, dst.RecordInteraction("c", "b", Interaction{Severity: 1}))
		must(t, dst.Observe("b", Interaction{Severity: 1}))
	}
	if _, err := dst.Import(snap); err != nil {
		t.Fatal(err)
	}
	if v := val(dst.Trust("c", "b")); v != 0.5 {
		t.Errorf("c's old view of b survived the import: trust %v, want 0.5", v)
	}
	if got, want := val(dst.Trust("a", "b")), val(src.Trust("a", "b")); got != want {
		t.Errorf("a's view of b: %v, want %v", got, want)
	}
	if got, _ := dst.Export("b"); string(got) != string(snap) {
		t.Errorf("re-export differs:\n%s\n%s", got, snap)
	}
	if _, err := dst.Export("ghost"); !errors.Is(err, ErrUnknownAgent) {
		t.Errorf("Export(ghost): %v, want ErrUnknownAgent", err)
	}
}

// A ring restored into an engine keeping another number of latencies
// keeps the most recent samples in order of arrival.
func TestImportResizesLatencies(t *testing.T) {
	src, _ := newEngine(t, "a")
	for i := range 20 { // wraps the 16-sample ring
		must(t, src.Observe("a", Interaction{Success: true, Latency: time.Duration(i+1) * time.Millisecond}))
	}
	snap, err := src.Export("a")
	must(t, err)
	cfg := DefaultConfig()
	cfg.LatencyWindow = 4
	dst, err := New(NewManualClock(t0), cfg)
	must(t, err)
	_, err = dst.Import(snap)
	must(t, err)
	r := dst.agents["a"].raters[fleet]
	if got := fmt.Sprint(r.lat.buf[:r.lat.n], r.lat.next); got != "[17ms 18ms 19ms 20ms] 0" {
		t.Errorf("ring = %s, want the last four in order", got)
	}
}

func TestImportRefuses(t *testing.T) {
	const ok = `{"version":1,"agent":"a","autonomy":{"level":0}}`
	if _, err := (&Engine{}).decode(ok); err != nil {
		t.Fatalf("baseline snapshot refused: %v", err)
	}
	tests := []struct{ data, want string }{
		{``, "not a snapshot"},
		{`null`, "no version field"},
		{`[1,2]`, "not a snapshot"},
		{`{"agent":"a"}`, "no version field"},
		{`{"version":2,"agent":"a","future":true}`, `agent "a": version 2, this engine reads version 1`},
		{`{"version":"1"}`, "not a snapshot"},
		{`{"version":1,"agent":"a","autonomy":{"level":0},"colour":"red"}`, `unknown field "colour"`},
		{ok + ` {}`, "after top-level value"},
		{`{"version":1,"agent":"","autonomy":{"level":0}}`, "empty agent id"},
		{`{"version":1,"agent":"a","profile":{"telepathy":1},"autonomy":{"level":0}}`, `unknown capability "telepathy"`},
		{`{"version":1,"agent":"a","profile":{"sensing":1.5},"autonomy":{"level":0}}`, "sensing 1.5 not in [0,1]"},
		{`{"version":1,"agent":"a","autonomy":{"level":6,"started":true}}`, "level 6, want 0..5"},
		{`{"version":1,"agent":"a","autonomy":{"level":3}}`, "never observed"},
		{`{"version":1,"agent":"a","autonomy":{"level":0,"started":true,"clean_windows":-1}}`, "negative count"},
		{`{"version":1,"agent":"a","autonomy":{"level":0,"started":true,"first_observed":"2026-01-02T00:00:00Z","window_start":"2026-01-01T00:00:00Z"}}`, "before the first observation"},
		{`{"version":1,"agent":"a","autonomy":{"level":0,"first_observed":"yesterday"}}`, `parsing time "yesterday"`},
		{`{"version":1,"agent":"a","autonomy":{"level":0},"views":[{"rater":"a","history":{"offset":0,"observations":0}}]}`, "cannot rate itself"},
		{`{"version":1,"agent":"a","autonomy":{"level":0},"views":[{"rater":"","history":{"offset":0,"observations":0}},{"rater":"","history":{"offset":0,"observations":0}}]}`, "fleet view appears twice"},
		{`{"version":1,"agent":"a","autonomy":{"level":0},"views":[{"rater":"b","history":{"offset":0.7,"observations":3}}]}`, `view of rater "b": history: offset 0.7`},
		{`{"version":1,"agent":"a","autonomy":{"level":0},"views":[{"rater":"b","history":{"offset":0.1,"observations":0}}]}`, "a value without observations"},
		{`{"version":1,"agent":"a","autonomy":{"level":0},"views":[{"rater":"b","history":{"offset":0,"observations":-2}}]}`, "-2 observations"},
		{`{"version":1,"agent":"a","autonomy":{"level":0},"views":[{"rater":"b","history":{"offset":0,"observations":1},"by_task":{"":{"offset":0,"observations":1}}}]}`, "empty task type"},
		{`{"version":1,"agent":"a","autonomy":{"level":0},"views":[{"rater":"b","history":{"offset":0,"observations":1},"by_task":{"tow":{"offset":-1,"observations":1}}}]}`, `history of task "tow": offset -1`},
		{`{"version":1,"agent":"a","autonomy":{"level":0},"views":[{"rater":"b","history":{"offset":0,"observations":1},"latencies_ns":[5,0]}]}`, "latency 0s, want a positive duration"},
		{`{"version":1,"agent":"a","autonomy":{"level":0},"views":[{"rater":"b","history":{"offset":0,"observations":1},"latencies_ns":[5],"latency_next":2}]}`, "latency_next 2, want 0..1"},
		{`{"version":1,"agent":"a","autonomy":{"level":0},"views":[{"rater":"b","history":{"offset":0,"observations":1},"latencies_ns":[1.5]}]}`, "cannot unmarshal number 1.5"},
	}
	for _, tt := range tests {
		e, _ := newEngine(t, "a")
		before, _ := e.Export("a")
		_, err := e.Import([]byte(tt.data))
		if !errors.Is(err, ErrSnapshot) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Import(%s):\n got %v\nwant ErrSnapshot saying %q", tt.data, err, tt.want)
		}
		if after, _ := e.Export("a"); string(after) != string(before) {
			t.Errorf("Import(%s) refused but changed the engine", tt.data)
		}
	}
}

// decode is decodeSnapshot, reachable from a test table.
func (*Engine) decode(s string) (*agentSnapshot, error) { return decodeSnapshot([]byte(s)) }

// Standing takes Score apart into the dimensions it weighs.
func TestStanding(t *testing.T) {
	e, clk := newEngine(t, "a")
	st, err := e.Standing("a")
	if err != nil || st.Score != 0.5 || st.Observations != 0 || !st.FirstObserved.IsZero() || st.Next == nil || st.Next.MinClean != 4 {
		t.Errorf("fresh standing = %+v, %v", st, err)
	}
	for range 3 {
		clk.Advance(time.Minute)
		must(t, e.Observe("a", Interaction{Success: true, Latency: 50 * time.Millisecond}))
	}
	must(t, e.Observe("a", Interaction{Severity: 0.5}))
	st, _ = e.Standing("a")
	w := e.Config().Weights
	want := (w.History*st.History + w.Latency*st.Latency + w.Consistency*st.Consistency) / (w.History + w.Latency + w.Consistency)
	if !near(st.Score, want) || st.Score != val(e.Score("a")) || st.Observations != 4 || st.Latencies != 3 || st.Latency != 1 {
		t.Errorf("standing = %+v, want score %v from its dimensions", st, want)
	}
	if !st.FirstObserved.Equal(t0.Add(time.Minute)) || !st.LevelChanged.IsZero() {
		t.Errorf("standing = %+v: first observation at t0+1m, no level change (L0 cannot drop)", st)
	}
	if _, err := e.Standing("ghost"); !errors.Is(err, ErrUnknownAgent) {
		t.Errorf("Standing(ghost): %v", err)
	}
}
