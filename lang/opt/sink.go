package opt

import "github.com/nexusfleet/nexus/lang/ir"

// sink moves each pure instruction down to the nearest block that
// dominates all its uses, so that a path which does not need a value does
// not compute it. The prologue reads every sensor an activation uses;
// after sinking, a sensor compared only inside one branch is read only on
// that branch. The graph is acyclic, so every block runs at most once per
// activation and a moved instruction never runs more often than before.
//
// Instructions are visited from the last block up and from the end of
// each block, so an instruction's users have already moved when it is
// considered: a bool sensor's normalising compare sinks first, and its
// read follows it.
func sink(f *ir.Func) bool {
	idom := f.Idom()
	order := map[*ir.Block]int{}
	for k, b := range f.Blocks {
		order[b] = k
	}
	changed := false
	for bi := len(f.Blocks) - 1; bi >= 0; bi-- {
		b := f.Blocks[bi]
		for k := len(b.Instrs) - 1; k >= 0; k-- {
			in := b.Instrs[k]
			if !in.Op.Pure() || in.Dst == 0 {
				continue
			}
			to := useDominator(f, in.Dst, idom, order)
			if to == nil || to == b || !ir.Dominates(idom, b, to) {
				continue
			}
			b.Instrs = append(b.Instrs[:k], b.Instrs[k+1:]...)
			at := len(to.Phis())
			to.Instrs = append(to.Instrs[:at], append([]*ir.Instr{in}, to.Instrs[at:]...)...)
			changed = true
		}
	}
	return changed
}

// useDominator returns the nearest common dominator of the blocks where v
// is used (a phi argument is used at the end of its predecessor), or nil
// when v is unused.
func useDominator(f *ir.Func, v ir.Value, idom map[*ir.Block]*ir.Block, order map[*ir.Block]int) *ir.Block {
	var d *ir.Block
	meet := func(b *ir.Block) {
		if d == nil {
			d = b
			return
		}
		x, y := d, b
		for x != y {
			for order[x] > order[y] {
				x = idom[x]
			}
			for order[y] > order[x] {
				y = idom[y]
			}
		}
		d = x
	}
	for _, b := range f.Blocks {
		for _, in := range b.Instrs {
			if in.Op == ir.OpPhi {
				for k, a := range in.Args {
					if a == v {
						meet(b.Preds[k])
					}
				}
				continue
			}
			for _, a := range in.Operands() {
				if a == v {
					meet(b)
					break
				}
			}
		}
		if (b.Term.Kind == ir.TermBranch && b.Term.Cond == v) || (b.Term.Kind == ir.TermReturn && b.Term.Val == v) {
			meet(b)
		}
	}
	return d
}
