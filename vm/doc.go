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
// New validates the code once and rewrites it into a compact internal form
// (8 bytes per instruction: internal op, three register fields, one 32-bit
// operand). Everything that can be decided statically is decided there:
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
// # Fused instructions
//
// A CMP followed by JZ or JNZ is predecoded into one super-instruction at
// the CMP's index, one per condition and branch polarity. It writes exactly
// what the pair writes (rd for a conditional CMP, flag) and costs two
// cycles. Two invariants keep it exact:
//
//   - The JZ/JNZ keeps its own plain form at its own index, because a jump
//     may land on it, and Step/Run may stop between the two.
//   - When only one cycle of budget is left, the fused op executes only its
//     CMP half and advances by one, so budget exhaustion stops at the same
//     pc and cycle count as the unfused code.
//
// Only pairs whose JZ/JNZ target is valid or past the end are fused; a
// misaligned target keeps the unfused (trapping) form.
//
// # Dispatch
//
// The loop in exec keeps pc (as an index), the remaining budget, the flag
// value and the stack pointer in locals and writes them back when it
// returns; registers, memory and queues live in the VM. Nothing in the loop
// allocates: queues are fixed-capacity rings allocated by New, and State is
// the only call that copies.
//
// The machine is deterministic: the same program, options, inputs and call
// sequence give the same state and cycle counts, bit for bit.
package vm
