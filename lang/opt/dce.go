package opt

import "github.com/nexusfleet/nexus/lang/ir"

// dce removes instructions whose result nobody uses and that do nothing
// else: pure operations, phis and loads (a load at a verified address has
// no effect). Removing one may leave its operands unused, so a worklist
// follows the chains back.
func dce(f *ir.Func) bool {
	uses := f.UseCounts()
	defs := f.Defs()
	dead := map[*ir.Instr]bool{}
	var work []*ir.Instr
	for _, in := range defs {
		if removable(in) && uses[in.Dst] == 0 {
			work = append(work, in)
		}
	}
	for len(work) > 0 {
		in := work[len(work)-1]
		work = work[:len(work)-1]
		if dead[in] {
			continue
		}
		dead[in] = true
		for _, a := range in.Operands() {
			uses[a]--
			if d := defs[a]; d != nil && uses[a] == 0 && removable(d) && !dead[d] {
				work = append(work, d)
			}
		}
	}
	if len(dead) == 0 {
		return false
	}
	return removeInstrs(f, func(in *ir.Instr) bool { return dead[in] })
}

// removable reports whether an unused instruction may be deleted.
func removable(in *ir.Instr) bool {
	return in.Dst != 0 && (in.Op.Pure() || in.Op == ir.OpPhi || in.Op == ir.OpLoad)
}
