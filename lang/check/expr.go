package check

import (
	"math"
	"strconv"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/syntax"
)

// operand is what checking an expression yields: its type and, when it
// folds to a constant, its value (in the unit of t). Passing it along
// saves the side-table lookups a parent would otherwise make.
type operand struct {
	t Type
	v float64
	k bool // constant
}

func typed(t Type) operand { return operand{t: t} }

var invalidOp = operand{}

// expr types x and returns its type.
func (c *checker) expr(x syntax.Expr) Type { return c.eval(x).t }

// eval types x, records its type (and folded value, if constant) in the
// side tables and returns both. Invalid means an error was already
// reported.
func (c *checker) eval(x syntax.Expr) operand {
	var o operand
	switch x := x.(type) {
	case *syntax.NumberLit:
		o = c.number(x)
	case *syntax.BoolLit:
		o = operand{t: tBool, v: b2f(x.Value), k: true}
	case *syntax.StringLit:
		c.report("R202", x, "a string is not a value; strings appear only after `intent`")
	case *syntax.Name:
		o = c.name(x)
	case *syntax.Paren:
		o = c.eval(x.X)
	case *syntax.Unary:
		o = c.unary(x)
	case *syntax.Binary:
		o = c.binary(x)
	case *syntax.Call:
		o = c.call(x)
	case *syntax.Conv:
		o = c.conv(x)
	default:
		return invalidOp
	}
	if o.t.Kind == Invalid {
		o.k = false
	}
	c.tables.typeOf(x, o)
	return o
}

// number types a literal: with a unit it is num[UNIT]; without, a
// fraction makes it num and a whole number is an integer constant.
func (c *checker) number(x *syntax.NumberLit) operand {
	v, err := literalValue(x.Text)
	if err != "" {
		c.report("R504", x, err+" "+x.Text).Hint = "numbers are decimal (42, 0.25) or hexadecimal (0x1F)"
		return invalidOp
	}
	if x.Unit != nil {
		u, ok := c.resolveUnit(x.Unit, x.Text)
		if !ok {
			return invalidOp
		}
		return operand{t: Type{Kind: Num, Unit: u}, v: v, k: true}
	}
	if strings.IndexByte(x.Text, '.') >= 0 {
		return operand{t: tNum, v: v, k: true}
	}
	// 2147483648 is allowed so that -2147483648 can be written; a literal
	// that does not fit where it is used is reported there (R504, R501).
	if v > math.MaxInt32+1 {
		c.report("R504", x, "integer "+x.Text+" does not fit in 32 bits").Hint =
			"ints range from -2147483648 to 2147483647; num values from -32768 to 32767.99998"
		return invalidOp
	}
	return operand{t: tUntyped, v: v, k: true}
}

// literalValue reads a number as the lexer accepts it: decimal with an
// optional fraction, or 0x hexadecimal (never octal).
func literalValue(text string) (float64, string) {
	if len(text) <= 9 { // the common case: a small decimal integer, exact
		v := 0
		for i := 0; i < len(text); i++ {
			d := text[i] - '0'
			if d > 9 || (i == 0 && d == 0 && len(text) > 1) {
				v = -1
				break
			}
			v = v*10 + int(d)
		}
		if v >= 0 && len(text) > 0 {
			return float64(v), ""
		}
	}
	if len(text) > 1 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') {
		n, err := strconv.ParseUint(text[2:], 16, 64)
		if err != nil {
			if len(text) == 2 {
				return 0, "malformed number"
			}
			return 0, "number out of range:"
		}
		return float64(n), ""
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(f, 0) {
		if strings.Contains(text, "e") || strings.Contains(text, "E") || text == "" {
			return 0, "malformed number"
		}
		return 0, "number out of range:"
	}
	return f, ""
}

// lookup finds a name: locals innermost first, then reflex-level names.
func (c *checker) lookup(name string) *Symbol {
	for i := len(c.locals) - 1; i >= 0; i-- {
		if c.locals[i].Name == name {
			return c.locals[i]
		}
	}
	return c.info.Globals[name]
}

