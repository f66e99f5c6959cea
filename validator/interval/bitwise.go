package interval

import "math/bits"

// Bitwise transfer functions. Bounds come from the operands' unsigned spans
// by the bit-by-bit methods of Hacker's Delight (Warren, §4-3), which give the
// exact unsigned minimum and maximum of x op y over a pair of spans in at
// most 32 steps. AND with a constant mask m < 2^31 is thus within [0, m].

// And is AND.
func And(a, b Interval) Interval {
	return bitwise(a, b, func(x, y uint32) uint32 { return x & y }, minAnd, maxAnd)
}

// Or is OR.
func Or(a, b Interval) Interval {
	return bitwise(a, b, func(x, y uint32) uint32 { return x | y }, minOr, maxOr)
}

// Xor is XOR.
func Xor(a, b Interval) Interval {
	return bitwise(a, b, func(x, y uint32) uint32 { return x ^ y }, minXor, maxXor)
}

// bound returns the unsigned minimum or maximum of x op y for x in [a, b]
// and y in [c, d].
type bound func(a, b, c, d uint32) uint32

func bitwise(a, b Interval, op func(x, y uint32) uint32, lo, hi bound) Interval {
	if empty(a, b) {
		return Bottom()
	}
	if x, y, ok := consts(a, b); ok {
		return Const(op(x, y))
	}
	sa, na := a.unsignedSpans()
	sb, nb := b.unsignedSpans()
	r := Bottom()
	for _, p := range sa[:na] {
		for _, q := range sb[:nb] {
			a, b, c, d := uint32(p.lo), uint32(p.hi), uint32(q.lo), uint32(q.hi)
			r = r.Join(Range(int64(lo(a, b, c, d)), int64(hi(a, b, c, d))))
		}
	}
	return r
}

// The functions below follow Hacker's Delight: scanning from the top bit,
// find the first position where one bound can be raised (or lowered) to a
// power-of-two boundary without leaving its range, which changes the result
// in the desired direction; then combine.
//
// The scan starts at scanStart(a, b, c, d), not bit 31: above the highest bit in
// which a range's bounds differ, raising or lowering a bound at bit m leaves
// the range, so those steps never fire. This halves the work for the usual
// small ranges.

// scanStart returns the highest bit where a differs from b or c from d, or 0.
func scanStart(a, b, c, d uint32) uint32 {
	x := (a ^ b) | (c ^ d)
	if x == 0 {
		return 0
	}
	return 1 << (bits.Len32(x) - 1)
}

func minOr(a, b, c, d uint32) uint32 {
	for m := scanStart(a, b, c, d); m != 0; m >>= 1 {
		if ^a&c&m != 0 {
			if t := (a | m) & -m; t <= b {
				a = t
				break
			}
		} else if a&^c&m != 0 {
			if t := (c | m) & -m; t <= d {
				c = t
				break
			}
		}
	}
	return a | c
}

func maxOr(a, b, c, d uint32) uint32 {
	for m := scanStart(a, b, c, d); m != 0; m >>= 1 {
		if b&d&m != 0 {
			if t := (b - m) | (m - 1); t >= a {
				b = t
				break
			}
			if t := (d - m) | (m - 1); t >= c {
				d = t
				break
			}
		}
	}
	return b | d
}

func minAnd(a, b, c, d uint32) uint32 {
	for m := scanStart(a, b, c, d); m != 0; m >>= 1 {
		if ^a&^c&m != 0 {
			if t := (a | m) & -m; t <= b {
				a = t
				break
			}
			if t := (c | m) & -m; t <= d {
				c = t
				break
			}
		}
	}
	return a & c
}

func maxAnd(a, b, c, d uint32) uint32 {
	for m := scanStart(a, b, c, d); m != 0; m >>= 1 {
		if b&^d&m != 0 {
			if t := (b &^ m) | (m - 1); t >= a {
				b = t
				break
			}
		} else if ^b&d&m != 0 {
			if t := (d &^ m) | (m - 1); t >= c {
				d = t
				break
			}
		}
	}
	return b & d
}

// minXor and maxXor do not stop at the first change: every lower bit may
// still improve the result (Hacker's Delight, §4-3).
func minXor(a, b, c, d uint32) uint32 {
	for m := scanStart(a, b, c, d); m != 0; m >>= 1 {
		if ^a&c&m != 0 {
			if t := (a | m) & -m; t <= b {
				a = t
			}
		} else if a&^c&m != 0 {
			if t := (c | m) & -m; t <= d {
				c = t
			}
		}
	}
	return a ^ c
}

func maxXor(a, b, c, d uint32) uint32 {
	for m := scanStart(a, b, c, d); m != 0; m >>= 1 {
		if b&d&m != 0 {
			if t := (b - m) | (m - 1); t >= a {
				b = t
			} else if t := (d - m) | (m - 1); t >= c {
				d = t
			}
		}
	}
	return b ^ d
}
