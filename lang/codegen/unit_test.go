package codegen

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/ir"
	"github.com/nexusfleet/nexus/lang/opt"
	"github.com/nexusfleet/nexus/vm"
	"github.com/nexusfleet/nexus/vm/isa"
)

// fnb builds an IR function by hand.
type fnb struct {
	f   *ir.Func
	cur *ir.Block
	pos ir.Pos
}

func newFn(name string, kind ir.FuncKind, params int) *fnb {
	x := &fnb{f: &ir.Func{Name: name, Kind: kind, NextValue: 1}}
	for range params {
		x.f.Params = append(x.f.Params, x.f.NewValue())
	}
	x.cur = x.f.NewBlock()
	return x
}

func (x *fnb) op(op ir.Op, a, b ir.Value, imm int32) ir.Value {
	in := &ir.Instr{Op: op, A: a, B: b, Imm: imm, Pos: x.pos}
	switch op {
	case ir.OpWrite, ir.OpStore, ir.OpSend, ir.OpA2A:
	default:
		in.Dst = x.f.NewValue()
	}
	x.cur.Instrs = append(x.cur.Instrs, in)
	return in.Dst
}

func (x *fnb) phi(args ...ir.Value) ir.Value {
	in := &ir.Instr{Op: ir.OpPhi, Dst: x.f.NewValue(), Args: args}
	x.cur.Instrs = append(x.cur.Instrs, in)
	return in.Dst
}

func (x *fnb) call(callee int, args ...ir.Value) ir.Value {
	in := &ir.Instr{Op: ir.OpCall, Dst: x.f.NewValue(), Args: args, Imm: int32(callee)}
	x.cur.Instrs = append(x.cur.Instrs, in)
	return in.Dst
}

func program(tick *ir.Func, user ...*ir.Func) *ir.Program {
	p := &ir.Program{Tick: tick, Funcs: append([]*ir.Func{tick}, user...), File: "unit.reflex"}
	for ch := 16; ch < 20; ch++ {
		p.Meta.Sensors = append(p.Meta.Sensors, ir.Sensor{Name: "s", Channel: ch, Kind: "int", Lo: -3, Hi: 3, HasRange: true})
	}
	return p
}

func addGlobals(p *ir.Program, n int) {
	for k := range n {
		p.Globals = append(p.Globals, ir.Global{Name: "g", Kind: ir.GlobalState, Addr: int32(4 * k), Init: int32(k*7919 - 1000)})
	}
	p.DataSize = int32(4 * n)
}

func checkProgram(t *testing.T, p *ir.Program) *Result {
	t.Helper()
	for _, f := range p.Funcs {
		f.Sort()
	}
	if err := p.Verify(); err != nil {
		t.Fatalf("bad test program: %v\n%s", err, p)
	}
	var r *Result
	for _, pp := range []bool{false, true} {
		r = generate(t, p, Options{Peephole: pp, Optimize: pp})
		for seed := uint64(1); seed <= 3; seed++ {
			compareRuns(t, p, r.File, seed, 20)
		}
	}
	return r
}

// A diamond whose join swaps two values: the copies on one edge form a
// cycle the parallel move must break.
func TestPhiSwap(t *testing.T) {
	x := newFn("tick", ir.FuncTick, 0)
	a := x.op(ir.OpRead, 0, 0, 16)
	b := x.op(ir.OpRead, 0, 0, 17)
	c := x.op(ir.OpCmp, a, b, int32(isa.CondLT))
	b0 := x.cur
	b1, b2, b3 := x.f.NewBlock(), x.f.NewBlock(), x.f.NewBlock()
	b0.Term = ir.Term{Kind: ir.TermBranch, Cond: c}
	ir.AddEdge(b0, b1)
	ir.AddEdge(b0, b2)
	for _, blk := range []*ir.Block{b1, b2} {
		blk.Term = ir.Term{Kind: ir.TermJump}
		ir.AddEdge(blk, b3)
	}
	x.cur = b3
	p1 := x.phi(a, b)
	p2 := x.phi(b, a)
	d := x.op(ir.OpSub, p1, p2, 0)
	x.op(ir.OpWrite, d, 0, 20)
	x.op(ir.OpWrite, p1, 0, 21)
	b3.Term = ir.Term{Kind: ir.TermHalt}
	checkProgram(t, program(x.f))
}

