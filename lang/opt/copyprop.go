package opt

import "github.com/nexusfleet/nexus/lang/ir"

// copyProp replaces every use of a Copy's result by its operand, and of a
// phi whose arguments are all one value (or the phi itself) by that value,
// then removes those copies and phis. The value replacing a phi is
// available at the end of every predecessor, so its definition dominates
// the join and each former use of the phi.
func copyProp(f *ir.Func) bool {
	sub := map[ir.Value]ir.Value{}
	resolve := func(v ir.Value) ir.Value {
		for {
			w, ok := sub[v]
			if !ok {
				return v
			}
			v = w
		}
	}
	// In topological order every copy an operand goes through is seen
	// before the operand's use (phi arguments too: they come from
	// predecessors, which are earlier).
	for _, b := range f.Blocks {
		for _, in := range b.Instrs {
			switch in.Op {
			case ir.OpCopy:
				sub[in.Dst] = resolve(in.A)
			case ir.OpPhi:
				for k, a := range in.Args {
					in.Args[k] = resolve(a)
				}
				if v, ok := onlyArg(in); ok {
					sub[in.Dst] = v
				}
			}
		}
	}
	if len(sub) == 0 {
		return false
	}
	substitute(f, sub)
	return removeInstrs(f, func(in *ir.Instr) bool {
		_, ok := sub[in.Dst]
		return ok && (in.Op == ir.OpCopy || in.Op == ir.OpPhi)
	})
}

// onlyArg returns the single value a phi chooses, if its arguments other
// than itself are all the same.
func onlyArg(in *ir.Instr) (ir.Value, bool) {
	var v ir.Value
	for _, a := range in.Args {
		if a == in.Dst || a == v {
			continue
		}
		if v != 0 {
			return 0, false
		}
		v = a
	}
	return v, v != 0
}
