// Package interval is the abstract domain of the NEXUS validator: sets of
// 32-bit machine words approximated by modular (wrapped) intervals.
//
// # Model
//
// A register holds a 32-bit word, and the same word is an unsigned address to
// LOAD_REG, a signed value to DIV and to the signed CMP conditions, and an
// actuator value whose safe range the manifest declares in signed terms. A
// plain interval over either reading loses the other: [-100, 100] is two
// disjoint unsigned ranges, and [0x7FFFFFF0, 0x80000010] two disjoint signed
// ones. A modular interval keeps one domain for all of them. It is an arc on
// the circle of 2^32 words: a start lo and a width w < 2^32-1 denoting
//
//	{lo, lo+1, ..., lo+w}   (mod 2^32)
//
// so [-100, 100] and [0, 65532] are both single arcs, "non-zero" is any arc
// that does not pass through 0, and the ISA's wrap-around arithmetic maps
// arcs to arcs exactly: [0x7FFFFFFF] + [1] is the single word 0x80000000.
// Top is the whole circle, Bottom the empty set (an infeasible path).
// Unsigned and Signed read an arc back in either order when it does not cross
// that order's boundary (0xFFFFFFFF→0, respectively 0x7FFFFFFF→0x80000000).
//
// # Transfer functions
//
// Add, Sub and Not are exact on arcs. The other operations cut their operands
// at the boundary that matters to them (the signed pole for MUL, DIV and
// arithmetic SHR; the unsigned pole for AND, OR, XOR and logical SHR), compute
// integer bounds on each piece, map the result back onto the circle and join
// the pieces. Every function is exact when all operands are constants (it
// then calls the isa helpers, the VM's own semantics), and sound otherwise:
// whenever a result would be wider than the circle it is Top. Operations are
// O(1) (the bitwise bounds scan at most 32 bits; the rest is a handful of
// 64-bit operations on at most four pieces) and allocate nothing, since the
// validator runs them once per instruction per visit.
//
// # Lattice
//
// Join is the smallest arc containing both arguments (the circle has no
// unique least upper bound, so this is a choice, not a lattice join; it is
// always sound). Meet over-approximates the intersection, which on a circle
// may be two arcs. Widen jumps a growing bound to the next of the signed and
// unsigned limits, and to Top when both bounds grow; see Widen for the step
// bound that makes fixpoint iteration terminate.
//
// The zero value of Interval is Top: a register the analysis knows nothing
// about is the safe default.
package interval

import (
	"fmt"
	"math"
)

// mod is the size of the circle of 32-bit words.
const mod = 1 << 32

// kind distinguishes the two sets that are not arcs. top is zero so that the
// zero Interval is Top, the sound default.
type kind uint8

const (
	top kind = iota
	bottom
	arc
)

// Interval is a set of 32-bit words: Top, Bottom or an arc of the circle.
// Values are canonical (Top and Bottom have zero lo and w), so == is set
// equality. The zero value is Top.
type Interval struct {
	lo uint32 // first member, when k == arc
	w  uint32 // members are lo..lo+w (mod 2^32); w <= 2^32-2 so an arc never fills the circle
	k  kind
}

// mk returns the arc of width width starting at start, or Top when it would
// cover the whole circle.
func mk(start uint32, width uint64) Interval {
	if width >= mod-1 {
		return Interval{}
	}
	return Interval{lo: start, w: uint32(width), k: arc}
}

// Const returns the set {v}.
func Const(v uint32) Interval { return Interval{lo: v, k: arc} }

// Range returns {x mod 2^32 : lo <= x <= hi}: Bottom if lo > hi, Top if the
// range has 2^32 or more members. Signed and unsigned bounds both work:
// Range(-100, 100) and Range(0, 65532).
func Range(lo, hi int64) Interval {
	if lo > hi {
		return Bottom()
	}
	// The difference may exceed MaxInt64; computed in uint64 it is exact.
	return mk(uint32(lo), uint64(hi)-uint64(lo))
}

// Top returns the set of all words.
func Top() Interval { return Interval{} }

// Bottom returns the empty set.
func Bottom() Interval { return Interval{k: bottom} }

// IsTop reports whether a holds every word.
func (a Interval) IsTop() bool { return a.k == top }

// IsBottom reports whether a is empty.
func (a Interval) IsBottom() bool { return a.k == bottom }

