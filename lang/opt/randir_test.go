package opt

import (
	"math/rand/v2"

	"github.com/nexusfleet/nexus/lang/ir"
)

// randomProgram builds a random verified program: a tick, init and
// failsafe entry and a few user functions (each calling only later ones,
// so the call graph is acyclic), with structured if/else diamonds and
// phis, loads and stores (some at overlapping unaligned addresses),
// sensor reads, receives, sends, A2A operations, actuator writes and
// calls, over operands biased towards the constants identities and
// strength reduction look for. The same seed gives the same program.
func randomProgram(seed uint64) *ir.Program {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	p := &ir.Program{Meta: ir.Meta{Name: "random"}}
	for k := 0; k < 6; k++ {
		p.Globals = append(p.Globals, ir.Global{Name: "g", Addr: int32(4 * k), Init: int32(rng.Uint32())})
	}
	p.DataSize = 24
	nUser := rng.IntN(4)
	p.Tick = &ir.Func{Name: "tick", Kind: ir.FuncTick}
	p.Init = &ir.Func{Name: "init", Kind: ir.FuncInit}
	p.Failsafe = &ir.Func{Name: "failsafe", Kind: ir.FuncFailsafe}
	p.Funcs = []*ir.Func{p.Tick, p.Init, p.Failsafe}
	for k := 0; k < nUser; k++ {
		f := &ir.Func{Name: "fn", Kind: ir.FuncUser, HasResult: rng.IntN(4) > 0}
		for n := rng.IntN(4); n > 0; n-- {
			f.Params = append(f.Params, f.NewValue())
		}
		p.Funcs = append(p.Funcs, f)
	}
	// Generate user functions last to first so callers see their callees.
	for k := len(p.Funcs) - 1; k >= 0; k-- {
		g := &irGen{rng: rng, p: p, f: p.Funcs[k], self: k}
		g.body()
	}
	return p
}

type irGen struct {
	rng   *rand.Rand
	p     *ir.Program
	f     *ir.Func
	self  int
	b     *ir.Block
	defs  []*ir.Instr // pure instructions in scope, for repeats
	steps int
}

var specials = []uint32{0, 1, 0xFFFFFFFF, 2, 4, 65536, 1 << 20, 0x80000000, 3 << 16, 0x7FFFFFFF, 16, 31, 32}

var pureOps = []ir.Op{ir.OpAdd, ir.OpSub, ir.OpMul, ir.OpDiv, ir.OpAnd, ir.OpOr, ir.OpXor,
	ir.OpShl, ir.OpShr, ir.OpNot, ir.OpNeg, ir.OpCmp, ir.OpMin, ir.OpMax, ir.OpCopy}

func (g *irGen) body() {
	g.b = g.f.NewBlock()
	scope := append([]ir.Value(nil), g.f.Params...)
	scope = append(scope, g.emit(&ir.Instr{Op: ir.OpConst, Imm: int32(g.rng.Uint32())}))
	scope = g.stmts(scope, 0)
	if g.f.Kind == ir.FuncUser {
		g.b.Term = ir.Term{Kind: ir.TermReturn}
		if g.f.HasResult {
			g.b.Term.Val = g.pick(scope)
		}
	} else {
		for ch := 20; ch < 20+g.rng.IntN(3); ch++ {
			g.emit(&ir.Instr{Op: ir.OpWrite, Imm: int32(ch), A: g.pick(scope)})
		}
		g.b.Term = ir.Term{Kind: ir.TermHalt}
	}
	g.f.Sort()
}

func (g *irGen) emit(in *ir.Instr) ir.Value {
	if in.Op != ir.OpCall && in.Op.NumArgs() >= 0 {
		switch in.Op {
		case ir.OpStore, ir.OpWrite, ir.OpSend, ir.OpA2A:
		default:
			in.Dst = g.f.NewValue()
		}
	}
	g.b.Instrs = append(g.b.Instrs, in)
	if in.Op.Pure() {
		g.defs = append(g.defs, in)
	}
	return in.Dst
}

func (g *irGen) pick(scope []ir.Value) ir.Value { return scope[g.rng.IntN(len(scope))] }

// operand picks a value in scope, or makes a constant.
func (g *irGen) operand(scope []ir.Value) ([]ir.Value, ir.Value) {
	if g.rng.IntN(3) == 0 {
		c := specials[g.rng.IntN(len(specials))]
		if g.rng.IntN(4) == 0 {
			c = g.rng.Uint32() >> g.rng.IntN(32)
		}
		v := g.emit(&ir.Instr{Op: ir.OpConst, Imm: int32(c)})
		return append(scope, v), v
	}
	return scope, g.pick(scope)
}

func (g *irGen) addr() int32 {
	if g.rng.IntN(8) == 0 {
		return 2 // overlaps @0 and @4
	}
	return int32(4 * g.rng.IntN(6))
}

