package check

import (
	"strconv"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/syntax"
)

// bodyState is the flow state while checking one handler or function body.
type bodyState struct {
	what string         // "on tick", "every 100 ms", "function steer"…
	fn   *Symbol        // the function being checked, nil in a handler
	key  syntax.Spanned // Info.Calls key
	// written has bit i set when actuator i is written on every path to
	// the current point; reachable is false after a return.
	written      uint64
	reachable    bool
	deadReported bool
	// retWritten intersects written over the paths that leave the body
	// (returns and the fall-through end); anyExit says one was seen.
	retWritten uint64
	anyExit    bool
	calls      []CallSite
}

// funcSummary is what a caller needs from a checked function.
type funcSummary struct {
	writes uint64 // actuators written on every path through the function
	done   bool
}

func actBit(s *Symbol) uint64 {
	if s.Index < 0 || s.Index >= 64 {
		return 0
	}
	return 1 << uint(s.Index)
}

// checkBodies checks every function and handler body. `on tick` goes
// first: every blocks run after it in the same tick, so they start with
// the actuators it writes on every path.
func (c *checker) checkBodies(r *syntax.Reflex) {
	var afterTick uint64
	if t := c.info.Handlers.Tick; t != nil {
		afterTick = c.checkBody(&bodyState{what: "on tick", key: t}, t.Body)
	}
	for _, d := range c.decls {
		switch d := d.(type) {
		case *syntax.FuncDecl:
			if s := c.info.Defs[d.Name]; s != nil {
				c.summary(s)
			}
		case *syntax.HandlerDecl:
			switch d {
			case c.info.Handlers.Tick:
			case c.info.Handlers.Failsafe:
				// Every actuator holds its safe value when on failsafe
				// starts (spec/reflex.md section 8), so reading one is
				// well defined.
				c.checkBody(&bodyState{what: "on failsafe", key: d, written: allActuators(len(c.info.Actuators))}, d.Body)
			default:
				c.checkBody(&bodyState{what: "on " + d.Event.Name, key: d}, d.Body)
			}
		case *syntax.EveryDecl:
			c.checkBody(&bodyState{what: "every " + c.text(d.Period), key: d, written: afterTick}, d.Body)
		}
	}
}

// summary checks a function body the first time it is needed (a call may
// come before the declaration) and returns the actuators it always writes.
// A function reached again while it is being checked is recursive (R304,
// reported by checkRecursion); its summary is then empty.
func (c *checker) summary(s *Symbol) uint64 {
	if sum, ok := c.funcDone[s]; ok {
		return sum.writes
	}
	sum := &funcSummary{}
	c.funcDone[s] = sum
	// Check in a clean local scope, then restore the caller's.
	savedBody, savedLocals, savedScopes := c.body, c.locals, c.scopes
	c.locals, c.scopes = nil, nil
	b := &bodyState{what: "function " + s.Name, fn: s, key: s.Func}
	c.body = b
	c.openScope()
	for _, p := range s.Params {
		c.declareLocal(p)
	}
	c.checkBlockIn(s.Func.Body)
	if b.reachable && s.Type.Kind != Void && s.Type.Kind != Invalid {
		e := c.report("R309", s.Func.Body, "function "+s.Name+" can reach its end without returning a "+s.Type.String())
		e.Hint = "end every path with `return VALUE`"
		e.Span.Start = e.Span.End
		e.Span.Start.Col--
	}
	c.exit()
	c.closeScope()
	c.info.Calls[s.Func] = b.calls
	c.body, c.locals, c.scopes = savedBody, savedLocals, savedScopes
	sum.writes, sum.done = b.retWritten, true
	return sum.writes
}

// checkBody checks a handler or every block and returns the actuators it
// writes on every path to its end.
func (c *checker) checkBody(b *bodyState, blk *syntax.Block) uint64 {
	c.body = b
	c.locals, c.scopes = c.locals[:0], c.scopes[:0]
	c.openScope()
	c.checkBlockIn(blk)
	c.exit()
	c.closeScope()
	c.info.Calls[b.key] = b.calls
	c.body = nil
	return b.retWritten
}

