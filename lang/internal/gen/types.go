package gen

import (
	"math"
	"strconv"

	"github.com/nexusfleet/nexus/lang/units"
)

// kind is a reflex value type without its unit.
type kind uint8

const (
	kBool kind = iota
	kInt
	kNum
)

// typ is a reflex type: bool, int, or num with a unit (one for a plain num).
type typ struct {
	k kind
	u units.Unit
}

var (
	one    = units.Dimensionless()
	tBool  = typ{k: kBool}
	tInt   = typ{k: kInt}
	tPlain = typ{k: kNum, u: one}
)

// String spells t as reflex source.
func (t typ) String() string {
	switch t.k {
	case kBool:
		return "bool"
	case kInt:
		return "int"
	}
	if t.u == one {
		return "num"
	}
	return "num[" + t.u.String() + "]"
}

// spelling is a unit as the generator writes it, with its meaning.
type spelling struct {
	text string
	u    units.Unit
}

// spellings are the units the generator writes in types and literals. Every
// dimension the generator uses has at least one spelling here, so a
// literal of any generated dimension can be written; dimensions with two or
// more spellings exercise the checker's scale conversions (cm/m/mm, ms/s,
// deg/rad).
var spellings = mustSpell("m", "cm", "mm", "s", "ms", "deg", "rad", "%",
	"m/s", "cm/s", "deg/s", "%/m", "%/deg", "%/s", "m/s^2")

// dims holds one representative unit per dimension of spellings, plus one.
var dims = func() []units.Unit {
	ds := []units.Unit{one}
	for _, s := range spellings {
		if !hasDim(ds, s.u) {
			ds = append(ds, s.u)
		}
	}
	return ds
}()

func mustSpell(texts ...string) []spelling {
	var ss []spelling
	for _, t := range texts {
		s, err := units.Parse(t)
		if err != nil {
			panic("gen: unit " + t + ": " + err.Error())
		}
		ss = append(ss, spelling{t, s.Unit})
	}
	return ss
}

func hasDim(ds []units.Unit, u units.Unit) bool {
	for _, d := range ds {
		if units.SameDimension(d, u) {
			return true
		}
	}
	return false
}

// spellingsOf returns the spellings of d's dimension.
func spellingsOf(d units.Unit) []spelling {
	var ss []spelling
	for _, s := range spellings {
		if units.SameDimension(s.u, d) {
			ss = append(ss, s)
		}
	}
	return ss
}

// factor converts a value in from into to (1 when no conversion applies).
func factor(from, to units.Unit) float64 {
	if from == to {
		return 1
	}
	if f, ok := units.Factor(from, to); ok {
		return f
	}
	return 1
}

// nice bounds every constant the generator builds, in its own unit: small
// enough that a product of two, or a conversion by a factor of 1000, stays
// inside Q16.16, and never so small that it rounds to zero.
func nice(v float64) bool {
	a := math.Abs(v)
	return a <= 1000 && (a == 0 || a >= 0.01)
}

// fits reports whether a constant, converted to the unit where the VM holds
// it, is comfortably representable (R501, R502 with a margin).
func fits(w float64) bool {
	a := math.Abs(w)
	return a < 30000 && (a == 0 || a >= 0.001)
}

// ex is a generated expression: its source, its type and, when the checker
// folds it, its constant value in the unit of t. The fields mirror the
// checker's operand so that the generator can predict R501–R503.
type ex struct {
	s       string
	t       typ
	untyped bool // an integer constant without a type yet; t is int
	k       bool // constant
	v       float64
	atom    bool // needs no parentheses as an operand
	plain   bool // a num literal without a unit, possibly negated
}

// wrap is e's source as an operand.
func (e ex) wrap() string {
	if e.atom {
		return e.s
	}
	return "(" + e.s + ")"
}

// valueIn is e's constant value converted to t's unit.
func (e ex) valueIn(t typ) float64 {
	if e.t.k == kNum && t.k == kNum {
		return e.v * factor(e.t.u, t.u)
	}
	return e.v
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// untypedLit is an integer literal without a unit.
func untypedLit(n int) ex {
	return ex{s: strconv.Itoa(n), t: tInt, untyped: true, k: true, v: float64(n), atom: true}
}

// plainLit is a num literal without a unit (it has a fraction).
func plainLit(v float64) ex {
	s := fmtNum(v)
	if math.Trunc(v) == v {
		s += ".0"
	}
	return ex{s: s, t: tPlain, k: true, v: v, atom: true, plain: true}
}

// unitLit is `v UNIT`.
func unitLit(v float64, sp string, u units.Unit) ex {
	if u == one {
		return plainLit(v)
	}
	return ex{s: fmtNum(v) + " " + sp, t: typ{k: kNum, u: u}, k: true, v: v}
}

// oneOf is the constant 1 of e's type: the replacement for a constant the
// generator cannot use where it stands.
func oneOf(e ex) ex {
	switch {
	case e.untyped:
		return untypedLit(1)
	case e.t.k == kInt:
		return untypedLit(1)
	case e.t.k == kBool:
		return ex{s: "true", t: tBool, k: true, v: 1, atom: true}
	}
	return unitLit(1, e.t.u.String(), e.t.u)
}

// unify is the common type of an operator's operands as the checker finds
// it: the first operand with a definite type; untyped if none has one.
func unify(es ...ex) (typ, bool) {
	for _, e := range es {
		if !e.untyped {
			return e.t, false
		}
	}
	return tInt, true
}
