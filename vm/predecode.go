package vm

import "github.com/nexusfleet/nexus/vm/isa"

// insn is the predecoded form of one instruction. Register fields a, b, c
// are always < 16 for ops that use them as registers (predecode guarantees
// it), so the loop indexes the register file with field&15 and no check.
// imm is the operand: an immediate, a target instruction index, a trap code
// or, for the end sentinel, the byte address to report as pc.
//
// The loop sees an insn packed into one uint64 (word): op in bits 0..15,
// the low 4 bits of a, b, c in bits 16..19, 20..23, 24..27 and imm in bits
// 32..63, so that one load brings the whole instruction into a register.
// Fields wider than a register number (IO and SEND channels) are read from
// the raw instruction by the slow ops that use them.
type insn struct {
	op      op
	a, b, c uint8
	imm     uint32
}

func (in insn) word() uint64 {
	return uint64(in.op) | uint64(in.a&15)<<16 | uint64(in.b&15)<<20 | uint64(in.c&15)<<24 | uint64(in.imm)<<32
}

// op is an internal operation. Values are private and may change freely;
// isa.Opcode is the only external numbering. The base ops are below;
// loop_gen.go appends the superinstructions (numBaseOps..numOps-1).
type op uint16

const (
	opEnd       op = iota // past-the-end sentinel: halt without a cycle; imm = pc to report
	opBudget              // budget exhausted here (placed temporarily by charge)
	opTrap                // fault with trap imm (statically invalid instruction)
	opNop                 // NOP, FREE, A2A under esp32
	opLoadConst           // R[a] = imm
	opLoad                // R[a] = mem32[R[b]+imm]
	opStore               // mem32[R[b]+imm] = R[a]
	opAdd                 // R[a] = R[b] + R[c]
	opSub
	opMul  // k = 0
	opMulK // k = imm
	opDiv  // k = 0
	opDivK // k = imm
	opAnd
	opOr
	opXor
	opNot
	opShl
	opShr // logical
	opSar // arithmetic (SHR mode 1)
	opCmp // flags from R[b]-R[c]
	opCmpEQ
	opCmpNE
	opCmpLT
	opCmpLE
	opCmpGT
	opCmpGE
	opCmpLTU
	opCmpLEU
	opCmpGTU
	opCmpGEU
	opJmp     // idx = imm
	opJz      // if Z: idx = imm
	opJnz     // if !Z: idx = imm
	opJzBad   // if Z: trap BAD_JUMP (misaligned target inside the code)
	opJnzBad  // if !Z: trap BAD_JUMP
	opCall    // push pc+8; idx = imm
	opRet     // idx = pop (checked at run time)
	opPush    // push R[a]
	opPop     // R[a] = pop
	opReadIO  // R[a] = io.Read(b)
	opWriteIO // io.Write(a, R[b])
	opHalt
	opSleep     // record imm
	opSend      // queue (a, R[b])
	opRecv      // R[a] = next received or 0xFFFFFFFF
	opAlloc     // check imm + R[b] <= mem; R[a] = imm
	opDMA       // copy imm bytes R[b] -> R[a]
	opInterrupt // queue imm
	opA2A       // call the host hook (jetson)

	// Fused CMP + JZ/JNZ. opCmpJz/opCmpJnz fuse the flags-only CMP; the
	// others fuse a conditional CMP and jump when the condition holds (T,
	// i.e. CMP cond + JNZ) or fails (F, i.e. CMP cond + JZ). imm is the
	// jump's target index. Each costs two cycles, or executes its CMP half
	// alone when one cycle of budget is left.
	opCmpJz
	opCmpJnz
	opCmpEQT
	opCmpEQF
	opCmpNET
	opCmpNEF
	opCmpLTT
	opCmpLTF
	opCmpLET
	opCmpLEF
	opCmpGTT
	opCmpGTF
	opCmpGET
	opCmpGEF
	opCmpLTUT
	opCmpLTUF
	opCmpLEUT
	opCmpLEUF
	opCmpGTUT
	opCmpGTUF
	opCmpGEUT
	opCmpGEUF

	numBaseOps
)

