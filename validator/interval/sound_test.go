package interval

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/nexusfleet/nexus/vm/isa"
)

// Shared machinery of the property tests and FuzzTransfer: random intervals
// biased toward the words where wrap-around bugs live, random members, and
// one checker that runs every transfer function and Refine against the isa
// semantics.

// edges are the words every boundary case is built from: the poles of both
// orders, small counts, and the top of data memory.
var edges = [...]uint32{
	0, 1, 2, 3, 4, 7, 8, 31, 32, 33, 100, 255, 256,
	math.MaxInt32 - 1, math.MaxInt32, 0x80000000, 0x80000001,
	math.MaxUint32, math.MaxUint32 - 1, math.MaxUint32 - 99, // -1, -2, -100
	65532, 65535, 65536, 0xFFFC, 0x10000 - 8,
}

// word returns an edge value nudged by a little, a small value, or any word.
func word(r *rand.Rand) uint32 {
	switch r.IntN(4) {
	case 0, 1:
		return edges[r.IntN(len(edges))] + uint32(r.IntN(7)) - 3
	case 2:
		return uint32(r.IntN(64)) - 32
	}
	return r.Uint32()
}

// randInterval returns Top, Bottom, a constant or an arc whose width is
// small, medium, huge, or reaches exactly to an edge word.
func randInterval(r *rand.Rand) Interval {
	switch r.IntN(24) {
	case 0, 1:
		return Top()
	case 2:
		return Bottom()
	case 3, 4, 5, 6:
		return Const(word(r))
	}
	lo := word(r)
	var w uint64
	switch r.IntN(6) {
	case 0:
		w = uint64(r.IntN(8))
	case 1:
		w = uint64(r.IntN(1 << 16))
	case 2:
		w = uint64(r.Uint32())
	case 3:
		w = mod - 2 - uint64(r.IntN(3))
	default:
		w = uint64(word(r) - lo)
	}
	return mk(lo, w)
}

// member returns some x ∈ a (false for Bottom), favouring the ends and the
// edge words a contains.
func member(r *rand.Rand, a Interval) (uint32, bool) {
	switch a.k {
	case bottom:
		return 0, false
	case top:
		return word(r), true
	}
	switch r.IntN(5) {
	case 0:
		return a.lo, true
	case 1:
		return a.hi(), true
	case 2:
		for range 4 {
			if v := word(r); a.Contains(v) {
				return v, true
			}
		}
	}
	return a.lo + uint32(r.Uint64N(uint64(a.w)+1)), true
}

// conds are every condition code, plus CondNone and an undefined one.
var conds = [...]isa.Cond{isa.CondNone, isa.CondEQ, isa.CondNE, isa.CondLT, isa.CondLE,
	isa.CondGT, isa.CondGE, isa.CondLTU, isa.CondLEU, isa.CondGTU, isa.CondGEU, 42}

// checks counts the individual soundness assertions made, for the report.
var checks int

// soundness checks, for x ∈ a and y ∈ b, that every transfer function's
// concrete result is in its abstract result, that Refine keeps (x, y) for
// every condition whose outcome on (x, y) it is told, and the lattice laws
// on members. k is the MUL/DIV shift. It returns the first violation.
func soundness(a, b Interval, x, y, k uint32) error {
	if !a.Contains(x) || !b.Contains(y) {
		return fmt.Errorf("test bug: %#x ∉ %v or %#x ∉ %v", x, a, y, b)
	}
	in := func(name string, got Interval, v uint32) error {
		checks++
		if !got.Contains(v) {
			return fmt.Errorf("%s(%v, %v) = %v misses %#x (x=%#x y=%#x k=%d)", name, a, b, got, v, x, y, k)
		}
		return nil
	}
	q, divOK := isa.Div(x, y, k)
	steps := []struct {
		name string
		got  Interval
		want uint32
		skip bool
	}{
		{"Add", Add(a, b), x + y, false},
		{"Sub", Sub(a, b), x - y, false},
		{"Mul", Mul(a, b, k), isa.Mul(x, y, k), false},
		{"Mul0", Mul(a, b, 0), isa.Mul(x, y, 0), false},
		{"Div", Div(a, b, k), q, !divOK},
		{"And", And(a, b), x & y, false},
		{"Or", Or(a, b), x | y, false},
		{"Xor", Xor(a, b), x ^ y, false},
		{"Not", Not(a), ^x, false},
		{"Shl", Shl(a, b), isa.Shl(x, y), false},
		{"Shr", Shr(a, b, false), isa.Shr(x, y, false), false},
		{"Sar", Shr(a, b, true), isa.Shr(x, y, true), false},
		{"Join", a.Join(b), x, false},
		{"Join'", a.Join(b), y, false},
		{"Widen", a.Widen(b), x, false},
		{"Widen'", a.Widen(b), y, false},
		{"Meet", a.Meet(b), x, x != y},
	}
	for _, s := range steps {
		if s.skip {
			continue
		}
		if err := in(s.name, s.got, s.want); err != nil {
			return err
		}
	}
	if q, ok := isa.Div(x, y, 0); ok {
		if err := in("Div0", Div(a, b, 0), q); err != nil {
			return err
		}
	}
	if !a.Leq(a.Join(b)) || !b.Leq(a.Join(b)) || !a.Leq(a.Widen(b)) || !b.Leq(a.Widen(b)) {
		return fmt.Errorf("join/widen of %v, %v not an upper bound: %v, %v", a, b, a.Join(b), a.Widen(b))
	}
	// The intersection of two arcs may be two arcs; Meet covers them by an
	// arc inside a or inside b, whichever is smaller.
	if m := a.Meet(b); !m.Leq(a) && !m.Leq(b) || m.Size() > min(a.Size(), b.Size()) {
		return fmt.Errorf("meet of %v, %v = %v is in neither", a, b, m)
	}
	for _, c := range conds {
		for _, holds := range [2]bool{true, false} {
			if c.Eval(x, y) != holds {
				continue
			}
			ra, rb := Refine(c, holds, a, b)
			checks++
			if !ra.Contains(x) || !rb.Contains(y) || ra.Size() > a.Size() || rb.Size() > b.Size() {
				return fmt.Errorf("Refine(%v, %v, %v, %v) = %v, %v drops x=%#x y=%#x or grows",
					c, holds, a, b, ra, rb, x, y)
			}
		}
	}
	return nil
}
