// Package opt is the reflex compiler's IR optimiser: passes that rewrite
// an ir.Program in place without changing what it does.
//
// # Model
//
// A pass takes a verified program and leaves a verified program (every
// pass's tests call (*ir.Program).Verify after it) that, run in the
// reference interpreter ir.Machine from the same data memory with the same
// sensor inputs and received messages, writes the same actuator values,
// sends the same messages, issues the same A2A operations in the same
// order and leaves the same data memory. Only the number of executed
// instructions may change. The property test in opt_test.go checks this
// law for every example and for random programs at every level.
//
// Each pass lives in its own file with its own test:
//
//	fold      constant folding and propagation (ir.Eval) and algebraic identities
//	copyprop  copies and phis that choose one value are replaced by that value
//	dce       unused pure instructions, loads and phis are removed
//	cse       dominator-tree value numbering of pure instructions
//	memory    store-to-load forwarding, redundant loads, dead stores
//	strength  exact multiplications and divisions by powers of two become shifts
//	branch    constant and trivial branches, jump threading, block merging
//	inline    calls to user functions are replaced by the callee's body
//	          (a callee over 128 instructions only where it has one call site)
//	scratch   stores to compiler-only words nothing loads any more
//	flushclamp an author's clamp that the actuator flush repeats
//	shortcircuit a branch on and/or tests one side, then the other only if needed
//	sink      pure values move down to the paths that use them
//
// Passes rewrite an instruction into a simpler one in place where they can
// (an identity becomes a Copy, a folded value a Const) and leave the
// clean-up to the passes after them: copy propagation removes the copies,
// dead-code elimination the definitions nobody uses any more. Optimize
// therefore runs a level's passes in turn until none changes anything,
// with a cap on the rounds so that a pass that keeps reporting a change
// cannot hang the compiler.
//
// # Invariants passes rely on
//
// The control-flow graph is acyclic and its blocks are in topological
// order, so one forward walk over Blocks sees every definition before its
// uses (except phi arguments, which arrive along edges) and one backward
// walk sees every use of a block's results. A phi's Args follow its
// block's Preds; every pass that edits edges keeps them aligned.
//
// Memory persists across activations: a store whose value no load of the
// same activation reads is still observable by the next tick, so the only
// dead store is one overwritten on every path before anything could read
// it. A Call may read and write any word.
package opt

import "github.com/nexusfleet/nexus/lang/ir"

// Pass is one optimisation pass.
type Pass struct {
	Name string
	// Run rewrites the program in place and reports whether it changed
	// anything.
	Run func(p *ir.Program) bool
}

// maxRounds caps the fixpoint iteration of a level's passes.
const maxRounds = 16

var (
	passFold     = Pass{"fold", perFunc(fold)}
	passCopyProp = Pass{"copyprop", perFunc(copyProp)}
	passDCE      = Pass{"dce", perFunc(dce)}
	passCSE      = Pass{"cse", perFunc(cse)}
	passMemory   = Pass{"memory", perFunc(memory)}
	passStrength = Pass{"strength", perFunc(strength)}
	passBranch   = Pass{"branch", perFunc(branch)}
	passInline   = Pass{"inline", inline}
	passScratch  = Pass{"scratch", scratch}
	passSink     = Pass{"sink", perFunc(sink)}
	passFlush    = Pass{"flushclamp", flushClamp}
	passShort    = Pass{"shortcircuit", shortCircuit}
)

// Passes lists the passes a level runs, in order. At level 2 the first
// pass (inline) runs once; the others are repeated to a fixpoint.
func Passes(level int) []Pass {
	switch {
	case level <= 0:
		return nil
	case level == 1:
		return []Pass{passFold, passCopyProp, passBranch, passDCE}
	}
	return []Pass{passInline, passFold, passCopyProp, passCSE, passMemory, passScratch, passFlush, passStrength, passShort, passBranch, passDCE, passSink}
}

// Optimize runs the passes of an optimisation level on p in place: 0
// none, 1, 2 (the default; higher levels mean 2).
func Optimize(p *ir.Program, level int) { OptimizeWith(p, level, Options{}) }

// Options adjust a level's passes.
type Options struct {
	// NoInline leaves calls alone: for a program whose inlined code would
	// not fit in the machine's code memory.
	NoInline bool
}

// OptimizeWith is Optimize with options.
func OptimizeWith(p *ir.Program, level int, o Options) {
	passes := Passes(level)
	if len(passes) == 0 {
		return
	}
	if passes[0].Name == "inline" && o.NoInline {
		passes = passes[1:]
	}
	if passes[0].Name == "inline" {
		passes[0].Run(p)
		passes = passes[1:]
	}
	for round := 0; round < maxRounds; round++ {
		changed := false
		for _, ps := range passes {
			if ps.Run(p) {
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// perFunc lifts a function pass to a program pass.
func perFunc(run func(f *ir.Func) bool) func(p *ir.Program) bool {
	return func(p *ir.Program) bool {
		changed := false
		for _, f := range p.Funcs {
			if run(f) {
				changed = true
			}
		}
		return changed
	}
}

// constants maps every value a Const defines to its bits.
func constants(f *ir.Func) map[ir.Value]uint32 {
	c := map[ir.Value]uint32{}
	for _, b := range f.Blocks {
		for _, in := range b.Instrs {
			if in.Op == ir.OpConst {
				c[in.Dst] = uint32(in.Imm)
			}
		}
	}
	return c
}

// makeConst turns in into `Dst = const c`.
func makeConst(in *ir.Instr, c uint32) {
	in.Op, in.A, in.B, in.Args, in.Imm, in.Imm2 = ir.OpConst, 0, 0, nil, int32(c), 0
}

// makeCopy turns in into `Dst = copy v`.
func makeCopy(in *ir.Instr, v ir.Value) {
	in.Op, in.A, in.B, in.Args, in.Imm, in.Imm2 = ir.OpCopy, v, 0, nil, 0, 0
}

// substitute rewrites every use in f through sub, following chains
// (sub[a] = b, sub[b] = c rewrites a to c).
func substitute(f *ir.Func, sub map[ir.Value]ir.Value) {
	if len(sub) == 0 {
		return
	}
	resolve := func(v ir.Value) ir.Value {
		for n := 0; n < 1<<20; n++ {
			w, ok := sub[v]
			if !ok || w == v {
				return v
			}
			v = w
		}
		return v
	}
	for _, b := range f.Blocks {
		for _, in := range b.Instrs {
			in.A, in.B = resolve(in.A), resolve(in.B)
			for k, a := range in.Args {
				in.Args[k] = resolve(a)
			}
		}
		b.Term.Cond = resolve(b.Term.Cond)
		b.Term.Val = resolve(b.Term.Val)
	}
}

// removeInstrs drops the instructions dead reports from every block and
// reports whether any went.
func removeInstrs(f *ir.Func, dead func(in *ir.Instr) bool) bool {
	changed := false
	for _, b := range f.Blocks {
		out := b.Instrs[:0]
		for _, in := range b.Instrs {
			if dead(in) {
				changed = true
				continue
			}
			out = append(out, in)
		}
		for k := len(out); k < len(b.Instrs); k++ {
			b.Instrs[k] = nil
		}
		b.Instrs = out
	}
	return changed
}

// insertBefore inserts in at index k of b.
func insertBefore(b *ir.Block, k int, in *ir.Instr) {
	b.Instrs = append(b.Instrs, nil)
	copy(b.Instrs[k+1:], b.Instrs[k:])
	b.Instrs[k] = in
}
