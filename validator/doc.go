// Package validator proves NEXUS bytecode safe before it runs. It is the
// only component allowed to reject a program; the VM trusts what it
// accepted (and keeps its run-time checks as defence in depth).
//
// Validate takes a decoded container (nxb.File) and Options (policy,
// budget, profile, memory size) and returns a Result: accepted or not, the
// worst-case cycles (WCET) of each entry point, the maximum stack depth, the
// inferred capability manifest and diagnostics (diag.Diagnostic with a
// stable code V1xx..V6xx, the instruction's pc and its source position from
// the debug info). It never panics and never fails; spec/validator.md is the
// normative description of every rule and code.
//
// The model, in pass order — each pass linear in the program:
//
//  1. Structure (structure.go): decode once; opcodes, modes, register
//     fields (IO-register isolation), IO channels, canonical encodings, jump
//     targets, entry points, data segments.
//  2. Control flow (cfg.go): functions are entry points and CALL targets;
//     one depth-first search per function claims each instruction for
//     exactly one function, computes the stack depth relative to the
//     function's entry (rule 3), finds back edges and records a post-order.
//     The call graph must be acyclic; RET only in called functions.
//  3. Stack and time (time.go): bottom-up over the call DAG, the maximum
//     absolute stack depth and the longest path in cycles.
//  4. Values (values.go): a forward abstract interpretation of R0..R15 as
//     modular intervals (package validator/interval) with a Z-flag fact for
//     branch refinement, interprocedural in two context-insensitive passes;
//     it proves memory accesses in bounds, divisors non-zero and actuator
//     values inside their declared safe ranges.
//  5. Manifest (manifest.go): capability and safety records are parsed; the
//     uses of IO channels, SEND channels and A2A opcodes are inferred and
//     checked against them.
//
// Under the strict policy (the default) loops are rejected and what cannot
// be proven is an error; under the budget policy loops are allowed (WCET
// unbounded) and facts the VM checks at run time are warnings.
//
// Invariant for tests: a program accepted under the strict policy never
// traps in the VM (except QUEUE_FULL and host-hook traps), never exceeds
// its reported WCET or stack depth, and never writes outside its manifest
// or declared ranges (TestSoundness).
package validator
