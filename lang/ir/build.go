package ir

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/nexusfleet/nexus/lang/check"
	"github.com/nexusfleet/nexus/lang/syntax"
	"github.com/nexusfleet/nexus/vm/isa"
)

// Build lowers a reflex that checked without errors. An error here is a
// compiler bug or a limit (a program that needs more data memory than the
// machine has), never a mistake in the reflex: those are the checker's.
func Build(f *syntax.File, info *check.Info) (p *Program, err error) {
	if f == nil || f.Reflex == nil || info == nil {
		return nil, fmt.Errorf("no checked reflex to lower")
	}
	b := &builder{
		file: f, info: info,
		prog:    &Program{File: f.Name},
		addr:    map[*check.Symbol]int32{},
		prev:    map[*check.Symbol]int32{},
		slot:    map[*check.Symbol]int32{},
		funcIdx: map[*check.Symbol]int{},
	}
	defer func() {
		if r := recover(); r != nil {
			switch e := r.(type) {
			case buildError:
				p, err = nil, e
			case *LimitError:
				p, err = nil, e
			default:
				panic(r)
			}
		}
	}()
	b.build()
	return b.prog, nil
}

// MaxInstrs is the most IR instructions one function may lower to. The
// machine holds at most 8,192 instructions of code, so a function past this
// (usually nested loops unrolled) could never be emitted; stopping early
// keeps the compiler fast and its memory bounded.
const MaxInstrs = 50_000

// LimitError reports a reflex that is too large to compile: Pos is the
// construct responsible (the outermost loop being unrolled, when there is
// one).
type LimitError struct {
	Pos Pos
	Msg string
}

func (e *LimitError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg) }

type buildError struct{ msg string }

func (e buildError) Error() string { return e.msg }

func (b *builder) fail(format string, args ...any) {
	panic(buildError{fmt.Sprintf(format, args...)})
}

type builder struct {
	file    *syntax.File
	info    *check.Info
	prog    *Program
	addr    map[*check.Symbol]int32 // state, param, actuator (requested value)
	prev    map[*check.Symbol]int32 // rate-limited actuators: last written value
	slot    map[*check.Symbol]int32 // sensors read inside functions
	funcIdx map[*check.Symbol]int
	next    int32 // next free data address
}

func (b *builder) global(name string, kind GlobalKind, init int32) int32 {
	a := b.next
	if a+4 > isa.MemSize {
		b.fail("the reflex needs more than %d bytes of data memory", isa.MemSize)
	}
	b.next += 4
	b.prog.Globals = append(b.prog.Globals, Global{Name: name, Kind: kind, Addr: a, Init: init})
	return a
}

func (b *builder) build() {
	info := b.info
	b.meta()
	// Data layout: states and params in declaration order, then actuators
	// (requested value, then last written value when rate-limited), then
	// sensor slots for functions, then every counters (allocated with the
	// tick function).
	for _, s := range info.Symbols {
		switch s.Kind {
		case check.SymState, check.SymParam:
			kind := GlobalState
			if s.Kind == check.SymParam {
				kind = GlobalParam
			}
			var init int32
			if s.Value != nil {
				init = raw(s.Value.Value, s.Type)
			}
			b.addr[s] = b.global(s.Name, kind, init)
			if kind == GlobalState && s.Type.Kind == check.Bool {
				b.prog.Globals[len(b.prog.Globals)-1].Bool = true
			}
		}
	}
	for k, a := range info.Actuators {
		m := &b.prog.Meta.Actuators[k]
		b.addr[a] = b.global(a.Name, GlobalActuator, m.Safe)
		m.Pending = b.addr[a]
		if m.HasRate {
			b.prev[a] = b.global(a.Name, GlobalPrev, m.Safe)
			m.Prev = b.prev[a]
		}
	}
	// User functions get indexes after the entry points.
	var fns []*check.Symbol
	for _, s := range info.Symbols {
		if s.Kind == check.SymFunc && s.Func != nil {
			fns = append(fns, s)
		}
	}
	h := info.Handlers
	nEntries := 1
	if h.Init != nil {
		nEntries++
	}
	hasFailsafe := h.Failsafe != nil || len(info.Actuators) > 0
	if hasFailsafe {
		nEntries++
	}
	for k, s := range fns {
		b.funcIdx[s] = nEntries + k
	}
	for _, s := range fns {
		for _, sen := range b.sensorsIn(s.Func.Body, nil) {
			if _, ok := b.slot[sen]; !ok {
				b.slot[sen] = b.global(sen.Name, GlobalSensor, 0)
			}
		}
	}
	b.prog.Tick = b.tick()
	b.prog.Funcs = append(b.prog.Funcs, b.prog.Tick)
	if h.Init != nil {
		b.prog.Init = b.entry(FuncInit, "init", h.Init.Body, false)
		b.prog.Funcs = append(b.prog.Funcs, b.prog.Init)
	}
	if hasFailsafe {
		var body *syntax.Block
		if h.Failsafe != nil {
			body = h.Failsafe.Body
		}
		b.prog.Failsafe = b.entry(FuncFailsafe, "failsafe", body, true)
		b.prog.Funcs = append(b.prog.Funcs, b.prog.Failsafe)
	}
	for _, s := range fns {
		b.prog.Funcs = append(b.prog.Funcs, b.userFunc(s))
	}
	b.prog.DataSize = b.next
}

