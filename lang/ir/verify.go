package ir

import (
	"fmt"
)

// Verify checks the program's invariants; every pass's tests call it after
// the pass. It returns the first violation found.
func (p *Program) Verify() error {
	for k, f := range p.Funcs {
		if err := f.verify(p); err != nil {
			return fmt.Errorf("func %d (%s %s): %w", k, f.Kind, f.Name, err)
		}
	}
	return nil
}

// Verify checks one function without program context (callee indexes and
// argument counts are not checked).
func (f *Func) Verify() error { return f.verify(nil) }

func (f *Func) verify(p *Program) error {
	if len(f.Blocks) == 0 {
		return fmt.Errorf("no blocks")
	}
	if len(f.Blocks[0].Preds) != 0 {
		return fmt.Errorf("entry block b%d has predecessors", f.Blocks[0].ID)
	}
	index := map[*Block]int{}
	ids := map[int]bool{}
	for k, b := range f.Blocks {
		if ids[b.ID] {
			return fmt.Errorf("block id b%d used twice", b.ID)
		}
		ids[b.ID] = true
		index[b] = k
	}
	// Edges: succs match the terminator, point forward, and are mirrored
	// in the successors' preds.
	for _, b := range f.Blocks {
		want := map[TermKind]int{TermJump: 1, TermBranch: 2, TermReturn: 0, TermHalt: 0}[b.Term.Kind]
		if len(b.Succs) != want {
			return fmt.Errorf("b%d: %d successors for its terminator, want %d", b.ID, len(b.Succs), want)
		}
		for _, s := range b.Succs {
			k, ok := index[s]
			if !ok {
				return fmt.Errorf("b%d: successor b%d is not in the function", b.ID, s.ID)
			}
			if k <= index[b] {
				return fmt.Errorf("b%d: edge to b%d goes backwards (blocks must be in topological order)", b.ID, s.ID)
			}
			if count(s.Preds, b) != count(b.Succs, s) {
				return fmt.Errorf("b%d: edge to b%d not mirrored in its predecessors", b.ID, s.ID)
			}
		}
		for _, pr := range b.Preds {
			if _, ok := index[pr]; !ok {
				return fmt.Errorf("b%d: predecessor b%d is not in the function", b.ID, pr.ID)
			}
			if count(pr.Succs, b) != count(b.Preds, pr) {
				return fmt.Errorf("b%d: predecessor b%d does not list it as a successor", b.ID, pr.ID)
			}
		}
		switch b.Term.Kind {
		case TermHalt:
			if f.Kind == FuncUser {
				return fmt.Errorf("b%d: halt in a user function", b.ID)
			}
		case TermReturn:
			if f.Kind != FuncUser {
				return fmt.Errorf("b%d: return in an entry function", b.ID)
			}
			if (b.Term.Val != 0) != f.HasResult {
				return fmt.Errorf("b%d: return value does not match the function's result", b.ID)
			}
		}
	}
	// Values: defined once, defined before use along every path.
	idom := f.Idom()
	defBlock := map[Value]*Block{}
	defIndex := map[Value]int{}
	for _, v := range f.Params {
		if _, dup := defBlock[v]; dup || v == 0 {
			return fmt.Errorf("parameter %s defined twice or zero", v)
		}
		defBlock[v] = f.Blocks[0]
		defIndex[v] = -1
	}
	for _, b := range f.Blocks {
		inPhis := true
		for k, in := range b.Instrs {
			if in.Op == OpInvalid || in.Op >= numOps {
				return fmt.Errorf("b%d: invalid operation %d", b.ID, in.Op)
			}
			if in.Op == OpPhi {
				if !inPhis {
					return fmt.Errorf("b%d: phi after an ordinary instruction", b.ID)
				}
				if !dupArgsAgree(b, in) {
					return fmt.Errorf("b%d: %s differs between two edges from one predecessor (which applies would be ambiguous)", b.ID, in)
				}
				if len(in.Args) != len(b.Preds) {
					return fmt.Errorf("b%d: %s has %d arguments for %d predecessors", b.ID, in, len(in.Args), len(b.Preds))
				}
			} else {
				inPhis = false
			}
			if ops[in.Op].dst != (in.Dst != 0) && in.Op != OpCall {
				return fmt.Errorf("b%d: %s: result does not match the operation", b.ID, in)
			}
			if in.Dst != 0 {
				if _, dup := defBlock[in.Dst]; dup {
					return fmt.Errorf("b%d: %s defined twice", b.ID, in.Dst)
				}
				if in.Dst >= f.NextValue {
					return fmt.Errorf("b%d: %s is not below NextValue %d", b.ID, in.Dst, f.NextValue)
				}
				defBlock[in.Dst] = b
				defIndex[in.Dst] = k
			}
			if err := checkImm(in, p, f); err != nil {
				return fmt.Errorf("b%d: %s: %w", b.ID, in, err)
			}
		}
	}
	dt := NewDomTree(f, idom)
	available := func(v Value, b *Block, at int) bool {
		db, ok := defBlock[v]
		if !ok {
			return false
		}
		if db == b {
			return defIndex[v] < at
		}
		return dt.Dominates(db, b)
	}
	for _, b := range f.Blocks {
		if _, ok := idom[b]; !ok {
			return fmt.Errorf("b%d is unreachable (run Sort)", b.ID)
		}
		for k, in := range b.Instrs {
			if in.Op == OpPhi {
				for j, a := range in.Args {
					pr := b.Preds[j]
					if !available(a, pr, len(pr.Instrs)) {
						return fmt.Errorf("b%d: %s: %s is not available at the end of b%d", b.ID, in, a, pr.ID)
					}
				}
				continue
			}
			for _, a := range in.Operands() {
				if !available(a, b, k) {
					return fmt.Errorf("b%d: %s uses %s before its definition", b.ID, in, a)
				}
			}
		}
		end := len(b.Instrs)
		if b.Term.Kind == TermBranch && !available(b.Term.Cond, b, end) {
			return fmt.Errorf("b%d: branch condition %s is not defined", b.ID, b.Term.Cond)
		}
		if b.Term.Kind == TermReturn && b.Term.Val != 0 && !available(b.Term.Val, b, end) {
			return fmt.Errorf("b%d: returned %s is not defined", b.ID, b.Term.Val)
		}
	}
	return nil
}

