package interval

import "github.com/nexusfleet/nexus/vm/isa"

// Transfer functions for the arithmetic instructions. Each mirrors the isa
// helper the VM executes; the tests check op(x, y) ∈ Op(a, b) for members
// x ∈ a, y ∈ b against those helpers.

// consts returns the values of a and b when both are constants.
func consts(a, b Interval) (x, y uint32, ok bool) {
	x, okA := a.IsConst()
	y, okB := b.IsConst()
	return x, y, okA && okB
}

// empty reports whether either operand is Bottom: an operation on an
// infeasible value is infeasible.
func empty(a, b Interval) bool { return a.k == bottom || b.k == bottom }

// Add is ADD: wrapping a+b. Exact: the arc of sums starts at a.lo+b.lo and is
// as wide as both widths together.
func Add(a, b Interval) Interval {
	switch {
	case empty(a, b):
		return Bottom()
	case a.k == top || b.k == top:
		return Top()
	}
	return mk(a.lo+b.lo, uint64(a.w)+uint64(b.w))
}

// Sub is SUB: wrapping a-b. Exact, like Add.
func Sub(a, b Interval) Interval {
	switch {
	case empty(a, b):
		return Bottom()
	case a.k == top || b.k == top:
		return Top()
	}
	return mk(a.lo-b.hi(), uint64(a.w)+uint64(b.w))
}

// Not is NOT: ^a = -1-a, which reverses the arc. Exact.
func Not(a Interval) Interval {
	if a.k != arc {
		return a
	}
	return Interval{lo: ^a.hi(), w: a.w, k: arc}
}

// Mul is MUL with shift k: the low 32 bits of (int64(a)*int64(b)) >> k, a and
// b signed (isa.Mul). On signed spans the 64-bit product is exact (at most
// 2^62 in magnitude), its bounds are at the corners, and the arithmetic shift
// is monotone; the result is the arc of those bounds, or Top when that range
// has 2^32 or more words. k is masked like isa.Mul does.
func Mul(a, b Interval, k uint32) Interval {
	if empty(a, b) {
		return Bottom()
	}
	if x, y, ok := consts(a, b); ok {
		return Const(isa.Mul(x, y, k))
	}
	sa, na := a.signedSpans()
	sb, nb := b.signedSpans()
	r := Bottom()
	for _, p := range sa[:na] {
		for _, q := range sb[:nb] {
			c := [4]int64{p.lo * q.lo, p.lo * q.hi, p.hi * q.lo, p.hi * q.hi}
			lo, hi := min(c[0], c[1], c[2], c[3]), max(c[0], c[1], c[2], c[3])
			r = r.Join(Range(lo>>(k&63), hi>>(k&63)))
		}
	}
	return r
}

// Div is DIV with shift k: the low 32 bits of trunc((int64(a) << k) / b),
// signed (isa.Div). A zero divisor traps in the VM and yields no value, so
// zero is excluded from b (Div by exactly {0} is Bottom); the caller checks
// ContainsZero. Exact for constants, including INT_MIN / -1 = INT_MIN. With
// b cut at the signed pole and at zero, the quotient is monotone in each
// argument on every piece, so its bounds are at the corners. For k >= 32
// (which the VM rejects as BAD_OPCODE) the shifted dividend can overflow
// int64, and a non-constant result is Top.
func Div(a, b Interval, k uint32) Interval {
	if empty(a, b) {
		return Bottom()
	}
	if x, y, ok := consts(a, b); ok {
		if q, ok := isa.Div(x, y, k); ok {
			return Const(q)
		}
		return Bottom()
	}
	k &= 63
	if k >= 32 {
		return Top()
	}
	sa, na := a.signedSpans()
	sb, nb := b.signedSpans()
	r := Bottom()
	for _, p := range sa[:na] {
		n := span{p.lo << k, p.hi << k}
		for _, q := range sb[:nb] {
			// The negative and positive parts of q; zero is skipped.
			for _, d := range [2]span{{q.lo, min(q.hi, -1)}, {max(q.lo, 1), q.hi}} {
				if d.lo > d.hi {
					continue
				}
				// Go's / truncates toward zero like isa.Div; |n| <= 2^62.
				c := [4]int64{n.lo / d.lo, n.lo / d.hi, n.hi / d.lo, n.hi / d.hi}
				r = r.Join(Range(min(c[0], c[1], c[2], c[3]), max(c[0], c[1], c[2], c[3])))
			}
		}
	}
	return r
}

// counts returns the range [lo, hi] ⊆ [0, 31] that s & 31 can take, the
// shift counts SHL and SHR use.
func counts(s Interval) (lo, hi uint32) {
	if v, ok := s.IsConst(); ok {
		return v & 31, v & 31
	}
	sp, n := s.unsignedSpans()
	lo, hi = 31, 0
	for _, p := range sp[:n] {
		// A span within one aligned block of 32 keeps its order under &31;
		// one that crosses a block boundary takes every count.
		if p.lo>>5 != p.hi>>5 {
			return 0, 31
		}
		lo, hi = min(lo, uint32(p.lo)&31), max(hi, uint32(p.hi)&31)
	}
	return lo, hi
}

// Shl is SHL: a << (s & 31). Shifting by a single count c multiplies by 2^c
// modulo 2^32, so the arc from a.lo with width w maps to the arc from
// a.lo<<c with width w<<c (exact when that fits). With several possible
// counts, x << c = x * 2^c is computed in 64 bits on a's signed spans; it is
// monotone in x and in c, so its bounds are at the corners, as for Mul.
func Shl(a, s Interval) Interval {
	if empty(a, s) {
		return Bottom()
	}
	if x, y, ok := consts(a, s); ok {
		return Const(isa.Shl(x, y))
	}
	c1, c2 := counts(s)
	if c1 == c2 {
		if a.k == top {
			// Every multiple of 2^c: the arc [0, -2^c], Top for c == 0.
			return mk(0, mod-(1<<c1))
		}
		return mk(a.lo<<c1, uint64(a.w)<<c1)
	}
	sp, n := a.signedSpans()
	r := Bottom()
	for _, p := range sp[:n] {
		lo := min(p.lo<<c1, p.lo<<c2)
		hi := max(p.hi<<c1, p.hi<<c2)
		r = r.Join(Range(lo, hi))
	}
	return r
}

// Shr is SHR: a >> (s & 31), logical, or arithmetic when arith is set
// (isa.Shr). Logical shift is monotone on unsigned spans and decreasing in
// the count; arithmetic shift is monotone on signed spans and moves every
// value toward 0 or -1 as the count grows, so the bounds are at the extreme
// counts.
func Shr(a, s Interval, arith bool) Interval {
	if empty(a, s) {
		return Bottom()
	}
	if x, y, ok := consts(a, s); ok {
		return Const(isa.Shr(x, y, arith))
	}
	c1, c2 := counts(s)
	var sp [2]span
	var n int
	if arith {
		sp, n = a.signedSpans()
	} else {
		sp, n = a.unsignedSpans()
	}
	r := Bottom()
	for _, p := range sp[:n] {
		lo := min(p.lo>>c1, p.lo>>c2)
		hi := max(p.hi>>c1, p.hi>>c2)
		r = r.Join(Range(lo, hi))
	}
	return r
}