// meta fills Program.Meta from the checker's header and declarations.
func (b *builder) meta() {
	info := b.info
	m := &b.prog.Meta
	m.Name = info.Header.Name
	m.Intent = info.Header.Intent
	m.Narrative = strings.TrimSpace(b.file.Reflex.Doc)
	m.Trust = info.Header.Trust
	m.Autonomy = info.Header.Autonomy
	m.PeriodSec = info.Header.Period
	m.Outboxes = map[string]int{}
	for _, s := range info.Symbols {
		switch s.Kind {
		case check.SymSensor:
			sen := Sensor{Name: s.Name, Channel: s.Channel, Kind: kindName(s.Type), Unit: unitName(s.Type)}
			if s.Lo != nil && s.Hi != nil {
				sen.Lo, sen.Hi, sen.HasRange = raw(s.Lo.Value, s.Type), raw(s.Hi.Value, s.Type), true
			}
			m.Sensors = append(m.Sensors, sen)
		case check.SymOutbox:
			m.Outboxes[s.Name] = s.Channel
		case check.SymInbox:
			m.Inbox = s.Name
		}
	}
	for _, s := range info.Actuators {
		a := Actuator{Name: s.Name, Channel: s.Channel, Kind: kindName(s.Type), Unit: unitName(s.Type), DeclaredAt: posOf(s.Decl.Pos)}
		if s.Lo != nil && s.Hi != nil && s.Type.Kind != check.Bool {
			a.Lo, a.Hi, a.HasRange = raw(s.Lo.Value, s.Type), raw(s.Hi.Value, s.Type), true
		}
		if s.Safe != nil {
			a.Safe = raw(s.Safe.Value, s.Type)
		}
		if s.Rate != nil && s.Type.Kind != check.Bool {
			a.Rate, a.HasRate = raw(s.Rate.Value, s.Type), true
		}
		m.Actuators = append(m.Actuators, a)
	}
	seen := map[string]bool{}
	for _, name := range info.A2A {
		if !seen[name] {
			seen[name] = true
			m.A2A = append(m.A2A, name)
		}
	}
	sort.Strings(m.A2A)
}

func kindName(t check.Type) string {
	switch t.Kind {
	case check.Bool:
		return "bool"
	case check.Int:
		return "int"
	}
	return "num"
}

func unitName(t check.Type) string {
	if t.Kind != check.Num || t.Unit.IsDimensionless() {
		return ""
	}
	return t.Unit.String()
}

// raw is the 32-bit word holding v in a value of type t: Q16.16 for num
// (rounded to nearest), the integer for int, 0 or 1 for bool.
func raw(v float64, t check.Type) int32 {
	switch t.Kind {
	case check.Num:
		return q16(v)
	case check.Bool:
		if v != 0 {
			return 1
		}
		return 0
	}
	return saturate(math.Trunc(v))
}

func q16(v float64) int32 { return saturate(math.Round(v * 65536)) }

func saturate(v float64) int32 {
	switch {
	case math.IsNaN(v):
		return 0
	case v >= math.MaxInt32:
		return math.MaxInt32
	case v <= math.MinInt32:
		return math.MinInt32
	}
	return int32(v)
}

func posOf(p syntax.Position) Pos { return Pos{Line: int32(p.Line), Col: int32(p.Column)} }

func startOf(n syntax.Spanned) Pos {
	start, _ := n.Span()
	return posOf(start)
}

// Which sensors and actuators a body touches, directly or through the
// functions it calls.

