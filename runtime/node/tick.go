package node

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// rule decides, with n.mu held, the transition a tick makes from one state,
// if any. A table indexed by state keeps each state's policy in one short
// function; INIT and SHUTDOWN have none because only the owner moves a node
// out of INIT and nothing leaves SHUTDOWN.
type rule func(n *Node, now time.Time) (to State, reason string, ok bool)

var rules = [numStates]rule{
	Connecting: (*Node).ruleConnecting,
	Active:     (*Node).ruleActive,
	Degraded:   (*Node).ruleDegraded,
	Recovery:   (*Node).ruleRecovery,
}

// Tick is called by the owner once per tick, between runs of the program.
// It applies a pending swap if the node is at a safe point, then evaluates
// heartbeat silence and health and makes at most one transition. It returns
// an error only if a swap hook rejected a program or a before-hook vetoed
// the tick's transition; the tick will try the transition again next time
// if its condition still holds.
func (n *Node) Tick() error {
	n.step.Lock()
	defer n.step.Unlock()
	swapErr := n.applySwap()

	n.mu.Lock()
	var (
		to     State
		reason string
		ok     bool
	)
	if r := rules[n.state]; r != nil {
		to, reason, ok = r(n, n.clock.Now())
	}
	n.mu.Unlock()

	var err error
	if ok {
		err = n.transition(to, reason)
		// Running out of recovery attempts is the tick doing its job,
		// visible in State and History, not a failure of the call.
		if errors.Is(err, ErrRecoveryExhausted) {
			err = nil
		}
	}
	return errors.Join(swapErr, err)
}

// silence is how long since the last heartbeat, counting from the latest
// entry into CONNECTING if none has arrived since, so a node that never
// heard a heartbeat still times out.
func (n *Node) silence(now time.Time) time.Duration {
	base := n.connectedAt
	if n.lastBeat.After(base) {
		base = n.lastBeat
	}
	return now.Sub(base)
}

// degradeCause says why health alone should degrade the node: any critical
// metric, or WarningsToDegrade metrics at warning. It allocates only when it
// has a cause to report, so a healthy tick does not allocate.
func (n *Node) degradeCause() (string, bool) {
	warnings := 0
	for _, name := range n.metricOrder {
		switch s := n.metrics[name]; s.Level {
		case Critical:
			return s.cause(), true
		case Warning:
			warnings++
		}
	}
	if w := n.cfg.WarningsToDegrade; w == 0 || warnings < w {
		return "", false
	}
	var names []string
	for _, name := range n.metricOrder {
		if n.metrics[name].Level == Warning {
			names = append(names, name)
		}
	}
	return fmt.Sprintf("%d metrics at warning: %s", warnings, strings.Join(names, ", ")), true
}

func (n *Node) allOK() bool {
	for _, s := range n.metrics {
		if s.Level != OK {
			return false
		}
	}
	return true
}

// hold is the time half of the hysteresis: it reports whether cond has held
// on every tick for HealthyHold. One bad tick starts the wait again.
func (n *Node) hold(now time.Time, cond bool) bool {
	if !cond {
		n.good = false
		return false
	}
	if !n.good {
		n.good, n.goodSince = true, now
	}
	return now.Sub(n.goodSince) >= n.cfg.HealthyHold
}

func (n *Node) ruleConnecting(now time.Time) (State, string, bool) {
	if n.beatsInState == 0 {
		return 0, "", false
	}
	if cause, bad := n.degradeCause(); bad {
		return Degraded, "first heartbeat; " + cause, true
	}
	return Active, "first heartbeat", true
}

func (n *Node) ruleActive(now time.Time) (State, string, bool) {
	s := n.silence(now)
	switch {
	case s >= n.cfg.SafeStateAfter:
		return Recovery, fmt.Sprintf("no heartbeat for %v (safe state)", s), true
	case s >= n.cfg.DegradeAfter:
		return Degraded, fmt.Sprintf("no heartbeat for %v", s), true
	}
	if cause, bad := n.degradeCause(); bad {
		return Degraded, cause, true
	}
	// Only a node that has stayed up for StableAfter earns its recovery
	// attempts back; resetting on every return to ACTIVE would let a
	// flapping node recover forever.
	if n.cfg.StableAfter > 0 && now.Sub(n.entered) >= n.cfg.StableAfter {
		n.attempts = 0
	}
	return 0, "", false
}

func (n *Node) ruleDegraded(now time.Time) (State, string, bool) {
	s := n.silence(now)
	if s >= n.cfg.SafeStateAfter {
		return Recovery, fmt.Sprintf("no heartbeat for %v (safe state)", s), true
	}
	if n.hold(now, s < n.cfg.DegradeAfter && n.allOK()) {
		return Active, fmt.Sprintf("heartbeat fresh and all metrics ok for %v", now.Sub(n.goodSince)), true
	}
	return 0, "", false
}

func (n *Node) ruleRecovery(now time.Time) (State, string, bool) {
	s := n.silence(now)
	alive := n.beatsInState > 0 && s < n.cfg.DegradeAfter
	if n.hold(now, alive) {
		if n.allOK() {
			return Active, "heartbeat restored", true
		}
		cause, bad := n.degradeCause()
		if !bad {
			cause = "metrics not all ok"
		}
		return Degraded, "heartbeat restored; " + cause, true
	}
	// A recovery that is visibly succeeding (heartbeats back, hold
	// running) is given time to finish rather than timed out.
	if alive || now.Sub(n.entered) < n.cfg.RecoveryTimeout {
		return 0, "", false
	}
	why := fmt.Sprintf("recovery attempt %d of %d timed out after %v", n.attempts, n.cfg.MaxRecoveryAttempts, now.Sub(n.entered))
	if n.attempts >= n.cfg.MaxRecoveryAttempts {
		return Shutdown, why, true
	}
	return Degraded, why, true
}
