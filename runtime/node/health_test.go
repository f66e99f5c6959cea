package node

import (
	"errors"
	"math"
	"testing"
	"time"
)

var (
	temp    = Metric{Name: "temp", Direction: HighIsBad, Warning: 70, Critical: 85, Hysteresis: 2}
	battery = Metric{Name: "battery", Direction: LowIsBad, Warning: 30, Critical: 15, Hysteresis: 5}
)

// TestMetricLevels walks each metric through a sequence of samples and
// checks the level after each: thresholds are inclusive, direction-aware,
// and a level is only left once the value clears it by the margin.
func TestMetricLevels(t *testing.T) {
	for _, tc := range []struct {
		m       Metric
		samples []float64
		want    []Level
	}{
		{temp, []float64{20, 69.9, 70, 84.9, 85, 200}, []Level{OK, OK, Warning, Warning, Critical, Critical}},
		{temp, []float64{90, 84, 83, 82.9, 69, 68, 67.9, 84}, []Level{Critical, Critical, Critical, Warning, Warning, Warning, OK, Warning}},
		{temp, []float64{90, 10}, []Level{Critical, OK}}, // a clear recovery skips straight to OK
		{temp, []float64{50, math.NaN(), 50}, []Level{OK, Critical, OK}},
		{battery, []float64{100, 30.1, 30, 15.1, 15, -5}, []Level{OK, OK, Warning, Warning, Critical, Critical}},
		{battery, []float64{10, 16, 20, 20.1, 34.9, 35, 35.1, 29}, []Level{Critical, Critical, Critical, Warning, Warning, Warning, OK, Warning}},
		{Metric{Name: "plain", Warning: 1, Critical: 2}, []float64{2, 1.99, 0.99}, []Level{Critical, Warning, OK}},
	} {
		lvl := OK
		for i, v := range tc.samples {
			lvl = tc.m.next(lvl, v)
			if lvl != tc.want[i] {
				t.Errorf("%s after %v: %v, want %v", tc.m.Name, tc.samples[:i+1], lvl, tc.want[i])
				break
			}
		}
	}
}

func TestMetricValidation(t *testing.T) {
	n, _ := newNode(t, DefaultConfig())
	for _, m := range []Metric{
		{},
		{Name: "x", Direction: 7, Warning: 1, Critical: 2},
		{Name: "x", Warning: 2, Critical: 2},
		{Name: "x", Warning: 3, Critical: 2},
		{Name: "x", Direction: LowIsBad, Warning: 1, Critical: 2},
		{Name: "x", Warning: math.NaN(), Critical: 2},
		{Name: "x", Warning: 1, Critical: math.Inf(1)},
		{Name: "x", Warning: 1, Critical: 2, Hysteresis: -1},
	} {
		if err := n.DefineMetric(m); !errors.Is(err, ErrBadMetric) {
			t.Errorf("DefineMetric(%+v) = %v, want ErrBadMetric", m, err)
		}
	}
	if err := n.Report("nope", 1); !errors.Is(err, ErrBadMetric) {
		t.Errorf("Report of an undefined metric: %v", err)
	}
	if len(n.Metrics()) != 0 {
		t.Errorf("rejected metrics were kept: %v", n.Metrics())
	}
}

func TestMetricsReport(t *testing.T) {
	n, _ := newNode(t, DefaultConfig())
	for _, m := range []Metric{temp, battery} {
		if err := n.DefineMetric(m); err != nil {
			t.Fatal(err)
		}
	}
	_ = n.Report("battery", 20)
	got := n.Metrics()
	if len(got) != 2 || got[0].Name != "temp" || got[0].Reported || got[0].Level != OK ||
		got[1].Name != "battery" || !got[1].Reported || got[1].Value != 20 || got[1].Level != Warning {
		t.Fatalf("Metrics = %v", got)
	}
	if got[0].String() != "temp: no sample" || got[1].String() != "battery=20 warning" {
		t.Errorf("strings %q, %q", got[0], got[1])
	}
	// Redefinition keeps the sample and re-classifies it.
	b := battery
	b.Warning, b.Critical = 60, 40
	if err := n.DefineMetric(b); err != nil {
		t.Fatal(err)
	}
	if got := n.Metrics(); len(got) != 2 || got[1].Level != Critical {
		t.Errorf("after redefinition: %v", got)
	}
}

// TestHealthDrivesDegraded checks the node-level policy: any critical
// degrades; warnings degrade only when configured; the node steps back up
// only after every metric has been OK for HealthyHold on every tick.
func TestHealthDrivesDegraded(t *testing.T) {
	cfg := DefaultConfig()
	cfg.HealthyHold = 3 * time.Second
	n, clk := newNode(t, cfg)
	for _, m := range []Metric{temp, battery} {
		if err := n.DefineMetric(m); err != nil {
			t.Fatal(err)
		}
	}
	_ = n.Enter(Connecting, "boot")
	tick := func(want State) {
		t.Helper()
		clk.Advance(time.Second)
		n.Heartbeat()
		if err := n.Tick(); err != nil {
			t.Fatal(err)
		}
		if n.State() != want {
			t.Fatalf("at %v: %v, want %v", clk.Now().Sub(epoch), n.State(), want)
		}
	}
	tick(Active)
	_ = n.Report("temp", 75)
	_ = n.Report("battery", 25)
	tick(Active) // two warnings, but warnings alone do not degrade by default
	_ = n.Report("temp", 86)
	tick(Degraded)
	_ = n.Report("temp", 84)
	tick(Degraded) // 84 is below critical but inside the hysteresis band
	_ = n.Report("temp", 50)
	_ = n.Report("battery", 90)
	tick(Degraded) // hold starts
	tick(Degraded)
	_ = n.Report("battery", 29)
	tick(Degraded) // one warning resets the hold
	_ = n.Report("battery", 90)
	tick(Degraded)
	tick(Degraded)
	tick(Degraded)
	tick(Active) // three seconds of all OK
}

func TestWarningsToDegrade(t *testing.T) {
	cfg := DefaultConfig()
	cfg.WarningsToDegrade = 2
	n, clk := newNode(t, cfg)
	for _, m := range []Metric{temp, battery} {
		_ = n.DefineMetric(m)
	}
	_ = n.Enter(Connecting, "boot")
	n.Heartbeat()
	_ = n.Tick()
	_ = n.Report("temp", 75)
	clk.Advance(time.Millisecond)
	n.Heartbeat()
	_ = n.Tick()
	if n.State() != Active {
		t.Fatalf("one warning of two: %v", n.State())
	}
	_ = n.Report("battery", 25)
	_ = n.Tick()
	h := n.History()
	if n.State() != Degraded || h[len(h)-1].Reason != "2 metrics at warning: temp, battery" {
		t.Fatalf("two warnings: %v, %v", n.State(), h[len(h)-1])
	}
}

// A node whose health is already critical when it first hears a heartbeat
// connects straight into DEGRADED.
func TestConnectDegraded(t *testing.T) {
	n, _ := newNode(t, DefaultConfig())
	_ = n.DefineMetric(battery)
	_ = n.Report("battery", 5)
	_ = n.Enter(Connecting, "boot")
	_ = n.Tick()
	if n.State() != Connecting {
		t.Fatalf("no heartbeat yet: %v", n.State())
	}
	n.Heartbeat()
	_ = n.Tick()
	if n.State() != Degraded {
		t.Fatalf("got %v, want DEGRADED", n.State())
	}
}