// IsConst returns the value when a holds exactly one word.
func (a Interval) IsConst() (uint32, bool) {
	if a.k == arc && a.w == 0 {
		return a.lo, true
	}
	return 0, false
}

// hi is the last member of an arc.
func (a Interval) hi() uint32 { return a.lo + a.w }

// Size returns the number of members: 0 for Bottom, 2^32 for Top.
func (a Interval) Size() uint64 {
	switch a.k {
	case top:
		return mod
	case bottom:
		return 0
	}
	return uint64(a.w) + 1
}

// Contains reports whether v is a member of a.
func (a Interval) Contains(v uint32) bool {
	switch a.k {
	case top:
		return true
	case bottom:
		return false
	}
	return v-a.lo <= a.w
}

// ContainsZero reports whether 0 is a member, i.e. whether a divisor with
// this value set might trap.
func (a Interval) ContainsZero() bool { return a.Contains(0) }

// Equal reports whether a and b are the same set.
func (a Interval) Equal(b Interval) bool { return a == b }

// Leq reports whether a is a subset of b.
func (a Interval) Leq(b Interval) bool {
	switch {
	case a.k == bottom || b.k == top:
		return true
	case a.k == top || b.k == bottom:
		return false
	}
	// a starts off words into b and must end before b does.
	off := a.lo - b.lo
	return uint64(off)+uint64(a.w) <= uint64(b.w)
}

// Unsigned returns the unsigned bounds of a. ok is false when a is empty or
// wraps from 0xFFFFFFFF to 0 (its members are then not one unsigned range).
// Top is [0, 0xFFFFFFFF] with ok true.
func (a Interval) Unsigned() (lo, hi uint32, ok bool) {
	switch a.k {
	case top:
		return 0, math.MaxUint32, true
	case bottom:
		return 0, 0, false
	}
	if a.lo > a.hi() {
		return 0, 0, false
	}
	return a.lo, a.hi(), true
}

// Signed returns the signed bounds of a. ok is false when a is empty or
// wraps from 0x7FFFFFFF to 0x80000000. Top is [-2^31, 2^31-1] with ok true.
func (a Interval) Signed() (lo, hi int32, ok bool) {
	switch a.k {
	case top:
		return math.MinInt32, math.MaxInt32, true
	case bottom:
		return 0, 0, false
	}
	if int32(a.lo) > int32(a.hi()) {
		return 0, 0, false
	}
	return int32(a.lo), int32(a.hi()), true
}

// String formats a for diagnostics: "any", "empty", a constant in signed
// decimal ("-5"), or bounds "[lo, hi]" read signed when the arc has a signed
// reading ("[-100, 100]"), else unsigned ("[2147483632, 2147483664]"). An
// arc that crosses both boundaries is nearly the whole circle; its
// complement is a short arc, so it prints as "not 10" or "not [11, 20]".
func (a Interval) String() string {
	switch a.k {
	case top:
		return "any"
	case bottom:
		return "empty"
	}
	if v, ok := a.IsConst(); ok {
		return fmt.Sprint(int32(v))
	}
	if lo, hi, ok := a.Signed(); ok {
		return fmt.Sprintf("[%d, %d]", lo, hi)
	}
	if lo, hi, ok := a.Unsigned(); ok {
		return fmt.Sprintf("[%d, %d]", lo, hi)
	}
	// The complement is an arc (w <= 2^32-2, so it is not empty) inside one
	// half of the circle, so it reads the same signed or unsigned.
	return "not " + mk(a.hi()+1, uint64(mod-2-uint64(a.w))).String()
}

// Join returns the smallest arc containing a and b (Top if none is smaller
// than the circle).
func (a Interval) Join(b Interval) Interval {
	switch {
	case a.k == bottom:
		return b
	case b.k == bottom:
		return a
	case a.k == top || b.k == top:
		return Top()
	}
	// The smallest covering arc starts where a or b starts and ends where a
	// or b ends: four candidates.
	cands := [4]Interval{a, b, between(a.lo, b.hi()), between(b.lo, a.hi())}
	best := Top()
	for _, c := range cands {
		if a.Leq(c) && b.Leq(c) && c.Size() < best.Size() {
			best = c
		}
	}
	return best
}

// between returns the arc running forward from lo to hi.
func between(lo, hi uint32) Interval { return mk(lo, uint64(hi-lo)) }

