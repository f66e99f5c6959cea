package interval

import (
	"math"
	"testing"

	"github.com/nexusfleet/nexus/vm/isa"
)

// Table tests: the exact results the validator relies on for common code
// shapes. Soundness in general is prop_test.go's job.

const (
	intMin = 0x80000000 // as a word
	intMax = math.MaxInt32
	uMax   = math.MaxUint32
)

// neg returns the word of a negative int.
func neg(v int32) uint32 { return uint32(v) }

func TestConstruct(t *testing.T) {
	tests := []struct {
		name      string
		got, want Interval
	}{
		{"zero value is Top", Interval{}, Top()},
		{"empty range", Range(5, 4), Bottom()},
		{"one word", Range(7, 7), Const(7)},
		{"2^32 words", Range(0, uMax), Top()},
		{"more than 2^32", Range(-1, uMax), Top()},
		{"int64 extremes", Range(math.MinInt64, math.MaxInt64), Top()},
		{"all but one word", Range(1, uMax), Refine1(isa.CondNE, Top(), Const(0))},
		{"signed range is unsigned-wrapping", Range(-100, 100), Range(uMax-99, uMax+101)},
		{"negative constant", Range(-5, -5), Const(neg(-5))},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if Range(0, uMax-1).IsTop() || Range(0, uMax-1).Size() != uMax {
		t.Errorf("Range(0, 2^32-2) = %v, want 2^32-1 words", Range(0, uMax-1))
	}
}

// Refine1 returns the refined first operand.
func Refine1(c isa.Cond, a, b Interval) Interval {
	ra, _ := Refine(c, true, a, b)
	return ra
}

func TestViews(t *testing.T) {
	tests := []struct {
		a              Interval
		ulo, uhi       uint32
		uok            bool
		slo, shi       int32
		sok, zero      bool
		str            string
		size           uint64
		constV, constK bool
	}{
		{Top(), 0, uMax, true, math.MinInt32, intMax, true, true, "any", 1 << 32, false, false},
		{Bottom(), 0, 0, false, 0, 0, false, false, "empty", 0, false, false},
		{Range(0, 65532), 0, 65532, true, 0, 65532, true, true, "[0, 65532]", 65533, false, false},
		{Const(neg(-5)), neg(-5), neg(-5), true, -5, -5, true, false, "-5", 1, true, true},
		{Range(-100, 100), 0, 0, false, -100, 100, true, true, "[-100, 100]", 201, false, false},
		{Range(0x7FFFFFF0, 0x80000010), 0x7FFFFFF0, 0x80000010, true, 0, 0, false, false, "[2147483632, 2147483664]", 33, false, false},
		{Range(-math.MaxInt32-1, -1), intMin, uMax, true, math.MinInt32, -1, true, false, "[-2147483648, -1]", 1 << 31, false, false},
		{Range(1, uMax), 1, uMax, true, 0, 0, false, false, "[1, 4294967295]", uMax, false, false},
		{Range(6, uMax+5), 0, 0, false, 0, 0, false, true, "not 5", uMax, false, false},
		{Range(0x70000000, 0x110000000), 0, 0, false, 0, 0, false, true, "not [268435457, 1879048191]", 0xA0000001, false, false},
	}
	for _, tt := range tests {
		ulo, uhi, uok := tt.a.Unsigned()
		slo, shi, sok := tt.a.Signed()
		if ulo != tt.ulo || uhi != tt.uhi || uok != tt.uok {
			t.Errorf("%v.Unsigned() = %d, %d, %v", tt.a, ulo, uhi, uok)
		}
		if slo != tt.slo || shi != tt.shi || sok != tt.sok {
			t.Errorf("%v.Signed() = %d, %d, %v", tt.a, slo, shi, sok)
		}
		if tt.a.ContainsZero() != tt.zero {
			t.Errorf("%v.ContainsZero() = %v", tt.a, !tt.zero)
		}
		if s := tt.a.String(); s != tt.str {
			t.Errorf("String() = %q, want %q", s, tt.str)
		}
		if n := tt.a.Size(); n != tt.size {
			t.Errorf("%v.Size() = %d, want %d", tt.a, n, tt.size)
		}
		if _, ok := tt.a.IsConst(); ok != tt.constK {
			t.Errorf("%v.IsConst() ok = %v", tt.a, ok)
		}
	}
}

func TestLattice(t *testing.T) {
	tests := []struct {
		name      string
		got, want Interval
	}{
		{"join adjacent", Range(0, 10).Join(Range(11, 20)), Range(0, 20)},
		{"join across zero", Range(0, 10).Join(Const(neg(-16))), Range(-16, 10)},
		{"join across INT_MAX", Const(intMax).Join(Const(intMin)), Range(intMax, intMin)},
		{"join picks the short way", Const(5).Join(Const(uMax - 5)), Range(-6, 5)},
		{"join covering the circle", Range(0, 0xA0000000).Join(Range(0x90000000, 0x110000000)), Top()},
		{"join bottom", Bottom().Join(Const(3)), Const(3)},
		{"meet", Range(0, 100).Meet(Range(50, 200)), Range(50, 100)},
		{"meet disjoint", Range(0, 10).Meet(Range(20, 30)), Bottom()},
		{"meet wrapped", Range(-100, 100).Meet(Range(0, 65532)), Range(0, 100)},
		// The intersection is [-100, -50] and [50, 100]; one arc covers both.
		{"meet two pieces", Range(-100, 100).Meet(Range(50, uMax-49)), Range(-100, 100)},
		{"meet top", Top().Meet(Range(3, 4)), Range(3, 4)},
		{"widen stable", Range(0, 10).Widen(Range(2, 5)), Range(0, 10)},
		{"widen counting up", Const(0).Widen(Range(0, 1)), Range(0, intMax)},
		{"widen past INT_MAX", Range(10, intMax).Widen(Range(10, intMin)), Range(10, uMax)},
		{"widen past UINT_MAX", Range(10, uMax).Widen(Range(10, uMax+1)), Top()},
		{"widen counting down", Const(100).Widen(Range(99, 100)), Range(0, 100)},
		{"widen below zero", Range(0, 100).Widen(Range(-1, 100)), Range(-math.MaxInt32-1, 100)},
		{"widen both ends", Range(0, 10).Widen(Range(-1, 11)), Top()},
		{"widen from bottom", Bottom().Widen(Const(4)), Const(4)},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if !Range(2, 5).Leq(Range(0, 10)) || Range(0, 10).Leq(Range(2, 5)) || !Bottom().Leq(Const(1)) || Top().Leq(Range(0, uMax-1)) {
		t.Error("Leq")
	}
}

func TestTransfer(t *testing.T) {
	tests := []struct {
		name      string
		got, want Interval
	}{
		{"add wraps to INT_MIN", Add(Const(intMax), Const(1)), Const(intMin)},
		{"add base+index", Add(Const(1024), Range(0, 99)), Range(1024, 1123)},
		{"add too wide", Add(Range(0, 1<<31), Range(0, 1<<31)), Top()},
		{"add bottom", Add(Bottom(), Const(1)), Bottom()},
		{"sub", Sub(Range(0, 10), Range(0, 10)), Range(-10, 10)},
		{"sub wraps", Sub(Const(0), Const(1)), Const(uMax)},
		{"not", Not(Range(-100, 100)), Range(-101, 99)},
		{"mul index*4", Mul(Range(0, 15), Const(4), 0), Range(0, 60)},
		{"mul by negative", Mul(Range(-3, 5), Const(neg(-4)), 0), Range(-20, 12)},
		{"mul across INT_MAX", Mul(Range(0x7FFFFFF0, 0x80000010), Const(2), 0), Range(-32, 32)},
		{"mul by zero", Mul(Top(), Const(0), 0), Const(0)},
		{"mul fixed point", Mul(Range(0, 100), Range(0, 100), 4), Range(0, 625)},
		{"mul k const", Mul(Const(3<<16), Const(neg(-2<<16)), 16), Const(neg(-6 << 16))},
		{"mul wraps const", Mul(Const(0x10000), Const(0x10000), 0), Const(0)},
		{"mul too wide", Mul(Range(0, 1<<20), Range(0, 1<<20), 0), Top()},
		{"div", Div(Range(0, 100), Const(4), 0), Range(0, 25)},
		{"div truncates", Div(Const(neg(-7)), Const(2), 0), Const(neg(-3))},
		{"div INT_MIN/-1", Div(Const(intMin), Const(uMax), 0), Const(intMin)},
		{"div INT_MIN/-1 in ranges", Div(Range(-math.MaxInt32-1, -math.MaxInt32), Const(uMax), 0), Range(intMax, intMin)},
		{"div excludes zero", Div(Range(-100, 100), Range(-2, 2), 0), Range(-100, 100)},
		{"div by zero only", Div(Range(0, 100), Const(0), 0), Bottom()},
		{"div k", Div(Range(1, 3), Const(2), 16), Range(1<<15, 3<<15)},
		{"div k const", Div(Const(1), Const(3), 16), Const(21845)},
		{"div k>=32", Div(Range(1, 3), Const(2), 32), Top()},
		{"and mask", And(Top(), Const(0xFC)), Range(0, 0xFC)},
		{"and align", And(Range(-8, 8), Const(neg(-4))), Range(-8, 8)},
		{"or", Or(Range(0, 15), Const(0x100)), Range(0x100, 0x10F)},
		{"xor", Xor(Range(0, 15), Const(0xFF)), Range(0xF0, 0xFF)},
		{"shl index*4", Shl(Range(0, 15), Const(2)), Range(0, 60)},
		{"shl count masked", Shl(Range(0, 15), Const(34)), Range(0, 60)},
		{"shl count 32 is 0", Shl(Range(0, 15), Const(32)), Range(0, 15)},
		{"shl count range", Shl(Range(0, 15), Range(0, 3)), Range(0, 120)},
		{"shl const wraps", Shl(Const(3), Const(31)), Const(intMin)},
		{"shl top", Shl(Top(), Const(2)), Range(0, uMax-3)},
		{"shl top by 0", Shl(Top(), Const(0)), Top()},
		{"shl across INT_MAX", Shl(Range(0x7FFFFFF0, 0x80000010), Const(1)), Range(-32, 32)},
		{"shl signed range, count range", Shl(Range(-2, 3), Range(1, 4)), Range(-32, 48)},
		{"shr logical", Shr(Top(), Const(28), false), Range(0, 15)},
		{"shr arithmetic", Shr(Top(), Const(28), true), Range(-8, 7)},
		{"shr INT_MIN logical", Shr(Const(intMin), Const(31), false), Const(1)},
		{"shr INT_MIN arithmetic", Shr(Const(intMin), Const(31), true), Const(uMax)},
		{"shr count masked", Shr(Const(intMin), Const(33), false), Const(0x40000000)},
		{"sar signed range", Shr(Range(-8, 8), Const(1), true), Range(-4, 4)},
		{"shr count range", Shr(Range(64, 128), Range(1, 2), false), Range(16, 64)},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestRefine(t *testing.T) {
	ten := Const(10)
	tests := []struct {
		c            isa.Cond
		holds        bool
		a, b         Interval
		wantA, wantB Interval
	}{
		{isa.CondLT, true, Top(), ten, Range(-math.MaxInt32-1, 9), ten},
		{isa.CondLT, false, Top(), ten, Range(10, intMax), ten},
		{isa.CondLT, true, ten, Top(), ten, Range(11, intMax)},
		{isa.CondLE, true, Top(), ten, Range(-math.MaxInt32-1, 10), ten},
		{isa.CondGT, true, Top(), ten, Range(11, intMax), ten},
		{isa.CondGT, true, ten, Top(), ten, Range(-math.MaxInt32-1, 9)},
		{isa.CondGE, true, Range(-100, 100), Const(0), Range(0, 100), Const(0)},
		{isa.CondGE, false, Range(-100, 100), Const(0), Range(-100, -1), Const(0)},
		{isa.CondLT, true, Range(0, 100), Range(50, 60), Range(0, 59), Range(50, 60)},
		{isa.CondLT, true, Top(), Const(intMin), Bottom(), Bottom()},
		{isa.CondLTU, true, Top(), ten, Range(0, 9), ten},
		{isa.CondLTU, false, Top(), ten, Range(10, uMax), ten},
		{isa.CondLTU, true, Range(-100, 100), Const(50), Range(0, 49), Const(50)},
		{isa.CondLTU, true, Top(), Const(0), Bottom(), Bottom()},
		{isa.CondLEU, true, Top(), Const(65532), Range(0, 65532), Const(65532)},
		{isa.CondGTU, true, ten, Top(), ten, Range(0, 9)},
		{isa.CondGEU, true, Top(), ten, Range(10, uMax), ten},
		{isa.CondEQ, true, Range(0, 100), Range(50, 200), Range(50, 100), Range(50, 100)},
		{isa.CondEQ, true, Range(0, 10), Range(20, 30), Bottom(), Bottom()},
		{isa.CondEQ, false, Range(0, 10), Const(0), Range(1, 10), Const(0)},
		{isa.CondNE, true, Range(0, 10), Const(10), Range(0, 9), Const(10)},
		{isa.CondNE, true, Const(10), Range(10, 20), Const(10), Range(11, 20)},
		{isa.CondNE, true, Top(), Const(0), Range(1, uMax), Const(0)},
		{isa.CondNE, true, Range(0, 10), Const(5), Range(0, 10), Const(5)},
		{isa.CondNE, true, ten, ten, Bottom(), Bottom()},
		{isa.CondNE, false, Range(0, 10), Range(5, 20), Range(5, 10), Range(5, 10)},
		{isa.CondNone, true, Top(), ten, Top(), ten},
		{isa.CondNone, false, Top(), ten, Top(), ten},
		{isa.Cond(99), true, Top(), ten, Top(), ten},
	}
	for _, tt := range tests {
		ga, gb := Refine(tt.c, tt.holds, tt.a, tt.b)
		if ga != tt.wantA || gb != tt.wantB {
			t.Errorf("Refine(%v, %v, %v, %v) = %v, %v, want %v, %v",
				tt.c, tt.holds, tt.a, tt.b, ga, gb, tt.wantA, tt.wantB)
		}
	}
}
