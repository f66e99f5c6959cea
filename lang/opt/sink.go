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
	dt := ir.NewDomTree(f, idom)
	u := newUses(f)
	changed := false
	for bi := len(f.Blocks) - 1; bi >= 0; bi-- {
		b := f.Blocks[bi]
		for k := len(b.Instrs) - 1; k >= 0; k-- {
			in := b.Instrs[k]
			if !in.Op.Pure() || in.Dst == 0 {
				continue
			}
			to := u.dominator(in.Dst, idom, b)
			if to == nil || to == b || !dt.Dominates(b, to) {
				continue
			}
			b.Instrs = append(b.Instrs[:k], b.Instrs[k+1:]...)
			at := len(to.Phis())
			to.Instrs = append(to.Instrs[:at], append([]*ir.Instr{in}, to.Instrs[at:]...)...)
			u.blockOf[in] = to
			changed = true
		}
	}
	return changed
}

// uses indexes where each value is used, so that finding the blocks of a
// value's uses costs only its own uses (the pass is linear in the
// function's size, not quadratic).
type uses struct {
	users   map[ir.Value][]*ir.Instr
	terms   map[ir.Value][]*ir.Block // blocks whose terminator uses the value
	blockOf map[*ir.Instr]*ir.Block
	order   map[*ir.Block]int
}

func newUses(f *ir.Func) *uses {
	n := 0
	for _, b := range f.Blocks {
		n += len(b.Instrs)
	}
	u := &uses{users: make(map[ir.Value][]*ir.Instr, n), terms: map[ir.Value][]*ir.Block{},
		blockOf: make(map[*ir.Instr]*ir.Block, n), order: make(map[*ir.Block]int, len(f.Blocks))}
	for k, b := range f.Blocks {
		u.order[b] = k
		for _, in := range b.Instrs {
			u.blockOf[in] = b
			for _, a := range in.Operands() {
				if n := len(u.users[a]); n == 0 || u.users[a][n-1] != in {
					u.users[a] = append(u.users[a], in)
				}
			}
		}
		switch b.Term.Kind {
		case ir.TermBranch:
			u.terms[b.Term.Cond] = append(u.terms[b.Term.Cond], b)
		case ir.TermReturn:
			if b.Term.Val != 0 {
				u.terms[b.Term.Val] = append(u.terms[b.Term.Val], b)
			}
		}
	}
	return u
}

// maxSinkWalk bounds the dominator-tree steps spent on one value: in a
// long chain of diamonds (thousands of unrolled ifs) a value used far
// below its definition would otherwise cost a walk of the whole chain,
// and the pass would be quadratic. Past the bound the value stays put.
const maxSinkWalk = 256

// dominator returns the nearest common dominator of the blocks where v is
// used (a phi argument is used at the end of its predecessor), or nil when
// v is unused.
//
// The search stops as soon as the answer is home, the block defining v:
// a value used where it is defined, or in blocks whose meeting point is
// that block, cannot sink, and walking on up the tree would be wasted.
func (u *uses) dominator(v ir.Value, idom map[*ir.Block]*ir.Block, home *ir.Block) *ir.Block {
	var d *ir.Block
	steps := 0
	meet := func(b *ir.Block) {
		if d == nil {
			d = b
			return
		}
		if d == home {
			return
		}
		x, y := d, b
		for x != y {
			for u.order[x] > u.order[y] {
				x = idom[x]
				steps++
			}
			for u.order[y] > u.order[x] {
				y = idom[y]
				steps++
			}
		}
		d = x
		if steps > maxSinkWalk {
			d = home // give up: the value stays where it is
		}
	}
	for _, in := range u.users[v] {
		if d == home && d != nil {
			return d
		}
		b := u.blockOf[in]
		if in.Op != ir.OpPhi {
			meet(b)
			continue
		}
		for k, a := range in.Args {
			if a == v {
				meet(b.Preds[k])
			}
		}
	}
	for _, b := range u.terms[v] {
		meet(b)
	}
	return d
}