// Twenty values live at once: more than the allocatable registers.
func TestSpill(t *testing.T) {
	x := newFn("tick", ir.FuncTick, 0)
	var vs []ir.Value
	for k := range 20 {
		vs = append(vs, x.op(ir.OpLoad, 0, 0, int32(4*k)))
	}
	s := x.op(ir.OpRead, 0, 0, 16)
	for k, v := range vs {
		s = x.op(ir.OpAdd, s, v, 0)
		s = x.op(ir.OpXor, s, vs[len(vs)-1-k], 0)
	}
	x.op(ir.OpStore, s, 0, 80)
	for k, v := range vs {
		x.op(ir.OpStore, v, 0, int32(4*((k+3)%20)))
	}
	x.f.Blocks[0].Term = ir.Term{Kind: ir.TermHalt}
	p := program(x.f)
	addGlobals(p, 21)
	r := checkProgram(t, p)
	if r.Stats.DataBytes <= int(p.DataSize) {
		t.Errorf("no spill slots used: %d data bytes", r.Stats.DataBytes)
	}
}

// Values live across calls survive in the caller's slots; arguments
// travel in R1..Rn and the result in R1.
func TestCallsKeepLiveValues(t *testing.T) {
	f := newFn("f", ir.FuncUser, 2)
	f.f.HasResult = true
	px, py := f.f.Params[0], f.f.Params[1]
	m := f.op(ir.OpMul, px, py, 0)
	s := f.op(ir.OpAdd, m, px, 0)
	s = f.op(ir.OpSub, s, py, 0)
	f.f.Blocks[0].Term = ir.Term{Kind: ir.TermReturn, Val: s}

	x := newFn("tick", ir.FuncTick, 0)
	a := x.op(ir.OpRead, 0, 0, 16)
	b := x.op(ir.OpRead, 0, 0, 17)
	k := x.op(ir.OpConst, 0, 0, 12345)
	c := x.call(1, a, b)
	d := x.call(1, c, a) // a is live across the first call
	e := x.op(ir.OpAdd, a, b, 0)
	e = x.op(ir.OpAdd, e, d, 0)
	e = x.op(ir.OpAdd, e, k, 0)
	sw := x.call(1, b, a) // swapped arguments
	x.op(ir.OpStore, e, 0, 0)
	x.op(ir.OpStore, sw, 0, 4)
	x.f.Blocks[0].Term = ir.Term{Kind: ir.TermHalt}
	p := program(x.f, f.f)
	addGlobals(p, 2)
	checkProgram(t, p)
}

// A division by a value that may be zero yields 0 instead of trapping,
// and the validator accepts it.
func TestGuardedDiv(t *testing.T) {
	x := newFn("tick", ir.FuncTick, 0)
	a := x.op(ir.OpRead, 0, 0, 16)
	b := x.op(ir.OpRead, 0, 0, 17)
	q := x.op(ir.OpDiv, a, b, 16)
	x.op(ir.OpWrite, q, 0, 20)
	z := x.op(ir.OpConst, 0, 0, 0)
	x.op(ir.OpWrite, x.op(ir.OpDiv, a, z, 0), 0, 21)
	x.op(ir.OpWrite, x.op(ir.OpDiv, a, x.op(ir.OpConst, 0, 0, 3), 0), 0, 22)
	x.f.Blocks[0].Term = ir.Term{Kind: ir.TermHalt}
	r := checkProgram(t, program(x.f))
	if !strings.Contains(r.Asm, "JZ") {
		t.Errorf("no guard in\n%s", r.Asm)
	}
}

// A tick above the budget is a BudgetError pointing at the costly line.
func TestBudgetError(t *testing.T) {
	x := newFn("tick", ir.FuncTick, 0)
	x.pos = ir.Pos{Line: 3, Col: 1}
	s := x.op(ir.OpRead, 0, 0, 16)
	one := x.op(ir.OpConst, 0, 0, 1)
	x.pos = ir.Pos{Line: 7, Col: 9}
	for range 2000 {
		s = x.op(ir.OpAdd, s, one, 0)
	}
	x.pos = ir.Pos{Line: 8, Col: 2}
	x.op(ir.OpWrite, s, 0, 20)
	x.f.Blocks[0].Term = ir.Term{Kind: ir.TermHalt}
	_, err := Generate(program(x.f), Options{Budget: 500})
	var be *BudgetError
	if !errors.As(err, &be) {
		t.Fatalf("got %v, want a BudgetError", err)
	}
	if be.Entry != "tick" || be.Budget != 500 || be.WCET < 2000 || len(be.Hot) == 0 || be.Hot[0].Line != 7 || be.Hot[0].Col != 9 || be.Hot[0].Cycles != 2000 {
		t.Fatalf("%+v", be)
	}
	if !strings.Contains(be.Error(), "7:9") || !strings.Contains(be.Error(), "tick") {
		t.Errorf("message %q", be.Error())
	}
}

