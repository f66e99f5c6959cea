package opt

import "github.com/nexusfleet/nexus/lang/ir"

// branch simplifies the control-flow graph:
//
//   - a Branch on a constant becomes a Jump to the successor it takes;
//   - a Branch whose successors are the same block becomes a Jump;
//   - a block that only jumps on is threaded: its predecessors jump
//     straight to its successor, whose phis take the argument the block
//     passed along for each of them (skipped when that would give a phi two
//     edges from one block); the block may hold phis, if only its
//     successor's phis read them: their arguments then come straight from
//     its predecessors;
//   - a block that jumps to a block with no other predecessor absorbs it
//     (the absorbed block's phis, having one argument, become copies);
//   - blocks the entry no longer reaches are dropped by (*ir.Func).Sort.
//
// An edge list may name a block twice (a Branch with equal successors);
// the interpreter then takes phi arguments from the first of the two
// edges, so removing one of them removes the second.
func branch(f *ir.Func) bool {
	n := len(f.Blocks)
	changed := simplifyBranches(f)
	if changed {
		f.Sort() // drop what the removed edges no longer reach
	}
	if thread(f) {
		changed = true
	}
	if merge(f) {
		changed = true
	}
	f.Sort()
	return changed || len(f.Blocks) != n
}

func simplifyBranches(f *ir.Func) bool {
	consts := constants(f)
	changed := false
	for _, b := range f.Blocks {
		if b.Term.Kind != ir.TermBranch {
			continue
		}
		switch c, ok := consts[b.Term.Cond]; {
		case b.Succs[0] == b.Succs[1]:
			toJump(b, 0)
		case ok && c != 0:
			toJump(b, 0)
		case ok:
			toJump(b, 1)
		default:
			continue
		}
		changed = true
	}
	return changed
}

// toJump turns b's Branch into a Jump along edge keep.
func toJump(b *ir.Block, keep int) {
	drop := b.Succs[1-keep]
	if drop == b.Succs[keep] {
		// Remove the last of the two edges: phis read the first.
		for k := len(drop.Preds) - 1; k >= 0; k-- {
			if drop.Preds[k] == b {
				removePredAt(drop, k)
				break
			}
		}
	} else {
		drop.RemovePred(b)
	}
	b.Succs = []*ir.Block{b.Succs[keep]}
	b.Term = ir.Term{Kind: ir.TermJump, Pos: b.Term.Pos}
}

func removePredAt(b *ir.Block, k int) {
	b.Preds = append(b.Preds[:k], b.Preds[k+1:]...)
	for _, in := range b.Phis() {
		in.Args = append(in.Args[:k], in.Args[k+1:]...)
	}
}

// thread forwards the edges into jump-only blocks that compute nothing
// but phis feeding their successor's phis.
func thread(f *ir.Func) bool {
	changed := false
	var uses map[ir.Value]int
	for _, e := range f.Blocks[1:] {
		if e.Term.Kind != ir.TermJump || len(e.Preds) == 0 || len(e.Phis()) != len(e.Instrs) {
			continue
		}
		s := e.Succs[0]
		if !canThread(e, s) {
			continue
		}
		idx := indexOf(s.Preds, e)
		phis := s.Phis()
		// Each phi of e must be read only by s's phis, on the edge from e:
		// their arguments then come straight from e's predecessors.
		mine := map[ir.Value]*ir.Instr{}
		if len(e.Instrs) > 0 {
			if uses == nil {
				uses = f.UseCounts()
			}
			for _, in := range e.Instrs {
				mine[in.Dst] = in
			}
			seen := map[ir.Value]int{}
			for _, in := range phis {
				if _, ok := mine[in.Args[idx]]; ok {
					seen[in.Args[idx]]++
				}
			}
			ok := true
			for v := range mine {
				if uses[v] != seen[v] {
					ok = false
				}
			}
			if !ok {
				continue
			}
		}
		args := make([][]ir.Value, len(phis)) // per phi of s, per predecessor of e
		for i, in := range phis {
			a := in.Args[idx]
			for k := range e.Preds {
				if ph, ok := mine[a]; ok {
					args[i] = append(args[i], ph.Args[k])
				} else {
					args[i] = append(args[i], a)
				}
			}
		}
		s.Preds[idx] = e.Preds[0]
		for i, in := range phis {
			in.Args[idx] = args[i][0]
		}
		for k, p := range e.Preds[1:] {
			s.Preds = append(s.Preds, p)
			for i, in := range phis {
				in.Args = append(in.Args, args[i][k+1])
			}
		}
		e.Instrs = nil
		for _, p := range e.Preds {
			p.Succs[indexOf(p.Succs, e)] = s
		}
		e.Preds, e.Succs = nil, nil
		changed = true
	}
	if changed {
		// The threaded blocks have no edges left; Sort drops them.
		f.Sort()
	}
	return changed
}

// canThread reports whether e's predecessors can jump to s directly: if s
// has phis, no predecessor of e may already reach s or reach e twice.
func canThread(e, s *ir.Block) bool {
	if s == e {
		return false
	}
	if len(s.Phis()) == 0 {
		return true
	}
	for k, p := range e.Preds {
		if indexOf(s.Preds, p) >= 0 || indexOf(e.Preds[:k], p) >= 0 {
			return false
		}
	}
	return true
}

func indexOf(bs []*ir.Block, b *ir.Block) int {
	for k, x := range bs {
		if x == b {
			return k
		}
	}
	return -1
}

// merge joins each block that jumps to a block with no other predecessor
// with that block.
func merge(f *ir.Func) bool {
	gone := map[*ir.Block]bool{}
	for _, b := range f.Blocks {
		if gone[b] {
			continue
		}
		for b.Term.Kind == ir.TermJump {
			s := b.Succs[0]
			if len(s.Preds) != 1 || s == b {
				break
			}
			for _, in := range s.Phis() {
				makeCopy(in, in.Args[0])
			}
			b.Instrs = append(b.Instrs, s.Instrs...)
			b.Term, b.Succs = s.Term, s.Succs
			for _, t := range s.Succs {
				for k, p := range t.Preds {
					if p == s {
						t.Preds[k] = b
					}
				}
			}
			s.Instrs, s.Preds, s.Succs = nil, nil, nil
			gone[s] = true
		}
	}
	if len(gone) == 0 {
		return false
	}
	out := f.Blocks[:0]
	for _, b := range f.Blocks {
		if !gone[b] {
			out = append(out, b)
		}
	}
	f.Blocks = out
	return true
}