// simple maps opcodes whose predecoded form is a plain field copy.
var simple = [...]op{
	isa.NOP: opNop, isa.LOAD_CONST: opLoadConst, isa.LOAD_REG: opLoad, isa.STORE_REG: opStore,
	isa.ADD: opAdd, isa.SUB: opSub, isa.AND: opAnd, isa.OR: opOr, isa.XOR: opXor, isa.NOT: opNot,
	isa.SHL: opShl, isa.RET: opRet, isa.PUSH: opPush, isa.POP: opPop, isa.READ_IO: opReadIO,
	isa.WRITE_IO: opWriteIO, isa.HALT: opHalt, isa.SLEEP: opSleep, isa.SEND: opSend, isa.RECV: opRecv,
	isa.ALLOC: opAlloc, isa.FREE: opNop, isa.DMA_COPY: opDMA, isa.INTERRUPT: opInterrupt,
}

// program is the predecoded code of one VM. It is per VM, not shared:
// RET and budget truncation write to code.
type program struct {
	code []slot            // n instructions, then end sentinels
	raw  []isa.Instruction // original instructions, for the A2A hook
	n    uint32            // number of real instructions
	dyn  uint32            // index of the sentinel RET rewrites
}

// slot is one predecoded instruction: its word, the number of cycles from
// it to the end of its run (see exec.go), and for ops with a static jump
// target a copy of the target's word (tw), which the loop uses to start
// decoding the target without waiting for the jump's own word. Keeping all
// in one slice saves the loop base registers and lengths.
type slot struct {
	w   uint64
	tw  uint64
	run uint64
}

// pcOf returns the byte address to report for instruction index idx.
func (p *program) pcOf(idx uint32) uint32 {
	if idx < p.n {
		return idx * isa.InsnSize
	}
	return uint32(p.code[idx].w >> 32)
}

// endsRun reports whether o ends a run: it transfers control or stops.
// Fused ops do not: the JZ/JNZ after them does, so their run counts both
// of their cycles.
func endsRun(o op) bool {
	switch o {
	case opJmp, opJz, opJnz, opCall, opRet, opHalt, opEnd:
		return true
	}
	return false
}

// first returns the plain op that executes the first instruction of o: o
// itself for a plain op, the CMP of a fused compare-and-branch, the first
// part of a superinstruction.
func first(o op) op {
	switch {
	case o >= numBaseOps:
		return superParts[o-numBaseOps][0]
	case o >= opCmpEQT:
		return opCmpEQ + (o-opCmpEQT)/2
	case o >= opCmpJz:
		return opCmp
	}
	return o
}

// span returns how many instructions o executes: 1, 2 for a fused
// compare-and-branch or a pair, 3 for an op followed by a fused
// compare-and-branch.
func span(o op) uint32 {
	switch {
	case o >= numBaseOps:
		return 1 + span(superParts[o-numBaseOps][1])
	case o >= opCmpJz:
		return 2
	}
	return 1
}

// superOf maps the parts of each superinstruction to it.
var superOf = func() map[[2]op]op {
	m := make(map[[2]op]op, len(superParts))
	for k, parts := range superParts {
		m[parts] = numBaseOps + op(k)
	}
	return m
}()

// fuseSupers rewrites each pair of consecutive straight-line instructions,
// and each straight-line instruction followed by a fused compare-and-branch,
// into one superinstruction at the first index, left to right without
// overlap. The consumed instructions keep their own form, because control
// may reach them directly and the superinstruction reads their words.
func fuseSupers(code []insn) {
	for k := 0; k+1 < len(code); {
		if s, ok := superOf[[2]op{code[k].op, code[k+1].op}]; ok {
			code[k].op = s
			k += 1 + int(span(code[k+1].op))
			continue
		}
		k++
	}
}

// predecode validates and translates code (a multiple of 8 bytes, checked by
// the caller) into a program. It never fails: invalid instructions become
// trap ops.
func predecode(code []byte, prof isa.Profile) program {
	n := uint32(len(code) / isa.InsnSize)
	p := program{n: n, raw: make([]isa.Instruction, n)}
	c := make([]insn, n, n+2)
	// Sentinel n is "fell off the end"; further sentinels are added per
	// distinct out-of-range target; the last one is RET's.
	c = append(c, insn{op: opEnd, imm: n * isa.InsnSize})
	ends := map[uint32]uint32{n * isa.InsnSize: n}
	target := func(t uint32) (uint32, bool) {
		if uint64(t) >= uint64(n)*isa.InsnSize {
			if k, ok := ends[t]; ok {
				return k, true
			}
			k := uint32(len(c))
			c = append(c, insn{op: opEnd, imm: t})
			ends[t] = k
			return k, true
		}
		if t%isa.InsnSize != 0 {
			return 0, false
		}
		return t / isa.InsnSize, true
	}
	for k := range n {
		in := isa.Decode(code[k*isa.InsnSize:])
		p.raw[k] = in
		c[k] = translate(in, prof, target)
	}
	p.dyn = uint32(len(c))
	c = append(c, insn{op: opEnd})
	fuse(c[:n])
	fuseSupers(c[:n])
	p.code = make([]slot, len(c))
	for k := len(c) - 1; k >= 0; k-- {
		p.code[k].w = c[k].word()
		switch {
		case c[k].op == opEnd:
			p.code[k].run = 0
		case endsRun(c[k].op):
			p.code[k].run = 1
		default: // k < n: a real instruction is followed by another or sentinel n
			p.code[k].run = 1 + p.code[k+1].run
		}
	}
	for k := range p.code {
		switch o := op(p.code[k].w); {
		case o == opJmp, o == opJz, o == opJnz, o == opCall, o >= opCmpJz && o < numBaseOps:
			p.code[k].tw = p.code[p.code[k].w>>32].w
		}
	}
	return p
}

