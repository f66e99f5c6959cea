package trust

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"strings"
	"sync"
	"testing"
	"time"
)

func newEngine(t testing.TB, ids ...string) (*Engine, *ManualClock) {
	t.Helper()
	clk := NewManualClock(t0)
	e, err := New(clk, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if err := e.Register(id, Profile{Navigation: 0.8, Sensing: 0.6}); err != nil {
			t.Fatal(err)
		}
	}
	return e, clk
}

func TestFreshPairIsNeutral(t *testing.T) {
	e, _ := newEngine(t, "a", "b")
	if v, err := e.Trust("a", "b"); err != nil || v != 0.5 {
		t.Errorf("Trust = %v, %v; want 0.5", v, err)
	}
	if v, err := e.Score("b"); err != nil || v != 0.5 {
		t.Errorf("Score = %v, %v; want 0.5", v, err)
	}
	if l, err := e.Level("b"); err != nil || l != L0 {
		t.Errorf("Level = %v, %v; want L0", l, err)
	}
}

func TestComposite(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name string
		recs []Interaction
		task Task
		want float64
	}{
		{"capability alone moves a fresh pair", nil, Task{Needs: Profile{Navigation: 0.8, Payload: 0.5}},
			0.35*0.5 + 0.25*0.5 + 0.2*0.5 + 0.2*0.5},
		{"fully capable fresh pair", nil, Task{Needs: Profile{Navigation: 0.4}}, 0.75*0.5 + 0.25},
		{"fast and steady, no task", []Interaction{{Success: true, Latency: 50 * ms}, {Success: true, Latency: 50 * ms}}, Task{},
			(0.35*(0.5+0.001+0.002*(1-0.501)) + 0.4) / 0.75},
		{"task history is used for its task", []Interaction{{Success: false, TaskType: "tow"}, {Success: true}}, Task{Type: "tow"},
			func() float64 { h := 0.5 * 0.95; return (0.35*h + 0.2) / 0.75 }(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newEngine(t, "a", "b")
			for _, x := range tt.recs {
				if err := e.RecordInteraction("a", "b", x); err != nil {
					t.Fatal(err)
				}
			}
			got, err := e.TrustFor("a", "b", tt.task)
			if err != nil || !near(got, tt.want) {
				t.Errorf("TrustFor = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestWeights(t *testing.T) {
	tests := []struct {
		w       Weights
		wantErr bool
	}{
		{Weights{0.35, 0.25, 0.2, 0.2}, false},
		{Weights{7, 5, 4, 4}, false}, // normalised to the defaults
		{Weights{1, 0, 0, 0}, false},
		{Weights{-0.1, 0.5, 0.3, 0.3}, true},
		{Weights{math.NaN(), 1, 1, 1}, true},
		{Weights{math.Inf(1), 1, 1, 1}, true},
		{Weights{0, 1, 0, 0}, true}, // nothing left without a task
		{Weights{}, true},
	}
	for _, tt := range tests {
		c := DefaultConfig()
		c.Weights = tt.w
		e, err := New(NewManualClock(t0), c)
		if (err != nil) != tt.wantErr {
			t.Errorf("%+v: err = %v, want error %v", tt.w, err, tt.wantErr)
			continue
		}
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("%+v: %v is not ErrInvalid", tt.w, err)
			}
			continue
		}
		w := e.Config().Weights
		if s := w.History + w.Capability + w.Latency + w.Consistency; !near(s, 1) {
			t.Errorf("%+v: normalised weights sum to %v", tt.w, s)
		}
	}
	c := DefaultConfig()
	c.Weights = Weights{7, 5, 4, 4}
	e, _ := New(NewManualClock(t0), c)
	if w := e.Config().Weights; !near(w.History, 0.35) || !near(w.Capability, 0.25) {
		t.Errorf("7:5:4:4 normalised to %+v", w)
	}
}

func TestConfigRejected(t *testing.T) {
	edits := map[string]func(*Config){
		"zero gain":          func(c *Config) { c.GainRate = 0 },
		"loss above 1":       func(c *Config) { c.LossRate = 1.5 },
		"zero half-life":     func(c *Config) { c.HistoryHalfLife = 0 },
		"latency bounds":     func(c *Config) { c.LatencyBad = c.LatencyGood },
		"window of 1":        func(c *Config) { c.LatencyWindow = 1 },
		"zero window":        func(c *Config) { c.Window = 0 },
		"negative cooldown":  func(c *Config) { c.PromotionCooldown = -time.Second },
		"NaN level score":    func(c *Config) { c.Levels[L3].MinScore = math.NaN() },
		"negative clean":     func(c *Config) { c.Levels[L2].MinClean = -1 },
		"negative drop":      func(c *Config) { c.Demotions = []DemotionRule{{0, -1}} },
		"NaN demotion floor": func(c *Config) { c.Demotions = []DemotionRule{{math.NaN(), 1}} },
	}
	for name, edit := range edits {
		c := DefaultConfig()
		edit(&c)
		if _, err := New(NewManualClock(t0), c); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
	if _, err := New(nil, DefaultConfig()); !errors.Is(err, ErrInvalid) {
		t.Errorf("nil clock: err = %v", err)
	}
}

func TestBadInput(t *testing.T) {
	e, _ := newEngine(t, "a", "b")
	nan := math.NaN()
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"empty id", e.Register("", Profile{}), ErrInvalid},
		{"duplicate", e.Register("a", Profile{}), ErrDuplicate},
		{"NaN capability", e.Register("c", Profile{Speed: nan}), ErrInvalid},
		{"capability above 1", e.Register("c", Profile{Speed: 1.5}), ErrInvalid},
		{"NaN quality", e.RecordInteraction("a", "b", Interaction{Success: true, Quality: nan}), ErrInvalid},
		{"severity above 1", e.RecordInteraction("a", "b", Interaction{Severity: 2}), ErrInvalid},
		{"negative severity", e.Observe("b", Interaction{Severity: -0.5}), ErrInvalid},
		{"NaN severity on a success", e.Observe("b", Interaction{Success: true, Severity: nan}), ErrInvalid},
		{"negative latency", e.RecordInteraction("a", "b", Interaction{Success: true, Latency: -time.Millisecond}), ErrInvalid},
		{"self", e.RecordInteraction("a", "a", Interaction{Success: true}), ErrInvalid},
		{"unknown rater", e.RecordInteraction("x", "b", Interaction{Success: true}), ErrUnknownAgent},
		{"unknown subject", e.RecordInteraction("a", "x", Interaction{Success: true}), ErrUnknownAgent},
		{"observe unknown", e.Observe("x", Interaction{Success: true}), ErrUnknownAgent},
		{"trust unknown", second(e.Trust("a", "x")), ErrUnknownAgent},
		{"trust self", second(e.Trust("a", "a")), ErrInvalid},
		{"NaN need", second(e.TrustFor("a", "b", Task{Needs: Profile{Sensing: nan}})), ErrInvalid},
		{"score unknown", second(e.Score("x")), ErrUnknownAgent},
		{"level unknown", second(e.Level("x")), ErrUnknownAgent},
		{"most trusted unknown rater", third(e.MostTrusted("x", []string{"a"}, Task{})), ErrUnknownAgent},
		{"most trusted unknown candidate", third(e.MostTrusted("a", []string{"b", "x"}, Task{})), ErrUnknownAgent},
		{"most trusted nobody", third(e.MostTrusted("a", []string{"a"}, Task{})), ErrNoCandidates},
		{"most trusted bad task", third(e.MostTrusted("a", []string{"b"}, Task{Needs: Profile{Payload: -1}})), ErrInvalid},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, tt.err, tt.want)
		}
	}
	// Nothing above changed any state.
	if v, _ := e.Trust("a", "b"); v != 0.5 {
		t.Errorf("rejected input moved trust to %v", v)
	}
	if got := e.Agents(); fmt.Sprint(got) != "[a b]" {
		t.Errorf("agents = %v", got)
	}
}