// Meet returns an arc containing the intersection of a and b, Bottom when
// they are disjoint. The intersection of two arcs may be two arcs; the result
// is then the smaller arc covering both pieces.
func (a Interval) Meet(b Interval) Interval {
	switch {
	case a.k == bottom || b.k == bottom:
		return Bottom()
	case a.k == top:
		return b
	case b.k == top:
		return a
	}
	// Unroll the circle: a is [A, A+wa] on the integers, and b meets it only
	// as one of its copies shifted by -2^32, 0 or +2^32.
	A, B := int64(a.lo), int64(b.lo)
	r := Bottom()
	for _, shift := range [3]int64{-mod, 0, mod} {
		lo := max(A, B+shift)
		hi := min(A+int64(a.w), B+shift+int64(b.w))
		if lo <= hi {
			r = r.Join(Range(lo, hi))
		}
	}
	return r
}

// Widen returns an upper bound of a and next for loop heads. A bound that
// grows jumps to the next limit in its direction: the upper bound to the
// nearer of 0x7FFFFFFF (INT_MAX) and 0xFFFFFFFF (UINT_MAX), the lower bound
// to the nearer of 0 and 0x80000000 (INT_MIN); when both bounds grow at
// once the result is Top.
//
// Termination: the arc only grows and stays narrower than the circle. Each
// non-Top widening step lands one bound on a limit. Once the same bound has
// landed twice, the arc contains both limits of that bound and the limit of
// the other bound just past the first, so any further growth covers the
// circle. Once each bound has landed once, the arc is exactly a half circle
// ([0, INT_MAX] or [INT_MIN, UINT_MAX]) whose next limit on either side is
// the other end. Either way the next change is to Top. Hence a chain
// x1 = x0.Widen(y0), x2 = x1.Widen(y1), ... changes value at most 3 times
// after its first non-empty value (two limit jumps, then Top), at most 4
// times starting from Bottom, however the y's are chosen.
func (a Interval) Widen(next Interval) Interval {
	if a.k == bottom {
		return next
	}
	j := a.Join(next)
	if j == a || j.k != arc {
		return j
	}
	grewLo, grewHi := j.lo != a.lo, j.hi() != a.hi()
	switch {
	case grewLo && grewHi:
		return Top()
	case grewHi:
		h := j.hi()
		d := min(uint32(math.MaxInt32)-h, math.MaxUint32-h) // forward distance to the nearer limit
		return mk(j.lo, uint64(j.w)+uint64(d))
	default:
		l := j.lo
		d := min(l-0x80000000, l) // backward distance to the nearer limit
		return mk(l-d, uint64(j.w)+uint64(d))
	}
}

// span is a piece of an interval read as integers in one order, lo <= hi.
type span struct{ lo, hi int64 }

// signedSpans cuts a at the signed pole into at most two spans of int32
// values in signed order. Top is one span.
func (a Interval) signedSpans() (s [2]span, n int) {
	switch a.k {
	case top:
		s[0] = span{math.MinInt32, math.MaxInt32}
		return s, 1
	case bottom:
		return s, 0
	}
	lo, hi := int64(int32(a.lo)), int64(int32(a.hi()))
	if lo <= hi {
		s[0] = span{lo, hi}
		return s, 1
	}
	s[0], s[1] = span{lo, math.MaxInt32}, span{math.MinInt32, hi}
	return s, 2
}

// unsignedSpans cuts a at the unsigned pole into at most two spans of uint32
// values in unsigned order. Top is one span.
func (a Interval) unsignedSpans() (s [2]span, n int) {
	switch a.k {
	case top:
		s[0] = span{0, math.MaxUint32}
		return s, 1
	case bottom:
		return s, 0
	}
	lo, hi := int64(a.lo), int64(a.hi())
	if lo <= hi {
		s[0] = span{lo, hi}
		return s, 1
	}
	s[0], s[1] = span{lo, math.MaxUint32}, span{0, hi}
	return s, 2
}

// bounds returns the smallest and largest member of a in the order given by
// spans (signedSpans or unsignedSpans); ok is false for Bottom.
func bounds(s [2]span, n int) (lo, hi int64, ok bool) {
	if n == 0 {
		return 0, 0, false
	}
	lo, hi = s[0].lo, s[0].hi
	for _, p := range s[1:n] {
		lo, hi = min(lo, p.lo), max(hi, p.hi)
	}
	return lo, hi, true
}
