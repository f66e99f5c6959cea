package interval

import (
	"math"

	"github.com/nexusfleet/nexus/vm/isa"
)

// Refine narrows a and b given that c.Eval(x, y) == holds for the concrete
// x ∈ a and y ∈ b on the path being analysed, as after `CMP rd, a, b, c`
// and a branch on rd. It returns Bottom for both when no pair can satisfy
// it (the path is infeasible). Sound: every pair (x, y) with x ∈ a, y ∈ b and
// c.Eval(x, y) == holds keeps x in the first result and y in the second.
//
// Precision: EQ meets the operands; NE removes a constant from the end of the
// other operand's arc (so x != 0 on Top gives [1, 0xFFFFFFFF], a non-zero
// divisor); the ordered conditions bound each side by the other's extreme in
// their order, which is exact when either side is a constant. CondNone and
// undefined codes refine nothing.
func Refine(c isa.Cond, holds bool, a, b Interval) (Interval, Interval) {
	if !holds {
		c = c.Negate()
	}
	if empty(a, b) {
		return Bottom(), Bottom()
	}
	var ra, rb Interval
	switch c {
	case isa.CondEQ:
		ra = a.Meet(b)
		rb = ra
	case isa.CondNE:
		ra = without(a, b)
		rb = without(b, ra)
	case isa.CondLT:
		ra, rb = less(a, b, 1, true)
	case isa.CondLE:
		ra, rb = less(a, b, 0, true)
	case isa.CondGT:
		rb, ra = less(b, a, 1, true)
	case isa.CondGE:
		rb, ra = less(b, a, 0, true)
	case isa.CondLTU:
		ra, rb = less(a, b, 1, false)
	case isa.CondLEU:
		ra, rb = less(a, b, 0, false)
	case isa.CondGTU:
		rb, ra = less(b, a, 1, false)
	case isa.CondGEU:
		rb, ra = less(b, a, 0, false)
	default:
		return a, b
	}
	if empty(ra, rb) {
		return Bottom(), Bottom()
	}
	return ra, rb
}

// without returns a minus the value of b when b is a constant at an end of
// a's arc (or a is Top); otherwise the difference is not one arc and a is
// returned unchanged.
func without(a, b Interval) Interval {
	v, ok := b.IsConst()
	switch {
	case !ok || a.k == bottom:
		return a
	case a.k == top:
		return mk(v+1, mod-2)
	case a.lo == v && a.w == 0:
		return Bottom()
	case a.lo == v:
		return Interval{lo: v + 1, w: a.w - 1, k: arc}
	case a.hi() == v:
		return Interval{lo: a.lo, w: a.w - 1, k: arc}
	}
	return a
}

// less refines x < y (strict = 1) or x <= y (strict = 0) in the signed or
// unsigned order: x is at most y's largest value (minus strict), and y at
// least the refined x's smallest (plus strict).
func less(x, y Interval, strict int64, signed bool) (Interval, Interval) {
	spans := Interval.unsignedSpans
	lo, hi := int64(0), int64(math.MaxUint32)
	if signed {
		spans = Interval.signedSpans
		lo, hi = math.MinInt32, math.MaxInt32
	}
	_, ymax, _ := bounds(spans(y))
	rx := x.Meet(Range(lo, ymax-strict))
	xmin, _, ok := bounds(spans(rx))
	if !ok {
		return Bottom(), Bottom()
	}
	return rx, y.Meet(Range(xmin+strict, hi))
}
