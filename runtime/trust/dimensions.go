package trust

import (
	"math"
	"time"
)

// neutral is the value of a dimension without evidence.
const neutral = 0.5

// history is one rater's experience of one subject. It stores the offset
// from neutral, so the zero value is a fresh, neutral history.
type history struct {
	dev float64   // value − neutral at time at
	at  time.Time // time of the last update
	n   int       // observations so far
}

// value is the history at time t: the stored value decayed toward neutral
// for the time since the last update. Time before the last update (a clock
// set back) decays nothing.
func (h *history) value(t time.Time, halfLife time.Duration) float64 {
	dt := t.Sub(h.at)
	if h.n == 0 || dt <= 0 {
		return neutral + h.dev
	}
	return neutral + h.dev*math.Exp2(-float64(dt)/float64(halfLife))
}

// record applies one observation at time t. w is the quality of a success
// or the severity of a failure, in [0,1]. Gain is proportional to the
// distance to 1 and loss to the distance to 0, so the value stays in [0,1]
// and moves slowest where it is most certain.
func (h *history) record(t time.Time, success bool, w float64, c *Config) {
	v := h.value(t, c.HistoryHalfLife)
	if success {
		v += c.GainRate * w * (1 - v)
	} else {
		v -= c.LossRate * w * v
	}
	h.dev = clamp01(v) - neutral
	if t.After(h.at) || h.n == 0 {
		h.at = t
	}
	h.n++
}

// latencies is a ring of the most recent latencies measured on one pair,
// with the two scores they give. Scores are computed when a sample is added,
// since trust is read far more often than latency is measured.
type latencies struct {
	buf      []time.Duration
	next     int
	n        int
	lat, con float64 // valid when n ≥ 2
}

func (l *latencies) add(d time.Duration, c *Config) {
	l.buf[l.next] = d
	l.next = (l.next + 1) % len(l.buf)
	if l.n < len(l.buf) {
		l.n++
	}
	if l.n >= 2 {
		mean, sd := l.stats()
		l.lat, l.con = latencyScore(mean, c), consistencyScore(mean, sd)
	}
}

// stats returns the mean and population standard deviation in seconds.
func (l *latencies) stats() (mean, sd float64) {
	for _, d := range l.buf[:l.n] {
		mean += d.Seconds()
	}
	mean /= float64(l.n)
	for _, d := range l.buf[:l.n] {
		x := d.Seconds() - mean
		sd += x * x
	}
	return mean, math.Sqrt(sd / float64(l.n))
}

// scores returns the latency and consistency dimensions. Both are neutral
// until two samples are known: one sample has no variation to measure, and
// scoring latency from it alone would let a single lucky reply count fully.
func (l *latencies) scores() (latency, consistency float64) {
	if l.n < 2 {
		return neutral, neutral
	}
	return l.lat, l.con
}

// latencyScore is 1 at or below LatencyGood and falls linearly to 0 at
// LatencyBad.
func latencyScore(mean float64, c *Config) float64 {
	good, bad := c.LatencyGood.Seconds(), c.LatencyBad.Seconds()
	return clamp01((bad - mean) / (bad - good))
}

// consistencyScore is 1 − the coefficient of variation. Latencies are
// positive (zero means not measured), so the mean is never 0.
func consistencyScore(mean, sd float64) float64 {
	if mean <= 0 {
		return neutral
	}
	return clamp01(1 - sd/mean)
}

func clamp01(v float64) float64 {
	switch {
	case v < 0:
		return 0
	case v > 1:
		return 1
	}
	return v
}
