package node

import (
	"errors"
	"testing"
	"time"
)

var (
	progA = NewProgram([]byte("reflex A"))
	progB = NewProgram([]byte("reflex B"))
	progC = NewProgram([]byte("reflex C"))
)

func TestSwapOnlyAtTick(t *testing.T) {
	n, clk := nodeIn(t, Active)
	if err := n.RequestSwap(progA); err != nil {
		t.Fatal(err)
	}
	if !n.Program().IsZero() {
		t.Fatal("swap applied before a tick")
	}
	if p, ok := n.PendingSwap(); !ok || p.Digest != progA.Digest {
		t.Fatalf("pending = %v, %v", p, ok)
	}
	n.Heartbeat()
	_ = n.Tick()
	if n.Program().Digest != progA.Digest {
		t.Fatalf("after tick running %v, want %v", n.Program(), progA)
	}
	if _, ok := n.PendingSwap(); ok {
		t.Error("pending swap not cleared")
	}
	// A later request replaces an earlier unapplied one.
	_ = n.RequestSwap(progB)
	_ = n.RequestSwap(progC)
	clk.Advance(time.Millisecond)
	n.Heartbeat()
	_ = n.Tick()
	swaps := n.Swaps()
	if len(swaps) != 2 || swaps[1].From.Digest != progA.Digest || swaps[1].To.Digest != progC.Digest || swaps[1].At != epoch.Add(time.Millisecond) {
		t.Fatalf("swaps %+v", swaps)
	}
}

// TestSwapSafePoints requests a swap in every state and checks whether the
// next tick applies it.
func TestSwapSafePoints(t *testing.T) {
	want := map[State]bool{Init: true, Connecting: true, Active: true, Degraded: true, Recovery: false}
	for s, applies := range want {
		n, _ := nodeIn(t, s)
		n.Heartbeat() // keep the tick from moving ACTIVE or DEGRADED
		if err := n.RequestSwap(progA); err != nil {
			t.Fatal(err)
		}
		_ = n.Tick()
		if got := !n.Program().IsZero(); got != applies {
			t.Errorf("in %v: applied = %v, want %v", s, got, applies)
		}
	}
	n, _ := nodeIn(t, Shutdown)
	if err := n.RequestSwap(progA); !errors.Is(err, ErrShutdown) {
		t.Errorf("swap after shutdown: %v", err)
	}
}

// A swap waits out RECOVERY and is applied on the first tick that starts
// in a safe state — never on the tick that leaves RECOVERY, since that tick
// started in it.
func TestSwapWaitsOutRecovery(t *testing.T) {
	cfg := DefaultConfig()
	cfg.HealthyHold = 0
	n, clk := newNode(t, cfg)
	for _, s := range []State{Connecting, Active, Recovery} {
		_ = n.Enter(s, "setup")
	}
	_ = n.RequestSwap(progA)
	clk.Advance(time.Second)
	n.Heartbeat()
	_ = n.Tick()
	if n.State() != Active || !n.Program().IsZero() {
		t.Fatalf("tick leaving recovery: state %v, program %v", n.State(), n.Program())
	}
	_ = n.Tick()
	if n.Program().Digest != progA.Digest {
		t.Fatalf("next tick: program %v", n.Program())
	}
}

// The swap is applied at the start of the tick, before the tick's own
// transition, so a tick that starts ACTIVE swaps even if it then degrades.
func TestSwapBeforeTransition(t *testing.T) {
	n, clk := nodeIn(t, Active)
	var order []string
	n.OnSwap(func(Swap) error { order = append(order, "swap in "+n.State().String()); return nil })
	n.After(func(tr Transition) { order = append(order, "→ "+tr.To.String()) })
	_ = n.RequestSwap(progA)
	clk.Advance(5 * time.Second)
	_ = n.Tick()
	if len(order) != 2 || order[0] != "swap in ACTIVE" || order[1] != "→ DEGRADED" {
		t.Fatalf("order %v", order)
	}
}

func TestRollback(t *testing.T) {
	n, _ := nodeIn(t, Active)
	if err := n.Rollback(); !errors.Is(err, ErrNoRollback) {
		t.Fatalf("rollback with nothing before: %v", err)
	}
	tick := func() { n.Heartbeat(); _ = n.Tick() }
	_ = n.RequestSwap(progA)
	tick()
	if err := n.Rollback(); !errors.Is(err, ErrNoRollback) {
		t.Fatalf("rollback to no program: %v", err)
	}
	_ = n.RequestSwap(progB)
	tick()
	if err := n.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n.Program().Digest != progB.Digest {
		t.Fatal("rollback applied before a tick")
	}
	tick()
	if n.Program().Digest != progA.Digest {
		t.Fatalf("after rollback running %v, want %v", n.Program(), progA)
	}
	if s := n.Swaps(); !s[len(s)-1].Rollback || s[len(s)-1].To.Digest != progA.Digest {
		t.Errorf("last swap %+v", s[len(s)-1])
	}
	_ = n.Rollback() // rolling back twice returns to B
	tick()
	if n.Program().Digest != progB.Digest {
		t.Fatalf("second rollback running %v, want %v", n.Program(), progB)
	}
}

var errVMRefused = errors.New("validator refused the image")

func TestSwapHookRejects(t *testing.T) {
	n, _ := nodeIn(t, Active)
	_ = n.RequestSwap(progA)
	n.Heartbeat()
	_ = n.Tick()
	n.OnSwap(func(s Swap) error {
		if s.To.Digest == progB.Digest {
			return errVMRefused
		}
		return nil
	})
	_ = n.RequestSwap(progB)
	n.Heartbeat()
	err := n.Tick()
	if !errors.Is(err, ErrSwapRejected) || !errors.Is(err, errVMRefused) {
		t.Fatalf("err = %v", err)
	}
	if n.Program().Digest != progA.Digest || len(n.Swaps()) != 1 {
		t.Fatalf("rejected swap changed the program: %v", n.Program())
	}
	if _, ok := n.PendingSwap(); ok {
		t.Error("rejected swap still pending")
	}
}

func TestBadProgram(t *testing.T) {
	n, _ := nodeIn(t, Active)
	p := NewProgram([]byte("good"))
	p.Image = []byte("evil")
	if err := n.RequestSwap(p); !errors.Is(err, ErrBadProgram) {
		t.Fatalf("tampered program: %v", err)
	}
	if (Program{}).String() != "none" || len(progA.String()) != 12 {
		t.Errorf("String: %q %q", Program{}, progA)
	}
}

func TestShutdownDropsPendingSwap(t *testing.T) {
	n, _ := nodeIn(t, Active)
	_ = n.RequestSwap(progA)
	_ = n.Enter(Shutdown, "stop")
	if _, ok := n.PendingSwap(); ok {
		t.Error("pending swap survived shutdown")
	}
	if err := n.Rollback(); !errors.Is(err, ErrShutdown) {
		t.Errorf("rollback after shutdown: %v", err)
	}
}
