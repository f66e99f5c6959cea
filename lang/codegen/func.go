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
	copyOf map[*ir.Instr]bool    // Min/Max proven redundant: emitted as copies
	steady map[*ir.Instr]*steady // rate-limited flushes emitted as steady (clamp.go)
	abs    map[*ir.Instr]bool    // Max(x, Neg(x)) emitted as a conditional negation
	rng    map[ir.Value]srange   // the elision's ranges
	// lowFirst maps Max(Min(v, hi), lo) with constant bounds lo <= hi to
	// hi, when the pair is emitted as one clamp bounding from below first.
	lowFirst map[*ir.Instr]int32
	vops     []*vop
	regions  []region // in layout order
	// regionAt maps a vop to its region; blockRegion a block to its own,
	// edgesInto a block to the edge blocks before it.
	regionAt    []int
	blockRegion map[*ir.Block]int
	edgesInto   map[*ir.Block][]int
	live        *live
	loc         map[ir.Value]loc
	out         []*minstr
	nlabel      int
	pos         ir.Pos
	flagVal     ir.Value // the value whose zero-ness Z holds after the last vop
	err         error
}

func newFgen(g *gen, f *ir.Func, index int) *fgen {
	prefix := f.Kind.String()
	if f.Kind == ir.FuncUser {
		prefix = fmt.Sprintf("fn%d_%s", index, f.Name)
	}
	return &fgen{g: g, f: f, prefix: prefix, dead: map[*ir.Instr]bool{}, fused: map[*ir.Instr]bool{},
		copyOf: map[*ir.Instr]bool{}, steady: map[*ir.Instr]*steady{}, abs: map[*ir.Instr]bool{}, loc: map[ir.Value]loc{}, lowFirst: map[*ir.Instr]int32{}}
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
		if fg.g.o.Optimize {
			fg.findSteady()
			fg.findAbs()
			fg.removeDead()
		}
	}
	if fg.g.lowFirst {
		fg.markLowFirst()
		fg.removeDead()
	}
	fg.fuse()
	fg.live = fg.liveness()
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

