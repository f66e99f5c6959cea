package fleet

import (
	"errors"
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/nexusfleet/nexus/runtime/trust"
)

func mustAdd(t *testing.T, o *Orchestrator, id string, c Capabilities, capacity float64) {
	t.Helper()
	if err := o.AddVessel(id, c, capacity); err != nil {
		t.Fatal(err)
	}
}

func mustSubmit(t *testing.T, o *Orchestrator, task Task) {
	t.Helper()
	if err := o.Submit(task); err != nil {
		t.Fatal(err)
	}
}

func all(v float64) Capabilities {
	var c Capabilities
	for i := range c {
		c[i] = v
	}
	return c
}

// The seed's reference let a vessel with none of the required capabilities
// win a task; a vessel that misses any minimum must never qualify.
func TestFilterRequiresEveryCapability(t *testing.T) {
	o := New(Config{})
	mustAdd(t, o, "strong-but-blind", Capabilities{Navigation: 1, Speed: 1}, 10)
	mustAdd(t, o, "sensor", Capabilities{Sensing: 0.9, Computation: 0.6}, 10)
	mustSubmit(t, o, Task{ID: "survey", Priority: Normal, Required: Capabilities{Sensing: 0.7, Computation: 0.5}, Weight: 1})
	mustSubmit(t, o, Task{ID: "impossible", Priority: High, Required: Capabilities{Manipulation: 0.9}, Weight: 1})
	got := o.Schedule()
	if len(got) != 1 || got[0].Task != "survey" || got[0].Vessel != "sensor" {
		t.Fatalf("assignments %+v", got)
	}
	if tk, _ := o.Task("impossible"); tk.State != Pending {
		t.Errorf("impossible task is %s, want PENDING", tk.State)
	}
}

func TestPriorityThenArrival(t *testing.T) {
	o := New(Config{})
	mustAdd(t, o, "v", all(1), 1) // room for exactly one task
	mustSubmit(t, o, Task{ID: "low", Priority: Low, Weight: 1})
	mustSubmit(t, o, Task{ID: "crit-late", Priority: Critical, Weight: 1})
	got := o.Schedule()
	if len(got) != 1 || got[0].Task != "crit-late" {
		t.Fatalf("got %+v", got)
	}
	o2 := New(Config{})
	mustAdd(t, o2, "v", all(1), 1)
	mustSubmit(t, o2, Task{ID: "first", Priority: Normal, Weight: 1})
	mustSubmit(t, o2, Task{ID: "second", Priority: Normal, Weight: 1})
	if got := o2.Schedule(); got[0].Task != "first" {
		t.Fatalf("got %+v", got)
	}
}

type fixedTrust map[string]float64

func (f fixedTrust) Trust(v string) float64 { return f[v] }

func TestScoreLoadAndTrust(t *testing.T) {
	o := New(Config{Trust: fixedTrust{"a": 0.9, "b": 0.1}})
	mustAdd(t, o, "a", all(0.8), 10)
	mustAdd(t, o, "b", all(0.8), 10)
	mustSubmit(t, o, Task{ID: "t1", Weight: 1})
	if got := o.Schedule(); got[0].Vessel != "a" {
		t.Fatalf("trusted vessel should win: %+v", got)
	}
	// Spread: with equal trust, load decides.
	o = New(Config{})
	mustAdd(t, o, "a", all(0.8), 4)
	mustAdd(t, o, "b", all(0.8), 4)
	for i := range 4 {
		mustSubmit(t, o, Task{ID: fmt.Sprint(i), Weight: 1})
	}
	count := map[string]int{}
	for _, a := range o.Schedule() {
		count[a.Vessel]++
	}
	if count["a"] != 2 || count["b"] != 2 {
		t.Errorf("load not spread: %v", count)
	}
}