// undefined reports an unknown name with the closest visible name.
func (c *checker) undefined(at syntax.Spanned, name string, filter func(*Symbol) bool, what string) {
	var cands []string
	for _, s := range c.locals {
		if filter == nil || filter(s) {
			cands = append(cands, s.Name)
		}
	}
	for _, s := range c.info.Symbols {
		if c.info.Globals[s.Name] == s && (filter == nil || filter(s)) {
			cands = append(cands, s.Name)
		}
	}
	if what == "function" {
		cands = append(cands, "min", "max", "clamp", "abs")
	}
	e := c.report("R101", at, "undefined "+what+" "+name)
	if s, ok := diag.Suggest(name, cands); ok {
		e.Hint = "did you mean " + s + "?"
		e.Edits = []diag.Edit{{Span: c.span(at), NewText: s}}
		if sym := c.lookup(s); sym != nil {
			e.Related = c.declaredHere(sym)
		}
	} else if what == "name" {
		e.Hint = "declare it (sensor, actuator, param, const, state or let) before using it"
	}
}

func isValue(s *Symbol) bool {
	switch s.Kind {
	case SymFunc, SymBuiltin, SymInbox, SymOutbox:
		return false
	}
	return true
}

func (c *checker) name(x *syntax.Name) operand {
	s := c.lookup(x.Name)
	if s == nil {
		c.undefined(x, x.Name, isValue, "name")
		return invalidOp
	}
	c.tables.use(x, s)
	s.used = true
	switch s.Kind {
	case SymFunc:
		c.report("R104", x, "function "+x.Name+" is used as a value").Hint = "call it: " + x.Name + "(…)"
		return invalidOp
	case SymInbox:
		e := c.report("R104", x, "inbox "+x.Name+" is not a value")
		e.Hint = "read a message with `receive " + x.Name + " as v { … }`"
		return invalidOp
	case SymOutbox:
		e := c.report("R104", x, "outbox "+x.Name+" is not a value")
		e.Hint = "send to it with `send " + x.Name + "(VALUE)`"
		return invalidOp
	case SymConst, SymParam, SymState:
		c.resolveVar(s)
		if s.Kind == SymConst && s.Value != nil {
			return operand{t: s.Type, v: s.Value.Value, k: true}
		}
		if s.Kind == SymConst && s.varDecl != nil && s.varDecl.Value != nil {
			// A const whose value failed (a cycle, an error in it) was
			// reported at its declaration; uses add nothing.
			return invalidOp
		}
	case SymActuator:
		c.readActuator(x, s)
	}
	return typed(s.Type)
}

// plainLiteral returns the number literal at the core of x when x is a
// literal without a unit (possibly negated or parenthesized).
func plainLiteral(x syntax.Expr) *syntax.NumberLit {
	for {
		switch y := x.(type) {
		case *syntax.NumberLit:
			if y.Unit == nil {
				return y
			}
			return nil
		case *syntax.Paren:
			x = y.X
		case *syntax.Unary:
			if y.Op != "-" {
				return nil
			}
			x = y.X
		default:
			return nil
		}
	}
}

// assignable reports whether a value x of type t can be used where want is
// expected (assignment, argument, return, declaration value), reporting
// the mismatch if not and recording the scale conversion if one is needed.
func (c *checker) assignable(x syntax.Expr, t, want Type, what string) bool {
	if t.Kind == Invalid || want.Kind == Invalid {
		return false
	}
	switch {
	case t.Kind == want.Kind && t.Kind != Num:
		return true
	case t.Kind == UntypedInt && want.Kind == Int:
		c.setUntyped(x, want)
		return true
	case t.Kind == UntypedInt && want.Kind == Num:
		if isOne(want.Unit) {
			c.setUntyped(x, want)
			return true
		}
		c.unitMissing(x, want, what)
		return false
	case t.Kind == Num && want.Kind == Num:
		if sameDim(t.Unit, want.Unit) {
			c.noteConvert(x, t, want)
			return true
		}
		if isOne(t.Unit) && plainLiteral(x) != nil {
			c.unitMissing(x, want, what)
			return false
		}
		e := c.report("R201", x, what+" wants "+describe(want.Unit)+", found "+describe(t.Unit))
		e.Hint = c.unitHint(x, t, want)
		return false
	case t.Kind == Int && want.Kind == Num:
		e := c.report("R204", x, what+" wants "+want.String()+", found int")
		e.Hint = "convert explicitly: num(" + c.text(x) + ")"
		if !isOne(want.Unit) {
			e.Hint += " * 1 " + want.Unit.String()
		}
		return false
	case t.Kind == Num && want.Kind == Int:
		e := c.report("R204", x, what+" wants int, found "+t.String())
		e.Hint = "convert explicitly: int(" + c.text(x) + ") truncates toward zero"
		return false
	case t.Kind == Void:
		c.report("R202", x, c.text(x)+" has no value; "+what+" wants "+want.String())
		return false
	}
	c.report("R202", x, what+" wants "+want.String()+", found "+t.String())
	return false
}

