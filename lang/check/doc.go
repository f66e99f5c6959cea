// Package check is the reflex type checker: name resolution, types and
// units, constant folding and the flow checks that make a reflex safe to
// deploy. It reads a *syntax.File (parsed without errors) and produces an
// *Info — side tables keyed by AST nodes that the language server (hover,
// go to definition) and the back end (constants, conversions, call graph)
// read — and a sorted diag.List of R1xx–R5xx diagnostics.
//
// # Scopes
//
// There are three levels of names. The universe holds the built-ins min,
// max, clamp and abs. The reflex scope holds every reflex-level declaration
// (sensor, actuator, param, const, state, inbox, outbox, fn); it is filled
// before any body is checked, so declarations may appear in any order and a
// const may refer to a const declared after it (a cycle is R304). Bodies
// (handlers, every blocks, functions) open a stack of block scopes for
// function parameters, lets, loop variables and `receive … as v`
// variables. Reflex forbids shadowing: a local may not reuse any visible
// name (R102), so a name means one thing throughout a body. Locals live in
// one slice searched from the innermost end; block scopes are marks in it.
//
// # Types and the side table
//
// A Type is bool, int (32-bit), num with a units.Unit (Q16.16; a
// dimensionless num has units.Dimensionless()), or one of the internal kinds: an
// untyped integer constant, the "no value" of a call to a function without
// a result, and Invalid for an expression whose error was already reported
// (Invalid never produces a second diagnostic). Info.Types records the
// type of every expression; untyped integer constants are rewritten to the
// type their context gave them (int or num), so the table holds what the
// back end will materialize.
//
// # Units
//
// The unit rules follow spec/reflex.md §7. `+ - < <= > >= == !=`, min, max,
// clamp, assignment, argument passing and return need one dimension; the
// first operand with a definite type fixes the common unit (the assignment
// target, the parameter, the left operand), and an operand whose unit has
// the same dimension but another scale (ms and s, deg and rad) is converted
// at compile time: Info.Convert[e] is the factor the back end multiplies e's
// value by. `*` and `/` multiply and divide units. A plain number where a
// unit is needed is R208 (with an edit appending the unit when the number is
// a literal), other dimension mismatches R201; int and num never mix
// implicitly (R204).
//
// # Constants
//
// Literals, consts and operators, conversions and built-ins applied to
// constants fold at check time; Info.Consts holds each constant
// expression's value in the unit of its type. Folding is exact (float64 for
// num, whole numbers for int). A constant is checked against the machine
// where the VM has to hold it — where it meets a non-constant operand or is
// stored, passed, returned or compared — after conversion to the unit
// there: |v| >= 32768 is R501, a nonzero value rounding to 0 is R502, an
// int outside 32 bits R504; a constant zero divisor is R503. Intermediate
// results of a fully constant expression are not checked, since they never
// exist at run time. A param has a default value (Symbol.Value) but is not
// a constant: it can change at deployment.
//
// # Flow
//
// Each body is walked once in source order with a small flow state: the set
// of actuators written on every path so far (a bit set indexed by
// Symbol.Index) and whether the current point is reachable. An `if` checks
// both branches from the same state and intersects the branches that fall
// through; a `receive` does the same with its else; a `for` with a constant
// count of at least one contributes its body's writes. Reading an actuator
// whose bit is clear is R302. Every handler and function starts with
// nothing written, except that an every block — which runs after `on tick`
// in the same tick — starts with what `on tick` writes on every path to
// its end; a call adds the actuators its callee writes on every path,
// computed by checking the callee first (bodies are checked on demand,
// once). Statements after a return are R303 (once per dead run); a
// function with a result whose end is reachable is R309. Calls are recorded
// per function and handler in Info.Calls; Tarjan's algorithm over that graph
// reports recursion (R304) with the cycle's calls as related spans.
//
// Check expects the tree of a parse without syntax errors (Source enforces
// that). Given a tree the parser's recovery left incomplete, it skips the
// declarations and statements missing required parts rather than failing.
//
// The checker makes one pass over declarations and one over bodies; every
// lookup is a map access or a scan of the current body's locals, and
// messages are built only when a diagnostic is reported.
package check
