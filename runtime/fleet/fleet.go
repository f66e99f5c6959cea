// Package fleet is the orchestrator: it assigns tasks to vessels the way the
// Kubernetes scheduler places pods — filter, then score.
//
// A vessel qualifies for a task only if it meets the minimum of every
// capability the task requires, is available, and has load capacity left
// for the task's weight. Among qualifying vessels the highest score wins:
// a weighted sum of capability match (how far above the minimums the vessel
// is), free capacity and trust (from an optional TrustSource, e.g. the
// INCREMENTS engine in runtime/trust). Pending tasks are placed highest
// priority first, first come first served within a priority.
//
// Tasks move PENDING → ASSIGNED → IN_PROGRESS → COMPLETED, or FAILED (a
// failure is retried — back to PENDING — until the retry limit), or
// CANCELLED from any state before completion. The orchestrator keeps one
// invariant that the seed's reference broke: a vessel's load is exactly the
// sum of the weights of its active (assigned or in-progress) tasks; every
// transition that ends or retries a task releases its weight. A property
// test checks the invariant after every step of random operation sequences.
//
// Scale: tasks with the same requirements share one filtered candidate list
// (a heap by score, refreshed lazily when a vessel's load changes), so
// placing T tasks on V vessels costs O(P·V + T·log V) for P distinct
// requirement profiles — n·log n for the fleets missions produce, where
// tasks come from a handful of roles and templates. bench/README.md has
// the figures.
//
// Roles (roles.go) are the seed's 12 AAB roles, each with capability
// minimums, a priority, and whether it is a singleton or how many vessels
// may hold it.
package fleet

import (
	"container/heap"
	"errors"
	"fmt"
	"sort"
	"sync"
)

// Capability indexes a vessel's capability profile.
type Capability int

const (
	Navigation Capability = iota
	Sensing
	Communication
	Computation
	Endurance
	Manipulation
	Payload
	Speed
	numCaps
)

var capNames = [numCaps]string{"navigation", "sensing", "communication", "computation", "endurance", "manipulation", "payload", "speed"}

func (c Capability) String() string {
	if c < 0 || c >= numCaps {
		return fmt.Sprintf("capability(%d)", int(c))
	}
	return capNames[c]
}

// Capabilities is a profile, each entry 0..1. In a task it holds the
// minimums; 0 means "not required".
type Capabilities [numCaps]float64

// Priority orders pending tasks; the values are the seed's.
type Priority int

const (
	Low      Priority = 0
	Normal   Priority = 5
	High     Priority = 8
	Critical Priority = 10
)

func (p Priority) String() string {
	switch p {
	case Low:
		return "LOW"
	case Normal:
		return "NORMAL"
	case High:
		return "HIGH"
	case Critical:
		return "CRITICAL"
	}
	return fmt.Sprintf("PRIORITY(%d)", int(p))
}

// State is a task's state.
type State int

const (
	Pending State = iota
	Assigned
	InProgress
	Completed
	Failed
	Cancelled
)

var stateNames = []string{"PENDING", "ASSIGNED", "IN_PROGRESS", "COMPLETED", "FAILED", "CANCELLED"}

func (s State) String() string {
	if s < 0 || int(s) >= len(stateNames) {
		return fmt.Sprintf("STATE(%d)", int(s))
	}
	return stateNames[s]
}

// Active reports whether a task in this state holds load on a vessel.
func (s State) Active() bool { return s == Assigned || s == InProgress }

// Errors.
var (
	ErrUnknownTask   = errors.New("unknown task")
	ErrUnknownVessel = errors.New("unknown vessel")
	ErrDuplicate     = errors.New("already exists")
	ErrTransition    = errors.New("invalid task transition")
	ErrInvalid       = errors.New("invalid value")
)

// Task is a unit of work. Required holds capability minimums; Weight is the
// load it puts on its vessel while active.
type Task struct {
	ID         string
	Priority   Priority
	Required   Capabilities
	Weight     float64
	MaxRetries int // 0: the orchestrator's default; negative: no retries

	State    State
	Vessel   string // while active, and the last vessel after it ends
	Attempts int    // times it has been assigned
	seq      uint64
}

