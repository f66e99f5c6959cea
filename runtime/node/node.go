package node

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"
)

// Config holds the node's timing and limits. Start from DefaultConfig.
type Config struct {
	// DegradeAfter is the heartbeat silence after which ACTIVE becomes
	// DEGRADED (seed: 5,000 ms).
	DegradeAfter time.Duration
	// SafeStateAfter is the silence after which the node enters RECOVERY,
	// the seed firmware's SAFE_STATE (seed: 10,000 ms).
	SafeStateAfter time.Duration
	// HealthyHold is how long heartbeats must be fresh and (for DEGRADED →
	// ACTIVE) every metric OK, observed on every tick, before the node
	// steps back up. It is the time half of the hysteresis; 0 steps up on
	// the first good tick.
	HealthyHold time.Duration
	// RecoveryTimeout bounds one recovery attempt.
	RecoveryTimeout time.Duration
	// MaxRecoveryAttempts is how many times the node may enter RECOVERY
	// before a further request shuts it down (≥ 1).
	MaxRecoveryAttempts int
	// StableAfter is how long the node must stay ACTIVE before the
	// recovery count is reset; 0 never resets it.
	StableAfter time.Duration
	// WarningsToDegrade degrades an ACTIVE node when this many metrics are
	// at warning at once; 0 lets warnings alone never degrade it.
	WarningsToDegrade int
}

// DefaultConfig returns the seed's figures and conservative choices for the
// rest.
func DefaultConfig() Config {
	return Config{
		DegradeAfter:        5000 * time.Millisecond,
		SafeStateAfter:      10000 * time.Millisecond,
		HealthyHold:         2 * time.Second,
		RecoveryTimeout:     10 * time.Second,
		MaxRecoveryAttempts: 3,
		StableAfter:         60 * time.Second,
		WarningsToDegrade:   0,
	}
}

// ErrBadConfig is matched by errors from New for an unusable Config.
var ErrBadConfig = errors.New("bad config")

func (c Config) validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrBadConfig}, args...)...)
	}
	switch {
	case c.DegradeAfter <= 0:
		return bad("DegradeAfter is %v, want > 0", c.DegradeAfter)
	case c.SafeStateAfter <= c.DegradeAfter:
		return bad("SafeStateAfter is %v, want > DegradeAfter (%v)", c.SafeStateAfter, c.DegradeAfter)
	case c.HealthyHold < 0:
		return bad("HealthyHold is %v, want ≥ 0", c.HealthyHold)
	case c.RecoveryTimeout <= 0:
		return bad("RecoveryTimeout is %v, want > 0", c.RecoveryTimeout)
	case c.MaxRecoveryAttempts < 1:
		return bad("MaxRecoveryAttempts is %d, want ≥ 1", c.MaxRecoveryAttempts)
	case c.StableAfter < 0:
		return bad("StableAfter is %v, want ≥ 0", c.StableAfter)
	case c.WarningsToDegrade < 0:
		return bad("WarningsToDegrade is %d, want ≥ 0", c.WarningsToDegrade)
	}
	return nil
}

// Transition is one audit entry: a move that happened (or, passed to a
// before-hook, one that is proposed).
type Transition struct {
	From, To State
	Reason   string
	At       time.Time
}

func (t Transition) String() string {
	return fmt.Sprintf("%v → %v (%s)", t.From, t.To, t.Reason)
}

// BeforeHook sees a proposed transition; an error vetoes it (except into
// SHUTDOWN, which cannot be vetoed).
type BeforeHook func(t Transition) error

// AfterHook sees a transition that happened.
type AfterHook func(t Transition)

// Node is one node's lifecycle. It is safe for concurrent use; see the
// package comment for the locking rules that apply to hooks.
type Node struct {
	clock Clock
	cfg   Config

	// step serialises everything that may change the state (Enter, Tick)
	// and is held while hooks run, so a transition's source cannot change
	// between its check and its commit.
	step sync.Mutex

	// mu guards the fields below. It is never held while a hook runs, so
	// hooks may read the node.
	mu      sync.Mutex
	state   State
	history []Transition
	entered time.Time // when the current state was entered

	before    []BeforeHook
	after     []AfterHook
	swapHooks []SwapHook

	connectedAt  time.Time // last entry into CONNECTING: silence counts from here until a heartbeat
	lastBeat     time.Time
	beatsInState int // heartbeats since the current state was entered
	goodSince    time.Time
	good         bool // the step-up condition has held on every tick since goodSince
	attempts     int  // entries into RECOVERY since the count was last reset
	metrics      map[string]*MetricStatus
	metricOrder  []string // definition order, for stable reports
	current      Program
	previous     Program
	pending      *pendingSwap
	swaps        []Swap
}

