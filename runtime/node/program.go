package node

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// Program is an opaque program image and its SHA-256 digest. The node never
// interprets Image; the digest identifies the program in the swap log and
// guards against a corrupted or hand-built value.
type Program struct {
	Image  []byte
	Digest [sha256.Size]byte
}

// NewProgram wraps image (not copied) with its digest.
func NewProgram(image []byte) Program {
	return Program{Image: image, Digest: sha256.Sum256(image)}
}

// IsZero reports whether p is the zero Program (no program loaded).
func (p Program) IsZero() bool { return p.Image == nil && p.Digest == [sha256.Size]byte{} }

// String is the first 12 hex digits of the digest, or "none".
func (p Program) String() string {
	if p.IsZero() {
		return "none"
	}
	return hex.EncodeToString(p.Digest[:6])
}

func (p Program) check() error {
	if sha256.Sum256(p.Image) != p.Digest {
		return fmt.Errorf("%w: digest %v does not match the image", ErrBadProgram, p)
	}
	return nil
}

// Errors from swaps.
var (
	// ErrBadProgram: the image does not hash to the digest.
	ErrBadProgram = errors.New("bad program")
	// ErrNoRollback: there is no previous program to go back to.
	ErrNoRollback = errors.New("no previous program to roll back to")
	// ErrSwapRejected is matched when a swap hook refused a program.
	ErrSwapRejected = errors.New("swap rejected")
)

// Swap records one applied program swap.
type Swap struct {
	From, To Program
	Rollback bool // applied by Rollback rather than RequestSwap
	At       time.Time
}

// SwapHook is called at the safe point before a swap is applied: it is where
// the owner loads the program into its VM. An error rejects the swap and the
// old program stays.
type SwapHook func(s Swap) error

type pendingSwap struct {
	prog     Program
	rollback bool
}

// safeForSwap lists the states in which a tick may swap programs: those in
// which the program is not running (INIT, CONNECTING) and those in which it
// runs normally (ACTIVE, DEGRADED). RECOVERY is excluded because the owner is
// busy restoring a known state, and SHUTDOWN because nothing will run.
var safeForSwap = [numStates]bool{Init: true, Connecting: true, Active: true, Degraded: true}

// RequestSwap queues p to replace the current program at the next safe
// point. A later request replaces an earlier one that has not been applied.
func (n *Node) RequestSwap(p Program) error {
	if err := p.check(); err != nil {
		return err
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.state == Shutdown {
		return ErrShutdown
	}
	n.pending = &pendingSwap{prog: p}
	return nil
}

// Rollback queues the previous program, to be applied at the next safe
// point like any swap. Rolling back twice returns to where it started.
func (n *Node) Rollback() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.state == Shutdown {
		return ErrShutdown
	}
	if n.previous.IsZero() {
		return ErrNoRollback
	}
	n.pending = &pendingSwap{prog: n.previous, rollback: true}
	return nil
}

// OnSwap registers a swap hook. Hooks run in registration order.
func (n *Node) OnSwap(h SwapHook) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.swapHooks = append(n.swapHooks, h)
}

// Program returns the current program (zero if none was ever applied).
func (n *Node) Program() Program {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.current
}

// PendingSwap returns the program waiting for a safe point, if any.
func (n *Node) PendingSwap() (Program, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.pending == nil {
		return Program{}, false
	}
	return n.pending.prog, true
}

// Swaps returns a copy of the log of applied swaps.
func (n *Node) Swaps() []Swap {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]Swap(nil), n.swaps...)
}

// applySwap runs at the start of a tick with n.step held.
func (n *Node) applySwap() error {
	n.mu.Lock()
	p := n.pending
	if p == nil || !safeForSwap[n.state] {
		n.mu.Unlock()
		return nil
	}
	n.pending = nil
	s := Swap{From: n.current, To: p.prog, Rollback: p.rollback, At: n.clock.Now()}
	hooks := append([]SwapHook(nil), n.swapHooks...)
	n.mu.Unlock()

	for _, h := range hooks {
		if err := h(s); err != nil {
			return fmt.Errorf("%w: program %v: %w", ErrSwapRejected, s.To, err)
		}
	}

	n.mu.Lock()
	defer n.mu.Unlock()
	n.previous, n.current = n.current, p.prog
	n.swaps = append(n.swaps, s)
	return nil
}
