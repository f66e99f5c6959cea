package trust

import (
	"math"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestMatch(t *testing.T) {
	tests := []struct {
		name       string
		have, need Profile
		want       float64
		ok         bool
	}{
		{"nothing needed", Profile{Navigation: 1}, Profile{}, 0, false},
		{"exactly met", Profile{Navigation: 0.6}, Profile{Navigation: 0.6}, 1, true},
		{"exceeded earns nothing extra", Profile{Navigation: 1, Sensing: 0.2}, Profile{Navigation: 0.5, Sensing: 0.4}, 0.75, true},
		{"half met", Profile{Sensing: 0.3}, Profile{Sensing: 0.6}, 0.5, true},
		{"missing capability scores 0", Profile{Navigation: 1}, Profile{Navigation: 0.5, Payload: 0.5}, 0.5, true},
		{"none of the needs", Profile{Speed: 1}, Profile{Payload: 0.1, Manipulation: 0.1}, 0, true},
		{"unneeded dimensions ignored", Profile{Speed: 0, Sensing: 1}, Profile{Sensing: 0.9}, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := match(tt.have, tt.need)
			if ok != tt.ok || !near(got, tt.want) {
				t.Errorf("match = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestLatencyScores(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name     string
		samples  []time.Duration
		lat, con float64
	}{
		{"none", nil, 0.5, 0.5},
		{"one sample is not enough", []time.Duration{50 * ms}, 0.5, 0.5},
		{"fast and steady", []time.Duration{80 * ms, 80 * ms}, 1, 1},
		{"exactly 100 ms", []time.Duration{100 * ms, 100 * ms}, 1, 1},
		{"midway", []time.Duration{550 * ms, 550 * ms}, 0.5, 1},
		{"exactly 1 s", []time.Duration{time.Second, time.Second}, 0, 1},
		{"slower than 1 s", []time.Duration{3 * time.Second, 3 * time.Second}, 0, 1},
		// mean 200 ms, sd 100 ms: CV 0.5.
		{"jittery", []time.Duration{100 * ms, 300 * ms}, 8.0 / 9, 0.5},
		// mean 0.50075 s, CV above 1: consistency clamps to 0.
		{"wild", []time.Duration{ms, ms, ms, 2 * time.Second}, 1 - (0.50075-0.1)/0.9, 0},
	}
	c := DefaultConfig()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &latencies{buf: make([]time.Duration, c.LatencyWindow)}
			for _, s := range tt.samples {
				l.add(s, &c)
			}
			lat, con := l.scores()
			if !near(lat, tt.lat) || !near(con, tt.con) {
				t.Errorf("scores = %v, %v; want %v, %v", lat, con, tt.lat, tt.con)
			}
		})
	}
}

func TestLatencyWindowKeepsRecent(t *testing.T) {
	c := DefaultConfig()
	c.LatencyWindow = 3
	l := &latencies{buf: make([]time.Duration, c.LatencyWindow)}
	for range 10 {
		l.add(2*time.Second, &c)
	}
	for range 3 {
		l.add(50*time.Millisecond, &c)
	}
	if lat, con := l.scores(); !near(lat, 1) || !near(con, 1) {
		t.Errorf("after the window refilled: %v, %v; want 1, 1", lat, con)
	}
}

// One failure costs 25 successes near 0.5: the seed's "earned slowly, lost
// rapidly" with gain 0.002 and loss 0.05.
func TestAsymmetry(t *testing.T) {
	c := DefaultConfig()
	var up, down history
	up.record(t0, true, 1, &c)
	down.record(t0, false, 1, &c)
	gain := up.value(t0, c.HistoryHalfLife) - 0.5
	loss := 0.5 - down.value(t0, c.HistoryHalfLife)
	if !near(gain, 0.001) || !near(loss, 0.025) || !near(loss/gain, 25) {
		t.Errorf("gain %v loss %v ratio %v; want 0.001, 0.025, 25", gain, loss, loss/gain)
	}
	// Gain shrinks as trust grows, loss grows: the ratio at h is 25·h/(1−h).
	for _, h := range []float64{0.1, 0.3, 0.5, 0.7, 0.9} {
		g := c.GainRate * (1 - h)
		l := c.LossRate * h
		if !near(l/g, 25*h/(1-h)) {
			t.Errorf("h=%v: ratio %v", h, l/g)
		}
	}
}

func TestHistoryStaysInRange(t *testing.T) {
	c := DefaultConfig()
	c.GainRate, c.LossRate = 1, 1 // the extremes the config allows
	var h history
	for i := range 1000 {
		h.record(t0.Add(time.Duration(i)*time.Second), i%3 != 0, 1, &c)
		if v := h.value(t0.Add(time.Duration(i)*time.Second), c.HistoryHalfLife); v < 0 || v > 1 {
			t.Fatalf("step %d: history %v out of [0,1]", i, v)
		}
	}
}

// Decay moves history toward 0.5, monotonically with elapsed time, from
// either side, and halves the distance every half-life.
func TestDecay(t *testing.T) {
	c := DefaultConfig()
	for _, success := range []bool{true, false} {
		var h history
		for range 200 {
			h.record(t0, success, 1, &c)
		}
		start := h.value(t0, c.HistoryHalfLife)
		prev := math.Abs(start - 0.5)
		for d := time.Duration(0); d <= 60*24*time.Hour; d += time.Hour {
			dist := math.Abs(h.value(t0.Add(d), c.HistoryHalfLife) - 0.5)
			if dist > prev+1e-15 {
				t.Fatalf("success=%v: distance to 0.5 grew at %v: %v > %v", success, d, dist, prev)
			}
			prev = dist
		}
		half := math.Abs(h.value(t0.Add(c.HistoryHalfLife), c.HistoryHalfLife) - 0.5)
		if !near(half, math.Abs(start-0.5)/2) {
			t.Errorf("success=%v: after one half-life distance %v, want %v", success, half, math.Abs(start-0.5)/2)
		}
		// Reading does not decay: the value depends on elapsed time only,
		// not on how often it is read.
		if v := h.value(t0.Add(-time.Hour), c.HistoryHalfLife); v != start {
			t.Errorf("before the last update: %v, want %v", v, start)
		}
	}
}