// Vessel is a member of the fleet.
type Vessel struct {
	ID        string
	Caps      Capabilities
	Capacity  float64 // the load it can carry
	Available bool

	Load float64 // the weight of its active tasks; kept by the orchestrator
	ver  uint64  // bumped when Load or Available changes, for lazy heaps
}

// TrustSource gives the trust placed in a vessel, 0..1.
type TrustSource interface {
	Trust(vessel string) float64
}

// Weights of the score's terms.
type Weights struct {
	Capability, Load, Trust float64
}

// Config tunes an orchestrator. Zero values take the defaults.
type Config struct {
	Weights    Weights     // default 0.5, 0.3, 0.2
	MaxRetries int         // default 3 (the seed's)
	Trust      TrustSource // nil: every vessel 0.5
}

// Orchestrator assigns tasks to vessels. It is safe for concurrent use.
type Orchestrator struct {
	mu      sync.Mutex
	cfg     Config
	vessels map[string]*Vessel
	order   []*Vessel // registration order, for deterministic ties
	tasks   map[string]*Task
	seq     uint64
	roles   roleBook
}

// New returns an orchestrator.
func New(cfg Config) *Orchestrator {
	if cfg.Weights == (Weights{}) {
		cfg.Weights = Weights{Capability: 0.5, Load: 0.3, Trust: 0.2}
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = 3
	}
	return &Orchestrator{cfg: cfg, vessels: map[string]*Vessel{}, tasks: map[string]*Task{}, roles: newRoleBook()}
}

func validCaps(c Capabilities) bool {
	for _, v := range c {
		if !(v >= 0 && v <= 1) {
			return false
		}
	}
	return true
}

// AddVessel registers a vessel (available, no load).
func (o *Orchestrator) AddVessel(id string, caps Capabilities, capacity float64) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if id == "" || !validCaps(caps) || !(capacity > 0) {
		return fmt.Errorf("vessel %q: %w: capabilities must lie in 0..1 and capacity be positive", id, ErrInvalid)
	}
	if _, ok := o.vessels[id]; ok {
		return fmt.Errorf("vessel %q: %w", id, ErrDuplicate)
	}
	v := &Vessel{ID: id, Caps: caps, Capacity: capacity, Available: true}
	o.vessels[id] = v
	o.order = append(o.order, v)
	return nil
}

// SetAvailable marks a vessel available or not. An unavailable vessel keeps
// its active tasks but gets no new ones.
func (o *Orchestrator) SetAvailable(id string, ok bool) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	v, found := o.vessels[id]
	if !found {
		return fmt.Errorf("vessel %q: %w", id, ErrUnknownVessel)
	}
	v.Available = ok
	v.ver++
	return nil
}

// Submit adds a pending task.
func (o *Orchestrator) Submit(t Task) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if t.ID == "" || !validCaps(t.Required) || !(t.Weight >= 0) {
		return fmt.Errorf("task %q: %w: requirements must lie in 0..1 and weight be non-negative", t.ID, ErrInvalid)
	}
	if _, ok := o.tasks[t.ID]; ok {
		return fmt.Errorf("task %q: %w", t.ID, ErrDuplicate)
	}
	if t.MaxRetries == 0 {
		t.MaxRetries = o.cfg.MaxRetries
	}
	o.seq++
	t.seq, t.State, t.Vessel, t.Attempts = o.seq, Pending, "", 0
	o.tasks[t.ID] = &t
	return nil
}

// Task returns a copy of a task.
func (o *Orchestrator) Task(id string) (Task, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	t, ok := o.tasks[id]
	if !ok {
		return Task{}, fmt.Errorf("task %q: %w", id, ErrUnknownTask)
	}
	return *t, nil
}

// Vessel returns a copy of a vessel.
func (o *Orchestrator) Vessel(id string) (Vessel, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	v, ok := o.vessels[id]
	if !ok {
		return Vessel{}, fmt.Errorf("vessel %q: %w", id, ErrUnknownVessel)
	}
	return *v, nil
}

// Qualifies reports whether v may take t: every required minimum met,
// available, and room for the weight.
func Qualifies(v *Vessel, t *Task) bool {
	if !v.Available || v.Load+t.Weight > v.Capacity+1e-9 {
		return false
	}
	for c, need := range t.Required {
		if need > 0 && v.Caps[c] < need {
			return false
		}
	}
	return true
}

