package gen

import (
	"math"

	"github.com/nexusfleet/nexus/lang/units"
)

// value generates an expression of t's kind and, for num, t's dimension.
func (g *gen) value(b *body, t typ, depth int) ex {
	switch t.k {
	case kBool:
		return g.boolean(b, depth)
	case kInt:
		return g.integer(b, depth)
	}
	return g.num(b, t.u, depth)
}

// valueFor generates a value stored as t (assigned, passed, returned,
// sent): a constant must fit after conversion to t's unit.
func (g *gen) valueFor(b *body, t typ, depth int) ex {
	return fit(g.value(b, t, depth), t)
}

// fit replaces a constant e that the VM cannot hold as t by 1 in t.
func fit(e ex, t typ) ex {
	if e.k && t.k == kNum && !e.untyped && !fits(e.valueIn(t)) {
		return oneOf(ex{t: t})
	}
	return e
}

// leaf picks a readable variable or constant of a kind and dimension, or
// nil.
func (g *gen) leaf(b *body, ok func(*sym) bool) *sym {
	var cands []*sym
	for _, s := range b.visible() {
		if ok(s) && (s.role != rActuator || b.written[s]) {
			cands = append(cands, s)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	return pick(g, cands)
}

func (g *gen) num(b *body, d units.Unit, depth int) ex {
	if depth <= 0 || g.chance(1, 4) {
		return g.numLeaf(b, d)
	}
	dimless := d.IsDimensionless()
	switch g.intn(12) {
	case 0, 1:
		return additive(pick(g, []string{"+", "-"}), g.num(b, d, depth-1), g.num(b, d, depth-1))
	case 2, 3:
		if e, ok := g.mul(b, d, depth); ok {
			return e
		}
	case 4:
		if e, ok := g.div(b, d, depth); ok {
			return e
		}
	case 5:
		return neg(g.num(b, d, depth-1))
	case 6, 7:
		return g.builtin(b, func() ex { return g.num(b, d, depth-1) })
	case 8:
		if dimless {
			return g.conv(tPlain, g.integer(b, depth-1))
		}
		sp := pick(g, spellingsOf(d))
		return g.conv(typ{k: kNum, u: sp.u}, g.num(b, d, depth-1))
	case 9:
		if e, ok := g.call(b, func(t typ) bool { return t.k == kNum && units.SameDimension(t.u, d) }, depth); ok {
			return e
		}
	}
	return g.numLeaf(b, d)
}

// someDim picks a dimension, preferring one a visible variable has, so
// that expressions read variables rather than fold to constants.
func (g *gen) someDim(b *body) units.Unit {
	if g.chance(2, 3) {
		if s := g.leaf(b, func(s *sym) bool { return s.t.k == kNum }); s != nil {
			return s.t.u
		}
	}
	return pick(g, dims)
}

func (g *gen) numLeaf(b *body, d units.Unit) ex {
	dimless := d.IsDimensionless()
	s := g.leaf(b, func(s *sym) bool {
		return s.t.k == kNum && units.SameDimension(s.t.u, d) || dimless && s.untyped
	})
	if s != nil && g.chance(3, 4) {
		return s.use()
	}
	if dimless {
		if g.chance(1, 2) {
			return untypedLit(g.intn(10))
		}
		return plainLit(pick(g, litValues))
	}
	sp := pick(g, spellingsOf(d))
	return unitLit(pick(g, litValues), sp.text, sp.u)
}

// mul generates a*b for dimension d, splitting d into two table dimensions.
func (g *gen) mul(b *body, d units.Unit, depth int) (ex, bool) {
	var fs []units.Unit
	for _, f := range dims {
		if hasDim(dims, d.Div(f)) {
			fs = append(fs, f)
		}
	}
	if len(fs) == 0 {
		return ex{}, false
	}
	f := pick(g, fs)
	x, y := g.num(b, d.Div(f), depth-1), g.num(b, f, depth-1)
	if g.chance(1, 2) {
		x, y = y, x
	}
	return multiplicative("*", x, y), true
}

// div generates a/b for dimension d; for a dimensionless d this includes a
// value divided by one of its own dimension.
func (g *gen) div(b *body, d units.Unit, depth int) (ex, bool) {
	var fs []units.Unit
	for _, f := range dims {
		if hasDim(dims, d.Mul(f)) {
			fs = append(fs, f)
		}
	}
	if len(fs) == 0 {
		return ex{}, false
	}
	f := pick(g, fs)
	return multiplicative("/", g.num(b, d.Mul(f), depth-1), g.num(b, f, depth-1)), true
}

func (g *gen) integer(b *body, depth int) ex {
	if depth <= 0 || g.chance(1, 4) {
		return g.intLeaf(b)
	}
	switch g.intn(10) {
	case 0, 1:
		return additive(pick(g, []string{"+", "-"}), g.integer(b, depth-1), g.integer(b, depth-1))
	case 2:
		return multiplicative("*", g.integer(b, depth-1), g.integer(b, depth-1))
	case 3:
		return multiplicative("/", g.integer(b, depth-1), g.integer(b, depth-1))
	case 4:
		return neg(g.integer(b, depth-1))
	case 5, 6:
		return g.builtin(b, func() ex { return g.integer(b, depth-1) })
	case 7:
		return g.conv(tInt, g.num(b, g.someDim(b), depth-1))
	case 8:
		if e, ok := g.call(b, func(t typ) bool { return t.k == kInt }, depth); ok {
			return e
		}
	}
	return g.intLeaf(b)
}

func (g *gen) intLeaf(b *body) ex {
	if s := g.leaf(b, func(s *sym) bool { return s.t.k == kInt }); s != nil && g.chance(2, 3) {
		return s.use()
	}
	return untypedLit(g.intn(10))
}

var cmpOps = []string{"==", "!=", "<", "<=", ">", ">="}

func (g *gen) boolean(b *body, depth int) ex {
	if depth <= 0 || g.chance(1, 5) {
		return g.boolLeaf(b)
	}
	switch g.intn(9) {
	case 0, 1:
		d := g.someDim(b)
		return comparison(pick(g, cmpOps), g.num(b, d, depth-1), g.num(b, d, depth-1))
	case 2:
		return comparison(pick(g, cmpOps), g.integer(b, depth-1), g.integer(b, depth-1))
	case 3, 4:
		return logical(pick(g, []string{"and", "or"}), g.boolean(b, depth-1), g.boolean(b, depth-1))
	case 5:
		x := g.boolean(b, depth-1)
		return ex{s: "not " + x.wrap(), t: tBool, k: x.k, v: 1 - x.v}
	case 6:
		return comparison(pick(g, []string{"==", "!="}), g.boolean(b, depth-1), g.boolean(b, depth-1))
	case 7:
		if e, ok := g.call(b, func(t typ) bool { return t.k == kBool }, depth); ok {
			return e
		}
	}
	return g.boolLeaf(b)
}

func (g *gen) boolLeaf(b *body) ex {
	if s := g.leaf(b, func(s *sym) bool { return s.t.k == kBool }); s != nil && g.chance(3, 4) {
		return s.use()
	}
	return boolLit(g.chance(1, 2))
}

// call calls a user function whose result satisfies ok.
func (g *gen) call(b *body, ok func(typ) bool, depth int) (ex, bool) {
	var cands []*fn
	for _, f := range b.funcs {
		if f.result != nil && ok(*f.result) {
			cands = append(cands, f)
		}
	}
	if len(cands) == 0 {
		return ex{}, false
	}
	f := pick(g, cands)
	return ex{s: g.callText(b, f, depth-1), t: *f.result, atom: true}, true
}

func (g *gen) callText(b *body, f *fn, depth int) string {
	s := f.name + "("
	for i, p := range f.params {
		if i > 0 {
			s += ", "
		}
		s += g.valueFor(b, p.t, depth).s
	}
	return s + ")"
}

// builtin generates abs, min, max or clamp over operands from arg.
func (g *gen) builtin(b *body, arg func() ex) ex {
	name := pick(g, []string{"abs", "min", "max", "clamp"})
	n := map[string]int{"abs": 1, "min": 2 + g.intn(2), "max": 2 + g.intn(2), "clamp": 3}[name]
	args := make([]ex, n)
	allConst := true
	for i := range args {
		args[i] = arg()
		allConst = allConst && args[i].k
	}
	t, untyped := unify(args...)
	// The checker rejects a plain num literal after the argument that
	// fixed the type (R208 for min(g, 0.5) with g: num); num(0.5) passes.
	for i, definite := range args {
		if !definite.untyped {
			for j := i + 1; j < n; j++ {
				if args[j].plain {
					args[j] = g.conv(tPlain, args[j])
				}
			}
			break
		}
	}
	var v float64
	if allConst {
		vals := make([]float64, n)
		for i, a := range args {
			vals[i] = a.valueIn(t)
		}
		v = vals[0]
		switch name {
		case "abs":
			v = math.Abs(v)
		case "min":
			for _, w := range vals[1:] {
				v = min(v, w)
			}
		case "max":
			for _, w := range vals[1:] {
				v = max(v, w)
			}
		case "clamp":
			v = max(vals[1], min(v, vals[2]))
		}
		if !nice(v) {
			return args[0]
		}
	} else {
		for i := range args {
			args[i] = fit(args[i], t)
		}
	}
	s := name + "("
	for i, a := range args {
		if i > 0 {
			s += ", "
		}
		s += a.s
	}
	return ex{s: s + ")", t: t, untyped: untyped, k: allConst, v: v, atom: true}
}

// conv converts x to t: int(x) from a num, num(x) from an int, num[U](x)
// within a dimension.
func (g *gen) conv(t typ, x ex) ex {
	e := ex{s: t.String() + "(" + x.s + ")", t: t, k: x.k, atom: true}
	switch {
	case t.k == kInt:
		e.v = math.Trunc(x.v)
	case x.t.k == kInt:
		e.v = x.v
	default:
		e.v = x.valueIn(t)
	}
	if e.k && !nice(e.v) {
		return x
	}
	return e
}

func neg(x ex) ex {
	return ex{s: "-" + x.wrap(), t: x.t, untyped: x.untyped, k: x.k, v: -x.v, plain: x.plain}
}

func additive(op string, x, y ex) ex {
	t, untyped := unify(x, y)
	e := ex{s: x.wrap() + " " + op + " " + y.wrap(), t: t, untyped: untyped, k: x.k && y.k}
	if e.k {
		a, c := x.valueIn(t), y.valueIn(t)
		e.v = a + c
		if op == "-" {
			e.v = a - c
		}
		if !nice(e.v) {
			return x
		}
		return e
	}
	e.s = fit(x, t).wrap() + " " + op + " " + fit(y, t).wrap()
	return e
}

func comparison(op string, x, y ex) ex {
	t, _ := unify(x, y)
	e := ex{t: tBool, k: x.k && y.k}
	if e.k {
		a, c := x.valueIn(t), y.valueIn(t)
		r := map[string]bool{"==": a == c, "!=": a != c, "<": a < c, "<=": a <= c, ">": a > c, ">=": a >= c}[op]
		e.v = b2f(r)
	} else {
		x, y = fit(x, t), fit(y, t)
	}
	e.s = x.wrap() + " " + op + " " + y.wrap()
	return e
}

func logical(op string, x, y ex) ex {
	e := ex{s: x.wrap() + " " + op + " " + y.wrap(), t: tBool, k: x.k && y.k}
	if op == "and" {
		e.v = b2f(x.v != 0 && y.v != 0)
	} else {
		e.v = b2f(x.v != 0 || y.v != 0)
	}
	return e
}

// multiplicative builds x*y or x/y with the checker's typing: units
// multiply and divide, untyped integers adapt, int division truncates. A
// constant zero divisor, or a constant result that is not nice, has its
// right operand replaced by 1. A dimensionless result in a scaled unit
// (ms/s) is made plain with num(…).
func multiplicative(op string, x, y ex) ex {
	if op == "/" && y.k && y.v == 0 {
		y = oneOf(y)
	}
	e := ex{s: x.wrap() + " " + op + " " + y.wrap(), k: x.k && y.k}
	switch {
	case x.untyped && y.untyped:
		e.t, e.untyped = tInt, true
	case x.t.k == kNum && y.t.k == kNum:
		e.t = typ{k: kNum, u: x.t.u.Mul(y.t.u)}
		if op == "/" {
			e.t.u = x.t.u.Div(y.t.u)
		}
	case x.t.k == kNum:
		e.t = x.t
	case y.t.k == kNum:
		e.t = y.t
		if op == "/" {
			e.t.u = one.Div(y.t.u)
		}
	default:
		e.t = tInt
	}
	if e.k {
		switch {
		case op == "*":
			e.v = x.v * y.v
		case e.t.k == kNum:
			e.v = x.v / y.v
		default:
			e.v = math.Trunc(x.v / y.v)
		}
		if !nice(e.v) {
			return multiplicative(op, x, oneOf(y))
		}
	}
	if e.t.k == kNum && e.t.u != one && e.t.u.IsDimensionless() {
		p := ex{s: "num(" + e.s + ")", t: tPlain, k: e.k, v: e.valueIn(tPlain), atom: true}
		if p.k && !nice(p.v) {
			return oneOf(p)
		}
		return p
	}
	return e
}
