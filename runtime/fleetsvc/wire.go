package fleetsvc

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/nexusfleet/nexus/runtime/fleet"
)

// Subjects. Every name the service and its clients share is spelled here.
const (
	apiPrefix       = "nexus.fleet.api."       // + verb: request/reply, JSON
	HeartbeatPrefix = "nexus.fleet.heartbeat." // + vessel: a vessel's heartbeat
	AssignPrefix    = "nexus.fleet.assign."    // + vessel: the service announces a placement
	TaskPrefix      = "nexus.fleet.tasks."     // + task: the work-queue stream's subjects

	// Bucket is the key-value bucket holding "vessel.<id>", "trust.<id>"
	// and "task.<id>" records; TaskStream the work-queue stream of
	// submitted tasks.
	Bucket     = "nexus_fleet"
	TaskStream = "NEXUS_TASKS"
	consumer   = "nexus-fleet-scheduler"
	queueGroup = "nexus-fleet"
)

// API verbs, the last token of nexus.fleet.api.<verb>.
const (
	VerbVessels  = "vessels"
	VerbTasks    = "tasks"
	VerbSubmit   = "submit"
	VerbCancel   = "cancel"
	VerbStatus   = "status"
	VerbRegister = "register"
	VerbStart    = "start"
	VerbComplete = "complete"
	VerbFail     = "fail"
	VerbTrust    = "trust"
)

// ErrRejected marks a request the service understood and refused: a
// duplicate ID, an unknown task, a transition the task's state forbids.
// Clients map it to exit status 1.
var ErrRejected = errors.New("rejected")

// rejection is a refusal: its message says what was wrong, and it matches
// ErrRejected.
type rejection string

func (r rejection) Error() string        { return string(r) }
func (r rejection) Is(target error) bool { return target == ErrRejected }

func reject(format string, a ...any) error { return rejection(fmt.Sprintf(format, a...)) }

// VesselInfo is a vessel as the service reports it and as its KV record
// stores it.
type VesselInfo struct {
	ID            string             `json:"id"`
	Capabilities  map[string]float64 `json:"capabilities"`
	Capacity      float64            `json:"capacity"`
	Available     bool               `json:"available"`
	Load          float64            `json:"load"`
	Trust         float64            `json:"trust"`
	Level         string             `json:"level"`
	Heartbeats    int                `json:"heartbeats"`
	LastHeartbeat time.Time          `json:"last_heartbeat"`
}

// TaskInfo is a task as the service reports it and as its KV record stores
// it. State is one of fleet.State's names.
type TaskInfo struct {
	ID         string             `json:"id"`
	Priority   string             `json:"priority"`
	Required   map[string]float64 `json:"required,omitempty"`
	Weight     float64            `json:"weight"`
	MaxRetries int                `json:"max_retries,omitempty"`
	State      string             `json:"state"`
	Vessel     string             `json:"vessel,omitempty"`
	Attempts   int                `json:"attempts"`
	Submitted  time.Time          `json:"submitted"`
	Updated    time.Time          `json:"updated"`
}

// Status is the fleet snapshot of the status verb.
type Status struct {
	Tasks     map[string]int `json:"tasks"`
	Vessels   int            `json:"vessels"`
	Available int            `json:"available"`
	Load      float64        `json:"load"`
	Capacity  float64        `json:"capacity"`
	// Skipped counts task messages acknowledged without work because the
	// task's KV record was already final (completed, failed, cancelled).
	Skipped int `json:"skipped"`
	// Redelivered counts task messages seen more than once.
	Redelivered int `json:"redelivered"`
}

// RegisterRequest registers a vessel.
type RegisterRequest struct {
	ID           string             `json:"id"`
	Capabilities map[string]float64 `json:"capabilities"`
	Capacity     float64            `json:"capacity"`
}

// SubmitRequest submits a task. Priority is LOW, NORMAL (the default),
// HIGH or CRITICAL.
type SubmitRequest struct {
	ID         string             `json:"id"`
	Priority   string             `json:"priority,omitempty"`
	Required   map[string]float64 `json:"required,omitempty"`
	Weight     float64            `json:"weight"`
	MaxRetries int                `json:"max_retries,omitempty"`
}

// TaskRequest names a task, for cancel, start, complete and fail.
type TaskRequest struct {
	ID string `json:"id"`
}

// VesselRequest names a vessel, for trust.
type VesselRequest struct {
	ID string `json:"id"`
}

// Heartbeat is the optional body of a heartbeat message.
type Heartbeat struct {
	LatencyMS float64 `json:"latency_ms,omitempty"`
}

// reply is every API answer: OK with Data, or an error that Rejected says
// is the request's fault.
type reply struct {
	OK       bool   `json:"ok"`
	Error    string `json:"error,omitempty"`
	Rejected bool   `json:"rejected,omitempty"`
	Data     any    `json:"data,omitempty"`
}

// idPattern keeps IDs usable as one subject token and one KV key part.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)

func checkID(kind, id string) error {
	if !idPattern.MatchString(id) {
		return reject("%s id %q: want 1-128 letters, digits, '-' or '_'", kind, id)
	}
	return nil
}

var capIndex = func() map[string]fleet.Capability {
	m := map[string]fleet.Capability{}
	for c := fleet.Navigation; c <= fleet.Speed; c++ {
		m[c.String()] = c
	}
	return m
}()

// CapabilityNames lists the capability names in profile order.
func CapabilityNames() []string {
	var names []string
	for c := fleet.Navigation; c <= fleet.Speed; c++ {
		names = append(names, c.String())
	}
	return names
}

// ParseCaps turns a name→value map into a profile, rejecting unknown names
// and values outside 0..1.
func ParseCaps(m map[string]float64) (fleet.Capabilities, error) {
	var caps fleet.Capabilities
	for name, v := range m {
		c, ok := capIndex[strings.ToLower(name)]
		if !ok {
			return caps, reject("unknown capability %q (want one of %s)", name, strings.Join(CapabilityNames(), ", "))
		}
		if !(v >= 0 && v <= 1) {
			return caps, reject("capability %s = %v: want a value in 0..1", name, v)
		}
		caps[c] = v
	}
	return caps, nil
}

func capMap(c fleet.Capabilities) map[string]float64 {
	m := map[string]float64{}
	for i, v := range c {
		if v != 0 {
			m[fleet.Capability(i).String()] = v
		}
	}
	return m
}

var priorities = map[string]fleet.Priority{"LOW": fleet.Low, "NORMAL": fleet.Normal, "HIGH": fleet.High, "CRITICAL": fleet.Critical}

// ParsePriority reads LOW, NORMAL, HIGH or CRITICAL in any case; "" is
// NORMAL.
func ParsePriority(s string) (fleet.Priority, error) {
	if s == "" {
		return fleet.Normal, nil
	}
	p, ok := priorities[strings.ToUpper(s)]
	if !ok {
		return 0, reject("priority %q: want LOW, NORMAL, HIGH or CRITICAL", s)
	}
	return p, nil
}

// final reports whether a task state is terminal: such a task is never
// run again.
func final(state string) bool {
	switch state {
	case fleet.Completed.String(), fleet.Failed.String(), fleet.Cancelled.String():
		return true
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
