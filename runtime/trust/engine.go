package trust

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"
)

// Errors returned by the engine, for errors.Is.
var (
	ErrUnknownAgent = errors.New("unknown agent")
	ErrDuplicate    = errors.New("agent already registered")
	ErrInvalid      = errors.New("invalid argument")
	ErrNoCandidates = errors.New("no candidates")
)

// Interaction is one observation of an agent.
type Interaction struct {
	// Success says whether the agent did what was asked.
	Success bool
	// Quality scales a success's gain and Severity a failure's loss and
	// decides its demotion; both are in [0,1], and 0 means 1. A failure
	// whose severity is not known is therefore treated as the worst kind:
	// the gate must fail safe.
	Quality, Severity float64
	// Latency is the measured round trip; 0 means not measured.
	Latency time.Duration
	// TaskType, if set, also keeps a history for this type of task.
	TaskType string
}

// weight validates x and returns the quality or severity that applies.
// Both fields are checked, even the one that does not apply, so garbage is
// reported where it enters rather than ignored.
func (x Interaction) weight() (float64, error) {
	if !finite01(x.Quality) {
		return 0, fmt.Errorf("%w: quality %v not in [0,1]", ErrInvalid, x.Quality)
	}
	if !finite01(x.Severity) {
		return 0, fmt.Errorf("%w: severity %v not in [0,1]", ErrInvalid, x.Severity)
	}
	w := x.Severity
	if x.Success {
		w = x.Quality
	}
	if x.Latency < 0 {
		return 0, fmt.Errorf("%w: negative latency %v", ErrInvalid, x.Latency)
	}
	if w == 0 {
		w = 1
	}
	return w, nil
}

// fleet is the rater of the runtime's own observations. Agent IDs may not be
// empty, so it cannot collide with one.
const fleet = ""

type pair struct{ from, to string }

// relation is what one rater knows of one subject.
type relation struct {
	hist   history
	byTask map[string]*history
	lat    latencies
}

type agent struct {
	profile Profile
	auto    autonomy
	// raters indexes the relations of which this agent is the subject,
	// by rater, so Export need not scan every relation of the engine.
	raters map[string]*relation
}

// Engine is the trust engine. Its methods are safe for concurrent use.
type Engine struct {
	mu     sync.Mutex
	clock  Clock
	cfg    Config
	agents map[string]*agent
	rels   map[pair]*relation
}

// New returns an engine reading time from clock.
func New(clock Clock, cfg Config) (*Engine, error) {
	if clock == nil {
		return nil, fmt.Errorf("%w: nil clock", ErrInvalid)
	}
	cfg, err := cfg.normalised()
	if err != nil {
		return nil, err
	}
	cfg.Demotions = slices.Clone(cfg.Demotions)
	return &Engine{clock: clock, cfg: cfg, agents: map[string]*agent{}, rels: map[pair]*relation{}}, nil
}

// Config returns the engine's configuration, weights normalised.
func (e *Engine) Config() Config {
	c := e.cfg
	c.Demotions = slices.Clone(c.Demotions)
	return c
}

