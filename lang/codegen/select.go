package codegen

import (
	"fmt"

	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/vm/isa"
)

// Instruction selection: each vop becomes a short fixed pattern.

func (fg *fgen) emit(op isa.Opcode, rd, rs1, rs2 uint8, imm int32) *minstr {
	m := &minstr{op: op, rd: rd, rs1: rs1, rs2: rs2, imm: imm, pos: fg.pos}
	fg.out = append(fg.out, m)
	return m
}

func (fg *fgen) jump(op isa.Opcode, target string) {
	fg.out = append(fg.out, &minstr{op: op, target: target, pos: fg.pos})
}

func (fg *fgen) label(name string) {
	fg.out = append(fg.out, &minstr{label: name, pos: fg.pos})
}

func (fg *fgen) newLabel() string {
	fg.nlabel++
	return fmt.Sprintf("%s.L%d", fg.prefix, fg.nlabel)
}

// use returns a register holding v, loading it into scratch if it lives
// in memory or is a rematerialised constant.
func (fg *fgen) use(v ir.Value, scratch uint8) uint8 {
	l, ok := fg.loc[v]
	if !ok {
		fg.fail("v%d in %s is used but has no location", v, fg.f.Name)
		return 0
	}
	switch l.kind {
	case locReg:
		return l.reg
	case locConst:
		fg.emit(isa.LOAD_CONST, scratch, 0, 0, l.k)
	case locMem:
		fg.emit(isa.LOAD_REG, scratch, 0, 0, l.addr)
	}
	return scratch
}

// dst returns the register an instruction should write v to.
func (fg *fgen) dst(v ir.Value) uint8 {
	if l := fg.loc[v]; l.kind == locReg {
		return l.reg
	}
	return regTmpA
}

// done stores a spilled result computed in r.
func (fg *fgen) done(v ir.Value, r uint8) {
	if l := fg.loc[v]; l.kind == locMem {
		fg.emit(isa.STORE_REG, r, 0, 0, l.addr)
	}
}

var aluOps = map[ir.Op]isa.Opcode{
	ir.OpAdd: isa.ADD, ir.OpSub: isa.SUB, ir.OpAnd: isa.AND, ir.OpOr: isa.OR,
	ir.OpXor: isa.XOR, ir.OpShl: isa.SHL, ir.OpMul: isa.MUL, ir.OpShr: isa.SHR,
}

func (fg *fgen) emitAll() {
	fg.out = append(fg.out, &minstr{label: fg.prefix, fnStart: true, pos: fg.f.Pos})
	for i, op := range fg.vops {
		fg.pos = op.pos
		flag := fg.flagVal
		fg.flagVal = 0
		switch op.kind {
		case vLabel:
			fg.label(op.label)
		case vParams:
			var ms []pmove
			for k, p := range fg.f.Params {
				if l, ok := fg.loc[p]; ok {
					ms = append(ms, pmove{l, regLoc(uint8(k + 1))})
				}
			}
			fg.parallel(ms)
		case vInstr:
			fg.instr(op.in)
		case vCopies:
			var ms []pmove
			for _, m := range op.moves {
				d, ok := fg.loc[m.dst]
				s, ok2 := fg.loc[m.src]
				if !ok || !ok2 {
					fg.fail("phi copy v%d <- v%d in %s without a location", m.dst, m.src, fg.f.Name)
					continue
				}
				ms = append(ms, pmove{d, s})
			}
			fg.parallel(ms)
		case vJump:
			if !fg.labelFollows(i, op.target) {
				fg.jump(isa.JMP, op.target)
			}
		case vBranch:
			fg.branch(i, op, flag)
		case vReturn:
			if op.val != 0 {
				if l, ok := fg.loc[op.val]; ok {
					fg.parallel([]pmove{{regLoc(1), l}})
				} else {
					fg.fail("returned v%d in %s has no location", op.val, fg.f.Name)
				}
			}
			fg.emit(isa.RET, 0, 0, 0, 0)
		case vHalt:
			fg.emit(isa.HALT, 0, 0, 0, 0)
		}
	}
}

