package opt

import "github.com/nexusfleet/nexus/lang/ir"

// shortCircuit splits a branch on `x or y` (or `x and y`) into a branch
// on x and, only on the path where x does not decide, a branch on y. The
// front end computes both sides of a pure `and`/`or` (the spec allows it,
// and it needs no branch when the value is stored); when the value only
// steers a branch, testing one side first skips the other side's work
// whenever the first decides. The side that costs less is tested first,
// and the other side's instructions move to the new block.
//
// Or(x, y) is non-zero exactly when x or y is, for any words. And(x, y)
// is non-zero exactly when both are only for 0/1 values, so an `and` is
// split only when both operands are provably booleans (compares, bool
// constants, not/and/or of booleans, phis of booleans, loads of a bool
// state). Each operand must also set the flags its branch tests (a compare
// fuses with the branch; and/or/xor set Z), so the split never costs a
// cycle on any path.
func shortCircuit(p *ir.Program) bool {
	boolWords := map[int32]bool{}
	for _, g := range p.Globals {
		if g.Bool {
			boolWords[g.Addr] = true
		}
	}
	changed := false
	for _, f := range p.Funcs {
		if shortCircuitFunc(f, boolWords) {
			changed = true
		}
	}
	return changed
}

func shortCircuitFunc(f *ir.Func, boolWords map[int32]bool) bool {
	defs := f.Defs()
	uses := f.UseCounts()
	changed := false
	for bi := 0; bi < len(f.Blocks); bi++ {
		b := f.Blocks[bi]
		if b.Term.Kind != ir.TermBranch || len(b.Succs) != 2 || b.Succs[0] == b.Succs[1] {
			continue
		}
		c := defs[b.Term.Cond]
		if c == nil || (c.Op != ir.OpOr && c.Op != ir.OpAnd) || uses[c.Dst] != 1 || !inBlock(b, c) {
			continue
		}
		x, y := c.A, c.B
		if !setsFlags(defs, b, x) || !setsFlags(defs, b, y) {
			continue
		}
		if c.Op == ir.OpAnd && (!isBool(defs, boolWords, x, 0) || !isBool(defs, boolWords, y, 0)) {
			continue
		}
		if cone(defs, uses, b, y, 0) < cone(defs, uses, b, x, 0) {
			x, y = y, x
		}
		yes, no := b.Succs[0], b.Succs[1]
		n := f.NewBlock()
		if c.Op == ir.OpOr {
			// b: x ? yes : n;  n: y ? yes : no
			redirect(b, 1, n)
			addPredLike(yes, n, b)
		} else {
			// b: x ? n : no;  n: y ? yes : no
			redirect(b, 0, n)
			addPredLike(no, n, b)
		}
		n.Succs = []*ir.Block{yes, no}
		n.Term = ir.Term{Kind: ir.TermBranch, Cond: y, Pos: b.Term.Pos}
		b.Term.Cond = x
		for k, in := range b.Instrs {
			if in == c {
				b.Instrs = append(b.Instrs[:k], b.Instrs[k+1:]...)
				break
			}
		}
		moveCone(defs, uses, b, n, y)
		changed = true
	}
	if changed {
		f.Sort()
	}
	return changed
}

func inBlock(b *ir.Block, in *ir.Instr) bool {
	for _, x := range b.Instrs {
		if x == in {
			return true
		}
	}
	return false
}

// setsFlags reports whether v, computed in b, leaves Z = (v == 0) for a
// branch without an extra compare.
func setsFlags(defs map[ir.Value]*ir.Instr, b *ir.Block, v ir.Value) bool {
	d := defs[v]
	if d == nil || !inBlock(b, d) {
		return false
	}
	switch d.Op {
	case ir.OpCmp, ir.OpAnd, ir.OpOr, ir.OpXor:
		return true
	}
	return false
}

