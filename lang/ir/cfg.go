package ir

// Helpers passes use to edit the control-flow graph and the value graph
// without breaking the invariants (*Func).Verify checks.

// AddEdge makes to a successor of from, appending from to to's
// predecessors. The caller adds the matching phi arguments.
func AddEdge(from, to *Block) {
	from.Succs = append(from.Succs, to)
	to.Preds = append(to.Preds, from)
}

// predIndex returns the index of p among b's predecessors, or -1.
func (b *Block) predIndex(p *Block) int {
	for k, q := range b.Preds {
		if q == p {
			return k
		}
	}
	return -1
}

// RemovePred removes one edge p→b from b's side: the predecessor entry and
// the matching argument of every phi. A phi left with a single argument
// is kept (a later copy propagation removes it).
func (b *Block) RemovePred(p *Block) {
	k := b.predIndex(p)
	if k < 0 {
		return
	}
	b.Preds = append(b.Preds[:k], b.Preds[k+1:]...)
	for _, in := range b.Instrs {
		if in.Op != OpPhi {
			break
		}
		in.Args = append(in.Args[:k], in.Args[k+1:]...)
	}
}

// ReplacePred makes new take old's place among b's predecessors (the phi
// arguments stay), for a pass that reroutes an edge.
func (b *Block) ReplacePred(old, new *Block) {
	if k := b.predIndex(old); k >= 0 {
		b.Preds[k] = new
	}
}

// Phis returns the block's leading phi instructions.
func (b *Block) Phis() []*Instr {
	n := 0
	for n < len(b.Instrs) && b.Instrs[n].Op == OpPhi {
		n++
	}
	return b.Instrs[:n]
}

// Sort puts the blocks in a topological order starting at Blocks[0] and
// drops the blocks the entry no longer reaches (removing their edges into
// reachable blocks). The graph must be acyclic.
func (f *Func) Sort() {
	if len(f.Blocks) == 0 {
		return
	}
	seen := map[*Block]bool{}
	var post []*Block
	var visit func(b *Block)
	visit = func(b *Block) {
		seen[b] = true
		for _, s := range b.Succs {
			if !seen[s] {
				visit(s)
			}
		}
		post = append(post, b)
	}
	visit(f.Blocks[0])
	for _, b := range f.Blocks {
		if seen[b] {
			continue
		}
		for _, s := range b.Succs {
			if seen[s] {
				s.RemovePred(b)
			}
		}
	}
	out := make([]*Block, len(post))
	for k, b := range post {
		out[len(post)-1-k] = b
	}
	f.Blocks = out
}

// ReplaceAllUses rewrites every use of old (operands, phi arguments,
// branch conditions and returned values) to new.
func (f *Func) ReplaceAllUses(old, new Value) {
	for _, b := range f.Blocks {
		for _, in := range b.Instrs {
			in.ReplaceUses(old, new)
		}
		if b.Term.Cond == old {
			b.Term.Cond = new
		}
		if b.Term.Val == old {
			b.Term.Val = new
		}
	}
}

// numInstrs counts f's instructions, to size the maps below at once
// (growing them costs more than this walk on large functions).
func (f *Func) numInstrs() int {
	n := 0
	for _, b := range f.Blocks {
		n += len(b.Instrs)
	}
	return n
}

// UseCounts counts the uses of every value.
func (f *Func) UseCounts() map[Value]int {
	n := make(map[Value]int, f.numInstrs())
	for _, b := range f.Blocks {
		for _, in := range b.Instrs {
			for _, a := range in.Operands() {
				n[a]++
			}
		}
		if b.Term.Kind == TermBranch {
			n[b.Term.Cond]++
		}
		if b.Term.Kind == TermReturn && b.Term.Val != 0 {
			n[b.Term.Val]++
		}
	}
	return n
}

// Defs maps every value defined by an instruction to it.
func (f *Func) Defs() map[Value]*Instr {
	d := make(map[Value]*Instr, f.numInstrs())
	for _, b := range f.Blocks {
		for _, in := range b.Instrs {
			if in.Dst != 0 {
				d[in.Dst] = in
			}
		}
	}
	return d
}

// Idom computes each block's immediate dominator (the entry maps to
// itself). The blocks must be in topological order, which makes one pass
// of the Cooper–Harvey–Kennedy intersection enough.
func (f *Func) Idom() map[*Block]*Block {
	idom := map[*Block]*Block{}
	order := map[*Block]int{}
	for k, b := range f.Blocks {
		order[b] = k
	}
	if len(f.Blocks) == 0 {
		return idom
	}
	idom[f.Blocks[0]] = f.Blocks[0]
	for _, b := range f.Blocks[1:] {
		var d *Block
		for _, p := range b.Preds {
			if _, ok := idom[p]; !ok {
				continue
			}
			if d == nil {
				d = p
				continue
			}
			a, c := d, p
			for a != c {
				for order[a] > order[c] {
					a = idom[a]
				}
				for order[c] > order[a] {
					c = idom[c]
				}
			}
			d = a
		}
		if d != nil {
			idom[b] = d
		}
	}
	return idom
}

// Dominates reports whether a dominates b under idom.
//
// It walks b's dominator chain; for many queries on one function,
// NewDomTree answers each in constant time.
func Dominates(idom map[*Block]*Block, a, b *Block) bool {
	for {
		if a == b {
			return true
		}
		p, ok := idom[b]
		if !ok || p == b {
			return false
		}
		b = p
	}
}

// DomTree answers dominance queries in constant time: a dominates b when
// b's preorder number in the dominator tree falls within a's subtree.
type DomTree struct {
	pre, last map[*Block]int // preorder number; the largest in the subtree
}

// NewDomTree builds the tree of idom (as Idom returns it) over f.
func NewDomTree(f *Func, idom map[*Block]*Block) *DomTree {
	t := &DomTree{pre: make(map[*Block]int, len(f.Blocks)), last: make(map[*Block]int, len(f.Blocks))}
	kids := make(map[*Block][]*Block, len(f.Blocks))
	var root *Block
	for _, b := range f.Blocks {
		p, ok := idom[b]
		switch {
		case !ok:
		case p == b:
			root = b
		default:
			kids[p] = append(kids[p], b)
		}
	}
	if root == nil {
		return t
	}
	type frame struct {
		b    *Block
		next int
	}
	n := 0
	stack := []frame{{b: root}}
	t.pre[root] = n
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next < len(kids[top.b]) {
			c := kids[top.b][top.next]
			top.next++
			n++
			t.pre[c] = n
			stack = append(stack, frame{b: c})
			continue
		}
		t.last[top.b] = n
		stack = stack[:len(stack)-1]
	}
	return t
}

// Dominates reports whether a dominates b (every block dominates itself);
// false for a block the entry does not reach.
func (t *DomTree) Dominates(a, b *Block) bool {
	pa, ok1 := t.pre[a]
	pb, ok2 := t.pre[b]
	return ok1 && ok2 && pa <= pb && pb <= t.last[a]
}