func second[T any](_ T, err error) error        { return err }
func third[T, U any](_ T, _ U, err error) error { return err }

func TestMostTrusted(t *testing.T) {
	e, _ := newEngine(t, "a", "good", "bad", "fresh")
	for range 50 {
		must(t, e.RecordInteraction("a", "good", Interaction{Success: true, Latency: 80 * time.Millisecond}))
		must(t, e.RecordInteraction("a", "bad", Interaction{Success: false, Latency: 80 * time.Millisecond}))
	}
	id, v, err := e.MostTrusted("a", []string{"bad", "fresh", "a", "good"}, Task{})
	if err != nil || id != "good" {
		t.Fatalf("MostTrusted = %q, %v, %v; want good", id, v, err)
	}
	if want, _ := e.Trust("a", "good"); v != want {
		t.Errorf("reported trust %v, Trust says %v", v, want)
	}
	// Ties go to the first candidate.
	if id, _, _ := e.MostTrusted("good", []string{"fresh", "bad"}, Task{}); id != "fresh" {
		t.Errorf("tie went to %q", id)
	}
	// Capability decides between otherwise equal strangers.
	must(t, e.Register("strong", Profile{Payload: 1}))
	must(t, e.Register("weak", Profile{Payload: 0.1}))
	if id, _, _ := e.MostTrusted("a", []string{"weak", "strong"}, Task{Needs: Profile{Payload: 0.8}}); id != "strong" {
		t.Errorf("payload task went to %q", id)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Trust stays in [0,1] whatever sequence of valid and invalid calls is made.
func TestTrustInRangeProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	ids := []string{"a", "b", "c", "d"}
	e, clk := newEngine(t, ids...)
	inputs := []float64{0, 0.3, 1, math.NaN(), -1, 2, math.Inf(1)}
	for i := range 20000 {
		from, to := ids[rng.Intn(4)], ids[rng.Intn(4)]
		x := Interaction{
			Success:  rng.Intn(2) == 0,
			Quality:  inputs[rng.Intn(len(inputs))],
			Severity: inputs[rng.Intn(len(inputs))],
			Latency:  time.Duration(rng.Int63n(3e9) - 1e8),
			TaskType: []string{"", "survey", "tow"}[rng.Intn(3)],
		}
		if rng.Intn(10) == 0 {
			_ = e.Observe(to, x)
		} else {
			_ = e.RecordInteraction(from, to, x)
		}
		clk.Advance(time.Duration(rng.Int63n(int64(4 * time.Hour))))
		var need Profile
		need[rng.Intn(NumCapabilities)] = rng.Float64()
		for _, v := range []float64{
			val(e.TrustFor(from, to, Task{Type: x.TaskType, Needs: need})),
			val(e.Trust(from, to)),
			val(e.Score(to)),
		} {
			if math.IsNaN(v) || v < 0 || v > 1 {
				t.Fatalf("step %d: trust %v out of [0,1]", i, v)
			}
		}
	}
}

func val(v float64, _ error) float64 { return v }

func TestAllowDeploy(t *testing.T) {
	e, _ := newEngine(t, "auv")
	e.agents["auv"].auto.level = L3
	must(t, e.Observe("auv", Interaction{Success: true, Latency: 60 * time.Millisecond}))
	must(t, e.Observe("auv", Interaction{Success: true, Latency: 60 * time.Millisecond}))
	score, _ := e.Score("auv") // ≈ 0.7676
	tests := []struct {
		id     string
		req    Requirement
		ok     bool
		reason string
	}{
		{"auv", Requirement{MinTrust: 0.6, MinLevel: L3}, true, "≥"},
		{"auv", Requirement{MinTrust: 0, MinLevel: L0}, true, "≥"},
		{"auv", Requirement{MinTrust: score, MinLevel: L3}, true, "≥"},
		{"auv", Requirement{MinTrust: 0.8, MinLevel: L3}, false, "trust 0.768 below required 0.80"},
		{"auv", Requirement{MinTrust: 0.6, MinLevel: L4}, false, "autonomy L3 semi-autonomous below required L4 high autonomy"},
		{"ghost", Requirement{MinTrust: 0.1}, false, "not registered"},
		{"auv", Requirement{MinTrust: math.NaN()}, false, "not in [0,1]"},
		{"auv", Requirement{MinTrust: 1.2}, false, "not in [0,1]"},
		{"auv", Requirement{MinLevel: 6}, false, "not L0..L5"},
		{"auv", Requirement{MinLevel: -1}, false, "not L0..L5"},
	}
	for _, tt := range tests {
		ok, reason := e.AllowDeploy(tt.id, tt.req)
		if ok != tt.ok || !strings.Contains(reason, tt.reason) {
			t.Errorf("AllowDeploy(%q, %+v) = %v, %q; want %v, …%q…", tt.id, tt.req, ok, reason, tt.ok, tt.reason)
		}
	}
	// The gate reads the fleet view: peers' praise does not open it.
	e2, _ := newEngine(t, "auv", "friend")
	for range 1000 {
		must(t, e2.RecordInteraction("friend", "auv", Interaction{Success: true, Latency: 50 * time.Millisecond}))
	}
	if ok, reason := e2.AllowDeploy("auv", Requirement{MinTrust: 0.6}); ok {
		t.Errorf("peer praise opened the gate: %s", reason)
	}
}

func TestParseLevel(t *testing.T) {
	for l := L0; int(l) < NumLevels; l++ {
		s := fmt.Sprintf("L%d", l)
		if got, err := ParseLevel(s); err != nil || got != l {
			t.Errorf("ParseLevel(%q) = %v, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "L6", "L", "3", "L-1", "L10", "X3"} {
		if _, err := ParseLevel(s); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseLevel(%q) err = %v", s, err)
		}
	}
	if s := L3.String(); s != "L3 semi-autonomous" {
		t.Errorf("L3 = %q", s)
	}
	if s := Level(9).String(); s != "L?(9)" {
		t.Errorf("Level(9) = %q", s)
	}
}

func TestConcurrentUse(t *testing.T) {
	ids := []string{"a", "b", "c", "d", "e"}
	e, clk := newEngine(t, ids...)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				from, to := ids[(g+i)%5], ids[(g+2*i+1)%5]
				if from == to {
					continue
				}
				_ = e.RecordInteraction(from, to, Interaction{Success: i%7 != 0, Latency: time.Duration(50+i%300) * time.Millisecond})
				_ = e.Observe(to, Interaction{Success: true})
				_, _, _ = e.MostTrusted(from, ids, Task{Needs: Profile{Navigation: 0.5}})
				_, _ = e.Level(to)
				_, _ = e.AllowDeploy(to, Requirement{MinTrust: 0.5, MinLevel: L1})
				clk.Advance(time.Minute)
			}
		}()
	}
	wg.Wait()
}

