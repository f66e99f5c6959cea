package trust

import (
	"fmt"
	"math"
)

// Capability names one dimension of a Profile.
type Capability int

// The capability dimensions of the seed's profile, in its order.
const (
	Navigation Capability = iota
	Sensing
	Communication
	Computation
	Endurance
	Manipulation
	Payload
	Speed
	NumCapabilities int = iota
)

var capabilityNames = [NumCapabilities]string{
	"navigation", "sensing", "communication", "computation",
	"endurance", "manipulation", "payload", "speed",
}

func (c Capability) String() string {
	if c < 0 || int(c) >= NumCapabilities {
		return fmt.Sprintf("capability(%d)", int(c))
	}
	return capabilityNames[c]
}

// Profile holds one value in [0,1] per capability, indexed by Capability, so
// a literal names what it sets: Profile{Navigation: 0.9, Sensing: 0.7}. As an
// agent's profile it says how good the agent is; as a task's needs it says
// how good an agent must be, 0 meaning not needed.
type Profile [NumCapabilities]float64

func (p Profile) validate() error {
	for i, v := range p {
		if math.IsNaN(v) || v < 0 || v > 1 {
			return fmt.Errorf("%w: %s %v not in [0,1]", ErrInvalid, Capability(i), v)
		}
	}
	return nil
}

// Task is what a partner is chosen for: a type, which keys the task-specific
// history, and the capabilities it needs.
type Task struct {
	Type  string
	Needs Profile
}

// match scores how well have meets need: the mean over needed dimensions of
// min(1, have/need). A capability the agent lacks scores 0 in its dimension,
// and exceeding a need earns nothing extra, so one strong dimension cannot
// hide a missing one. ok is false when nothing is needed: the question has no
// answer, and the caller leaves the dimension out.
func match(have, need Profile) (score float64, ok bool) {
	var sum float64
	n := 0
	for i, nd := range need {
		if nd <= 0 {
			continue
		}
		n++
		sum += math.Min(1, have[i]/nd)
	}
	if n == 0 {
		return 0, false
	}
	return sum / float64(n), true
}
