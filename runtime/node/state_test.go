package node

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// seedTable is the seed's table written out independently of targets, so a
// typo in either shows up as a disagreement.
var seedTable = map[State][]State{
	Init:       {Connecting, Shutdown},
	Connecting: {Active, Degraded, Shutdown, Init},
	Active:     {Degraded, Recovery, Shutdown},
	Degraded:   {Recovery, Active, Shutdown},
	Recovery:   {Active, Degraded, Shutdown},
	Shutdown:   {},
}

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// pathTo lists the moves that bring a fresh node to s.
var pathTo = map[State][]State{
	Init:       {},
	Connecting: {Connecting},
	Active:     {Connecting, Active},
	Degraded:   {Connecting, Degraded},
	Recovery:   {Connecting, Active, Recovery},
	Shutdown:   {Shutdown},
}

func newNode(t testing.TB, cfg Config) (*Node, *ManualClock) {
	t.Helper()
	clk := NewManualClock(epoch)
	n, err := New(clk, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return n, clk
}

func nodeIn(t testing.TB, s State) (*Node, *ManualClock) {
	t.Helper()
	n, clk := newNode(t, DefaultConfig())
	for _, to := range pathTo[s] {
		if err := n.Enter(to, "setup"); err != nil {
			t.Fatalf("setup %v: %v", to, err)
		}
	}
	if n.State() != s {
		t.Fatalf("setup reached %v, want %v", n.State(), s)
	}
	return n, clk
}

// TestTransitionTable tries every ordered pair of states on a real node.
func TestTransitionTable(t *testing.T) {
	for _, from := range States() {
		for _, to := range States() {
			t.Run(from.String()+"→"+to.String(), func(t *testing.T) {
				want := slices.Contains(seedTable[from], to)
				if got := Allowed(from, to); got != want {
					t.Fatalf("Allowed = %v, want %v", got, want)
				}
				n, _ := nodeIn(t, from)
				before := len(n.History())
				err := n.Enter(to, "test")
				if want {
					if err != nil {
						t.Fatalf("Enter: %v", err)
					}
					if n.State() != to || len(n.History()) != before+1 {
						t.Fatalf("state %v, history %d; want %v, %d", n.State(), len(n.History()), to, before+1)
					}
					return
				}
				var te *TransitionError
				if !errors.As(err, &te) || !errors.Is(err, ErrInvalidTransition) {
					t.Fatalf("Enter error = %v, want *TransitionError", err)
				}
				if te.From != from || te.To != to || !slices.Equal(te.Allowed, seedTable[from]) {
					t.Fatalf("error = %+v", te)
				}
				msg := err.Error()
				for _, s := range append([]State{from, to}, seedTable[from]...) {
					if !strings.Contains(msg, s.String()) {
						t.Errorf("message %q does not name %v", msg, s)
					}
				}
				if n.State() != from || len(n.History()) != before {
					t.Fatalf("refused move changed the node: %v, %d entries", n.State(), len(n.History()))
				}
			})
		}
	}
}

func TestStateNames(t *testing.T) {
	want := []string{"INIT", "CONNECTING", "ACTIVE", "DEGRADED", "RECOVERY", "SHUTDOWN"}
	for i, s := range States() {
		if s.String() != want[i] || !s.Valid() {
			t.Errorf("state %d: %q valid=%v", i, s, s.Valid())
		}
	}
	if bad := State(6); bad.Valid() || bad.String() != "State(6)" || Allowed(bad, Init) || Allowed(Init, bad) || Targets(bad) != nil {
		t.Errorf("State(6) treated as valid")
	}
	if got := (&TransitionError{From: Shutdown, To: Init}).Error(); !strings.Contains(got, "terminal") {
		t.Errorf("terminal message %q", got)
	}
}