// New returns a node in INIT.
func New(clock Clock, cfg Config) (*Node, error) {
	if clock == nil {
		return nil, fmt.Errorf("%w: clock is nil", ErrBadConfig)
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return &Node{
		clock:   clock,
		cfg:     cfg,
		entered: clock.Now(),
		metrics: make(map[string]*MetricStatus),
	}, nil
}

// Config returns the node's configuration.
func (n *Node) Config() Config { return n.cfg }

// State returns the current state.
func (n *Node) State() State {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.state
}

// History returns a copy of every transition made, oldest first.
func (n *Node) History() []Transition {
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(n.history)
}

// RecoveryAttempts returns how many times the node has entered RECOVERY
// since the count was last reset.
func (n *Node) RecoveryAttempts() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.attempts
}

// Before registers a before-hook.
func (n *Node) Before(h BeforeHook) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.before = append(n.before, h)
}

// After registers an after-hook.
func (n *Node) After(h AfterHook) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.after = append(n.after, h)
}

// Heartbeat records a heartbeat at the clock's current time. Heartbeats
// after SHUTDOWN are ignored.
func (n *Node) Heartbeat() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.state == Shutdown {
		return
	}
	n.lastBeat = n.clock.Now()
	n.beatsInState++
}

// Enter moves the node to `to`, giving reason for the audit history. It
// returns a *TransitionError if the table forbids the move and a *VetoError
// if a before-hook refused it. Entering RECOVERY after the last allowed
// attempt shuts the node down instead and returns ErrRecoveryExhausted.
func (n *Node) Enter(to State, reason string) error {
	n.step.Lock()
	defer n.step.Unlock()
	return n.transition(to, reason)
}

// transition runs with n.step held.
func (n *Node) transition(to State, reason string) error {
	n.mu.Lock()
	from := n.state
	if !Allowed(from, to) {
		n.mu.Unlock()
		return &TransitionError{From: from, To: to, Allowed: Targets(from)}
	}
	var exhausted error
	if to == Recovery && n.attempts >= n.cfg.MaxRecoveryAttempts {
		// The cap is enforced here, the one place every move passes
		// through, so neither a tick nor the owner can exceed it.
		exhausted = fmt.Errorf("%w after %d", ErrRecoveryExhausted, n.attempts)
		to = Shutdown
		reason = fmt.Sprintf("recovery attempts exhausted (%d of %d): %s", n.attempts, n.cfg.MaxRecoveryAttempts, reason)
	}
	t := Transition{From: from, To: to, Reason: reason, At: n.clock.Now()}
	before := slices.Clone(n.before)
	n.mu.Unlock()

	for _, h := range before {
		if err := h(t); err != nil && to != Shutdown {
			return &VetoError{Transition: t, Err: err}
		}
	}

	n.mu.Lock()
	n.commit(t)
	after := slices.Clone(n.after)
	n.mu.Unlock()

	for _, h := range after {
		h(t)
	}
	return exhausted
}

// commit applies t with n.mu held.
func (n *Node) commit(t Transition) {
	n.state = t.To
	n.history = append(n.history, t)
	n.entered = t.At
	n.beatsInState = 0
	n.good = false
	switch t.To {
	case Connecting:
		n.connectedAt = t.At
	case Recovery:
		n.attempts++
	case Shutdown:
		n.pending = nil
	}
}

// DefineMetric adds a health metric. Redefining a name replaces its
// thresholds and keeps its latest sample, re-classified.
func (n *Node) DefineMetric(m Metric) error {
	if err := m.validate(); err != nil {
		return err
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	s, ok := n.metrics[m.Name]
	if !ok {
		n.metrics[m.Name] = &MetricStatus{Metric: m}
		n.metricOrder = append(n.metricOrder, m.Name)
		return nil
	}
	s.Metric = m
	if s.Reported {
		s.Level = m.levelAt(s.Value, 0)
	}
	return nil
}

// Report records a sample of a defined metric and re-classifies it. The node
// acts on it at the next tick.
func (n *Node) Report(name string, value float64) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	s, ok := n.metrics[name]
	if !ok {
		return fmt.Errorf("%w: metric %q is not defined", ErrBadMetric, name)
	}
	s.Level = s.next(s.Level, value)
	s.Value, s.Reported = value, true
	return nil
}

// Metrics returns every metric's status in definition order.
func (n *Node) Metrics() []MetricStatus {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := make([]MetricStatus, len(n.metricOrder))
	for i, name := range n.metricOrder {
		out[i] = *n.metrics[name]
	}
	return out
}
