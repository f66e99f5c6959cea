package ir

import (
	"encoding/binary"
	"fmt"

	"github.com/nexusfleet/nexus/vm/isa"
)

// Machine runs a Program's IR directly. It is the reference the optimiser
// passes are tested against: a pass must not change what a program writes
// to its actuators, sends, or leaves in memory. It is not fast and does
// not model cycles.
type Machine struct {
	Prog   *Program
	Mem    []byte               // data memory, isa.MemSize bytes
	Inputs map[int]uint32       // IO channel → the value a Read returns
	Recv   []uint32             // the receive queue
	Writes []ChannelValue       // every Write, in order
	Sent   []ChannelValue       // every Send, in order
	A2A    []ChannelValue       // every A2A: opcode and value
	Steps  int                  // instructions executed so far
	Limit  int                  // stop with an error beyond this many steps (0: 10,000,000)
	trace  func(*Instr, uint32) // test hook
}

// ChannelValue is one write, send or A2A event.
type ChannelValue struct {
	Channel int
	Value   uint32
}

// NewMachine returns a machine with data memory initialised from the
// program's globals.
func NewMachine(p *Program) *Machine {
	m := &Machine{Prog: p, Mem: make([]byte, isa.MemSize), Inputs: map[int]uint32{}}
	for _, g := range p.Globals {
		binary.LittleEndian.PutUint32(m.Mem[g.Addr:], uint32(g.Init))
	}
	return m
}

// Activate runs one entry function (tick, init or failsafe) to its end.
func (m *Machine) Activate(f *Func) error {
	if f == nil {
		return nil
	}
	_, err := m.call(f, nil, 0)
	return err
}

// Tick runs the tick entry once.
func (m *Machine) Tick() error { return m.Activate(m.Prog.Tick) }

func (m *Machine) call(f *Func, args []uint32, depth int) (uint32, error) {
	if depth > 64 {
		return 0, fmt.Errorf("call depth above 64 (recursion?) in %s", f.Name)
	}
	if len(args) != len(f.Params) {
		return 0, fmt.Errorf("%s called with %d arguments, wants %d", f.Name, len(args), len(f.Params))
	}
	vals := make(map[Value]uint32, int(f.NextValue))
	for k, p := range f.Params {
		vals[p] = args[k]
	}
	limit := m.Limit
	if limit == 0 {
		limit = 10_000_000
	}
	var prev *Block
	b := f.Blocks[0]
	for {
		// Phis read their arguments simultaneously, on entry.
		phis := b.Phis()
		if len(phis) > 0 {
			k := b.predIndex(prev)
			if k < 0 {
				return 0, fmt.Errorf("%s b%d: entered from a block that is not a predecessor", f.Name, b.ID)
			}
			tmp := make([]uint32, len(phis))
			for j, in := range phis {
				tmp[j] = vals[in.Args[k]]
			}
			for j, in := range phis {
				vals[in.Dst] = tmp[j]
			}
		}
		for _, in := range b.Instrs[len(phis):] {
			m.Steps++
			if m.Steps > limit {
				return 0, fmt.Errorf("step limit %d exceeded in %s", limit, f.Name)
			}
			r, err := m.exec(in, vals, depth)
			if err != nil {
				return 0, fmt.Errorf("%s b%d: %s: %w", f.Name, b.ID, in, err)
			}
			if in.Dst != 0 {
				vals[in.Dst] = r
			}
			if m.trace != nil {
				m.trace(in, r)
			}
		}
		switch b.Term.Kind {
		case TermJump:
			prev, b = b, b.Succs[0]
		case TermBranch:
			next := b.Succs[1]
			if vals[b.Term.Cond] != 0 {
				next = b.Succs[0]
			}
			prev, b = b, next
		case TermReturn:
			return vals[b.Term.Val], nil
		default:
			return 0, nil
		}
	}
}

func (m *Machine) exec(in *Instr, vals map[Value]uint32, depth int) (uint32, error) {
	a, b := vals[in.A], vals[in.B]
	switch in.Op {
	case OpCall:
		args := make([]uint32, len(in.Args))
		for k, v := range in.Args {
			args[k] = vals[v]
		}
		if in.Imm < 0 || int(in.Imm) >= len(m.Prog.Funcs) {
			return 0, fmt.Errorf("no function %d", in.Imm)
		}
		return m.call(m.Prog.Funcs[in.Imm], args, depth+1)
	case OpRead:
		return m.Inputs[int(in.Imm)], nil
	case OpWrite:
		m.Writes = append(m.Writes, ChannelValue{int(in.Imm), a})
		return 0, nil
	case OpLoad:
		if in.Imm < 0 || int(in.Imm)+4 > len(m.Mem) {
			return 0, fmt.Errorf("load from %d outside memory", in.Imm)
		}
		return binary.LittleEndian.Uint32(m.Mem[in.Imm:]), nil
	case OpStore:
		if in.Imm < 0 || int(in.Imm)+4 > len(m.Mem) {
			return 0, fmt.Errorf("store to %d outside memory", in.Imm)
		}
		binary.LittleEndian.PutUint32(m.Mem[in.Imm:], a)
		return 0, nil
	case OpSend:
		m.Sent = append(m.Sent, ChannelValue{int(in.Imm), a})
		return 0, nil
	case OpRecv:
		if len(m.Recv) == 0 {
			return 0xFFFFFFFF, nil
		}
		v := m.Recv[0]
		m.Recv = m.Recv[1:]
		return v, nil
	case OpA2A:
		m.A2A = append(m.A2A, ChannelValue{int(in.Imm), a})
		return 0, nil
	}
	r, ok := Eval(in.Op, in.Imm, a, b)
	if !ok {
		return 0, fmt.Errorf("cannot evaluate %s", in.Op)
	}
	return r, nil
}

// Eval computes a pure operation on constant operands, exactly as the
// generated code does; constant folding uses it. ok is false for an
// operation that is not pure arithmetic (or an invalid mode).
func Eval(op Op, imm int32, a, b uint32) (r uint32, ok bool) {
	switch op {
	case OpConst:
		return uint32(imm), true
	case OpCopy:
		return a, true
	case OpAdd:
		return a + b, true
	case OpSub:
		return a - b, true
	case OpMul:
		if imm < 0 || imm > 31 {
			return 0, false
		}
		return isa.Mul(a, b, uint32(imm)), true
	case OpDiv:
		if imm < 0 || imm > 31 {
			return 0, false
		}
		q, ok := isa.Div(a, b, uint32(imm))
		if !ok {
			return 0, true // the reflex meaning of x / 0
		}
		return q, true
	case OpAnd:
		return a & b, true
	case OpOr:
		return a | b, true
	case OpXor:
		return a ^ b, true
	case OpShl:
		return isa.Shl(a, b), true
	case OpShr:
		if imm != 0 && imm != 1 {
			return 0, false
		}
		return isa.Shr(a, b, imm == 1), true
	case OpNot:
		return ^a, true
	case OpNeg:
		return -a, true
	case OpCmp:
		c := isa.Cond(imm)
		if c < isa.CondEQ || c > isa.CondGEU {
			return 0, false
		}
		if c.Eval(a, b) {
			return 1, true
		}
		return 0, true
	case OpMin:
		if int32(a) <= int32(b) {
			return a, true
		}
		return b, true
	case OpMax:
		if int32(a) >= int32(b) {
			return a, true
		}
		return b, true
	}
	return 0, false
}
