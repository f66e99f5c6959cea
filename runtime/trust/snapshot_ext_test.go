package trust_test

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nexusfleet/nexus/runtime/trust"
)

const goldenSnapshot = "testdata/snapshot-v1.json"

// scenario is three days of an AUV's life: hourly heartbeats with their
// latencies, a completed survey, one sensor fault, and a peer's relays.
func scenario(t testing.TB) (*trust.Engine, *trust.ManualClock) {
	t.Helper()
	clk := trust.NewManualClock(time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC))
	e, err := trust.New(clk, trust.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"auv-1", "auv-2"} {
		if err := e.Register(id, trust.Profile{trust.Navigation: 0.9, trust.Sensing: 0.75, trust.Endurance: 0.6}); err != nil {
			t.Fatal(err)
		}
	}
	for h := range 72 {
		clk.Advance(time.Hour)
		x := trust.Interaction{Success: true, Quality: 0.7, Latency: time.Duration(40+h%7*5) * time.Millisecond}
		switch h {
		case 30:
			x = trust.Interaction{Success: true, Quality: 0.8, TaskType: "survey"}
		case 50:
			x = trust.Interaction{Severity: 0.5}
		}
		if err := e.Observe("auv-2", x); err != nil {
			t.Fatal(err)
		}
		if h%12 == 0 {
			err := e.RecordInteraction("auv-1", "auv-2", trust.Interaction{Success: true, Latency: 180 * time.Millisecond, TaskType: "relay"})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	return e, clk
}

// The version-1 format is fixed: the scenario exports the golden file
// byte for byte, and the golden file imports to the same trust. A change
// to the format shows up here first and needs a new SnapshotVersion.
//
//	go test ./runtime/trust -run TestSnapshotGolden -update
func TestSnapshotGolden(t *testing.T) {
	e, clk := scenario(t)
	got, err := e.Export("auv-2")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(goldenSnapshot, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Export(auv-2) differs from %s (run with -update if the change is intended, and bump SnapshotVersion if the format changed):\n%s", goldenSnapshot, got)
	}
	r, err := trust.New(trust.NewManualClock(clk.Now()), trust.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if id, err := r.Import(want); err != nil || id != "auv-2" {
		t.Fatalf("Import(%s) = %q, %v", goldenSnapshot, id, err)
	}
	s1, _ := e.Standing("auv-2")
	s2, _ := r.Standing("auv-2")
	if s1.Score != s2.Score || s1.Level != s2.Level || s1.CleanWindows != s2.CleanWindows {
		t.Errorf("restored standing %+v, want %+v", s2, s1)
	}
}

// Import never panics, refuses only with ErrSnapshot, and what it accepts
// is a state the engine works with: trust in [0,1], a valid level, and a
// snapshot that reads back to itself.
func FuzzImport(f *testing.F) {
	e, _ := scenario(f)
	for _, id := range e.Agents() {
		b, err := e.Export(id)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/2])
		f.Add(bytes.Replace(b, []byte(`"version":1`), []byte(`"version":2`), 1))
		f.Add(bytes.Replace(b, []byte(`"level":0`), []byte(`"level":7`), 1))
	}
	if b, err := os.ReadFile(filepath.FromSlash(goldenSnapshot)); err == nil {
		f.Add(b)
	}
	for _, s := range []string{
		``, `null`, `{}`, `{"version":1}`, `{"version":1,"agent":"x","autonomy":{"level":0}}`,
		`{"version":1,"agent":"x","autonomy":{"level":0},"views":[{"rater":"","history":{"offset":0.5,"observations":1},"latencies_ns":[1,2,3],"latency_next":3}]}`,
		`{"version":1,"agent":"x","autonomy":{"level":5,"started":true,"first_observed":"0001-01-01T00:00:00Z","window_start":"9999-12-31T23:59:59Z","clean_windows":9007199254740993}}`,
	} {
		f.Add([]byte(s))
	}
	start := time.Date(2026, 3, 4, 6, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		clk := trust.NewManualClock(start)
		e, err := trust.New(clk, trust.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		id, err := e.Import(data)
		if err != nil {
			if !errors.Is(err, trust.ErrSnapshot) {
				t.Fatalf("refusal %v is not an ErrSnapshot", err)
			}
			return
		}
		first, err := e.Export(id)
		if err != nil {
			return // a time the JSON form cannot hold; the engine is intact
		}
		check := func() {
			for _, v := range []float64{val(e.Score(id)), must2(e.Standing(id)).History} {
				if math.IsNaN(v) || v < 0 || v > 1 {
					t.Fatalf("trust %v out of [0,1] after importing %q", v, data)
				}
			}
			if l := must2(e.Level(id)); l < trust.L0 || int(l) >= trust.NumLevels {
				t.Fatalf("level %v after importing %q", l, data)
			}
			e.AllowDeploy(id, trust.Requirement{MinTrust: 0.5, MinLevel: trust.L2})
		}
		check()
		// Read back before anything moves: the snapshot is a fixpoint.
		r, _ := trust.New(trust.NewManualClock(start), trust.DefaultConfig())
		if _, err := r.Import(first); err != nil {
			t.Fatalf("own export refused: %v\n%s", err, first)
		}
		if again, _ := r.Export(id); !bytes.Equal(again, first) {
			t.Fatalf("export of a re-import differs:\n%s\n%s", again, first)
		}
		// And the restored state keeps working.
		_ = e.Register("peer", trust.Profile{})
		for _, x := range []trust.Interaction{{Success: true, Latency: time.Millisecond}, {Severity: 1}} {
			clk.Advance(90 * time.Minute)
			_ = e.Observe(id, x)
			if id != "peer" {
				_ = e.RecordInteraction("peer", id, x)
			}
			check()
		}
	})
}

func val(v float64, _ error) float64 { return v }

func must2[T any](v T, _ error) T { return v }