// A clamp proven redundant is elided, and the validator still proves the
// write in range.
func TestClampElision(t *testing.T) {
	src := []byte(`reflex clamp {
    intent "x"
    trust 0.5
    autonomy L1
    period 10 ms
    sensor s: num @ 16 range -10 .. 10
    actuator a: num @ 20 range -100 .. 100 safe 0
    on tick {
        if s > 0 {
            a = 5
        } else {
            a = -5
        }
    }
    on failsafe {
        a = 0
    }
}
`)
	p := buildSource(t, "clamp.reflex", src)
	r := generate(t, p, Options{Peephole: true, Optimize: true})
	for seed := uint64(1); seed <= 3; seed++ {
		compareRuns(t, p, r.File, seed, 10)
	}
}

// FuzzGenerate compiles random reflex source: no panic, every program
// generated validates strictly (or is refused for its budget), and runs in
// the VM exactly as the IR does in the interpreter.
func FuzzGenerate(f *testing.F) {
	files, _ := filepath.Glob("../../examples/*.reflex")
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err == nil {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, info, ds := check.Source("fuzz.reflex", src)
		if ds.HasErrors() {
			return
		}
		p, err := ir.Build(file, info)
		if err != nil {
			return
		}
		r, err := Generate(p, Options{Peephole: len(src)%2 == 0, Optimize: len(src)%2 == 0})
		var be *BudgetError
		if errors.As(err, &be) {
			return
		}
		if err != nil {
			t.Fatalf("%v", err)
		}
		if !r.Valid.OK {
			t.Fatalf("invalid: %v", r.Valid.Diagnostics)
		}
		compareRuns(t, p, r.File, uint64(len(src)), 5)
	})
}

// A phi's arguments computed on its edges share its register, a constant
// argument is loaded straight into it, and a value that is live across
// the join (a) keeps its own register: no register-to-register copy is
// left.
func TestPhiCoalescing(t *testing.T) {
	x := newFn("tick", ir.FuncTick, 0)
	a := x.op(ir.OpRead, 0, 0, 16)
	b := x.op(ir.OpRead, 0, 0, 17)
	c := x.op(ir.OpCmp, a, b, int32(isa.CondLT))
	b0 := x.cur
	b1, b2, b3, b4, b5 := x.f.NewBlock(), x.f.NewBlock(), x.f.NewBlock(), x.f.NewBlock(), x.f.NewBlock()
	b0.Term = ir.Term{Kind: ir.TermBranch, Cond: c}
	ir.AddEdge(b0, b1)
	ir.AddEdge(b0, b2)
	x.cur = b1
	v1 := x.op(ir.OpAdd, a, b, 0)
	b1.Term = ir.Term{Kind: ir.TermJump}
	ir.AddEdge(b1, b3)
	x.cur = b2
	v2 := x.op(ir.OpSub, a, b, 0)
	b2.Term = ir.Term{Kind: ir.TermJump}
	ir.AddEdge(b2, b3)
	x.cur = b3
	p := x.phi(v1, v2)
	d := x.op(ir.OpCmp, p, a, int32(isa.CondGT))
	b3.Term = ir.Term{Kind: ir.TermBranch, Cond: d}
	ir.AddEdge(b3, b4)
	ir.AddEdge(b3, b5)
	x.cur = b4
	k := x.op(ir.OpConst, 0, 0, 1234)
	b4.Term = ir.Term{Kind: ir.TermJump}
	ir.AddEdge(b4, b5)
	x.cur = b5
	q := x.phi(p, k)
	x.op(ir.OpWrite, q, 0, 20)
	x.op(ir.OpWrite, a, 0, 21)
	b5.Term = ir.Term{Kind: ir.TermHalt}
	r := checkProgram(t, program(x.f))
	for _, line := range strings.Split(r.Asm, "\n") {
		f := strings.Fields(strings.ReplaceAll(line, ",", " "))
		if len(f) == 4 && f[0] == "ADD" && f[3] == "R0" && f[2] != "R0" {
			t.Errorf("a copy is left: %s\n%s", strings.TrimSpace(line), r.Asm)
		}
	}
	if !strings.Contains(r.Asm, "LOAD_CONST") {
		t.Errorf("the constant argument is not loaded:\n%s", r.Asm)
	}
}