// labelFollows reports whether label name comes right after vop i (among
// the labels that follow it without code in between).
func (fg *fgen) labelFollows(i int, name string) bool {
	for j := i + 1; j < len(fg.vops) && fg.vops[j].kind == vLabel; j++ {
		if fg.vops[j].label == name {
			return true
		}
	}
	return false
}

// branch ends a block: Z is made to hold "condition false", then one jump
// (or two when neither target follows).
func (fg *fgen) branch(i int, op *vop, flag ir.Value) {
	switch {
	case op.cmp != nil:
		a := fg.use(op.cmp.A, regTmpA)
		b := fg.use(op.cmp.B, regTmpB)
		fg.emit(isa.CMP, regCmp, a, b, op.cmp.Imm)
	case flag != 0 && flag == op.cond:
		// the instruction that computed cond set Z = (cond == 0)
	default:
		c := fg.use(op.cond, regTmpA)
		fg.emit(isa.CMP, 0, c, 0, 0)
	}
	switch {
	case fg.labelFollows(i, op.yes):
		fg.jump(isa.JZ, op.no)
	case fg.labelFollows(i, op.no):
		fg.jump(isa.JNZ, op.yes)
	default:
		fg.jump(isa.JZ, op.no)
		fg.jump(isa.JMP, op.yes)
	}
}

// instr selects the instructions for one IR instruction.
func (fg *fgen) instr(in *ir.Instr) {
	switch in.Op {
	case ir.OpConst:
		if l := fg.loc[in.Dst]; l.kind == locReg && l.reg != 0 {
			fg.emit(isa.LOAD_CONST, l.reg, 0, 0, in.Imm)
		}
	case ir.OpCopy:
		fg.copyValue(in.Dst, in.A)
	case ir.OpAdd, ir.OpSub, ir.OpAnd, ir.OpOr, ir.OpXor, ir.OpShl, ir.OpMul, ir.OpShr:
		a := fg.use(in.A, regTmpA)
		b := fg.use(in.B, regTmpB)
		d := fg.dst(in.Dst)
		var imm int32
		if in.Op == ir.OpMul || in.Op == ir.OpShr {
			imm = in.Imm
		}
		fg.emit(aluOps[in.Op], d, a, b, imm)
		fg.done(in.Dst, d)
		fg.flagVal = in.Dst
	case ir.OpNot, ir.OpNeg:
		a := fg.use(in.A, regTmpA)
		d := fg.dst(in.Dst)
		if in.Op == ir.OpNot {
			fg.emit(isa.NOT, d, a, 0, 0)
		} else {
			fg.emit(isa.SUB, d, 0, a, 0)
		}
		fg.done(in.Dst, d)
		fg.flagVal = in.Dst
	case ir.OpDiv:
		fg.div(in)
	case ir.OpCmp:
		a := fg.use(in.A, regTmpA)
		b := fg.use(in.B, regTmpB)
		d := fg.dst(in.Dst)
		fg.emit(isa.CMP, d, a, b, in.Imm)
		fg.done(in.Dst, d)
		fg.flagVal = in.Dst
	case ir.OpMin, ir.OpMax:
		if st := fg.steady[in]; st != nil {
			fg.emitSteady(in, st)
			return
		}
		if fg.abs[in] {
			fg.emitAbs(in)
			return
		}
		if fg.copyOf[in] {
			fg.copyValue(in.Dst, in.A)
			return
		}
		if hi, ok := fg.lowFirst[in]; ok {
			fg.clampLowFirst(in, hi)
			return
		}
		fg.minMax(in)
	case ir.OpRead:
		d := fg.dst(in.Dst)
		fg.emit(isa.READ_IO, d, uint8(in.Imm), 0, 0)
		fg.done(in.Dst, d)
	case ir.OpWrite:
		a := fg.use(in.A, regTmpA)
		fg.emit(isa.WRITE_IO, uint8(in.Imm), a, 0, 0)
	case ir.OpLoad:
		d := fg.dst(in.Dst)
		fg.emit(isa.LOAD_REG, d, 0, 0, in.Imm)
		fg.done(in.Dst, d)
	case ir.OpStore:
		a := fg.use(in.A, regTmpA)
		fg.emit(isa.STORE_REG, a, 0, 0, in.Imm)
	case ir.OpSend:
		a := fg.use(in.A, regTmpA)
		fg.emit(isa.SEND, uint8(in.Imm), a, 0, 0)
	case ir.OpRecv:
		d := fg.dst(in.Dst)
		fg.emit(isa.RECV, d, 0, 0, 0)
		fg.done(in.Dst, d)
	case ir.OpA2A:
		info := isa.Lookup(isa.Opcode(in.Imm))
		if info == nil || !info.A2A {
			fg.fail("a2a with opcode %d", in.Imm)
			return
		}
		var a uint8
		if in.A != 0 {
			a = fg.use(in.A, regTmpA)
		}
		fg.emit(isa.Opcode(in.Imm), a, 0, 0, in.Imm2)
	case ir.OpCall:
		fg.call(in)
	default:
		fg.fail("cannot generate %s", in.Op)
	}
}

