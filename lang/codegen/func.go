package codegen

import (
	"fmt"
	"sort"

	"github.com/nexusfleet/nexus/lang/ir"
)

// vkind is the kind of a linearised operation.
type vkind uint8

const (
	vLabel  vkind = iota // a block or edge-block start
	vParams              // a user function's parameters arrive in R1..Rn
	vInstr               // an IR instruction
	vCopies              // the parallel copies of a control-flow edge
	vJump                // go to target
	vBranch              // to yes if cond (or the fused cmp) holds, else to no
	vReturn              // return val in R1
	vHalt                // end of the activation
)

type move struct{ dst, src ir.Value }

// vop is one operation of a function in linear order. Operation i uses its
// operands at position 2i and defines its results at 2i+1.
type vop struct {
	kind    vkind
	in      *ir.Instr
	moves   []move
	label   string
	target  string
	cmp     *ir.Instr
	cond    ir.Value
	yes, no string
	val     ir.Value
	pos     ir.Pos
}

// fgen generates one function.
type fgen struct {
	g      *gen
	f      *ir.Func
	prefix string
	defs   map[ir.Value]*ir.Instr
	uses   map[ir.Value]int
	dead   map[*ir.Instr]bool
	fused  map[*ir.Instr]bool
	copyOf map[*ir.Instr]bool // Min/Max proven redundant: emitted as copies
	// lowFirst maps Max(Min(v, hi), lo) with constant bounds lo <= hi to
	// hi, when the pair is emitted as one clamp bounding from below first.
	lowFirst map[*ir.Instr]int32
	vops     []*vop
	loc      map[ir.Value]loc
	out      []*minstr
	nlabel   int
	pos      ir.Pos
	flagVal  ir.Value // the value whose zero-ness Z holds after the last vop
	err      error
}

func newFgen(g *gen, f *ir.Func, index int) *fgen {
	prefix := f.Kind.String()
	if f.Kind == ir.FuncUser {
		prefix = fmt.Sprintf("fn%d_%s", index, f.Name)
	}
	return &fgen{g: g, f: f, prefix: prefix, dead: map[*ir.Instr]bool{}, fused: map[*ir.Instr]bool{},
		copyOf: map[*ir.Instr]bool{}, loc: map[ir.Value]loc{}, lowFirst: map[*ir.Instr]int32{}}
}

// funcLabel is the label of the function with index k in Program.Funcs.
func (g *gen) funcLabel(k int) string {
	f := g.p.Funcs[k]
	if f.Kind == ir.FuncUser {
		return fmt.Sprintf("fn%d_%s", k, f.Name)
	}
	return f.Kind.String()
}

func (fg *fgen) generate() error {
	if len(fg.f.Blocks) == 0 {
		return fmt.Errorf("codegen: function %s has no blocks", fg.f.Name)
	}
	if len(fg.f.Params) > numAlloc {
		return fmt.Errorf("codegen: function %s has %d parameters; at most %d are supported", fg.f.Name, len(fg.f.Params), numAlloc)
	}
	fg.defs = fg.f.Defs()
	fg.uses = fg.f.UseCounts()
	fg.removeDead()
	if fg.g.elide {
		fg.elideClamps()
		for in := range fg.copyOf {
			fg.uses[in.B]--
		}
		fg.removeDead()
	}
	if fg.g.lowFirst {
		fg.markLowFirst()
		fg.removeDead()
	}
	fg.fuse()
	fg.linearize()
	fg.allocate()
	fg.emitAll()
	return fg.err
}

// removeDead marks pure instructions, loads and phis whose results nobody
// uses, repeatedly.
func (fg *fgen) removeDead() {
	for changed := true; changed; {
		changed = false
		for _, b := range fg.f.Blocks {
			for _, in := range b.Instrs {
				if fg.dead[in] || in.Dst == 0 || fg.uses[in.Dst] > 0 {
					continue
				}
				if in.Op.Pure() || in.Op == ir.OpPhi || in.Op == ir.OpLoad {
					fg.dead[in] = true
					ops := in.Operands()
					if fg.copyOf[in] {
						ops = ops[:1] // B's use was dropped when the clamp was elided
					}
					for _, a := range ops {
						fg.uses[a]--
					}
					changed = true
				}
			}
		}
	}
}

// fuse marks each Cmp whose only use is the branch ending its block.
func (fg *fgen) fuse() {
	for _, b := range fg.f.Blocks {
		if b.Term.Kind != ir.TermBranch || fg.uses[b.Term.Cond] != 1 {
			continue
		}
		for _, in := range b.Instrs {
			if in.Dst == b.Term.Cond && in.Op == ir.OpCmp && !fg.dead[in] {
				fg.fused[in] = true
			}
		}
	}
}

