package node

import (
	"errors"
	"fmt"
	"math"
)

// Direction says which way a metric goes bad.
type Direction uint8

const (
	// HighIsBad: the metric is unhealthy at or above its thresholds
	// (temperature, current draw, latency).
	HighIsBad Direction = iota
	// LowIsBad: the metric is unhealthy at or below its thresholds
	// (battery, signal strength).
	LowIsBad
)

func (d Direction) String() string {
	if d == LowIsBad {
		return "low is bad"
	}
	return "high is bad"
}

// Level is a metric's health.
type Level uint8

// Levels, ordered from healthy to worst so that max picks the worse one.
const (
	OK Level = iota
	Warning
	Critical
)

func (l Level) String() string {
	switch l {
	case OK:
		return "ok"
	case Warning:
		return "warning"
	case Critical:
		return "critical"
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// Metric defines a named health metric.
type Metric struct {
	Name      string
	Direction Direction
	// Warning and Critical are inclusive thresholds: for HighIsBad a value
	// ≥ Critical is critical; for LowIsBad a value ≤ Critical is.
	Warning, Critical float64
	// Hysteresis is the margin (≥ 0, in the metric's units) that a value
	// must clear before the metric improves: a HighIsBad metric leaves
	// critical only below Critical−Hysteresis (strictly, as the thresholds
	// themselves are inclusive), a LowIsBad one only above
	// Critical+Hysteresis; likewise for warning.
	Hysteresis float64
}

// ErrBadMetric is matched by errors from DefineMetric and Report.
var ErrBadMetric = errors.New("bad metric")

func (m Metric) validate() error {
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	switch {
	case m.Name == "":
		return fmt.Errorf("%w: metric name is empty", ErrBadMetric)
	case m.Direction != HighIsBad && m.Direction != LowIsBad:
		return fmt.Errorf("%w: metric %q has direction %d, want HighIsBad or LowIsBad", ErrBadMetric, m.Name, m.Direction)
	case !finite(m.Warning) || !finite(m.Critical) || !finite(m.Hysteresis):
		return fmt.Errorf("%w: metric %q has a non-finite threshold or hysteresis", ErrBadMetric, m.Name)
	case m.Hysteresis < 0:
		return fmt.Errorf("%w: metric %q has hysteresis %g, want ≥ 0", ErrBadMetric, m.Name, m.Hysteresis)
	case m.Direction == HighIsBad && !(m.Warning < m.Critical):
		return fmt.Errorf("%w: metric %q (high is bad) has warning %g ≥ critical %g, want warning < critical", ErrBadMetric, m.Name, m.Warning, m.Critical)
	case m.Direction == LowIsBad && !(m.Warning > m.Critical):
		return fmt.Errorf("%w: metric %q (low is bad) has warning %g ≤ critical %g, want warning > critical", ErrBadMetric, m.Name, m.Warning, m.Critical)
	}
	return nil
}

// levelAt classifies v against the thresholds moved toward healthy by
// margin; margin 0 gives the plain classification.
func (m Metric) levelAt(v, margin float64) Level {
	if math.IsNaN(v) {
		return Critical
	}
	bad := func(th float64) bool {
		if m.Direction == LowIsBad {
			return v <= th+margin
		}
		return v >= th-margin
	}
	switch {
	case bad(m.Critical):
		return Critical
	case bad(m.Warning):
		return Warning
	}
	return OK
}

// next is the Schmitt trigger: worsening is immediate, improving needs the
// value to clear the threshold it is leaving by the hysteresis margin.
func (m Metric) next(cur Level, v float64) Level {
	raw := m.levelAt(v, 0)
	if raw >= cur {
		return raw
	}
	return max(raw, min(cur, m.levelAt(v, m.Hysteresis)))
}

// MetricStatus is a metric's definition and latest sample.
type MetricStatus struct {
	Metric
	Value    float64 // latest sample; meaningless unless Reported
	Reported bool    // false until the first Report; such a metric counts as OK
	Level    Level
}

func (s MetricStatus) String() string {
	if !s.Reported {
		return fmt.Sprintf("%s: no sample", s.Name)
	}
	return fmt.Sprintf("%s=%g %v", s.Name, s.Value, s.Level)
}

// cause describes why s is at its level, for audit reasons. It names the
// threshold rather than asserting a comparison, because under hysteresis a
// metric may hold a level its latest value alone would not give it.
func (s MetricStatus) cause() string {
	th := s.Critical
	if s.Level == Warning {
		th = s.Warning
	}
	return fmt.Sprintf("%s %v at %g (threshold %g, %v)", s.Name, s.Level, s.Value, th, s.Direction)
}