// Register adds an agent with its capability profile. IDs are non-empty
// and unique.
func (e *Engine) Register(id string, p Profile) error {
	if id == "" {
		return fmt.Errorf("%w: empty agent id", ErrInvalid)
	}
	if err := p.validate(); err != nil {
		return fmt.Errorf("agent %q: %w", id, err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.agents[id]; ok {
		return fmt.Errorf("%w: %q", ErrDuplicate, id)
	}
	e.agents[id] = &agent{profile: p}
	return nil
}

// Agents returns the registered IDs, sorted.
func (e *Engine) Agents() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	ids := make([]string, 0, len(e.agents))
	for id := range e.agents {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// RecordInteraction records from's first-hand observation of to. Only from's
// view changes: what one agent reports about another never moves a third
// agent's trust (see README.md, threat model).
func (e *Engine) RecordInteraction(from, to string, x Interaction) error {
	if from == to {
		return fmt.Errorf("%w: agent %q rating itself", ErrInvalid, from)
	}
	w, err := x.weight()
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.known(from, to); err != nil {
		return err
	}
	e.record(from, to, x, w, e.clock.Now())
	return nil
}

// Observe records the runtime's own observation of an agent: the fleet view
// behind Score, Level and AllowDeploy. It also advances the agent's
// autonomy: a clean window that has closed may promote it, and a failure
// demotes it at once.
func (e *Engine) Observe(id string, x Interaction) error {
	w, err := x.weight()
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	a, ok := e.agents[id]
	if !ok {
		return fmt.Errorf("%w: %q", ErrUnknownAgent, id)
	}
	now := e.clock.Now()
	// Close windows before the observation counts, so a promotion is
	// judged on the evidence at the window's end.
	e.advance(id, a, now)
	e.record(fleet, id, x, w, now)
	a.auto.observe(now, x.Success, w, &e.cfg)
	return nil
}

func (e *Engine) known(ids ...string) error {
	for _, id := range ids {
		if _, ok := e.agents[id]; !ok {
			return fmt.Errorf("%w: %q", ErrUnknownAgent, id)
		}
	}
	return nil
}

func (e *Engine) record(from, to string, x Interaction, w float64, now time.Time) {
	k := pair{from, to}
	r := e.rels[k]
	if r == nil {
		r = &relation{lat: latencies{buf: make([]time.Duration, e.cfg.LatencyWindow)}}
		e.rels[k] = r
		a := e.agents[to]
		if a.raters == nil {
			a.raters = map[string]*relation{}
		}
		a.raters[from] = r
	}
	r.hist.record(now, x.Success, w, &e.cfg)
	if x.TaskType != "" {
		h := r.byTask[x.TaskType]
		if h == nil {
			if r.byTask == nil {
				r.byTask = map[string]*history{}
			}
			h = &history{}
			r.byTask[x.TaskType] = h
		}
		h.record(now, x.Success, w, &e.cfg)
	}
	if x.Latency > 0 {
		r.lat.add(x.Latency, &e.cfg)
	}
}

// Trust returns from's trust in to, without a task: capability is left out
// and the other weights renormalised.
func (e *Engine) Trust(from, to string) (float64, error) {
	return e.TrustFor(from, to, Task{})
}

// TrustFor returns from's trust in to for task t.
func (e *Engine) TrustFor(from, to string, t Task) (float64, error) {
	if from == to {
		return 0, fmt.Errorf("%w: agent %q rating itself", ErrInvalid, from)
	}
	if err := t.Needs.validate(); err != nil {
		return 0, fmt.Errorf("task %q: %w", t.Type, err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.known(from, to); err != nil {
		return 0, err
	}
	return e.composite(from, to, t, e.clock.Now()), nil
}

// composite is T(from,to,t) at time now; both agents are known.
func (e *Engine) composite(from, to string, t Task, now time.Time) float64 {
	w := &e.cfg.Weights
	hist, lat, cons := neutral, neutral, neutral
	if r := e.rels[pair{from, to}]; r != nil {
		h := &r.hist
		if th := r.byTask[t.Type]; t.Type != "" && th != nil {
			h = th
		}
		hist = h.value(now, e.cfg.HistoryHalfLife)
		lat, cons = r.lat.scores()
	}
	sum := w.History*hist + w.Latency*lat + w.Consistency*cons
	total := w.History + w.Latency + w.Consistency
	if c, ok := match(e.agents[to].profile, t.Needs); ok {
		sum += w.Capability * c
		total += w.Capability
	}
	return clamp01(sum / total)
}

// MostTrusted returns the candidate from trusts most for task t and that
// trust. Ties go to the earlier candidate, so the choice is deterministic;
// from itself is skipped if listed. It ranks, it does not filter: a caller
// that must not pick an agent lacking a needed capability filters first.
func (e *Engine) MostTrusted(from string, candidates []string, t Task) (string, float64, error) {
	if err := t.Needs.validate(); err != nil {
		return "", 0, fmt.Errorf("task %q: %w", t.Type, err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.known(from); err != nil {
		return "", 0, err
	}
	now := e.clock.Now()
	best, bestT := "", math.Inf(-1)
	for _, c := range candidates {
		if c == from {
			continue
		}
		if err := e.known(c); err != nil {
			return "", 0, err
		}
		if v := e.composite(from, c, t, now); v > bestT {
			best, bestT = c, v
		}
	}
	if best == "" {
		return "", 0, ErrNoCandidates
	}
	return best, bestT, nil
}

// Score returns the fleet's trust in an agent: the composite over the
// runtime's own observations (Observe), without a task.
func (e *Engine) Score(id string) (float64, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.known(id); err != nil {
		return 0, err
	}
	return e.composite(fleet, id, Task{}, e.clock.Now()), nil
}

// Level returns an agent's autonomy level now.
func (e *Engine) Level(id string) (Level, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a, ok := e.agents[id]
	if !ok {
		return L0, fmt.Errorf("%w: %q", ErrUnknownAgent, id)
	}
	e.advance(id, a, e.clock.Now())
	return a.auto.level, nil
}

// Requirement is what a reflex asks of the agent it is deployed to: its
// header's `trust 0.6` and `autonomy L3`.
type Requirement struct {
	MinTrust float64
	MinLevel Level
}

// AllowDeploy is the trust gate: it reports whether a reflex with
// requirement req may be deployed to the agent, and why. It fails closed:
// an unknown agent or a malformed requirement is refused.
func (e *Engine) AllowDeploy(id string, req Requirement) (bool, string) {
	if !finite01(req.MinTrust) {
		return false, fmt.Sprintf("required trust %v not in [0,1]", req.MinTrust)
	}
	if !req.MinLevel.valid() {
		return false, fmt.Sprintf("required autonomy %v is not L0..L5", req.MinLevel)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	a, ok := e.agents[id]
	if !ok {
		return false, fmt.Sprintf("agent %q is not registered", id)
	}
	now := e.clock.Now()
	e.advance(id, a, now)
	score := e.composite(fleet, id, Task{}, now)
	switch {
	case score < req.MinTrust:
		return false, fmt.Sprintf("agent %q: trust %.3f below required %.2f", id, score, req.MinTrust)
	case a.auto.level < req.MinLevel:
		return false, fmt.Sprintf("agent %q: autonomy %v below required %v", id, a.auto.level, req.MinLevel)
	}
	return true, fmt.Sprintf("agent %q: trust %.3f ≥ %.2f and autonomy %v ≥ %v",
		id, score, req.MinTrust, a.auto.level, req.MinLevel)
}
