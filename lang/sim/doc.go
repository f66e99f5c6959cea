// Package sim runs a compiled reflex against a scenario, tick by tick, in
// the Go VM and records what it did: the actuator values after every tick
// in their declared units, the cycles each tick used, every failsafe
// activation and why, and the messages sent. It is what `nexusc run
// FILE.reflex` prints.
//
// # Scenarios
//
// A scenario gives sensor values over time and the events the runtime
// delivers. It is a CSV file with a header row naming the columns — `tick`,
// then any of the reflex's sensors, and optionally `recv` (one message for
// the inbox, delivered before that tick) and `failsafe` (1: the runtime
// declares failsafe at that tick) — or a JSON array of row objects with the
// same keys. Values are written in each sensor's declared unit (a num as a
// decimal: 2.5 for 2.5 m), ints as integers, bools as true/false or 1/0.
// Ticks ascend; a sensor keeps its last value on ticks without a row or
// with an empty cell, and reads 0 until its first value. Parsing stops at
// the first problem and returns an *Error that names the file, the line
// (and for JSON the row index), the column, what was wrong and, where one
// is known, a hint. Values outside a sensor's declared range are errors:
// the validator's proofs assume sensors stay in range, so such a scenario
// would test a program the node can never run.
//
// # Simulation
//
// Run follows the tick model of spec/isa.md §12 and reflex §8. The init
// entry runs once; then for each tick the sensors' IO channels take the
// scenario's raw words (Q16.16 for num), the tick's message is queued,
// and the tick entry runs with the per-tick budget. When it traps or
// exhausts the budget the failsafe entry runs in the same tick; when the
// scenario declares failsafe, the failsafe entry runs instead of the tick
// entry. Data memory and the receive queue persist across ticks.
//
// The VM can only start an activation at the tick entry (and at init and
// failsafe from Tick), so Run keeps one machine per entry point, each
// loaded from a copy of the container whose tick entry is that entry
// point, and hands the whole persistent state — data memory and pending
// messages — from one to the other when the entry changes. Ordinary ticks
// run on one machine without copying.
//
// An actuator's value in the trace is the last word written to its IO
// channel, shown in its declared unit; before any write it is the declared
// safe value. Numbers print exactly: a Q16.16 word as the shortest
// decimal that names it (strconv 'f', -1), so a trace round-trips to the
// raw words. The simulation is deterministic.
package sim