// unitHint suggests how to reconcile two dimensions.
func (c *checker) unitHint(x syntax.Expr, t, want Type) string {
	if isOne(t.Unit) {
		return "multiply by a unit: (" + c.text(x) + ") * 1 " + want.Unit.String()
	}
	if isOne(want.Unit) {
		return "divide by a unit to get a plain number: (" + c.text(x) + ") / 1 " + t.Unit.String()
	}
	// Say what the formula is missing: the factor that turns one unit into
	// the other (a time from a length needs a division by a speed).
	need := want.Unit.Div(t.Unit)
	if !need.Valid() {
		return "check the formula: the units do not match"
	}
	inv := t.Unit.Div(want.Unit)
	return "the formula is missing a factor: multiply by a value in " + need.String() + ", or divide by a value in " + inv.String()
}

// unitMissing reports a plain number where a unit is wanted (R208), with
// an edit appending the unit when the number is a literal.
func (c *checker) unitMissing(x syntax.Expr, want Type, what string) {
	u := want.Unit.String()
	if lit := plainLiteral(x); lit != nil {
		e := c.report("R208", x, what+" wants "+describe(want.Unit)+", found the plain number "+c.text(x))
		e.Hint = "write `" + c.text(x) + " " + u + "`"
		e.Edits = []diag.Edit{c.insertAt(lit.EndPos, " "+u)}
		return
	}
	e := c.report("R201", x, what+" wants "+describe(want.Unit)+", found a plain number")
	e.Hint = "multiply by a unit: (" + c.text(x) + ") * 1 " + u
}

// noteConvert records the scale factor from t's unit to want's unit.
func (c *checker) noteConvert(x syntax.Expr, t, want Type) {
	if t.Kind != Num || want.Kind != Num {
		return
	}
	if f := factor(t.Unit, want.Unit); f != 1 {
		c.tables.convertOf(x, f)
	}
}

// factorTo returns the factor converting values of t into want (1 when no
// scale change applies).
func (c *checker) factorTo(t, want Type) float64 {
	if t.Kind != Num || want.Kind != Num {
		return 1
	}
	return factor(t.Unit, want.Unit)
}

// setUntyped gives an integer constant expression its final type.
func (c *checker) setUntyped(x syntax.Expr, t Type) {
	for {
		if !c.tables.isUntyped(x) {
			return
		}
		c.tables.retype(x, t)
		switch y := x.(type) {
		case *syntax.Paren:
			x = y.X
		case *syntax.Unary:
			x = y.X
		case *syntax.Binary:
			c.setUntyped(y.X, t)
			x = y.Y
		default:
			return
		}
	}
}

// use checks that x (already typed t) can be used as want and, if it is
// constant, that its value is representable there. It reports whether x
// is usable.
func (c *checker) use(x syntax.Expr, o operand, want Type, what string) bool {
	if !c.assignable(x, o.t, want, what) {
		return false
	}
	if o.k {
		c.materialize(x, o.t, o.v, want)
	}
	return true
}

// Q16.16 limits.
const (
	qMax     = 32768.0       // v must lie in [-qMax, qMax)
	qEpsilon = 1.0 / 65536.0 // one step
)

// materialize converts a constant of type t into want's unit and checks
// that the VM can hold it: Q16.16 for num, 32 bits for int.
func (c *checker) materialize(x syntax.Expr, t Type, v float64, want Type) float64 {
	switch want.Kind {
	case Int, UntypedInt:
		if v > math.MaxInt32 || v < math.MinInt32 {
			c.report("R504", x, "constant "+c.text(x)+" does not fit in a 32-bit int").Hint =
				"ints range from -2147483648 to 2147483647"
		}
		return v
	case Num:
		w := v * c.factorTo(t, want)
		if w >= qMax || w < -qMax || math.IsNaN(w) {
			if _, named := x.(*syntax.Name); named && w == v {
				return w // its declaration already reported it
			}
			msg := "constant " + c.text(x) + " is outside the num range -32768..32767.99998"
			if w != v {
				msg = "constant " + c.text(x) + " is " + formatFloat(w) + " " + want.Unit.String() + ", outside the num range -32768..32767.99998"
			}
			c.report("R501", x, msg).Hint = "use a larger unit (km for m, s for ms) or scale the value"
			return w
		}
		if w != 0 && math.Round(w/qEpsilon) == 0 {
			msg := "constant " + c.text(x) + " rounds to 0 in Q16.16 (the smallest step is 0.0000153)"
			if w != v {
				msg = "constant " + c.text(x) + " is " + formatFloat(w) + " " + want.Unit.String() + ", which rounds to 0 in Q16.16"
			}
			c.report("R502", x, msg).Hint = "use a smaller unit (mm for m, ms for s) or scale the value"
		}
		return w
	}
	return v
}

