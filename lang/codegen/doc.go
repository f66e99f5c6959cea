// Package codegen turns a lowered reflex (an ir.Program) into a validated
// .nxb container: instruction selection, phi elimination, register
// allocation, layout, the AAB metadata and debug info, then encoding
// through package asm (asm.Link, which takes the program as data rather
// than text) and strict validation through package validator.
//
// # Model
//
// Input is an ir.Program whose functions have acyclic control-flow graphs
// with blocks in topological order. Output is a Result: the container, its
// assembly text (assembling Asm yields the same code, data, entries and
// metadata; only the debug info is added to the container), the figures
// the CLI prints and the validator's verdict.
//
// Every function is generated on its own:
//
//  1. Linearisation. The blocks are laid out in their order. A branch into
//     a block with phis gets an edge block that holds the parallel copies
//     of that edge (critical-edge splitting); a jump into one gets the
//     copies at its end. A Cmp whose only use is the branch ending its
//     block is fused into the branch (CMP t, a, b, COND; JZ/JNZ). Pure
//     instructions and loads nobody uses are dropped.
//  2. Register allocation. A block-level liveness analysis (walking back
//     from each use to the definition) gives every value its segments on
//     the linear order: per block, from its start (live in) or the
//     definition to its end (live out) or the last use; per edge block,
//     throughout when the value passes on to the target. A phi is live only
//     from each edge copy to the jump after it and from its block on, so
//     its range has holes where the other predecessors run. A phi and any
//     argument whose segments fit in those holes form one class that
//     shares a location, which removes the copy (the layout is
//     topological, every path runs forward through the positions, and the
//     members of a class never overlap, so the one register holds at each
//     position the only member that can be live there). A constant read
//     only by phi copies gets no register: it is loaded straight into each
//     phi's. A linear scan over the classes, in order of their first
//     position, assigns R1..R12; a register is free for a class when no
//     class holding it overlaps it. R0 is the zero register, never
//     written: MOV is ADD d, s, R0, memory is addressed as R0 + constant
//     (so the validator proves every address), negation is SUB d, R0, s.
//     R13 receives the 0/1 of fused compares and breaks copy cycles; R14
//     and R15 hold reloaded operands and results of spilled values. A
//     class that cannot have a register, or lives across a CALL (a call
//     clobbers R1..R15), lives in a data word after the program's globals
//     — one word per class, static per function, which is safe because
//     reflex functions never recurse — and a spilled constant is
//     rematerialised with LOAD_CONST at each use. Hints prefer the
//     registers of copies, call arguments (R1..Rn), call results (R1) and
//     the first operand of Min/Max (the tied clamp form).
//  3. Emission. Each IR instruction maps to a short fixed pattern (see
//     select.go). Min and Max against any value become a compare and a
//     conditional move, written so that the validator's interval
//     refinement proves the result's bounds — the actuator clamps of the
//     flush therefore satisfy the container's `range` safety records. A
//     division by anything but a non-zero constant is guarded: a divisor
//     of 0 yields 0, the reflex meaning, and the validator sees a non-zero
//     divisor on the DIV path. User functions take their arguments in
//     R1..Rn and return their result in R1; entry functions end with HALT.
//  4. Peephole (Options.Peephole, peephole.go) on the final instruction
//     list: self-moves, jumps to the next instruction, jump threading,
//     constants a register already holds, reloads of a word just stored.
//  5. Optional optimisations (Options.Optimize, -O1 and up): an edge on
//     which the next block's branch outcome is known (a phi gets a
//     constant there, or the edge's own branch decided the value) jumps
//     to the successor that branch would take, when the skipped block
//     computes nothing that outlives it; the steady flush (clamp.go) of a
//     rate-limited actuator whose request is known inside its range;
//     Max(x, -x) as a conditional negation; a branch condition computed
//     last in its block, so that the flags it sets serve the branch.
//
// Layout: tick at pc 0, then init, failsafe and the user functions, each
// function's code contiguous and separate (validator rule V201).
//
// # Metadata
//
// intent and narrative (text), trust (float32), a precondition record
// "autonomy LN", capability records ("read CH...", "write CH...", "send
// N...", "a2a MNEMONIC...") for exactly the channels and opcodes the code
// uses, a safety record "range CH LO HI" per actuator with a range, and one
// type record per interface item, words separated by spaces:
//
//	sensor NAME CH KIND [UNIT] [range LO HI]
//	actuator NAME CH KIND [UNIT] [range LO HI] safe S [rate R]
//	param NAME @ADDR default RAW
//
// LO, HI, S, R and RAW are raw words (Q16.16 for num). The IR keeps no
// type for params, so their records give the address and default only.
// Debug info maps every instruction to the reflex file and the IR position
// it came from, or the nearest preceding one.
//
// # Clamp elision
//
// The flush clamps every actuator value with Min/Max against the declared
// range. A Min or Max against a constant is emitted as a plain copy when a
// signed range analysis over the IR (constants, Min, Max, phis, compares)
// proves it cannot change the value. The validator is the judge: if it
// then reports V604 (a write not proven inside its range) on a channel
// whose clamp was elided, the program is generated again without any
// elision, which always validates because the clamps themselves are the
// proof.
//
// # Errors
//
// A tick, init or failsafe whose worst-case cycles exceed Options.Budget is
// a *BudgetError naming the entry, the figures and the source positions
// costing the most cycles on the worst path. Any other validator rejection
// is a compiler bug, reported as "internal compiler error: the validator
// rejected the generated code: ...".
package codegen
