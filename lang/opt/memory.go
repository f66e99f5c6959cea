package opt

import "github.com/nexusfleet/nexus/lang/ir"

// memory optimises loads and stores at constant addresses.
//
// Forwarding walks the blocks in topological order with the words whose
// contents are known as SSA values: a Store makes its operand the content
// of its address, a Load that misses makes its result the content, and a
// Load that hits becomes a Copy of the known value. A Store forgets every
// word it overlaps; a Call forgets everything (the callee may write any
// word). At a join only what every predecessor knows survives: the same
// value, or different values that a phi then chooses — the phi is made
// only when a load needs it.
//
// Dead-store elimination walks backwards with the addresses that are
// certainly overwritten before anything can read them: a Store to such an
// address is dead. A Load forgets the addresses it overlaps, a Call and
// the end of the activation (Halt, Return) forget all: data memory
// persists from tick to tick, so a store nobody overwrites is live.
func memory(f *ir.Func) bool {
	changed := forward(f)
	if deadStores(f) {
		changed = true
	}
	return changed
}

// memVal is a known word: a value, or a phi not made yet that would
// choose args[i] from block.Preds[i].
type memVal struct {
	v     ir.Value
	block *ir.Block
	args  []*memVal
}

type memState map[int32]*memVal

func (s memState) kill(addr int32) {
	for d := int32(-3); d <= 3; d++ {
		delete(s, addr+d)
	}
}

type forwarder struct {
	f       *ir.Func
	newPhis map[*ir.Block][]*ir.Instr
}

// value makes the phis m stands for, if not made yet, and returns its value.
func (fw *forwarder) value(m *memVal) ir.Value {
	if m.v != 0 {
		return m.v
	}
	args := make([]ir.Value, len(m.args))
	for k, a := range m.args {
		args[k] = fw.value(a)
	}
	m.v = fw.f.NewValue()
	fw.newPhis[m.block] = append(fw.newPhis[m.block], &ir.Instr{Op: ir.OpPhi, Dst: m.v, Args: args})
	return m.v
}

func forward(f *ir.Func) bool {
	fw := &forwarder{f: f, newPhis: map[*ir.Block][]*ir.Instr{}}
	out := map[*ir.Block]memState{}
	changed := false
	for _, b := range f.Blocks {
		s := join(b, out)
		for _, in := range b.Instrs {
			switch in.Op {
			case ir.OpLoad:
				if m, ok := s[in.Imm]; ok {
					makeCopy(in, fw.value(m))
					changed = true
					continue
				}
				s[in.Imm] = &memVal{v: in.Dst}
			case ir.OpStore:
				s.kill(in.Imm)
				s[in.Imm] = &memVal{v: in.A}
			case ir.OpCall:
				clear(s)
			}
		}
		out[b] = s
	}
	for b, phis := range fw.newPhis {
		b.Instrs = append(phis, b.Instrs...)
	}
	return changed
}

// join is what is known on entry to b: the words every predecessor knows.
func join(b *ir.Block, out map[*ir.Block]memState) memState {
	s := memState{}
	if len(b.Preds) == 0 {
		return s
	}
	first := out[b.Preds[0]]
	for addr, m := range first {
		args := []*memVal{m}
		same := true
		for _, p := range b.Preds[1:] {
			o, ok := out[p][addr]
			if !ok {
				args = nil
				break
			}
			if o != m && (o.v == 0 || o.v != m.v) {
				same = false
			}
			args = append(args, o)
		}
		switch {
		case args == nil:
		case same:
			s[addr] = m
		default:
			s[addr] = &memVal{block: b, args: args}
		}
	}
	return s
}

func deadStores(f *ir.Func) bool {
	in := map[*ir.Block]map[int32]bool{}
	dead := map[*ir.Instr]bool{}
	for k := len(f.Blocks) - 1; k >= 0; k-- {
		b := f.Blocks[k]
		s := map[int32]bool{}
		if len(b.Succs) > 0 {
			for addr := range in[b.Succs[0]] {
				all := true
				for _, t := range b.Succs[1:] {
					all = all && in[t][addr]
				}
				if all {
					s[addr] = true
				}
			}
		}
		for j := len(b.Instrs) - 1; j >= 0; j-- {
			x := b.Instrs[j]
			switch x.Op {
			case ir.OpStore:
				if s[x.Imm] {
					dead[x] = true
				}
				s[x.Imm] = true
			case ir.OpLoad:
				for d := int32(-3); d <= 3; d++ {
					delete(s, x.Imm+d)
				}
			case ir.OpCall:
				clear(s)
			}
		}
		in[b] = s
	}
	if len(dead) == 0 {
		return false
	}
	return removeInstrs(f, func(x *ir.Instr) bool { return dead[x] })
}
