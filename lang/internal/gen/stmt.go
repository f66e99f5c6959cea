package gen

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// body is the state while generating one handler, every block or function.
type body struct {
	globals []*sym
	locals  []*sym
	// written holds the actuators the checker knows are written on every
	// path to the current point (a subset: nested writes are forgotten).
	written  map[*sym]bool
	fn       *fn   // the function being generated; nil in a handler
	funcs    []*fn // callable functions
	failsafe bool  // on failsafe: actuators hold their safe values; no writes, no calls
	nest     int
}

func (g *gen) newBody() *body {
	return &body{globals: g.globals, written: map[*sym]bool{}, funcs: g.funcs}
}

func (b *body) visible() []*sym { return slices.Concat(b.globals, b.locals) }

type mark struct {
	n int
	w map[*sym]bool
}

// enter opens a nested block; leave closes it, forgetting its locals and
// the actuators it wrote.
func (b *body) enter() mark {
	b.nest++
	return mark{len(b.locals), maps.Clone(b.written)}
}

func (b *body) leave(m mark) {
	b.nest--
	b.locals, b.written = b.locals[:m.n], m.w
}

func indent(ls []string) []string {
	for i, l := range ls {
		ls[i] = "    " + l
	}
	return ls
}

func (g *gen) stmts(b *body, n int) []string {
	var ls []string
	for range n {
		ls = append(ls, g.stmt(b)...)
	}
	return ls
}

const maxNest = 3

func (g *gen) stmt(b *body) []string {
	depth := 1 + g.intn(g.o.MaxDepth)
	for {
		switch g.intn(14) {
		case 0, 1, 2:
			return g.let(b, depth)
		case 3, 4, 5, 6:
			if ls, ok := g.assign(b, depth); ok {
				return ls
			}
		case 7, 8:
			if b.nest < maxNest {
				return g.ifStmt(b, depth)
			}
		case 9:
			if b.nest < maxNest {
				return g.forStmt(b)
			}
		case 10:
			if len(g.outboxes) > 0 {
				box := pick(g, g.outboxes)
				return []string{"send " + box.name + "(" + g.valueFor(b, box.t, depth).s + ")"}
			}
		case 11:
			if g.inbox != nil && b.nest < maxNest {
				return g.receive(b)
			}
		case 12:
			return g.a2a(b, depth)
		case 13:
			if len(b.funcs) > 0 && !b.failsafe {
				return []string{g.callText(b, pick(g, b.funcs), depth-1)}
			}
		}
	}
}

func (g *gen) let(b *body, depth int) []string {
	t := g.declType()
	e := g.value(b, t, depth)
	s := &sym{name: g.name("v"), role: rLet}
	var line string
	if g.chance(1, 2) || e.untyped && t.k != kInt {
		e = fit(e, t)
		s.t = t
		line = "let " + s.name + ": " + t.String() + " = " + e.s
	} else {
		s.t = e.t
		line = "let " + s.name + " = " + e.s
	}
	b.locals = append(b.locals, s)
	return []string{line}
}

var assignOps = []string{"=", "=", "+=", "-=", "*=", "/="}

func (g *gen) assign(b *body, depth int) ([]string, bool) {
	var targets []*sym
	for _, s := range b.visible() {
		if s.assignable() && !(b.failsafe && s.role == rActuator) {
			targets = append(targets, s)
		}
	}
	if len(targets) == 0 {
		return nil, false
	}
	s := pick(g, targets)
	op := pick(g, assignOps)
	if s.t.k == kBool || s.role == rActuator && !b.written[s] {
		op = "=" // a compound assignment reads its target
	}
	var e ex
	switch {
	case op == "=" || op == "+=" || op == "-=":
		e = g.valueFor(b, s.t, depth)
	case s.t.k == kInt:
		e = g.integer(b, depth)
	default:
		// The factor of *= and /= on a num must be a plain number.
		e = fit(g.num(b, one, depth), tPlain)
	}
	if op == "/=" && e.k && e.v == 0 {
		e = untypedLit(2)
	}
	if s.role == rActuator {
		b.written[s] = true
	}
	return []string{s.name + " " + op + " " + e.s}, true
}

// nested generates a nested block; mayReturn lets it end in a return.
func (g *gen) nested(b *body, mayReturn bool, enter func()) []string {
	m := b.enter()
	if enter != nil {
		enter()
	}
	n := 1 + g.intn(min(3, g.o.MaxStmts))
	ls := g.stmts(b, n)
	if mayReturn && g.chance(1, 4) {
		ls = append(ls, g.ret(b))
	}
	b.leave(m)
	return indent(ls)
}

func (g *gen) ret(b *body) string {
	if b.fn != nil && b.fn.result != nil {
		return "return " + g.valueFor(b, *b.fn.result, 1+g.intn(g.o.MaxDepth)).s
	}
	return "return"
}

