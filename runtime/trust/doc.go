// Package trust is the INCREMENTS trust engine: it decides how much one agent
// of a fleet trusts another, how much the fleet trusts each agent, which
// autonomy level (L0–L5) an agent has earned, and whether a compiled reflex
// may be deployed to it.
//
// # What goes in
//
// Agents are registered with a capability Profile (navigation, sensing,
// communication, computation, endurance, manipulation, payload, speed, each
// 0..1). Interactions are recorded as they happen: RecordInteraction(a, b, x)
// is a's first-hand observation of b, and Observe(b, x) is the runtime's own
// observation of b (heartbeats, sensor checks, completed reflexes — the
// "fleet view"). An Interaction is a success with a quality or a failure with
// a severity, an optional round-trip latency and an optional task type;
// Event turns the seed's named runtime events (heartbeat_ok,
// heartbeat_missed, safety_trigger…) into Interactions. Time
// comes only from the injected Clock, so a simulation that drives a
// ManualClock is exactly reproducible.
//
// # The model
//
// The trust of a in b for a task t is a weighted sum of four dimensions, each
// in [0,1]:
//
//	T(a,b,t) = α·history + β·capability + γ·latency + δ·consistency
//
// with α, β, γ, δ = 0.35, 0.25, 0.20, 0.20 by default (any non-negative
// weights, normalised to sum to 1).
//
//   - history is a's experience of b. A success moves it up by
//     gain·quality·(1−h), a failure down by loss·severity·h, with gain 0.002
//     and loss 0.05: near h = 0.5 one failure undoes 25 successes, so trust is
//     earned slowly and lost fast. Between observations it decays
//     exponentially toward the neutral 0.5 with a half-life (a week by
//     default): old evidence, good or bad, counts for less. History is kept
//     per pair and, when interactions name a task type, per pair and task
//     type; a task-specific history is used for that task once it exists.
//   - capability is how well b's profile meets the task's needs: the mean,
//     over the dimensions the task needs (need > 0), of min(1, have/need). A
//     needed capability that b lacks scores 0 in that dimension.
//   - latency is 1 when the mean of the recent latencies a measured to b is
//     at most 100 ms, falling linearly to 0 at 1,000 ms.
//   - consistency is 1 − the coefficient of variation (standard deviation
//     over mean) of those recent latencies, clamped to [0,1].
//
// A dimension without evidence is neutral: a pair that has never interacted
// has history 0.5, and latency and consistency are 0.5 until two latencies
// are known (one sample says nothing about variation, so both wait for two).
// Without a task (Trust, Score) capability is not a question that was asked:
// it is left out and the other weights are renormalised, so a fresh pair's
// trust is exactly 0.5 and an agent's score can reach 1.
//
// # Autonomy
//
// An agent's autonomy level is earned in the fleet view only, since it gates
// what the fleet lets the agent do. Time is cut into windows (an hour by
// default) starting at the agent's first observation; a window is clean if it
// saw at least one observation and no failure. When a clean window closes the
// agent is promoted one level if the fleet's score at the window's end meets
// the next level's threshold (0.20, 0.40, 0.60, 0.80, 0.95 for L1–L5), the
// agent has been observed long enough (8, 48, 168, 336, 720 h) with enough
// clean windows (4, 24, 100, 200, 500), and the last level change is at
// least the promotion cooldown (72 h) ago. A failure demotes at once by its
// severity: ≥ 1.0 to L0, ≥ 0.8 two levels, otherwise one; a failure that
// cannot demote (at L0) does not restart the cooldown, or an agent failing
// one task in a hundred would never be promoted. Promotion is
// decided at window boundaries, not when Level is called, so the level is a
// function of the observations and their times alone.
//
// # What comes out
//
// Trust and TrustFor give pairwise trust; MostTrusted picks the partner for a
// task; Score and Level give the fleet's view of an agent; AllowDeploy is the
// gate the deployer calls with a reflex's `trust` and `autonomy` header.
//
// # Snapshots
//
// Export writes everything the engine knows about one agent as a subject
// — its profile, its autonomy state (level, first observation, open
// window, clean windows, last level change) and every rater's view of it
// (history and task histories with their last update, the latency ring)
// — as versioned JSON, one record per agent so it fits one key of a
// key-value store. Import restores it. Values are stored as the engine
// holds them, floats in their exact shortest form and times to the
// nanosecond, so an engine restored from its agents' snapshots computes
// bit for bit what the original would: TestRestoreLaw checks scores,
// levels and deploy decisions at every step of random sequences. Import
// checks a snapshot before it changes anything and refuses, with an
// ErrSnapshot error that says why, one that is corrupt, of another
// SnapshotVersion, or in a state no sequence of observations reaches; it
// is fuzzed (FuzzImport). Standing takes an agent's score apart for an
// operator.
//
// # Invariants
//
// Every trust value is in [0,1]. Bad input (unknown agents, NaN or
// out-of-range qualities, negative latencies, bad weights) is an error value,
// never a panic. An Engine is safe for concurrent use. What the engine does
// not do — propagate trust between agents, resist sybils — is written down in
// README.md next to the robustness study.
package trust
