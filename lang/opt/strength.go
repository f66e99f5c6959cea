package opt

import (
	"math/bits"

	"github.com/nexusfleet/nexus/lang/ir"
)

// strength replaces multiplications and divisions by constants with
// cheaper operations where the result is bit for bit the same under the
// ISA's semantics (isa.Mul, isa.Div), wraparound included. With a
// constant C whose low k bits are zero (C = c·2^k) and a shift k:
//
//	mul x, C, k  →  mul x, c, 0      (x·c·2^k >> k = x·c exactly in 64 bits)
//	div x, C, k  →  div x, c, 0      (x·2^k / (c·2^k) = x / c)
//
// and with C = 2^m, 0 ≤ m ≤ 30 (a positive int32):
//
//	mul x, 2^m, k  →  shl x, m-k      when m ≥ k (low 32 bits of x·2^(m-k))
//	mul x, 2^m, k  →  shr.asr x, k-m  when m < k (floor(x / 2^(k-m)))
//	div x, 2^m, k  →  shl x, k-m      when m ≤ k (x·2^(k-m), exact)
//
// and mul x, -2^k, k → neg x (x·(-2^k) >> k = -x exactly in 64 bits).
//
// Signed division by a power of two truncates towards zero, which no
// single shift does, so it stays a Div. The tests check every rule
// against ir.Eval on edge and random operands.
func strength(f *ir.Func) bool {
	consts := constants(f)
	changed := false
	for _, b := range f.Blocks {
		for k := 0; k < len(b.Instrs); k++ {
			in := b.Instrs[k]
			if in.Op != ir.OpMul && in.Op != ir.OpDiv {
				continue
			}
			if in.Op == ir.OpMul {
				if _, ok := consts[in.B]; !ok {
					if _, ok := consts[in.A]; ok {
						in.A, in.B = in.B, in.A
					}
				}
			}
			c, ok := consts[in.B]
			if !ok || c == 0 {
				continue
			}
			if in.Op == ir.OpMul && int32(c) == -1<<uint(in.Imm) && in.Imm >= 0 && in.Imm < 31 {
				// x·(-2^k) >> k is -x exactly in 64 bits: one negation.
				in.Op, in.B, in.Imm = ir.OpNeg, 0, 0
				changed = true
				continue
			}
			shift, op, amount, ok := reduce(in.Op, in.Imm, c)
			if !ok {
				continue
			}
			if op != in.Op || amount != c {
				n := &ir.Instr{Op: ir.OpConst, Dst: f.NewValue(), Imm: int32(amount), Pos: in.Pos}
				insertBefore(b, k, n)
				k++
				consts[n.Dst] = amount
				in.B = n.Dst
			}
			in.Op, in.Imm = op, shift
			changed = true
		}
	}
	return changed
}

// reduce returns the cheaper form of `op x, c, k`: the operation, its
// immediate and its constant operand.
func reduce(op ir.Op, k int32, c uint32) (imm int32, nop ir.Op, operand uint32, ok bool) {
	tz := int32(bits.TrailingZeros32(c))
	if c != 0 && bits.OnesCount32(c) == 1 && tz <= 30 {
		m := tz
		switch {
		case op == ir.OpMul && m >= k:
			return 0, ir.OpShl, uint32(m - k), true
		case op == ir.OpMul:
			return 1, ir.OpShr, uint32(k - m), true
		case m <= k:
			return 0, ir.OpShl, uint32(k - m), true
		}
	}
	if k > 0 && tz >= k {
		return 0, op, uint32(int32(c) >> uint(k)), true
	}
	return 0, 0, 0, false
}