// capMatch is the mean, over required capabilities, of how much of the
// headroom above the minimum the vessel has (1 = perfect, 0 = just meets).
// A task with no requirements matches every vessel at 1.
func capMatch(v *Vessel, req *Capabilities) float64 {
	sum, n := 0.0, 0
	for c, need := range req {
		if need <= 0 {
			continue
		}
		n++
		if need >= 1 {
			sum++
			continue
		}
		sum += (v.Caps[c] - need) / (1 - need)
	}
	if n == 0 {
		return 1
	}
	return sum / float64(n)
}

func (o *Orchestrator) trust(id string) float64 {
	if o.cfg.Trust == nil {
		return 0.5
	}
	t := o.cfg.Trust.Trust(id)
	if !(t >= 0) {
		return 0
	}
	return min(t, 1)
}

// Score is the placement score of v for requirement req (higher is better).
func (o *Orchestrator) score(v *Vessel, req *Capabilities, trust float64) float64 {
	w := o.cfg.Weights
	free := 1 - v.Load/v.Capacity
	return w.Capability*capMatch(v, req) + w.Load*free + w.Trust*trust
}

// Assignment records one placement made by Schedule.
type Assignment struct {
	Task, Vessel string
	Score        float64
}

// Schedule places every pending task it can, highest priority first, and
// returns the placements in the order made. A task no vessel qualifies for
// stays pending.
func (o *Orchestrator) Schedule() []Assignment {
	o.mu.Lock()
	defer o.mu.Unlock()
	var pending []*Task
	for _, t := range o.tasks {
		if t.State == Pending {
			pending = append(pending, t)
		}
	}
	sort.Slice(pending, func(i, j int) bool {
		if pending[i].Priority != pending[j].Priority {
			return pending[i].Priority > pending[j].Priority
		}
		return pending[i].seq < pending[j].seq
	})
	trust := make(map[string]float64, len(o.vessels))
	for _, v := range o.order {
		trust[v.ID] = o.trust(v.ID)
	}
	profiles := map[Capabilities]*candidates{}
	var out []Assignment
	for _, t := range pending {
		c := profiles[t.Required]
		if c == nil {
			c = o.newCandidates(&t.Required, trust)
			profiles[t.Required] = c
		}
		v, s := c.best(o, t, trust)
		if v == nil {
			continue
		}
		o.assign(t, v)
		out = append(out, Assignment{Task: t.ID, Vessel: v.ID, Score: s})
	}
	return out
}

func (o *Orchestrator) assign(t *Task, v *Vessel) {
	t.State, t.Vessel = Assigned, v.ID
	t.Attempts++
	v.Load += t.Weight
	v.ver++
}

// release takes t's weight off its vessel.
func (o *Orchestrator) release(t *Task) {
	if v := o.vessels[t.Vessel]; v != nil && t.State.Active() {
		v.Load -= t.Weight
		if v.Load < 1e-9 {
			v.Load = 0 // no drift below zero from float sums
		}
		v.ver++
	}
}

// Start marks an assigned task in progress.
func (o *Orchestrator) Start(id string) error {
	return o.transition(id, func(t *Task) error {
		if t.State != Assigned {
			return fmt.Errorf("task %q is %s, want ASSIGNED: %w", id, t.State, ErrTransition)
		}
		t.State = InProgress
		return nil
	})
}

// Complete marks an active task done and frees its vessel's load.
func (o *Orchestrator) Complete(id string) error {
	return o.transition(id, func(t *Task) error {
		if !t.State.Active() {
			return fmt.Errorf("task %q is %s, want ASSIGNED or IN_PROGRESS: %w", id, t.State, ErrTransition)
		}
		o.release(t)
		t.State = Completed
		return nil
	})
}

// Fail records a failed attempt: the load is released and the task goes
// back to pending, or to FAILED once its retries are used up. It reports
// whether the task will be retried.
func (o *Orchestrator) Fail(id string) (retry bool, err error) {
	err = o.transition(id, func(t *Task) error {
		if !t.State.Active() {
			return fmt.Errorf("task %q is %s, want ASSIGNED or IN_PROGRESS: %w", id, t.State, ErrTransition)
		}
		o.release(t)
		if t.Attempts <= t.MaxRetries {
			t.State, retry = Pending, true
		} else {
			t.State = Failed
		}
		return nil
	})
	return retry, err
}

