package node

import (
	"errors"
	"testing"
	"time"
)

// TestHeartbeatTimeouts pins the seed's figures: DEGRADED at exactly
// 5,000 ms of silence and RECOVERY (safe state) at exactly 10,000 ms.
func TestHeartbeatTimeouts(t *testing.T) {
	n, clk := newNode(t, DefaultConfig())
	_ = n.Enter(Connecting, "boot")
	n.Heartbeat()
	_ = n.Tick()
	for _, step := range []struct {
		at   time.Duration
		want State
	}{
		{4999 * time.Millisecond, Active},
		{5000 * time.Millisecond, Degraded},
		{9999 * time.Millisecond, Degraded},
		{10000 * time.Millisecond, Recovery},
	} {
		clk.Set(epoch.Add(step.at))
		if err := n.Tick(); err != nil {
			t.Fatal(err)
		}
		if n.State() != step.want {
			t.Fatalf("after %v of silence: %v, want %v", step.at, n.State(), step.want)
		}
	}
	if n.RecoveryAttempts() != 1 {
		t.Errorf("attempts = %d, want 1", n.RecoveryAttempts())
	}
}

// A node ticked too rarely to see the 5 s mark goes straight to RECOVERY.
func TestHeartbeatSparseTick(t *testing.T) {
	n, clk := nodeIn(t, Active)
	clk.Advance(30 * time.Second)
	_ = n.Tick()
	if n.State() != Recovery {
		t.Fatalf("got %v, want RECOVERY", n.State())
	}
}

// Silence counts from the last entry into CONNECTING when no heartbeat has
// come since, so heartbeats from an earlier connection do not count.
func TestSilenceCountsFromConnecting(t *testing.T) {
	n, clk := newNode(t, DefaultConfig())
	n.Heartbeat() // in INIT, before connecting
	clk.Advance(time.Hour)
	_ = n.Enter(Connecting, "boot")
	_ = n.Enter(Active, "link up")
	clk.Advance(4 * time.Second)
	_ = n.Tick()
	if n.State() != Active {
		t.Fatalf("4 s after connecting: %v", n.State())
	}
	clk.Advance(time.Second)
	_ = n.Tick()
	if n.State() != Degraded {
		t.Fatalf("5 s after connecting: %v", n.State())
	}
	// CONNECTING itself has no timeout: it waits for the first heartbeat.
	c, cclk := nodeIn(t, Connecting)
	cclk.Advance(time.Hour)
	_ = c.Tick()
	if c.State() != Connecting {
		t.Fatalf("connecting without heartbeat: %v", c.State())
	}
}

// TestRecoveryCap lets the link stay dead and checks the whole escalation:
// three attempts, each timing out, and SHUTDOWN after the third.
func TestRecoveryCap(t *testing.T) {
	n, clk := nodeIn(t, Active)
	maxSeen := 0
	for range 60 {
		clk.Advance(time.Second)
		if err := n.Tick(); err != nil {
			t.Fatal(err)
		}
		maxSeen = max(maxSeen, n.RecoveryAttempts())
	}
	type hop struct {
		from, to State
		at       time.Duration
	}
	var got []hop
	for _, tr := range n.History()[2:] {
		got = append(got, hop{tr.From, tr.To, tr.At.Sub(epoch)})
	}
	want := []hop{
		{Active, Degraded, 5 * time.Second},
		{Degraded, Recovery, 10 * time.Second}, // attempt 1
		{Recovery, Degraded, 20 * time.Second}, // timed out
		{Degraded, Recovery, 21 * time.Second}, // attempt 2
		{Recovery, Degraded, 31 * time.Second},
		{Degraded, Recovery, 32 * time.Second}, // attempt 3
		{Recovery, Shutdown, 42 * time.Second}, // last attempt failed
	}
	if len(got) != len(want) {
		t.Fatalf("history %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("hop %d: %v, want %v (all: %v)", i, got[i], want[i], got)
		}
	}
	if last := n.History()[len(n.History())-1].Reason; last != "recovery attempt 3 of 3 timed out after 10s" {
		t.Errorf("shutdown reason %q", last)
	}
	if maxSeen != 3 {
		t.Errorf("max attempts seen %d, want 3", maxSeen)
	}
}

