package opt

import "github.com/nexusfleet/nexus/lang/ir"

// scratch removes the stores to the compiler's own data words — the
// requested value of an actuator and the copy of a sensor kept for
// functions — once no function that can run loads them any more.
//
// The memory pass keeps every store a later activation might load, since
// memory persists. After inlining and forwarding, the flush of an actuator
// assigned on every path, and every read of a sensor's copy, no longer
// load the word; its stores are then unobservable and go. A `state` or a
// `param` is never treated this way: its word stays in memory for the host
// to inspect.
func scratch(p *ir.Program) bool {
	live := reachable(p)
	changed := false
	for _, g := range p.Globals {
		if g.Kind != ir.GlobalActuator && g.Kind != ir.GlobalSensor {
			continue
		}
		if !localWord(p, live, g.Addr) {
			continue
		}
		for f := range live {
			for _, b := range f.Blocks {
				kept := b.Instrs[:0]
				for _, in := range b.Instrs {
					if in.Op == ir.OpStore && in.Imm == g.Addr {
						changed = true
						continue
					}
					kept = append(kept, in)
				}
				b.Instrs = kept
			}
		}
	}
	return changed
}

// reachable returns the entry functions and every function they call.
func reachable(p *ir.Program) map[*ir.Func]bool {
	live := map[*ir.Func]bool{}
	var visit func(f *ir.Func)
	visit = func(f *ir.Func) {
		if f == nil || live[f] {
			return
		}
		live[f] = true
		for _, b := range f.Blocks {
			for _, in := range b.Instrs {
				if in.Op == ir.OpCall && int(in.Imm) >= 0 && int(in.Imm) < len(p.Funcs) {
					visit(p.Funcs[in.Imm])
				}
			}
		}
	}
	visit(p.Tick)
	visit(p.Init)
	visit(p.Failsafe)
	return live
}

// localWord reports whether no reachable function loads the word at addr
// or a word overlapping it.
func localWord(p *ir.Program, live map[*ir.Func]bool, addr int32) bool {
	for f := range live {
		for _, b := range f.Blocks {
			for _, in := range b.Instrs {
				if d := in.Imm - addr; in.Op == ir.OpLoad && d > -4 && d < 4 {
					return false
				}
			}
		}
	}
	return true
}