// copyValue moves src into dst's location.
func (fg *fgen) copyValue(dst, src ir.Value) {
	d, ok := fg.loc[dst]
	s, ok2 := fg.loc[src]
	if !ok || !ok2 {
		fg.fail("copy v%d <- v%d in %s without a location", dst, src, fg.f.Name)
		return
	}
	fg.parallel([]pmove{{d, s}})
}

// div emits a division. Only a non-zero constant divisor is divided by
// directly; anything else is tested first, and 0 gives 0.
func (fg *fgen) div(in *ir.Instr) {
	if d := fg.defs[in.B]; d != nil && d.Op == ir.OpConst {
		r := fg.dst(in.Dst)
		if d.Imm == 0 {
			fg.emit(isa.ADD, r, 0, 0, 0)
		} else {
			a := fg.use(in.A, regTmpA)
			b := fg.use(in.B, regTmpB)
			fg.emit(isa.DIV, r, a, b, in.Imm)
		}
		fg.done(in.Dst, r)
		fg.flagVal = in.Dst
		return
	}
	// The divisor is tested for > 0 and then < 0 rather than for != 0:
	// the validator's intervals are single arcs, so "b != 0" cannot be
	// expressed when b's range has 0 strictly inside it, but each side
	// can ([1, hi] and [lo, -1]).
	a := fg.use(in.A, regTmpA)
	b := fg.use(in.B, regTmpB)
	r := fg.dst(in.Dst)
	notPos, zero, end := fg.newLabel(), fg.newLabel(), fg.newLabel()
	fg.emit(isa.CMP, regCmp, b, 0, int32(isa.CondGT))
	fg.jump(isa.JZ, notPos)
	fg.emit(isa.DIV, r, a, b, in.Imm)
	fg.jump(isa.JMP, end)
	fg.label(notPos)
	fg.emit(isa.CMP, regCmp, b, 0, int32(isa.CondLT))
	fg.jump(isa.JZ, zero)
	fg.emit(isa.DIV, r, a, b, in.Imm)
	fg.jump(isa.JMP, end)
	fg.label(zero)
	fg.emit(isa.ADD, r, 0, 0, 0)
	fg.label(end)
	fg.done(in.Dst, r)
	fg.flagVal = in.Dst
}

// minMax emits d = min(a, b) (or max) as a conditional move the validator
// can follow: d = a; if d > b (min) or d < b (max) then d = b.
func (fg *fgen) minMax(in *ir.Instr) {
	a := fg.use(in.A, regTmpA)
	b := fg.use(in.B, regTmpB)
	d := fg.dst(in.Dst)
	if d == b && d != a {
		fg.fail("min/max result shares the register of its second operand")
	}
	if d != a {
		fg.emit(isa.ADD, d, a, 0, 0)
	}
	cond := isa.CondGT
	if in.Op == ir.OpMax {
		cond = isa.CondLT
	}
	fg.moveIf(d, b, cond)
	fg.done(in.Dst, d)
}

