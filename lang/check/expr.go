package check

import (
	"math"
	"strconv"
	"strings"

	"github.com/nexusfleet/nexus/internal/diag"
	"github.com/nexusfleet/nexus/lang/syntax"
)

// expr types x, records its type (and folded value, if constant) and
// returns the type. Invalid means an error was already reported.
func (c *checker) expr(x syntax.Expr) Type {
	var t Type
	switch x := x.(type) {
	case *syntax.NumberLit:
		t = c.number(x)
	case *syntax.BoolLit:
		t = tBool
		v := 0.0
		if x.Value {
			v = 1
		}
		c.info.Consts[x] = Const{Value: v, Type: t}
	case *syntax.StringLit:
		c.report("R202", x, "a string is not a value; strings appear only after `intent`")
		t = tInvalid
	case *syntax.Name:
		t = c.name(x)
	case *syntax.Paren:
		t = c.expr(x.X)
		if k, ok := c.info.Consts[x.X]; ok {
			c.info.Consts[x] = k
		}
	case *syntax.Unary:
		t = c.unary(x)
	case *syntax.Binary:
		t = c.binary(x)
	case *syntax.Call:
		t = c.call(x)
	case *syntax.Conv:
		t = c.conv(x)
	case nil:
		return tInvalid
	default:
		return tInvalid
	}
	c.info.Types[x] = t
	return t
}

// number types a literal: with a unit it is num[UNIT]; without, a
// fraction makes it num and a whole number is an integer constant.
func (c *checker) number(x *syntax.NumberLit) Type {
	var t Type
	var v float64
	text := x.Text
	if strings.ContainsRune(text, '.') {
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			c.report("R501", x, "number "+text+" is out of range")
			return tInvalid
		}
		t, v = tNum, f
	} else {
		n, err := strconv.ParseInt(text, 0, 64)
		if err != nil || n > math.MaxInt32 {
			msg := "integer " + text + " does not fit in 32 bits"
			if err != nil && !strings.Contains(err.Error(), "range") {
				msg = "malformed integer " + text
			}
			c.report("R504", x, msg).Hint = "ints range from -2147483648 to 2147483647; num values from -32768 to 32767.99998"
			return tInvalid
		}
		t, v = tUntyped, float64(n)
	}
	if x.Unit != nil {
		u, ok := c.resolveUnit(x.Unit)
		if !ok {
			return tInvalid
		}
		t = Type{Kind: Num, Unit: u}
	}
	c.info.Consts[x] = Const{Value: v, Type: t}
	return t
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