func TestRetriesReleaseLoad(t *testing.T) {
	o := New(Config{MaxRetries: 2})
	mustAdd(t, o, "v", all(1), 5)
	mustSubmit(t, o, Task{ID: "t", Weight: 3})
	for attempt := 1; attempt <= 3; attempt++ {
		if got := o.Schedule(); len(got) != 1 {
			t.Fatalf("attempt %d not scheduled", attempt)
		}
		if v, _ := o.Vessel("v"); v.Load != 3 {
			t.Fatalf("load %g while assigned", v.Load)
		}
		retry, err := o.Fail("t")
		if err != nil {
			t.Fatal(err)
		}
		if want := attempt <= 2; retry != want {
			t.Fatalf("attempt %d: retry %v, want %v", attempt, retry, want)
		}
		if v, _ := o.Vessel("v"); v.Load != 0 {
			t.Fatalf("attempt %d: load %g after failure, want 0", attempt, v.Load)
		}
	}
	if tk, _ := o.Task("t"); tk.State != Failed || tk.Attempts != 3 {
		t.Errorf("task %+v", tk)
	}
}

func TestTransitions(t *testing.T) {
	o := New(Config{})
	mustAdd(t, o, "v", all(1), 5)
	mustSubmit(t, o, Task{ID: "t", Weight: 1})
	if err := o.Start("t"); !errors.Is(err, ErrTransition) {
		t.Errorf("start pending: %v", err)
	}
	o.Schedule()
	if err := o.Start("t"); err != nil {
		t.Fatal(err)
	}
	if err := o.Complete("t"); err != nil {
		t.Fatal(err)
	}
	if err := o.Cancel("t"); !errors.Is(err, ErrTransition) {
		t.Errorf("cancel completed: %v", err)
	}
	if err := o.Complete("nope"); !errors.Is(err, ErrUnknownTask) {
		t.Errorf("unknown: %v", err)
	}
	if err := o.Submit(Task{ID: "bad", Weight: -1}); !errors.Is(err, ErrInvalid) {
		t.Errorf("negative weight: %v", err)
	}
	if err := o.AddVessel("v", all(1), 1); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate vessel: %v", err)
	}
	if err := o.SetAvailable("v", false); err != nil {
		t.Fatal(err)
	}
	mustSubmit(t, o, Task{ID: "u", Weight: 1})
	if got := o.Schedule(); len(got) != 0 {
		t.Errorf("unavailable vessel got %+v", got)
	}
	if err := o.Cancel("u"); err != nil {
		t.Fatal(err)
	}
	st := o.Status()
	if st.Tasks[Completed] != 1 || st.Tasks[Cancelled] != 1 || st.Available != 0 {
		t.Errorf("status %+v", st)
	}
}

// TestLoadInvariant runs random operation sequences and checks after every
// step that each vessel's load equals the weight of its active tasks.
func TestLoadInvariant(t *testing.T) {
	for seed := int64(1); seed <= 50; seed++ {
		r := rand.New(rand.NewSource(seed))
		o := New(Config{MaxRetries: r.Intn(3) + 1})
		for i := range 8 {
			var c Capabilities
			for k := range c {
				c[k] = r.Float64()
			}
			mustAdd(t, o, fmt.Sprint("v", i), c, float64(1+r.Intn(6)))
		}
		var ids []string
		for step := range 400 {
			switch op := r.Intn(8); op {
			case 0, 1:
				id := fmt.Sprint("t", step)
				var req Capabilities
				req[r.Intn(len(req))] = r.Float64() * 0.8
				mustSubmit(t, o, Task{ID: id, Priority: Priority(r.Intn(11)), Required: req, Weight: float64(r.Intn(4))})
				ids = append(ids, id)
			case 2:
				o.Schedule()
			case 3:
				if len(ids) > 0 {
					_ = o.Start(ids[r.Intn(len(ids))])
				}
			case 4:
				if len(ids) > 0 {
					_ = o.Complete(ids[r.Intn(len(ids))])
				}
			case 5:
				if len(ids) > 0 {
					_, _ = o.Fail(ids[r.Intn(len(ids))])
				}
			case 6:
				if len(ids) > 0 {
					_ = o.Cancel(ids[r.Intn(len(ids))])
				}
			case 7:
				_ = o.SetAvailable(fmt.Sprint("v", r.Intn(8)), r.Intn(3) > 0)
			}
			if err := o.checkLoads(); err != nil {
				t.Fatalf("seed %d step %d: %v", seed, step, err)
			}
			for _, v := range o.order {
				if v.Load > v.Capacity+1e-9 {
					t.Fatalf("seed %d step %d: vessel %s over capacity: %g > %g", seed, step, v.ID, v.Load, v.Capacity)
				}
			}
		}
	}
}

