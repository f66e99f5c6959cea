// Package fleetsvc runs the fleet orchestrator (runtime/fleet) and the
// INCREMENTS trust engine (runtime/trust) as a service on NATS JetStream.
// It is what `nexus fleet serve` starts.
//
// # Deployment
//
// By default the service embeds a nats-server with JetStream in the same
// process, so one command starts everything; Options.NATS joins an existing
// server or cluster instead (with Options.Replicas 3 on a three-server
// cluster the bucket and stream survive the loss of a server). One service
// schedules a fleet: it keeps the orchestrator in memory.
//
// # State
//
// The orchestrator's in-memory state is the source for scheduling. What
// must outlive the process is in JetStream:
//
//   - The key-value bucket "nexus_fleet" holds a record per vessel
//     ("vessel.<id>": capabilities, capacity, availability, and the trust
//     score and autonomy level last observed, for inspection), the
//     vessel's trust state ("trust.<id>", below) and a record per task
//     ("task.<id>": priority, requirements, state, vessel, attempts).
//     Records are written with compare-and-swap: Create for "only if
//     absent" (registering a vessel, submitting a task) and
//     revision-checked Update in a read-modify-write loop (update in
//     store.go) for every later change, so concurrent writers never lose
//     an update, and a task record that is final (COMPLETED, FAILED,
//     CANCELLED) is never overwritten with a live state.
//   - The work-queue stream "NEXUS_TASKS" (subjects nexus.fleet.tasks.<id>,
//     WorkQueuePolicy) carries submitted tasks to the scheduler's durable
//     pull consumer, with explicit acks, at most MaxDeliver deliveries and a
//     back-off between them. A message is acknowledged only once its task
//     is in the orchestrator; a crash before that redelivers it.
//
// The task record, not the message, decides whether work happens: a
// delivery whose record is already final is acknowledged and skipped. That
// is why a task is never completed twice, whatever the stream redelivers.
// On start the service reloads the bucket: vessels are registered again
// and every task that is not final goes back to the orchestrator as
// pending, to be placed afresh.
//
// # Trust
//
// Each vessel's trust state is a snapshot of the trust engine
// (trust.Engine.Export: history with its last update, recent latencies,
// autonomy level, clean windows, first observation and last level change)
// under "trust.<id>", written with the same compare-and-swap update as the
// other records. A failure (heartbeat_missed, reflex_error) is written at
// once (and, should the bucket be unreachable, again at every sweep until
// it is), so no crash can give a demoted vessel its old level back. A
// success (heartbeat_ok, reflex_completed) marks the state dirty, and the
// sweeper writes it at most every 30 s per vessel, and all of it as the
// service stops: a crash loses at most half a minute of successes and the
// latencies they carried, never a failure. Registering a vessel writes its neutral state, replacing any stale
// record of that name. On start every snapshot is imported after the
// vessels are registered, so a restarted service keeps the trust scores
// and autonomy levels it had (TestRestartKeepsTrust); time that passed
// while it was down decays history toward neutral as any silence does. A
// snapshot the engine refuses (corrupt, another format version) or one
// naming another vessel is logged and skipped, and that vessel starts
// from neutral at L0.
//
// On a cluster, losing a server can leave JetStream without a leader for a
// few seconds. Every bucket and stream call is retried through such
// transient failures (timeouts, no responders) with a short per-attempt
// timeout; a write whose reply was lost is read back rather than
// repeated blindly. TestClusterServerLoss kills the task stream's leader
// of a three-server loopback cluster mid-run and checks that every task
// is completed exactly once.
//
// # Subjects
//
// Clients use request/reply on nexus.fleet.api.<verb> with JSON bodies and
// replies {"ok", "error", "rejected", "data"}: vessels, tasks, status,
// trust (one vessel's TrustInfo), register, submit, cancel, and start,
// complete and fail, which vessels send as they work. A vessel sends
// heartbeats to nexus.fleet.heartbeat.<vessel> (body optional:
// {"latency_ms"}); each is an observation for the trust engine
// (heartbeat_ok, with the latency). A vessel silent for longer than the
// heartbeat timeout is marked unavailable, observed as heartbeat_missed,
// and its active tasks are failed so they are retried on other vessels;
// its next heartbeat makes it available again. Each placement is
// announced on nexus.fleet.assign.<vessel> with the task's record.
package fleetsvc
