package interval

import (
	"math"
	"testing"
)

// FuzzTransfer builds two intervals and a member of each from fuzzed words
// and runs the soundness checker on them: every transfer function, the
// lattice operations and Refine for every condition.
//
// Each interval is shaped by a kind byte (0 Top, 1 Bottom, 2 constant, else
// an arc of width w); members are lo + off mod (width+1).
func FuzzTransfer(f *testing.F) {
	const maxU, maxI, minI = math.MaxUint32, math.MaxInt32, 0x80000000
	seeds := [][8]uint32{
		// ka, alo, aw, xoff, kb, blo, bw, yoff
		{2, maxI, 0, 0, 2, 1, 0, 0},          // INT_MAX + 1
		{2, minI, 0, 0, 2, maxU, 0, 0},       // INT_MIN / -1
		{3, 0, 16383, 77, 2, 4, 0, 0},        // index * 4
		{3, 1024, 0, 0, 3, 0, 99, 42},        // base + index
		{3, maxU - 99, 200, 100, 2, 0, 0, 0}, // [-100, 100] vs 0
		{3, maxI - 15, 32, 16, 3, maxU, 2, 1},
		{0, 0, 0, 5, 2, 33, 0, 0},   // shift count masked
		{0, 0, 0, 9, 2, 0xFC, 0, 0}, // mask
		{3, 65532, 8, 3, 3, 65530, 4, 2},
		{3, 1, maxU - 2, 0, 3, 0, maxU - 2, 7}, // nearly the whole circle
		{1, 0, 0, 0, 3, 5, 5, 5},
	}
	for _, s := range seeds {
		f.Add(uint8(s[0]), s[1], s[2], s[3], uint8(s[4]), s[5], s[6], s[7], uint32(0))
		f.Add(uint8(s[0]), s[1], s[2], s[3], uint8(s[4]), s[5], s[6], s[7], uint32(16))
	}
	f.Fuzz(func(t *testing.T, ka uint8, alo, aw, xoff uint32, kb uint8, blo, bw, yoff, k uint32) {
		a, x := fuzzed(ka, alo, aw, xoff)
		b, y := fuzzed(kb, blo, bw, yoff)
		if a.IsBottom() || b.IsBottom() {
			// No members: the only law is that operations stay infeasible.
			if !Add(a, b).IsBottom() || !Mul(a, b, k).IsBottom() || !Shr(a, b, true).IsBottom() {
				t.Fatalf("operation on %v, %v is feasible", a, b)
			}
			return
		}
		if err := soundness(a, b, x, y, k); err != nil {
			t.Fatal(err)
		}
	})
}

func fuzzed(kind uint8, lo, w, off uint32) (Interval, uint32) {
	switch kind % 8 {
	case 0:
		return Top(), lo + off
	case 1:
		return Bottom(), 0
	case 2:
		return Const(lo), lo
	}
	a := mk(lo, uint64(w))
	if a.IsTop() {
		return a, lo + off
	}
	return a, a.lo + uint32(uint64(off)%(uint64(a.w)+1))
}