// isBool reports whether v is always 0 or 1.
func isBool(defs map[ir.Value]*ir.Instr, boolWords map[int32]bool, v ir.Value, depth int) bool {
	d := defs[v]
	if d == nil || depth > 16 {
		return false
	}
	switch d.Op {
	case ir.OpCmp:
		return true
	case ir.OpConst:
		return d.Imm == 0 || d.Imm == 1
	case ir.OpAnd, ir.OpOr:
		return isBool(defs, boolWords, d.A, depth+1) && isBool(defs, boolWords, d.B, depth+1)
	case ir.OpXor:
		return isBool(defs, boolWords, d.A, depth+1) && isBool(defs, boolWords, d.B, depth+1)
	case ir.OpPhi:
		for _, a := range d.Args {
			if !isBool(defs, boolWords, a, depth+1) {
				return false
			}
		}
		return true
	case ir.OpLoad:
		return boolWords[d.Imm]
	}
	return false
}

// cone counts the instructions of b that compute v and nothing else.
func cone(defs map[ir.Value]*ir.Instr, uses map[ir.Value]int, b *ir.Block, v ir.Value, depth int) int {
	d := defs[v]
	if d == nil || uses[v] != 1 || d.Op == ir.OpPhi || !inBlock(b, d) || depth > 64 {
		return 0
	}
	n := 1
	for _, a := range d.Operands() {
		n += cone(defs, uses, b, a, depth+1)
	}
	return n
}

// moveCone moves to the start of n the instructions of b that compute v
// and nothing else, in their order, stopping at anything with an effect
// and at a load that a later store or call of b could change.
func moveCone(defs map[ir.Value]*ir.Instr, uses map[ir.Value]int, b, n *ir.Block, v ir.Value) {
	mine := map[*ir.Instr]bool{}
	// Only values read by nothing else move: another reader in b or
	// after it would no longer be dominated by the definition.
	var mark func(v ir.Value)
	mark = func(v ir.Value) {
		d := defs[v]
		if d == nil || uses[v] != 1 || d.Op == ir.OpPhi || !inBlock(b, d) || mine[d] {
			return
		}
		if !d.Op.Pure() && d.Op != ir.OpLoad {
			return
		}
		mine[d] = true
		for _, a := range d.Operands() {
			mark(a)
		}
	}
	mark(v)
	// A load stays if a store or call follows it in b.
	clobber := false
	for k := len(b.Instrs) - 1; k >= 0; k-- {
		in := b.Instrs[k]
		if mine[in] && in.Op == ir.OpLoad && clobber {
			delete(mine, in)
		}
		if in.Op == ir.OpStore || in.Op == ir.OpCall {
			clobber = true
		}
	}
	// Keep an instruction whose operand stays behind only if that operand
	// is computed in b: moving it below its operand's definition is fine
	// (n follows b); nothing in mine is used outside the cone.
	var kept, moved []*ir.Instr
	for _, in := range b.Instrs {
		if mine[in] {
			moved = append(moved, in)
		} else {
			kept = append(kept, in)
		}
	}
	b.Instrs = kept
	n.Instrs = append(moved, n.Instrs...)
}

// redirect points b's k-th successor edge at n, which takes b's place
// among the old successor's predecessors (so its phis' arguments stay
// aligned: the values they name are available at the end of n too).
func redirect(b *ir.Block, k int, n *ir.Block) {
	old := b.Succs[k]
	b.Succs[k] = n
	for i, p := range old.Preds {
		if p == b {
			old.Preds[i] = n
			break
		}
	}
	n.Preds = []*ir.Block{b}
}

// addPredLike adds n as a predecessor of s whose phis take the arguments
// they take from like.
func addPredLike(s, n, like *ir.Block) {
	k := -1
	for i, p := range s.Preds {
		if p == like {
			k = i
			break
		}
	}
	s.Preds = append(s.Preds, n)
	for _, phi := range s.Phis() {
		phi.Args = append(phi.Args, phi.Args[k])
	}
}