func (c *checker) unary(x *syntax.Unary) operand {
	o := c.eval(x.X)
	t := o.t
	if x.Op == "!" {
		e := c.report("R307", x, "`!` is not a reflex operator; write `not`")
		repl := "not "
		if end := x.Pos.Offset + 1; end < len(c.file.Src) && (c.file.Src[end] == ' ' || c.file.Src[end] == '\t') {
			repl = "not"
		}
		op := x.Pos
		opEnd := op
		opEnd.Offset++
		opEnd.Column++
		e.Edits = []diag.Edit{{Span: c.spanAt(op, opEnd), NewText: repl}}
	}
	if t.Kind == Invalid {
		return invalidOp
	}
	switch x.Op {
	case "-":
		if !t.IsNumeric() {
			c.report("R207", x, "cannot negate a "+t.String()+" value").Hint = "use `not` for bool"
			return invalidOp
		}
		if o.k {
			return c.fold(x, t, -o.v)
		}
		return o
	default: // not, !
		if t.Kind != Bool {
			e := c.report("R207", x, "`"+x.Op+"` needs a bool operand, found "+t.String())
			if t.IsNumeric() {
				e.Hint = "compare instead, e.g. " + c.text(x.X) + " == " + zeroOf(defaultType(t))
			}
			return invalidOp
		}
		return operand{t: tBool, v: 1 - o.v, k: o.k}
	}
}

// fold makes a constant result, reporting int overflow (the result is
// then Invalid).
func (c *checker) fold(x syntax.Expr, t Type, v float64) operand {
	if (t.Kind == Int || t.Kind == UntypedInt) && (v > math.MaxInt32 || v < math.MinInt32) {
		c.report("R504", x, "constant "+c.text(x)+" overflows a 32-bit int").Hint =
			"ints range from -2147483648 to 2147483647"
		return invalidOp
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		c.report("R501", x, "constant "+c.text(x)+" is out of range")
		return invalidOp
	}
	return operand{t: t, v: v, k: true}
}

func (c *checker) binary(x *syntax.Binary) operand {
	if x.Op == "&&" || x.Op == "||" {
		word := map[string]string{"&&": "and", "||": "or"}[x.Op]
		e := c.report("R307", opNode(x), "`"+x.Op+"` is not a reflex operator; write `"+word+"`")
		e.Edits = []diag.Edit{{Span: c.span(opNode(x)), NewText: word}}
	}
	ox := c.eval(x.X)
	oy := c.eval(x.Y)
	if ox.t.Kind == Invalid || oy.t.Kind == Invalid {
		return invalidOp
	}
	switch x.Op {
	case "and", "or", "&&", "||":
		return c.logical(x, ox, oy)
	case "+", "-":
		return c.additive(x, ox, oy)
	case "*", "/":
		return c.multiplicative(x, ox, oy)
	default: // comparisons
		return c.comparison(x, ox, oy)
	}
}

// opNode is the operator's span.
func opNode(x *syntax.Binary) syntax.Spanned {
	end := x.OpPos
	end.Offset += len(x.Op)
	end.Column += len(x.Op)
	return &syntax.Node{Pos: x.OpPos, EndPos: end}
}

