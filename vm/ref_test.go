package vm

import (
	"encoding/binary"

	"github.com/nexusfleet/nexus/vm/isa"
	"github.com/nexusfleet/nexus/vm/nxb"
)

// refVM is a deliberately simple interpreter written straight from the
// semantics in spec/isa.md (notes/context.md): it decodes the raw bytes at
// every step, checks every field every time and keeps the flags as two
// booleans. It shares nothing with the fast VM but package isa. The
// differential tests hold the fast VM to it.
type refVM struct {
	f       *nxb.File
	prof    isa.Profile
	io      IO
	hook    Hook
	budget  uint64
	memSize int
	qcap    int

	pc       uint32
	regs     [isa.NumRegs]uint32
	z, n     bool
	stack    []uint32
	mem      []byte
	sent     []Send
	recv     []uint32
	intr     []uint32
	cycles   uint64
	total    uint64
	stop     Stop
	trap     isa.Trap
	sleepMs  uint32
	sleepReq bool
	initDone bool
}

func newRef(f *nxb.File, o Options) *refVM {
	r := &refVM{f: f, prof: o.Profile, io: o.IO, hook: o.Hook, budget: o.Budget, memSize: o.MemSize, qcap: o.QueueCap}
	if r.io == nil {
		r.io = nopIO{}
	}
	if r.budget == 0 {
		r.budget = isa.DefaultBudget
	}
	if r.memSize == 0 {
		r.memSize = isa.MemSize
	}
	if r.qcap == 0 {
		r.qcap = DefaultQueueCap
	}
	r.reset()
	return r
}

func (r *refVM) reset() {
	r.mem = make([]byte, r.memSize)
	for _, s := range r.f.Data {
		copy(r.mem[s.Addr:], s.Bytes)
	}
	r.sent, r.recv, r.intr = nil, nil, nil
	r.total = 0
	r.initDone = false
	r.activate(r.f.Entry.Tick)
}

func (r *refVM) activate(entry uint32) {
	r.pc = entry
	r.regs = [isa.NumRegs]uint32{}
	r.z, r.n = false, false
	r.stack = nil
	r.cycles = 0
	r.stop, r.trap = StopNone, isa.TrapNone
	r.sleepMs, r.sleepReq = 0, false
}

func (r *refVM) run(budget uint64) Stop {
	if r.stop == StopHalted || r.stop == StopTrap {
		return r.stop
	}
	for used := uint64(0); ; used++ {
		if uint64(r.pc) >= uint64(len(r.f.Code)) {
			r.stop = StopHalted // past the end: no cycle
			return r.stop
		}
		if used == budget {
			r.stop = StopBudget
			return r.stop
		}
		halted, trap := r.exec()
		if trap != isa.TrapNone {
			r.stop, r.trap = StopTrap, trap
			return r.stop
		}
		r.cycles++
		r.total++
		if halted {
			r.stop = StopHalted
			return r.stop
		}
	}
}

func (r *refVM) step() Stop {
	if r.stop == StopHalted || r.stop == StopTrap {
		return r.stop
	}
	if r.run(1) == StopBudget {
		r.stop = StopNone
	}
	return r.stop
}

func (r *refVM) runEntry(e uint32) RunResult {
	r.activate(e)
	r.run(r.budget)
	return RunResult{Stop: r.stop, Trap: r.trap, PC: r.pc, Cycles: r.cycles}
}

func (r *refVM) init() (RunResult, bool) {
	if r.initDone || r.f.Entry.Init == nxb.NoEntry {
		return RunResult{}, false
	}
	r.initDone = true
	return r.runEntry(r.f.Entry.Init), true
}

func (r *refVM) tick() TickResult {
	var res TickResult
	if ir, ok := r.init(); ok {
		res.Init = &ir
	}
	t := r.runEntry(r.f.Entry.Tick)
	res.Stop, res.Trap, res.PC, res.Cycles = t.Stop, t.Trap, t.PC, t.Cycles
	if (t.Stop == StopTrap || t.Stop == StopBudget) && r.f.Entry.Failsafe != nxb.NoEntry {
		st := r.state()
		res.Tick = &st
		fs := r.runEntry(r.f.Entry.Failsafe)
		res.Failsafe = &fs
	}
	return res
}

func (r *refVM) state() State {
	return State{
		PC: r.pc, Cycles: r.cycles, TotalCycles: r.total, Registers: r.regs, Zero: r.z, Negative: r.n,
		Stack:  append([]uint32{}, r.stack...),
		Halted: r.stop == StopHalted, Trap: r.trap, Stop: r.stop,
		Sent: append([]Send{}, r.sent...), Recv: append([]uint32{}, r.recv...), Interrupts: append([]uint32{}, r.intr...),
		SleepMs: r.sleepMs, SleepRequested: r.sleepReq,
	}
}

func (r *refVM) setFlags(v uint32) { r.z, r.n = v == 0, v>>31 == 1 }

// transfer moves pc to t, or reports BAD_JUMP for a misaligned target
// inside the code. Targets at or past the end are taken (the next step halts).
func (r *refVM) transfer(t uint32) isa.Trap {
	if uint64(t) < uint64(len(r.f.Code)) && t%8 != 0 {
		return isa.TrapBadJump
	}
	r.pc = t
	return isa.TrapNone
}

// fits reports whether n bytes at addr lie inside data memory.
func (r *refVM) fits(addr, n uint32) bool { return uint64(addr)+uint64(n) <= uint64(len(r.mem)) }

