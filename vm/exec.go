package vm

import "github.com/nexusfleet/nexus/vm/isa"

// Budget accounting by runs.
//
// A run is a maximal straight-line stretch of code: from an instruction up
// to and including the next control transfer (JMP, JZ, JNZ, CALL, RET, the
// branch of a fused compare-and-branch, HALT) or end sentinel.
// prog.code[k].run is the number of cycles from instruction k to the end of
// its run. Since nothing inside a run can transfer control (a fault stops
// the machine), entering a run at k means executing exactly run cycles
// unless something stops it. So the loop charges the budget once per run,
// on entry, instead of once per instruction, and a stop inside a run
// refunds the charged cycles it did not execute.
//
// When the budget does not cover the next run, charge truncates it: it
// charges what is left and temporarily replaces the instruction at which
// the budget runs out with opBudget (restored when exec returns), so the
// loop stops there exactly. A fused op or superinstruction before it whose
// span reaches across it is temporarily replaced by its first part, so that
// the budget can stop the machine between the parts.

// exit says why loop returned.
type exit uint8

const (
	exitStop   exit = iota // m.stop and m.trap are set
	exitSlow               // the op at idx needs a call (IO, hook, memmove); not executed yet
	exitCharge             // idx starts a run the remaining budget does not cover; not charged yet
)

//go:generate go run ./internal/genloop

// exec runs from the current pc for up to budget cycles and records how it
// stopped.
func (m *VM) exec(budget uint64) Stop {
	m.left = budget
	m.charge()
	for {
		switch m.loop() {
		case exitSlow:
			if m.slow() {
				continue
			}
		case exitCharge:
			m.charge()
			continue
		}
		break
	}
	// Refund the cycles charged for the part of the current run that did not
	// execute: from idx (not executed, or HALT, executed) to the run's end.
	p := &m.prog
	var unrun uint64
	switch {
	case m.stop == StopBudget:
		// stopped on opBudget: the run was truncated exactly here
	case m.npatch > 0:
		unrun = uint64(m.patches[0].at - m.idx)
	default:
		unrun = p.code[m.idx].run
	}
	if m.stop == StopHalted && m.idx < p.n {
		unrun-- // HALT itself executed
	}
	used := budget - m.left - unrun
	m.cycles += used
	m.total += used
	for m.npatch > 0 {
		m.npatch--
		pt := m.patches[m.npatch]
		p.code[pt.at].w = pt.w
	}
	return m.stop
}

// charge charges the run starting at idx against the remaining budget,
// truncating it when the budget does not cover it.
func (m *VM) charge() {
	p := &m.prog
	rn := p.code[m.idx].run
	if rn <= m.left {
		m.left -= rn
		return
	}
	at := m.idx + uint32(m.left)
	m.left = 0
	m.patch(at, uint64(opBudget))
	// Any fused op at or after idx whose span reaches at would execute past
	// the stop; make it execute only its first instruction. Spans are at
	// most 3, and when at-2 is unfused at-1 is fused or plain, so two steps
	// back suffice.
	for q := at; q > m.idx && at-q < 2; {
		q--
		if w := p.code[q].w; span(op(w)) > at-q {
			m.patch(q, w&^0xFFFF|uint64(first(op(w))))
		}
	}
}

func (m *VM) patch(at uint32, w uint64) {
	m.patches[m.npatch] = patchRec{at: at, w: m.prog.code[at].w}
	m.npatch++
	m.prog.code[at].w = w
}

// slow executes the op at idx whose implementation makes a call, reporting
// false when it trapped. Keeping calls out of loop lets the compiler keep
// loop's state in registers.
func (m *VM) slow() bool {
	// Fields come from the raw instruction: channels need all 8 bits.
	// Register fields were checked by predecode.
	in := m.prog.raw[m.idx]
	regs := &m.regs
	switch op(m.prog.code[m.idx].w) {
	case opReadIO:
		regs[in.Rd&15] = m.io.Read(in.Rs1)
	case opWriteIO:
		m.io.Write(in.Rd, regs[in.Rs1&15])
	case opDMA:
		n, src, dst := uint64(uint32(in.Imm)), uint64(regs[in.Rs1&15]), uint64(regs[in.Rd&15])
		if src+n > uint64(len(m.mem)) || dst+n > uint64(len(m.mem)) {
			m.stop, m.trap = StopTrap, isa.TrapMemOutOfBounds
			return false
		}
		copy(m.mem[dst:dst+n], m.mem[src:src+n]) // copy is memmove: overlap-safe
	case opSend:
		if !m.send.push(Send{Channel: in.Rd, Value: regs[in.Rs1&15]}) {
			m.stop, m.trap = StopTrap, isa.TrapQueueFull
			return false
		}
	case opRecv:
		v, ok := m.recv.pop()
		if !ok {
			v = 0xFFFFFFFF
		}
		regs[in.Rd&15] = v
	case opInterrupt:
		if !m.intr.push(uint32(in.Imm)) {
			m.stop, m.trap = StopTrap, isa.TrapQueueFull
			return false
		}
	case opA2A:
		// The hook works on a copy so that a trapping hook leaves the
		// registers untouched, like every other fault.
		m.scratch = *regs
		if t := m.hook.A2A(in, &m.scratch); t != isa.TrapNone {
			m.stop, m.trap = StopTrap, t
			return false
		}
		*regs = m.scratch
	}
	m.idx++
	return true
}