// A rate-limited actuator whose request is known to lie inside its range
// (a constant here, one of two) gets the steady flush: once it has
// arrived, a tick tests only the two rate bounds. It behaves as the IR
// does, on every path, and costs at least 4 cycles less than the same
// flush of a request the compiler cannot bound (a param, loaded as
// cheaply): the two range checks, each a compare and a branch.
func TestSteadyFlush(t *testing.T) {
	src := func(request string) []byte {
		return []byte(`reflex steady {
    intent "x"
    sensor s: num @ 16 range -10 .. 10
    actuator a: num @ 20 range -100 .. 100 safe 0 rate 5
    param p: num = 60
    on tick {
        if s > 0 {
            a = ` + request + `
        } else {
            a = -30
        }
    }
    on failsafe { a = 0 }
}
`)
	}
	cost := func(request string) (uint64, *Result) {
		p := buildSource(t, "steady.reflex", src(request))
		opt.Optimize(p, 2) // forwards the request to the flush
		r := generate(t, p, Options{Peephole: true, Optimize: true})
		for seed := uint64(1); seed <= 4; seed++ {
			compareRuns(t, p, r.File, seed, 40)
		}
		io := &vm.RecordingIO{Inputs: map[uint8]uint32{}}
		m, err := vm.New(r.File, vm.Options{IO: io})
		if err != nil {
			t.Fatal(err)
		}
		io.Inputs[16] = 3 << 16
		var last uint64
		for range 30 { // long enough to arrive at the request
			last = m.Tick().Cycles
		}
		return last, r
	}
	steadyCycles, r := cost("60")
	if !strings.Contains(r.Asm, "CMP R13") {
		t.Fatalf("no compare in\n%s", r.Asm)
	}
	fullCycles, _ := cost("p") // a param: a deployer may patch it to anything
	t.Logf("steady tick %d cycles, full flush %d", steadyCycles, fullCycles)
	if steadyCycles+4 > fullCycles {
		t.Errorf("a steady tick costs %d cycles, the full flush %d", steadyCycles, fullCycles)
	}
}

// An edge on which the next branch's outcome is known (the phi it tests
// gets a constant there) jumps straight to the successor that branch
// would take: the path that zeroes w skips the test of w >= 5, and both
// paths behave as the IR does.
func TestThreadKnownBranch(t *testing.T) {
	src := []byte(`reflex thread {
    intent "x"
    sensor a: bool @ 16
    sensor b: int @ 17 range 0 .. 9
    actuator lamp: bool @ 20 safe false
    state w: int = 0
    on tick {
        if a {
            w = 0
        } else {
            w = b
        }
        if w >= 5 {
            lamp = true
        } else {
            lamp = false
        }
    }
    on failsafe { lamp = false }
}
`)
	p := buildSource(t, "thread.reflex", src)
	opt.Optimize(p, 2)
	r := generate(t, p, Options{Peephole: true, Optimize: true})
	for seed := uint64(1); seed <= 4; seed++ {
		compareRuns(t, p, r.File, seed, 30)
	}
	cycles := func(a, b uint32) uint64 {
		io := &vm.RecordingIO{Inputs: map[uint8]uint32{16: a, 17: b}}
		m, err := vm.New(r.File, vm.Options{IO: io})
		if err != nil {
			t.Fatal(err)
		}
		return m.Tick().Cycles
	}
	known, unknown := cycles(1, 0), cycles(0, 3)
	t.Logf("w = 0: %d cycles; w = b: %d cycles", known, unknown)
	if known+3 > unknown {
		t.Errorf("the path that zeroes w costs %d cycles, the other %d: the test of w was not skipped\n%s", known, unknown, r.Asm)
	}
}