func (c *checker) logical(x *syntax.Binary, ox, oy operand) operand {
	word := x.Op
	switch word {
	case "&&":
		word = "and"
	case "||":
		word = "or"
	}
	ok := true
	for _, o := range [2]struct {
		e syntax.Expr
		t Type
	}{{x.X, ox.t}, {x.Y, oy.t}} {
		if o.t.Kind != Bool {
			e := c.report("R202", o.e, "operand of `"+word+"` must be bool, found "+o.t.String())
			if o.t.IsNumeric() {
				e.Hint = "compare it, e.g. " + c.text(o.e) + " > " + zeroOf(defaultType(o.t))
			}
			ok = false
		}
	}
	if !ok {
		return invalidOp
	}
	if ox.k && oy.k {
		and := ox.v != 0 && oy.v != 0
		or := ox.v != 0 || oy.v != 0
		return operand{t: tBool, v: b2f(word == "and" && and || word == "or" && or), k: true}
	}
	return typed(tBool)
}

// unify finds the common type of the operands of + - comparisons, min,
// max and clamp: the first operand with a definite type decides (so scale
// conversions go to the left operand's unit); untyped constants adapt.
// It reports mismatches with verb describing the operation, and returns
// Invalid after an error.
func (c *checker) unify(xs []syntax.Expr, ts []Type, mismatch func(a, b string) string) Type {
	target := tUntyped
	ti := -1
	for i, t := range ts {
		if t.Kind != UntypedInt {
			target, ti = t, i
			break
		}
	}
	if target.Kind == UntypedInt {
		return target
	}
	if !target.IsNumeric() && target.Kind != Bool {
		c.report("R202", xs[ti], c.text(xs[ti])+" has no value")
		return tInvalid
	}
	ok := true
	for i, t := range ts {
		if i == ti {
			continue
		}
		if !c.operandCompatible(xs[i], t, xs[ti], target, mismatch) {
			ok = false
		}
	}
	if !ok {
		return tInvalid
	}
	return target
}

// operandCompatible checks operand x (type t) against the operand that
// fixed the common type.
func (c *checker) operandCompatible(x syntax.Expr, t Type, other syntax.Expr, target Type, mismatch func(a, b string) string) bool {
	switch {
	case t.Kind == target.Kind && t.Kind != Num:
		return true
	case t.Kind == UntypedInt && target.Kind == Int:
		c.setUntyped(x, target)
		return true
	case t.Kind == UntypedInt && target.Kind == Num && isOne(target.Unit):
		c.setUntyped(x, target)
		return true
	case (t.Kind == UntypedInt || t.Kind == Num && isOne(t.Unit)) && target.Kind == Num && !target.Unit.IsDimensionless() && plainLiteral(x) != nil:
		u := target.Unit.String()
		lit := plainLiteral(x)
		e := c.report("R208", x, "the plain number "+c.text(x)+" is used with "+c.text(other)+", which is "+describe(target.Unit))
		e.Hint = "write `" + c.text(x) + " " + u + "`"
		e.Edits = []diag.Edit{c.insertAt(lit.EndPos, " "+u)}
		return false
	case t.Kind == UntypedInt && target.Kind == Num:
		c.report("R201", x, "cannot "+mismatch(describe(target.Unit), "a plain number")).Hint =
			"multiply by a unit: (" + c.text(x) + ") * 1 " + target.Unit.String()
		return false
	case t.Kind == Num && target.Kind == Num:
		if sameDim(t.Unit, target.Unit) {
			c.noteConvert(x, t, target)
			return true
		}
		c.report("R201", x, "cannot "+mismatch(describe(target.Unit), describe(t.Unit))).Hint = c.unitHint(x, t, target)
		return false
	case t.Kind == Int && target.Kind == Num, t.Kind == Num && target.Kind == Int:
		ix := x
		if t.Kind != Int {
			ix = other
		}
		e := c.report("R204", x, "cannot mix int and num: "+c.text(other)+" is "+target.String()+", "+c.text(x)+" is "+t.String())
		e.Hint = "convert the int explicitly: num(" + c.text(ix) + "), or the num with int(…)"
		return false
	}
	c.report("R202", x, "cannot "+mismatch(target.String(), t.String()))
	return false
}

func verbFor(op string) func(a, b string) string {
	switch op {
	case "+":
		return func(a, b string) string { return "add " + a + " and " + b }
	case "-":
		return func(a, b string) string { return "subtract " + b + " from " + a }
	}
	return func(a, b string) string { return "compare " + a + " with " + b }
}