func (c *checker) name(x *syntax.Name) Type {
	s := c.lookup(x.Name)
	if s == nil {
		c.undefined(x, x.Name, isValue, "name")
		return tInvalid
	}
	c.info.Uses[x] = s
	s.used = true
	switch s.Kind {
	case SymFunc:
		c.report("R104", x, "function "+x.Name+" is used as a value").Hint = "call it: " + x.Name + "(…)"
		return tInvalid
	case SymInbox:
		e := c.report("R104", x, "inbox "+x.Name+" is not a value")
		e.Hint = "read a message with `receive " + x.Name + " as v { … }`"
		return tInvalid
	case SymOutbox:
		e := c.report("R104", x, "outbox "+x.Name+" is not a value")
		e.Hint = "send to it with `send " + x.Name + "(VALUE)`"
		return tInvalid
	case SymConst, SymParam, SymState:
		c.resolveVar(s)
		if s.Kind == SymConst && s.Value != nil {
			c.info.Consts[x] = *s.Value
		}
	case SymActuator:
		c.readActuator(x, s)
	}
	return s.Type
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
	return "check the formula: the units do not match"
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
		c.info.Convert[x] = f
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
		if c.info.Types[x].Kind != UntypedInt {
			return
		}
		c.info.Types[x] = t
		if k, ok := c.info.Consts[x]; ok {
			k.Type = t
			c.info.Consts[x] = k
		}
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
func (c *checker) use(x syntax.Expr, t, want Type, what string) bool {
	if !c.assignable(x, t, want, what) {
		return false
	}
	if k, ok := c.info.Consts[x]; ok {
		c.materialize(x, t, k.Value, want)
	}
	return true
}

// Q16.16 limits.
const (
	qMax     = 32768.0       // |v| must stay below this
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
		if math.Abs(w) >= qMax || math.IsNaN(w) {
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

func (c *checker) unary(x *syntax.Unary) Type {
	t := c.expr(x.X)
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
		return t
	}
	k, isConst := c.info.Consts[x.X]
	switch x.Op {
	case "-":
		if !t.IsNumeric() {
			c.report("R207", x, "cannot negate a "+t.String()+" value").Hint = "use `not` for bool"
			return tInvalid
		}
		if isConst && !c.fold(x, t, -k.Value) {
			return tInvalid
		}
		return t
	default: // not, !
		if t.Kind != Bool {
			e := c.report("R207", x, "`"+x.Op+"` needs a bool operand, found "+t.String())
			if t.IsNumeric() {
				e.Hint = "compare instead, e.g. " + c.text(x.X) + " == " + zeroOf(defaultType(t))
			}
			return tInvalid
		}
		if isConst {
			c.info.Consts[x] = Const{Value: 1 - k.Value, Type: tBool}
		}
		return tBool
	}
}

// fold records a constant result, reporting int overflow. It returns false
// if the value overflowed.
func (c *checker) fold(x syntax.Expr, t Type, v float64) bool {
	if (t.Kind == Int || t.Kind == UntypedInt) && (v > math.MaxInt32 || v < math.MinInt32) {
		c.report("R504", x, "constant "+c.text(x)+" overflows a 32-bit int").Hint =
			"ints range from -2147483648 to 2147483647"
		return false
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		c.report("R501", x, "constant "+c.text(x)+" is out of range")
		return false
	}
	c.info.Consts[x] = Const{Value: v, Type: t}
	return true
}

func (c *checker) binary(x *syntax.Binary) Type {
	if x.Op == "&&" || x.Op == "||" {
		word := map[string]string{"&&": "and", "||": "or"}[x.Op]
		e := c.report("R307", opNode(x), "`"+x.Op+"` is not a reflex operator; write `"+word+"`")
		e.Edits = []diag.Edit{{Span: c.span(opNode(x)), NewText: word}}
	}
	tx := c.expr(x.X)
	ty := c.expr(x.Y)
	if tx.Kind == Invalid || ty.Kind == Invalid {
		return tInvalid
	}
	switch x.Op {
	case "and", "or", "&&", "||":
		return c.logical(x, tx, ty)
	case "+", "-":
		return c.additive(x, tx, ty)
	case "*", "/":
		return c.multiplicative(x, tx, ty)
	default: // comparisons
		return c.comparison(x, tx, ty)
	}
}

// opNode is the operator's span.
func opNode(x *syntax.Binary) syntax.Spanned {
	end := x.OpPos
	end.Offset += len(x.Op)
	end.Column += len(x.Op)
	return &syntax.Node{Pos: x.OpPos, EndPos: end}
}

func (c *checker) logical(x *syntax.Binary, tx, ty Type) Type {
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
	}{{x.X, tx}, {x.Y, ty}} {
		if o.t.Kind != Bool {
			e := c.report("R202", o.e, "operand of `"+word+"` must be bool, found "+o.t.String())
			if o.t.IsNumeric() {
				e.Hint = "compare it, e.g. " + c.text(o.e) + " > " + zeroOf(defaultType(o.t))
			}
			ok = false
		}
	}
	if !ok {
		return tInvalid
	}
	kx, cx := c.info.Consts[x.X]
	ky, cy := c.info.Consts[x.Y]
	if cx && cy {
		v := 0.0
		if (word == "and" && kx.Value != 0 && ky.Value != 0) || (word == "or" && (kx.Value != 0 || ky.Value != 0)) {
			v = 1
		}
		c.info.Consts[x] = Const{Value: v, Type: tBool}
	}
	return tBool
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
	case (t.Kind == UntypedInt || t.Kind == Num && isOne(t.Unit)) && target.Kind == Num && plainLiteral(x) != nil:
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

func (c *checker) additive(x *syntax.Binary, tx, ty Type) Type {
	for _, o := range [2]Type{tx, ty} {
		if !o.IsNumeric() {
			c.report("R207", x, "operator "+x.Op+" is not defined for "+o.String())
			return tInvalid
		}
	}
	t := c.unify([]syntax.Expr{x.X, x.Y}, []Type{tx, ty}, verbFor(x.Op))
	if t.Kind == Invalid {
		return t
	}
	kx, cx := c.info.Consts[x.X]
	ky, cy := c.info.Consts[x.Y]
	if cx && cy {
		a, b := kx.Value*c.factorTo(tx, t), ky.Value*c.factorTo(ty, t)
		v := a + b
		if x.Op == "-" {
			v = a - b
		}
		if !c.fold(x, t, v) {
			return tInvalid
		}
		return t
	}
	c.materializeOperands(x, t, t)
	return t
}

// materializeOperands checks the constant operands of a non-constant
// binary expression, which the VM must hold at run time.
func (c *checker) materializeOperands(x *syntax.Binary, wx, wy Type) {
	if k, ok := c.info.Consts[x.X]; ok {
		c.materialize(x.X, c.info.Types[x.X], k.Value, wx)
	}
	if k, ok := c.info.Consts[x.Y]; ok {
		c.materialize(x.Y, c.info.Types[x.Y], k.Value, wy)
	}
}

func (c *checker) comparison(x *syntax.Binary, tx, ty Type) Type {
	eq := x.Op == "==" || x.Op == "!="
	if tx.Kind == Bool || ty.Kind == Bool {
		if !eq {
			c.report("R207", opNode(x), "operator "+x.Op+" is not defined for bool").Hint = "bools compare only with == and !="
			return tInvalid
		}
		if tx.Kind != ty.Kind {
			c.report("R202", x, "cannot compare "+tx.String()+" with "+ty.String())
			return tInvalid
		}
		kx, cx := c.info.Consts[x.X]
		ky, cy := c.info.Consts[x.Y]
		if cx && cy {
			c.info.Consts[x] = Const{Value: b2f((kx.Value == ky.Value) == eq), Type: tBool}
		}
		return tBool
	}
	for _, o := range [2]Type{tx, ty} {
		if !o.IsNumeric() {
			c.report("R207", x, "operator "+x.Op+" is not defined for "+o.String())
			return tInvalid
		}
	}
	t := c.unify([]syntax.Expr{x.X, x.Y}, []Type{tx, ty}, verbFor(x.Op))
	if t.Kind == Invalid {
		return t
	}
	kx, cx := c.info.Consts[x.X]
	ky, cy := c.info.Consts[x.Y]
	if cx && cy {
		a, b := kx.Value*c.factorTo(tx, t), ky.Value*c.factorTo(ty, t)
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
		c.info.Consts[x] = Const{Value: b2f(r), Type: tBool}
	} else {
		c.materializeOperands(x, t, t)
	}
	return tBool
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (c *checker) multiplicative(x *syntax.Binary, tx, ty Type) Type {
	for _, o := range [2]Type{tx, ty} {
		if !o.IsNumeric() {
			c.report("R207", x, "operator "+x.Op+" is not defined for "+o.String())
			return tInvalid
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
	case tx.Kind == UntypedInt && ty.Kind == Num:
		if x.Op == "*" {
			t = ty
		} else {
			t = Type{Kind: Num, Unit: divUnit(tNum.Unit, ty.Unit)}
		}
		c.setUntyped(x.X, tNum)
	case tx.Kind == Int && ty.Kind != Num, ty.Kind == Int && tx.Kind != Num:
		t = tInt
		c.setUntyped(x.X, tInt)
		c.setUntyped(x.Y, tInt)
	default: // int with num
		ix, nx := x.X, x.Y
		if tx.Kind != Int {
			ix, nx = x.Y, x.X
		}
		e := c.report("R204", x, "cannot mix int and num: "+c.text(ix)+" is int, "+c.text(nx)+" is "+c.info.Types[nx].String())
		e.Hint = "convert the int explicitly: num(" + c.text(ix) + "), or the num with int(" + c.text(nx) + ")"
		return tInvalid
	}
	kx, cx := c.info.Consts[x.X]
	ky, cy := c.info.Consts[x.Y]
	if x.Op == "/" && cy && ky.Value == 0 {
		c.report("R503", x.Y, "division by zero: "+c.text(x.Y)+" is a constant zero").Hint = "divide by a nonzero value, or guard the division with `if`"
		return t
	}
	if cx && cy {
		var v float64
		switch {
		case x.Op == "*":
			v = kx.Value * ky.Value
		case t.Kind == Num:
			v = kx.Value / ky.Value
		default:
			v = math.Trunc(kx.Value / ky.Value)
		}
		if !c.fold(x, t, v) {
			return tInvalid
		}
		return t
	}
	// Each operand keeps its own unit in * and /.
	wx, wy := c.info.Types[x.X], c.info.Types[x.Y]
	c.materializeOperands(x, defaultType(wx), defaultType(wy))
	return t
}

func (c *checker) conv(x *syntax.Conv) Type {
	want := c.resolveType(x.Type, true)
	t := c.expr(x.X)
	if t.Kind == Invalid || want.Kind == Invalid {
		return tInvalid
	}
	k, isConst := c.info.Consts[x.X]
	bad := func(hint string) Type {
		e := c.report("R205", x, "cannot convert "+c.text(x.X)+" ("+t.String()+") to "+want.String())
		e.Hint = hint
		return tInvalid
	}
	switch want.Kind {
	case Bool:
		if t.Kind == Bool {
			return want
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
		if isConst && !c.fold(x, tInt, math.Trunc(k.Value)) {
			return tInvalid
		}
		return want
	}
	// num or num[U]
	switch t.Kind {
	case Int, UntypedInt:
		if !isOne(want.Unit) {
			return bad("num(x) gives a plain number; multiply it by a unit: num(" + c.text(x.X) + ") * 1 " + want.Unit.String())
		}
		c.setUntyped(x.X, tInt)
		if isConst && !c.fold(x, want, k.Value) {
			return tInvalid
		}
		return want
	case Num:
		if !sameDim(t.Unit, want.Unit) {
			if x.Type.Unit == nil {
				return bad("num(x) converts an int; " + c.text(x.X) + " already is a num; divide by 1 " + t.Unit.String() + " to drop the unit")
			}
			return bad("num[U](x) only changes the scale within one dimension (ms to s, deg to rad); " +
				describe(t.Unit) + " and " + describe(want.Unit) + " differ")
		}
		c.noteConvert(x.X, t, want)
		if isConst && !c.fold(x, want, k.Value*c.factorTo(t, want)) {
			return tInvalid
		}
		return want
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
		u, ok := c.resolveUnit(te.Unit)
		if !ok {
			return tInvalid
		}
		return Type{Kind: Num, Unit: u}
	}
	c.report("R202", te, "unknown type "+te.Name+"; expected bool, int or num[UNIT]")
	return tInvalid
}