// check returns the trap an instruction raises whatever the machine state,
// or TrapNone: undefined opcode, undefined mode, then the register and
// channel fields in the order rd, rs1, rs2.
func check(in isa.Instruction) isa.Trap {
	rd, rs1, rs2, _, ok := in.Roles()
	if !ok || !in.ModeValid() {
		return isa.TrapBadOpcode
	}
	for _, f := range [...]struct {
		role isa.Role
		v    uint8
	}{{rd, in.Rd}, {rs1, in.Rs1}, {rs2, in.Rs2}} {
		switch f.role {
		case isa.RegRead, isa.RegWrite:
			if f.v >= isa.NumGPRegs {
				return isa.TrapBadRegister
			}
		case isa.IOChannel:
			if f.v < isa.FirstIOChannel || f.v > isa.LastIOChannel {
				return isa.TrapBadIOChannel
			}
		}
	}
	return isa.TrapNone
}

func translate(in isa.Instruction, prof isa.Profile, target func(uint32) (uint32, bool)) insn {
	if t := check(in); t != isa.TrapNone {
		return insn{op: opTrap, imm: uint32(t)}
	}
	out := insn{a: in.Rd, b: in.Rs1, c: in.Rs2, imm: uint32(in.Imm)}
	switch in.Op {
	case isa.MUL:
		out.op = opMul
		if in.Imm != 0 {
			out.op = opMulK
		}
	case isa.DIV:
		out.op = opDiv
		if in.Imm != 0 {
			out.op = opDivK
		}
	case isa.SHR:
		out.op = opShr
		if in.Imm == 1 {
			out.op = opSar
		}
	case isa.CMP:
		out.op = opCmp + op(in.Imm) // opCmp, opCmpEQ..opCmpGEU in Cond order
	case isa.JMP, isa.CALL, isa.JZ, isa.JNZ:
		k, ok := target(uint32(in.Imm))
		out.imm = k
		switch in.Op {
		case isa.JMP:
			out.op = opJmp
		case isa.CALL:
			out.op = opCall
		case isa.JZ:
			out.op = opJz
		default:
			out.op = opJnz
		}
		if !ok {
			// JMP and CALL always transfer, so they always trap; JZ and
			// JNZ trap only when taken. The target check precedes CALL's
			// stack check.
			switch in.Op {
			case isa.JZ:
				out.op = opJzBad
			case isa.JNZ:
				out.op = opJnzBad
			default:
				return insn{op: opTrap, imm: uint32(isa.TrapBadJump)}
			}
			out.imm = 0
		}
	default:
		if in.Op.Valid(prof) && isa.Lookup(in.Op).A2A {
			if prof == isa.ProfileJetson {
				out.op = opA2A
			} else {
				out.op = opNop
			}
			break
		}
		out.op = simple[in.Op]
	}
	return out
}

// fuse rewrites each CMP immediately followed by a JZ or JNZ with a valid
// target into a fused op at the CMP's index. The jump keeps its own plain
// form because control may reach it directly.
func fuse(code []insn) {
	for k := 0; k+1 < len(code); k++ {
		c, j := &code[k], code[k+1]
		if c.op < opCmp || c.op > opCmpGEU || (j.op != opJz && j.op != opJnz) {
			continue
		}
		jz := j.op == opJz
		if c.op == opCmp {
			c.op = opCmpJz
			if !jz {
				c.op = opCmpJnz
			}
		} else {
			// CMP cond + JNZ jumps when cond holds (T); + JZ when it fails (F).
			c.op = opCmpEQT + 2*(c.op-opCmpEQ)
			if jz {
				c.op++
			}
		}
		c.imm = j.imm
	}
}
