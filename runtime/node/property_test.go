package node

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// machine drives a node from a byte string, one operation per byte, and
// checks the invariants after every step. The property test feeds it seeded
// random bytes; the fuzz target feeds it whatever the fuzzer finds.
type machine struct {
	t      testing.TB
	n      *Node
	clk    *ManualClock
	cfg    Config
	seen   []Transition // what the after-hook was told, in order
	progs  map[[32]byte]bool
	vetoes int // veto every vetoes-th proposal (0: never)
	asked  int
}

func newMachine(t testing.TB, cfgByte byte) *machine {
	cfg := DefaultConfig()
	cfg.MaxRecoveryAttempts = 1 + int(cfgByte&3)
	cfg.WarningsToDegrade = int(cfgByte>>2) % 3
	cfg.HealthyHold = time.Duration(cfgByte>>4&3) * time.Second
	if cfgByte&0x40 != 0 {
		cfg.StableAfter = 0 // never reset, so the total count is capped too
	} else {
		cfg.StableAfter = 20 * time.Second
	}
	n, clk := newNode(t, cfg)
	m := &machine{t: t, n: n, clk: clk, cfg: cfg, progs: map[[32]byte]bool{}}
	if cfgByte&0x80 != 0 {
		m.vetoes = 5
	}
	_ = n.DefineMetric(temp)
	_ = n.DefineMetric(battery)
	n.Before(func(tr Transition) error {
		m.asked++
		if m.vetoes > 0 && m.asked%m.vetoes == 0 {
			return errNotYet
		}
		return nil
	})
	n.After(func(tr Transition) { m.seen = append(m.seen, tr) })
	n.OnSwap(func(s Swap) error {
		// The swap hook runs at the safe point, so this is the state the
		// tick started in.
		if st := n.State(); !safeForSwap[st] {
			t.Errorf("swap applied in %v", st)
		}
		if !m.progs[s.To.Digest] {
			t.Errorf("swap to a program never requested: %v", s.To)
		}
		return nil
	})
	return m
}

func (m *machine) step(b byte) {
	arg := int(b >> 3)
	var err error
	switch b & 7 {
	case 0:
		m.clk.Advance(time.Duration(arg) * 250 * time.Millisecond)
	case 1:
		m.n.Heartbeat()
	case 2:
		err = m.n.Report("temp", float64(arg*4)) // 0..124: crosses 70 and 85
	case 3:
		err = m.n.Report("battery", float64(arg*2)) // 0..62: crosses 30 and 15
	case 4, 5:
		err = m.n.Tick()
	case 6:
		// Shutdown is rare so that runs live long enough to be
		// interesting; State(6) is invalid on purpose.
		to := [...]State{Init, Connecting, Active, Degraded, Recovery, 6}[arg%6]
		if arg == 31 {
			to = Shutdown
		}
		err = m.n.Enter(to, "random")
	case 7:
		if arg%4 == 0 {
			err = m.n.Rollback()
		} else {
			p := NewProgram([]byte{byte(arg)})
			m.progs[p.Digest] = true
			err = m.n.RequestSwap(p)
		}
	}
	var te *TransitionError
	switch {
	case err == nil, errors.As(err, &te), errors.Is(err, ErrVetoed),
		errors.Is(err, ErrRecoveryExhausted), errors.Is(err, ErrShutdown), errors.Is(err, ErrNoRollback):
	default:
		m.t.Fatalf("op %#x: unexpected error %v", b, err)
	}
}

// check asserts the invariants that must hold after every step.
func (m *machine) check(prev State) {
	t := m.t
	s := m.n.State()
	if !s.Valid() {
		t.Fatalf("state %v is not one of the six", s)
	}
	if prev == Shutdown && s != Shutdown {
		t.Fatalf("left SHUTDOWN for %v", s)
	}
	if a := m.n.RecoveryAttempts(); a < 0 || a > m.cfg.MaxRecoveryAttempts {
		t.Fatalf("recovery attempts %d exceed the cap %d", a, m.cfg.MaxRecoveryAttempts)
	}
}

// checkHistory asserts that the history is a chain of allowed moves from
// INIT to the current state, in time order, ending at the first SHUTDOWN,
// and that the after-hooks saw exactly it.
func (m *machine) checkHistory() {
	t := m.t
	h := m.n.History()
	from, at := Init, epoch
	recoveries := 0
	for i, tr := range h {
		if !Allowed(tr.From, tr.To) {
			t.Fatalf("entry %d %v is not an allowed transition", i, tr)
		}
		if tr.From != from {
			t.Fatalf("entry %d starts in %v, but the node was in %v", i, tr.From, from)
		}
		if tr.At.Before(at) {
			t.Fatalf("entry %d goes back in time", i)
		}
		if tr.To == Recovery {
			recoveries++
		}
		from, at = tr.To, tr.At
	}
	if from != m.n.State() {
		t.Fatalf("history ends in %v, node is in %v", from, m.n.State())
	}
	if m.cfg.StableAfter == 0 && recoveries > m.cfg.MaxRecoveryAttempts {
		t.Fatalf("%d entries into RECOVERY with cap %d and no reset", recoveries, m.cfg.MaxRecoveryAttempts)
	}
	if len(m.seen) != len(h) {
		t.Fatalf("after-hooks saw %d transitions, history has %d", len(m.seen), len(h))
	}
	for i := range h {
		if m.seen[i] != h[i] {
			t.Fatalf("after-hook %d saw %v, history has %v", i, m.seen[i], h[i])
		}
	}
}