func (fg *fgen) blockLabel(b *ir.Block) string { return fmt.Sprintf("%s.b%d", fg.prefix, b.ID) }

func (fg *fgen) livePhis(b *ir.Block) []*ir.Instr {
	var out []*ir.Instr
	for _, in := range b.Phis() {
		if !fg.dead[in] {
			out = append(out, in)
		}
	}
	return out
}

// phiMoves are the copies for the edge p→s.
func (fg *fgen) phiMoves(p, s *ir.Block) []move {
	k := -1
	for j, q := range s.Preds {
		if q == p {
			k = j
			break
		}
	}
	var out []move
	for _, in := range fg.livePhis(s) {
		if k < 0 || k >= len(in.Args) {
			fg.fail("phi v%d in %s has no argument for b%d", in.Dst, fg.f.Name, p.ID)
			continue
		}
		out = append(out, move{in.Dst, in.Args[k]})
	}
	return out
}

func (fg *fgen) fail(format string, args ...any) {
	if fg.err == nil {
		fg.err = fmt.Errorf("internal compiler error: codegen: "+format, args...)
	}
}

type edge struct {
	p     *ir.Block
	k     int
	label string
}

// linearize lays the function out as vops (see the package doc).
func (fg *fgen) linearize() {
	into := map[*ir.Block][]edge{}
	edgeLabel := map[*ir.Block][]string{}
	for _, p := range fg.f.Blocks {
		if p.Term.Kind != ir.TermBranch {
			continue
		}
		labels := make([]string, len(p.Succs))
		for k, s := range p.Succs {
			labels[k] = fg.blockLabel(s)
			if len(fg.livePhis(s)) > 0 {
				labels[k] = fmt.Sprintf("%s.e%d_%d", fg.prefix, p.ID, k)
				into[s] = append(into[s], edge{p, k, labels[k]})
			}
		}
		edgeLabel[p] = labels
	}
	add := func(v *vop) { fg.vops = append(fg.vops, v) }
	for bi, b := range fg.f.Blocks {
		for _, e := range into[b] {
			add(&vop{kind: vLabel, label: e.label})
			add(&vop{kind: vCopies, moves: fg.phiMoves(e.p, b)})
			add(&vop{kind: vJump, target: fg.blockLabel(b)})
		}
		add(&vop{kind: vLabel, label: fg.blockLabel(b)})
		if bi == 0 && len(fg.f.Params) > 0 {
			add(&vop{kind: vParams, pos: fg.f.Pos})
		}
		var fusedCmp *ir.Instr
		for _, in := range b.Instrs {
			switch {
			case in.Op == ir.OpPhi || fg.dead[in]:
			case fg.fused[in]:
				fusedCmp = in
			default:
				add(&vop{kind: vInstr, in: in, pos: in.Pos})
			}
		}
		t := b.Term
		switch t.Kind {
		case ir.TermJump:
			if len(b.Succs) != 1 {
				fg.fail("b%d of %s jumps to %d blocks", b.ID, fg.f.Name, len(b.Succs))
				return
			}
			if ms := fg.phiMoves(b, b.Succs[0]); len(ms) > 0 {
				add(&vop{kind: vCopies, moves: ms, pos: t.Pos})
			}
			add(&vop{kind: vJump, target: fg.blockLabel(b.Succs[0]), pos: t.Pos})
		case ir.TermBranch:
			labels := edgeLabel[b]
			if len(labels) != 2 {
				fg.fail("b%d of %s branches to %d blocks", b.ID, fg.f.Name, len(labels))
				return
			}
			pos := t.Pos
			if fusedCmp != nil && pos.Line == 0 {
				pos = fusedCmp.Pos
			}
			add(&vop{kind: vBranch, cmp: fusedCmp, cond: t.Cond, yes: labels[0], no: labels[1], pos: pos})
		case ir.TermReturn:
			add(&vop{kind: vReturn, val: t.Val, pos: t.Pos})
		default:
			add(&vop{kind: vHalt, pos: t.Pos})
		}
	}
}

// Locations.

type locKind uint8

const (
	locNone  locKind = iota
	locReg           // in register reg
	locMem           // in the data word at addr
	locConst         // a constant k, rematerialised at each use
)

type loc struct {
	kind locKind
	reg  uint8
	addr int32
	k    int32
}

func regLoc(r uint8) loc { return loc{kind: locReg, reg: r} }

// interval is a value's live range on the linear order.
type interval struct {
	v          ir.Value
	start, end int
	fixed      int        // preferred register (0: none)
	like       []ir.Value // values whose register is preferred
	isConst    bool
	k          int32
	reg        uint8
}

