package trust

import (
	"sync"
	"time"
)

// Clock tells the engine the time. The engine never reads the wall clock
// itself: a service passes a clock backed by time.Now, a test or simulation a
// ManualClock, and the same observations at the same times always give the
// same trust.
type Clock interface {
	Now() time.Time
}

// ManualClock is a Clock that moves only when told to. It is safe for
// concurrent use.
type ManualClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewManualClock returns a clock that reads start until advanced.
func NewManualClock(start time.Time) *ManualClock {
	return &ManualClock{t: start}
}

// Now returns the clock's current time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d. A negative d is ignored: time that
// runs backwards would let decay and cooldowns be replayed.
func (c *ManualClock) Advance(d time.Duration) {
	if d <= 0 {
		return
	}
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}