func (g *irGen) stmts(scope []ir.Value, depth int) []ir.Value {
	n := 3 + g.rng.IntN(12)
	entry := g.f.Kind != ir.FuncUser
	for ; n > 0 && g.steps < 300; n-- {
		g.steps++
		var a, b ir.Value
		switch r := g.rng.IntN(20); {
		case r < 7:
			op := pureOps[g.rng.IntN(len(pureOps))]
			scope, a = g.operand(scope)
			scope, b = g.operand(scope)
			in := &ir.Instr{Op: op, A: a}
			switch op {
			case ir.OpMul, ir.OpDiv:
				in.Imm = []int32{0, 16, 16, int32(g.rng.IntN(32))}[g.rng.IntN(4)]
			case ir.OpShr:
				in.Imm = int32(g.rng.IntN(2))
			case ir.OpCmp:
				in.Imm = int32(1 + g.rng.IntN(10))
			}
			if op.NumArgs() == 2 {
				in.B = b
				if g.rng.IntN(8) == 0 {
					in.B = a
				}
			}
			scope = append(scope, g.emit(in))
		case r < 8 && len(g.defs) > 0:
			// Repeat an earlier pure instruction, operands swapped now and
			// then, if its operands are still in scope.
			d := g.defs[g.rng.IntN(len(g.defs))]
			if !inScope(scope, d) {
				continue
			}
			c := *d
			if g.rng.IntN(2) == 0 && d.Op.NumArgs() == 2 {
				c.A, c.B = c.B, c.A
			}
			scope = append(scope, g.emit(&c))
		case r < 10:
			scope = append(scope, g.emit(&ir.Instr{Op: ir.OpLoad, Imm: g.addr()}))
		case r < 12:
			scope, a = g.operand(scope)
			g.emit(&ir.Instr{Op: ir.OpStore, Imm: g.addr(), A: a})
		case r < 13:
			scope = append(scope, g.emit(&ir.Instr{Op: ir.OpRead, Imm: int32(16 + g.rng.IntN(4))}))
		case r < 14 && entry:
			scope = append(scope, g.emit(&ir.Instr{Op: ir.OpRecv}))
		case r < 15:
			if g.rng.IntN(2) == 0 {
				g.emit(&ir.Instr{Op: ir.OpSend, Imm: int32(g.rng.IntN(4)), A: g.pick(scope)})
			} else {
				g.emit(&ir.Instr{Op: ir.OpA2A, Imm: 0x20 + int32(g.rng.IntN(4)), A: g.pick(scope), Imm2: int32(g.rng.IntN(3))})
			}
		case r < 17:
			if v := g.call(scope); v != 0 {
				scope = append(scope, v)
			}
		default:
			if depth < 3 {
				scope = g.diamond(scope, depth)
			}
		}
	}
	return scope
}

func inScope(scope []ir.Value, d *ir.Instr) bool {
	for _, a := range d.Operands() {
		found := false
		for _, v := range scope {
			found = found || v == a
		}
		if !found {
			return false
		}
	}
	return true
}

func (g *irGen) call(scope []ir.Value) ir.Value {
	var callees []int
	for k := max(g.self+1, 3); k < len(g.p.Funcs); k++ {
		callees = append(callees, k)
	}
	if len(callees) == 0 {
		return 0
	}
	k := callees[g.rng.IntN(len(callees))]
	callee := g.p.Funcs[k]
	in := &ir.Instr{Op: ir.OpCall, Imm: int32(k), Args: []ir.Value{}}
	for range callee.Params {
		in.Args = append(in.Args, g.pick(scope))
	}
	if callee.HasResult && g.rng.IntN(4) > 0 {
		in.Dst = g.f.NewValue()
	}
	g.b.Instrs = append(g.b.Instrs, in)
	return in.Dst
}

// diamond emits if/else arms (either possibly empty, the condition
// sometimes constant) and a join with phis for some pairs of values.
func (g *irGen) diamond(scope []ir.Value, depth int) []ir.Value {
	var cond ir.Value
	scope, cond = g.operand(scope)
	head := g.b
	head.Term = ir.Term{Kind: ir.TermBranch, Cond: cond}
	arm := func() ([]ir.Value, *ir.Block) {
		g.b = g.f.NewBlock()
		ir.AddEdge(head, g.b)
		s := scope
		if g.rng.IntN(3) > 0 {
			s = g.stmts(append([]ir.Value(nil), scope...), depth+1)
		}
		return s, g.b
	}
	if g.rng.IntN(8) == 0 {
		// Both edges to one block: its phis take the same value on both
		// (ir.Verify requires it, so the edge taken cannot matter).
		x := g.f.NewBlock()
		ir.AddEdge(head, x)
		ir.AddEdge(head, x)
		g.b = x
		outer := scope
		for n := g.rng.IntN(3); n > 0; n-- {
			phi := &ir.Instr{Op: ir.OpPhi, Dst: g.f.NewValue(), Args: nil}
			v := g.pick(outer)
			phi.Args = []ir.Value{v, v}
			x.Instrs = append(x.Instrs, phi)
			scope = append(scope, phi.Dst)
		}
		return scope
	}
	saved := len(g.defs)
	thenScope, thenEnd := arm()
	g.defs = g.defs[:saved]
	elseScope, elseEnd := arm()
	g.defs = g.defs[:saved]
	join := g.f.NewBlock()
	thenEnd.Term = ir.Term{Kind: ir.TermJump}
	elseEnd.Term = ir.Term{Kind: ir.TermJump}
	ir.AddEdge(thenEnd, join)
	ir.AddEdge(elseEnd, join)
	g.b = join
	for n := g.rng.IntN(4); n > 0; n-- {
		phi := &ir.Instr{Op: ir.OpPhi, Dst: g.f.NewValue(), Args: []ir.Value{g.pick(thenScope), g.pick(elseScope)}}
		join.Instrs = append(join.Instrs, phi)
		scope = append(scope, phi.Dst)
	}
	return scope
}
