package node

import (
	"errors"
	"fmt"
	"strings"
)

// State is one of the six lifecycle states. The zero value is Init.
type State uint8

// The lifecycle states, in the seed's order.
const (
	Init State = iota
	Connecting
	Active
	Degraded
	Recovery
	Shutdown

	numStates = iota
)

var stateNames = [numStates]string{"INIT", "CONNECTING", "ACTIVE", "DEGRADED", "RECOVERY", "SHUTDOWN"}

// String returns the seed's upper-case name, e.g. "ACTIVE".
func (s State) String() string {
	if s.Valid() {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

// Valid reports whether s is one of the six states.
func (s State) Valid() bool { return s < numStates }

// States returns the six states in order.
func States() []State {
	return []State{Init, Connecting, Active, Degraded, Recovery, Shutdown}
}

// targets is the seed's validated transition table, indexed by source. The
// order of each row is the order error messages list the allowed targets.
var targets = [numStates][]State{
	Init:       {Connecting, Shutdown},
	Connecting: {Active, Degraded, Shutdown, Init},
	Active:     {Degraded, Recovery, Shutdown},
	Degraded:   {Recovery, Active, Shutdown},
	Recovery:   {Active, Degraded, Shutdown},
	Shutdown:   {}, // terminal
}

// Allowed reports whether the table allows from → to.
func Allowed(from, to State) bool {
	if !from.Valid() || !to.Valid() {
		return false
	}
	for _, t := range targets[from] {
		if t == to {
			return true
		}
	}
	return false
}

// Targets returns the states that from may move to (a copy; empty for
// SHUTDOWN and for an invalid state).
func Targets(from State) []State {
	if !from.Valid() {
		return nil
	}
	return append([]State(nil), targets[from]...)
}

// Sentinel errors, for errors.Is.
var (
	// ErrInvalidTransition is matched by every *TransitionError.
	ErrInvalidTransition = errors.New("invalid transition")
	// ErrVetoed is matched by every *VetoError.
	ErrVetoed = errors.New("transition vetoed")
	// ErrRecoveryExhausted is returned when RECOVERY was requested after
	// the last allowed attempt; the node has shut down instead.
	ErrRecoveryExhausted = errors.New("recovery attempts exhausted")
	// ErrShutdown is returned by operations that make no sense after
	// SHUTDOWN, such as requesting a program swap.
	ErrShutdown = errors.New("node is shut down")
)

// TransitionError is a move the table does not allow.
type TransitionError struct {
	From, To State
	Allowed  []State // what From does allow, in table order
}

func (e *TransitionError) Error() string {
	if len(e.Allowed) == 0 {
		return fmt.Sprintf("invalid transition %v → %v: %v is terminal", e.From, e.To, e.From)
	}
	names := make([]string, len(e.Allowed))
	for i, s := range e.Allowed {
		names[i] = s.String()
	}
	return fmt.Sprintf("invalid transition %v → %v: %v allows %s", e.From, e.To, e.From, strings.Join(names, ", "))
}

// Is makes errors.Is(err, ErrInvalidTransition) true.
func (e *TransitionError) Is(target error) bool { return target == ErrInvalidTransition }

// VetoError is a transition a before-hook refused.
type VetoError struct {
	Transition Transition
	Err        error // what the hook returned
}

func (e *VetoError) Error() string {
	return fmt.Sprintf("transition %v → %v vetoed: %v", e.Transition.From, e.Transition.To, e.Err)
}

// Unwrap exposes both ErrVetoed and the hook's own error to errors.Is/As.
func (e *VetoError) Unwrap() []error { return []error{ErrVetoed, e.Err} }