// sensorsIn lists the sensors read in blk and in every function it calls
// (transitively), in first-use order.
func (b *builder) sensorsIn(blk *syntax.Block, seen map[*check.Symbol]bool) []*check.Symbol {
	if seen == nil {
		seen = map[*check.Symbol]bool{}
	}
	var out []*check.Symbol
	b.walk(blk, map[*syntax.Block]bool{}, func(n any) {
		if x, ok := n.(*syntax.Name); ok {
			if s := b.info.Uses[x]; s != nil && s.Kind == check.SymSensor && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	})
	return out
}

// actuatorsIn returns the set of actuators assigned in blk or in the
// functions it calls.
func (b *builder) actuatorsIn(blk *syntax.Block, into map[*check.Symbol]bool) {
	b.walk(blk, map[*syntax.Block]bool{}, func(n any) {
		if s, ok := n.(*syntax.AssignStmt); ok {
			if sym := b.info.Refs[s.Target]; sym != nil && sym.Kind == check.SymActuator {
				into[sym] = true
			}
		}
	})
}

// walk visits every statement and expression of blk and of the bodies of
// the user functions called from it (each once).
func (b *builder) walk(blk *syntax.Block, done map[*syntax.Block]bool, visit func(any)) {
	if blk == nil || done[blk] {
		return
	}
	done[blk] = true
	var expr func(e syntax.Expr)
	expr = func(e syntax.Expr) {
		if e == nil {
			return
		}
		visit(e)
		switch e := e.(type) {
		case *syntax.Unary:
			expr(e.X)
		case *syntax.Binary:
			expr(e.X)
			expr(e.Y)
		case *syntax.Paren:
			expr(e.X)
		case *syntax.Conv:
			expr(e.X)
		case *syntax.Call:
			for _, a := range e.Args {
				expr(a)
			}
			if s := b.info.Refs[e.Fn]; s != nil && s.Kind == check.SymFunc && s.Func != nil {
				b.walk(s.Func.Body, done, visit)
			}
		}
	}
	var block func(bl *syntax.Block)
	var stmt func(s syntax.Stmt)
	block = func(bl *syntax.Block) {
		if bl == nil {
			return
		}
		for _, s := range bl.Stmts {
			stmt(s)
		}
	}
	stmt = func(s syntax.Stmt) {
		visit(s)
		switch s := s.(type) {
		case *syntax.LetStmt:
			expr(s.Value)
		case *syntax.AssignStmt:
			expr(s.Value)
		case *syntax.IfStmt:
			expr(s.Cond)
			block(s.Then)
			if s.ElseIf != nil {
				stmt(s.ElseIf)
			}
			block(s.Else)
		case *syntax.ForStmt:
			block(s.Body)
		case *syntax.ReturnStmt:
			expr(s.Value)
		case *syntax.SendStmt:
			expr(s.Value)
		case *syntax.ReceiveStmt:
			block(s.Body)
			block(s.Else)
		case *syntax.A2AStmt:
			for _, a := range s.Args {
				expr(a)
			}
		case *syntax.ExprStmt:
			expr(s.X)
		}
	}
	block(blk)
}

// fnBuilder lowers one function.
type fnBuilder struct {
	*builder
	f       *Func
	cur     *Block // nil after a return: what follows is unreachable
	vars    map[*check.Symbol]Value
	sensors map[*check.Symbol]Value // entry functions: values read in the prologue
	exit    *Block                  // where a return in a handler or every block goes
	loops   []Pos                   // the for loops being unrolled, outermost first
	count   int                     // instructions emitted so far
}

func (b *builder) newFn(name string, kind FuncKind, pos Pos) *fnBuilder {
	fb := &fnBuilder{builder: b, f: &Func{Name: name, Kind: kind, Pos: pos, NextValue: 1},
		vars: map[*check.Symbol]Value{}, sensors: map[*check.Symbol]Value{}}
	fb.cur = fb.f.NewBlock()
	return fb
}

// emit appends an instruction to the current block and returns its result.
func (fb *fnBuilder) emit(op Op, a, b Value, imm int32, pos Pos) Value {
	fb.count++
	if fb.count > MaxInstrs {
		at, what := pos, "this code"
		if len(fb.loops) > 0 {
			at, what = fb.loops[0], "this loop"
		}
		panic(&LimitError{Pos: at, Msg: fmt.Sprintf("%s unrolls to more than %d instructions in %s; the machine holds 8,192", what, MaxInstrs, fb.f.Name)})
	}
	in := &Instr{Op: op, A: a, B: b, Imm: imm, Pos: pos}
	if ops[op].dst {
		in.Dst = fb.f.NewValue()
	}
	fb.cur.Instrs = append(fb.cur.Instrs, in)
	return in.Dst
}

func (fb *fnBuilder) constant(v int32, pos Pos) Value { return fb.emit(OpConst, 0, 0, v, pos) }

func (fb *fnBuilder) jump(to *Block) {
	fb.cur.Term = Term{Kind: TermJump}
	AddEdge(fb.cur, to)
}

func (fb *fnBuilder) branch(cond Value, yes, no *Block, pos Pos) {
	fb.cur.Term = Term{Kind: TermBranch, Cond: cond, Pos: pos}
	AddEdge(fb.cur, yes)
	AddEdge(fb.cur, no)
}

func (fb *fnBuilder) finish() *Func {
	fb.f.Sort()
	return fb.f
}

// prologue reads every sensor the activation uses, once, and stores those
// that functions read into their slots.
func (fb *fnBuilder) prologue(bodies ...*syntax.Block) {
	seen := map[*check.Symbol]bool{}
	for _, body := range bodies {
		for _, s := range fb.sensorsIn(body, seen) {
			pos := posOf(s.Decl.Pos)
			v := fb.emit(OpRead, 0, 0, int32(s.Channel), pos)
			if s.Type.Kind == check.Bool {
				v = fb.emit(OpCmp, v, fb.constant(0, pos), int32(isa.CondNE), pos)
			}
			fb.sensors[s] = v
			if a, ok := fb.slot[s]; ok {
				fb.emit(OpStore, v, 0, a, pos)
			}
		}
	}
}

// tick builds the tick entry: prologue, on tick, the every blocks, flush.
func (b *builder) tick() *Func {
	h := b.info.Handlers
	fb := b.newFn("tick", FuncTick, Pos{})
	bodies := []*syntax.Block{}
	if h.Tick != nil {
		fb.f.Pos = posOf(h.Tick.Pos)
		bodies = append(bodies, h.Tick.Body)
	}
	for _, e := range h.Every {
		bodies = append(bodies, e.Body)
	}
	fb.prologue(bodies...)
	if h.Tick != nil {
		fb.handler(h.Tick.Body)
	}
	for k, e := range h.Every {
		n := int32(1)
		if k < len(h.EveryTicks) && h.EveryTicks[k] > 0 {
			n = int32(h.EveryTicks[k])
		}
		fb.every(e, n)
	}
	written := map[*check.Symbol]bool{}
	for _, body := range bodies {
		b.actuatorsIn(body, written)
	}
	fb.flush(written, true)
	fb.cur.Term = Term{Kind: TermHalt}
	return fb.finish()
}

// entry builds the init or failsafe entry.
func (b *builder) entry(kind FuncKind, name string, body *syntax.Block, failsafe bool) *Func {
	fb := b.newFn(name, kind, Pos{})
	written := map[*check.Symbol]bool{}
	if failsafe {
		// Every actuator holds its safe value before on failsafe runs.
		for k, a := range b.info.Actuators {
			m := b.prog.Meta.Actuators[k]
			fb.emit(OpStore, fb.constant(m.Safe, m.DeclaredAt), 0, m.Pending, m.DeclaredAt)
			written[a] = true
		}
	}
	if body != nil {
		fb.prologue(body)
		fb.handler(body)
		b.actuatorsIn(body, written)
	}
	fb.flush(written, !failsafe)
	fb.cur.Term = Term{Kind: TermHalt}
	return fb.finish()
}

// handler lowers a handler body; a return in it continues after it.
func (fb *fnBuilder) handler(body *syntax.Block) {
	after := fb.f.NewBlock()
	saved := fb.exit
	fb.exit = after
	fb.vars = map[*check.Symbol]Value{}
	fb.block(body)
	if fb.cur != nil {
		fb.jump(after)
	}
	fb.exit = saved
	fb.cur = after
}

// every lowers an every block that runs once every n ticks, first on the
// first tick. Its countdown runs from n to 1; a countdown found at 0 or
// below (memory changed behind the program's back) runs the block too.
func (fb *fnBuilder) every(e *syntax.EveryDecl, n int32) {
	pos := posOf(e.Pos)
	if n <= 1 {
		fb.handler(e.Body)
		return
	}
	cnt := fb.global(fmt.Sprintf("every@%d:%d", pos.Line, pos.Col), GlobalEvery, 1)
	c := fb.emit(OpLoad, 0, 0, cnt, pos)
	c1 := fb.emit(OpSub, c, fb.constant(1, pos), 0, pos)
	reset := fb.constant(n, pos)
	due := fb.emit(OpCmp, c1, fb.constant(0, pos), int32(isa.CondLE), pos)
	test := fb.cur
	run, join := fb.f.NewBlock(), fb.f.NewBlock()
	fb.branch(due, run, join, pos)
	fb.cur = run
	fb.handler(e.Body)
	fb.jump(join)
	// One store of the next countdown after the block, not one on each
	// path: the tick that does not run the block then jumps straight to
	// it. Nothing in the block can read the countdown.
	next := &Instr{Op: OpPhi, Dst: fb.f.NewValue(), Pos: pos}
	for _, p := range join.Preds {
		if p == test {
			next.Args = append(next.Args, c1)
		} else {
			next.Args = append(next.Args, reset)
		}
	}
	join.Instrs = append(join.Instrs, next)
	fb.cur = join
	fb.emit(OpStore, next.Dst, 0, cnt, pos)
}

// flush writes each actuator in written to its channel: the requested
// value, moved at most Rate from the last written value when limit is set
// and the actuator has a rate, then clamped to the declared range.
func (fb *fnBuilder) flush(written map[*check.Symbol]bool, limit bool) {
	for k, a := range fb.info.Actuators {
		if !written[a] {
			continue
		}
		m := fb.prog.Meta.Actuators[k]
		pos := m.DeclaredAt
		v := fb.emit(OpLoad, 0, 0, m.Pending, pos)
		if m.HasRate && limit {
			p := fb.emit(OpLoad, 0, 0, m.Prev, pos)
			r := fb.constant(m.Rate, pos)
			v = fb.emit(OpMin, v, fb.emit(OpAdd, p, r, 0, pos), 0, pos)
			v = fb.emit(OpMax, v, fb.emit(OpSub, p, r, 0, pos), 0, pos)
		}
		if m.HasRange {
			v = fb.emit(OpMin, v, fb.constant(m.Hi, pos), 0, pos)
			v = fb.emit(OpMax, v, fb.constant(m.Lo, pos), 0, pos)
		}
		fb.emit(OpWrite, v, 0, int32(m.Channel), pos)
		if m.HasRate {
			fb.emit(OpStore, v, 0, m.Prev, pos)
		}
	}
}

// userFunc lowers a reflex fn.
func (b *builder) userFunc(s *check.Symbol) *Func {
	d := s.Func
	fb := b.newFn(s.Name, FuncUser, posOf(d.Pos))
	fb.f.HasResult = s.Type.Kind != check.Void && s.Type.Kind != check.Invalid
	for _, p := range s.Params {
		v := fb.f.NewValue()
		fb.f.Params = append(fb.f.Params, v)
		fb.vars[p] = v
	}
	fb.block(d.Body)
	if fb.cur != nil {
		// The checker proves a function with a result returns on every
		// path (R309); a void function falls off its end here.
		t := Term{Kind: TermReturn, Pos: posOf(d.EndPos)}
		if fb.f.HasResult {
			t.Val = fb.constant(0, t.Pos)
		}
		fb.cur.Term = t
	}
	return fb.finish()
}

// Statements.

func (fb *fnBuilder) block(bl *syntax.Block) {
	if bl == nil {
		return
	}
	for _, s := range bl.Stmts {
		if fb.cur == nil {
			return // unreachable (R303 warned)
		}
		fb.stmt(s)
	}
}

func (fb *fnBuilder) stmt(s syntax.Stmt) {
	pos := startOf(s)
	switch s := s.(type) {
	case *syntax.LetStmt:
		v := fb.expr(s.Value)
		if sym := fb.info.Defs[s.Name]; sym != nil {
			fb.vars[sym] = v
		}
	case *syntax.AssignStmt:
		fb.assign(s, pos)
	case *syntax.IfStmt:
		fb.ifStmt(s)
	case *syntax.ForStmt:
		fb.forStmt(s)
	case *syntax.ReturnStmt:
		fb.returnStmt(s, pos)
	case *syntax.SendStmt:
		sym := fb.info.Refs[s.Box]
		if sym == nil {
			fb.fail("%d:%d: send to an unresolved outbox", pos.Line, pos.Col)
		}
		fb.emit(OpSend, fb.expr(s.Value), 0, int32(sym.Channel), pos)
	case *syntax.ReceiveStmt:
		fb.receive(s, pos)
	case *syntax.A2AStmt:
		fb.a2a(s, pos)
	case *syntax.ExprStmt:
		fb.expr(s.X)
	default:
		fb.fail("%d:%d: cannot lower statement %T", pos.Line, pos.Col, s)
	}
}

func (fb *fnBuilder) assign(s *syntax.AssignStmt, pos Pos) {
	sym := fb.info.Refs[s.Target]
	if sym == nil {
		fb.fail("%d:%d: assignment to an unresolved name %s", pos.Line, pos.Col, s.Target.Name)
	}
	v := fb.expr(s.Value)
	if s.Op != "=" {
		old := fb.read(sym, pos)
		t := sym.Type
		switch s.Op {
		case "+=":
			v = fb.emit(OpAdd, old, v, 0, pos)
		case "-=":
			v = fb.emit(OpSub, old, v, 0, pos)
		case "*=":
			v = fb.emit(OpMul, old, v, shiftFor(t, fb.info.Types[s.Value]), pos)
		case "/=":
			v = fb.emit(OpDiv, old, v, shiftFor(t, fb.info.Types[s.Value]), pos)
		default:
			fb.fail("%d:%d: unknown assignment operator %s", pos.Line, pos.Col, s.Op)
		}
	}
	fb.write(sym, v, pos)
}

// shiftFor is the fixed-point shift of a product or quotient whose right
// operand has type y: 16 when it is a Q16.16 num, 0 for an int.
func shiftFor(_ check.Type, y check.Type) int32 {
	if y.Kind == check.Num {
		return 16
	}
	return 0
}

// read returns the current value of a named thing.
func (fb *fnBuilder) read(sym *check.Symbol, pos Pos) Value {
	switch sym.Kind {
	case check.SymSensor:
		if v, ok := fb.sensors[sym]; ok && fb.f.Kind != FuncUser {
			return v
		}
		a, ok := fb.slot[sym]
		if !ok {
			fb.fail("%d:%d: sensor %s has no slot", pos.Line, pos.Col, sym.Name)
		}
		return fb.emit(OpLoad, 0, 0, a, pos)
	case check.SymActuator, check.SymState, check.SymParam:
		return fb.emit(OpLoad, 0, 0, fb.addr[sym], pos)
	case check.SymConst:
		if sym.Value == nil {
			fb.fail("%d:%d: const %s has no value", pos.Line, pos.Col, sym.Name)
		}
		return fb.constant(raw(sym.Value.Value, sym.Type), pos)
	}
	v, ok := fb.vars[sym]
	if !ok {
		fb.fail("%d:%d: %s %s has no value here", pos.Line, pos.Col, sym.Kind, sym.Name)
	}
	return v
}

func (fb *fnBuilder) write(sym *check.Symbol, v Value, pos Pos) {
	switch sym.Kind {
	case check.SymActuator, check.SymState:
		fb.emit(OpStore, v, 0, fb.addr[sym], pos)
	case check.SymLet, check.SymFnParam, check.SymMsgVar, check.SymLoopVar:
		fb.vars[sym] = v
	default:
		fb.fail("%d:%d: cannot assign to %s %s", pos.Line, pos.Col, sym.Kind, sym.Name)
	}
}

func copyVars(m map[*check.Symbol]Value) map[*check.Symbol]Value {
	c := make(map[*check.Symbol]Value, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// arm is one way into a join: the block it ends in and the variables there.
type arm struct {
	end  *Block
	vars map[*check.Symbol]Value
}

// join continues after the arms that fall through, merging the variables
// declared before the split with phis where the arms disagree.
func (fb *fnBuilder) join(before map[*check.Symbol]Value, arms []arm, pos Pos) {
	var live []arm
	for _, a := range arms {
		if a.end != nil {
			live = append(live, a)
		}
	}
	if len(live) == 0 {
		fb.cur = nil
		return
	}
	j := fb.f.NewBlock()
	for _, a := range live {
		a.end.Term = Term{Kind: TermJump}
		AddEdge(a.end, j)
	}
	vars := map[*check.Symbol]Value{}
	// Deterministic phi order: by the value the variable had before.
	syms := make([]*check.Symbol, 0, len(before))
	for s := range before {
		syms = append(syms, s)
	}
	sort.Slice(syms, func(i, k int) bool { return before[syms[i]] < before[syms[k]] })
	for _, s := range syms {
		first := live[0].vars[s]
		same := true
		for _, a := range live[1:] {
			if a.vars[s] != first {
				same = false
			}
		}
		if same {
			vars[s] = first
			continue
		}
		phi := &Instr{Op: OpPhi, Dst: fb.f.NewValue(), Pos: pos}
		for _, a := range live {
			phi.Args = append(phi.Args, a.vars[s])
		}
		j.Instrs = append(j.Instrs, phi)
		vars[s] = phi.Dst
	}
	fb.vars = vars
	fb.cur = j
}

func (fb *fnBuilder) ifStmt(s *syntax.IfStmt) {
	pos := posOf(s.Pos)
	c := fb.expr(s.Cond)
	yes, no := fb.f.NewBlock(), fb.f.NewBlock()
	fb.branch(c, yes, no, startOf(s.Cond))
	before := copyVars(fb.vars)

	fb.cur = yes
	fb.block(s.Then)
	thenArm := arm{fb.cur, fb.vars}

	fb.vars = copyVars(before)
	fb.cur = no
	switch {
	case s.ElseIf != nil:
		fb.ifStmt(s.ElseIf)
	case s.Else != nil:
		fb.block(s.Else)
	}
	elseArm := arm{fb.cur, fb.vars}
	fb.join(before, []arm{thenArm, elseArm}, pos)
}

func (fb *fnBuilder) forStmt(s *syntax.ForStmt) {
	n, ok := fb.info.LoopCounts[s]
	from, okF := fb.info.Consts[s.From]
	if !ok || !okF {
		fb.fail("%d:%d: loop bounds are not constant", s.Pos.Line, s.Pos.Column)
	}
	loopVar := fb.info.Defs[s.Var]
	fb.loops = append(fb.loops, posOf(s.Pos))
	defer func() { fb.loops = fb.loops[:len(fb.loops)-1] }()
	for k := 0; k < n && fb.cur != nil; k++ {
		if loopVar != nil {
			fb.vars[loopVar] = fb.constant(int32(from.Value)+int32(k), posOf(s.Var.Pos))
		}
		before := fb.vars
		fb.vars = copyVars(before)
		fb.block(s.Body)
		// Variables declared in the body end with it; assignments to
		// outer ones carry into the next iteration.
		for sym := range fb.vars {
			if _, outer := before[sym]; !outer {
				delete(fb.vars, sym)
			}
		}
	}
	if loopVar != nil {
		delete(fb.vars, loopVar)
	}
}

func (fb *fnBuilder) returnStmt(s *syntax.ReturnStmt, pos Pos) {
	if fb.f.Kind != FuncUser {
		fb.jump(fb.exit)
		fb.cur = nil
		return
	}
	t := Term{Kind: TermReturn, Pos: pos}
	if s.Value != nil {
		t.Val = fb.expr(s.Value)
	} else if fb.f.HasResult {
		fb.fail("%d:%d: return without a value in a function with a result", pos.Line, pos.Col)
	}
	fb.cur.Term = t
	fb.cur = nil
}

func (fb *fnBuilder) receive(s *syntax.ReceiveStmt, pos Pos) {
	r := fb.emit(OpRecv, 0, 0, 0, pos)
	got := fb.emit(OpCmp, r, fb.constant(-1, pos), int32(isa.CondNE), pos)
	yes, no := fb.f.NewBlock(), fb.f.NewBlock()
	fb.branch(got, yes, no, pos)
	before := copyVars(fb.vars)

	fb.cur = yes
	if sym := fb.info.Defs[s.Var]; sym != nil {
		fb.vars[sym] = r
	}
	fb.block(s.Body)
	bodyArm := arm{fb.cur, fb.vars}

	fb.vars = copyVars(before)
	fb.cur = no
	fb.block(s.Else)
	elseArm := arm{fb.cur, fb.vars}
	fb.join(before, []arm{bodyArm, elseArm}, pos)
}

func (fb *fnBuilder) a2a(s *syntax.A2AStmt, pos Pos) {
	name := fb.info.A2A[s]
	info := isa.ByName(name)
	if info == nil {
		fb.fail("%d:%d: unknown A2A operation %q", pos.Line, pos.Col, name)
	}
	var v Value
	var code int32
	if len(s.Args) > 0 {
		v = fb.expr(s.Args[0])
	} else {
		v = fb.constant(0, pos)
	}
	if len(s.Args) > 1 {
		k, ok := fb.info.Consts[s.Args[1]]
		if !ok {
			fb.fail("%d:%d: A2A code is not constant", pos.Line, pos.Col)
		}
		code = int32(k.Value)
	}
	in := &Instr{Op: OpA2A, A: v, Imm: int32(info.Op), Imm2: code, Pos: pos}
	fb.cur.Instrs = append(fb.cur.Instrs, in)
}

// Expressions.

// expr lowers e and converts its value into the unit its context wants.
func (fb *fnBuilder) expr(e syntax.Expr) Value {
	pos := startOf(e)
	conv, hasConv := fb.info.Convert[e]
	if k, ok := fb.info.Consts[e]; ok {
		v := k.Value
		if hasConv {
			v *= conv
		}
		return fb.constant(raw(v, fb.info.Types[e]), pos)
	}
	v := fb.exprRaw(e, pos)
	if hasConv && conv != 1 {
		v = fb.scale(v, conv, pos)
	}
	return v
}

// scale multiplies a Q16.16 value by a compile-time factor as exactly as
// the MUL and DIV forms allow: an integer factor multiplies, the inverse of
// an integer divides, anything else multiplies by the factor in the finest
// fixed-point format that fits 32 bits.
func (fb *fnBuilder) scale(v Value, f float64, pos Pos) Value {
	if r := math.Round(f); r == f && math.Abs(r) < 1<<31 {
		return fb.emit(OpMul, v, fb.constant(int32(r), pos), 0, pos)
	}
	if inv := 1 / f; math.Abs(inv) < 1<<31 {
		if r := math.Round(inv); r != 0 && math.Abs(inv-r) <= 1e-9*math.Abs(r) {
			return fb.emit(OpDiv, v, fb.constant(int32(r), pos), 0, pos)
		}
	}
	k := int32(31)
	for k > 0 && math.Abs(math.Round(f*math.Exp2(float64(k)))) >= 1<<31 {
		k--
	}
	return fb.emit(OpMul, v, fb.constant(int32(math.Round(f*math.Exp2(float64(k)))), pos), k, pos)
}

var conds = map[string]isa.Cond{
	"==": isa.CondEQ, "!=": isa.CondNE, "<": isa.CondLT, "<=": isa.CondLE, ">": isa.CondGT, ">=": isa.CondGE,
}

func (fb *fnBuilder) exprRaw(e syntax.Expr, pos Pos) Value {
	switch e := e.(type) {
	case *syntax.Paren:
		return fb.expr(e.X)
	case *syntax.Name:
		sym := fb.info.Uses[e]
		if sym == nil {
			fb.fail("%d:%d: unresolved name %s", pos.Line, pos.Col, e.Name)
		}
		return fb.read(sym, pos)
	case *syntax.BoolLit:
		if e.Value {
			return fb.constant(1, pos)
		}
		return fb.constant(0, pos)
	case *syntax.Unary:
		x := fb.expr(e.X)
		if e.Op == "-" {
			return fb.emit(OpNeg, x, 0, 0, pos)
		}
		return fb.emit(OpXor, x, fb.constant(1, pos), 0, pos)
	case *syntax.Binary:
		return fb.binary(e, pos)
	case *syntax.Call:
		return fb.call(e, pos)
	case *syntax.Conv:
		return fb.conv(e, pos)
	}
	fb.fail("%d:%d: cannot lower expression %T", pos.Line, pos.Col, e)
	return 0
}

func (fb *fnBuilder) binary(e *syntax.Binary, pos Pos) Value {
	switch e.Op {
	case "and", "&&", "or", "||":
		return fb.logical(e, pos)
	}
	x := fb.expr(e.X)
	y := fb.expr(e.Y)
	if c, ok := conds[e.Op]; ok {
		return fb.emit(OpCmp, x, y, int32(c), pos)
	}
	t := fb.info.Types[e]
	switch e.Op {
	case "+":
		return fb.emit(OpAdd, x, y, 0, pos)
	case "-":
		return fb.emit(OpSub, x, y, 0, pos)
	case "*":
		return fb.emit(OpMul, x, y, shiftFor(t, t), pos)
	case "/":
		return fb.emit(OpDiv, x, y, shiftFor(t, t), pos)
	}
	fb.fail("%d:%d: unknown operator %s", pos.Line, pos.Col, e.Op)
	return 0
}

// logical lowers and/or. When the right operand cannot have an effect
// (no call, no receive) both sides are computed and combined, which is
// what short-circuiting would give; otherwise the right side runs only
// when it decides the result.
func (fb *fnBuilder) logical(e *syntax.Binary, pos Pos) Value {
	isAnd := e.Op == "and" || e.Op == "&&"
	x := fb.expr(e.X)
	if fb.pure(e.Y) {
		y := fb.expr(e.Y)
		if isAnd {
			return fb.emit(OpAnd, x, y, 0, pos)
		}
		return fb.emit(OpOr, x, y, 0, pos)
	}
	xEnd := fb.cur
	rhs, done := fb.f.NewBlock(), fb.f.NewBlock()
	if isAnd {
		fb.branch(x, rhs, done, pos)
	} else {
		fb.branch(x, done, rhs, pos)
	}
	fb.cur = rhs
	y := fb.expr(e.Y)
	yEnd := fb.cur
	fb.jump(done)
	// done's predecessors: xEnd first (added by branch), then yEnd.
	phi := &Instr{Op: OpPhi, Dst: fb.f.NewValue(), Pos: pos}
	for _, p := range done.Preds {
		if p == xEnd {
			phi.Args = append(phi.Args, x)
		} else {
			phi.Args = append(phi.Args, y)
		}
	}
	_ = yEnd
	done.Instrs = append(done.Instrs, phi)
	fb.cur = done
	return phi.Dst
}

// pure reports whether evaluating e has no effect: no user call.
func (fb *fnBuilder) pure(e syntax.Expr) bool {
	ok := true
	var visit func(e syntax.Expr)
	visit = func(e syntax.Expr) {
		switch e := e.(type) {
		case *syntax.Call:
			if s := fb.info.Refs[e.Fn]; s == nil || s.Kind != check.SymBuiltin {
				ok = false
			}
			for _, a := range e.Args {
				visit(a)
			}
		case *syntax.Unary:
			visit(e.X)
		case *syntax.Binary:
			visit(e.X)
			visit(e.Y)
		case *syntax.Paren:
			visit(e.X)
		case *syntax.Conv:
			visit(e.X)
		}
	}
	visit(e)
	return ok
}

func (fb *fnBuilder) call(e *syntax.Call, pos Pos) Value {
	sym := fb.info.Refs[e.Fn]
	if sym == nil {
		fb.fail("%d:%d: unresolved function %s", pos.Line, pos.Col, e.Fn.Name)
	}
	args := make([]Value, len(e.Args))
	for k, a := range e.Args {
		args[k] = fb.expr(a)
	}
	if sym.Kind == check.SymBuiltin {
		switch sym.Name {
		case "min", "max":
			op := OpMin
			if sym.Name == "max" {
				op = OpMax
			}
			v := args[0]
			for _, a := range args[1:] {
				v = fb.emit(op, v, a, 0, pos)
			}
			return v
		case "clamp":
			if len(args) != 3 {
				break
			}
			return fb.emit(OpMax, fb.emit(OpMin, args[0], args[2], 0, pos), args[1], 0, pos)
		case "abs":
			if len(args) != 1 {
				break
			}
			return fb.emit(OpMax, args[0], fb.emit(OpNeg, args[0], 0, 0, pos), 0, pos)
		}
		fb.fail("%d:%d: cannot lower built-in %s with %d arguments", pos.Line, pos.Col, sym.Name, len(args))
	}
	idx, ok := fb.funcIdx[sym]
	if !ok {
		fb.fail("%d:%d: %s is not a function", pos.Line, pos.Col, sym.Name)
	}
	in := &Instr{Op: OpCall, Args: args, Imm: int32(idx), Pos: pos}
	if sym.Type.Kind != check.Void && sym.Type.Kind != check.Invalid {
		in.Dst = fb.f.NewValue()
	}
	fb.cur.Instrs = append(fb.cur.Instrs, in)
	return in.Dst
}

func (fb *fnBuilder) conv(e *syntax.Conv, pos Pos) Value {
	x := fb.expr(e.X)
	from, to := fb.info.Types[e.X], fb.info.Types[e]
	switch {
	case to.Kind == check.Int && from.Kind == check.Num:
		// Truncates toward zero, like DIV.
		return fb.emit(OpDiv, x, fb.constant(1<<16, pos), 0, pos)
	case to.Kind == check.Num && (from.Kind == check.Int || from.Kind == check.UntypedInt):
		return fb.emit(OpMul, x, fb.constant(1<<16, pos), 0, pos)
	}
	// Same representation (bool to bool, int to int, num to num: the
	// scale change is the operand's Convert factor, already applied).
	return x
}
