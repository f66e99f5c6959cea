// Package node is the lifecycle of one NEXUS vessel node: the state it is
// in, why it got there, how healthy it is, and when it may take a new
// program.
//
// # States
//
// A node is in one of six states, with the seed's validated table of moves
// (see [Allowed]):
//
//	INIT        → CONNECTING, SHUTDOWN
//	CONNECTING  → ACTIVE, DEGRADED, SHUTDOWN, INIT
//	ACTIVE      → DEGRADED, RECOVERY, SHUTDOWN
//	DEGRADED    → RECOVERY, ACTIVE, SHUTDOWN
//	RECOVERY    → ACTIVE, DEGRADED, SHUTDOWN
//	SHUTDOWN    (terminal)
//
// Every other move, including a state to itself, is refused with a
// [*TransitionError] naming the source, the target and what the source does
// allow. SHUTDOWN is absorbing: nothing leaves it.
//
// # Who moves the node
//
// The owner (the firmware loop or its simulator) moves the node in two ways:
// explicitly with [Node.Enter], and implicitly by calling [Node.Tick] once per
// tick. A tick first applies a pending program swap if the node is at a safe
// point, then evaluates heartbeat silence and health and makes at most one
// transition:
//
//   - CONNECTING → ACTIVE on the first heartbeat (→ DEGRADED if health is
//     already bad).
//   - ACTIVE → DEGRADED after [Config.DegradeAfter] (5,000 ms) without a
//     heartbeat, on any critical metric, or on [Config.WarningsToDegrade]
//     metrics at warning.
//   - ACTIVE or DEGRADED → RECOVERY after [Config.SafeStateAfter] (10,000 ms)
//     without a heartbeat. This is the seed firmware's SAFE_STATE. We map it
//     to a state rather than a failsafe flag so that it has an audit entry,
//     counts against the recovery cap, and blocks program swaps; the owner
//     holds actuators safe while the node is in RECOVERY (however it got
//     there) or SHUTDOWN.
//   - DEGRADED → ACTIVE once heartbeats are fresh and every metric is back to
//     OK, continuously for [Config.HealthyHold].
//   - RECOVERY → ACTIVE (or DEGRADED if health is still bad) once heartbeats
//     have been fresh for [Config.HealthyHold]; → DEGRADED if the attempt
//     times out after [Config.RecoveryTimeout]; → SHUTDOWN if that was the
//     last attempt.
//
// Entering RECOVERY counts one attempt. When [Config.MaxRecoveryAttempts]
// attempts have been made, a further request for RECOVERY (from a tick or
// from [Node.Enter]) shuts the node down instead, so a node that keeps
// failing cannot cycle forever. A timed-out attempt drops back to DEGRADED;
// if the link is still silent the next tick starts the next attempt, so with
// the defaults a dead link is shut down 10 s + 3 × 10 s after its last
// heartbeat (plus a tick per attempt). The count is reset only after the node has
// stayed ACTIVE for [Config.StableAfter], so flapping does not reset it.
//
// # Health and hysteresis
//
// Health is a set of named [Metric]s, each with a warning and a critical
// threshold and a [Direction] (battery: low is bad; temperature: high is
// bad). Hysteresis is applied twice so the node does not flap between ACTIVE
// and DEGRADED: a metric worsens as soon as a value crosses a threshold, but
// it improves only when the value is past the threshold by the metric's
// Hysteresis margin (a Schmitt trigger); and the node returns to ACTIVE only
// after all metrics have been OK for HealthyHold. "All OK" is stricter than
// the rule that degrades: a warning alone need not degrade an ACTIVE node,
// but it keeps a DEGRADED one down. A metric never reported counts as OK. A
// NaN sample is critical:
// a sensor that cannot produce a number is a fault, not a pass.
//
// # Hooks and locking
//
// Before-hooks ([Node.Before]) see each proposed transition and may veto it
// by returning an error; after-hooks ([Node.After]) see each one that
// happened. Hooks run in registration order, outside the lock that guards
// the node's data, so a hook may call any read method (State, History,
// Metrics, Program, RecoveryAttempts) and also Heartbeat, Report, Before,
// After and RequestSwap. Transitions are serialised by a second lock held
// across the hooks, so a hook must not call Enter or Tick: that would
// deadlock. A before-hook sees the old state, an after-hook the new one.
// SHUTDOWN cannot be vetoed: it is the failsafe exit and must always be
// reachable, so before-hooks are told about it but their errors are ignored.
//
// # Program swaps
//
// A [Program] is an opaque image plus its SHA-256 digest; this package never
// looks inside it, so it does not depend on the VM. [Node.RequestSwap]
// queues a program; the next tick that starts in a safe state (INIT,
// CONNECTING, ACTIVE or DEGRADED — never RECOVERY or SHUTDOWN) applies it
// between ticks, keeping the old program for [Node.Rollback]. This plays the
// part of the ROS 2 managed node's Inactive state: the program is replaced
// only when the owner is not in the middle of running it.
//
// # Time
//
// Every timestamp comes from the injected [Clock]; the package never reads
// wall time, so simulations and tests are deterministic.
package node