func BenchmarkRecordInteraction(b *testing.B) {
	e, clk := newEngine(b, "a", "b", "c")
	x := Interaction{Success: true, Latency: 120 * time.Millisecond, TaskType: "survey"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		x.Success = i%30 != 0
		if err := e.RecordInteraction("a", "b", x); err != nil {
			b.Fatal(err)
		}
		clk.Advance(time.Second)
	}
}

func BenchmarkTrust(b *testing.B) {
	e, _ := newEngine(b, "a", "b")
	for i := range 32 {
		must(b, e.RecordInteraction("a", "b", Interaction{Success: true, Latency: time.Duration(80+i) * time.Millisecond, TaskType: "survey"}))
	}
	task := Task{Type: "survey", Needs: Profile{Navigation: 0.7, Sensing: 0.5, Endurance: 0.3}}
	b.Run("no-task", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := e.Trust("a", "b"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("task", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := e.TrustFor("a", "b", task); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkMostTrusted(b *testing.B) {
	ids := make([]string, 101)
	for i := range ids {
		ids[i] = fmt.Sprintf("agent-%03d", i)
	}
	e, _ := newEngine(b, ids...)
	for i, id := range ids[1:] {
		must(b, e.RecordInteraction(ids[0], id, Interaction{Success: i%3 != 0, Latency: 100 * time.Millisecond}))
	}
	task := Task{Needs: Profile{Navigation: 0.7, Sensing: 0.5}}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := e.MostTrusted(ids[0], ids[1:], task); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*100), "ns/candidate")
}

// The threat model of collusion: what one agent records about another moves
// only its own view. Colluders praising each other do not change what an
// honest agent, or the fleet, thinks of either.
func TestPraiseStaysFirstHand(t *testing.T) {
	e, _ := newEngine(t, "honest", "c1", "c2")
	for range 3 {
		must(t, e.RecordInteraction("honest", "c1", Interaction{Success: false, Latency: 90 * time.Millisecond}))
	}
	before, _ := e.Trust("honest", "c1")
	for range 10000 {
		must(t, e.RecordInteraction("c2", "c1", Interaction{Success: true, Latency: 10 * time.Millisecond}))
	}
	if after, _ := e.Trust("honest", "c1"); after != before {
		t.Errorf("praise moved an honest agent's trust %v → %v", before, after)
	}
	if s, _ := e.Score("c1"); s != 0.5 {
		t.Errorf("praise moved the fleet's score to %v", s)
	}
	if v, _ := e.Trust("c2", "c1"); v < 0.9 {
		t.Errorf("the praiser's own view %v, want it convinced", v)
	}
}