// checkBlockIn checks a body's top-level block in the current scope.
func (c *checker) checkBlockIn(blk *syntax.Block) {
	c.body.reachable = true
	if blk == nil {
		return
	}
	c.stmts(blk.Stmts)
}

// exit merges the current path into the body's exit state.
func (c *checker) exit() {
	b := c.body
	if !b.reachable {
		return
	}
	if b.anyExit {
		b.retWritten &= b.written
	} else {
		b.retWritten, b.anyExit = b.written, true
	}
}

func (c *checker) openScope() { c.scopes = append(c.scopes, len(c.locals)) }
func (c *checker) closeScope() {
	n := len(c.scopes) - 1
	c.locals = c.locals[:c.scopes[n]]
	c.scopes = c.scopes[:n]
}

// declareLocal enters a local symbol. Reflex forbids shadowing: a local
// may not reuse any visible name, so every name means one thing in a body.
func (c *checker) declareLocal(s *Symbol) {
	c.info.Defs[s.Ident] = s
	c.info.Symbols = append(c.info.Symbols, s)
	if prev := c.lookup(s.Name); prev != nil {
		e := c.report("R102", s.Ident, s.Kind.String()+" "+s.Name+" reuses the name of "+prev.Kind.String()+" "+s.Name)
		e.Related = c.declaredHere(prev)
		e.Hint = "pick another name; reflex does not allow shadowing"
		s.used = true
	} else if _, isB := builtins[s.Name]; isB {
		e := c.report("R102", s.Ident, s.Kind.String()+" "+s.Name+" reuses the name of the built-in function "+s.Name)
		e.Hint = "pick another name"
	}
	c.locals = append(c.locals, s)
}

func (c *checker) block(blk *syntax.Block) {
	if blk == nil {
		return
	}
	c.openScope()
	c.stmts(blk.Stmts)
	c.closeScope()
}

func (c *checker) stmts(ss []syntax.Stmt) {
	b := c.body
	for _, s := range ss {
		if s == nil {
			continue
		}
		if b.reachable {
			b.deadReported = false
		} else if !b.deadReported {
			b.deadReported = true
			c.warn("R303", s, "unreachable code: the statement after a return never runs").Hint = "delete it, or move it before the return"
		}
		c.stmt(s)
	}
}

func (c *checker) stmt(s syntax.Stmt) {
	if !stmtWellFormed(s) {
		return
	}
	switch s := s.(type) {
	case *syntax.LetStmt:
		c.let(s)
	case *syntax.AssignStmt:
		c.assign(s)
	case *syntax.IfStmt:
		c.ifStmt(s)
	case *syntax.ForStmt:
		c.forStmt(s)
	case *syntax.ReturnStmt:
		c.returnStmt(s)
	case *syntax.SendStmt:
		c.send(s)
	case *syntax.ReceiveStmt:
		c.receive(s)
	case *syntax.A2AStmt:
		c.a2a(s)
	case *syntax.ExprStmt:
		c.exprStmt(s)
	}
}

func (c *checker) newLocal(id *syntax.Ident, kind SymKind, node syntax.Node, t Type) *Symbol {
	s := &Symbol{Name: id.Name, Kind: kind, Ident: id, Decl: node, Type: t, Index: -1, Channel: -1}
	c.declareLocal(s)
	return s
}

func (c *checker) let(s *syntax.LetStmt) {
	var want Type
	if s.Type != nil {
		want = c.resolveType(s.Type, false)
	}
	var o operand
	if s.Value == nil {
		e := c.report("R412", s, "let "+s.Name.Name+" needs a value")
		e.Hint = "write `let " + s.Name.Name + " = VALUE`"
	} else {
		o = c.eval(s.Value)
	}
	t := o.t
	if s.Type == nil {
		want = defaultType(t)
		if t.Kind == Void {
			c.report("R202", s.Value, c.text(s.Value)+" has no value")
			want = tInvalid
		}
		if o.k && want.Kind != Invalid {
			c.setUntyped(s.Value, want)
			c.materialize(s.Value, t, o.v, want)
		}
	} else if s.Value != nil {
		c.use(s.Value, o, want, "let "+s.Name.Name)
	}
	c.newLocal(s.Name, SymLet, s.Node, want)
}