func checkImm(in *Instr, p *Program, f *Func) error {
	switch in.Op {
	case OpMul, OpDiv:
		if in.Imm < 0 || in.Imm > 31 {
			return fmt.Errorf("shift %d outside 0..31", in.Imm)
		}
	case OpShr:
		if in.Imm != 0 && in.Imm != 1 {
			return fmt.Errorf("shift mode %d is not 0 or 1", in.Imm)
		}
	case OpCmp:
		if in.Imm < 1 || in.Imm > 10 {
			return fmt.Errorf("condition %d outside 1..10", in.Imm)
		}
	case OpRead, OpWrite:
		if in.Imm < 16 || in.Imm > 31 {
			return fmt.Errorf("IO channel %d outside 16..31", in.Imm)
		}
		if in.Op == OpWrite && f.Kind == FuncUser {
			return fmt.Errorf("write outside an entry function's flush")
		}
	case OpLoad, OpStore:
		if in.Imm < 0 || in.Imm > 65532 {
			return fmt.Errorf("address %d outside data memory", in.Imm)
		}
	case OpSend:
		if in.Imm < 0 || in.Imm > 255 {
			return fmt.Errorf("send channel %d outside 0..255", in.Imm)
		}
	case OpA2A:
		if in.Imm < 0x20 || in.Imm > 0x56 {
			return fmt.Errorf("A2A opcode 0x%x outside 0x20..0x56", in.Imm)
		}
	case OpCall:
		if p == nil {
			return nil
		}
		if in.Imm < 0 || int(in.Imm) >= len(p.Funcs) || p.Funcs[in.Imm].Kind != FuncUser {
			return fmt.Errorf("callee %d is not a user function", in.Imm)
		}
		g := p.Funcs[in.Imm]
		if len(in.Args) != len(g.Params) {
			return fmt.Errorf("%d arguments for %d parameters of %s", len(in.Args), len(g.Params), g.Name)
		}
		if (in.Dst != 0) && !g.HasResult {
			return fmt.Errorf("uses the result of %s, which has none", g.Name)
		}
	}
	return nil
}

func count(bs []*Block, b *Block) int {
	n := 0
	for _, x := range bs {
		if x == b {
			n++
		}
	}
	return n
}

// dupArgsAgree reports whether a phi takes the same value on every edge
// from one predecessor, for a block a Branch reaches by both its edges.
func dupArgsAgree(b *Block, phi *Instr) bool {
	for i, p := range b.Preds {
		for j := i + 1; j < len(b.Preds); j++ {
			if b.Preds[j] == p && j < len(phi.Args) && i < len(phi.Args) && phi.Args[i] != phi.Args[j] {
				return false
			}
		}
	}
	return true
}