// exec executes the instruction at pc. On a trap nothing has changed.
func (r *refVM) exec() (halted bool, trap isa.Trap) {
	in := isa.Decode(r.f.Code[r.pc:])
	rdRole, rs1Role, rs2Role, _, ok := in.Roles()
	if !ok || !in.ModeValid() {
		return false, isa.TrapBadOpcode
	}
	for _, f := range []struct {
		role isa.Role
		v    uint8
	}{{rdRole, in.Rd}, {rs1Role, in.Rs1}, {rs2Role, in.Rs2}} {
		if (f.role == isa.RegRead || f.role == isa.RegWrite) && f.v > 15 {
			return false, isa.TrapBadRegister
		}
		if f.role == isa.IOChannel && (f.v < 16 || f.v > 31) {
			return false, isa.TrapBadIOChannel
		}
	}
	R := &r.regs
	a, b := R[in.Rs1&31], R[in.Rs2&31]
	imm := uint32(in.Imm)
	next := r.pc + 8
	alu := func(v uint32) { R[in.Rd] = v; r.setFlags(v) }
	switch in.Op {
	case isa.NOP, isa.FREE:
	case isa.LOAD_CONST:
		R[in.Rd] = imm
	case isa.LOAD_REG:
		addr := a + imm
		if !r.fits(addr, 4) {
			return false, isa.TrapMemOutOfBounds
		}
		R[in.Rd] = binary.LittleEndian.Uint32(r.mem[addr:])
	case isa.STORE_REG:
		addr := a + imm
		if !r.fits(addr, 4) {
			return false, isa.TrapMemOutOfBounds
		}
		binary.LittleEndian.PutUint32(r.mem[addr:], R[in.Rd])
	case isa.ADD:
		alu(a + b)
	case isa.SUB:
		alu(a - b)
	case isa.MUL:
		alu(isa.Mul(a, b, imm))
	case isa.DIV:
		q, ok := isa.Div(a, b, imm)
		if !ok {
			return false, isa.TrapDivByZero
		}
		alu(q)
	case isa.AND:
		alu(a & b)
	case isa.OR:
		alu(a | b)
	case isa.XOR:
		alu(a ^ b)
	case isa.NOT:
		alu(^a)
	case isa.SHL:
		alu(isa.Shl(a, b))
	case isa.SHR:
		alu(isa.Shr(a, b, imm == 1))
	case isa.CMP:
		if c := isa.Cond(in.Imm); c == isa.CondNone {
			r.setFlags(a - b)
		} else {
			v := uint32(0)
			if c.Eval(a, b) {
				v = 1
			}
			alu(v)
		}
	case isa.JMP:
		return false, r.transfer(imm)
	case isa.JZ, isa.JNZ:
		if r.z == (in.Op == isa.JZ) {
			return false, r.transfer(imm)
		}
	case isa.CALL:
		if uint64(imm) < uint64(len(r.f.Code)) && imm%8 != 0 {
			return false, isa.TrapBadJump
		}
		if len(r.stack) == isa.StackDepth {
			return false, isa.TrapStackOverflow
		}
		r.stack = append(r.stack, next)
		r.pc = imm
		return false, isa.TrapNone
	case isa.RET:
		if len(r.stack) == 0 {
			return false, isa.TrapStackUnderflow
		}
		if t := r.transfer(r.stack[len(r.stack)-1]); t != isa.TrapNone {
			return false, t
		}
		r.stack = r.stack[:len(r.stack)-1]
		return false, isa.TrapNone
	case isa.PUSH:
		if len(r.stack) == isa.StackDepth {
			return false, isa.TrapStackOverflow
		}
		r.stack = append(r.stack, R[in.Rd])
	case isa.POP:
		if len(r.stack) == 0 {
			return false, isa.TrapStackUnderflow
		}
		R[in.Rd] = r.stack[len(r.stack)-1]
		r.stack = r.stack[:len(r.stack)-1]
	case isa.READ_IO:
		R[in.Rd] = r.io.Read(in.Rs1)
	case isa.WRITE_IO:
		r.io.Write(in.Rd, a)
	case isa.HALT:
		return true, isa.TrapNone
	case isa.SLEEP:
		r.sleepMs, r.sleepReq = imm, true
	case isa.SEND:
		if len(r.sent) == r.qcap {
			return false, isa.TrapQueueFull
		}
		r.sent = append(r.sent, Send{Channel: in.Rd, Value: a})
	case isa.RECV:
		v := uint32(0xFFFFFFFF)
		if len(r.recv) > 0 {
			v, r.recv = r.recv[0], r.recv[1:]
		}
		R[in.Rd] = v
	case isa.ALLOC:
		if !r.fits(a, imm) {
			return false, isa.TrapMemOutOfBounds
		}
		R[in.Rd] = imm
	case isa.DMA_COPY:
		dst := R[in.Rd]
		if !r.fits(a, imm) || !r.fits(dst, imm) {
			return false, isa.TrapMemOutOfBounds
		}
		tmp := append([]byte{}, r.mem[a:uint64(a)+uint64(imm)]...)
		copy(r.mem[dst:], tmp)
	case isa.INTERRUPT:
		if len(r.intr) == r.qcap {
			return false, isa.TrapQueueFull
		}
		r.intr = append(r.intr, imm)
	default: // A2A (undefined opcodes were rejected above)
		if r.prof == isa.ProfileJetson && r.hook != nil {
			var gp [isa.NumGPRegs]uint32
			copy(gp[:], R[:16])
			if t := r.hook.A2A(in, &gp); t != isa.TrapNone {
				return false, t
			}
			copy(R[:16], gp[:])
		}
	}
	r.pc = next
	return false, isa.TrapNone
}