// allocate assigns each value a location by linear scan.
func (fg *fgen) allocate() {
	ivs := map[ir.Value]*interval{}
	get := func(v ir.Value, p int) *interval {
		iv := ivs[v]
		if iv == nil {
			iv = &interval{v: v, start: p, end: p}
			if d := fg.defs[v]; d != nil && d.Op == ir.OpConst {
				iv.isConst, iv.k = true, d.Imm
			}
			ivs[v] = iv
		}
		iv.start, iv.end = min(iv.start, p), max(iv.end, p)
		return iv
	}
	use := func(v ir.Value, p int) *interval {
		if v == 0 {
			return nil
		}
		return get(v, p)
	}
	var calls []int
	for i, op := range fg.vops {
		u, d := 2*i, 2*i+1
		switch op.kind {
		case vParams:
			for k, p := range fg.f.Params {
				get(p, d).fixed = k + 1
			}
		case vInstr:
			in := op.in
			switch in.Op {
			case ir.OpCall:
				calls = append(calls, i)
				for k, a := range in.Args {
					if iv := use(a, u); iv.fixed == 0 && k < numAlloc {
						iv.fixed = k + 1
					}
				}
			case ir.OpMin, ir.OpMax:
				use(in.A, u)
				if !fg.copyOf[in] {
					use(in.B, d) // early clobber: the result must not share B's register
				}
			default:
				for _, a := range in.Operands() {
					use(a, u)
				}
			}
			if in.Dst != 0 {
				iv := get(in.Dst, d)
				switch in.Op {
				case ir.OpCall:
					iv.fixed = 1
				case ir.OpCopy, ir.OpMin, ir.OpMax, ir.OpAdd, ir.OpSub, ir.OpAnd, ir.OpOr, ir.OpXor, ir.OpMul:
					iv.like = append(iv.like, in.A)
				}
			}
		case vCopies:
			for _, m := range op.moves {
				use(m.src, u)
			}
			for _, m := range op.moves {
				iv := get(m.dst, d)
				iv.like = append(iv.like, m.src)
			}
		case vBranch:
			if op.cmp != nil {
				use(op.cmp.A, u)
				use(op.cmp.B, u)
			} else {
				use(op.cond, u)
			}
		case vReturn:
			if iv := use(op.val, u); iv != nil && iv.fixed == 0 {
				iv.fixed = 1
			}
		}
	}
	list := make([]*interval, 0, len(ivs))
	for _, iv := range ivs {
		list = append(list, iv)
	}
	sort.Slice(list, func(a, b int) bool {
		if list[a].start != list[b].start {
			return list[a].start < list[b].start
		}
		return list[a].v < list[b].v
	})
	var owner [numAlloc + 1]*interval
	crosses := func(iv *interval) bool {
		for _, c := range calls {
			if iv.start <= 2*c && iv.end >= 2*c+1 {
				return true
			}
		}
		return false
	}
	for _, cur := range list {
		for r := 1; r <= numAlloc; r++ {
			if owner[r] != nil && owner[r].end < cur.start {
				owner[r] = nil
			}
		}
		if cur.isConst && cur.k == 0 {
			fg.loc[cur.v] = regLoc(0) // the zero register holds every 0
			continue
		}
		if crosses(cur) {
			fg.spill(cur)
			continue
		}
		r := fg.pick(cur, &owner)
		if r == 0 {
			var victim *interval
			for x := 1; x <= numAlloc; x++ {
				if o := owner[x]; o != nil && (victim == nil || o.end > victim.end) {
					victim = o
				}
			}
			if victim == nil || victim.end <= cur.end {
				fg.spill(cur)
				continue
			}
			r = int(victim.reg)
			fg.spill(victim)
		}
		owner[r] = cur
		cur.reg = uint8(r)
		fg.loc[cur.v] = regLoc(uint8(r))
	}
}

// pick returns a free register for cur, preferring its hints, or 0.
func (fg *fgen) pick(cur *interval, owner *[numAlloc + 1]*interval) int {
	free := func(r int) bool { return r >= 1 && r <= numAlloc && owner[r] == nil }
	if free(cur.fixed) {
		return cur.fixed
	}
	for _, v := range cur.like {
		if l := fg.loc[v]; l.kind == locReg && free(int(l.reg)) {
			return int(l.reg)
		}
	}
	for r := 1; r <= numAlloc; r++ {
		if free(r) {
			return r
		}
	}
	return 0
}

// spill gives iv a memory word, or makes a constant rematerialised.
func (fg *fgen) spill(iv *interval) {
	iv.reg = 0
	if iv.isConst {
		fg.loc[iv.v] = loc{kind: locConst, k: iv.k}
		return
	}
	fg.loc[iv.v] = loc{kind: locMem, addr: fg.g.slot()}
}