// moveIf emits d = b when cond(d, b) holds, as a compare into regCmp and a
// branch around the move, so the validator refines d on the path that
// keeps it.
func (fg *fgen) moveIf(d, b uint8, cond isa.Cond) {
	skip := fg.newLabel()
	fg.emit(isa.CMP, regCmp, d, b, int32(cond))
	fg.jump(isa.JZ, skip)
	fg.emit(isa.ADD, d, b, 0, 0)
	fg.label(skip)
}

// call moves the arguments to R1..Rn, calls, and moves the result from R1.
func (fg *fgen) call(in *ir.Instr) {
	if in.Imm < 0 || int(in.Imm) >= len(fg.g.p.Funcs) || fg.g.p.Funcs[in.Imm].Kind != ir.FuncUser {
		fg.fail("call to function %d", in.Imm)
		return
	}
	var ms []pmove
	for k, a := range in.Args {
		l, ok := fg.loc[a]
		if !ok || k >= numAlloc {
			fg.fail("call argument v%d in %s", a, fg.f.Name)
			return
		}
		ms = append(ms, pmove{regLoc(uint8(k + 1)), l})
	}
	fg.parallel(ms)
	fg.jump(isa.CALL, fg.g.funcLabel(int(in.Imm)))
	if in.Dst != 0 {
		if l, ok := fg.loc[in.Dst]; ok {
			fg.parallel([]pmove{{l, regLoc(1)}})
		}
	}
}

// Parallel moves.

type pmove struct{ dst, src loc }

func sameLoc(a, b loc) bool {
	switch {
	case a.kind != b.kind:
		return false
	case a.kind == locReg:
		return a.reg == b.reg
	case a.kind == locMem:
		return a.addr == b.addr
	}
	return a.k == b.k
}

// parallel performs the moves as if simultaneously: a move runs once no
// other pending move still reads its destination; a cycle is broken by
// copying one source to regCmp.
func (fg *fgen) parallel(ms []pmove) {
	var pending []pmove
	for _, m := range ms {
		if m.dst.kind != locNone && m.dst.kind != locConst && !sameLoc(m.dst, m.src) {
			pending = append(pending, m)
		}
	}
	for len(pending) > 0 {
		progress := false
		for i, m := range pending {
			blocked := false
			for j, o := range pending {
				if j != i && sameLoc(o.src, m.dst) {
					blocked = true
					break
				}
			}
			if !blocked {
				fg.moveNow(m.dst, m.src)
				pending = append(pending[:i], pending[i+1:]...)
				progress = true
				break
			}
		}
		if !progress {
			s := pending[0].src
			tmp := regLoc(regCmp)
			fg.moveNow(tmp, s)
			for j := range pending {
				if sameLoc(pending[j].src, s) {
					pending[j].src = tmp
				}
			}
		}
	}
}

func (fg *fgen) moveNow(d, s loc) {
	if d.kind == locReg {
		switch s.kind {
		case locReg:
			fg.emit(isa.ADD, d.reg, s.reg, 0, 0)
		case locMem:
			fg.emit(isa.LOAD_REG, d.reg, 0, 0, s.addr)
		case locConst:
			fg.emit(isa.LOAD_CONST, d.reg, 0, 0, s.k)
		}
		return
	}
	r := uint8(regTmpB)
	switch s.kind {
	case locReg:
		r = s.reg
	case locMem:
		fg.emit(isa.LOAD_REG, r, 0, 0, s.addr)
	case locConst:
		fg.emit(isa.LOAD_CONST, r, 0, 0, s.k)
	}
	fg.emit(isa.STORE_REG, r, 0, 0, d.addr)
}