func (m *machine) run(ops []byte) {
	for _, b := range ops {
		prev := m.n.State()
		m.step(b)
		m.check(prev)
	}
	m.checkHistory()
}

// TestRandomSequences runs seeded random operation sequences. Ticks and
// heartbeats are weighted so that runs reach every state, which the test
// asserts as a guard against a generator that never exercises anything.
func TestRandomSequences(t *testing.T) {
	const seeds, steps = 500, 400
	reached := map[State]int{}
	for seed := range uint64(seeds) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 0x6e657875))
			m := newMachine(t, byte(r.Uint32()))
			// Connect most runs first so the interesting states are reached.
			if r.IntN(4) > 0 {
				_ = m.n.Enter(Connecting, "boot")
			}
			ops := make([]byte, steps)
			for i := range ops {
				ops[i] = byte(r.Uint32())
			}
			m.run(ops)
			for _, tr := range m.n.History() {
				reached[tr.To]++
			}
		})
	}
	for _, s := range States()[1:] {
		if reached[s] == 0 {
			t.Errorf("no run reached %v", s)
		}
	}
	t.Logf("entries into each state over %d runs: %v", seeds, reached)
}

func FuzzNode(f *testing.F) {
	f.Add([]byte{0x00, 1, 4, 0xf8, 4, 0x2e, 0x36})
	f.Add([]byte{0x43, 0x0e, 1, 4, 0xf8, 4, 0xf8, 4, 0xf8, 4, 0xf8, 4, 0xf8, 4})
	f.Add([]byte{0x80, 0x0e, 1, 4, 0x3f, 4, 0x07, 4, 0x0f, 4})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		newMachine(t, data[0]).run(data[1:])
	})
}

// TestConcurrent hammers one node from many goroutines; run it under -race.
// Hooks read the node while transitions are in flight, which is the
// locking rule the package promises.
func TestConcurrent(t *testing.T) {
	cfg := DefaultConfig()
	cfg.HealthyHold = 300 * time.Millisecond
	n, clk := newNode(t, cfg)
	_ = n.DefineMetric(temp)
	_ = n.DefineMetric(battery)
	var hooked, swapped atomic.Int64
	var mu sync.Mutex
	var seen []Transition
	n.Before(func(tr Transition) error {
		if n.State() != tr.From {
			t.Errorf("before-hook: node in %v, proposal from %v", n.State(), tr.From)
		}
		_ = n.History()
		return nil
	})
	n.After(func(tr Transition) {
		hooked.Add(1)
		_ = n.Metrics()
		mu.Lock()
		seen = append(seen, tr)
		mu.Unlock()
	})
	n.OnSwap(func(Swap) error { swapped.Add(1); return nil })
	_ = n.Enter(Connecting, "boot")

	done := make(chan struct{})
	var wg sync.WaitGroup
	loop := func(seed uint64, f func(r *rand.Rand)) {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(seed, 1))
			for {
				select {
				case <-done:
					return
				default:
					f(r)
					// Yield so the workers do not starve the ticker.
					runtime.Gosched()
				}
			}
		})
	}
	for i := range 2 {
		loop(uint64(i), func(r *rand.Rand) {
			// The link is down for 15 s in every 40 s, long enough to
			// reach RECOVERY.
			if clk.Now().Sub(epoch)%(40*time.Second) < 25*time.Second {
				n.Heartbeat()
			}
		})
	}
	loop(10, func(r *rand.Rand) { _ = n.Report("temp", float64(r.IntN(88))) })
	loop(11, func(r *rand.Rand) { _ = n.Report("battery", float64(20+r.IntN(80))) })
	loop(12, func(r *rand.Rand) {
		if r.IntN(200) == 0 {
			_ = n.Enter(State(r.IntN(5)), "operator")
		}
	})
	loop(13, func(r *rand.Rand) { _ = n.RequestSwap(NewProgram([]byte{byte(r.IntN(4))})) })
	loop(14, func(r *rand.Rand) { _, _, _, _ = n.State(), n.History(), n.Program(), n.RecoveryAttempts() })

	for range 3000 {
		clk.Advance(50 * time.Millisecond)
		if err := n.Tick(); err != nil {
			t.Fatal(err)
		}
		runtime.Gosched()
	}
	_ = n.Enter(Shutdown, "test over")
	close(done)
	wg.Wait()

	h := n.History()
	if int(hooked.Load()) != len(h) || len(seen) != len(h) {
		t.Fatalf("after-hooks ran %d times for %d transitions", hooked.Load(), len(h))
	}
	from := Init
	for i, tr := range h {
		if tr.From != from || !Allowed(tr.From, tr.To) || seen[i] != tr {
			t.Fatalf("entry %d: %v (node was in %v; hook saw %v)", i, tr, from, seen[i])
		}
		from = tr.To
	}
	if swapped.Load() != int64(len(n.Swaps())) {
		t.Errorf("swap hook ran %d times, %d swaps logged", swapped.Load(), len(n.Swaps()))
	}
	t.Logf("%d transitions, %d swaps", len(h), len(n.Swaps()))
}
