package fleet

import (
	"errors"
	"fmt"
	"sort"
)

// Role is one of the seed's AAB roles: the capability minimums a vessel
// needs to hold it, its priority, and how many vessels may hold it at once
// (a singleton role, such as the mission commander, exactly one).
type Role struct {
	Name       string
	Required   Capabilities
	Priority   int
	Singleton  bool
	MaxHolders int
}

func caps(kv map[Capability]float64) Capabilities {
	var c Capabilities
	for k, v := range kv {
		c[k] = v
	}
	return c
}

// Roles are the seed's 12 roles, in its order.
var Roles = []Role{
	{"pilot", caps(map[Capability]float64{Navigation: .8, Speed: .6}), 8, false, 5},
	{"sensor_operator", caps(map[Capability]float64{Sensing: .7, Computation: .5}), 7, false, 10},
	{"navigator", caps(map[Capability]float64{Navigation: .9, Communication: .6}), 9, true, 1},
	{"comm_relay", caps(map[Capability]float64{Communication: .8}), 6, false, 5},
	{"safety_officer", caps(map[Capability]float64{Navigation: .6, Sensing: .6, Communication: .7}), 10, true, 1},
	{"mapping_specialist", caps(map[Capability]float64{Sensing: .8, Computation: .7}), 5, false, 3},
	{"search_coordinator", caps(map[Capability]float64{Navigation: .7, Communication: .8, Computation: .6}), 8, true, 1},
	{"rescue_lead", caps(map[Capability]float64{Navigation: .8, Manipulation: .7, Communication: .7}), 10, true, 1},
	{"data_collector", caps(map[Capability]float64{Sensing: .6, Computation: .5, Payload: .5}), 4, false, 10},
	{"comms_hub", caps(map[Capability]float64{Communication: .9, Computation: .7}), 7, true, 1},
	{"deck_engineer", caps(map[Capability]float64{Manipulation: .8, Computation: .6}), 5, false, 3},
	{"mission_commander", caps(map[Capability]float64{Navigation: .7, Communication: .9, Computation: .8}), 10, true, 1},
}

// Role errors.
var (
	ErrUnknownRole = errors.New("unknown role")
	ErrRoleFull    = errors.New("role has its maximum number of holders")
	ErrNoCandidate = errors.New("no available vessel meets the role's requirements")
	ErrNotHolder   = errors.New("vessel does not hold the role")
)

type roleBook struct {
	byName  map[string]*Role
	holders map[string][]string
}

func newRoleBook() roleBook {
	b := roleBook{byName: map[string]*Role{}, holders: map[string][]string{}}
	for i := range Roles {
		b.byName[Roles[i].Name] = &Roles[i]
	}
	return b
}

// AssignRole gives the role to the best-scoring available vessel that meets
// its minimums and does not hold it yet, and returns that vessel.
func (o *Orchestrator) AssignRole(name string) (string, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	r, ok := o.roles.byName[name]
	if !ok {
		return "", fmt.Errorf("role %q: %w", name, ErrUnknownRole)
	}
	held := o.roles.holders[name]
	limit := r.MaxHolders
	if r.Singleton {
		limit = 1
	}
	if len(held) >= limit {
		return "", fmt.Errorf("role %q held by %v: %w", name, held, ErrRoleFull)
	}
	var best *Vessel
	bestScore := -1.0
	probe := &Task{Required: r.Required}
	for _, v := range o.order {
		if !v.Available || !meetsCaps(v, probe) || contains(held, v.ID) {
			continue
		}
		if s := o.score(v, &r.Required, o.trust(v.ID)); s > bestScore {
			best, bestScore = v, s
		}
	}
	if best == nil {
		return "", fmt.Errorf("role %q: %w", name, ErrNoCandidate)
	}
	o.roles.holders[name] = append(held, best.ID)
	return best.ID, nil
}

// ReleaseRole takes the role from a vessel.
func (o *Orchestrator) ReleaseRole(name, vessel string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	held := o.roles.holders[name]
	for i, h := range held {
		if h == vessel {
			o.roles.holders[name] = append(held[:i:i], held[i+1:]...)
			return nil
		}
	}
	return fmt.Errorf("role %q, vessel %q: %w", name, vessel, ErrNotHolder)
}

// Holders lists the vessels holding a role, sorted.
func (o *Orchestrator) Holders(name string) []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := append([]string(nil), o.roles.holders[name]...)
	sort.Strings(out)
	return out
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
