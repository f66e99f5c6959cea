package node

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestNewRejectsBadConfig(t *testing.T) {
	mod := func(f func(*Config)) Config { c := DefaultConfig(); f(&c); return c }
	for name, cfg := range map[string]Config{
		"zero degrade":       mod(func(c *Config) { c.DegradeAfter = 0 }),
		"recover ≤ degrade":  mod(func(c *Config) { c.SafeStateAfter = c.DegradeAfter }),
		"negative hold":      mod(func(c *Config) { c.HealthyHold = -1 }),
		"zero recovery time": mod(func(c *Config) { c.RecoveryTimeout = 0 }),
		"zero attempts":      mod(func(c *Config) { c.MaxRecoveryAttempts = 0 }),
		"negative stable":    mod(func(c *Config) { c.StableAfter = -1 }),
		"negative warnings":  mod(func(c *Config) { c.WarningsToDegrade = -1 }),
	} {
		if _, err := New(NewManualClock(epoch), cfg); !errors.Is(err, ErrBadConfig) {
			t.Errorf("%s: err = %v, want ErrBadConfig", name, err)
		}
	}
	if _, err := New(nil, DefaultConfig()); !errors.Is(err, ErrBadConfig) {
		t.Errorf("nil clock: err = %v", err)
	}
	c := DefaultConfig()
	if c.DegradeAfter != 5000*time.Millisecond || c.SafeStateAfter != 10000*time.Millisecond || c.MaxRecoveryAttempts != 3 {
		t.Errorf("defaults are not the seed's figures: %+v", c)
	}
}

// TestHookOrder checks that before-hooks run, in registration order, before
// after-hooks, that each sees the right state, and that hooks may read and
// feed the node without deadlocking.
func TestHookOrder(t *testing.T) {
	n, _ := newNode(t, DefaultConfig())
	if err := n.DefineMetric(Metric{Name: "temp", Warning: 70, Critical: 85}); err != nil {
		t.Fatal(err)
	}
	var log []string
	for i := range 2 {
		n.Before(func(tr Transition) error {
			log = append(log, fmt.Sprintf("before%d %v→%v sees %v", i, tr.From, tr.To, n.State()))
			n.Heartbeat()
			_ = n.Report("temp", 20)
			_ = n.History()
			return nil
		})
		n.After(func(tr Transition) {
			log = append(log, fmt.Sprintf("after%d %v→%v sees %v, %d entries", i, tr.From, tr.To, n.State(), len(n.History())))
			_ = n.Metrics()
			_ = n.RequestSwap(NewProgram([]byte("p")))
		})
	}
	if err := n.Enter(Connecting, "boot"); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"before0 INIT→CONNECTING sees INIT",
		"before1 INIT→CONNECTING sees INIT",
		"after0 INIT→CONNECTING sees CONNECTING, 1 entries",
		"after1 INIT→CONNECTING sees CONNECTING, 1 entries",
	}
	if !slices.Equal(log, want) {
		t.Fatalf("hook log:\n%s\nwant:\n%s", strings.Join(log, "\n"), strings.Join(want, "\n"))
	}
}

var errNotYet = errors.New("operator says not yet")

func TestBeforeHookVeto(t *testing.T) {
	n, _ := nodeIn(t, Active)
	var ran []string
	n.Before(func(Transition) error { ran = append(ran, "first"); return nil })
	n.Before(func(tr Transition) error { ran = append(ran, "veto"); return errNotYet })
	n.Before(func(Transition) error { ran = append(ran, "third"); return nil })
	n.After(func(Transition) { ran = append(ran, "after") })

	before := n.History()
	err := n.Enter(Degraded, "test")
	var ve *VetoError
	if !errors.As(err, &ve) || !errors.Is(err, ErrVetoed) || !errors.Is(err, errNotYet) {
		t.Fatalf("err = %v, want a *VetoError wrapping errNotYet", err)
	}
	if ve.Transition.From != Active || ve.Transition.To != Degraded {
		t.Errorf("veto names %v", ve.Transition)
	}
	if !slices.Equal(ran, []string{"first", "veto"}) {
		t.Errorf("hooks run: %v; a veto must stop the chain and skip after-hooks", ran)
	}
	if n.State() != Active || !slices.Equal(n.History(), before) {
		t.Errorf("vetoed move changed the node")
	}

	// SHUTDOWN is the failsafe exit: hooks hear about it but cannot stop it.
	ran = nil
	if err := n.Enter(Shutdown, "stop"); err != nil || n.State() != Shutdown {
		t.Fatalf("shutdown: %v, state %v", err, n.State())
	}
	if !slices.Equal(ran, []string{"first", "veto", "third", "after"}) {
		t.Errorf("hooks on shutdown: %v", ran)
	}
}

