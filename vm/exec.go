package vm

import (
	"encoding/binary"

	"github.com/nexusfleet/nexus/vm/isa"
)

// The fused conditional-compare cases below follow one pattern per
// condition; keep them in step with opCmpEQ..opCmpGEU and opCmpEQT..opCmpGEUF.

// exec runs from the current pc for up to budget cycles and records how it
// stopped. It is the dispatch loop: pc (idx), remaining budget (left), the
// flag value and the stack pointer are locals written back on return.
// Predecode guarantees register fields are < 16 (the &15 masks only let the
// compiler drop bounds checks) and that idx always indexes prog.code, whose
// end sentinels stop the loop before it could run off.
//
// Invariant for every case: a trap breaks out with idx, left, flag, sp,
// registers, memory and queues exactly as before the instruction; every
// other case charges its cycles by decrementing left.
func (m *VM) exec(budget uint64) Stop {
	code := m.prog.code
	codeBytes := m.prog.n * isa.InsnSize
	dyn := m.prog.dyn
	regs := &m.regs
	stack := &m.stack
	mem := m.mem
	memSize := uint64(len(mem))
	idx, flag, sp := m.idx, m.flag, m.sp
	left := budget
	stop, trap := StopBudget, isa.TrapNone

loop:
	for left != 0 {
		in := code[idx]
		switch in.op {
		case opEnd:
			stop = StopHalted
			break loop
		case opTrap:
			stop, trap = StopTrap, isa.Trap(in.imm)
			break loop
		case opNop:
		case opLoadConst:
			regs[in.a&15] = in.imm
		case opLoad:
			addr := regs[in.b&15] + in.imm
			if uint64(addr)+4 > memSize {
				stop, trap = StopTrap, isa.TrapMemOutOfBounds
				break loop
			}
			regs[in.a&15] = binary.LittleEndian.Uint32(mem[addr:])
		case opStore:
			addr := regs[in.b&15] + in.imm
			if uint64(addr)+4 > memSize {
				stop, trap = StopTrap, isa.TrapMemOutOfBounds
				break loop
			}
			binary.LittleEndian.PutUint32(mem[addr:], regs[in.a&15])
		case opAdd:
			v := regs[in.b&15] + regs[in.c&15]
			regs[in.a&15] = v
			flag = v
		case opSub:
			v := regs[in.b&15] - regs[in.c&15]
			regs[in.a&15] = v
			flag = v
		case opMul:
			v := regs[in.b&15] * regs[in.c&15]
			regs[in.a&15] = v
			flag = v
		case opMulK:
			v := isa.Mul(regs[in.b&15], regs[in.c&15], in.imm)
			regs[in.a&15] = v
			flag = v
		case opDiv:
			d := regs[in.c&15]
			if d == 0 {
				stop, trap = StopTrap, isa.TrapDivByZero
				break loop
			}
			// Go defines INT_MIN / -1 = INT_MIN, as the ISA does.
			v := uint32(int32(regs[in.b&15]) / int32(d))
			regs[in.a&15] = v
			flag = v
		case opDivK:
			v, ok := isa.Div(regs[in.b&15], regs[in.c&15], in.imm)
			if !ok {
				stop, trap = StopTrap, isa.TrapDivByZero
				break loop
			}
			regs[in.a&15] = v
			flag = v
		case opAnd:
			v := regs[in.b&15] & regs[in.c&15]
			regs[in.a&15] = v
			flag = v
		case opOr:
			v := regs[in.b&15] | regs[in.c&15]
			regs[in.a&15] = v
			flag = v
		case opXor:
			v := regs[in.b&15] ^ regs[in.c&15]
			regs[in.a&15] = v
			flag = v
		case opNot:
			v := ^regs[in.b&15]
			regs[in.a&15] = v
			flag = v
		case opShl:
			v := regs[in.b&15] << (regs[in.c&15] & 31)
			regs[in.a&15] = v
			flag = v
		case opShr:
			v := regs[in.b&15] >> (regs[in.c&15] & 31)
			regs[in.a&15] = v
			flag = v
		case opSar:
			v := uint32(int32(regs[in.b&15]) >> (regs[in.c&15] & 31))
			regs[in.a&15] = v
			flag = v
		case opCmp:
			flag = regs[in.b&15] - regs[in.c&15]
		case opCmpEQ:
			v := b2u(regs[in.b&15] == regs[in.c&15])
			regs[in.a&15] = v
			flag = v

		case opCmpNE:
			v := b2u(regs[in.b&15] != regs[in.c&15])
			regs[in.a&15] = v
			flag = v

		case opCmpLT:
			v := b2u(int32(regs[in.b&15]) < int32(regs[in.c&15]))
			regs[in.a&15] = v
			flag = v

		case opCmpLE:
			v := b2u(int32(regs[in.b&15]) <= int32(regs[in.c&15]))
			regs[in.a&15] = v
			flag = v

		case opCmpGT:
			v := b2u(int32(regs[in.b&15]) > int32(regs[in.c&15]))
			regs[in.a&15] = v
			flag = v

		case opCmpGE:
			v := b2u(int32(regs[in.b&15]) >= int32(regs[in.c&15]))
			regs[in.a&15] = v
			flag = v

		case opCmpLTU:
			v := b2u(regs[in.b&15] < regs[in.c&15])
			regs[in.a&15] = v
			flag = v

		case opCmpLEU:
			v := b2u(regs[in.b&15] <= regs[in.c&15])
			regs[in.a&15] = v
			flag = v

		case opCmpGTU:
			v := b2u(regs[in.b&15] > regs[in.c&15])
			regs[in.a&15] = v
			flag = v

		case opCmpGEU:
			v := b2u(regs[in.b&15] >= regs[in.c&15])
			regs[in.a&15] = v
			flag = v
		case opJmp:
			idx = in.imm
			left--
			continue
		case opJz:
			if flag == 0 {
				idx = in.imm
				left--
				continue
			}
		case opJnz:
			if flag != 0 {
				idx = in.imm
				left--
				continue
			}
		case opJzBad:
			if flag == 0 {
				stop, trap = StopTrap, isa.TrapBadJump
				break loop
			}
		case opJnzBad:
			if flag != 0 {
				stop, trap = StopTrap, isa.TrapBadJump
				break loop
			}
		case opCall:
			if sp == isa.StackDepth {
				stop, trap = StopTrap, isa.TrapStackOverflow
				break loop
			}
			stack[sp&(isa.StackDepth-1)] = (idx + 1) * isa.InsnSize
			sp++
			idx = in.imm
			left--
			continue
		case opRet:
			if sp == 0 {
				stop, trap = StopTrap, isa.TrapStackUnderflow
				break loop
			}
			t := stack[(sp-1)&(isa.StackDepth-1)]
			switch {
			case t >= codeBytes:
				code[dyn].imm = t
				idx = dyn
			case t%isa.InsnSize != 0:
				stop, trap = StopTrap, isa.TrapBadJump
				break loop
			default:
				idx = t / isa.InsnSize
			}
			sp--
			left--
			continue
		case opPush:
			if sp == isa.StackDepth {
				stop, trap = StopTrap, isa.TrapStackOverflow
				break loop
			}
			stack[sp&(isa.StackDepth-1)] = regs[in.a&15]
			sp++
		case opPop:
			if sp == 0 {
				stop, trap = StopTrap, isa.TrapStackUnderflow
				break loop
			}
			sp--
			regs[in.a&15] = stack[sp&(isa.StackDepth-1)]
		case opReadIO:
			regs[in.a&15] = m.io.Read(in.b)
		case opWriteIO:
			m.io.Write(in.a, regs[in.b&15])
		case opHalt:
			left--
			stop = StopHalted
			break loop
		case opSleep:
			m.sleepMs, m.sleepReq = in.imm, true
		case opSend:
			if !m.send.push(Send{Channel: in.a, Value: regs[in.b&15]}) {
				stop, trap = StopTrap, isa.TrapQueueFull
				break loop
			}
		case opRecv:
			v, ok := m.recv.pop()
			if !ok {
				v = 0xFFFFFFFF
			}
			regs[in.a&15] = v
		case opAlloc:
			if uint64(in.imm)+uint64(regs[in.b&15]) > memSize {
				stop, trap = StopTrap, isa.TrapMemOutOfBounds
				break loop
			}
			regs[in.a&15] = in.imm
		case opDMA:
			n, src, dst := uint64(in.imm), uint64(regs[in.b&15]), uint64(regs[in.a&15])
			if src+n > memSize || dst+n > memSize {
				stop, trap = StopTrap, isa.TrapMemOutOfBounds
				break loop
			}
			copy(mem[dst:dst+n], mem[src:src+n]) // copy is memmove: overlap-safe
		case opInterrupt:
			if !m.intr.push(in.imm) {
				stop, trap = StopTrap, isa.TrapQueueFull
				break loop
			}
		case opA2A:
			// The hook works on a copy so that a trapping hook leaves the
			// registers untouched, like every other fault.
			m.scratch = *regs
			if t := m.hook.A2A(m.prog.raw[idx], &m.scratch); t != isa.TrapNone {
				stop, trap = StopTrap, t
				break loop
			}
			*regs = m.scratch
		case opCmpJz:
			v := regs[in.b&15] - regs[in.c&15]
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v == 0 {
					idx = in.imm
				}
				continue
			}
		case opCmpJnz:
			v := regs[in.b&15] - regs[in.c&15]
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v != 0 {
					idx = in.imm
				}
				continue
			}
		case opCmpEQT:
			v := b2u(regs[in.b&15] == regs[in.c&15])
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v != 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpEQF:
			v := b2u(regs[in.b&15] == regs[in.c&15])
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v == 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpNET:
			v := b2u(regs[in.b&15] != regs[in.c&15])
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v != 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpNEF:
			v := b2u(regs[in.b&15] != regs[in.c&15])
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v == 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpLTT:
			v := b2u(int32(regs[in.b&15]) < int32(regs[in.c&15]))
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v != 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpLTF:
			v := b2u(int32(regs[in.b&15]) < int32(regs[in.c&15]))
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v == 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpLET:
			v := b2u(int32(regs[in.b&15]) <= int32(regs[in.c&15]))
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v != 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpLEF:
			v := b2u(int32(regs[in.b&15]) <= int32(regs[in.c&15]))
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v == 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpGTT:
			v := b2u(int32(regs[in.b&15]) > int32(regs[in.c&15]))
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v != 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpGTF:
			v := b2u(int32(regs[in.b&15]) > int32(regs[in.c&15]))
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v == 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpGET:
			v := b2u(int32(regs[in.b&15]) >= int32(regs[in.c&15]))
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v != 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpGEF:
			v := b2u(int32(regs[in.b&15]) >= int32(regs[in.c&15]))
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v == 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpLTUT:
			v := b2u(regs[in.b&15] < regs[in.c&15])
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v != 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpLTUF:
			v := b2u(regs[in.b&15] < regs[in.c&15])
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v == 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpLEUT:
			v := b2u(regs[in.b&15] <= regs[in.c&15])
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v != 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpLEUF:
			v := b2u(regs[in.b&15] <= regs[in.c&15])
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v == 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpGTUT:
			v := b2u(regs[in.b&15] > regs[in.c&15])
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v != 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpGTUF:
			v := b2u(regs[in.b&15] > regs[in.c&15])
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v == 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpGEUT:
			v := b2u(regs[in.b&15] >= regs[in.c&15])
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v != 0 {
					idx = in.imm
				}
				continue
			}

		case opCmpGEUF:
			v := b2u(regs[in.b&15] >= regs[in.c&15])
			regs[in.a&15] = v
			flag = v
			if left >= 2 {
				left -= 2
				idx += 2
				if v == 0 {
					idx = in.imm
				}
				continue
			}
		}
		idx++
		left--
	}
	if stop == StopBudget && code[idx].op == opEnd {
		stop = StopHalted // reaching the end costs no cycle, so it needs no budget
	}
	used := budget - left
	m.idx, m.flag, m.sp = idx, flag, sp
	m.cycles += used
	m.total += used
	m.stop, m.trap = stop, trap
	return stop
}

func b2u(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}