// condLast returns the instruction computing b's branch condition when
// it can move to the end of b, where the flags it sets serve the branch
// (no compare of the value against zero): a pure instruction that sets Z
// from its result, not fused, and read by nothing after it in b.
func (fg *fgen) condLast(b *ir.Block) *ir.Instr {
	if !fg.g.o.Optimize || b.Term.Kind != ir.TermBranch {
		return nil
	}
	var d *ir.Instr
	for _, in := range b.Instrs {
		if d != nil && !fg.dead[in] {
			for _, a := range fg.operandsOf(in) {
				if a == d.Dst {
					return nil
				}
			}
		}
		if in.Dst == b.Term.Cond && !fg.dead[in] && !fg.fused[in] {
			d = in
		}
	}
	if d == nil || !d.Op.Pure() {
		return nil
	}
	switch d.Op {
	case ir.OpAdd, ir.OpSub, ir.OpAnd, ir.OpOr, ir.OpXor, ir.OpShl, ir.OpMul, ir.OpShr, ir.OpNot, ir.OpNeg, ir.OpCmp:
		return d
	}
	return nil
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

// edgeLabel is the label of the edge block of p's k-th successor edge.
func (fg *fgen) edgeLabel(p *ir.Block, k int) string {
	return fmt.Sprintf("%s.e%d_%d", fg.prefix, p.ID, k)
}

// thread returns where the edge p→j may jump instead of j's label (def):
// when j computes nothing that outlives it and ends with a branch whose
// outcome is known on this edge, to the successor it would take (through
// that edge's copies). Known: constants, j's phis with a constant argument
// from p, or with p's own branch condition as argument (0 on p's false
// edge; 1 on its true edge when it is a compare), and compares of those.
func (fg *fgen) thread(p, j *ir.Block, def string) string {
	if !fg.g.o.Optimize || j.Term.Kind != ir.TermBranch || len(j.Succs) != 2 || j.Succs[0] == j.Succs[1] {
		return def
	}
	k := -1
	for i, q := range j.Preds {
		if q == p {
			if k >= 0 {
				return def // two edges from p
			}
			k = i
		}
	}
	if k < 0 {
		return def
	}
	mine := map[ir.Value]bool{}
	for _, in := range j.Instrs {
		if fg.dead[in] {
			continue
		}
		if in.Op == ir.OpPhi {
			continue
		}
		if !in.Op.Pure() && in.Op != ir.OpLoad {
			return def
		}
		if in.Dst != 0 {
			if fg.live.out.contains(in.Dst, j) || fg.live.outPhi.contains(in.Dst, j) {
				return def
			}
			mine[in.Dst] = true
		}
	}
	var known func(v ir.Value, depth int) (uint32, bool)
	known = func(v ir.Value, depth int) (uint32, bool) {
		d := fg.defs[v]
		if d == nil || depth > 4 {
			return 0, false
		}
		switch {
		case d.Op == ir.OpConst:
			return uint32(d.Imm), true
		case d.Op == ir.OpPhi && !mine[v] && fg.live.defBlock[v] == j:
			if k >= len(d.Args) {
				return 0, false
			}
			a := d.Args[k]
			if c, ok := known(a, depth+1); ok && fg.live.defBlock[a] != j {
				return c, true
			}
			if p.Term.Kind == ir.TermBranch && p.Term.Cond == a && len(p.Succs) == 2 && p.Succs[0] != p.Succs[1] {
				if p.Succs[1] == j {
					return 0, true
				}
				if ad := fg.defs[a]; ad != nil && ad.Op == ir.OpCmp {
					return 1, true
				}
			}
		case d.Op == ir.OpCmp && mine[v]:
			x, ok1 := known(d.A, depth+1)
			y, ok2 := known(d.B, depth+1)
			if ok1 && ok2 {
				if d.Cond().Eval(x, y) {
					return 1, true
				}
				return 0, true
			}
		}
		return 0, false
	}
	c, ok := known(j.Term.Cond, 0)
	if !ok {
		return def
	}
	to := 1
	if c != 0 {
		to = 0
	}
	t := j.Succs[to]
	if len(fg.livePhis(t)) == 0 {
		return fg.blockLabel(t)
	}
	// The copies on j→t must not read what j computes (it is skipped).
	for _, m := range fg.phiMoves(j, t) {
		if mine[m.src] {
			return def
		}
	}
	return fg.edgeLabel(j, to)
}

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

// region is a span of vops (inclusive): a block's own code, or the edge
// block of one control-flow edge.
type region struct {
	start, end int
	block      *ir.Block // the block, or the edge's target
	from       *ir.Block // the edge's source; nil for a block
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
			labels[k] = fg.thread(p, s, fg.blockLabel(s))
			if len(fg.livePhis(s)) > 0 {
				labels[k] = fg.edgeLabel(p, k)
				into[s] = append(into[s], edge{p, k, labels[k]})
			}
		}
		edgeLabel[p] = labels
	}
	add := func(v *vop) { fg.vops = append(fg.vops, v) }
	fg.regions = fg.regions[:0]
	for bi, b := range fg.f.Blocks {
		for _, e := range into[b] {
			start := len(fg.vops)
			add(&vop{kind: vLabel, label: e.label})
			add(&vop{kind: vCopies, moves: fg.phiMoves(e.p, b)})
			add(&vop{kind: vJump, target: fg.thread(e.p, b, fg.blockLabel(b))})
			fg.regions = append(fg.regions, region{start: start, end: len(fg.vops) - 1, block: b, from: e.p})
		}
		start := len(fg.vops)
		add(&vop{kind: vLabel, label: fg.blockLabel(b)})
		if bi == 0 && len(fg.f.Params) > 0 {
			add(&vop{kind: vParams, pos: fg.f.Pos})
		}
		var fusedCmp *ir.Instr
		last := fg.condLast(b)
		for _, in := range b.Instrs {
			switch {
			case in.Op == ir.OpPhi || fg.dead[in] || in == last:
			case fg.fused[in]:
				fusedCmp = in
			default:
				add(&vop{kind: vInstr, in: in, pos: in.Pos})
			}
		}
		if last != nil {
			add(&vop{kind: vInstr, in: last, pos: last.Pos})
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
			add(&vop{kind: vJump, target: fg.thread(b, b.Succs[0], fg.blockLabel(b.Succs[0])), pos: t.Pos})
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
		fg.regions = append(fg.regions, region{start: start, end: len(fg.vops) - 1, block: b})
	}
	fg.regionAt = make([]int, len(fg.vops))
	fg.blockRegion = map[*ir.Block]int{}
	fg.edgesInto = map[*ir.Block][]int{}
	for i, r := range fg.regions {
		for j := r.start; j <= r.end; j++ {
			fg.regionAt[j] = i
		}
		if r.from == nil {
			fg.blockRegion[r.block] = i
		} else {
			fg.edgesInto[r.block] = append(fg.edgesInto[r.block], i)
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
	lastUse    int        // the last position that reads v (-1: none)
	fixed      int        // preferred register (0: none)
	like       []ir.Value // values whose register is preferred
	isConst    bool
	k          int32
	onlyCopies bool // a constant read only by phi copies
	// copies are the positions of the edge copies that define a phi's
	// value and of the jumps that follow them; block is the phi's block.
	copies [][2]int
	block  *ir.Block
	at     []int // every position that defines or reads the value
	reg    uint8
}

// class is a set of values sharing one location: a phi and the arguments
// coalesced into it. segs, sorted and disjoint, are the positions where
// some member may be live.
type class struct {
	members []*interval
	segs    [][2]int
	fixed   int
	like    []ir.Value
	reg     uint8
}

func (c *class) start() int { return c.segs[0][0] }
func (c *class) end() int   { return c.segs[len(c.segs)-1][1] }

// overlaps reports whether two sorted segment lists share a position.
func overlaps(a, b [][2]int) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i][1] < b[j][0]:
			i++
		case b[j][1] < a[i][0]:
			j++
		default:
			return true
		}
	}
	return false
}

