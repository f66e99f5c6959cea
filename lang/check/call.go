package check

import (
	"strconv"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/syntax"
	"github.com/nexusfleet/nexus/vm/isa"
)

func isFunc(s *Symbol) bool { return s.Kind == SymFunc }

func (c *checker) call(x *syntax.Call) operand {
	name := x.Fn.Name
	s := c.lookup(name)
	if s == nil {
		s = builtins[name]
	}
	if s == nil {
		c.undefined(x.Fn, name, isFunc, "function")
		c.exprs(x.Args)
		return invalidOp
	}
	c.tables.ref(x.Fn, s)
	if s.Kind == SymBuiltin {
		return c.builtin(x)
	}
	s.used = true
	if s.Kind != SymFunc {
		e := c.report("R104", x.Fn, s.Kind.String()+" "+name+" is not a function")
		e.Related = c.declaredHere(s)
		if isValue(s) {
			e.Hint = "use it as a value: " + name
		}
		c.exprs(x.Args)
		return invalidOp
	}
	ops := c.exprs(x.Args)
	if len(x.Args) != len(s.Params) {
		e := c.report("R203", x, "function "+name+" takes "+plural(len(s.Params), "argument")+", found "+strconv.Itoa(len(x.Args)))
		e.Related = c.declaredHere(s)
	} else {
		for i, a := range x.Args {
			p := s.Params[i]
			c.use(a, ops[i], p.Type, "argument "+p.Name+" of "+name)
		}
	}
	if c.body != nil {
		c.body.calls = append(c.body.calls, CallSite{Call: x, Callee: s})
		c.body.written |= c.summary(s)
	}
	return typed(s.Type)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

func (c *checker) exprs(xs []syntax.Expr) []operand {
	ops := make([]operand, len(xs))
	for i, a := range xs {
		ops[i] = c.eval(a)
	}
	return ops
}

// builtin types min, max, clamp and abs. All take numbers of one
// dimension and return that type (scale conversions go to the first typed
// argument's unit).
func (c *checker) builtin(x *syntax.Call) operand {
	name := x.Fn.Name
	ops := c.exprs(x.Args)
	n := len(x.Args)
	switch {
	case name == "abs" && n != 1:
		c.report("R203", x, "abs takes 1 argument, found "+strconv.Itoa(n)).Hint = "abs(x)"
		return invalidOp
	case name == "clamp" && n != 3:
		c.report("R203", x, "clamp takes 3 arguments (x, lo, hi), found "+strconv.Itoa(n)).Hint = "clamp(x, lo, hi)"
		return invalidOp
	case (name == "min" || name == "max") && n < 2:
		c.report("R203", x, name+" takes 2 or more arguments, found "+strconv.Itoa(n))
		return invalidOp
	}
	ts := make([]Type, n)
	allConst := true
	for i, o := range ops {
		ts[i] = o.t
		allConst = allConst && o.k
		if o.t.Kind == Invalid {
			return invalidOp
		}
		if !o.t.IsNumeric() {
			c.report("R202", x.Args[i], "argument of "+name+" must be a number, found "+o.t.String())
			return invalidOp
		}
	}
	t := c.unify(x.Args, ts, func(a, b string) string { return "mix " + a + " and " + b + " in " + name })
	if t.Kind == Invalid {
		return invalidOp
	}
	if !allConst {
		for j, o := range ops {
			if o.k {
				c.materialize(x.Args[j], o.t, o.v, defaultType(t))
			}
		}
		return typed(t)
	}
	// Fold: every argument is constant.
	vals := make([]float64, n)
	for i, o := range ops {
		vals[i] = o.v * c.factorTo(o.t, t)
	}
	v := vals[0]
	switch name {
	case "abs":
		if v < 0 {
			v = -v
		}
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
	return c.fold(x, t, v)
}

// a2aOps maps lower-case A2A opcode names (from vm/isa) to mnemonics.
var a2aOps, a2aNames = func() (map[string]string, []string) {
	m := map[string]string{}
	var names []string
	for _, in := range isa.All() {
		if in.A2A {
			l := strings.ToLower(in.Name)
			m[l] = in.Name
			names = append(names, l)
		}
	}
	return m, names
}()

// a2a checks `a2a OP(ARGS)`. The statement emits one A2A opcode. It
// takes at most two arguments: the first any bool, int or num value (passed
// to the host hook in a register), the second a constant int 0..255 (the
// opcode's immediate).
func (c *checker) a2a(s *syntax.A2AStmt) {
	ops := c.exprs(s.Args)
	op, ok := a2aOps[s.Op.Name]
	if !ok {
		e := c.report("R107", s.Op, "unknown A2A operation "+s.Op.Name)
		if sug, ok := diag.Suggest(s.Op.Name, a2aNames); ok {
			e.Hint = "did you mean " + sug + "?"
			e.Edits = []diag.Edit{{Span: c.span(s.Op), NewText: sug}}
		} else {
			e.Hint = "A2A operations are the vm's A2A opcodes in lower case, e.g. report_status, declare_intent, request_override"
		}
	} else {
		c.info.A2A[s] = op
	}
	if len(s.Args) > 2 {
		c.report("R203", s, "a2a "+s.Op.Name+" takes at most 2 arguments (a value and a constant 0..255), found "+strconv.Itoa(len(s.Args)))
		return
	}
	if len(s.Args) >= 1 {
		o := ops[0]
		switch o.t.Kind {
		case Invalid, Bool, Int:
		case Num:
			if o.k {
				c.materialize(s.Args[0], o.t, o.v, o.t)
			}
		case UntypedInt:
			c.setUntyped(s.Args[0], tInt)
			c.materialize(s.Args[0], o.t, o.v, tInt)
		default:
			c.report("R202", s.Args[0], "the value of a2a "+s.Op.Name+" must be a bool, int or num, found "+o.t.String())
		}
	}
	if len(s.Args) == 2 {
		x := s.Args[1]
		o := ops[1]
		if o.t.Kind != Invalid && (!o.k || (o.t.Kind != Int && o.t.Kind != UntypedInt) || o.v < 0 || o.v > 255) {
			c.report("R202", x, "the second argument of a2a "+s.Op.Name+" must be a constant int 0..255, found "+c.text(x)).Hint =
				"it is the opcode's one-byte immediate; pass changing values as the first argument"
			return
		}
		c.setUntyped(x, tInt)
	}
}
