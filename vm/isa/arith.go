package isa

// Pure arithmetic shared by the VM and the compiler's constant folder, so
// both agree bit for bit. All values are 32-bit two's complement held in
// uint32.

// Mul returns the low 32 bits of floor(a*b / 2^k) with a and b signed and the
// product computed in 64 bits. k = 0 is the plain wrapping multiply.
func Mul(a, b uint32, k uint32) uint32 {
	return uint32((int64(int32(a)) * int64(int32(b))) >> (k & 63))
}

// Div returns the low 32 bits of trunc((a * 2^k) / b), signed, with the
// dividend formed in 64 bits. ok is false when b is zero. INT_MIN / -1 with
// k = 0 yields INT_MIN.
func Div(a, b uint32, k uint32) (q uint32, ok bool) {
	if b == 0 {
		return 0, false
	}
	n := int64(int32(a)) << (k & 63)
	d := int64(int32(b))
	return uint32(n / d), true
}

// Shl returns a << (s & 31).
func Shl(a, s uint32) uint32 { return a << (s & 31) }

// Shr returns a >> (s & 31), logical, or arithmetic when arith is set.
func Shr(a, s uint32, arith bool) uint32 {
	if arith {
		return uint32(int32(a) >> (s & 31))
	}
	return a >> (s & 31)
}