func (c *checker) assign(s *syntax.AssignStmt) {
	name := s.Target.Name
	sym := c.lookup(name)
	o := c.eval(s.Value)
	t := o.t
	if sym == nil {
		c.undefined(s.Target, name, isValue, "name")
		return
	}
	c.tables.ref(s.Target, sym)
	sym.used = true
	switch sym.Kind {
	case SymSensor:
		e := c.report("R301", s.Target, "cannot assign to sensor "+name+": sensors are read-only")
		e.Related = c.declaredHere(sym)
		e.Hint = "declare an actuator to drive an output, or a let/state to hold a value"
		return
	case SymConst, SymParam, SymLoopVar:
		e := c.report("R308", s.Target, "cannot assign to "+sym.Kind.String()+" "+name)
		e.Related = c.declaredHere(sym)
		switch sym.Kind {
		case SymLoopVar:
			e.Hint = "the loop variable counts the iterations; copy it into a let to change it"
		case SymParam:
			e.Hint = "params are fixed at deploy time; use a state to hold a changing value"
		default:
			e.Hint = "use a state or let for a value that changes"
		}
		return
	case SymFunc, SymInbox, SymOutbox:
		e := c.report("R104", s.Target, "cannot assign to "+sym.Kind.String()+" "+name)
		e.Related = c.declaredHere(sym)
		if sym.Kind == SymOutbox {
			e.Hint = "send to it with `send " + name + "(VALUE)`"
		}
		return
	}
	if s.Op != "=" && sym.Kind == SymActuator {
		// x op= e reads x first.
		c.readActuator(s.Target, sym)
	}
	what := "assignment to " + name
	switch s.Op {
	case "=":
		c.use(s.Value, o, sym.Type, what)
	case "+=", "-=":
		if sym.Type.Kind == Bool {
			c.report("R207", s, "operator "+s.Op+" is not defined for bool")
		} else {
			c.use(s.Value, o, sym.Type, what)
		}
	case "*=", "/=":
		switch {
		case sym.Type.Kind == Bool:
			c.report("R207", s, "operator "+s.Op+" is not defined for bool")
		case t.Kind == Num && !isOne(t.Unit) && sym.Type.Kind == Num:
			e := c.report("R201", s.Value, s.Op+" would change the unit of "+name+"; the factor must be a plain number, found "+describe(t.Unit))
			e.Hint = "write " + name + " = " + name + " " + s.Op[:1] + " (" + c.text(s.Value) + ") and assign to a value of the resulting unit"
		case sym.Type.Kind == Num:
			if t.Kind == Int {
				e := c.report("R204", s.Value, "cannot mix int and num: "+c.text(s.Value)+" is int, "+name+" is "+sym.Type.String())
				e.Hint = "convert explicitly: num(" + c.text(s.Value) + ")"
			} else {
				c.use(s.Value, o, tNum, what)
			}
		default:
			c.use(s.Value, o, sym.Type, what)
		}
		if s.Op == "/=" {
			if o.k && o.v == 0 {
				c.report("R503", s.Value, "division by zero: "+c.text(s.Value)+" is a constant zero")
			}
		}
	}
	if sym.Kind == SymActuator && c.body != nil {
		c.body.written |= actBit(sym)
	}
}

// readActuator reports reading actuator s where some path has not yet
// written it in this tick (or in this function).
func (c *checker) readActuator(at syntax.Spanned, s *Symbol) {
	b := c.body
	if b == nil || !b.reachable || b.written&actBit(s) != 0 || actBit(s) == 0 {
		return
	}
	msg := "actuator " + s.Name + " is read before it is written in this tick"
	switch {
	case b.fn != nil:
		msg = "actuator " + s.Name + " is read in function " + b.fn.Name + " before the function writes it"
	case b.what != "on tick":
		msg = "actuator " + s.Name + " is read in " + b.what + " before it is written there"
	}
	e := c.report("R302", at, msg)
	e.Related = c.declaredHere(s)
	e.Hint = "an actuator holds last tick's output, not a measurement; write it first on every path, or keep the value in a state"
}