// ifStmt returns only from the then and else-if branches, never from the
// else, so code after the if stays reachable.
func (g *gen) ifStmt(b *body, depth int) []string {
	ls := []string{"if " + g.boolean(b, depth).s + " {"}
	ls = append(ls, g.nested(b, true, nil)...)
	for g.chance(1, 3) {
		ls = append(ls, "} else if "+g.boolean(b, depth).s+" {")
		ls = append(ls, g.nested(b, true, nil)...)
	}
	if g.chance(1, 2) {
		ls = append(ls, "} else {")
		ls = append(ls, g.nested(b, false, nil)...)
	}
	return append(ls, "}")
}

// forStmt writes a loop of at most 6 iterations; its bounds are literals
// or small int consts. A return in a loop body that surely runs would make
// the code after it unreachable, so the body never returns.
func (g *gen) forStmt(b *body) []string {
	lo := g.intn(3)
	from, to := strconv.Itoa(lo), strconv.Itoa(lo+g.intn(7-lo))
	if bs := g.loopBounds(); len(bs) > 0 && g.chance(1, 3) {
		to = pick(g, bs).name
	}
	v := &sym{name: g.name("i"), t: tInt, role: rLoopVar}
	ls := []string{"for " + v.name + " in " + from + ".." + to + " {"}
	ls = append(ls, g.nested(b, false, func() { b.locals = append(b.locals, v) })...)
	return append(ls, "}")
}

func (g *gen) receive(b *body) []string {
	v := &sym{name: g.name("m"), t: g.inbox.t, role: rMsgVar}
	ls := []string{"receive " + g.inbox.name + " as " + v.name + " {"}
	ls = append(ls, g.nested(b, true, func() { b.locals = append(b.locals, v) })...)
	if g.chance(1, 2) {
		ls = append(ls, "} else {")
		ls = append(ls, g.nested(b, false, nil)...)
	}
	return append(ls, "}")
}

func (g *gen) a2a(b *body, depth int) []string {
	var args []string
	switch n := g.intn(3); {
	case n >= 1:
		t := pick(g, []typ{tBool, tInt, {k: kNum, u: g.someDim(b)}})
		args = append(args, g.value(b, t, depth).s)
		if n == 2 {
			args = append(args, strconv.Itoa(g.intn(256)))
		}
	}
	return []string{"a2a " + pick(g, a2aOps) + "(" + strings.Join(args, ", ") + ")"}
}

// function generates a function that may call the functions before it.
func (g *gen) function(o *out) {
	f := &fn{name: g.name("f")}
	var ps []string
	for range g.intn(4) {
		p := &sym{name: g.name("a"), t: g.declType(), role: rFnParam}
		f.params = append(f.params, p)
		ps = append(ps, p.name+": "+p.t.String())
	}
	head := "fn " + f.name + "(" + strings.Join(ps, ", ") + ")"
	if g.chance(2, 3) {
		t := g.declType()
		f.result = &t
		head += " -> " + t.String()
	}
	b := g.newBody()
	b.fn, b.locals = f, slices.Clone(f.params)
	ls := g.stmts(b, g.intn(g.o.MaxStmts/2+1))
	if f.result != nil {
		ls = append(ls, g.ret(b))
	}
	g.funcs = append(g.funcs, f)
	g.bodyDecl(o, head, ls)
}

func (g *gen) bodyDecl(o *out, head string, ls []string) {
	if len(ls) == 0 {
		o.line(1, head+" {}")
		return
	}
	o.line(1, head+" {")
	o.block(2, ls)
	o.line(1, "}")
}

func (g *gen) handlers(o *out) {
	if g.chance(1, 3) {
		b := g.newBody()
		g.bodyDecl(o, "on init", g.stmts(b, 1+g.intn(g.o.MaxStmts)))
	}
	b := g.newBody()
	var ls []string
	for _, a := range g.acts {
		if g.chance(1, 2) {
			ls = append(ls, a.name+" = "+g.valueFor(b, a.t, 1+g.intn(g.o.MaxDepth)).s)
			b.written[a] = true
		}
	}
	ls = append(ls, g.stmts(b, 1+g.intn(g.o.MaxStmts))...)
	g.bodyDecl(o, "on tick", ls)
	for range g.intn(3) {
		b := g.newBody()
		g.bodyDecl(o, "every "+g.every(), g.stmts(b, 1+g.intn(g.o.MaxStmts)))
	}
	b = g.newBody()
	b.failsafe, b.funcs = true, nil
	ls = nil
	for _, a := range g.acts {
		ls = append(ls, a.name+" = "+a.safe)
		b.written[a] = true
	}
	ls = append(ls, g.stmts(b, g.intn(3))...)
	g.bodyDecl(o, "on failsafe", ls)
}
