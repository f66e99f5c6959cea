package opt

import "github.com/nexusfleet/nexus/lang/ir"

// inlineLimit is the size, in instructions, a caller may grow to by
// inlining.
const inlineLimit = 2000

// inlineSmall is the largest callee, in IR instructions, inlined at more
// than one call site. Past it a call's own cost (moving the arguments,
// CALL, RET: a handful of cycles) is small beside the body's, while each
// copy of the body costs code memory, of which the machine has 8,192
// instructions; a callee called once is always inlined (its body is then
// emitted nowhere else).
const inlineSmall = 128

// inline replaces calls to user functions by a copy of the callee's body,
// while the caller stays within inlineLimit instructions. The call's
// block is split: the part before the call jumps to the copy of the
// callee's entry, every Return jumps to the part after the call, where a
// phi (defining the call's result value) picks the returned value. The
// call graph is acyclic, so scanning the caller's blocks, new ones
// included, inlines nested calls too and ends. Functions no longer called
// stay in Program.Funcs, so every Call's callee index stays valid.
func inline(p *ir.Program) bool {
	changed := false
	calls := callSites(p)
	for _, f := range p.Funcs {
		size := countInstrs(f)
		for k := 0; k < len(f.Blocks); k++ {
			b := f.Blocks[k]
			for j, in := range b.Instrs {
				if in.Op != ir.OpCall || in.Imm < 0 || int(in.Imm) >= len(p.Funcs) {
					continue
				}
				g := p.Funcs[in.Imm]
				n := countInstrs(g)
				if g == f || g.Kind != ir.FuncUser || size+n > inlineLimit || (n > inlineSmall && calls[g] > 1) {
					continue
				}
				inlineCall(f, k, j, g)
				size += n
				changed = true
				break // b ends at the call now; the callee's copy follows it
			}
		}
	}
	return changed
}

// callSites counts the calls to each function in the functions an entry
// point can reach.
func callSites(p *ir.Program) map[*ir.Func]int {
	n := map[*ir.Func]int{}
	for f := range reachable(p) {
		for _, b := range f.Blocks {
			for _, in := range b.Instrs {
				if in.Op == ir.OpCall && in.Imm >= 0 && int(in.Imm) < len(p.Funcs) {
					n[p.Funcs[in.Imm]]++
				}
			}
		}
	}
	return n
}

func countInstrs(f *ir.Func) int {
	n := 0
	for _, b := range f.Blocks {
		n += len(b.Instrs)
	}
	return n
}

// inlineCall inlines the call at f.Blocks[k].Instrs[j] to g.
func inlineCall(f *ir.Func, k, j int, g *ir.Func) {
	b := f.Blocks[k]
	call := b.Instrs[j]
	// The continuation takes what follows the call and b's terminator.
	cont := &ir.Block{ID: f.NextBlock}
	f.NextBlock++
	cont.Instrs = append([]*ir.Instr(nil), b.Instrs[j+1:]...)
	cont.Term, cont.Succs = b.Term, b.Succs
	for _, s := range b.Succs {
		for i, q := range s.Preds {
			if q == b {
				s.Preds[i] = cont
			}
		}
	}
	b.Instrs = b.Instrs[:j:j]
	b.Succs = nil

	// Copy the callee with fresh values and blocks.
	vals := map[ir.Value]ir.Value{}
	for i, v := range g.Params {
		vals[v] = call.Args[i]
	}
	for _, gb := range g.Blocks {
		for _, in := range gb.Instrs {
			if in.Dst != 0 {
				vals[in.Dst] = f.NewValue()
			}
		}
	}
	val := func(v ir.Value) ir.Value {
		if v == 0 {
			return 0
		}
		return vals[v]
	}
	blocks := map[*ir.Block]*ir.Block{}
	copies := make([]*ir.Block, len(g.Blocks))
	for i, gb := range g.Blocks {
		copies[i] = &ir.Block{ID: f.NextBlock}
		f.NextBlock++
		blocks[gb] = copies[i]
	}
	var result []ir.Value
	for i, gb := range g.Blocks {
		nb := copies[i]
		for _, in := range gb.Instrs {
			c := *in
			c.Dst, c.A, c.B = val(in.Dst), val(in.A), val(in.B)
			if in.Args != nil {
				c.Args = make([]ir.Value, len(in.Args))
				for a, v := range in.Args {
					c.Args[a] = val(v)
				}
			}
			nb.Instrs = append(nb.Instrs, &c)
		}
		for _, s := range gb.Preds {
			nb.Preds = append(nb.Preds, blocks[s])
		}
		if gb.Term.Kind == ir.TermReturn {
			nb.Term = ir.Term{Kind: ir.TermJump, Pos: gb.Term.Pos}
			ir.AddEdge(nb, cont)
			result = append(result, val(gb.Term.Val))
			continue
		}
		nb.Term = gb.Term
		nb.Term.Cond = val(gb.Term.Cond)
		for _, s := range gb.Succs {
			nb.Succs = append(nb.Succs, blocks[s])
		}
	}
	b.Term = ir.Term{Kind: ir.TermJump, Pos: call.Pos}
	ir.AddEdge(b, copies[0])
	if call.Dst != 0 {
		cont.Instrs = append([]*ir.Instr{{Op: ir.OpPhi, Dst: call.Dst, Args: result, Pos: call.Pos}}, cont.Instrs...)
	}

	// Lay out b, the copy, the continuation, then the rest.
	rest := append([]*ir.Block(nil), f.Blocks[k+1:]...)
	f.Blocks = append(append(append(f.Blocks[:k+1], copies...), cont), rest...)
}
