// Package vm is the cycle-exact Go implementation of the NEXUS bytecode
// machine defined by package isa and spec/isa.md.
//
// # Model
//
// New takes a checked container (nxb.File), zeroes data memory, copies the
// container's data segments in and sets pc to the tick entry. The machine
// state is 16 general-purpose registers (R16..R31 are IO-mapped and reached
// only through READ_IO/WRITE_IO, so they never hold a value and report as
// zero), the flags Z and N, one 1024-entry stack shared by CALL and PUSH,
// data memory (64 KiB unless Options.MemSize says less), and three bounded
// FIFO queues (send, receive, interrupt) shared with the host.
//
// Step executes one instruction, Run up to a cycle budget; both stop on
// HALT, on a trap, on running past the last instruction (which halts without
// costing a cycle) or when the budget is spent (StopBudget, resumable by
// running again). Every executed instruction costs exactly one cycle. A trap
// leaves pc on the faulting instruction, the cycle count as before it, and
// registers, flags, stack, memory and queues untouched. A stopped machine
// (halted or trapped) stays stopped: Step and Run return the same Stop until
// Tick or Reset starts a new activation.
//
// Tick is the reflex model: it runs the init entry once (the first time),
// then resets registers, flags and stack, sets pc to the tick entry and runs
// up to the per-tick budget. Data memory and the queues persist across
// ticks. When the tick entry traps or exhausts its budget and the program
// has a failsafe entry, the failsafe runs with fresh registers, flags and
// stack and a budget of its own.
//
// # Predecoding
//
// New validates the code once and rewrites it into a compact internal form:
// one 64-bit word per instruction (internal op, the three register fields,
// the 32-bit operand), the length of the instruction's run (below) and, for
// a static jump, a copy of its target's word, so that the loop can start on
// the target without first waiting for the jump's own word.
// Everything that can be decided statically is decided there:
//
//   - Undefined opcodes and modes, register fields naming R16..R31 and IO
//     channels outside 16..31 become an internal trap op carrying the trap
//     code. It faults only if executed, exactly as the raw instruction
//     would, so the dispatch loop never checks a field. The checks run in
//     a fixed order: opcode, mode, then the fields rd, rs1, rs2.
//   - Register fields are known to be < 16, and the loop indexes the
//     register file with field&15 so the compiler drops the bounds checks.
//   - Modes select distinct internal ops (MUL with and without a Q shift,
//     SHR logical or arithmetic, one CMP op per condition), so no mode is
//     decoded at run time.
//   - Jump targets become instruction indices. A target inside the code
//     that is not a multiple of 8 makes the jump a trapping op (for JZ/JNZ
//     a variant that traps only when taken). A target at or beyond the end
//     of the code becomes the index of an "end" sentinel appended after the
//     code whose operand is the byte address to report as pc; executing a
//     sentinel halts without costing a cycle. Falling off the end reaches
//     the first sentinel (pc = code length). RET, whose target is dynamic,
//     uses one reserved sentinel that it rewrites. The loop therefore never
//     compares pc with the code length.
//   - A2A opcodes become NOPs under the esp32 profile and hook calls under
//     jetson; the hook receives the original instruction.
//
// # Lazily derived flags
//
// Every flag-setting instruction sets Z = (result == 0) and N = bit 31 of
// the result, so both flags are a function of the last flag-setting 32-bit
// result. The machine stores only that value (flag) and derives Z and N
// when they are read: JZ/JNZ test flag == 0, State computes both. The
// initial value 1 gives Z = 0, N = 0. (Z = 1, N = 1 cannot arise.)
//
// # Fused instructions and superinstructions
//
// A CMP followed by JZ or JNZ becomes one fused compare-and-branch at the
// CMP's index, one op per condition and branch polarity. Then, left to
// right, each pair of straight-line instructions (LOAD_CONST, LOAD_REG,
// STORE_REG, ADD, SUB, MUL, AND, OR, XOR, SHL, SHR, PUSH, POP) and each
// straight-line instruction followed by a fused compare-and-branch becomes
// one superinstruction at the first index. One dispatch then executes two
// or three instructions. The cases are generated (loop_gen.go, by
// internal/genloop) by concatenating the plain ops' bodies, so they have
// the plain semantics by construction. Invariants:
//
//   - Every instruction a fused op consumes keeps its own plain form at its
//     own index, because a jump may land on it; the fused op reads its
//     second part's fields from that word.
//   - A fused op costs one cycle per instruction it executes. If its second
//     part faults, the first part's effects stand and pc is on the second
//     part, exactly as if executed separately.
//   - When the budget would run out inside a fused op, the op is
//     temporarily replaced by its first part (see budget accounting), so
//     the machine stops at the same pc and cycle count as unfused code.
//
// # Budget accounting by runs
//
// A run is the straight stretch from an instruction to the next control
// transfer or stop. Nothing inside a run transfers control, so the loop
// charges the budget once on entering a run, not per instruction, and
// refunds what it did not execute when something stops it mid-run. When the
// budget does not cover a run, the instruction where it runs out is
// temporarily replaced by a stop (and fused ops reaching across it by their
// first part) for the rest of that call. See exec.go.
//
// # Dispatch
//
// The loop (loop_gen.go) keeps pc (as an index), the remaining budget, the
// flag value and the stack pointer in locals and writes them back when it
// returns. It makes no calls: ops that must call (IO, queues, DMA's
// memmove, the A2A hook) leave the loop and are executed by slow, so the
// compiler keeps the loop state in registers. Data memory is a fixed-size
// array, so accesses checked against the configured size are provably in
// bounds of the array. Nothing in the loop allocates: queues are
// fixed-capacity rings allocated by New, and State is the only call that
// copies.
//
// The machine is deterministic: the same program, options, inputs and call
// sequence give the same state and cycle counts, bit for bit.
package vm
