package trust

import "fmt"

// eventTable is the seed's catalogue of runtime events: good events carry a
// quality, bad events a severity, neutral events (boot, parameter change,
// calibration) say nothing about trust and are not recorded.
var eventTable = map[string]struct {
	neutral bool
	x       Interaction
}{
	"heartbeat_ok":          {x: Interaction{Success: true, Quality: 0.7}},
	"sensor_valid":          {x: Interaction{Success: true, Quality: 0.8}},
	"reflex_completed":      {x: Interaction{Success: true, Quality: 0.8}},
	"actuator_nominal":      {x: Interaction{Success: true, Quality: 0.9}},
	"command_ack":           {x: Interaction{Success: true, Quality: 0.6}},
	"heartbeat_missed":      {x: Interaction{Severity: 0.3}},
	"sensor_invalid":        {x: Interaction{Severity: 0.5}},
	"reflex_error":          {x: Interaction{Severity: 0.6}},
	"actuator_overrange":    {x: Interaction{Severity: 0.7}},
	"trust_violation":       {x: Interaction{Severity: 0.9}},
	"safety_trigger":        {x: Interaction{Severity: 0.8}},
	"communication_timeout": {x: Interaction{Severity: 0.4}},
	"system_boot":           {neutral: true},
	"parameter_change":      {neutral: true},
	"calibration_complete":  {neutral: true},
}

// Event returns the interaction a named runtime event of the seed stands
// for, to pass to Observe. record is false for a neutral event, which the
// caller should not record. An unknown name is an ErrInvalid error.
func Event(name string) (x Interaction, record bool, err error) {
	e, ok := eventTable[name]
	if !ok {
		return Interaction{}, false, fmt.Errorf("%w: unknown event %q", ErrInvalid, name)
	}
	return e.x, !e.neutral, nil
}