// cond checks an if condition.
func (c *checker) cond(x syntax.Expr) {
	t := c.expr(x)
	if t.Kind != Invalid && t.Kind != Bool {
		e := c.report("R206", x, "condition must be bool, found "+t.String())
		if t.IsNumeric() {
			e.Hint = "compare it, e.g. if " + c.text(x) + " != " + zeroOf(defaultType(t))
		}
	}
}

func (c *checker) ifStmt(s *syntax.IfStmt) {
	b := c.body
	c.cond(s.Cond)
	before, reach := b.written, b.reachable
	c.block(s.Then)
	thenW, thenR := b.written, b.reachable
	b.written, b.reachable = before, reach
	switch {
	case s.ElseIf != nil && stmtWellFormed(s.ElseIf):
		c.ifStmt(s.ElseIf)
	case s.Else != nil:
		c.block(s.Else)
	}
	c.merge(thenW, thenR)
}

// merge joins another path (written, reachable) into the current one.
func (c *checker) merge(w uint64, r bool) {
	b := c.body
	switch {
	case r && b.reachable:
		b.written &= w
	case r:
		b.written, b.reachable = w, true
	}
}

// maxLoop is the most iterations a for loop may run (R310): ticks have a
// cycle budget.
const maxLoop = 1024

func (c *checker) forStmt(s *syntax.ForStmt) {
	from, okF := c.loopBound(s.From)
	to, okT := c.loopBound(s.To)
	count := -1
	if okF && okT {
		count = to - from
		if count < 0 {
			count = 0
		}
		if count > maxLoop {
			e := c.report("R310", s, "loop runs "+strconv.Itoa(count)+" times; at most "+strconv.Itoa(maxLoop)+" are allowed")
			e.Hint = "a tick must finish within its cycle budget; spread the work over ticks with a state counter"
		}
		c.info.LoopCounts[s] = count
	}
	b := c.body
	before, reach := b.written, b.reachable
	c.openScope()
	c.newLocal(s.Var, SymLoopVar, s.Node, tInt).used = true
	c.block(s.Body)
	c.closeScope()
	if count <= 0 {
		// The body may not run: its writes do not count, and a return in
		// it does not end the path.
		b.written, b.reachable = before, reach
	}
}

// loopBound folds a loop bound: a compile-time constant int.
func (c *checker) loopBound(x syntax.Expr) (int, bool) {
	o := c.eval(x)
	t := o.t
	if t.Kind == Invalid {
		return 0, false
	}
	if !o.k {
		e := c.report("R305", x, "loop bound "+c.text(x)+" is not a compile-time constant")
		e.Hint = "use an integer literal or a `const`"
		if n, isName := x.(*syntax.Name); isName {
			if s := c.lookup(n.Name); s != nil && s.Kind == SymParam {
				e.Hint = "param " + s.Name + " can change at deploy time; loop bounds must be fixed when compiling: use a const"
				e.Related = c.declaredHere(s)
			}
		}
		return 0, false
	}
	if t.Kind != Int && t.Kind != UntypedInt {
		c.report("R202", x, "loop bound must be an int, found "+t.String())
		return 0, false
	}
	c.setUntyped(x, tInt)
	return int(o.v), true
}