func TestRoles(t *testing.T) {
	o := New(Config{})
	mustAdd(t, o, "flagship", all(0.95), 10)
	mustAdd(t, o, "scout", Capabilities{Navigation: 0.9, Speed: 0.9, Communication: 0.7}, 10)
	mustAdd(t, o, "barge", Capabilities{Payload: 1, Manipulation: 0.9, Computation: 0.7}, 10)
	if len(Roles) != 12 {
		t.Fatalf("%d roles, want the seed's 12", len(Roles))
	}
	v, err := o.AssignRole("mission_commander")
	if err != nil || v != "flagship" {
		t.Fatalf("commander: %q %v", v, err)
	}
	if _, err := o.AssignRole("mission_commander"); !errors.Is(err, ErrRoleFull) {
		t.Errorf("second commander: %v", err)
	}
	// pilot allows five holders; only flagship and scout qualify.
	a, _ := o.AssignRole("pilot")
	b, _ := o.AssignRole("pilot")
	if _, err := o.AssignRole("pilot"); !errors.Is(err, ErrNoCandidate) {
		t.Errorf("third pilot: %v", err)
	}
	if h := o.Holders("pilot"); len(h) != 2 || a == b {
		t.Errorf("pilots %v", h)
	}
	if v, err := o.AssignRole("deck_engineer"); err != nil || v == "scout" {
		t.Errorf("deck engineer %q %v", v, err)
	}
	if err := o.ReleaseRole("mission_commander", "flagship"); err != nil {
		t.Fatal(err)
	}
	if _, err := o.AssignRole("mission_commander"); err != nil {
		t.Errorf("commander after release: %v", err)
	}
	if _, err := o.AssignRole("admiral"); !errors.Is(err, ErrUnknownRole) {
		t.Errorf("unknown role: %v", err)
	}
	if err := o.ReleaseRole("pilot", "barge"); !errors.Is(err, ErrNotHolder) {
		t.Errorf("release non-holder: %v", err)
	}
}

// BenchmarkSchedule places T tasks on T/10 vessels; tasks come from the 12
// role profiles plus an unconstrained one, with random weights.
func BenchmarkSchedule(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("%dtasks", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				o := New(Config{})
				r := rand.New(rand.NewSource(1))
				for i := range n / 10 {
					var c Capabilities
					for k := range c {
						c[k] = 0.4 + 0.6*r.Float64()
					}
					_ = o.AddVessel(fmt.Sprint("v", i), c, 20)
				}
				for i := range n {
					var req Capabilities
					if k := r.Intn(13); k < 12 {
						req = Roles[k].Required
					}
					_ = o.Submit(Task{ID: fmt.Sprint("t", i), Priority: Priority(r.Intn(11)), Required: req, Weight: float64(1 + r.Intn(3))})
				}
				b.StartTimer()
				got := o.Schedule()
				b.ReportMetric(float64(len(got)), "assigned/op")
			}
		})
	}
}

func TestEngineTrust(t *testing.T) {
	clock := trust.NewManualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	e, err := trust.New(clock, trust.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"good", "bad"} {
		if err := e.Register(id, trust.Profile{}); err != nil {
			t.Fatal(err)
		}
	}
	for range 20 {
		clock.Advance(time.Minute)
		_ = e.Observe("good", trust.Interaction{Success: true, Quality: 0.9})
		_ = e.Observe("bad", trust.Interaction{Success: false, Severity: 0.6})
	}
	o := New(Config{Trust: EngineTrust{e}})
	mustAdd(t, o, "bad", all(0.9), 10)
	mustAdd(t, o, "good", all(0.9), 10)
	mustSubmit(t, o, Task{ID: "t", Weight: 1})
	if got := o.Schedule(); len(got) != 1 || got[0].Vessel != "good" {
		t.Errorf("got %+v", got)
	}
	if (EngineTrust{e}).Trust("stranger") != 0 {
		t.Error("unknown vessel should score 0")
	}
}
