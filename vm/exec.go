package vm

import (
	"encoding/binary"

	"github.com/nexusfleet/nexus/vm/isa"
)

// Budget accounting by runs.
//
// A run is a maximal straight-line stretch of code: from an instruction up
// to and including the next control transfer (JMP, JZ, JNZ, CALL, RET, a
// fused compare-and-branch, HALT) or end sentinel. prog.code[k].run is the
// number of cycles from instruction k to the end of its run. Since nothing
// inside a run can transfer control (a fault stops the machine), entering a
// run at k means executing exactly runs[k] instructions unless something
// stops it. So the loop charges the budget once per run, on entry, instead
// of once per instruction, and a stop inside a run refunds the charged
// cycles it did not execute.
//
// When the budget does not cover the next run, charge truncates it: it
// charges what is left and temporarily replaces the instruction at which the
// budget runs out with opBudget (restored when exec returns), so the loop
// stops there exactly. If that instruction is the JZ/JNZ half of a fused
// pair, the fused op before it is also temporarily replaced by its plain
// CMP, so that the budget can stop the machine between the two halves.

// exit says why loop returned.
type exit uint8

const (
	exitStop   exit = iota // m.stop and m.trap are set
	exitSlow               // the op at idx needs a call (IO, hook, memmove); not executed yet
	exitCharge             // idx starts a run the remaining budget does not cover; not charged yet
)

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
	if at > m.idx {
		if w := p.code[at-1].w; op(w) >= opCmpJz {
			m.patch(at-1, w&^0xFF|uint64(unfused(op(w))))
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
	w := m.prog.code[m.idx].w
	regs := &m.regs
	switch op(w) {
	case opReadIO:
		regs[w>>8&15] = m.io.Read(uint8(w >> 16))
	case opWriteIO:
		m.io.Write(uint8(w>>8), regs[w>>16&15])
	case opDMA:
		n, src, dst := w>>32, uint64(regs[w>>16&15]), uint64(regs[w>>8&15])
		if src+n > uint64(len(m.mem)) || dst+n > uint64(len(m.mem)) {
			m.stop, m.trap = StopTrap, isa.TrapMemOutOfBounds
			return false
		}
		copy(m.mem[dst:dst+n], m.mem[src:src+n]) // copy is memmove: overlap-safe
	case opSend:
		if !m.send.push(Send{Channel: uint8(w >> 8), Value: regs[w>>16&15]}) {
			m.stop, m.trap = StopTrap, isa.TrapQueueFull
			return false
		}
	case opRecv:
		v, ok := m.recv.pop()
		if !ok {
			v = 0xFFFFFFFF
		}
		regs[w>>8&15] = v
	case opInterrupt:
		if !m.intr.push(uint32(w >> 32)) {
			m.stop, m.trap = StopTrap, isa.TrapQueueFull
			return false
		}
	case opA2A:
		// The hook works on a copy so that a trapping hook leaves the
		// registers untouched, like every other fault.
		m.scratch = *regs
		if t := m.hook.A2A(m.prog.raw[m.idx], &m.scratch); t != isa.TrapNone {
			m.stop, m.trap = StopTrap, t
			return false
		}
		*regs = m.scratch
	}
	m.idx++
	return true
}

// loop is the dispatch loop. pc (idx), the remaining budget (left), the flag
// value and the stack pointer are locals written back on return; it makes
// no calls, so they stay in registers. Predecode guarantees that register
// fields are < 16 (the &15 masks only let the compiler drop bounds checks)
// and that control can only reach indices inside prog.code, whose end
// sentinels stop the loop.
//
// idx is advanced before dispatch. Each case then either ends (straight-
// line ops), or sets idx and goes to charge (ops that end a run), or leaves
// through fault or stopped, which move idx back onto the instruction (traps
// change nothing else). Advancing first, and leaving through labels, gives
// every case a direct edge back to the loop head, which keeps the register
// allocator from shuffling the loop state at a shared merge block.
func (m *VM) loop() exit {
	code := m.prog.code
	regs := &m.regs
	mem := m.memArr
	memSize := uint64(len(m.mem))
	idx, flag, sp, left := m.idx, m.flag, m.sp, m.left
	why := exitStop
	var trap isa.Trap

	for {
		w := code[idx].w
		idx++ // most ops continue with the next instruction
		switch op(w) {
		case opEnd:
			m.stop = StopHalted
			goto stopped
		case opBudget:
			m.stop = StopBudget
			goto stopped
		case opTrap:
			trap = isa.Trap(w >> 32)
			goto fault
		case opNop:
		case opLoadConst:
			regs[w>>8&15] = uint32(w >> 32)
		case opLoad:
			addr := regs[w>>16&15] + uint32(w>>32)
			if uint64(addr)+4 > memSize {
				trap = isa.TrapMemOutOfBounds
				goto fault
			}
			// The mask changes nothing (addr <= memSize-4 <= MemSize-4); it
			// lets the compiler prove the access in bounds of the array.
			a := addr & (isa.MemSize - 1)
			regs[w>>8&15] = binary.LittleEndian.Uint32(mem[a : a+4])
		case opStore:
			addr := regs[w>>16&15] + uint32(w>>32)
			if uint64(addr)+4 > memSize {
				trap = isa.TrapMemOutOfBounds
				goto fault
			}
			a := addr & (isa.MemSize - 1)
			binary.LittleEndian.PutUint32(mem[a:a+4], regs[w>>8&15])
		case opAdd:
			flag = regs[w>>16&15] + regs[w>>24&15]
			regs[w>>8&15] = flag
		case opSub:
			flag = regs[w>>16&15] - regs[w>>24&15]
			regs[w>>8&15] = flag
		case opMul:
			flag = regs[w>>16&15] * regs[w>>24&15]
			regs[w>>8&15] = flag
		case opMulK:
			flag = uint32((int64(int32(regs[w>>16&15])) * int64(int32(regs[w>>24&15]))) >> (w >> 32 & 31))
			regs[w>>8&15] = flag
		case opDiv:
			d := int32(regs[w>>24&15])
			if d == 0 {
				trap = isa.TrapDivByZero
				goto fault
			}
			// Go defines INT_MIN / -1 = INT_MIN, as the ISA does.
			flag = uint32(int32(regs[w>>16&15]) / d)
			regs[w>>8&15] = flag
		case opDivK:
			d := int64(int32(regs[w>>24&15]))
			if d == 0 {
				trap = isa.TrapDivByZero
				goto fault
			}
			flag = uint32((int64(int32(regs[w>>16&15])) << (w >> 32 & 31)) / d)
			regs[w>>8&15] = flag
		case opAnd:
			flag = regs[w>>16&15] & regs[w>>24&15]
			regs[w>>8&15] = flag
		case opOr:
			flag = regs[w>>16&15] | regs[w>>24&15]
			regs[w>>8&15] = flag
		case opXor:
			flag = regs[w>>16&15] ^ regs[w>>24&15]
			regs[w>>8&15] = flag
		case opNot:
			flag = ^regs[w>>16&15]
			regs[w>>8&15] = flag
		case opShl:
			flag = regs[w>>16&15] << (regs[w>>24&15] & 31)
			regs[w>>8&15] = flag
		case opShr:
			flag = regs[w>>16&15] >> (regs[w>>24&15] & 31)
			regs[w>>8&15] = flag
		case opSar:
			flag = uint32(int32(regs[w>>16&15]) >> (regs[w>>24&15] & 31))
			regs[w>>8&15] = flag
		case opCmp:
			flag = regs[w>>16&15] - regs[w>>24&15]
		case opCmpEQ:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x == y)
			regs[w>>8&15] = flag

		case opCmpNE:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x != y)
			regs[w>>8&15] = flag

		case opCmpLT:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(int32(x) < int32(y))
			regs[w>>8&15] = flag

		case opCmpLE:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(int32(x) <= int32(y))
			regs[w>>8&15] = flag

		case opCmpGT:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(int32(x) > int32(y))
			regs[w>>8&15] = flag

		case opCmpGE:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(int32(x) >= int32(y))
			regs[w>>8&15] = flag

		case opCmpLTU:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x < y)
			regs[w>>8&15] = flag

		case opCmpLEU:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x <= y)
			regs[w>>8&15] = flag

		case opCmpGTU:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x > y)
			regs[w>>8&15] = flag

		case opCmpGEU:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x >= y)
			regs[w>>8&15] = flag
		case opJmp:
			idx = uint32(w >> 32)
			goto charge
		case opJz:
			if flag == 0 {
				idx = uint32(w >> 32)
			}
			goto charge
		case opJnz:
			if flag != 0 {
				idx = uint32(w >> 32)
			}
			goto charge
		case opJzBad:
			if flag == 0 {
				trap = isa.TrapBadJump
				goto fault
			}
		case opJnzBad:
			if flag != 0 {
				trap = isa.TrapBadJump
				goto fault
			}
		case opCall:
			if sp == isa.StackDepth {
				trap = isa.TrapStackOverflow
				goto fault
			}
			m.stack[sp&(isa.StackDepth-1)] = idx * isa.InsnSize // idx is already the return index
			sp++
			idx = uint32(w >> 32)
			goto charge
		case opRet:
			if sp == 0 {
				trap = isa.TrapStackUnderflow
				goto fault
			}
			t := m.stack[(sp-1)&(isa.StackDepth-1)]
			if t >= m.prog.n*isa.InsnSize {
				idx = m.prog.dyn
				code[idx].w = uint64(t)<<32 | uint64(opEnd)
			} else if t%isa.InsnSize != 0 {
				trap = isa.TrapBadJump
				goto fault
			} else {
				idx = t / isa.InsnSize
			}
			sp--
			goto charge
		case opPush:
			if sp == isa.StackDepth {
				trap = isa.TrapStackOverflow
				goto fault
			}
			m.stack[sp&(isa.StackDepth-1)] = regs[w>>8&15]
			sp++
		case opPop:
			if sp == 0 {
				trap = isa.TrapStackUnderflow
				goto fault
			}
			sp--
			regs[w>>8&15] = m.stack[sp&(isa.StackDepth-1)]
		case opHalt:
			m.stop = StopHalted
			goto stopped
		case opSleep:
			m.sleepMs, m.sleepReq = uint32(w>>32), true
		case opAlloc:
			if w>>32+uint64(regs[w>>16&15]) > memSize {
				trap = isa.TrapMemOutOfBounds
				goto fault
			}
			regs[w>>8&15] = uint32(w >> 32)
		case opCmpJz:
			flag = regs[w>>16&15] - regs[w>>24&15]
			idx++ // past the JZ/JNZ half
			if flag == 0 {
				idx = uint32(w >> 32)
			}
			goto charge
		case opCmpJnz:
			flag = regs[w>>16&15] - regs[w>>24&15]
			idx++ // past the JZ/JNZ half
			if flag != 0 {
				idx = uint32(w >> 32)
			}
			goto charge
		case opCmpEQT:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x == y)
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag != 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpEQF:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x == y)
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag == 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpNET:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x != y)
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag != 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpNEF:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x != y)
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag == 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpLTT:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(int32(x) < int32(y))
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag != 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpLTF:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(int32(x) < int32(y))
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag == 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpLET:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(int32(x) <= int32(y))
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag != 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpLEF:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(int32(x) <= int32(y))
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag == 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpGTT:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(int32(x) > int32(y))
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag != 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpGTF:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(int32(x) > int32(y))
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag == 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpGET:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(int32(x) >= int32(y))
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag != 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpGEF:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(int32(x) >= int32(y))
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag == 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpLTUT:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x < y)
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag != 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpLTUF:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x < y)
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag == 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpLEUT:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x <= y)
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag != 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpLEUF:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x <= y)
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag == 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpGTUT:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x > y)
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag != 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpGTUF:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x > y)
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag == 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpGEUT:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x >= y)
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag != 0 {
				idx = uint32(w >> 32)
			}
			goto charge

		case opCmpGEUF:
			x, y := regs[w>>16&15], regs[w>>24&15]
			flag = b2u(x >= y)
			regs[w>>8&15] = flag
			idx++ // past the JZ/JNZ half
			if flag == 0 {
				idx = uint32(w >> 32)
			}
			goto charge
		default: // opReadIO, opWriteIO, opDMA, opSend, opRecv, opInterrupt, opA2A
			why = exitSlow
			goto stopped
		}
		continue
	charge:
		if rn := code[idx].run; rn <= left {
			left -= rn
			continue
		}
		why = exitCharge
		goto out
	}
fault:
	m.stop, m.trap = StopTrap, trap
stopped:
	idx-- // back onto the instruction that stopped
out:
	m.idx, m.flag, m.sp, m.left = idx, flag, sp, left
	return why
}

func b2u(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}