func (c *checker) returnStmt(s *syntax.ReturnStmt) {
	b := c.body
	var o operand
	if s.Value != nil {
		o = c.eval(s.Value)
	}
	t := o.t
	switch {
	case b.fn == nil:
		if s.Value != nil {
			e := c.report("R209", s.Value, b.what+" cannot return a value")
			e.Hint = "write `return` alone to end the " + b.what + " block early"
		}
	case b.fn.Type.Kind == Void:
		if s.Value != nil {
			e := c.report("R209", s.Value, "function "+b.fn.Name+" has no result, but return has a value")
			e.Hint = "declare the result: fn " + b.fn.Name + "(…) -> TYPE"
		}
	case s.Value == nil:
		e := c.report("R209", s, "function "+b.fn.Name+" must return a "+b.fn.Type.String())
		e.Hint = "write `return VALUE`"
	case t.Kind != Invalid && b.fn.Type.Kind != Invalid:
		if t.Kind != b.fn.Type.Kind && !(t.Kind == UntypedInt && b.fn.Type.IsNumeric()) && !(t.IsNumeric() && b.fn.Type.IsNumeric()) {
			c.report("R209", s.Value, "function "+b.fn.Name+" returns "+b.fn.Type.String()+", found "+t.String())
		} else {
			c.use(s.Value, o, b.fn.Type, "the result of "+b.fn.Name)
		}
	}
	c.exit()
	b.reachable = false
}

func (c *checker) send(s *syntax.SendStmt) {
	o := c.eval(s.Value)
	sym := c.lookup(s.Box.Name)
	if sym == nil {
		c.undefined(s.Box, s.Box.Name, func(s *Symbol) bool { return s.Kind == SymOutbox }, "outbox")
		return
	}
	c.tables.ref(s.Box, sym)
	sym.used = true
	if sym.Kind != SymOutbox {
		e := c.report("R104", s.Box, "cannot send to "+sym.Kind.String()+" "+sym.Name+"; send needs an outbox")
		e.Related = c.declaredHere(sym)
		e.Hint = "declare `outbox NAME: TYPE @ CHANNEL`"
		return
	}
	c.use(s.Value, o, sym.Type, "send to "+sym.Name)
}

func (c *checker) receive(s *syntax.ReceiveStmt) {
	sym := c.lookup(s.Box.Name)
	t := tInvalid
	switch {
	case sym == nil:
		c.undefined(s.Box, s.Box.Name, func(s *Symbol) bool { return s.Kind == SymInbox }, "inbox")
	case sym.Kind != SymInbox:
		c.tables.ref(s.Box, sym)
		sym.used = true
		e := c.report("R104", s.Box, "cannot receive from "+sym.Kind.String()+" "+sym.Name+"; receive needs the inbox")
		e.Related = c.declaredHere(sym)
		e.Hint = "declare `inbox NAME: TYPE`"
	default:
		c.tables.ref(s.Box, sym)
		sym.used = true
		t = sym.Type
	}
	b := c.body
	before, reach := b.written, b.reachable
	c.openScope()
	c.newLocal(s.Var, SymMsgVar, s.Node, t)
	c.block(s.Body)
	c.closeScope()
	bodyW, bodyR := b.written, b.reachable
	b.written, b.reachable = before, reach
	c.block(s.Else)
	c.merge(bodyW, bodyR)
}

func (c *checker) exprStmt(s *syntax.ExprStmt) {
	t := c.expr(s.X)
	call, isCall := s.X.(*syntax.Call)
	if isCall {
		if _, isB := builtins[call.Fn.Name]; !isB || c.lookup(call.Fn.Name) != nil {
			return
		}
		e := c.report("R306", s, "the result of "+call.Fn.Name+" is discarded")
		e.Hint = "assign it: x = " + c.text(s.X)
		return
	}
	e := c.report("R306", s, c.text(s.X)+" is not a statement; only calls stand alone")
	if bin, ok := s.X.(*syntax.Binary); ok && bin.Op == "==" {
		if n, ok := bin.X.(*syntax.Name); ok {
			e.Hint = "to assign, write `" + n.Name + " = " + c.text(bin.Y) + "`"
			e.Edits = []diag.Edit{{Span: c.span(opNode(bin)), NewText: "="}}
			return
		}
	}
	if t.Kind != Invalid {
		e.Hint = "assign the value to something, or delete the line"
	}
}

// allActuators is the written-set with every actuator's bit set.
func allActuators(n int) uint64 {
	if n >= 64 {
		return ^uint64(0)
	}
	return 1<<uint(n) - 1
}