// Asking for RECOVERY after the last attempt shuts the node down instead.
func TestEnterRecoveryAtCap(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxRecoveryAttempts = 1
	n, _ := newNode(t, cfg)
	for _, s := range []State{Connecting, Active, Recovery, Active} {
		if err := n.Enter(s, "setup"); err != nil {
			t.Fatal(err)
		}
	}
	err := n.Enter(Recovery, "vm trap")
	if !errors.Is(err, ErrRecoveryExhausted) || n.State() != Shutdown {
		t.Fatalf("err %v, state %v; want ErrRecoveryExhausted and SHUTDOWN", err, n.State())
	}
	h := n.History()
	if last := h[len(h)-1]; last.From != Active || last.To != Shutdown || last.Reason != "recovery attempts exhausted (1 of 1): vm trap" {
		t.Errorf("last entry %v", last)
	}
	if n.RecoveryAttempts() != 1 {
		t.Errorf("attempts = %d", n.RecoveryAttempts())
	}
}

// Recovery attempts are earned back only by staying ACTIVE for StableAfter.
func TestRecoveryCountReset(t *testing.T) {
	cfg := DefaultConfig()
	cfg.StableAfter = 30 * time.Second
	n, clk := newNode(t, cfg)
	for _, s := range []State{Connecting, Active, Recovery, Active} {
		_ = n.Enter(s, "setup")
	}
	beat := func(d time.Duration) {
		for range int(d / time.Second) {
			clk.Advance(time.Second)
			n.Heartbeat()
			_ = n.Tick()
		}
	}
	beat(29 * time.Second)
	if n.RecoveryAttempts() != 1 {
		t.Fatalf("reset early: %d", n.RecoveryAttempts())
	}
	beat(time.Second)
	if n.RecoveryAttempts() != 0 || n.State() != Active {
		t.Fatalf("after 30 s ACTIVE: attempts %d, state %v", n.RecoveryAttempts(), n.State())
	}
}

// A recovery whose heartbeats come back but whose health is still bad ends
// in DEGRADED, not ACTIVE.
func TestRecoveryIntoDegraded(t *testing.T) {
	n, clk := nodeIn(t, Recovery)
	_ = n.DefineMetric(temp)
	_ = n.Report("temp", 99)
	for range 3 {
		clk.Advance(time.Second)
		n.Heartbeat()
		_ = n.Tick()
	}
	h := n.History()
	if n.State() != Degraded || h[len(h)-1].Reason != "heartbeat restored; temp critical at 99 (threshold 85, high is bad)" {
		t.Fatalf("state %v, last %v", n.State(), h[len(h)-1])
	}
}

// A recovery that is succeeding is not timed out mid-hold.
func TestRecoveryHoldBeatsTimeout(t *testing.T) {
	cfg := DefaultConfig()
	cfg.HealthyHold = 5 * time.Second
	n, clk := newNode(t, cfg)
	for _, s := range []State{Connecting, Active, Recovery} {
		_ = n.Enter(s, "setup")
	}
	clk.Advance(8 * time.Second)
	for range 7 {
		clk.Advance(time.Second)
		n.Heartbeat()
		_ = n.Tick()
	}
	if n.State() != Active || n.RecoveryAttempts() != 1 {
		t.Fatalf("state %v attempts %d, want ACTIVE after the hold", n.State(), n.RecoveryAttempts())
	}
}

func TestShutdownIsQuiet(t *testing.T) {
	n, clk := nodeIn(t, Shutdown)
	n.Heartbeat()
	clk.Advance(time.Hour)
	if err := n.Tick(); err != nil || n.State() != Shutdown || len(n.History()) != 1 {
		t.Fatalf("tick after shutdown: %v, %v, %d entries", err, n.State(), len(n.History()))
	}
}