// Cancel ends a task that has not finished, freeing its load.
func (o *Orchestrator) Cancel(id string) error {
	return o.transition(id, func(t *Task) error {
		switch t.State {
		case Completed, Failed, Cancelled:
			return fmt.Errorf("task %q is already %s: %w", id, t.State, ErrTransition)
		}
		o.release(t)
		t.State = Cancelled
		return nil
	})
}

func (o *Orchestrator) transition(id string, f func(*Task) error) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	t, ok := o.tasks[id]
	if !ok {
		return fmt.Errorf("task %q: %w", id, ErrUnknownTask)
	}
	return f(t)
}

// Snapshot counts tasks by state and sums load, for status displays.
type Snapshot struct {
	Tasks     map[State]int
	Vessels   int
	Available int
	Load      float64
	Capacity  float64
}

// Status returns a snapshot.
func (o *Orchestrator) Status() Snapshot {
	o.mu.Lock()
	defer o.mu.Unlock()
	s := Snapshot{Tasks: map[State]int{}, Vessels: len(o.vessels)}
	for _, t := range o.tasks {
		s.Tasks[t.State]++
	}
	for _, v := range o.order {
		if v.Available {
			s.Available++
		}
		s.Load += v.Load
		s.Capacity += v.Capacity
	}
	return s
}

// checkLoads verifies the load invariant; tests call it.
func (o *Orchestrator) checkLoads() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	want := map[string]float64{}
	for _, t := range o.tasks {
		if t.State.Active() {
			want[t.Vessel] += t.Weight
		}
	}
	for _, v := range o.order {
		if d := v.Load - want[v.ID]; d > 1e-6 || d < -1e-6 {
			return fmt.Errorf("vessel %s: load %g, active tasks weigh %g", v.ID, v.Load, want[v.ID])
		}
	}
	return nil
}

// candidates is the filtered, scored vessel list for one requirement
// profile: a max-heap by score whose entries go stale when a vessel's load
// or availability changes; stale entries are re-scored when they surface.
type candidates struct {
	req Capabilities
	h   candHeap
}

type cand struct {
	v     *Vessel
	score float64
	ver   uint64
}

type candHeap []cand

func (h candHeap) Len() int { return len(h) }
func (h candHeap) Less(i, j int) bool {
	if h[i].score != h[j].score {
		return h[i].score > h[j].score
	}
	return h[i].v.ID < h[j].v.ID
}
func (h candHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *candHeap) Push(x any)   { *h = append(*h, x.(cand)) }
func (h *candHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// newCandidates filters on the capability minimums (which never change
// during a round) and scores what is left.
func (o *Orchestrator) newCandidates(req *Capabilities, trust map[string]float64) *candidates {
	c := &candidates{req: *req}
	probe := &Task{Required: *req}
	for _, v := range o.order {
		if meetsCaps(v, probe) {
			c.h = append(c.h, cand{v: v, score: o.score(v, req, trust[v.ID]), ver: v.ver})
		}
	}
	heap.Init(&c.h)
	return c
}

func meetsCaps(v *Vessel, t *Task) bool {
	for c, need := range t.Required {
		if need > 0 && v.Caps[c] < need {
			return false
		}
	}
	return true
}

// best pops stale entries (re-scoring them) until the top is current, then
// takes the best vessel with room for t. Vessels skipped for lack of room
// are set aside and restored, so a lighter task can still use them.
func (c *candidates) best(o *Orchestrator, t *Task, trust map[string]float64) (*Vessel, float64) {
	var aside []cand
	defer func() {
		for _, a := range aside {
			heap.Push(&c.h, a)
		}
	}()
	for c.h.Len() > 0 {
		top := c.h[0]
		if top.ver != top.v.ver {
			heap.Pop(&c.h)
			heap.Push(&c.h, cand{v: top.v, score: o.score(top.v, &c.req, trust[top.v.ID]), ver: top.v.ver})
			continue
		}
		if Qualifies(top.v, t) {
			return top.v, top.score
		}
		heap.Pop(&c.h)
		if top.v.Available && top.v.Load < top.v.Capacity {
			aside = append(aside, top)
		}
		// A full or unavailable vessel drops out until the next round.
	}
	return nil, 0
}
