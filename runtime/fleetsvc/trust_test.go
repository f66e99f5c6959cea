package fleetsvc

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/nexusfleet/nexus/runtime/trust"
)

func mustTrust(t *testing.T, c *Client, id string) TrustInfo {
	t.Helper()
	ti, err := c.Trust(id)
	if err != nil {
		t.Fatal(err)
	}
	return ti
}

// storedLevel reads a vessel's trust record straight from the bucket and
// returns the level it restores to at the clock's time.
func storedLevel(t *testing.T, s *Service, clk trust.Clock, id string) trust.Level {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e, err := s.kv.Get(ctx, trustKey(id))
	if err != nil {
		t.Fatal(err)
	}
	eng, _ := trust.New(clk, trust.DefaultConfig())
	if _, err := eng.Import(e.Value()); err != nil {
		t.Fatalf("stored trust of %s: %v", id, err)
	}
	l, _ := eng.Level(id)
	return l
}

// A restarted service keeps the trust it had: scores to the last bit,
// autonomy levels, the cooldown of a demotion. A failure's demotion is in
// the bucket as soon as the failure is reported, not at the next sweep,
// so not even a crash can undo it.
func TestRestartKeepsTrust(t *testing.T) {
	dir := t.TempDir()
	clk := trust.NewManualClock(time.Now())
	opts := Options{StoreDir: dir, HeartbeatTimeout: time.Hour, trustClock: clk}
	s, c := start(t, opts)
	mustRegister(t, c, "steady", map[string]float64{"sensing": 0.5}, 1)
	mustRegister(t, c, "faulty", map[string]float64{"payload": 0.9}, 1)
	// Twelve hours of hourly heartbeats earn both L1 (8 h, 4 clean windows).
	for range 12 {
		clk.Advance(time.Hour)
		for _, hb := range []struct {
			id  string
			lat time.Duration
		}{{"steady", 30 * time.Millisecond}, {"faulty", 400 * time.Millisecond}} {
			if _, err := c.Heartbeat(hb.id, hb.lat); err != nil {
				t.Fatal(err)
			}
		}
	}
	clk.Advance(time.Hour) // close the last window
	for _, id := range []string{"steady", "faulty"} {
		if ti := mustTrust(t, c, id); ti.Level != trust.L1.String() || ti.Score <= 0.5 {
			t.Fatalf("%s before the failure: %+v, want L1 above neutral", id, ti)
		}
	}
	// Only faulty can carry the task; it fails, and reflex_error demotes.
	if _, err := c.Submit(SubmitRequest{ID: "lift", Required: map[string]float64{"payload": 0.8}, Weight: 1, MaxRetries: -1}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "lift assigned", func() bool { return taskState(t, c, "lift").Vessel == "faulty" })
	if _, err := c.Fail("lift"); err != nil {
		t.Fatal(err)
	}
	if l := storedLevel(t, s, clk, "faulty"); l != trust.L0 {
		t.Errorf("stored level of faulty right after its failure = %v, want L0", l)
	}
	before := map[string]TrustInfo{}
	for _, id := range []string{"steady", "faulty"} {
		before[id] = mustTrust(t, c, id)
	}
	c.Close()
	s.Close()

	_, c2 := start(t, opts)
	for id, want := range before {
		got := mustTrust(t, c2, id)
		if d := cmp.Diff(want, got, cmpopts.IgnoreFields(TrustInfo{}, "Saved")); d != "" {
			t.Errorf("%s after restart (-before +after):\n%s", id, d)
		}
	}
	if f := before["faulty"]; f.Level != trust.L0.String() || f.LevelChanged.IsZero() || f.Next.NotBefore.IsZero() {
		t.Errorf("faulty = %+v, want L0 with a level change and a cooldown", f)
	}
	vs, err := c2.Vessels()
	if err != nil || len(vs) != 2 || vs[1].ID != "steady" || vs[1].Level != trust.L1.String() || vs[1].Trust != before["steady"].Score {
		t.Errorf("vessels after restart = %+v, %v", vs, err)
	}
	// Trust goes on from where it was: steady keeps climbing.
	clk.Advance(time.Hour)
	if _, err := c2.Heartbeat("steady", 30*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if ti := mustTrust(t, c2, "steady"); ti.Observations != before["steady"].Observations+1 {
		t.Errorf("steady after one more heartbeat: %d observations, want %d", ti.Observations, before["steady"].Observations+1)
	}
}

// A trust record the engine refuses, or one filed under the wrong vessel,
// is skipped: the service starts, and that vessel starts from neutral.
func TestCorruptTrustRecordIsSkipped(t *testing.T) {
	dir := t.TempDir()
	s, c := start(t, Options{StoreDir: dir})
	for _, id := range []string{"a", "b", "c"} {
		mustRegister(t, c, id, nil, 1)
	}
	for range 3 {
		if _, err := c.Heartbeat("b", 20*time.Millisecond); err != nil {
			t.Fatal(err)
		}
	}
	c.Close()
	s.Close()
	// Reopen the store only to damage it: a's record of another version,
	// and copies of b's filed under c and under a vessel that does not
	// exist.
	s, _ = start(t, Options{StoreDir: dir})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	bRec, err := s.kv.Get(ctx, trustKey("b"))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{
		trustKey("a"):     `{"version":99,"agent":"a"}`,
		trustKey("c"):     string(bRec.Value()),
		trustKey("ghost"): string(bRec.Value()),
	} {
		if _, err := s.kv.Put(ctx, k, []byte(v)); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	_, c2 := start(t, Options{StoreDir: dir})
	if ti := mustTrust(t, c2, "a"); ti.Score != 0.5 || ti.Observations != 0 {
		t.Errorf("a with a corrupt record: %+v, want neutral", ti)
	}
	if ti := mustTrust(t, c2, "c"); ti.Observations != 0 {
		t.Errorf("c with b's record: %+v, want neutral", ti)
	}
	if ti := mustTrust(t, c2, "b"); ti.Observations != 3 {
		t.Errorf("b: %+v, want its 3 observations back", ti)
	}
	if _, err := c2.Trust("ghost"); !errors.Is(err, ErrRejected) {
		t.Errorf("trust of an unregistered vessel: %v, want ErrRejected", err)
	}
}