// A vetoed automatic move is reported by Tick and retried on the next tick.
func TestTickVetoRetries(t *testing.T) {
	n, clk := nodeIn(t, Active)
	veto := true
	n.Before(func(Transition) error {
		if veto {
			return errNotYet
		}
		return nil
	})
	clk.Advance(5 * time.Second)
	if err := n.Tick(); !errors.Is(err, ErrVetoed) || n.State() != Active {
		t.Fatalf("tick: %v, state %v", err, n.State())
	}
	veto = false
	if err := n.Tick(); err != nil || n.State() != Degraded {
		t.Fatalf("retry: %v, state %v", err, n.State())
	}
}

// TestHistoryExact checks every field of every entry, with reasons and
// times, for a run that mixes explicit and automatic moves.
func TestHistoryExact(t *testing.T) {
	cfg := DefaultConfig()
	cfg.HealthyHold = time.Second
	n, clk := newNode(t, cfg)
	if err := n.DefineMetric(Metric{Name: "battery", Direction: LowIsBad, Warning: 30, Critical: 15, Hysteresis: 5}); err != nil {
		t.Fatal(err)
	}
	at := func(d time.Duration) time.Time { return epoch.Add(d) }
	step := func(d time.Duration, f func()) { clk.Set(at(d)); f() }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	step(0, func() { must(n.Enter(Connecting, "boot")) })
	step(1*time.Second, func() { must(n.Enter(Init, "link reset")) })
	step(2*time.Second, func() { must(n.Enter(Connecting, "retry")) })
	step(3*time.Second, func() { n.Heartbeat(); must(n.Tick()) })
	step(4*time.Second, func() { must(n.Report("battery", 10)); n.Heartbeat(); must(n.Tick()) })
	step(5*time.Second, func() { must(n.Report("battery", 50)); n.Heartbeat(); must(n.Tick()) })
	step(6*time.Second, func() { n.Heartbeat(); must(n.Tick()) })
	step(16*time.Second, func() { must(n.Tick()) })
	step(17*time.Second, func() { n.Heartbeat(); must(n.Tick()) })
	step(18*time.Second, func() { n.Heartbeat(); must(n.Tick()) })
	step(19*time.Second, func() { must(n.Enter(Shutdown, "mission over")) })

	want := []Transition{
		{Init, Connecting, "boot", at(0)},
		{Connecting, Init, "link reset", at(1 * time.Second)},
		{Init, Connecting, "retry", at(2 * time.Second)},
		{Connecting, Active, "first heartbeat", at(3 * time.Second)},
		{Active, Degraded, "battery critical at 10 (threshold 15, low is bad)", at(4 * time.Second)},
		{Degraded, Active, "heartbeat fresh and all metrics ok for 1s", at(6 * time.Second)},
		{Active, Recovery, "no heartbeat for 10s (safe state)", at(16 * time.Second)},
		{Recovery, Active, "heartbeat restored", at(18 * time.Second)},
		{Active, Shutdown, "mission over", at(19 * time.Second)},
	}
	if got := n.History(); !slices.Equal(got, want) {
		t.Fatalf("history:\n%s\nwant:\n%s", fmtHistory(got), fmtHistory(want))
	}
	// History is a copy: changing it must not change the node.
	h := n.History()
	h[0].Reason = "tampered"
	if n.History()[0].Reason != "boot" {
		t.Error("History shares its backing array with the node")
	}
}

func fmtHistory(h []Transition) string {
	var b strings.Builder
	for _, t := range h {
		fmt.Fprintf(&b, "  %v at %v\n", t, t.At.Sub(epoch))
	}
	return b.String()
}
