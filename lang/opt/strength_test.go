package opt

import (
	"math/rand/v2"
	"testing"

	"github.com/nexusfleet/nexus/lang/ir"
)

func TestStrength(t *testing.T) {
	checkPass(t, strength, `
tick tick() {
b0:
    v1 = read 16
    v2 = const 8
    v3 = mul v1, v2, 0
    v4 = const 524288
    v5 = mul v4, v1, 16
    v6 = const 196608
    v7 = mul v1, v6, 16
    v8 = div v1, v6, 16
    v9 = const 1
    v10 = div v1, v9, 16
    v11 = mul v1, v9, 16
    v12 = div v1, v2, 0
    store @0, v3
    store @4, v5
    store @8, v7
    store @12, v8
    store @16, v10
    store @20, v11
    store @24, v12
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    v2 = const 8
    v13 = const 3
    v3 = shl v1, v13
    v4 = const 524288
    v14 = const 3
    v5 = shl v1, v14
    v6 = const 196608
    v15 = const 3
    v7 = mul v1, v15, 0
    v16 = const 3
    v8 = div v1, v16, 0
    v9 = const 1
    v17 = const 16
    v10 = shl v1, v17
    v18 = const 16
    v11 = shr.asr v1, v18
    v12 = div v1, v2, 0
    store @0, v3
    store @4, v5
    store @8, v7
    store @12, v8
    store @16, v10
    store @20, v11
    store @24, v12
    halt
}`)
}

// TestReduceExact checks every rewrite reduce makes against ir.Eval, for
// every shift, every power of two and constants with trailing zeros, on
// edge and random operands.
func TestReduceExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	xs := []uint32{0, 1, 2, 3, 0xFFFFFFFF, 0xFFFFFFFE, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFF, 0x10000, 0xFFFF0000, 0x12345678, 0xDEADBEEF}
	for range 200 {
		xs = append(xs, rng.Uint32())
	}
	var cs []uint32
	for m := 0; m < 32; m++ {
		cs = append(cs, 1<<m, ^uint32(0)<<m, 3<<m, 5<<m, 0xFFFF<<m, uint32(rng.Uint32())<<m)
	}
	checked := 0
	for _, op := range []ir.Op{ir.OpMul, ir.OpDiv} {
		for k := int32(0); k < 32; k++ {
			for _, c := range cs {
				if c == 0 {
					continue
				}
				imm, nop, operand, ok := reduce(op, k, c)
				if !ok {
					continue
				}
				checked++
				for _, x := range xs {
					want, _ := ir.Eval(op, k, x, c)
					got, _ := ir.Eval(nop, imm, x, operand)
					if got != want {
						t.Fatalf("%s x=%#x, c=%#x, k=%d → %s %#x imm %d: got %#x, want %#x", op, x, c, k, nop, operand, imm, got, want)
					}
				}
			}
		}
	}
	if checked < 500 {
		t.Errorf("only %d rewrites checked", checked)
	}
}

// TestNegateExact checks mul x, -2^k, k = neg x against ir.Eval for every
// shift the rewrite takes, on edge and random operands.
func TestNegateExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	xs := []uint32{0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x80000001, 0x10000, 0xFFFF0000}
	for range 200 {
		xs = append(xs, rng.Uint32())
	}
	for k := int32(0); k < 31; k++ {
		c := uint32(int32(-1) << uint(k))
		for _, x := range xs {
			want, _ := ir.Eval(ir.OpMul, k, x, c)
			got, _ := ir.Eval(ir.OpNeg, 0, x, 0)
			if got != want {
				t.Fatalf("mul %#x, %#x, %d = %#x, neg gives %#x", x, c, k, want, got)
			}
		}
	}
	checkPass(t, strength, `
tick tick() {
b0:
    v1 = read 16
    v2 = const -65536
    v3 = mul v1, v2, 16
    store @0, v3
    halt
}`, `
tick tick() {
b0:
    v1 = read 16
    v2 = const -65536
    v3 = neg v1
    store @0, v3
    halt
}`)
}