func (c *checker) additive(x *syntax.Binary, ox, oy operand) operand {
	for _, o := range [2]Type{ox.t, oy.t} {
		if !o.IsNumeric() {
			c.report("R207", x, "operator "+x.Op+" is not defined for "+o.String())
			return invalidOp
		}
	}
	t := c.unify2(x.X, x.Y, ox.t, oy.t, x.Op)
	if t.Kind == Invalid {
		return invalidOp
	}
	if ox.k && oy.k {
		a, b := ox.v*c.factorTo(ox.t, t), oy.v*c.factorTo(oy.t, t)
		v := a + b
		if x.Op == "-" {
			v = a - b
		}
		return c.fold(x, t, v)
	}
	c.materializeOperands(x, ox, oy, t, t)
	return typed(t)
}

// unify2 is unify for the two operands of a binary operator.
func (c *checker) unify2(x, y syntax.Expr, tx, ty Type, op string) Type {
	if tx == ty && tx.Kind != UntypedInt {
		return tx // the common case: no conversion, nothing to report
	}
	return c.unify([]syntax.Expr{x, y}, []Type{tx, ty}, verbFor(op))
}

// materializeOperands checks the constant operands of a non-constant
// binary expression, which the VM must hold at run time.
func (c *checker) materializeOperands(x *syntax.Binary, ox, oy operand, wx, wy Type) {
	if ox.k {
		c.materialize(x.X, ox.t, ox.v, wx)
	}
	if oy.k {
		c.materialize(x.Y, oy.t, oy.v, wy)
	}
}

