package opt

import (
	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/vm/isa"
)

// cse is common-subexpression elimination by value numbering over the
// dominator tree. Walking the tree depth first, a pure instruction (Const
// and Read included: a sensor is sampled once per activation) whose
// operation, immediate and operands match one in a dominating position is
// replaced by that one's result. Commutative operations order their
// operands, and a Cmp puts the lower value first, swapping its condition,
// so a+b meets b+a and a<b meets b>a. Phis of one block with the same
// arguments are merged too.
func cse(f *ir.Func) bool {
	idom := f.Idom()
	kids := map[*ir.Block][]*ir.Block{}
	for _, b := range f.Blocks[1:] {
		if d, ok := idom[b]; ok {
			kids[d] = append(kids[d], b)
		}
	}
	c := &cseState{table: map[cseKey]ir.Value{}, sub: map[ir.Value]ir.Value{}}
	c.walk(f.Blocks[0], kids)
	if len(c.sub) == 0 {
		return false
	}
	substitute(f, c.sub)
	return removeInstrs(f, func(in *ir.Instr) bool {
		_, ok := c.sub[in.Dst]
		return ok && in.Dst != 0
	})
}

type cseKey struct {
	op    ir.Op
	imm   int32
	a, b  ir.Value
	block int    // phis only: the block they sit in
	args  string // phis only: the arguments
}

type cseState struct {
	table map[cseKey]ir.Value
	sub   map[ir.Value]ir.Value
}

func (c *cseState) resolve(v ir.Value) ir.Value {
	for {
		w, ok := c.sub[v]
		if !ok {
			return v
		}
		v = w
	}
}

func (c *cseState) walk(b *ir.Block, kids map[*ir.Block][]*ir.Block) {
	var added []cseKey
	for _, in := range b.Instrs {
		key, ok := c.key(b, in)
		if !ok {
			continue
		}
		if v, ok := c.table[key]; ok {
			c.sub[in.Dst] = v
			continue
		}
		c.table[key] = in.Dst
		added = append(added, key)
	}
	for _, k := range kids[b] {
		c.walk(k, kids)
	}
	for _, key := range added {
		delete(c.table, key)
	}
}

// key returns the value-numbering key of an instruction, or false for one
// that cannot be merged.
func (c *cseState) key(b *ir.Block, in *ir.Instr) (cseKey, bool) {
	if in.Dst == 0 {
		return cseKey{}, false
	}
	if in.Op == ir.OpPhi {
		buf := make([]byte, 0, 4*len(in.Args))
		for _, a := range in.Args {
			a = c.resolve(a)
			buf = append(buf, byte(a), byte(a>>8), byte(a>>16), byte(a>>24))
		}
		return cseKey{op: ir.OpPhi, block: b.ID, args: string(buf)}, true
	}
	if !in.Op.Pure() {
		return cseKey{}, false
	}
	k := cseKey{op: in.Op, imm: in.Imm, block: -1}
	switch in.Op.NumArgs() {
	case 1:
		k.a = c.resolve(in.A)
	case 2:
		k.a, k.b = c.resolve(in.A), c.resolve(in.B)
		if k.a > k.b {
			switch {
			case commutative(in.Op):
				k.a, k.b = k.b, k.a
			case in.Op == ir.OpCmp:
				k.a, k.b = k.b, k.a
				k.imm = int32(swapCond(isa.Cond(k.imm)))
			}
		}
	}
	return k, true
}