// unionSegs merges two sorted segment lists (or sorts and merges one,
// when b is nil) into one sorted list of disjoint segments. Two sorted
// lists merge in linear time: a class that coalesces a long chain of
// phis grows one merge at a time.
func unionSegs(a, b [][2]int) [][2]int {
	if b == nil {
		a = append([][2]int{}, a...)
		sort.Slice(a, func(i, j int) bool { return a[i][0] < a[j][0] })
	}
	out := make([][2]int, 0, len(a)+len(b))
	push := func(s [2]int) {
		if n := len(out); n > 0 && s[0] <= out[n-1][1]+1 {
			out[n-1][1] = max(out[n-1][1], s[1])
			return
		}
		out = append(out, s)
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j >= len(b) || (i < len(a) && a[i][0] <= b[j][0]) {
			push(a[i])
			i++
		} else {
			push(b[j])
			j++
		}
	}
	return out
}

// allocate assigns each value a location by linear scan over classes.
//
// A phi's value is live only from each edge copy to the jump after it and
// from its block's start to its last use, so its live range has holes
// where the other predecessors' code runs. An argument of the phi whose
// own range fits in those holes (typically a value computed in the
// predecessor only for the phi) joins the phi's class and shares its
// register, and the copy disappears. Members of a class never overlap, so
// the one register holds at each position the only member that can be
// live there: the layout is topological, every path runs forward through
// the positions, and a member's segments cover every position where it is
// live.
func (fg *fgen) allocate() {
	ivs := make(map[ir.Value]*interval, len(fg.defs))
	get := func(v ir.Value, p int) *interval {
		iv := ivs[v]
		if iv == nil {
			iv = &interval{v: v, start: p, end: p, lastUse: -1, onlyCopies: true}
			if d := fg.defs[v]; d != nil && d.Op == ir.OpConst {
				iv.isConst, iv.k = true, d.Imm
			}
			ivs[v] = iv
		}
		iv.start, iv.end = min(iv.start, p), max(iv.end, p)
		iv.at = append(iv.at, p)
		return iv
	}
	use := func(v ir.Value, p int) *interval {
		if v == 0 {
			return nil
		}
		iv := get(v, p)
		iv.lastUse = max(iv.lastUse, p)
		iv.onlyCopies = false
		return iv
	}
	phiBlock := map[ir.Value]*ir.Block{}
	for _, b := range fg.f.Blocks {
		for _, in := range fg.livePhis(b) {
			phiBlock[in.Dst] = b
		}
	}
	var calls []int
	var copyOps []int
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
				if fg.abs[in] {
					use(in.A, u)
					break
				}
				if st := fg.steady[in]; st != nil {
					use(st.v, u)
					use(st.a, d) // early clobber, as below
					use(st.s, d)
					use(st.hiV, d)
					use(st.loV, d)
					break
				}
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
					if st := fg.steady[in]; st != nil {
						iv.like = append(iv.like, st.v)
					} else {
						iv.like = append(iv.like, in.A)
					}
				}
			}
		case vCopies:
			copyOps = append(copyOps, i)
			for _, m := range op.moves {
				iv := get(m.src, u)
				iv.lastUse = max(iv.lastUse, u)
			}
			for _, m := range op.moves {
				iv := get(m.dst, d)
				iv.like = append(iv.like, m.src)
				iv.copies = append(iv.copies, [2]int{d, 2 * (i + 1)})
				iv.block = phiBlock[m.dst]
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
	// crosses reports whether a value in segs is live across a call:
	// read after it and written before it (arguments end at a call, a
	// result starts there).
	crosses := func(segs [][2]int) bool {
		if len(calls) == 0 {
			return false
		}
		for _, s := range segs {
			// the first call at or after the segment's start (calls are
			// in layout order)
			i := sort.Search(len(calls), func(i int) bool { return 2*calls[i] >= s[0] })
			if i < len(calls) && 2*calls[i]+1 <= s[1] {
				return true
			}
		}
		return false
	}
	// Classes: one per value, then phi arguments coalesced into their phi.
	classOf := map[*interval]*class{}
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
	lv := fg.live
	for _, iv := range list {
		segs := fg.segments(iv, lv)
		classOf[iv] = &class{members: []*interval{iv}, segs: segs, fixed: iv.fixed, like: iv.like}
	}
	for _, i := range copyOps {
		for _, m := range fg.vops[i].moves {
			src, dst := ivs[m.src], ivs[m.dst]
			if src == nil || dst == nil || src.isConst {
				continue
			}
			a, b := classOf[dst], classOf[src]
			if a == b || overlaps(a.segs, b.segs) {
				continue
			}
			segs := unionSegs(a.segs, b.segs)
			if crosses(segs) {
				continue // one member would have to live in memory for all
			}
			if len(a.members) < len(b.members) {
				a, b = b, a // re-point the smaller class: a long phi chain stays linear
			}
			a.members = append(a.members, b.members...)
			a.segs = segs
			if a.fixed == 0 {
				a.fixed = b.fixed
			}
			a.like = append(a.like, b.like...)
			for _, x := range b.members {
				classOf[x] = a
			}
		}
	}
	var classes []*class
	seen := map[*class]bool{}
	for _, iv := range list {
		if c := classOf[iv]; !seen[c] {
			seen[c] = true
			classes = append(classes, c)
		}
	}
	sort.SliceStable(classes, func(a, b int) bool { return classes[a].start() < classes[b].start() })

	var active [numAlloc + 1][]*class
	for _, cur := range classes {
		for r := 1; r <= numAlloc; r++ {
			kept := active[r][:0]
			for _, o := range active[r] {
				if o.end() >= cur.start() {
					kept = append(kept, o)
				}
			}
			active[r] = kept
		}
		if len(cur.members) == 1 {
			iv := cur.members[0]
			if iv.isConst && iv.k == 0 {
				fg.loc[iv.v] = regLoc(0) // the zero register holds every 0
				continue
			}
			if iv.isConst && iv.onlyCopies {
				fg.spillClass(cur) // loaded straight into each phi's register
				continue
			}
		}
		if crosses(cur.segs) {
			fg.spillClass(cur)
			continue
		}
		r := fg.pick(cur, &active)
		if r == 0 {
			// Evict the class reaching furthest among those that alone
			// block a register, if it reaches further than cur.
			var victim *class
			for x := 1; x <= numAlloc; x++ {
				var blocking []*class
				for _, o := range active[x] {
					if overlaps(o.segs, cur.segs) {
						blocking = append(blocking, o)
					}
				}
				if len(blocking) == 1 && (victim == nil || blocking[0].end() > victim.end()) {
					victim = blocking[0]
				}
			}
			if victim == nil || victim.end() <= cur.end() {
				fg.spillClass(cur)
				continue
			}
			r = int(victim.reg)
			fg.spillClass(victim)
			kept := active[r][:0]
			for _, o := range active[r] {
				if o != victim {
					kept = append(kept, o)
				}
			}
			active[r] = kept
		}
		active[r] = append(active[r], cur)
		cur.reg = uint8(r)
		for _, iv := range cur.members {
			iv.reg = uint8(r)
			fg.loc[iv.v] = regLoc(uint8(r))
		}
	}
}

