package opt

import (
	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/vm/isa"
)

// fold is constant folding and propagation. Walking the blocks in
// topological order, an instruction whose operands are all constants
// becomes a Const holding ir.Eval's result (the VM's exact arithmetic),
// and one that an algebraic identity decides becomes a Const or a Copy of
// an operand. A phi whose arguments are all the same constant becomes a
// Const after the block's phis. Because constants are recorded as they
// are made, a chain of constant operations folds in one walk.
func fold(f *ir.Func) bool {
	consts := constants(f)
	defs := f.Defs()
	changed := false
	for _, b := range f.Blocks {
		if foldPhis(b, consts) {
			changed = true
		}
		for _, in := range b.Instrs {
			if in.Op == ir.OpPhi || !in.Op.Pure() || in.Op == ir.OpConst || in.Op == ir.OpRead {
				continue
			}
			if foldInstr(in, consts, defs) {
				changed = true
				if in.Op == ir.OpConst {
					consts[in.Dst] = uint32(in.Imm)
				}
			}
		}
	}
	return changed
}

// foldPhis turns the phis of b whose arguments are one constant into
// Consts placed after the remaining phis.
func foldPhis(b *ir.Block, consts map[ir.Value]uint32) bool {
	phis := b.Phis()
	var keep, made []*ir.Instr
	for _, in := range phis {
		c, ok := sameConst(in.Args, consts)
		if !ok {
			keep = append(keep, in)
			continue
		}
		makeConst(in, c)
		consts[in.Dst] = c
		made = append(made, in)
	}
	if len(made) == 0 {
		return false
	}
	rest := append([]*ir.Instr(nil), b.Instrs[len(phis):]...)
	b.Instrs = append(append(append(b.Instrs[:0], keep...), made...), rest...)
	return true
}

func sameConst(args []ir.Value, consts map[ir.Value]uint32) (uint32, bool) {
	if len(args) == 0 {
		return 0, false
	}
	c, ok := consts[args[0]]
	if !ok {
		return 0, false
	}
	for _, a := range args[1:] {
		if d, ok := consts[a]; !ok || d != c {
			return 0, false
		}
	}
	return c, true
}

// foldInstr folds one pure instruction and reports whether it changed.
func foldInstr(in *ir.Instr, consts map[ir.Value]uint32, defs map[ir.Value]*ir.Instr) bool {
	ca, aok := consts[in.A]
	cb, bok := consts[in.B]
	switch in.Op.NumArgs() {
	case 1:
		if aok {
			if r, ok := ir.Eval(in.Op, in.Imm, ca, 0); ok {
				makeConst(in, r)
				return true
			}
		}
	case 2:
		if aok && bok {
			if r, ok := ir.Eval(in.Op, in.Imm, ca, cb); ok {
				makeConst(in, r)
				return true
			}
		}
	}
	return identity(in, ca, aok, cb, bok, defs)
}

// identity applies the algebraic identities that hold for every value of
// the non-constant operand, bit for bit.
func identity(in *ir.Instr, ca uint32, aok bool, cb uint32, bok bool, defs map[ir.Value]*ir.Instr) bool {
	a, b := in.A, in.B
	// Put the constant of a commutative operation on the right.
	if aok && !bok && commutative(in.Op) {
		a, b, ca, cb, aok, bok = b, a, cb, ca, bok, aok
	}
	const ones = ^uint32(0)
	switch in.Op {
	case ir.OpAdd, ir.OpOr, ir.OpXor:
		if bok && cb == 0 {
			makeCopy(in, a)
			return true
		}
	case ir.OpSub:
		if bok && cb == 0 {
			makeCopy(in, a)
			return true
		}
	case ir.OpShl, ir.OpShr:
		if bok && cb&31 == 0 {
			makeCopy(in, a)
			return true
		}
		if aok && ca == 0 {
			makeConst(in, 0)
			return true
		}
	case ir.OpMul:
		// x·2^k >> k is x for 2^k a positive int32.
		if bok && cb == 0 {
			makeConst(in, 0)
			return true
		}
		if bok && in.Imm <= 30 && cb == 1<<uint(in.Imm) {
			makeCopy(in, a)
			return true
		}
	case ir.OpDiv:
		// (x·2^k)/2^k is x; anything divided by 0 is 0 and 0 divided by
		// anything is 0.
		if bok && cb == 0 || aok && ca == 0 {
			makeConst(in, 0)
			return true
		}
		if bok && in.Imm <= 30 && cb == 1<<uint(in.Imm) {
			makeCopy(in, a)
			return true
		}
	case ir.OpAnd:
		if bok && cb == 0 {
			makeConst(in, 0)
			return true
		}
		if bok && cb == ones {
			makeCopy(in, a)
			return true
		}
	case ir.OpNot, ir.OpNeg:
		// ^^x = x and --x = x.
		if d := defs[a]; d != nil && d.Op == in.Op {
			makeCopy(in, d.A)
			return true
		}
	}
	if in.Op == ir.OpOr && bok && cb == ones {
		makeConst(in, ones)
		return true
	}
	if a != b || in.Op.NumArgs() != 2 {
		return false
	}
	// Both operands are the same value.
	switch in.Op {
	case ir.OpSub, ir.OpXor:
		makeConst(in, 0)
		return true
	case ir.OpAnd, ir.OpOr, ir.OpMin, ir.OpMax:
		makeCopy(in, a)
		return true
	case ir.OpCmp:
		r := uint32(0)
		if in.Cond().Eval(0, 0) {
			r = 1
		}
		makeConst(in, r)
		return true
	}
	return false
}

// commutative reports whether op(a, b) = op(b, a) for every a and b (Cmp
// is commutative after swapping its condition; cse handles that).
func commutative(op ir.Op) bool {
	switch op {
	case ir.OpAdd, ir.OpMul, ir.OpAnd, ir.OpOr, ir.OpXor, ir.OpMin, ir.OpMax:
		return true
	}
	return false
}

// swapCond returns the condition c' with c(a, b) = c'(b, a).
func swapCond(c isa.Cond) isa.Cond {
	switch c {
	case isa.CondLT:
		return isa.CondGT
	case isa.CondGT:
		return isa.CondLT
	case isa.CondLE:
		return isa.CondGE
	case isa.CondGE:
		return isa.CondLE
	case isa.CondLTU:
		return isa.CondGTU
	case isa.CondGTU:
		return isa.CondLTU
	case isa.CondLEU:
		return isa.CondGEU
	case isa.CondGEU:
		return isa.CondLEU
	}
	return c
}