func (c *checker) comparison(x *syntax.Binary, ox, oy operand) operand {
	tx, ty := ox.t, oy.t
	eq := x.Op == "==" || x.Op == "!="
	if tx.Kind == Bool || ty.Kind == Bool {
		if !eq {
			c.report("R207", opNode(x), "operator "+x.Op+" is not defined for bool").Hint = "bools compare only with == and !="
			return invalidOp
		}
		if tx.Kind != ty.Kind {
			c.report("R202", x, "cannot compare "+tx.String()+" with "+ty.String())
			return invalidOp
		}
		return operand{t: tBool, v: b2f((ox.v == oy.v) == eq), k: ox.k && oy.k}
	}
	for _, o := range [2]Type{tx, ty} {
		if !o.IsNumeric() {
			c.report("R207", x, "operator "+x.Op+" is not defined for "+o.String())
			return invalidOp
		}
	}
	t := c.unify2(x.X, x.Y, tx, ty, x.Op)
	if t.Kind == Invalid {
		return invalidOp
	}
	if ox.k && oy.k {
		a, b := ox.v*c.factorTo(tx, t), oy.v*c.factorTo(ty, t)
		var r bool
		switch x.Op {
		case "==":
			r = a == b
		case "!=":
			r = a != b
		case "<":
			r = a < b
		case "<=":
			r = a <= b
		case ">":
			r = a > b
		case ">=":
			r = a >= b
		}
		return operand{t: tBool, v: b2f(r), k: true}
	}
	c.materializeOperands(x, ox, oy, t, t)
	return typed(tBool)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (c *checker) multiplicative(x *syntax.Binary, ox, oy operand) operand {
	tx, ty := ox.t, oy.t
	for _, o := range [2]Type{tx, ty} {
		if !o.IsNumeric() {
			c.report("R207", x, "operator "+x.Op+" is not defined for "+o.String())
			return invalidOp
		}
	}
	var t Type
	switch {
	case tx.Kind == UntypedInt && ty.Kind == UntypedInt:
		t = tUntyped
	case tx.Kind == Num && ty.Kind == Num:
		if x.Op == "*" {
			t = Type{Kind: Num, Unit: mulUnit(tx.Unit, ty.Unit)}
		} else {
			t = Type{Kind: Num, Unit: divUnit(tx.Unit, ty.Unit)}
		}
	case tx.Kind == Num && ty.Kind == UntypedInt:
		t = tx
		c.setUntyped(x.Y, tNum)
		oy.t = tNum
	case tx.Kind == UntypedInt && ty.Kind == Num:
		if x.Op == "*" {
			t = ty
		} else {
			t = Type{Kind: Num, Unit: divUnit(tNum.Unit, ty.Unit)}
		}
		c.setUntyped(x.X, tNum)
		ox.t = tNum
	case tx.Kind == Int && ty.Kind != Num, ty.Kind == Int && tx.Kind != Num:
		t = tInt
		if tx.Kind == UntypedInt {
			c.setUntyped(x.X, tInt)
			ox.t = tInt
		}
		if ty.Kind == UntypedInt {
			c.setUntyped(x.Y, tInt)
			oy.t = tInt
		}
	default: // int with num
		ix, nx := x.X, x.Y
		if tx.Kind != Int {
			ix, nx = x.Y, x.X
		}
		nt := ty
		if tx.Kind != Int {
			nt = tx
		}
		e := c.report("R204", ix, "cannot mix int and num: "+c.text(ix)+" is int, "+c.text(nx)+" is "+nt.String())
		e.Hint = "convert the int explicitly: num(" + c.text(ix) + "), or the num with int(" + c.text(nx) + ")"
		return invalidOp
	}
	if t.Kind == Num && !t.Unit.Valid() {
		c.report("R201", x, "the unit of "+c.text(x)+" is too complex: exponents must stay within ±127")
		return invalidOp
	}
	if x.Op == "/" && oy.k && oy.v == 0 {
		c.report("R503", x.Y, "division by zero: "+c.text(x.Y)+" is a constant zero").Hint = "divide by a nonzero value, or guard the division with `if`"
		return typed(t)
	}
	if ox.k && oy.k {
		var v float64
		switch {
		case x.Op == "*":
			v = ox.v * oy.v
		case t.Kind == Num:
			v = ox.v / oy.v
		default:
			v = math.Trunc(ox.v / oy.v)
		}
		return c.fold(x, t, v)
	}
	// Each operand keeps its own unit in * and /.
	c.materializeOperands(x, ox, oy, defaultType(ox.t), defaultType(oy.t))
	return typed(t)
}

func (c *checker) conv(x *syntax.Conv) operand {
	want := c.resolveType(x.Type, true)
	o := c.eval(x.X)
	t := o.t
	if t.Kind == Invalid || want.Kind == Invalid {
		return invalidOp
	}
	bad := func(hint string) operand {
		e := c.report("R205", x, "cannot convert "+c.text(x.X)+" ("+t.String()+") to "+want.String())
		e.Hint = hint
		return invalidOp
	}
	switch want.Kind {
	case Bool:
		if t.Kind == Bool {
			return o
		}
		return bad("there is no conversion to bool; compare instead: " + c.text(x.X) + " != " + zeroOf(defaultType(t)))
	case Int:
		switch t.Kind {
		case Int, UntypedInt:
			c.setUntyped(x.X, tInt)
		case Num:
		default:
			return bad("int(x) converts a num to an int")
		}
		if o.k {
			return c.fold(x, tInt, math.Trunc(o.v))
		}
		return typed(want)
	}
	// num or num[U]
	switch t.Kind {
	case Int, UntypedInt:
		if !isOne(want.Unit) {
			return bad("num(x) gives a plain number; multiply it by a unit: num(" + c.text(x.X) + ") * 1 " + want.Unit.String())
		}
		c.setUntyped(x.X, tInt)
		if o.k {
			return c.fold(x, want, o.v)
		}
		return typed(want)
	case Num:
		if !sameDim(t.Unit, want.Unit) {
			if x.Type.Unit == nil {
				return bad("num(x) converts an int; " + c.text(x.X) + " already is a num; divide by 1 " + t.Unit.String() + " to drop the unit")
			}
			return bad("num[U](x) only changes the scale within one dimension (ms to s, deg to rad); " +
				describe(t.Unit) + " and " + describe(want.Unit) + " differ")
		}
		c.noteConvert(x.X, t, want)
		if o.k {
			return c.fold(x, want, o.v*c.factorTo(t, want))
		}
		return typed(want)
	}
	return bad("only bool, int and num values convert")
}

// resolveType turns a written type into a Type; inConv allows the bare
// `num` of a conversion.
func (c *checker) resolveType(te *syntax.TypeExpr, inConv bool) Type {
	if te == nil {
		return tInvalid
	}
	switch te.Name {
	case "bool", "int":
		if te.Unit != nil {
			c.report("R202", te, te.Name+" has no unit; only num takes one").Hint = "write num[" + te.Unit.String() + "]"
			return tInvalid
		}
		if te.Name == "bool" {
			return tBool
		}
		return tInt
	case "num":
		if te.Unit == nil {
			return tNum
		}
		u, ok := c.resolveUnit(te.Unit, "")
		if !ok {
			return tInvalid
		}
		return Type{Kind: Num, Unit: u}
	}
	c.report("R202", te, "unknown type "+te.Name+"; expected bool, int or num[UNIT]")
	return tInvalid
}