// pick returns a register free for cur, preferring its hints, or 0.
func (fg *fgen) pick(cur *class, active *[numAlloc + 1][]*class) int {
	free := func(r int) bool {
		if r < 1 || r > numAlloc {
			return false
		}
		for _, o := range active[r] {
			if overlaps(o.segs, cur.segs) {
				return false
			}
		}
		return true
	}
	if free(cur.fixed) {
		return cur.fixed
	}
	for _, v := range cur.like {
		if l := fg.loc[v]; l.kind == locReg && l.reg != 0 && free(int(l.reg)) {
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

// spillClass gives every member of c one memory word, or makes a lone
// constant rematerialised.
func (fg *fgen) spillClass(c *class) {
	c.reg = 0
	if len(c.members) == 1 {
		fg.spill(c.members[0])
		return
	}
	addr := fg.g.slot()
	for _, iv := range c.members {
		iv.reg = 0
		fg.loc[iv.v] = loc{kind: locMem, addr: addr}
	}
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

// live is where values are live across blocks: in holds (v, b) when v
// is live at the start of b (a phi of b included), out when v is live at
// the start of a successor of b, outPhi when a phi copy on an edge leaving
// b reads v.
type live struct {
	in, out, outPhi vbSet
	defBlock        map[ir.Value]*ir.Block
	isPhi           map[ir.Value]bool
}

// vbSet is a set of (value, block) pairs that also lists each value's
// blocks: one map for the whole function rather than one per value.
type vbSet struct {
	has  map[uint64]struct{}
	list map[ir.Value][]*ir.Block
}

func newVBSet(n int) vbSet {
	return vbSet{has: make(map[uint64]struct{}, n), list: make(map[ir.Value][]*ir.Block, n)}
}

func vbKey(v ir.Value, b *ir.Block) uint64 { return uint64(uint32(v))<<32 | uint64(uint32(b.ID)) }

// add reports whether the pair is new.
func (s *vbSet) add(v ir.Value, b *ir.Block) bool {
	k := vbKey(v, b)
	if _, ok := s.has[k]; ok {
		return false
	}
	s.has[k] = struct{}{}
	s.list[v] = append(s.list[v], b)
	return true
}

func (s *vbSet) contains(v ir.Value, b *ir.Block) bool {
	_, ok := s.has[vbKey(v, b)]
	return ok
}

// liveness computes, per value, the blocks it is live into and out of,
// walking back from each use to the definition.
func (fg *fgen) liveness() *live {
	n := len(fg.defs)
	lv := &live{in: newVBSet(2 * n), out: newVBSet(2 * n), outPhi: newVBSet(0),
		defBlock: make(map[ir.Value]*ir.Block, n), isPhi: map[ir.Value]bool{}}
	if len(fg.f.Blocks) > 0 {
		for _, p := range fg.f.Params {
			lv.defBlock[p] = fg.f.Blocks[0]
		}
	}
	for _, b := range fg.f.Blocks {
		for _, in := range b.Instrs {
			if in.Dst != 0 && !fg.dead[in] {
				lv.defBlock[in.Dst] = b
				if in.Op == ir.OpPhi {
					lv.isPhi[in.Dst] = true
				}
			}
		}
	}
	var work []*ir.Block
	liveIn := func(v ir.Value, b *ir.Block) {
		work = append(work[:0], b)
		for len(work) > 0 {
			b := work[len(work)-1]
			work = work[:len(work)-1]
			if !lv.in.add(v, b) || lv.defBlock[v] == b {
				continue
			}
			for _, q := range b.Preds {
				lv.out.add(v, q)
				if lv.defBlock[v] != q {
					work = append(work, q)
				}
			}
		}
	}
	useIn := func(v ir.Value, b *ir.Block) {
		if v != 0 && lv.defBlock[v] != b {
			liveIn(v, b)
		}
	}
	for _, b := range fg.f.Blocks {
		for _, in := range b.Instrs {
			if fg.dead[in] {
				continue
			}
			if in.Op == ir.OpPhi {
				lv.in.add(in.Dst, b)
				for k, a := range in.Args {
					if k < len(b.Preds) && a != 0 {
						p := b.Preds[k]
						lv.outPhi.add(a, p)
						useIn(a, p)
					}
				}
				continue
			}
			for _, a := range fg.operandsOf(in) {
				useIn(a, b)
			}
		}
		switch b.Term.Kind {
		case ir.TermBranch:
			useIn(b.Term.Cond, b)
		case ir.TermReturn:
			useIn(b.Term.Val, b)
		}
	}
	return lv
}

// candidates are the regions where iv's value can be live, in layout
// order: those holding its positions, the blocks it is live into or out
// of, and the edge blocks into the blocks it is live into. Only these are
// visited, so building every value's segments costs the sum of their
// live ranges, not values × regions.
func (fg *fgen) candidates(iv *interval, lv *live) []int {
	var out []int
	for _, p := range iv.at {
		if v := p / 2; v >= 0 && v < len(fg.regionAt) {
			out = append(out, fg.regionAt[v])
		}
	}
	for _, b := range lv.in.list[iv.v] {
		if ri, ok := fg.blockRegion[b]; ok {
			out = append(out, ri)
		}
		out = append(out, fg.edgesInto[b]...)
	}
	for _, b := range lv.out.list[iv.v] {
		if ri, ok := fg.blockRegion[b]; ok {
			out = append(out, ri)
		}
	}
	for _, b := range lv.outPhi.list[iv.v] {
		if ri, ok := fg.blockRegion[b]; ok {
			out = append(out, ri)
		}
	}
	sort.Ints(out)
	n := 0
	for i, x := range out {
		if i == 0 || x != out[n-1] {
			out[n] = x
			n++
		}
	}
	return out[:n]
}

// segments are the positions where iv's value may be live: per block,
// from its start (live in) or its definition to its end (live out) or its
// last use; per edge block, throughout when the value passes through to
// the target, else from the edge's start to the copy that reads it, or
// from the copy that defines a phi to the jump.
func (fg *fgen) segments(iv *interval, lv *live) [][2]int {
	sort.Ints(iv.at)
	var segs [][2]int
	k := 0
	for _, ri := range fg.candidates(iv, lv) {
		r := fg.regions[ri]
		lo, hi := 2*r.start, 2*r.end+1
		first, last := -1, -1
		for k < len(iv.at) && iv.at[k] < lo {
			k++ // positions outside every region (none expected)
		}
		for k < len(iv.at) && iv.at[k] <= hi {
			if first < 0 {
				first = iv.at[k]
			}
			last = iv.at[k]
			k++
		}
		definesPhi := false // a copy on an edge into the phi's block writes it here
		for _, c := range iv.copies {
			if c[0] >= lo && c[0] <= hi {
				definesPhi = true
			}
		}
		var through, in, out bool
		if r.from == nil {
			in = lv.in.contains(iv.v, r.block)
			// A phi copy on a jump's edge is inside the block and counted
			// among the positions; one on a branch's edge is in an edge
			// block after it.
			out = lv.out.contains(iv.v, r.block) || (lv.outPhi.contains(iv.v, r.block) && r.block.Term.Kind == ir.TermBranch)
		} else {
			through = lv.in.contains(iv.v, r.block) && !(lv.isPhi[iv.v] && lv.defBlock[iv.v] == r.block)
		}
		switch {
		case through:
			segs = append(segs, [2]int{lo, hi})
		case in || first >= 0:
			s, e := first, last
			if in {
				s = lo
			}
			if out || definesPhi {
				e = hi
			}
			if s < 0 {
				s = lo
			}
			if e < s {
				e = s
			}
			segs = append(segs, [2]int{s, e})
		}
	}
	if len(segs) == 0 {
		segs = [][2]int{{iv.start, iv.end}}
	}
	return unionSegs(segs, nil)
}
